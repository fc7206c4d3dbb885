"""Abstracts: the HTML of a programme's ``abstract`` strings to docutils body nodes.

Parsed with a real HTML parser (BeautifulSoup over :mod:`html.parser`). Kept: paragraphs
(``<p>``, ``<div>``, headings and other blocks become paragraphs), line breaks (a
``line_block``; two breaks in a row start a new paragraph), links whose scheme is
``http``, ``https`` or ``mailto``, emphasis (``<em>``, ``<i>``, ``<cite>``), strong
(``<strong>``, ``<b>``) and lists (``<ul>``, ``<ol>``). Every other element is reduced to
its text; ``<script>``, ``<style>`` and other non-text elements are dropped with their
content. Entities are decoded, so the reader never sees escaped HTML, and no raw HTML
reaches the output. An abstract without any block markup is plain text: each line is a
paragraph and lines starting with ``•`` form a bullet list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from docutils import nodes

#: Link schemes kept as links; any other ``href`` is reduced to the link's text.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_STRUCTURE_TAGS = ["p", "br", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr", "pre"]
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header",
     "footer", "pre", "table", "tr", "dl", "dt", "dd", "address", "figure", "figcaption", "center",
     "li", "main", "aside", "nav", "hr"}
)
_DROPPED_TAGS = frozenset(
    {"script", "style", "template", "head", "title", "noscript", "iframe", "object", "embed",
     "svg", "math", "img", "video", "audio", "canvas", "select", "textarea", "button", "input"}
)
_INLINE_NODES: dict[str, type[nodes.TextElement]] = {
    "em": nodes.emphasis, "i": nodes.emphasis, "cite": nodes.emphasis,
    "strong": nodes.strong, "b": nodes.strong,
}
_LISTS = {"ul": nodes.bullet_list, "ol": nodes.enumerated_list}
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*•\s*")


@dataclass
class Abstract:
    """An abstract as docutils body nodes (paragraphs, line blocks, lists) and the
    ``href`` values that were reduced to text because their scheme is not safe."""

    body: list[nodes.Element] = field(default_factory=list)
    unsafe_links: list[str] = field(default_factory=list)


class _Blocks:
    """Collects body nodes; inline content gathers in lines of the open paragraph."""

    def __init__(self, abstract: Abstract) -> None:
        self.abstract = abstract
        self.body: list[nodes.Element] = []
        self.lines: list[list[nodes.Node]] = [[]]

    def add_inline(self, node: nodes.Node) -> None:
        self.lines[-1].append(node)

    def line_break(self) -> None:
        self.lines.append([])

    def add_block(self, node: nodes.Element | None) -> None:
        self.close()
        if node is not None:
            self.body.append(node)

    def close(self) -> None:
        """End the open paragraph: one line -> paragraph; several -> line block; an
        empty line (two breaks in a row) separates paragraphs."""
        groups: list[list[list[nodes.Node]]] = [[]]
        for line in self.lines:
            tidy = _tidy(line)
            if tidy:
                groups[-1].append(tidy)
            elif groups[-1]:
                groups.append([])
        for group in groups:
            if len(group) == 1:
                self.body.append(nodes.paragraph("", "", *group[0]))
            elif group:
                self.body.append(nodes.line_block("", *(nodes.line("", "", *line) for line in group)))
        self.lines = [[]]

    def finish(self) -> list[nodes.Element]:
        self.close()
        return self.body


def _tidy(inlines: list[nodes.Node]) -> list[nodes.Node]:
    """Collapse the spaces between inline nodes and strip both ends of a line."""
    space = [True]

    def squeeze(children: list[nodes.Node]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for child in children:
            if isinstance(child, nodes.Text):
                text = str(child)
                if space[0] and text.startswith(" "):
                    text = text[1:]
                if text:
                    out.append(nodes.Text(text))
                    space[0] = text.endswith(" ")
            elif isinstance(child, nodes.Element):
                kids = squeeze(list(child.children))
                child.children = []
                if kids:
                    child.extend(kids)
                    out.append(child)
        return out

    def rstrip(children: list[nodes.Node]) -> list[nodes.Node]:
        while children:
            last = children[-1]
            if isinstance(last, nodes.Text):
                text = str(last).rstrip()
                if text:
                    children[-1] = nodes.Text(text)
                    return children
            elif isinstance(last, nodes.Element):
                kids = rstrip(list(last.children))
                last.children = []
                if kids:
                    last.extend(kids)
                    return children
            children.pop()
        return children

    return rstrip(squeeze(inlines))


def _text(value: str) -> nodes.Text:
    return nodes.Text(_SPACES.sub(" ", value))


def _is_text(child: object) -> bool:
    # Comments, doctypes, CDATA and processing instructions are PreformattedStrings.
    return isinstance(child, NavigableString) and not isinstance(child, PreformattedString)


def _inline_children(tag: Tag, abstract: Abstract) -> list[nodes.Node]:
    """The children of an inline element; any block or break inside becomes a space."""
    out: list[nodes.Node] = []
    for child in tag.children:
        if _is_text(child):
            out.append(_text(str(child)))
        elif isinstance(child, Tag) and child.name not in _DROPPED_TAGS:
            if child.name in _INLINE_NODES or child.name == "a":
                out.append(_inline_element(child, abstract))
            else:
                if child.name == "br" or child.name in _BLOCK_TAGS:
                    out.append(nodes.Text(" "))
                out.extend(_inline_children(child, abstract))
    return out


def _inline_element(tag: Tag, abstract: Abstract) -> nodes.Node:
    """``<a>``, ``<em>``, ``<strong>`` and their synonyms as docutils inline nodes."""
    children = _inline_children(tag, abstract)
    if tag.name != "a":
        return _INLINE_NODES[tag.name]("", "", *children)
    href = str(tag.get("href") or "").strip()
    if not href:
        return nodes.inline("", "", *children)
    if urlsplit(href).scheme.lower() not in SAFE_SCHEMES:
        abstract.unsafe_links.append(href)
        return nodes.inline("", "", *children)
    if not "".join(str(child.astext()) for child in children).strip():
        children = [nodes.Text(href)]
    return nodes.reference("", "", *children, refuri=href)


def _list(tag: Tag, abstract: Abstract) -> nodes.Element | None:
    """``<ul>``/``<ol>`` as a bullet or enumerated list; ``None`` when it has no items."""
    node = _LISTS[tag.name]()
    if tag.name == "ol":
        node["enumtype"], node["prefix"], node["suffix"] = "arabic", "", "."
    for child in tag.children:
        if _is_text(child) and not str(child).strip():
            continue
        blocks = _Blocks(abstract)
        if isinstance(child, Tag) and child.name in {"li", *_LISTS}:
            if child.name in _LISTS:
                blocks.add_block(_list(child, abstract))
            else:
                _walk(child, blocks)
        elif _is_text(child):
            blocks.add_inline(_text(str(child)))
        elif isinstance(child, Tag) and child.name not in _DROPPED_TAGS:
            _walk(child, blocks)
        body = blocks.finish()
        if body:
            node += nodes.list_item("", *body)
    return node if len(node) else None


def _walk(tag: Tag, blocks: _Blocks) -> None:
    """Add the content of a block-level element to ``blocks``."""
    for child in tag.children:
        if _is_text(child):
            blocks.add_inline(_text(str(child)))
        elif not isinstance(child, Tag) or child.name in _DROPPED_TAGS:
            continue
        elif child.name == "br":
            blocks.line_break()
        elif child.name in _LISTS:
            blocks.add_block(_list(child, blocks.abstract))
        elif child.name in _BLOCK_TAGS:
            blocks.close()
            _walk(child, blocks)
            blocks.close()
        elif child.name in _INLINE_NODES or child.name == "a":
            blocks.add_inline(_inline_element(child, blocks.abstract))
        else:
            _walk(child, blocks)


def _plain_lines(text: str, blocks: _Blocks, markup: bool) -> None:
    """Plain text: one paragraph per line; consecutive ``•`` lines form a bullet list."""
    bullets: nodes.bullet_list | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        item = _BULLET.match(line)
        target = _Blocks(blocks.abstract) if item else blocks
        line = line[item.end() :] if item else line
        if markup:
            _walk(BeautifulSoup(line, "html.parser"), target)
        else:
            target.add_inline(_text(line))
        if item:
            if bullets is None:
                bullets = nodes.bullet_list()
                blocks.add_block(bullets)
            bullets += nodes.list_item("", *target.finish())
        else:
            bullets = None
            blocks.close()


def abstract_to_nodes(markup: str) -> Abstract:
    """Convert one ``abstract`` string (HTML or plain text) to docutils body nodes.

    Returns an :class:`Abstract`: ``body`` is a list of paragraphs, line blocks and
    lists (empty for an empty abstract); ``unsafe_links`` lists the ``href`` values whose
    links were reduced to text, for the caller to report."""
    abstract = Abstract()
    blocks = _Blocks(abstract)
    markup = markup.strip()
    if "<" not in markup and "&" not in markup:
        _plain_lines(markup, blocks, markup=False)
    else:
        soup = BeautifulSoup(markup, "html.parser")
        if soup.find(_STRUCTURE_TAGS) is None:
            _plain_lines(markup, blocks, markup=True)
        else:
            _walk(soup, blocks)
    abstract.body = blocks.finish()
    return abstract
