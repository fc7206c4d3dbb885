"""The hostile-input catalogue, part four: Hugo's publishing rules, impossible and
reversed dates, where a page with a bad date lands, and mistakes caught where they
are made (links to generated pages, the build's own output), run through the
harness (:mod:`tests.hostile`).

Every case is imported and built on the same "today", 2027-03-01
(``SOURCE_DATE_EPOCH``), so a page dated 2027-06-01 is a future page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys

import pytest
from sphinx.util.console import strip_escape_sequences

from ext.hugo_import.frontmatter import split_front_matter
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.publishing import PublishingRules, left_out

from ext.hugo_import.importer import import_site

from .conftest import REPO, build, new_docs, write_site
from .hostile import GUIDE_PAGES, Hostile, build_problems, check, page, run

#: 2027-03-01 12:00 UTC: the day every case is imported and built on.
TODAY_EPOCH = "1803902400"
TODAY = dt.date(2027, 3, 1)

#: A Conferences page with an impossible day and a range that ends before it starts.
CONFERENCES = """### 2028 IASSIST Events

#### Annual Conference

Lisbon, Portugal, June 31 - July 2, 2028

<a class="btn btn-template-main" href="./iassist2028/">Go to the 2028 conference</a>

### 2029 IASSIST Events

#### Annual Conference

Porto, Portugal, June 9 - May 30, 2029

