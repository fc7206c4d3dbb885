"""Writing the handbook source: the files of an import (pages, generated files), and
removing them again (:func:`clean`).

The import never writes over a file it did not write (the manifest
``.hugo-import.json`` in the destination lists what it wrote, with hashes),
rewrites a file only when its bytes change, and removes only files it wrote
that the site no longer has. Converting an unchanged site twice gives the same
bytes; when nothing in the site changed at all, nothing is even converted (and the
converter's libraries are not even loaded).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .confine import OutsideRoot, output_path
from .files import make_folder, remove_empty_parents, sha256
from ..shared.manifest import Manifest, journal_write
from .model import ImportReport, Problem, ProblemKind
from ..shared.report_file import PREVIEW_REPORT
from ..shared.paths import STATIC_DIR


@dataclass(frozen=True)
class Written:
    """What writing one output did: ``status`` is ``"written"``, ``"unchanged"`` (the
    file held those bytes already), ``"collision"`` (a file the import did not
    write is there; left as it is) or ``"refused"`` (the path would lead outside the
    handbook source, or holds a name no file system holds: ``reason`` says which, and
    ``kind`` is the problem's; not written); ``digest`` is the SHA-256 of the bytes."""

    rel: str
    digest: str
    status: str
    reason: str = ""
    kind: ProblemKind = ProblemKind.OUTSIDE_SITE


def write_output(dest: Path, manifest: Manifest, rel: str, data: bytes, made: set[Path]) -> Written:
    """Write ``data`` at ``dest/rel`` unless it holds those bytes already, or unless a
    file is there that no import wrote (``manifest``: the last import's, and the
    journal of one interrupted since). The path is checked to lie inside ``dest``
    first (:func:`.confine.output_path`), and goes into the journal
    (:func:`.manifest.journal_write`) before the file is written. ``made``: the
    folders this process has made. Called by the workers for their pages."""
    digest = sha256(data)
    try:
        path = output_path(dest, rel)
    except OutsideRoot as err:
        return Written(rel, digest, "refused", str(err), err.kind)
    old = manifest.files.get(rel)
    if not manifest.ours(rel) and path.exists():
        return Written(rel, digest, "collision")
    if old == digest and path.exists() and sha256(path.read_bytes()) == digest:
        return Written(rel, digest, "unchanged")
    make_folder(path.parent, made)
    journal_write(manifest.journal, rel)
    path.write_bytes(data)
    return Written(rel, digest, "written")


class OutputWriter:
    """The import's files in the handbook source ``dest``: each written (by
    :func:`write_output`, here or in a worker) is recorded in ``report``.

    ``write(rel, data)`` writes a file and ``record(written)`` records one a worker
    wrote; ``reserve(origins)`` names the pages' paths, which no other output may take
    (a page wins over a generated file; the workers write pages while this process
    writes the rest), each with where in the site its path comes from
    (``{rel: (site file, line)}``). A file there that the import did not write is left
    as it is and reported as a ``url-collision`` at that site file and line (at the
    path in the handbook source, line 0, for a generated file); a path refused by
    :func:`.confine.output_path` is reported as ``outside-site`` (``long-name``). Every path
    ``finish()`` removes is checked the same way. ``finish()`` removes the files of the last import
    that were not written this time (only when they still hold what the import
    wrote), sorts the report's lists, adds the collisions to its problems (by path)
    and returns the new manifest's files: ``{rel: sha256}``.
    """

    def __init__(self, dest: Path, manifest: Manifest, report: ImportReport) -> None:
        self.dest, self.manifest, self.report = dest, manifest, report
        self.files: dict[str, str] = {}
        self._reserved: dict[str, tuple[str, int]] = {}
        self._made: set[Path] = set()
        self._collisions: list[Problem] = []

    def reserve(self, origins: Mapping[str, tuple[str, int]]) -> None:
        self._reserved.update(origins)

    def write(self, rel: str, data: bytes, *, reserved: bool = False) -> None:
        """Write one output; one at a reserved path only when it is that path's page."""
        if rel in self._reserved and not reserved:
            return
        self.record(write_output(self.dest, self.manifest, rel, data, self._made))

    def record(self, written: Written) -> None:
        rel = written.rel
        file, line = self._reserved.get(rel, (rel, 0))
        if written.status == "collision":
            what = f"its handbook file {rel}" if file != rel else rel
            self._collisions.append(Problem(
                file, line, ProblemKind.URL_COLLISION,
                f"{what} exists in the handbook source and was not written by the import; left as it is",
            ))
            return
        if written.status == "refused":
            self._collisions.append(Problem(file, line, written.kind, f"{written.reason}; {rel} not written"))
            return
        self.files[rel] = written.digest
        (self.report.unchanged if written.status == "unchanged" else self.report.written).append(rel)

    def finish(self) -> dict[str, str]:
        report = self.report
        for rel in sorted((set(self.manifest.files) | self.manifest.interrupted) - set(self.files)):
            try:
                path = output_path(self.dest, rel)
            except OutsideRoot:
                continue  # never written there: the manifest or the journal was edited
            if path.is_file() and (rel in self.manifest.interrupted
                                   or sha256(path.read_bytes()) == self.manifest.files[rel]):
                path.unlink()
                report.removed.append(rel)
                remove_empty_parents(path.parent, self.dest)
        report.written.sort()
        report.unchanged.sort()
        report.problems.extend(sorted(self._collisions, key=lambda problem: problem.file))
        report.origins = dict(self._reserved)
        return self.files


def clean(dest: Path) -> list[str]:
    """Remove everything the import wrote into ``dest`` (per its manifest, and the
    journal of an import interrupted since), its report
    (:data:`ext.shared.report_file.PREVIEW_REPORT`), the static copy, the manifest and the journal;
    authored pages stay. Returns the removed paths."""
    manifest = Manifest(dest)
    removed = []
    for rel in sorted(manifest.files.keys() | manifest.interrupted):
        try:
            path = output_path(dest, rel)
        except OutsideRoot:
            continue
        if path.is_file() and (rel in manifest.interrupted or sha256(path.read_bytes()) == manifest.files[rel]):
            path.unlink()
            removed.append(rel)
            remove_empty_parents(path.parent, dest)
    report = dest / PREVIEW_REPORT
    if report.is_file():
        report.unlink()
        removed.append(PREVIEW_REPORT)
        remove_empty_parents(report.parent, dest)
    shutil.rmtree(dest / STATIC_DIR, ignore_errors=True)
    manifest.path.unlink(missing_ok=True)
    manifest.journal.unlink(missing_ok=True)
    return removed
