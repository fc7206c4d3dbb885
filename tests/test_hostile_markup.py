"""The hostile-input catalogue, markup and limits (issue #17): text the site wrote
never becomes markup it was not (code fences stay code; titles, shortcode arguments
and HTML attributes open or close no block; front matter keys that configure Sphinx
or MyST are dropped), and input over a limit of :mod:`ext.shared.limits` is a
located problem, never a crash, a loss or work beyond linear.

Every case is run through the harness (:mod:`tests.hostile`); the cases that try to
inject a directive write ``<b class="injected">`` or include ``outside/secret.txt``,
and :func:`injected` checks that no page shows what they asked for.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ext.shared import limits
from ext.hugo_import.page_conversion import convert_page
from ext.hugo_import.links import SiteIndex
from ext.hugo_import.site import read_site
from ext.shared.programme_file import ProgrammeFileError, ProgrammeSource

from .conftest import write_site
from .hostile import AFTER, Hostile, check, page, run

#: What a directive injected by a case would show: raw HTML with this class.
INJECTED = "<b class='injected'>RAW</b>"
#: The secret file, as a relative path from a page of the handbook source.
SECRET_PATH = "../../outside/secret.txt"

FENCES = f"""\
```{{literalinclude}} {SECRET_PATH}
```

~~~{{raw}} html
{INJECTED}
~~~

````{{eval-rst}}
.. raw:: html

   {INJECTED}

.. include:: {SECRET_PATH}
````

```{{admonition}} Injected
Admonition text.
```

```python {{linenos=true}}
x = 1
```"""

TITLE_FENCE = f'T\\n```{{raw}} html\\n{INJECTED}<script>alert(1)</script>\\n```\\n'
CAPTION_FENCE = f'a\n```{{raw}} html\n<script>alert(1)</script>{INJECTED}\n```\n'

DEEP_LIST = "".join("  " * i + f"- level {i}\n" for i in range(10))
DEEP_QUOTE = "".join(">" * (i + 1) + f" quote {i}\n" for i in range(20))
ALIAS_BOMB = """\
---
title: Bomb
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
tags: *f
---
""" + AFTER + "\n"

SPHINX_KEYS_PAGE = f"""\
---
title: Keys
orphan: true
tocdepth: 1
nocomments: true
nosearch: true
html_meta:
  http-equiv=refresh: "0; url=https://evil.example/"
substitutions:
  x: "{INJECTED}"
