"""Whether the ``{event-cards}`` grids written for a page show every event the page
listed, on every day from the import on.

The Conferences page's runs of event blocks are replaced by grids that select
events by kind, start year and status (upcoming, recent, earlier; see
:mod:`ext.events.selection`). Status changes with the day the handbook is built,
but only one way: upcoming, then recent, then earlier. So an event is shown on
every later day when each status it still has ahead of it is selected by some
grid of the page: a page loses nothing when that holds for all its events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ext.shared.dates import DateError, PartialDate, build_day

#: The statuses an event passes through, in order (as :mod:`ext.events.selection` names them).
STATUSES = ("upcoming", "recent", "earlier")


@dataclass(frozen=True)
class Grid:
    """What one ``{event-cards}`` directive selects: ``kinds`` (empty: all),
    ``years`` (inclusive start years, ``None`` ends open; ``None``: all years) and the
    statuses ``when`` (``past`` means recent and earlier)."""

    kinds: frozenset[str]
    years: tuple[int | None, int | None] | None
    when: frozenset[str]

    def shows(self, kind: str, year: int, status: str) -> bool:
        """Whether an event of ``kind`` starting in ``year`` is shown while it has ``status``."""
        when = self.when | ({"recent", "earlier"} if "past" in self.when else set())
        if status not in when or (self.kinds and kind not in self.kinds):
            return False
        if self.years is None:
            return True
        low, high = self.years
        return (low is None or year >= low) and (high is None or year <= high)


@dataclass(frozen=True)
class Listed:
    """One event a page listed: its ``kind``, ``start`` and ``end`` as ISO dates of any
    precision (``end`` may be empty), and ``id`` to name it."""

    id: str
    kind: str
    start: str
    end: str = ""


def unshown(events: Iterable[Listed], grids: Iterable[Grid], today: dt.date) -> list[Listed]:
    """The ``events`` that on some day from ``today`` on no grid of ``grids`` shows.

    An event still upcoming must be shown while upcoming, then while past; a past one
    while recent and while earlier (both: how long "recent" lasts is a setting of the
    build, not known here). An event whose ``start`` is not a date is never shown by
    a grid."""
    grids = list(grids)
    missing = []
    for event in events:
        try:
            year = PartialDate.parse(event.start).year
            last = PartialDate.parse(event.end or event.start).last_day()
        except DateError:
            missing.append(event)
            continue
        ahead = STATUSES if last >= today else STATUSES[1:]
        if not all(any(grid.shows(event.kind, year, status) for grid in grids) for status in ahead):
            missing.append(event)
    return missing


def import_today(environ: Mapping[str, str] | None = None) -> dt.date:
    """The day of the import, as the build decides it (:func:`ext.shared.dates.build_day`);
    a ``SOURCE_DATE_EPOCH`` that is no whole number is the build's to report: the import
    takes the real date."""
    try:
        return build_day(environ)
    except ValueError:
        return build_day({})
