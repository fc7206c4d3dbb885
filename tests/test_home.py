"""The home page collections (ext/home.py), the page context of ext/site_pages.py, and
the card component (ext/cards.py) the home page shares with the events, on
tests/roots/test-home."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ext.hugo_import.site_data import home_data_files
from ext.hugo_import.site import read_site
from tests.conftest import EXAMPLE_SITE

from .conftest import ROOTS


TEMPLATES = str(Path(__file__).parent.parent / "docs" / "_templates")


def build(make_app, srcdir: Path, builder: str = "dirhtml", confoverrides: dict | None = None):
    """Build ``srcdir`` with the handbook's templates; returns (app, docnames read)."""
    app = make_app(builder, srcdir=srcdir, confoverrides={"templates_path": [TEMPLATES], **(confoverrides or {})})
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    app.cleanup()
    return app, set(read)


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    target = tmp_path / "home"
    shutil.copytree(ROOTS / "test-home", target)
    return target


def page(app, rel: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / rel).read_text(encoding="utf-8"), "html.parser")


def test_import_copies_the_collections_and_switches() -> None:
    files = home_data_files(read_site(EXAMPLE_SITE))
    assert files["_data/site/features/iq.yaml"] == (EXAMPLE_SITE / "data/features/iq.yaml").read_bytes()
    assert "_data/site/carousel/iassist.yaml" in files
    params = json.loads(files["_data/site/params.json"])
    assert params["collections"]["alerts"]["enable"] is False
    assert params["collections"]["features"]["title"] == "What the association offers"
    assert params["footer"]["privacy_policy"] == "/about/privacy-policy/"


def test_features_as_cards_in_weight_order(make_app, srcdir: Path) -> None:
    app, _ = build(make_app, srcdir)
    html = page(app)
    grid = html.select_one(".home-features")
    assert [t.get_text() for t in grid.select(".home-card-title")] == ["Journal", "Reading room", "Mystery"]
    journal, reading, mystery = grid.select(".home-card")
    assert journal.select_one("svg.sd-octicon-globe") and reading.select_one("svg.sd-octicon-book")
    assert not mystery.select_one("svg")
    assert journal.select_one("a.sd-btn")["href"] == "https://journal.example.org/"
    assert reading.select_one("a.sd-btn")["href"] == "about/"
    # a link to the live site's own page becomes a link to the handbook's page
    assert mystery.select_one("a.sd-btn")["href"] == "community/conduct/"
    assert html.select_one("p.rubric.home-heading").get_text() == "What we offer"
    warnings = app.warning.getvalue()
    assert "WARNING: mystery.yaml: icon 'fas fa-dragon' has no octicon in ICONS; none shown [home.unknown-icon]" in warnings
    assert warnings.count("WARNING") == 1


def test_only_what_the_site_shows(make_app, srcdir: Path) -> None:
    app, _ = build(make_app, srcdir)
    html = page(app)
    slides = html.select(".home-carousel .home-card")
    assert [s.select_one(".home-card-title").get_text() for s in slides] == ["Spring meeting"]
    assert [p.get_text() for p in slides[0].select("p.sd-card-text:not(.home-slide-links)")] == ["Lakeside town", "April 1-3, 2031"]
    assert [a["href"] for a in slides[0].select("a.sd-btn")] == ["about/", "https://tickets.example.org/"]
    assert slides[0].select_one("img")
    assert not html.select(".home-alert")  # params: alerts switched off
    social = html.select("ul.home-social li a")
    assert [a.get_text(strip=True) for a in social] == ["The society on a photo site"]
    assert html.select_one(".home-subtitle").get_text() == "Where we post news."


def test_changing_the_data_changes_the_page(make_app, srcdir: Path) -> None:
    build(make_app, srcdir)
    params = json.loads((srcdir / "_data/site/params.json").read_text())
    params["collections"]["alerts"]["enable"] = True
    (srcdir / "_data/site/params.json").write_text(json.dumps(params))
    app, read = build(make_app, srcdir)
    assert "index" in read and "dated" not in read
    assert "The office is closed this week." in page(app).select_one(".home-alert").get_text()
    # a new file in a collection folder re-reads the page too
    (srcdir / "_data/site/features/new.yaml").write_text('weight: 9\nname: "New box"\nicon: "fas fa-globe"\n')
    app, read = build(make_app, srcdir)
    assert read == {"index"}
    assert "New box" in [t.get_text() for t in page(app).select(".home-features .home-card-title")]


