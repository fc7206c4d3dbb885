"""Reading a Hugo site: configuration, content pages (:mod:`.page_file`, each at its URL
by Hugo's rules, :mod:`.site_urls`) and their order, drafts and the pages Hugo would
not publish left out (:mod:`.publishing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .config import menu_weight, read_config, site_address
from .confine import site_files
from .model import Page, Problem, ProblemKind
from .names import Renamed, place_page
from .page_file import read_page
from .publishing import LeftOut, PublishingRules, left_out

@dataclass
class MenuEntry:
    """One ``[[menu.main]]`` entry of ``config.toml``; ``url`` is site-absolute."""

    name: str
    url: str
    weight: int


@dataclass
class HugoSite:
    """A Hugo site read from ``root``: configuration, pages and problems found.

    ``pages`` holds every published page (drafts are left out and listed in
    ``problems``) keyed by docname; ``by_url`` maps each Hugo URL to its page.
    """

    root: Path
    config: dict[str, Any]
    pages: dict[str, Page] = field(default_factory=dict)
    by_url: dict[str, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    #: The pages Hugo would not publish (drafts, future, expired, headless), by the URL
    #: they would have: ``{url: (site file, why)}``; links to them are reported.
    unpublished: dict[str, tuple[str, LeftOut]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: The files of ``content/`` that are not pages (bundle resources), each inside the
    #: site: ``{path under content/ (POSIX): file}`` (:func:`.confine.site_files`).
    resources: dict[str, Path] = field(default_factory=dict)
    #: The pages not served at their Hugo URL, by docname (:func:`.names.place_page`).
    renamed: dict[str, Renamed] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """The live site's address (``baseurl``): an http(s) URL or ``/`` (none, or one
        that is not a web site's address, :func:`.config.site_address`)."""
        return site_address(self.config.get("baseurl") or self.config.get("baseURL")) or "/"

    @property
    def main_menu(self) -> list[MenuEntry]:
        """The ``[[menu.main]]`` entries in ``weight`` order; an entry whose weight is no
        whole number (reported by :func:`.config.check_config`) comes last."""
        menu = self.config.get("menu", {})
        main = menu.get("main", []) if isinstance(menu, dict) else []
        entries = [entry for entry in main if isinstance(entry, dict)] if isinstance(main, list) else []

        def weight(entry: dict[str, Any]) -> int | None:
            return menu_weight(entry.get("weight", 0))

        entries.sort(key=lambda entry: (weight(entry) is None, weight(entry) or 0))
        return [MenuEntry(str(e.get("name", "")), str(e.get("url", "/")), weight(e) or 0) for e in entries]

    @property
    def list_sections(self) -> set[str]:
        """Sections whose pages are listed on the section page, not in the navigation."""
        return set(self.config.get("params", {}).get("mainSections", ["blog"]))

    def children(self) -> dict[str, list[Page]]:
        """Pages and sub-sections listed by each section, keyed by the section's
        content folder (``""`` for the site root), in Hugo's default order.

        As in Hugo, every top-level folder is a section, with or without an
        ``_index.md``; deeper folders are sections only with one."""
        sections = {page.bundle_dir: page for page in self.pages.values() if page.is_index}
        listed: dict[str, list[Page]] = {}
        for page in self.pages.values():
            if page.docname == "index":
                continue
            folder = PurePosixPath(page.source).parent
            if page.is_index:
                folder = folder.parent
            while len(folder.parts) > 1 and str(folder) not in sections:
                folder = folder.parent
            listed.setdefault("" if str(folder) == "." else str(folder), []).append(page)
        return {key: sorted(pages, key=hugo_sort_key) for key, pages in listed.items()}


def hugo_sort_key(page: Page) -> tuple:
    """Hugo's default page order: weight (unset last), date newest first, title, file."""
    date = page.date.timestamp() if page.date else float("-inf")
    return (page.weight == 0, page.weight, -date, (page.hugo_title or page.title).lower(), page.source)


