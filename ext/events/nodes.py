"""Doctree nodes of the events extension and one visitor set per output format.

The nodes stay format-neutral; their children are ordinary docutils nodes
(paragraphs, ``reference`` for external links, ``pending_xref`` with
``reftype="doc"`` for pages of the handbook), so Sphinx resolves and checks
every internal link.

==========================  ===============================================  =====================
node                        holds                                            attributes
==========================  ===============================================  =====================
:class:`event_grid`         the cards of one ``event-cards`` directive       ``columns`` (1-4)
:class:`event_card`         title, then paragraphs (kind, place, dates...)   ``event_id``
:class:`event_card_title`   the event's title (text)
:class:`event_button`       one ``reference``/``pending_xref``               ``color``, ``outline``
:class:`event_url`          nothing: prints an external URL on paper         ``refuri``
:class:`event_calendar_link`  nothing: "Add to calendar" in HTML             ``event_id``
==========================  ===============================================  =====================

Visitors: HTML (sphinx-design's grid, card and button classes, every value
escaped), LaTeX (a card is a framed ``sphinxtopic`` with a title row, in a
minipage so that no page break falls inside it; URLs printed breakable with
``\\sphinxnolinkurl``), text, man and texinfo.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.utils import column_width
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

#: Where the per-event calendar files are written in the HTML output.
CALENDAR_DIR = "_events"


class event_grid(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A responsive grid of :class:`event_card` (``columns``: 1-4 on wide screens)."""


class event_card(nodes.General, nodes.Element):  # noqa: N801
    """One event: an :class:`event_card_title`, then paragraphs (``event_id``)."""


class event_card_title(nodes.General, nodes.TextElement):  # noqa: N801
    """The title of an :class:`event_card`, on its own line in every format."""