file_format: mystnb
jupytext: {{}}
kernelspec: {{name: python3}}
hugo_url: /elsewhere/
og:image: https://evil.example/a.png
---
{AFTER}
"""

CASES = [
    Hostile("code fences whose info string is a directive stay code", {
        "content/x.md": page("X", FENCES),
    }, url="/x/"),
    Hostile("a title with a raw directive fence stays one heading", {
        "content/x.md": page(TITLE_FENCE, "Body."),
    }, url="/x/"),
    Hostile("a figure caption with a raw directive fence", {
        "content/x.md": page("X", f'{{{{< figure src="/img/a.png" caption="{CAPTION_FENCE}" >}}}}'),
    }, (
        "content/x.md:4: a caption of more than one paragraph written as one (each block on a line of its own; "
        "tables and embeds after it) [hugo.invalid-structure]",
    ), url="/x/"),
    Hostile("an unknown shortcode's arguments with fences and backticks", {
        "content/x.md": page("X", f'{{{{< gallery dir="a ``\n```{{raw}} html\n{INJECTED}\n```\n" >}}}}'),
    }, (
        "content/x.md:4: no conversion rule for shortcode 'gallery'; its text is kept [hugo.unknown-shortcode]",
    ), url="/x/"),
    Hostile("HTML attributes and code with line breaks and role names", {
        "content/x.md": page("X", (
            f'See {{download}}<code>{SECRET_PATH}</code> and <img src="/img/a.png" alt="a\n```{{raw}} html\n{INJECTED}\n```">\n\n'
            f'<div>{{download}}<code>{SECRET_PATH}</code> <code>a``b</code></div>\n\n'
            f'<p>~~~{{raw}} html\n{INJECTED}\n~~~</p>')),
    }, url="/x/"),
    Hostile("attributes of an HTML block with fences and directives", {
        "content/x.md": page("X", (
            f'<div><a href="https://x.org/" title="t\\\n```{{raw}} html\n{INJECTED}\n```\n">link</a> '
            f'<img src="/img/a.png" alt="x\n:::{{note}}\nN\n:::" width="10"></div>')),
    }, url="/x/"),
    Hostile("raw HTML kept with a fence and a directive inside", {
        "content/x.md": page("X", f"<details><summary>s</summary>a\n```\n```{{eval-rst}}\n.. include:: {SECRET_PATH}\n```\n</details>"),
    }, (
        "content/x.md:4: <details> has no conversion rule; kept as sanitised raw HTML [hugo.raw-html]",
    ), url="/x/"),
    Hostile("myst.html_meta in TOML front matter adds no refresh", {
        "content/x.md": page("X", "Body.", extra='[myst.html_meta]\n"http-equiv=refresh" = "0; url=https://evil.example/"\n'),
    }, (
        "content/x.md:3: front matter key 'myst' would configure Sphinx or MyST for the page (Hugo reads no such key); "
        "dropped [hugo.sphinx-key]",
    ), url="/x/"),
    Hostile("front matter keys that Sphinx, MyST or the import read are dropped", {
        "content/x.md": SPHINX_KEYS_PAGE,
    }, tuple(
        f"content/x.md:{line}: front matter key {key!r} {why}; dropped [hugo.sphinx-key]"
        for line, key, why in [
            (3, "orphan", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (4, "tocdepth", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (5, "nocomments", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (6, "nosearch", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (7, "html_meta", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (9, "substitutions", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (11, "file_format", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (12, "jupytext", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (13, "kernelspec", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
            (14, "hugo_url", "is written by the import itself"),
            (15, "og:image", "would configure Sphinx or MyST for the page (Hugo reads no such key)"),
        ]), url="/x/"),
    Hostile("a list nested 10 deep keeps its text and the rest of the page", {
        "content/x.md": page("X", DEEP_LIST),
    }, (
        "content/x.md:12: lists or block quotes nested deeper than MyST reads (more than 16 blocks deep): "
        "the inner ones are written without their markers, their text kept [hugo.invalid-structure]",
    ), url="/x/", text="level 8 level 9 " + AFTER),
    Hostile("a quote nested 20 deep keeps its text", {
        "content/x.md": page("X", DEEP_QUOTE),
    }, (
        "content/x.md:19: lists or block quotes nested deeper than MyST reads (more than 16 blocks deep): "
        "the inner ones are written without their markers, their text kept [hugo.invalid-structure]",
    ), url="/x/", text="quote 18 quote 19 " + AFTER),
    Hostile("200 nested emphasis markers", {
        "content/x.md": page("X", "*" * 200 + "emph" + "*" * 200),
    }, url="/x/", text="emph"),
    Hostile("a YAML alias bomb in front matter", {
        "content/x.md": ALIAS_BOMB,
    }, (
        "content/x.md:9: its YAML aliases repeat more than 1000 values; "
        "the page is imported without its front matter, titled 'X' [hugo.front-matter]",
    ), url="/x/"),
    Hostile("TOML front matter nested 50,000 deep", {
        "content/x.md": page("X", "Body.", extra="x = " + "[" * 50_000 + "]" * 50_000 + "\n"),
    }, (
        "content/x.md:3: TOML front matter nested more than 100 deep; "
        "the page is imported without its front matter, titled 'X' [hugo.front-matter]",
    ), url="/x/"),
    Hostile("conference JSON nested 100,000 deep", {
        "data/conferences/archive/2020.json": "[" * 100_000 + "]" * 100_000,
        "content/x.md": page("X", "Body."),
    }, (
        "data/conferences/archive/2020.json:1: JSON nested more than 100 deep (line 1, column 101); "
        "no event read from it, programme copied as it is [hugo.event-data]",
    ), url="/x/"),
    Hostile("a page over the size limit", {
        "content/huge.md": page("Huge", "word " * (limits.MAX_PAGE_BYTES // 5 + 1)),
        "content/x.md": page("X", "Body."),
    }, (
        "content/huge.md:1: the file is 16.0 MB, over the import's limit of 16 MB; not imported [hugo.page-size]",
    ), url="/x/"),
]


def injected(html: Path) -> list[str]:
    """What a case's pages show that only an injected directive makes: the raw HTML
    of :data:`INJECTED`, an admonition, the secret file's text (the harness checks
    that), a download link."""
    found = []
    for path in sorted(html.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        rel = path.relative_to(html).as_posix()
        if rel == "search/index.html":  # Sphinx's own notice that search needs JavaScript
            continue
        found += [f"{rel}: raw HTML" for _ in article.select("b.injected")]
        found += [f"{rel}: admonition" for _ in article.select(".admonition")]
        found += [f"{rel}: download" for _ in article.select("a.download, code.download")]
    return found


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_markup(case: Hostile, tmp_path) -> None:
    outcome = run(case, tmp_path)
    check(case, outcome)
    assert injected(outcome.html) == []


# -- the limits, one test each --------------------------------------------------------------


def test_yaml_aliases_within_the_limit_load_and_beyond_it_are_refused_at_their_line() -> None:
    fine = yaml.dump({"a": list(range(10))}) + "b: &x [1, 2]\nc: *x\n"
    assert limits.yaml_load(fine, yaml.SafeLoader)["c"] == [1, 2]
    many = "a: &x [" + ", ".join(["1"] * 100) + "]\n" + "".join(f"k{i}: *x\n" for i in range(limits.MAX_YAML_ALIAS_NODES // 100 + 1))
    with pytest.raises(limits.LimitError) as error:
        limits.yaml_load(many, yaml.SafeLoader)
    assert error.value.line == 11  # k9, the alias that makes 1,010 values
    with pytest.raises(limits.LimitError):
        limits.yaml_load("a: &x [1, *x]\n", yaml.SafeLoader)  # an alias inside its own anchor


def test_json_nested_to_the_limit_loads_and_deeper_is_refused(tmp_path) -> None:
    depth = limits.MAX_JSON_DEPTH
    assert limits.json_loads("[" * depth + "]" * depth) is not None
    assert limits.json_depth_error('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') is None
    with pytest.raises(limits.LimitError):
        limits.json_loads("[" * (depth + 1) + "]" * (depth + 1))
    deep = tmp_path / "2020.json"
    deep.write_text('{"sessions":\n' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match=r"JSON nested more than 100 deep \(line 2, column 100\)"):
        ProgrammeSource.read(deep)  # the build's programme extension reports it as a warning


def test_page_size_limit_keeps_a_5_mb_page() -> None:
    assert limits.MAX_PAGE_BYTES > 5 * 1024 * 1024  # test_hostile_input's page stays whole


def test_block_depth_is_below_what_myst_reads() -> None:
    """The converter flattens at a depth MyST reads, and reads deeper than that."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from markdown_it.renderer import RendererHTML

    assert create_md_parser(MdParserConfig(), RendererHTML).options["maxNesting"] == limits.MYST_NESTING
    assert limits.MAX_BLOCK_DEPTH < limits.MYST_NESTING < limits.PARSE_BLOCK_NESTING
    assert limits.PARSE_INLINE_NESTING == limits.MYST_NESTING


