"""The Conferences page (``conferences/_index.md``): its boxes of year headings, event
lines and buttons, found as runs of event blocks (:func:`find_runs`) and written as
``{event-cards}`` directives (:func:`rewrite_event_runs`); the archive's pages get
``{conference-programme}`` and ``{conference-archive}`` (:func:`page_directives`), and
the programmes' presenters a page of their own (:func:`people_page`).

The merged events of the site (:func:`.events_file.collect_events`) reach these
functions as an argument, ``site_events`` (``{id: EventRecord}``): a run's card
shows the merged record, not only what the page's lines said.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path


from .card_coverage import Grid, Listed, import_today, unshown
from .confine import refused_input
from .event_record import ARCHIVE_TYPE, PARSER, YEAR_HEADING, EventRecord, event_id
from .theme_idioms import html_buttons
from .event_text import ANNUAL, MEETING, kind_of, parse_event_line, plain, split_place
from .links import SiteIndex
from .model import Page, Problem, ProblemKind
from .myst import directive
from .site import HugoSite
from ..shared.paths import PROGRAMMES_DIR

_BANNER = re.compile(r"<div\b[^>]*>([^<>\n]{1,100})</div>", re.IGNORECASE)
_ATX_HEADING = re.compile(r"^(#{1,6})\s")


# -- runs of event blocks --------------------------------------------------------------------

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
    for token in PARSER.parse(body):
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
    if YEAR_HEADING.match(text) or tag in {"h1", "h2"}:
        return kind_of(text) if tag not in {"h1", "h2"} else None
    return kind_of(text) or context


def _classify(kind: str, text: str, start: int, end: int, page: Page, index: SiteIndex) -> Block:
    stripped = plain(text)
    block = Block("prose", start, end, text)
    buttons, only_buttons = html_buttons(text)
    if kind == "heading_open":
        year = YEAR_HEADING.match(stripped)
        line = parse_event_line(text)
        if year:
            block.role, block.year = "year", int(year.group(1))
        elif line:
            block.role = "event"
        elif len(stripped) <= 40 and kind_of(stripped) and "past" not in stripped.lower():
            block.role, block.kind = "kind", kind_of(stripped)
        else:
            block.role = "boundary"
    elif only_buttons:
        block.role = "buttons"
        for button in buttons:
            target = index.resolve(button.href, page.url, page.source) if button.href is not None else None
            docname = target.docname if target is not None and target.kind == "doc" else ""
            block.buttons.append(Button(docname, plain(button.label), button.href or ""))
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


def rewrite_event_runs(page: Page, index: SiteIndex, body: str, add_block, site_events: dict[str, EventRecord]) -> str:
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
    (:func:`.card_coverage.unshown`). ``site_events`` are the site's merged events
    (:func:`.events_file.collect_events`): a run's cards show those records.
    """
    lines = body.split("\n")
    _banners_as_headings(page_blocks(page, index), lines)
    runs = [Run(run.blocks, [site_events.get(e.id, e) for e in run.events]) for run in find_runs(page, index, site_events)]
    runs = [run for run in runs if _buttons_shown(run)]
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


def _buttons_shown(run: Run) -> bool:
    """Whether every button of ``run`` links where a card of its events does."""
    return all(any(button.shown_by(e) for e in run.events) for block in run.blocks for button in block.buttons)


def _listed(runs: list[Run]) -> list[Listed]:
    return [Listed(e.id, e.kind, e.start, e.end) for run in runs for e in run.events]


def _grids(runs: list[Run]) -> list[tuple[Run, tuple[dict[str, str], Grid]]]:
    """Each run with the options of its ``{event-cards}`` directive and what they select."""
    boxed = [run.blocks[0].role == "open" for run in runs]
    others = [run for run, box in zip(runs, boxed) if not box]
    newest = max((max(e.year for e in run.events) for run in others), default=0)
    plan = []
    for run, box in zip(runs, boxed):
        if box:
            plan.append((run, ({"when": "upcoming recent"}, Grid(frozenset(), None, frozenset({"upcoming", "recent"})))))
            continue
        years = [e.year for e in run.events]
        kinds = sorted({e.kind for e in run.events})
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