def load_config(root: Path, problems: list[Problem] | None = None) -> dict[str, Any]:
    """``config.toml`` (or ``hugo.toml``) of the site as a dict; ``{}`` if none or when it
    does not parse. The values the import cannot use are left out, each reported in
    ``problems`` at its line (:func:`.config.read_config`)."""
    config, found = read_config(root)
    if problems is not None:
        problems.extend(found)
    return config


def read_site(root: Path, rules: PublishingRules | None = None) -> HugoSite:
    """Read the Hugo site at ``root``: ``config.toml`` and every ``content/**/*.md``.

    Returns a :class:`HugoSite`. Broken front matter, missing titles, impossible
    dates, drafts and URL collisions are recorded in ``site.problems`` with file
    and line; the page is left out only when it cannot be placed (draft,
    collision, unparseable front matter) or when Hugo would not publish it
    (:mod:`.publishing`; ``rules`` defaults to the site's configuration and today).
    """
    config_problems: list[Problem] = []
    site = HugoSite(root=root, config=load_config(root, config_problems), problems=config_problems)
    rules = rules or PublishingRules.from_config(site.config)
    permalinks = {k.lower(): v for k, v in site.config.get("Permalinks", site.config.get("permalinks", {})).items()}
    content = root / "content"
    by_url: dict[str, list[Page]] = {}
    read: list[Page] = []
    files, refused = site_files(root, content)
    site.problems.extend(refused)
    site.resources = {rel: path for rel, path in files if not rel.endswith(".md")}
    for source, path in sorted(((rel, path) for rel, path in files if rel.endswith(".md")), key=lambda item: item[1]):
        page = read_page(path, source, permalinks, site.problems, site.texts)
        if page is None:
            continue
        why, date_problems = left_out(page.front, page.site_file, rules)
        site.problems.extend(date_problems)
        if why is not None:
            if why.kind is ProblemKind.DRAFT:
                site.drafts.append(page.site_file)
            site.unpublished.setdefault(page.url, (page.site_file, why))
            site.problems.append(why.problem(page.site_file))
            continue
        placed, renamed = place_page(page, _claim_line(page))
        if placed is not None:
            site.problems.append(placed)
        if renamed is not None:
            site.renamed[page.docname] = renamed
        by_url.setdefault(page.url, []).append(page)
        read.append(page)
    for url, pages in by_url.items():
        # The page whose own file gives the URL keeps it (the first in file order);
        # pages that claim it in their front matter (url, slug) are left out.
        winner = next((page for page in pages if not _claims_url(page)), pages[0])
        for page in pages:
            if page is not winner:
                site.problems.append(Problem(
                    page.site_file, _claim_line(page), ProblemKind.URL_COLLISION,
                    f"URL {url} is already taken by {winner.site_file}; this page is not imported",
                ))
        site.by_url[url] = winner
    for page in read:
        if site.by_url.get(page.url) is not page:
            continue
        other = site.pages.get(page.docname)
        if other is not None:  # /about/ and /about/index/ are both the document about/index
            site.problems.append(Problem(
                page.site_file, _claim_line(page), ProblemKind.URL_COLLISION,
                f"URL {page.url} is served from the same document as {other.url} ({other.site_file}); this page is not imported",
            ))
            del site.by_url[page.url]
            continue
        site.pages[page.docname] = page
    return site


def _claims_url(page: Page) -> bool:
    """Whether the page sets its URL in front matter (``url`` or ``slug``)."""
    return bool(page.front.data.get("url") or page.front.data.get("slug"))


def _claim_line(page: Page) -> int:
    """The line of the front matter key that sets the page's URL, else 1."""
    for key in ("url", "slug"):
        if page.front.data.get(key):
            return page.front.key_lines.get(key, 1)
    return 1


def url_origin(page: Page) -> tuple[str, int]:
    """Where in the site the page's URL comes from: ``(its file, the line of the front
    matter key that sets the URL, else 1)``, to report a clash of that URL."""
    return page.site_file, _claim_line(page)


