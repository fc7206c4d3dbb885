"""Small rebuilds read in the build's own process (ext/rebuilds.py); cold builds still
read with forked readers, and both write the same pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .conftest import ROOTS


def build(make_app, srcdir: Path) -> tuple[object, set[int]]:
    """A ``-j 2`` build of ``srcdir``; returns the app and the processes that read."""
    app = make_app("dirhtml", srcdir=srcdir, parallel=2, confoverrides={"extensions": ["myst_parser", "ext.rebuilds"], "serial_read_limit": 3})
    readers: set[int] = set()
    app.connect("source-read", lambda app, docname, source: readers.add(os.getpid()))
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    return app, readers


def test_a_rebuild_of_one_page_reads_it_in_this_process(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    _app, readers = build(make_app, srcdir)
    assert readers == set()  # 10 pages, more than 3: read by forked readers, not here
    leaf = srcdir / "section" / "deep" / "leaf.md"
    leaf.write_text(leaf.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    app, readers = build(make_app, srcdir)
    assert readers == {os.getpid()}
    assert app.parallel == 2  # given back for the writing
    assert "Edited." in (Path(app.outdir) / "section" / "deep" / "leaf" / "index.html").read_text(encoding="utf-8")
