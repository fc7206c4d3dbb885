"""Date ranges as people write them on the site, read into ISO dates.

The Conferences page, event pages and the archive say ``June 3 - June 6, 2025``,
``October 22-24, 2025``, ``May 31-June 3, 2011``, ``7-10 June 2022``, ``May 1993``
or ``August, 1976``. :func:`find_date_range` finds the first such range in a line
of text and returns it as ISO strings with the precision the text gives
(``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), so the events file never claims a day
that the site did not state.

A range that names a day no calendar has (``June 31``) or ends before it starts
(``June 9 - May 30, 2029``) is no range: :func:`find_date_range` skips it, and
:func:`read_date_range` returns it with its ``error``, for the import to report
where it was written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|until)\s*"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Month-first: "June 3 - June 6, 2025", "May 31-June 3, 2011", "October 22-24, 2025", "June 2, 2026".
_MONTH_FIRST = re.compile(
    _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
    + r"(?:" + _DASH + r"(?:" + _MONTH.format("m2") + r"\s+)?(?P<d2>\d{1,2})(?!\d)(?:st|nd|rd|th)?)?"
    + r"(?:,?\s+" + _YEAR + r")?",
    re.IGNORECASE,
)
# Day-first: "7-10 June 2022", "30 May - 2 June 2023".
_DAY_FIRST = re.compile(
    r"(?P<d1>\d{1,2})(?:\s+" + _MONTH.format("m1") + r")?" + _DASH
    + r"(?P<d2>\d{1,2})\s+" + _MONTH.format("m2") + r",?\s+" + _YEAR,
    re.IGNORECASE,
)
# Month only: "May 1993", "August, 1976".
_MONTH_ONLY = re.compile(_MONTH.format("m1") + r",?\s+" + _YEAR, re.IGNORECASE)


#: The longest a range written with an earlier end month may last to be read as one
#: that crosses the new year (``December 30 - January 2``); longer, it is reversed.
_NEW_YEAR_DAYS = 62


@dataclass(frozen=True)
class DateRange:
    """A range found in text: ISO ``start`` and ``end`` (``end`` is None for one
    day or one month), and where it stood in the text (``span``, character offsets).

    ``error`` says why the range written cannot be (``"June 31, 2028 is not a day of
    the calendar"``, ``"it ends (May 30, 2029) before it starts (June 9, 2029)"``);
    ``start`` and ``end`` are then empty."""

    start: str
    end: str | None
    span: tuple[int, int]
    error: str = ""


def find_date_range(text: str, year: int | None = None) -> DateRange | None:
    """The first date range in ``text``; ``year`` completes a range that names none.

    Returns None when there is no range, or when it names an impossible date
    (``February 30``), ends before it starts, or no year can be known.
    """
    found = read_date_range(text, year)
    return None if found is None or found.error else found


def read_date_range(text: str, year: int | None = None) -> DateRange | None:
    """The first date range in ``text``, as :func:`find_date_range` finds it, but an
    impossible or reversed one too, with its ``error``."""
    for finder in (_day_first, _month_first, _month_only):
        found = finder(text, year)
        if found is not None:
            return found
    return None


class _Impossible(ValueError):
    """A day no calendar has; the message names it as written."""


def _iso(y: int, m: int, d: int | None = None) -> str:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        raise _Impossible(f"{calendar.month_name[m]} {d}, {y} is not a day of the calendar") from None


def _checked(start: str, end: str | None, span: tuple[int, int]) -> DateRange:
    """The range, or its error when it ends before it starts."""
    if end is not None and end < start:
        error = f"it ends ({_spoken(end)}) before it starts ({_spoken(start)})"
        return DateRange("", None, span, error)
    return DateRange(start, end, span)


def _spoken(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def _month_first(text: str, year: int | None) -> DateRange | None:
    match = _MONTH_FIRST.search(text)
    if not match:
        return None
    y = int(match["year"]) if match["year"] else year
    if y is None:
        return None
    m1 = MONTHS[match["m1"].lower()]
    m2 = MONTHS[match["m2"].lower()] if match["m2"] else m1
    try:
        end = _iso(y, m2, int(match["d2"])) if match["d2"] else None
        start = _iso(y, m1, int(match["d1"]))
        if end is not None and m2 < m1:  # the year written belongs to the end: across the new year?
            earlier = _iso(y - 1, m1, int(match["d1"]))
            if (date.fromisoformat(end) - date.fromisoformat(earlier)).days <= _NEW_YEAR_DAYS:
                start = earlier
    except _Impossible as error:
        return DateRange("", None, match.span(), str(error))
    return _checked(start, end, match.span())


def _day_first(text: str, year: int | None) -> DateRange | None:
    match = _DAY_FIRST.search(text)
    if not match:
        return None
    y = int(match["year"])
    m2 = MONTHS[match["m2"].lower()]
    m1 = MONTHS[match["m1"].lower()] if match["m1"] else m2
    try:
        start, end = _iso(y, m1, int(match["d1"])), _iso(y, m2, int(match["d2"]))
    except _Impossible as error:
        return DateRange("", None, match.span(), str(error))
    return _checked(start, end, match.span())


def _month_only(text: str, year: int | None) -> DateRange | None:
    match = _MONTH_ONLY.search(text)
    if not match:
        return None
    return DateRange(_iso(int(match["year"]), MONTHS[match["m1"].lower()]), None, match.span())
