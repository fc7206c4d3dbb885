"""Pydantic models of a conference programme file, and lenient validation with repairs.

The data comes from the Hugo site's ``data/conferences/archive/<year>-<city>.json``
(copied by the importer to ``<srcdir>/_data/programmes/``). Shapes::

    Programme  {title, conferenceNum, conferenceYear, city, host, dateText,
                startDate, endDate, conferenceUrl, sessions: [Session]}
    Session    {title, day, chair, moderator (or "moserator"), abstract (HTML),
                sessionType, video, nid, presentations: [Presentation]}
    Presentation {title, presenters: [Presenter], abstract (HTML),
                doi ("10.x/y", ["10.x/y", ...] or ""), files: [File], video, nid}
    Presenter  {name: "Welch, Matthew", institution}
    File       {path: "slides.pdf"} or {name: "Slides", url: "https://..."}

Missing keys, ``null`` and empty strings all mean "empty"; unknown keys are ignored.
Values of a wrong JSON type are repaired by :func:`validate_programme` (numbers become
strings, an object where a list belongs becomes a one-item list, anything else is
dropped), each repair reported as a :class:`Repair` with its JSON path.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ext.shared.programme_file import JsonPath, decode_text

_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


class _Record(BaseModel):
    """Shared settings: ignore unknown keys, strip strings, read ``null`` as missing.

    Text fields are decoded once (:func:`.source.decode_text`): the files write some titles
    and names with HTML entities (``&quot;Fortress-like Relationships&quot;``,
    ``Lewis &amp; Clark College``), and readers must see the characters. HTML fields
    (``abstract``) are not: their HTML parser decodes them (:mod:`.html_text`)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    #: The field a bare string fills when the JSON has a string instead of an object.
    text_field: ClassVar[str | None] = None
    #: JSON keys whose strings are HTML, decoded when parsed, not here.
    html_fields: ClassVar[frozenset[str]] = frozenset({"abstract"})

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls_and_decode(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: decode_text(value) if key not in cls.html_fields else value
                    for key, value in data.items() if value is not None}
        return data


class Presenter(_Record):
    """A presenter: ``name`` as the data has it (often "Family, Given"), ``institution``."""

    text_field: ClassVar[str | None] = "name"
    name: str = ""
    institution: str = ""


class PresentationFile(_Record):
    """A presentation file: a bare file name ``path`` (served from
    ``programmes_files_url``), or a ``url`` with a display ``name``."""

    text_field: ClassVar[str | None] = "path"
    path: str = ""
    name: str = ""
    url: str = ""


class Presentation(_Record):
    """One presentation of a session."""

    text_field: ClassVar[str | None] = "title"
    title: str = ""
    presenters: list[Presenter] = []
    abstract: str = ""
    doi: list[str] = []
    files: list[PresentationFile] = []
    video: str = ""
    nid: str = ""

    @field_validator("doi", mode="before")
    @classmethod
    def _doi_list(cls, value: Any) -> Any:
        """One DOI string or a list of them -> list; ``""`` -> ``[]``."""
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            return [_bare_doi(item) if isinstance(item, str) else item for item in value if item != ""]
        return value


class Session(_Record):
    """One session: chair, moderator, abstract and its presentations."""

    text_field: ClassVar[str | None] = "title"
    title: str = ""
    day: str = ""
    chair: str = ""
    moderator: str = Field("", validation_alias=AliasChoices("moderator", "moserator"))
    abstract: str = ""
    session_type: str = Field("", validation_alias="sessionType")
    video: str = ""
    nid: str = ""
    presentations: list[Presentation] = []


class Programme(_Record):
    """A whole conference programme (one JSON file)."""

    title: str = ""
    conference_num: str = Field("", validation_alias="conferenceNum")
    conference_year: str = Field("", validation_alias="conferenceYear")
    city: str = ""
    host: str = ""
    date_text: str = Field("", validation_alias="dateText")
    start_date: str = Field("", validation_alias="startDate")
    end_date: str = Field("", validation_alias="endDate")
    conference_url: str = Field("", validation_alias="conferenceUrl")
    sessions: list[Session] = []


_MODELS: dict[str, type[_Record]] = {
    model.__name__: model for model in (Presenter, PresentationFile, Presentation, Session)
}


def _bare_doi(value: str) -> str:
    value = value.strip()
    for prefix in _DOI_PREFIXES:
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
    return value


@dataclass(frozen=True)
class Repair:
    """A value of the wrong type that was converted or dropped: where, and what was done."""

    path: JsonPath
    message: str


def _json_type(value: Any) -> str:
    """The JSON name of a Python value's type, with its article: "a number", "an object"."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


_EXPECTED = {
    "string_type": "a string",
    "list_type": "a list",
    "model_type": "an object",
    "dict_type": "an object",
}


def _repair_one(data: Any, error: dict[str, Any], drops: list[tuple[Any, Any]]) -> Repair | None:
    """Repair ``data`` in place at ``error["loc"]``; list items to drop are queued in ``drops``."""
    loc: JsonPath = tuple(error["loc"])
    if not loc:
        return None
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    key, value, kind = loc[-1], error["input"], error["type"]
    expected = _EXPECTED.get(kind, "another type")
    got = _json_type(value)
    if kind == "string_type" and got == "a number":
        parent[key] = format(value, "g") if isinstance(value, float) else str(value)
        return Repair(loc, f"expected {expected}, got {got} ({value!r}); used {parent[key]!r}")
    if kind == "list_type" and isinstance(value, (dict, str)):
        parent[key] = [value]
        return Repair(loc, f"expected {expected}, got {got}; used it as a one-item list")
    if kind == "model_type" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        model = _MODELS.get(error.get("ctx", {}).get("class_name", ""))
        if model is not None and model.text_field:
            parent[key] = {model.text_field: str(value)}
            return Repair(loc, f"expected {expected}, got {got}; used it as the {model.text_field}")
    drops.append((parent, key))
    return Repair(loc, f"expected {expected}, got {got}; dropped")


def validate_programme(data: dict[str, Any], max_rounds: int = 5) -> tuple[Programme, list[Repair]]:
    """Validate decoded programme JSON, repairing values of the wrong type.

    Returns the :class:`Programme` and the list of repairs made (each a JSON path and a
    message such as ``expected a string, got a number (45); used '45'``). ``data`` itself
    is not changed. Raises :class:`pydantic.ValidationError` only if repairs do not
    converge within ``max_rounds`` (which well-formed JSON does not reach)."""
    repairs: list[Repair] = []
    working = data
    for _ in range(max_rounds):
        try:
            return Programme.model_validate(working), repairs
        except ValidationError as exc:
            if working is data:
                working = copy.deepcopy(data)
            drops: list[tuple[Any, Any]] = []
            made = [_repair_one(working, error, drops) for error in exc.errors()]
            # A value already repaired once (a string wrapped in a list, then read as
            # an object) is reported once.
            done = [repair.path for repair in repairs]
            repairs.extend(
                repair for repair in made
                if repair is not None and not any(repair.path[: len(path)] == path for path in done)
            )
            # Drop list items from the highest index down, so earlier positions hold.
            for parent, key in sorted(drops, key=lambda drop: drop[1] if isinstance(drop[1], int) else -1, reverse=True):
                del parent[key]
            if not any(made):
                raise
    return Programme.model_validate(working), repairs
