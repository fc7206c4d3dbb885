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

Order (``:order:`` overrides it): upcoming only, soonest first; upcoming with
recent or earlier events, the upcoming ones soonest first, then the others
newest first; anything else, newest first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ext.shared.dates import build_day
from ext.shared.events_model import Event

WHEN_CHOICES = ("upcoming", "recent", "earlier", "past")
ORDER_CHOICES = ("newest", "oldest")
_YEARS = re.compile(r"^(?P<low>\d{4})?(?P<dash>-)?(?P<high>\d{4})?$")


def resolve_today(setting: str | None, environ: Mapping[str, str] | None = None) -> dt.date:
    """Today for this build (see the module docstring).

    Raises :class:`ValueError` when ``setting`` is not ``YYYY-MM-DD`` or
    ``SOURCE_DATE_EPOCH`` is not an integer.
    """
    if setting:
        return dt.date.fromisoformat(setting)
    return build_day(environ)


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

    @property
    def next_first(self) -> bool:
        """Whether upcoming events come first, soonest first, then the past ones newest first.

        So without an ``order``, when ``when`` mixes upcoming events with recent or
        earlier ones ("forthcoming and recent": the next event leads the grid, not the one
        furthest away). A selection of all events (no ``when``, or ``upcoming past``)
        keeps one timeline, newest first, which does not change with today."""
        return not self.order and "upcoming" in self.when and len(self.when) > 1 and self.depends_on_today


def select(events: Iterable[Event], selection: Selection, today: dt.date, recent_days: int) -> list[Event]:
    """The events matching ``selection`` on ``today``, ordered (see :class:`Selection`) and limited."""
    chosen = [
        event
        for event in events
        if (not selection.kinds or event.kind in selection.kinds)
        and (selection.years is None or event.start.year in selection.years)
        and statuses(event, today, recent_days) & selection.when
    ]
    if selection.next_first:
        upcoming = [event for event in chosen if "upcoming" in statuses(event, today, recent_days)]
        past = [event for event in chosen if "upcoming" not in statuses(event, today, recent_days)]
        chosen = sorted(upcoming, key=_chronological) + sorted(past, key=_chronological, reverse=True)
    else:
        chosen.sort(key=_chronological, reverse=selection.newest_first)
    return chosen[: selection.limit] if selection.limit else chosen


def _chronological(event: Event) -> tuple[dt.date, dt.date, str]:
    return event.start.first_day(), event.last_day(), event.id
