"""Warning kinds of the programmes extension, and the one function that logs them.

Every warning is logged through :mod:`sphinx.util.logging` with ``type="programmes"`` and
a subtype from :class:`ProgrammeWarning`, so a project can silence one kind with
``suppress_warnings = ["programmes.bad-value"]``. Messages end with
``[programmes.<subtype>]``: Sphinx appends it when ``show_warning_types`` is on (its
default), and :func:`warn` appends it itself otherwise.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from .._common import warn_typed

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.environment import BuildEnvironment

WARNING_TYPE = "programmes"


class ProgrammeWarning(Enum):
    """The kinds of problem reported while rendering a conference programme."""

    BAD_FILE = "bad-file"
    """The programme file is missing, unreadable, not JSON or not a JSON object.

    The directive renders a short notice instead of the programme."""

    BAD_VALUE = "bad-value"
    """A value has the wrong JSON type (a number for a string, an object for a list):
    it was converted, or dropped when it could not be; also a ``:sessions:`` entry that
    selects nothing."""

    BAD_DATE = "bad-date"
    """``startDate``, ``endDate`` or a session ``day`` is not a date the extension reads
    (``YYYY-MM-DD`` or ``May 28, 2019``); the text is shown as it is."""

    END_BEFORE_START = "end-before-start"
    """``endDate`` is before ``startDate``; the header shows ``dateText`` instead."""

    BAD_LINK = "bad-link"
    """A link that cannot be made: ``conferenceUrl`` is a site path with no page in the
    project, or a URL is neither ``http(s)``/``mailto`` nor a site path. Shown as text."""

    DUPLICATE_ANCHOR = "duplicate-anchor"
    """The same session or presentation anchor is rendered twice in the project (the
    same programme shown on two pages, or two files with the same name)."""


def warn(
    env: BuildEnvironment,
    subtype: ProgrammeWarning,
    message: str,
    location: str | tuple[str, int | None] | nodes.Node | None,
) -> None:
    """Log ``message`` as a located ``programmes.<subtype>`` warning.

    ``location`` is a ``"path:line"`` string (a JSON file), a ``(docname, line)`` tuple
    or a node, as :meth:`sphinx.util.logging.SphinxLoggerAdapter.warning` accepts."""
    warn_typed(env.config, WARNING_TYPE, subtype, message, location)
