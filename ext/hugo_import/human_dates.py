"""Date ranges as people write them on the site, read into ISO dates.

The Conferences page, event pages and the archive say ``June 3 - June 6, 2025``,
``October 22-24, 2025``, ``May 31-June 3, 2011``, ``7-10 June 2022``, ``May 1993``
or ``August, 1976``. :func:`find_date_range` finds the first such range in a line
of text and returns it as ISO strings with the precision the text gives
(``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), so the events file never claims a day
that the site did not state.
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


@dataclass(frozen=True)
class DateRange:
    """A range found in text: ISO ``start`` and ``end`` (``end`` is None for one
    day or one month), and where it stood in the text (``span``, character offsets)."""

    start: str
    end: str | None
    span: tuple[int, int]


def find_date_range(text: str, year: int | None = None) -> DateRange | None:
    """The first date range in ``text``; ``year`` completes a range that names none.

    Returns None when there is no range, or when it names an impossible date
    (``February 30``) or no year can be known.
    """
    for finder in (_day_first, _month_first, _month_only):
        found = finder(text, year)
        if found is not None:
            return found
    return None


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_first(text: str, year: int | None) -> DateRange | None:
    match = _MONTH_FIRST.search(text)
    if not match:
        return None
    y = int(match["year"]) if match["year"] else year
    if y is None:
        return None
    m1 = MONTHS[match["m1"].lower()]
    m2 = MONTHS[match["m2"].lower()] if match["m2"] else m1
    start = _iso(y - (1 if m2 < m1 else 0), m1, int(match["d1"]))  # the year written belongs to the end
    end = _iso(y, m2, int(match["d2"])) if match["d2"] else None
    if start is None or (match["d2"] and end is None):
        return None
    return DateRange(start, end, match.span())


def _day_first(text: str, year: int | None) -> DateRange | None:
    match = _DAY_FIRST.search(text)
    if not match:
        return None
    y = int(match["year"])
    m2 = MONTHS[match["m2"].lower()]
    m1 = MONTHS[match["m1"].lower()] if match["m1"] else m2
    start, end = _iso(y, m1, int(match["d1"])), _iso(y, m2, int(match["d2"]))
    if start is None or end is None:
        return None
    return DateRange(start, end, match.span())


def _month_only(text: str, year: int | None) -> DateRange | None:
    match = _MONTH_ONLY.search(text)
    if not match:
        return None
    return DateRange(_iso(int(match["year"]), MONTHS[match["m1"].lower()]), None, match.span())
