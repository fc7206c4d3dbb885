"""furo's sidebar tree, rendered once per build and marked per page.

furo's sidebar is ``get_navigation_tree(toctree(collapse=False, titles_only=True,
maxdepth=-1, includehidden=True))`` and ``ext.navigation`` makes that ``toctree()``
call collapse (only the current page's branch keeps its sub-lists). Done per page,
that resolves and deep-copies the site's whole toctree, renders it with the HTML
writer and parses the result again with BeautifulSoup: about a fifth of a cold build
of the real site.

Here that work is done once. :func:`build_sidebar_tree` resolves the global toctree
uncollapsed and with no page current, renders it once with the builder's HTML
writer, parses it once with BeautifulSoup, and keeps a small tree of
:class:`NavList`, :class:`NavItem` and :class:`NavLink`. :meth:`SidebarTree.render`
then writes one page's sidebar from that tree: the same marks Sphinx gives (the
``current`` class on the page's link and on every list and item above it), the same
collapsing (a sub-list is kept only under an item on the current branch), the same
additions furo makes (``has-children``, the checkbox and its label, numbered in
document order, checked on the current branch; ``current-page`` on the last current
item) and the same serialisation (BeautifulSoup's ``minimal`` formatter, attributes
in sorted order). Links are made relative to the page with the builder's own
``get_relative_uri``. ``tests/test_navigation.py`` compares whole pages with what the
per-page path writes.

A tree this module does not model (an item without a link first, two links in one
item, a link to an anchor, a list with its own classes) raises
:class:`UnsupportedTree` while building; the caller then keeps the per-page path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.formatter import HTMLFormatter
from docutils import nodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import url_re

#: BeautifulSoup's default output formatter: the one ``str(soup)`` uses in furo.
_FORMATTER = HTMLFormatter.REGISTRY["minimal"]
#: The href of the i-th internal link in the one render, mapped back after parsing.
_TOKEN = "#sidebar-link-"
#: A docname no page has: nothing is current while the tree is resolved once.
_NO_PAGE = "\x00"


class UnsupportedTree(Exception):
    """The rendered toctree has a shape :class:`SidebarTree` does not reproduce."""


@dataclass(eq=False)
class NavLink:
    """An ``<a>`` of the tree: ``docname`` is set for a link to a page (its href
    depends on the page showing the sidebar), else ``start_tag`` is the fixed tag."""

    classes: list[str]
    inner_html: str
    text: str
    docname: str | None = None
    start_tag: str = ""


@dataclass(eq=False)
class NavList:
    """A ``<ul>``: the text before its first item, its items; ``parent`` is the item
    it hangs under (None at the top)."""

    head: str = ""
    items: list[NavItem] = field(default_factory=list)
    parent: NavItem | None = None


@dataclass(eq=False)
class NavItem:
    """An ``<li>``: its link, then its sub-lists, each kept with the text after it."""

    classes: list[str]
    link: NavLink
    parent: NavList
    order: int
    sublists: list[tuple[NavList, str]] = field(default_factory=list)
    tail: str = ""


@dataclass
class SidebarTree:
    """The whole sidebar tree, uncollapsed: ``parts`` are top-level HTML (captions)
    and lists in document order; ``items_for`` maps a docname to the items linking it."""

    parts: list[str | NavList]
    items_for: dict[str, list[NavItem]]

    def render(self, pagename: str, relative_uri: Any, *, expanded: bool = False) -> str:
        """The sidebar HTML furo writes for ``pagename`` with collapsed branches (with
        ``expanded``: every branch kept, as ``toctree(collapse=False)`` gives).

        ``relative_uri(from_docname, to_docname) -> str`` is the builder's
        ``get_relative_uri``; an empty result becomes ``#``, as Sphinx's writer does.
        """
        marked: set[int] = set()
        last: NavItem | None = None
        for item in self.items_for.get(pagename, ()):
            node: NavItem | NavList | None = item
            while node is not None:
                marked.add(id(node))
                if isinstance(node, NavItem) and (last is None or node.order > last.order):
                    last = node
                node = node.parent
        own = {id(item) for item in self.items_for.get(pagename, ())}
        page = _Page(pagename, relative_uri, marked, own, last, expanded)
        return "".join(part if isinstance(part, str) else page.list_html(part) for part in self.parts)


class _Page:
    """One page's rendering of the tree (its marks, its checkbox counter)."""

    def __init__(self, pagename: str, relative_uri: Any, marked: set[int], own: set[int], last: NavItem | None,
                 expanded: bool) -> None:
        self.pagename = pagename
        self.relative_uri = relative_uri
        #: The items and lists on the current branch (Sphinx's "current" class).
        self.marked = marked
        #: The items linking the page itself: only their links get "current".
        self.own = own
        #: The last current item in document order (furo's "current-page").
        self.last = last
        #: Every item keeps its sub-lists, not only those on the current branch.
        self.expanded = expanded
        self.checkboxes = 0

    def list_html(self, navlist: NavList) -> str:
        opening = '<ul class="current">' if id(navlist) in self.marked else "<ul>"
        return opening + navlist.head + "".join(self.item_html(item) for item in navlist.items) + "</ul>"

    def item_html(self, item: NavItem) -> str:
        current = id(item) in self.marked
        classes = list(item.classes)
        if current:
            classes.append("current")
        # Sphinx keeps an item's sub-lists only on the current branch (collapse=True).
        sublists = item.sublists if current or self.expanded else []
        toggle = ""
        if sublists:
            classes.append("has-children")
            self.checkboxes += 1
            toggle = _toggle_html(item.link.text, self.checkboxes, checked=current)
        if item is self.last:
            classes.append("current-page")
        body = "".join(self.list_html(sub) + after for sub, after in sublists)
        return f"{_start_tag('li', {'class': classes})}{self.link_html(item.link, id(item) in self.own)}{toggle}{body}</li>{item.tail}"

    def link_html(self, link: NavLink, current: bool) -> str:
        if link.docname is None:
            return f"{link.start_tag}{link.inner_html}</a>"
        classes = (["current"] if current else []) + link.classes
        href = self.relative_uri(self.pagename, link.docname) or "#"
        return f"{_start_tag('a', {'class': classes, 'href': href})}{link.inner_html}</a>"


