"""Load ``events.yaml`` into an :class:`EventCatalog`, one warning per mistake.

Source: ``<srcdir>/<events_file>`` (config ``events_file``, default
``"_data/events.yaml"``; the data contract is in :mod:`.model`), edited by
hand. The build only reads it, never writes it. The file is composed with
:class:`FastEventsLoader` (libyaml's parser, when PyYAML has it: a tenth of the
time), or, when that fails, with :class:`EventsLoader`, PyYAML's own, whose error
messages the ``bad-file`` warning quotes. Both are ``SafeLoader`` without the
timestamp resolver, so every date stays a string (``2026-11-31`` unquoted is a
located ``bad-date`` warning, not a crash) and every node keeps its line number.

Each entry is checked on its own (:mod:`.checks`): one bad event never stops
the others, and an entry with several mistakes gets one warning for each, at
the line of its key (a missing key: the entry's first line). Every warning is
located at ``<path>/events.yaml:<line>`` (see :mod:`.warnings_`) and says what
to write instead::

    bad-file          events file is not valid YAML: [<context>, ]<problem>; check the quotes, colons
                      and indentation from this line on; no events read
    bad-file          events file is not UTF-8 text (byte <0x..>); save it as UTF-8; no events read
    bad-file          events file: its YAML aliases repeat more than 1000 values; write the values out
                      instead of repeating them with *aliases; no events read
    bad-file          events file must be a mapping with an 'events' list; write 'events:' on a line of
                      its own, then each event under it, starting with '- id: …'; no events read
    unknown-key       unknown top-level key '<key>' ignored; did you mean 'events'? | the file holds only
                      the 'events' list
    invalid           event #<n>: expected the event's keys, got <type>; write them one a line: '- id: …',
                      then 'kind: …', 'title: …', 'start: …'; event left out
    unknown-key       event <ref>: unknown key '<key>' ignored; did you mean '<key>'? | remove it (the keys
                      an event may have: <keys>)
    invalid           event <ref>: id|kind|title is missing|blank; add <example>; event left out
    invalid           event <ref>: id: '<id>' may only hold lower-case letters, digits and dashes;
                      write <slug>; event left out
    invalid           event <ref>: website: '<url>' does not start with https:// or http://;
                      write https://<url>; event left out
    invalid           event <ref>: ordinal: … / virtual: … / <key>: expected text, got <type>; <advice>;
                      event left out
    bad-date          event <ref>: start|end: '<text>' is not a date (<reason>); write <date> | write a
                      real day as YYYY-MM-DD, e.g. <date> | write a month from 01 to 12, e.g. <date>;
                      event left out
    missing-date      event <ref>: start date is missing; add e.g. start: '2029-06-05' (…); event left out
    unknown-kind      event <ref>: unknown kind '<kind>' (known: <k1>, <k2>); did you mean '<kind>'?
                      Event left out | write one of them (or add '<kind>' to events_kinds in conf.py);
                      event left out
    duplicate         event <ref>: id already used by the event at line <n>; give this one an id of its
                      own, e.g. <id>-2; event left out
    end-before-start  event <ref>: end <end> is before start <start>; write the last day, on or after
                      the start (or leave end out for a one-day event); shown without an end date
    missing-page      event <ref>: page|programme_page '<doc>' is not a document of this project; did you
                      mean '<doc>'? | write the path of a page in the source folder without .md, or leave
                      the key out; linking to its website instead | shown without a link to a page |
                      link left out

``<ref>`` is ``'<id>'`` when the event has a string id, else ``#<position>``.
When one mistake leaves the event out, every warning of that entry ends with
``event left out``. A missing file is not a warning: the catalog is empty
(references to event ids then warn ``unknown-event``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sphinx.config import Config

from ext.shared.limits import FastTextDatesLoader, LimitError, TextDatesLoader, check_aliases

from .checks import LEFT_OUT, EntryChecks, close_match, type_name
from ext.shared.events_model import Event
from .warnings_ import EventWarning, warn

YAML_ADVICE = "check the quotes, colons and indentation from this line on; no events read"


#: ``yaml.SafeLoader`` that leaves dates as strings (no timestamp resolver).
EventsLoader = TextDatesLoader
#: The same with libyaml's parser (``yaml.CSafeLoader``) when PyYAML has it.
FastEventsLoader = FastTextDatesLoader


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
    """State of one load: the file, the checks of its entries, the config, the events kept."""

    path: Path
    checks: EntryChecks
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
    reader = _Reader(path, EntryChecks(kinds, docnames, ids={}), config)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        reader.warn(EventWarning.BAD_FILE, f"events file is not UTF-8 text (byte {raw[error.start]:#04x}); save it as UTF-8; no events read", line)
        return EventCatalog(str(path))
    try:
        try:
            root, data = _compose(FastEventsLoader, text)
        except (yaml.YAMLError, LimitError):  # again, for the messages the warning quotes
            root, data = _compose(EventsLoader, text)
    except LimitError as error:
        reader.warn(EventWarning.BAD_FILE, f"events file: {error}; write the values out instead of repeating them with *aliases; no events read", error.line)
        return EventCatalog(str(path))
    except yaml.MarkedYAMLError as error:
        # the context mark is where the broken construct began (an unclosed quote...)
        mark = error.context_mark or error.problem_mark
        problem = f"{error.context}, {error.problem}" if error.context else str(error.problem)
        reader.warn(EventWarning.BAD_FILE, f"events file is not valid YAML: {problem}; {YAML_ADVICE}", mark.line + 1 if mark else 1)
        return EventCatalog(str(path))
    except yaml.YAMLError as error:
        reader.warn(EventWarning.BAD_FILE, f"events file is not valid YAML: {error}; {YAML_ADVICE}", 1)
        return EventCatalog(str(path))
    items = _events_sequence(reader, root, data)
    for position, (node, raw) in enumerate(items, start=1):
        _read_event(reader, position, node, raw)
    return EventCatalog(str(path), tuple(reader.events), reader.lines)


def _compose(loader_class: type[yaml.SafeLoader], text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML document ``text`` as its node tree and its data (``None, None`` when
    empty), with ``loader_class``. Raises ``yaml.YAMLError``, and ``LimitError`` for
    aliases over the limit (:func:`ext.shared.limits.check_aliases`)."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        check_aliases(root)
        return root, loader.construct_document(root)
    finally:
        loader.dispose()


def _events_sequence(reader: _Reader, root: yaml.Node | None, data: Any) -> list[tuple[yaml.Node, Any]]:
    """The ``events`` list as (node, value) pairs; warns ``bad-file`` when missing."""
    events_node = None
    if isinstance(root, yaml.MappingNode) and isinstance(data, dict):
        for key_node, value_node in root.value:
            if key_node.value == "events":
                events_node = value_node
            else:
                meant = "did you mean 'events'?" if close_match(str(key_node.value), ["events"]) else "the file holds only the 'events' list"
                reader.warn(EventWarning.UNKNOWN_KEY, f"unknown top-level key '{key_node.value}' ignored; {meant}", key_node.start_mark.line + 1)
    if not isinstance(events_node, yaml.SequenceNode) or not isinstance(data.get("events"), list):
        line = root.start_mark.line + 1 if root is not None else 1
        reader.warn(EventWarning.BAD_FILE, (
            "events file must be a mapping with an 'events' list; write 'events:' on a line of its own, "
            "then each event under it, starting with '- id: …'; no events read"), line)
        return []
    return list(zip(events_node.value, data["events"], strict=True))


def _read_event(reader: _Reader, position: int, node: yaml.Node, raw: Any) -> None:
    """Check one entry (:mod:`.checks`), warn once per mistake, and keep the event in
    ``reader.events`` when it may be shown."""
    line = node.start_mark.line + 1
    if not isinstance(raw, dict) or not isinstance(node, yaml.MappingNode):
        reader.warn(EventWarning.INVALID, (
            f"event #{position}: expected the event's keys, got {type_name(raw)}; write them one a line: "
            f"'- id: …', then 'kind: …', 'title: …', 'start: …'; {LEFT_OUT}"), line)
        return
    key_lines = {key.value: key.start_mark.line + 1 for key, _value in node.value if isinstance(key, yaml.ScalarNode)}
    ref = f"'{raw['id']}'" if isinstance(raw.get("id"), str) else f"#{position}"
    event, mistakes = reader.checks.check(raw, key_lines, line)
    for mistake in mistakes:
        reader.warn(mistake.kind, f"event {ref}: {mistake.message(left_out=event is None)}", mistake.line)
    if event is not None:
        reader.events.append(event)
        reader.lines[event.id] = line