<a class="btn btn-template-main" href="https://iassist2029.example.org/">Go to the 2029 conference</a>"""

#: A conference programme whose dates say June 31.
ARCHIVE_2028 = """{
    "conferenceYear": "2028",
    "title": "IASSIST 2028",
    "dateText": "June 31 - July 2, 2028",
    "startDate": "2028-06-28",
    "endDate": "2028-06-31",
    "city": "Lisbon, Portugal",
    "sessions": []
}
"""

CASES = [
    Hostile("future, expired and headless pages are left out, and links to them reported", {
        "content/x.md": page("X", "See [later](/later/), [gone](/gone/) and [the bundle](/kit/)."),
        "content/later.md": page("Later", "Soon.", 'date = "2027-06-01"\n'),
        "content/gone.md": page("Gone", "Over.", 'date = "2020-01-01"\nexpiryDate = "2027-02-28"\n'),
        "content/kit/index.md": page("Kit", "Files.", "headless = true\n"),
        "content/scheduled.md": page("Scheduled", "Soon.", 'date = "2020-01-01"\npublishDate = "2027-03-02"\n'),
        "content/today.md": page("Today", "Out today.", 'publishDate = "2027-03-01"\nexpiryDate = "2027-03-01"\n'),
    }, (
        "content/gone.md:4: expiryDate 2027-02-28 is before today (2027-03-01): an expired page, "
        "not imported (buildExpired = true in config.toml imports it) [hugo.unpublished]",
        "content/kit/index.md:3: headless bundle (headless = true): its files are served, "
        "the page is not imported [hugo.unpublished]",
        "content/later.md:3: date 2027-06-01 is after today (2027-03-01): a future page, "
        "not imported (buildFuture = true in config.toml imports it) [hugo.unpublished]",
        "content/scheduled.md:4: publishDate 2027-03-02 is after today (2027-03-01): a future page, "
        "not imported (buildFuture = true in config.toml imports it) [hugo.unpublished]",
        "content/x.md:4: link to '/later/': the page is a future page (2027-06-01), content/later.md, "
        "not imported; pointed at https://iassistdata.org/later/ [hugo.dead-link]",
        "content/x.md:4: link to '/gone/': the page is an expired page (2027-02-28), content/gone.md, "
        "not imported; pointed at https://iassistdata.org/gone/ [hugo.dead-link]",
        "content/x.md:4: link to '/kit/': the page is a headless bundle, content/kit/index.md, "
        "not imported; pointed at https://iassistdata.org/kit/ [hugo.dead-link]",
    ), url="/today/", text="Out today."),
    Hostile("impossible and reversed dates in event lines are located, their text and buttons kept", {
        "content/conferences/_index.md": page("Conferences", CONFERENCES),
        "content/conferences/iassist2028/_index.md": page("IASSIST 2028", (
            "## 53rd Annual Conference of IASSIST\n\n### Lisbon, Portugal, June 31 - July 2, 2028"), 'year = "2028"\n'),
        "content/conferences/1974-1999-conferences.md": page("Conferences 1974-1999", (
            "IASSIST 1998: A meeting\n: City: New Haven, CT, USA\n: Dates: May 22-19, 1998")),
    }, (
        "content/conferences/1974-1999-conferences.md:4: dates 'May 22-19, 1998': it ends (May 19, 1998) before "
        "it starts (May 22, 1998); the event keeps its year only [hugo.event-data]",
        "content/conferences/_index.md:8: event line 'Lisbon, Portugal, June 31 - July 2, 2028': June 31, 2028 "
        "is not a day of the calendar; it stays text on the page, with its buttons [hugo.event-data]",
        "content/conferences/_index.md:16: event line 'Porto, Portugal, June 9 - May 30, 2029': it ends "
        "(May 30, 2029) before it starts (June 9, 2029); it stays text on the page, with its buttons [hugo.event-data]",
        "content/conferences/iassist2028/_index.md:7: event line 'Lisbon, Portugal, June 31 - July 2, 2028': "
        "June 31, 2028 is not a day of the calendar; the event's card gives the year only [hugo.event-data]",
    ), url="/conferences/", text="Porto, Portugal, June 9 - May 30, 2029 Go to the 2029 conference Text after"),
    Hostile("impossible dates in front matter, data files and the conference JSON are located there", {
        "content/x.md": page("X", "Body.", 'date = "2027-02-30"\nlastmod = "2026-13-01"\nexpiryDate = "2027-04-31"\n'),
        "content/y.md": "---\ntitle: Y\ndate: 2026-02-29\n---\nBody.\n\nText after the hostile construct.\n",
        "data/alerts/a.yaml": 'text: "An alert."\ndate: 2028-02-30\n',
        "data/conferences/archive/2028-Lisbon.json": ARCHIVE_2028,
        "content/conferences/iassist2030/_index.md": page("IASSIST 2030", "Welcome.", 'year = "20300"\n'),
    }, (
        "content/x.md:3: date: '2027-02-30' is not a real date: day is out of range for month [hugo.bad-date]",
        "content/x.md:4: lastmod: '2026-13-01' is not a real date: month must be in 1..12 [hugo.bad-date]",
        "content/x.md:5: expiryDate: '2027-04-31' is not a real date: day is out of range for month [hugo.bad-date]",
        "content/y.md:3: date: '2026-02-29' is not a real date: day is out of range for month [hugo.bad-date]",
        "data/alerts/a.yaml:2: date: '2028-02-30' is not a real date: day is out of range for month; "
        "shown as written [hugo.bad-date]",
        "data/conferences/archive/2028-Lisbon.json:4: dateText 'June 31 - July 2, 2028': June 31, 2028 is not "
        "a day of the calendar; startDate and endDate are used [hugo.event-data]",
        "data/conferences/archive/2028-Lisbon.json:6: endDate '2028-06-31' is not a day of the calendar "
        "(YYYY-MM-DD); end left out [hugo.event-data]",
        "content/conferences/iassist2030/_index.md:3: year: '20300' is not a year (YYYY); the folder's year 2030 "
        "is used [hugo.bad-date]",
    ), url="/y/"),
    Hostile("a blog post with a bad date is served without date parts, reported once", {
        "content/blog/p.md": page("P", "Body.", 'date = "not a date"\n'),
        "content/blog/q.md": page("Q", "Undated body."),
    }, (
        "content/blog/p.md:3: date: 'not a date' is not a date in a known form (YYYY-MM-DD[ HH:MM[:SS]][ ±HHMM]) "
        "[hugo.bad-date]",
        "docs:blog/q.md:1: the post has no date (add one, date: YYYY-MM-DD, to its front matter); it is listed last "
        "[blog.missing-date]",
    ), url="/blog/p/"),
    Hostile("links to the pages the handbook generates are no dead links", {
        "content/x.md": page("X", (
            "The [blog](/blog/), the [conferences](/conferences/), the [tags](/tags/), [a tag](/tags/data/) "
            "and [no tag](/tags/nothing/).")),
        "content/blog/tagged.md": page("Tagged", "Body.", 'date = "2024-01-02"\ntags = ["Data"]\n'),
    }, (
        "content/x.md:4: link to '/tags/nothing/': the site has no such page or file; pointed at "
        "https://iassistdata.org/tags/nothing/ [hugo.dead-link]",
    ), url="/x/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input(case: Hostile, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    check(case, run(case, tmp_path))


# -- the publishing rules, one by one ----------------------------------------------------

def _rules(**switches: bool) -> PublishingRules:
    return PublishingRules(today=TODAY, **switches)


def _why(front_matter: str, rules: PublishingRules):
    return left_out(split_front_matter(f"+++\n{front_matter}+++\nBody.\n"), "content/x.md", rules)


def test_build_future_and_expired_in_config_keep_the_pages():
    rules = PublishingRules.from_config({"buildFuture": True, "buildexpired": True}, today=TODAY)
    assert _why('date = "2099-01-01"\nexpiryDate = "2000-01-01"\n', rules) == (None, [])
    assert _why('date = "2099-01-01"\n', _rules())[0].kind is ProblemKind.UNPUBLISHED


def test_build_drafts_keeps_drafts():
    assert _why("draft = true\n", _rules(build_drafts=True)) == (None, [])
    assert _why("draft = true\n", _rules())[0].message == "draft page, not imported"


def test_an_impossible_publish_date_is_a_located_problem_and_the_page_is_kept():
    why, problems = _why('title = "X"\npublishDate = "2027-02-30"\n', _rules())
    assert why is None
    assert [str(p) for p in problems] == [
        "content/x.md:3: publishDate: '2027-02-30' is not a real date: day is out of range for month [hugo.bad-date]",
    ]


def test_today_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    assert PublishingRules.from_config({}).today == TODAY


def test_a_page_edited_after_the_migration_hears_the_nearest_front_matter_key(tmp_path, monkeypatch) -> None:
    """The build checks what people edit in docs/ after the migration as the import
    checked the site: an unknown key is located and named with the nearest known one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    site = write_site(tmp_path / "site", {rel: page(title, body, after="") for rel, (title, body) in GUIDE_PAGES.items()})
    docs = new_docs(tmp_path)
    import_site(site, docs)
    (docs / "notes.md").write_text("---\norphan: true\nauther: Ana Ortiz\ndescripton: Notes.\n---\n\n# Notes\n\nText.\n",
                                   encoding="utf-8")
    warnings = build_problems(build(docs, tmp_path / "html"), docs)
    assert warnings == [
        "docs:notes.md:3: unknown front matter key 'auther'; did you mean 'author'? [front-matter.unknown-key]",
        "docs:notes.md:4: unknown front matter key 'descripton'; did you mean 'description'? [front-matter.unknown-key]",
    ]


