"""Reading a Hugo site: configuration, content pages, their URLs and order.

A page's URL follows Hugo's rules for pretty URLs: ``content/about/faq.md`` is
``/about/faq/``, a section's ``_index.md`` is the section URL, a leaf bundle's
``index.md`` is its folder URL, and sections named in ``[Permalinks]`` use that
pattern (``/blog/:year/:month/:day/:filename/``). ``url`` and ``slug`` in front
matter are honoured. Paths are lower-cased, as Hugo does by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from typing import Any

from .config import menu_weight, read_config, site_address
from .confine import site_files
from .frontmatter import (
    DRAFT_WORDS,
    FrontMatterError,
    check_date,
    drop_unsafe_url,
    parse_draft,
    split_front_matter,
    strip_control_characters,
)
from ..shared.limits import MAX_PAGE_BYTES
from ..shared.slugs import docname_for_url, urlize
from .model import FrontMatter, Page, Problem, ProblemKind
from .names import Renamed, place_page
from .publishing import LeftOut, PublishingRules, left_out
from ..shared.urls import climbs_above_root

_INDEX_NAMES = {"_index.md", "index.md"}


@dataclass
class MenuEntry:
    """One ``[[menu.main]]`` entry of ``config.toml``; ``url`` is site-absolute."""

    name: str
    url: str
    weight: int


@dataclass
class HugoSite:
    """A Hugo site read from ``root``: configuration, pages and problems found.

    ``pages`` holds every published page (drafts are left out and listed in
    ``problems``) keyed by docname; ``by_url`` maps each Hugo URL to its page.
    """

    root: Path
    config: dict[str, Any]
    pages: dict[str, Page] = field(default_factory=dict)
    by_url: dict[str, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    #: The pages Hugo would not publish (drafts, future, expired, headless), by the URL
    #: they would have: ``{url: (site file, why)}``; links to them are reported.
    unpublished: dict[str, tuple[str, LeftOut]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: The files of ``content/`` that are not pages (bundle resources), each inside the
    #: site: ``{path under content/ (POSIX): file}`` (:func:`.confine.site_files`).
    resources: dict[str, Path] = field(default_factory=dict)
    #: The pages not served at their Hugo URL, by docname (:func:`.names.place_page`).
    renamed: dict[str, Renamed] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """The live site's address (``baseurl``): an http(s) URL or ``/`` (none, or one
        that is not a web site's address, :func:`.config.site_address`)."""
        return site_address(self.config.get("baseurl") or self.config.get("baseURL")) or "/"

    @property
    def main_menu(self) -> list[MenuEntry]:
        """The ``[[menu.main]]`` entries in ``weight`` order; an entry whose weight is no
        whole number (reported by :func:`.config.check_config`) comes last."""
        menu = self.config.get("menu", {})
        main = menu.get("main", []) if isinstance(menu, dict) else []
        entries = [entry for entry in main if isinstance(entry, dict)] if isinstance(main, list) else []

        def weight(entry: dict[str, Any]) -> int | None:
            return menu_weight(entry.get("weight", 0))

        entries.sort(key=lambda entry: (weight(entry) is None, weight(entry) or 0))
        return [MenuEntry(str(e.get("name", "")), str(e.get("url", "/")), weight(e) or 0) for e in entries]

    @property
    def list_sections(self) -> set[str]:
        """Sections whose pages are listed on the section page, not in the navigation."""
        return set(self.config.get("params", {}).get("mainSections", ["blog"]))

    def children(self) -> dict[str, list[Page]]:
        """Pages and sub-sections listed by each section, keyed by the section's
        content folder (``""`` for the site root), in Hugo's default order.

        As in Hugo, every top-level folder is a section, with or without an
        ``_index.md``; deeper folders are sections only with one."""
        sections = {page.bundle_dir: page for page in self.pages.values() if page.is_index}
        listed: dict[str, list[Page]] = {}
        for page in self.pages.values():
            if page.docname == "index":
                continue
            folder = PurePosixPath(page.source).parent
            if page.is_index:
                folder = folder.parent
            while len(folder.parts) > 1 and str(folder) not in sections:
                folder = folder.parent
            listed.setdefault("" if str(folder) == "." else str(folder), []).append(page)
        return {key: sorted(pages, key=hugo_sort_key) for key, pages in listed.items()}


