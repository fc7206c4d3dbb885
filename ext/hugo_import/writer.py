"""Writing the handbook source: pages, navigation, static files, manifest.

The import never writes over a file it did not write (the manifest
``.hugo-import.json`` in the destination lists what it wrote, with hashes),
rewrites a file only when its bytes change, and removes only files it wrote
that the site no longer has. Converting an unchanged site twice gives the same
bytes; when nothing in the site changed at all, nothing is even converted.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .manifest import Manifest, site_fingerprint
from .blog import tag_pages
from .convert import convert_page, render_document
from .events import CONFERENCES_PAGE, collect_events
from .home import home_data_files
from .links import STATIC_DIR, SiteIndex, bundle_file_sources
from .model import ImportReport, Page, Problem, ProblemKind
from .navigation import list_section_page, navigation_file, section_toctree
from .redirects import collect_redirects
from .site import HugoSite, read_site
from .static_pages import HTML_SUFFIXES, clean_static_page

GENERATED_DIR = "_generated"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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

    Order of work: the site is read; its pages are converted on forked workers
    while this process merges the events, writes what does not depend on the pages
    (events, navigation, tag pages, redirects, data files), copies ``static/`` and
    converts the pages that show events (the Conferences page); each worker writes
    the pages it converts, and this process records them. Problems are reported in a fixed order (site, events,
    pages in site order, redirects, collisions, static files).
    """
    site_root, dest = site_root.resolve(), dest.resolve()
    dest.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(dest)
    fingerprint = site_fingerprint(site_root)
    report = ImportReport(site=str(site_root))
    unchanged = manifest.fingerprint == fingerprint and manifest.site == str(site_root)
    if not force and unchanged and all((dest / rel).is_file() for rel in manifest.files):
        report.skipped = True
        report.unchanged = sorted(manifest.files)
        return report

    site = read_site(site_root)
    index = SiteIndex(site)
    report.problems.extend(site.problems)
    report.drafts = list(site.drafts)

    writer = OutputWriter(dest, manifest, report)
    pages = list(site.pages.values())
    writer.reserve(page.docname + ".md" for page in pages)
    with_events = [page for page in pages if _shows_events(page)]
    elsewhere = [page for page in pages if not _shows_events(page)]
    children = site.children()
    events_problems: list[Problem] = []
    redirect_problems: list[Problem] = []
    static_problems: list[Problem] = []
    page_problems: dict[str, list[Problem]] = {}

    def meanwhile() -> None:
        """What does not need the workers' pages: done while they convert."""
        _events, outputs = collect_events(site, index, events_problems)
        outputs.update(_render_navigation(site))
        outputs.update(tag_pages(site))
        outputs.update(collect_redirects(site, redirect_problems) | home_data_files(site))
        for rel, data in outputs.items():
            writer.write(rel, data)
        report.static_copied = copy_static(site, dest / STATIC_DIR, static_problems)
        for page in with_events:
            rel, data, page_problems[page.docname] = _render_page(page, site, index, children)
            writer.write(rel, data, reserved=True)

    converted = _convert_all(elsewhere, site, index, children, writer, progress, jobs or os.cpu_count() or 1, meanwhile)
    for page, (written, problems) in zip(elsewhere, converted, strict=True):
        writer.record(written)
        page_problems[page.docname] = problems
    report.problems.extend(events_problems)
    for page in pages:
        report.problems.extend(page_problems[page.docname])
    report.problems.extend(redirect_problems)
    files = writer.finish()
    report.problems.extend(static_problems)
    manifest.save(files, fingerprint, str(site_root))
    return report


def _shows_events(page: Page) -> bool:
    """Whether converting ``page`` needs the merged events (the Conferences page, whose
    runs of events become ``{event-cards}``), so it is converted after they are merged."""
    return page.docname == CONFERENCES_PAGE


def _convert_all(
    pages: list[Page], site: HugoSite, index: SiteIndex, children, writer: OutputWriter,
    progress, jobs: int, meanwhile: Callable[[], None],
) -> Iterator[tuple[Written, list[Problem]]]:
    """Convert and write ``pages`` on ``jobs`` processes: ``(what was written,
    problems)`` for each, yielded in their order; ``meanwhile()`` runs in this
    process as they work.

    Worker processes are forked, so they share the parsed site, the link index and
    the manifest with this process instead of receiving a copy of them.
    """
    global _SHARED
    _SHARED = (pages, site, index, children, writer.dest, writer.manifest)
    try:
        # Largest first, so that no worker is left converting a long page at the end.
        order = sorted(range(len(pages)), key=lambda i: len(pages[i].source), reverse=True)
        yield from _map_pages(_render_shared, order, jobs, progress, meanwhile)
    finally:
        _SHARED = None


#: ``(pages, site, index, children, dest, manifest)`` while :func:`_convert_all` runs;
#: forked workers inherit it.
_SHARED: tuple | None = None


