"""LaTeX output of the events nodes (``tests/roots/test-events-latex``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TITLE_TEX = r"R\&D 100\% \$cheap \#1 data\_set \{x\} \textasciitilde{}y \textasciicircum{}z \textbackslash{}back"
LONG_URL = "conference.example.org/a/very/long/path/that/would/run/off/the/page/if/printed/raw/with\\_underscores\\_and\\%20percent\\#fragment"


@pytest.fixture
def tex(app) -> str:
    app.build()
    assert app.warning.getvalue() == ""
    return (Path(app.outdir) / "events.tex").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="events-latex", freshenv=True)
def test_card_is_a_titled_framed_block(tex):
    cards = re.findall(r"\\begin\{sphinxtopic\}\n(.*?)\\end\{sphinxtopic\}", tex, flags=re.S)
    assert len(cards) == 3
    first = cards[0]
    assert first.startswith(f"\\sphinxstyletopictitle{{{TITLE_TEX}}}\n\n")  # title on its own row
    assert "3rd Annual Conference" in first
    assert r"Hall \#5 \& Annex\_B, Price \$5 \textasciitilde{} 50\% off, Utopia" in first
    assert r"June 2\textendash{}5, 2031" in first
    assert r"Hosted by Institute \{of\} \textasciicircum{}Things" in first
    assert r"\hyperref[\detokenize{conferences/special/index::doc}]" in first
    # a card without page or website: no button, and no empty line where "Add to calendar" is on screen
    assert cards[1].startswith("\\sphinxstyletopictitle{Quiet meeting}\n\n")
    assert cards[1].endswith("\\sphinxAtStartPar\nApril 10, 2031\n")
    web = cards[2]
    assert (
        r"\sphinxhref{https://workshop.example.org/2030/some\_path?x=1\&y=2}{Event website}"
        r" (\sphinxnolinkurl{workshop.example.org/2030/some\_path?x=1\&y=2})"
    ) in web
    assert "Add to calendar" not in tex


@pytest.mark.sphinx("latex", testroot="events-latex", freshenv=True)
def test_a_card_is_one_box_a_page_break_cannot_split(tex):
    """Each card's frame sits in a full-width minipage (one unbreakable box: the card moves
    to the next page whole), inside savenotes (footnotes at the foot of the page)."""
    opening = "\\begin{savenotes}\\par\\noindent\\begin{minipage}{\\linewidth}\n\\begin{sphinxtopic}\n"
    closing = "\\end{sphinxtopic}\n\\end{minipage}\\par\\end{savenotes}\n"
    cards = re.findall(re.escape(opening) + r"(.*?)" + re.escape(closing), tex, flags=re.DOTALL)
    assert len(cards) == tex.count(r"\begin{sphinxtopic}") == 3
    assert all("\\begin{minipage}" not in card and "\\begin{sphinxtopic}" not in card for card in cards)
    assert tex.count(r"\begin{minipage}") - tex.count(r"\end{minipage}") == 0


@pytest.mark.sphinx("latex", testroot="events-latex", freshenv=True)
def test_archive_table_buttons_and_role(tex):
    assert r"\begin{tabular}[t]{\X{6}{100}\X{8}{100}\X{36}{100}\X{28}{100}\X{22}{100}}" in tex
    assert f"\\sphinxstylestrong{{{TITLE_TEX}}}" in tex
    assert r"\hyperref[\detokenize{programme::doc}]{\sphinxcrossref{\DUrole{doc}{Programme}}}" in tex
    assert f"{{Website}} (\\sphinxnolinkurl{{{LONG_URL}}})" in tex
    assert (
        r"\sphinxhref{https://join.example.org/a/long/path/to/the/membership\_form?ref=print\&x=\%41}{Join the association}"
        r" (\sphinxnolinkurl{join.example.org/a/long/path/to/the/membership\_form?ref=print\&x=\%41})"
    ) in tex
    assert r"\sphinxhref{https://workshop.example.org/2030/some\_path?x=1\&y=2}{Web only workshop}" in tex
    assert f"{{\\hyperref[\\detokenize{{conferences/special/index::doc}}]{{\\sphinxcrossref{{\\DUrole{{doc}}{{{TITLE_TEX}}}}}}}}}" in tex


@pytest.mark.sphinx("latex", testroot="events-latex", freshenv=True)
def test_every_link_has_its_target_and_no_raw_url(tex):
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert targets and targets <= labels
    # every URL is inside \sphinxhref{...} (the target) or \sphinxnolinkurl{...} (breakable, printed)
    for match in re.finditer(r"https?://|[a-z]+\.example\.org", tex):
        before = tex[: match.start()]
        opener = max(before.rfind(r"\sphinxhref{"), before.rfind(r"\sphinxnolinkurl{"))
        assert opener != -1 and "}" not in tex[opener: match.start()].replace(r"\}", ""), tex[match.start() - 40: match.end() + 40]
    assert tex.count(r"\begin{sphinxtopic}") == tex.count(r"\end{sphinxtopic}")
