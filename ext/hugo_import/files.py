"""File-system steps shared by the import's writers (pages, generated files, static
files): making folders once, hard-linking, hashing, tidying empty folders."""

from __future__ import annotations

import hashlib
import os
import shutil
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


def remove_empty_parents(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and then its parents while they are empty, up to ``stop``
    (kept)."""
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
