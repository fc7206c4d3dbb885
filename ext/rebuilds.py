"""Small rebuilds read in the build's own process.

With ``-j N`` Sphinx reads in forked processes whatever the number of documents to
read: each reader sends the whole environment back, pickled, and the main process
merges it. For a rebuild after an edit (one page, or a few) that costs more than the
reading: about a quarter of a second on the real handbook, a tenth of the rebuild.
So when at most ``serial_read_limit`` documents (config value, default 10) are to be
read, this extension lowers the application's ``parallel`` to 1 for the reading
(``env-before-read-docs``) and gives it back once the documents are read
(``env-updated``), before Sphinx decides how to write. A cold build is unchanged.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: The application's ``parallel`` while a small rebuild reads in its own process.
_SAVED = "_rebuilds_parallel"


def read_small_rebuilds_here(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (last, once the list is final): at most
    ``serial_read_limit`` documents are read without forking."""
    if app.parallel > 1 and len(docnames) <= app.config.serial_read_limit:
        setattr(app, _SAVED, app.parallel)
        app.parallel = 1


def restore_parallel(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated`` (first): the writing is parallel again where it was."""
    saved = getattr(app, _SAVED, None)
    if saved is not None:
        app.parallel = saved
        delattr(app, _SAVED)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("serial_read_limit", 10, "", types=frozenset({int}))
    app.connect("env-before-read-docs", read_small_rebuilds_here, priority=900)
    app.connect("env-updated", restore_parallel, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
