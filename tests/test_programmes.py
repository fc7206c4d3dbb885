"""ext.programmes: builds of the fictional test root (tests/roots/test-programme)."""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx._cli.util.errors import strip_escape_sequences
from sphinx.search.en import SearchEnglish
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent / "roots" / "test-programme"
QUIRKS = "_data/programmes/1999-Quirkville.json"


def warning_lines(app) -> list[str]:
    return [line for line in strip_escape_sequences(app.warning.getvalue()).splitlines() if line]


def expected_warnings(srcdir: Path) -> list[str]:
    """Every warning of the test root, in build order (paths relative to srcdir)."""
    quirks = srcdir / QUIRKS
    return [
        f"{srcdir / 'broken.md'}:3: WARNING: programme '_data/programmes/missing.json' not rendered: file not found [programmes.bad-file]",
        f"{srcdir / 'broken.md'}:6: WARNING: programme '_data/programmes/broken.json' not rendered: not valid JSON: Expecting value (line 2, column 1) [programmes.bad-file]",
        f"{srcdir / 'lemuria-rest.md'}:3: WARNING: :sessions: '99' selects no session (3 in the file) [programmes.bad-value]",
        f"{quirks}:3: WARNING: conferenceNum: expected a string, got a number (25); used '25' [programmes.bad-value]",
        f"{quirks}:20: WARNING: sessions[0].presentations[0].title: expected a string, got a number (12345); used '12345' [programmes.bad-value]",
        f"{quirks}:21: WARNING: sessions[0].presentations[0].presenters: expected a list, got an object; used it as a one-item list [programmes.bad-value]",
        f"{quirks}:24: WARNING: sessions[0].presentations[0].files: expected a list, got a string; used it as a one-item list [programmes.bad-value]",
        f"{quirks}:30: WARNING: sessions[1].title: expected a string, got a list; dropped [programmes.bad-value]",
        f"{quirks}:33: WARNING: sessions[1].presentations[0].presenters[0]: expected an object, got a string; used it as the name [programmes.bad-value]",
        f"{quirks}:39: WARNING: sessions[2].presentations[0]: expected an object, got a number; used it as the title [programmes.bad-value]",
        f"{quirks}:9: WARNING: endDate: 1999-05-18 is before startDate 1999-05-20; using dateText 'May 18-20, 1999' [programmes.end-before-start]",
        f"{quirks}:10: WARNING: conferenceUrl: no page for site path '/conferences/nowhere/' (looked for conferences/nowhere/index, conferences/nowhere); shown as text [programmes.bad-link]",
        f"{quirks}:31: WARNING: sessions[1].day: 'Someday soon' is not a date (YYYY-MM-DD or 'May 28, 2019'); listed under that heading [programmes.bad-date]",
        f"{quirks}:17: WARNING: sessions[0].abstract: link 'javascript:alert(1)' is not http(s) or mailto; kept its text only [programmes.bad-link]",
        f"{quirks}:23: WARNING: sessions[0].presentations[0].doi[1]: 'not-a-doi' is not a DOI (10.<prefix>/<suffix>); shown as text [programmes.bad-value]",
    ]


