"""Hostile and broken input: one site holding every broken input we know, next to
good pages, imported and built once.

Each row of :data:`CATALOGUE` is one broken input: the file it is in, what it
holds, the one warning it must give (type, file, line) and a good text of the
page that must still be served at its URL. The import's problems count as
warnings (``hugo.<kind>``, located in the Hugo site); so do the Sphinx build's
(``<type>.<subtype>``, located in the handbook source). Every warning of the run
must be one of the catalogue's, so an input that gives two warnings, or one
without a line, fails here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from ext.hugo_import.importer import import_site

from .conftest import build, new_docs, write_site

#: About 5 MB of Markdown: 60,000 paragraphs.
BIG_PAGE = "\n\n".join(f"Paragraph {i} of a very long page, with words to fill the line up to length." for i in range(60_000))
NESTING = 2000


@dataclass(frozen=True)
class Case:
    """One broken input: ``file`` (under the site root, or ``docs:`` + a path in the
    handbook source for a warning of the build) gets ``content``; it must give the one
    warning ``(kind, where, line)`` (``kind`` ``None``: no warning at all) and the page
    ``url`` must still show ``text``."""

    name: str
    file: str
    content: str | bytes
    kind: str | None
    line: int
    url: str = ""
    text: str = ""
    where: str = ""

    @property
    def location(self) -> str:
        return self.where or self.file


def _page(title: str, body: str, extra: str = "") -> str:
    return f'+++\ntitle = "{title}"\n{extra}+++\n{body}\n'


CATALOGUE = [
    # -- front matter -----------------------------------------------------------------
    Case("broken TOML front matter", "content/bad/toml.md",
         '+++\ntitle = "Broken TOML\n+++\nToml body text.\n', "hugo.front-matter", 2, "/bad/toml/", "Toml body text."),
    Case("broken YAML front matter", "content/bad/yaml.md",
         "---\ntitle: [unclosed\n---\nYaml body text.\n", "hugo.front-matter", 2, "/bad/yaml/", "Yaml body text."),
    Case("front matter never closed", "content/bad/unclosed.md",
         '+++\ntitle = "Never closed"\n\nUnclosed body text.\n', "hugo.front-matter", 1, "/bad/unclosed/", "Unclosed body text."),
    # -- data files ---------------------------------------------------------------------
    Case("invalid JSON in the conference archive", "data/conferences/archive/2001-Broken.json",
         '{\n "title": "Broken",\n "startDate": "2001-05-01",\n}\n', "hugo.event-data", 4),
    Case("programme session whose presentations is a string", "data/conferences/archive/2019-Types.json",
         "", "programmes.bad-value", 11, "/conferences/archive/2019-types/", "Just a string talk",
         where="docs:_data/programmes/2019-Types.json"),
    Case("programme session whose title is a number", "data/conferences/archive/2019-Types.json",
         "", "programmes.bad-value", 14, "/conferences/archive/2019-types/", "Good talk",
         where="docs:_data/programmes/2019-Types.json"),
    Case("conference without a date", "data/conferences/archive/2020-Nodate.json",
         '{\n "title": "No date at all",\n "city": "Nowhere, Land"\n}\n', "hugo.event-data", 1),
    Case("programme page whose datalink names no file", "content/conferences/archive/2021-Lost.md",
         _page("IASSIST 2021", "Lost programme text.", 'type = "conferences-archive"\ndatalink = "/data/conferences/archive/2021-Lost.json"\n'),
         "hugo.missing-file", 4, "/conferences/archive/2021-lost/", "Lost programme text."),
    # -- shortcodes, links, images --------------------------------------------------------
    Case("unknown shortcode", "content/bad/shortcode.md",
         _page("Shortcode", 'Before.\n\n{{< gallery dir="x" >}}\n\nShortcode body text.'),
         "hugo.unknown-shortcode", 6, "/bad/shortcode/", "Shortcode body text."),
    Case("link to a missing page", "content/bad/deadlink.md",
         _page("Dead link", "See [nowhere](/no/such/page/) for deadlink text."),
         "hugo.dead-link", 4, "/bad/deadlink/", "deadlink text"),
    Case("missing image", "content/bad/image.md",
         _page("Image", "![a cat](/img/missing.png)\n\nImage body text."), "hugo.missing-file", 4, "/bad/image/", "Image body text."),
    # -- size, depth, mixtures ------------------------------------------------------------
    Case("a 5 MB page", "content/bad/big.md", _page("Big", BIG_PAGE), None, 0, "/bad/big/", "Paragraph 59999 of a very long page"),
    Case("deeply nested HTML", "content/bad/nested.md",
         _page("Nested", "<div>" * NESTING + "Deep nested text" + "</div>" * NESTING), "hugo.deep-html", 4, "/bad/nested/", "Deep nested text"),
    Case("shortcode inside a fenced code block", "content/bad/fenced.md",
         _page("Fenced", '```\n{{< figure src="/img/a.png" >}}\n{{< nosuch >}}\n```\n\nFenced body text.'),
         None, 0, "/bad/fenced/", '{{< nosuch >}}'),
    Case("Markdown inside an HTML block", "content/bad/mdhtml.md",
         _page("Md in HTML", '<div class="box">\n\n**Bold inside** and [a link](/about/faq/).\n\n</div>\n\nMdhtml body text.'),
         None, 0, "/bad/mdhtml/", "Bold inside and a link."),
    Case("non-UTF-8 bytes (latin-1)", "content/bad/latin1.md",
         '+++\ntitle = "Latin"\n+++\nCaf\u00e9 latin text.\n'.encode("latin-1"), "hugo.encoding", 4, "/bad/latin1/", "latin text."),
    Case("file name with spaces and non-ASCII letters", "content/about/café menu.md",
         _page("Café menu", "Menu text of the café."), None, 0, "/about/café-menu/", "Menu text of the café."),
    Case("page claiming another page's URL (url front matter)", "content/bad/claim.md",
         _page("Claim", "Claim text.", 'url = "/good/alpha/"\n'), "hugo.url-collision", 3, "/good/alpha/", "Alpha text here."),
    Case("alias that is another page's URL", "content/good/beta.md",
         _page("Beta", "Beta text.", 'aliases = ["/about/faq/", "/old/beta/"]\n'), "hugo.redirect", 3, "/good/beta/", "Beta text."),
]

#: Good pages next to the bad ones (and the pages the member guide lists):
#: ``{content file: (URL, title, body)}``; each must be served at its URL with its body.
GOOD_PAGES = {
    "good/alpha.md": ("/good/alpha/", "Alpha", "Alpha text here."),
    "good/gamma.md": ("/good/gamma/", "Gamma", "Gamma links to Beta."),
    "about/become-a-member.md": ("/about/become-a-member/", "Become a member", "Join us."),
    "about/committees-and-groups.md": ("/about/committees-and-groups/", "Committees", "Committee text."),
    "about/iassist-discussion-list.md": ("/about/iassist-discussion-list/", "Discussion list", "List text."),
    "about/fellows-program.md": ("/about/fellows-program/", "Fellows", "Fellows text."),
    "about/iassist-achievement-award.md": ("/about/iassist-achievement-award/", "Award", "Award text."),
    "about/iassist-constitution.md": ("/about/iassist-constitution/", "Constitution", "Constitution text."),
    "community/code-of-conduct.md": ("/community/code-of-conduct/", "Code of conduct", "Be kind."),
    "conferences/archive/_index.md": ("/conferences/archive/", "Conference Archive", "Archive text."),
    "contact.md": ("/contact/", "Contact", "Write to us."),
}
#: Markdown of the good pages whose body is more than plain text.
GOOD_MARKDOWN = {"good/gamma.md": "Gamma links to [Beta](/good/beta/).\n\n![dot](/img/a.png)"}
GOOD_TEXTS = {
    "/about/": "About us.", "/about/faq/": "Text.", "/blog/2013/04/02/first-post/": "Hello.",
    **{url: body for url, _title, body in GOOD_PAGES.values()},
}

TYPES_PROGRAMME = {
    "title": "Types", "city": "Sydney, Australia", "dateText": "May 28-31, 2019",
    "startDate": "2019-05-28", "endDate": "2019-05-31",
    "sessions": [
        {"title": "S1", "day": "2019-05-28", "presentations": "Just a string talk"},
        {"title": 42, "day": "2019-05-29", "presentations": [{"title": "Good talk", "presenters": [{"name": "A B"}]}]},
    ],
}
TYPES_PAGE = _page("IASSIST 2019", "", 'type = "conferences-archive"\ndatalink = "/data/conferences/archive/2019-Types.json"\n')


def write_hostile_site(root: Path) -> Path:
    """The catalogue's site: every broken input of :data:`CATALOGUE` and the good pages."""
    pages = {rel: _page(title, GOOD_MARKDOWN.get(rel, body)) for rel, (_url, title, body) in GOOD_PAGES.items()}
    pages["conferences/archive/2019-Types.md"] = TYPES_PAGE
    pages.update({case.file.removeprefix("content/"): case.content for case in CATALOGUE if case.file.startswith("content/")})
    site = write_site(root, pages)
    for case in CATALOGUE:
        if case.file.startswith("data/") and case.content:
            (site / case.file).parent.mkdir(parents=True, exist_ok=True)
            (site / case.file).write_text(case.content, encoding="utf-8")
    (site / "data/conferences/archive/2019-Types.json").write_text(json.dumps(TYPES_PROGRAMME, indent=1), encoding="utf-8")
    return site


