"""A handbook people maintain: last updated dates, a complete sitemap, "Edit this page"
and the member guide PDF link (ext/last_updated.py, ext/sitemap_pages.py,
ext/source_links.py, ext/guide_pdf_link.py), on tests/roots/test-page-history.

The root is copied to ``<tmp>/repo/docs/`` of a new git repository, the way the
handbook's pages sit in its repository; the build takes the handbook's own values of
``conf.py`` (repository, branch, templates, sidebar, LaTeX document).
"""

from __future__ import annotations

import hashlib
import json
import os
import runpy
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
import sphinx_sitemap
from bs4 import BeautifulSoup

from ext.last_updated import read_git_history
from ext.source_links import edit_target, web_repository

from .conftest import REPO, ROOTS

CONF = runpy.run_path(str(REPO / "conf.py"))
#: The pages the migration wrote (the others are the handbook's own).
MIGRATED = ("about/index.md", "news.md")
EDIT = f"{CONF['handbook_repository']}/edit/{CONF['handbook_branch']}/docs/"
SITEMAP = {"": "http://www.sitemaps.org/schemas/sitemap/0.9"}
RTD_VARIABLES = ("READTHEDOCS", "READTHEDOCS_GIT_CLONE_URL", "READTHEDOCS_GIT_IDENTIFIER", "READTHEDOCS_VERSION_TYPE",
                 "READTHEDOCS_CANONICAL_URL", "READTHEDOCS_LANGUAGE", "READTHEDOCS_VERSION")


@pytest.fixture(autouse=True)
def not_on_readthedocs(monkeypatch) -> None:
    for name in RTD_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """Run git in ``repo``; ``when`` (ISO 8601) is the commit's author and committer date."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Web team", "GIT_AUTHOR_EMAIL": "web@example.org",
           "GIT_COMMITTER_NAME": "Web team", "GIT_COMMITTER_EMAIL": "web@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout


def write_manifest(docs: Path) -> None:
    """``.hugo-import.json`` as the migration leaves it: the hash of each page it wrote."""
    files = {rel: hashlib.sha256((docs / rel).read_bytes()).hexdigest() for rel in MIGRATED}
    (docs / ".hugo-import.json").write_text(json.dumps({"site": "hugo-site", "fingerprint": "f", "files": files}))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """The root as ``docs/`` of a git repository whose one commit (the migration) is of 2031-01-01."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-page-history", repo / "docs")
    write_manifest(repo / "docs")
    (repo / ".gitignore").write_text("_build/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Migrate the site", when="2031-01-01T12:00:00+00:00")
    return repo / "docs"


def build(make_app, srcdir: Path, parallel: int = 0, written: list[str] | None = None, **overrides):
    """Build ``srcdir`` (dirhtml, into ``srcdir/_build``, kept between builds); returns the
    app. ``written`` receives the names of the pages written."""
    confoverrides = {key: CONF[key] for key in (
        "handbook_repository", "handbook_branch", "handbook_source_directory", "html_sidebars", "templates_path",
        "html_static_path", "html_css_files", "latex_documents")}
    app = make_app("dirhtml", srcdir=srcdir, parallel=parallel, confoverrides={**confoverrides, **overrides})
    if written is not None:
        app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    app.cleanup()
    return app


