"""``make livehtml``: sphinx-autobuild, with every rebuild starting warm.

sphinx-autobuild runs ``python -m sphinx build`` for each save. On the real handbook
about a third of such a rebuild is start-up: Python, Sphinx and every extension
imported and set up, the pickled environment loaded, before the one page saved is read.

Here the server process keeps one Sphinx application set up, its environment loaded
(:class:`WarmApp`). sphinx-autobuild runs each rebuild in a worker process that it
forks from the server (its ``ProcessPoolExecutor``); the worker starts with that
application and builds in its own process (``-j`` does not apply: one or a few pages
are read faster here than by forked readers). After each rebuild the server sets up a
new application on the rebuilt environment, in the background, before it looks at the
next change.

A rebuild is a new ``sphinx-build`` process, as sphinx-autobuild makes it, for the first
build (with ``-j``), when the worker is not a fork of the server (a platform without
``fork``), and for the rest of the session once a Python file (``conf.py``, an
extension) has changed, saved in the pages' folder or found newer than the warm
application at the next save: the server's modules are the old ones.

Usage (the Makefile's ``livehtml``): ``python -m ext.live_preview`` followed by
sphinx-autobuild's own arguments.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import os
import queue
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import sphinx_autobuild.__main__ as autobuild
import watchfiles
from sphinx._cli.util.errors import handle_exception
from sphinx.application import Sphinx
from sphinx.cmd import build as sphinx_build
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx_autobuild.build import Builder
from sphinx_autobuild.server import RebuildServer
from sphinx_autobuild.utils import show_message


class WarmApp:
    """A Sphinx application set up from ``sphinx-build`` arguments (as
    ``sphinx.cmd.build.build_main`` sets it up), kept until :meth:`close`, with
    docutils' registries as its extensions left them."""

    def __init__(self, argv: Sequence[str]) -> None:
        parser = sphinx_build.get_parser()
        args = sphinx_build._parse_arguments(parser, list(argv))
        args.confdir = sphinx_build._parse_confdir(args.noconfig, args.confdir, args.sourcedir)
        args.doctreedir = sphinx_build._parse_doctreedir(args.doctreedir, args.outputdir)
        status, warning, _error, self._warnfile = sphinx_build._parse_logging(
            parser, args.quiet, args.really_quiet, args.warnfile)
        # Quiet while it sets up (in the background, after each rebuild): the messages
        # of loading the environment are not news.
        self._status = _Gate(status)
        overrides = sphinx_build._parse_confoverrides(parser, args.define, args.htmldefine, args.nitpicky)
        #: When the application was set up, and where its configuration is (its code).
        self.created_ns = time.time_ns()
        self.confdir = Path(args.confdir or args.sourcedir).resolve()
        self._context = contextlib.ExitStack()
        self._context.enter_context(patch_docutils(args.confdir or args.sourcedir))
        self._context.enter_context(docutils_namespace())
        with _local_sitemap_queue():
            self.app = Sphinx(
                srcdir=args.sourcedir, confdir=args.confdir, outdir=args.outputdir, doctreedir=args.doctreedir,
                buildername=args.builder, confoverrides=overrides, status=self._status, warning=warning,
                freshenv=False, warningiserror=args.warningiserror, tags=args.tags, verbosity=args.verbosity,
                parallel=1, keep_going=False, pdb=False, exception_on_warning=args.exception_on_warning,
            )

    def build(self) -> int:
        """Build what changed since the environment was loaded; returns the exit status
        ``sphinx-build`` would (0 success, 1 warnings as errors, 2 an exception)."""
        self._status.open = True
        try:
            self.app.build()
            return self.app.statuscode
        except Exception as error:  # reported as sphinx-build reports it
            handle_exception(
                error, stderr=sys.stderr, use_pdb=False, print_traceback=False,
                message_log=self.app.messagelog, extensions=self.app.extensions.values())
            return 2

    def close(self) -> None:
        """Let the application go (collected now, with what it holds open)."""
        del self.app
        gc.collect()
        self._context.close()
        if self._warnfile is not None:
            self._warnfile.close()


class _LocalManager:
    """Stands in for ``multiprocessing.Manager`` while a warm application is set up:
    sphinx-sitemap keeps the pages' links in a manager's queue, for forked writers. A
    warm rebuild writes in one process (its worker) and empties its own queue, so a
    plain queue does; a manager would be one more process per application, left
    running if the server is stopped with SIGTERM (uvicorn then ends without exit
    handlers)."""

    @staticmethod
    def Queue() -> queue.Queue:  # noqa: N802 (the manager's method name)
        return queue.Queue()


