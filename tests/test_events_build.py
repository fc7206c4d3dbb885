"""Sphinx builds of ``tests/roots/test-events-cards``: what readers see, feeds, rebuilds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import icalendar
import pytest

from . import conftest
from .conftest import html_page as soup



def card_titles(node) -> list[str]:
    return [title.get_text() for title in node.select(".events-card-title")]


def copy_root(tmp_path: Path, name: str = "events-cards") -> Path:
    return conftest.copy_root(tmp_path, name)


def build(make_app, srcdir: Path, builder: str = "dirhtml", **kwargs):
    """Build ``srcdir``; returns (app, docnames read in this build)."""
    app = make_app(builder, srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    app.cleanup()  # reset docutils' registries now: tests build several apps
    return app, set(read)


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_cards_show_every_detail(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "index.html")
    grid = page.select_one(".events-grid.all-events")
    assert "sd-container-fluid" in grid["class"]
    row = grid.select_one(".sd-row")
    assert {"sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-md-2"} <= set(row["class"])
    assert card_titles(grid) == [
        "Example Data Week 2031", "Members\u2019 Meeting 2031", "Winter Data Workshop",
        "Example Data Week 2030", "Example Data Week 1993",
    ]
    card = grid.select(".sd-card")[0]
    assert {"sd-card", "events-card"} <= set(card["class"])
    lines = [p.get_text() for p in card.select("p.sd-card-text")]
    assert lines[:5] == [
        "56th Annual Conference", "Open data, open doors",
        "Lakeside Conference Centre, Lakeside, Freedonia", "June 2\u20135, 2031", "Hosted by University of Lakeside",
    ]
    button = card.select_one("a.sd-btn.sd-btn-primary")
    assert button.get_text() == "Go to the 2031 conference"
    assert button["href"] == "conferences/edw2031/"  # relative: works under /en/latest/ too
    calendar = card.select_one("a.events-calendar-link")
    assert calendar["href"] == "_events/example-data-week-2031.ics"
    assert calendar.get_text() == "Add to calendar"
    old = grid.select(".sd-card")[4]
    assert old.select_one(".events-card-dates").get_text() == "May 1993"
    assert old.select_one("a.sd-btn")["href"] == "https://history.example.org/1993"
    assert old.select_one("a.sd-btn").get_text() == "Event website"
    assert old.select_one(".events-calendar-link") is None  # month precision: not in the feed
    virtual = grid.select(".sd-card")[1]
    assert virtual.select_one(".events-card-place").get_text() == "Virtual"
    assert virtual.select_one("a.sd-btn:not(.events-calendar-link)") is None  # no page, no website


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_when_years_order_limit(app):
    app.build()
    upcoming = soup(app, "upcoming/index.html")
    grids = upcoming.select(".events-grid")
    assert card_titles(grids[0]) == ["Members\u2019 Meeting 2031", "Example Data Week 2031"]  # oldest first
    assert card_titles(grids[1]) == ["Example Data Week 2031"]
    text = upcoming.select_one("section").get_text()
    assert text.index("Text before the cards.") < text.index("Members") < text.index("Text after the cards.")
    past = soup(app, "past/index.html").select(".events-grid")
    assert card_titles(past[0]) == ["Example Data Week 2030", "Winter Data Workshop"]  # :order: oldest
    assert card_titles(past[1]) == ["Winter Data Workshop"]  # recent, newest first, limit 1
    assert card_titles(past[2]) == ["Example Data Week 1993"]
    # upcoming and recent together: the next event first, then the past ones newest first
    assert card_titles(soup(app, "past/index.html").select_one(".events-grid.forthcoming")) == [
        "Members\u2019 Meeting 2031", "Example Data Week 2031", "Winter Data Workshop", "Example Data Week 2030",
    ]


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_empty_selection_says_so(app):
    app.build()
    page = soup(app, "empty/index.html")
    assert [p.get_text() for p in page.select("p.events-empty")] == ["No events to show."]
    assert page.select_one("div.events-empty").get_text().strip() == "Nothing planned yet: watch this space."
    assert page.select(".events-grid") == []


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_buttons_and_role(app):
    app.build()
    page = soup(app, "buttons/index.html")
    buttons = page.select("p.events-button-line a")
    assert [(b.get_text(), b["href"]) for b in buttons] == [
        ("Go to the 2031 conference", "../conferences/edw2031/"),
        ("About us", "../about/"),
        ("Join us", "https://www.example.com/join"),
        ("Winter <workshop> & more", "https://winter.example.org/"),
    ]
    assert "sd-btn-secondary" in buttons[1]["class"]
    assert "sd-btn-outline-primary" in buttons[3]["class"]
    raw = (Path(app.outdir) / "buttons/index.html").read_text(encoding="utf-8")
    assert "Winter &lt;workshop&gt; &amp; more" in raw
    links = page.select("section > p:not(.events-button-line) a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Example Data Week 2031", "../conferences/edw2031/"),
        ("the winter one", "https://winter.example.org/"),
    ]
    assert page.select_one("span.events-event").get_text() == "Members\u2019 Meeting 2031"


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_archive_and_rest_page(app):
    app.build()
    page = soup(app, "archive/index.html")
    table = page.select_one("table.events-archive")
    assert [th.get_text().strip() for th in table.select("thead th")] == ["No.", "Year", "Conference", "Place and dates", "Links"]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[:2] for row in rows] == [["56", "2031"], ["55", "2030"], ["19", "1993"]]
    assert rows[1][3] == "Port Example, Sylvania May 31 \u2013 June 3, 2030"
    links = table.select("tbody tr")[1].select("td")[4].select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Page", "../conferences/edw2030/"),
        ("Programme", "../conferences/archive/2030-programme/"),
        ("Website", "https://archive.example.org/conferences/2030/port-example/a-rather-long-path/index.html"),
    ]
    assert card_titles(page) == ["Winter Data Workshop"]  # reST event-cards
    assert page.select_one("p.events-button-line a.sd-btn-success")["href"] == "../conferences/edw2030/"
    assert page.find("a", string="Example Data Week 2030")["href"] == "../conferences/edw2030/"


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_json_ld_on_event_pages(app):
    app.build()
    scripts = soup(app, "conferences/edw2031/index.html").select('head script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Event"
    assert data["name"] == "Example Data Week 2031"
    assert (data["startDate"], data["endDate"]) == ("2031-06-02", "2031-06-05")
    assert data["url"] == "https://handbook.example.org/conferences/edw2031/"
    assert data["location"] == {
        "@type": "Place", "name": "Lakeside Conference Centre",
        "address": {"@type": "PostalAddress", "addressLocality": "Lakeside", "addressCountry": "Freedonia"},
    }
    assert [org["name"] for org in data["organizer"]] == ["IASSIST", "University of Lakeside"]
    assert soup(app, "about/index.html").select('script[type="application/ld+json"]') == []


@pytest.mark.sphinx("dirhtml", testroot="events-cards", freshenv=True)
def test_calendar_feed(app):
    app.build()
    feed = icalendar.Calendar.from_ical((Path(app.outdir) / "events.ics").read_bytes())
    entries = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    assert sorted(entries) == [
        "example-data-week-2030@handbook.example.org", "example-data-week-2031@handbook.example.org",
        "members-meeting-2031@handbook.example.org", "winter-workshop-2030@handbook.example.org",
    ]
    week = entries["example-data-week-2031@handbook.example.org"]
    raw = week.to_ical().decode()
    assert "DTSTART;VALUE=DATE:20310602" in raw
    assert "DTEND;VALUE=DATE:20310606" in raw  # exclusive end
    assert "DTSTAMP:20310301T000000Z" in raw
    assert str(week["url"]) == "https://handbook.example.org/conferences/edw2031/"
    assert str(week["location"]) == "Lakeside Conference Centre, Lakeside, Freedonia"
    assert str(entries["winter-workshop-2030@handbook.example.org"]["url"]) == "https://winter.example.org/"
    single = icalendar.Calendar.from_ical((Path(app.outdir) / "_events/members-meeting-2031.ics").read_bytes())
    assert [str(e["summary"]) for e in single.walk("VEVENT")] == ["Members' Meeting 2031"]
    assert sorted(p.name for p in (Path(app.outdir) / "_events").iterdir()) == [
        "example-data-week-2030.ics", "example-data-week-2031.ics", "members-meeting-2031.ics", "winter-workshop-2030.ics",
    ]
    assert (Path(app.outdir) / "_static/events.css").is_file()
    assert soup(app, "index.html").select_one('link[href*="_static/events.css"]') is not None


def test_calendar_bytes_are_reproducible(make_app, tmp_path):
    first, _ = build(make_app, copy_root(tmp_path / "a"))
    second, _ = build(make_app, copy_root(tmp_path / "b"))
    for name in ["events.ics", "_events/example-data-week-2031.ics"]:
        assert (Path(first.outdir) / name).read_bytes() == (Path(second.outdir) / name).read_bytes()


def test_calendars_are_made_again_only_when_their_events_change(make_app, tmp_path, monkeypatch):
    import ext.events.calendar

    made = []
    real = ext.events.calendar.calendar_bytes
    monkeypatch.setattr(ext.events.calendar, "calendar_bytes", lambda *a: made.append(1) or real(*a))
    srcdir = copy_root(tmp_path)
    app, _ = build(make_app, srcdir)
    out = Path(app.outdir)
    files = [out / "events.ics", *sorted((out / "_events").glob("*.ics"))]
    assert len(made) == len(files) == 5
    written = {path: path.stat().st_mtime_ns for path in files}
    (srcdir / "buttons.md").write_text((srcdir / "buttons.md").read_text() + "\nAn edit elsewhere.\n")
    made.clear()
    build(make_app, srcdir)
    assert made == [] and {path: path.stat().st_mtime_ns for path in files} == written
    # a calendar taken away is written again, and so are they all when an event changes
    (out / "_events" / "members-meeting-2031.ics").unlink()
    build(make_app, srcdir)
    assert (out / "_events" / "members-meeting-2031.ics").is_file()
    data = srcdir / "_data/events.yaml"
    data.write_text(data.read_text().replace('"Example Data Week 2031"', '"Example Data Week 2031 (moved)"'))
    later = data.stat().st_mtime + 10
    os.utime(data, (later, later))
    build(make_app, srcdir)
    assert "SUMMARY:Example Data Week 2031 (moved)" in (out / "events.ics").read_text()


def test_source_date_epoch_sets_today(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1941500000")  # 2031-07-11 UTC
    app, _ = build(make_app, copy_root(tmp_path), confoverrides={"events_today": None})
    assert "DTSTAMP:20310711T000000Z" in (Path(app.outdir) / "events.ics").read_text()
    assert card_titles(soup(app, "upcoming/index.html")) == []


def test_today_switch_moves_event_to_past(make_app, tmp_path):
    srcdir = copy_root(tmp_path)
    app, _ = build(make_app, srcdir, confoverrides={"events_today": "2031-03-01"})
    assert "Example Data Week 2031" in card_titles(soup(app, "upcoming/index.html"))
    past_grids = soup(app, "past/index.html").select(".events-grid:not(.forthcoming)")
    assert "Example Data Week 2031" not in [title for grid in past_grids for title in card_titles(grid)]
    app, read = build(make_app, srcdir, confoverrides={"events_today": "2031-07-01"})
    assert read == {"upcoming", "past"}  # only the pages whose selection depends on today
    assert card_titles(soup(app, "upcoming/index.html")) == []
    assert soup(app, "upcoming/index.html").select_one("p.events-empty").get_text() == "No events to show."
    assert card_titles(soup(app, "past/index.html").select(".events-grid")[1]) == ["Example Data Week 2031"]
    app, read = build(make_app, srcdir, confoverrides={"events_today": "2031-07-01"})
    assert read == set()


def test_editing_events_file_rereads_exactly_its_pages(make_app, tmp_path):
    srcdir = copy_root(tmp_path)
    build(make_app, srcdir)
    data = srcdir / "_data/events.yaml"
    data.write_text(data.read_text().replace('"Example Data Week 2030"', '"Example Data Week 2030 (renamed)"'))
    later = data.stat().st_mtime + 10
    os.utime(data, (later, later))
    app, read = build(make_app, srcdir)
    assert read == {"index", "upcoming", "past", "buttons", "archive", "empty"}
    assert "Example Data Week 2030 (renamed)" in card_titles(soup(app, "index.html"))
    domain = app.env.domains["events"]
    assert domain.docs_showing("example-data-week-2030") == ["archive", "index", "past"]


def test_parallel_build_equals_serial(make_app, tmp_path):
    serial, _ = build(make_app, copy_root(tmp_path / "serial"))
    parallel, _ = build(make_app, copy_root(tmp_path / "parallel"), parallel=2)
    names = sorted(str(p.relative_to(serial.outdir)) for p in Path(serial.outdir).rglob("*") if p.suffix in {".html", ".ics"})
    assert len(names) > 10
    for name in names:
        assert (Path(parallel.outdir) / name).read_bytes() == (Path(serial.outdir) / name).read_bytes(), name
    for key in ("today_docs", "shown"):
        assert parallel.env.domains["events"].data[key] == serial.env.domains["events"].data[key]
    assert parallel.warning.getvalue() == serial.warning.getvalue() == ""


@pytest.mark.parametrize("builder", ["html", "singlehtml", "text", "latex", "man", "texinfo"])
def test_every_builder_renders_the_nodes(make_app, tmp_path, builder):
    app, _ = build(make_app, copy_root(tmp_path), builder=builder)
    assert app.warning.getvalue() == ""
    if builder == "text":
        text = (Path(app.outdir) / "upcoming.txt").read_text()
        assert "Example Data Week 2031\n----------------------\n" in text
        assert "Winter <workshop> & more <https://winter.example.org/>" in (Path(app.outdir) / "buttons.txt").read_text()
    if builder == "singlehtml":
        page = soup(app, "index.html")
        assert len(page.select(".events-card")) > 5
        assert "_events/example-data-week-2031.ics" in {a["href"] for a in page.select("a.events-calendar-link")}
    has_feed = builder in {"html", "singlehtml"}
    assert (Path(app.outdir) / "events.ics").is_file() == has_feed
