"""The import's fingerprint: whether there is anything to do.

The manifest it is kept in is :mod:`ext.shared.manifest`. Kept apart from the
converter so that the command line can answer "nothing changed" without importing
the converter's libraries.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..shared.manifest import Manifest

#: The code whose output the import writes: the converter and the layer it shares with
#: the extensions (:mod:`ext.shared`); it imports nothing else of ``ext``.
_EXT = Path(__file__).parent.parent
_CONVERTER_CODE = sorted(Path(__file__).parent.glob("*.py")) + sorted((_EXT / "shared").glob("*.py"))


def site_fingerprint(root: Path) -> str:
    """A hash of every input file's path, size and modification time, of the
    converter's own code and of the day of the import (which pages are published and
    which events are upcoming depend on it: :mod:`.publishing`); equal fingerprints mean
    there is nothing to do."""
    from .card_coverage import import_today

    digest = hashlib.sha256()
    digest.update(import_today().isoformat().encode())
    for module in _CONVERTER_CODE:
        digest.update(module.read_bytes())
    for folder in ("content", "static", "data"):
        base = root / folder
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:  # a link to nothing: the import reports it
                    stat = os.lstat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name in ("config.toml", "hugo.toml", "netlify.toml"):
        if (root / name).is_file():
            digest.update((root / name).read_bytes())
    return digest.hexdigest()


def unchanged_import(site_root: Path, dest: Path) -> list[str] | None:
    """The files an earlier import of the same, unchanged site wrote into ``dest``
    (all still there), or None when the site must be imported."""
    manifest = Manifest(dest)
    if manifest.interrupted:
        return None
    if manifest.site != str(site_root.resolve()) or manifest.fingerprint != site_fingerprint(site_root.resolve()):
        return None
    if not all((dest / rel).is_file() for rel in manifest.files):
        return None
    return sorted(manifest.files)
