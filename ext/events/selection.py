"""Which events a directive shows: "today", upcoming/recent/past, years, order.

Definitions (all dates are calendar days, ``datetime.date``):

* *today* is config ``events_today`` (``"YYYY-MM-DD"``) when set, else the UTC
  date of ``SOURCE_DATE_EPOCH`` (seconds) when set, else the real UTC date.
* *upcoming*: the event's last day (of ``end``, else of ``start``; a month or
  year date counts up to its last day) is today or later.
* *past*: the last day is before today.
* *recent*: past, and the last day is at most ``events_recent_days`` days ago.
* *earlier*: past and not recent (so a page can show recent events in one grid
  and the earlier ones in another without repeating any).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Event

WHEN_CHOICES = ("upcoming", "recent", "earlier", "past")
ORDER_CHOICES = ("newest", "oldest")
_YEARS = re.compile(r"^(?P<low>\d{4})?(?P<dash>-)?(?P<high>\d{4})?$")


def resolve_today(setting: str | None, environ: Mapping[str, str] | None = None) -> dt.date:
    """Today for this build (see the module docstring).

    Raises :class:`ValueError` when ``setting`` is not ``YYYY-MM-DD`` or
    ``SOURCE_DATE_EPOCH`` is not an integer.
    """
    environ = os.environ if environ is None else environ
    if setting:
        return dt.date.fromisoformat(setting)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def statuses(event: Event, today: dt.date, recent_days: int) -> frozenset[str]:
    """``{"upcoming"}``, ``{"past", "recent"}`` or ``{"past", "earlier"}`` for ``event`` on ``today``."""
    last = event.last_day()
    if last >= today:
        return frozenset({"upcoming"})
    if (today - last).days <= recent_days:
        return frozenset({"past", "recent"})
    return frozenset({"past", "earlier"})


@dataclass(frozen=True)
class YearRange:
    """Inclusive range of start years; ``None`` ends are open (``2025-``, ``-1999``)."""

    low: int | None = None
    high: int | None = None

    @classmethod
    def parse(cls, text: str) -> YearRange:
        """``"2024"``, ``"2021-2024"``, ``"2025-"`` or ``"-1999"``; :class:`ValueError` otherwise."""
        match = _YEARS.match(text.strip())
        if not match or not (match["low"] or match["high"]):
            raise ValueError(f"years must be YYYY, YYYY-YYYY, YYYY- or -YYYY, not {text!r}")
        low = int(match["low"]) if match["low"] else None
        high = int(match["high"]) if match["high"] else None
        if not match["dash"]:
            high = low
        if low is not None and high is not None and high < low:
            raise ValueError(f"years {text!r} end before they start")
        return cls(low, high)

    def __contains__(self, year: int) -> bool:
        return (self.low is None or year >= self.low) and (self.high is None or year <= self.high)


@dataclass(frozen=True)
class Selection:
    """What an ``event-cards`` directive asks for (all optional)."""

    kinds: frozenset[str] = frozenset()
    when: frozenset[str] = frozenset(WHEN_CHOICES)
    years: YearRange | None = None
    limit: int | None = None
    order: str | None = None

    @property
    def depends_on_today(self) -> bool:
        """Whether the result may change when today changes."""
        return self.when != frozenset(WHEN_CHOICES) and self.when != frozenset({"upcoming", "past"})

    @property
    def newest_first(self) -> bool:
        """Explicit ``order``, else oldest first for upcoming-only and newest first otherwise."""
        if self.order:
            return self.order == "newest"
        return self.when != frozenset({"upcoming"})


def select(events: Iterable[Event], selection: Selection, today: dt.date, recent_days: int) -> list[Event]:
    """The events matching ``selection`` on ``today``, ordered and limited."""
    chosen = [
        event
        for event in events
        if (not selection.kinds or event.kind in selection.kinds)
        and (selection.years is None or event.start.year in selection.years)
        and statuses(event, today, recent_days) & selection.when
    ]
    chosen.sort(key=lambda event: (event.start.first_day(), event.last_day(), event.id), reverse=selection.newest_first)
    return chosen[: selection.limit] if selection.limit else chosen