def _map_pages(func: Callable[[int], Any], order: list[int], jobs: int, progress=None, meanwhile=None) -> Iterator:
    """``func(0), ..., func(len(order) - 1)`` in that order, computed in the order of
    ``order`` (a permutation of those numbers), on forked workers when there is enough
    work.

    ``meanwhile()`` (other work of the import, such as copying static files) runs in
    this process while the workers work; without workers, before ``func``.
    ``progress(results, total)`` wraps the results as they come.

    The objects the workers inherit (the parsed site) are frozen out of the garbage
    collector before the fork (:func:`gc.freeze`), so the workers' collections do not
    walk them again and again (a tenth of the conversion's time in a one-process test).
    """
    count = len(order)
    if jobs > 1 and count >= 100 and "fork" in multiprocessing.get_all_start_methods():
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.imap(func, order, 4)
                if meanwhile is not None:
                    meanwhile()
                yield from _in_order(order, progress(results, count) if progress else results)
        finally:
            gc.unfreeze()
        return
    if meanwhile is not None:
        meanwhile()
    results = map(func, order)
    yield from _in_order(order, progress(results, count) if progress else results)


def _in_order(order: list[int], results: Iterable) -> list:
    """``results`` (of ``order``'s numbers, in that order) sorted by number."""
    ordered: list = [None] * len(order)
    for i, result in zip(order, results, strict=True):
        ordered[i] = result
    return ordered


def _render_shared(i: int) -> tuple[Written, list[Problem]]:
    """Convert and write page ``i`` (in a worker): what was written, and the problems."""
    pages, site, index, children, dest, manifest = _SHARED
    rel, data, problems = _render_page(pages[i], site, index, children)
    return write_output(dest, manifest, rel, data, _WORKER_FOLDERS), problems


#: The folders a worker has made (each process its own).
_WORKER_FOLDERS: set[Path] = set()


def _render_page(page: Page, site: HugoSite, index: SiteIndex, children) -> tuple[str, bytes, list[Problem]]:
    """One page as ``(path in the handbook source, MyST bytes, problems found)``."""
    converted = convert_page(page, index)
    body = converted.body
    front = converted.front_matter
    list_sections = site.list_sections
    if page.section in list_sections and not page.is_index:
        front = {**front, "orphan": True}
    if page.is_index:
        listed = children.get(page.bundle_dir, [])
        if page.section in list_sections and page.bundle_dir == page.section:
            body += list_section_page(listed)
        else:
            body += section_toctree(listed)
    return page.docname + ".md", render_document(front, body).encode(), converted.problems