@contextlib.contextmanager
def _local_sitemap_queue() -> Iterator[None]:
    try:
        import sphinx_sitemap
    except ImportError:
        yield
        return
    with mock.patch.object(sphinx_sitemap, "Manager", _LocalManager):
        yield


class _Gate:
    """A text stream that passes writes on to ``stream`` only while ``open``."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.open = False

    def write(self, text: str) -> int:
        return self.stream.write(text) if self.open and self.stream is not None else len(text)

    def flush(self) -> None:
        if self.open and self.stream is not None:
            self.stream.flush()

    def isatty(self) -> bool:
        return self.stream is not None and self.stream.isatty()


#: The server's warm application (None: rebuilds run ``sphinx-build``). A worker forked
#: from the server sees it as the server left it.
_WARM: WarmApp | None = None
#: False once a Python file changed: the server's modules are out of date.
_CAN_WARM = True


def _forks() -> bool:
    return multiprocessing.get_start_method(allow_none=False) == "fork"


def warm_up(argv: Sequence[str]) -> None:
    """Set up the server's warm application again (after a build); on an error, rebuilds
    fall back to ``sphinx-build``."""
    global _WARM
    if _WARM is not None:
        _WARM.close()
        _WARM = None
    if not (_CAN_WARM and _forks()):
        return
    try:
        _WARM = WarmApp(argv)
    except Exception as error:
        show_message(f"rebuilds run sphinx-build: the warm set-up failed ({error})")


class WarmBuilder(Builder):
    """sphinx-autobuild's builder: the first build runs ``sphinx-build`` (with ``-j``)
    and warms the server up; a rebuild in a worker builds with the warm application."""

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if not changed_paths:  # the first build, in the server itself
            super().__call__(changed_paths=changed_paths)
            warm_up(self.sphinx_args)
            return
        warm = _WARM if os.getpid() != _SERVER_PID else None
        if warm is None:
            super().__call__(changed_paths=changed_paths)
            return
        shown = [_shown(path) for path in changed_paths[:5] if path.exists()]
        if shown:
            show_message(f"Detected changes ({', '.join(shown)})")
        show_message("Rebuilding (warm)...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        status = warm.build()
        if status == 0:
            self._run_commands(self.post_build_commands, "post-build")
        else:
            print(f"Sphinx exited with exit code: {status}")
        show_message(f"Serving on {self.uri}")


def _shown(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(Path.cwd()).as_posix()
    return path.as_posix()


def _code_changed() -> bool:
    """Whether a Python file the warm application runs, under its configuration's
    folder (``conf.py``, the extensions), changed since it was set up (the preview
    watches only the pages)."""
    if _WARM is None:
        return False
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not file or not file.endswith(".py"):
            continue
        path = Path(file)
        if path.is_relative_to(_WARM.confdir) and not path.is_relative_to(sys.prefix):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime_ns > _WARM.created_ns:
                    return True
    conf = _WARM.confdir / "conf.py"
    return conf.is_file() and conf.stat().st_mtime_ns > _WARM.created_ns


class WarmRebuildServer(RebuildServer):
    """sphinx-autobuild's watcher, which warms a new application after each rebuild."""

    async def watch(self) -> None:
        global _CAN_WARM
        async for changes in watchfiles.awatch(*self.paths, watch_filter=lambda _, path: not self.ignore(path)):
            changed_paths = [Path(path).resolve() for (_, path) in changes]
            if _CAN_WARM and (any(path.suffix == ".py" for path in changed_paths) or _code_changed()):
                _CAN_WARM = False
                warm_up(())
                show_message("Python code changed: each rebuild is a new sphinx-build from now on "
                             "(restart make livehtml for fast rebuilds)")
            with ProcessPoolExecutor() as pool:
                future = pool.submit(self.change_callback, changed_paths=changed_paths)
                await asyncio.wrap_future(future)
            self.flag.set()
            await asyncio.to_thread(warm_up, self.change_callback.sphinx_args)


#: The server's process (the first build runs there; rebuilds run in forked workers).
_SERVER_PID = os.getpid()


def main(argv: Sequence[str]) -> None:
    """Run sphinx-autobuild (``argv``: its arguments) with warm rebuilds."""
    autobuild.Builder = WarmBuilder
    autobuild.RebuildServer = WarmRebuildServer
    autobuild.main(list(argv))


if __name__ == "__main__":
    main(sys.argv[1:])
