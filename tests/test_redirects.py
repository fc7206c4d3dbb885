"""Redirects: the import's list (ext.hugo_import.redirect_list) and the pages ext.redirects writes."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup

from ext.hugo_import.model import ProblemKind
from ext.hugo_import.redirect_list import collect_redirects, output_key, site_path
from ext.hugo_import.site import read_site
from tests.conftest import EXAMPLE_SITE, write_site

from .conftest import ROOTS


# -- the import -------------------------------------------------------------------


def redirects_of(site_root: Path) -> tuple[list[dict], list]:
    problems: list = []
    files = collect_redirects(read_site(site_root), problems)
    return json.loads(files["_generated/redirects.json"])["redirects"], problems


def test_site_path_decodes_and_drops_the_own_host() -> None:
    assert site_path("https://www.iassistdata.org/blog/caf%C3%A9?x=1", "iassistdata.org") == "/blog/café"
    assert site_path("/about/", "iassistdata.org") == "/about/"
    assert site_path("https://other.org/a", "iassistdata.org") is None
    assert output_key("/a/b") == output_key("/a/b/") == "a/b/index.html"
    assert output_key("/about/officials.html") == "about/officials.html"


def test_example_site_redirects() -> None:
    entries, problems = redirects_of(EXAMPLE_SITE)
    by_from = {e["from"]: e for e in entries}
    assert by_from["/blog/call-for-iq-contributions"]["to"] == "/blog/2013/04/02/call-for-iq-contributions/"
    assert by_from["/about/agm/2005agm.html"]["kind"] == "oldpath"
    splat = by_from["/conferences/archive/2024/*"]
    assert splat["splat"] and splat["to"] == "/conferences/archive/2024-halifax/" and splat["line"] == 16
    assert by_from["/iq/example-article"]["to"].startswith("https://iassistquarterly.com/")
    # an oldpath equal to the page's own URL ("/about/index.html") is no redirect
    assert "/about/index.html" not in by_from
    assert not [p for p in problems if p.kind is ProblemKind.REDIRECT]


def test_redirect_problems_are_located(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "about/old.md": '+++\ntitle = "Old"\noldpath = "/about/faq"\naliases = ["/x/y/", "https://elsewhere.org/z"]\n+++\nText.\n',
        "about/other.md": '+++\ntitle = "Other"\naliases = ["/x/y"]\n+++\nText.\n',
    })
    (site / "netlify.toml").write_text(
        '[[redirects]]\nfrom = "https://iassistdata.org/a/*"\nto = "https://iassistdata.org/nowhere/"\nstatus = 301\n\n'
        '[[redirects]]\nfrom = "/b/c"\nto = "/file/doc.pdf"\n', encoding="utf-8")
    entries, problems = redirects_of(site)
    messages = sorted(str(p) for p in problems if p.kind is ProblemKind.REDIRECT)
    assert messages == [
        "content/about/old.md:3: old URL /about/faq is the URL of content/about/faq.md; the page is kept, no redirect [hugo.redirect]",
        "content/about/old.md:4: aliases 'https://elsewhere.org/z' is on another host; no redirect [hugo.redirect]",
        "content/about/other.md:3: old URL /x/y is already redirected to /about/old/ by content/about/old.md:4; this redirect is left out [hugo.redirect]",
        "netlify.toml:1: redirect from https://iassistdata.org/a/* to https://iassistdata.org/nowhere/: the site has no such page or file; left out [hugo.redirect]",
    ]
    assert {e["from"]: e["to"] for e in entries} == {"/x/y/": "/about/old/", "/b/c": "/file/doc.pdf"}


# -- the Sphinx extension ----------------------------------------------------------


@pytest.fixture
def redirects_build(make_app, tmp_path: Path):
    srcdir = tmp_path / "redirects"
    shutil.copytree(ROOTS / "test-redirects", srcdir)
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    app.cleanup()
    return app


def resolve(outdir: Path, page: str, href: str) -> Path:
    """The built file a relative link on ``page`` leads to (dirhtml: folders serve index.html)."""
    target = Path(posixpath.normpath(posixpath.join(posixpath.dirname(page), href)))
    path = outdir / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def check_redirect_page(outdir: Path, page: str) -> str:
    """Parse ``page`` as strict HTML5; check its parts; return the file it leads to."""
    text = (outdir / page).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find("meta", charset="utf-8") and soup.title.get_text().startswith("Moved: ")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    href = soup.body.find("a")["href"]
    assert refresh == f"0; url={href}"
    assert soup.find("link", rel="canonical")["href"]
    if "://" in href:
        return href
    target = resolve(outdir, page, href)
    assert target.is_file(), (page, href)
    return str(target.relative_to(outdir))


def test_redirect_pages(redirects_build) -> None:
    outdir = Path(redirects_build.outdir)
    assert check_redirect_page(outdir, "about/officials.html") == "about/officials/index.html"
    assert check_redirect_page(outdir, "blog/news-communiqué/index.html") == "blog/2005/06/07/news-post/index.html"
    assert check_redirect_page(outdir, "community/old-group/index.html") == "about/index.html"
    assert check_redirect_page(outdir, "archive/2018/index.html") == "about/officials/index.html"
    assert check_redirect_page(outdir, "iq/old-article/index.html") == "https://journal.example.org/article/7"
    assert check_redirect_page(outdir, "old-home/index.html") == "index.html"
    canonical = BeautifulSoup((outdir / "about/officials.html").read_text(), "html.parser").find("link", rel="canonical")
    assert canonical["href"] == "https://handbook.example.org/about/officials/"
    assert "Officers of the year" in (outdir / "about/officials.html").read_text()
    # the real page at /about/ is left alone; no page for a missing target
    assert "Moved" not in (outdir / "about/index.html").read_text()
    assert not (outdir / "gone").exists()


def test_redirect_list_for_read_the_docs(redirects_build) -> None:
    outdir = Path(redirects_build.outdir)
    listed = json.loads((outdir / "_redirects/redirects.json").read_text())
    by_from = {r["from_url"]: r for r in listed}
    assert by_from["/archive/2018/*"] == {
        "type": "page", "from_url": "/archive/2018/*", "to_url": "/about/officials/", "http_status": 301,
        "description": "netlify.toml:12",
    }
    assert by_from["/blog/news-communiqu%C3%A9"]["to_url"] == "/blog/2005/06/07/news-post/"
    assert by_from["/iq/old-article"]["to_url"] == "https://journal.example.org/article/7"
    assert by_from["/iq/old-article"]["http_status"] == 302
    assert "/gone/page" not in by_from and "/about/" not in by_from
    lines = (outdir / "_redirects/redirects.txt").read_text().splitlines()
    assert len(lines) == len(listed) == 6
    assert "/about/officials.html /about/officials/ 301" in lines


def test_redirect_warnings(redirects_build) -> None:
    warnings = redirects_build.warning.getvalue()
    assert "netlify.toml:22: WARNING: redirect from /gone/page: no page at /no-such-page/ [redirects.missing-target]" in warnings
    assert ("netlify.toml:27: WARNING: redirect from /about/: about/index.html is a page or file of the handbook; "
            "left as it is [redirects.collision]") in warnings
    assert warnings.count("WARNING") == 2


def test_redirects_work_with_the_html_builder(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "redirects"
    shutil.copytree(ROOTS / "test-redirects", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["redirects"]})
    app.build()
    app.cleanup()
    outdir = Path(app.outdir)
    assert "Moved" not in (outdir / "about/officials.html").read_text()  # the page itself here
    assert check_redirect_page(outdir, "community/old-group/index.html") == "about/index.html"
    assert check_redirect_page(outdir, "blog/news-communiqué/index.html") == "blog/2005/06/07/news-post.html"
    assert "WARNING" not in app.warning.getvalue()


def test_a_redirect_to_a_script_is_no_redirect_page(make_app, tmp_path: Path) -> None:
    # the import leaves such rules out (tests/test_hostile_urls.py); a list written by hand is checked again
    srcdir = tmp_path / "redirects"
    shutil.copytree(ROOTS / "test-redirects", srcdir)
    listed = srcdir / "_generated/redirects.json"
    data = json.loads(listed.read_text(encoding="utf-8"))
    data["redirects"].append({"from": "/evil/", "to": "javascript://%0aalert(1)", "status": 301, "kind": "netlify",
                              "splat": False, "source": "netlify.toml", "line": 40})
    listed.write_text(json.dumps(data), encoding="utf-8")
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert ("netlify.toml:40: WARNING: redirect from /evil/: 'javascript://%0aalert(1)' is neither an http(s) URL "
            "nor a path on the site; no redirect page [redirects.unsafe-target]") in app.warning.getvalue()
    assert not (Path(app.outdir) / "evil").exists()


def test_a_rebuild_leaves_its_redirect_pages_and_sees_a_page_built_over_one(make_app, tmp_path: Path) -> None:
    """A rebuild with the same rules finds its redirect pages as they were and leaves
    them; one since removed is written again, and a document added at an old path
    replaces that redirect page with a ``collision`` warning, as in a first build."""
    srcdir = tmp_path / "redirects"
    shutil.copytree(ROOTS / "test-redirects", srcdir)
    listed = srcdir / "_generated/redirects.json"
    data = json.loads(listed.read_text(encoding="utf-8"))
    data["redirects"] = [r for r in data["redirects"] if r["from"] not in {"/about/", "/gone/page"}]  # no warnings
    listed.write_text(json.dumps(data), encoding="utf-8")

    def build() -> tuple[Path, str]:
        app = make_app("dirhtml", srcdir=srcdir)
        app.build()
        app.cleanup()
        return Path(app.outdir), app.warning.getvalue()

    outdir, warnings = build()
    assert warnings == ""
    page = outdir / "community/old-group/index.html"
    written = page.stat().st_ctime_ns
    (outdir / "archive/2018/index.html").unlink()
    outdir, warnings = build()
    assert warnings == "" and page.stat().st_ctime_ns == written
    assert check_redirect_page(outdir, "archive/2018/index.html") == "about/officials/index.html"

    (srcdir / "community/old-group").mkdir(parents=True)
    (srcdir / "community/old-group/index.md").write_text("---\norphan: true\n---\n# The group today\n", encoding="utf-8")
    outdir, warnings = build()
    assert "The group today" in page.read_text(encoding="utf-8") and "Moved" not in page.read_text(encoding="utf-8")
    assert ("content/about/_index.md:3: WARNING: redirect from /community/old-group: community/old-group/index.html "
            "is a page or file of the handbook; left as it is [redirects.collision]") in warnings
    outdir, warnings = build()  # and again: the warning stays until the rule or the page goes
    assert "[redirects.collision]" in warnings