def page(app, rel: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def shown_date(app, rel: str) -> str | None:
    footer = page(app, rel).select_one(".last-updated")
    return footer.get_text(" ", strip=True).removeprefix("Last updated on ") if footer else None


def sitemap(app) -> dict[str, str | None]:
    """``{loc: lastmod}`` of the built ``sitemap.xml``, in the file's order."""
    root = ET.parse(Path(app.outdir) / "sitemap.xml").getroot()
    return {url.findtext("loc", namespaces=SITEMAP): url.findtext("lastmod", namespaces=SITEMAP)
            for url in root.iterfind("url", SITEMAP)}


def edit_link(app, rel: str) -> str | None:
    link = page(app, rel).select_one('a[rel="edit"]')
    return link["href"] if link else None


# -- last updated ----------------------------------------------------------------------


def test_dates_of_unedited_migrated_pages_and_own_pages(make_app, docs: Path) -> None:
    app = build(make_app, docs, parallel=2)
    assert shown_date(app, "about") == "2019-03-04"  # Hugo's lastmod, not the migration's commit
    assert shown_date(app, "news") == "2015-06-01"
    assert shown_date(app, ".") == shown_date(app, "guide") == "2031-01-01"  # git
    assert sitemap(app) == {
        "https://handbook.example.org/": "2031-01-01T12:00:00+00:00",
        "https://handbook.example.org/about/": "2019-03-04T10:00:00-05:00",
        "https://handbook.example.org/guide/": "2031-01-01T12:00:00+00:00",
        "https://handbook.example.org/news/": "2015-06-01",
    }
    assert app.warning.getvalue() == ""


def test_an_edit_shows_the_date_of_its_commit(make_app, docs: Path) -> None:
    build(make_app, docs)
    about = docs / "about" / "index.md"
    about.write_text(about.read_text() + "\nA sentence the web team added.\n")
    app = build(make_app, docs)  # not committed yet: the file's modification time
    assert shown_date(app, "about") == datetime.fromtimestamp(about.stat().st_mtime).date().isoformat()
    git(docs.parent, "commit", "-q", "-am", "About: one more sentence", when="2032-02-03T04:05:06+00:00")
    written: list[str] = []
    app = build(make_app, docs, written=written)
    # the source is as in the last build: the page is written again for its new date
    # (with the page whose toctree lists it, as Sphinx does), the others are not
    assert "about/index" in written and "news" not in written and "guide" not in written
    assert shown_date(app, "about") == "2032-02-03"
    assert sitemap(app)["https://handbook.example.org/about/"] == "2032-02-03T04:05:06+00:00"
    assert shown_date(app, "news") == "2015-06-01"


def test_pages_outside_git_show_their_front_matter_date(make_app, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-page-history", docs)
    app = build(make_app, docs)
    assert shown_date(app, "about") == "2019-03-04" and shown_date(app, "news") == "2015-06-01"
    assert shown_date(app, "guide") is None and shown_date(app, ".") is None
    assert sitemap(app)["https://handbook.example.org/guide/"] is None
    assert edit_link(app, "about") is None  # not in a repository: nothing to edit


# -- the sitemap after incremental builds ---------------------------------------------------


def test_sitemap_lists_every_page_after_an_incremental_build(make_app, docs: Path) -> None:
    first = sitemap(build(make_app, docs))
    assert len(first) == 4
    guide = docs / "guide.md"
    guide.write_text(guide.read_text() + "\nMore.\n")
    git(docs.parent, "commit", "-q", "-am", "Guide: more", when="2033-05-06T07:08:09+02:00")
    written: list[str] = []
    app = build(make_app, docs, written=written)
    assert "guide" in written and "about/index" not in written  # an incremental build
    assert sitemap(app) == {**first, "https://handbook.example.org/guide/": "2033-05-06T07:08:09+02:00"}


def test_sitemap_lists_every_page_written_by_forked_writers(make_app, docs: Path, monkeypatch) -> None:
    """sphinx-sitemap's queue is of the main process (no manager process): what forked
    writers collect is lost with them, and every page is there all the same."""

    def no_manager() -> None:
        raise AssertionError("sphinx-sitemap started a multiprocessing manager")

    monkeypatch.setattr(sphinx_sitemap, "Manager", no_manager)
    serial = sitemap(build(make_app, docs))
    shutil.rmtree(docs / "_build")
    app = build(make_app, docs, parallel=3, serial_read_limit=0, serial_write_limit=0)
    assert sitemap(app) == serial and len(serial) == 4


# -- Edit this page ------------------------------------------------------------------


def test_edit_links_point_to_the_committed_source(make_app, docs: Path) -> None:
    (docs / "draft.md").write_text("---\norphan: true\n---\n# Draft\n\nNot committed yet.\n")
    app = build(make_app, docs)
    assert edit_link(app, "about") == EDIT + "about/index.md"
    assert edit_link(app, "news") == EDIT + "news.md"
    assert edit_link(app, ".") == EDIT + "index.md"
    assert edit_link(app, "draft") is None  # a link to it would be a 404 until it is pushed
    for generated in ("genindex", "search"):
        assert edit_link(app, generated) is None
    assert not page(app, "about").select('a[href*="/blob/"]')  # the edit button only
    assert EDIT.startswith("https://github.com/")


def test_edit_links_on_readthedocs_follow_the_clone_and_branch(make_app, docs: Path, monkeypatch) -> None:
    monkeypatch.setenv("READTHEDOCS_GIT_CLONE_URL", "git@gitlab.com:web-team/handbook.git")
    monkeypatch.setenv("READTHEDOCS_GIT_IDENTIFIER", "new-pages")
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "branch")
    app = build(make_app, docs)
    assert edit_link(app, "about") == "https://gitlab.com/web-team/handbook/-/edit/new-pages/docs/about/index.md"


@pytest.mark.parametrize(("clone_url", "expected"), [
    ("https://github.com/iassist/handbook.git", "https://github.com/iassist/handbook"),
    ("https://github.com/iassist/handbook/", "https://github.com/iassist/handbook"),
    ("git@github.com:iassist/handbook.git", "https://github.com/iassist/handbook"),
    ("ssh://git@gitlab.com/group/sub/handbook.git", "https://gitlab.com/group/sub/handbook"),
    ("https://x-access-token:secret@github.com/iassist/handbook.git", "https://github.com/iassist/handbook"),
    ("https://git.example.org/iassist/handbook.git", None),  # a host furo cannot link to
    ("/home/web/handbook", None),
    ("https://github.com/", None),
    ("", None),
])
def test_web_repository(clone_url: str, expected: str | None) -> None:
    assert web_repository(clone_url) == expected


def test_edit_target() -> None:
    configured = ("https://github.com/iassist/handbook", "main")
    assert edit_target(*configured, {}) == configured
    fork = {"READTHEDOCS_GIT_CLONE_URL": "https://github.com/someone/handbook.git",
            "READTHEDOCS_GIT_IDENTIFIER": "fix-typo", "READTHEDOCS_VERSION_TYPE": "branch"}
    assert edit_target(*configured, fork) == ("https://github.com/someone/handbook", "fix-typo")
    # a tag or a pull request cannot be edited: the edits go to the configured branch
    for kind, identifier in (("tag", "v2026.11"), ("external", "42")):
        rtd = {"READTHEDOCS_GIT_IDENTIFIER": identifier, "READTHEDOCS_VERSION_TYPE": kind}
        assert edit_target(*configured, rtd) == configured
    assert edit_target(*configured, {"READTHEDOCS_GIT_CLONE_URL": "https://git.example.org/a/b.git"}) == configured


# -- the member guide PDF ---------------------------------------------------------------


def guide_link(app, rel: str) -> str | None:
    link = page(app, rel).select_one(".handbook-guide-pdf a")
    return link["href"] if link else None


def test_pdf_link_on_readthedocs(make_app, tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-page-history", docs)
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://iassist-handbook.readthedocs.io/en/stable/")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    monkeypatch.setenv("READTHEDOCS_VERSION", "stable")
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "tag")
    app = build(make_app, docs)
    expected = "https://iassist-handbook.readthedocs.io/_/downloads/en/stable/pdf/"
    assert guide_link(app, "about") == guide_link(app, ".") == expected
    assert page(app, "about").select_one(".handbook-guide-pdf a").get_text(strip=True) == "Member guide (PDF)"
    # a pull request preview: Read the Docs builds no PDF for it
    monkeypatch.setenv("READTHEDOCS_VERSION_TYPE", "external")
    monkeypatch.setenv("READTHEDOCS_VERSION", "42")
    app = build(make_app, docs)
    assert guide_link(app, "about") is None


def test_pdf_link_to_the_local_latexpdf(make_app, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-page-history", docs)
    app = build(make_app, docs)
    assert guide_link(app, "about") is None  # no PDF built: no link
    latex = Path(app.outdir).parent / "latex"
    latex.mkdir()
    (latex / "iassist-member-guide.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    app = build(make_app, docs)  # every page gets the link, though no source changed
    assert guide_link(app, "about") == "../iassist-member-guide.pdf"
    assert guide_link(app, "guide") == "../iassist-member-guide.pdf" and guide_link(app, ".") == "iassist-member-guide.pdf"
    assert (Path(app.outdir) / "iassist-member-guide.pdf").read_bytes() == b"%PDF-1.4\n%%EOF\n"
    assert guide_link(app, "search") == "../iassist-member-guide.pdf"


def test_pdf_link_set_in_the_configuration(make_app, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-page-history", docs)
    app = build(make_app, docs, member_guide_pdf_url="https://example.org/guide.pdf")
    assert guide_link(app, "about") == "https://example.org/guide.pdf"


# -- git history ---------------------------------------------------------------------------


def test_git_history_in_one_pass(docs: Path) -> None:
    repo = docs.parent
    (docs / "old.md").write_text("# Old\n")
    git(repo, "add", "docs/old.md")
    git(repo, "commit", "-q", "-m", "Old page", when="2031-06-01T00:00:00+00:00")
    git(repo, "rm", "-q", "docs/old.md")
    git(repo, "commit", "-q", "-m", "Old page gone", when="2031-07-01T00:00:00+00:00")
    (docs / "news.md").write_text("# News\n\nRewritten, not committed.\n")
    history = read_git_history(docs)
    assert history.prefix == "docs/"
    assert "old.md" not in history.committed  # deleted: not in HEAD
    assert history.committed["guide.md"].isoformat() == "2031-01-01T12:00:00+00:00"
    assert history.modified == {"news.md"}
    assert read_git_history(repo.parent).committed == {}  # no repository


def test_a_shallow_clone_dates_only_what_it_has(make_app, docs: Path, tmp_path: Path) -> None:
    repo = docs.parent
    guide = docs / "guide.md"
    guide.write_text(guide.read_text() + "\nMore.\n")
    git(repo, "commit", "-q", "-am", "Guide: more", when="2032-01-01T00:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = read_git_history(clone / "docs")
    assert set(history.committed) == set()  # the one commit it has seems to add every file
    assert "guide.md" in history.undated and "index.md" in history.undated
    app = build(make_app, clone / "docs")
    assert shown_date(app, "guide") is None  # not the clone's first commit's date
    assert shown_date(app, "news") == "2015-06-01"
    assert edit_link(app, "guide") == EDIT + "guide.md"
    assert "shallow clone" in app.status.getvalue()


def test_a_broken_manifest_is_a_located_warning(make_app, docs: Path) -> None:
    (docs / ".hugo-import.json").write_text("{not json")
    app = build(make_app, docs)
    assert ".hugo-import.json:1: WARNING: the migration's manifest cannot be read" in app.warning.getvalue()
    assert "[last_updated.manifest]" in app.warning.getvalue()
    assert shown_date(app, "about") == "2031-01-01"  # dated by git, as an edited page
