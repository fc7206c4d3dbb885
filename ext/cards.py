"""Cards: one grid, card and button component, whatever collection fills it.

The event cards and buttons (:mod:`ext.events`: ``event-cards``, ``event-button``)
and the home page's feature boxes and slides (:mod:`ext.home`: ``site-collection``)
build the same nodes, through a :class:`CardFamily` that names the collection. The
doctree stays format-neutral; one visitor per node and output format renders it
(:data:`VISITORS`).

==========================  ===============================================  =========================
node                        holds                                            attributes
==========================  ===============================================  =========================
:class:`card_grid`          the cards of one directive                       ``family``, ``columns``
                                                                             (1-4), ``gutter``
:class:`card`               optional icon or image, a title, paragraphs      ``family``
:class:`card_title`         the card's title (text)                          ``family``
:class:`card_icon`          nothing: an octicon, drawn in HTML only          ``family``, ``name``
:class:`card_button`        one ``reference``/``pending_xref``               ``family``, ``color``,
                                                                             ``outline``
:class:`printed_url`        nothing: prints an external URL on paper         ``refuri``
==========================  ===============================================  =========================

``family`` (``"events"``, ``"home"``) starts the collection's own HTML classes
(``<family>-grid``, ``<family>-card``, ``<family>-card-title``, ``<family>-card-icon``,
``<family>-button``), the hooks of its stylesheet; every other class is sphinx-design's
(rows and gutters from :mod:`sphinx_design.grids`, so the page needs sphinx-design's
CSS, which ``sphinx_design`` in ``extensions`` adds).

Links (:class:`Link`, :func:`link_nodes`): a page of the handbook becomes a
``pending_xref`` (``std:doc``, absolute docname), so Sphinx resolves it for any URL
layout and warns when the page is gone; an external URL a ``reference`` followed by a
:class:`printed_url`; a ``site:`` path a ``reference`` that :mod:`ext.site_files`
resolves.

Visitors: HTML (sphinx-design's grid, card and button markup; a button's classes are
set by the post-transform :class:`ButtonClasses`, after Sphinx resolved its link),
LaTeX (a card is a framed ``sphinxtopic`` with a title row, in a minipage so that no
page break falls inside it; URLs printed breakable with ``\\sphinxnolinkurl``), text,
man and texinfo. :func:`setup_cards` registers them once per application.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import column_width
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.icons import get_octicon

from ext.shared.paths import SITE_SCHEME

# -- nodes ----------------------------------------------------------------------------


class card_grid(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A responsive grid of :class:`card` (``columns``: 1-4 on wide screens, one on
    phones; ``gutter``: sphinx-design's ``:gutter:`` value, see :func:`row_classes`)."""


class card(nodes.General, nodes.Element):  # noqa: N801
    """One card: an optional :class:`card_icon` or image, a :class:`card_title`, then
    paragraphs (:func:`card_text`)."""


class card_title(nodes.General, nodes.TextElement):  # noqa: N801
    """The title of a :class:`card`, on its own line in every format."""


class card_icon(nodes.Inline, nodes.Element):  # noqa: N801
    """An octicon (``name``, one of sphinx-design's), drawn above the title in HTML only."""


class card_button(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A button around one link; ``color`` is a sphinx-design colour, ``outline`` a bool."""


class printed_url(nodes.Inline, nodes.Element):  # noqa: N801
    """An external URL (``refuri``) printed readably where links cannot be clicked."""


# -- links ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Where a button or link goes: a page of the handbook (``docname``, absolute), a
    URL (``url``: external, or a ``site:`` path of the site's files), or nowhere (false)."""

    docname: str = ""
    url: str = ""

    def __bool__(self) -> bool:
        return bool(self.docname or self.url)

    @property
    def printed(self) -> bool:
        """Whether paper shows the URL after the link's text: external URLs only."""
        return bool(self.url) and not self.url.startswith(SITE_SCHEME)


def link_nodes(link: Link, label: str | None, refdoc: str) -> list[nodes.Node]:
    """A link with ``label`` (``None``: the page's title for pages, the URL otherwise).

    Pages become a ``pending_xref`` (reftype ``doc``); URLs a ``reference``, followed
    by a :class:`printed_url` when labelled and external; an empty ``link`` the label
    alone (an ``inline``).
    """
    if link.docname:
        text = "" if label is None else label
        return [addnodes.pending_xref(
            "", nodes.inline(text, text), refdomain="std", reftype="doc", reftarget="/" + link.docname.lstrip("/"),
            refexplicit=label is not None, refwarn=True, refdoc=refdoc,
        )]
    if not link.url:
        return [nodes.inline(label or "", label or "")]
    text = link.url if label is None else label
    result: list[nodes.Node] = [nodes.reference(text, text, refuri=link.url)]
    if label is not None and link.printed:
        result.append(printed_url(refuri=link.url))
    return result


def short_url(uri: str) -> str:
    """A URL as printed on paper: no scheme, no trailing slash."""
    parts = urlsplit(uri)
    if parts.scheme not in {"http", "https"}:
        return uri
    return uri.split("://", 1)[1].rstrip("/")


# -- building a collection's cards -----------------------------------------------------


def columns_option(argument: str | None) -> int:
    """The ``:columns:`` option of a card grid: an integer from 1 to 4."""
    value = directives.positive_int(argument)
    if value > 4:
        raise ValueError("columns must be 1 to 4")
    return value


def card_text(*children: nodes.Node | str, classes: Iterable[str] = ()) -> nodes.paragraph:
    """A paragraph of a card (strings become text)."""
    return nodes.paragraph("", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children),
                           classes=["sd-card-text", *classes])


