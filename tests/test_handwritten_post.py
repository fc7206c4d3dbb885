"""After the migration, volunteers write pages and posts by hand: what they see.

``tests/roots/test-handwritten-post``: a migrated handbook in small (a blog index with
one section per year, a migrated post, migrated tag pages) and a post a volunteer
wrote in MyST, ``blog/2027/05/25/our-new-handbook.md``: ``date``, ``authors``, an
existing and a new tag, no ``orphan`` and no ``hugo_url``. It must be at its address,
on the blog index (in a new 2027 section), on the home page, in the feeds, on both
tags' pages (the new tag's page made by ext.blog), and in the sitemap, with no warning.

``tests/roots/test-front-matter-bad``: the mistakes a volunteer can make (a misspelt
front matter key, an impossible date, links to pages that do not exist), each a
warning with the file and the line, so the build (``-W``) fails.
"""

from __future__ import annotations

import functools
import http.server
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from ext.front_matter import (
    KNOWN_KEYS,
    FrontMatterKey,
    front_matter_keys,
    quote_impossible_dates,
    unknown_key_message,
)

from . import conftest
from .conftest import REPO
from .conftest import html_page as soup

POST = "blog/2027/05/25/our-new-handbook"
NEW_POST = """\
---
date: 2028-01-09
author: Dana Weiss
tags: [Volunteers, Data Rescue]
---

# A new year of editing

Ten volunteers now edit the handbook.
"""


def titles(node) -> list[str]:
    return [a.get_text() for a in node.select("ul.post-list > li > p:first-child a")]


def year_sections(page) -> dict[str, object]:
    return {s.h2.get_text().rstrip("¶"): s for s in page.select("article section section")}


def warnings_of(app) -> list[str]:
    """The warnings, one per line, with the paths relative to the source folder."""
    text = strip_escape_sequences(app.warning.getvalue()).replace(str(app.srcdir) + "/", "")
    return [line for line in text.splitlines() if line.strip()]


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("dirhtml", srcdir=srcdir, **kwargs)
    app.build()
    app.cleanup()
    return app


# -- a post written by hand -----------------------------------------------------------

@pytest.mark.sphinx("dirhtml", testroot="handwritten-post", freshenv=True)
def test_handwritten_post_needs_nothing_more(app) -> None:
    app.build()
    assert warnings_of(app) == []  # no orphan: true needed, no tag page to create
    post = soup(app, f"{POST}/index.html")
    header = post.select_one("h1 + div.post-header")
    assert header.select_one(".post-meta").get_text() == "May 25, 2027 · by Ana Ortiz and Ben Okafor"
    assert [(a.get_text(), a["href"]) for a in header.select(".post-tags a")] == [
        ("Website", "../../../../../tags/website/"), ("Volunteers", "../../../../../tags/volunteers/")]
    # posts are orphans: the sidebar never lists them
    assert "Our new handbook" not in post.select_one(".sidebar-tree").get_text()
    # without a hugo_url, links from the PDF go to the post's address on the site
    assert app.env.domains["blog"].posts[POST].url_path == "/blog/2027/05/25/our-new-handbook/"


