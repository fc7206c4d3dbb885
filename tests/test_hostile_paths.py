"""The hostile-input catalogue, part paths and file names: links and paths that lead
out of the site, names the build owns or a file system cannot hold, odd file names
(:mod:`ext.hugo_import.confine`, :mod:`ext.hugo_import.names`), run through the
harness (:mod:`tests.hostile`); and unit tests of the confinement."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ext.hugo_import.confine import (
    NAME_MAX, OutsideRoot, output_path, refused_input, shortened, site_files,
)
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.names import owner, served_url

from .conftest import REPO
from .hostile import AFTER, Hostile, check, page, run


def _link(rel: str, target: str) -> callable:
    """``prepare``: a link at ``rel`` in the site to ``target`` (``outside/...`` is the
    sandbox's folder outside the site, anything else a path in the site)."""
    def prepare(site: Path, outside: Path) -> None:
        (outside / "leak.md").write_text('+++\ntitle = "Leak"\n+++\ns3cret-kept-outside-the-site\n', encoding="utf-8")
        link = site / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(outside / target.removeprefix("outside/") if target.startswith("outside/") else site / target)
    return prepare


def _folder(rel: str) -> callable:
    def prepare(site: Path, outside: Path) -> None:
        (site / rel).mkdir(parents=True)
        (site / rel / "z.md").write_text(page("Z", "In a folder named like a page."), encoding="utf-8")
    return prepare


LONG = "a" * 300
CLIMB = "/%2e%2e/%2e%2e/%2e%2e/outside/secret.txt"  # from static/ up to the sandbox

CASES = [
    # 1. Containment: nothing outside the site is read or published.
    Hostile("an image path that climbs out of the site", {"content/y.md": page(
        "Y", f"![x]({CLIMB})\n\n![y](/_site_static/../../../outside/secret.txt)")}, (
        f"content/y.md:4: image '{CLIMB}' does not exist under static/ or the page bundle [hugo.missing-file]",
        "content/y.md:6: image '/_site_static/../../../outside/secret.txt' does not exist under static/ or the page bundle [hugo.missing-file]",
    ), url="/y/"),
    Hostile("a link in static/ to a file outside the site", {"content/y.md": page("Y", "[s](/s.txt)")}, (
        "content/y.md:4: link to '/s.txt': the site has no such page or file; pointed at https://iassistdata.org/s.txt [hugo.dead-link]",
        "static/s.txt:0: a link to a file outside the site; not read, not published [hugo.outside-site]",
    ), url="/y/", prepare=_link("static/s.txt", "outside/secret.txt")),
    Hostile("a page that is a link to a Markdown file outside the site", {"content/y.md": page("Y", "y")}, (
        "content/leak.md:0: a link to a file outside the site; not read, not published [hugo.outside-site]",
    ), url="/y/", prepare=_link("content/leak.md", "outside/leak.md")),
    Hostile("a link in static/ to nothing", {"content/y.md": page("Y", "y")}, (
        "static/d.png:0: a link to a file that does not exist; left out [hugo.unreadable]",
    ), url="/y/", prepare=_link("static/d.png", "static/nowhere.png")),
    Hostile("a folder named like a page", {"content/y.md": page("Y", "y")},
            url="/x.md/z/", prepare=_folder("content/x.md")),
    Hostile("a slug longer than a file name can be", {"content/y.md": page("Y", "y", f'slug = "{LONG}"\n')}, (
        f"content/y.md:3: URL /{LONG[:39]}… has a name of 300 bytes, longer than a file name can be; "
        f"this page is served at /{shortened(LONG)[:39]}… (no redirect: no file can be named so) [hugo.long-name]",
    ), url=f"/{shortened(LONG)}/"),
    # 2. Names the build owns.
    Hostile("pages named genindex and search", {
        "content/genindex.md": page("Genindex", "g"), "content/search.md": page("Search", "s"),
    }, (
        "content/genindex.md:1: URL /genindex/ is the build's own page /genindex/; this page is served at /genindex-page/ instead [hugo.reserved-name]",
        "content/search.md:1: URL /search/ is the build's own page /search/; this page is served at /search-page/ instead [hugo.reserved-name]",
    ), url="/genindex-page/"),
    Hostile("a page URL in the generated includes", {"content/y.md": page("Y", "y", 'url = "/_generated/navigation/"\n')}, (
        "content/y.md:3: URL /_generated/navigation/ is in the build's own folder _generated/; this page is served at /generated-page/navigation/ instead [hugo.reserved-name]",
    ), url="/generated-page/navigation/"),
    Hostile("a page URL and an alias in _static", {
        "content/y.md": page("Y", "y", 'url = "/_static/x/"\n'),
        "content/w.md": page("W", "w", 'aliases = ["/_static/basic.css"]\n'),
    }, (
        "content/y.md:3: URL /_static/x/ is in the build's own folder _static/; this page is served at /static-page/x/ instead [hugo.reserved-name]",
        "content/w.md:3: old URL /_static/basic.css is in the build's own folder _static/; no redirect [hugo.reserved-name]",
    ), url="/static-page/x/"),
    Hostile("a file named ...md", {"content/...md": page("Dots", "d")}, (
        "content/...md:1: the name '..' is no name a URL can hold; this page is served at /dots/ [hugo.reserved-name]",
    ), url="/dots/"),
    # 3. A page whose handbook file is the handbook's own: reported at the site file.
    Hostile("a page URL that is a handbook page", {
        "content/member-guide.md": page("Guide", "g"),
        "content/z.md": page("Z", "z", 'url = "/handbook/maintainer-guide/"\n'),
    }, (
        "content/member-guide.md:1: its handbook file member-guide.md exists in the handbook source and was not written by the import; left as it is [hugo.url-collision]",
        "content/z.md:3: its handbook file handbook/maintainer-guide.md exists in the handbook source and was not written by the import; left as it is [hugo.url-collision]",
    )),
    # 4. File names Hugo accepts.
    Hostile("file names with a colon, #, ?, a newline, a space and an accent", {
        "content/a:b.md": page("Colon", "c"), "content/a#b?c.md": page("Hash", "h"),
        "content/a\nb.md": page("Newline", "n"), "content/café menu.md": page("Café", "[to the colon](/ab/)"),
    }, url="/café-menu/"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_paths(case: Hostile, tmp_path: Path) -> None:
    check(case, run(case, tmp_path))


def test_odd_file_names_are_all_served(tmp_path: Path) -> None:
    case = CASES[-1]
    outcome = run(case, tmp_path)
    check(case, outcome)
    for url in ("/ab/", "/abc/", "/a-b/", "/café-menu/"):
        assert (outcome.html / url.strip("/") / "index.html").is_file(), url


def test_make_quotes_an_odd_site_path() -> None:
    """The Makefile lists no page files as prerequisites (Sphinx finds them itself), and
    passes the site's path quoted: a path with a space, ``:``, ``#`` and an accent."""
    if not shutil.which("make"):
        pytest.skip("make missing")
    site = "/tmp/a site:with #odd café"
    done = subprocess.run(["make", "-n", "html", f"SITE={site}"], cwd=REPO, capture_output=True, text=True, check=True)
    assert f'-m ext.hugo_import "{site}" _build/site-src' in done.stdout
    assert "sphinx-build -b dirhtml -c . " in done.stdout and " _build/site-src _build/html" in done.stdout


# -- the confinement module ---------------------------------------------------------

def test_output_path_stays_inside(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "a").mkdir(parents=True)
    assert output_path(root, "a/b.md") == root / "a" / "b.md"
    for rel in ("../x.md", "a/../../x.md", "/etc/x", "", "a//b.md", "./a.md", "a/\0.md"):
        with pytest.raises(OutsideRoot):
            output_path(root, rel)
    with pytest.raises(OutsideRoot, match="longer than a file system holds"):
        output_path(root, "a/" + "x" * (NAME_MAX + 1))


def test_output_path_refuses_a_link_out(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / "out").symlink_to(elsewhere)
    (root / "file.md").symlink_to(elsewhere / "file.md")
    (root / "in").symlink_to(root / "sub")
    with pytest.raises(OutsideRoot, match="through a link"):
        output_path(root, "out/x.md")
    with pytest.raises(OutsideRoot, match="through a link"):
        output_path(root, "file.md")
    assert output_path(root, "in/x.md") == root / "in" / "x.md"  # a link that stays inside


def test_refused_input(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "static").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "static" / "ok.txt").write_text("ok", encoding="utf-8")
    (site / "static" / "out.txt").symlink_to(outside / "secret.txt")
    (site / "static" / "dangling.txt").symlink_to(site / "static" / "nowhere.txt")
    (site / "static" / "inside.txt").symlink_to(site / "static" / "ok.txt")
    os.mkfifo(site / "static" / "pipe")
    assert refused_input(site, site / "static" / "ok.txt") is None
    assert refused_input(site, site / "static" / "inside.txt") is None
    assert refused_input(site, site / "static" / "out.txt").kind is ProblemKind.OUTSIDE_SITE
    assert refused_input(site, site / "static" / "../../outside/secret.txt").kind is ProblemKind.OUTSIDE_SITE
    assert refused_input(site, site / "static" / "dangling.txt").kind is ProblemKind.UNREADABLE
    assert refused_input(site, site / "static" / "pipe").kind is ProblemKind.UNREADABLE


def test_site_files_walks_inside_only(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "static" / "img").mkdir(parents=True)
    (site / "assets").mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "static" / "img" / "a.png").write_bytes(b"png")
    (site / "assets" / "b.css").write_text("b", encoding="utf-8")
    (site / "static" / "css").symlink_to(site / "assets")  # a folder link inside the site: followed
    (site / "static" / "loop").symlink_to(site / "static")  # a loop: walked once
    (site / "static" / "etc").symlink_to(outside)
    (site / "static" / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "static" / "gone.txt").symlink_to(site / "nowhere")
    files, problems = site_files(site, site / "static")
    assert [rel for rel, _path in files] == ["css/b.css", "img/a.png"]
    assert [str(p) for p in problems] == [
        "static/etc: a link to a folder outside the site; not read, not published [hugo.outside-site]",
        "static/gone.txt: a link to a file that does not exist; left out [hugo.unreadable]",
        "static/leak.txt: a link to a file outside the site; not read, not published [hugo.outside-site]",
    ]
    assert site_files(site, site / "data") == ([], [])


def test_a_folder_of_the_site_that_is_a_link_out(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    site.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "static").symlink_to(outside)
    files, problems = site_files(site, site / "static")
    assert files == [] and [p.kind for p in problems] == [ProblemKind.OUTSIDE_SITE]


def test_names() -> None:
    assert shortened(LONG) == shortened(LONG) != shortened(LONG + "b")
    assert len(shortened(LONG).encode()) == 109
    assert len(shortened("é" * 200).encode()) <= 109  # whole characters kept
    assert served_url("index") == "/" and served_url("about/index") == "/about/" and served_url("a/b") == "/a/b/"
    assert owner("/_static/basic.css") == "is in the build's own folder _static/"
    assert owner("/search/") == "is the build's own page /search/"
    assert owner("/about/search/") is None and owner("/") is None
    assert AFTER
