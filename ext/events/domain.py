"""The ``events`` domain: the event catalog of this build and per-document facts.

Domain data (``env.domaindata["events"]``)::

    catalog     EventCatalog   loaded once per build at env-before-read-docs (main process,
                               so forked parallel readers inherit it)
    today       "YYYY-MM-DD"   the "today" the documents were last read with
    today_docs  {docname: True}          documents whose output depends on today
    shown       {docname: [event ids]}   which document shows which events

``today_docs`` and ``shown`` are per document: cleared in :meth:`clear_doc`,
merged from parallel readers in :meth:`merge_domaindata`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .data import EventCatalog, load_catalog
from .selection import resolve_today


class EventsDomain(Domain):
    """Cross-document data of the events extension (no object types of its own)."""

    name = "events"
    label = "Events"
    data_version = 1
    initial_data: dict[str, Any] = {"catalog": EventCatalog(), "today": None, "today_docs": {}, "shown": {}}

    @property
    def catalog(self) -> EventCatalog:
        return self.data["catalog"]

    @property
    def today_docs(self) -> dict[str, bool]:
        return self.data.setdefault("today_docs", {})

    @property
    def shown(self) -> dict[str, list[str]]:
        return self.data.setdefault("shown", {})

    def note_today_dependent(self, docname: str) -> None:
        """Record that ``docname`` must be re-read when today changes."""
        self.today_docs[docname] = True

    def note_shown(self, docname: str, event_ids: Iterable[str]) -> None:
        """Record that ``docname`` shows these events."""
        self.shown.setdefault(docname, []).extend(event_ids)

    def docs_showing(self, event_id: str) -> list[str]:
        """The documents that show ``event_id``, sorted."""
        return sorted(doc for doc, ids in self.shown.items() if event_id in ids)

    def clear_doc(self, docname: str) -> None:
        self.today_docs.pop(docname, None)
        self.shown.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("today_docs", {}):
                self.today_docs[docname] = True
            if docname in otherdata.get("shown", {}):
                self.shown[docname] = list(otherdata["shown"][docname])

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):  # noqa: ANN001
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        return []


def get_domain(env: BuildEnvironment) -> EventsDomain:
    """The events domain of ``env``."""
    return env.domains["events"]


def events_path(env: BuildEnvironment) -> Path:
    """Absolute path of the events file (config ``events_file``, relative to the source dir)."""
    return (Path(env.srcdir) / env.config.events_file).resolve()


def build_today(env: BuildEnvironment) -> dt.date:
    """Today for this build (config ``events_today``, ``SOURCE_DATE_EPOCH``, real date)."""
    return resolve_today(env.config.events_today)


def outdated_by_today(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the documents that depend on today, when today changed."""
    domain = get_domain(env)
    today = build_today(env).isoformat()
    previous, domain.data["today"] = domain.data.get("today"), today
    if previous is None or previous == today:
        return []
    return sorted(domain.today_docs)


def load_events(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: load and validate the events file once for this build."""
    domain = get_domain(env)
    domain.data["catalog"] = load_catalog(events_path(env), env.config.events_kinds, env.found_docs, env.config)
