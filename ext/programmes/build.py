"""A validated :class:`~.model.Programme` to doctree nodes: header, days, sessions,
presentations, each session and presentation with a stable anchor.

Anchors (HTML ids and LaTeX labels), from the file's stem ``key`` (``2019-Sydney.json``
-> ``2019-sydney``) and 1-based positions in the file, so re-importing the same file
keeps every link::

    p2019-sydney                 the programme
    p2019-sydney-d2019-05-28     a day (``-d-<text>`` for a day that is not a date,
                                 ``-other`` for sessions without a day)
    p2019-sydney-s03             the 3rd session of the file
    p2019-sydney-s03-p02         its 2nd presentation
    p2019-sydney-n1234           a second id for a session or presentation with a nid
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from docutils import nodes
from sphinx import addnodes

from . import nodes as pnodes
from ext.shared.dates import date_range, day_heading, ordinal, parse_day
from .html_text import SAFE_SCHEMES, abstract_to_nodes
from ext.shared.programme_file import JsonPath, ProgrammeSource, format_json_path
from .warnings_ import ProgrammeWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .model import Presentation, PresentationFile, Programme, Session

YOUTUBE_URL = "https://www.youtube.com/watch?v={}"
DOI_URL = "https://doi.org/{}"
_SEPARATOR = " · "
_HOST_LIKE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", re.IGNORECASE)


def programme_key(stem: str) -> str:
    """``"2019-Sydney"`` -> ``"2019-sydney"``: the file stem as an anchor-safe key."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "programme"


@dataclass
class RenderContext:
    """What the node builders need besides the data: where to warn, how to link.

    ``entries`` collects ``(kind, entry)`` pairs for the ``programmes`` domain."""

    env: BuildEnvironment
    source: ProgrammeSource
    key: str
    files_url: str | None
    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def warn(self, subtype: ProgrammeWarning, path: JsonPath, message: str) -> None:
        """Warn about the value at ``path``, located at its line in the JSON file."""
        warn(self.env, subtype, f"{format_json_path(path)}: {message}", self.source.location(path))


# -- Links -----------------------------------------------------------------------------

def _link(url: str, text: str | None = None) -> nodes.reference:
    return nodes.reference("", text or url, refuri=url, internal=False)


def _site_page_link(url: str, ctx: RenderContext, path: JsonPath) -> nodes.Node:
    """A site path (``/conferences/iassist2024/``) as a checked ``std:doc`` reference to
    ``conferences/iassist2024/index`` or ``conferences/iassist2024``; text if neither
    page exists (warns ``bad-link``)."""
    site_path = urlsplit(url).path.strip("/")
    candidates = [f"{site_path}/index", site_path] if site_path else [ctx.env.config.root_doc]
    for docname in candidates:
        if docname in ctx.env.found_docs:
            xref = addnodes.pending_xref(
                "", nodes.inline("", url, classes=["xref", "std", "std-doc"]),
                refdomain="std", reftype="doc", reftarget="/" + docname,
                refexplicit=True, refwarn=True, refdoc=ctx.env.docname,
            )
            return xref
    ctx.warn(
        ProgrammeWarning.BAD_LINK, path,
        f"no page for site path {url!r} (looked for {', '.join(candidates)}); shown as text",
    )
    return nodes.literal("", url)


