"""Dates of a programme written for people, independent of the build machine's locale.

Input dates are ``YYYY-MM-DD`` (``startDate``, ``endDate``, ``day``); session days also
come as ``May 28, 2019`` (and ``June 9. 2022``) in the newer files.
"""

from __future__ import annotations

import re
from datetime import date

from ext.events.dates import MONTHS, PartialDate, format_range, ordinal

__all__ = ["MONTHS", "date_range", "day_heading", "ordinal", "parse_date"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WRITTEN = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[.,]?\s*(\d{4})")
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS |= {name[:3].lower(): number for number, name in enumerate(MONTHS, 1)}


def parse_date(text: str) -> date | None:
    """``"2019-05-28"``, ``"May 28, 2019"`` or ``"May 28. 2019"`` -> a date; ``None`` for
    anything else (including impossible dates such as ``2019-02-30``)."""
    text = text.strip()
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _WRITTEN.fullmatch(text)) and match[1].lower() in _MONTH_NUMBERS:
            return date(int(match[3]), _MONTH_NUMBERS[match[1].lower()], int(match[2]))
    except ValueError:
        return None
    return None


def day_heading(day: date) -> str:
    """``2019-05-28`` -> ``"Tuesday, May 28, 2019"``."""
    return f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_range(start: date, end: date) -> str:
    """Conference dates as people write them, with an en dash: ``May 27–31, 2019``,
    ``May 31 – June 3, 2016``, ``December 30, 2019 – January 2, 2020``, or one day
    ``May 27, 2019`` (the events extension's writing). ``end`` must not be before ``start``."""
    return format_range(PartialDate(start.year, start.month, start.day), PartialDate(end.year, end.month, end.day))
