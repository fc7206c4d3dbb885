"""One event as the import knows it (:class:`EventRecord`: the fields of an entry of
``_data/events.yaml``), its id and default title, and the pages of the site that show
events (:data:`CONFERENCES_PAGE`, :data:`EARLY_PAGE`, the archive's :data:`ARCHIVE_TYPE`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from ..shared.dates import ordinal as ordinal_text
from .event_text import ANNUAL, MEETING, REGIONAL

CONFERENCES_PAGE = "conferences/index"
EARLY_PAGE = "conferences/1974-1999-conferences"
ARCHIVE_TYPE = "conferences-archive"

#: Markdown as the site's pages are parsed to find their events.
PARSER = MarkdownIt("commonmark").use(deflist_plugin)
#: A heading that names a year's events ("2024 Events").
YEAR_HEADING = re.compile(r"^((?:19|20)\d\d)\b.*\bevents?$", re.IGNORECASE)


@dataclass
class EventRecord:
    """One event as the import knows it; fields as in ``_data/events.yaml``.

    ``source``/``line`` say where it was first found (for problems)."""

    id: str
    kind: str
    title: str = ""
    ordinal: int | None = None
    theme: str = ""
    start: str = ""
    end: str = ""
    virtual: bool = False
    venue: str = ""
    city: str = ""
    country: str = ""
    host: str = ""
    page: str = ""
    website: str = ""
    button: str = ""
    programme: str = ""
    programme_page: str = ""
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def year(self) -> int:
        return int(self.start[:4]) if self.start[:4].isdigit() else 0

    def fill(self, other: EventRecord) -> None:
        """Take every field of ``other`` that this record does not have yet. A record
        with a place is not made virtual: the place is what its source said."""
        in_person = bool(self.city or self.country or self.venue)
        for key, value in asdict(other).items():
            if key in {"id", "kind", "source", "line"} or (key == "virtual" and in_person):
                continue
            if value not in ("", None, False) and getattr(self, key) in ("", None, False):
                setattr(self, key, value)

    def as_yaml(self) -> dict[str, Any]:
        data = {key: value for key, value in asdict(self).items() if key not in {"source", "line"}}
        return {key: value for key, value in data.items() if value not in ("", None, False)}


def event_id(kind: str, start: str, suffix: str = "") -> str:
    prefix = {ANNUAL: "iassist", REGIONAL: "africa", MEETING: "meeting"}.get(kind, kind)
    return f"{prefix}-{start[:4]}{suffix}"


def default_title(kind: str, start: str, ordinal: int | None) -> str:
    year = start[:4]
    if kind == REGIONAL:
        return f"{ordinal_text(ordinal)} IASSIST Africa Regional Workshop" if ordinal else f"IASSIST Africa Workshop {year}"
    return f"IASSIST {year}"
