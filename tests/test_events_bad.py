"""Bad event data (``tests/roots/test-events-bad``): exact warnings, and the rest still builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

DATA = "_data/events.yaml"
EXPECTED = [
    (f"{DATA}:9", "event 'no-title': title: Field required; event left out [events.invalid]"),
    (f"{DATA}:15", "event 'bad-day': start: '2031-11-31' is not a date (November 2031 has no day 31); event left out [events.bad-date]"),
    (f"{DATA}:20", "event 'bad-month': end: '2031-13' is not a date (month must be 01 to 12); event left out [events.bad-date]"),
    (f"{DATA}:21", "event 'no-start': start date is missing; event left out [events.missing-date]"),
    (f"{DATA}:25", "event 'party-2031': unknown kind 'party' (known: annual-conference, meeting, regional-workshop); event left out [events.unknown-kind]"),
    (f"{DATA}:28", "event 'good-week-2031': duplicate id (first at line 3); this one is left out [events.duplicate]"),
    (f"{DATA}:36", "event 'backwards-2030': end 2030-09-08 is before start 2030-09-10; shown without an end date [events.end-before-start]"),
    (f"{DATA}:43", "event 'lost-page-2030': unknown key 'colour' ignored [events.unknown-key]"),
    (f"{DATA}:41", "event 'lost-page-2030': page 'nowhere/index' is not a document of this project; linking to its website instead [events.missing-page]"),
    (f"{DATA}:44", "event #10: expected a mapping of keys; event left out [events.invalid]"),
    (f"{DATA}:45", "event 'Bad_Id': id: String should match pattern '^[a-z0-9][a-z0-9-]*$'; event left out [events.invalid]"),
    (f"{DATA}:49", "event 'Bad_Id': ordinal: Input should be a valid integer, unable to parse string as an integer; event left out [events.invalid]"),
    ("index.md:8", "unknown kind 'party' in :kind: (known: annual-conference, meeting, regional-workshop) [events.unknown-kind]"),
    ("index.md:12", "unknown event 'no-such-event' [events.unknown-event]"),
    ("index.md:14", "'no-such-thing' is not an event id, a document or a URL [events.unknown-event]"),
    ("rest.rst:7", "event 'backwards-2030' has no page or website to link to [events.missing-page]"),
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
        "events file is not valid YAML: while scanning a quoted scalar, found unexpected end of stream [events.bad-file]",
    )
    assert ("index.md:12", "unknown event 'good-week-2031' [events.unknown-event]") in found
    assert [p.get_text() for p in body(app, "index.html").select("p.events-empty")] == ["No events to show."] * 2


@pytest.mark.sphinx("html", testroot="events-bad", freshenv=True, confoverrides={"events_file": "_data/missing.yaml"})
def test_missing_file_means_no_events(app):
    app.build()
    assert [p.get_text() for p in body(app, "index.html").select("p.events-empty")] == ["No events to show."] * 2
