"""Front matter forms and broken input, with the problems the import reports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ext.hugo_import.frontmatter import FrontMatterError, parse_draft, split_front_matter
from ext.shared.dates import parse_page_date
from ext.hugo_import.site import read_site

from .conftest import write_site


@pytest.mark.parametrize("prefix", ["", "\ufeff", "\t", "\n\n", "  \n"])
def test_toml_front_matter_after_bom_tab_or_blank_lines(prefix: str) -> None:
    front = split_front_matter(prefix + '+++\ntitle = "About"\ndraft = "false"\n+++\nBody\n')
    assert front.data == {"title": "About", "draft": "false"}
    assert front.body == "Body\n"
    assert front.format == "toml"


def test_yaml_front_matter_keeps_dates_as_strings() -> None:
    front = split_front_matter("---\ntitle: UK\ndate: 2022-11-21\ndraft: false\ntags: [a, b]\n---\n## UK\n")
    assert front.data == {"title": "UK", "date": "2022-11-21", "draft": False, "tags": ["a", "b"]}
    assert front.body_line == 7


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-04-02 10:22:46 -0700", datetime(2013, 4, 2, 10, 22, 46, tzinfo=timezone(timedelta(hours=-7)))),
        ("2013-04-02T10:22:46+02:00", datetime(2013, 4, 2, 10, 22, 46, tzinfo=timezone(timedelta(hours=2)))),
        ("2013-04-02T10:22:46Z", datetime(2013, 4, 2, 10, 22, 46, tzinfo=timezone.utc)),
        ("2013-04-02 10:22", datetime(2013, 4, 2, 10, 22, tzinfo=timezone.utc)),
        ("2022-11-21", datetime(2022, 11, 21, tzinfo=timezone.utc)),
    ],
)
def test_dates_in_every_form(value: str, expected: datetime) -> None:
    assert parse_page_date(value) == expected


@pytest.mark.parametrize("value", ["2024-30-05", "2024-02-30", "May 2024", "2024/05/01"])
def test_impossible_or_unknown_dates_are_errors(value: str) -> None:
    with pytest.raises(ValueError, match=value.replace("/", ".")):
        parse_page_date(value)


@pytest.mark.parametrize(("value", "draft"), [
    ("false", False), ("true", True), (False, False), (True, True), ("False", False),
    ("T", True), ("1", True), ("0", False), (1, True), (0, False), ("yes", False),  # Go's ParseBool, as Hugo reads it
])
def test_draft_as_string_or_boolean(value, draft: bool) -> None:
    assert parse_draft(value) is draft


def test_json_front_matter_as_hugo_reads_it() -> None:
    front = split_front_matter('{\n  "title": "About",\n  "tags": ["a", "b"]\n}\n\nBody {{< x >}}\n')
    assert front.data == {"title": "About", "tags": ["a", "b"]}
    assert (front.format, front.key_lines, front.body_line) == ("json", {"title": 2, "tags": 3}, 5)
    assert front.body == "\nBody {{< x >}}\n"
    # Text after the closing brace stays in the body; a page opening with a shortcode has none.
    assert split_front_matter('{"title": "A"} and more\nBody').body == "and more\nBody"
    assert split_front_matter("{{< youtube abc >}}\nText").data == {}


@pytest.mark.parametrize(("text", "message", "line"), [
    ('{\n  "title": "A",\n}\nBody', "JSON front matter does not parse: Expecting property name", 3),
    ('["title"]\nBody', "", 0),
    ('{"a": ' * 200 + "1" + "}" * 200, "JSON front matter nested more than 100 deep", 1),
])
def test_broken_json_front_matter_names_the_line(text: str, message: str, line: int) -> None:
    if not message:
        assert split_front_matter(text).data == {}
        return
    with pytest.raises(FrontMatterError, match=message) as error:
        split_front_matter(text)
    assert error.value.line == line


def test_broken_toml_names_the_line() -> None:
    with pytest.raises(FrontMatterError) as error:
        split_front_matter('+++\ntitle = "About"\ndate = 2024-30-05\n+++\n')
    assert error.value.line == 3


def test_unclosed_front_matter() -> None:
    with pytest.raises(FrontMatterError, match="never closed") as error:
        split_front_matter('+++\ntitle = "About"\n')
    assert error.value.line == 1


def test_bad_input_is_reported_with_file_and_line(tmp_path) -> None:
    root = write_site(tmp_path / "site", {
        "about/broken-toml.md": '+++\ntitle = "Broken\ndraft = "false"\n+++\nStill here.\n',
        "about/broken-yaml.md": "---\ntitle: [unclosed\n---\nStill here too.\n",
        "about/no-title.md": '+++\ndraft = "false"\n+++\nNo title.\n',
        "about/bad-date.md": '+++\ntitle = "Minutes"\ndate = "2024-30-05 00:00:01 -0700"\n+++\nText.\n',
        "about/draft.md": '+++\ntitle = "Draft"\ndraft = "true"\n+++\nSecret.\n',
        "about/Twin.md": '+++\ntitle = "Twin one"\n+++\n',
        "about/twin.md": '+++\ntitle = "Twin two"\n+++\n',
        "about/latin1.md": b'+++\ntitle = "Caf\xe9"\n+++\nCaf\xe9 au lait.\n',
        "about/list-title.md": '---\ndraft: false\ntitle: [Annual, Report]\n---\nText.\n',
        "about/table-title.md": '+++\n[title]\nen = "Report"\n+++\nText.\n',
        "about/year-title.md": '+++\ntitle = 1974\n+++\nThe first year.\n',
        "about/table-tags.md": '+++\ntitle = "Table tags"\n[tags]\nname = "data"\n+++\nText.\n',
        "about/mixed-tags.md": '---\ntitle: Mixed tags\ntags: [data, {name: x}, 2024, [a, b]]\n---\nText.\n',
        "about/json.md": '{\n  "title": "In JSON",\n  "draft": "maybe"\n}\nText.\n',
    })
    site = read_site(root)
    problems = sorted(str(p) for p in site.problems)
    assert problems == [
        "content/about/bad-date.md:3: date: '2024-30-05 00:00:01 -0700' is not a real date: month must be in 1..12 [hugo.bad-date]",
        "content/about/broken-toml.md:2: TOML front matter does not parse: Illegal character '\\n' (at line 1, column 16); the page is imported without its front matter, titled 'Broken toml' [hugo.front-matter]",
        "content/about/broken-yaml.md:2: YAML front matter does not parse: expected ',' or ']', but got '<stream end>'; the page is imported without its front matter, titled 'Broken yaml' [hugo.front-matter]",
        "content/about/draft.md:3: draft page, not imported [hugo.draft]",
        "content/about/json.md:3: draft is 'maybe', not true or false; the page is published, as Hugo publishes a page without draft [hugo.front-matter]",
        "content/about/latin1.md:2: the file is not valid UTF-8; undecodable bytes were replaced [hugo.encoding]",
        "content/about/list-title.md:3: title is a list, not text; using 'Annual Report' [hugo.front-matter]",
        "content/about/mixed-tags.md:3: tag 2 is a dict, not a name; left out [hugo.front-matter]",
        "content/about/mixed-tags.md:3: tag 4 is a list, not a name; left out [hugo.front-matter]",
        "content/about/no-title.md:1: the page has no title; using 'No title' [hugo.missing-title]",
        "content/about/table-tags.md:3: tags is a dict, not a list of names; no tags taken [hugo.front-matter]",
        "content/about/table-title.md:2: title is a dict, not text; using 'Table title' [hugo.missing-title]",
        "content/about/twin.md:1: URL /about/twin/ is already taken by content/about/Twin.md; this page is not imported [hugo.url-collision]",
    ]
    # The rest of the site is still there, broken pages included.
    assert {"about/broken-toml", "about/broken-yaml", "about/no-title", "about/bad-date", "about/faq"} <= set(site.pages)
    assert "about/draft" not in site.pages
    assert (site.pages["about/list-title"].title, site.pages["about/year-title"].title) == ("Annual Report", "1974")
    assert site.pages["about/json"].title == "In JSON"
    assert site.pages["about/mixed-tags"].front.data["tags"] == ["data", 2024]
    assert "tags" not in site.pages["about/table-tags"].front.data
    assert site.drafts == ["content/about/draft.md"]


def test_a_page_claiming_another_pages_url_is_the_one_left_out(tmp_path) -> None:
    """Whichever file comes first, the page whose own path gives the URL keeps it;
    the page that claims it with ``url`` or ``slug`` is reported at that key's line."""
    root = write_site(tmp_path / "site", {
        "about/a-claim.md": '+++\ntitle = "Claim"\nurl = "/about/zeta/"\n+++\nClaim.\n',
        "about/b-slug.md": '+++\ntitle = "Slug"\n\nslug = "zeta"\n+++\nSlug.\n',
        "about/zeta.md": '+++\ntitle = "Zeta"\n+++\nZeta.\n',
    })
    site = read_site(root)
    assert site.by_url["/about/zeta/"].source == "about/zeta.md"
    assert site.pages["about/zeta"].title == "Zeta"
    assert [str(p) for p in site.problems] == [
        "content/about/a-claim.md:3: URL /about/zeta/ is already taken by content/about/zeta.md; this page is not imported [hugo.url-collision]",
        "content/about/b-slug.md:4: URL /about/zeta/ is already taken by content/about/zeta.md; this page is not imported [hugo.url-collision]",
    ]