def hugo_sort_key(page: Page) -> tuple:
    """Hugo's default page order: weight (unset last), date newest first, title, file."""
    date = page.date.timestamp() if page.date else float("-inf")
    return (page.weight == 0, page.weight, -date, (page.hugo_title or page.title).lower(), page.source)


def load_config(root: Path, problems: list[Problem] | None = None) -> dict[str, Any]:
    """``config.toml`` (or ``hugo.toml``) of the site as a dict; ``{}`` if none or when it
    does not parse. The values the import cannot use are left out, each reported in
    ``problems`` at its line (:func:`.config.read_config`)."""
    config, found = read_config(root)
    if problems is not None:
        problems.extend(found)
    return config


def without_dot_segments(path: str) -> str:
    """A site path with its ``.`` and ``..`` segments resolved, as a browser resolves
    them (RFC 3986's "remove dot segments"; a segment written ``%2e%2e`` is ``..``
    too): ``/../../x/`` is ``/x/``, never a path above the site. Other segments are
    kept as written (nothing is decoded here). Keeps a trailing slash; always starts
    with ``/``."""
    segments: list[str] = []
    raw = path.split("/")
    for segment in raw:
        dots = unquote(segment)
        if dots == "..":
            if segments:
                segments.pop()
        elif segment and dots != ".":
            segments.append(segment)
    trailing = "/" if segments and (raw[-1] == "" or unquote(raw[-1]) in {".", ".."}) else ""
    return "/" + "/".join(segments) + trailing


def page_url(source: str, front: dict[str, Any], date: datetime | None, permalinks: dict[str, str]) -> str:
    """The Hugo URL of content file ``source`` (relative to ``content/``). A ``url``
    in the front matter or a permalink pattern never leads above the site
    (:func:`without_dot_segments`)."""
    if front.get("url"):
        url = without_dot_segments("/" + str(front["url"]).strip("/") + "/")
        return url.lower() if url not in {"//", "/"} else "/"
    path = PurePosixPath(source)
    parts = list(path.parent.parts)
    if path.name in _INDEX_NAMES:
        return without_dot_segments("/" + "".join(urlize(p) + "/" for p in parts))
    name = str(front.get("slug") or path.stem)
    section = parts[0] if parts else ""
    pattern = permalinks.get(section)
    if pattern and len(parts) >= 1:
        if date is None:  # Hugo's 0001/01/01 for a post without a date (or a bad one): no date parts
            undated = "/".join(part for part in (re.sub(r":(?:year|month|day)\b[-_.]?", "", seg).strip("-_.")
                                                 for seg in pattern.split("/")) if part)
            pattern = undated if ":" in undated else pattern  # a pattern of date parts only stays
        when = date or datetime(1, 1, 1)
        values = {
            ":year": f"{when.year:04d}", ":month": f"{when.month:02d}", ":day": f"{when.day:02d}",
            ":filename": urlize(path.stem), ":slug": urlize(name), ":section": urlize(section),
            ":title": urlize(str(front.get("title", name))),
        }
        url = re.sub(r":[a-z]+", lambda m: values.get(m.group(0), m.group(0)), pattern)
        url = without_dot_segments("/" + url.strip("/") + "/")
        return url if url.endswith("/") else url + "/"
    url = without_dot_segments("/" + "".join(urlize(p) + "/" for p in parts) + urlize(name) + "/")
    return url if url.endswith("/") else url + "/"


