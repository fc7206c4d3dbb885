"""The import report people read: the summary the import and the build print, and the
page ``_import-report/`` of the HTML build (grouped by file, each problem with its line
and source line, escaped, in no menu, search index or sitemap)."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout

import pytest
from bs4 import BeautifulSoup

from ext.hugo_import.__main__ import main
from ext.hugo_import.model import ProblemKind
from ext.shared.report_file import NOT_COUNTED, PREVIEW_REPORT, SUMMARY_LINES, summary_lines

from .conftest import build, build_in_place, docs_copy, new_docs, write_site

#: A page whose lines try to get HTML and script into the report page.
HOSTILE = (
    '+++\ntitle = "Hostile"\n+++\nText.\n\n'
    '<script>alert("owned")</script>\n\n'
    'See [gone](/no/such/page/) and <a href="javascript:alert(1)">this</a> </td>&amp;\n'
)


def problem(file: str, line: int, kind: str = "dead-link") -> dict:
    return {"file": file, "line": line, "kind": kind, "message": "m", "source": ""}


def test_summary_counts_kinds_and_names_the_five_files_with_most_problems() -> None:
    problems = [problem(f"content/p{n}.md", line) for n in range(1, 8) for line in range(1, n + 1)]
    problems += [problem("content/p1.md", 9, "raw-html"), problem("content/p1.md", 10, "raw-html"),
                 problem("content/d.md", 3, "draft")]
    lines = summary_lines({"problems": problems}, "each with file and line in report.json")
    assert lines[0] == "import report: 30 problems in 7 files of the site (1 draft not imported)"
    assert re.fullmatch(r"  dead-link 28   raw-html   2", lines[1])
    assert lines[2] == "the files with the most problems:"
    assert lines[3:8] == ["     7  content/p7.md", "     6  content/p6.md", "     5  content/p5.md",
                          "     4  content/p4.md", "     3  content/p1.md"]  # 1 dead link + 2 raw-html; p3 ties, after
    assert lines[8:] == ["each with file and line in report.json"]


def test_summary_stays_on_one_screen_with_every_kind() -> None:
    problems = [problem(f"content/{i}.md", 1, kind.value) for i, kind in enumerate(ProblemKind)] * 120
    lines = summary_lines({"problems": problems}, "where")
    assert len(lines) <= SUMMARY_LINES and max(map(len, lines)) <= 80
    kinds = lines[1:lines.index("the files with the most problems:")]
    assert sum(len(re.findall(r"[a-z-]+ +\d+", line)) for line in kinds) == len(ProblemKind) - len(NOT_COUNTED)
    assert len(lines) - len(kinds) - 3 >= 1  # at least one file is named
    assert summary_lines({"problems": []}, "where") == ["import report: no problems in the site"]
    counted = len(ProblemKind) - len(NOT_COUNTED)
    assert lines[0] == f"import report: {120 * counted} problems in {counted} files (120 drafts, 120 unpublished left out)"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> dict:
    """A small site with a hostile page, imported as ``make html SITE=...`` does (the
    command line, with the handbook's own pages) and built: output, status, report."""
    tmp = tmp_path_factory.mktemp("report")
    site = write_site(tmp / "site", {"about/hostile.md": HOSTILE,
                                     "about/draft.md": '+++\ntitle = "Draft"\ndraft = true\n+++\nx\n'})
    dest = tmp / "src"
    out = io.StringIO()
    with redirect_stdout(out):
        assert main([str(site), str(dest), "--handbook", str(new_docs(tmp))]) == 0
    status = io.StringIO()
    warnings = build(dest, tmp / "html", status=status)
    report = json.loads((dest / PREVIEW_REPORT).read_text(encoding="utf-8"))
    return {"out": tmp / "html", "import": out.getvalue(), "status": status.getvalue(), "warnings": warnings,
            "report": report}


def test_the_report_json_keeps_each_problems_source_line(preview) -> None:
    by_line = {(p["file"], p["line"], p["kind"]): p["source"] for p in preview["report"]["problems"]}
    assert by_line[("content/about/hostile.md", 6, "dropped-html")] == '<script>alert("owned")</script>'
    assert by_line[("content/about/hostile.md", 8, "dead-link")].startswith("See [gone](/no/such/page/)")
    assert by_line[("content/about/draft.md", 3, "draft")] == "draft = true"


def test_the_import_and_the_build_end_with_the_summary(preview) -> None:
    for text in (preview["import"], preview["status"]):
        assert "import report: 4 problems in 1 file of the site (1 draft not imported)" in text
        assert "     4  content/about/hostile.md" in text
    status = re.sub(r"\x1b\[[0-9;]*m", "", preview["status"])  # without the colours
    lines = [line for line in status.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("import report:"))
    last = next(i for i, line in enumerate(lines) if line.startswith("build succeeded"))
    assert lines[last - 1].startswith("each with its line and the source line: ")
    assert lines[last - 1].endswith("_import-report/index.html")
    assert last - first == 5  # headline, kinds, "the file with problems", the file, where
    assert "import-report" not in preview["warnings"]  # (the guide misses pages the tiny site lacks)


def test_the_report_page_groups_problems_by_file_with_lines_and_source(preview) -> None:
    page = BeautifulSoup((preview["out"] / "_import-report" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    files = [h.get_text(strip=True).rstrip("¶") for h in page.select("section#by-file h3")]
    assert files == ["content/about/draft.md", "content/about/hostile.md"]
    hostile = page.select("section#by-file > section")[1]
    assert hostile.select_one("p a")["href"] == "../about/hostile/"  # the page it became
    rows = [[td.get_text() for td in tr.select("td")] for tr in hostile.select("tbody tr")]
    assert rows[0] == ["6", "dropped-html", rows[0][2], '<script>alert("owned")</script>']
    assert [row[:2] for row in rows[1:]] == [["8", "unknown-tag"], ["8", "dead-link"], ["8", "unsafe-html"]]
    assert rows[2][3] == 'See [gone](/no/such/page/) and <a href="javascript:alert(1)">this</a> </td>&amp;'


def test_the_source_lines_are_escaped(preview) -> None:
    raw = (preview["out"] / "_import-report" / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("owned")' not in raw and 'href="javascript:' not in raw and "</td>&amp;" not in raw
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in raw
    assert "&lt;/td&gt;&amp;amp;" in raw


def test_the_report_page_is_in_no_navigation_search_or_sitemap(preview) -> None:
    out = preview["out"]
    for page in ["index.html", "about/index.html", "about/hostile/index.html"]:
        assert "_import-report" not in (out / page).read_text(encoding="utf-8"), page
    assert "_import-report" not in (out / "searchindex.js").read_text(encoding="utf-8")
    assert "Import report" not in (out / "searchindex.js").read_text(encoding="utf-8")
    assert "_import-report" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_an_unreadable_report_is_a_typed_warning_and_no_page(tmp_path) -> None:
    src = tmp_path / "src"
    (src / "_generated").mkdir(parents=True)
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    (src / PREVIEW_REPORT).write_text("{not json", encoding="utf-8")
    warnings = build(src, tmp_path / "html", builder="html")
    assert "_generated/import-report.json:1: WARNING: the import report cannot be read (Expecting property name" in warnings
    assert "[import-report.unreadable]" in warnings
    assert not (tmp_path / "html" / "_import-report").exists()


def test_the_migrated_handbook_shows_the_migrations_report(example_build) -> None:
    outdir, _warnings, report = example_build
    page = BeautifulSoup((outdir / "_import-report" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "What the migration found in the Hugo site examples/site" in page.select_one("section p").get_text()
    shown = {(p["file"], p["line"]) for p in report["problems"]}
    rows = {(h.get_text(strip=True).rstrip("¶"), tr.select_one("td").get_text())
            for section in page.select("section#by-file > section") for h in section.select("h3")
            for tr in section.select("tbody tr")}
    assert {(file, str(line)) for file, line in shown} == rows
    assert all("source" in p for p in report["problems"])


def test_a_secrets_value_never_reaches_the_report(tmp_path) -> None:
    from ext.hugo_import.report import SourceLines

    (tmp_path / "config.toml").write_text(
        'googleMapsApiKey = "AIzaFAKE"\n  api_key: "abc123"\ndefaultKeywords = ["data"]\n', encoding="utf-8")
    lines = SourceLines(tmp_path)
    assert [lines.get("config.toml", n) for n in (1, 2, 3)] == [
        "googleMapsApiKey = (not shown)", "  api_key: (not shown)", 'defaultKeywords = ["data"]']
    assert lines.get("../outside.toml", 1) == "" and lines.get("config.toml", 0) == ""


def test_a_build_that_writes_no_document_still_writes_the_report_page(tmp_path) -> None:
    """A second build with nothing changed (a save in ``make livehtml`` that touches no
    page) writes no document, and still makes the report page again: it used to stop
    with an AttributeError (the builder's figure numbers exist only once a document is
    written)."""
    docs = docs_copy(tmp_path)
    for turn in ("cold", "nothing changed"):
        status = build_in_place(docs, tmp_path / "build")
        page = (tmp_path / "build" / "dirhtml" / "_import-report" / "index.html").read_text(encoding="utf-8")
        assert "What the migration found in the Hugo site" in page, turn
    assert "0 added, 0 changed, 0 removed" in status
    assert "no targets are out of date" in status


def test_the_report_page_follows_a_renamed_page_and_is_kept_otherwise(tmp_path) -> None:
    """The report page's body is kept between builds (under the doctree folder) and made
    again when what it shows changes: here the title of a page it links to."""

    docs = docs_copy(tmp_path)
    report_page = tmp_path / "build" / "dirhtml" / "_import-report" / "index.html"
    schedule = docs / "conferences" / "iassist2025" / "conference-schedule.md"

    def built() -> str:
        build_in_place(docs, tmp_path / "build")
        return report_page.read_text(encoding="utf-8")

    first = built()
    assert ">IASSIST 2025 - Conference Schedule</a>" in first
    kept = tmp_path / "build" / "doctrees" / "outputs" / "import-report-body.html"
    assert kept.is_file()
    assert built() == first  # nothing changed
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("# IASSIST 2025 - Conference Schedule", "# The schedule", 1),
                        encoding="utf-8")
    renamed = built()
    assert ">The schedule</a>" in renamed and ">IASSIST 2025 - Conference Schedule</a>" not in renamed
