"""Converting a Hugo site: its pages to MyST on forked workers, and what the import
generates besides (events, navigation, tag pages, redirects, data files).

This is the heavy half of the import (markdown-it-py, mdformat, BeautifulSoup):
:func:`.importer.import_site` loads it only once it knows the site changed, and once
the copy of ``static/`` is under way.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .tag_pages import tag_pages
from .page_conversion import convert_page, unconverted_page
from .myst import heading_text, render_document
from .event_record import CONFERENCES_PAGE, EventRecord
from .events_file import collect_events
from .frontmatter import collect_unknown_keys, unknown_key_problem
from .site_data import data_date_problems, home_data_files
from .links import SiteIndex, bundle_file_sources
from .model import Page, Problem, once_each
from .names import handbook_docname
from .navigation_pages import list_section_page, navigation_file, section_toctree
from .redirect_list import collect_redirects
from .site import HugoSite, read_site, url_origin
from ..shared.paths import NAVIGATION_PAGE, SITE_FACTS, STATIC_DIR
from .static_copy import StaticCopy, copy_files, remove_stale
from .theme_params import contact_sidebar, unplaced_params, with_sidebar
from .writer import OutputWriter, Written, write_output


def convert_site(
    site_root: Path, writer: OutputWriter, static: StaticCopy, *, progress=None, jobs: int = 1,
) -> dict[str, str]:
    """Read the Hugo site at ``site_root``, convert its pages and write them, and the
    outputs generated from it, through ``writer`` (into ``writer.dest``); finish the
    static files (``static``: the copy of ``static/`` under way; the page bundle
    files are copied here). Problems go to ``writer.report`` in a fixed order (site,
    the theme's values of config.toml that no page shows, events, pages in site order,
    redirects, the data files (and the problems of reading them) and the footer's values,
    collisions, static files). Returns the
    files written, as ``{path in the handbook source: SHA-256}`` for the manifest.
    The front matter keys nothing reads go to ``writer.report.unknown_keys``, once per
    key and section, each also an ``unknown-key`` problem after the site's.

    Order of work: the site is read; its pages are converted on ``jobs`` forked
    workers, largest first, while this process merges the events, writes what does
    not depend on the pages (events, navigation, tag pages, redirects, data files),
    finishes the static files and converts the pages that show events (the
    Conferences page); each worker writes the pages it converts, and this process
    records them. ``progress(results, total)`` may wrap the stream of converted pages.
    """
    report = writer.report
    site = read_site(site_root)
    index = SiteIndex(site)
    report.problems.extend(site.problems)
    report.problems.extend(unplaced_params(site))
    report.problems.extend(data_date_problems(site))
    report.drafts = list(site.drafts)
    report.unknown_keys = collect_unknown_keys(site.pages.values())
    report.problems.extend(unknown_key_problem(unknown) for unknown in report.unknown_keys)

    pages = list(site.pages.values())
    writer.reserve({page.docname + ".md": url_origin(page) for page in pages})
    with_events = [page for page in pages if _shows_events(page)]
    elsewhere = [page for page in pages if not _shows_events(page)]
    children = site.children()
    events_problems: list[Problem] = []
    redirect_problems: list[Problem] = []
    data_problems: list[Problem] = []
    static_problems: list[Problem] = []
    page_problems: dict[str, list[Problem]] = {}

    def meanwhile() -> None:
        """What does not need the workers' pages: done while they convert."""
        events, outputs = collect_events(site, index, events_problems)
        site_events = {event.id: event for event in events}
        outputs.update(_render_navigation(site, children))
        outputs.update(tag_pages(site))
        outputs.update(collect_redirects(site, redirect_problems) | home_data_files(site, data_problems))
        for rel, data in outputs.items():
            writer.write(rel, data)
        report.static_copied = _finish_static(static, site, writer.dest / STATIC_DIR, static_problems)
        for page in with_events:
            rel, data, page_problems[page.docname] = _render_page(page, site, index, children, site_events)
            writer.write(rel, data, reserved=True)

    converted = _convert_all(elsewhere, site, index, children, writer, progress, jobs, meanwhile)
    for page, (written, problems) in zip(elsewhere, converted, strict=True):
        writer.record(written)
        page_problems[page.docname] = problems
    report.problems.extend(events_problems)
    for page in pages:
        report.problems.extend(once_each(page_problems[page.docname]))
    report.problems.extend(redirect_problems)
    report.problems.extend(data_problems)
    files = writer.finish()
    report.problems.extend(static_problems)
    return files


def _finish_static(static: StaticCopy, site: HugoSite, target: Path, problems: list[Problem]) -> int:
    """Wait for the copy of ``static/``, copy the page bundle files into ``target`` (a
    bundle file wins over a static file at the same path), remove the files neither
    has, and add the problems of both to ``problems``. Returns the files written."""
    written, static_problems = static.result()
    bundle = bundle_file_sources(site)
    replaced = bundle.keys() & static.files.keys()
    for rel in replaced:
        (target / rel).unlink(missing_ok=True)
    replaced_files = {f"static/{rel}" for rel in replaced}
    bundle_written, bundle_problems = copy_files(bundle, site.root, target)
    remove_stale(target, static.files.keys() | bundle.keys())
    problems.extend(static.problems)
    problems.extend(problem for problem in static_problems if problem.file not in replaced_files)
    problems.extend(bundle_problems)
    return len((written - replaced) | bundle_written)


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
        order = sorted(range(len(pages)), key=lambda i: len(pages[i].front.body), reverse=True)
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


def _render_page(page: Page, site: HugoSite, index: SiteIndex, children,
                 site_events: dict[str, EventRecord] | None = None) -> tuple[str, bytes, list[Problem]]:
    """One page as ``(path in the handbook source, MyST bytes, problems found)``
    (``site_events``: the merged events, for the Conferences page); the
    contact page with the theme's address beside it (:func:`.theme_params.contact_sidebar`).
    Should the converter fail on the page, it is written as :func:`.page_conversion.unconverted_page`
    (its text in a literal block, a ``conversion-error``): one page never stops the import."""
    try:
        converted = convert_page(page, index, site_events)
        sidebar, sidebar_problems = contact_sidebar(page, index)
    except Exception as error:  # noqa: BLE001 - reported, and the text kept (a RecursionError too)
        converted, sidebar, sidebar_problems = unconverted_page(page, error), "", []
    body = with_sidebar(converted.body, sidebar)
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
    return page.docname + ".md", render_document(front, body).encode(), converted.problems + sidebar_problems


def _render_navigation(site: HugoSite, children: dict[str, list]) -> dict[str, bytes]:
    """The root navigation include, and index pages for list sections without one
    (``children``: :meth:`.HugoSite.children`)."""
    outputs: dict[str, bytes] = {}
    for section in sorted(key for key in children if key and "/" not in key):
        docname = handbook_docname(f"{section}/index")  # not at a URL the build owns
        if docname in site.pages:
            continue
        title = next((e.name for e in site.main_menu if e.url.strip("/") == section), section.capitalize())
        listing = children[section]
        nav = list_section_page(listing) if section in site.list_sections else section_toctree(listing)
        outputs[f"{docname}.md"] = render_document({"hugo_url": f"/{section}/"}, f"# {heading_text(title)}\n" + nav).encode()
    outputs[NAVIGATION_PAGE] = navigation_file(site, children.get("", [])).encode()
    facts = {"base_url": site.base_url, "title": str(site.config.get("title", "")).strip()}
    outputs[SITE_FACTS] = (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode()
    return outputs
