"""A section the converter has never seen imports and builds the same way as the others.

The Hugo site has sections that are not in the corpus, with front matter keys and layouts
of their own. Here the example site gets one, generated: a few hundred job postings, dated,
with TOML front matter (employer, location, deadline, a URL, tags) and the text of the real
site's postings (Word-pasted: smart quotes, non-breaking spaces, ``****`` lines between
parts; HTML tables; bare URLs). All names in it are fictional.

It is imported and built once (:func:`jobs`): every posting is at its Hugo URL, the keys
nothing reads are reported once per key (with how many pages have them and an example),
the fields the maintainer guide's setting chooses show on every posting, and the build
has no warning.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from sphinx.errors import ConfigError
from sphinx.util.console import strip_escape_sequences

from ext.front_matter import read_fields_setting
from ext.hugo_import.frontmatter import collect_unknown_keys, nest_unread_keys, unknown_key_problem
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.site import read_site

from .conftest import EXAMPLE_SITE, REPO, build, import_site, new_docs, write_site

#: How many postings the section has.
POSTINGS = 250
EMPLOYERS = ("Example University", "Northwind Data Archive", "Institute of Imaginary Statistics",
             "Riverside College Library")
CITIES = ("Springfield", "Lakeside", "Hill Valley", "Port Example")
ROLES = ("Data Librarian", "Research Data Manager", "Data Curator", "Social Science Data Specialist",
         "Digital Archivist")
NBSP = "\u00a0"
#: Every third posting names a contact.
WITH_CONTACT = len(range(0, POSTINGS, 3))


def posting(number: int) -> str:
    """Job posting ``number`` as the site writes one: TOML front matter, Word-pasted text."""
    year, month, day = 2010 + number % 14, 1 + number % 12, 1 + number % 28
    role, employer = ROLES[number % len(ROLES)], EMPLOYERS[number % len(EMPLOYERS)]
    url = f"https://jobs.example.org/{number}"
    # Both forms of a date the site has: a TOML date-time and a quoted string with an offset.
    date = (f"{year}-{month:02d}-{day:02d}T09:30:00-05:00" if number % 2
            else f'"{year}-{month:02d}-{day:02d} 09:30:00 -0500"')
    front = [
        "+++",
        f'title = "{role}, {employer} (No. {number})"',
        f"date = {date}",
        f'employer = "{employer}"',
        f'location = "{CITIES[number % len(CITIES)]}"',
        f"deadline = {year}-{month:02d}-{day:02d}",
        f'apply_url = "{url}"',
        'tags = ["Jobs", "Data Services"]',
        'draft = "false"',
    ]
    if number % 3 == 0:
        front.append('contact = "hr@example.org"')
    front.append("+++")
    body = f"""The {employer} seeks a {role} to join its “data services” team.{NBSP}It’s a full{NBSP}time post,
with “flexible” hours&nbsp;– see below.
{NBSP}
****

Responsibilities:

- Help researchers find, use and cite data{NBSP}
- Teach workshops on data management

****

{_table(number)}

More at {url}. Questions (see {url}/faq) to hr@example.org, or www.example.org/jobs/{number}.
"""
    return "\n".join(front) + "\n" + body


def _table(number: int) -> str:
    """The salary table: plain HTML, or the markup Word leaves (widths, styles, paragraphs)."""
    if number % 2:
        return f"""<table>
<thead><tr><th>Grade</th><th>Salary</th></tr></thead>
<tbody>
<tr><td>Level {number % 5}</td><td>40,000{NBSP}– 50,000</td></tr>
<tr><td>Benefits</td><td>Pension &amp; leave<br />30 days</td></tr>
</tbody>
</table>"""
    return f"""<table border="1" cellpadding="0" style="border-collapse:collapse">
