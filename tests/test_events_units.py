"""Unit tests of ext.events: dates for people, today, selection, the model."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from ext.shared.dates import PartialDate, Precision, format_date, format_range, ordinal
from ext.shared.events_model import Event
from ext.events.selection import Selection, YearRange, resolve_today, select, statuses

D = PartialDate.parse


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-06-02", None, "June 2, 2026"),
        ("2026-06-02", "2026-06-02", "June 2, 2026"),
        ("2026-06-02", "2026-06-05", "June 2\u20135, 2026"),
        ("2016-05-31", "2016-06-03", "May 31 \u2013 June 3, 2016"),
        ("2025-12-30", "2026-01-02", "December 30, 2025 \u2013 January 2, 2026"),
        ("1993-05", None, "May 1993"),
        ("1993-05", "1993-06", "May\u2013June 1993"),
        ("1993-12", "1994-01", "December 1993 \u2013 January 1994"),
        ("1975", None, "1975"),
        ("1975", "1976", "1975\u20131976"),
        ("2026-06", "2026-06-05", "June 2026 \u2013 June 5, 2026"),
    ],
)
def test_format_range(start, end, expected):
    assert format_range(D(start), D(end) if end else None) == expected


def test_partial_date_precision_and_bounds():
    assert D("2024-02").precision is Precision.MONTH
    assert D("2024-02").first_day() == dt.date(2024, 2, 1)
    assert D("2024-02").last_day() == dt.date(2024, 2, 29)
    assert D("1999").last_day() == dt.date(1999, 12, 31)
    assert D("2026-06-02").precision is Precision.DAY
    assert str(D("2026-06")) == "2026-06"
    assert format_date(D("2026-06-02")) == "June 2, 2026"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-11-31", "November 2026 has no day 31"),
        ("2026-13", "month must be 01 to 12"),
        ("26-01-01", "use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("June 2026", "use YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_bad_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        D(text)


@pytest.mark.parametrize(("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (51, "51st"), (112, "112th")])
def test_ordinal(number, text):
    assert ordinal(number) == text


def test_resolve_today_order_of_sources():
    assert resolve_today("2031-03-01", {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2031, 3, 1)
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": "86399"}) == dt.date(1970, 1, 1)
    assert resolve_today(None, {}) == dt.datetime.now(tz=dt.UTC).date()
    with pytest.raises(ValueError):
        resolve_today("March 1", {})


def event(**values) -> Event:
    base = {"id": "x", "kind": "meeting", "title": "X", "start": "2031-06-02"}
    return Event.model_validate({**base, **values})


def test_statuses_around_today():
    today = dt.date(2031, 6, 4)
    assert statuses(event(end="2031-06-05"), today, 365) == {"upcoming"}
    assert statuses(event(end="2031-06-04"), today, 365) == {"upcoming"}
    assert statuses(event(end="2031-06-03"), today, 365) == {"past", "recent"}
    assert statuses(event(start="2031-06"), today, 365) == {"upcoming"}  # month known: upcoming until June 30
    assert statuses(event(start="2029-01-01"), today, 365) == {"past", "earlier"}


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [("2024", [2024], [2023, 2025]), ("2021-2024", [2021, 2024], [2020, 2025]), ("2025-", [2025, 2090], [2024]), ("-1999", [1975, 1999], [2000])],
)
def test_year_ranges(text, inside, outside):
    years = YearRange.parse(text)
    assert all(year in years for year in inside)
    assert not any(year in years for year in outside)


@pytest.mark.parametrize("text", ["", "-", "20x4", "2025-2020", "2024--2025"])
def test_bad_year_ranges(text):
    with pytest.raises(ValueError):
        YearRange.parse(text)


def test_select_orders_and_limits():
    events = [event(id="a", start="2030-01-01"), event(id="b", start="2031-07-01"), event(id="c", start="2032-01-01")]
    today = dt.date(2031, 3, 1)
    upcoming = select(events, Selection(when=frozenset({"upcoming"})), today, 365)
    assert [e.id for e in upcoming] == ["b", "c"]  # oldest first when only upcoming
    assert [e.id for e in select(events, Selection(), today, 365)] == ["c", "b", "a"]
    assert [e.id for e in select(events, Selection(order="oldest", limit=2), today, 365)] == ["a", "b"]
    assert [e.id for e in select(events, Selection(years=YearRange.parse("2031-")), today, 365)] == ["c", "b"]
    assert not Selection().depends_on_today
    assert Selection(when=frozenset({"upcoming"})).depends_on_today
    # upcoming with recent ones: soonest first, then the past ones newest first; :order: overrides
    events.append(event(id="d", start="2031-01-10"))
    forthcoming = Selection(when=frozenset({"upcoming", "recent"}))
    assert [e.id for e in select(events, forthcoming, today, 365)] == ["b", "c", "d"]  # a: earlier, not recent
    assert [e.id for e in select(events, Selection(when=forthcoming.when, limit=1), today, 365)] == ["b"]
    assert [e.id for e in select(events, Selection(when=forthcoming.when, order="newest"), today, 365)] == ["c", "b", "d"]


def test_event_model_is_frozen_and_formats():
    item = event(ordinal=51, kind="annual-conference", venue="Hall", city="Bristol, England", country="UK", end="2031-06-05")
    assert item.kind_line({"annual-conference": "Annual Conference"}) == "51st Annual Conference"
    assert item.place() == "Hall, Bristol, England, UK"
    assert event(virtual=True, city="Nowhere").place() == "Virtual"
    assert item.dates() == "June 2\u20135, 2031"
    with pytest.raises(ValidationError):
        item.title = "changed"


def test_event_model_errors():
    with pytest.raises(ValidationError) as info:
        Event.model_validate({"id": "Bad id", "kind": "meeting", "start": 2031, "website": "ftp://x"})
    kinds = {(e["loc"][0], e["type"]) for e in info.value.errors()}
    assert kinds == {("id", "string_pattern_mismatch"), ("title", "missing"), ("website", "bad_url")}
    assert event(start=2031).start == PartialDate(2031)  # an unquoted year is a year
    assert event(page="/about/index").page == "about/index"


def test_json_ld_cannot_close_its_script():
    from ext.events.jsonld import script_tag

    tag = script_tag({"name": "</script><script>alert(1)</script> & more"})
    inner = tag.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "</" not in inner and "<" not in inner and "&" not in inner
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script> & more"


def test_loader_keeps_dates_as_strings():
    import yaml

    from ext.events.data import EventsLoader

    assert yaml.load("start: 2026-11-31\nend: 2026-06-02\n", Loader=EventsLoader) == {"start": "2026-11-31", "end": "2026-06-02"}


def test_blank_optional_values_mean_not_given():
    item = event(end="", venue="", page=None, programme_page="", ordinal=None)
    assert (item.end, item.venue, item.page, item.programme_page, item.ordinal) == (None, "", None, None, None)
    with pytest.raises(ValidationError) as info:
        event(start="", title="")
    assert {(e["loc"][0], e["type"]) for e in info.value.errors()} == {("start", "missing"), ("title", "string_too_short")}
