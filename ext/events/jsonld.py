"""schema.org ``Event`` JSON-LD in the ``<head>`` of each event's own page.

At ``html-page-context``, for every event whose ``page`` is the page being
written, and for every event without a page of its own that the page shows (a
card or a button: an event announced by its entry in the events file alone), a
``<script type="application/ld+json">`` is appended to the template's
``metatags``. The JSON is built with :func:`json.dumps`; ``<``,
``>`` and ``&`` are written as ``\\u003c``-style escapes so no value can close
the script element. Properties: ``name``, ``startDate``/``endDate`` (ISO,
``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` as known), ``eventAttendanceMode``,
``location`` (``Place`` with a ``PostalAddress``, or ``VirtualLocation``),
``url``, ``description`` (theme) and ``organizer`` (config
``events_organizer``, plus the host).
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder

from .calendar import public_url, site_url
from .domain import get_domain
from ext.shared.events_model import Event

SCHEMA = "https://schema.org"


def _location(event: Event, url: str) -> dict[str, Any]:
    if event.virtual:
        return {"@type": "VirtualLocation", "url": event.website or url}
    address = {"@type": "PostalAddress", "addressLocality": event.city, "addressCountry": event.country}
    place = {"@type": "Place", "name": event.venue or event.place(), "address": {k: v for k, v in address.items() if v}}
    return {k: v for k, v in place.items() if v}


def event_jsonld(event: Event, builder: Builder) -> dict[str, Any]:
    """The schema.org ``Event`` object of one event (a JSON-ready dict)."""
    url = public_url(event, builder)
    organizers = [{"@type": "Organization", "name": builder.config.events_organizer, "url": site_url(builder)}]
    if event.host:
        organizers.append({"@type": "Organization", "name": event.host})
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": (event.end or event.start).isoformat(),
        "eventAttendanceMode": f"{SCHEMA}/{'Online' if event.virtual else 'Offline'}EventAttendanceMode",
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": _location(event, url),
        "url": url,
        "description": event.theme,
        "organizer": [{k: v for k, v in org.items() if v} for org in organizers],
    }
    return {k: v for k, v in data.items() if v}


def script_tag(data: dict[str, Any]) -> str:
    """``<script type="application/ld+json">`` holding ``data``, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def add_jsonld(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: add the JSON-LD of the events whose page is ``pagename``,
    and of those without a page that ``pagename`` shows."""
    domain = get_domain(app.env)
    shown = set(domain.shown.get(pagename, ()))
    tags = [script_tag(event_jsonld(e, app.builder)) for e in domain.catalog
            if e.page == pagename or (e.page is None and e.id in shown)]
    if tags:
        context["metatags"] = context.get("metatags", "") + "".join(tags)
