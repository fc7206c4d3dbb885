"""The hostile-input catalogue, part paths and file names: links and paths that lead
out of the site, names the build owns or a file system cannot hold, odd file names
(:mod:`ext.hugo_import.confine`, :mod:`ext.hugo_import.names`), run through the
harness (:mod:`tests.hostile`); and unit tests of the confinement."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ext.hugo_import.confine import OutsideRoot, output_path, refused_input, site_files
from ext.hugo_import.model import ProblemKind
from ext.hugo_import.names import handbook_docname, owner
from ext.shared.slugs import NAME_MAX, served_url, shortened, url_step

from bs4 import BeautifulSoup

from ext.hugo_import.importer import import_site

from .conftest import MINI_CONFIG, REPO, build, new_docs, write_site
from .hostile import GUIDE_PAGES, SECRET, Hostile, Outcome, build_problems, check, page, run


def _link(rel: str, target: str) -> Callable[[Path, Path], None]:
    """``prepare``: a link at ``rel`` in the site to ``target`` (``outside/...`` is the
    sandbox's folder outside the site, anything else a path in the site)."""
    def prepare(site: Path, outside: Path) -> None:
        (outside / "leak.md").write_text('+++\ntitle = "Leak"\n+++\ns3cret-kept-outside-the-site\n', encoding="utf-8")
        link = site / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(outside / target.removeprefix("outside/") if target.startswith("outside/") else site / target)
    return prepare


def _folder(rel: str) -> Callable[[Path, Path], None]:
    def prepare(site: Path, outside: Path) -> None:
        (site / rel).mkdir(parents=True)
        (site / rel / "z.md").write_text(page("Z", "In a folder named like a page."), encoding="utf-8")
    return prepare


LONG = "a" * 300
#: A name a folder can have (255 bytes at most) but a page cannot (Sphinx adds ``.doctree``).
LONGISH = "b" * 250
CLIMB = "/%2e%2e/%2e%2e/%2e%2e/outside/secret.txt"  # from static/ up to the sandbox

CASES = [
    # 1. Containment: nothing outside the site is read or published.
    Hostile("a page URL and an alias that climb above the site", {"content/y.md": page(
        "Y", "y", 'url = "/../../x/"\naliases = ["/../../old-x/"]\noldpath = "../%2e%2e/older/"\n')}, (
        "content/y.md:3: url '/../../x/' climbs above the site's root; served at /x/ [hugo.outside-site]",
        "content/y.md:5: oldpath '../%2e%2e/older/' climbs above the site's root; redirected from /older/ [hugo.outside-site]",
        "content/y.md:4: alias '/../../old-x/' climbs above the site's root; redirected from /old-x/ [hugo.outside-site]",
    ), url="/x/"),
    Hostile("a permalink pattern that climbs above the site", {
        "config.toml": MINI_CONFIG.replace('blog = "/blog/:year/:month/:day/:filename/"', 'blog = "/../../../:filename/"'),
        "content/blog/p.md": page("P", "p", "date = 2024-05-01\n"),
    }, (
        "config.toml:10: Permalinks.blog '/../../../:filename/' climbs above the site's root; its pages are served "
        "inside the site, the climbing steps dropped [hugo.outside-site]",
    ), url="/p/"),
    Hostile("netlify.toml rules that climb above the site", {
        "content/y.md": page("Y", "y"),
        "netlify.toml": '[[redirects]]\nfrom = "/../../z"\nto = "/y/"\n\n[[redirects]]\nfrom = "/w"\nto = "/../../y/"\n',
    }, (
        "netlify.toml:2: redirect from '/../../z' climbs above the site's root; read as /z [hugo.outside-site]",
        "netlify.toml:7: redirect to '/../../y/' climbs above the site's root; read as /y/ [hugo.outside-site]",
    ), url="/y/"),
    Hostile("an image path that climbs out of the site", {"content/y.md": page(
        "Y", f"![x]({CLIMB})\n\n![y](/_site_static/../../../outside/secret.txt)")}, (
        f"content/y.md:4: image '{CLIMB}' does not exist under static/ or the page bundle [hugo.missing-file]",
        "content/y.md:6: image '/_site_static/../../../outside/secret.txt' does not exist under static/ or the page bundle [hugo.missing-file]",
    ), url="/y/"),
    Hostile("site: links and images that climb out of the site", {"content/y.md": page(
        "Y", "![z](site:/../../../outside/secret.txt) [l](site:/../../x) and ![a picture](site:/img/a.png)")}, (
        "content/y.md:4: unsafe URL 'site:/../../../outside/secret.txt' removed [hugo.unsafe-html]",
        "content/y.md:4: unsafe URL 'site:/../../x' removed [hugo.unsafe-html]",
    ), url="/y/", text="z l and"),
    Hostile("ref and relref shortcodes that climb out of the site", {"content/y.md": page(
        "Y", '[a]({{< ref "../../../outside/secret.txt" >}}) and [b]({{< relref "/../x" >}})')}, (
        "content/y.md:4: link to '{{< ref \"../../../outside/secret.txt\" >}}': the site has no such page or file; "
        "pointed at https://iassistdata.org/outside/secret.txt [hugo.dead-link]",
        "content/y.md:4: link to '{{< ref \"/../x\" >}}': the site has no such page or file; "
        "pointed at https://iassistdata.org/x [hugo.dead-link]",
    ), url="/y/", text="a and b"),
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
    Hostile("links in data/ to files outside the site", {"content/y.md": page("Y", "y")}, (
        "data/conferences/archive/2020.json:0: a link to a file outside the site; not read, not published [hugo.outside-site]",
        "data/features/f.yaml:0: a link to a file outside the site; not read, not published [hugo.outside-site]",
    ), url="/y/", prepare=lambda site, outside: (
        _link("data/features/f.yaml", "outside/secret.txt")(site, outside),
        _link("data/conferences/archive/2020.json", "outside/secret.txt")(site, outside))),
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
    Hostile("static files at the build's own URLs", {
        "content/y.md": page("Y", "y"),
        "static/_static/doctools.js": "document.title = 'site-script';\n",
        "static/search/index.html": "<!DOCTYPE html><title>Fake search</title><p>site-search</p>\n",
    }, (
        "static/_static/doctools.js:0: its URL /_static/doctools.js is in the build's own folder _static/; not copied [hugo.reserved-name]",
        "static/search/index.html:0: its URL /search/index.html is under the build's own page /search/; not copied [hugo.reserved-name]",
    ), url="/y/"),
    Hostile("sections named genindex and _static", {
        "content/genindex/x.md": page("X", "x"), "content/_static/y.md": page("Y", "y"),
    }, (
        "content/_static/y.md:1: URL /_static/y/ is in the build's own folder _static/; this page is served at /static-page/y/ instead [hugo.reserved-name]",
        "content/genindex/x.md:1: URL /genindex/x/ is under the build's own page /genindex/; this page is served at /genindex-page/x/ instead [hugo.reserved-name]",
    ), url="/genindex-page/x/"),
    Hostile("a file named ...md", {"content/...md": page("Dots", "d")}, (
        "content/...md:1: the name '..' is no name a URL can hold; this page is served at /dots/ [hugo.reserved-name]",
    ), url="/dots/"),
    Hostile("tags that are a path step, a build folder's name and a long name", {"content/blog/p.md": page(
        "P", "p", f'date = 2024-05-01\ntags = ["..", "_static", "{LONG}"]\n')}, url="/blog/2024/05/01/p/"),
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


def _static_files_kept_out(outcome: Outcome) -> None:
    assert "site-script" not in (outcome.html / "_static" / "doctools.js").read_text(encoding="utf-8")
    assert "site-search" not in (outcome.html / "search" / "index.html").read_text(encoding="utf-8")


def _odd_names_served(outcome: Outcome) -> None:
    for url in ("/ab/", "/abc/", "/a-b/", "/café-menu/"):
        assert (outcome.html / url.strip("/") / "index.html").is_file(), url


def _tag_pages_in_their_folder(outcome: Outcome) -> None:
    assert "Posts tagged" not in (outcome.html / "index.html").read_text(encoding="utf-8")  # the home page stays
    for slug in ("dot-dot", "_static", shortened(LONG)):
        assert "Posts tagged" in (outcome.html / "tags" / slug / "index.html").read_text(encoding="utf-8"), slug


def _sections_renamed(outcome: Outcome) -> None:
    assert "Index" in (outcome.html / "genindex" / "index.html").read_text(encoding="utf-8")  # Sphinx's own
    assert not (outcome.docs / "genindex").exists() and not (outcome.docs / "_static").exists()
    assert (outcome.html / "static-page" / "index.html").is_file()


#: What some cases check besides :func:`tests.hostile.check`.
MORE_CHECKS: dict[str, Callable[[Outcome], None]] = {
    "static files at the build's own URLs": _static_files_kept_out,
    "file names with a colon, #, ?, a newline, a space and an accent": _odd_names_served,
    "sections named genindex and _static": _sections_renamed,
    "tags that are a path step, a build folder's name and a long name": _tag_pages_in_their_folder,
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_paths(case: Hostile, tmp_path: Path) -> None:
    """Each case of :data:`CASES` passes the harness's checks (:func:`tests.hostile.check`)."""
    outcome = run(case, tmp_path)
    check(case, outcome)
    MORE_CHECKS.get(case.name, lambda outcome: None)(outcome)


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


#: Also checked on its own below: the redirect from the long URL to the shortened one.
LONGISH_CASE = Hostile("a slug that fits a folder's name but not a page's", {"content/y.md": page("Y", "y", f'slug = "{LONGISH}"\n')}, (
        f"content/y.md:3: URL /{LONGISH[:39]}… has a name of 250 bytes, longer than a file name can be; "
        f"this page is served at /{shortened(LONGISH)[:39]}… (redirected from its URL) [hugo.long-name]",
    ), url=f"/{shortened(LONGISH)}/")


def test_a_long_name_is_redirected_where_a_folder_can_hold_it(tmp_path: Path) -> None:
    outcome = run(LONGISH_CASE, tmp_path)
    check(LONGISH_CASE, outcome)
    redirect = (outcome.html / LONGISH / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../{shortened(LONGISH)}/"' in redirect


def test_a_redirect_never_replaces_a_build_output(tmp_path: Path) -> None:
    from ext.redirects import _blocked

    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "basic.css").write_text("css", encoding="utf-8")
    (out / "genindex").mkdir()
    assert _blocked(out, out / "_static" / "basic.css" / "index.html")  # a file stands where a folder would be
    assert _blocked(out, out / "genindex")  # a folder stands where the page would be
    assert _blocked(out, out / ".." / "x" / "index.html")  # outside the build
    assert _blocked(out, out / ("x" * 300) / "index.html")  # no file system holds the name
    assert not _blocked(out, out / "old" / "index.html")


def test_a_problem_shows_a_newline_in_a_file_name_escaped() -> None:
    from ext.hugo_import.model import Problem

    assert str(Problem("content/a\nb café.md", 3, ProblemKind.DRAFT, "draft")) == "content/a\\nb café.md:3: draft [hugo.draft]"


def test_names() -> None:
    assert shortened(LONG) == shortened(LONG) != shortened(LONG + "b")
    assert len(shortened(LONG).encode()) == 109
    assert len(shortened("é" * 200).encode()) <= 109  # whole characters kept
    assert served_url("index") == "/" and served_url("about/index") == "/about/" and served_url("a/b") == "/a/b/"
    assert owner("/_static/basic.css") == "is in the build's own folder _static/"
    assert owner("/search/") == "is the build's own page /search/"
    assert owner("/about/search/") is None and owner("/") is None
    assert url_step("..") == "dot-dot" and url_step(".") == "dot" and url_step(LONG) == shortened(LONG)
    assert url_step("data-access") == "data-access"
    assert handbook_docname("genindex/index") == "genindex-page/index"
    assert handbook_docname("_static") == "static-page" and handbook_docname("about/_static") == "about/_static"
    assert handbook_docname("about/" + LONG) == "about/" + shortened(LONG)


def test_a_migration_reports_a_persons_file_at_the_site_file(tmp_path: Path) -> None:
    from ext.hugo_import.migrate import migrate

    from .conftest import write_site

    site = write_site(tmp_path / "site", {"notes.md": page("Notes", "n", 'url = "/handbook/notes/"\n')})
    docs = tmp_path / "docs"
    (docs / "handbook").mkdir(parents=True)
    (docs / "handbook" / "notes.md").write_text("# A person's notes\n", encoding="utf-8")
    plan = migrate(site, docs, jobs=1)
    assert plan.kept == ["handbook/notes.md"]
    assert [str(p) for p in plan.report.problems if p.kind is ProblemKind.URL_COLLISION] == [
        "content/notes.md:3: its handbook file handbook/notes.md is in the handbook source and was not "
        "written by a migration; left as it is [hugo.url-collision]",
    ]
    assert (docs / "handbook" / "notes.md").read_text(encoding="utf-8") == "# A person's notes\n"


def test_a_static_file_that_cannot_be_copied_is_reported(tmp_path: Path) -> None:
    from ext.hugo_import.static_copy import copy_files

    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "static" / "a").mkdir(parents=True)
    (site / "static" / "a" / "b.txt").write_text("b", encoding="utf-8")
    (docs / "_site_static").mkdir(parents=True)
    (docs / "_site_static" / "a").write_text("a file where a folder would be", encoding="utf-8")
    (docs / "out").symlink_to(tmp_path)
    files = {"a/b.txt": site / "static" / "a" / "b.txt", "../out/c.txt": site / "static" / "a" / "b.txt"}
    written, problems = copy_files(files, site, docs / "_site_static")
    assert written == set()
    assert [str(p) for p in problems] == [
        "static/a/b.txt: cannot be copied (Not a directory); left out [hugo.unreadable]",
        "static/a/b.txt: '_site_static/../out/c.txt' is not a plain path inside the output folder; not copied [hugo.outside-site]",
    ]


def test_a_site_image_in_a_handbook_page_reads_only_the_static_copy(tmp_path: Path) -> None:
    """In a page people write in docs/, ``![](site:/img/a.png)`` shows the site's file;
    one whose path climbs out of the static copy is a located warning, its text shown,
    and the file outside is never read into the build."""
    site = write_site(tmp_path / "site", {rel: page(title, body, after="") for rel, (title, body) in GUIDE_PAGES.items()})
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    docs = new_docs(tmp_path)
    import_site(site, docs)
    climb = "site:/" + "../" * (len(docs.relative_to(tmp_path).parts) + 1) + "secret.txt"
    (docs / "notes.md").write_text(f"---\norphan: true\n---\n\n# Notes\n\n![the secret]({climb}) and ![a picture](site:/img/a.png)\n",
                                   encoding="utf-8")
    html = tmp_path / "html"
    warnings = build_problems(build(docs, html), docs)
    assert warnings == [
        f"docs:notes.md:7: image {climb[5:]}: no such file in the site's static files; its text is shown [site.missing-file]",
    ]
    notes = (html / "notes" / "index.html").read_text(encoding="utf-8")
    assert "the secret and" in BeautifulSoup(notes, "html.parser").get_text(" ", strip=True).replace("  ", " ")
    assert [img["src"] for img in BeautifulSoup(notes, "html.parser").select("article img")] == ["../_images/a.png"]
    assert not any(SECRET in p.read_text(errors="replace") for p in html.rglob("*") if p.is_file() and p.suffix in {".html", ".txt", ""})
