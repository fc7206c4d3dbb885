"""The member guide: ``{guide-toctree}``, the LaTeX output of our extensions' nodes,
links out of the guide, and (with TeX installed) the PDF of the example and real site."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ext.member_guide import entry_docname, guide_pages_in_source, is_imagemagick, page_path

from .conftest import REAL_SITE, REPO

GUIDE_WARNING = "guide.md:11: WARNING: guide page '/no-such-page' is not a document of this project; left out of the guide [guide.missing-page]"


def warnings_of(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


# -- Units ------------------------------------------------------------------------------------

def test_entries_and_pages_in_source():
    text = "# Guide\n\n```{guide-toctree}\n:maxdepth: 1\n\n/about/\nfaq.md\n% a comment\n```\n\n:::{guide-toctree}\n/contact\n:::\n"
    assert guide_pages_in_source(text, "handbook/guide") == ["about/index", "handbook/faq", "contact"]
    assert entry_docname("../x", "a/b/guide") == "a/x"


@pytest.mark.parametrize(("docname", "path"), [("index", "/"), ("about/index", "/about/"), ("about/faq", "/about/faq/"), ("contact", "/contact/")])
def test_page_path(docname, path):
    assert page_path(docname) == path


# -- LaTeX of every node of our extensions (no TeX needed) -------------------------------------

@pytest.mark.sphinx("latex", testroot="guide", freshenv=True)
def test_latex_output(app):
    app.build()
    assert [w.endswith(GUIDE_WARNING) for w in warnings_of(app)] == [True], warnings_of(app)
    tex = (app.outdir / "guide.tex").read_text(encoding="utf-8")

    # only the guide was read; the page outside it is found, not read
    assert set(app.env.all_docs) == {"index", "guide", "chapter", "links"}
    assert "outside" in app.env.found_docs

    # every internal link has its label: no dead link in the PDF
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert targets and targets <= labels, targets - labels
    assert "chapter:special-characters" in targets  # a site: link to a guide page is internal
    assert "chapter::doc" in targets

    # special characters escaped in text, in struck text ({del}) and in URLs
    assert r"Costs 100 \% \& more: \$5 for \#1\_a \{braces\} \textasciitilde{}tilde \textasciicircum{}caret \textbackslash{}backslash" in tex
    assert r"\setbox0\hbox{old fee \& 50 \%}\rlap{\rule[0.5ex]{\wd0}{0.4pt}}\box0\endgroup" in tex
    assert r"\sphinxnolinkurl{https://example.org/search?q=a\%20b\&x=1\_2\#top~1}" in tex
    assert "Ελληνικά" in tex and "Łódź" in tex

    # embeds print a label and a URL that breaks across lines (\sphinxnolinkurl is \url)
    assert r"\textbf{Video:} A talk \& its slides \sphinxhref{https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ}" in tex
    assert r"\textbf{Embedded page:} Map of the venue" in tex
    assert r"\textbf{PDF document:} Annual report 50\% \sphinxhref{https://handbook.example.org/file/report\_2024.pdf}" in tex
    assert r"\textbf{Calendar:} \sphinxhref{https://calendar.example.org/embed?src=team\%40example.org\&ctz=UTC}" in tex
    long_url = re.search(r"\\sphinxurl\{(https://www\.example\.org/a/very/long[^}]*)\}", tex)
    assert long_url and " " not in long_url[1]

    # links out of the guide go to the live site, with the URL printed in a footnote
    assert r"\sphinxhref{https://handbook.example.org/outside/}{\DUrole{xref}{\DUrole{myst}{a page we do not print}}}%" in tex
    assert tex.count(r"\sphinxnolinkurl{https://handbook.example.org/outside/}") == 3
    assert r"\sphinxnolinkurl{https://handbook.example.org/file/report\_2024.pdf}" in tex
    assert "detokenize{outside" not in tex and "{site:" not in tex

    # a page's own toctree does not pull its children into the guide
    assert r"\chapter{Outside}" not in tex
    assert tex.count(r"\chapter{") == 2


@pytest.mark.sphinx("latex", testroot="guide", freshenv=True, confoverrides={"suppress_warnings": ["guide.missing-page"]})
def test_missing_page_warning_can_be_suppressed(app):
    app.build()
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="guide", freshenv=True)
def test_html_guide_is_a_reading_list(app):
    app.build()
    assert [w.endswith(GUIDE_WARNING) for w in warnings_of(app)] == [True]
    html = (app.outdir / "guide.html").read_text(encoding="utf-8")
    assert 'class="member-guide-pages' in html
    assert '<a class="reference internal" href="chapter.html"><span class="doc">Embeds &amp; specials</span></a>' in html
    # HTML reads everything, and the guide is no toctree parent of its pages
    assert "outside" in app.env.all_docs
    assert "guide" not in app.env.toctree_includes


def imagemagick_available() -> bool:
    return any(is_imagemagick(path) for path in filter(None, (shutil.which("magick"), shutil.which("convert"), "/usr/bin/convert")) if Path(path).exists())


@pytest.mark.skipif(not imagemagick_available(), reason="ImageMagick not installed")
@pytest.mark.sphinx("latex", testroot="guide-images", freshenv=True)
def test_gif_is_converted_and_image_link_dropped(app):
    app.build()
    assert warnings_of(app) == []
    tex = (app.outdir / "images.tex").read_text(encoding="utf-8")
    assert re.search(r"\\sphinxincludegraphics\[width=300\\sphinxpxdimen\]\{\{dots\}\.png\}", tex), tex
    assert (app.outdir / "dots.png").is_file()
    assert r"\caption{An animated GIF, converted for LaTeX.}" in tex
    assert r"\sphinxhref" not in tex  # "click to enlarge" links are dropped on paper


# -- The PDF (needs TeX) -----------------------------------------------------------------------

TEX_TOOLS = ("xelatex", "latexmk", "pdftotext")
needs_tex = pytest.mark.skipif(not all(map(shutil.which, TEX_TOOLS)), reason="TeX (make tex-deps) or pdftotext missing")

CHAPTERS = ("About IASSIST", "Become a Member", "IASSIST Code of Conduct", "Committees and Groups",
            "IASSIST Discussion List", "Fellows Program", "The IASSIST Achievement Award", "Conferences",
            "Conference Archive", "IASSIST Constitution", "Frequently Asked Questions", "Contact")


def build_guide_pdf(site: Path | None, tmp_path: Path) -> tuple[str, str]:
    """``make latexpdf`` into ``tmp_path``: of the committed docs/ (``site`` None), or the
    transition preview of the Hugo site ``site``: (the PDF's text, the LaTeX log)."""
    build = tmp_path / "_build"
    result = subprocess.run(
        ["make", "--no-print-directory", "latexpdf", *([f"SITE={site}"] if site else []), f"BUILDDIR={build}",
         "SPHINXOPTS=-W --keep-going -n -D events_today=2026-11-23", "VERSION=test"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pdf = build / "latex" / "iassist-member-guide.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text, (build / "latex" / "iassist-member-guide.log").read_text(encoding="utf-8", errors="replace")


def check_guide_text(text: str, log: str) -> None:
    assert not re.search(r"^! ", log, re.MULTILINE), "LaTeX errors"
    assert "Missing character" not in log
    flat = " ".join(text.split())
    assert "IASSIST Member Guide" in flat and "Version test" in flat
    for title in CHAPTERS:
        assert title in flat, title
    for leftover in ("{{<", ":::", "<div", "site:/"):
        assert leftover not in text, leftover


@needs_tex
def test_example_site_guide_pdf(tmp_path):
    text, log = build_guide_pdf(None, tmp_path)
    check_guide_text(text, log)
    flat = " ".join(text.split())
    upcoming = flat.index("Coming up and just finished")
    assert re.search(r"IASSIST 2027 52nd Annual Conference Vancouver, B\.C\., Canada May 25\W28, 2027", flat[upcoming:])


@needs_tex
@pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real site is not here")
def test_real_site_guide_pdf(tmp_path):
    text, log = build_guide_pdf(REAL_SITE, tmp_path)
    check_guide_text(text, log)
    flat = " ".join(text.split())
    upcoming = flat.index("Forthcoming and Recent Conferences")
    assert re.search(r"IASSIST 2027 52nd Annual Conference Vancouver, B\.C\., Canada May 25\W28, 2027", flat[upcoming:]), flat[upcoming:upcoming + 400]
