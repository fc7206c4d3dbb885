"""The import's manifest: which files of a generated source folder the import wrote.

``.hugo-import.json`` in the folder (:data:`MANIFEST`) maps each file the import
wrote to the SHA-256 of its bytes, with the site it came from and a fingerprint of
the site; ``.hugo-import.journal`` (:data:`JOURNAL`) lists the files of an import
that was interrupted. The converter writes both (``ext.hugo_import``); the build
reads the manifest to tell a migrated page from one a person wrote
(``ext.last_updated``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: The manifest's name in the folder the import wrote.
MANIFEST = ".hugo-import.json"
#: The import's write-ahead journal in the destination: the path of each file, one
#: per line, appended before the file is written, and removed once the manifest that
#: lists them is saved. When an import is interrupted (Ctrl-C, a crash), the next
#: run or ``--clean`` reads it to know which files that import wrote.
JOURNAL = ".hugo-import.journal"


class Manifest:
    """What the import wrote into ``dest``: relative path to SHA-256 of the bytes.

    ``kind`` is ``"import"`` for a folder the import keeps in step with a site (the
    transition preview, rewritten at will) and ``"migration"`` for a handbook source
    that a migration wrote once and people edit since (``ext.hugo_import.migrate``).

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
