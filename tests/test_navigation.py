"""The sidebar rendered once per build (ext/navigation.py, ext/sidebar_tree.py): every
page comes out byte for byte as furo writes it per page, on tests/roots/test-navigation
(nested and hidden toctrees, captions, "self", external links, titles with markup and
with characters HTML escapes), on the handbook's own pages and on a sample of the real
site's."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

import furo

import ext.navigation
from .conftest import ROOTS


def build(make_app, srcdir: Path, builder: str, render_once: bool) -> dict[str, str]:
    """Build ``srcdir``; returns every HTML page's text by its path under the output."""
    app = make_app(builder, srcdir=srcdir, confoverrides={"navigation_render_once": render_once})
    app.build()
    app.cleanup()
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def sidebar(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser").select_one(".sidebar-tree")


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_every_page_is_what_furo_writes_per_page(make_app, tmp_path: Path, builder: str) -> None:
    pages = {}
    for once in (False, True):
        srcdir = tmp_path / f"navigation-{once}"
        shutil.copytree(ROOTS / "test-navigation", srcdir)
        pages[once] = build(make_app, srcdir, builder, once)
    assert pages[True].keys() == pages[False].keys()
    assert len(pages[True]) >= 12
    for name in pages[True]:
        assert pages[True][name] == pages[False][name], name


def test_a_deep_page_shows_its_branch_open_and_the_others_closed(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    leaf = sidebar(build(make_app, srcdir, "dirhtml", True)["section/deep/leaf/index.html"])
    current = leaf.select_one("li.current-page")
    assert current.a.get_text() == "Leaf & “page”" and current.a["href"] == "#"
    assert current.a["class"] == ["current", "reference", "internal"]
    # its ancestors are open (checked), with links relative to the page
    opened = [li for li in leaf.select("li.has-children")]
    assert [li.a.get_text() for li in opened] == ["A section with code", "Deep section"]
    assert all(li.input.has_attr("checked") for li in opened)
    assert [li.input["id"] for li in opened] == ["toctree-checkbox-1", "toctree-checkbox-2"]
    assert opened[0].a["href"] == "../../"
    # the other sections are closed: their pages are not listed
    assert "One" not in leaf.get_text()
    assert leaf.select_one('a[href="https://example.com/a?b=1&c=2"]').get_text() == "External"
    assert leaf.select_one("span.caption-text").get_text() == 'Second & "caption"'


def test_the_tree_is_built_once_per_build(make_app, tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = ext.navigation.build_sidebar_tree
    monkeypatch.setattr(ext.navigation, "build_sidebar_tree", lambda builder: calls.append(1) or real(builder))
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    pages = build(make_app, srcdir, "dirhtml", True)
    assert len(calls) == 1 and len(pages) >= 12
    # an edited title reaches the pages written by the next build
    (srcdir / "other" / "one.md").write_text("# One, renamed\n", encoding="utf-8")
    app = make_app("dirhtml", srcdir=srcdir)
    app.build()
    assert len(calls) == 2
    other = sidebar((Path(app.outdir) / "other" / "one" / "index.html").read_text(encoding="utf-8"))
    assert other.select_one("li.current-page").get_text() == "One, renamed"


def test_a_rebuild_takes_the_kept_tree_unless_a_document_of_it_changed(make_app, tmp_path: Path, monkeypatch) -> None:
    """The tree is kept between builds: an edit of a page's text builds no new tree,
    a page added to a toctree does; either way the pages the rebuild writes are the
    ones a build from scratch writes."""
    calls = []
    real = ext.navigation.build_sidebar_tree
    monkeypatch.setattr(ext.navigation, "build_sidebar_tree", lambda builder: calls.append(1) or real(builder))
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    build(make_app, srcdir, "dirhtml", True)
    assert len(calls) == 1

    def rebuild_as_from_scratch() -> list[str]:
        """Rebuild ``srcdir``; check each page it writes against a new build's; return them."""
        app = make_app("dirhtml", srcdir=srcdir, confoverrides={"navigation_render_once": True})  # as build() does
        written: list[str] = []
        app.connect("html-page-context", lambda app, pagename, *_: written.append(app.builder.get_outfilename(pagename)))
        app.build()
        app.cleanup()
        fresh = tmp_path / f"fresh-{len(calls)}"
        shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
        pages = build(make_app, fresh, "dirhtml", True)
        for path in written:
            name = str(Path(path).relative_to(app.outdir))
            assert Path(path).read_text(encoding="utf-8") == pages[name], name
        return [str(Path(path).relative_to(app.outdir)) for path in written]

    leaf = srcdir / "section" / "deep" / "leaf.md"
    leaf.write_text(leaf.read_text(encoding="utf-8") + "\nA paragraph more.\n", encoding="utf-8")
    assert "section/deep/leaf/index.html" in rebuild_as_from_scratch()
    assert len(calls) == 1 + 1  # the kept tree for the rebuild; one for the build from scratch

    (srcdir / "other" / "two.md").write_text("# Two\n", encoding="utf-8")
    index = srcdir / "other" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("one\n", "one\ntwo\n"), encoding="utf-8")
    assert "other/two/index.html" in rebuild_as_from_scratch()
    assert len(calls) == 2 + 2  # a new tree: a toctree changed
    two = sidebar((srcdir / "_build" / "dirhtml" / "other" / "two" / "index.html").read_text(encoding="utf-8"))
    assert two.select_one("li.current-page").get_text() == "Two"


def test_the_404_page_lists_every_page_with_absolute_links_without_a_render_per_page(
        make_app, tmp_path: Path, monkeypatch) -> None:
    renders = []
    real = furo.get_navigation_tree

    def counted(html: str) -> str:
        if html:  # furo was given a toctree to parse
            renders.append(html)
        return real(html)

    monkeypatch.setattr(furo, "get_navigation_tree", counted)
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    pages = build(make_app, srcdir, "dirhtml", True)
    assert renders == []  # furo parsed no toctree: every sidebar came from the one tree
    missing = sidebar(pages["404/index.html"])
    # every branch is there, closed, with sphinx-notfound-page's links (its prefix, no ../)
    assert "Leaf & “page”" in missing.get_text() and "One" in missing.get_text()
    assert not missing.select("input[checked]") and not missing.select(".current")
    assert len(missing.select("input.toctree-checkbox")) == len(missing.select("li.has-children")) >= 3
    hrefs = [a["href"] for a in missing.select("a.internal")]
    assert "/en/latest/section/deep/leaf/" in hrefs and all(h.startswith("/en/latest/") for h in hrefs)


def test_the_handbooks_pages_are_what_furo_writes_per_page(example_build, tmp_path: Path) -> None:
    html, _warnings, _report = example_build
    written = rewrite_per_page(html.parent / "html-build", html.parent / "docs", tmp_path)
    assert len(written) > 40
    for name in written:
        assert (tmp_path / "dirhtml" / name).read_bytes() == (html / name).read_bytes(), name


def test_a_sample_of_the_real_sites_pages_is_what_furo_writes_per_page(real_build, tmp_path: Path) -> None:
    html, _warnings, _report = real_build
    written = rewrite_per_page(html.parent / "html-build", html.parent / "docs", tmp_path, every=7)
    assert len(written) > 100
    for name in written:
        assert (tmp_path / "dirhtml" / name).read_bytes() == (html / name).read_bytes(), name


def rewrite_per_page(builddir: Path, srcdir: Path, tmp_path: Path, every: int = 1) -> list[str]:
    """Write every ``every``-th page of an earlier build again with the per-page path,
    from a copy of its doctrees (nothing is read again); returns the pages written."""
    shutil.copytree(builddir / "doctrees", tmp_path / "doctrees")
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path, status=io.StringIO(), warning=io.StringIO(),
                        confoverrides={"nitpicky": True, "navigation_render_once": False})
    try:
        docnames = sorted(app.env.found_docs)[::every]
        app.build(filenames=[str(app.env.doc2path(name)) for name in docnames])
    finally:
        app.cleanup()
    return [str(p.relative_to(tmp_path / "dirhtml")) for p in (tmp_path / "dirhtml").rglob("index.html")
            if p.relative_to(tmp_path / "dirhtml").parts[0] not in {"_static"}]
