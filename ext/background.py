"""Work of the main process done beside the forked readers and writers, in a fork.

A cold build on 2 CPUs leaves one of them idle wherever Sphinx's main process works
alone: between the last reader and the first writer, and after the last writer. The
handbook's own work there (copying the site's files, making the blog feeds and the
calendars) needs nothing the readers or writers make after it starts, so it can run
in a forked process of its own, at the lowest CPU priority (``nice`` 19): it takes
what the readers and writers leave of the CPUs, and the main process only picks its
result up where it needs it.

:func:`in_background` says whether a build does such work in a fork: one whose
documents are read by forked readers (``-j N``, more than ``ext.rebuilds`` reads in
its main process), where ``fork`` exists. A rebuild after one edit forks nothing.

:class:`Background` is one such piece of work; its :meth:`~Background.result` falls
back to ``None`` when the fork failed, so that the caller does the work itself.
:func:`start_early` starts one under a name for the build in progress, and
:func:`take_result` picks its result up; what is not taken when the build ends is
stopped.

Config value ``background_work`` (bool, default ``True``; it changes no output): off,
that work is done in the main process, where it was.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: The builds (by application) that do work in the background.
_BUILDS: WeakKeyDictionary[Sphinx, bool] = WeakKeyDictionary()
#: The work started for each build in progress, by name.
_STARTED: WeakKeyDictionary[Sphinx, dict[str, Background]] = WeakKeyDictionary()


def in_background(app: Sphinx) -> bool:
    """Whether ``app``'s build in progress reads with forked readers, so that work of
    its main process is worth a fork (see the module's docstring)."""
    return _BUILDS.get(app, False)


def note_forked_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (after ``ext.rebuilds`` chose how to read)."""
    _BUILDS[app] = bool(app.config.background_work and app.parallel > 1 and docnames
                        and "fork" in multiprocessing.get_all_start_methods())


def forget_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (last): the work nobody took (not needed, or the build
    stopped) is stopped."""
    _BUILDS.pop(app, None)
    for work in _STARTED.pop(app, {}).values():
        work.cancel()


def start_early(app: Sphinx, name: str, function: Callable[..., Any], *args: Any) -> None:
    """In a build that works in the background (:func:`in_background`), start
    ``function(*args)`` in a niced fork, kept under ``name`` for :func:`take_result`;
    otherwise (or when no process can be forked) nothing."""
    if in_background(app):
        work = Background.start(function, *args)
        if work is not None:
            _STARTED.setdefault(app, {})[name] = work


def take_result(app: Sphinx, name: str, digest: str | None = None) -> Any | None:
    """What the work started under ``name`` returned (waiting for it); None when none
    was started or it failed: the caller then does the work itself. With ``digest``,
    the work returns ``(digest of its inputs, value)``, and the value comes back only
    when it was made from the same inputs as the caller's (``digest``)."""
    work = _STARTED.get(app, {}).pop(name, None)
    value = work.result() if work is not None else None
    if digest is None or value is None:
        return value
    made_from, made = value
    return made if made_from == digest else None


class Background:
    """``function(*args)`` running in a forked process at the lowest CPU priority from
    the moment this is made (:meth:`start`); its return value must pickle.
    :meth:`result` waits for it; :meth:`cancel` stops it when its result is not
    needed."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_niced, args=(sender, function, args),
                                        name=getattr(function, "__name__", "background"), daemon=True)
        try:
            self._process.start()
        finally:
            sender.close()

    @classmethod
    def start(cls, function: Callable[..., Any], *args: Any) -> Background | None:
        """``Background(function, *args)``, or None when no process can be forked
        (out of memory or of processes): the caller then does the work itself."""
        try:
            return cls(function, *args)
        except OSError:
            return None

    def result(self) -> Any | None:
        """The function's return value; ``None`` when it raised or its process died
        (the caller then does the work itself)."""
        try:
            ok, value = self._receiver.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._receiver.close()
            self._process.join()
        return value if ok else None

    def cancel(self) -> None:
        """Stop the process (its work is not needed) and reap it."""
        self._process.terminate()
        self._receiver.close()
        self._process.join()


def _run_niced(sender: Any, function: Callable[..., Any], args: tuple) -> None:
    """In the fork: lowest priority, run, send ``(ok, value)`` back."""
    os.nice(19)
    try:
        outcome = (True, function(*args))
    except Exception:  # the main process does the work again and reports what goes wrong
        outcome = (False, None)
    sender.send(outcome)
    sender.close()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("background_work", True, "", types=frozenset({bool}))
    app.connect("env-before-read-docs", note_forked_reading, priority=950)
    app.connect("build-finished", forget_build, priority=1000)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
