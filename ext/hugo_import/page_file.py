"""Reading one content file of a Hugo site into a :class:`.model.Page`: its front
matter, title, date, weight and URL, with every problem found on the way (too big,
unreadable, not UTF-8, broken front matter, values of the wrong shape) reported at its
line and the page kept wherever it can be.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .config import menu_weight
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
from ..shared.slugs import docname_for_url
from .confine import decoded
from .model import FrontMatter, Page, Problem, ProblemKind
from ..shared.urls import climbs_above_root
from .site_urls import INDEX_NAMES, page_url


def read_page(path: Path, source: str, permalinks: dict[str, str], problems: list[Problem], texts: dict[str, str]) -> Page | None:
    """The page of the content file ``path`` (``source``: its path under ``content/``),
    its URL by the site's ``permalinks``; ``None`` when it cannot be read at all (too
    big, unreadable). Problems are appended to ``problems``; the file's text is kept
    in ``texts`` (by its site path, for the report's source lines)."""
    file = f"content/{source}"
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            problems.append(Problem(file, 1, ProblemKind.PAGE_SIZE, (
                f"the file is {size / 2**20:.1f} MB, over the import's limit of {MAX_PAGE_BYTES / 2**20:.0f} MB; not imported")))
            return None
        raw = path.read_bytes()
    except OSError as err:
        problems.append(Problem(file, 0, ProblemKind.UNREADABLE, f"the file cannot be read ({err.strerror}); left out"))
        return None
    text = decoded(raw, file, problems)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        front = split_front_matter(text)
    except FrontMatterError as err:
        # One problem for the page: its title is lost with the rest of the front matter.
        title = _title_from_file(source)
        problems.append(Problem(file, err.line, ProblemKind.FRONT_MATTER, f"{err}; the page is imported without its front matter, titled {title!r}"))
        front = FrontMatter(data={}, body=_after_fence(text), body_line=1)
        broken = True
    else:
        broken = False
    problems.extend(strip_control_characters(front, file) + drop_unsafe_url(front, file))
    date, date_problems = check_date(front, file)
    problems.extend(date_problems)
    problems.extend(check_date(front, file, "lastmod")[1])
    hugo_title = _page_title(front, source, file, broken, problems)
    title = _take_opening_heading(front, hugo_title)
    _check_shapes(front, file, problems)
    _check_tags(front, file, problems)
    url = page_url(source, front.data, date, permalinks)
    if front.data.get("url") and climbs_above_root(str(front.data["url"])):
        problems.append(Problem(file, front.key_lines.get("url", 1), ProblemKind.OUTSIDE_SITE, (
            f"url {str(front.data['url'])!r} climbs above the site's root; served at {url}")))
    weight = menu_weight(front.data.get("weight") or 0)
    if weight is None:
        problems.append(Problem(file, front.key_lines.get("weight", 1), ProblemKind.FRONT_MATTER, (
            f"weight {front.data['weight']!r} is not a whole number; the page is sorted as weight 0")))
        weight = 0
    texts[file] = text
    return Page(
        source=source, path=path, front=front, url=url,
        docname=docname_for_url(url, PurePosixPath(source).name in INDEX_NAMES),
        section=PurePosixPath(source).parts[0] if "/" in source else "",
        title=title, date=date, weight=weight,
        draft=parse_draft(front.data.get("draft", False)),
        is_index=PurePosixPath(source).name in INDEX_NAMES,
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
    stem = path.parent.name if path.name in INDEX_NAMES else path.stem
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
