"""Event data from the site: the events file and the pages that show events.

The site keeps its events in five places; the import reads all of them and
writes one file, ``_data/events.yaml`` (the shape the events extension reads;
after the migration people edit it, so it is written for them: see
:func:`events_yaml`), its JSON Schema ``_data/events.schema.json`` beside it,
and a copy of each conference programme under ``_data/programmes/``:

1. the conference archive JSON files (``data/conferences/archive/*.json``, 2000
   onward): title and theme, ordinal, host, city, dates, website, programme;
2. the 1974–1999 page (a definition list per conference);
3. the event pages (``conferences/iassist…/_index.md``): front matter ``year``,
   ``location`` and ``datalink``, and heading lines such as ``49th Annual
   Conference`` and ``Nairobi, Kenya, October 23-26, 2024``;
4. the Conferences page itself (``conferences/_index.md``): its boxes of
   year headings, event lines and buttons.

The Conferences page is then written with ``{event-cards}`` directives in place
of those boxes (:func:`rewrite_event_runs`), archive pages with
``{conference-programme}`` and the archive index with ``{conference-archive}``
(:func:`page_directives`). Contradictions in the data (an end before the start,
an ordinal out of sequence, dates that disagree with the text the old site
showed) are reported with file and line; the dates people saw win.
"""

from __future__ import annotations

import json
import posixpath
from datetime import date
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from ..shared.dates import DateError, PartialDate, parse_day
from ..shared.dates import ordinal as ordinal_text
from ..shared.programme_file import ProgrammeFileError, ProgrammeSource, decode_text

from .card_coverage import Grid, Listed, import_today, unshown
from .confine import refused_input
from .event_text import ANNUAL, MEETING, REGIONAL, event_line_error, kind_of, ordinal_of, parse_event_line, plain, split_place
from .human_dates import find_date_range, read_date_range
from .links import SiteIndex
from .model import Page, Problem, ProblemKind
from .myst import directive
from .site import HugoSite
from ..shared.paths import EVENTS_FILE, PROGRAMMES_DIR

CONFERENCES_PAGE = "conferences/index"
EARLY_PAGE = "conferences/1974-1999-conferences"
ARCHIVE_TYPE = "conferences-archive"