def _convert(root: Path, body: str) -> tuple[str, list[str], float]:
    """``body`` converted as ``content/p.md`` of the site at ``root``: (MyST, problems, seconds)."""
    (root / "content" / "p.md").write_text('+++\ntitle = "P"\n+++\n' + body, encoding="utf-8")
    site = read_site(root)
    index = SiteIndex(site)
    start = time.perf_counter()
    converted = convert_page(site.pages["p"], index)
    return converted.body, [str(p) for p in converted.problems], time.perf_counter() - start


def test_nesting_deeper_than_the_parser_reads_is_reported(tmp_path) -> None:
    root = write_site(tmp_path / "site", {})
    body, problems, _ = _convert(root, ">" * (limits.PARSE_BLOCK_NESTING + 10) + " deep\n\n" + AFTER + "\n")
    assert AFTER in body
    assert any("[hugo.invalid-structure]" in p and "the text nested deeper is lost" in p for p in problems)


#: Pages of n items whose conversion mdformat made quadratic or worse (one list of n
#: items; n lists, each right after a list of its kind, so each marker differs).
LIST_SHAPES = {
    "one list": lambda n: "".join(f"- item {i}\n" for i in range(n)),
    "lists in a row": lambda n: "".join("- a\n\n" if i % 2 else "* b\n\n" for i in range(n)),
    "ordered lists in a row": lambda n: "".join("1. a\n\n" if i % 2 else "1) b\n\n" for i in range(n)),
}


@pytest.mark.parametrize("shape", LIST_SHAPES, ids=str)
def test_list_conversion_is_linear(shape: str, tmp_path) -> None:
    """50,000 items convert in linear time: ten times the items take far less than the
    hundred times a quadratic conversion would (a ratio in one run, no absolute time)."""
    root = write_site(tmp_path / "site", {})
    make = LIST_SHAPES[shape]
    small = min(_convert(root, make(5_000))[2] for _ in range(2))
    body, problems, large = _convert(root, make(50_000))
    assert problems == []
    assert body.count("\n") >= 50_000
    assert large / small < 30, f"{shape}: 5,000 items {small:.2f} s, 50,000 items {large:.2f} s"


# -- property: no markup the source did not ask for ------------------------------------------

