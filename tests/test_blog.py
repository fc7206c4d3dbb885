"""The blog extension (ext/blog): post headers, lists, tag pages, feeds, rebuilds.

Builds ``tests/roots/test-blog`` (four posts, dates in four forms, three tags, one
tag written two ways) and ``tests/roots/test-blog-bad`` (every warning).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from ext.blog.posts import BadDate, parse_post_date

from . import conftest
from .conftest import html_page as soup
DC = "{http://purl.org/dc/elements/1.1/}"



def list_titles(node) -> list[str]:
    return [a.get_text() for a in node.select("ul.post-list > li > p:first-child a")]


def copy_root(tmp_path: Path, name: str = "blog") -> Path:
    return conftest.copy_root(tmp_path, name)


def build(make_app, srcdir: Path, builder: str = "dirhtml", **kwargs):
    app = make_app(builder, srcdir=srcdir, **kwargs)
    app.build()
    app.cleanup()
    return app


# -- dates -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day", "iso", "utc_hour"), [
    ("2015-03-02 07:04:10 -0700", date(2015, 3, 2), "2015-03-02T07:04:10-07:00", 14),
    ("2015-03-02 07:04:10-07:00", date(2015, 3, 2), "2015-03-02T07:04:10-07:00", 14),
    ("2023-12-31T23:30:00+01:00", date(2023, 12, 31), "2023-12-31T23:30:00+01:00", 22),
    ("2023-02-14T08:00:00Z", date(2023, 2, 14), "2023-02-14T08:00:00+00:00", 8),
    ("2023-02-14 08:00", date(2023, 2, 14), "2023-02-14T08:00:00", 8),
    ("2024-11-20", date(2024, 11, 20), "2024-11-20", 0),
])
def test_post_dates_in_every_form(text, day, iso, utc_hour) -> None:
    when = parse_post_date(text)
    assert (when.day, when.iso, when.moment.utcoffset() is not None) == (day, iso, True)
    assert when.moment.astimezone(tz=None).utcoffset() is not None
    assert when.moment.timestamp() % 86400 // 3600 == utc_hour
    assert when.for_people() == f"{day:%B} {day.day}, {day.year}"


@pytest.mark.parametrize("text", ["2024-30-05", "May 5, 2024", "2024-05-05 25:00", "2024-05-05 10:00 +2500", ""])
def test_bad_post_dates(text) -> None:
    with pytest.raises(BadDate):
        parse_post_date(text)


# -- the test root ------------------------------------------------------------------

@pytest.mark.sphinx("dirhtml", testroot="blog", freshenv=True)
def test_post_header_shows_date_authors_and_tag_links(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "blog/2024/11/20/winter-schedule/index.html")
    header = page.select_one("h1 + div.post-header")
    assert header.select_one("time")["datetime"] == "2024-11-20"
    assert header.select_one("time").get_text() == "November 20, 2024"
    assert header.select_one(".post-authors").get_text() == "by Ben Okafor, Chen Li and Dana Weiss"
    assert [(a.get_text(), a["href"]) for a in header.select(".post-tags a")] == [("Events", "../../../../../tags/events/")]
    spring = soup(app, "blog/2024/05/01/spring-meeting/index.html").select_one(".post-header")
    assert spring.select_one("time")["datetime"] == "2024-05-01T09:30:00-07:00"
    assert spring.select_one(".post-meta").get_text() == "May 1, 2024 · by Ana Ortiz"
    assert [a.get_text() for a in spring.select(".post-tags a")] == ["Data Curation", "Events"]


@pytest.mark.sphinx("dirhtml", testroot="blog", freshenv=True)
def test_blog_list_newest_first_by_year(app) -> None:
    app.build()
    page = soup(app, "blog/index.html")
    sections = {s.h2.get_text().rstrip("¶"): s for s in page.select("section section")}
    assert list(sections) == ["2024", "2023", "Latest"]
    assert list_titles(sections["2024"]) == ["Winter schedule", "Spring meeting in the harbour town"]
    # 23:30 at +01:00 on Dec 31 is still after Feb 14 (mixed offsets sort by instant)
    assert list_titles(sections["2023"]) == ["Year-end scripts", "Curation notes"]
    first = sections["2024"].select_one("ul.post-list > li")
    assert first.select_one("time").get_text() == "November 20, 2024"
    assert first.select_one("a")["href"] == "2024/11/20/winter-schedule/"
    assert first.select_one(".post-authors").get_text() == "by Ben Okafor, Chen Li and Dana Weiss"
    assert first.select_one(".post-summary").get_text() == "The winter schedule, in one short note."
    # without :summary: only a front matter description is shown
    assert sections["2024"].select("li")[1].select_one(".post-summary") is None
    latest = sections["Latest"]
    assert list_titles(latest) == ["Winter schedule", "Spring meeting in the harbour town"]
    assert latest.select("li")[1].select_one(".post-summary").get_text().startswith("The spring meeting gathered")
    # posts are orphans: the sidebar never lists them
    assert "Winter schedule" not in page.select_one(".sphinxsidebar").get_text()


@pytest.mark.sphinx("dirhtml", testroot="blog", freshenv=True)
def test_tag_pages_and_tags_index(app) -> None:
    app.build()
    curation = soup(app, "tags/data-curation/index.html")
    # "Data Curation" and "data curation" are one tag (one slug), as in Hugo
    assert list_titles(curation) == ["Spring meeting in the harbour town", "Curation notes"]
    assert list_titles(soup(app, "tags/r-python/index.html")) == ["Year-end scripts"]
    index = soup(app, "tags/index.html").select_one("ul.tag-list")
    assert [(li.a.get_text(), li.a["href"], li.select_one(".tag-count").get_text()) for li in index.select("li")] == [
        ("Data Curation", "data-curation/", " (2)"), ("Events", "events/", " (2)"), ("R & Python", "r-python/", " (1)"),
    ]


@pytest.mark.sphinx("dirhtml", testroot="blog", freshenv=True)
def test_feeds(app) -> None:
    app.build()
    out = Path(app.outdir)
    channel = ET.parse(out / "blog" / "index.xml").getroot().find("channel")
    assert channel.findtext("title") == "News on Example Society"
    assert channel.findtext("link") == "https://blog.example.org/blog/"
    assert channel.findtext("lastBuildDate") == "Wed, 20 Nov 2024 00:00:00 +0000"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Winter schedule", "Spring meeting in the harbour town", "Year-end scripts", "Curation notes"]
    first = items[0]
    assert first.findtext("link") == "https://blog.example.org/blog/2024/11/20/winter-schedule/"
    assert first.findtext("pubDate") == "Wed, 20 Nov 2024 00:00:00 +0000"
    assert [c.text for c in first.findall(f"{DC}creator")] == ["Ben Okafor", "Chen Li", "Dana Weiss"]
    assert [c.text for c in first.findall("category")] == ["Events"]
    assert first.findtext("description") == "The winter schedule, in one short note."
    assert items[1].findtext("pubDate") == "Wed, 01 May 2024 09:30:00 -0700"
    tag_items = ET.parse(out / "tags" / "events" / "index.xml").getroot().findall("channel/item")
    assert [i.findtext("title") for i in tag_items] == ["Winter schedule", "Spring meeting in the harbour town"]
    head = soup(app, "tags/events/index.html").select('link[rel="alternate"]')
    assert [(link["href"], link["title"]) for link in head] == [("../../blog/index.xml", "News"), ("index.xml", "Events")]


def test_feeds_are_reproducible_and_incremental_builds_update_lists(make_app, tmp_path) -> None:
    srcdir = copy_root(tmp_path)
    app = build(make_app, srcdir)
    out = Path(app.outdir)
    feed = (out / "blog" / "index.xml").read_bytes()
    app = build(make_app, srcdir)
    assert (out / "blog" / "index.xml").read_bytes() == feed

    post = srcdir / "blog" / "2025" / "01" / "09" / "new-year.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\norphan: true\ndate: 2024-12-30\nauthor: Ana Ortiz\ntags: [Events]\n---\n\n# New year\n\nHello.\n")
    app = build(make_app, srcdir)
    assert app.warning.getvalue() == ""
    assert list_titles(soup(app, "blog/index.html").select("section section")[0])[0] == "New year"
    assert list_titles(soup(app, "tags/events/index.html"))[0] == "New year"
    assert "New year" in soup(app, "tags/index.html").get_text() or "(3)" in soup(app, "tags/index.html").get_text()
    assert "(3)" in soup(app, "tags/index.html").select("ul.tag-list li")[1].get_text()
    items = ET.parse(out / "blog" / "index.xml").getroot().findall("channel/item")
    assert items[0].findtext("title") == "New year" and len(items) == 5

    # a changed date moves the post; a removed tag takes it off that tag's page
    post.write_text("---\norphan: true\ndate: 2023-01-02\nauthor: Ana Ortiz\n---\n\n# New year\n\nHello.\n")
    app = build(make_app, srcdir)
    assert list_titles(soup(app, "blog/index.html").select("section section")[1])[-1] == "New year"
    assert "New year" not in list_titles(soup(app, "tags/events/index.html"))
    assert ET.parse(out / "blog" / "index.xml").getroot().findall("channel/item")[-1].findtext("title") == "New year"


def test_feeds_are_made_again_only_when_their_posts_change(make_app, tmp_path, monkeypatch) -> None:
    import ext.blog.feeds

    made_feeds = []
    real = ext.blog.feeds.feed_bytes
    monkeypatch.setattr(ext.blog.feeds, "feed_bytes", lambda *a, **k: made_feeds.append(1) or real(*a, **k))
    srcdir = copy_root(tmp_path)
    out = Path(build(make_app, srcdir).outdir)
    feeds = sorted(out.rglob("index.xml"))
    assert len(feeds) > 2 and len(made_feeds) == len(feeds)
    made = {feed: feed.stat().st_mtime_ns for feed in feeds}
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text() + "\nAn edit elsewhere.\n")
    made_feeds.clear()
    build(make_app, srcdir)
    assert {feed: feed.stat().st_mtime_ns for feed in feeds} == made
    assert made_feeds == []  # not even made in memory
    # a feed taken away is written again, and so is a feed whose post changed
    (out / "tags" / "events" / "index.xml").unlink()
    build(make_app, srcdir)
    assert (out / "tags" / "events" / "index.xml").is_file()
    post = next(srcdir.glob("blog/2024/05/01/*.md"))
    post.write_text(post.read_text().replace("Spring meeting", "Spring meeting, moved"))
    build(make_app, srcdir)
    assert "Spring meeting, moved" in (out / "blog" / "index.xml").read_text(encoding="utf-8")


def test_parallel_build_equals_serial(make_app, tmp_path) -> None:
    serial = build(make_app, copy_root(tmp_path / "serial"))
    parallel = build(make_app, copy_root(tmp_path / "parallel"), parallel=2)
    for page in ["blog/index.html", "tags/index.html", "tags/events/index.html",
                 "blog/2024/05/01/spring-meeting/index.html", "blog/index.xml", "tags/events/index.xml"]:
        assert (Path(parallel.outdir) / page).read_bytes() == (Path(serial.outdir) / page).read_bytes(), page


def test_latex_and_text_builds(make_app, tmp_path) -> None:
    srcdir = copy_root(tmp_path)
    latex = build(make_app, srcdir, "latex")
    assert latex.warning.getvalue() == ""
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{itemize}" in tex and "Winter schedule" in tex and "November 20, 2024" in tex
    # not in the PDF's pages, so the titles link to the live site
    assert r"\sphinxhref{https://blog.example.org/blog/2024/11/20/winter-schedule/}" in tex
    text = build(make_app, srcdir, "text")
    assert text.warning.getvalue() == ""
    listing = " ".join((Path(text.outdir) / "blog" / "index.txt").read_text(encoding="utf-8").split())
    assert "* November 20, 2024 Winter schedule by Ben Okafor, Chen Li and Dana Weiss" in listing
    post = " ".join((Path(text.outdir) / "blog/2024/05/01/spring-meeting.txt").read_text(encoding="utf-8").split())
    assert "May 1, 2024 · by Ana Ortiz" in post and "Tags: Data Curation, Events" in post


# -- warnings -----------------------------------------------------------------------

@pytest.mark.sphinx("dirhtml", testroot="blog-bad", freshenv=True)
def test_every_warning_is_located_and_typed(app) -> None:
    app.build()
    text = strip_escape_sequences(app.warning.getvalue())
    warnings = [line.split("blog-bad", 1)[-1] for line in text.splitlines() if line]
    assert warnings == [
        "/blog/bad-date.md:3: WARNING: date '2024-30-05': month must be in 1..12; the post is listed as undated [blog.bad-date]",
        "/blog/no-date.md:1: WARNING: the post has no date (add one, date: YYYY-MM-DD, to its front matter); "
        "it is listed last [blog.missing-date]",
        "/index.md:9: WARNING: no post has the tag 'Unknown' [blog.unknown-tag]",
        "WARNING: no feeds written: set blog_base_url (or site_base_url or html_baseurl) to the site's address [blog.no-base-url]",
    ]
    undated = soup(app, "index.html").select("ul.post-list")[0]
    assert list_titles(undated) == ["A bad date", "No date"]
    # a tag without a page of its own gets one (ext/blog/tag_pages.py): no warning
    assert list_titles(soup(app, "tags/nowhere/index.html")) == ["No date"]


@pytest.mark.sphinx("dirhtml", testroot="blog-bad", freshenv=True,
                    confoverrides={"suppress_warnings": ["blog.bad-date", "blog.missing-date", "blog.unknown-tag",
                                                         "blog.no-base-url"]})
def test_suppress_warnings(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