def _render_navigation(site: HugoSite) -> dict[str, bytes]:
    """The root navigation include, and index pages for list sections without one."""
    outputs: dict[str, bytes] = {}
    children = site.children()
    for section in sorted(key for key in children if key and "/" not in key):
        if f"{section}/index" in site.pages:
            continue
        title = next((e.name for e in site.main_menu if e.url.strip("/") == section), section.capitalize())
        listing = children[section]
        nav = list_section_page(listing) if section in site.list_sections else section_toctree(listing)
        outputs[f"{section}/index.md"] = render_document({"hugo_url": f"/{section}/"}, f"# {title}\n" + nav).encode()
    outputs[f"{GENERATED_DIR}/navigation.md"] = navigation_file(site, children.get("", [])).encode()
    facts = {"base_url": site.base_url, "title": str(site.config.get("title", "")).strip()}
    outputs[f"{GENERATED_DIR}/site.json"] = (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode()
    return outputs


@dataclass(frozen=True)
class Written:
    """What writing one output did: ``status`` is ``"written"``, ``"unchanged"`` (the
    file held those bytes already) or ``"collision"`` (a file the import did not
    write is there; left as it is); ``digest`` is the SHA-256 of the bytes."""

    rel: str
    digest: str
    status: str


def write_output(dest: Path, manifest: Manifest, rel: str, data: bytes, made: set[Path]) -> Written:
    """Write ``data`` at ``dest/rel`` unless it holds those bytes already, or unless a
    file is there that the last import (``manifest``) did not write. ``made``: the
    folders this process has made. Called by the workers for their pages."""
    path = dest / rel
    digest = _sha(data)
    old = manifest.files.get(rel)
    if old is None and path.exists():
        return Written(rel, digest, "collision")
    if old == digest and path.exists() and _sha(path.read_bytes()) == digest:
        return Written(rel, digest, "unchanged")
    _make_folder(path.parent, made)
    path.write_bytes(data)
    return Written(rel, digest, "written")


class OutputWriter:
    """The import's files in the handbook source ``dest``: each written (by
    :func:`write_output`, here or in a worker) is recorded in ``report``.

    ``write(rel, data)`` writes a file and ``record(written)`` records one a worker
    wrote; ``reserve(rels)`` names the pages' paths, which no other output may take (a
    page wins over a generated file; the workers write pages while this process
    writes the rest). A file there that the import did not write is left as it is and
    reported as a ``url-collision``. ``finish()`` removes the files of the last import
    that were not written this time (only when they still hold what the import
    wrote), sorts the report's lists, adds the collisions to its problems (by path)
    and returns the new manifest's files: ``{rel: sha256}``.
    """

    def __init__(self, dest: Path, manifest: Manifest, report: ImportReport) -> None:
        self.dest, self.manifest, self.report = dest, manifest, report
        self.files: dict[str, str] = {}
        self._reserved: set[str] = set()
        self._made: set[Path] = set()
        self._collisions: list[Problem] = []

    def reserve(self, rels: Iterable[str]) -> None:
        self._reserved.update(rels)

    def write(self, rel: str, data: bytes, *, reserved: bool = False) -> None:
        """Write one output; one at a reserved path only when it is that path's page."""
        if rel in self._reserved and not reserved:
            return
        self.record(write_output(self.dest, self.manifest, rel, data, self._made))

    def record(self, written: Written) -> None:
        rel = written.rel
        if written.status == "collision":
            self._collisions.append(Problem(
                rel, 0, ProblemKind.URL_COLLISION,
                f"{rel} exists in the handbook source and was not written by the import; left as it is",
            ))
            return
        self.files[rel] = written.digest
        (self.report.unchanged if written.status == "unchanged" else self.report.written).append(rel)

    def finish(self) -> dict[str, str]:
        report = self.report
        for rel in sorted(set(self.manifest.files) - set(self.files)):
            path = self.dest / rel
            if path.exists() and _sha(path.read_bytes()) == self.manifest.files[rel]:
                path.unlink()
                report.removed.append(rel)
                _remove_empty_parents(path.parent, self.dest)
        report.written.sort()
        report.unchanged.sort()
        report.problems.extend(sorted(self._collisions, key=lambda problem: problem.file))
        return self.files


def _make_folder(folder: Path, made: set[Path]) -> None:
    """Create ``folder`` and its parents, once per import (``made``: the folders done)."""
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def copy_static(site: HugoSite, target: Path, problems: list[Problem]) -> int:
    """Mirror ``static/`` and page bundle files into ``target``; returns files copied.

    HTML pages among them lose their scripts, event attributes and ``javascript:``
    URLs (:mod:`.static_pages`); each removal is appended to ``problems``.

    A file is copied only when its size or modification time differ; files in
    ``target`` that the site no longer has are removed. Where the site and the
    handbook source share a file system the copy is a hard link (no bytes copied;
    the site is never written through it: the import only links, unlinks and
    replaces whole files).
    """
    wanted: dict[str, Path] = {}
    static = site.root / "static"
    for dirpath, _dirnames, filenames in os.walk(static):
        for name in filenames:
            source = Path(dirpath, name)
            wanted[source.relative_to(static).as_posix()] = source
    wanted.update(bundle_file_sources(site))
    copied = 0
    made: set[Path] = set()
    for rel, source in wanted.items():
        out = target / rel
        src_stat = source.stat()
        if rel.lower().endswith(HTML_SUFFIXES):
            cleaned = clean_static_page(source.read_bytes(), source.relative_to(site.root).as_posix())
            if cleaned is not None:
                problems.extend(cleaned.problems)
                copied += _write_cleaned(cleaned.data, src_stat, out, made)
                continue
        try:
            out_stat = out.stat()
            if out_stat.st_size == src_stat.st_size and out_stat.st_mtime_ns == src_stat.st_mtime_ns:
                continue
            out.unlink()
        except FileNotFoundError:
            _make_folder(out.parent, made)
        _link_or_copy(source, out)
        copied += 1
    if target.is_dir():
        for dirpath, _dirnames, filenames in os.walk(target, topdown=False):
            for name in filenames:
                path = Path(dirpath, name)
                if path.relative_to(target).as_posix() not in wanted:
                    path.unlink()
            if Path(dirpath) != target and not any(Path(dirpath).iterdir()):
                Path(dirpath).rmdir()
    return copied


def _write_cleaned(data: bytes, src_stat: os.stat_result, out: Path, made: set[Path]) -> int:
    """Write a cleaned static page to ``out`` (never through a hard link to the site's
    file); it carries the source's modification time. Returns 1 if written, 0 if current."""
    try:
        out_stat = out.stat()
        if out_stat.st_ino != src_stat.st_ino and out_stat.st_mtime_ns == src_stat.st_mtime_ns \
                and out_stat.st_size == len(data):
            return 0
        out.unlink()
    except FileNotFoundError:
        _make_folder(out.parent, made)
    out.write_bytes(data)
    os.utime(out, ns=(src_stat.st_atime_ns, src_stat.st_mtime_ns))
    return 1


def _link_or_copy(source: Path, out: Path) -> None:
    try:
        os.link(source, out)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, out)


def clean(dest: Path) -> list[str]:
    """Remove everything the import wrote into ``dest`` (per its manifest), the
    static copy and the manifest; authored pages stay. Returns the removed paths."""
    manifest = Manifest(dest)
    removed = []
    for rel, digest in sorted(manifest.files.items()):
        path = dest / rel
        if path.is_file() and _sha(path.read_bytes()) == digest:
            path.unlink()
            removed.append(rel)
            _remove_empty_parents(path.parent, dest)
    shutil.rmtree(dest / STATIC_DIR, ignore_errors=True)
    manifest.path.unlink(missing_ok=True)
    return removed
