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
#: The import's write-ahead journal in the destination: the path of each file, one
#: per line, appended before the file is written, and removed once the manifest that
#: lists them is saved. When an import is interrupted (Ctrl-C, a crash), the next
#: run or ``--clean`` reads it to know which files that import wrote.
JOURNAL = ".hugo-import.journal"


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
                try:
                    stat = os.stat(path)
                except OSError:  # a link to nothing: the import reports it
                    stat = os.lstat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name in ("config.toml", "hugo.toml", "netlify.toml"):
        if (root / name).is_file():
            digest.update((root / name).read_bytes())
    return digest.hexdigest()


class Manifest:
    """What the import wrote into ``dest``: relative path to SHA-256 of the bytes.

    ``kind`` is ``"import"`` for a folder the import keeps in step with a site (the
    transition preview, rewritten at will) and ``"migration"`` for a handbook source
    that a migration wrote once and people edit since (:mod:`.migrate`).

    ``interrupted`` holds the paths an import wrote that stopped before saving the
    manifest (its :data:`JOURNAL`): they are the import's, not a person's, and the next
    import rewrites or removes them.
    """

    def __init__(self, dest: Path) -> None:
        self.path = dest / MANIFEST
        self.journal = dest / JOURNAL
        data = json.loads(self.path.read_text()) if self.path.is_file() else {}
        self.files: dict[str, str] = data.get("files", {})
        self.fingerprint: str = data.get("fingerprint", "")
        self.site: str = data.get("site", "")
        self.kind: str = data.get("kind", "import")
        self.interrupted: frozenset[str] = frozenset(
            self.journal.read_text(encoding="utf-8").splitlines() if self.journal.is_file() else ())

    def ours(self, rel: str) -> bool:
        """Whether the import wrote ``rel`` (the last import, or one interrupted since)."""
        return rel in self.files or rel in self.interrupted

    def save(self, files: dict[str, str], fingerprint: str, site: str, kind: str = "import") -> None:
        """Write the manifest (whole or not at all: a new file renamed over the old
        one), then drop the journal, whose files it now lists or that are gone."""
        data = {"kind": kind, "site": site, "fingerprint": fingerprint, "files": dict(sorted(files.items()))}
        pending = self.path.with_name(self.path.name + ".new")
        pending.write_text(json.dumps(data, indent=1) + "\n")
        os.replace(pending, self.path)
        self.journal.unlink(missing_ok=True)


def journal_write(journal: Path, rel: str) -> None:
    """Append ``rel`` to the import's journal before its file is written: one line, in
    one ``write`` to a file opened for appending, so that the forked workers' lines
    never mix."""
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (rel + "\n").encode("utf-8"))
    finally:
        os.close(fd)



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
