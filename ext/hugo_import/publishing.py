"""Hugo's publishing rules: which pages a Hugo build leaves out, and why.

By default Hugo does not render (gohugo.io, "Configure Hugo": ``buildDrafts``,
``buildFuture``, ``buildExpired``; "Page bundles": ``headless``):

- a draft (``draft = true``);
- a page whose publish date is after today: ``publishDate`` (or its aliases
  ``pubdate``, ``published``), else ``date``;
- a page whose ``expiryDate`` (or ``unpublishdate``) is before today;
- a headless bundle (``headless = true``): not a page, though its files are served.

The import leaves out the same pages and reports each one at the front matter key
that decides it. The one setting is the site's own ``config.toml``, as for Hugo:
``buildFuture = true`` (a preview of pages that are scheduled), ``buildExpired =
true`` and ``buildDrafts = true`` keep those pages (see the maintainer guide).

"Today" is :func:`.card_coverage.import_today`: the date of ``SOURCE_DATE_EPOCH``
when it is set (tests and reproducible builds), else the real UTC date. Dates are
compared as calendar days: a page dated today is published, a page that expires
today is still shown today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .card_coverage import import_today
from .frontmatter import check_date, parse_draft
from .model import FrontMatter, Problem, ProblemKind

#: Front matter keys Hugo reads for a page's publish date, in its order (``date`` last).
PUBLISH_KEYS = ("publishDate", "pubdate", "published", "date")
#: Front matter keys Hugo reads for a page's expiry date.
EXPIRY_KEYS = ("expiryDate", "unpublishdate")


@dataclass(frozen=True)
class PublishingRules:
    """What a build of the site publishes: ``today`` and Hugo's three switches."""

    today: dt.date
    build_drafts: bool = False
    build_future: bool = False
    build_expired: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any], today: dt.date | None = None) -> PublishingRules:
        """The rules of a site's ``config.toml`` (its ``buildDrafts``, ``buildFuture``,
        ``buildExpired``, any case, as Hugo reads them); ``today`` defaults to
        :func:`.import_today`."""
        lowered = {str(key).lower(): value for key, value in config.items()}
        return cls(
            today=today or import_today(),
            build_drafts=lowered.get("builddrafts") is True,
            build_future=lowered.get("buildfuture") is True,
            build_expired=lowered.get("buildexpired") is True,
        )


@dataclass(frozen=True)
class LeftOut:
    """Why a page is not published: ``kind`` (``draft`` or ``unpublished``), the
    ``message`` of its problem, at the 1-based ``line`` of the front matter key that
    decides it, and ``what`` the page is (``"a draft"``), for the messages of the
    links to it."""

    kind: ProblemKind
    message: str
    line: int
    what: str

    def problem(self, file: str) -> Problem:
        return Problem(file, self.line, self.kind, self.message)


def _key(front: FrontMatter, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` (any case) that ``front`` sets, as the page writes it."""
    by_lower = {key.lower(): key for key, value in front.data.items() if value not in ("", None)}
    for name in names:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    return None


def _day(front: FrontMatter, key: str, file: str) -> tuple[dt.date | None, list[Problem]]:
    """The calendar day of ``front``'s ``key`` in its own time zone; an impossible or
    unreadable date is a ``bad-date`` problem at the key's line (``date`` is checked
    by the caller already)."""
    when, problems = check_date(front, file, key)
    return (when.date() if when else None), ([] if key == "date" else problems)


def left_out(front: FrontMatter, file: str, rules: PublishingRules) -> tuple[LeftOut | None, list[Problem]]:
    """Whether the page of ``front`` (in site file ``file``) is left out under
    ``rules``, and the problems its publishing dates have (``bad-date``, at the key's
    line: a page whose date cannot be read is published, as Hugo would not know
    otherwise). The first rule that applies is reported: draft, headless, future,
    expired."""
    problems: list[Problem] = []
    if parse_draft(front.data.get("draft", False)) and not rules.build_drafts:
        return LeftOut(ProblemKind.DRAFT, "draft page, not imported", front.key_lines.get("draft", 1), "a draft"), problems
    if front.data.get("headless") is True:
        return LeftOut(ProblemKind.UNPUBLISHED, "headless bundle (headless = true): its files are served, "
                       "the page is not imported", front.key_lines.get("headless", 1), "a headless bundle"), problems
    publish = _key(front, PUBLISH_KEYS)
    if publish is not None:
        day, found = _day(front, publish, file)
        problems += found
        if day is not None and day > rules.today and not rules.build_future:
            return LeftOut(ProblemKind.UNPUBLISHED, (
                f"{publish} {day.isoformat()} is after today ({rules.today.isoformat()}): a future page, "
                "not imported (buildFuture = true in config.toml imports it)"),
                front.key_lines.get(publish, 1), f"a future page ({day.isoformat()})"), problems
    expiry = _key(front, EXPIRY_KEYS)
    if expiry is not None:
        day, found = _day(front, expiry, file)
        problems += found
        if day is not None and day < rules.today and not rules.build_expired:
            return LeftOut(ProblemKind.UNPUBLISHED, (
                f"{expiry} {day.isoformat()} is before today ({rules.today.isoformat()}): an expired page, "
                "not imported (buildExpired = true in config.toml imports it)"),
                front.key_lines.get(expiry, 1), f"an expired page ({day.isoformat()})"), problems
    return None, problems