def read_site(root: Path, rules: PublishingRules | None = None) -> HugoSite:
    """Read the Hugo site at ``root``: ``config.toml`` and every ``content/**/*.md``.

    Returns a :class:`HugoSite`. Broken front matter, missing titles, impossible
    dates, drafts and URL collisions are recorded in ``site.problems`` with file
    and line; the page is left out only when it cannot be placed (draft,
    collision, unparseable front matter) or when Hugo would not publish it
    (:mod:`.publishing`; ``rules`` defaults to the site's configuration and today).
    """
    config_problems: list[Problem] = []
    site = HugoSite(root=root, config=load_config(root, config_problems), problems=config_problems)
    rules = rules or PublishingRules.from_config(site.config)
    permalinks = {k.lower(): v for k, v in site.config.get("Permalinks", site.config.get("permalinks", {})).items()}
    content = root / "content"
    by_url: dict[str, list[Page]] = {}
    read: list[Page] = []
    files, refused = site_files(root, content)
    site.problems.extend(refused)
    site.resources = {rel: path for rel, path in files if not rel.endswith(".md")}
    for source, path in sorted(((rel, path) for rel, path in files if rel.endswith(".md")), key=lambda item: item[1]):
        page = _read_page(site, path, source, permalinks)
        if page is None:
            continue
        why, date_problems = left_out(page.front, page.site_file, rules)
        site.problems.extend(date_problems)
        if why is not None:
            if why.kind is ProblemKind.DRAFT:
                site.drafts.append(page.site_file)
            site.unpublished.setdefault(page.url, (page.site_file, why))
            site.problems.append(why.problem(page.site_file))
            continue
        placed, renamed = place_page(page, _claim_line(page))
        if placed is not None:
            site.problems.append(placed)
        if renamed is not None:
            site.renamed[page.docname] = renamed
        by_url.setdefault(page.url, []).append(page)
        read.append(page)
    for url, pages in by_url.items():
        # The page whose own file gives the URL keeps it (the first in file order);
        # pages that claim it in their front matter (url, slug) are left out.
        winner = next((page for page in pages if not _claims_url(page)), pages[0])
        for page in pages:
            if page is not winner:
                site.problems.append(Problem(
                    page.site_file, _claim_line(page), ProblemKind.URL_COLLISION,
                    f"URL {url} is already taken by {winner.site_file}; this page is not imported",
                ))
        site.by_url[url] = winner
    for page in read:
        if site.by_url.get(page.url) is not page:
            continue
        other = site.pages.get(page.docname)
        if other is not None:  # /about/ and /about/index/ are both the document about/index
            site.problems.append(Problem(
                page.site_file, _claim_line(page), ProblemKind.URL_COLLISION,
                f"URL {page.url} is served from the same document as {other.url} ({other.site_file}); this page is not imported",
            ))
            del site.by_url[page.url]
            continue
        site.pages[page.docname] = page
    return site


def _claims_url(page: Page) -> bool:
    """Whether the page sets its URL in front matter (``url`` or ``slug``)."""
    return bool(page.front.data.get("url") or page.front.data.get("slug"))


def _claim_line(page: Page) -> int:
    """The line of the front matter key that sets the page's URL, else 1."""
    for key in ("url", "slug"):
        if page.front.data.get(key):
            return page.front.key_lines.get(key, 1)
    return 1


def url_origin(page: Page) -> tuple[str, int]:
    """Where in the site the page's URL comes from: ``(its file, the line of the front
    matter key that sets the URL, else 1)``, to report a clash of that URL."""
    return page.site_file, _claim_line(page)


