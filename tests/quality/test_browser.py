"""The built handbook in a real browser (Chromium via Playwright): what a visitor clicks
works, pages load without errors or requests to other hosts, and every page type is
photographed at desktop and phone width and in dark mode (``_build/screenshots/``)."""

from __future__ import annotations

import json
import struct
from urllib.parse import quote_plus, urljoin, urlsplit

import pytest

from tests.conftest import EXAMPLE_SITE
from tests.quality.conftest import ALL_PAGE_TYPES, ALLOWED_OUTSIDE_HOSTS, PAGE_TYPES, VIEWS

#: A presenter of the 2024 programme whose name is on no other page of the example site.
PRESENTER = "Lee Madeup"
PROGRAMME_JSON = EXAMPLE_SITE / "data" / "conferences" / "archive" / "2024-Halifax.json"
PROGRAMME_PAGE = PAGE_TYPES["programme"]


def _expect():
    """Playwright's ``expect`` (imported late: without Playwright the gates skip)."""
    from playwright.sync_api import expect

    return expect


def test_conferences_page_shows_cards_and_a_card_button_opens_its_event(site_page, site_url):
    expect = _expect()
    page = site_page
    page.goto(site_url + PAGE_TYPES["conferences"])
    cards = page.locator(".sd-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 3, "the Conferences page shows fewer than three event cards"
    card = page.locator(".sd-card").filter(has=page.locator("a.events-button")).first
    expect(card).to_be_visible()
    event = card.locator(".events-card-title").inner_text().strip()
    button = card.locator("a.events-button").first
    target = urljoin(page.url, button.get_attribute("href"))
    button.click()
    page.wait_for_url(target)
    expect(page.locator("h1")).to_contain_text(event)
    assert not page.recorder.problems()


def test_search_box_finds_a_presentation_by_its_presenters_name(site_page, site_url):
    expect = _expect()
    programme = json.loads(PROGRAMME_JSON.read_text(encoding="utf-8"))
    presenters = {p["name"] for s in programme["sessions"] for t in s["presentations"] for p in t["presenters"]}
    assert PRESENTER in presenters, f"{PRESENTER} no longer presents in {PROGRAMME_JSON.name}: pick another"
    page = site_page
    page.goto(site_url + "/")
    box = page.locator(".sidebar-search-container input[name=q]")
    box.fill(PRESENTER)
    box.press("Enter")
    page.wait_for_url(lambda url: url.startswith(f"{site_url}/search/?q={quote_plus(PRESENTER)}"))
    result = page.locator(f'#search-results ul.search li a[href*="{PROGRAMME_PAGE.strip("/")}/"]').first
    expect(result).to_be_visible(timeout=15_000)
    result.click()
    page.wait_for_url(f"{site_url}{PROGRAMME_PAGE}**")
    expect(page.get_by_text(PRESENTER, exact=False).first).to_be_visible()
    assert not page.recorder.problems()


def test_search_page_on_a_phone_has_its_own_search_box(phone_page, site_url):
    expect = _expect()
    page = phone_page
    page.goto(site_url + "/search/")
    expect(page.locator("h1")).to_have_text("Search")
    box = page.get_by_label("Search the handbook")
    expect(box).to_be_visible()
    box.fill(PRESENTER)
    page.get_by_role("button", name="Search", exact=True).click()
    result = page.locator(f'#search-results ul.search li a[href*="{PROGRAMME_PAGE.strip("/")}/"]').first
    expect(result).to_be_visible(timeout=15_000)
    expect(box).to_have_value(PRESENTER)
    assert not page.recorder.problems()


def test_programme_abstract_opens_and_closes(site_page, site_url):
    expect = _expect()
    page = site_page
    page.goto(site_url + PROGRAMME_PAGE)
    abstract = page.locator("details.programme-abstract").first
    summary, text = abstract.locator("summary"), abstract.locator("p").first
    expect(summary).to_be_visible()
    expect(text).to_be_hidden()
    summary.click()
    expect(text).to_be_visible()
    summary.click()
    expect(text).to_be_hidden()
    assert not page.recorder.problems()


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_page_loads_without_console_errors_or_requests_to_other_hosts(page_visits, name):
    problems = page_visits[name].problems
    assert not problems, f"{page_visits[name].page_type.path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ALLOWED_OUTSIDE_HOSTS)
def test_embeds_load_from_their_allowed_host_only(page_visits, name):
    """A video, a calendar, a form and a map: each page asks its embed's host, and no other."""
    visit = page_visits[name]
    assert visit.stubbed_requests, f"the {name} page asked for nothing to embed"
    hosts = {urlsplit(url).hostname for url in visit.stubbed_requests}
    assert hosts <= set(ALLOWED_OUTSIDE_HOSTS[name]), hosts


def test_redirect_page_leads_to_its_page(site_page, site_url, page_types):
    redirect = page_types["redirect"]
    site_page.goto(site_url + redirect.path)
    site_page.wait_for_url(site_url + redirect.redirect_to)
    assert site_page.locator("h1").count() == 1
    assert not site_page.recorder.problems()


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_page_fits_a_phone_screen_without_sideways_scrolling(page_visits, name):
    visit = page_visits[name]
    too_wide = {width: w for width, w in visit.scroll_widths.items() if w > width}
    assert not too_wide, f"{visit.page_type.path}: page width (px) wider than the screen: {too_wide}"


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_screenshots_at_desktop_and_phone_width_and_in_dark_mode(page_visits, name):
    shots = page_visits[name].screenshots
    assert len(shots) == len(VIEWS)
    for shot, (width, _scheme) in zip(shots, VIEWS):
        with shot.open("rb") as png:
            header = png.read(24)
        assert header[:8] == b"\x89PNG\r\n\x1a\n", shot
        assert struct.unpack(">I", header[16:20])[0] == width, f"{shot}: not {width} px wide"
