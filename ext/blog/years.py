"""The blog index by year: a section for every year that has posts.

The migration writes the blog's index page (``<blog_path>/index``) as one section
per year, newest first, each holding a ``{post-list}`` with ``:year:``. The first
post of a new year, written by hand, would be on none of them; so when that page is
read it gets a section for every year that has dated posts and no ``:year:`` list
there, in its place among the others, as if ``## 2027`` and a ``{post-list}`` of
that year (with the options of the page's other yearly lists) were written in it.
A page without yearly lists is left as it is.

The sections are added while the page is read (:class:`YearSections`), so they are
in its table of contents and in the search index like the written ones. The years
must then be known before any post is read in this build (posts are read in any
order, or in other processes): ``env-get-outdated`` (:func:`gather_post_years`)
takes them from the posts that are not read again and from the front matter of
those that are, and has the index page read again when its years changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from .domain import BlogDomain, ListSpec
from .header import is_post
from .nodes import post_list
from .posts import BadDate, parse_post_date, read_front_matter


def post_year(path: Path) -> int | None:
    """The year of the front matter ``date`` of the post at ``path``; ``None`` when
    it has none or it is not a date (the post is read and reported later)."""
    value = read_front_matter(path).get("date")
    if value is None or not str(value).strip():
        return None
    try:
        return parse_post_date(str(value)).day.year
    except BadDate:
        return None


def blog_index(env: BuildEnvironment) -> str:
    return f"{env.config.blog_path.strip('/')}/index"


def gather_post_years(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                      removed: set[str]) -> Iterable[str]:
    """``env-get-outdated``: the years of the posts as they will be after this build
    reads (``post_years``); returns the pages to read again for new or gone years."""
    domain: BlogDomain = env.domains["blog"]
    reread = added | changed
    years = {post.date.day.year for docname, post in domain.posts.items()
             if post.date is not None and docname not in reread and docname not in removed}
    for docname in reread:
        if is_post(docname, env.config.blog_path) and (year := post_year(Path(env.doc2path(docname)))):
            years.add(year)
    domain.data["post_years"] = tuple(sorted(years, reverse=True))
    stale = []
    for docname, added_years in domain.data["year_pages"].items():
        written = {spec.year for spec in domain.lists.get(docname, ()) if _is_yearly(spec)} - set(added_years)
        if docname not in removed and _missing_years(domain, written) != list(added_years):
            stale.append(docname)
    return stale


def _missing_years(domain: BlogDomain, written: set[int]) -> list[int]:
    """The years with posts, newest first, that are not in ``written`` (the years of
    the lists written in a page)."""
    return [year for year in domain.data["post_years"] if year not in written]


def _is_yearly(spec: ListSpec) -> bool:
    return spec.kind == "posts" and spec.year is not None and not spec.tag_slug and not spec.undated


class YearSections(SphinxTransform):
    """On the blog's index page, a section with a yearly ``post-list`` for every year
    that has posts and no list there (see the module docstring)."""

    default_priority = 700  # after parsing, before doctree-read (880) collects the table of contents

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if docname != blog_index(self.env):
            return
        yearly = [node for node in self.document.findall(post_list) if _is_yearly(node["spec"])]
        sections = {node["spec"].year: node.parent for node in yearly if isinstance(node.parent, nodes.section)}
        domain: BlogDomain = self.env.domains["blog"]
        if not sections:
            return
        missing = _missing_years(domain, {node["spec"].year for node in yearly})
        domain.data["year_pages"][docname] = tuple(missing)
        template = yearly[0]
        for year in missing:
            section = self._year_section(year, dataclasses.replace(template["spec"], year=year), template)
            older = [y for y in sections if y < year]
            if older:
                anchor = sections[max(older)]
                anchor.parent.insert(anchor.parent.index(anchor), section)
            else:
                anchor = sections[min(sections)]
                anchor.parent.insert(anchor.parent.index(anchor) + 1, section)
            sections[year] = section
            domain.note_list(docname, section[-1]["spec"])

    def _year_section(self, year: int, spec: ListSpec, template: post_list) -> nodes.section:
        """``## <year>`` and a ``post-list`` of ``spec``, located at ``template``."""
        section = nodes.section(names=[str(year)])
        section += nodes.title(str(year), str(year))
        listing = post_list(spec=spec)
        listing.source, listing.line = template.source, template.line
        section += listing
        self.document.note_implicit_target(section, section)
        return section


def setup_years(app: Sphinx) -> None:
    app.add_transform(YearSections)
    app.connect("env-get-outdated", gather_post_years)