@dataclass(frozen=True)
class CardFamily:
    """The cards of one collection (``name``: ``"events"``, ``"home"``), the nodes of
    this module with their ``family`` set."""

    name: str

    def grid(self, columns: int = 3, classes: Iterable[str] = (), gutter: str | None = None) -> card_grid:
        """An empty grid; ``gutter`` as sphinx-design's ``:gutter:`` (``"3"``: at every width)."""
        grid = card_grid(family=self.name, columns=columns, classes=list(classes))
        if gutter is not None:
            grid["gutter"] = gutter
        return grid

    def card(self, classes: Iterable[str] = (), **attributes: Any) -> card:
        """An empty card (``attributes``: the collection's own, such as ``event_id``)."""
        return card(family=self.name, classes=list(classes), **attributes)

    def title(self, text: str) -> card_title:
        return card_title(text, text, family=self.name)

    def icon(self, name: str) -> card_icon:
        return card_icon(family=self.name, name=name)

    def button(self, link: Link, label: str | None, refdoc: str, color: str = "primary",
               outline: bool = False) -> list[nodes.Node]:
        """A :class:`card_button` around :func:`link_nodes`' link, its printed URL after it."""
        first, *rest = link_nodes(link, label, refdoc)
        return [card_button("", "", first, family=self.name, color=color, outline=outline), *rest]


# -- HTML -------------------------------------------------------------------------------

#: sphinx-design's grid container (with its default margin), card and card title.
GRID_CLASSES = ("sd-container-fluid", "sd-sphinx-override", "sd-mb-4")
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm")
TITLE_CLASSES = ("sd-card-title", "sd-font-weight-bold")
#: A grid without a ``gutter``: the gutter at the smallest width only.
BASE_GUTTER = ("sd-g-3",)


def row_classes(node: card_grid) -> list[str]:
    """The row of a grid: one column on phones, at most two on small screens, then
    ``columns``; its gutter by sphinx-design's ``:gutter:`` rule, else :data:`BASE_GUTTER`."""
    columns = int(node.get("columns", 3))
    gutter = gutter_option(node["gutter"]) if node.get("gutter") else list(BASE_GUTTER)
    return ["sd-row", *row_columns_option(f"1 {min(columns, 2)} {columns} {columns}"), *gutter]


def button_classes(node: card_button) -> list[str]:
    """sphinx-design classes of a button: ``sd-btn sd-btn-primary`` and the like."""
    color = node.get("color") or "primary"
    variant = f"sd-btn-outline-{color}" if node.get("outline") else f"sd-btn-{color}"
    return ["sd-sphinx-override", "sd-btn", "sd-text-wrap", variant, f"{node['family']}-button"]


class ButtonClasses(SphinxPostTransform):
    """HTML only: give the resolved link inside each :class:`card_button` the button classes.

    Runs after Sphinx resolved ``pending_xref`` (which drops its classes), so
    internal and external buttons look the same.
    """

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for button in self.document.findall(card_button):
            for reference in button.findall(nodes.reference):
                reference["classes"] += [c for c in button_classes(button) if c not in reference["classes"]]


def _class(node: nodes.Element, *classes: str, suffix: str) -> str:
    return " ".join([*classes, f"{node['family']}-{suffix}"])


def visit_grid_html(self: Any, node: card_grid) -> None:
    self.body.append(self.starttag(node, "div", CLASS=_class(node, *GRID_CLASSES, suffix="grid")))
    self.body.append(f'<div class="{" ".join(row_classes(node))}">\n')


def depart_grid_html(self: Any, node: card_grid) -> None:
    self.body.append("</div>\n</div>\n")


