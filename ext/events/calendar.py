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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
from sphinx.application import Sphinx
from sphinx.builders import Builder

from ext.shared.dates import Precision
from .domain import build_today, get_domain
from ext.shared.events_model import Event
from .nodes import CALENDAR_DIR

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


def vevent(event: Event, builder: Builder, dtstamp: dt.datetime) -> icalendar.Event:
    """The VEVENT of one event (see the module docstring for the properties)."""
    start = event.start.first_day()
    end = event.end.last_day() if event.end and event.end.precision is Precision.DAY else start
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}@{uid_host(builder)}")
    entry.add("dtstamp", dtstamp)
    entry.add("dtstart", start)
    entry.add("dtend", end + dt.timedelta(days=1))
    entry.add("summary", event.title)
    description = " \u2013 ".join(part for part in (event.kind_line(builder.config.events_kinds), event.theme) if part)
    entry.add("description", description)
    if event.place():
        entry.add("location", event.place())
    url = public_url(event, builder)
    if url:
        entry.add("url", url)
    return entry


def calendar_bytes(events: Iterable[Event], builder: Builder, dtstamp: dt.datetime) -> bytes:
    """A VCALENDAR holding the VEVENTs of ``events`` (ordered by start, then id)."""
    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", f"{builder.config.project} events")
    for event in sorted(events, key=lambda e: (e.start.first_day(), e.id)):
        feed.add_component(vevent(event, builder, dtstamp))
    return feed.to_ical()


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``events.ics`` and one ``_events/<id>.ics`` per event."""
    if exception is not None or app.builder.format != "html":
        return
    events = [event for event in get_domain(app.env).catalog if has_calendar_entry(event)]
    dtstamp = dt.datetime.combine(build_today(app.env), dt.time(0), tzinfo=dt.UTC)
    outdir = Path(app.outdir)
    (outdir / FEED_NAME).write_bytes(calendar_bytes(events, app.builder, dtstamp))
    folder = outdir / CALENDAR_DIR
    folder.mkdir(exist_ok=True)
    for event in events:
        (folder / f"{event.id}.ics").write_bytes(calendar_bytes([event], app.builder, dtstamp))
