"""Sphinx's forked readers each send back what they read, not all that was read before.

With ``-j N`` Sphinx reads chunks of documents in forked readers (``Builder.
_read_parallel``). Each reader pickles its whole environment back, and the main
process merges it as soon as it arrives. A reader forked after some merges carries
them too, so what is pickled, sent and unpickled grows with every chunk: on the real
handbook's cold build 14 environments, 22 MB, 0.8 s of unpickling in the main process
alone, for a 3 MB environment.

Here the builder's ``_read_parallel`` (Sphinx 9.0's, pinned) keeps what the readers
send and merges it once all of them are done, in chunk order: every reader is forked
from the environment as it was before the reading, so each sends back only what it
read on top of it. The documents read and what the environment holds are the same;
only the order of the merges is fixed instead of following the readers' finishing
order (``tests/test_writers.py`` compares every output file with Sphinx's own). The
chunks are read biggest first (bytes of source), by :class:`ext.tasks.Tasks`.

Config value ``readers_merge_last`` (bool, default ``True``; it changes no output):
off, Sphinx reads as it does.
"""

from __future__ import annotations

import pickle
from functools import wraps
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.display import status_iterator
from sphinx.util.parallel import make_chunks

from ext.tasks import Tasks, biggest_first, file_size

logger = logging.getLogger(__name__)


def merge_last(app: Sphinx) -> None:
    """``builder-inited``: the builder's parallel reading merges once, at the end."""
    builder = app.builder
    read_parallel = builder._read_parallel

    @wraps(read_parallel)
    def read_parallel_merging_last(docnames: list[str], nproc: int) -> None:
        if not app.config.readers_merge_last:
            read_parallel(docnames, nproc)
            return
        _read_parallel(app, builder, docnames, nproc)

    builder._read_parallel = read_parallel_merging_last  # type: ignore[method-assign]


def _read_parallel(app: Sphinx, builder: Builder, docnames: list[str], nproc: int) -> None:
    """Sphinx's ``_read_parallel``, with the merges after the last reader."""
    env = builder.env
    chunks = make_chunks(docnames, nproc)
    progress = status_iterator(chunks, __("reading sources... "), "purple", len(chunks), app.config.verbosity)
    for docname in docnames:  # clear all outdated documents at once, as Sphinx does
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)

    def read_process(docs: list[str]) -> bytes:
        env._app = app  # as Sphinx does, so the environment pickles
        for docname in docs:
            builder.read_doc(docname, _cache=False)
        return pickle.dumps(env, pickle.HIGHEST_PROTOCOL)

    read: dict[int, tuple[list[str], bytes]] = {}
    tasks = Tasks(nproc)
    for number in biggest_first(chunks, lambda docname: file_size(env.doc2path(docname))):

        def done(docs: list[str], other: bytes, number: int = number) -> None:
            read[number] = (docs, other)
            next(progress)

        tasks.add_task(read_process, chunks[number], done)
    tasks.join()
    logger.info("")
    for number in range(len(chunks)):
        docs, other = read.pop(number)
        env.merge_info_from(docs, pickle.loads(other), app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("readers_merge_last", True, "", types=frozenset({bool}))
    app.connect("builder-inited", merge_last)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
