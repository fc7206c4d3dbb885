"""The import's entry point: :func:`import_site` converts a Hugo site into a handbook
source folder, or returns at once when nothing changed.

It checks the destination (never a migrated handbook, :class:`MigratedSourceError`),
compares the site's fingerprint (:mod:`.manifest`), starts the copy of the static
files (:mod:`.static_copy`), hands the site to the pipeline (:mod:`.pipeline`) with the
output writer (:mod:`.writer`), then saves the manifest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..shared.manifest import Manifest
from ..shared.paths import STATIC_DIR
from .manifest import site_fingerprint
from .model import ImportReport
from .static_copy import StaticCopy
from .writer import OutputWriter


class MigratedSourceError(Exception):
    """The destination of an import is a migrated handbook source (its manifest's
    ``kind`` is ``"migration"``): only :mod:`.migrate` writes there."""


def import_site(
    site_root: Path,
    dest: Path,
    *,
    force: bool = False,
    progress: Callable[[Iterable, int], Iterable] | None = None,
    jobs: int | None = None,
) -> ImportReport:
    """Import the Hugo site at ``site_root`` into the Sphinx source folder ``dest``.

    Writes one MyST file per published page at ``<docname>.md``, the navigation
    include ``_generated/navigation.md``, and a copy of ``static/`` plus page
    bundle files under ``_site_static/``. Returns an :class:`ImportReport`; never
    raises for problems in the site's content (they are in ``report.problems``).
    With an unchanged site (same fingerprint) and every file it wrote still in
    place, it returns at once, unless ``force``.
    ``jobs`` is the number of processes converting pages (default: one per CPU);
    ``progress(results, total)`` may wrap the stream of converted pages.

    Raises :class:`MigratedSourceError` when ``dest`` is a migrated handbook source.

    Order of work: the copy of ``static/`` starts first, in a forked process (with
    more than one job); then the converter's libraries load and
    :func:`.pipeline.convert_site` reads and converts the site. Problems are
    reported in a fixed order (site, events, pages in site order, redirects,
    collisions, static files).
    """
    site_root, dest = site_root.resolve(), dest.resolve()
    dest.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(dest)
    if manifest.kind == "migration":
        raise MigratedSourceError(
            f"{dest} is a migrated handbook source, edited by people: the import never writes into it "
            "(preview a site into a folder of its own, or run make migrate)")
    fingerprint = site_fingerprint(site_root)
    report = ImportReport(site=str(site_root))
    unchanged = manifest.fingerprint == fingerprint and manifest.site == str(site_root) and not manifest.interrupted
    if not force and unchanged and all((dest / rel).is_file() for rel in manifest.files):
        report.skipped = True
        report.unchanged = sorted(manifest.files)
        return report

    jobs = jobs or os.cpu_count() or 1
    static = StaticCopy(site_root, dest / STATIC_DIR, background=jobs > 1)
    # The converter's libraries (a quarter of a second to load) load while static/ is copied.
    from .pipeline import convert_site

    try:
        files = convert_site(site_root, OutputWriter(dest, manifest, report), static, progress=progress, jobs=jobs)
    finally:
        static.close()
    manifest.save(files, fingerprint, str(site_root))
    return report
