"""The ``events`` extension's registration: config values, domain, nodes, directives, events.

Imported by :func:`ext.events.setup`, so that the data modules (``dates``) load without Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .._common import add_html_assets
from .calendar import prepare_calendars, write_calendars
from .directives import setup_directives
from .domain import EventsDomain, load_events, outdated_by_today
from .jsonld import add_jsonld
from ext.shared.events_model import DEFAULT_KINDS
from ext.shared.paths import EVENTS_FILE
from .nodes import setup_nodes

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


def setup_extension(app: Sphinx, version: str) -> dict[str, Any]:
    """Register everything with ``app``; the extension metadata."""
    app.add_config_value("events_file", EVENTS_FILE, "env", types=frozenset({str}))
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
    app.setup_extension("ext.background")
    app.connect("write-started", prepare_calendars)
    app.connect("build-finished", write_calendars)
    return {
        "version": version,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
