"""Convert one Hugo page to a MyST document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .context import PageContext
from .events import CONFERENCES_PAGE, page_directives, rewrite_event_runs
from .frontmatter import CONSUMED_KEYS, build_key_problem, is_build_key, nest_unread_keys
from .links import SiteIndex
from .markdown import convert_markdown
from .model import Page, Problem
from .myst import one_line
from .shortcodes import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, expand_shortcodes
from .structure import FRAGMENT, PARAGRAPH


@dataclass
class ConvertedPage:
    """The MyST text of one page (without navigation) and what was reported."""

    page: Page
    front_matter: dict[str, Any]
    body: str
    problems: list[Problem]


def page_metadata(page: Page) -> dict[str, Any]:
    """The page's front matter as kept in the MyST front matter (``hugo`` keys).

    Every key the site wrote is kept (``date``, ``author``, ``tags``,
    ``description``, ``oldpath``, ``datalink``, ``type`` …) except ``title`` (the
    H1), ``draft`` and the keys that would configure the build
    (:func:`.frontmatter.is_build_key`, reported by :func:`convert_page`); dates as
    written (a ``date`` that is no date is left out: the import reports it, the blog
    would report it again). ``hugo_url`` records the Hugo URL and
    ``hugo_source`` the content file. Keys nothing in the handbook reads go under
    ``params`` (:func:`.frontmatter.nest_unread_keys`; the import reports them once per
    section).
    """
    meta: dict[str, Any] = {"hugo_source": page.site_file, "hugo_url": page.url}
    for key, value in page.front.data.items():
        if key == "date" and page.date is None and value not in ("", None):
            continue  # reported by the import (bad-date); not passed on to be reported again
        if key not in CONSUMED_KEYS and not is_build_key(key):
            meta[key] = value
    return nest_unread_keys(meta)


def convert_page(page: Page, index: SiteIndex) -> ConvertedPage:
    """Convert ``page`` of the site behind ``index`` to MyST.

    Returns the front matter to write, the MyST body (an H1 with the page title,
    then the converted body) and the problems found, each with its file line.
    """
    ctx = PageContext(page=page, index=index)
    for key in page.front.data:
        if is_build_key(key):
            ctx.problems.append(build_key_problem(page.site_file, page.front.key_lines.get(key, 1), key))
    ctx.convert_markdown = lambda markdown, line: convert_markdown(markdown, ctx, line, mode=FRAGMENT)
    ctx.convert_inline = lambda markdown, line: convert_markdown(markdown, ctx, line, mode=PARAGRAPH)
    body = page.front.body
    if PLACEHOLDER_OPEN in body or PLACEHOLDER_CLOSE in body:
        body = body.replace(PLACEHOLDER_OPEN, "").replace(PLACEHOLDER_CLOSE, "")
    if page.docname == CONFERENCES_PAGE:
        body = rewrite_event_runs(page, index, body, ctx.add_block)
    expanded = expand_shortcodes(body, page.front.body_line, ctx)
    myst = convert_markdown(expanded, ctx, page.front.body_line).strip() + page_directives(page, index.site.root, ctx.problems)
    title = re.sub(r"([\\`*_\[\]<>])", r"\\\1", one_line(page.title))
    text = f"# {title}\n\n{myst}\n" if myst else f"# {title}\n"
    return ConvertedPage(page=page, front_matter=page_metadata(page), body=text, problems=ctx.problems)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when the wheel has it: same output, faster


def render_document(front_matter: dict[str, Any], body: str) -> str:
    """A complete MyST file: YAML front matter, then ``body``."""
    dumped = yaml.dump(front_matter, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n{body}"
