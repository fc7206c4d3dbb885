"""Bad event data (``tests/roots/test-events-bad``): exact warnings, and the rest still builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

DATA = "_data/events.yaml"
EXPECTED = [
    (f"{DATA}:9", "event 'no-title': title is missing; add the title its card shows, e.g. title: IASSIST 2031; event left out [events.invalid]"),
    (f"{DATA}:15", "event 'bad-day': start: '2031-11-31' is not a date (November 2031 has no day 31); write a real day as YYYY-MM-DD, e.g. 2031-11-30; event left out [events.bad-date]"),
    (f"{DATA}:20", "event 'bad-month': end: '2031-13' is not a date (month must be 01 to 12); write a month from 01 to 12, e.g. 2031-12; event left out [events.bad-date]"),
    (f"{DATA}:21", "event 'no-start': start date is missing; add e.g. start: '2029-06-05' (YYYY-MM-DD; YYYY-MM or YYYY while the day is not known); event left out [events.missing-date]"),
    (f"{DATA}:25", "event 'party-2031': unknown kind 'party' (known: annual-conference, meeting, regional-workshop); write one of them (or add 'party' to events_kinds in conf.py); event left out [events.unknown-kind]"),
    (f"{DATA}:28", "event 'good-week-2031': id already used by the event at line 3; give this one an id of its own, e.g. good-week-2031-2; event left out [events.duplicate]"),
    (f"{DATA}:36", "event 'backwards-2030': end 2030-09-08 is before start 2030-09-10; write the last day, on or after the start (or leave end out for a one-day event); shown without an end date [events.end-before-start]"),
    (f"{DATA}:41", "event 'lost-page-2030': page 'nowhere/index' is not a document of this project; write the path of a page in the source folder without .md, or leave the key out; linking to its website instead [events.missing-page]"),
    (f"{DATA}:43", "event 'lost-page-2030': unknown key 'colour' ignored; remove it (the keys an event may have: id, kind, ordinal, title, theme, start, end, virtual, venue, city, country, host, page, website, button, programme, programme_page) [events.unknown-key]"),
    (f"{DATA}:44", "event #10: expected the event's keys, got text; write them one a line: '- id: …', then 'kind: …', 'title: …', 'start: …'; event left out [events.invalid]"),
    (f"{DATA}:45", "event 'Bad_Id': id: 'Bad_Id' may only hold lower-case letters, digits and dashes; write bad-id; event left out [events.invalid]"),
    (f"{DATA}:49", "event 'Bad_Id': ordinal: 'zero' is not a whole number from 1 up; write the conference's number, e.g. ordinal: 51, or leave the key out; event left out [events.invalid]"),
    # one entry, three mistakes: one warning each, at the line of its key
    (f"{DATA}:51", "event 'iassist-2029': unknown kind 'annual-conferense' (known: annual-conference, meeting, regional-workshop); did you mean 'annual-conference'? Event left out [events.unknown-kind]"),
    (f"{DATA}:53", "event 'iassist-2029': start: '2029-02-30' is not a date (February 2029 has no day 30); write a real day as YYYY-MM-DD, e.g. 2029-02-28; event left out [events.bad-date]"),
    (f"{DATA}:54", "event 'iassist-2029': end: '2029-6-3' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY); write 2029-06-03; event left out [events.bad-date]"),
    # one entry, seven mistakes (a missing key: at the entry's first line)
    (f"{DATA}:55", "event 'Many_Mistakes': id: 'Many_Mistakes' may only hold lower-case letters, digits and dashes; write many-mistakes; event left out [events.invalid]"),
    (f"{DATA}:55", "event 'Many_Mistakes': title is missing; add the title its card shows, e.g. title: IASSIST 2029; event left out [events.invalid]"),
    (f"{DATA}:56", "event 'Many_Mistakes': unknown kind 'workshop' (known: annual-conference, meeting, regional-workshop); did you mean 'regional-workshop'? Event left out [events.unknown-kind]"),
    (f"{DATA}:57", "event 'Many_Mistakes': start: 'June 2, 2030' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY); write 2030-06-02; event left out [events.bad-date]"),
    (f"{DATA}:58", "event 'Many_Mistakes': website: 'www.example.org/many' does not start with https:// or http://; write https://www.example.org/many; event left out [events.invalid]"),
    (f"{DATA}:59", "event 'Many_Mistakes': unknown key 'titel' ignored; did you mean 'title'? [events.unknown-key]"),
    (f"{DATA}:60", "event 'Many_Mistakes': virtual: 'maybe' is not true or false; write virtual: true, or leave the key out; event left out [events.invalid]"),
    ("index.md:8", "unknown kind 'party' in :kind: (known: annual-conference, meeting, regional-workshop); write one of them [events.unknown-kind]"),
    ("index.md:12", "unknown event 'no-such-event'; write the id of an event in the events file [events.unknown-event]"),
    ("index.md:14", "'no-such-thing' is not an event id, a document or a URL; write the id of an event in the events file (or a page's path such as /about/index, or a URL) [events.unknown-event]"),
    ("index.md:17", "unknown event 'good-week-2013'; did you mean 'good-week-2031'? [events.unknown-event]"),
    ("rest.rst:7", "event 'backwards-2030' has no page or website to link to; give it a page or a website in the events file, or point the button at a page or a URL [events.missing-page]"),
]


def warnings_of(app) -> list[tuple[str, str]]:
    """(path relative to the source dir with line, message) of every warning."""
    found = []
    for line in strip_escape_sequences(app.warning.getvalue()).splitlines():
        match = re.match(r"^(?P<path>\S+?:\d+): WARNING: (?P<message>.*)$", line)
        assert match, line
        path, number = match["path"].rsplit(":", 1)
        found.append((f"{Path(path).relative_to(app.srcdir)}:{number}", match["message"]))
    return found


def body(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser").select_one("div.body, article")


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True)
def test_every_problem_is_one_located_warning(app):
    app.build()
    assert warnings_of(app) == EXPECTED


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True)
def test_good_events_and_the_page_still_build(app):
    app.build()
    page = body(app, "index.html")
    titles = [t.get_text() for t in page.select(".events-card-title")]
    assert titles == ["Good Data Week 2031", "Backwards Workshop 2030", "Lost Page Meeting 2030"]
    cards = page.select(".events-card")
    assert cards[0].select_one("a.sd-btn")["href"] == "conferences/good.html"
    assert cards[1].select_one(".events-card-dates").get_text() == "September 10, 2030"  # end dropped
    assert cards[2].select_one("a.sd-btn")["href"] == "https://lost.example.org/"  # page missing: website
    assert [p.get_text() for p in page.select("p.events-empty")] == ["No events to show."]  # :kind: party
    text = page.get_text()
    assert "Before the cards." in text and "After the cards." in text
    assert page.find("a", string="Good Data Week 2031")["href"] == "conferences/good.html"
    assert page.select_one("code").get_text() == "no-such-event"
    rest = body(app, "rest.html")
    assert [t.get_text() for t in rest.select(".events-card-title")] == ["Backwards Workshop 2030", "Lost Page Meeting 2030"]
    assert rest.select_one("p.events-button-line").get_text() == "Backwards Workshop 2030"


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"suppress_warnings": ["events.bad-date"]})
def test_suppress_one_subtype(app):
    app.build()
    kept = [message for _where, message in warnings_of(app)]
    assert kept == [message for _where, message in EXPECTED if not message.endswith("[events.bad-date]")]


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"show_warning_types": False})
def test_suffix_shown_without_show_warning_types(app):
    app.build()
    assert [message for _where, message in warnings_of(app)] == [message for _where, message in EXPECTED]


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"events_file": "_data/broken.yaml"})
def test_broken_yaml_skips_the_file(app):
    app.build()
    found = warnings_of(app)
    assert found[0] == (
        "_data/broken.yaml:3",
        ("events file is not valid YAML: while scanning a quoted scalar, found unexpected end of stream; "
         "check the quotes, colons and indentation from this line on; no events read [events.bad-file]"),
    )
    assert ("index.md:12", "unknown event 'good-week-2031'; write the id of an event in the events file [events.unknown-event]") in found
    assert [p.get_text() for p in body(app, "index.html").select("p.events-empty")] == ["No events to show."] * 2


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"events_file": "_data/missing.yaml"})
def test_missing_file_means_no_events(app):
    app.build()
    assert [p.get_text() for p in body(app, "index.html").select("p.events-empty")] == ["No events to show."] * 2


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True)
def test_the_build_never_writes_the_events_file(app):
    """The file is the people's: a build with every mistake in it reads it and leaves it as it was."""
    path = Path(app.srcdir) / DATA
    before = path.read_bytes(), path.stat().st_mtime_ns
    app.build()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"events_file": "_data/aliases.yaml"})
def test_yaml_aliases_that_multiply_are_refused(app):
    """A file whose aliases repeat values without end (the "billion laughs") is refused
    at the line of the alias that goes over the limit, before anything is built of it."""
    app.build()
    assert warnings_of(app)[0] == (
        "_data/aliases.yaml:11",
        ("events file: its YAML aliases repeat more than 1000 values; write the values out instead "
         "of repeating them with *aliases; no events read [events.bad-file]"),
    )
    assert [p.get_text() for p in body(app, "index.html").select("p.events-empty")] == ["No events to show."] * 2


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"events_file": "_data/latin1.yaml"})
def test_an_events_file_not_in_utf8_is_one_warning(app):
    app.build()
    assert warnings_of(app)[0] == (
        "_data/latin1.yaml:2",
        "events file is not UTF-8 text (byte 0xe9); save it as UTF-8; no events read [events.bad-file]",
    )