PROPERTIES = settings(
    max_examples=int(os.environ.get("HOSTILE_MARKUP_EXAMPLES", "40")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    **({"database": None} if os.environ.get("CI") else {}),
)

#: Directives whose output :func:`injected` sees, or that read a file.
DIRECTIVE_NAMES = ["raw", "eval-rst", "include", "literalinclude", "admonition", "note", "download", "code-block"]
#: What a hostile directive's content or argument is.
PAYLOADS = [f"html\n{INJECTED}", SECRET_PATH, f".. raw:: html\n\n   {INJECTED}", "Injected\nAdmonition text."]


@st.composite
def directive_text(draw) -> str:
    """A fence, colon fence or role that asks for a directive, as the site might write
    it in a code block's info string, a title or a shortcode argument."""
    name = draw(st.sampled_from(DIRECTIVE_NAMES))
    payload = draw(st.sampled_from(PAYLOADS))
    marker = draw(st.sampled_from(["```", "~~~", "````", ":::", "::::"]))
    argument, _, body = payload.partition("\n")
    return draw(st.sampled_from([
        f"{marker}{{{name}}} {argument}\n{body}\n{marker}",
        f"\n{marker}{{{name}}} {argument}\n{body}\n{marker}\n",
        f"{{{name}}}`{argument}`",
        f"{{{name}}}<code>{argument}</code>",
    ]))


@st.composite
def hostile_body(draw) -> str:
    """A page body: a code fence with a directive-like info string, or a shortcode
    whose arguments hold directive text."""
    text = draw(directive_text())
    quoted = text.replace('"', "'")
    fence = draw(st.sampled_from(["```", "~~~", "````"]))
    name = draw(st.sampled_from(DIRECTIVE_NAMES))
    extra = draw(st.sampled_from(["", " html", " ../x", " {linenos=true}", " `x`"])) if "`" not in fence else ""
    return draw(st.sampled_from([
        f"{fence}{{{name}}}{extra}\n{text}\n{fence}",
        f'{{{{< figure src="/img/a.png" caption="{quoted}" >}}}}',
        f'{{{{< figure src="/img/a.png" alt="{quoted}" title="{quoted}" >}}}}',
        f'{{{{< figure src="/img/missing.png" caption="{quoted}" >}}}}',
        f'{{{{< youtube "{quoted}" >}}}}',
        f'{{{{< gallery dir="{quoted}" >}}}}',
        f'<img src="/img/a.png" alt="{quoted}">',
        f"<p>{text}</p>",
        text,
    ]))


def myst_directives(document: str) -> list[str]:
    """The names of the directives MyST reads in ``document`` (a MyST file)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist", "attrs_inline"}), RendererHTML)
    names = []
    for token in parser.parse(document):
        if token.type in {"fence", "colon_fence"} and token.info.strip().startswith("{"):
            names.append(token.info.strip()[1:].split("}", 1)[0])
        for child in token.children or []:
            if child.type == "myst_role":
                names.append("role:" + child.meta.get("name", ""))
    return names


#: The directives the converter itself writes for the constructs above.
WRITTEN = {"figure", "image", "youtube", "role:del"}


def test_directive_text_anywhere_makes_no_directive(tmp_path) -> None:
    """Directive text in a code fence's info string, a title, a shortcode argument or
    HTML converts to MyST that asks for no directive but the converter's own (checked
    with MyST's parser on each example); all the examples, imported as one site and
    built once, show no raw HTML, admonition, download or included file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s3cret-of-the-property\n", encoding="utf-8")
    root = write_site(tmp_path / "work" / "site", {})
    pages: list[tuple[str, str]] = []

    @PROPERTIES
    @given(title=directive_text(), body=hostile_body())
    def converts(title: str, body: str) -> None:
        toml_title = json.dumps(title)
        (root / "content" / "p.md").write_text(f"+++\ntitle = {toml_title}\n+++\n{body}\n\n{AFTER}\n", encoding="utf-8")
        site = read_site(root)
        converted = convert_page(site.pages["p"], SiteIndex(site))
        assert set(myst_directives(converted.body)) <= WRITTEN, converted.body
        pages.append((toml_title, body))

    converts()
    (root / "content" / "p.md").unlink()
    for i, (toml_title, body) in enumerate(pages):
        (root / "content" / f"p{i:03d}.md").write_text(f"+++\ntitle = {toml_title}\n+++\n{body}\n\n{AFTER}\n", encoding="utf-8")
    from ext.hugo_import.importer import import_site

    from .conftest import build, new_docs

    docs = new_docs(tmp_path / "work")
    import_site(root, docs)
    build(docs, tmp_path / "work" / "html")
    html = tmp_path / "work" / "html"
    assert injected(html) == []
    assert [p for p in html.rglob("*") if p.is_file() and b"s3cret-of-the-property" in p.read_bytes()] == []
    for i in range(len(pages)):
        soup = BeautifulSoup((html / f"p{i:03d}" / "index.html").read_text(encoding="utf-8"), "html.parser")
        words = set(re.findall(r"[a-z]+", soup.select_one("article").get_text(" ").lower()))
        assert set(re.findall(r"[a-z]+", AFTER.lower())) <= words, pages[i]  # in a code block when a fence is left open