_PARSER = MarkdownIt("commonmark").use(deflist_plugin)
_BUTTON = re.compile(r"""<a\b[^>]*\bclass\s*=\s*["'][^"']*\bbtn\b[^>]*>(.*?)</a>""", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_YEAR_HEADING = re.compile(r"^((?:19|20)\d\d)\b.*\bevents?$", re.IGNORECASE)
_BANNER = re.compile(r"<div\b[^>]*>([^<>\n]{1,100})</div>", re.IGNORECASE)
_ATX_HEADING = re.compile(r"^(#{1,6})\s")
_TITLE_THEME = re.compile(r"^(IASSIST\b[^:–]*?(?:19|20)\d\d)\s*(?:[:–]|-(?=\s*[A-Z]))\s*(.+)$")


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


# -- 1. the conference archive JSON files ----------------------------------------------

def archive_events(site: HugoSite, index: SiteIndex, problems: list[Problem]) -> tuple[list[EventRecord], dict[str, bytes]]:
    """Annual conferences from ``data/conferences/archive/*.json``, and the programme
    files to copy (``_data/programmes/<name>.json`` → bytes)."""
    events, files = [], {}
    folder = site.root / "data" / "conferences" / "archive"
    programme_pages = {
        posixpath.basename(str(page.front.data.get("datalink", ""))): page.docname
        for page in site.pages.values()
        if page.front.data.get("type") == ARCHIVE_TYPE and page.front.data.get("datalink")
    }
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        rel = path.relative_to(site.root).as_posix()
        refusal = refused_input(site.root, path)
        if refusal is not None:  # a link out of the site, or to nothing
            problems.append(refusal.problem(rel))
            continue
        try:
            source = ProgrammeSource.read(path)
        except ProgrammeFileError as error:
            problems.append(Problem(rel, _error_line(str(error)), ProblemKind.EVENT_DATA, f"{error}; no event read from it, programme copied as it is"))
            files[f"{PROGRAMMES_DIR}/{path.name}"] = path.read_bytes()
            continue
        event = _archive_event(source.data, path.stem, rel, source.text, problems)
        files[f"{PROGRAMMES_DIR}/{path.name}"] = _repaired_programme(source, event, rel, problems)
        if event is None:
            continue
        if event.page:
            event.page = index.page_for_path(event.page) or ""
        event.programme = f"{PROGRAMMES_DIR}/{path.name}"
        event.programme_page = programme_pages.get(path.name, "")
        events.append(event)
    return events, files


def _archive_event(data: dict[str, Any], stem: str, rel: str, text_of_file: str, problems: list[Problem]) -> EventRecord | None:
    year = int(stem[:4]) if stem[:4].isdigit() else None
    data = {key: decode_text(value) for key, value in data.items() if key != "sessions"}
    text = str(data.get("dateText") or "")
    shown = read_date_range(text, year)
    if shown is not None and shown.error:
        problems.append(Problem(rel, _json_line(text_of_file, "dateText"), ProblemKind.EVENT_DATA,
                                f"dateText {text.strip()!r}: {shown.error}; startDate and endDate are used"))
        shown = None
    start, end = str(data.get("startDate") or ""), str(data.get("endDate") or "")
    if shown is None and end and not _is_day(end):
        problems.append(Problem(rel, _json_line(text_of_file, "endDate"), ProblemKind.EVENT_DATA,
                                f"endDate {end!r} is not a day of the calendar (YYYY-MM-DD); end left out"))
        end = ""
    if shown is not None:
        if (start, end) != (shown.start, shown.end or shown.start):
            problems.append(Problem(rel, _json_line(text_of_file, "startDate") or _json_line(text_of_file, "dateText"), ProblemKind.EVENT_DATA, (
                f"startDate/endDate {start} – {end} disagree with dateText {text.strip()!r}; "
                f"the dates the old site showed ({shown.start} – {shown.end or shown.start}) are used")))
        start, end = shown.start, shown.end or ""
    elif not _is_day(start):
        line = _json_line(text_of_file, "startDate") or _json_line(text_of_file, "dateText") or 1
        why = f"startDate {start!r} is not a day of the calendar" if start else "no usable date (startDate or dateText)"
        problems.append(Problem(rel, line, ProblemKind.EVENT_DATA, f"{why}; event left out"))
        return None
    title, theme = _title_and_theme(str(data.get("title") or "").strip(), start[:4])
    city, country = split_place(str(data.get("city") or ""))
    virtual = city.lower() in {"online", "virtual"}
    website = str(data.get("conferenceUrl") or "").strip()
    ordinal = str(data.get("conferenceNum") or "").strip()
    return EventRecord(
        id=event_id(ANNUAL, start), kind=ANNUAL, title=title, theme=theme,
        ordinal=int(ordinal) if ordinal.isdigit() else None, start=start, end=end if end != start else "",
        virtual=virtual, city="" if virtual else city, country=country, host=str(data.get("host") or "").strip(" ,"),
        website=website if website.startswith(("http://", "https://")) else "",
        page=website if website.startswith("/") else "", source=rel, line=_json_line(text_of_file, "title") or 1,
    )


def _is_day(value: str) -> bool:
    """Whether ``value`` is a day of the calendar written ``YYYY-MM-DD``."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _error_line(message: str) -> int:
    match = re.search(r"\(line (\d+),", message)
    return int(match.group(1)) if match else 0


def _repaired_programme(source: ProgrammeSource, event: EventRecord | None, rel: str, problems: list[Problem]) -> bytes:
    """The programme JSON to copy into the handbook, with the site's evident slips
    fixed and each fix reported (so the build of the copy is clean):

    * ``startDate``/``endDate`` that disagree with ``dateText`` (the dates the old
      site showed) take the shown dates (already reported by :func:`_archive_event`);
    * a session ``day`` that is not one date (``"June 4 and June 5, 2025"``) takes
      the first date it names;
    * a DOI that lost its leading ``1`` (``0.5281/zenodo.1``) gets it back.

    Bytes are the original file's when nothing needed fixing."""
    data = json.loads(source.text)  # a fresh copy to repair (decoding is faster than a deep copy)
    changed = False
    if event is not None and (data.get("startDate"), data.get("endDate")) != (event.start, event.end or event.start):
        data["startDate"], data["endDate"] = event.start, event.end or event.start
        changed = True
    year = int(event.start[:4]) if event is not None else None
    for i, session in enumerate(_list(data.get("sessions"))):
        if not isinstance(session, dict):
            continue
        day = session.get("day")
        if isinstance(day, str) and day.strip() and parse_day(day) is None:
            found = find_date_range(day, year)
            if found is not None and len(found.start) == 10:
                session["day"], changed = found.start, True
                problems.append(Problem(rel, source.line_of(("sessions", i, "day")), ProblemKind.EVENT_DATA,
                                        f"sessions[{i}].day {day!r} is not one date; listed under {found.start}"))
        for j, presentation in enumerate(_list(session.get("presentations"))):
            if isinstance(presentation, dict):
                changed |= _repair_dois(presentation, rel, source, (i, j), problems)
    if not changed:
        return source.path.read_bytes()
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def _list(value: Any) -> list:
    """``value`` when it is a JSON list, else ``[]`` (the programmes extension reports
    values of the wrong type when it renders the programme)."""
    return value if isinstance(value, list) else []


def _repair_dois(presentation: dict[str, Any], rel: str, source: ProgrammeSource, where: tuple[int, int], problems: list[Problem]) -> bool:
    doi = presentation.get("doi")
    values = doi if isinstance(doi, list) else [doi]
    fixed = [("1" + v if isinstance(v, str) and re.fullmatch(r"0\.\d{4,9}/\S+", v) else v) for v in values]
    if fixed == values:
        return False
    presentation["doi"] = fixed if isinstance(doi, list) else fixed[0]
    i, j = where
    line = source.line_of(("sessions", i, "presentations", j, "doi"))
    for before, after in zip(values, fixed):
        if before != after:
            problems.append(Problem(rel, line, ProblemKind.EVENT_DATA,
                                    f"sessions[{i}].presentations[{j}].doi {before!r} is not a DOI; read as {after!r}"))
    return True


def _json_line(text: str, key: str) -> int:
    """1-based line of the first ``"key":`` in a JSON text (0 when absent)."""
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def _title_and_theme(title: str, year: str) -> tuple[str, str]:
    match = _TITLE_THEME.match(title)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return f"IASSIST {year}", title


# -- 2. the 1974–1999 page ----------------------------------------------------------------

def early_events(page: Page, problems: list[Problem] | None = None) -> list[EventRecord]:
    """Conferences from the definition lists of the 1974–1999 page; a ``Dates:`` that
    cannot be (an impossible day, an end before the start) is an ``event-data`` problem
    in ``problems``, at the conference's line, and the event keeps its year only."""
    tokens = _PARSER.parse(page.front.body)
    events: list[EventRecord] = []
    term, details, line = "", [], 0
    for i, token in enumerate(tokens):
        if token.type == "dt_open":
            if term:
                events.append(_early_event(term, details, page, line, problems))
            term, details = tokens[i + 1].content, []
            line = page.front.body_line + (token.map[0] if token.map else 0)
        elif token.type == "inline" and i and tokens[i - 1].type == "paragraph_open" and term and _in_dd(tokens, i):
            details.append(token.content)
    if term:
        events.append(_early_event(term, details, page, line, problems))
    _number_same_year(events)
    return [event for event in events if event.start]


def _in_dd(tokens, i: int) -> bool:
    depth = 0
    for token in reversed(tokens[:i]):
        if token.type == "dd_close":
            depth += 1
        elif token.type == "dd_open":
            if depth == 0:
                return True
            depth -= 1
        elif token.type in {"dt_open", "dl_open"}:
            return False
    return False


def _early_event(term: str, details: list[str], page: Page, line: int, problems: list[Problem] | None) -> EventRecord:
    head, _, theme = plain(term).partition(":")
    year_match = re.search(r"(?:19|20)\d\d", head)
    year = int(year_match.group(0)) if year_match else None
    fields: dict[str, str] = {}
    website = ""
    for detail in details:
        key, sep, value = plain(detail).partition(":")
        link = re.search(r"\]\((https?://[^)\s]+)\)", detail)
        if link:
            website = link.group(1)
        elif sep and key.strip().lower() in {"host", "city", "dates"}:
            fields[key.strip().lower()] = value.strip()
        elif detail.strip():
            fields.setdefault("city", plain(detail))
    dates = read_date_range(fields.get("dates", ""), year)
    if dates is not None and dates.error:
        if problems is not None:
            problems.append(Problem(page.site_file, line, ProblemKind.EVENT_DATA,
                                    f"dates {fields['dates']!r}: {dates.error}; the event keeps its year only"))
        dates = None
    start = dates.start if dates else (f"{year}" if year else "")
    pre_ordinal = not re.search(r"[A-Za-z]", head)  # "1975: IASSIST Organizing Committee meeting"
    kind = MEETING if pre_ordinal and re.search(r"\bmeeting\b", theme, re.IGNORECASE) else ANNUAL
    title = head.strip() if re.search(r"[A-Za-z]", head) else f"IASSIST {head.strip()}"
    city, country = split_place(fields.get("city", ""))
    return EventRecord(
        id="", kind=kind, title=title,
        theme=theme.strip(), start=start, end=(dates.end or "") if dates else "",
        city=city, country=country, host=fields.get("host", ""), website=website,
        source=page.site_file, line=line,
    )


def _number_same_year(events: list[EventRecord]) -> None:
    """Ids: ``iassist-1999``; two in one year get the month: ``iassist-1977-02``."""
    by_key: dict[str, list[EventRecord]] = {}
    for event in events:
        by_key.setdefault(event_id(event.kind, event.start), []).append(event)
    for key, group in by_key.items():
        for event in group:
            event.id = key if len(group) == 1 else f"{key}-{event.start[5:7] or '00'}"


# -- 3. the event pages -------------------------------------------------------------------

#: How many lines of an event page's body are read for its event line.
_EVENT_PAGE_LINES = 40


def _page_year(page: Page) -> int | None:
    """An event page's year: its front matter ``year`` (four digits), else the one in its
    folder's name (see :func:`_year_problems`)."""
    folder_year = re.search(r"(?:19|20)\d\d", page.docname)
    written = str(page.front.data.get("year") or "").strip()
    year = int(written) if re.fullmatch(r"\d{4}", written) and int(written) >= 1 else None
    return year or (int(folder_year.group(0)) if folder_year else None)


def _year_problems(page: Page) -> list[Problem]:
    """An event page's ``year`` that is no year (four digits): a ``bad-date`` problem at
    its line, saying which year the event takes instead."""
    written = str(page.front.data.get("year") or "").strip()
    if not written or (re.fullmatch(r"\d{4}", written) and int(written) >= 1):
        return []
    year = _page_year(page)
    instead = f"the folder's year {year} is used" if year else "no year is known"
    return [Problem(page.site_file, page.front.key_lines.get("year", 1), ProblemKind.BAD_DATE,
                    f"year: {written!r} is not a year (YYYY); {instead}")]


def bad_event_dates(page: Page, year: int | None, outcome: str, first_lines: int | None = None) -> list[Problem]:
    """The lines of ``page`` (its first ``first_lines``; outside code blocks and HTML
    comments) written as event lines whose dates cannot be: an impossible day or an end
    before the start (:func:`.event_text.event_line_error`). Each is an ``event-data``
    problem at its line, saying what became of it (``outcome``). A year heading
    ("2028 IASSIST Events") gives the year of the lines under it that name none."""
    problems: list[Problem] = []
    fence, comment = "", False
    for offset, text in enumerate(page.front.body.split("\n")[:first_lines]):
        stripped = text.strip()
        if fence or stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if comment or stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        heading = _YEAR_HEADING.match(plain(text))
        if heading and first_lines is None:
            year = int(heading.group(1))
        error = event_line_error(text, year)
        if error:
            problems.append(Problem(page.site_file, page.front.body_line + offset, ProblemKind.EVENT_DATA,
                                    f"event line {plain(text)!r}: {error}; {outcome}"))
    return problems


def page_event(page: Page, index: SiteIndex) -> EventRecord | None:
    """The event an event page describes, from its front matter, title and first lines."""
    front = page.front.data
    year = _page_year(page)
    kind = kind_of(page.title) if kind_of(page.title) in {REGIONAL, MEETING} else ANNUAL
    ordinal = ordinal_of(page.title)
    found = None
    lines = page.front.body.split("\n")[:_EVENT_PAGE_LINES]
    for text in lines:
        stripped = plain(text)
        if ordinal is None and re.search(r"\b\d{1,3}(?:st|nd|rd|th)\b.*\b(?:conference|workshop)\b", stripped, re.IGNORECASE):
            ordinal = ordinal_of(stripped)
            kind = kind_of(stripped) or kind
        if found is None:
            found = parse_event_line(text, year)
    location = str(front.get("location") or "")
    if found is None and year is None:
        return None
    start = found.start if found else f"{year:04d}"
    city, country = split_place(location or (found.place if found else ""))
    virtual = bool(found and found.virtual) or city.lower() in {"virtual", "online"}
    cancelled = any(re.search(r"\bcancell?ed\b", text, re.IGNORECASE) for text in lines[:5])
    event = EventRecord(
        id=event_id(kind, start), kind=kind, ordinal=ordinal, start=start, end=(found.end or "") if found else "",
        title=f"{page.title.strip()} (cancelled)" if cancelled else "",
        virtual=virtual, city="" if virtual else city, country=country, page=page.docname,
        host=_host_line(lines), website=_website(page, index), source=page.site_file, line=page.front.body_line,
    )
    datalink = str(front.get("datalink") or "")
    if datalink and refused_input(index.site.root, index.site.root / datalink.lstrip("/")) is None:
        event.programme = f"{PROGRAMMES_DIR}/{posixpath.basename(datalink)}"
    return event


def _host_line(lines: list[str]) -> str:
    """The host a ``Host institution: …`` line names; none while it is "to be confirmed"
    (a card would say "Hosted by to be confirmed")."""
    for text in lines:
        match = re.match(r"^\**Host institutions?:?\**:?\s*(.+)$", text.strip(), re.IGNORECASE)
        if match:
            host = plain(match.group(1))
            return "" if _NOT_YET.fullmatch(host) else host
    return ""


#: A host, place or date not known yet: "to be confirmed", "TBC", "TBA", "to be announced".
_NOT_YET = re.compile(r"(?:to be (?:confirmed|announced|decided|determined)|tb[acd]|n/?a|-+)\.?", re.IGNORECASE)


def _website(page: Page, index: SiteIndex) -> str:
    for match in _BUTTON.finditer(page.front.body):
        href = _HREF.search(match.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            target = index.resolve(href.group(1), page.url, page.source)
            if target.kind == "external" and "website" in match.group(1).lower():
                return href.group(1)
    return ""


def is_event_page(page: Page) -> bool:
    """Event pages: the section pages ``conferences/iassist…/``."""
    parts = page.docname.split("/")
    return page.is_index and len(parts) == 3 and parts[0] == "conferences" and parts[1].startswith("iassist")


# -- 4. the Conferences page: runs of event blocks ------------------------------------------

@dataclass
class Block:
    """One top-level Markdown block of a page: ``role`` is ``year``, ``kind``,
    ``event``, ``buttons``, ``filler``, ``prose`` or ``boundary``; lines are
    0-based, end exclusive, in the page body."""

    role: str
    start: int
    end: int
    text: str
    year: int | None = None
    kind: str | None = None
    buttons: list[Button] = field(default_factory=list)
    #: The kind the headings above this block name (see :func:`page_blocks`).
    context_kind: str | None = None


@dataclass(frozen=True)
class Button:
    """A button of the page: its target as a document of the site (``docname``, empty
    when it points elsewhere), ``href`` as written and ``label``."""

    docname: str
    label: str
    href: str

    def shown_by(self, event: EventRecord | None) -> bool:
        """Whether ``event``'s card links where this button does: to its page, else to
        its website (as :func:`ext.events.components.event_link_target` decides)."""
        if event is None:
            return False
        if event.page or self.docname:
            return self.docname == event.page
        return bool(event.website) and _same_url(self.href, event.website)


def _is_web(href: str) -> bool:
    return href.strip().lower().startswith(("https://", "http://"))


def _same_url(a: str, b: str) -> bool:
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


@dataclass
class Run:
    """A run of event blocks to replace by one ``{event-cards}`` directive."""

    blocks: list[Block]
    events: list[EventRecord]

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end


def page_blocks(page: Page, index: SiteIndex) -> list[Block]:
    """The top-level blocks of ``page``'s body, each with its role."""
    body = page.front.body
    lines = body.split("\n")
    blocks = []
    context: str | None = None
    for token in _PARSER.parse(body):
        if token.level != 0 or token.map is None or token.nesting == -1 or token.type == "inline":
            continue
        start, end = token.map
        text = "\n".join(lines[start:end])
        block = _classify(token.type, text, start, end, page, index)
        if token.type == "heading_open":
            context = _heading_kind(token.tag, plain(text), context)
        block.context_kind = context
        blocks.append(block)
    return blocks


def _heading_kind(tag: str, text: str, context: str | None) -> str | None:
    """The kind of event the text under a heading is about: the kind the heading
    names ("1st IASSIST Africa Regional Workshop"), else the one before it, until a
    year heading or a section heading (``##`` or higher) starts something else. A
    theme heading under an event heading ("Data Literacy as a catalyst ...") keeps it."""
    if _YEAR_HEADING.match(text) or tag in {"h1", "h2"}:
        return kind_of(text) if tag not in {"h1", "h2"} else None
    return kind_of(text) or context


def _classify(kind: str, text: str, start: int, end: int, page: Page, index: SiteIndex) -> Block:
    stripped = plain(text)
    block = Block("prose", start, end, text)
    buttons = [(m.group(0), plain(re.sub(r"<[^>]+>", "", m.group(1)))) for m in _BUTTON.finditer(text)]
    if kind == "heading_open":
        year = _YEAR_HEADING.match(stripped)
        line = parse_event_line(text)
        if year:
            block.role, block.year = "year", int(year.group(1))
        elif line:
            block.role = "event"
        elif len(stripped) <= 40 and kind_of(stripped) and "past" not in stripped.lower():
            block.role, block.kind = "kind", kind_of(stripped)
        else:
            block.role = "boundary"
    elif buttons and not _BUTTON.sub("", text).replace("<br />", "").replace("<br>", "").strip():
        block.role = "buttons"
        for tag, label in buttons:
            href = _HREF.search(tag)
            target = index.resolve(href.group(1), page.url, page.source) if href else None
            docname = target.docname if target is not None and target.kind == "doc" else ""
            block.buttons.append(Button(docname, label, href.group(1) if href else ""))
    elif kind == "html_block":
        bare = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL).strip()
        if not bare:
            block.role = "prose"  # a comment: kept (as a MyST comment) after the cards
        elif re.fullmatch(r"(?:<br\s*/?>\s*|<br\s+id=\"[^\"]*\"\s*/?>\s*)*", bare, re.IGNORECASE):
            block.role = "filler"
        elif re.fullmatch(r"<div\b[^>]*>", bare, re.IGNORECASE):
            block.role = "open"
        elif re.fullmatch(r"</div>", bare, re.IGNORECASE):
            block.role = "boundary"
    elif kind == "paragraph_open" and parse_event_line(text):
        block.role = "event"
    return block


def find_runs(page: Page, index: SiteIndex, site_events: dict[str, EventRecord] | None = None) -> list[Run]:
    """The runs of event blocks on ``page`` and the events each shows."""
    runs: list[Run] = []
    current: list[Block] = []
    for block in page_blocks(page, index) + [Block("boundary", 0, 0, "")]:
        if block.role in {"boundary"}:
            _close_run(current, runs, page, site_events)
            current = []
        elif block.role == "open":
            _close_run(current, runs, page, site_events)
            current = [block]
        elif current or block.role in {"year", "kind", "event"} or (block.role == "buttons" and any(b.docname for b in block.buttons)):
            current.append(block)
    return runs


def _close_run(blocks: list[Block], runs: list[Run], page: Page, site_events) -> None:
    while blocks and blocks[-1].role in {"prose", "filler", "open"}:
        blocks.pop()
    if not blocks:
        return
    events = _run_events(blocks, page, site_events or {})
    if events:
        runs.append(Run(list(blocks), events))


def _run_events(blocks: list[Block], page: Page, site_events: dict[str, EventRecord]) -> list[EventRecord]:
    events: list[EventRecord] = []
    year, kind = None, blocks[0].context_kind
    pending: EventRecord | None = None
    for block in blocks:
        if block.role == "year":
            year, kind = block.year, None
        elif block.role == "kind":
            kind = block.kind
        elif block.role == "event":
            line = parse_event_line(block.text, year)
            city, country = split_place(line.place)
            event_kind = line.kind or kind or block.context_kind or ANNUAL
            pending = EventRecord(
                id=event_id(event_kind, line.start), kind=event_kind, ordinal=line.ordinal, start=line.start,
                end=line.end or "", virtual=line.virtual, city=city, country=country,
                source=page.site_file, line=page.front.body_line + block.start,
            )
            events.append(pending)
        elif block.role == "buttons":
            for button in block.buttons:
                if pending is not None and not (pending.page or pending.website) and (button.docname or _is_web(button.href)):
                    # the first button under an event line is the event's: its page, else its website
                    pending.page, pending.website = button.docname, "" if button.docname else button.href
                    pending.button = button.label
                    continue
                linked = next((e for e in site_events.values() if e.page == button.docname and button.docname), None)
                if linked is not None:
                    events.append(EventRecord(id=linked.id, kind=linked.kind, start=linked.start, page=button.docname,
                                              button=button.label, source=page.site_file, line=page.front.body_line + block.start))
            pending = None
    return events


def rewrite_event_runs(page: Page, index: SiteIndex, body: str, add_block) -> str:
    """``body`` with each run of event blocks replaced by an ``{event-cards}``
    directive (the prose inside a run kept after it), and the banner over each box
    written as a heading (:func:`_banners_as_headings`); line count unchanged.

    A run inside a box (an HTML ``<div>``: the "forthcoming and recent" box of the
    Conferences page) shows upcoming and recent events, so the page keeps itself
    current; every other run shows the past events of its kinds from its first
    year to its last (``earlier`` ones when a box shows the recent ones, so none
    repeats; the one with the newest events then has no last year, so the box's
    events move into it when they are over).

    Nothing the run showed may be lost, so a run stays as it was written (its
    event lines as text, its buttons as buttons) unless every one of its buttons
    links where one of its events' cards does (:meth:`Button.shown_by`) and, on
    every day from the import on, some grid of the page shows each of its events
    (:func:`.card_coverage.unshown`).
    """
    lines = body.split("\n")
    _banners_as_headings(page_blocks(page, index), lines)
    runs = [run for run in find_runs(page, index, _SITE_EVENTS) if _buttons_shown(run)]
    plan, today = _grids(runs), import_today()
    while lost := {event.id for event in unshown(_listed(runs), [grid for _, (_, grid) in plan], today)}:
        runs = [run for run in runs if not {e.id for e in run.events} & lost]
        plan = _grids(runs)
    for run, (options, _) in reversed(plan):
        prose = [b.text for b in run.blocks if b.role == "prose"]
        replacement = "\n\n".join([add_block(directive("event-cards", "", options)), *prose])
        new = replacement.split("\n")
        new += [""] * max(0, run.end - run.start - len(new))
        lines[run.start:run.end] = new
    return "\n".join(lines)


def _site_event(event: EventRecord) -> EventRecord:
    """The merged record of a run's event (what its card shows)."""
    return _SITE_EVENTS.get(event.id, event)


def _buttons_shown(run: Run) -> bool:
    """Whether every button of ``run`` links where a card of its events does."""
    events = [_site_event(e) for e in run.events]
    return all(any(button.shown_by(e) for e in events) for block in run.blocks for button in block.buttons)


def _listed(runs: list[Run]) -> list[Listed]:
    return [Listed(e.id, e.kind, e.start, e.end) for run in runs for e in map(_site_event, run.events)]


def _grids(runs: list[Run]) -> list[tuple[Run, tuple[dict[str, str], Grid]]]:
    """Each run with the options of its ``{event-cards}`` directive and what they select."""
    boxed = [run.blocks[0].role == "open" for run in runs]
    others = [run for run, box in zip(runs, boxed) if not box]
    newest = max((max(_site_event(e).year for e in run.events) for run in others), default=0)
    plan = []
    for run, box in zip(runs, boxed):
        if box:
            plan.append((run, ({"when": "upcoming recent"}, Grid(frozenset(), None, frozenset({"upcoming", "recent"})))))
            continue
        years = [_site_event(e).year for e in run.events]
        kinds = sorted({_site_event(e).kind for e in run.events})
        when = "earlier" if any(boxed) else "past"
        # the newest grid under a box stays open: the box's events join it once they are over
        high = None if any(boxed) and max(years) == newest else max(years)
        span = str(high) if high == min(years) else f"{min(years)}-{high or ''}"
        options = {"kind": " ".join(kinds), "when": when, "years": span}
        plan.append((run, (options, Grid(frozenset(kinds), (min(years), high), frozenset({when})))))
    return plan


def _banners_as_headings(blocks: list[Block], lines: list[str]) -> None:
    """Write the banner over each box (a styled one-line ``<div>`` right before the
    ``<div>`` that opens the box: "Forthcoming and Recent Conferences") as a heading one
    level below the heading before it, in ``lines`` (line count unchanged): it names
    what the box holds, so it stays a heading in the page's outline, its "On this
    page" and the PDF, not a paragraph that only looked like one."""
    for i, box in enumerate(blocks):
        if box.role != "open":
            continue
        before = [block for block in blocks[:i] if block.role != "filler"]
        banner = _BANNER.fullmatch(before[-1].text.strip()) if before else None
        if banner is None or not plain(banner.group(1)):
            continue
        levels = [len(heading.group(1)) for block in before[:-1] if (heading := _ATX_HEADING.match(block.text))]
        level = min(levels[-1] + 1, 6) if levels else 2
        block = before[-1]
        lines[block.start:block.end] = [f"{'#' * level} {plain(banner.group(1))}"] + [""] * (block.end - block.start - 1)


#: The merged events of the site being converted (set by :func:`collect_events`,
#: read by :func:`rewrite_event_runs` in forked workers).
_SITE_EVENTS: dict[str, EventRecord] = {}


def page_directives(page: Page, site_root: Path | None = None, problems: list[Problem] | None = None) -> str:
    """MyST to append to pages whose body the old site built from data.

    With ``site_root``, a ``datalink`` that names no file of the site is reported
    in ``problems`` (``missing-file``, at the ``datalink`` line) and no programme
    directive is written for it."""
    front = page.front.data
    if front.get("type") != ARCHIVE_TYPE:
        return ""
    datalink = str(front.get("datalink") or "")
    if datalink and site_root is not None and refused_input(site_root, site_root / datalink.lstrip("/")) is not None:
        if problems is not None:
            problems.append(Problem(page.site_file, page.front.key_lines.get("datalink", 1), ProblemKind.MISSING_FILE,
                                    f"datalink {datalink!r}: the site has no such programme file; the page shows no programme"))
        return ""
    if datalink:
        return "\n\n" + directive("conference-programme", f"/{PROGRAMMES_DIR}/{posixpath.basename(datalink)}", {}) + "\n"
    people = "\n\nEvery presenter, with their presentations across the years: [](people/index.md)."
    return people + "\n\n" + directive("conference-archive", "", {"kind": f"{ANNUAL} {MEETING}"}) + "\n"


def people_page(site: HugoSite) -> dict[str, bytes]:
    """The people index beside the archive index, when the site has an archive with
    programmes: ``conferences/archive/people/index.md`` with a link per initial, and
    one page per initial (``people/a.md``; names not starting with a letter on the
    A page), so no page carries all 2,000+ people."""
    archive = next((p for p in site.pages.values() if p.front.data.get("type") == ARCHIVE_TYPE and not p.front.data.get("datalink")), None)
    if archive is None or not any(p.front.data.get("datalink") for p in site.pages.values()):
        return {}
    folder = posixpath.join(posixpath.dirname(archive.docname), "people")
    if any(docname.startswith(folder + "/") or docname == folder for docname in site.pages):
        return {}
    url = archive.url.rstrip("/") + "/people/"
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    pages = {}
    for letter in letters:
        options = {"letters": "#-A" if letter == "A" else letter}
        pages[f"{folder}/{letter.lower()}.md"] = _page(
            f"{url}{letter.lower()}/", f"Presenters: {letter}", directive("presenter-index", "", options))
    links = " · ".join(f"[{letter}]({letter.lower()}.md)" for letter in letters)
    pages[f"{folder}/index.md"] = _page(url, "Presenters at the conferences", (
        "Everyone who presented at a conference with a programme in the archive, with their "
        "presentations, newest first, by the initial of their family name:\n\n" + links))
    return pages


def _page(url: str, title: str, body: str) -> bytes:
    return f"---\nhugo_url: {url}\norphan: true\n---\n\n# {title}\n\n{body}\n".encode()


# -- merging ------------------------------------------------------------------------------

def collect_events(site: HugoSite, index: SiteIndex, problems: list[Problem]) -> tuple[list[EventRecord], dict[str, bytes]]:
    """Every event of the site, merged and checked, and the files to write
    (``_data/events.yaml``, its schema ``_data/events.schema.json`` and the programme copies)."""
    from ext.shared.events_schema import SCHEMA_FILE, events_schema_json  # pydantic: see events_yaml

    global _SITE_EVENTS
    archive, files = archive_events(site, index, problems)
    early = early_events(site.pages[EARLY_PAGE], problems) if EARLY_PAGE in site.pages else []
    event_pages = sorted((p for p in site.pages.values() if is_event_page(p)), key=lambda p: ("year" not in p.front.data, p.docname))
    pages = [e for e in (page_event(p, index) for p in event_pages) if e is not None]
    merged: dict[str, EventRecord] = {}
    # The dates people saw on the Conferences page win, then event pages, then the archive.
    _SITE_EVENTS = {e.id: e for e in pages}
    conference_page = site.pages.get(CONFERENCES_PAGE)
    if conference_page is not None:
        problems.extend(bad_event_dates(conference_page, None, "it stays text on the page, with its buttons"))
    for page in event_pages:
        problems.extend(_year_problems(page))
        problems.extend(bad_event_dates(page, _page_year(page), "the event's card gives the year only", _EVENT_PAGE_LINES))
    listed = [e for run in find_runs(conference_page, index, _SITE_EVENTS) for e in run.events] if conference_page else []
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
    _SITE_EVENTS = {e.id: e for e in events}
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
