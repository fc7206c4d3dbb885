"""The events extension's own node, the "Add to calendar" link, and the registration of
the card nodes it shows.

Cards, their grid, buttons and printed URLs are the one card component of
:mod:`ext.cards` (family ``"events"``: classes ``events-grid``, ``events-card``,
``events-card-title``, ``events-button``); :mod:`.components` builds them from events.
Only the calendar link is the events' own:

===========================  ===========================================  ==============
node                         holds                                        attributes
===========================  ===========================================  ==============
:class:`event_calendar_link`  nothing: "Add to calendar" in HTML          ``event_id``
===========================  ===========================================  ==============

It is a link to ``_events/<event_id>.ics`` (:data:`CALENDAR_DIR`, written by
:mod:`.calendar`) in HTML, with the href escaped; other formats drop it
(:class:`CalendarLinksOffScreen`).
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ext.cards import SKIP, setup_cards

#: Where the per-event calendar files are written in the HTML output.
CALENDAR_DIR = "_events"


class event_calendar_link(nodes.Inline, nodes.Element):  # noqa: N801 (docutils node naming)
    """An "Add to calendar" link to ``_events/<event_id>.ics`` (HTML only)."""


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


def visit_calendar_link_html(self: Any, node: event_calendar_link) -> None:
    builder = self.builder
    current = getattr(builder, "current_docname", "") or builder.config.root_doc
    href = relative_uri(builder.get_target_uri(current), f"{CALENDAR_DIR}/{node['event_id']}.ics")
    self.body.append(
        f'<a class="sd-sphinx-override sd-btn sd-text-wrap sd-btn-outline-secondary events-calendar-link" '
        f'href="{html.escape(href)}" download="">Add to calendar</a>'
    )
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Register the card component (:func:`ext.cards.setup_cards`), the calendar link
    with its visitors, and the post-transform that drops it off screen."""
    setup_cards(app)
    app.add_node(event_calendar_link, html=(visit_calendar_link_html, None),
                 latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_post_transform(CalendarLinksOffScreen)
