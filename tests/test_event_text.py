"""Reading dates and events from the lines the site writes (ext/hugo_import)."""

from __future__ import annotations

import pytest

from ext.hugo_import.event_text import ANNUAL, REGIONAL, EventLine, parse_event_line, split_place
from ext.hugo_import.human_dates import find_date_range


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Bristol, England, UK, June 3 - June 6, 2025", "2025-06-03", "2025-06-06"),
    ("October 22-24, 2025.", "2025-10-22", "2025-10-24"),
    ("May 31-June 3, 2011", "2011-05-31", "2011-06-03"),
    ("May 18–22, 2021", "2021-05-18", "2021-05-22"),
    ("Gothenburg, Sweden, 7-10 June 2022", "2022-06-07", "2022-06-10"),
    ("December 30 - January 2, 2026", "2025-12-30", "2026-01-02"),
    ("May 24th-27th, 2005", "2005-05-24", "2005-05-27"),
    ("June 2, 2026", "2026-06-02", None),
    ("May 1993", "1993-05", None),
    ("August, 1976", "1976-08", None),
])
def test_date_ranges(text: str, start: str, end: str | None) -> None:
    found = find_date_range(text)
    assert (found.start, found.end) == (start, end)


def test_a_range_without_a_year_takes_the_known_one() -> None:
    assert find_date_range("May 24-27", 2005).start == "2005-05-24"
    assert find_date_range("May 24-27") is None


@pytest.mark.parametrize("text", ["February 30, 2020", "no date here 2024", "April 31 - May 2, 2020"])
def test_no_range_or_an_impossible_one(text: str) -> None:
    assert find_date_range(text) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("6th IASSIST Africa Regional Workshop, Entebbe, Uganda,November 4-6, 2026.",
     EventLine("2026-11-04", "2026-11-06", REGIONAL, 6, "Entebbe, Uganda")),
    ("3rd IASSIST Africa Regional Workshop in Pretoria, South Africa, October 18-20, 2023.",
     EventLine("2023-10-18", "2023-10-20", REGIONAL, 3, "Pretoria, South Africa")),
    ("Virtual Conference, June 2 - June 5, 2026", EventLine("2026-06-02", "2026-06-05", ANNUAL, None, "", True)),
    ("Conference, May 25-28, 2027", EventLine("2027-05-25", "2027-05-28", ANNUAL)),
    ("### Nairobi, Kenya, October 23-26, 2024", EventLine("2024-10-23", "2024-10-26", None, None, "Nairobi, Kenya")),
    ("#### Philadelphia, PA, USA, May 29 - June 2, 2023", EventLine("2023-05-29", "2023-06-02", None, None, "Philadelphia, PA, USA")),
])
def test_event_lines(line: str, expected: EventLine) -> None:
    assert parse_event_line(line) == expected


@pytest.mark.parametrize("line", [
    "The **main conference was virtual and took place in May 17-20, 2021**. In addition there was more.",
    "Registration closes on May 3, 2026 for everyone who wants to attend",
    "Bristol, England, June 3 - June 6, 2025, with a reception the evening before",
])
def test_prose_that_mentions_a_date_is_not_an_event_line(line: str) -> None:
    assert parse_event_line(line) is None


def test_places_split_into_city_and_country() -> None:
    assert split_place("Halifax, Nova Scotia, Canada") == ("Halifax, Nova Scotia", "Canada")
    assert split_place("Sydney") == ("Sydney", "")
    assert split_place("") == ("", "")
