"""Converter fixture tests: one case per construct, in ``tests/fixtures/convert/*.md``.

Each case is a title line, then three blocks closed by a line holding a single
``.``: the Hugo page body, the expected MyST body (after the page's H1), and the
expected problems, one per line as the import report prints them. The page is
converted as ``content/test/page.md`` of the small site of ``conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ext.hugo_import.page_conversion import convert_page
from ext.hugo_import.links import SiteIndex
from ext.hugo_import.site import read_site

from .conftest import write_site

FIXTURES = Path(__file__).parent / "fixtures" / "convert"


def read_cases(path: Path) -> list[tuple[str, str, str, str]]:
    """``(title, input, expected MyST, expected problems)`` for each case in ``path``."""
    cases, block, parts, title = [], [], [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if title is None:
            if line.strip():
                title = line.strip()
            continue
        if line == ".":
            parts.append("\n".join(block))
            block = []
            if len(parts) == 4:
                cases.append((title, parts[1], parts[2], parts[3]))
                parts, title = [], None
            continue
        block.append(line)
    return cases


CASES = [
    pytest.param(inp, out, problems, id=f"{path.stem}:{title}")
    for path in sorted(FIXTURES.glob("*.md"))
    for title, inp, out, problems in read_cases(path)
]


def convert_body(tmp_path: Path, body: str) -> tuple[str, list[str]]:
    """Convert ``body`` as a page of the mini site; returns (MyST body, problems)."""
    page_text = '+++\ntitle = "Test page"\n+++\n' + body + "\n"
    site_root = write_site(tmp_path / "site", {"test/page.md": page_text})
    site = read_site(site_root)
    index = SiteIndex(site)
    converted = convert_page(site.pages["test/page"], index)
    myst = converted.body.split("\n", 2)[2] if converted.body.count("\n") >= 2 else ""
    return myst.strip(), [str(p) for p in converted.problems]


@pytest.mark.parametrize(("source", "expected", "problems"), CASES)
def test_convert(tmp_path: Path, source: str, expected: str, problems: str) -> None:
    myst, found = convert_body(tmp_path, source)
    assert myst == expected.strip()
    assert found == [line for line in problems.split("\n") if line.strip()]


def test_converting_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    sources = "\n\n".join(inp for _t, inp, _o, _p in (c for f in sorted(FIXTURES.glob("*.md")) for c in read_cases(f)))
    first, _ = convert_body(tmp_path / "a", sources)
    second, _ = convert_body(tmp_path / "b", sources)
    assert first == second


def test_html_nested_thousands_deep_keeps_its_text_and_is_reported_once(tmp_path: Path) -> None:
    """Python's stack cannot follow 3,000 nested tags: the tags below the limit
    become their text (once), and the page is reported (``deep-html``)."""
    myst, problems = convert_body(tmp_path, "<div>" * 3000 + "Deep *text*" + "</div>" * 3000)
    assert myst == "Deep \\*text\\*"
    assert problems == ["content/test/page.md:4: HTML nested 3000 levels deep; tags below level 40 kept as plain text [hugo.deep-html]"]


def test_html_nested_to_the_limit_is_converted_as_usual(tmp_path: Path) -> None:
    myst, problems = convert_body(tmp_path, "<div>" * 38 + "<strong>Bold</strong>" + "</div>" * 38)  # strong: level 39
    assert (myst, problems) == ("**Bold**", [])
