"""Properties of the converter on generated pages (hypothesis).

Pages are made of the constructs the converter supports: headings, paragraphs with
emphasis, strong, code and links, lists, block quotes, fenced code, tables, definition
lists, footnotes, images of static files, links to pages, the shortcodes with a rule
(figure, youtube, embed-pdf, ref/relref) and the raw-HTML idioms of ``html_idioms.py``.
For each page:

* converting does not crash, reports nothing (every construct is a good one), and
  converting again gives the same bytes;
* a page of plain Markdown converts to itself again (the output is a fixed point);
* all the pages of a run, imported as one site and built once with the handbook's
  configuration (so our directives and roles are known), build without a warning
  and show every word of their visible text.

Pages made of *sequences of block constructs*, the valid and the ones docutils
rejects (thematic breaks in a row, at the edges of the page and of sections, inside
lists, quotes and HTML table cells; headings inside lists and quotes, empty ones,
with equal ids; footnotes referred to or not, defined twice or never), besides the
constructs above, must build without a warning too, keep every visible word, and
report what they changed only as such problems, each at a line of the page.

``CI`` set: derandomized (the same examples every run) and no example database.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdformat.renderer import DEFAULT_RENDERERS, RenderContext, RenderTreeNode
from sphinx.util.console import strip_escape_sequences

from ext.hugo_import.page_conversion import convert_page
from ext.hugo_import.myst import render_document
from ext.hugo_import.links import SiteIndex
from ext.hugo_import.block_renderers import commonmark_paragraph, rendered_paragraph
from ext.hugo_import.inline_renderers import TEXT_SYNTAX
from ext.hugo_import.shortcode_calls import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN
from ext.hugo_import.site import read_site
from ext.hugo_import.importer import import_site

from .conftest import build, new_docs, write_site
from .test_convert_fixtures import FIXTURES, read_cases

IN_CI = bool(os.environ.get("CI"))
settings.register_profile(
    "converter-properties",
    max_examples=int(os.environ.get("CONVERTER_EXAMPLES", "100")),
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    **({"database": None} if IN_CI else {}),
)
PROFILE = settings.get_profile("converter-properties")

# -- strategies: every piece is (Markdown, visible words) ----------------------------------

WORD = st.from_regex(r"[a-z]{3,9}", fullmatch=True)
#: Punctuation that means something to Markdown or MyST, written as a word of its own
#: (not the backtick: two on a line are a code span, and they are meant to vanish).
PUNCT = st.sampled_from(["&", "<", ">", "*", "_", "%", "$", "~", "|", "{", "}", "+", "=", "!", ":", "#", "\\"])
#: Punctuation glued between two words (``a&b``): only marks that never pair up into
#: emphasis, code or tags there.
GLUED = st.sampled_from(["&", "%", "$", "|", "{", "}", "+", "=", "!", ":", "#"])


def piece(markdown: str, *words: str) -> tuple[str, list[str]]:
    """A generated piece: its Markdown and the words a reader must see of it."""
    return markdown, list(words)


@st.composite
def words(draw, min_size: int = 1, max_size: int = 5) -> list[str]:
    """A few lowercase words."""
    return draw(st.lists(WORD, min_size=min_size, max_size=max_size))


#: Inline runs that become MyST's own syntax (a role), which is no Hugo Markdown.
ROLE_KINDS = {"strike", "html-sup"}


@st.composite
def inline(draw, punctuation: bool = True, roles: bool = True) -> tuple[str, list[str]]:
    """One inline run: plain words, emphasis, strong, code, links, inline HTML (without
    what becomes a MyST role unless ``roles``)."""
    kind = draw(st.sampled_from([k for k in [
        "plain", "em", "strong", "code", "strike", "page", "anchor", "url", "html-strong", "html-em", "html-code",
        "html-sup", "html-link", "ref", "relref", "punct", "glued", "role-like", "code-braces", "span-like",
    ] if roles or k not in ROLE_KINDS]))
    ws = draw(words(1, 3))
    text = " ".join(ws)
    if kind == "glued" and punctuation:
        mark = draw(GLUED)
        return piece(f"{ws[0]}{mark}{ws[-1]}", ws[0], ws[-1], mark)
    if kind == "punct" and punctuation:
        mark = draw(PUNCT)
        return piece(f"{ws[0]} {mark} {' '.join(ws[1:]) or 'end'}", *ws, mark)
    return {
        "plain": piece(text, *ws),
        "punct": piece(text, *ws),
        "glued": piece(text, *ws),
        "em": piece(f"*{text}*", *ws),
        "strong": piece(f"**{text}**", *ws),
        "code": piece(f"`{text}`", *ws),
        "page": piece(f"[{text}](/about/faq/)", *ws),
        "url": piece(f"[{text}](https://example.org/{ws[0]})", *ws),
        "html-strong": piece(f"<strong>{text}</strong>", *ws),
        "html-em": piece(f"<em>{text}</em>", *ws),
        "strike": piece(f"~~{text}~~", *ws),
        "anchor": piece(f"[{text}](/about/faq/#fees)", *ws),
        "html-code": piece(f"<code>{text}</code>", *ws),
        "html-sup": piece(f"<sup>{text}</sup>", *ws),
        "html-link": piece(f'<a href="/blog/2013/04/02/first-post/">{text}</a>', *ws),
        "ref": piece(f'[{text}]({{{{< ref "about/faq.md" >}}}})', *ws),
        "relref": piece(f'[{text}]({{{{< relref "/about/faq" >}}}})', *ws),
        # text that MyST (not Hugo) would read as a role, inline attributes, a span
        "role-like": piece(f"{{{ws[0]}}}`{text}`", ws[0], *ws, "{", "}"),
        "code-braces": piece(f"`{text}`{{#{ws[0]}}}", *ws, ws[0], "{", "}"),
        "span-like": piece(f"[{text}]{{.{ws[0]}}}", *ws, ws[0], "{", "}"),
    }[kind]


@st.composite
def line(draw, punctuation: bool = True, roles: bool = True) -> tuple[str, list[str]]:
    """A line of text: a few inline runs."""
    parts = draw(st.lists(inline(punctuation, roles), min_size=1, max_size=4))
    return " ".join(p for p, _ in parts), [w for _, ws in parts for w in ws]


@st.composite
def markdown_block(draw, punctuation: bool = True, roles: bool = True) -> tuple[str, list[str]]:
    """A block of plain Markdown (no shortcodes, no HTML)."""
    kind = draw(st.sampled_from([
        "para", "heading", "list", "olist", "nested", "quote", "fence", "table", "image", "deflist", "footnote",
    ]))
    text, ws = draw(line(punctuation, roles))
    if kind == "heading":
        plain = draw(words(1, 4))
        return piece("#" * draw(st.integers(2, 4)) + " " + " ".join(plain), *plain)
    if kind in {"list", "olist"}:
        items = draw(st.lists(line(punctuation, roles), min_size=1, max_size=3))
        marks = ["-"] * len(items) if kind == "list" else [f"{i}." for i in range(1, len(items) + 1)]
        return "\n".join(f"{m} {t}" for m, (t, _) in zip(marks, items)), [w for _, iws in items for w in iws]
    if kind == "nested":
        inner, iws = draw(line(punctuation, roles))
        return piece(f"- {text}\n  - {inner}", *ws, *iws)
    if kind == "quote":
        return piece(f"> {text}", *ws)
    if kind == "fence":
        plain = draw(words(1, 6))
        return piece("```\n" + " ".join(plain) + "\n```", *plain)
    if kind == "table":
        cells = draw(st.lists(words(1, 2), min_size=4, max_size=4))
        a, b, c, d = (" ".join(cell) for cell in cells)
        return f"| {a} | {b} |\n|---|---|\n| {c} | {d} |", [w for cell in cells for w in cell]
    if kind == "image":
        return piece(f"![{' '.join(ws)}](/img/a.png)")
    if kind == "deflist":
        term, tws = draw(line(punctuation, roles))
        return piece(f"{term}\n: {text}", *tws, *ws)
    if kind == "footnote":
        # "^@" is made a label of its own per block by page()
        note, nws = draw(line(punctuation, roles))
        return piece(f"{text}[^@]\n\n[^@]: {note}", *ws, *nws)
    return text, ws


@st.composite
def special_block(draw) -> tuple[str, list[str]]:
    """A shortcode with a conversion rule, or a raw-HTML idiom the converter knows."""
    kind = draw(st.sampled_from([
        "figure", "figure-caption", "youtube", "pdf", "div", "p", "html-list", "html-table", "button",
        "icon", "iframe", "img", "h3", "comment", "br", "fenced-shortcode",
    ]))
    ws = draw(words(1, 3))
    text = " ".join(ws)
    return {
        "figure": piece(f'{{{{< figure src="/img/a.png" alt="{text}" >}}}}'),
        "figure-caption": piece(f'{{{{< figure src="/img/a.png" alt="x" caption="{text}" >}}}}', *ws),
        "youtube": piece("{{< youtube dQw4w9WgXcQ >}}"),
        "pdf": piece('{{< embed-pdf url="/file/doc.pdf" >}}'),
        "div": piece(f'<div class="box">\n{text}\n</div>', *ws),
        "p": piece(f"<p>{text}</p>", *ws),
        "html-list": piece("<ul>" + "".join(f"<li>{w}</li>" for w in ws) + "</ul>", *ws),
        "html-table": piece(f"<table><tr><th>{ws[0]}</th></tr><tr><td>{text}</td></tr></table>", ws[0], *ws),
        "button": piece(f'<a class="btn btn-primary" href="/about/faq/">{text}</a>', *ws),
        "icon": piece(f'<p><i class="fas fa-bell"></i> {text}</p>', *ws),
        "iframe": piece('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="video"></iframe>'),
        "img": piece(f'<img src="/img/a.png" alt="{text}">'),
        "h3": piece(f"<h3>{text}</h3>", *ws),
        "comment": piece(f"<!-- {text} -->"),
        "br": piece(f"<div>{ws[0]}<br>{text}</div>", ws[0], *ws),
        # Literal text in code: no warning, the call shown as written.
        "fenced-shortcode": piece(f'```\n{{{{< figure src="/img/a.png" alt="{text}" >}}}}\n{{{{< nosuch {ws[0]} >}}}}\n```', *ws),
    }[kind]


@st.composite
def page(draw, special: bool = True, punctuation: bool = True) -> tuple[str, list[str]]:
    """A page body: blocks separated by blank lines, and its visible words; without
    ``special``, no shortcode, HTML idiom or inline HTML that becomes a MyST role."""
    block = st.one_of(markdown_block(punctuation), special_block()) if special else markdown_block(punctuation, roles=False)
    blocks = draw(st.lists(block, min_size=1, max_size=8))
    texts = [b.replace("[^@]", f"[^n{i}]") for i, (b, _) in enumerate(blocks)]
    return "\n\n".join(texts) + "\n", [w for _, ws in blocks for w in ws]


#: Thematic breaks, alone or several in a row, in Markdown and in raw HTML.
RULES = st.sampled_from([
    "---", "***", "___", "* * *", "- - -", "<hr>", "<hr/>", "****\n****", "---\n***\n___", "<div><hr></div>",
    "---\n\n<hr>",
])
#: Code fence info strings.
FENCE_INFO = st.sampled_from(["", "json", "python", "r", "spss", "python {linenos=true}", "{r}", "{note}", "{linenos=true}"])
#: Explicit anchors of a page: few, so that some come twice.
ANCHOR = st.sampled_from(["sec-a", "sec-b"])
#: Footnote labels of a page: few, so that some are referred to, some defined twice or
#: never; a number (MyST shows it as written), one that differs only in case, and one
#: that is also an anchor of the page.
LABEL = st.sampled_from(["a", "A", "7", "sec-a"])


@st.composite
def structural_block(draw) -> tuple[str, list[str]]:
    """A block construct whose place docutils restricts: thematic breaks, headings (with
    ids, empty, setext, in raw HTML, in lists and quotes), rules inside containers,
    footnote references and definitions, anchors, comments."""
    kind = draw(st.sampled_from([
        "rules", "heading", "heading-id", "empty-heading", "setext", "html-heading", "list-heading",
        "quote-heading", "item-heading", "html-list-heading", "quote-rule", "list-rule", "html-list-rule",
        "html-cell", "note", "anchored-note", "note-ref", "note-def", "long-note-def", "anchor", "html-anchor",
        "comment", "heading-comment", "cell-blocks", "term-comment", "block-caption", "fence-info", "unknown-paired",
    ]))
    ws = draw(words(1, 3))
    text = " ".join(ws)
    level = "#" * draw(st.integers(1, 6))
    return {
        "rules": piece(draw(RULES)),
        "heading": piece(f"{level} {text}", *ws),
        "heading-id": piece(f"{level} {text} {{#{draw(ANCHOR)}}}", *ws),
        "empty-heading": piece(draw(st.sampled_from([level, f"{level} {{#{draw(ANCHOR)}}}"]))),
        "setext": piece(f"{text}\n{draw(st.sampled_from(['===', '---']))}", *ws),
        "html-heading": piece(f'<h{len(level)} id="{draw(ANCHOR)}">{text}</h{len(level)}>', *ws),
        "list-heading": piece(f"- {ws[0]}\n\n  {level} {text}", ws[0], *ws),
        "quote-heading": piece(f"> {level} {text}\n>\n> {ws[0]}", *ws, ws[0]),
        "item-heading": piece(f"1. {level} {text}", *ws),
        "html-list-heading": piece(f"<ul><li><h3>{text}</h3></li><li>{ws[0]}</li></ul>", *ws, ws[0]),
        "quote-rule": piece(f"> {ws[0]}\n>\n> ---\n>\n> {text}", ws[0], *ws),
        "list-rule": piece(f"- {ws[0]}\n\n  ***\n\n  {text}\n- {ws[-1]}", ws[0], *ws),
        "html-list-rule": piece(f"<ul><li>{ws[0]}<hr>{text}</li></ul>", ws[0], *ws),
        "html-cell": piece(f"<table><tr><td><h4>{ws[0]}</h4><hr>{text}</td></tr></table>", ws[0], *ws),
        "note": piece(f"{text}[^{(label := draw(LABEL))}]\n\n[^{label}]: {ws[0]}", *ws, ws[0]),
        # a footnote whose label is also an anchor of the page
        "anchored-note": piece(f"{level} {ws[0]} {{#{(anchor := draw(ANCHOR))}}}\n\n{text}[^{anchor}]\n\n[^{anchor}]: {ws[-1]}", ws[0], *ws, ws[-1]),
        "note-ref": piece(f"{text}[^{draw(LABEL)}] {ws[0]}", *ws, ws[0]),
        "note-def": piece(f"[^{draw(LABEL)}]: {text}", *ws),
        "long-note-def": piece(f"[^{draw(LABEL)}]: {ws[0]}\n\n    {level} {text}\n\n    ---\n\n    {ws[-1]}", ws[0], *ws),
        "anchor": piece(f'{text} <a name="{draw(ANCHOR)}"></a>', *ws),
        "html-anchor": piece(f'<p id="{draw(ANCHOR)}">{text}</p>', *ws),
        "comment": piece(f"<!-- {text} -->"),
        "heading-comment": piece(f"{level} {text} <!-- {ws[0]} -->", *ws),
        "cell-blocks": piece(f"| {text} <!-- {ws[0]} --> | {{{{< youtube dQw4w9WgXcQ >}}}} |\n|---|---|\n| {ws[0]} | x |", *ws, ws[0]),
        "term-comment": piece(f"{text} <!-- {ws[0]} -->\n: {ws[0]}", *ws, ws[0]),
        # a language Pygments has or not, Hugo's attributes, braces MyST reads as a directive
        "fence-info": piece(f"```{draw(FENCE_INFO)}\n{{{text}, ...}}\n```", *ws),
        "unknown-paired": piece(
            f'{{{{< notice >}}}}\n[{text}](/about/faq/) {{{{< youtube dQw4w9WgXcQ >}}}}\n\n---\n\n{level} {ws[0]}\n{{{{< /notice >}}}}',
            *ws, ws[0]),
        "block-caption": piece(draw(st.sampled_from([
            f'{{{{< figure src="/img/a.png" caption="{level} {text}\n\n- {ws[0]}\n\n---" >}}}}',
            f'{{{{< figure src="/img/a.png" caption="<table><tr><td>{ws[0]}</td></tr></table>\n\n{text}" >}}}}',
            f'{{{{< figure src="/img/a.png" caption="<!-- {ws[0]} --> {text}" >}}}}',
        ])), *ws),
    }[kind]


@st.composite
def block_sequence(draw, html: bool = True) -> tuple[str, list[str]]:
    """A page body: any sequence of block constructs, with those of
    :func:`structural_block` (all of them, or only those of plain Markdown: no raw
    HTML, no anchors, which become MyST's own syntax) often next to each other and at
    the edges of the page and of its sections."""
    structural = structural_block().filter(lambda b: html or ("<" not in b[0] and "{#" not in b[0]))
    other = st.one_of(markdown_block(), special_block()) if html else markdown_block(roles=False)
    blocks = draw(st.lists(st.one_of(structural, structural, other), min_size=4, max_size=12))
    texts = [b.replace("[^@]", f"[^n{i}]") for i, (b, _) in enumerate(blocks)]
    return "\n\n".join(texts) + "\n", [w for _, ws in blocks for w in ws]


# -- converting one page in the tiny site ----------------------------------------------------

@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    """The small site of ``conftest.py`` (pages, an image, a PDF) to convert pages in."""
    return write_site(tmp_path_factory.mktemp("tiny") / "site", {})


def convert(site_root: Path, body: str) -> tuple[str, list[str]]:
    """``body`` converted as ``content/gen/page.md`` of the site: (MyST file, problems)."""
    path = site_root / "content" / "gen" / "page.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('+++\ntitle = "Generated"\n+++\n' + body, encoding="utf-8")
    site = read_site(site_root)
    index = SiteIndex(site)
    converted = convert_page(site.pages["gen/page"], index)
    return render_document(converted.front_matter, converted.body), [str(p) for p in converted.problems]


def myst_body(document: str) -> str:
    """The MyST body after the front matter and the H1."""
    return document.split("\n---\n", 1)[1].lstrip("\n").split("\n", 1)[1].lstrip("\n") if "\n# " in document else ""


# -- the properties ---------------------------------------------------------------------------

def test_generated_pages_convert_deterministically_and_build_cleanly_with_all_their_words(tiny_site, tmp_path) -> None:
    """Every generated page converts without a problem, twice to the same bytes; then
    all of them, imported as one site and built once, give no warning and show every
    visible word (and every Markdown punctuation mark) of their source."""
    pages: list[tuple[str, list[str]]] = []

    @PROFILE
    @given(page())
    def converts(generated: tuple[str, list[str]]) -> None:
        body, _words = generated
        first, problems = convert(tiny_site, body)
        assert problems == [], body
        assert PLACEHOLDER_OPEN not in first and PLACEHOLDER_CLOSE not in first, body
        assert convert(tiny_site, body)[0] == first
        pages.append(generated)

    converts()
    site = write_site(tmp_path / "site", {f"gen/p{i:03d}.md": f'+++\ntitle = "Page {i}"\n+++\n{body}' for i, (body, _) in enumerate(pages)})
    docs = new_docs(tmp_path)
    report = import_site(site, docs)
    assert [str(p) for p in report.problems] == []
    warnings = strip_escape_sequences(build(docs, tmp_path / "html"))
    assert [w for w in warnings.splitlines() if "WARNING" in w and "member-guide.md" not in w] == []
    for i, (body, visible) in enumerate(pages):
        html = BeautifulSoup((tmp_path / "html" / "gen" / f"p{i:03d}" / "index.html").read_text(encoding="utf-8"), "html.parser")
        text = html.select_one("article").get_text(" ")
        words_seen = set(re.findall(r"[a-z]+", text))
        missing = [w for w in visible if w.isalpha() and w not in words_seen]
        assert missing == [], f"words lost from page {i}:\n{body}"
        marks_needed = Counter(w for w in visible if not w.isalpha())
        marks_shown = Counter(ch for ch in text if ch in marks_needed)
        assert all(marks_shown[m] >= n for m, n in marks_needed.items()), f"punctuation lost from page {i}:\n{body}"


#: What a page of any block sequence may report: what the converter made valid (and
#: the shortcode without a rule that it draws).
STRUCTURE_PROBLEMS = re.compile(
    r"content/gen/(?:page|p\d{3})\.md:(\d+): .* \[hugo\.(invalid-structure|footnote|duplicate-anchor|unknown-shortcode)\]")


def assert_located_structure_problems(problems: list[str], body: str) -> None:
    """Each problem is one the structure rules report, at a line of the page's body
    (the front matter takes lines 1-3)."""
    for problem in problems:
        match = STRUCTURE_PROBLEMS.fullmatch(problem)
        assert match is not None, f"{problem}\n{body}"
        assert 4 <= int(match.group(1)) < 4 + body.count("\n"), f"{problem}\n{body}"


def test_any_block_sequence_builds_cleanly_with_all_its_words(tiny_site, tmp_path) -> None:
    """Every generated sequence of block constructs converts twice to the same bytes,
    reporting only what it made valid (with its line); then all of them, imported as
    one site and built once, give no warning and show every visible word. The site
    also holds the structure fixture cases (``tests/fixtures/convert/structure.md``),
    so every construct is built whatever the examples drawn."""
    pages: list[tuple[str, list[str]]] = []

    @PROFILE
    @given(block_sequence())
    def converts(generated: tuple[str, list[str]]) -> None:
        body, _words = generated
        first, problems = convert(tiny_site, body)
        assert_located_structure_problems(problems, body)
        assert PLACEHOLDER_OPEN not in first and PLACEHOLDER_CLOSE not in first, body
        assert convert(tiny_site, body)[0] == first
        pages.append(generated)

    converts()
    cases = [source for _title, source, _myst, _problems in read_cases(FIXTURES / "structure.md")]
    site = write_site(tmp_path / "site", {
        **{f"gen/p{i:03d}.md": f'+++\ntitle = "Page {i}"\n+++\n{body}' for i, (body, _) in enumerate(pages)},
        **{f"gen/case{i:02d}.md": f'+++\ntitle = "Case {i}"\n+++\n{source}\n' for i, source in enumerate(cases)},
    })
    docs = new_docs(tmp_path)
    report = import_site(site, docs)
    for i, (body, _) in enumerate(pages):
        assert_located_structure_problems([str(p) for p in report.problems if p.file == f"content/gen/p{i:03d}.md"], body)
    assert [str(p) for p in report.problems if not p.file.startswith("content/gen/")] == []
    assert [p.name for p in (docs / "gen").glob("*.md") if PLACEHOLDER_OPEN in p.read_text(encoding="utf-8")] == []
    warnings = strip_escape_sequences(build(docs, tmp_path / "html"))
    assert [w for w in warnings.splitlines() if ("WARNING" in w or "ERROR" in w) and "member-guide.md" not in w] == []
    for i, (body, visible) in enumerate(pages):
        html = BeautifulSoup((tmp_path / "html" / "gen" / f"p{i:03d}" / "index.html").read_text(encoding="utf-8"), "html.parser")
        words_seen = set(re.findall(r"[a-z]+", html.select_one("article").get_text(" ")))
        missing = [w for w in visible if w.isalpha() and w not in words_seen]
        assert missing == [], f"words lost from page {i}:\n{body}"


@PROFILE
@given(generated=block_sequence(html=False))
def test_block_sequence_output_converts_to_itself(tiny_site, generated) -> None:
    """The MyST of a block sequence without raw HTML, converted again, is the same
    MyST, and reports nothing: what the converter drops or moves, it does once."""
    body, _words = generated
    first = myst_body(convert(tiny_site, body)[0])
    again, problems = convert(tiny_site, first)
    assert myst_body(again) == first
    assert problems == []


@PROFILE
@given(generated=page(special=False))
def test_plain_markdown_output_converts_to_itself(tiny_site, generated) -> None:
    """The MyST of a plain Markdown page, converted again, is the same MyST."""
    body, _words = generated
    first = myst_body(convert(tiny_site, body)[0])
    again = myst_body(convert(tiny_site, first)[0])
    assert again == first


#: Text made of pieces near the edges of ``TEXT_SYNTAX`` (underscores in and out of
#: words, ``&`` before a reference or not, ``!``), and any character.
TEXT_PIECES = st.lists(
    st.one_of(st.sampled_from(["a", "Z", "0", " ", "_", "&", "!", "#", ";", "x", "é", "-", ".", "&lt;", "&#35;", "lt;"]),
              st.characters()),
    min_size=1, max_size=12,
).map("".join)


@PROFILE
@given(TEXT_PIECES.filter(lambda text: TEXT_SYNTAX.search(text) is None))
def test_text_without_markdown_syntax_is_what_mdformat_writes(text: str) -> None:
    """The converter writes text without any of ``TEXT_SYNTAX``'s characters as it is,
    without mdformat's text renderer: it must be what that renderer writes too (if a
    new mdformat escapes more, this fails and ``TEXT_SYNTAX`` must grow)."""
    tokens = MarkdownIt("commonmark").parse("x")
    tokens[1].children[0].content = text
    node = RenderTreeNode(tokens).children[0].children[0].children[0]
    context = RenderContext(DEFAULT_RENDERERS, {}, {"mdformat": {"wrap": "keep"}}, {"used_refs": set()})
    assert DEFAULT_RENDERERS["text"](node, context) == text


#: Rendered paragraph text near the edges of ``PARAGRAPH_LINE_SYNTAX``: line starts
#: that are block syntax or nearly so, blanks of every kind at either end, and any
#: character.
PARAGRAPH_PIECES = st.lists(
    st.one_of(
        st.sampled_from([
            "a", "word", " ", "\t", "\n", "\u00a0", "\u2003", "#", "######", "#######", ">", "-", "*", "+",
            "_", "=", "1", "1.", "2)", "10.", "3a", "<", "<div>", "<!--", "<x", "</p>", "&#32;", "!",
        ]),
        st.characters(),
    ),
    min_size=1, max_size=16,
).map("".join)


@PROFILE
@given(PARAGRAPH_PIECES)
def test_paragraph_fast_path_is_what_mdformat_writes(text: str) -> None:
    """The converter writes a paragraph as mdformat's paragraph renderer does, whether
    it takes the shortcut for lines without block syntax or not (if a new mdformat
    escapes more, this fails and ``PARAGRAPH_LINE_SYNTAX`` must grow)."""
    context = RenderContext(DEFAULT_RENDERERS, {}, {"mdformat": {"wrap": "keep"}}, {"used_refs": set()})
    expected = DEFAULT_RENDERERS["paragraph"](rendered_paragraph(text), context)
    assert commonmark_paragraph(rendered_paragraph(text), context) == expected