@dataclass(frozen=True)
class Warning:
    """One warning of the run: its ``type.subtype``, file and line."""

    kind: str
    file: str
    line: int


WARNING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<kind>[\w.-]+)\]$")


def build_warnings(text: str, docs: Path) -> list[Warning]:
    """The Sphinx warnings of a build, each of which must be located ``path:line``."""
    found = []
    for line in strip_escape_sequences(text).splitlines():
        if "WARNING" not in line:
            continue
        match = WARNING_LINE.match(line)
        assert match, f"warning without a file:line location or a type: {line}"
        path = Path(match["path"]).resolve().relative_to(docs.resolve()).as_posix()
        found.append(Warning(match["kind"], f"docs:{path}", int(match["line"])))
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """The hostile site imported and built once: report, warnings, output folder."""
    tmp = tmp_path_factory.mktemp("hostile")
    site = write_hostile_site(tmp / "site")
    docs = new_docs(tmp)
    report = import_site(site, docs)
    warnings = build(docs, tmp / "html")
    problems = [Warning(f"hugo.{p.kind.value}", p.file, p.line) for p in report.problems]
    return {"site": site, "docs": docs, "html": tmp / "html", "report": report,
            "warnings": problems + build_warnings(warnings, docs)}


def served(html: Path, url: str) -> BeautifulSoup:
    """The main text of the page the handbook serves at ``url``."""
    path = html / url.strip("/") / "index.html"
    assert path.is_file(), f"no page at {url}"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article") or soup


