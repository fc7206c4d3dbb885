"""Directives ``event-cards``, ``event-button``, ``conference-archive`` and the ``event`` role.

They are thin: read options, pick events from the catalog (loaded once per
build, see :mod:`.domain`), call :mod:`.components`, and declare the events
file as a dependency (``env.note_dependency``) so editing it re-reads exactly
the pages that use events. Usable from MyST (```{event-cards}```) and reST
(``.. event-cards::``).

Warnings (located at the directive): ``events.unknown-kind`` for a ``:kind:``
not in ``events_kinds``; ``events.unknown-event`` for an id/target that is
neither an event, a document nor a URL; ``events.missing-page`` for an event
with neither page nor website used as a button target.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import ReferenceRole, SphinxDirective
from sphinx_design.shared import SEMANTIC_COLORS

from ext.cards import Link, columns_option, link_nodes
from .calendar import has_calendar_entry
from .checks import close_match
from .components import EVENT_CARDS, archive_table, card_node, default_button_label, empty_node, event_link_target
from .domain import build_today, events_path, get_domain
from .selection import ORDER_CHOICES, WHEN_CHOICES, Selection, YearRange, select
from .warnings_ import EventWarning, warn

#: The gutter between event cards, at every screen width (sphinx-design's ``:gutter:``).
GRID_GUTTER = "3"
#: The colours a button takes: sphinx-design's.
BUTTON_COLORS = SEMANTIC_COLORS


# -- option validators ------------------------------------------------------------


def words_option(argument: str | None) -> frozenset[str]:
    """Space- or comma-separated words, e.g. ``annual-conference meeting``."""
    words = frozenset((argument or "").replace(",", " ").split())
    if not words:
        raise ValueError("expected one or more words")
    return words


def when_option(argument: str | None) -> frozenset[str]:
    """Any of ``upcoming recent past``, space separated."""
    words = words_option(argument)
    unknown = sorted(words - set(WHEN_CHOICES))
    if unknown:
        raise ValueError(f"unknown value(s) {', '.join(unknown)}; use {' '.join(WHEN_CHOICES)}")
    return words


def years_option(argument: str | None) -> YearRange:
    """``2024``, ``2021-2024``, ``2025-`` or ``-1999`` (start years, inclusive)."""
    return YearRange.parse(argument or "")


def order_option(argument: str | None) -> str:
    return directives.choice(argument, ORDER_CHOICES)


def color_option(argument: str | None) -> str:
    return directives.choice(argument, BUTTON_COLORS)


# -- shared -----------------------------------------------------------------------


def unknown_event_advice(target: str, catalog) -> str:  # noqa: ANN001 (EventCatalog)
    """What to write instead of an id that is no event's: the closest id, else where ids come from."""
    meant = close_match(target, sorted(event.id for event in catalog))
    return f"did you mean '{meant}'?" if meant else "write the id of an event in the events file"



class EventsDirective(SphinxDirective):
    """Base: access to the catalog, with the dependency on the events file noted."""

    def catalog(self):  # noqa: ANN201 (EventCatalog)
        self.env.note_dependency(str(events_path(self.env)))
        return get_domain(self.env).catalog

    def check_kinds(self, kinds: frozenset[str]) -> None:
        known = self.config.events_kinds
        for kind in sorted(kinds - set(known)):
            meant = close_match(kind, sorted(known))
            instead = f"did you mean '{meant}'?" if meant else "write one of them"
            warn(self.config, EventWarning.UNKNOWN_KIND, f"unknown kind '{kind}' in :kind: (known: {', '.join(sorted(known))}); {instead}",
                 self.get_location())


class EventCardsDirective(EventsDirective):
    """``event-cards``: a responsive grid of event cards.

    Options: ``:kind:`` (kinds, space separated), ``:when:`` (``upcoming``,
    ``recent``, ``past``; default all), ``:years:`` (start years),
    ``:limit:``, ``:columns:`` (1-4, default 3; one column on phones),
    ``:order:`` (``newest``/``oldest``; default: soonest first when only
    upcoming; upcoming soonest first, then the past ones newest first, when
    upcoming and recent or earlier are shown together; newest first otherwise;
    see :mod:`.selection`), ``:class:``. Content, if any, is shown
    instead of "No events to show." when nothing matches.

    Output: an :class:`ext.cards.card_grid` of :class:`ext.cards.card` (family ``events``).
    Pages whose selection depends on today are re-read when today changes.
    """

    has_content = True
    option_spec: ClassVar[dict] = {
        "kind": words_option,
        "when": when_option,
        "years": years_option,
        "limit": directives.positive_int,
        "columns": columns_option,
        "order": order_option,
        "class": directives.class_option,
    }

    def selection(self) -> Selection:
        return Selection(
            kinds=self.options.get("kind", frozenset()),
            when=self.options.get("when", frozenset(WHEN_CHOICES)),
            years=self.options.get("years"),
            limit=self.options.get("limit"),
            order=self.options.get("order"),
        )

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog()
        selection = self.selection()
        self.check_kinds(selection.kinds)
        domain = get_domain(self.env)
        if selection.depends_on_today:
            domain.note_today_dependent(self.env.docname)
        events = select(catalog, selection, build_today(self.env), self.config.events_recent_days)
        domain.note_shown(self.env.docname, [event.id for event in events])
        if not events:
            return self.empty()
        grid = EVENT_CARDS.grid(self.options.get("columns", 3), self.options.get("class", []), gutter=GRID_GUTTER)
        self.set_source_info(grid)
        kinds = self.config.events_kinds
        for event in events:
            grid += card_node(event, kinds, self.env.docname, with_calendar=has_calendar_entry(event))
        return [grid]

    def empty(self) -> list[nodes.Node]:
        if not self.content:
            return [empty_node()]
        container = nodes.container(classes=["events-empty"])
        container += self.parse_content_to_nodes()
        return [container]


