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

import lxml.html
from lxml import etree

from .model import Problem, ProblemKind

#: A cheap test on the raw bytes: only pages where this matches are parsed.
_MAYBE_UNSAFE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|_blank", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!doctype[^>]*>", re.IGNORECASE)
_JAVASCRIPT_URL = re.compile(r"^\s*javascript:", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


@dataclass
class CleanedPage:
    """A static HTML page after cleaning: ``data`` is the page's new bytes (in the
    page's own encoding), ``problems`` one entry per removed script, attribute or URL."""

    data: bytes
    problems: list[Problem] = field(default_factory=list)


def _add_noopener(root: lxml.html.HtmlElement) -> int:
    """Give every link that opens a new tab ``rel="noopener"`` (so the new page cannot
    navigate this one); returns how many links changed. Lossless, so not reported."""
    changed = 0
    for tag in root.iter("a", "area", "form"):
        rel = (tag.get("rel") or "").split()
        if (tag.get("target") or "").lower() == "_blank" and "noopener" not in rel and "noreferrer" not in rel:
            tag.set("rel", " ".join([*rel, "noopener"]))
            changed += 1
    return changed


def clean_static_page(raw: bytes, rel: str) -> CleanedPage | None:
    """Remove scripts, event attributes and ``javascript:`` URLs from the HTML page ``raw``
    and add ``rel="noopener"`` to links with ``target="_blank"``.

    ``rel`` is the page's path relative to the site root (``static/a/b.html``), used in
    the problems. Returns None when the page has nothing to change, so the caller can
    link the original file instead of writing a copy. Parsed with lxml (libxml2's HTML
    parser: fast, and it knows each element's line).
    """
    if not _MAYBE_UNSAFE.search(raw):
        return None
    try:
        root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):  # empty or not HTML at all: serve it as it is
        return None
    problems: list[Problem] = []
    for script in list(root.iter("script")):
        what = f'<script src="{script.get("src")}">' if script.get("src") else "an inline <script>"
        problems.append(Problem(rel, script.sourceline or 0, ProblemKind.DROPPED_HTML,
                                f"{what} of a static page removed: the handbook serves no scripts of the site"))
        script.drop_tree()
    for tag in root.iter(etree.Element):
        for name, value in list(tag.attrib.items()):
            if name.lower().startswith("on"):
                problems.append(Problem(rel, tag.sourceline or 0, ProblemKind.UNSAFE_HTML,
                                        f"event attribute {name} of <{tag.tag}> removed"))
                del tag.attrib[name]
            elif name.lower() in _URL_ATTRIBUTES and _JAVASCRIPT_URL.match(value):
                problems.append(Problem(rel, tag.sourceline or 0, ProblemKind.UNSAFE_HTML,
                                        f"javascript: URL in {name} of <{tag.tag}> removed"))
                del tag.attrib[name]
    if not _add_noopener(root) and not problems:
        return None
    doctype = _DOCTYPE.search(raw[:4096])  # the page's own, as written (libxml2 would add one)
    data = lxml.html.tostring(root, encoding=root.getroottree().docinfo.encoding or "utf-8", method="html")
    return CleanedPage((doctype.group(0) + b"\n" if doctype else b"") + data, problems)