def test_the_build_says_what_a_maintainer_must_read_and_nothing_else(tmp_path) -> None:
    """No MyST configuration, no "matplotlib is not installed", no "Writing evaluated
    template result" in the output of a build (:mod:`ext.quiet_build`); its warnings stay."""
    site = write_site(tmp_path / "site", {rel: page(title, body, after="") for rel, (title, body) in GUIDE_PAGES.items()})
    docs = new_docs(tmp_path)
    import_site(site, docs)
    (docs / "notes.md").write_text("---\norphan: true\nauther: A\n---\n\n# Notes\n", encoding="utf-8")
    status = io.StringIO()
    warnings = build(docs, tmp_path / "html", status=status)
    said = strip_escape_sequences(status.getvalue())
    assert "build succeeded" in said
    assert [line for line in said.splitlines() if re.search(r"myst v|MdParserConfig|matplotlib|Writing evaluated", line)] == []
    assert "did you mean 'author'?" in warnings
    # sphinxext-opengraph prints on import: in a fresh interpreter, as a build starts
    imported = subprocess.run([sys.executable, "-c", "from ext.quiet_build import setup; setup(None)"],
                              cwd=REPO, capture_output=True, text=True, check=True, timeout=60)
    assert (imported.stdout, imported.stderr) == ("", "")


def test_the_import_runs_again_on_another_day(tmp_path, monkeypatch) -> None:
    """A page dated tomorrow is published tomorrow: an unchanged site is imported again
    when the day changes (the fingerprint holds it), not skipped."""
    from ext.hugo_import.manifest import site_fingerprint

    site = write_site(tmp_path / "site", {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    today = site_fingerprint(site)
    assert site_fingerprint(site) == today
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY_EPOCH) + 86400))
    assert site_fingerprint(site) != today