class EventButtonDirective(EventsDirective):
    """``event-button TARGET``: one button, anywhere.

    ``TARGET`` is an event id (links to the event's page, else its website), a
    docname (``/about/index``, absolute; ``faq`` relative to this page) or a
    URL. Label: the content or ``:label:``, else the event's ``button`` label /
    "Event page", the page's title, or the URL. ``:color:`` is a sphinx-design
    colour (default ``primary``), ``:outline:`` a flag, ``:class:`` extra classes.
    """

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict] = {
        "label": directives.unchanged_required,
        "color": color_option,
        "outline": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        label = self.options.get("label") or " ".join(line.strip() for line in self.content).strip() or None
        link, label = self.resolve(target, label)
        paragraph = nodes.paragraph("", "", classes=["events-button-line", *self.options.get("class", [])])
        self.set_source_info(paragraph)
        if not link:
            paragraph += nodes.Text(label or target)
            return [paragraph]
        paragraph += EVENT_CARDS.button(link, label, self.env.docname, self.options.get("color", "primary"), "outline" in self.options)
        return [paragraph]

    def resolve(self, target: str, label: str | None) -> tuple[Link, str | None]:
        """The link and label for ``target`` (see the class docstring); warns when unresolvable."""
        if "://" in target or target.startswith("mailto:"):
            return Link(url=target), label
        event = self.catalog().get(target)
        if event is not None:
            link = event_link_target(event)
            if not link:
                warn(self.config, EventWarning.MISSING_PAGE, (
                    f"event '{target}' has no page or website to link to; give it a page or a website "
                    "in the events file, or point the button at a page or a URL"), self.get_location())
                return link, label or event.title
            return link, label or default_button_label(event, link)
        if target.startswith("/") or "/" in target or target in self.env.found_docs:
            docname = target if not target.endswith("/") else target + "index"
            return Link(docname=docname if docname.startswith("/") else self.relative_docname(docname)), label
        warn(self.config, EventWarning.UNKNOWN_EVENT, (
            f"'{target}' is not an event id, a document or a URL; {unknown_event_advice(target, self.catalog())} "
            "(or a page's path such as /about/index, or a URL)"), self.get_location())
        return Link(), label

    def relative_docname(self, target: str) -> str:
        base = self.env.docname.rsplit("/", 1)[0] + "/" if "/" in self.env.docname else ""
        return "/" + base + target


class ConferenceArchiveDirective(EventsDirective):
    """``conference-archive``: every event of ``:kind:`` (default ``annual-conference``), newest first.

    Output: a table (No., Year, Conference with theme and host, Place and
    dates, Links to the event page, programme page and website), or "No
    events to show." Options: ``:kind:``, ``:class:``.
    """

    option_spec: ClassVar[dict] = {"kind": words_option, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog()
        kinds = self.options.get("kind", frozenset({"annual-conference"}))
        self.check_kinds(kinds)
        events = select(catalog, Selection(kinds=kinds, order="newest"), build_today(self.env), self.config.events_recent_days)
        get_domain(self.env).note_shown(self.env.docname, [event.id for event in events])
        if not events:
            return [empty_node()]
        table = archive_table(events, self.env.docname)
        table["classes"] += self.options.get("class", [])
        self.set_source_info(table)
        return [table]


class EventRole(ReferenceRole):
    """``{event}`iassist-2026``` or ``{event}`the 2026 meeting <iassist-2026>```.

    A link to the event's page (cross-reference) or website, titled with the
    event's title; the plain title when it has neither. An unknown id warns
    ``events.unknown-event`` and is shown as literal text.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.env.note_dependency(str(events_path(self.env)))
        event = get_domain(self.env).catalog.get(self.target)
        if event is None:
            catalog = get_domain(self.env).catalog
            warn(self.config, EventWarning.UNKNOWN_EVENT, f"unknown event '{self.target}'; {unknown_event_advice(self.target, catalog)}",
                 self.get_location())
            return [nodes.literal(self.rawtext, self.target)], []
        title = self.title if self.has_explicit_title else event.title
        link = event_link_target(event)
        if not link:
            return [nodes.inline(title, title, classes=["events-event"])], []
        return link_nodes(link, title, self.env.docname), []


def setup_directives(app) -> None:  # noqa: ANN001
    """Register the three directives and the role."""
    app.add_directive("event-cards", EventCardsDirective)
    app.add_directive("event-button", EventButtonDirective)
    app.add_directive("conference-archive", ConferenceArchiveDirective)
    app.add_role("event", EventRole())
