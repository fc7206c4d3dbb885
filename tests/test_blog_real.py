"""The blog of the real site (skipped when ``../shared/corpus/iassist-site`` is absent):
every published post reachable from ``/blog/``, every tag page, the feeds.

Built with the handbook's conf.py plus ``ext.blog`` and the ``basic`` theme, without
the conference pages (the blog's pages are the same; the build takes half the time).
"""

from __future__ import annotations

import io
import shutil
import runpy
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from ext.blog.posts import tag_slug
from ext.hugo_import.tag_pages import blog_posts, post_tags
from ext.hugo_import.site import read_site

from .conftest import CONF_SHIM, REAL_SITE, REPO, import_site, new_docs

pytestmark = pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real site is not beside the repository")


@pytest.fixture(scope="module")
def real_blog(tmp_path_factory) -> tuple[Path, str]:
    """The real site imported and built once: (output folder, warnings)."""
    tmp = tmp_path_factory.mktemp("real-blog")
    docs = new_docs(tmp)
    import_site(REAL_SITE, docs)
    # The conference pages and programmes are most of the build and no part of the
    # blog: leave them out (links to them only warn, and no blog warning is allowed).
    shutil.rmtree(docs / "conferences")
    (docs / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    extensions = runpy.run_path(str(REPO / "conf.py"))["extensions"]
    warnings = io.StringIO()
    app = SphinxTestApp(
        "dirhtml", srcdir=docs, builddir=tmp / "build", status=io.StringIO(), warning=warnings, parallel=3,
        confoverrides={"extensions": [e for e in extensions if e != "ext.blog"] + ["ext.blog"], "html_theme": "basic", "html_sidebars": {}},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


def published_posts() -> list:
    return blog_posts(read_site(REAL_SITE))


def test_no_blog_warnings(real_blog) -> None:
    _outdir, warnings = real_blog
    assert "[blog." not in warnings


def test_every_post_is_reachable_from_the_blog_index(real_blog) -> None:
    outdir, _warnings = real_blog
    posts = published_posts()
    # 455 files in content/blog, one of them a draft
    assert len(list((REAL_SITE / "content" / "blog").glob("*.md"))) == 455 and len(posts) == 454
    index = BeautifulSoup((outdir / "blog" / "index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {urljoin("/blog/", a["href"]) for a in index.select("ul.post-list a")}
    assert linked == {post.url for post in posts}
    assert all((outdir / url.strip("/") / "index.html").is_file() for url in linked)
    assert (outdir / "blog" / "index.html").stat().st_size < 200_000


def test_every_tag_has_its_page_and_feed(real_blog) -> None:
    outdir, _warnings = real_blog
    counts = Counter(tag_slug(tag) for post in published_posts() for tag in {tag_slug(t): t for t in post_tags(post)}.values())
    assert len(counts) > 100
    for slug, count in counts.items():
        page = BeautifulSoup((outdir / "tags" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert len(page.select("ul.post-list > li")) == count, slug
        assert len(ET.parse(outdir / "tags" / slug / "index.xml").getroot().findall("channel/item")) == count, slug
    tags_index = BeautifulSoup((outdir / "tags" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(tags_index.select("ul.tag-list > li")) == len(counts)


def test_blog_feed_has_every_post(real_blog) -> None:
    outdir, _warnings = real_blog
    channel = ET.parse(outdir / "blog" / "index.xml").getroot().find("channel")
    items = channel.findall("item")
    assert len(items) == 454
    assert all(item.findtext("link").startswith("https://iassistdata.org/blog/") for item in items)
    assert all(item.findtext("pubDate") and item.findtext("title") for item in items)
