"""Warning kinds of the blog extension (``type="blog"``, one subtype each).

Every warning names the page (and line where known) and ends with
``[blog.<subtype>]``, so a project can silence one kind:
``suppress_warnings = ["blog.missing-date"]``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.config import Config
from .._common import warn_typed

WARNING_TYPE = "blog"


class BlogWarning(Enum):
    """The subtypes of ``blog`` warnings."""

    BAD_DATE = "bad-date"
    """A post's ``date`` is not in an accepted form or no real day: the post is listed as undated."""

    MISSING_DATE = "missing-date"
    """A post has no ``date``: it is listed last, under no year, and left out of the feeds."""

    UNKNOWN_TAG = "unknown-tag"
    """A ``post-list`` names a ``:tag:`` no post has: the list is empty."""

    NO_BASE_URL = "no-base-url"
    """Neither ``blog_base_url``, ``site_base_url`` nor ``html_baseurl`` is set: no feeds are written."""


def warn(config: Config, kind: BlogWarning, message: str, location: Any = None) -> None:
    """Log ``message`` as a ``blog.<subtype>`` warning at ``location`` (a node, a
    docname, or a ``(docname, line)`` pair). Sphinx appends ``[blog.<subtype>]``
    when ``show_warning_types`` is on (the default); otherwise it is added here."""
    warn_typed(config, WARNING_TYPE, kind, message, location)
