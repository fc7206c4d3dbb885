"""Calendar feed: ``events.ics`` and ``_events/<id>.ics`` in the HTML output root.

Written at ``build-finished`` by HTML builders only (``html``, ``dirhtml``,
``singlehtml``...), with the ``icalendar`` library. One VEVENT per event whose
``start`` is known to the day (month- or year-only events are left out):

* ``DTSTART;VALUE=DATE`` (all-day), ``DTEND;VALUE=DATE`` exclusive: the day
  after ``end`` (or after ``start`` for a one-day event; an ``end`` known only
  to the month is ignored).
* ``UID``: ``<id>@<host of events_site_url (or html_baseurl)>``, else
  ``<id>@iassist-handbook``: stable across builds.
* ``URL``: the event's page on the site (when a site URL is configured), else
  its website. ``LOCATION``: "Virtual" or venue, city, country.
* ``DTSTAMP``: midnight UTC of the build's "today" (see :mod:`.selection`), so
  two builds with the same today give the same bytes.

The files are made again only when what they hold changed (the :class:`CalendarEntry`
of each event, the calendar's name, the stamp): a rebuild after an edit that moves no
event keeps them as they are (:class:`ext._common.OutputStamp`) and does not load
``icalendar``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ext._common import OutputStamp
from ext.background import start_early, take_result
from ext.shared.dates import Precision
from .domain import build_today, get_domain
from ext.shared.events_model import Event
from .nodes import CALENDAR_DIR

if TYPE_CHECKING:
    import icalendar

FEED_NAME = "events.ics"
DEFAULT_UID_HOST = "iassist-handbook"
PRODID = "-//IASSIST Handbook//ext.events//EN"


def has_calendar_entry(event: Event) -> bool:
    """Whether ``event`` goes into the calendar feed (start known to the day)."""
    return event.start.precision is Precision.DAY


def site_url(builder: Builder) -> str:
    """Config ``events_site_url``, else ``html_baseurl`` (may be ``""``)."""
    return builder.config.events_site_url or getattr(builder.config, "html_baseurl", "") or ""


def public_url(event: Event, builder: Builder) -> str:
    """The event's page on the published site (needs a site URL), else its website, else ``""``."""
    base = site_url(builder)
    if event.page and base:
        return urljoin(base.rstrip("/") + "/", builder.get_target_uri(event.page))
    return event.website


def uid_host(builder: Builder) -> str:
    return urlsplit(site_url(builder)).hostname or DEFAULT_UID_HOST


@dataclass(frozen=True)
class CalendarEntry:
    """What the VEVENT of one event holds: ``start`` and ``end`` (exclusive) are
    dates; ``location`` and ``url`` may be ``""`` (then left out)."""

    event_id: str
    uid: str
    start: dt.date
    end: dt.date
    summary: str
    description: str
    location: str
    url: str


def calendar_entry(event: Event, builder: Builder) -> CalendarEntry:
    """The :class:`CalendarEntry` of an event whose start is known to the day
    (:func:`has_calendar_entry`); see the module docstring for its values."""
    start = event.start.first_day()
    end = event.end.last_day() if event.end and event.end.precision is Precision.DAY else start
    description = " \u2013 ".join(part for part in (event.kind_line(builder.config.events_kinds), event.theme) if part)
    return CalendarEntry(
        event_id=event.id, uid=f"{event.id}@{uid_host(builder)}", start=start, end=end + dt.timedelta(days=1),
        summary=event.title, description=description, location=event.place() or "", url=public_url(event, builder),
    )


def vevent(entry: CalendarEntry, dtstamp: dt.datetime) -> icalendar.Event:
    """The VEVENT of one calendar entry."""
    import icalendar  # here, not at the top: a rebuild that writes no calendar does not load it

    item = icalendar.Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", dtstamp)
    item.add("dtstart", entry.start)
    item.add("dtend", entry.end)
    item.add("summary", entry.summary)
    item.add("description", entry.description)
    if entry.location:
        item.add("location", entry.location)
    if entry.url:
        item.add("url", entry.url)
    return item


def calendar_bytes(entries: Iterable[CalendarEntry], name: str, dtstamp: dt.datetime) -> bytes:
    """A VCALENDAR named ``name`` holding the VEVENTs of ``entries``, in their order."""
    import icalendar

    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    for entry in entries:
        feed.add_component(vevent(entry, dtstamp))
    return feed.to_ical()


@dataclass
class CalendarInputs:
    """What the calendars are made of: the entries (ordered by start, then id), the
    calendar's name, the stamp time, the files (``events.ics`` first, then one per
    entry) and the :class:`~ext._common.OutputStamp` of all of it."""

    entries: list[CalendarEntry]
    name: str
    dtstamp: dt.datetime
    files: list[Path]
    stamp: OutputStamp


def calendar_inputs(app: Sphinx) -> CalendarInputs:
    """The calendars of this HTML build (warns nothing: it also runs in a fork)."""
    events = sorted((event for event in get_domain(app.env).catalog if has_calendar_entry(event)),
                    key=lambda e: (e.start.first_day(), e.id))
    entries = [calendar_entry(event, app.builder) for event in events]
    dtstamp = dt.datetime.combine(build_today(app.env), dt.time(0), tzinfo=dt.UTC)
    name = f"{app.config.project} events"
    outdir = Path(app.outdir)
    files = [outdir / FEED_NAME, *(outdir / CALENDAR_DIR / f"{entry.event_id}.ics" for entry in entries)]
    stamp = OutputStamp(app, "calendars", ([astuple(entry) for entry in entries], name, dtstamp),
                        code=(__file__,), versions=(version("icalendar"),))
    return CalendarInputs(entries, name, dtstamp, files, stamp)


def calendar_files(inputs: CalendarInputs) -> list[bytes]:
    """The bytes of ``inputs.files``, in their order."""
    return [calendar_bytes(inputs.entries, inputs.name, inputs.dtstamp),
            *(calendar_bytes([entry], inputs.name, inputs.dtstamp) for entry in inputs.entries)]


def prepare_calendars(app: Sphinx, builder: Builder) -> None:
    """``write-started``: in a build that works in the background
    (:func:`ext.background.in_background`), the calendars are made in a forked
    process while the pages are written; :func:`write_calendars` picks them up."""
    if builder.format == "html":
        start_early(app, "calendars", _calendars_made_early, app)


def _calendars_made_early(app: Sphinx) -> tuple[str, list[bytes]]:
    """In the fork: (the stamp's digest of what they are made of, the files' bytes)."""
    inputs = calendar_inputs(app)
    return inputs.stamp.digest, calendar_files(inputs)


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``events.ics`` and one ``_events/<id>.ics`` per event
    (HTML builders; events ordered by start, then id), unless they hold what the last
    build wrote. The ones :func:`prepare_calendars` made are used when made from the
    same (the stamp's digest)."""
    if exception is not None or app.builder.format != "html":
        return
    inputs = calendar_inputs(app)
    if inputs.stamp.current(inputs.files):
        return
    data = take_result(app, "calendars", inputs.stamp.digest) or calendar_files(inputs)
    inputs.files[0].parent.joinpath(CALENDAR_DIR).mkdir(exist_ok=True)
    for path, content in zip(inputs.files, data, strict=True):
        path.write_bytes(content)
    inputs.stamp.record()
