"""File-system steps shared by the import's writers (pages, generated files, static
files): making folders once, hard-linking, hashing, tidying empty folders."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, as 64 hexadecimal digits (what the manifest records)."""
    return hashlib.sha256(data).hexdigest()


def make_folder(folder: Path, made: set[Path]) -> None:
    """Create ``folder`` and its parents, once per process and import (``made``: the
    folders done; a ``mkdir`` is costly on some file systems)."""
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def link_or_copy(source: Path, out: Path) -> None:
    """Hard-link ``source`` at ``out``; copy it (with its times) where the two are on
    different file systems or links are not allowed."""
    try:
        os.link(source, out)
    except OSError:
        shutil.copy2(source, out)


def files_under(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file under ``root``, as ``(path relative to root, with /, path)``, in a
    stable order (folders sorted)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath, filename)
            yield path.relative_to(root).as_posix(), path


def remove_empty_parents(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and then its parents while they are empty, up to ``stop``
    (kept)."""
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
