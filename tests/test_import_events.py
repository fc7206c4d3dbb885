"""Events read by the import: ``_data/events.yaml`` and the Conferences page.

On the real site (when ``../shared`` is present) the Conferences page is swapped
for each of the seed versions of it, so every version's events are checked: each
event line and each button of the page must be an event of the events file,
with its dates and its button target, and the page must use directives instead
of the old boxes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from ext.hugo_import.event_text import parse_event_line
from ext.hugo_import.importer import import_site

from .conftest import EXAMPLE_SITE, REAL_SITE, build, real_site_copy, write_site
from .test_build import assert_conference_page_cards

SEEDS = REAL_SITE.parent.parent / "seeds"
CONFERENCE_PAGES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
BUTTON = re.compile(r'<a class="btn[^"]*" href="\./([^"/]+)/"[^>]*>')


def load_events(dest: Path) -> list[dict]:
    return yaml.safe_load((dest / "_data" / "events.yaml").read_text(encoding="utf-8"))["events"]


def site_with_conference_page(tmp_path: Path, page_text: str, page: str = "conferences/_index.md") -> Path:
    """The real site with one page replaced (by default the Conferences page);
    static/ and data/ linked, not copied."""
    site = real_site_copy(tmp_path / "site", ("content", "data", "static", "config.toml"))
    (site / "content" / page).write_text(page_text, encoding="utf-8")
    return site


def assert_page_events_in_file(page_text: str, events: list[dict]) -> None:
    """Every event line and every event button of ``page_text`` is in ``events``."""
    pages = {event.get("page"): event for event in events}
    starts = {event["start"] for event in events}
    body = page_text.split("+++", 2)[-1]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL)  # commented-out events are not shown
    for line in body.splitlines():
        found = parse_event_line(line)
        if found is not None:
            assert found.start in starts, line
    for folder in BUTTON.findall(body):
        assert f"conferences/{folder}/index" in pages, folder


@pytest.mark.skipif(not CONFERENCE_PAGES, reason="needs ../shared/seeds and the real site")
@pytest.mark.parametrize("seed", CONFERENCE_PAGES[:2], ids=lambda p: p.name[:3])
def test_every_event_of_each_conferences_page_version_is_in_the_events_file(tmp_path: Path, seed: Path) -> None:
    page_text = seed.read_text(encoding="utf-8")
    dest = tmp_path / "docs"
    import_site(site_with_conference_page(tmp_path, page_text), dest)
    events = load_events(dest)
    assert_page_events_in_file(page_text, events)
    converted = (dest / "conferences" / "index.md").read_text(encoding="utf-8")
    assert ":::{event-cards}" in converted
    assert "btn" not in converted and "<div" not in converted
    assert "\n### Forthcoming and Recent Conferences\n" in converted  # the box's banner: a heading, not a paragraph
    # Built (the conferences section only, to keep it quick): every button is a card's button.
    conferences_section_only(dest)
    build(dest, tmp_path / "html", parallel=2)
    assert_conference_page_cards(seed, tmp_path / "html")


@pytest.mark.skipif(not REAL_SITE.is_dir(), reason="needs ../shared/corpus/iassist-site")
def test_real_site_events(tmp_path: Path) -> None:
    dest = tmp_path / "docs"
    report = import_site(REAL_SITE, dest)
    events = load_events(dest)
    page_text = (REAL_SITE / "content" / "conferences" / "_index.md").read_text(encoding="utf-8")
    assert_page_events_in_file(page_text, events)
    by_id = {event["id"]: event for event in events}
    annual = [e for e in events if e["kind"] == "annual-conference"]
    assert min(e["start"] for e in annual).startswith("1974")
    assert len({e["start"][:4] for e in annual}) >= 50  # one per year since 1974 (two in 1977 and 1978)
    assert by_id["iassist-2019"]["end"] == "2019-05-31"  # endDate 2018-05-31 in the JSON: the shown text wins
    assert by_id["iassist-2026"]["ordinal"] == 51
    assert "ordinal" not in by_id["iassist-2000"]  # 36 in the JSON: out of sequence, left out
    assert len([e for e in events if e.get("programme")]) == 25
    messages = [str(p) for p in report.problems if p.kind.value == "event-data"]
    assert any("2019-Sydney.json" in m and "dateText" in m for m in messages)
    assert (dest / "_data" / "programmes" / "2019-Sydney.json").is_file()


def test_example_site_events(tmp_path: Path) -> None:
    dest = tmp_path / "docs"
    import_site(EXAMPLE_SITE, dest)
    events = load_events(dest)
    page_text = (EXAMPLE_SITE / "content" / "conferences" / "_index.md").read_text(encoding="utf-8")
    assert_page_events_in_file(page_text, events)
    archive = (dest / "conferences" / "archive" / "2025-bristol.md").read_text(encoding="utf-8")
    assert ":::{conference-programme} /_data/programmes/2025-Bristol.json" in archive
    # "Host institution: to be confirmed" names no host (no card says "Hosted by to be confirmed")
    assert "host" not in next(e for e in events if e["id"] == "iassist-2027")


def conferences_section_only(dest: Path) -> None:
    """Keep the conferences section of an imported handbook (and its data), so a build is quick."""
    for path in dest.rglob("*.md"):
        if not path.relative_to(dest).as_posix().startswith(("conferences/", "_data/")):
            path.unlink()
    (dest / "index.md").write_text("# Home\n\n```{toctree}\n/conferences/index\n```\n", encoding="utf-8")


def test_example_conferences_page_shows_the_next_event_first_under_its_banner(tmp_path: Path, monkeypatch) -> None:
    """The box "Coming up and just finished" of the example's Conferences page: its banner is
    a heading of the page (not a paragraph), and its cards start with the next event, the
    upcoming ones soonest first, then the recent ones newest first."""
    dest = tmp_path / "docs"
    import_site(EXAMPLE_SITE, dest)
    converted = (dest / "conferences" / "index.md").read_text(encoding="utf-8")
    assert "\n## The yearly conference and regional workshops\n" in converted
    assert "\n### Coming up and just finished\n\n:::{event-cards}\n:when: upcoming recent\n:::\n" in converted
    conferences_section_only(dest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01
    warnings = build(dest, tmp_path / "html", parallel=2)  # (links to the pages left out warn)
    assert [w for w in warnings.splitlines() if "[events." in w] == []
    page = BeautifulSoup((tmp_path / "html" / "conferences" / "index.html").read_text(encoding="utf-8"), "html.parser")
    banner = page.find(lambda tag: tag.name in {"h2", "h3", "p"} and tag.get_text(strip=True).startswith("Coming up and just finished"))
    assert banner.name == "h3"
    assert "Coming up and just finished" in [a.get_text(strip=True) for a in page.select(".bd-toc a, .toc-tree a")]
    grid = banner.find_next(class_="events-grid")
    assert [(c.select_one(".events-card-title").get_text(), c.select_one(".events-card-dates").get_text())
            for c in grid.select(".events-card")] == [
        ("IASSIST 2026", "June 2\u20135, 2026"),  # upcoming: soonest first
        ("6th IASSIST Africa Regional Workshop", "November 4\u20136, 2026"),
        ("IASSIST 2027", "May 25\u201328, 2027"),
        ("5th IASSIST Africa Regional Workshop", "October 22\u201324, 2025"),  # recent: newest first
        ("IASSIST 2025", "June 3\u20136, 2025"),
    ]


def test_contradicting_archive_data_is_reported_with_file_and_line(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    archive = site / "data" / "conferences" / "archive"
    archive.mkdir(parents=True)
    (archive / "2031-Exampleton.json").write_text(
        '{\n "title": "IASSIST 2031: A theme",\n "city": "Exampleton, Nowhere",\n "conferenceNum": "57",\n'
        ' "dateText": "May 5-8, 2031",\n "startDate": "2031-05-05",\n "endDate": "2030-05-08",\n "sessions": []\n}\n',
        encoding="utf-8",
    )
    (archive / "2032-Broken.json").write_text('{"title": "x",\n "sessions": [}\n', encoding="utf-8")
    report = import_site(site, tmp_path / "docs")
    messages = sorted(str(p) for p in report.problems if p.kind.value == "event-data")
    assert messages[0].startswith("data/conferences/archive/2031-Exampleton.json:6: startDate/endDate 2031-05-05 – 2030-05-08 disagree")
    assert messages[1].startswith("data/conferences/archive/2032-Broken.json:2: not valid JSON")
    event = load_events(tmp_path / "docs")[0]
    assert (event["id"], event["start"], event["end"], event["city"], event["country"]) == (
        "iassist-2031", "2031-05-05", "2031-05-08", "Exampleton", "Nowhere")


def test_archive_file_without_dates_or_lists_is_reported_on_a_line_not_a_crash(tmp_path: Path) -> None:
    """No ``startDate``/``dateText`` at all: the problem is still located (line 1, the
    object); ``sessions`` or ``presentations`` that are no lists do not stop the import
    (the programmes extension reports them when it renders the programme)."""
    site = write_site(tmp_path / "site", {})
    archive = site / "data" / "conferences" / "archive"
    archive.mkdir(parents=True)
    (archive / "2033-Nodate.json").write_text('{\n "title": "No date",\n "sessions": 5\n}\n', encoding="utf-8")
    (archive / "2034-Odd.json").write_text(
        '{\n "dateText": "May 5-8, 2034",\n "sessions": [{"day": "May 5 and 6, 2034", "presentations": 7}, "x"]\n}\n',
        encoding="utf-8",
    )
    report = import_site(site, tmp_path / "docs")
    located = sorted((p.file, p.line) for p in report.problems if p.kind.value == "event-data")
    assert located == [
        ("data/conferences/archive/2033-Nodate.json", 1),
        ("data/conferences/archive/2034-Odd.json", 2),  # no startDate: dateText is used
        ("data/conferences/archive/2034-Odd.json", 3),  # the day is two dates
    ]
    assert [e["id"] for e in load_events(tmp_path / "docs")] == ["iassist-2034"]


def test_programme_page_whose_datalink_names_no_file_is_reported_and_shows_no_programme(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"conferences/archive/2021-Lost.md": (
        '+++\ntitle = "IASSIST 2021"\ntype = "conferences-archive"\ndatalink = "/data/conferences/archive/2021-Lost.json"\n+++\nText.\n'
    )})
    report = import_site(site, tmp_path / "docs")
    assert [str(p) for p in report.problems] == [
        "content/conferences/archive/2021-Lost.md:4: datalink '/data/conferences/archive/2021-Lost.json': "
        "the site has no such programme file; the page shows no programme [hugo.missing-file]",
    ]
    assert "conference-programme" not in (tmp_path / "docs" / "conferences" / "archive" / "2021-lost.md").read_text(encoding="utf-8")


def test_an_event_pages_website_is_a_button_people_see_not_one_commented_out(tmp_path: Path) -> None:
    """An event page's "website" button gives the event its website; one inside an HTML
    comment (an old year's button kept for later) is not shown by Hugo, so it is no
    website of the event."""
    page = (
        '+++\nyear = "2031"\ntitle = "IASSIST 2031"\nlocation = "Exampleton, Nowhere"\n+++\n\n'
        "## 56th Annual Conference of IASSIST\n\n### May 5-8, 2031\n\n"
        '<!--\n<a class="btn btn-template-main" href="https://iassist2030.example.org/">Visit the Conference website</a>\n-->\n\n'
        '<a class="btn btn-template-main" href="https://iassist2031.example.org/">Visit the Conference website '
        '<i class="fas fa-external-link-alt"></i></a>\n'
    )
    site = write_site(tmp_path / "site", {"conferences/iassist2031/_index.md": page})
    import_site(site, tmp_path / "docs")
    event = next(e for e in load_events(tmp_path / "docs") if e["id"] == "iassist-2031")
    assert event["website"] == "https://iassist2031.example.org/"

    commented_only = page.rsplit("<a ", 1)[0]
    (site / "content" / "conferences" / "iassist2031" / "_index.md").write_text(commented_only, encoding="utf-8")
    import_site(site, tmp_path / "docs")
    event = next(e for e in load_events(tmp_path / "docs") if e["id"] == "iassist-2031")
    assert "website" not in event
