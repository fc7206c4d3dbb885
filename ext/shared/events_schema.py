"""JSON Schema of the events file, generated from the pydantic :class:`~.events_model.Event`.

The importer writes it beside the events file as ``_data/events.schema.json``,
and the file's first line names it (``# yaml-language-server:
$schema=events.schema.json``), so editors with YAML support complete the keys,
show what each one means and mark mistakes as they are typed. It says what
the keys take; the build (:mod:`ext.events.data`) says the rest with file and line: days
that do not exist, ends before starts, pages missing, ids used twice.

Draft 7 (the draft editors' YAML support knows best). Shape::

    {"events": [<event>, ...]}      no other top-level key
    <event>: the model's fields, each with its description (and an example),
             required id, kind, title, start; no other key
             id       the id pattern
             kind     one of the known kinds (config events_kinds' default)
             start/end  a string YYYY, YYYY-MM or YYYY-MM-DD
             website  https:// or http://

Sphinx-free: the importer calls :func:`events_schema_json` without loading Sphinx.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .events_model import DEFAULT_KINDS, Event

SCHEMA_FILE = "events.schema.json"
WEBSITE_PATTERN = r"^(https?://.+)?$"


def events_schema(kinds: Mapping[str, str] = DEFAULT_KINDS) -> dict[str, Any]:
    """The JSON Schema (a JSON-ready dict) of a whole events file whose kinds are ``kinds``
    (kind -> label, as config ``events_kinds``)."""
    event = Event.model_json_schema()
    event["description"] = "One event: a conference, a workshop or a meeting."
    event.pop("title", None)
    for field in event["properties"].values():
        field.pop("title", None)
        if field.get("default") in ("", None):
            field.pop("default", None)  # blank means "not given": nothing for an editor to insert
    known = ", ".join(f"{kind} ({label})" for kind, label in kinds.items())
    kind = event["properties"]["kind"]
    kind.pop("minLength", None)
    kind["enum"] = list(kinds)
    kind["description"] = f"{kind['description']} One of: {known}."
    event["properties"]["website"]["pattern"] = WEBSITE_PATTERN
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Events of the IASSIST handbook",
        "description": "docs/_data/events.yaml: every conference, workshop and meeting the handbook shows.",
        "type": "object",
        "properties": {
            "events": {
                "description": "The events, newest first: a new event goes at the top.",
                "type": "array",
                "items": {"$ref": "#/definitions/event"},
            },
        },
        "required": ["events"],
        "additionalProperties": False,
        "definitions": {"event": event},
    }


def events_schema_json(kinds: Mapping[str, str] = DEFAULT_KINDS) -> str:
    """:func:`events_schema` as the text of ``events.schema.json`` (stable: same model, same bytes)."""
    return json.dumps(events_schema(kinds), indent=2, ensure_ascii=False) + "\n"
