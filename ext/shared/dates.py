"""Dates: read the forms the site's files write them in, and write them for people.

Three sources write dates, each in its own forms:

- the events file (``events.yaml``): a partial ISO date, :class:`PartialDate`;
- a conference programme (JSON): a day, ``2019-05-28`` or ``May 28, 2019``
  (:func:`parse_day`), shown as :func:`day_heading` and :func:`date_range`;
- a page's front matter (``date``, ``lastmod``): Hugo's date and time forms
  (:func:`parse_page_date`).

Both the converter and the extensions read dates here; nothing here needs Sphinx, and
the written forms do not depend on the build machine's locale.

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
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
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


#: The date the advice of :class:`DateError` shows when the text gives nothing to go by.
EXAMPLE_DATE = "2029-06-05"
_NUMERIC = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?$")
_FILLER_WORDS = frozenset({"st", "nd", "rd", "th", "of", "the"})


class DateError(ValueError):
    """A text that is no event date: ``reason`` says why (``str(error)``), ``instead``
    what to write (``"write 2026-06-02"``, ``"write a real day as YYYY-MM-DD, e.g. …"``)."""

    def __init__(self, reason: str, instead: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.instead = instead


def suggest_date(text: str) -> str | None:
    """The date ``text`` most likely means, as ``YYYY-MM-DD``/``YYYY-MM``, or ``None``.

    Reads the forms people type instead of ISO: ``2026-6-2``, ``2026/06/02``,
    ``June 2, 2026``, ``2 June 2026``, ``Jun 2026``. Days written first and
    second both as numbers (``02/06/2026``) are ambiguous: ``None``."""
    text = text.strip()
    match = _NUMERIC.match(text)
    if match:
        parts = [match["year"], match["month"].zfill(2)] + ([match["day"].zfill(2)] if match["day"] else [])
        return _valid("-".join(parts))
    months, years, days = [], [], []
    for word in re.findall(r"[A-Za-z]+|\d+", text):
        if word.lower() in _FILLER_WORDS:
            continue
        if _month_number(word):
            months.append(_month_number(word))
        elif word.isdigit() and len(word) in {1, 2, 4}:
            (years if len(word) == 4 else days).append(int(word))
        else:
            return None  # a word that is no part of a date: not a date written otherwise
    if len(months) != 1 or len(years) != 1 or len(days) > 1:
        return None
    return _valid(f"{years[0]:04d}-{months[0]:02d}" + (f"-{days[0]:02d}" if days else ""))


def _month_number(word: str) -> int | None:
    """1-12 for a month's name or its abbreviation (``Jun``, ``Sept``), else ``None``."""
    word = word.lower()
    if len(word) < 3 or not word.isalpha():
        return None
    return next((number for number, name in enumerate(MONTHS, start=1) if name.lower().startswith(word)), None)


def _valid(text: str) -> str | None:
    try:
        return PartialDate.parse(text).isoformat()
    except ValueError:
        return None


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

        Raises :class:`DateError` (a :class:`ValueError`) with a short reason
        when the text is not one of these forms or names a day that does not
        exist (``2026-11-31``), and what to write instead.
        """
        match = _ISO.match(text.strip())
        if not match:
            suggestion = suggest_date(text)
            instead = f"write {suggestion}" if suggestion else f"write it as YYYY-MM-DD, e.g. {EXAMPLE_DATE}"
            raise DateError("use YYYY-MM-DD, YYYY-MM or YYYY", instead)
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if year < 1:
            raise DateError("year must be 0001 or later", f"write the year with four digits, e.g. {EXAMPLE_DATE[:4]}")
        if month is not None and not 1 <= month <= 12:
            month = min(max(month, 1), 12)
            example = cls(year, month, None if day is None else min(max(day, 1), calendar.monthrange(year, month)[1]))
            raise DateError("month must be 01 to 12", f"write a month from 01 to 12, e.g. {example}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            nearest = cls(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))
            raise DateError(f"{MONTHS[month - 1]} {year} has no day {day}", f"write a real day as YYYY-MM-DD, e.g. {nearest}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def first_day(self) -> date:
        """The earliest calendar day this date may mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest calendar day this date may mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

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


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DAY_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_WRITTEN = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[.,]?\s*(\d{4})")
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS |= {name[:3].lower(): number for number, name in enumerate(MONTHS, 1)}


def parse_day(text: str) -> date | None:
    """A programme's day: ``"2019-05-28"``, ``"May 28, 2019"`` or ``"May 28. 2019"`` (the
    newer programme files) -> a date; ``None`` for anything else (including impossible
    dates such as ``2019-02-30``)."""
    text = text.strip()
    try:
        if match := _DAY_ISO.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _DAY_WRITTEN.fullmatch(text)) and match[1].lower() in _MONTH_NUMBERS:
            return date(int(match[3]), _MONTH_NUMBERS[match[1].lower()], int(match[2]))
    except ValueError:
        return None
    return None


def day_heading(day: date) -> str:
    """``2019-05-28`` -> ``"Tuesday, May 28, 2019"``."""
    return f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_range(start: date, end: date) -> str:
    """Days of a conference as people write them (:func:`format_range`): ``May 27–31, 2019``,
    ``May 31 – June 3, 2016``, ``December 30, 2019 – January 2, 2020``, or one day
    ``May 27, 2019``. ``end`` must not be before ``start``."""
    return format_range(PartialDate(start.year, start.month, start.day), PartialDate(end.year, end.month, end.day))


_PAGE_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)


def parse_page_date(value: object) -> datetime:
    """Parse a Hugo front matter date (``date``, ``lastmod``).

    Accepts ``2013-04-02``, ``2013-04-02 10:22:46``, ``2013-04-02T10:22:46Z`` and
    offsets written ``-0700`` or ``-07:00``. Returns an aware :class:`datetime`
    (UTC when no offset is given). Raises :class:`ValueError` for anything else,
    including impossible dates such as ``2024-30-05``.
    """
    match = _PAGE_DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date in a known form (YYYY-MM-DD[ HH:MM[:SS]][ ±HHMM])")
    parts = {key: int(val) for key, val in match.groupdict().items() if val and key != "tz"}
    tz = timezone.utc
    if match.group("tz") and match.group("tz") != "Z":
        raw = match.group("tz").replace(":", "")
        sign = -1 if raw[0] == "-" else 1
        tz = timezone(sign * timedelta(hours=int(raw[1:3]), minutes=int(raw[3:5])))
    try:
        return datetime(
            parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0),
            parts.get("S", 0), tzinfo=tz,
        )
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real date: {err}") from None


def build_day(environ: Mapping[str, str] | None = None) -> date:
    """The day of a build or an import: the UTC date of ``SOURCE_DATE_EPOCH`` (seconds
    since 1970, for reproducible builds) when it is set, else the real UTC date. The
    converter and the events extension decide "today" by it, so an import and the build
    after it agree on which events are upcoming. Raises :class:`ValueError` when
    ``SOURCE_DATE_EPOCH`` is set but is no whole number."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()
