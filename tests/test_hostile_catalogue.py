"""The hostile-input catalogue, part one: a clean site and input handled since the
first catalogue (:mod:`tests.test_hostile_input`), run through the harness
(:mod:`tests.hostile`) that the other parts share."""

from __future__ import annotations

import pytest

from .hostile import Hostile, check, page, run, served_text

CASES = [
    Hostile("a clean site", {"content/x.md": page("X", "Plain text.")}, url="/x/"),
    Hostile("an unknown shortcode", {"content/x.md": page("X", '{{< gallery dir="x" >}}')}, (
        "content/x.md:4: no conversion rule for shortcode 'gallery'; its text is kept [hugo.unknown-shortcode]",
    ), url="/x/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input(case: Hostile, tmp_path) -> None:
    check(case, run(case, tmp_path))


def test_a_page_the_converter_fails_on_is_served_with_its_text(tmp_path, monkeypatch) -> None:
    """A case no rule foresaw (here: the converter made to fail on one page) is a
    located ``conversion-error``; the page keeps its title and its text, shown as
    written in a literal block, and the rest of the site converts."""
    from ext.hugo_import import conversion

    convert_page = conversion.convert_page

    def failing(page, index):
        if page.source == "x.md":
            raise ValueError("no rule for this")
        return convert_page(page, index)

    monkeypatch.setattr(conversion, "convert_page", failing)
    body = "Some *text* with ```` ``` ```` and {{< gallery >}}\n\n```{raw} html\n<script>alert(1)</script>\n```"
    case = Hostile("converter failure", {"content/x.md": page("X {#y}", body)}, (
        "content/x.md:4: the converter failed on this page (ValueError: no rule for this); "
        "its text is kept as written, in a literal block [hugo.conversion-error]",
    ), url="/x/")
    outcome = run(case, tmp_path)
    check(case, outcome)
    shown = served_text(outcome.html, "/x/")
    assert shown.startswith("X {#y}") and "Some *text* with ```` ``` ```` and {{< gallery >}}" in shown
    assert "<script>alert(1)</script>" in shown  # as text, in the literal block