def _website(url: str, ctx: RenderContext, path: JsonPath) -> nodes.Node:
    """``conferenceUrl``: an absolute URL as an external link, a site path as a link to
    its page."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in SAFE_SCHEMES:
        return _link(url)
    if url.startswith("/") and not url.startswith("//"):
        return _site_page_link(url, ctx, path)
    ctx.warn(ProgrammeWarning.BAD_LINK, path, f"{url!r} is neither an http(s) URL nor a site path; shown as text")
    return nodes.literal("", url)


def _file_node(file: PresentationFile, ctx: RenderContext, path: JsonPath) -> nodes.Node | None:
    """A presentation file: its ``url`` as a link (a scheme-less ``host/path`` gets
    ``https://``), else ``path`` under ``programmes_files_url``, else the file name as
    text so nothing is lost."""
    if file.url:
        url = file.url
        if not urlsplit(url).scheme and _HOST_LIKE.match(url):
            url = "https://" + url
        if urlsplit(url).scheme.lower() in SAFE_SCHEMES:
            return _link(url, file.name or url.rstrip("/").rsplit("/", 1)[-1])
        ctx.warn(ProgrammeWarning.BAD_LINK, (*path, "url"), f"{file.url!r} is not an http(s) URL; shown as text")
        return nodes.literal("", file.name or file.url)
    if file.path:
        if ctx.files_url:
            return _link(ctx.files_url.rstrip("/") + "/" + quote(file.path.lstrip("/")), file.name or file.path)
        return nodes.literal("", file.path)
    return None


def _video_url(video: str) -> str:
    """A YouTube id (or an http(s) URL) -> the watch URL."""
    if urlsplit(video).scheme.lower() in {"http", "https"}:
        return video
    return YOUTUBE_URL.format(quote(video, safe=""))


def _labelled(label: str, items: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = [nodes.Text(f"{label}: ")]
    for index, item in enumerate(items):
        if index:
            out.append(nodes.Text(", "))
        out.append(item)
    return out


def _links_paragraph(groups: list[list[nodes.Node]]) -> nodes.paragraph | None:
    """``DOI: … · Files: … · Video: …`` in one paragraph; ``None`` when there are none."""
    groups = [group for group in groups if group]
    if not groups:
        return None
    para = nodes.paragraph(classes=["programme-links"])
    for index, group in enumerate(groups):
        if index:
            para += nodes.Text(_SEPARATOR)
        para.extend(group)
    return para


# -- Text blocks -----------------------------------------------------------------------

def _abstract(markup: str, ctx: RenderContext, path: JsonPath) -> list[nodes.Element]:
    """Abstract HTML as body nodes; an unsafe link (not http(s)/mailto) warns ``bad-link``."""
    if not markup:
        return []
    abstract = abstract_to_nodes(markup)
    for href in abstract.unsafe_links:
        ctx.warn(ProgrammeWarning.BAD_LINK, path, f"link {href!r} is not http(s) or mailto; kept its text only")
    return abstract.body


def _presenters_text(presentation: Presentation) -> str:
    """``"Welch, Matthew (World Bank); Doe, Jane"``: no ``()`` without an institution."""
    parts = []
    for presenter in presentation.presenters:
        if presenter.name and presenter.institution:
            parts.append(f"{presenter.name} ({presenter.institution})")
        elif presenter.name or presenter.institution:
            parts.append(presenter.name or presenter.institution)
    return "; ".join(parts)


# -- Header ----------------------------------------------------------------------------

def _dates_text(programme: Programme, ctx: RenderContext) -> str:
    """``startDate``/``endDate`` as ``May 27–31, 2019``; ``dateText`` when a date is
    missing or bad (warns ``bad-date``) or the end is before the start (warns
    ``end-before-start``)."""
    fallback = " ".join(programme.date_text.split())
    if not programme.start_date and not programme.end_date:
        return fallback
    start, end = parse_day(programme.start_date), parse_day(programme.end_date or programme.start_date)
    for value, parsed, key in ((programme.start_date, start, "startDate"), (programme.end_date, end, "endDate")):
        if value and parsed is None:
            ctx.warn(ProgrammeWarning.BAD_DATE, (key,), f"{value!r} is not a date (YYYY-MM-DD); using dateText {fallback!r}")
            return fallback
    if start is None or end is None:
        return fallback
    if end < start:
        ctx.warn(
            ProgrammeWarning.END_BEFORE_START, ("endDate",),
            f"{programme.end_date} is before startDate {programme.start_date}; using dateText {fallback!r}",
        )
        return fallback
    return date_range(start, end)


def _field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", "", *body)))


def _header(programme: Programme, ctx: RenderContext) -> list[nodes.Node]:
    """Title heading, then a field list: Conference (``45th Annual Conference``), Place,
    Host, Dates, Website."""
    out: list[nodes.Node] = [pnodes.programme_heading("", programme.title or "Conference programme", depth=1)]
    fields = nodes.field_list(classes=["programme-facts"])
    number = programme.conference_num
    if number.isdigit():
        fields += _field("Conference", nodes.Text(f"{ordinal(int(number))} Annual Conference"))
    elif number:
        ctx.warn(ProgrammeWarning.BAD_VALUE, ("conferenceNum",), f"{number!r} is not a number; shown as it is")
        fields += _field("Conference", nodes.Text(number))
    for name, value in (("Place", programme.city), ("Host", programme.host)):
        if value:
            fields += _field(name, nodes.Text(value))
    if dates := _dates_text(programme, ctx):
        fields += _field("Dates", nodes.Text(dates))
    if programme.conference_url:
        fields += _field("Website", _website(programme.conference_url, ctx, ("conferenceUrl",)))
    if len(fields):
        out.append(fields)
    return out


# -- Sessions and presentations ---------------------------------------------------------

def _presentation(item: Presentation, anchor: str, ctx: RenderContext, path: JsonPath, session_anchor: str) -> pnodes.presentation:
    """One presentation node: heading, presenters, collapsible abstract, links."""
    node = pnodes.presentation(ids=[anchor])
    if item.nid.isdigit():
        node["ids"].append(f"p{ctx.key}-n{item.nid}")
    title = item.title or "Untitled presentation"
    node += pnodes.programme_heading("", title, depth=4)
    if presenters := _presenters_text(item):
        node += nodes.paragraph("", presenters, classes=["programme-presenters"])
    if body := _abstract(item.abstract, ctx, (*path, "abstract")):
        node += pnodes.abstract_details("", *body, summary="Abstract")
    dois: list[nodes.Node] = []
    for index, doi in enumerate(item.doi):
        if doi.startswith("10."):
            dois.append(_link(DOI_URL.format(quote(doi, safe="/:;()._-<>"))))
        else:
            ctx.warn(ProgrammeWarning.BAD_VALUE, (*path, "doi", index), f"{doi!r} is not a DOI (10.<prefix>/<suffix>); shown as text")
            dois.append(nodes.literal("", doi))
    files = [
        file_node for index, file in enumerate(item.files)
        if (file_node := _file_node(file, ctx, (*path, "files", index))) is not None
    ]
    links = _links_paragraph([
        _labelled("DOI", dois) if dois else [],
        _labelled("Files", files) if files else [],
        _labelled("Video", [_link(_video_url(item.video))]) if item.video else [],
    ])
    if links is not None:
        node += links
    ctx.entries.append(("presentations", {
        "docname": ctx.env.docname, "anchor": anchor, "title": title, "programme": ctx.key,
        "session": session_anchor,
        "presenters": [[presenter.name, presenter.institution] for presenter in item.presenters],
    }))
    return node


def _session(session: Session, position: int, day: str, ctx: RenderContext) -> pnodes.programme_session:
    """One session node: heading with its type, chair and moderator, abstract, video,
    presentations."""
    path: JsonPath = ("sessions", position - 1)
    anchor = f"p{ctx.key}-s{position:02d}"
    node = pnodes.programme_session(ids=[anchor])
    if session.nid.isdigit():
        node["ids"].append(f"p{ctx.key}-n{session.nid}")
    title = session.title or "Untitled session"
    heading = pnodes.programme_heading("", title, depth=3)
    if session.session_type:
        heading += nodes.Text(" ")
        heading += nodes.inline("", f"({session.session_type})", classes=["programme-session-type"])
    node += heading
    roles = [(label, name) for label, name in (("Chair", session.chair), ("Moderator", session.moderator)) if name]
    if roles:
        para = nodes.paragraph(classes=["programme-roles"])
        for index, (label, name) in enumerate(roles):
            para += nodes.Text((_SEPARATOR if index else "") + f"{label}: {name}")
        node += para
    node.extend(_abstract(session.abstract, ctx, (*path, "abstract")))
    if session.video:
        node += _links_paragraph([_labelled("Video", [_link(_video_url(session.video))])])
    for index, item in enumerate(session.presentations, 1):
        node += _presentation(item, f"{anchor}-p{index:02d}", ctx, (*path, "presentations", index - 1), anchor)
    ctx.entries.append(("sessions", {
        "docname": ctx.env.docname, "anchor": anchor, "title": title, "programme": ctx.key,
        "day": day, "type": session.session_type,
    }))
    return node


@dataclass
class _Day:
    heading: str
    anchor: str
    day: str
    sessions: list[tuple[int, Session]] = field(default_factory=list)


def _days(sessions: list[tuple[int, Session]], ctx: RenderContext) -> list[_Day]:
    """Group sessions by day: dated days in date order, then days that are not dates
    (warns ``bad-date``, in file order), then "Other sessions" (no day)."""
    dated: dict[date, _Day] = {}
    undated: dict[str, _Day] = {}
    other = _Day("Other sessions", f"p{ctx.key}-other", "")
    for position, session in sessions:
        day = parse_day(session.day) if session.day else None
        if day is not None:
            group = dated.setdefault(day, _Day(day_heading(day), f"p{ctx.key}-d{day.isoformat()}", day.isoformat()))
        elif session.day:
            ctx.warn(
                ProgrammeWarning.BAD_DATE, ("sessions", position - 1, "day"),
                f"{session.day!r} is not a date (YYYY-MM-DD or 'May 28, 2019'); listed under that heading",
            )
            text = " ".join(session.day.split())
            slug = programme_key(text)
            group = undated.setdefault(text, _Day(text, f"p{ctx.key}-d-{slug}", text))
        else:
            group = other
        group.sessions.append((position, session))
    days = [dated[day] for day in sorted(dated)] + list(undated.values())
    return days + ([other] if other.sessions else [])


def _day_navigation(days: list[_Day]) -> nodes.paragraph:
    para = nodes.paragraph("", "Days: ", classes=["programme-days"])
    for index, day in enumerate(days):
        if index:
            para += nodes.Text(_SEPARATOR)
        para += nodes.reference("", day.heading, refid=day.anchor, internal=True)
    return para


def build_programme(
    programme: Programme, ctx: RenderContext, selected: Callable[[int, Session], bool],
    classes: list[str] | None = None,
) -> pnodes.conference_programme:
    """The whole programme node for the sessions ``selected(position, session)`` keeps
    (positions are 1-based). Warnings go through ``ctx``; domain entries land in
    ``ctx.entries``."""
    root = pnodes.conference_programme(ids=[f"p{ctx.key}"], classes=list(classes or []))
    root["support_smartquotes"] = False  # the data has its own typography; SmartQuotes over 100 000 words is slow
    root.extend(_header(programme, ctx))
    sessions = [(position, session) for position, session in enumerate(programme.sessions, 1) if selected(position, session)]
    days = _days(sessions, ctx)
    if len(days) > 1:
        root += _day_navigation(days)
    for day in days:
        day_node = pnodes.programme_day(ids=[day.anchor])
        day_node += pnodes.programme_heading("", day.heading, depth=2)
        for position, session in day.sessions:
            day_node += _session(session, position, day.day, ctx)
        root += day_node
    return root
