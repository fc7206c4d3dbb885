"""The hostile-input catalogue, part one: a clean site and input handled since the
first catalogue (:mod:`tests.test_hostile_input`), run through the harness
(:mod:`tests.hostile`) that the other parts share."""

from __future__ import annotations

import pytest

from .hostile import Hostile, check, page, run

CASES = [
    Hostile("a clean site", {"content/x.md": page("X", "Plain text.")}, url="/x/"),
    Hostile("an unknown shortcode", {"content/x.md": page("X", '{{< gallery dir="x" >}}')}, (
        "content/x.md:4: no conversion rule for shortcode 'gallery'; its text is kept [hugo.unknown-shortcode]",
    ), url="/x/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input(case: Hostile, tmp_path) -> None:
    check(case, run(case, tmp_path))
