"""Forked readers and writers started biggest chunk first, and joined the moment one ends.

Sphinx runs its parallel reading and writing as chunks of documents, each in a forked
process, N at a time (``sphinx.util.parallel.ParallelTasks``, Sphinx 9.0, pinned).
Two things there leave a CPU idle on a 2-core build:

* its main process looks at its workers' pipes every 20 ms: each chunk's end waits
  10 ms on average before the next chunk is forked (about 30 chunks in the real
  handbook's cold build);
* it starts the waiting chunks last added first, whatever their size: the chunks are
  equal in documents, not in work (a conference programme is a hundred blog posts),
  so the last one may run alone for a while.

:class:`Tasks` is ``ParallelTasks`` with its waiting (the workers' pipes, with
``multiprocessing.connection.wait``) and its order (first added, first started)
changed, and the next chunk forked before the main process handles what the last
one sent. :func:`biggest_first` gives the order to add chunks in, from a size per
document. What a chunk does, and the order its results are merged in (chunk order,
:mod:`ext.readers`, :mod:`ext.writers`), do not change: the output is the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait

from sphinx.errors import SphinxParallelError
from sphinx.util import logging
from sphinx.util.parallel import ParallelTasks

logger = logging.getLogger(__name__)


class Tasks(ParallelTasks):
    """``ParallelTasks`` that starts tasks in the order they were added and wakes as
    soon as a worker sends its result (it relies on the private state of Sphinx 9.0's
    class: ``_procs``, ``_precvs``, ``_precvs_waiting``, ``_pworking``,
    ``_result_funcs``, ``_args``). Errors are raised as Sphinx's:
    :class:`~sphinx.errors.SphinxParallelError` with the worker's traceback."""

    def join(self) -> None:
        try:
            while self._pworking:
                if not self._join_one():
                    wait(list(self._precvs.values()))
        finally:
            self.terminate()

    def _join_one(self) -> bool:
        """Handle one worker that has sent its result (forking the next waiting task
        first), then start waiting tasks up to ``nproc``; whether one was handled."""
        done = next((tid for tid, pipe in self._precvs.items() if pipe.poll()), None)
        if done is not None:
            failed, logs, result = self._precvs.pop(done).recv()
            self._pworking -= 1
            if failed:
                raise SphinxParallelError(*result)
            self._start_waiting()
            for log in logs:
                logger.handle(log)
            self._result_funcs.pop(done)(self._args.pop(done), result)
            self._procs.pop(done).join()
        self._start_waiting()
        return done is not None

    def _start_waiting(self) -> None:
        while self._precvs_waiting and self._pworking < self.nproc:
            tid = next(iter(self._precvs_waiting))
            self._precvs[tid] = self._precvs_waiting.pop(tid)
            self._procs[tid].start()
            self._pworking += 1


def biggest_first(chunks: Sequence[Sequence[str]], size: Callable[[str], int]) -> list[int]:
    """The numbers of ``chunks`` (lists of docnames) ordered by the sum of ``size``
    over their documents (bytes of the source or of the doctree, say; 0 for one
    that is missing), largest first; equal sums keep chunk order."""
    totals = [sum(size(docname) for docname in chunk) for chunk in chunks]
    return sorted(range(len(chunks)), key=lambda number: -totals[number])


def file_size(path: str) -> int:
    """Bytes of the file at ``path``; 0 when it cannot be read."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
