"""What the Hugo theme showed from config.toml (ext/hugo_import/theme_params.py): the
address beside the contact page and in the footer, "about us" in the footer, and a
located ``theme-param`` problem for what the handbook cannot show."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ext.hugo_import.links import SiteIndex
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.site import read_site
from ext.hugo_import.config import config_key_lines
from ext.hugo_import.theme_params import (
    contact_sidebar,
    footer_params,
    text_runs,
    unplaced_params,
)
from ext.hugo_import.importer import import_site

from .conftest import EXAMPLE_SITE, MINI_CONFIG, REAL_SITE, ROOTS, write_site

TEMPLATES = str(Path(__file__).parent.parent / "docs" / "_templates")
CONTACT = '+++\ntitle = "Contact"\nid = "contact"\n+++\nWrite to us; the addresses are on the right.\n'


def line_of(text: str, pattern: str) -> int:
    """The 1-based line of ``text`` that matches ``pattern`` first."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if re.search(pattern, line))


def test_key_lines_of_tables_keys_and_multi_line_strings() -> None:
    text = ('title = "x"\n[params]\n  about_us = "a"\n\taddress = """<p>\n  email = "not a key"\n</p>"""\n'
            '  email = "e"\n[[menu.topbar]]\n  name = "A"\n[[menu.topbar]]\n  name = "B"\n[params.topbar]\n'
            '  enable = true # on\n')
    assert config_key_lines(text) == {
        "title": 1, "params": 2, "params.about_us": 3, "params.address": 4, "params.email": 7,
        "menu.topbar": 8, "menu.topbar.name": 9, "params.topbar": 12, "params.topbar.enable": 13}


def test_text_runs_keep_lines_bold_and_safe_links_only() -> None:
    html = ('<p class=""><strong>At your service</strong>\n   <br /><a href="/about/officials/">&raquo; Officials</a>'
            '\n  <br /><a href="javascript:alert(1)">Click</a> <script>alert(2)</script>'
            '<br /><a href="mailto:web@example.org">Write</a><br /><strong></strong>\n</p>')
    assert text_runs(html) == [
        [{"text": "At your service", "strong": True}],
        [{"text": "» Officials", "url": "/about/officials/"}],
        [{"text": "Click"}],
        [{"text": "Write", "url": "mailto:web@example.org"}],
    ]
    assert text_runs("We look after **data**; see [the FAQ](about/faq/).") == [[
        {"text": "We look after "}, {"text": "data", "strong": True}, {"text": "; see "},
        {"text": "the FAQ", "url": "/about/faq/"}, {"text": "."}]]


def test_the_example_contact_page_gets_the_address_beside_it(tmp_path) -> None:
    docs = tmp_path / "docs"
    report = import_site(EXAMPLE_SITE, docs)
    contact = (docs / "contact.md").read_text(encoding="utf-8")
    _head, sidebar = contact.split("# Contact\n\n", 1)
    assert sidebar.startswith(":::{sidebar} Address\n**How to reach us**\\\n[» Write to the officers](about/officials.md)\\\n")
    assert "[» Use the contact form](contact.md)\n:::\n\n## Send us a message" in sidebar
    params = json.loads((docs / "_data/site/params.json").read_text(encoding="utf-8"))
    assert params["footer"]["about_us"] == [[{"text": "An example association of people who look after research "
                                                      "data and help others find and use it."}]]
    assert params["footer"]["address"][1] == [{"text": "» Write to the officers", "url": "/about/officials/"}]
    assert len(params["footer"]["address"]) == 4  # the empty <strong></strong> line is left out
    config = (EXAMPLE_SITE / "config.toml").read_text(encoding="utf-8")
    theme = [(p.file, p.line) for p in report.problems if p.kind is ProblemKind.THEME_PARAM]
    assert theme == [("config.toml", line_of(config, r"^\s*email =")),
                     ("config.toml", line_of(config, r"^\[params.see_more\]"))]


def test_problems_in_the_address_are_located_in_config_toml(tmp_path) -> None:
    config = MINI_CONFIG + ('[params]\n  email = "x@example.org"\n  enableGoogleMaps = true\n  latitude = "1"\n'
                            '  longitude = "2"\n  address = """\n<p>Write to us\n<br /><a href="/gone/">Gone</a></p>"""\n'
                            '[params.topbar]\n  enable = true\n[[menu.topbar]]\n  name = "Mastodon"\n  url = "https://x.example/"\n')
    site = write_site(tmp_path / "site", {"contact.md": CONTACT}, config)
    report = import_site(site, tmp_path / "docs")
    located = {(p.file, p.line, p.kind.value) for p in report.problems if p.file == "config.toml"}
    assert located == {
        ("config.toml", line_of(config, "<p>Write to us"), "dead-link"),  # the HTML block's line
        ("config.toml", line_of(config, "email ="), "theme-param"),
        ("config.toml", line_of(config, "enableGoogleMaps"), "theme-param"),
        ("config.toml", line_of(config, r"^  enable = true"), "theme-param"),
    }
    topbar = next(p for p in report.problems if p.line == line_of(config, r"^  enable = true"))
    assert "Mastodon" in topbar.message
    assert "[Gone](https://iassistdata.org/gone/)" in (tmp_path / "docs/contact.md").read_text(encoding="utf-8")


