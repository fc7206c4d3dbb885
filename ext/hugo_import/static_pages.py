"""HTML pages in the site's ``static/`` folder, made safe to serve from the handbook.

Hugo serves ``static/`` as it is, so a site may carry whole HTML pages there (the
conference programmes of 2019-2023 are exported OpenConf pages). The handbook keeps
them at their URLs, but serves no script of the site: ``<script>`` elements, ``on*``
event attributes and ``javascript:`` URLs are removed, each one reported (with file
and line) as ``hugo.dropped-html`` or ``hugo.unsafe-html``. Pages without any of
them are not rewritten (the import hard-links them). Links that open a new tab get
``rel="noopener"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

from .model import Problem, ProblemKind

#: File name endings of the static files that are HTML pages.
HTML_SUFFIXES = (".html", ".htm")
#: A cheap test on the raw bytes: only pages where this matches are parsed.
_MAYBE_UNSAFE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|_blank", re.IGNORECASE)
_JAVASCRIPT_URL = re.compile(r"^\s*javascript:", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


@dataclass
class CleanedPage:
    """A static HTML page after cleaning: ``data`` is the page's new bytes (in the
    page's own encoding), ``problems`` one entry per removed script, attribute or URL."""

    data: bytes
    problems: list[Problem] = field(default_factory=list)


def _add_noopener(soup: BeautifulSoup) -> int:
    """Give every link that opens a new tab ``rel="noopener"`` (so the new page cannot
    navigate this one); returns how many links changed. Lossless, so not reported."""
    changed = 0
    for tag in soup.find_all(["a", "area", "form"], target=True):
        rel = tag.get("rel") or []
        if tag["target"].lower() == "_blank" and "noopener" not in rel and "noreferrer" not in rel:
            tag["rel"] = [*rel, "noopener"]
            changed += 1
    return changed


def clean_static_page(raw: bytes, rel: str) -> CleanedPage | None:
    """Remove scripts, event attributes and ``javascript:`` URLs from the HTML page ``raw``
    and add ``rel="noopener"`` to links with ``target="_blank"``.

    ``rel`` is the page's path relative to the site root (``static/a/b.html``), used in
    the problems. Returns None when the page has nothing to remove, so the caller can
    link the original file instead of writing a copy.
    """
    if not _MAYBE_UNSAFE.search(raw):
        return None
    soup = BeautifulSoup(raw, "html.parser")
    problems: list[Problem] = []
    for script in soup.find_all("script"):
        what = f'<script src="{script["src"]}">' if script.get("src") else "an inline <script>"
        problems.append(Problem(rel, script.sourceline or 0, ProblemKind.DROPPED_HTML,
                                f"{what} of a static page removed: the handbook serves no scripts of the site"))
        script.decompose()
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            value = tag.attrs[name]
            if name.lower().startswith("on"):
                problems.append(Problem(rel, tag.sourceline or 0, ProblemKind.UNSAFE_HTML,
                                        f"event attribute {name} of <{tag.name}> removed"))
                del tag.attrs[name]
            elif name.lower() in _URL_ATTRIBUTES and isinstance(value, str) and _JAVASCRIPT_URL.match(value):
                problems.append(Problem(rel, tag.sourceline or 0, ProblemKind.UNSAFE_HTML,
                                        f"javascript: URL in {name} of <{tag.name}> removed"))
                del tag.attrs[name]
    opener_safe = _add_noopener(soup)
    if not problems and not opener_safe:
        return None
    encoding = soup.original_encoding or "utf-8"
    return CleanedPage(soup.decode(formatter="minimal").encode(encoding, errors="xmlcharrefreplace"), problems)
