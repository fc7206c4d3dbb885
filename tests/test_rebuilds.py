"""Small rebuilds read and written in the build's own process (ext/rebuilds.py); cold
builds still read and write with forked processes, and both write the same pages and
the same search index."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .conftest import ROOTS


def build(make_app, srcdir: Path, builddir: Path | None = None) -> tuple[object, set[int], set[int]]:
    """A ``-j 3`` build of ``srcdir``; returns the app, the processes that read and
    the processes that wrote."""
    app = make_app("dirhtml", srcdir=srcdir, builddir=builddir, parallel=3,
                   confoverrides={"extensions": ["myst_parser", "ext.rebuilds"],
                                  "serial_read_limit": 3, "serial_write_limit": 3})
    log = srcdir.parent / "processes.log"  # forked readers and writers append to it too
    log.write_text("", encoding="utf-8")

    def note(what: str) -> None:
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{what} {os.getpid()}\n")

    app.connect("source-read", lambda app, docname, source: note("read"))
    app.connect("html-page-context", lambda app, pagename, *_: note("wrote"))
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    noted = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return app, {int(pid) for what, pid in noted if what == "read"}, {int(pid) for what, pid in noted if what == "wrote"}


def edit(srcdir: Path) -> None:
    leaf = srcdir / "section" / "deep" / "leaf.md"
    leaf.write_text(leaf.read_text(encoding="utf-8") + "\nEdited, with a newword.\n", encoding="utf-8")


def test_a_rebuild_of_one_page_reads_and_writes_it_in_this_process(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    _app, readers, writers = build(make_app, srcdir)
    # 10 pages, more than 3: read by forked processes, written by them (and Sphinx's
    # main process, which writes the first page and the generated ones)
    assert os.getpid() not in readers and len(readers) > 1 and len(writers - {os.getpid()}) > 1
    edit(srcdir)
    app, readers, writers = build(make_app, srcdir)
    assert readers == {os.getpid()}
    assert writers == {os.getpid()}  # the page and the section pages listing it
    assert app.parallel == 3  # given back once read
    assert "Edited" in (Path(app.outdir) / "section" / "deep" / "leaf" / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_writes_the_search_index_a_cold_build_writes(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    (srcdir / "gone.md").write_text("---\norphan: true\n---\n# Gone\n\nA vanishingword page.\n", encoding="utf-8")
    build(make_app, srcdir)
    edit(srcdir)
    (srcdir / "gone.md").unlink()  # pruned from the index
    rebuilt, _, _ = build(make_app, srcdir)
    cold, _, _ = build(make_app, srcdir, tmp_path / "cold")
    index, cold_index = search_index(Path(rebuilt.outdir)), search_index(Path(cold.outdir))
    assert "newword" in index["terms"] and "Gone" not in index["titles"]
    assert index == cold_index


def search_index(outdir: Path) -> dict:
    """``searchindex.js``'s data, without the terms that map to no document: Sphinx
    keeps a removed document's words, with no document (``"vanishingword":[]``)."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    for terms in (data["terms"], data["titleterms"]):
        for word in [word for word, documents in terms.items() if documents == []]:
            del terms[word]
    return data


def test_a_rebuild_loads_the_compiled_templates_and_sees_a_changed_one(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    layout = srcdir / "_templates" / "page.html"
    layout.parent.mkdir()
    layout.write_text('{% extends "!page.html" %}{% block footer %}<p class="edition">one</p>{% endblock %}',
                      encoding="utf-8")

    def build() -> str:
        app = make_app("dirhtml", srcdir=srcdir, confoverrides={
            "extensions": ["myst_parser", "ext.navigation", "ext.rebuilds"], "templates_path": ["_templates"]})
        app.build()
        app.cleanup()
        assert app.warning.getvalue() == ""
        compiled = list(Path(app.doctreedir, "templates").glob("*/__jinja2_*.cache"))
        assert len(compiled) > 5  # the layout, furo's and Sphinx's templates it extends
        return (Path(app.outdir) / "other" / "one" / "index.html").read_text(encoding="utf-8")

    assert '<p class="edition">one</p>' in build()
    layout.write_text(layout.read_text(encoding="utf-8").replace(">one<", ">two<"), encoding="utf-8")
    assert '<p class="edition">two</p>' in build()
