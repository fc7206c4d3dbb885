"""The sidebar's version menu, filled from Read the Docs' addons data, in Chromium.

Read the Docs' addons script fires ``readthedocs-addons-data-ready`` with the project's
versions; here the test fires the same event, with data in the shape of the addons API
(version 1), on a page of the built example handbook opened in Debian's Chromium."""

from __future__ import annotations

import pytest

from .conftest import new_context, watched_page

ADDONS_DATA = """{
  versions: {
    current: {slug: "2027.1"},
    active: [
      {slug: "latest", hidden: false, urls: {documentation: "https://handbook.example.org/en/latest/"}},
      {slug: "stable", hidden: false, urls: {documentation: "https://handbook.example.org/en/stable/"}},
      {slug: "2027.1", hidden: false, urls: {documentation: "https://handbook.example.org/en/2027.1/"}},
      {slug: "2026.2", hidden: true, urls: {documentation: "https://handbook.example.org/en/2026.2/"}}
    ]
  }
}"""


@pytest.fixture(scope="module")
def page(browser, site_url):
    """``/about/`` of the served example handbook, desktop wide (the sidebar shows)."""
    context = new_context(browser, 1280)
    tab = watched_page(context)
    tab.goto(f"{site_url}/about/")
    yield tab
    assert tab.recorder.problems() == []
    context.close()


def test_without_read_the_docs_the_version_menu_is_hidden(page) -> None:
    assert page.locator(".handbook-versions").is_hidden()
    assert page.locator('meta[name="readthedocs-addons-api-version"]').get_attribute("content") == "1"


def test_the_addons_data_fills_the_version_menu(page) -> None:
    page.evaluate(f"""() => document.dispatchEvent(new CustomEvent("readthedocs-addons-data-ready",
        {{detail: {{data: () => ({ADDONS_DATA})}}}}))""")
    menu = page.locator(".handbook-versions")
    assert menu.is_visible()
    links = menu.locator("a")
    assert links.all_inner_texts() == ["latest", "stable", "2027.1"]  # hidden versions are left out
    assert links.nth(1).get_attribute("href") == "https://handbook.example.org/en/stable/"
    assert menu.locator("a[aria-current]").inner_text() == "2027.1"
    assert menu.locator(".handbook-versions-current").inner_text() == "2027.1"