def _start_tag(name: str, attrs: dict[str, str | list[str]]) -> str:
    """An opening tag as BeautifulSoup writes it: attributes sorted, values escaped."""
    rendered = []
    for key, value in sorted(attrs.items()):
        text = " ".join(value) if isinstance(value, list) else value
        rendered.append(f" {key}={_FORMATTER.quoted_attribute_value(_FORMATTER.attribute_value(text))}")
    return f"<{name}{''.join(rendered)}>"


def _toggle_html(text: str, number: int, *, checked: bool) -> str:
    """furo's checkbox and label for an item with children (as furo's ``navigation.py``)."""
    soup = BeautifulSoup("", "html.parser")
    name = f"toctree-checkbox-{number}"
    checkbox = soup.new_tag("input", attrs={
        "type": "checkbox", "class": ["toctree-checkbox"], "id": name, "name": name,
        "role": "switch", "aria-label": f"Toggle navigation of {text}",
    })
    if checked:
        checkbox.attrs["checked"] = ""
    label = soup.new_tag("label", attrs={"for": name})
    icon = soup.new_tag("span", attrs={"class": "icon"})
    svg = soup.new_tag("svg")
    svg.append(soup.new_tag("use", href="#svg-arrow-right"))
    icon.append(svg)
    label.append(icon)
    return checkbox.decode() + label.decode()


class _DocnameURIs:
    """Stands in for the builder while the toctree is resolved once: each internal
    link keeps its docname as its URI, to be made relative per page later."""

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return to


