"""The anchors each page will have in the handbook, so ``#fragment`` links can be checked.

Heading anchors are MyST's heading slugs (``myst_heading_anchors``, GitHub style,
the same algorithm Hugo's Goldmark uses by default); explicit anchors are Hugo's
``{#id}`` heading attributes and ``id``/``name`` attributes in raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from myst_parser.slugs import github_slugify

from .site import HugoSite

_PARSER = MarkdownIt("commonmark").disable("inline")  # blocks only; headings are parsed inline below
_INLINE = MarkdownIt("commonmark")
_HEADING_ID = re.compile(r"\s*\{#([\w:.-]+)\}\s*$")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")


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


def site_anchors(site: HugoSite) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Anchors of every page of ``site``: ``(anchors by docname, docnames by explicit id)``."""
    return collect_anchors(
        (docname, *page_anchors(page.title, page.front.body)) for docname, page in site.pages.items()
    )


def collect_anchors(
    found: Iterable[tuple[str, set[str], set[str]]],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """``(anchors by docname, docnames by explicit id)`` from ``(docname, slugs,
    explicit ids)`` of each page.

    Explicit ids become inline anchors, not Sphinx labels: pages share them, so
    an id that any page defines is linked by URL."""
    anchors: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for docname, slugs, explicit in found:
        anchors[docname] = slugs | explicit
        for anchor in explicit:
            owners.setdefault(anchor, set()).add(docname)
    return anchors, owners
