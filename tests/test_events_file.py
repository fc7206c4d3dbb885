"""``_data/events.yaml`` as the import writes it for the people who edit it, and its schema.

The file opens with the schema line editors read, then a header that says how to add
an event (with an example entry), then the events newest first. ``events.schema.json``
beside it is generated from the pydantic model (:mod:`ext.shared.events_schema`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from ext.events.data import EventsLoader
from ext.shared.events_model import DEFAULT_KINDS, Event
from ext.shared.events_schema import SCHEMA_FILE, events_schema, events_schema_json
from ext.hugo_import.importer import import_site

from .conftest import EXAMPLE_SITE, REPO


@pytest.fixture(scope="module")
def example_data(tmp_path_factory) -> Path:
    """The ``_data`` folder of the example site imported into a temporary handbook."""
    docs = tmp_path_factory.mktemp("events-file") / "docs"
    import_site(EXAMPLE_SITE, docs)
    return docs / "_data"


def read_events(text: str) -> dict:
    return yaml.load(text, Loader=EventsLoader)  # dates stay strings, as the build reads them


def test_the_file_opens_with_the_schema_line_and_a_header_for_people(example_data: Path) -> None:
    text = (example_data / "events.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n#\n")
    header, _, _ = text.partition("\nevents:\n")
    assert all(line.startswith("#") for line in header.splitlines())
    assert "put its entry at the top of the list" in header
    assert "annual-conference, regional-workshop or meeting" in header
    assert "YYYY-MM-DD; YYYY-MM or YYYY" in header
    assert "decided by the date the handbook is" in header and "`make html` reports every mistake" in header
    # the example entry, uncommented, is an event the build and the schema accept
    example = "\n".join(line[2:] for line in header.splitlines() if re.match(r"^#   |^# - ", line))
    entry = read_events(example)[0]
    assert list(entry) == ["id", "kind", "title", "start", "end", "city", "country", "website", "button"]
    assert list(DEFAULT_KINDS) == ["annual-conference", "regional-workshop", "meeting"]
    Event.model_validate(entry)
    jsonschema.validate({"events": [entry]}, events_schema())


def test_events_are_newest_first_and_the_file_is_the_same_twice(example_data: Path, tmp_path: Path) -> None:
    text = (example_data / "events.yaml").read_text(encoding="utf-8")
    events = read_events(text)["events"]
    order = [(event["start"], event["id"]) for event in events]
    assert order == sorted(sorted(order, key=lambda pair: pair[1]), key=lambda pair: pair[0], reverse=True)
    assert events[0]["id"] == "iassist-2027"  # a new event goes above it
    again = tmp_path / "docs"
    import_site(EXAMPLE_SITE, again)
    for name in ("events.yaml", SCHEMA_FILE):
        assert (again / "_data" / name).read_bytes() == (example_data / name).read_bytes()


def test_the_schema_beside_the_file_is_the_generated_one(example_data: Path) -> None:
    assert (example_data / SCHEMA_FILE).read_text(encoding="utf-8") == events_schema_json()
    jsonschema.Draft7Validator.check_schema(json.loads(events_schema_json()))


def test_the_handbooks_shipped_schema_is_the_generated_one() -> None:
    """``docs/_data/events.schema.json``, the one editors use (regenerate docs/ after a change
    to the model: ``make migrate SITE=examples/site``)."""
    assert (REPO / "docs" / "_data" / SCHEMA_FILE).read_text(encoding="utf-8") == events_schema_json()


def test_the_schema_validates_the_example_events(example_data: Path) -> None:
    data = read_events((example_data / "events.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(events_schema()).validate(data)
    assert len(data["events"]) > 10


GOOD = {"id": "iassist-2029", "kind": "annual-conference", "title": "IASSIST 2029", "start": "2029-06-05"}


@pytest.mark.parametrize(
    ("change", "path", "keyword"),
    [
        ({"kind": "annual-conferense"}, ["events", 0, "kind"], "enum"),
        ({"start": "2029-13-01"}, ["events", 0, "start"], "pattern"),
        ({"start": "June 5, 2029"}, ["events", 0, "start"], "pattern"),
        ({"end": "2029-6-8"}, ["events", 0, "end"], "anyOf"),
        ({"id": "Bad_Id"}, ["events", 0, "id"], "pattern"),
        ({"title": None}, ["events", 0], "required"),
        ({"website": "www.example.org"}, ["events", 0, "website"], "pattern"),
        ({"ordinal": 0}, ["events", 0, "ordinal"], "anyOf"),
        ({"virtual": "maybe"}, ["events", 0, "virtual"], "type"),
        ({"colour": "blue"}, ["events", 0], "additionalProperties"),
    ],
)
def test_the_schema_rejects_a_bad_entry(change: dict, path: list, keyword: str) -> None:
    entry = {key: value for key, value in {**GOOD, **change}.items() if value is not None}
    errors = list(jsonschema.Draft7Validator(events_schema()).iter_errors({"events": [entry]}))
    assert [(list(error.absolute_path), error.validator) for error in errors] == [(path, keyword)]


def test_the_schema_describes_every_key_and_rejects_other_top_level_keys() -> None:
    schema = events_schema()
    event = schema["definitions"]["event"]
    assert set(event["properties"]) == set(Event.model_fields)
    assert all(field.get("description") for field in event["properties"].values())
    assert event["required"] == ["id", "kind", "title", "start"]
    assert event["additionalProperties"] is False and schema["additionalProperties"] is False
    assert event["properties"]["kind"]["enum"] == list(DEFAULT_KINDS)
    validator = jsonschema.Draft7Validator(schema)
    assert not validator.is_valid({"events": [GOOD], "event": []})
    assert not validator.is_valid({"event": [GOOD]})
    assert validator.is_valid({"events": [GOOD, {**GOOD, "id": "meeting-2029-05", "kind": "meeting", "start": "2029-05"}]})
