"""The garbage collector kept off what lives until the build ends (ext/heap.py): the
heap is frozen when the readers and the writers fork, given back when the build ends,
and the pages are the same as without it."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from .conftest import ROOTS


def build(make_app, srcdir: Path, freeze: bool) -> tuple[dict[str, bytes], dict[str, int]]:
    """A ``-j 2`` build of ``srcdir``; returns its pages by path and how many objects
    were frozen when its readers and its writers started."""
    app = make_app("dirhtml", srcdir=srcdir, parallel=2,
                   confoverrides={"extensions": ["myst_parser", "ext.heap"], "heap_freeze": freeze})
    frozen: dict[str, int] = {}
    app.connect("env-before-read-docs", lambda app, env, docnames: frozen.update(reading=gc.get_freeze_count()),
                priority=950)
    app.connect("write-started", lambda app, builder: frozen.update(writing=gc.get_freeze_count()), priority=950)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}, frozen


def test_the_heap_is_frozen_while_building_and_given_back_after(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "navigation"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    pages, frozen = build(make_app, srcdir, True)
    assert len(pages) >= 10
    # the application, its extensions and the environment are out of the collector's walks
    assert frozen["reading"] > 10_000 and frozen["writing"] >= frozen["reading"]
    # and back in them once the build is over: a next build here collects its garbage
    assert gc.get_freeze_count() == 0


def test_the_pages_are_the_same_with_the_heap_frozen_or_not(make_app, tmp_path: Path) -> None:
    written = {}
    for freeze in (True, False):
        srcdir = tmp_path / f"navigation-{freeze}"
        shutil.copytree(ROOTS / "test-navigation", srcdir)
        written[freeze], frozen = build(make_app, srcdir, freeze)
        assert bool(frozen["reading"]) is freeze and bool(frozen["writing"]) is freeze
    assert written[True] == written[False]
