"""Every mistake of one entry of the events file, each with its line and what to write instead.

:func:`check_entry` validates one entry (a mapping read from ``events.yaml``)
against the model (:class:`~.model.Event`), the project's kinds and documents
and the ids of the entries before it. It does not stop at the first mistake:
an entry with a misspelt kind, an impossible start date and no title gets
three :class:`Mistake`, each at the line of its key (a missing key: the
entry's first line). :mod:`.data` turns them into warnings.

A mistake's text says what is wrong, then what to write instead (a close
match for a misspelt kind, key or page, found with :mod:`difflib`; the date
most likely meant), then what happens to the event: a mistake in ``id``,
``kind``, ``title``, a date or a value's type leaves the event out; an end
before the start, a missing page or an unknown key is dropped and the event
is shown without it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ext.shared.dates import EXAMPLE_DATE, PartialDate
from ext.shared.events_model import EVENT_KEYS, REQUIRED_TEXT, Event
from .warnings_ import EventWarning

LEFT_OUT = "event left out"
#: Keys people write for a key of the data contract, and the key they mean.
KEY_ALIASES = {
    "date": "start", "dates": "start", "start_date": "start", "end_date": "end",
    "location": "city", "place": "city", "url": "website", "link": "website", "web": "website",
    "name": "title", "type": "kind", "number": "ordinal", "online": "virtual",
}


@dataclass(frozen=True)
class Mistake:
    """One mistake: its warning subtype, its 1-based line, what is wrong and what to write
    instead (``text``), and what happens to an event that is otherwise shown
    (``consequence``: ``None`` when this mistake leaves the event out, ``""`` when there
    is nothing to add)."""

    kind: EventWarning
    line: int
    text: str
    consequence: str | None = None

    def message(self, left_out: bool) -> str:
        """The text with its consequence: ``event left out`` when the event is left out."""
        consequence = LEFT_OUT if left_out and self.consequence != "" else self.consequence
        if not consequence:
            return self.text
        if self.text.endswith("?"):  # "did you mean 'meeting'? Event left out"
            return f"{self.text} {consequence[0].upper()}{consequence[1:]}"
        return f"{self.text}; {consequence}"


@dataclass
class EntryChecks:
    """What the entries are checked against: ``kinds`` (config ``events_kinds``),
    ``docnames`` (the project's documents; ``None`` skips the page checks) and the ids
    of the entries read so far with their lines (filled by :meth:`check`)."""

    kinds: Mapping[str, str]
    docnames: Collection[str] | None
    ids: dict[str, int]

    def check(self, raw: Mapping[str, Any], key_lines: Mapping[str, int], line: int) -> tuple[Event | None, list[Mistake]]:
        """The event to show (``None`` when it is left out) and the entry's mistakes in line order.

        ``raw`` is the entry as read, ``key_lines`` the line of each of its keys,
        ``line`` the entry's first line."""
        mistakes = [self._unknown_key(key, key_lines.get(key, line)) for key in raw if key not in EVENT_KEYS]
        event = None
        try:
            event = Event.model_validate({key: value for key, value in raw.items() if key in EVENT_KEYS})
        except ValidationError as error:
            mistakes += self._schema_mistakes(error, raw, key_lines, line)
        mistakes += self._kind(raw, key_lines.get("kind", line))
        mistakes += self._duplicate(raw, key_lines.get("id", line))
        start, end = _date(raw.get("start")), _date(raw.get("end"))
        if start is not None and end is not None and end.last_day() < start.first_day():
            mistakes.append(Mistake(
                EventWarning.END_BEFORE_START, key_lines.get("end", line),
                f"end {end} is before start {start}; write the last day, on or after the start "
                "(or leave end out for a one-day event)", "shown without an end date",
            ))
            event = event.model_copy(update={"end": None}) if event is not None else None
        for key in ("page", "programme_page"):
            mistake = self._missing_page(key, raw, key_lines.get(key, line))
            if mistake is not None:
                mistakes.append(mistake)
                event = event.model_copy(update={key: None}) if event is not None else None
        mistakes.sort(key=lambda mistake: mistake.line)
        if any(mistake.consequence is None for mistake in mistakes):
            event = None
        return event, mistakes

    # -- the checks -------------------------------------------------------------------

    def _unknown_key(self, key: Any, line: int) -> Mistake:
        meant = KEY_ALIASES.get(str(key).lower().replace("-", "_")) or close_match(str(key), sorted(EVENT_KEYS), cutoff=0.7)
        instead = f"did you mean '{meant}'?" if meant else f"remove it (the keys an event may have: {', '.join(Event.model_fields)})"
        return Mistake(EventWarning.UNKNOWN_KEY, line, f"unknown key '{key}' ignored; {instead}", "")

    def _schema_mistakes(
        self, error: ValidationError, raw: Mapping[str, Any], key_lines: Mapping[str, int], line: int
    ) -> list[Mistake]:
        """One mistake per key the model refuses (its first error)."""
        mistakes, seen = [], set()
        for detail in error.errors(include_url=False):
            name = str(detail["loc"][0]) if detail["loc"] else ""
            if name in seen:
                continue
            seen.add(name)
            where = key_lines.get(name, line)
            if detail["type"] == "bad_date":
                text = f"{name}: {detail['msg']}; {detail['ctx']['instead']}"
                mistakes.append(Mistake(EventWarning.BAD_DATE, where, text))
            elif name == "start" and detail["type"] == "missing":
                text = f"start date is missing; add e.g. start: '{EXAMPLE_DATE}' (YYYY-MM-DD; YYYY-MM or YYYY while the day is not known)"
                mistakes.append(Mistake(EventWarning.MISSING_DATE, where, text))
            else:
                mistakes.append(Mistake(EventWarning.INVALID, where, self._invalid(name, detail, raw)))
        return mistakes

    def _invalid(self, name: str, detail: Mapping[str, Any], raw: Mapping[str, Any]) -> str:
        """What is wrong with the value of ``name`` and what to write instead."""
        value, kind = raw.get(name), detail["type"]
        year = _year(raw)
        if name in REQUIRED_TEXT and kind in {"missing", "string_too_short"}:
            state = "missing" if kind == "missing" else "blank"
            add = {
                "id": f"add an id of lower-case letters, digits and dashes, e.g. id: iassist-{year}",
                "kind": f"add kind: {_alternatives(self.kinds)}",
                "title": f"add the title its card shows, e.g. title: IASSIST {year}",
            }[name]
            return f"{name} is {state}; {add}"
        if kind == "string_type":
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            return f"{name}: expected text, got {type_name(value)}; write it as text in quotes, e.g. {name}: '{text}'"
        if name == "id" and kind == "string_pattern_mismatch":
            slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
            return f"id: '{value}' may only hold lower-case letters, digits and dashes; write {slug or f'iassist-{year}'}"
        if name == "website" and kind == "bad_url":
            instead = f"write https://{value}" if "://" not in str(value) else "write its https:// or http:// address"
            return f"website: '{value}' does not start with https:// or http://; {instead}"
        if name == "ordinal":
            return f"ordinal: '{value}' is not a whole number from 1 up; write the conference's number, e.g. ordinal: 51, or leave the key out"
        if name == "virtual":
            return f"virtual: '{value}' is not true or false; write virtual: true, or leave the key out"
        return f"{name}: {detail['msg']}; write what events.schema.json says {name} takes"

    def _kind(self, raw: Mapping[str, Any], line: int) -> list[Mistake]:
        kind = raw.get("kind")
        if not isinstance(kind, str) or not kind.strip() or kind.strip() in self.kinds:
            return []
        kind = kind.strip()
        known = ", ".join(sorted(self.kinds))
        meant = close_match(kind, sorted(self.kinds))
        instead = f"did you mean '{meant}'?" if meant else f"write one of them (or add '{kind}' to events_kinds in conf.py)"
        return [Mistake(EventWarning.UNKNOWN_KIND, line, f"unknown kind '{kind}' (known: {known}); {instead}")]

    def _duplicate(self, raw: Mapping[str, Any], line: int) -> list[Mistake]:
        event_id = raw.get("id")
        if not isinstance(event_id, str):
            return []
        if event_id not in self.ids:
            self.ids[event_id] = line
            return []
        free = next(f"{event_id}-{n}" for n in range(2, len(self.ids) + 3) if f"{event_id}-{n}" not in self.ids)
        text = f"id already used by the event at line {self.ids[event_id]}; give this one an id of its own, e.g. {free}"
        return [Mistake(EventWarning.DUPLICATE, line, text)]

    def _missing_page(self, key: str, raw: Mapping[str, Any], line: int) -> Mistake | None:
        value = raw.get(key)
        if self.docnames is None or not isinstance(value, str) or not value.strip():
            return None
        docname = value.strip().strip("/")
        if docname in self.docnames:
            return None
        meant = close_match(docname, sorted(self.docnames))
        instead = (f"did you mean '{meant}'?" if meant
                   else "write the path of a page in the source folder without .md, or leave the key out")
        if key == "page":
            consequence = "linking to its website instead" if raw.get("website") else "shown without a link to a page"
        else:
            consequence = "link left out"
        return Mistake(EventWarning.MISSING_PAGE, line, f"{key} '{docname}' is not a document of this project; {instead}", consequence)


def close_match(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (:func:`difflib.get_close_matches`), or ``None``."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


def _date(value: Any) -> PartialDate | None:
    """``value`` as a date when it is one (an unquoted year too), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        return None


def _year(raw: Mapping[str, Any]) -> str:
    """The year of the entry's start, for the examples of the advice (else the example date's)."""
    match = re.match(r"\d{4}", str(raw.get("start") or ""))
    return match.group(0) if match else EXAMPLE_DATE[:4]


def _alternatives(kinds: Mapping[str, str]) -> str:
    names = list(kinds)
    return " or ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + f" or {names[-1]}"


def type_name(value: Any) -> str:
    names = {str: "text", list: "a list", dict: "keys", bool: "true/false", int: "a number", float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)