@pytest.mark.sphinx("dirhtml", testroot="handwritten-post", freshenv=True)
def test_handwritten_post_on_blog_index_home_and_tag_pages(app) -> None:
    app.build()
    blog = soup(app, "blog/index.html")
    sections = year_sections(blog)
    # the blog index had no 2027 section: it gets one, newest first, and in its contents
    assert list(sections) == ["2027", "2024"]
    assert titles(sections["2027"]) == ["Our new handbook"]
    assert titles(sections["2024"]) == ["Winter schedule"]
    assert [a.get_text() for a in blog.select(".toc-tree a")] == ["News", "2027", "2024"]
    assert titles(soup(app, "index.html")) == ["Our new handbook", "Winter schedule"]
    assert titles(soup(app, "tags/website/index.html")) == ["Our new handbook", "Winter schedule"]
    new_tag = soup(app, "tags/volunteers/index.html")
    assert new_tag.title.get_text() == "Posts tagged “Volunteers” - IASSIST Handbook"
    assert new_tag.select_one("article h1").get_text() == "Posts tagged “Volunteers”¶"
    entry = new_tag.select_one("article ul.post-list > li")
    assert entry.select_one("time")["datetime"] == "2027-05-25"
    assert entry.select_one("a")["href"] == "../../blog/2027/05/25/our-new-handbook/"
    assert entry.select_one(".post-summary").get_text() == "The web team now writes the site's pages in MyST."
    # the theme's page: navigation, search, the tag's feed
    assert new_tag.select_one(".sidebar-tree") is not None and new_tag.select_one("form.sidebar-search-container")
    assert [(link["href"], link["title"]) for link in new_tag.select('link[rel="alternate"]')] == [
        ("../../blog/index.xml", "News"), ("index.xml", "Volunteers")]
    tags = soup(app, "tags/index.html").select("ul.tag-list > li")
    assert [(li.a.get_text(), li.a["href"], li.select_one(".tag-count").get_text()) for li in tags] == [
        ("Volunteers", "volunteers/", " (1)"), ("Website", "website/", " (2)")]


@pytest.mark.sphinx("dirhtml", testroot="handwritten-post", freshenv=True)
def test_handwritten_post_in_feeds_and_sitemap(app) -> None:
    app.build()
    out = Path(app.outdir)
    item = ET.parse(out / "blog" / "index.xml").getroot().find("channel/item")
    assert item.findtext("title") == "Our new handbook"
    assert item.findtext("link") == "https://handbook.example.org/blog/2027/05/25/our-new-handbook/"
    assert item.findtext("pubDate") == "Tue, 25 May 2027 00:00:00 +0000"
    assert [c.text for c in item.findall("category")] == ["Website", "Volunteers"]
    channel = ET.parse(out / "tags" / "volunteers" / "index.xml").getroot().find("channel")
    assert channel.findtext("link") == "https://handbook.example.org/tags/volunteers/"
    assert [i.findtext("title") for i in channel.findall("item")] == ["Our new handbook"]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for url in ["blog/2027/05/25/our-new-handbook/", "tags/volunteers/", "tags/website/", "blog/"]:
        assert f"<loc>https://handbook.example.org/{url}</loc>" in sitemap, url


