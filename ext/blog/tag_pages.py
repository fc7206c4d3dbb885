"""Pages for the tags that have none (``html-collect-pages``).

The migration writes a page per tag (``tags/<slug>/index.md``: a title and a
``{post-list}`` of the tag), so a tag's page can be edited like any page. A tag
that first appears in a post written later has no such file: for it, and for the
tags index when there is no ``tags/index`` document, the HTML builders write the
page themselves, from the theme's page template, with what the migration's page
would show (the title "Posts tagged “<tag>”", the tag's posts newest first with
their summaries). These pages are made on every build from the blog domain, so a
post that brings a new tag gets its tag page in an incremental build too; they
are in the sitemap (sphinx-sitemap collects every page written), not in the
search index (nor are Sphinx's own generated pages).

This is ablog's way (its archive and tag pages are collected pages too), with the
handbook's own list rendering instead of separate templates. A document of the
project always wins: a tag page written by hand (or by the migration) replaces the
generated one.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ext.shared.slugs import tag_page_title

from .domain import BlogDomain, ListSpec
from .lists import render_post_list, render_tag_list


def collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: ``(pagename, context, template)`` of every tag page
    and of the tags index that no document provides (HTML builders only)."""
    if app.builder.format != "html":
        return
    domain: BlogDomain = app.env.domains["blog"]
    tags = domain.tags()
    for slug, (name, _count) in sorted(tags.items()):
        pagename = domain.tag_page(slug)
        if pagename in app.env.found_docs:
            continue
        spec = ListSpec(tag=name, tag_slug=slug, summary=True)
        body = render_post_list(app, pagename, domain.sorted_posts(spec), spec)
        yield pagename, _page_context(app, tag_page_title(name), body), "page.html"
    index = f"{app.config.blog_tags_path.strip('/')}/index"
    if tags and index not in app.env.found_docs:
        yield index, _page_context(app, "Tags", render_tag_list(app, index, domain)), "page.html"


def _page_context(app: Sphinx, title: str, content: nodes.Element) -> dict[str, Any]:
    """The template context of a page that is ``title`` over ``content``, as
    ``get_doc_context`` gives it for a document (no local table of contents: the
    page has one heading)."""
    section = nodes.section(ids=[nodes.make_id(title)], names=[nodes.fully_normalize_name(title)])
    section += nodes.title(title, title)
    section += content
    return {
        "title": html.escape(title),
        "body": app.builder.render_partial(section)["fragment"],
        "parents": [],
        "prev": None,
        "next": None,
        "meta": {},
        "metatags": "",
        "rellinks": [],
        "sourcename": "",
        "toc": "",
        "display_toc": False,
        "page_source_suffix": "",
    }


def setup_tag_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_tag_pages)
