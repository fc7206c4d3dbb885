"""The site's static files in the handbook source, under ``_site_static/``.

Every file of the site's ``static/`` folder, and every page bundle file, is served by
the handbook at the URL Hugo serves it at: :func:`copy_files` mirrors them into the
handbook source (as hard links where it can: no bytes copied), and HTML pages among
them lose their scripts (:mod:`.static_pages`).

Copying ``static/`` needs nothing of the site's pages, so the import starts it first,
in a forked process of its own (:class:`StaticCopy`), where it runs while the import
loads the converter's libraries and reads the site: on the real site that moves
a tenth of the import's work off its busiest part.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from pathlib import Path

from .confine import OutsideRoot, output_path, site_files
from .files import link_or_copy, make_folder
from .model import Problem, ProblemKind
from .names import owner

#: File name endings of the static files that are HTML pages (cleaned, not linked).
HTML_SUFFIXES = (".html", ".htm")


def static_files(site_root: Path, problems: list[Problem] | None = None) -> dict[str, Path]:
    """``{path under static/ (POSIX, no leading slash): file}`` for every file of the
    site's ``static/`` folder that lies inside the site (:func:`.confine.site_files`),
    sorted (empty without one). The files refused (a link out of the site, a link to
    nothing) are added to ``problems``."""
    files, refused = site_files(site_root, site_root / "static")
    if problems is not None:
        problems.extend(refused)
    return dict(files)


def copy_files(files: dict[str, Path], site_root: Path, target: Path) -> tuple[set[str], list[Problem]]:
    """Mirror ``files`` (``{path under target: source file}``) into ``target``.

    A file is copied only when its size or modification time differ from the copy
    there; where the site and the handbook source share a file system the copy is a
    hard link (the site is never written through it: the import only links, unlinks
    and replaces whole files). HTML pages that hold scripts, event attributes or
    ``javascript:`` URLs are written cleaned instead, each removal reported as a
    problem (file relative to ``site_root``, and line).

    Every path is checked to lie inside ``target``'s folder (:func:`.confine.output_path`);
    one that does not (a link planted in the handbook source) is not written, and
    reported (``outside-site``). A file whose URL the build owns (``/_static/doctools.js``,
    ``/search/index.html``: :func:`.names.owner`) is not copied either, as it would
    replace the build's own file (``reserved-name``).

    Returns ``(the paths written, the problems)``.
    """
    written: set[str] = set()
    problems: list[Problem] = []
    made: set[Path] = set()
    for rel, source in files.items():
        site_file = source.relative_to(site_root).as_posix()
        owned = owner("/" + rel)
        if owned is not None:
            problems.append(Problem(site_file, 0, ProblemKind.RESERVED_NAME, f"its URL /{rel} {owned}; not copied"))
            continue
        try:
            out = output_path(target.parent, f"{target.name}/{rel}")
        except OutsideRoot as err:
            problems.append(Problem(site_file, 0, err.kind, f"{err}; not copied"))
            continue
        try:
            if _copy_one(rel, source, out, site_file, made, problems):
                written.add(rel)
        except (PermissionError, FileExistsError, NotADirectoryError, IsADirectoryError) as err:
            problems.append(Problem(site_file, 0, ProblemKind.UNREADABLE, f"cannot be copied ({err.strerror}); left out"))
    return written, problems


def _copy_one(rel: str, source: Path, out: Path, site_file: str, made: set[Path], problems: list[Problem]) -> bool:
    """Copy (link) ``source`` to ``out``, or write it cleaned (an HTML page, its
    problems added to ``problems``); whether it was written (not when current)."""
    src_stat = source.stat()
    if rel.lower().endswith(HTML_SUFFIXES):
        from .static_pages import clean_static_page  # lxml: loaded only where pages need it

        cleaned = clean_static_page(source.read_bytes(), site_file)
        if cleaned is not None:
            problems.extend(cleaned.problems)
            return _write_cleaned(cleaned.data, src_stat, out, made)
    try:
        out_stat = out.stat()
        if out_stat.st_size == src_stat.st_size and out_stat.st_mtime_ns == src_stat.st_mtime_ns:
            return False
        out.unlink()
    except FileNotFoundError:
        make_folder(out.parent, made)
    link_or_copy(source, out)
    return True


def _write_cleaned(data: bytes, src_stat: os.stat_result, out: Path, made: set[Path]) -> bool:
    """Write a cleaned static page to ``out`` (never through a hard link to the site's
    file); it carries the source's modification time. Whether it was written (not
    when the copy there is current)."""
    try:
        out_stat = out.stat()
        if out_stat.st_ino != src_stat.st_ino and out_stat.st_mtime_ns == src_stat.st_mtime_ns \
                and out_stat.st_size == len(data):
            return False
        out.unlink()
    except FileNotFoundError:
        make_folder(out.parent, made)
    out.write_bytes(data)
    os.utime(out, ns=(src_stat.st_atime_ns, src_stat.st_mtime_ns))
    return True


def remove_stale(target: Path, wanted: Iterable[str]) -> None:
    """Remove the files under ``target`` whose path (relative, POSIX) is not in
    ``wanted``, and the folders left empty."""
    if not target.is_dir():
        return
    wanted = set(wanted)
    for dirpath, _dirnames, filenames in os.walk(target, topdown=False):
        for name in filenames:
            path = Path(dirpath, name)
            if path.relative_to(target).as_posix() not in wanted:
                path.unlink()
        if Path(dirpath) != target and not any(Path(dirpath).iterdir()):
            Path(dirpath).rmdir()


class StaticCopy:
    """Mirroring the site's ``static/`` folder into ``target`` (:func:`copy_files`).

    With ``background`` (and where processes can be forked) it runs in a forked
    process from the moment this object is made; otherwise it runs when
    :meth:`result` is first asked for. ``files`` is what it copies (see
    :func:`static_files`).
    """

    def __init__(self, site_root: Path, target: Path, *, background: bool) -> None:
        #: The files of ``static/`` refused (links out of the site, links to nothing).
        self.problems: list[Problem] = []
        self.files = static_files(site_root, self.problems)
        self._args = (self.files, site_root, target)
        self._process = self._connection = None
        self._result: tuple[set[str], list[Problem]] | None = None
        if background and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._connection, child_end = context.Pipe(duplex=False)
            self._process = context.Process(target=_copy_in_child, args=(child_end, *self._args), daemon=True)
            self._process.start()
            child_end.close()

    def result(self) -> tuple[set[str], list[Problem]]:
        """``(paths written, problems)`` of :func:`copy_files`, once the copy is done.
        An error in the forked process (a full disk, say) is raised here."""
        if self._result is None:
            if self._process is None:
                self._result = copy_files(*self._args)
            else:
                try:
                    outcome = self._connection.recv()
                finally:
                    self._end()
                if isinstance(outcome, BaseException):
                    raise outcome
                self._result = outcome
        return self._result

    def close(self) -> None:
        """Stop the forked process if it still runs (the import failed before it
        asked for the result)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._end()

    def _end(self) -> None:
        if self._process is not None:
            self._process.join()
            self._connection.close()


def _copy_in_child(connection, *args) -> None:
    """:func:`copy_files` in the forked process: its result, or its error, goes back
    through ``connection``."""
    try:
        connection.send(copy_files(*args))
    except BaseException as err:  # noqa: BLE001 - handed to the parent, which raises it
        connection.send(err)
    finally:
        connection.close()
