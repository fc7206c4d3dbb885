"""The events file: the site's events merged from every place that shows them
(:mod:`.event_sources`, :mod:`.conference_page`), checked, and written as
``_data/events.yaml`` for the people who edit it from now on (:func:`events_yaml`),
with its JSON Schema ``_data/events.schema.json`` beside it and a copy of each
conference programme under ``_data/programmes/``.

Contradictions in the data (an end before the start, an ordinal out of sequence,
dates that disagree with the text the old site showed) are reported with file and
line; the dates people saw win.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

import yaml

from ..shared.dates import DateError, PartialDate
from .event_record import CONFERENCES_PAGE, EARLY_PAGE, EventRecord, default_title
from .conference_page import find_runs, people_page
from .event_sources import (
    EVENT_PAGE_LINES, archive_events, bad_event_dates, early_events, is_event_page, page_event, page_year, year_problems,
)
from .event_text import ANNUAL
from .links import SiteIndex
from .model import Problem, ProblemKind
from .site import HugoSite
from ..shared.paths import EVENTS_FILE

def collect_events(site: HugoSite, index: SiteIndex, problems: list[Problem]) -> tuple[list[EventRecord], dict[str, bytes]]:
    """Every event of the site, merged and checked, and the files to write
    (``_data/events.yaml``, its schema ``_data/events.schema.json`` and the programme copies)."""
    from ext.shared.events_schema import SCHEMA_FILE, events_schema_json  # pydantic: see events_yaml

    archive, files = archive_events(site, index, problems)
    early = early_events(site.pages[EARLY_PAGE], problems) if EARLY_PAGE in site.pages else []
    event_pages = sorted((p for p in site.pages.values() if is_event_page(p)), key=lambda p: ("year" not in p.front.data, p.docname))
    pages = [e for e in (page_event(p, index) for p in event_pages) if e is not None]
    merged: dict[str, EventRecord] = {}
    # The dates people saw on the Conferences page win, then event pages, then the archive.
    page_events = {e.id: e for e in pages}
    conference_page = site.pages.get(CONFERENCES_PAGE)
    if conference_page is not None:
        problems.extend(bad_event_dates(conference_page, None, "it stays text on the page, with its buttons"))
    for page in event_pages:
        problems.extend(year_problems(page))
        problems.extend(bad_event_dates(page, page_year(page), "the event's card gives the year only", EVENT_PAGE_LINES))
    listed = [e for run in find_runs(conference_page, index, page_events) for e in run.events] if conference_page else []
    for event in [*listed, *archive, *pages, *early]:
        if event.id not in merged:
            merged[event.id] = event
        elif event.source == merged[event.id].source and event.page != merged[event.id].page:
            first = merged[event.id]
            problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA, (
                f"{event.id}: this line repeats the event of line {first.line} ({event.start}), with a button "
                f"to {event.page or event.website or 'nothing'}; the first one's is used")))
        elif _same_dates(merged[event.id].start, event.start):
            merged[event.id].fill(event)
        else:
            problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA, (
                f"{event.id}: this page says {event.start}, the other sources {merged[event.id].start}; "
                "the page is not used as the event's page")))
    events = sorted(_with_dates(merged.values(), problems), key=lambda e: (e.start, e.id))
    for event in events:
        _finish(event, problems)
    _check_ordinals([e for e in events if e.kind == ANNUAL], problems)
    files[EVENTS_FILE] = events_yaml(events).encode()
    files[posixpath.join(posixpath.dirname(EVENTS_FILE), SCHEMA_FILE)] = events_schema_json().encode()
    files.update(people_page(site))
    return events, files


def _with_dates(events: Iterable[EventRecord], problems: list[Problem]) -> list[EventRecord]:
    """The events whose ``start`` is an event date (``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``: :class:`ext.shared.dates.PartialDate`), an ``end`` that is none left out.
    Each is reported at the site file and line the event was read from, so no date the
    build would reject reaches the generated events file."""
    kept = []
    for event in events:
        try:
            PartialDate.parse(event.start)
        except DateError as error:
            problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA,
                                    f"{event.id}: start {event.start!r} is no date ({error}); event left out"))
            continue
        if event.end:
            try:
                PartialDate.parse(event.end)
            except DateError as error:
                problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA,
                                        f"{event.id}: end {event.end!r} is no date ({error}); end left out"))
                event.end = ""
        kept.append(event)
    return kept


def _same_dates(a: str, b: str) -> bool:
    """Whether two ISO dates of any precision can be the same day (``2021`` and ``2021-05-18``)."""
    return a.startswith(b) or b.startswith(a)


def _finish(event: EventRecord, problems: list[Problem]) -> None:
    if not event.title:
        event.title = default_title(event.kind, event.start, event.ordinal)
    if event.end and event.end < event.start:
        problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA,
                                f"{event.id}: end {event.end} is before start {event.start}; end left out"))
        event.end = ""
    if event.end == event.start:
        event.end = ""


def _check_ordinals(events: list[EventRecord], problems: list[Problem]) -> None:
    """Keep the ordinals that rise with the years (the longest such run); drop
    and report the others (for example three files that repeat later numbers)."""
    numbered = [e for e in events if e.ordinal is not None]
    best: list[list[EventRecord]] = []
    for event in numbered:
        chains = [chain for chain in best if chain[-1].ordinal < event.ordinal and chain[-1].year < event.year]
        longest = max(chains, key=len, default=[])
        best.append([*longest, event])
    keep = {id(e) for e in max(best, key=len, default=[])}
    for event in numbered:
        if id(event) not in keep:
            problems.append(Problem(event.source, event.line, ProblemKind.EVENT_DATA,
                                    f"{event.id}: ordinal {event.ordinal} is out of sequence with the other years; left out"))
            event.ordinal = None


def events_yaml(events: list[EventRecord]) -> str:
    """The text of ``_data/events.yaml``, for the people who edit it from now on: a
    header (what the file is, how to add an event, what happens on a mistake), then
    the events newest first (start date descending, then id), so a new event has one
    obvious place: the top. The first line names the schema (:mod:`ext.shared.events_schema`)
    for editors. Same events, same bytes."""
    # imported here: pydantic is only needed once the events are merged, not to convert pages
    from ext.shared.events_model import DEFAULT_KINDS, EVENT_KEYS
    from ext.shared.events_schema import SCHEMA_FILE

    ordered = sorted(sorted(events, key=lambda e: e.id), key=lambda e: e.start, reverse=True)
    body = yaml.dump({"events": [e.as_yaml() for e in ordered]}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     sort_keys=False, allow_unicode=True, width=1000)
    kinds = list(DEFAULT_KINDS)
    other_keys = [key for key in EventRecord.__dataclass_fields__ if key in EVENT_KEYS and key not in _EXAMPLE_KEYS]
    header = _EVENTS_HEADER.format(
        schema=SCHEMA_FILE, kinds=", ".join(kinds[:-1]) + f" or {kinds[-1]}", other_keys=", ".join(other_keys),
    )
    return header + body


#: The keys the example entry of the events file's header shows.
_EXAMPLE_KEYS = ("id", "kind", "title", "start", "end", "city", "country", "website", "button")
_EVENTS_HEADER = """\
# yaml-language-server: $schema={schema}
#
# The association's events: every conference, regional workshop and meeting the
# handbook shows (cards, buttons, the conference archive, the calendar feed).
# This file is their source: edit it, commit, and the handbook follows.
#
# To add an event, put its entry at the top of the list, right under "events:"
# (the list is newest first). For example:
#
# - id: iassist-2029               # unique: lower-case letters, digits and dashes
#   kind: annual-conference        # {kinds}
#   title: IASSIST 2029
#   start: '2029-06-05'            # YYYY-MM-DD; YYYY-MM or YYYY while the day is not known
#   end: '2029-06-08'              # the last day, in the same forms; leave out for one day
#   city: Lisbon
#   country: Portugal
#   website: https://iassist2029.example.org/
#   button: Go to the 2029 conference
#
# Other keys: {other_keys}.
# {schema} says what each key takes; an editor with YAML support (VS Code
# with the YAML extension) completes and checks them as you type.
#
# Whether an event is upcoming or past is decided by the date the handbook is
# built: nothing to move by hand. `make html` reports every mistake with this
# file's name and line, and what to write instead.
"""