def _read_page(site: HugoSite, path: Path, source: str, permalinks: dict[str, str]) -> Page | None:
    file = f"content/{source}"
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            site.problems.append(Problem(file, 1, ProblemKind.PAGE_SIZE, (
                f"the file is {size / 2**20:.1f} MB, over the import's limit of {MAX_PAGE_BYTES / 2**20:.0f} MB; not imported")))
            return None
        raw = path.read_bytes()
    except OSError as err:
        site.problems.append(Problem(file, 0, ProblemKind.UNREADABLE, f"the file cannot be read ({err.strerror}); left out"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        site.problems.append(Problem(file, line, ProblemKind.ENCODING, "the file is not valid UTF-8; undecodable bytes were replaced"))
        text = raw.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        front = split_front_matter(text)
    except FrontMatterError as err:
        # One problem for the page: its title is lost with the rest of the front matter.
        title = _title_from_file(source)
        site.problems.append(Problem(file, err.line, ProblemKind.FRONT_MATTER, f"{err}; the page is imported without its front matter, titled {title!r}"))
        front = FrontMatter(data={}, body=_after_fence(text), body_line=1)
        broken = True
    else:
        broken = False
    site.problems.extend(strip_control_characters(front, file) + drop_unsafe_url(front, file))
    date, problems = check_date(front, file)
    site.problems.extend(problems)
    site.problems.extend(check_date(front, file, "lastmod")[1])
    hugo_title = _page_title(front, source, file, broken, site.problems)
    title = _take_opening_heading(front, hugo_title)
    _check_shapes(front, file, site.problems)
    _check_tags(front, file, site.problems)
    url = page_url(source, front.data, date, permalinks)
    if front.data.get("url") and climbs_above_root(str(front.data["url"])):
        site.problems.append(Problem(file, front.key_lines.get("url", 1), ProblemKind.OUTSIDE_SITE, (
            f"url {str(front.data['url'])!r} climbs above the site's root; served at {url}")))
    weight = menu_weight(front.data.get("weight") or 0)
    if weight is None:
        site.problems.append(Problem(file, front.key_lines.get("weight", 1), ProblemKind.FRONT_MATTER, (
            f"weight {front.data['weight']!r} is not a whole number; the page is sorted as weight 0")))
        weight = 0
    site.texts[file] = text
    return Page(
        source=source, path=path, front=front, url=url,
        docname=docname_for_url(url, PurePosixPath(source).name in _INDEX_NAMES),
        section=PurePosixPath(source).parts[0] if "/" in source else "",
        title=title, date=date, weight=weight,
        draft=parse_draft(front.data.get("draft", False)),
        is_index=PurePosixPath(source).name in _INDEX_NAMES,
        hugo_title="" if title == hugo_title else hugo_title,
    )


def _after_fence(text: str) -> str:
    """Body of a page whose front matter is broken: what follows the second fence."""
    lines = text.lstrip("\ufeff").split("\n")
    fences = [i for i, line in enumerate(lines) if line.strip() in {"+++", "---"}]
    return "\n".join(lines[fences[1] + 1 :]) if len(fences) >= 2 else text


def _page_title(front: FrontMatter, source: str, file: str, broken: bool, problems: list[Problem]) -> str:
    """The page's ``title``: text (or a number) as written; a list of texts joined with
    spaces and reported (``front-matter``, at the key's line); missing, empty or of another
    type, the file name's words, reported as ``missing-title`` (not again when the front
    matter itself is broken and already reported)."""
    raw = front.data.get("title")
    line = front.key_lines.get("title", 1)
    if isinstance(raw, list) and raw and all(isinstance(part, (str, int, float)) for part in raw):
        title = " ".join(str(part).strip() for part in raw).strip()
        problems.append(Problem(file, line, ProblemKind.FRONT_MATTER, f"title is a list, not text; using {title!r}"))
        return title
    if _is_name(raw) and str(raw).strip():
        return str(raw).strip()
    title = _title_from_file(source)
    if raw not in (None, "") and not broken:
        problems.append(Problem(file, line, ProblemKind.MISSING_TITLE,
                                f"title is a {type(raw).__name__}, not text; using {title!r}"))
    elif not broken:
        problems.append(Problem(file, 1, ProblemKind.MISSING_TITLE, f"the page has no title; using {title!r}"))
    return title


#: A body's first line (after blank ones) when it is an ATX heading of plain text: no
#: inline syntax and no ``{#id}`` attribute (a heading that holds either stays).
_OPENING_HEADING = re.compile(r"\A(?:[ \t]*\n)*[ ]{0,3}#{1,6}[ \t]+([^\n#*_`\[\]<>{}\\|!]+?)(?:[ \t]+#+)?[ \t]*$", re.M)


def _take_opening_heading(front: FrontMatter, title: str) -> str:
    """The page title, once the body's opening heading that restates it is taken out.

    Hugo's themes print the title above the body, so a body that opens with a
    heading of the same words (``## Germany`` under the title ``Germany``) showed
    them twice, and one that opens with the title and more (``# Conference
    Committees 2022`` under ``Conference Committees``) named the page better than
    its title did. The handbook shows one heading: the title, or the longer heading
    as the title (so pages that share a title are told apart in the navigation).
    The heading's line is blanked in ``front.body``, keeping the file's line numbers.
    Any other opening heading stays a heading.
    """
    match = _OPENING_HEADING.match(front.body)
    if match is None:
        return title
    heading = " ".join(match.group(1).split())
    said, words = heading.casefold(), " ".join(title.split()).casefold()
    if said != words and not (said.startswith(words) and not said[len(words)].isalnum()):
        return title
    line_start = front.body.rfind("\n", 0, match.start(1)) + 1
    front.body = front.body[:line_start] + front.body[match.end():]
    return title if said == words else heading


def _is_name(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _check_shapes(front: FrontMatter, file: str, problems: list[Problem]) -> None:
    """Take out of ``front.data`` the values of ``slug``, ``aliases``, ``oldpath`` and
    ``draft`` that Hugo cannot use, each reported as ``front-matter`` at its key's line:
    ``slug`` must be a name (text or a number), ``aliases`` a name or a list of names
    (names that are not are left out one by one), ``oldpath`` a name, ``draft`` true or
    false (a number, or a text of :data:`.frontmatter.DRAFT_WORDS`, as Hugo reads it)."""
    data = front.data

    def drop(key: str, what: str, done: str) -> None:
        problems.append(Problem(file, front.key_lines.get(key, 1), ProblemKind.FRONT_MATTER,
                                f"{key} is {what}; {done}"))
        del data[key]

    for key, done in (("slug", "the page keeps the name of its file"), ("oldpath", "no redirect")):
        if key in data and data[key] is not None and not _is_name(data[key]):
            drop(key, f"a {type(data[key]).__name__}, not a name", done)
    aliases = data.get("aliases")
    if aliases is not None and not _is_name(aliases):
        if not isinstance(aliases, list):
            drop("aliases", f"a {type(aliases).__name__}, not a list of old URLs", "no redirects")
        else:
            for position, item in enumerate(aliases, 1):
                if not _is_name(item):
                    problems.append(Problem(file, front.key_lines.get("aliases", 1), ProblemKind.FRONT_MATTER,
                                            f"alias {position} is a {type(item).__name__}, not an old URL; left out"))
            data["aliases"] = [item for item in aliases if _is_name(item)]
    draft = data.get("draft")
    if draft is not None and not isinstance(draft, (bool, int)) and str(draft).strip().lower() not in DRAFT_WORDS:
        drop("draft", f"{draft!r}, not true or false", "the page is published, as Hugo publishes a page without draft")


def _check_tags(front: FrontMatter, file: str, problems: list[Problem]) -> None:
    """Keep only what Hugo's ``tags`` taxonomy takes: a name (text or a number) or a
    list of names. Anything else (a table, ``true``, a list inside the list) is taken
    out of ``front.data`` and reported as ``front-matter`` at the key's line."""
    raw = front.data.get("tags")
    line = front.key_lines.get("tags", 1)
    if raw is None or _is_name(raw):
        return
    if not isinstance(raw, list):
        del front.data["tags"]
        problems.append(Problem(file, line, ProblemKind.FRONT_MATTER,
                                f"tags is a {type(raw).__name__}, not a list of names; no tags taken"))
        return
    names = [item for item in raw if _is_name(item)]
    for position, item in enumerate(raw, 1):
        if item is not None and not _is_name(item):
            problems.append(Problem(file, line, ProblemKind.FRONT_MATTER,
                                    f"tag {position} is a {type(item).__name__}, not a name; left out"))
    front.data["tags"] = names


def _title_from_file(source: str) -> str:
    path = PurePosixPath(source)
    stem = path.parent.name if path.name in _INDEX_NAMES else path.stem
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