class event_button(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A button around one link; ``color`` is a sphinx-design colour, ``outline`` a bool."""


class event_url(nodes.Inline, nodes.Element):  # noqa: N801
    """An external URL (``refuri``) printed readably where links cannot be clicked."""


class event_calendar_link(nodes.Inline, nodes.Element):  # noqa: N801
    """An "Add to calendar" link to ``_events/<event_id>.ics`` (HTML only)."""


def button_classes(node: event_button) -> list[str]:
    """sphinx-design classes of a button: ``sd-btn sd-btn-primary`` and the like."""
    color = node.get("color") or "primary"
    variant = f"sd-btn-outline-{color}" if node.get("outline") else f"sd-btn-{color}"
    return ["sd-sphinx-override", "sd-btn", "sd-text-wrap", variant, "events-button"]


def short_url(uri: str) -> str:
    """A URL as printed on paper: no scheme, no trailing slash."""
    parts = urlsplit(uri)
    if parts.scheme not in {"http", "https"}:
        return uri
    return uri.split("://", 1)[1].rstrip("/")


class EventButtonClasses(SphinxPostTransform):
    """HTML only: give the resolved link inside each :class:`event_button` the button classes.

    Runs after Sphinx resolved ``pending_xref`` (which drops its classes), so
    internal and external buttons look the same.
    """

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for button in self.document.findall(event_button):
            for reference in button.findall(nodes.reference):
                reference["classes"] += [c for c in button_classes(button) if c not in reference["classes"]]


class CalendarLinksOffScreen(SphinxPostTransform):
    """Outside HTML, drop the "Add to calendar" links (they only work on screen), and a
    card's line of links that held nothing else: a printed card ends with its last line,
    not with an empty paragraph."""

    default_priority = 20

    def is_supported(self) -> bool:
        # as SphinxPostTransform.is_supported reads the format (its `formats` cannot say "not html")
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        for link in list(self.document.findall(event_calendar_link)):
            line = link.parent
            line.remove(link)
            if isinstance(line, nodes.paragraph) and not line.children:
                line.parent.remove(line)


# -- HTML ---------------------------------------------------------------------------


def visit_grid_html(self: Any, node: event_grid) -> None:
    columns = int(node.get("columns", 3))
    self.body.append(self.starttag(node, "div", CLASS="sd-container-fluid sd-sphinx-override sd-mb-4 events-grid"))
    row = (
        "sd-row sd-row-cols-1 sd-row-cols-xs-1 "
        f"sd-row-cols-sm-{min(columns, 2)} sd-row-cols-md-{columns} sd-row-cols-lg-{columns} "
        "sd-g-3 sd-g-xs-3 sd-g-sm-3 sd-g-md-3 sd-g-lg-3"
    )
    self.body.append(f'<div class="{row}">\n')


def depart_grid_html(self: Any, node: event_grid) -> None:
    self.body.append("</div>\n</div>\n")


def visit_card_html(self: Any, node: event_card) -> None:
    self.body.append('<div class="sd-col sd-d-flex-row">\n')
    self.body.append(self.starttag(node, "div", CLASS="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm events-card"))
    self.body.append('<div class="sd-card-body">\n')


def depart_card_html(self: Any, node: event_card) -> None:
    self.body.append("</div>\n</div>\n</div>\n")


def visit_title_html(self: Any, node: event_card_title) -> None:
    self.body.append(self.starttag(
        node, "div", "", CLASS="sd-card-title sd-font-weight-bold events-card-title", role="heading", **{"aria-level": "3"},
    ))


def depart_title_html(self: Any, node: event_card_title) -> None:
    self.body.append("</div>\n")


def visit_calendar_link_html(self: Any, node: event_calendar_link) -> None:
    builder = self.builder
    current = getattr(builder, "current_docname", "") or builder.config.root_doc
    href = relative_uri(builder.get_target_uri(current), f"{CALENDAR_DIR}/{node['event_id']}.ics")
    self.body.append(
        f'<a class="sd-sphinx-override sd-btn sd-text-wrap sd-btn-outline-secondary events-calendar-link" '
        f'href="{html.escape(href)}" download="">Add to calendar</a>'
    )
    raise nodes.SkipNode


# -- LaTeX --------------------------------------------------------------------------


def visit_card_latex(self: Any, node: event_card) -> None:
    # A framed block like a topic, inside a full-width minipage: one box that TeX cannot
    # break, so a card is never split across two pages (it moves to the next page whole;
    # its lines still wrap). savenotes holds the footnotes inside (latex_show_urls) until
    # the box ends, then sets them at the foot of the page, as Sphinx does for tables.
    self.in_minipage += 1
    self.body.append("\n\\begin{savenotes}\\par\\noindent\\begin{minipage}{\\linewidth}\n\\begin{sphinxtopic}\n")


def depart_card_latex(self: Any, node: event_card) -> None:
    self.in_minipage -= 1
    self.body.append("\\end{sphinxtopic}\n\\end{minipage}\\par\\end{savenotes}\n")


def visit_title_latex(self: Any, node: event_card_title) -> None:
    self.body.append("\\sphinxstyletopictitle{")


def depart_title_latex(self: Any, node: event_card_title) -> None:
    self.body.append("}\n\n")


def visit_url_latex(self: Any, node: event_url) -> None:
    self.body.append(f" (\\sphinxnolinkurl{{{self.encode_uri(short_url(node['refuri']))}}})")
    raise nodes.SkipNode


# -- text, man, texinfo ---------------------------------------------------------------


def visit_card_text(self: Any, node: event_card) -> None:
    self.new_state(0)


def depart_card_text(self: Any, node: event_card) -> None:
    self.end_state()


def visit_title_text(self: Any, node: event_card_title) -> None:
    self.new_state(0)


def depart_title_text(self: Any, node: event_card_title) -> None:
    self.end_state(end=["-" * column_width(node.astext()), ""])


def visit_url_text(self: Any, node: event_url) -> None:
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
    event_grid: {"html": (visit_grid_html, depart_grid_html), "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    event_card: {
        "html": (visit_card_html, depart_card_html), "latex": (visit_card_latex, depart_card_latex),
        "text": (visit_card_text, depart_card_text), "man": PASS, "texinfo": PASS,
    },
    event_card_title: {
        "html": (visit_title_html, depart_title_html), "latex": (visit_title_latex, depart_title_latex),
        "text": (visit_title_text, depart_title_text), "man": PARAGRAPH, "texinfo": PARAGRAPH,
    },
    event_button: {"html": PASS, "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    event_url: {"html": SKIP, "latex": (visit_url_latex, None), "text": (visit_url_text, None), "man": SKIP, "texinfo": SKIP},
    event_calendar_link: {"html": (visit_calendar_link_html, None), "latex": SKIP, "text": SKIP, "man": SKIP, "texinfo": SKIP},
}


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes with their visitors and the post-transforms (HTML buttons, no
    calendar links off screen)."""
    for node_class, visitors in VISITORS.items():
        app.add_node(node_class, **visitors)
    app.add_post_transform(EventButtonClasses)
    app.add_post_transform(CalendarLinksOffScreen)
