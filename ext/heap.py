"""Python's garbage collector kept off what lives until the build ends.

CPython's cyclic garbage collector walks every container object it tracks, over and
over as a build allocates. A build's heap is mostly what lives until it ends: the
loaded environment, the extensions' data, the one sidebar tree. Measured on the
real handbook, the collector took a quarter of a one-process cold build (6 of 24 s),
a fifth of a rebuild after one edit (0.4 of 2 s), and then, at exit, the interpreter
walked the whole heap once more (0.3 s of the rebuild).

Loading a rebuild's pickled environment (3 MB of pickle on the real handbook) makes
no garbage, yet the collector walked it again and again while it grew: 0.11 s of a
1.6 s rebuild after one edit. So the collector is paused from ``config-inited`` (last; Sphinx loads
the environment right after) to ``builder-inited`` (first), and what was loaded is
then frozen.

So, as the ``gc`` module's documentation advises for a process that forks workers
without ``exec``, the heap is frozen (``gc.freeze()``: moved out of the collector's
generations, still freed by reference counting) right before Sphinx forks: when the
documents are about to be read (``env-before-read-docs``, last) and when they are
about to be written (``write-started``, last; after one collection, so the reading's
garbage is freed, not frozen: 15 MB less at the cold build's peak). Collections in
the main process and in its forked readers and writers then walk only what was made
since, and the forked workers do not touch, so do not copy, the pages they share
with it.

While the documents are read and written, the youngest generation is collected after
3,000 new objects instead of Python's 700 (:data:`BUILD_THRESHOLD`). With ``-j N``
Sphinx's main process merges what its readers send back, and, before ``ext.writers``,
resolved every doctree and kept it until its writer was done: on the real handbook's
cold build 12 full collections walked up to 630,000 objects each, 2.9 s of an 8.3 s
writing phase. The higher threshold saved 1.5 to 2 s of the writing (10 MB more at the
peak) and, with ``ext.writers``, 1 to 2 s of the reading (9 MB more). 10,000 saved
nothing more and cost 37 MB; Python's thresholds raised from the start, before
``ext.writers``, cost 360 to 450 MB at the peak.

When the build ends (``build-finished``, last) the heap is given back to the
collector (``gc.unfreeze()``), so that a process that builds again and again (the
live preview, the tests) collects what became garbage while frozen. At exit
(``atexit``) it is frozen once more, so the interpreter's last collection has
nothing to walk.

Config value ``heap_freeze`` (bool, default ``True``; it changes no output) turns
the freezing and the higher threshold off, to compare or to rule this module out.
"""

from __future__ import annotations

import atexit
import gc
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment


#: ``gc``'s first threshold while the documents are read and written (Python's: 700).
BUILD_THRESHOLD = 3000
#: The thresholds before the build, given back when it ends.
_SAVED_THRESHOLDS: list[tuple[int, ...]] = []


def pause_for_loading(app: Sphinx, config: Config) -> None:
    """``config-inited`` (last): no collections while Sphinx unpickles the environment,
    which makes no garbage. :func:`freeze_after_loading` resumes them."""
    if config.heap_freeze:
        gc.disable()


def freeze_after_loading(app: Sphinx) -> None:
    """``builder-inited`` (first): freeze the loaded environment, collect again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def freeze_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (last): freeze what the readers will share; collect the
    youngest generation less often from now on (:data:`BUILD_THRESHOLD`)."""
    if app.config.heap_freeze:
        gc.freeze()
        _raise_threshold()


def _raise_threshold() -> None:
    """``gc``'s first threshold to :data:`BUILD_THRESHOLD`, the thresholds kept."""
    thresholds = gc.get_threshold()
    if thresholds[0] < BUILD_THRESHOLD:
        _SAVED_THRESHOLDS.append(thresholds)
        gc.set_threshold(BUILD_THRESHOLD, *thresholds[1:])


def freeze_before_writing(app: Sphinx, builder: Builder) -> None:
    """``write-started`` (last): collect the reading's garbage (the readers' merged
    environments), then freeze the environment as read, before the writers (the
    threshold stays :data:`BUILD_THRESHOLD`)."""
    if app.config.heap_freeze:
        gc.collect()
        gc.freeze()
        _raise_threshold()


def unfreeze_after_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (last): what became garbage while frozen can be collected."""
    gc.unfreeze()
    gc.enable()  # in case the build failed between config-inited and builder-inited
    if _SAVED_THRESHOLDS:
        gc.set_threshold(*_SAVED_THRESHOLDS[0])
        _SAVED_THRESHOLDS.clear()


def _freeze_at_exit() -> None:
    """Registered with ``atexit``: the interpreter's last collection walks nothing."""
    gc.freeze()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("heap_freeze", True, "", types=frozenset({bool}))
    app.connect("config-inited", pause_for_loading, priority=900)
    app.connect("builder-inited", freeze_after_loading, priority=1)
    app.connect("env-before-read-docs", freeze_before_reading, priority=900)
    app.connect("write-started", freeze_before_writing, priority=900)
    app.connect("build-finished", unfreeze_after_build, priority=900)
    atexit.unregister(_freeze_at_exit)  # once, however many applications load this
    atexit.register(_freeze_at_exit)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