def test_broken_front_matter_is_one_problem_not_two(tmp_path) -> None:
    root = write_site(tmp_path / "site", {"about/open.md": '+++\ntitle = "Open"\nText.\n'})
    problems = [p for p in read_site(root).problems if p.file == "content/about/open.md"]
    assert [(p.line, p.kind.value) for p in problems] == [(1, "front-matter")]


def test_a_page_whose_url_names_the_same_document_as_another_is_reported(tmp_path) -> None:
    """``/about/index/`` (a slug ``index``) would be written over ``/about/``: reported."""
    root = write_site(tmp_path / "site", {"about/zz.md": '+++\ntitle = "Index"\nslug = "index"\n+++\nText.\n'})
    site = read_site(root)
    assert [str(p) for p in site.problems] == [
        "content/about/zz.md:3: URL /about/index/ is served from the same document as /about/ (content/about/_index.md); "
        "this page is not imported [hugo.url-collision]",
    ]
    assert site.pages["about/index"].source == "about/_index.md"


def test_an_opening_heading_that_restates_the_title_is_shown_once(tmp_path) -> None:
    """Hugo printed the title above the body: a body opening with the same heading
    showed it twice, and one opening with the title and more named the page better."""
    from ext.hugo_import.page_conversion import convert_page
    from ext.hugo_import.links import SiteIndex

    root = write_site(tmp_path / "site", {
        "about/committees-2022.md": '+++\ntitle = "Conference Committees"\n+++\n'
                                    "# Conference Committees 2022\n\nSee [the old page](/about/gone/).\n",
        "about/germany.md": '+++\ntitle = "Germany"\n+++\n\n## Germany\n\nCensus data.\n',
        "about/germany-data.md": '+++\ntitle = "Germany"\n+++\n## Data sources\n\nSurveys.\n',
        "about/anchored.md": '+++\ntitle = "Germany"\n+++\n## Germany {#de}\n\nSee [above](#de).\n',
        "about/committees-2011.md": '+++\ntitle = "Conference Committees 2011"\n+++\nText.\n',
    })
    site = read_site(root)
    index = SiteIndex(site)
    converted = {name: convert_page(site.pages[f"about/{name}"], index) for name in
                 ("committees-2022", "germany", "germany-data", "anchored")}

    assert site.pages["about/committees-2022"].title == "Conference Committees 2022"
    listed = [page.docname for page in site.children()["about"]]  # in Hugo's order: by its title
    assert listed.index("about/committees-2022") < listed.index("about/committees-2011")
    assert converted["committees-2022"].body.startswith("# Conference Committees 2022\n\nSee [the old page]")
    assert [str(p) for p in converted["committees-2022"].problems] == [
        "content/about/committees-2022.md:6: link to '/about/gone/': the site has no such page or file; "
        "pointed at https://iassistdata.org/about/gone/ [hugo.dead-link]",
    ]
    assert converted["germany"].body.startswith("# Germany\n\nCensus data.")
    assert converted["germany-data"].body.startswith("# Germany\n\n## Data sources\n")
    assert converted["anchored"].body.startswith("# Germany\n\n## []{#de}Germany\n")