<tr><td width="120" style="padding:0"><p><b>Grade</b></p></td><td width="200"><p><b>Salary</b></p></td></tr>
<tr><td width="120"><p>Level {number % 5}</p></td><td width="200"><p>40,000&nbsp;– 50,000</p></td></tr>
</table>"""


def jobs_site(root: Path) -> Path:
    """The example site with the job postings section, in its menu, at ``/jobs/:year/``."""
    shutil.copytree(EXAMPLE_SITE, root)
    jobs = root / "content" / "jobs"
    jobs.mkdir()
    (jobs / "_index.md").write_text('+++\ntitle = "Jobs"\n+++\nJob postings from members.\n', encoding="utf-8")
    for number in range(POSTINGS):
        (jobs / f"posting-{number:03d}.md").write_text(posting(number), encoding="utf-8")
    config = (root / "config.toml").read_text(encoding="utf-8")
    config = config.replace("[Permalinks]\n", '[Permalinks]\n    jobs = "/jobs/:year/:filename/"\n', 1)
    config = config.replace("[[menu.topbar]]", '[[menu.main]]\n    name = "Jobs"\n    url = "/jobs/"\n'
                            "    weight = 7\n\n[[menu.topbar]]", 1)
    (root / "config.toml").write_text(config, encoding="utf-8")
    return root


def guide_fields_setting() -> dict:
    """``front_matter_fields`` as the maintainer guide sets it (its ``python`` block)."""
    guide = (REPO / "docs" / "handbook" / "maintainer-guide.md").read_text(encoding="utf-8")
    blocks = [t.content for t in MarkdownIt("commonmark").parse(guide) if t.type == "fence" and t.info == "python"]
    setting: dict = {}
    exec("\n".join(blocks), {}, setting)  # noqa: S102 - the guide's own example
    return setting["front_matter_fields"]


@dataclass
class JobsBuild:
    docs: Path
    html: Path
    report: dict
    problems: list
    warnings: str
    seconds: float


@pytest.fixture(scope="module")
def jobs(tmp_path_factory) -> JobsBuild:
    """The site with the postings imported into a fresh handbook and built (two processes),
    with the maintainer guide's ``front_matter_fields``."""
    tmp = tmp_path_factory.mktemp("jobs")
    site = jobs_site(tmp / "site")
    docs = new_docs(tmp)
    start = time.monotonic()
    report = import_site(site, docs)
    warnings = build(docs, tmp / "html", parallel=2, confoverrides={"front_matter_fields": guide_fields_setting()})
    seconds = time.monotonic() - start
    return JobsBuild(docs, tmp / "html", json.loads(json.dumps(report.as_json())), report.problems, warnings, seconds)


