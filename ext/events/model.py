"""The event record: one entry of ``events.yaml``, validated by pydantic v2.

Data contract (the importer writes the file; ``<srcdir>/_data/events.yaml`` by
default, config ``events_file``)::

    events:
      - id: iassist-2026            # required, unique, [a-z0-9][a-z0-9-]*
        kind: annual-conference     # required, a key of config ``events_kinds``
        ordinal: 51                 # optional int >= 1, shown "51st"
        title: "IASSIST 2026"       # required
        theme: "Data futures"       # optional
        start: "2026-06-02"         # required: YYYY-MM-DD, YYYY-MM or YYYY
        end: "2026-06-05"           # optional, same forms, not before start
        virtual: true               # optional bool (default false): "Virtual" instead of a place
        venue: / city: / country: / host:          # optional strings
        page: conferences/iassist2026/index        # optional docname of the event's own page
        website: "https://..."      # optional external website
        button: "Go to the 2026 conference"        # optional button label
        programme: _data/programmes/2025.json      # optional, carried for ext.programmes
        programme_page: conferences/archive/2025   # optional docname showing the programme

A blank (``""``) or ``null`` optional value means "not given". Dates stay strings in YAML (see :mod:`.data`) and become
:class:`~.dates.PartialDate` here. A bad date is a ``bad_date`` error, a
missing ``start`` a ``missing`` error on ``start``; :mod:`.data` turns errors
into located warnings. Checks that need the project (kinds, pages, duplicates,
end before start) are done by :mod:`.data`, not here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .dates import PartialDate, format_range, ordinal

EVENT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
EventId = Annotated[str, StringConstraints(pattern=EVENT_ID_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
Docname = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: Keys whose blank value is an error rather than "not given".
REQUIRED_TEXT = frozenset({"id", "kind", "title"})


class Event(BaseModel):
    """One event (conference, workshop, meeting). Frozen: safe to share and pickle."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: EventId
    kind: NonEmpty
    ordinal: Annotated[int, Field(ge=1)] | None = None
    title: NonEmpty
    theme: Text = ""
    start: PartialDate
    end: PartialDate | None = None
    virtual: bool = False
    venue: Text = ""
    city: Text = ""
    country: Text = ""
    host: Text = ""
    page: Docname | None = None
    website: Text = ""
    button: Text = ""
    programme: Text = ""
    programme_page: Docname | None = None

    @model_validator(mode="before")
    @classmethod
    def _blank_means_absent(cls, data: Any) -> Any:
        # `end: ""` or `page: null` mean "not given" (a blank start is then a missing date)
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k in REQUIRED_TEXT or v not in ("", None)}
        return data

    @field_validator("start", "end", mode="before")
    @classmethod
    def _parse_date(cls, value: Any) -> Any:
        if value is None or isinstance(value, PartialDate):
            return value
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str):
            raise PydanticCustomError("bad_date", "expected a date string, got {kind}", {"kind": type(value).__name__})
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            raise PydanticCustomError("bad_date", "'{text}' is not a date ({reason})", {"text": text, "reason": str(error)}) from None

    @field_validator("page", "programme_page", mode="after")
    @classmethod
    def _normalise_docname(cls, value: str | None) -> str | None:
        # "/about/index" and "about/index" name the same document
        return value.strip("/") if value else value

    @field_validator("website", mode="after")
    @classmethod
    def _check_website(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise PydanticCustomError("bad_url", "website must start with https:// or http://")
        return value

    # -- what people see ------------------------------------------------------------

    def kind_line(self, kinds: dict[str, str]) -> str:
        """``"51st Annual Conference"`` (ordinal and the kind's label from ``events_kinds``)."""
        label = kinds.get(self.kind, self.kind)
        return f"{ordinal(self.ordinal)} {label}" if self.ordinal else label

    def place(self) -> str:
        """``"Virtual"``, or venue, city and country joined with commas (may be empty)."""
        if self.virtual:
            return "Virtual"
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    def dates(self) -> str:
        """The dates for people, e.g. ``"June 2–5, 2026"`` (see :func:`.dates.format_range`)."""
        return format_range(self.start, self.end)

    def last_day(self):
        """The last calendar day (``datetime.date``) of the event: of ``end``, else of ``start``."""
        return (self.end or self.start).last_day()


#: Keys the data contract defines; any other key is an ``unknown-key`` warning.
EVENT_KEYS = frozenset(Event.model_fields)
