"""Warning kinds of the events extension (``type="events"``, one subtype each).

Every warning names where the problem is (``events.yaml:<line>`` for data, the
page and line for a directive) and ends with ``[events.<subtype>]``, so a
project can silence one kind: ``suppress_warnings = ["events.bad-date"]``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.config import Config
from .._common import warn_typed

WARNING_TYPE = "events"


class EventWarning(Enum):
    """The subtypes of ``events`` warnings."""

    BAD_FILE = "bad-file"
    """The events file is not YAML, or not a mapping with an ``events`` list: no events are loaded."""

    INVALID = "invalid"
    """An event breaks the schema (wrong type, missing title, bad id...): it is left out."""

    BAD_DATE = "bad-date"
    """``start`` or ``end`` is not ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or no such day: the event is left out."""

    MISSING_DATE = "missing-date"
    """An event has no ``start``: it is left out."""

    UNKNOWN_KIND = "unknown-kind"
    """``kind`` (or a ``:kind:`` option) is not a key of ``events_kinds``: the event is left out."""

    DUPLICATE = "duplicate"
    """Two events share an ``id``: the second is left out."""

    END_BEFORE_START = "end-before-start"
    """``end`` is before ``start``: the event is shown without its end date."""

    MISSING_PAGE = "missing-page"
    """``page`` or ``programme_page`` is not a document of the project: that link is left out."""

    UNKNOWN_KEY = "unknown-key"
    """A key the data contract does not define: it is ignored."""

    UNKNOWN_EVENT = "unknown-event"
    """A directive or role names an event id that is not in the events file."""


def warn(config: Config, kind: EventWarning, message: str, location: Any) -> None:
    """Log ``message`` as an ``events.<subtype>`` warning at ``location``.

    ``location`` is a node, a ``(docname, line)`` pair or a ``"path:line"``
    string (data files are not documents). Sphinx appends the
    ``[events.<subtype>]`` suffix itself when ``show_warning_types`` is on
    (the default); otherwise it is added here, so the suffix is always shown.
    """
    warn_typed(config, WARNING_TYPE, kind, message, location)
