"""Every extension warns one way (:func:`ext._common.warn_typed`): the line a user sees
names the place and ends with ``[type.subtype]`` exactly once, whether Sphinx adds it
(``show_warning_types``, its default) or warn_typed does, and ``suppress_warnings``
silences that kind.

Each case builds a small project (a test root under ``tests/roots/``, copied to
``tmp_path``, with ``files`` written over it) and compares whole lines, colours removed.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from .conftest import ROOTS


@dataclass(frozen=True)
class Case:
    """A project (test root ``root``, built by ``builder``) and one warning line it
    gives; ``{src}`` in ``line`` is the copy's source folder."""

    root: str
    builder: str
    line: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``type.subtype`` of the warning, from its suffix."""
        return re.fullmatch(r".* \[([\w-]+\.[\w-]+)\]", self.line)[1]


IFRAME_PAGE = "---\norphan: true\n---\n\n# Tracker\n\n:::{iframe} https://tracker.example.com/embed\n:::\n"
JSON_ERROR = "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"

CASES = {
    "events": Case("events-bad", "html",
                   "{src}/index.md:12: WARNING: unknown event 'no-such-event'; write the id of an event in the "
                   "events file [events.unknown-event]"),
    "blog": Case("blog-bad", "dirhtml", "{src}/index.md:9: WARNING: no post has the tag 'Unknown' [blog.unknown-tag]"),
    "programmes": Case("programme", "html",
                       "{src}/broken.md:3: WARNING: programme '_data/programmes/missing.json' not rendered: "
                       "file not found [programmes.bad-file]"),
    "front-matter": Case("warning-front-matter", "html",
                         "{src}/index.md:2: WARNING: unknown front matter key 'tag'; did you mean 'tags'? "
                         "[front-matter.unknown-key]"),
    "import-report": Case("warning-import-report", "html",
                          f"{{src}}/_generated/import-report.json:1: WARNING: the import report cannot be read "
                          f"({JSON_ERROR}); no report page written [import-report.unreadable]"),
    "last-updated": Case("warning-last-updated", "html",
                         f"{{src}}/.hugo-import.json:1: WARNING: the migration's manifest cannot be read "
                         f"({JSON_ERROR}): migrated pages are dated as if edited [last_updated.manifest]"),
    "home": Case("home", "dirhtml",
                 "{src}/index.md:10: WARNING: mystery.yaml: icon 'fas fa-dragon' has no octicon in ICONS; "
                 "none shown [home.unknown-icon]"),
    "redirects": Case("redirects", "html",
                      "netlify.toml:22: WARNING: redirect from /gone/page: no page at /no-such-page/ "
                      "[redirects.missing-target]"),
    "redirects-list": Case("redirects", "html",
                           f"{{src}}/_generated/redirects.json:1: WARNING: cannot read the redirects list: {JSON_ERROR} "
                           "[redirects.bad-file]", {"_generated/redirects.json": "{not json\n"}),
    "site-link": Case("warning-site", "html",
                      "{src}/index.md:3: WARNING: link to /file/missing.pdf: no such file or page in the handbook "
                      "[site.missing-file]"),
    "site-image": Case("warning-site", "html",
                       "{src}/index.md:5: WARNING: image /img/missing.png: no such file in the site's static files; "
                       "its text is shown [site.missing-file]"),
    "site-base-url": Case("warning-site", "html",
                          "{src}/_generated/site.json:1: WARNING: base_url 'javascript:alert(1)' is not an http(s) URL "
                          "or a path from the root; the handbook has none [site.unsafe-url]"),
    "site-facts": Case("warning-site", "html",
                       f"{{src}}/_generated/site.json:1: WARNING: cannot read the site's facts: {JSON_ERROR} "
                       "[site.bad-file]", {"_generated/site.json": "{not json\n"}),
    "embeds-youtube": Case("embeds", "html",
                           "{src}/index.md:7: WARNING: 'abc\"onload=\"alert(1)' is no YouTube video ID "
                           "(letters, digits, - and _); no video shown [embeds.youtube-id]"),
    "embeds-host": Case("embeds", "html",
                        "{src}/tracker.md:7: WARNING: iframe host of https://tracker.example.com/embed is not in "
                        "embeds_iframe_hosts; shown as a link [embeds.host]", {"tracker.md": IFRAME_PAGE}),
    "embeds-path": Case("embeds", "html",
                        "{src}/tracker.md:7: WARNING: iframe https://www.google.com/search?q=x is no embed: google.com "
                        "pages are embedded from /maps only; shown as a link [embeds.host]",
                        {"tracker.md": IFRAME_PAGE.replace("https://tracker.example.com/embed", "https://www.google.com/search?q=x")}),
    "guide": Case("guide", "html",
                  "{src}/guide.md:11: WARNING: guide page '/no-such-page' is not a document of this project; "
                  "left out of the guide [guide.missing-page]"),
}


def warning_lines(make_app, tmp_path: Path, case: Case, **confoverrides) -> tuple[Path, list[str]]:
    """Build a copy of ``case``'s project with ``confoverrides``: (its source folder,
    the lines of its warnings without colours)."""
    srcdir = tmp_path / case.root
    shutil.copytree(ROOTS / f"test-{case.root}", srcdir)
    for rel, text in case.files.items():
        (srcdir / rel).write_text(text, encoding="utf-8")
    app = make_app(case.builder, srcdir=srcdir, freshenv=True, confoverrides=confoverrides)
    app.build()
    return srcdir, strip_escape_sequences(app.warning.getvalue()).splitlines()


@pytest.mark.parametrize("show_types", [True, False], ids=["by-sphinx", "by-warn-typed"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_line_a_user_sees(make_app, tmp_path: Path, case: Case, show_types: bool) -> None:
    """The whole line, suffix once: added by Sphinx (``show_warning_types``, its
    default) or, with that off, by warn_typed."""
    srcdir, lines = warning_lines(make_app, tmp_path, case, show_warning_types=show_types)
    assert case.line.replace("{src}", str(srcdir)) in lines, "\n".join(lines)
    assert all(line.count(f"[{case.kind}]") == 1 for line in lines if case.kind in line), "\n".join(lines)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_suppress_warnings_silences_that_kind(make_app, tmp_path: Path, case: Case) -> None:
    """The same project with ``suppress_warnings = ["<type>.<subtype>"]``: no such line."""
    _srcdir, lines = warning_lines(make_app, tmp_path, case, suppress_warnings=[case.kind])
    assert not [line for line in lines if case.kind in line]
