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
    # A flood of one problem is one line of the report, with its count.
    Hostile("one unknown shortcode 500 times on a line", {"content/x.md": page("X", "{{< nope >}} " * 500)}, (
        "content/x.md:4: no conversion rule for shortcode 'nope'; its text is kept (500 times) [hugo.unknown-shortcode]",
    ), url="/x/"),
    # Locations: a collision is reported at the site file whose front matter claims the URL.
    Hostile("two pages at one URL", {"content/y.md": page("Y", "y"), "content/z.md": page("Z", "z", 'url = "/y/"\n')}, (
        "content/z.md:3: URL /y/ is already taken by content/y.md; this page is not imported [hugo.url-collision]",
    ), url="/y/"),
    # Values of a shape Hugo cannot use: reported at their key, never a crash.
    Hostile("front matter values of the wrong shape", {"content/x.md": page("X", "Plain text.", (
        'weight = inf\naliases = {a = 1}\ndraft = "maybe"\nslug = ["a"]\n'))}, (
        "content/x.md:6: slug is a list, not a name; the page keeps the name of its file [hugo.front-matter]",
        "content/x.md:4: aliases is a dict, not a list of old URLs; no redirects [hugo.front-matter]",
        "content/x.md:5: draft is 'maybe', not true or false; the page is published, as Hugo publishes a page "
        "without draft [hugo.front-matter]",
        "content/x.md:3: weight inf is not a whole number; the page is sorted as weight 0 [hugo.front-matter]",
    ), url="/x/"),
    # Everyday mistakes: a misspelled key is kept and named with the key it was meant to be.
    Hostile("a misspelled front matter key", {
        "content/blog/p.md": page("P", "p", 'date = 2024-05-01\nauther = "Ana Ortiz"\n'),
    }, (
        "content/blog/p.md:4: front matter key 'auther' (did you mean 'author'?) is read by nothing in the "
        "handbook; 1 page of section 'blog' has it (here \"Ana Ortiz\"): kept under 'params', shown on the "
        "pages when front_matter_fields in conf.py names it [hugo.unknown-key]",
    ), url="/blog/2024/05/01/p/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input(case: Hostile, tmp_path) -> None:
    check(case, run(case, tmp_path))


def test_a_page_the_converter_fails_on_is_served_with_its_text(tmp_path, monkeypatch) -> None:
    """A case no rule foresaw (here: the converter made to fail on one page) is a
    located ``conversion-error``; the page keeps its title and its text, shown as
    written in a literal block, and the rest of the site converts."""
    from ext.hugo_import import pipeline

    convert_page = pipeline.convert_page

    def failing(page, index, site_events=None):
        if page.source == "x.md":
            raise ValueError("no rule for this")
        return convert_page(page, index, site_events)

    monkeypatch.setattr(pipeline, "convert_page", failing)
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
