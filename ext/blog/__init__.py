"""The blog: post headers, post and tag lists, RSS feeds (a Sphinx extension).

Posts are the pages under ``blog_path`` (the import writes them at Hugo's
permalinks, ``/blog/:year/:month/:day/:filename/``; a post written by hand goes
at the same kind of path, ``blog/2027/05/25/our-new-handbook.md``). Posts are
orphans (:mod:`.header`), so furo's sidebar never lists 455 posts and a new post
needs no ``orphan: true``. For each post this extension

* puts its date (``March 2, 2015``), author(s) and tag links under the title;
* registers it in the ``blog`` domain (parallel-read safe, incremental);

and, once every page is read,

* renders ``post-list`` directives (the blog index, one page per tag written by
  the import at ``/tags/<slug>/``) and ``tag-list`` (the ``/tags/`` index);
* gives the blog index a section for a year that has posts but no list there yet
  (:mod:`.years`);
* writes a page for every tag that has no document (a tag first used in a post
  written by hand), and the tags index if there is none (:mod:`.tag_pages`);
* writes RSS 2.0 feeds with feedgen: ``/blog/index.xml`` and
  ``/tags/<slug>/index.xml``, the URLs Hugo used.

Why not ablog: it was tried on this site and needs its own templates beside
furo's, is not parallel-read safe, and crashes the LaTeX build on ``postlist``
and on posts with mixed time zones. What the handbook needs is small enough to
own: a domain, two directives, a header and a feed.

Config values:

``blog_path`` (str, ``"blog"``)
    folder of the posts; its ``index`` page is the blog's home, its feed
    ``<blog_path>/index.xml``.
``blog_tags_path`` (str, ``"tags"``)
    folder of the tag pages, ``<blog_tags_path>/<slug>/index``.
``blog_base_url`` (str, ``""``)
    the site's address for absolute feed links; empty: ``site_base_url``, then
    ``html_baseurl``.
``blog_site_title`` (str, ``""``)
    the site's name in feed titles; empty: ``html_title``, then ``project``.
``blog_summary_words`` (int, ``70``)
    length of a summary taken from a post's text (Hugo's default).

Warnings: see :mod:`ext.blog.warnings_` (``type="blog"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .._common import add_html_assets

from .domain import BlogDomain
from .feeds import feed_link_tags, prepare_feeds, write_feeds
from .header import read_post
from .lists import setup_lists
from .nodes import setup_nodes
from .tag_pages import setup_tag_pages
from .years import setup_years

__version__ = "1.0"

STATIC_DIR = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet, for HTML builders only."""
    add_html_assets(app, STATIC_DIR, "blog.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("blog_path", "blog", "env", types=frozenset({str}))
    app.add_config_value("blog_tags_path", "tags", "env", types=frozenset({str}))
    app.add_config_value("blog_base_url", "", "html", types=frozenset({str}))
    app.add_config_value("blog_site_title", "", "html", types=frozenset({str}))
    app.add_config_value("blog_summary_words", 70, "env", types=frozenset({int}))
    app.add_domain(BlogDomain)
    setup_nodes(app)
    setup_lists(app)
    setup_years(app)
    setup_tag_pages(app)
    app.connect("doctree-read", read_post)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", feed_link_tags)
    app.setup_extension("ext.background")
    app.connect("write-started", prepare_feeds)
    app.connect("build-finished", write_feeds)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