def build_sidebar_tree(builder: Any) -> SidebarTree:
    """Resolve, render and parse the global toctree once, for ``builder`` (an HTML
    builder, after reading). Raises :class:`UnsupportedTree` for shapes not modelled."""
    resolved = global_toctree_for_doc(
        builder.env, _NO_PAGE, _DocnameURIs(), tags=builder.tags,  # type: ignore[arg-type]
        collapse=False, includehidden=True, maxdepth=-1, titles_only=True,
    )
    if resolved is None:
        return SidebarTree([], {})
    docnames: list[str] = []
    for reference in resolved.findall(nodes.reference):
        if reference.get("internal") and url_re.match(reference["refuri"]) is None:
            if reference.get("anchorname"):
                raise UnsupportedTree(f"a link to an anchor: {reference['refuri']}")
            docnames.append(reference["refuri"])
            reference["refuri"] = f"{_TOKEN}{len(docnames) - 1}"
    html = builder.render_partial(resolved)["fragment"]
    return _Parser(docnames).tree(BeautifulSoup(html, "html.parser"))


class _Parser:
    """Turns the parsed one-off render into the tree, refusing shapes it does not model."""

    def __init__(self, docnames: list[str]) -> None:
        self.docnames = docnames
        self.items_for: dict[str, list[NavItem]] = {}
        self.order = 0

    def tree(self, soup: BeautifulSoup) -> SidebarTree:
        parts: list[str | NavList] = []
        for child in soup.contents:
            if isinstance(child, Tag) and child.name == "ul":
                parts.append(self.navlist(child, None))
            elif isinstance(child, Tag) and child.name == "p" and "caption" in child.get("class", []):
                parts.append(child.decode())
            elif isinstance(child, NavigableString) and not isinstance(child, Tag):
                parts.append(child.output_ready(_FORMATTER))
            else:
                raise UnsupportedTree(f"a top-level <{getattr(child, 'name', '?')}>")
        return SidebarTree(parts, self.items_for)

    def navlist(self, ul: Tag, parent: NavItem | None) -> NavList:
        if ul.attrs:
            raise UnsupportedTree("a list with attributes")
        navlist = NavList(parent=parent)
        for child in ul.contents:
            if isinstance(child, Tag) and child.name == "li":
                navlist.items.append(self.item(child, navlist))
            elif isinstance(child, Tag) or str(child) != "\n":
                raise UnsupportedTree("a list holding more than items")
            elif navlist.items:
                navlist.items[-1].tail += "\n"
            else:
                navlist.head += "\n"
        return navlist

    def item(self, li: Tag, parent: NavList) -> NavItem:
        contents = list(li.contents)
        if not contents or not isinstance(contents[0], Tag) or contents[0].name != "a" or set(li.attrs) != {"class"}:
            raise UnsupportedTree("an item that does not open with its link")
        item = NavItem(list(li["class"]), self.link(contents[0]), parent, self.order)
        self.order += 1
        if item.link.docname is not None:
            self.items_for.setdefault(item.link.docname, []).append(item)
        rest = contents[1:]
        while rest:
            sub = rest.pop(0)
            if not (isinstance(sub, Tag) and sub.name == "ul"):
                raise UnsupportedTree("an item holding more than its link and its lists")
            after = ""
            if rest and isinstance(rest[0], NavigableString) and not isinstance(rest[0], Tag):
                after = rest.pop(0).output_ready(_FORMATTER)
            item.sublists.append((self.navlist(sub, item), after))
        return item

    def link(self, a: Tag) -> NavLink:
        if a.find("a") is not None:
            raise UnsupportedTree("a link inside a link")
        href = a.get("href", "")
        link = NavLink(list(a.get("class", [])), a.decode_contents(), a.get_text())
        if isinstance(href, str) and href.startswith(_TOKEN) and set(a.attrs) == {"class", "href"}:
            link.docname = self.docnames[int(href[len(_TOKEN):])]
        else:
            link.start_tag = a.decode().removesuffix(f"{link.inner_html}</a>")
        return link