def test_broken_data_is_a_located_warning(make_app, srcdir: Path) -> None:
    (srcdir / "_data/site/features/bad.yaml").write_text("name: [unclosed\n")
    app, _ = build(make_app, srcdir, confoverrides={"suppress_warnings": ["home.unknown-icon"]})
    warnings = app.warning.getvalue()
    # at the line where the unclosed list opens, its type shown once
    assert "bad.yaml:1: WARNING: bad.yaml: not YAML (while parsing a flow sequence: " in warnings
    assert warnings.count("WARNING") == 1 and warnings.count("[home.bad-data]") == 1


def test_footer_links_last_updated_and_description(make_app, srcdir: Path) -> None:
    # the last update is ext.last_updated's (tests/test_page_history.py): outside git, the front matter's date
    app, _ = build(make_app, srcdir, confoverrides={
        "extensions": ["myst_parser", "sphinx_design", "ext.site_files", "ext.home", "ext.last_updated"]})
    dated = page(app, "dated/index.html")
    links = [(a.get_text(), a["href"]) for a in dated.select(".handbook-footer-links a")]
    assert links == [
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("Privacy policy", "../about/privacy/"),
        ("Code of conduct", "../community/conduct/"),
    ]
    assert "Last updated on 2021-05-06" in dated.select_one(".last-updated").get_text()
    assert dated.find("meta", attrs={"name": "description"})["content"] == "A page with a date & a description."
    assert not page(app, "about/index.html").select_one(".last-updated")


def test_text_and_latex_output(make_app, srcdir: Path) -> None:
    app, _ = build(make_app, srcdir, builder="text", confoverrides={"suppress_warnings": ["home.unknown-icon"]})
    text = (Path(app.outdir) / "index.txt").read_text()
    assert "Journal" in text and "<https://journal.example.org/>" in text
    app, _ = build(make_app, srcdir, builder="latex", confoverrides={"suppress_warnings": ["home.unknown-icon"]})
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "\\sphinxstyletopictitle{Reading room}" in tex
    # printed as the event cards print theirs (ext.cards): without scheme and trailing slash
    assert "\\sphinxnolinkurl{tickets.example.org}" in tex
    assert app.warning.getvalue().count("WARNING") == 0


def test_footer_links_on_the_404_page_start_at_the_prefix(make_app, srcdir: Path) -> None:
    app, _ = build(make_app, srcdir, confoverrides={
        "extensions": ["myst_parser", "sphinx_design", "ext.site_files", "ext.home", "notfound.extension"],
        "notfound_urls_prefix": "/en/latest/", "suppress_warnings": ["home.unknown-icon"]})
    links = [a["href"] for a in page(app, "404/index.html").select(".handbook-footer-links a")]
    assert links[1:] == ["/en/latest/about/privacy/", "/en/latest/community/conduct/"]


def test_live_site_url_becomes_the_base_url(make_app, srcdir: Path) -> None:
    app, _ = build(make_app, srcdir, confoverrides={"suppress_warnings": ["home.unknown-icon"]})
    assert app.config.html_baseurl == "https://handbook.example.org/"
    canonical = page(app, "dated/index.html").find("link", rel="canonical")["href"]
    assert canonical == "https://handbook.example.org/dated/"


def test_an_unsafe_url_in_the_data_is_shown_without_its_link(make_app, srcdir: Path) -> None:
    # the import removes such URLs from the data it copies; data written by hand is checked again
    (srcdir / "_data/site/features/bad.yaml").write_text(
        'weight: 0\nname: "Hostile box"\nicon: "fas fa-globe"\nurl: "javascript:alert(1)"\n')
    params = json.loads((srcdir / "_data/site/params.json").read_text())
    params.setdefault("footer", {})["privacy_policy"] = "javascript:alert(2)"
    (srcdir / "_data/site/params.json").write_text(json.dumps(params))
    app, _ = build(make_app, srcdir, confoverrides={"suppress_warnings": ["home.unknown-icon"]})
    warnings = app.warning.getvalue()
    assert "unsafe URL 'javascript:alert(1)' of 'Learn more' removed" in warnings
    assert warnings.count("[home.unsafe-url]") == 1
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Hostile box" in html and "javascript:" not in html


EVENTS_YAML = """\
events:
  - id: spring-workshop-2031
    kind: regional-workshop
    title: "Spring Workshop 2031"
    start: "2031-04-01"
    end: "2031-04-03"
    city: "Lakeside"
    country: "Freedonia"
    website: "https://workshop.example.org/2031/"
"""
EVENT_CARDS = "\n## Events\n\n```{event-cards}\n```\n"
WITH_EVENTS = {"extensions": ["myst_parser", "sphinx_design", "ext.site_files", "ext.home", "ext.events"],
               "events_today": "2031-03-01", "suppress_warnings": ["home.unknown-icon"]}


