"""The anchors each page will have in the handbook, so ``#fragment`` links can be checked.

Heading anchors are MyST's heading slugs (``myst_heading_anchors``, GitHub style,
the same algorithm Hugo's Goldmark uses by default); explicit anchors are Hugo's
``{#id}`` heading attributes and ``id``/``name`` attributes in raw HTML.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from myst_parser.slugs import github_slugify

from .site import HugoSite

_PARSER = MarkdownIt("commonmark").disable("inline")  # blocks only; headings are parsed inline below
_INLINE = MarkdownIt("commonmark")
_HEADING_ID = re.compile(r"\s*\{#([\w:.-]+)\}\s*$")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
#: A looser :data:`_HTML_ID` (no word boundary) that is quicker to search a whole page with.
_MAYBE_HTML_ID = re.compile(r"""(?:id|name)\s*=\s*["']""")


def page_anchors(title: str, body: str) -> tuple[set[str], set[str]]:
    """Anchors of one page: ``(heading slugs, explicit ids)``."""
    anchors: set[str] = set()
    slugs: set[str] = set()

    def add_slug(text: str) -> None:
        slug = github_slugify(text)
        if not slug:
            return
        unique, i = slug, 1
        while unique in slugs:
            unique, i = f"{slug}-{i}", i + 1
        slugs.add(unique)

    add_slug(title)
    tokens = _PARSER.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            children = _INLINE.parseInline(tokens[i + 1].content)[0].children or []
            text = "".join(c.content for c in children if c.type in {"text", "code_inline"})
            match = _HEADING_ID.search(text)
            if match:
                anchors.add(match.group(1))
                text = text[: match.start()]
            add_slug(text.strip())
        elif token.type == "html_block" or (token.type == "inline" and "<" in token.content):
            if _HTML_ID.search(token.content):
                soup = BeautifulSoup(token.content, "html.parser")
                for tag in soup.find_all(True):
                    for key in ("id", "name"):
                        if tag.get(key) and (key == "id" or tag.name == "a"):
                            anchors.add(str(tag.get(key)))
    return slugs, anchors


def may_have_explicit_ids(body: str) -> bool:
    """Whether a page body could hold an explicit anchor (``{#id}`` or an HTML
    ``id``/``name``): a cheap test before parsing it."""
    return "{#" in body or _MAYBE_HTML_ID.search(body) is not None


class SiteAnchors:
    """The anchors of a site's pages, found when a link first asks for them.

    Most pages are never the target of a ``#fragment`` link, so their bodies are not
    parsed for anchors at all. ``of(docname)`` is a page's heading slugs and explicit
    ids; ``is_explicit_id(fragment)`` tells whether any page defines ``fragment`` as an
    explicit id. Each process (the import's forked workers) fills its own cache.
    """

    def __init__(self, site: HugoSite) -> None:
        self.site = site
        self._found: dict[str, tuple[set[str], set[str]]] = {}
        self._explicit: dict[str, bool] = {}
        # (docname, text with HTML entities decoded, as an id may be written with them)
        self._may_have = [
            (docname, html.unescape(page.front.body))
            for docname, page in site.pages.items() if may_have_explicit_ids(page.front.body)
        ]

    def _page(self, docname: str) -> tuple[set[str], set[str]]:
        if docname not in self._found:
            page = self.site.pages[docname]
            self._found[docname] = page_anchors(page.title, page.front.body)
        return self._found[docname]

    def of(self, docname: str) -> set[str]:
        """Every anchor of page ``docname`` (empty for a docname the site does not have)."""
        if docname not in self.site.pages:
            return set()
        slugs, explicit = self._page(docname)
        return slugs | explicit

    def is_explicit_id(self, fragment: str) -> bool:
        """Whether some page defines ``fragment`` as an explicit id (``{#id}``, an HTML
        ``id``/``name``). Explicit ids become inline anchors, not Sphinx labels: pages
        share them, so a link to one goes by URL. Only the pages that
        :func:`may_have_explicit_ids` and hold the fragment's text are parsed."""
        if fragment not in self._explicit:
            self._explicit[fragment] = any(
                fragment in self._page(docname)[1] for docname, text in self._may_have if fragment in text
            )
        return self._explicit[fragment]
