"""Load ``events.yaml`` into an :class:`EventCatalog`, warning per bad event.

Source: ``<srcdir>/<events_file>`` (config ``events_file``, default
``"_data/events.yaml"``; the data contract is in :mod:`.model`). The file is
composed with :class:`EventsLoader`, a ``SafeLoader`` without the timestamp
resolver, so every date stays a string (``2026-11-31`` unquoted is a located
``bad-date`` warning, not a crash) and every node keeps its line number.

Each event is validated on its own: one bad event never stops the others.
Warnings (all located at ``<path>/events.yaml:<line>``, see
:mod:`.warnings_`)::

    bad-file          events file is not valid YAML: [<context>, ]<problem>
    bad-file          events file must be a mapping with an 'events' list
    unknown-key       unknown top-level key '<key>' ignored
    invalid           event #<n>: expected a mapping of keys; event left out
    unknown-key       event <ref>: unknown key '<key>' ignored
    invalid           event <ref>: <field>: <pydantic message>; event left out
    bad-date          event <ref>: <field>: '<text>' is not a date (<reason>); event left out
    missing-date      event <ref>: start date is missing; event left out
    unknown-kind      event <ref>: unknown kind '<kind>' (known: <k1>, <k2>); event left out
    duplicate         event <ref>: duplicate id (first at line <n>); this one is left out
    end-before-start  event <ref>: end <end> is before start <start>; shown without an end date
    missing-page      event <ref>: page '<doc>' is not a document of this project; <consequence>
    missing-page      event <ref>: programme_page '<doc>' is not a document of this project; link left out

``<ref>`` is ``'<id>'`` when the event has a string id, else ``#<position>``.
A missing file is not a warning: the catalog is empty (references to event ids
then warn ``unknown-event``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sphinx.config import Config

from .model import EVENT_KEYS, Event
from .warnings_ import EventWarning, warn

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class EventsLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that leaves dates as strings (no timestamp resolver)."""


EventsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class EventCatalog:
    """The valid events of one events file, in file order.

    ``path`` is the file's absolute path (``""`` when no file was read),
    ``lines`` maps an event id to its 1-based line in the file.
    """

    path: str = ""
    events: tuple[Event, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None``."""
        return next((event for event in self.events if event.id == event_id), None)

    def location(self, event_id: str) -> str:
        """``"<path>:<line>"`` of an event, for warnings."""
        return f"{self.path}:{self.lines.get(event_id, 1)}"


@dataclass
class _Reader:
    """State of one load: the file, the project facts to check against, the config."""

    path: Path
    kinds: Mapping[str, str]
    docnames: Collection[str] | None
    config: Config
    events: list[Event] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    def warn(self, kind: EventWarning, message: str, line: int) -> None:
        warn(self.config, kind, message, f"{self.path}:{line}")


def load_catalog(
    path: Path, kinds: Mapping[str, str], docnames: Collection[str] | None, config: Config
) -> EventCatalog:
    """Read and validate the events file at ``path`` (absolute).

    ``kinds`` is config ``events_kinds``; ``docnames`` the project's documents
    (``env.found_docs``; ``None`` skips the page checks). Emits the warnings
    listed in the module docstring; never raises for bad data.
    """
    if not path.is_file():
        return EventCatalog()
    reader = _Reader(path, kinds, docnames, config)
    text = path.read_text(encoding="utf-8")
    loader = EventsLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        # the context mark is where the broken construct began (an unclosed quote...)
        mark = error.context_mark or error.problem_mark
        problem = f"{error.context}, {error.problem}" if error.context else str(error.problem)
        reader.warn(EventWarning.BAD_FILE, f"events file is not valid YAML: {problem}", mark.line + 1 if mark else 1)
        return EventCatalog(str(path))
    except yaml.YAMLError as error:
        reader.warn(EventWarning.BAD_FILE, f"events file is not valid YAML: {error}", 1)
        return EventCatalog(str(path))
    finally:
        loader.dispose()
    items = _events_sequence(reader, root, data)
    for position, (node, raw) in enumerate(items, start=1):
        _read_event(reader, position, node, raw)
    return EventCatalog(str(path), tuple(reader.events), reader.lines)


def _events_sequence(reader: _Reader, root: yaml.Node | None, data: Any) -> list[tuple[yaml.Node, Any]]:
    """The ``events`` list as (node, value) pairs; warns ``bad-file`` when missing."""
    events_node = None
    if isinstance(root, yaml.MappingNode) and isinstance(data, dict):
        for key_node, value_node in root.value:
            if key_node.value == "events":
                events_node = value_node
            else:
                reader.warn(EventWarning.UNKNOWN_KEY, f"unknown top-level key '{key_node.value}' ignored", key_node.start_mark.line + 1)
    if not isinstance(events_node, yaml.SequenceNode) or not isinstance(data.get("events"), list):
        line = root.start_mark.line + 1 if root is not None else 1
        reader.warn(EventWarning.BAD_FILE, "events file must be a mapping with an 'events' list", line)
        return []
    return list(zip(events_node.value, data["events"], strict=True))


def _read_event(reader: _Reader, position: int, node: yaml.Node, raw: Any) -> None:
    """Validate one event and keep it in ``reader.events`` when it may be shown."""
    line = node.start_mark.line + 1
    if not isinstance(raw, dict) or not isinstance(node, yaml.MappingNode):
        reader.warn(EventWarning.INVALID, f"event #{position}: expected a mapping of keys; event left out", line)
        return
    key_lines = {key.value: value.start_mark.line + 1 for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    ref = f"'{raw['id']}'" if isinstance(raw.get("id"), str) else f"#{position}"
    for key in raw:
        if key not in EVENT_KEYS:
            reader.warn(EventWarning.UNKNOWN_KEY, f"event {ref}: unknown key '{key}' ignored", key_lines.get(key, line))
    known = {key: value for key, value in raw.items() if key in EVENT_KEYS}
    try:
        event = Event.model_validate(known)
    except ValidationError as error:
        _warn_validation(reader, ref, error, key_lines, line)
        return
    event = _checked_against_project(reader, ref, event, key_lines, line)
    if event is not None:
        reader.events.append(event)
        reader.lines[event.id] = line


def _warn_validation(reader: _Reader, ref: str, error: ValidationError, key_lines: dict[str, int], line: int) -> None:
    """One warning per schema error, at the line of the offending key."""
    seen: set[tuple[str, str]] = set()
    for detail in error.errors(include_url=False):
        name = str(detail["loc"][0]) if detail["loc"] else ""
        if (name, detail["type"]) in seen:
            continue
        seen.add((name, detail["type"]))
        where = key_lines.get(name, line)
        if name == "start" and detail["type"] == "missing":
            reader.warn(EventWarning.MISSING_DATE, f"event {ref}: start date is missing; event left out", where)
        elif detail["type"] == "bad_date":
            reader.warn(EventWarning.BAD_DATE, f"event {ref}: {name}: {detail['msg']}; event left out", where)
        else:
            prefix = f"{name}: " if name else ""
            reader.warn(EventWarning.INVALID, f"event {ref}: {prefix}{detail['msg']}; event left out", where)


def _checked_against_project(
    reader: _Reader, ref: str, event: Event, key_lines: dict[str, int], line: int
) -> Event | None:
    """Checks that need the file or the project: kind, duplicate id, end, pages."""
    if event.kind not in reader.kinds:
        known = ", ".join(sorted(reader.kinds))
        reader.warn(EventWarning.UNKNOWN_KIND, f"event {ref}: unknown kind '{event.kind}' (known: {known}); event left out", key_lines.get("kind", line))
        return None
    if event.id in reader.lines:
        first = reader.lines[event.id]
        reader.warn(EventWarning.DUPLICATE, f"event {ref}: duplicate id (first at line {first}); this one is left out", key_lines.get("id", line))
        return None
    if event.end is not None and event.end.last_day() < event.start.first_day():
        reader.warn(
            EventWarning.END_BEFORE_START,
            f"event {ref}: end {event.end} is before start {event.start}; shown without an end date",
            key_lines.get("end", line),
        )
        event = event.model_copy(update={"end": None})
    if reader.docnames is None:
        return event
    if event.page and event.page not in reader.docnames:
        consequence = "linking to its website instead" if event.website else "shown without a link to a page"
        reader.warn(
            EventWarning.MISSING_PAGE,
            f"event {ref}: page '{event.page}' is not a document of this project; {consequence}",
            key_lines.get("page", line),
        )
        event = event.model_copy(update={"page": None})
    if event.programme_page and event.programme_page not in reader.docnames:
        reader.warn(
            EventWarning.MISSING_PAGE,
            f"event {ref}: programme_page '{event.programme_page}' is not a document of this project; link left out",
            key_lines.get("programme_page", line),
        )
        event = event.model_copy(update={"programme_page": None})
    return event