def test_every_warning_is_one_the_catalogue_expects(hostile) -> None:
    expected = sorted({(c.kind, c.location, c.line) for c in CATALOGUE if c.kind})
    found = sorted((w.kind, w.file, w.line) for w in hostile["warnings"])
    assert found == expected


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_broken_input_gives_one_located_warning_and_the_page_stays(hostile, case: Case) -> None:
    if case.kind is None:
        assert [w for w in hostile["warnings"] if w.file == case.file] == []
    else:
        assert hostile["warnings"].count(Warning(case.kind, case.location, case.line)) == 1
    if case.url:
        assert case.text in " ".join(served(hostile["html"], case.url).get_text().split())


@pytest.mark.parametrize("url", sorted(GOOD_TEXTS))
def test_good_pages_are_served_at_their_url_with_their_text(hostile, url: str) -> None:
    assert GOOD_TEXTS[url] in served(hostile["html"], url).get_text()


def test_import_report_lists_every_problem_with_file_and_line(hostile) -> None:
    assert all(p.line > 0 and p.file for p in hostile["report"].problems)


def test_shortcode_in_fenced_code_is_shown_literally(hostile) -> None:
    code = served(hostile["html"], "/bad/fenced/").select_one("pre").get_text()
    assert code == '{{< figure src="/img/a.png" >}}\n{{< nosuch >}}\n'


def test_markdown_inside_an_html_block_is_rendered(hostile) -> None:
    page = served(hostile["html"], "/bad/mdhtml/")
    assert page.find("strong").get_text() == "Bold inside"
    assert page.find("a", string="a link")["href"].endswith("about/faq/")


def test_collision_keeps_the_page_whose_file_gives_the_url(hostile) -> None:
    text = served(hostile["html"], "/good/alpha/").get_text()
    assert "Alpha text here." in text and "Claim text." not in text
    assert not (hostile["docs"] / "bad" / "claim.md").exists()


def test_deep_html_keeps_its_text_once(hostile) -> None:
    text = served(hostile["html"], "/bad/nested/").get_text()
    assert text.count("Deep nested text") == 1


def test_big_page_is_whole(hostile) -> None:
    text = served(hostile["html"], "/bad/big/").get_text()
    assert "Paragraph 0 of" in text and "Paragraph 59999 of" in text
