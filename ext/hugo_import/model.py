"""Data classes shared by the converter: pages, problems and the import report."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


class ProblemKind(enum.Enum):
    """Every kind of problem the import reports.

    The value is the subtype shown in brackets after the message, for example
    ``[hugo.bad-date]``; the report groups problems by it.
    """

    #: The file is not valid UTF-8; undecodable bytes were replaced.
    ENCODING = "encoding"
    #: TOML, YAML or JSON front matter that does not parse, or no closing fence.
    FRONT_MATTER = "front-matter"
    #: A page without a ``title``; the file name is used instead.
    MISSING_TITLE = "missing-title"
    #: A date that is not a real calendar date or not in a known form.
    BAD_DATE = "bad-date"
    #: A page that is a draft; it is not imported.
    DRAFT = "draft"
    #: A value of ``config.toml`` that the Hugo theme showed around the pages (a contact
    #: form, a banner, a top bar, a map) and the handbook does not show; at the key's line.
    THEME_PARAM = "theme-param"
    #: Two pages that map to the same URL; the second one is not imported.
    URL_COLLISION = "url-collision"
    #: A shortcode the converter has no rule for; its text is kept.
    UNKNOWN_SHORTCODE = "unknown-shortcode"
    #: A shortcode that is opened and never closed, or malformed.
    BAD_SHORTCODE = "bad-shortcode"
    #: An HTML tag that is opened and never closed.
    UNCLOSED_HTML = "unclosed-html"
    #: A link to a page the site does not have; pointed at the live site.
    DEAD_LINK = "dead-link"
    #: An image or file that does not exist under ``static/`` or the bundle.
    MISSING_FILE = "missing-file"
    #: A link fragment (``#id``) that the target page does not define.
    MISSING_ANCHOR = "missing-anchor"
    #: Raw HTML kept (sanitised) because no rule converts it.
    RAW_HTML = "raw-html"
    #: HTML nested deeper than the converter follows; the inner tags become plain text.
    DEEP_HTML = "deep-html"
    #: Text in angle brackets that is no HTML tag (``<email>``), or a tag the converter has
    #: no rule for (``<embed>``); kept as text.
    UNKNOWN_TAG = "unknown-tag"
    #: ``<style>`` and ``<script>`` blocks, dropped.
    DROPPED_HTML = "dropped-html"
    #: A ``javascript:`` URL or an ``on*`` event attribute, removed.
    UNSAFE_HTML = "unsafe-html"
    #: An ``<iframe>`` from a host outside the allow-list; kept as a link.
    IFRAME_HOST = "iframe-host"
    #: Event data that contradicts itself (dates, ordinals) or cannot be read.
    EVENT_DATA = "event-data"
    #: An explicit anchor (a heading's ``{#id}``, an HTML ``id`` or ``name``) that the
    #: page already has; the later one is dropped, the first keeps the links working.
    DUPLICATE_ANCHOR = "duplicate-anchor"
    #: Block structure that docutils rejects: a thematic break at the start or end of
    #: the page or of a section, right after another one (``****`` twice), or inside a
    #: list, quote, table or footnote, is dropped; an empty heading is dropped (its
    #: anchor kept). The text around it is kept as it is. Lists or block quotes nested
    #: deeper than MyST reads are written without their inner markers, their text kept.
    INVALID_STRUCTURE = "invalid-structure"
    #: A footnote definition that nothing refers to, or a second definition of a
    #: label; its text is kept as paragraphs where it was defined.
    FOOTNOTE = "footnote"
    #: An old URL (``oldpath``, ``aliases``, a ``netlify.toml`` rule) that cannot
    #: become a redirect: it is a page's URL, claimed twice, or leads nowhere.
    REDIRECT = "redirect"
    #: A front matter key nothing in the handbook reads (the custom key of a section it
    #: has never seen); kept under ``params``. Once per key and section, at its first page.
    UNKNOWN_KEY = "unknown-key"
    #: The converter failed on a page (a case no rule foresaw): the page is written with
    #: its title and its whole text as written, in a literal block, and still served.
    CONVERSION_ERROR = "conversion-error"
    #: A file of the site that is a link leading outside the site (or a path that climbs
    #: out of it); never read, copied or published.
    OUTSIDE_SITE = "outside-site"
    #: A file of the site the import cannot read or copy: a link to nothing, a pipe or
    #: device, a file without read permission, a file of the output where its folder
    #: would be; left out.
    UNREADABLE = "unreadable"
    #: A page whose handbook name is taken by the build (``genindex``, ``search``, ``404``,
    #: a top folder starting with ``_``) or is a path step (``..``); served under another name.
    RESERVED_NAME = "reserved-name"
    #: A page URL with a name longer than a file system holds; served under a shortened name.
    LONG_NAME = "long-name"
    #: A page Hugo does not publish by default: a future ``date``/``publishDate``, a past
    #: ``expiryDate``, a headless bundle; not imported (``buildFuture``/``buildExpired``).
    UNPUBLISHED = "unpublished"
    #: A configuration file (``config.toml``) that does not parse (the site is imported
    #: without it), or a value of a type the import cannot use (left out, or a menu
    #: entry's weight: the entry sorted last); at the key's line.
    CONFIG = "config"
    #: A URL outside the allow-list (``javascript:``, ``data:``, an unknown scheme) in
    #: ``config.toml``, ``netlify.toml``, front matter or a ``data/`` file; the link (or
    #: the redirect, the menu entry, the base URL) is left out, its text kept.
    UNSAFE_URL = "unsafe-url"
    #: A front matter key that would configure Sphinx, MyST or the theme for the page
    #: (``myst``, ``html_meta``, ``orphan``, ``tocdepth`` …) or that the converter writes
    #: itself (``hugo_url``): a Hugo page means nothing by it; dropped, at its line.
    SPHINX_KEY = "sphinx-key"
    #: A content file larger than the import's limit (``ext.shared.limits.MAX_PAGE_BYTES``); not imported.
    PAGE_SIZE = "page-size"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem found while importing.

    ``file`` is relative to the site root (``content/about/faq.md``), ``line`` is
    1-based in that file (0 when the problem concerns the whole file).
    """

    file: str
    line: int
    kind: ProblemKind = field(compare=False)
    message: str = field(compare=False)

    def __str__(self) -> str:
        """``file:line: message [hugo.kind]`` on one line: a control character in the
        file's name (a newline) is shown escaped (``\\n``)."""
        file = "".join(char if char.isprintable() else repr(char)[1:-1] for char in self.file)
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.message} [hugo.{self.kind.value}]"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "kind": self.kind.value,
            "message": self.message,
        }