def test_incremental_build_after_a_post_with_a_new_year_and_tag(make_app, tmp_path) -> None:
    srcdir = conftest.copy_root(tmp_path, "handwritten-post")
    build(make_app, srcdir)
    post = srcdir / "blog" / "2028" / "01" / "09" / "new-year-of-editing.md"
    post.parent.mkdir(parents=True)
    post.write_text(NEW_POST, encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    assert list(year_sections(soup(app, "blog/index.html"))) == ["2028", "2027", "2024"]
    assert titles(soup(app, "index.html")) == ["A new year of editing", "Our new handbook"]
    assert titles(soup(app, "tags/volunteers/index.html")) == ["A new year of editing", "Our new handbook"]
    assert titles(soup(app, "tags/data-rescue/index.html")) == ["A new year of editing"]
    assert "Data Rescue" in soup(app, "tags/index.html").select_one("ul.tag-list").get_text()
    items = ET.parse(Path(app.outdir) / "tags" / "data-rescue" / "index.xml").getroot().findall("channel/item")
    assert [i.findtext("title") for i in items] == ["A new year of editing"]
    assert "<loc>https://handbook.example.org/tags/data-rescue/</loc>" in (
        Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    # the post moves to 2024: no 2028 section is left, and nothing is read again after that
    post.write_text(NEW_POST.replace("2028-01-09", "2024-12-30"), encoding="utf-8")
    app = build(make_app, srcdir)
    assert list(year_sections(soup(app, "blog/index.html"))) == ["2027", "2024"]
    assert titles(year_sections(soup(app, "blog/index.html"))["2024"]) == ["A new year of editing", "Winter schedule"]
    app = make_app("dirhtml", srcdir=srcdir)
    assert app.builder.read() == []
    app.cleanup()


def test_parallel_build_equals_serial(make_app, tmp_path) -> None:
    serial = build(make_app, conftest.copy_root(tmp_path / "serial", "handwritten-post"))
    parallel = build(make_app, conftest.copy_root(tmp_path / "parallel", "handwritten-post"), parallel=2)
    for page in ["blog/index.html", "tags/volunteers/index.html", "tags/index.html", "tags/volunteers/index.xml"]:
        assert (Path(parallel.outdir) / page).read_bytes() == (Path(serial.outdir) / page).read_bytes(), page


# -- what a volunteer can get wrong ---------------------------------------------------
# (in the order Sphinx reports them: each page's front matter as it is read, then the
# blog's reading of a post, then links as they are resolved)

@pytest.mark.sphinx("dirhtml", testroot="front-matter-bad", freshenv=True)
def test_every_mistake_is_a_located_warning(app) -> None:
    app.build()
    assert warnings_of(app) == [
        ("about.md:2: WARNING: unknown front matter key 'tittle'; did you mean 'title'? That is not read either: a"
         " page's title is its first heading ('# ...' under the front matter) [front-matter.unknown-key]"),
        "about.md:3: WARNING: unknown front matter key 'tag'; did you mean 'tags'? [front-matter.unknown-key]",
        ("about.md:4: WARNING: front matter date: '2027-02-30' is not a real date: day is out of range for month"
         " [front-matter.bad-date]"),
        ("about.md:5: WARNING: front matter lastmod: '2027-13-01' is not a real date: month must be in 1..12"
         " [front-matter.bad-date]"),
        ("about.md:6: WARNING: unknown front matter key 'colour': nothing reads it (if it is meant, add it to"
         " front_matter_keys in conf.py) [front-matter.unknown-key]"),
        ("blog/2027/03/01/spring-plans.md:4: WARNING: unknown front matter key 'Tags'; did you mean 'tags'?"
         " [front-matter.unknown-key]"),
        ("blog/2027/03/01/spring-plans.md:2: WARNING: date '2027-02-30': day is out of range for month; the post"
         " is listed as undated [blog.bad-date]"),
        ("draft.md:3: WARNING: front matter key 'title' is not read: a page's title is its first heading ('# ...'"
         " under the front matter) [front-matter.unknown-key]"),
        ("draft.md:4: WARNING: front matter key 'draft' is not read: every page in docs/ is published; keep a draft"
         " out of docs/ (in a branch) until it is ready [front-matter.unknown-key]"),
        "links.md:4: WARNING: 'myst' cross-reference target not found: 'missing.md' [myst.xref_missing]",
        "links.md:5: WARNING: 'myst' cross-reference target not found: '/about/nothere/' [myst.xref_missing]",
        "links.md:6: WARNING: 'myst' cross-reference target not found: '../nothere.md' [myst.xref_missing]",
    ]
    # the bare impossible date did not cost the page its other keys (MyST's YAML would drop them all)
    assert soup(app, "about/index.html").select_one('meta[name="description"]')["content"] == "Who we are."


@pytest.mark.sphinx("dirhtml", testroot="front-matter-bad", freshenv=True,
                    confoverrides={"suppress_warnings": ["front-matter.unknown-key"],
                                   "front_matter_keys": ["colour"]})
def test_suppress_warnings_and_extra_keys(app) -> None:
    app.build()
    assert [line.split(" [")[-1] for line in warnings_of(app)] == [
        "front-matter.bad-date]", "front-matter.bad-date]", "blog.bad-date]",
        "myst.xref_missing]", "myst.xref_missing]", "myst.xref_missing]"]


@pytest.mark.parametrize(("key", "message"), [
    ("tittle", ("unknown front matter key 'tittle'; did you mean 'title'? That is not read either: a page's title"
                " is its first heading ('# ...' under the front matter)")),
    ("Draft", ("unknown front matter key 'Draft'; did you mean 'draft'? That is not read either: every page in docs/"
               " is published; keep a draft out of docs/ (in a branch) until it is ready")),
    ("tag", "unknown front matter key 'tag'; did you mean 'tags'?"),
    ("Date", "unknown front matter key 'Date'; did you mean 'date'?"),
    ("autor", "unknown front matter key 'autor'; did you mean 'author'?"),
    ("descripton", "unknown front matter key 'descripton'; did you mean 'description'?"),
    ("colour", ("unknown front matter key 'colour': nothing reads it (if it is meant, add it to front_matter_keys"
                " in conf.py)")),
])
def test_unknown_key_suggestions(key: str, message: str) -> None:
    assert unknown_key_message(key, KNOWN_KEYS) == message


def test_title_is_known_when_myst_makes_it_the_heading() -> None:
    assert unknown_key_message("tittle", KNOWN_KEYS | {"title"}) == "unknown front matter key 'tittle'; did you mean 'title'?"


def test_only_bare_impossible_dates_are_quoted() -> None:
    text = "---\ndate: 2027-02-30\nlastmod: 2027-02-28\ntitle: 2027-02-30\n---\n# A\n"
    assert quote_impossible_dates(text, {2, 3}) == text.replace("date: 2027-02-30", 'date: "2027-02-30"', 1)
    assert quote_impossible_dates(text, set()) is text


def test_front_matter_keys_with_their_lines() -> None:
    text = "---\n'tittle': About\ntags:\n- a\n- b\ndate: 2027-02-30\n---\n\n# About\n"
    assert front_matter_keys(text) == [
        FrontMatterKey("tittle", "About", 2), FrontMatterKey("tags", ["a", "b"], 3),
        FrontMatterKey("date", "2027-02-30", 6)]
    # no front matter, or none MyST would take (it reports those itself)
    for text in ["# About\n", "---\n- a list\n---\n", "---\nkey: [unclosed\n---\n", "---\nkey: value\n"]:
        assert front_matter_keys(text) is None


def test_migrated_pages_use_known_keys_only() -> None:
    """Every key of the committed handbook (the example site migrated) is known."""
    keys = {key.name for path in (REPO / "docs").rglob("*.md") if "_site_static" not in path.parts
            for key in front_matter_keys(path.read_text(encoding="utf-8")) or ()}
    assert {"hugo_url", "date", "tags", "oldpath"} <= keys <= KNOWN_KEYS


# -- how the new tag's page looks ------------------------------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def test_new_tag_page_in_chromium(make_app, tmp_path) -> None:
    """The page made for the new tag, in Chromium: the theme's page with the post, the
    link to it working, no console error; the screenshot is kept in _build/screenshots."""
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        conftest.skip_or_fail("Chromium is missing (make check-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    app = build(make_app, conftest.copy_root(tmp_path, "handwritten-post"))
    handler = functools.partial(QuietHandler, directory=str(app.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    screenshot = REPO / "_build" / "screenshots" / "new-tag-page.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
                    if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
            page.goto(f"http://127.0.0.1:{server.server_port}/tags/volunteers/")
            page.wait_for_load_state("networkidle")
            assert page.locator("article h1").inner_text().strip() == "Posts tagged “Volunteers”"
            entry = page.locator("article ul.post-list > li").first
            assert entry.locator("time").is_visible() and entry.locator("a").is_visible()
            # the date and the title sit on one line, as on the migrated tag pages
            assert abs(entry.locator("time").bounding_box()["y"] - entry.locator("a").bounding_box()["y"]) < 4
            assert page.locator(".sidebar-tree").is_visible()
            page.screenshot(path=str(screenshot), full_page=True)
            entry.locator("a").click()
            page.wait_for_url("**/blog/2027/05/25/our-new-handbook/")
            assert page.locator("article h1").inner_text().strip() == "Our new handbook"
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    # the browser's own /favicon.ico request (the handbook has none) is not the page's
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert screenshot.stat().st_size > 10_000
