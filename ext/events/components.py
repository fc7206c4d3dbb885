"""Build the doctree of cards, buttons, archive rows and event links from events.

Pure functions from an :class:`~ext.shared.events_model.Event` (plus config facts) to
docutils nodes; the directives and the role call them. Cards and buttons are the card
component of :mod:`ext.cards` (:data:`EVENT_CARDS`, family ``"events"``); links are
its :func:`~ext.cards.link_nodes`: internal links are ``pending_xref`` (``std:doc``,
absolute docname) so Sphinx resolves them for any URL layout and warns when a page is
gone; external links are ``reference`` nodes followed by a
:class:`~ext.cards.printed_url` so paper shows the URL.
"""

from __future__ import annotations

from collections.abc import Mapping

from docutils import nodes

from ext.cards import CardFamily, Link, card, card_text, link_nodes
from ext.shared.events_model import Event
from .nodes import event_calendar_link

DEFAULT_PAGE_LABEL = "Event page"
DEFAULT_WEBSITE_LABEL = "Event website"
EMPTY_TEXT = "No events to show."
#: The events' cards and buttons (HTML classes ``events-grid``, ``events-card``...).
EVENT_CARDS = CardFamily("events")


def event_link_target(event: Event) -> Link:
    """The event's own page when it has one, else its website, else no link."""
    if event.page:
        return Link(docname=event.page)
    return Link(url=event.website)


def default_button_label(event: Event, link: Link) -> str:
    """The ``button`` label of the event, else "Event page" / "Event website"."""
    if event.button:
        return event.button
    return DEFAULT_PAGE_LABEL if link.docname else DEFAULT_WEBSITE_LABEL


def _line(text: str | nodes.Node, name: str) -> nodes.paragraph:
    return card_text(text, classes=[f"events-card-{name}"])


def card_node(event: Event, kinds: Mapping[str, str], refdoc: str, with_calendar: bool) -> card:
    """One card: title, kind line, theme, place, dates, host, button (and calendar link).

    ``with_calendar`` adds the "Add to calendar" link (HTML only), for events
    the calendar feed contains (see :func:`.calendar.has_calendar_entry`).
    """
    event_card = EVENT_CARDS.card(classes=[f"events-kind-{event.kind}"], event_id=event.id)
    event_card += EVENT_CARDS.title(event.title)
    event_card += _line(event.kind_line(kinds), "kind")
    if event.theme:
        event_card += _line(nodes.emphasis(event.theme, event.theme), "theme")
    if event.place():
        event_card += _line(event.place(), "place")
    event_card += _line(event.dates(), "dates")
    if event.host:
        event_card += _line(f"Hosted by {event.host}", "host")
    link = event_link_target(event)
    links = card_text(classes=["events-card-links"])
    if link:
        links += EVENT_CARDS.button(link, default_button_label(event, link), refdoc)
    if with_calendar:
        if len(links):
            links += nodes.Text(" ")
        links += event_calendar_link(event_id=event.id)
    if len(links):
        event_card += links
    return event_card


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
