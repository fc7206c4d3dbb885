"""Events: conferences, workshops and meetings from one data file, rendered at build time.

Data: ``<srcdir>/_data/events.yaml`` (config ``events_file``), written by the
importer; the contract is in :mod:`ext.events.model`, loading and its warnings
in :mod:`ext.events.data`. Upcoming and past are decided against "today"
(:mod:`ext.events.selection`), so no one moves events by hand.

Modules, one concern each:

=================  =================================================================
``dates``          partial dates (day/month/year) and ranges for people
``model``          the pydantic ``Event`` model (frozen)
``data``           YAML loading with line numbers, per-event validation, warnings
``warnings_``      the ``events.<subtype>`` warning kinds
``selection``      today, upcoming/recent/past, years, order, limit
``domain``         the ``events`` domain: catalog and per-document data
``nodes``          nodes and their HTML, LaTeX, text, man and texinfo visitors
``components``     doctree builders: cards, buttons, archive table, links
``directives``     ``event-cards``, ``event-button``, ``conference-archive``, ``{event}``
``calendar``       ``events.ics`` and ``_events/<id>.ics`` (HTML builders)
``jsonld``         schema.org ``Event`` JSON-LD on each event's own page
=================  =================================================================

Config values:

``events_file`` (str, ``"_data/events.yaml"``)
    The events file, relative to the source directory.
``events_kinds`` (dict kind -> label)
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

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .._common import add_html_assets

from .calendar import write_calendars
from .directives import setup_directives
from .domain import EventsDomain, load_events, outdated_by_today
from .jsonld import add_jsonld
from .nodes import setup_nodes

__version__ = "1.0"

DEFAULT_KINDS = {
    "annual-conference": "Annual Conference",
    "regional-workshop": "Regional Workshop",
    "meeting": "Meeting",
}
STATIC_DIR = Path(__file__).parent / "static"


def _check_config(app: Sphinx, config: Any) -> None:
    """``config-inited``: fail early on values the types cannot catch."""
    from sphinx.errors import ConfigError

    from .selection import resolve_today

    try:
        resolve_today(config.events_today)
    except ValueError as error:
        raise ConfigError(f"events_today / SOURCE_DATE_EPOCH: {error}") from None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in config.events_kinds.items()):
        raise ConfigError("events_kinds must map kind names to labels (strings)")
    if config.events_recent_days < 0:
        raise ConfigError("events_recent_days must be 0 or more")


def _add_static(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet, for HTML builders only."""
    add_html_assets(app, STATIC_DIR, "events.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("events_file", "_data/events.yaml", "env", types=frozenset({str}))
    app.add_config_value("events_kinds", DEFAULT_KINDS, "env", types=frozenset({dict}))
    # "today" changes re-read only the pages that depend on it (env-get-outdated)
    app.add_config_value("events_today", None, "", types=frozenset({str, type(None)}))
    app.add_config_value("events_recent_days", 365, "env", types=frozenset({int}))
    app.add_config_value("events_site_url", "", "html", types=frozenset({str}))
    app.add_config_value("events_organizer", "IASSIST", "html", types=frozenset({str}))
    app.add_domain(EventsDomain)
    setup_nodes(app)
    setup_directives(app)
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _add_static)
    app.connect("env-get-outdated", outdated_by_today)
    app.connect("env-before-read-docs", load_events)
    app.connect("html-page-context", add_jsonld)
    app.connect("build-finished", write_calendars)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
