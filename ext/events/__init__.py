"""Events: conferences, workshops and meetings from one data file, rendered at build time.

Data: ``<srcdir>/_data/events.yaml`` (config ``events_file``), edited by hand
(the migration wrote it once), with its JSON Schema ``events.schema.json`` beside
it for editors; the contract is in :mod:`ext.shared.events_model`, loading and its
warnings in :mod:`ext.events.data` and :mod:`ext.events.checks`. The build never
writes the file. Upcoming and past are decided against "today"
(:mod:`ext.events.selection`), so no one moves events by hand.

The file's contract is shared with the converter, which writes the file once, so it
lives in the Sphinx-free layer :mod:`ext.shared`: :mod:`~ext.shared.events_model` (the
pydantic ``Event`` model, the default kinds), :mod:`~ext.shared.events_schema` (the
JSON Schema from the model) and :mod:`~ext.shared.dates` (partial dates, ranges for
people).

Modules of the extension, one concern each:

=================  =================================================================
``data``           YAML loading with line numbers, one warning per mistake
``checks``         every mistake of one entry, with its line and what to write instead
``warnings_``      the ``events.<subtype>`` warning kinds
``extension``      registration: config values, domain, nodes, directives, events
``selection``      today, upcoming/recent/past, years, order, limit
``domain``         the ``events`` domain: catalog and per-document data
``nodes``          the calendar link node (cards, grids and buttons: :mod:`ext.cards`)
``components``     doctree builders: an event's card, buttons, archive table
``directives``     ``event-cards``, ``event-button``, ``conference-archive``, ``{event}``
``calendar``       ``events.ics`` and ``_events/<id>.ics`` (HTML builders)
``jsonld``         schema.org ``Event`` JSON-LD on each event's own page
=================  =================================================================

Config values:

``events_file`` (str, ``"_data/events.yaml"``)
    The events file, relative to the source directory.
``events_kinds`` (dict kind -> label, default :data:`ext.shared.events_model.DEFAULT_KINDS`)
    Known kinds and their labels (``annual-conference``, ``regional-workshop``, ``meeting``).
``events_today`` (str ``YYYY-MM-DD`` or None)
    Today for upcoming/past; else ``SOURCE_DATE_EPOCH``; else the real date.
``events_recent_days`` (int, 365)
    How long after its end a past event counts as recent.
``events_site_url`` (str, ``""``)
    The published site's URL, for calendar UIDs, calendar URLs and JSON-LD
    (falls back to ``html_baseurl``).
``events_organizer`` (str, ``"IASSIST"``)
    The organiser named in JSON-LD.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (:func:`.extension.setup_extension`)."""
    from .extension import setup_extension

    return setup_extension(app, __version__)
