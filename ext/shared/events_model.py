"""The event record: one entry of ``events.yaml``, validated by pydantic v2.

Data contract (the file is edited by hand, newest event first;
``<srcdir>/_data/events.yaml`` by default, config ``events_file``; the same
contract as JSON Schema, for editors, is :mod:`.events_schema`)::

    events:
      - id: iassist-2026            # required, unique, [a-z0-9][a-z0-9-]*
        kind: annual-conference     # required, a key of config ``events_kinds`` (default DEFAULT_KINDS)
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

A blank (``""``) or ``null`` optional value means "not given". Dates stay strings in YAML (see :mod:`ext.events.data`) and become
:class:`~.dates.PartialDate` here. A bad date is a ``bad_date`` error (its
context's ``instead`` says what to write), a missing ``start`` a ``missing``
error on ``start``; :mod:`.checks` turns errors into mistakes with lines and
advice. Checks that need the project or the other entries (kinds, pages,
duplicates, end before start) are done by :mod:`.checks`, not here. Each field
has a description for people: :mod:`.events_schema` puts them into ``events.schema.json``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .dates import EXAMPLE_DATE, DateError, PartialDate, format_range, ordinal

#: The kinds of event the handbook knows, and their labels: the default of config
#: ``events_kinds``, the ``kind`` enum of :mod:`.events_schema`, the kinds the events file's header lists.
DEFAULT_KINDS = {
    "annual-conference": "Annual Conference",
    "regional-workshop": "Regional Workshop",
    "meeting": "Meeting",
}
EVENT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (whether the day exists is checked by :class:`PartialDate`).
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
EventId = Annotated[str, StringConstraints(pattern=EVENT_ID_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
Docname = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A date in the file: a string (see :mod:`.dates`); an unquoted year (an int) is accepted too.
EventDate = Annotated[PartialDate, WithJsonSchema({"type": "string", "pattern": DATE_PATTERN})]
#: Keys whose blank value is an error rather than "not given".
REQUIRED_TEXT = frozenset({"id", "kind", "title"})


def _about(text: str, *examples: Any) -> Any:
    """A field's description and examples, as editors show them (see :mod:`.events_schema`)."""
    return Field(description=text, examples=list(examples) or None)


class Event(BaseModel):
    """One event (conference, workshop, meeting). Frozen: safe to share and pickle."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: Annotated[EventId, _about(
        "Required. The event's name in the handbook, unique in this file: lower-case letters, digits "
        "and dashes (annual conferences: iassist-YYYY).", "iassist-2029")]
    kind: Annotated[NonEmpty, _about("Required. What the event is; decides the grids that show it.", "annual-conference")]
    ordinal: Annotated[Annotated[int, Field(ge=1)] | None, _about(
        "The conference's number, shown as 51st Annual Conference.", 51)] = None
    title: Annotated[NonEmpty, _about("Required. The title its card shows.", "IASSIST 2029")]
    theme: Annotated[Text, _about("The theme, shown under the title.")] = ""
    start: Annotated[EventDate, _about(
        "Required. The first day, YYYY-MM-DD in quotes; YYYY-MM or YYYY while the day is not known.", EXAMPLE_DATE)]
    end: Annotated[EventDate | None, _about(
        "The last day, in the same forms; leave it out for a one-day event. Upcoming or past is "
        "decided by this day (else the start) when the handbook is built.", "2029-06-08")] = None
    virtual: Annotated[bool, _about("true for an online event: its card says Virtual instead of a place.")] = False
    venue: Annotated[Text, _about("The building or centre.")] = ""
    city: Annotated[Text, _about("The city (with its state or region if needed).", "Lisbon")] = ""
    country: Annotated[Text, _about("The country.", "Portugal")] = ""
    host: Annotated[Text, _about("The hosting institution(s), shown as Hosted by ….")] = ""
    page: Annotated[Docname | None, _about(
        "The event's own page in the handbook: its path in docs/ without .md. The card's button links to it.",
        "conferences/iassist2029/index")] = None
    website: Annotated[Text, _about(
        "The event's own website, starting with https:// (the button's link when there is no page).",
        "https://iassist2029.example.org/")] = ""
    button: Annotated[Text, _about("The label of the card's button.", "Go to the 2029 conference")] = ""
    programme: Annotated[Text, _about(
        "The conference programme, a JSON file in docs/_data/programmes/.", "_data/programmes/2029-Lisbon.json")] = ""
    programme_page: Annotated[Docname | None, _about(
        "The page that shows the programme: its path in docs/ without .md.", "conferences/archive/2029-lisbon")] = None

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
            instead = f"write one date in quotes, e.g. '{EXAMPLE_DATE}'"
            raise PydanticCustomError("bad_date", "expected a date, got {kind}", {"kind": type(value).__name__, "instead": instead})
        try:
            return PartialDate.parse(text)
        except DateError as error:
            context = {"text": text, "reason": error.reason, "instead": error.instead}
            raise PydanticCustomError("bad_date", "'{text}' is not a date ({reason})", context) from None

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