def visit_card_html(self: Any, node: card) -> None:
    self.body.append('<div class="sd-col sd-d-flex-row">\n')
    self.body.append(self.starttag(node, "div", CLASS=_class(node, *CARD_CLASSES, suffix="card")))
    self.body.append('<div class="sd-card-body">\n')


def depart_card_html(self: Any, node: card) -> None:
    self.body.append("</div>\n</div>\n</div>\n")


def visit_title_html(self: Any, node: card_title) -> None:
    self.body.append(self.starttag(
        node, "div", "", CLASS=_class(node, *TITLE_CLASSES, suffix="card-title"), role="heading", **{"aria-level": "3"},
    ))


def depart_title_html(self: Any, node: card_title) -> None:
    self.body.append("</div>\n")


def visit_icon_html(self: Any, node: card_icon) -> None:
    self.body.append(f'<div class="{node["family"]}-card-icon">{get_octicon(node["name"], height="2.5em")}</div>\n')
    raise nodes.SkipNode


# -- LaTeX ------------------------------------------------------------------------------


def visit_card_latex(self: Any, node: card) -> None:
    # A framed block like a topic, inside a full-width minipage: one box that TeX cannot
    # break, so a card is never split across two pages (it moves to the next page whole;
    # its lines still wrap). savenotes holds the footnotes inside (latex_show_urls) until
    # the box ends, then sets them at the foot of the page, as Sphinx does for tables.
    self.in_minipage += 1
    self.body.append("\n\\begin{savenotes}\\par\\noindent\\begin{minipage}{\\linewidth}\n\\begin{sphinxtopic}\n")


def depart_card_latex(self: Any, node: card) -> None:
    self.in_minipage -= 1
    self.body.append("\\end{sphinxtopic}\n\\end{minipage}\\par\\end{savenotes}\n")


def visit_title_latex(self: Any, node: card_title) -> None:
    self.body.append("\\sphinxstyletopictitle{")


def depart_title_latex(self: Any, node: card_title) -> None:
    self.body.append("}\n\n")


def visit_url_latex(self: Any, node: printed_url) -> None:
    self.body.append(f" (\\sphinxnolinkurl{{{self.encode_uri(short_url(node['refuri']))}}})")
    raise nodes.SkipNode


# -- text, man, texinfo -------------------------------------------------------------------


def visit_card_text(self: Any, node: card) -> None:
    self.new_state(0)


def depart_card_text(self: Any, node: card) -> None:
    self.end_state()


def visit_title_text(self: Any, node: card_title) -> None:
    self.new_state(0)


def depart_title_text(self: Any, node: card_title) -> None:
    self.end_state(end=["-" * column_width(node.astext()), ""])


def visit_url_text(self: Any, node: printed_url) -> None:
    self.add_text(f" <{node['refuri']}>")
    raise nodes.SkipNode


def visit_paragraph_like(self: Any, node: nodes.Element) -> None:
    self.visit_paragraph(node)


def depart_paragraph_like(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_nothing(self: Any, node: nodes.Element) -> None:
    pass


def depart_nothing(self: Any, node: nodes.Element) -> None:
    pass


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


PASS = (visit_nothing, depart_nothing)
SKIP = (skip, None)
PARAGRAPH = (visit_paragraph_like, depart_paragraph_like)

#: node -> {format: (visit, depart)}
VISITORS: dict[type[nodes.Element], dict[str, tuple]] = {
    card_grid: {"html": (visit_grid_html, depart_grid_html), "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    card: {
        "html": (visit_card_html, depart_card_html), "latex": (visit_card_latex, depart_card_latex),
        "text": (visit_card_text, depart_card_text), "man": PASS, "texinfo": PASS,
    },
    card_title: {
        "html": (visit_title_html, depart_title_html), "latex": (visit_title_latex, depart_title_latex),
        "text": (visit_title_text, depart_title_text), "man": PARAGRAPH, "texinfo": PARAGRAPH,
    },
    card_icon: {"html": (visit_icon_html, None), "latex": SKIP, "text": SKIP, "man": SKIP, "texinfo": SKIP},
    card_button: {"html": PASS, "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    printed_url: {"html": SKIP, "latex": (visit_url_latex, None), "text": (visit_url_text, None), "man": SKIP, "texinfo": SKIP},
}


def setup_cards(app: Sphinx) -> None:
    """Register the nodes with their visitors and :class:`ButtonClasses`, once per
    application: every extension that shows cards calls it (a node registered twice
    is a Sphinx warning)."""
    if ButtonClasses in app.registry.get_post_transforms():
        return
    for node_class, visitors in VISITORS.items():
        app.add_node(node_class, **visitors)
    app.add_post_transform(ButtonClasses)
