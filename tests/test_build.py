"""Sphinx builds of the example site (always) and of the real site (when present)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from ext.hugo_import.site import read_site

from .conftest import EXAMPLE_SITE, REAL_SITE
from .site_checks import broken_references, page_size_kb


def page(outdir, url: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_example_site_builds_without_warnings(example_build) -> None:
    _outdir, warnings, _report = example_build
    assert warnings == ""


def test_example_pages_keep_their_hugo_urls(example_build) -> None:
    outdir, _warnings, _report = example_build
    for url in ["/", "/about/", "/about/faq/", "/conferences/", "/conferences/archive/2024-halifax/",
                "/blog/", "/blog/2013/04/02/call-for-iq-contributions/", "/contact/",
                "/img/logo.png", "/file/about/strategic-plan-summary.pdf",
                "/conferences/iassist2025/full-program/index.html"]:
        target = outdir / url.strip("/")
        assert (target / "index.html").is_file() or target.is_file(), url


def test_example_links_images_and_leftovers(example_build) -> None:
    outdir, _warnings, _report = example_build
    leftovers, broken = broken_references(outdir)
    assert leftovers == []
    assert broken == []


def test_converted_constructs_render(example_build) -> None:
    outdir, _warnings, _report = example_build
    conferences = page(outdir, "/conferences/")
    buttons = conferences.select("a.sd-btn")
    assert any(b.get("href") == "iassist2026/" for b in buttons)
    assert conferences.find(id="annual") is not None
    about = page(outdir, "/about/about-iassist/")
    assert about.select("article img")
    webinars = page(outdir, "/community/iassist-webinars/")
    assert webinars.select_one(".embed-youtube iframe")["src"].startswith("https://www.youtube-nocookie.com/embed/")
    # untitled iframes are titled by what they show, for screen readers and the link under them
    for url, title in [("/contact/", "Form (Google Forms)"),
                       ("/conferences/iassist2025/maps-and-local-information/", "Map (OpenStreetMap)")]:
        embed = page(outdir, url).select_one(".embed-iframe")
        assert embed.select_one("iframe")["title"] == title
        assert embed.select_one(".embed-link a").get_text() == title
    schedule = page(outdir, "/conferences/iassist2025/conference-schedule/")
    assert schedule.select("table th")
    early = page(outdir, "/conferences/1974-1999-conferences/")
    assert early.select("dl dt")


def test_short_pages_stay_small(example_build) -> None:
    outdir, _warnings, _report = example_build
    assert page_size_kb(outdir / "contact" / "index.html") < 40


def test_example_conference_page_shows_every_event_as_a_card(example_build) -> None:
    outdir, _warnings, _report = example_build
    assert_conference_page_cards(EXAMPLE_SITE / "content" / "conferences" / "_index.md", outdir)


def assert_conference_page_cards(source: Path, outdir: Path) -> None:
    """Every event button of the site's Conferences page is a card's button in the
    built page, pointing at the same event page."""
    text = re.sub(r"<!--.*?-->", "", source.read_text(encoding="utf-8"), flags=re.DOTALL)
    targets = re.findall(r'<a class="btn[^"]*" href="\./([^"/]+)/"', text)
    built = page(outdir, "/conferences/")
    buttons = {a["href"] for a in built.select(".sd-card a.events-button")}
    assert targets and {f"{t}/" for t in targets} <= buttons


def test_real_site_builds_clean(real_build) -> None:
    outdir, warnings, _report = real_build
    assert warnings == ""
    site = read_site(REAL_SITE)
    missing = [p.url for p in site.pages.values() if not (outdir / p.url.strip("/") / "index.html").is_file()]
    assert missing == []
    assert (outdir / "blog" / "index.html").is_file()
    leftovers, broken = broken_references(outdir)
    assert leftovers == []
    assert broken == []
    assert page_size_kb(outdir / "contact" / "index.html") < 40
    assert_conference_page_cards(REAL_SITE / "content" / "conferences" / "_index.md", outdir)
    programmes = [page(outdir, p.url) for p in site.pages.values() if p.front.data.get("datalink") and "archive" in p.url]
    assert sum(len(s.select("article.programme-presentation")) for s in programmes) == 2598
    assert sum(len(s.select("section.programme-session")) for s in programmes) == 779


def test_no_page_defines_an_id_twice(example_build) -> None:
    """Explicit heading anchors (``## []{#id}Title``) stay out of "On this page", which
    copies the heading: every id of every page is defined once."""
    outdir, _warnings, _report = example_build
    twice = {}
    for path in outdir.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            twice[path.relative_to(outdir).as_posix()] = repeated
    assert twice == {}
    faq = page(outdir, "/community/previous-interest-groups/")
    assert faq.find(id="newcomers-group").parent.name == "h2"