def page(jobs: JobsBuild, url: str) -> BeautifulSoup:
    return BeautifulSoup((jobs.html / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_build_has_no_warning(jobs) -> None:
    assert jobs.warnings == ""
    print(f"{POSTINGS} postings imported and built in {jobs.seconds:.1f} s")


def test_every_posting_is_at_its_hugo_url(jobs) -> None:
    for number in range(POSTINGS):
        year = 2010 + number % 14
        assert (jobs.docs / "jobs" / str(year) / f"posting-{number:03d}.md").is_file(), number
        assert (jobs.html / "jobs" / str(year) / f"posting-{number:03d}" / "index.html").is_file(), number
    # The section's page lists them (its hidden toctree: in the navigation).
    listed = {a["href"] for a in page(jobs, "/jobs/").select("a[href*='posting-']")}
    assert len(listed) == POSTINGS and "2011/posting-001/" in listed
    assert page(jobs, "/jobs/2011/posting-001/").h1.get_text().startswith("Research Data Manager, Northwind")


def test_unknown_keys_are_reported_once_per_key_with_count_and_example(jobs) -> None:
    assert jobs.report["unknown_front_matter_keys"] == {"jobs": [
        {"key": "apply_url", "pages": POSTINGS, "example": "https://jobs.example.org/0",
         "file": "content/jobs/posting-000.md", "line": 7},
        {"key": "contact", "pages": WITH_CONTACT, "example": "hr@example.org",
         "file": "content/jobs/posting-000.md", "line": 10},
        {"key": "deadline", "pages": POSTINGS, "example": "2010-01-01",
         "file": "content/jobs/posting-000.md", "line": 6},
        {"key": "employer", "pages": POSTINGS, "example": "Example University",
         "file": "content/jobs/posting-000.md", "line": 4},
    ]}
    unknown = [str(p) for p in jobs.problems if p.kind is ProblemKind.UNKNOWN_KEY]
    kept = "kept under 'params', shown on the pages when front_matter_fields in conf.py names it [hugo.unknown-key]"
    assert unknown == [
        ("content/jobs/posting-000.md:7: front matter key 'apply_url' is read by nothing in the handbook; "
         f"{POSTINGS} pages of section 'jobs' have it (here \"https://jobs.example.org/0\"): {kept}"),
        ("content/jobs/posting-000.md:10: front matter key 'contact' is read by nothing in the handbook; "
         f"{WITH_CONTACT} pages of section 'jobs' have it (here \"hr@example.org\"): {kept}"),
        ("content/jobs/posting-000.md:6: front matter key 'deadline' is read by nothing in the handbook; "
         f"{POSTINGS} pages of section 'jobs' have it (here \"2010-01-01\"): {kept}"),
        ("content/jobs/posting-000.md:4: front matter key 'employer' is read by nothing in the handbook; "
         f"{POSTINGS} pages of section 'jobs' have it (here \"Example University\"): {kept}"),
    ]
    assert jobs.report["problem_counts"]["unknown-key"] == 4
    # The other problems are the example site's own.
    assert not [p for p in jobs.problems if p.file.startswith("content/jobs/") and p.kind is not ProblemKind.UNKNOWN_KEY]


def test_the_keys_nothing_reads_are_kept_under_params(jobs) -> None:
    head = (jobs.docs / "jobs" / "2011" / "posting-001.md").read_text(encoding="utf-8").split("\n---\n")[0]
    assert head.splitlines()[1:] == [
        "hugo_source: content/jobs/posting-001.md",
        "hugo_url: /jobs/2011/posting-001/",
        "date: '2011-02-02T09:30:00-05:00'",
        "location: Lakeside",
        "tags:",
        "- Jobs",
        "- Data Services",
        "params:",
        "  employer: Northwind Data Archive",
        "  deadline: '2011-02-02'",
        "  apply_url: https://jobs.example.org/1",
    ]


def test_the_chosen_fields_show_on_every_posting(jobs) -> None:
    for number in range(POSTINGS):
        html = (jobs.html / "jobs" / str(2010 + number % 14) / f"posting-{number:03d}" / "index.html").read_text(
            encoding="utf-8")
        assert html.count('class="front-matter-fields') == 1, number
        assert ("Contact<span" in html) == (number % 3 == 0), number
    fields = page(jobs, "/jobs/2011/posting-001/").select_one("dl.front-matter-fields")
    shown = {dt.get_text(strip=True).rstrip(":"): dd for dt, dd in zip(fields.select("dt"), fields.select("dd"))}
    assert {label: dd.get_text(strip=True) for label, dd in shown.items()} == {
        "Employer": "Northwind Data Archive", "Location": "Lakeside", "Posted": "February 2, 2011",
        "Apply by": "February 2, 2011", "Apply at": "https://jobs.example.org/1",
    }
    assert shown["Apply at"].a["href"] == "https://jobs.example.org/1"
    # Right under the title, before the posting's text.
    assert fields.find_previous_sibling("h1") is not None
    assert page(jobs, "/jobs/").select_one("dl.front-matter-fields") is None  # the section page has none of the keys


def test_word_pasted_text_tables_and_bare_urls(jobs) -> None:
    for number in (1, 2):
        body = page(jobs, f"/jobs/{2010 + number}/posting-{number:03d}/").select_one("article")
        text = body.get_text()
        assert "“data services”" in text and "It’s a full\u00a0time post" in text
        assert len(body.select("hr")) == 2
        table = body.select_one("table")
        assert [cell.get_text(strip=True) for cell in table.select("th, td")][:2] == ["Grade", "Salary"]
        assert "40,000 – 50,000" in " ".join(table.get_text().split())
        links = [a["href"] for a in body.select("a.reference.external")]
        assert f"https://jobs.example.org/{number}" in links
        assert f"https://jobs.example.org/{number}/faq" in links
        assert "hr@example.org" in text and f"www.example.org/jobs/{number}" in text


# -- The parts, one by one ------------------------------------------------------------

def test_keys_nothing_reads_go_under_params_after_the_pages_own() -> None:
    assert nest_unread_keys({"hugo_url": "/jobs/a/", "employer": "E", "og:title": "T", "params": {"a": 1},
                             "tags": ["x"]}) == {
        "hugo_url": "/jobs/a/", "og:title": "T", "tags": ["x"], "params": {"a": 1, "employer": "E"}}
    # Nothing is lost: a key params already has, or params that is no mapping, stays at the top.
    assert nest_unread_keys({"employer": "E", "params": {"employer": "F"}}) == {"employer": "E", "params": {"employer": "F"}}
    assert nest_unread_keys({"employer": "E", "params": "p"}) == {"employer": "E", "params": "p"}
    known = {"date": "2020-01-01", "location": "Lakeside"}
    assert nest_unread_keys(known) is known


def test_unknown_keys_are_counted_per_section_at_their_first_page(tmp_path) -> None:
    site = write_site(tmp_path / "site", {
        "jobs/b.md": '+++\ntitle = "B"\nemployer = "Northwind"\n+++\nB.\n',
        "jobs/a.md": '+++\ntitle = "A"\ndate = "2020-01-01"\nemployer = ["Example University", "Riverside"]\n'
                     'params = "kept"\nsalary = "1"\n+++\nA.\n',
        "news/c.md": '+++\ntitle = "C"\nemployer = "Example University"\nDate = "2020-01-01"\n'
                     f'summary = "{"x" * 100}"\n+++\nC.\n',
        "contact.md": '+++\ntitle = "Contact"\nphone = 5551234\n+++\nCall.\n',
    })
    unknown = collect_unknown_keys(read_site(site).pages.values())
    assert [(u.section, u.key, u.pages, u.example, u.file, u.line) for u in unknown] == [
        ("", "phone", 1, 5551234, "content/contact.md", 3),
        # a.md's params is no mapping: its employer and salary stay at the top (the build warns).
        ("jobs", "employer", 1, "Northwind", "content/jobs/b.md", 3),
        ("news", "Date", 1, "2020-01-01", "content/news/c.md", 4),
        ("news", "employer", 1, "Example University", "content/news/c.md", 3),
    ]
    problems = [str(unknown_key_problem(u)) for u in unknown]
    assert problems[0].startswith("content/contact.md:3: front matter key 'phone' is read by nothing in the "
                                  "handbook; 1 page of the top of the site has it (here 5551234)")
    assert "key 'Date' (did you mean 'date'?) is read by nothing" in problems[2]
    long = next(u for u in collect_unknown_keys([_page_with({"notes": "y" * 100})]))
    assert long.example == "y" * 79 + "…"


def _page_with(data: dict):
    from ext.hugo_import.model import FrontMatter, Page

    return Page(source="jobs/p.md", path=Path("p.md"), front=FrontMatter(data=data, body="", body_line=1, key_lines={}),
                url="/jobs/p/", docname="jobs/p", section="jobs", title="P")


def test_the_fields_setting_in_its_two_forms_and_its_mistakes() -> None:
    assert read_fields_setting({"/jobs/": ["employer", "apply_url"], "news": {"date": "Posted"}}) == {
        "jobs": {"employer": "Employer", "apply_url": "Apply url"}, "news": {"date": "Posted"}}
    for wrong in (["jobs"], {"jobs": "employer"}, {"jobs": {"employer": 1}}, {"jobs": [1]}):
        with pytest.raises(ConfigError, match="front_matter_fields must map a section"):
            read_fields_setting(wrong)


SMALL_INDEX = "# Handbook\n\n```{toctree}\njobs/index\n```\n"


def test_a_page_written_by_hand_shows_its_fields_and_a_wrong_setting_is_a_warning(tmp_path) -> None:
    docs = tmp_path / "docs"
    (docs / "jobs").mkdir(parents=True)
    (docs / "index.md").write_text(SMALL_INDEX, encoding="utf-8")
    (docs / "jobs" / "index.md").write_text("# Jobs\n\n```{toctree}\nanalyst\nnews-editor\n```\n", encoding="utf-8")
    (docs / "jobs" / "analyst.md").write_text(
        "---\ndate: 2027-05-25\nemployer: Example University\nremote: true\nlanguages: [English, French]\n"
        "params:\n  employer: not shown, the top one is\n  apply_url: https://jobs.example.org/analyst\n"
        "---\n\n# Data analyst\n\nText.\n", encoding="utf-8")
    (docs / "jobs" / "news-editor.md").write_text("---\nemployer: Northwind\nsalary: 1\n---\n\n# News editor\n",
                                                  encoding="utf-8")
    setting = {"jobs": {"employer": "Employer", "date": "Posted", "remote": "Remote", "languages": "Languages",
                        "apply_url": "Apply at", "employr": "Typo"},
               "careers": ["employer"]}
    warnings = build(docs, tmp_path / "html", confoverrides={"front_matter_fields": setting})
    warnings = strip_escape_sequences(warnings)
    found = sorted(line.split("WARNING: ")[-1] for line in warnings.splitlines() if "[front-matter." in line)
    assert found == [
        ("front_matter_fields: no page of section 'jobs' has the key 'employr', at the top of its front matter "
         "or under params; nothing is shown [front-matter.unknown-field]"),
        ("front_matter_fields: the handbook has no section 'careers' (no folder docs/careers/) "
         "[front-matter.unknown-field]"),
        ("unknown front matter key 'salary': nothing reads it (if it is meant, add it to front_matter_keys in "
         "conf.py) [front-matter.unknown-key]"),
    ]
    assert "news-editor.md:3: WARNING: unknown front matter key 'salary'" in warnings
    html = BeautifulSoup((tmp_path / "html" / "jobs" / "analyst" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    fields = html.select_one("dl.front-matter-fields")
    assert [(dt.get_text(strip=True), dd.get_text(strip=True)) for dt, dd in zip(fields("dt"), fields("dd"))] == [
        ("Employer:", "Example University"), ("Posted:", "May 25, 2027"), ("Remote:", "yes"),
        ("Languages:", "English, French"), ("Apply at:", "https://jobs.example.org/analyst"),
    ]
    # The warnings can be silenced, and a setting of the wrong shape stops the build.
    quiet = build(docs, tmp_path / "quiet", confoverrides={"front_matter_fields": setting,
                                                           "suppress_warnings": ["front-matter.unknown-field"]})
    assert "front-matter.unknown-field" not in quiet and "front-matter.unknown-key" in quiet
    with pytest.raises(ConfigError, match="front_matter_fields must map a section"):
        build(docs, tmp_path / "wrong", confoverrides={"front_matter_fields": {"jobs": "employer"}})
