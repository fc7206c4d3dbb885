"""Build the doctree of cards, buttons, archive rows and event links from events.

Pure functions from an :class:`~.model.Event` (plus config facts) to docutils
nodes; the directives and the role call them. Internal links are
``pending_xref`` (``std:doc``, absolute docname) so Sphinx resolves them for
any URL layout and warns when a page is gone; external links are ``reference``
nodes followed by an :class:`~.nodes.event_url` so paper shows the URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from ext.shared.events_model import Event
from .nodes import event_button, event_calendar_link, event_card, event_card_title, event_url

DEFAULT_PAGE_LABEL = "Event page"
DEFAULT_WEBSITE_LABEL = "Event website"
EMPTY_TEXT = "No events to show."


@dataclass(frozen=True)
class Link:
    """Where a button or link goes: a document (``docname``) or a URL (``url``)."""

    docname: str = ""
    url: str = ""

    def __bool__(self) -> bool:
        return bool(self.docname or self.url)


def event_link_target(event: Event) -> Link:
    """The event's own page when it has one, else its website, else no link."""
    if event.page:
        return Link(docname=event.page)
    return Link(url=event.website)


def link_nodes(link: Link, label: str | None, refdoc: str) -> list[nodes.Node]:
    """A link with ``label`` (``None``: the page's title for documents, the URL otherwise).

    Documents become ``pending_xref`` (reftype ``doc``); URLs a ``reference``
    followed by an :class:`event_url`.
    """
    if link.docname:
        text = label or ""
        xref = addnodes.pending_xref(
            "", nodes.inline(text, text), refdomain="std", reftype="doc", reftarget="/" + link.docname.lstrip("/"),
            refexplicit=label is not None, refwarn=True, refdoc=refdoc,
        )
        return [xref]
    text = label or link.url
    nodes_ = [nodes.reference(text, text, refuri=link.url)]
    if label is not None:
        nodes_.append(event_url(refuri=link.url))
    return nodes_


def button_node(link: Link, label: str | None, refdoc: str, color: str = "primary", outline: bool = False) -> list[nodes.Node]:
    """An :class:`event_button` around the link (plus the printed URL for external links)."""
    first, *rest = link_nodes(link, label, refdoc)
    return [event_button("", "", first, color=color, outline=outline), *rest]


def default_button_label(event: Event, link: Link) -> str:
    """The ``button`` label of the event, else "Event page" / "Event website"."""
    if event.button:
        return event.button
    return DEFAULT_PAGE_LABEL if link.docname else DEFAULT_WEBSITE_LABEL


def _line(text: str | nodes.Node, name: str) -> nodes.paragraph:
    child = nodes.Text(text) if isinstance(text, str) else text
    return nodes.paragraph("", "", child, classes=["sd-card-text", f"events-card-{name}"])


def card_node(event: Event, kinds: Mapping[str, str], refdoc: str, with_calendar: bool) -> event_card:
    """One card: title, kind line, theme, place, dates, host, button (and calendar link).

    ``with_calendar`` adds the "Add to calendar" link (HTML only), for events
    the calendar feed contains (see :func:`.calendar.has_calendar_entry`).
    """
    card = event_card(event_id=event.id, classes=[f"events-kind-{event.kind}"])
    card += event_card_title(event.title, event.title)
    card += _line(event.kind_line(kinds), "kind")
    if event.theme:
        card += _line(nodes.emphasis(event.theme, event.theme), "theme")
    if event.place():
        card += _line(event.place(), "place")
    card += _line(event.dates(), "dates")
    if event.host:
        card += _line(f"Hosted by {event.host}", "host")
    link = event_link_target(event)
    links = nodes.paragraph("", "", classes=["sd-card-text", "events-card-links"])
    if link:
        links += button_node(link, default_button_label(event, link), refdoc)
    if with_calendar:
        if len(links):
            links += nodes.Text(" ")
        links += event_calendar_link(event_id=event.id)
    if len(links):
        card += links
    return card


def empty_node() -> nodes.paragraph:
    """The sentence shown when a selection is empty."""
    return nodes.paragraph(EMPTY_TEXT, EMPTY_TEXT, classes=["events-empty"])


# -- archive table ----------------------------------------------------------------

ARCHIVE_COLUMNS = (("No.", 6), ("Year", 8), ("Conference", 36), ("Place and dates", 28), ("Links", 22))


def _entry(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", *children)


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    return nodes.paragraph("", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children))


def _archive_links(event: Event, refdoc: str) -> nodes.paragraph:
    parts: list[list[nodes.Node]] = []
    if event.page:
        parts.append(link_nodes(Link(docname=event.page), "Page", refdoc))
    if event.programme_page:
        parts.append(link_nodes(Link(docname=event.programme_page), "Programme", refdoc))
    if event.website:
        parts.append(link_nodes(Link(url=event.website), "Website", refdoc))
    paragraph = _para()
    for index, part in enumerate(parts):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += part
    return paragraph


def archive_row(event: Event, refdoc: str) -> nodes.row:
    """One archive row: ordinal, year, title (theme, host), place and dates, links."""
    conference = [_para(nodes.strong(event.title, event.title))]
    if event.theme:
        conference.append(_para(nodes.emphasis(event.theme, event.theme)))
    if event.host:
        conference.append(_para(f"Hosted by {event.host}"))
    place = [_para(event.place())] if event.place() else []
    return nodes.row(
        "",
        _entry(_para(str(event.ordinal) if event.ordinal else "")),
        _entry(_para(str(event.start.year))),
        _entry(*conference),
        _entry(*place, _para(event.dates())),
        _entry(_archive_links(event, refdoc)),
    )


def archive_table(events: list[Event], refdoc: str) -> nodes.table:
    """A table of ``events`` (already ordered) with the columns of :data:`ARCHIVE_COLUMNS`."""
    group = nodes.tgroup(cols=len(ARCHIVE_COLUMNS))
    for _title, width in ARCHIVE_COLUMNS:
        group += nodes.colspec(colwidth=width)
    group += nodes.thead("", nodes.row("", *(_entry(_para(title)) for title, _width in ARCHIVE_COLUMNS)))
    group += nodes.tbody("", *(archive_row(event, refdoc) for event in events))
    table = nodes.table("", group, classes=["events-archive", "colwidths-given"])
    return table
