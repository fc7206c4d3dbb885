"""The import's manifest and fingerprint: what it wrote, and whether there is anything to do.

Kept apart from the converter so that the command line can answer "nothing
changed" without importing the converter's libraries.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import __version__

MANIFEST = ".hugo-import.json"


#: The code whose output the import writes: the converter and the modules of the
#: extensions it borrows (the programme reader, the writing of dates).
_EXT = Path(__file__).parent.parent
_CONVERTER_CODE = sorted(Path(__file__).parent.glob("*.py")) + [
    _EXT / "programmes" / "source.py", _EXT / "programmes" / "dates.py", _EXT / "events" / "dates.py",
]


def site_fingerprint(root: Path) -> str:
    """A hash of every input file's path, size and modification time, of the
    converter's own code and of the day of the import (which pages are published and
    which events are upcoming depend on it: :mod:`.publishing`); equal fingerprints mean
    there is nothing to do."""
    from .card_coverage import import_today

    digest = hashlib.sha256(__version__.encode())
    digest.update(import_today().isoformat().encode())
    for module in _CONVERTER_CODE:
        digest.update(module.read_bytes())
    for folder in ("content", "static", "data"):
        base = root / folder
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                stat = os.stat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name in ("config.toml", "hugo.toml", "netlify.toml"):
        if (root / name).is_file():
            digest.update((root / name).read_bytes())
    return digest.hexdigest()


class Manifest:
    """What the import wrote into ``dest``: relative path to SHA-256 of the bytes.

    ``kind`` is ``"import"`` for a folder the import keeps in step with a site (the
    transition preview, rewritten at will) and ``"migration"`` for a handbook source
    that a migration wrote once and people edit since (:mod:`.migrate`)."""

    def __init__(self, dest: Path) -> None:
        self.path = dest / MANIFEST
        data = json.loads(self.path.read_text()) if self.path.is_file() else {}
        self.files: dict[str, str] = data.get("files", {})
        self.fingerprint: str = data.get("fingerprint", "")
        self.site: str = data.get("site", "")
        self.kind: str = data.get("kind", "import")

    def save(self, files: dict[str, str], fingerprint: str, site: str, kind: str = "import") -> None:
        data = {"kind": kind, "site": site, "fingerprint": fingerprint, "files": dict(sorted(files.items()))}
        self.path.write_text(json.dumps(data, indent=1) + "\n")



def unchanged_import(site_root: Path, dest: Path) -> list[str] | None:
    """The files an earlier import of the same, unchanged site wrote into ``dest``
    (all still there), or None when the site must be imported."""
    manifest = Manifest(dest)
    if manifest.site != str(site_root.resolve()) or manifest.fingerprint != site_fingerprint(site_root.resolve()):
        return None
    if not all((dest / rel).is_file() for rel in manifest.files):
        return None
    return sorted(manifest.files)