def test_no_address_no_sidebar_and_switches_off_report_nothing(tmp_path) -> None:
    site = write_site(tmp_path / "site", {"contact.md": CONTACT},
                      MINI_CONFIG + '[params]\n  about_us = "Us."\n[params.topbar]\n  enable = false\n'
                                    '[params.see_more]\n  enable = false\n  title = "Store"\n')
    hugo = read_site(site)
    assert contact_sidebar(hugo.pages["contact"], SiteIndex(hugo)) == ("", [])
    assert unplaced_params(hugo) == []
    assert footer_params(hugo) == {"about_us": [[{"text": "Us."}]]}


@pytest.fixture
def home_root(tmp_path: Path) -> Path:
    target = tmp_path / "home"
    shutil.copytree(ROOTS / "test-home", target)
    return target


def test_the_footer_shows_about_us_and_the_address_escaped(make_app, home_root: Path) -> None:
    params_file = home_root / "_data/site/params.json"
    params = json.loads(params_file.read_text(encoding="utf-8"))
    params["footer"]["about_us"] = [[{"text": "We <script>alert(1)</script> & more"}]]
    params["footer"]["address"] = [
        [{"text": "Reach us", "strong": True}],
        [{"text": "» Privacy", "url": "/about/privacy/"}],
        [{"text": "» Evil", "url": "javascript:alert(2)"}],
        [{"text": "» Elsewhere", "url": "https://example.org/?a=1&b=\"2\""}],
    ]
    params_file.write_text(json.dumps(params), encoding="utf-8")
    app = make_app("dirhtml", srcdir=home_root, confoverrides={
        "templates_path": [TEMPLATES], "suppress_warnings": ["home.unknown-icon"]})
    app.build()
    raw = (Path(app.outdir) / "dated/index.html").read_text(encoding="utf-8")
    footer = BeautifulSoup(raw, "html.parser").select_one(".handbook-footer-site")
    about, contact = footer.select("section")
    assert [s["aria-label"] for s in (about, contact)] == ["About us", "Contact"]
    assert about.get_text(" ", strip=True) == "About us We <script>alert(1)</script> & more"
    assert "We &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in raw
    assert [(a.get_text(), a["href"]) for a in contact.select("a")] == [
        ("» Privacy", "../about/privacy/"), ("» Elsewhere", 'https://example.org/?a=1&b="2"')]
    assert contact.select_one("strong").get_text() == "Reach us"
    assert "» Evil" in contact.get_text() and "javascript:" not in raw


def test_the_migrated_example_shows_the_address_and_footer(example_build) -> None:
    outdir, _warnings, report = example_build
    contact = BeautifulSoup((outdir / "contact/index.html").read_text(encoding="utf-8"), "html.parser")
    sidebar = contact.select_one("article aside.sidebar")
    assert sidebar.select_one(".sidebar-title").get_text() == "Address"
    assert [a["href"] for a in sidebar.select("a")] == ["../about/officials/", "../about/become-a-member/", "#"]
    faq = BeautifulSoup((outdir / "about/faq/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s["aria-label"] for s in faq.select(".handbook-footer-site section")] == ["About us", "Contact"]
    assert {p["kind"] for p in report["problems"] if p["file"] == "config.toml"} == {"theme-param"}


@pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real site is not beside the repository")
def test_the_real_sites_theme_values_are_placed_or_reported() -> None:
    text = (REAL_SITE / "config.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    targets = re.findall(r'href="([^"]+)"', config["params"]["address"])
    site = read_site(REAL_SITE)
    index = SiteIndex(site)
    contact = next(page for page in site.pages.values() if page.front.data.get("id") == "contact")
    sidebar, problems = contact_sidebar(contact, index)
    assert sidebar.startswith(":::{sidebar} Address\n") and problems == []
    for target in targets:  # every address link leads to its page of the handbook
        assert f"]({index.resolve(target, contact.url, contact.source).docname}.md)" in sidebar
    footer = footer_params(site)
    assert [run["url"] for line in footer["address"] for run in line if "url" in run] == targets
    assert footer["about_us"]
    reported = {(p.line, p.kind) for p in unplaced_params(site)}
    assert (line_of(text, r"^\s*email\s*="), ProblemKind.THEME_PARAM) in reported
    assert all(kind is ProblemKind.THEME_PARAM for _line, kind in reported)
