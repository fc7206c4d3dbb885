"""The hostile-input catalogue's harness: one small Hugo site per case, imported and
built in a sandbox, and the checks every case must pass.

A :class:`Hostile` case names the files it adds to a small site (the pages the
member guide lists, so that a clean site builds without a warning), the exact
problems it must give, and a page that must still show the text written after the
hostile construct. :func:`run` imports the site into ``work/docs`` and builds it
into ``work/html``; :func:`check` asserts what a web team relies on:

- nothing was written outside the handbook source and the build (the sandbox's
  ``outside/`` folder, which holds :data:`SECRET`, is never touched, and no other
  path appears);
- :data:`SECRET`, a file placed outside the site, appears in no output;
- no ``javascript:`` URL, script, event attribute or ``<meta http-equiv=refresh>``
  is in a page (redirect pages, which are meant to refresh, are checked to point at
  an http(s) URL or a path of the site, relative or not);
- the problems (the import's and the build's warnings) are exactly the case's,
  each with its file and line, each showing its type once;
- the page ``url`` shows ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from ext.embeds import DEFAULT_IFRAME_HOSTS
from ext.hugo_import.importer import import_site

from .conftest import build, new_docs, write_site
from .site_checks import unsafe_output

#: The text of the file placed outside the site (``outside/secret.txt`` in the sandbox).
SECRET = "s3cret-kept-outside-the-site"
#: What a case's page says after the hostile construct, unless the case says otherwise.
AFTER = "Text after the hostile construct."

#: The pages the member guide lists (``{content file: (title, body)}``): every case's
#: site has them, so a site without hostile input builds without a warning.
GUIDE_PAGES = {
    "about/become-a-member.md": ("Become a member", "Join us."),
    "about/committees-and-groups.md": ("Committees", "Committee text."),
    "about/iassist-discussion-list.md": ("Discussion list", "List text."),
    "about/fellows-program.md": ("Fellows", "Fellows text."),
    "about/iassist-achievement-award.md": ("Award", "Award text."),
    "about/iassist-constitution.md": ("Constitution", "Constitution text."),
    "community/code-of-conduct.md": ("Code of conduct", "Be kind."),
    "conferences/archive/_index.md": ("Conference Archive", "Archive text."),
    "contact.md": ("Contact", "Write to us."),
}


def page(title: str, body: str, extra: str = "", after: str = AFTER) -> str:
    """A content page with TOML front matter (``extra``: more lines of it, each ending
    in a newline) whose body ends with the paragraph ``after``."""
    return f'+++\ntitle = "{title}"\n{extra}+++\n{body}\n\n{after}\n'


@dataclass(frozen=True)
class Hostile:
    """One hostile or odd input.

    ``files``: ``{path under the site root: text or bytes}`` added to the small site
    (``config.toml`` replaces its configuration). ``problems``: every problem the
    import and the build must give, exactly, as ``"file:line: message [type]"``
    (``file`` under the site root for the import's problems, ``docs:`` + a path in the
    handbook source for a build warning). ``url``: a page that must still be served,
    showing ``text``. ``prepare(site, outside)`` makes what files cannot say (a
    symlink); ``outside`` is the sandbox folder that holds ``secret.txt``.
    """

    name: str
    files: Mapping[str, str | bytes]
    problems: tuple[str, ...] = ()
    url: str = ""
    text: str = AFTER
    prepare: Callable[[Path, Path], None] | None = None
    confoverrides: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


@dataclass
class Outcome:
    """What running a case gave: the sandbox's folders, the problem lines, the paths
    made outside the handbook source and the build."""

    site: Path
    docs: Path
    html: Path
    problems: list[str]
    strays: list[str]


WARNING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<kind>[\w.-]+)\]$")


def build_problems(warnings: str, docs: Path) -> list[str]:
    """The build's warnings as ``"docs:path:line: message [type.subtype]"``; a warning
    without a ``path:line`` location or a type is kept whole (and fails the case)."""
    found = []
    for line in strip_escape_sequences(warnings).splitlines():
        if "WARNING" not in line and "ERROR" not in line:
            continue
        match = WARNING_LINE.match(line)
        if not match or not Path(match["path"]).resolve().is_relative_to(docs.resolve()):
            found.append(f"unlocated: {line}")
            continue
        path = Path(match["path"]).resolve().relative_to(docs.resolve()).as_posix()
        found.append(f"docs:{path}:{match['line']}: {match['message']} [{match['kind']}]")
    return found


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def run(case: Hostile, tmp: Path) -> Outcome:
    """Write the case's site under ``tmp/work/site``, import it into ``tmp/work/docs``
    and build that into ``tmp/work/html`` (dirhtml, the handbook's conf.py)."""
    outside = tmp / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    work = tmp / "work"
    pages = {rel: page(title, body, after="") for rel, (title, body) in GUIDE_PAGES.items()}
    site = write_site(work / "site", pages)
    for rel, content in case.files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if case.prepare:
        case.prepare(site, outside)
    docs = new_docs(work)
    before = _tree(tmp)
    report = import_site(site, docs)
    html = work / "html"
    warnings = build(docs, html, confoverrides=dict(case.confoverrides))
    problems = [f"{p.file}:{p.line}: {p.message} [hugo.{p.kind.value}]" for p in report.problems]
    made = sorted(_tree(tmp) - before)
    ours = ("work/docs/", "work/html/", "work/html-build/")
    strays = [rel for rel in made if not rel.startswith(ours) and rel not in {"work/html", "work/html-build"}]
    return Outcome(site, docs, html, problems + build_problems(warnings, docs), strays)


def served_text(html: Path, url: str) -> str:
    """The words of the article the handbook serves at ``url`` (``""`` without one)."""
    path = html / url.strip("/") / "index.html"
    if not path.is_file():
        return ""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.select_one("article") or soup).get_text(" ").split())


def refreshes(html: Path) -> list[str]:
    """Pages with a ``<meta http-equiv=refresh>`` that is not a redirect page of the
    handbook pointing at an http(s) URL or a path of the site (no scheme)."""
    found = []
    for path in sorted(html.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "refresh" not in text.lower():
            continue
        soup = BeautifulSoup(text, "html.parser")
        redirect_page = soup.find("meta", attrs={"name": "generator", "content": "handbook-redirects"}) is not None
        for meta in soup.find_all("meta"):
            if str(meta.get("http-equiv", "")).lower() != "refresh":
                continue
            target = str(meta.get("content", "")).partition("url=")[2].strip()
            if not redirect_page or not re.match(r"https?://|[^:]*(/|$)", target):
                found.append(f"{path.relative_to(html).as_posix()}: refresh to {target!r}")
    return found


def leaks(root: Path) -> list[str]:
    """Files under ``root`` that hold :data:`SECRET`."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and SECRET.encode() in path.read_bytes():
            found.append(path.relative_to(root).as_posix())
    return found


def check(case: Hostile, outcome: Outcome) -> None:
    """Assert the catalogue's promises for one case (see the module docstring)."""
    assert outcome.strays == [], "written outside the handbook source and the build"
    assert leaks(outcome.docs) + leaks(outcome.html) == [], "a file from outside the site was published"
    assert unsafe_output(outcome.html, DEFAULT_IFRAME_HOSTS, [SECRET]) == []
    assert refreshes(outcome.html) == []
    assert outcome.problems == list(case.problems)
    for problem in outcome.problems:
        assert problem.count("[hugo.") + problem.count("] [") <= 1, f"type shown twice: {problem}"
    if case.url:
        assert case.text in served_text(outcome.html, case.url)
