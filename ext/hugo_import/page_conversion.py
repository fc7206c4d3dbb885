"""Convert one Hugo page to a MyST document."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


from .context import PageContext
from .conference_page import page_directives, rewrite_event_runs
from .event_record import CONFERENCES_PAGE, EventRecord
from ..shared.page_keys import CONSUMED_KEYS, PARAMS_KEY, is_build_key
from .frontmatter import build_key_problem, nest_unread_keys
from .links import SiteIndex
from .markdown import convert_markdown
from .model import Page, Problem, ProblemKind
from .myst import one_line
from ..shared.dates import parse_page_date
from .shortcode_calls import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN
from .shortcodes import expand_shortcodes


@dataclass
class ConvertedPage:
    """The MyST text of one page (without navigation) and what was reported."""

    page: Page
    front_matter: dict[str, Any]
    body: str
    problems: list[Problem]


#: The date keys the build checks (:data:`ext.front_matter.DATE_KEYS`) and the import reports.
_DATE_KEYS = frozenset({"date", "lastmod", "publishDate", "expiryDate"})


def _is_date(value: Any) -> bool:
    try:
        parse_page_date(value)
    except ValueError:
        return False
    return True


def page_metadata(page: Page) -> dict[str, Any]:
    """The page's front matter as kept in the MyST front matter (``hugo`` keys).

    Every key the site wrote is kept (``date``, ``author``, ``tags``,
    ``description``, ``oldpath``, ``datalink``, ``type`` …) except ``title`` (the
    H1), ``draft`` and the keys that would configure the build
    (:func:`ext.shared.page_keys.is_build_key`, reported by :func:`convert_page`); dates as
    written (a ``date``, ``lastmod``, ``publishDate`` or ``expiryDate`` that is no date
    is kept as written under ``params``, where the build does not read it: the import
    reports it, the build would report it again, and the blog lists such a post as
    undated without a second warning). ``hugo_url`` records the Hugo URL and
    ``hugo_source`` the content file. Keys nothing in the handbook reads go under
    ``params`` (:func:`.frontmatter.nest_unread_keys`; the import reports them once per
    section).
    """
    meta: dict[str, Any] = {"hugo_source": page.site_file, "hugo_url": page.url}
    unread_dates: dict[str, Any] = {}
    for key, value in page.front.data.items():
        if key in _DATE_KEYS and value not in ("", None) and not _is_date(value):
            unread_dates[key] = value  # reported by the import (bad-date); not passed on to be reported again
        elif key not in CONSUMED_KEYS and not is_build_key(key):
            meta[key] = value
    own = meta.get(PARAMS_KEY)
    if unread_dates and (own is None or isinstance(own, dict)):
        meta[PARAMS_KEY] = {**unread_dates, **(own or {})}
    return nest_unread_keys(meta)


def convert_page(page: Page, index: SiteIndex, site_events: Mapping[str, EventRecord] | None = None) -> ConvertedPage:
    """Convert ``page`` of the site behind ``index`` to MyST.

    Returns the front matter to write, the MyST body (an H1 with the page title,
    then the converted body) and the problems found, each with its file line.
    ``site_events`` (``{id: record}``, :func:`.events_file.collect_events`) are the
    merged events the Conferences page's cards show; other pages need none.
    """
    ctx = PageContext(page=page, index=index, render=convert_markdown)
    for key in page.front.data:
        if is_build_key(key):
            ctx.problems.append(build_key_problem(page.site_file, page.front.key_lines.get(key, 1), key))
    body = page.front.body
    if PLACEHOLDER_OPEN in body or PLACEHOLDER_CLOSE in body:
        body = body.replace(PLACEHOLDER_OPEN, "").replace(PLACEHOLDER_CLOSE, "")
    if page.docname == CONFERENCES_PAGE:
        body = rewrite_event_runs(page, index, body, ctx.add_block, dict(site_events or {}))
    expanded = expand_shortcodes(body, page.front.body_line, ctx)
    myst = convert_markdown(expanded, ctx, page.front.body_line).strip() + page_directives(page, index.site.root, ctx.problems)
    title = re.sub(r"([\\`*_\[\]<>])", r"\\\1", one_line(page.title))
    text = f"# {title}\n\n{myst}\n" if myst else f"# {title}\n"
    return ConvertedPage(page=page, front_matter=page_metadata(page), body=text, problems=ctx.problems)


def literal_block(text: str) -> str:
    """``text`` as a fenced code block that shows it byte for byte: a fence of more
    backticks than any run of them in the text, and no info string, so nothing in it
    is read as Markdown or as a directive."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text.rstrip()}\n{fence}"


def unconverted_page(page: Page, error: BaseException) -> ConvertedPage:
    """The page the converter failed on (``error``): its title as a heading and its
    body as written, in a literal block, with a ``conversion-error`` problem at the
    body's first line naming the error."""
    title = re.sub(r"([\\`*_\[\]<>{}#])", r"\\\1", " ".join(page.title.split())) or "Untitled"
    problem = Problem(
        page.site_file, page.front.body_line, ProblemKind.CONVERSION_ERROR,
        f"the converter failed on this page ({type(error).__name__}: {str(error)[:200]}); "
        "its text is kept as written, in a literal block",
    )
    front = {"hugo_source": page.site_file, "hugo_url": page.url}
    return ConvertedPage(page=page, front_matter=front, body=f"# {title}\n\n{literal_block(page.front.body)}\n",
                         problems=[problem])


