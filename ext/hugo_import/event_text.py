"""Reading one event from a line of the site: ``6th IASSIST Africa Regional
Workshop, Entebbe, Uganda, November 4-6, 2026``, ``Virtual Conference, June 2 -
June 5, 2026``, ``### Nairobi, Kenya, October 23-26, 2024``.

A line is an event line only when it is short and made of an optional ordinal
and kind phrase, a place written as capitalised comma-separated parts (or
"Virtual"), and a date range; prose that merely mentions a date is not one, so
it stays prose on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .human_dates import read_date_range

ANNUAL = "annual-conference"
REGIONAL = "regional-workshop"
MEETING = "meeting"

_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", re.IGNORECASE)
_KIND_WORDS = (
    (REGIONAL, re.compile(r"\b(?:africa|regional|workshop)\b", re.IGNORECASE)),
    (MEETING, re.compile(r"\b(?:meeting|committee)\b", re.IGNORECASE)),
    (ANNUAL, re.compile(r"\b(?:conference|conferences)\b", re.IGNORECASE)),
)
#: The ordinal and kind phrase at the start of a line: "6th IASSIST Africa Regional Workshop".
_KIND_PHRASE = re.compile(
    r"^(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+)?(?:(?:iassist|annual|global|virtual|africa|regional|hybrid)\s+)*"
    r"(?:conference|workshop|meeting)(?:\s+of\s+iassist)?\b",
    re.IGNORECASE,
)
_PLACE_PART = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w.'’()-]*(?:\s+[\w.'’()&-]+){0,4}$")
_MAX_LINE = 140


@dataclass
class EventLine:
    """What one event line says: ``start``/``end`` ISO dates (``end`` may be None),
    ``kind`` and ``ordinal`` when the line names them, ``place`` as written
    (``"Entebbe, Uganda"``, may be empty) and ``virtual``."""

    start: str
    end: str | None
    kind: str | None = None
    ordinal: int | None = None
    place: str = ""
    virtual: bool = False


def kind_of(text: str) -> str | None:
    """The event kind a phrase names (``Africa Workshop`` → regional workshop), or None."""
    for kind, words in _KIND_WORDS:
        if words.search(text):
            return kind
    return None


def ordinal_of(text: str) -> int | None:
    match = _ORDINAL.search(text)
    return int(match.group(1)) if match else None


def plain(text: str) -> str:
    """A Markdown line without heading marks, emphasis, links and trailing period."""
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    text = " ".join(text.split()).strip()
    return re.sub(r"(?<![A-Z])\.$", "", text)  # a sentence's period, not the one of "U.K."


def parse_event_line(line: str, year: int | None = None) -> EventLine | None:
    """The event a short line states, or None when the line is not one (or when its
    dates cannot be: see :func:`event_line_error`)."""
    found = _event_line(line, year)
    return found if found is not None and not isinstance(found, str) else None


def event_line_error(line: str, year: int | None = None) -> str:
    """Why a line written as an event line cannot be one because of its dates
    (``"June 31, 2028 is not a day of the calendar"``, ``"it ends (May 30, 2029)
    before it starts (June 9, 2029)"``), else ``""``. Such a line stays text on the
    page; the import reports it at its line."""
    found = _event_line(line, year)
    return found if isinstance(found, str) else ""


def _event_line(line: str, year: int | None) -> EventLine | str | None:
    """The event a line states, the error of its dates, or None (no event line)."""
    text = plain(line)
    if not text or len(text) > _MAX_LINE:
        return None
    found = read_date_range(text, year)
    if found is None or text[found.span[1]:].strip(" .,;"):
        return None
    head = text[: found.span[0]].strip(" ,;:-–")
    kind, ordinal = None, None
    phrase = _KIND_PHRASE.match(head)
    if phrase:
        kind, ordinal = kind_of(phrase.group(0)), ordinal_of(phrase.group(0))
        virtual = "virtual" in phrase.group(0).lower()
        head = head[phrase.end():].strip(" ,;:-–")
        head = re.sub(r"^(?:in|at)\s+", "", head)
    else:
        virtual = False
    if head.lower() in {"virtual", "online", "virtual conference"}:
        head, virtual = "", True
    if head and not all(_PLACE_PART.match(part.strip()) for part in head.split(",") if part.strip()):
        return None
    place = ", ".join(part.strip() for part in head.split(",") if part.strip())
    if found.error:
        return found.error
    return EventLine(found.start, found.end, kind, ordinal, place, virtual)


def split_place(place: str) -> tuple[str, str]:
    """``"Halifax, Nova Scotia, Canada"`` → ``("Halifax, Nova Scotia", "Canada")``;
    one part is a city only."""
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if len(parts) < 2:
        return (parts[0] if parts else "", "")
    return ", ".join(parts[:-1]), parts[-1]