def _sd(tag) -> list[str]:
    """The sphinx-design classes of ``tag``."""
    return [c for c in tag["class"] if c.startswith("sd-")]


def test_home_and_event_cards_are_one_component(make_app, srcdir: Path) -> None:
    """A home grid and an event grid on one page: the same card markup, each with its
    own family classes; both printed the same way (URL after the button's text)."""
    (srcdir / "_data/events.yaml").write_text(EVENTS_YAML)
    with (srcdir / "index.md").open("a") as index:
        index.write(EVENT_CARDS)
    app, _ = build(make_app, srcdir, confoverrides=WITH_EVENTS)
    assert app.warning.getvalue() == ""  # no node registered twice
    home, events = page(app).select_one(".home-features"), page(app).select_one(".events-grid")
    assert _sd(home) == _sd(events) and "home-grid" in home["class"] and "events-grid" in events["class"]
    home_row, events_row = home.select_one(".sd-row"), events.select_one(".sd-row")
    # the events grid alone sets a gutter per screen width; the home grid keeps the base one
    assert [c for c in _sd(home_row) if not c.startswith("sd-g-")] == [c for c in _sd(events_row) if not c.startswith("sd-g-")]
    assert "sd-g-3" in home_row["class"] and "sd-g-md-3" in events_row["class"]
    for family, grid in (("home", home), ("events", events)):
        card = grid.select(".sd-card")[0]
        assert card.parent["class"] == ["sd-col", "sd-d-flex-row"]
        assert _sd(card) == ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"] and f"{family}-card" in card["class"]
        assert [child["class"] for child in card.find_all("div", recursive=False)] == [["sd-card-body"]]
        title = card.select_one(".sd-card-title")
        assert (title["class"], title["role"], title["aria-level"]) == (
            ["sd-card-title", "sd-font-weight-bold", f"{family}-card-title"], "heading", "3")
        button = card.select_one("a.sd-btn")
        assert _sd(button) == ["sd-sphinx-override", "sd-btn", "sd-text-wrap", "sd-btn-primary"]
        assert f"{family}-button" in button["class"] and button.parent.name == "p" and "sd-card-text" in button.parent["class"]

    app, _ = build(make_app, srcdir, builder="text", confoverrides=WITH_EVENTS)
    text = (Path(app.outdir) / "index.txt").read_text()
    assert "Journal\n-------\n" in text and "Learn more <https://journal.example.org/>" in text
    assert "Spring Workshop 2031\n--------------------\n" in text
    assert "Event website <https://workshop.example.org/2031/>" in text

    app, _ = build(make_app, srcdir, builder="latex", confoverrides=WITH_EVENTS)
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    box = "\\begin{savenotes}\\par\\noindent\\begin{minipage}{\\linewidth}\n\\begin{sphinxtopic}\n\\sphinxstyletopictitle{"
    assert f"{box}Journal}}" in tex and f"{box}Spring Workshop 2031}}" in tex
    assert "{Learn more} (\\sphinxnolinkurl{journal.example.org})" in tex
    assert "{Event website} (\\sphinxnolinkurl{workshop.example.org/2031})" in tex


def test_params_are_parsed_once_per_build_and_again_after_an_edit(make_app, srcdir: Path, monkeypatch) -> None:
    """Every page's footer reads ``params.json``: one parse per process while the file
    is unchanged; edited (as in a live preview), the next build in the same process
    writes every page's footer again, without reading the pages again."""
    import ext.site_data

    parses: list[bytes] = []

    def counting_loads(data: bytes):
        parses.append(data)
        return json.loads(data)

    monkeypatch.setattr(ext.site_data, "json", type("JsonModule", (), {"loads": staticmethod(counting_loads)}))
    app, read = build(make_app, srcdir)
    assert len(read) > 3 and len(parses) == 1
    footer = [a.get_text() for a in page(app, "dated/index.html").select(".handbook-footer-links a")]
    assert "Privacy policy" in footer

    params_file = srcdir / "_data" / "site" / "params.json"
    params = json.loads(params_file.read_text(encoding="utf-8"))
    del params["footer"]["privacy_policy"]
    params_file.write_text(json.dumps(params), encoding="utf-8")
    app, read = build(make_app, srcdir)
    footer = [a.get_text() for a in page(app, "dated/index.html").select(".handbook-footer-links a")]
    assert "Privacy policy" not in footer and "Code of conduct" in footer  # written again...
    assert "dated" not in read  # ...not read again
    assert len(parses) == 2
