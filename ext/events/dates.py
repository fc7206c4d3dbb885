"""Event dates: parse partial ISO dates and write date ranges for people.

An event date is written in ``events.yaml`` as ``"YYYY-MM-DD"`` (day known),
``"YYYY-MM"`` (month known) or ``"YYYY"`` (year known). :class:`PartialDate`
keeps the precision, so a conference "in May 1993" is never shown as
"May 1, 1993".

Ranges are written in US style with an en dash (U+2013)::

    June 2, 2026                        one day
    June 2–5, 2026                      same month
    May 31 – June 3, 2016               same year, two months (spaced dash)
    December 30, 2025 – January 2, 2026 two years
    May 1993 / 1975                     month / year precision
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

EN_DASH = "\u2013"
_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class Precision(str, Enum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    ``month`` and ``day`` are ``None`` when not known; sort by
    :meth:`first_day` or :meth:`last_day`.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"``.

        Raises :class:`ValueError` with a short reason when the text is not
        one of these forms or names a day that does not exist (``2026-11-31``).
        """
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError("use YYYY-MM-DD, YYYY-MM or YYYY")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if year < 1:
            raise ValueError("year must be 0001 or later")
        if month is not None and not 1 <= month <= 12:
            raise ValueError("month must be 01 to 12")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{MONTHS[month - 1]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self) -> dt.date:
        """The earliest calendar day this date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this date may mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the form it was written in)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.isoformat()


def format_date(date: PartialDate) -> str:
    """One date for people: ``June 2, 2026``, ``May 1993`` or ``1975``."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def format_range(start: PartialDate, end: PartialDate | None = None) -> str:
    """A date range for people (see the module docstring for the forms).

    ``end`` may be ``None`` or equal to ``start`` (one date). Dates of mixed
    precision are written in full on both sides of a spaced en dash.
    """
    if end is None or end == start:
        return format_date(start)
    if start.precision is not end.precision:
        return f"{format_date(start)} {EN_DASH} {format_date(end)}"
    if start.precision is Precision.YEAR:
        return f"{start.year}{EN_DASH}{end.year}"
    start_month, end_month = MONTHS[start.month - 1], MONTHS[end.month - 1]
    if start.precision is Precision.MONTH:
        if start.year == end.year:
            return f"{start_month}{EN_DASH}{end_month} {end.year}"
        return f"{format_date(start)} {EN_DASH} {format_date(end)}"
    if start.year != end.year:
        return f"{format_date(start)} {EN_DASH} {format_date(end)}"
    if start.month == end.month:
        return f"{start_month} {start.day}{EN_DASH}{end.day}, {end.year}"
    return f"{start_month} {start.day} {EN_DASH} {end_month} {end.day}, {end.year}"


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``51st``..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