def build(tmp_path: Path, builder: str = "html", parallel: int = 0, **confoverrides) -> SphinxTestApp:
    """Copy the test root into ``tmp_path/src`` and build it; returns the finished app."""
    srcdir = tmp_path / "src"
    if not srcdir.exists():
        shutil.copytree(ROOT, srcdir)
    app = SphinxTestApp(
        builder, srcdir=srcdir, builddir=srcdir / "_build", status=StringIO(), warning=StringIO(),
        confoverrides=confoverrides, parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def programme_html(app, page: str) -> str:
    html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
    start = html.index('<div class="programme')
    return html[start:html.index("</div>\n</section>", start)]


# -- HTML --------------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-html", freshenv=True)
def test_html_header_sessions_presentations(app) -> None:
    app.build()
    page = programme_html(app, "atlantis")
    assert '<h2 class="programme-heading">Data Tides: Sharing Research Data Across the Sunken Continent</h2>' in page
    assert "<p>52nd Annual Conference</p>" in page
    assert "<p>June 3–6, 2030</p>" in page
    # A site path becomes a checked reference to the page that exists.
    assert '<a class="reference internal" href="conferences/atlantis2030/index.html"><span class="doc">/conferences/atlantis2030/</span></a>' in page
    # Days in date order, "June 5, 2030" read as a date; the day navigation links them.
    headings = re.findall(r'<h3 class="programme-heading">([^<]*)</h3>', page)
    assert headings == ["Monday, June 3, 2030", "Tuesday, June 4, 2030", "Wednesday, June 5, 2030"]
    assert '<a class="reference internal" href="#p2030-atlantis-d2030-06-05">Wednesday, June 5, 2030</a>' in page
    # Sessions: anchors by position, a second id from the nid, type, chair, moderator, video.
    assert '<section class="programme-session" id="p2030-atlantis-s04">\n<span id="p2030-atlantis-n4321"></span>' in page
    assert 'Opening Plenary: Tides of Change <span class="programme-session-type">(Plenary)</span>' in page
    assert '<p class="programme-roles">Chair: Coral Reefson</p>' in page
    assert '<p class="programme-roles">Moderator: Marina Trench</p>' in page
    assert 'Video: <a class="reference external" href="https://www.youtube.com/watch?v=OpenVid_01">' in page
    # Presentations: presenters without "()" for an empty or missing institution.
    assert '<article class="programme-presentation" id="p2030-atlantis-s02-p01">' in page
    assert '<p class="programme-presenters">Seaweed, Sally; Urchin, Ulf; Barnacle, Bo (Tidepool College)</p>' in page
    assert "()" not in page
    # Abstract collapsible, with its list, emphasis and link.
    assert '<details class="programme-abstract">\n<summary>Abstract</summary>\n<p>We describe:</p>' in page
    assert '<li><p>harvesting <em>kelp</em> records</p></li>' in page
    assert '<a class="reference external" href="https://example.org/kelp">kelp registries</a>' in page
    # Plain-text abstract: lines are paragraphs, "•" lines a list.
    assert "<p>First paragraph of a plain abstract.</p>\n<p>Second paragraph.</p>\n<ul" in page
    # DOI (one or a list), files (url, or path under programmes_files_url), video.
    assert 'href="https://doi.org/10.5281/zenodo.9990001"' in page
    assert ('DOI: <a class="reference external" href="https://doi.org/10.5281/zenodo.9990002">https://doi.org/10.5281/zenodo.9990002</a>, '
            '<a class="reference external" href="https://doi.org/10.5281/zenodo.9990003">') in page
    assert '<a class="reference external" href="https://files.example.org/programmes/keynote%20slides.pdf">keynote slides.pdf</a>' in page
    assert '<a class="reference external" href="https://files.example.org/kelp.pptx">Kelp slides</a>' in page
    assert 'href="https://www.youtube.com/watch?v=KeyVid_02"' in page
    # CSS only for HTML, linked from the page.
    assert (app.outdir / "_static" / "programmes.css").is_file()
    assert 'href="_static/programmes.css' in (app.outdir / "atlantis.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-quirks", freshenv=True)
def test_html_quirks_are_safe_and_complete(app) -> None:
    app.build()
    html = (app.outdir / "quirks.html").read_text(encoding="utf-8")
    page = html[html.index('<div class="quirky programme" id="p1999-quirkville">'):]
    # Escaped title, moderator under its misspelt key, entities decoded once.
    assert "Quirks &amp; Co: 100% $ # _ { } ~ ^ \\ Data" in page
    assert "Moderator: Misspelt Moderator" in page
    assert "<p>Costs &amp; benefits &lt;tags&gt; été here</p>" in page
    assert "&amp;amp;" not in page and "&amp;lt;" not in page and "&amp;eacute;" not in page
    # No script, no event handler, no javascript: link; its text stays.
    assert "pwned" not in html and "steal()" not in html and "javascript:" not in html
    assert "Second <span>bad link</span> and" in page
    # <br> becomes a line block; safe links keep their query.
    assert '<div class="line">next line</div>' in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    # Repaired values: number title, object presenters, string files, string presenter.
    assert '<h5 class="programme-heading">12345</h5>' in page
    assert '<p class="programme-presenters">Solo, Han</p>' in page
    assert 'href="https://files.example.org/programmes/loose%20file.pdf">loose file.pdf</a>' in page
    assert '<p class="programme-presenters">Plain, Name</p>' in page
    assert '<h5 class="programme-heading">7</h5>' in page
    assert '<h4 class="programme-heading">Untitled session</h4>' in page
    # End before start: dateText; bad site path: text; day groups with the odd ones last.
    assert "<p>May 18-20, 1999</p>" in page
    assert '<span class="pre">/conferences/nowhere/</span>' in page
    headings = re.findall(r'<h3 class="programme-heading">([^<]*)</h3>', page)
    assert headings == ["Wednesday, May 19, 1999", "Someday soon", "Other sessions"]
    assert 'id="p1999-quirkville-other"' in page


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-broken", freshenv=True)
def test_bad_file_leaves_a_notice_and_the_page(app) -> None:
    app.build()
    html = (app.outdir / "broken.html").read_text(encoding="utf-8")
    assert '<p class="programme-missing">The programme (_data/programmes/missing.json) could not be shown.</p>' in html
    assert '<p class="programme-missing">The programme (_data/programmes/broken.json) could not be shown.</p>' in html
    assert "The rest of the page still builds." in html


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-sessions", freshenv=True)
def test_sessions_option_splits_a_programme(app) -> None:
    app.build()
    first = (app.outdir / "lemuria-first-day.html").read_text(encoding="utf-8")
    rest = (app.outdir / "lemuria-rest.html").read_text(encoding="utf-8")
    assert 'id="p2031-lemuria-s01"' in first and 'id="p2031-lemuria-s02"' not in first
    assert 'id="p2031-lemuria-s02"' in rest and 'id="p2031-lemuria-s03"' in rest
    assert 'id="p2031-lemuria-s01"' not in rest


# -- Warnings ----------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-warnings", freshenv=True)
def test_warnings_exact_text_and_location(app) -> None:
    app.build()
    assert warning_lines(app) == expected_warnings(Path(app.srcdir))


@pytest.mark.sphinx(
    "html", testroot="programme", srcdir="programme-suppress", freshenv=True,
    confoverrides={"suppress_warnings": ["programmes.bad-value", "programmes.bad-file"]},
)
def test_suppress_warnings_per_subtype(app) -> None:
    app.build()
    expected = [
        line for line in expected_warnings(Path(app.srcdir))
        if "[programmes.bad-value]" not in line and "[programmes.bad-file]" not in line
    ]
    assert warning_lines(app) == expected


@pytest.mark.sphinx(
    "html", testroot="programme", srcdir="programme-notypes", freshenv=True,
    confoverrides={"show_warning_types": False},
)
def test_messages_end_with_subtype_without_show_warning_types(app) -> None:
    app.build()
    assert warning_lines(app) == expected_warnings(Path(app.srcdir))


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-duplicate", freshenv=True)
def test_duplicate_anchor_warns(app) -> None:
    (Path(app.srcdir) / "repeat.md").write_text(
        "---\norphan: true\n---\n# Repeat\n\n```{conference-programme} _data/programmes/2030-Atlantis.json\n:sessions: 4\n```\n",
        encoding="utf-8",
    )
    app.build()
    duplicates = [line for line in warning_lines(app) if "duplicate-anchor" in line]
    assert duplicates == [
        f"{Path(app.srcdir) / 'repeat.md'}:6: WARNING: anchor 'p2030-atlantis-s04-p01' is already used by 'atlantis'; "
        "show each programme (or each :sessions: part of it) on one page only [programmes.duplicate-anchor]",
        f"{Path(app.srcdir) / 'repeat.md'}:6: WARNING: anchor 'p2030-atlantis-s04' is already used by 'atlantis'; "
        "show each programme (or each :sessions: part of it) on one page only [programmes.duplicate-anchor]",
    ]


# -- LaTeX and text ------------------------------------------------------------------------

@pytest.mark.sphinx("latex", testroot="programme", srcdir="programme-latex", freshenv=True)
def test_latex_abstracts_escapes_and_labels(app) -> None:
    app.build()
    tex = (app.outdir / "programmes.tex").read_text(encoding="utf-8")
    # Abstracts printed in full, smaller.
    assert "\\begin{small}\n\\par\\noindent\\textit{Abstract:}" in tex
    assert "A keynote about deep data." in tex
    assert ("Specials: \\& 100\\% \\$5 \\#hash under\\_score \\{braces\\} \\textasciitilde{}tilde "
            "\\textasciicircum{}caret \\textbackslash{}backslash") in tex
    assert "{\\Large\\bfseries Quirks \\& Co: 100\\% \\$ \\# \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} Data}" in tex
    assert "pwned" not in tex
    # Session and presentation anchors are labels; every \hyperref target has its \label.
    assert "\\phantomsection\\label{\\detokenize{atlantis:p2030-atlantis-s04}}\\label{\\detokenize{atlantis:p2030-atlantis-n4321}}" in tex
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert "quirks:p1999-quirkville-other" in targets
    assert "conferences/atlantis2030/index::doc" in targets
    assert targets <= labels
    # Links stay printable: DOIs and videos as URLs, files with their name.
    assert "DOI: \\sphinxurl{https://doi.org/10.5281/zenodo.9990002}, \\sphinxurl{https://doi.org/10.5281/zenodo.9990003}" in tex
    assert "\\sphinxhref{https://files.example.org/kelp.pptx}{Kelp slides}" in tex


@pytest.mark.sphinx("text", testroot="programme", srcdir="programme-text", freshenv=True)
def test_text_output(app) -> None:
    app.build()
    text = (app.outdir / "atlantis.txt").read_text(encoding="utf-8")
    assert "Data Tides: Sharing Research Data Across the Sunken Continent\n=====" in text
    assert "Tuesday, June 4, 2030\n---------------------" in text
    assert "Opening Plenary: Tides of Change (Plenary)\n~~~~~" in text
    assert "Keynote: Mapping the Ocean Floor of Data\n\nNautilus, Nemo (Submarine Research Institute)" in text
    assert "   A keynote about deep data." in text
    assert "DOI: https://doi.org/10.5281/zenodo.9990001" in text
    assert "Video: https://www.youtube.com/watch?v=OpenVid_01" in text


# -- Search and domain ----------------------------------------------------------------------

def _search_index(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-search", freshenv=True)
def test_search_finds_presentations_by_title_and_presenter(app) -> None:
    app.build()
    index = _search_index(app.outdir)
    page = index["docnames"].index("atlantis")
    # Presentations are objects of the programmes domain, found by title.
    objects = [entry for entries in index["objects"].values() for entry in entries]
    keynote = [entry for entry in objects if entry[4] == "Keynote: Mapping the Ocean Floor of Data"]
    assert len(keynote) == 1 and keynote[0][0] == page
    assert keynote[0][3] == ""  # the anchor is the object's name: p2030-atlantis-s01-p01
    assert ["programmes", "presentation", "conference presentation"] in index["objnames"].values()
    # The full text has the title words and the presenters' names.
    stem = SearchEnglish({}).stem
    for word in ("Mapping", "Ocean", "Nautilus", "Nemo", "Seaweed", "Barnacle", "Tidepool"):
        docs = index["terms"][stem(word.lower())]
        assert page in (docs if isinstance(docs, list) else [docs]), word


@pytest.mark.sphinx("html", testroot="programme", srcdir="programme-domain", freshenv=True)
def test_domain_records_sessions_and_presentations(app) -> None:
    app.build()
    domain = app.env.get_domain("programmes")
    kelp = domain.presentations["p2030-atlantis-s02-p01"]
    assert kelp == {
        "docname": "atlantis", "anchor": "p2030-atlantis-s02-p01", "title": "Kelp Forests of Metadata",
        "programme": "2030-atlantis", "session": "p2030-atlantis-s02",
        "presenters": [["Seaweed, Sally", ""], ["Urchin, Ulf", ""], ["Barnacle, Bo", "Tidepool College"]],
    }
    assert domain.sessions["p2030-atlantis-s02"]["day"] == "2030-06-05"
    assert domain.sessions["p1999-quirkville-s02"]["day"] == "Someday soon"
    kinds = [objtype for _, _, objtype, _, _, _ in domain.get_objects()]
    assert kinds.count("presentation") == 11 and kinds.count("session") == 10
    domain.clear_doc("atlantis")
    assert not [entry for entry in domain.presentations.values() if entry["docname"] == "atlantis"]


# -- Incremental and parallel builds ----------------------------------------------------------

def test_editing_a_programme_rereads_only_its_pages(tmp_path: Path) -> None:
    build(tmp_path)
    data = tmp_path / "src" / "_data" / "programmes" / "2031-Lemuria.json"
    data.write_text(data.read_text(encoding="utf-8").replace("Counting Coral Colonies", "Counting Coral Reefs"), encoding="utf-8")
    srcdir = tmp_path / "src"
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / "_build", status=StringIO(), warning=StringIO())
    reread: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: reread.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    # The pages showing the file; "broken" names a missing file, so it is re-read on
    # every build until the file exists (as Sphinx does for a missing image).
    assert sorted(reread) == ["broken", "lemuria-first-day", "lemuria-rest"]
    assert "Counting Coral Reefs" in (app.outdir / "lemuria-rest.html").read_text(encoding="utf-8")


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    serial = build(tmp_path / "serial")
    parallel = build(tmp_path / "parallel", parallel=2)
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    pages = sorted(path.relative_to(serial.outdir) for path in serial.outdir.rglob("*.html"))
    assert pages == sorted(path.relative_to(parallel.outdir) for path in parallel.outdir.rglob("*.html"))
    for page in pages:
        assert (serial.outdir / page).read_text(encoding="utf-8") == (parallel.outdir / page).read_text(encoding="utf-8"), page
    assert _search_index(serial.outdir) == _search_index(parallel.outdir)
    assert sorted(warning_lines(serial)) == sorted(
        line.replace(str(tmp_path / "parallel"), str(tmp_path / "serial")) for line in warning_lines(parallel)
    )
