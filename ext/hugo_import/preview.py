"""The transition preview: a Hugo site built as it is, without migrating it.

``make html SITE=…`` imports the site into a generated source folder under the
build directory (never into ``docs/``) and builds that. The preview shows the
site's pages with the handbook's own pages (home, member guide, maintainer guide):
:func:`sync_handbook_pages` copies them from ``docs/`` first. The handbook's own
files are those of ``docs/`` that no migration wrote (not in its manifest); the
pages a migration wrote there belong to another site and stay out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .files import files_under, remove_empty_parents, sha256
from ..shared.manifest import JOURNAL, MANIFEST, Manifest

#: The record, in the preview folder, of the handbook files copied into it.
HANDBOOK_RECORD = ".handbook-pages.json"
#: Files of ``docs/`` that are bookkeeping, not pages.
_NOT_PAGES = frozenset({MANIFEST, JOURNAL, ".hugo-import.pending.json"})


def handbook_files(docs: Path) -> dict[str, Path]:
    """The handbook's own files in ``docs``: ``{relative path: path}`` of every file no
    migration wrote (see :class:`.manifest.Manifest`)."""
    migrated = Manifest(docs).files.keys() if (docs / MANIFEST).is_file() else set()
    return {rel: path for rel, path in files_under(docs) if rel not in migrated and rel not in _NOT_PAGES}


def sync_handbook_pages(docs: Path, dest: Path) -> list[str]:
    """Copy the handbook's own files of ``docs`` into the preview folder ``dest``,
    each only when its bytes changed (so Sphinx rebuilds only what changed), and
    remove those copied earlier that ``docs`` no longer has. A handbook file wins
    over an imported page at the same path: it is taken out of the import's
    manifest, so the import leaves it as it is. Returns the paths written."""
    dest.mkdir(parents=True, exist_ok=True)
    record_path = dest / HANDBOOK_RECORD
    before: dict[str, str] = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {}
    after: dict[str, str] = {}
    written = []
    for rel, source in sorted(handbook_files(docs).items()):
        data = source.read_bytes()
        after[rel] = sha256(data)
        target = dest / rel
        if not target.is_file() or sha256(target.read_bytes()) != after[rel]:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(rel)
    gone = [rel for rel in before if rel not in after]
    for rel in gone:
        target = dest / rel
        if target.is_file() and sha256(target.read_bytes()) == before[rel]:
            target.unlink()
            remove_empty_parents(target.parent, dest)
    manifest = Manifest(dest)
    shadowed = manifest.files.keys() & after.keys()
    if shadowed or gone:
        # A page the import wrote may now be shadowed, or be due again: import afresh.
        files = {rel: digest for rel, digest in manifest.files.items() if rel not in shadowed}
        manifest.save(files, "", manifest.site)
    record_path.write_text(json.dumps(after, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written
