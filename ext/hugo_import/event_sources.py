"""Where the site keeps its events, each read into event records
(:class:`.event_record.EventRecord`):

1. the conference archive JSON files (``data/conferences/archive/*.json``, 2000
   onward): title and theme, ordinal, host, city, dates, website, programme; each
   programme is copied, its DOIs repaired (:func:`archive_events`);
2. the 1974–1999 page (a definition list per conference: :func:`early_events`);
3. the event pages (``conferences/iassist…/_index.md``): front matter ``year``,
   ``location`` and ``datalink``, and heading lines such as ``49th Annual
   Conference`` and ``Nairobi, Kenya, October 23-26, 2024`` (:func:`page_event`).

The fourth place, the Conferences page's boxes, is read by :mod:`.conference_page`;
:mod:`.events_file` merges them all.
"""

from __future__ import annotations

import json
import posixpath
from datetime import date
import re
from typing import Any


from ..shared.dates import parse_day
from ..shared.programme_file import ProgrammeFileError, ProgrammeSource, decode_text

from .confine import refused_input
from .event_record import ARCHIVE_TYPE, PARSER, YEAR_HEADING, EventRecord, event_id
from .theme_idioms import html_buttons
from .event_text import ANNUAL, MEETING, REGIONAL, event_line_error, kind_of, ordinal_of, parse_event_line, plain, split_place
from .human_dates import find_date_range, read_date_range
from .links import SiteIndex
from .model import Page, Problem, ProblemKind
from .site import HugoSite
from ..shared.paths import PROGRAMMES_DIR

_TITLE_THEME = re.compile(r"^(IASSIST\b[^:–]*?(?:19|20)\d\d)\s*(?:[:–]|-(?=\s*[A-Z]))\s*(.+)$")


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
    tokens = PARSER.parse(page.front.body)
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
EVENT_PAGE_LINES = 40


def page_year(page: Page) -> int | None:
    """An event page's year: its front matter ``year`` (four digits), else the one in its
    folder's name (see :func:`year_problems`)."""
    folder_year = re.search(r"(?:19|20)\d\d", page.docname)
    written = str(page.front.data.get("year") or "").strip()
    year = int(written) if re.fullmatch(r"\d{4}", written) and int(written) >= 1 else None
    return year or (int(folder_year.group(0)) if folder_year else None)


def year_problems(page: Page) -> list[Problem]:
    """An event page's ``year`` that is no year (four digits): a ``bad-date`` problem at
    its line, saying which year the event takes instead."""
    written = str(page.front.data.get("year") or "").strip()
    if not written or (re.fullmatch(r"\d{4}", written) and int(written) >= 1):
        return []
    year = page_year(page)
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
        heading = YEAR_HEADING.match(plain(text))
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
    year = page_year(page)
    kind = kind_of(page.title) if kind_of(page.title) in {REGIONAL, MEETING} else ANNUAL
    ordinal = ordinal_of(page.title)
    found = None
    lines = page.front.body.split("\n")[:EVENT_PAGE_LINES]
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
    for button in html_buttons(page.front.body)[0]:
        if button.href and button.href.startswith(("http://", "https://")):
            target = index.resolve(button.href, page.url, page.source)
            if target.kind == "external" and "website" in button.label.lower():
                return button.href
    return ""


def is_event_page(page: Page) -> bool:
    """Event pages: the section pages ``conferences/iassist…/``."""
    parts = page.docname.split("/")
    return page.is_index and len(parts) == 3 and parts[0] == "conferences" and parts[1].startswith("iassist")