def once_each(problems: list[Problem]) -> list[Problem]:
    """``problems`` with a problem repeated word for word (same file, line, kind and
    message: 500 copies of one unknown shortcode on a line) shown once, its message
    ending in ``(500 times)``; otherwise in their order."""
    counts = Counter((p.file, p.line, p.kind, p.message) for p in problems)
    return [Problem(file, line, kind, f"{message} ({count} times)" if count > 1 else message)
            for (file, line, kind, message), count in counts.items()]


@dataclass
class FrontMatter:
    """Parsed front matter of one content file.

    ``data`` holds the keys as the site wrote them (TOML, YAML or JSON values, dates as
    strings); ``body_line`` is the 1-based line of the file where the Markdown body
    starts; ``key_lines`` maps each top-level key to its 1-based line in the file.
    """

    data: dict[str, Any]
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    format: str = "none"


@dataclass
class Page:
    """One content file of the Hugo site and where it goes in the handbook.

    ``source`` is the path relative to ``content/`` (POSIX form), ``url`` the Hugo
    URL (``/about/faq/``), ``docname`` the Sphinx docname (``about/faq``; a section
    or bundle index is ``about/index``), ``section`` the top-level section name
    (``""`` for pages at the content root). ``title`` is what the handbook shows
    (the page's H1); ``hugo_title`` the title Hugo sorts the page by, which differs
    when the body's opening heading named the page better (empty: the same).
    """

    source: str
    path: Path
    front: FrontMatter
    url: str
    docname: str
    section: str
    title: str
    date: datetime | None = None
    weight: int = 0
    draft: bool = False
    is_index: bool = False
    hugo_title: str = ""

    @property
    def site_file(self) -> str:
        return f"content/{self.source}"

    @property
    def bundle_dir(self) -> str:
        """Content folder holding this page's bundle resources (POSIX, no slash)."""
        parent = str(Path(self.source).parent)
        return "" if parent == "." else parent


@dataclass(frozen=True)
class UnknownKey:
    """A front matter key that nothing in the handbook reads, in one section.

    ``section`` is the first folder of the pages' path in the handbook (``""`` at the
    top), ``pages`` how many pages of it have the key; ``example`` is the value of the
    first of them (JSON-able; long values cut), found in ``file`` (relative to the site
    root) at its 1-based ``line``.
    """

    section: str
    key: str
    pages: int
    example: Any
    file: str
    line: int

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "pages": self.pages, "example": self.example, "file": self.file, "line": self.line}


@dataclass
class ImportReport:
    """What one import did. Paths are relative to the destination folder."""

    site: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    static_copied: int = 0
    skipped: bool = False
    #: The front matter keys nothing reads, once per key and section (each also a problem).
    unknown_keys: list[UnknownKey] = field(default_factory=list)
    #: Where each page's file in the destination comes from: ``{path: (site file, line
    #: of the key that sets its URL, else 1)}`` (to report a file that stands in its way).
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        by_kind: dict[str, int] = {}
        for problem in self.problems:
            by_kind[problem.kind.value] = by_kind.get(problem.kind.value, 0) + 1
        return by_kind

    def as_json(self) -> dict:
        return {
            "site": self.site,
            "skipped_unchanged_site": self.skipped,
            "pages_written": sorted(self.written),
            "pages_unchanged": len(self.unchanged),
            "pages_removed": sorted(self.removed),
            "drafts_skipped": sorted(self.drafts),
            "static_files_copied": self.static_copied,
            "problem_counts": self.counts(),
            "problems": [p.as_json() for p in sorted(self.problems)],
            "unknown_front_matter_keys": self.unknown_keys_by_section(),
        }

    def unknown_keys_by_section(self) -> dict[str, list[dict[str, Any]]]:
        """``{section: [{"key", "pages", "example", "file", "line"}, ...]}``: what a
        maintainer reads to choose the fields a section shows."""
        sections: dict[str, list[dict[str, Any]]] = {}
        for unknown in sorted(self.unknown_keys, key=lambda u: (u.section, u.key)):
            sections.setdefault(unknown.section, []).append(unknown.as_json())
        return sections
