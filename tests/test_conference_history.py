"""Every older version of the Conferences page converts with nothing lost.

``../shared/corpus/history/conferences/`` holds 44 versions of the real site's
``content/conferences/_index.md`` (2020-2026). Each one, put in place of today's page
of the real site, must import and build with zero warnings, and the built page must
keep every button target and every year of that version, and the events it lists
with their places; its commented-out blocks stay comments.

Every version is imported and its MyST checked (the events its ``{event-cards}``
directives show are selected as the extension selects them, from the
``events.yaml`` the import wrote). A sample of the versions, spread over the years,
is also built (incrementally, in one build folder) and the built page checked;
``HISTORY_BUILD_ALL=1`` builds every version.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from sphinx.testing.util import SphinxTestApp

from ext.events.directives import EventCardsDirective
from ext.shared.events_model import Event
from ext.events.selection import resolve_today, select
from ext.hugo_import.event_text import parse_event_line
from ext.hugo_import.importer import import_site

from .conftest import CONF_SHIM, REAL_SITE, new_docs, real_site_copy
from .site_checks import visible_text

HISTORY = REAL_SITE.parent / "history" / "conferences"
VERSIONS = sorted(HISTORY.glob("*.md")) if HISTORY.is_dir() else []
PAGE = "content/conferences/_index.md"
#: The versions built (with HISTORY_BUILD_ALL=1, all): the first and the last, and one in five between.
BUILT = {v.name for i, v in enumerate(VERSIONS) if os.environ.get("HISTORY_BUILD_ALL") or i % 5 == 0 or i == len(VERSIONS) - 1}
_YEAR = re.compile(r"\b(?:19[7-9]\d|20\d\d)\b")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)

pytestmark = pytest.mark.skipif(not VERSIONS or not REAL_SITE.is_dir(), reason="needs ../shared/corpus (the real site and its history)")


@dataclass
class Version:
    """What one version of the page shows its readers, as Hugo renders it: the
    targets of its buttons (``href`` resolved against the page's URL), the years and
    the places of its event lines in its text, and its commented-out blocks."""

    buttons: list[tuple[str, str]]
    years: set[str]
    places: set[str]
    comments: list[str]

    @classmethod
    def read(cls, path: Path) -> Version:
        text = path.read_text(encoding="utf-8")
        body = text.split("+++", 2)[2] if text.startswith("+++") else text
        comments = [c for c in _COMMENT.findall(body) if c.strip()]
        html = MarkdownIt("commonmark").render(_COMMENT.sub("", body))
        soup = BeautifulSoup(html, "html.parser")
        buttons = [(urljoin("/conferences/", a["href"]), a.get_text(" ", strip=True))
                   for a in soup.find_all("a", class_="btn") if a.get("href")]
        shown = soup.get_text("\n")
        places = set()
        for line in shown.splitlines():
            event = parse_event_line(line)
            if event is not None and event.place and not event.virtual:
                places.add(event.place.split(",")[0].strip())
        return cls(buttons, set(_YEAR.findall(shown)), places, comments)


class History:
    """The real site with its Conferences page replaced, imported into one handbook
    source folder and built into one build folder, version after version."""

    def __init__(self, root: Path) -> None:
        self.site = root / "site"
        real_site_copy(self.site)
        self.docs = new_docs(root)
        (self.docs / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
        self.builddir = root / "build"

    def convert(self, version: Path):
        (self.site / PAGE).write_text(version.read_text(encoding="utf-8"), encoding="utf-8")
        return import_site(self.site, self.docs)

    def build(self) -> tuple[str, BeautifulSoup]:
        warnings = io.StringIO()
        app = SphinxTestApp("dirhtml", srcdir=self.docs, builddir=self.builddir, status=io.StringIO(),
                            warning=warnings, confoverrides={"nitpicky": True}, parallel=2)
        try:
            app.build()
        finally:
            app.cleanup()
        html = (app.outdir / "conferences" / "index.html").read_text(encoding="utf-8")
        return warnings.getvalue(), BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> History:
    return History(tmp_path_factory.mktemp("history"))


def problem_line(version: Path, line: int) -> str:
    """Line ``line`` (1-based) of the version's file."""
    return version.read_text(encoding="utf-8").splitlines()[line - 1]


def myst_links(myst: str) -> set[str]:
    """The URLs (``/conferences/iassist2026/`` for a page) that the MyST's links and buttons point to."""
    targets = set(re.findall(r":::\{button-(?:link|ref)\} (\S+)", myst)) | set(re.findall(r"\]\(<?([^)\s>]+)", myst))
    urls = set()
    for target in targets:
        if "://" not in target:
            target = target.removesuffix(".md")
            target = target.removesuffix("index") if target.endswith("/index") else target + "/"
        urls.add(urljoin("/conferences/", target))
    return urls


def shown_by_cards(myst: str, docs: Path) -> list[Event]:
    """The events the page's ``{event-cards}`` directives show today, selected by the
    extension's own option parsers and :func:`~ext.events.selection.select`."""
    data = yaml.safe_load((docs / "_data" / "events.yaml").read_text(encoding="utf-8"))
    catalog = [Event(**entry) for entry in data["events"]]
    shown = []
    for options in re.findall(r":::\{event-cards\}\n((?::\w+: .*\n)*):::", myst):
        directive = EventCardsDirective.__new__(EventCardsDirective)
        directive.options = {name: EventCardsDirective.option_spec[name](value) for name, value in re.findall(r":(\w+): (.*)", options)}
        shown += select(catalog, directive.selection(), resolve_today(None), 365)
    return shown


@pytest.mark.parametrize("version", VERSIONS, ids=lambda p: p.stem)
def test_every_version_of_the_conferences_page_converts_with_nothing_lost(history: History, version: Path) -> None:
    seen = Version.read(version)
    report = history.convert(version)
    myst = (history.docs / "conferences" / "index.md").read_text(encoding="utf-8")
    problems = [p for p in report.problems if p.file == PAGE]
    # a problem of the page is one of that version itself: an image it names is not
    # there, an event line repeats another one's event (a copy-paste slip), or Markdown
    # docutils rejects (a rule at the page's end) that the import wrote in a form it accepts
    for problem in problems:
        if problem.kind.value == "invalid-structure":
            assert problem_line(version, problem.line).strip(), problem
            continue
        image = re.search(r"image '([^']+)' does not exist", problem.message)
        repeated = re.search(r"repeats the event of line (\d+)", problem.message)
        if repeated:
            first, again = (parse_event_line(problem_line(version, n)) for n in (int(repeated[1]), problem.line))
            assert (first.start, first.end) == (again.start, again.end), problem
        else:
            assert image and not (REAL_SITE / "static" / image.group(1).lstrip("/")).exists(), problem

    cards = shown_by_cards(myst, history.docs)
    card_targets = {f"/{posixpath.dirname(e.page)}/" for e in cards if e.page} | {e.website for e in cards if e.website}
    linked = myst_links(myst) | card_targets
    for target, label in seen.buttons:
        assert target in linked, f"button {label!r} to {target} is lost"
    card_text = " ".join(f"{e.dates()} {e.place()}" for e in cards)
    for year in seen.years:
        assert year in myst or year in card_text, f"year {year} is lost"
    for place in seen.places:
        assert place in myst or place in card_text, f"{place} is lost"
    comment_lines = {line[2:] if line.startswith("% ") else line[1:] for line in myst.splitlines() if line.startswith("%")}
    for comment in seen.comments:
        for line in filter(None, (line.strip() for line in comment.splitlines())):
            assert line in {c.strip() for c in comment_lines}, f"commented-out line {line!r} is not a comment"
    shown_lines = [line for line in myst.splitlines() if not line.startswith("%")]
    assert not [line for line in shown_lines if ":years: 0" in line or "{{<" in line]

    if version.name not in BUILT:
        return
    warnings, soup = history.build()
    assert warnings == ""
    article = soup.find("article")
    hrefs = {urljoin("/conferences/", a["href"]).split("#")[0] for a in article.find_all("a", href=True)}
    for target, label in seen.buttons:
        assert target in hrefs, f"button {label!r} to {target} is not in the built page"
    text = visible_text(soup)
    for year in seen.years:
        assert year in text, f"year {year} is not in the built page"
    for place in seen.places:
        assert place in text, f"{place} is not in the built page"
    for comment in seen.comments:
        for line in filter(None, (line.strip() for line in comment.splitlines())):
            if len(line) > 20:
                assert line not in text, f"commented-out {line!r} is shown"
