"""The sidebar's version menu, filled from Read the Docs' addons data, in a real browser.

Read the Docs' addons script fires ``readthedocs-addons-data-ready`` with the project's
versions; here the test fires the same event, with data in the shape of the addons API
(version 1), on a page of the built example handbook opened in Debian's Chromium."""

from __future__ import annotations

import pytest

from .conftest import needs

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

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
def page(example_build):
    needs(("chromium",), "make check-deps")
    from playwright.sync_api import sync_playwright

    outdir, _warnings, _report = example_build
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
        tab.goto((outdir / "about" / "index.html").as_uri())
        yield tab
        browser.close()


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
