"""ext.programmes units: model repairs, abstract HTML, dates, JSON lines, :sessions:."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ext.shared.dates import date_range, day_heading, ordinal, parse_day

from ext.programmes.directive import session_selector, sessions_option
from ext.programmes.html_text import abstract_to_nodes
from ext.programmes.model import Programme, validate_programme
from ext.shared.programme_file import ProgrammeFileError, ProgrammeSource, format_json_path


def pformat(markup: str) -> str:
    return "".join(node.pformat() for node in abstract_to_nodes(markup).body)


# -- Model ------------------------------------------------------------------------------

def test_model_lenient_shapes_are_silent() -> None:
    programme, repairs = validate_programme({
        "title": " Padded ", "unknown": {"x": 1},
        "sessions": [{"moserator": "Mo", "presentations": [
            {"doi": "https://doi.org/10.1/a", "presenters": [{"name": "A", "institution": None}]},
            {"doi": ["10.1/b", "10.1/c"]},
            {"doi": ""},
        ]}],
    })
    assert repairs == []
    assert programme.title == "Padded"
    session = programme.sessions[0]
    assert session.moderator == "Mo" and session.day == "" and session.session_type == ""
    assert [item.doi for item in session.presentations] == [["10.1/a"], ["10.1/b", "10.1/c"], []]
    assert session.presentations[0].presenters[0].institution == ""


def test_model_repairs_wrong_types_with_paths() -> None:
    data = {"conferenceNum": 45, "sessions": [{"title": {"x": 1}, "presentations": {"title": "Only"}}]}
    programme, repairs = validate_programme(data)
    assert [(format_json_path(repair.path), repair.message) for repair in repairs] == [
        ("conferenceNum", "expected a string, got a number (45); used '45'"),
        ("sessions[0].title", "expected a string, got an object; dropped"),
        ("sessions[0].presentations", "expected a list, got an object; used it as a one-item list"),
    ]
    assert programme.conference_num == "45"
    assert programme.sessions[0].title == ""
    assert programme.sessions[0].presentations[0].title == "Only"
    assert data["conferenceNum"] == 45  # the input is not changed


def test_model_drops_bad_list_items_keeping_the_rest() -> None:
    programme, repairs = validate_programme({"sessions": [[1], {"title": "Kept"}, True, {"title": "Also"}]})
    assert [session.title for session in programme.sessions] == ["Kept", "Also"]
    assert [format_json_path(repair.path) for repair in repairs] == ["sessions[0]", "sessions[2]"]


def test_empty_programme_is_valid() -> None:
    assert validate_programme({}) == (Programme(), [])


# -- Source -----------------------------------------------------------------------------

def test_source_lines_and_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{\n  "title": "T",\n  "sessions": [\n    {"title": "S",\n     "day": 5}\n  ]\n}\n', encoding="utf-8")
    source = ProgrammeSource.read(path)
    assert source.line_of(("title",)) == 2
    assert source.line_of(("sessions", 0)) == 4
    assert source.line_of(("sessions", 0, "day")) == 5
    assert source.line_of(("sessions", 7, "day")) == 3  # falls back to the innermost that exists
    assert source.location(("sessions",)) == f"{path}:3"
    for text, reason in (("[1]", "not a programme"), ("{", "not valid JSON")):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ProgrammeFileError, match=reason):
            ProgrammeSource.read(path)
    with pytest.raises(ProgrammeFileError, match="file not found"):
        ProgrammeSource.read(tmp_path / "missing.json")


# -- Abstract HTML ------------------------------------------------------------------------

def test_abstract_keeps_structure_and_drops_scripts() -> None:
    abstract = abstract_to_nodes(
        '<p>A &amp; B <em>em</em> <strong>st</strong> <a href="https://x.org/?a=1&amp;b=2">x</a></p>'
        '<script>alert("no")</script><style>p{}</style><!-- hidden -->'
        '<p><a href="javascript:go()">js</a> <a href="mailto:a@example.org">mail</a> <a href="/rel">rel</a></p>'
    )
    text = "".join(node.pformat() for node in abstract.body)
    assert "alert" not in text and "hidden" not in text and "p{}" not in text
    assert 'refuri="https://x.org/?a=1&b=2"' in text and 'refuri="mailto:a@example.org"' in text
    assert "javascript" not in text and "/rel" not in text
    assert abstract.unsafe_links == ["javascript:go()", "/rel"]
    assert abstract.body[0].astext() == "A & B em st x"


def test_abstract_breaks_lists_and_plain_text() -> None:
    assert pformat("<p>one<br>two<br /><br/>three</p>") == (
        "<line_block>\n    <line>\n        one\n    <line>\n        two\n<paragraph>\n    three\n"
    )
    assert pformat("<ol><li>a</li><li><p>b</p></li></ol>") == (
        '<enumerated_list enumtype="arabic" prefix="" suffix=".">\n    <list_item>\n        <paragraph>\n            a\n'
        "    <list_item>\n        <paragraph>\n            b\n"
    )
    assert pformat("First line.\nSecond &amp; <em>last</em>.") == (
        "<paragraph>\n    First line.\n<paragraph>\n    Second & \n    <emphasis>\n        last\n    .\n"
    )
    assert pformat("<p>  spaced \n  <em> out </em>  text </p><h3>Heading</h3>") == (
        "<paragraph>\n    spaced \n    <emphasis>\n        out \n    text\n<paragraph>\n    Heading\n"
    )
    assert abstract_to_nodes("   ").body == []


# -- Dates ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2019-05-28", date(2019, 5, 28)), ("May 28, 2019", date(2019, 5, 28)), ("June 9. 2022", date(2022, 6, 9)),
    ("June 4 and June 5, 2026", None), ("2019-02-30", None), ("", None),
])
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_day(text) == expected


def test_date_texts() -> None:
    assert day_heading(date(2019, 5, 28)) == "Tuesday, May 28, 2019"
    assert date_range(date(2019, 5, 27), date(2019, 5, 31)) == "May 27–31, 2019"
    assert date_range(date(2016, 5, 31), date(2016, 6, 3)) == "May 31 – June 3, 2016"
    assert date_range(date(2019, 12, 30), date(2020, 1, 2)) == "December 30, 2019 – January 2, 2020"
    assert date_range(date(2019, 5, 27), date(2019, 5, 27)) == "May 27, 2019"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 45, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "45th", "111th"]


# -- :sessions: ---------------------------------------------------------------------------

def test_sessions_option() -> None:
    assert sessions_option(None) == "all" and sessions_option(" ALL ") == "all"
    assert sessions_option("1-3, 5, 2019-05-28") == "1-3, 5, 2019-05-28"
    with pytest.raises(ValueError, match="'monday' is not a session number"):
        sessions_option("1, monday")
    programme, _ = validate_programme({"sessions": [{"day": "2019-05-28"}, {"day": "May 29, 2019"}, {}, {}, {}]})
    selected, tokens = session_selector("1-2, 4, 2019-05-29")
    assert tokens == ["1-2", "4", "2019-05-29"]
    assert [position for position, session in enumerate(programme.sessions, 1) if selected(position, session)] == [1, 2, 4]


def test_text_fields_are_decoded_once_and_abstracts_left_to_their_html_parser() -> None:
    data = {"title": "IASSIST &amp; friends", "sessions": [{
        "title": "Data &amp; society", "abstract": "<p>&amp;lt;b&amp;gt; is a tag</p>",
        "presentations": [{"title": "&quot;Fortress-like&quot;", "presenters": [
            {"name": "Welch, Matthew", "institution": "Lewis &amp; Clark College"},
            {"name": "A &amp;amp; B", "institution": "5 &lt; 6"}]}]}]}
    programme, repairs = validate_programme(data)
    session = programme.sessions[0]
    presentation = session.presentations[0]
    assert repairs == []
    assert (programme.title, session.title, presentation.title) == ("IASSIST & friends", "Data & society", '"Fortress-like"')
    assert [(p.name, p.institution) for p in presentation.presenters] == [
        ("Welch, Matthew", "Lewis & Clark College"), ("A &amp; B", "5 < 6")]  # once, not twice
    assert session.abstract == "<p>&amp;lt;b&amp;gt; is a tag</p>"  # HTML: its parser decodes it
