"""The garbage collector kept off what lives until the build ends (ext/heap.py): paused
while the environment loads, the heap frozen once it is loaded and when the readers
and the writers fork, given back when the build ends, and the pages are the same as
without it."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from .conftest import ROOTS

#: Appended to a copied root's conf.py: what the collector does around Sphinx's loading
#: of the environment (between config-inited and builder-inited, both emitted before a
#: test can connect to the application).
PROBE = """
def setup(app):
    import gc
    app.heap_probe = {}
    app.connect("config-inited", lambda app, config: app.heap_probe.update(collecting_while_loading=gc.isenabled()), priority=950)
    app.connect("builder-inited", lambda app: app.heap_probe.update(collecting_once_loaded=gc.isenabled(), frozen_once_loaded=gc.get_freeze_count()), priority=500)
"""


def copy_root(tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(PROBE)
    return srcdir


def build(make_app, srcdir: Path, freeze: bool) -> tuple[dict[str, bytes], dict[str, int]]:
    """A ``-j 2`` build of ``srcdir``; returns its pages by path, how many objects were
    frozen when its readers and its writers started, and the probe's findings."""
    app = make_app("dirhtml", srcdir=srcdir, parallel=2,
                   confoverrides={"extensions": ["myst_parser", "ext.heap"], "heap_freeze": freeze})
    frozen: dict[str, int] = dict(app.heap_probe)
    app.connect("env-before-read-docs", lambda app, env, docnames: frozen.update(
        reading=gc.get_freeze_count(), reading_threshold=gc.get_threshold()[0]), priority=950)
    app.connect("write-started", lambda app, builder: frozen.update(writing=gc.get_freeze_count(),
                                                                    threshold=gc.get_threshold()[0]), priority=950)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}, frozen


def test_the_heap_is_frozen_while_building_and_given_back_after(make_app, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "navigation")
    pages, frozen = build(make_app, srcdir, True)
    assert len(pages) >= 10
    # the application, its extensions and the environment are out of the collector's walks
    assert frozen["reading"] > 10_000 and frozen["writing"] >= frozen["reading"]
    # collected less often while the documents are read and written
    assert frozen["reading_threshold"] == frozen["threshold"] == 3000
    # and back in them once the build is over: a next build here collects its garbage
    assert gc.get_freeze_count() == 0 and gc.isenabled() and gc.get_threshold()[0] == 700
    # a rebuild loads the pickled environment with the collector paused, then freezes it
    leaf = srcdir / "section" / "deep" / "leaf.md"
    leaf.write_text(leaf.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    _, frozen = build(make_app, srcdir, True)
    assert frozen["collecting_while_loading"] is False and frozen["collecting_once_loaded"] is True
    assert frozen["frozen_once_loaded"] > 10_000
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_the_pages_are_the_same_with_the_heap_frozen_or_not(make_app, tmp_path: Path) -> None:
    written = {}
    for freeze in (True, False):
        srcdir = copy_root(tmp_path, f"navigation-{freeze}")
        written[freeze], frozen = build(make_app, srcdir, freeze)
        assert bool(frozen["reading"]) is freeze and bool(frozen["writing"]) is freeze
        assert frozen["collecting_while_loading"] is not freeze
        assert (frozen["threshold"] == 3000) is freeze
    assert written[True] == written[False]
