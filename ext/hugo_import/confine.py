"""Where the import reads and writes: every path decision in one place.

*Input.* The import reads a file of the Hugo site only when it lies inside the site,
once links are followed: :func:`site_files` walks a folder of the site (``content/``,
``static/``, ``data/``) and hands back the files it may read, and
:func:`refused_input` says why one file may not be read. A link that leaves the site
is refused (``outside-site``), as are a link to nothing, a pipe, a socket or a device
(``unreadable``): each is a :class:`~.model.Problem` at the file, never a traceback.

*Output.* Every file the import writes, copies, moves or removes is named by a path
relative to its output root (the handbook source, a staging folder):
:func:`output_path` turns that into a path that is checked to lie inside the root,
once the links already there are followed, and whose names a file system can hold;
otherwise it raises :class:`OutsideRoot`. Nothing writes a file any other way.

*Names.* A page's names in the handbook (its docname, hence its source file and its
folder in the build) must be names a file system can hold: :func:`ext.shared.slugs.name_fits` and
:func:`ext.shared.slugs.shortened`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..shared.slugs import NAME_MAX
from .model import Problem, ProblemKind

class OutsideRoot(ValueError):
    """A path that would lead outside its output root (``..``, an absolute path, a link
    there that points elsewhere; ``kind`` is :attr:`ProblemKind.OUTSIDE_SITE`) or that
    holds a name no file system holds (:attr:`ProblemKind.LONG_NAME`)."""

    def __init__(self, message: str, kind: ProblemKind = ProblemKind.OUTSIDE_SITE) -> None:
        super().__init__(message)
        self.kind = kind


def output_path(root: Path, rel: str) -> Path:
    """``root / rel``, checked: ``rel`` is a relative POSIX path without ``.``, ``..``
    or empty steps, each of its names fits in :data:`NAME_MAX` bytes, and once the links
    that already exist along it are followed it still lies inside ``root`` (also
    followed). Raises :class:`OutsideRoot` (its message says why) otherwise."""
    parts = rel.split("/")
    if not rel or "\0" in rel or any(part in {"", ".", ".."} for part in parts):
        raise OutsideRoot(f"{rel!r} is not a plain path inside the output folder")
    long = next((part for part in parts if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX), None)
    if long is not None:
        raise OutsideRoot(f"the name {long[:40]}… is longer than a file system holds ({NAME_MAX} bytes)",
                          ProblemKind.LONG_NAME)
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise OutsideRoot(f"{rel} leads outside the output folder through a link")
    return path


@dataclass(frozen=True)
class Refusal:
    """Why a file of the site is not read: ``kind`` is :attr:`ProblemKind.OUTSIDE_SITE`
    or :attr:`ProblemKind.UNREADABLE`; ``message`` is the problem's text."""

    kind: ProblemKind
    message: str

    def problem(self, file: str) -> Problem:
        """The problem at ``file`` (relative to the site root), for the whole file."""
        return Problem(file, 0, self.kind, self.message)


OUTSIDE = Refusal(ProblemKind.OUTSIDE_SITE, "a link to a file outside the site; not read, not published")
DANGLING = Refusal(ProblemKind.UNREADABLE, "a link to a file that does not exist; left out")
SPECIAL = Refusal(ProblemKind.UNREADABLE, "not a regular file (a pipe, socket or device); left out")
FOLDER_OUTSIDE = Refusal(ProblemKind.OUTSIDE_SITE, "a link to a folder outside the site; not read, not published")


def refused_input(site_root: Path, path: Path) -> Refusal | None:
    """``None`` when ``path`` is a regular file (or a link to one) that lies inside
    ``site_root`` once every link is followed; else why it is not read."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return DANGLING
    if not real.is_relative_to(site_root.resolve()):
        return OUTSIDE
    if not real.exists():
        return DANGLING
    return None if real.is_file() else SPECIAL


def site_files(site_root: Path, folder: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """The files under ``folder`` (a folder of the site at ``site_root``) the import may
    read, as ``[(path relative to folder, POSIX; path)]`` sorted by folder then name,
    and the problems of those it may not (:func:`refused_input`; file relative to the
    site root, line 0). Links to folders inside the site are followed (once each: a
    loop is not walked twice); links to folders outside it are refused. A folder
    that does not exist gives nothing."""
    real_root = site_root.resolve()
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return files, problems
    if not folder.resolve().is_relative_to(real_root):
        problems.append(FOLDER_OUTSIDE.problem(folder.relative_to(site_root).as_posix()))
        return files, problems
    for rel, path, refusal in _walk(site_root, real_root, folder, "", {folder.resolve()}):
        if refusal is None:
            files.append((rel, path))
        else:
            problems.append(refusal.problem(path.relative_to(site_root).as_posix()))
    return files, problems


def _walk(site_root: Path, real_root: Path, folder: Path, prefix: str, seen: set[Path]) -> Iterator[tuple[str, Path, Refusal | None]]:
    """``(rel, path, refusal or None)`` for every file under ``folder``; ``seen``: the
    real folders walked (a folder reached again through a link is not walked again)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        path = Path(entry.path)
        rel = prefix + entry.name
        if entry.is_symlink():
            real = path.resolve()
            if not real.is_relative_to(real_root):
                yield rel, path, FOLDER_OUTSIDE if real.is_dir() else OUTSIDE
            elif real.is_dir():
                subfolders.append((path, rel, real))
            else:
                yield rel, path, refused_input(site_root, path)
        elif entry.is_dir(follow_symlinks=False):
            subfolders.append((path, rel, path.resolve()))
        elif entry.is_file(follow_symlinks=False):
            yield rel, path, None
        else:
            yield rel, path, SPECIAL
    for path, rel, real in subfolders:
        if real in seen:
            continue
        seen.add(real)
        yield from _walk(site_root, real_root, path, rel + "/", seen)


def decoded(raw: bytes, file: str, problems: list[Problem]) -> str:
    """The text of the site's file ``file`` (its bytes ``raw``) as UTF-8; bytes that
    are no UTF-8 are replaced, and one ``encoding`` problem (at the line of the first)
    is appended to ``problems``."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(file, line, ProblemKind.ENCODING, "the file is not valid UTF-8; undecodable bytes were replaced"))
        return raw.decode("utf-8", errors="replace")
