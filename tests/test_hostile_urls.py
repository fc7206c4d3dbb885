"""The hostile-input catalogue, URLs, configuration and data files: every URL the import
reads (config.toml, netlify.toml, front matter, data/ files) goes through the one
allow-list (ext/shared/urls.py), a configuration that does not parse or has values
of the wrong type is a located problem, control characters in front matter neither
crash the feeds nor reach them, and a broken data file is one warning at its line.
Run through the harness (:mod:`tests.hostile`)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from ext.blog.feeds import feed_bytes
from ext.hugo_import.config import array_table_lines, menu_weight, read_config, site_address
from ext.hugo_import.site_data import checked_data_file
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.site import read_site
from ext.shared.urls import WEB_SCHEMES, is_safe_url
from ext.redirects import is_redirect_target

from .conftest import MINI_CONFIG, write_site
from .hostile import AFTER, Hostile, check, page, run


def _with_params(lines: str) -> str:
    """``MINI_CONFIG`` with a ``[params]`` table of ``lines`` added."""
    return MINI_CONFIG + "\n[params]\n" + lines


CASES = [
    Hostile("a javascript: URL in a feature box of data/", {
        "data/features/x.yaml": f'name: "Box"\nurl: "javascript:alert(1)"\ndescription: "{AFTER}"\n',
    }, (
        "data/features/x.yaml:2: unsafe URL 'javascript:alert(1)' in url removed [hugo.unsafe-url]",
    ), url="/"),
    Hostile("a javascript: link in a slide's HTML in data/", {
        "data/carousel/x.yaml": ('title: "Slide"\ndescription: >\n  <p>Go</p>\n'
                                 '  <p><a href="javascript:alert(1)">there</a></p>\nweight: 1\n'),
        "content/x.md": page("X", "Plain text."),
    }, (
        "data/carousel/x.yaml:2: unsafe URL 'javascript:alert(1)' in description removed [hugo.unsafe-url]",
    ), url="/x/"),
    Hostile("a javascript: target of a netlify.toml redirect", {
        "netlify.toml": '[[redirects]]\nfrom = "/old/"\nto = "javascript://%0aalert(1)"\n',
        "content/x.md": page("X", "Plain text."),
    }, (
        "netlify.toml:3: unsafe URL 'javascript://%0aalert(1)' in the redirect from /old/ removed; "
        "the rule is left out [hugo.unsafe-url]",
    ), url="/x/"),
    Hostile("a javascript: baseurl", {
        "config.toml": MINI_CONFIG.replace('"https://iassistdata.org/"', '"javascript:alert(1)//"'),
        "content/x.md": page("X", "Plain text."),
    }, (
        "config.toml:1: baseurl 'javascript:alert(1)//' is not the address of a web site (http(s)://host/); "
        "the handbook has no base URL (/) [hugo.unsafe-url]",
    ), url="/x/"),
    Hostile("javascript: URLs in config.toml's footer params and menu", {
        "config.toml": _with_params(
            'privacy_policy = "javascript:alert(1)"\n'
            'about_us = """We are\n<a href="javascript:alert(2)">here</a>."""\n'
        ).replace('url = "/about/"', 'url = "javascript:alert(3)"'),
        "content/x.md": page("X", "Plain text."),
    }, (
        "config.toml:6: unsafe URL 'javascript:alert(3)' in menu entry 'About' removed; "
        "the entry is left out [hugo.unsafe-url]",
        "config.toml:13: unsafe URL 'javascript:alert(1)' in params.privacy_policy removed; "
        "the footer has no such link [hugo.unsafe-url]",
        "config.toml:15: unsafe URL 'javascript:alert(2)' removed [hugo.unsafe-html]",
    ), url="/x/"),
    Hostile("a javascript: link in the address, shown beside the contact page and in the footer", {
        "config.toml": _with_params('address = """<p>Write to\n<a href="javascript:alert(1)">us</a></p>"""\n'),
        "content/contact.md": page("Contact", "Write to us.", 'id = "contact"\n'),
    }, (
        "config.toml:13: unsafe URL 'javascript:alert(1)' removed [hugo.unsafe-html]",  # the HTML block's line
    ), url="/contact/"),
    Hostile("javascript: and data: URLs in a page's Markdown links and images", {
        "content/x.md": page("X", "A [link](javascript:alert(1)), ![an image](data:text/html,x) and "
                                  '<img src="javascript:alert(2)" alt="a picture">.'),
    }, (
        "content/x.md:4: unsafe URL 'javascript:alert(2)' removed [hugo.unsafe-html]",
        "content/x.md:4: unsafe URL 'javascript:alert(1)' removed [hugo.unsafe-html]",
        "content/x.md:4: unsafe URL 'data:text/html,x' removed [hugo.unsafe-html]",
    ), url="/x/", text="A link, an image and a picture."),
    Hostile("a javascript: autolink and reference definition", {
        "content/x.md": page("X", "See <javascript:alert(1)> and [this][r].\n\n[r]: javascript:alert(2)"),
    }, (
        "content/x.md:4: unsafe URL 'javascript:alert(1)' removed [hugo.unsafe-html]",
        "content/x.md:4: unsafe URL 'javascript:alert(2)' removed [hugo.unsafe-html]",
    ), url="/x/", text="See javascript:alert(1) and this."),
    Hostile("a YouTube ID that would change the player's URL", {
        "content/x.md": page("X", '{{< youtube "abc\\" onload=\\"alert(1)" >}}\n\n{{< youtube id="../../watch?v=1" >}}'),
    }, (
        "content/x.md:4: youtube ID 'abc\" onload=\"alert(1)' is no video ID (letters, digits, - and _); its text is kept [hugo.bad-shortcode]",
        "content/x.md:6: youtube ID '../../watch?v=1' is no video ID (letters, digits, - and _); its text is kept [hugo.bad-shortcode]",
    ), url="/x/"),
    Hostile("a javascript: url in front matter", {
        "content/x.md": page("X", "Plain text.", 'url = "javascript:alert(1)"\n'),
    }, (
        "content/x.md:3: url 'javascript:alert(1)' is not a path on the site (no scheme, no ':'); "
        "left out, the page keeps the URL of its file [hugo.unsafe-url]",
    ), url="/x/"),
    Hostile("a config.toml that is not TOML", {
        "config.toml": 'title = "x"\n[params\n',
        "content/x.md": page("X", "Plain text."),
    }, (
        "config.toml:2: config.toml does not parse: Expected ']' at the end of a table declaration; "
        "the site is imported without its configuration [hugo.config]",
    ), url="/x/"),
    Hostile("a menu weight that is no number", {
        "config.toml": MINI_CONFIG.replace("weight = 1", 'weight = "first"'),
        "content/x.md": page("X", "Plain text."),
    }, (
        "config.toml:7: menu entry 'About': weight 'first' is not a whole number; sorted last [hugo.config]",
    ), url="/x/"),
    Hostile("a NUL in a tag of a blog post", {
        "content/blog/p.md": page("P", "Plain text.", 'date = "2020-01-02"\ntags = ["a\\u0000b"]\n'),
    }, (
        "content/blog/p.md:4: tags holds control characters (U+0000); removed [hugo.front-matter]",
    ), url="/blog/2020/01/02/p/"),
    Hostile("a data file that is not YAML", {
        "data/features/x.yaml": 'name: "Box\nurl: [\n',
        "content/x.md": page("X", "Plain text."),
    }, (
        "docs:_data/site/features/x.yaml:1: x.yaml: not YAML (while scanning a quoted scalar: found unexpected "
        "end of stream); left out [home.bad-data]",
    ), url="/x/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_urls(case: Hostile, tmp_path) -> None:
    check(case, run(case, tmp_path))


# -- units ------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/", True), ("mailto:a@example.org", True), ("tel:+1", True), ("/x/", True),
    ("x/y", True), ("#top", True), ("//example.org/x", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("\x01javascript:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False),
    ("made-up:x", False), ("http://[bad", False),
])
def test_the_allow_list(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_web_schemes_only_for_addresses() -> None:
    assert is_safe_url("https://x.org/", WEB_SCHEMES) and not is_safe_url("mailto:a@x.org", WEB_SCHEMES)
    assert site_address("https://iassistdata.org/") == "https://iassistdata.org/"
    assert site_address("/") == "/"
    for bad in ("javascript:alert(1)//", "//evil.example/", "https://", "mailto:a@x.org", 3, "no/slash"):
        assert site_address(bad) is None
    assert is_redirect_target("/about/") and is_redirect_target("https://x.org/")
    assert not is_redirect_target("javascript://%0aalert(1)") and not is_redirect_target("mailto:a@x.org")


def test_config_values_of_the_wrong_type_are_located_and_left_out(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {}, config=(
        'title = ["a"]\nparams = 3\n[menu]\nmain = "x"\n[Permalinks]\nblog = 5\nnews = "/news/:foo/:title/"\n'))
    config, problems = read_config(site)
    assert [(p.line, p.kind) for p in problems] == [
        (1, ProblemKind.CONFIG), (2, ProblemKind.CONFIG), (4, ProblemKind.CONFIG), (6, ProblemKind.CONFIG),
        (7, ProblemKind.UNSAFE_URL)]
    assert config == {"menu": {"main": []}, "Permalinks": {}}
    hugo = read_site(site)  # and nothing downstream crashes on what is left
    assert hugo.main_menu == [] and hugo.list_sections == {"blog"} and hugo.base_url == "/"


def test_footer_values_of_the_wrong_type_are_left_out(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {}, config=(
        '[params]\ncopyright = {a = 1}\nprivacy_policy = 3\ncode_of_conduct = "/community/code-of-conduct/"\n'
        '[[menu.main]]\nname = "A"\nurl = 4\n[menu.topbar]\n'))
    config, problems = read_config(site)
    assert [str(p) for p in problems] == [
        "config.toml:2: params.copyright is a table, not text; left out [hugo.config]",
        "config.toml:3: params.privacy_policy is an int, not text; left out [hugo.config]",
        "config.toml:7: menu entry 'A': url is an int, not text; the entry is left out [hugo.config]",
    ]
    assert config["params"] == {"code_of_conduct": "/community/code-of-conduct/"}


def test_menu_weights_and_entry_lines() -> None:
    assert [menu_weight(v) for v in (3, "4", 5.0, "first", True, 1.5)] == [3, 4, 5, None, None, None]
    text = '[[menu.main]]\n  name = "A"\n  weight = "x"\n[[menu.main]]\n  name = "B"\n[[redirects]]\nto = "/"\n'
    assert array_table_lines(text, "menu.main") == [{"": 1, "name": 2, "weight": 3}, {"": 4, "name": 5}]
    assert array_table_lines(text, "redirects") == [{"": 6, "to": 7}]


def test_menu_entry_with_a_bad_weight_sorts_last(tmp_path: Path) -> None:
    config = ('[[menu.main]]\nname = "Late"\nurl = "/late/"\nweight = "first"\n'
              '[[menu.main]]\nname = "Early"\nurl = "/early/"\nweight = 9\n')
    site = read_site(write_site(tmp_path / "site", {}, config=config))
    assert [entry.name for entry in site.main_menu] == ["Early", "Late"]
    assert [str(p) for p in site.problems if p.kind is ProblemKind.CONFIG] == [
        "config.toml:4: menu entry 'Late': weight 'first' is not a whole number; sorted last [hugo.config]"]


def test_a_cleaned_data_file_keeps_its_other_bytes_and_lines() -> None:
    raw = b'# a comment\nname: "Box"\nurl: javascript:alert(1)\ndescription: |\n  <a href="data:x">a</a>\n  b\nweight: 2\n'
    problems: list = []
    cleaned = checked_data_file(raw, "data/features/x.yaml", problems)
    assert [str(p) for p in problems] == [
        "data/features/x.yaml:3: unsafe URL 'javascript:alert(1)' in url removed [hugo.unsafe-url]",
        "data/features/x.yaml:4: unsafe URL 'data:x' in description removed [hugo.unsafe-url]",
    ]
    text = cleaned.decode()
    assert text.startswith('# a comment\nname: "Box"\nurl: ""\n') and text.endswith("\nweight: 2\n")
    assert text.count("\n") == raw.count(b"\n") and "javascript" not in text and "data:" not in text
    assert checked_data_file(b"url: /x/\n", "f", problems) == b"url: /x/\n"
    assert checked_data_file(b"url: [\n", "f", problems) == b"url: [\n"  # the build reports it


def test_the_feed_leaves_out_what_xml_cannot_hold() -> None:
    from datetime import datetime, timezone

    post = SimpleNamespace(docname="p", title="A\x00title", summary="S\x0bum", authors=["Ann\x01"], tags=["a\x00b"],
                           date=SimpleNamespace(moment=datetime(2020, 1, 2, tzinfo=timezone.utc)))
    data = feed_bytes([post], title="Blog\x00", description="d", page_url="https://x.org/blog/",
                      feed_url="https://x.org/blog/index.xml", links={"p": "https://x.org/p/"})
    assert b"<title>Atitle</title>" in data and b"<category>ab</category>" in data


def test_the_build_takes_no_script_as_the_site_address(tmp_path: Path) -> None:
    from ext.site_files import use_imported_site

    (tmp_path / "_generated").mkdir()
    (tmp_path / "_generated/site.json").write_text('{"base_url": "javascript:alert(1)//"}', encoding="utf-8")
    config = SimpleNamespace(site_static_dir="_site_static", html_extra_path=[], site_base_url="")
    use_imported_site(SimpleNamespace(srcdir=str(tmp_path)), config)
    assert config.site_base_url == ""
    (tmp_path / "_generated/site.json").write_text('{"base_url": "https://iassistdata.org/"}', encoding="utf-8")
    use_imported_site(SimpleNamespace(srcdir=str(tmp_path)), config)
    assert config.site_base_url == "https://iassistdata.org/"
