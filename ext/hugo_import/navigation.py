"""Navigation: toctrees that follow the site's menu and each section's page order.

Sections get a hidden toctree of their pages (the sidebar shows them); sections
named in ``params.mainSections`` (the blog) list their pages on the section page
instead, newest first by year, so the navigation stays small however many posts
there are.
"""

from __future__ import annotations

from .model import Page
from .site import HugoSite


def _toctree(entries: list[str], *, hidden: bool = True) -> str:
    options = ":hidden:\n:titlesonly:\n" if hidden else ":titlesonly:\n"
    return "\n```{toctree}\n" + options + "\n" + "\n".join(entries) + "\n```\n"


def section_toctree(pages: list[Page]) -> str:
    """A hidden toctree of ``pages`` (absolute docnames), or ``""`` when empty."""
    if not pages:
        return ""
    return _toctree([f"/{page.docname}" for page in pages])


def list_section_page(pages: list[Page]) -> str:
    """The list of a list section's pages, grouped by year, newest first."""
    dated = sorted(pages, key=lambda p: (p.date.timestamp() if p.date else 0, p.title), reverse=True)
    lines: list[str] = []
    year = None
    for page in dated:
        page_year = page.date.year if page.date else None
        if page_year != year:
            year = page_year
            lines.append(f"\n## {year if year else 'Undated'}\n")
        title = page.title.replace("[", "\\[").replace("]", "\\]")
        when = f" ({page.date:%B} {page.date.day}, {page.date.year})" if page.date else ""
        lines.append(f"- {{doc}}`{_escape_role(title)} </{page.docname}>`{when}")
    return "\n" + "\n".join(lines) + "\n"


def _escape_role(title: str) -> str:
    return title.replace("`", "'").replace("<", "\\<")


def navigation_file(site: HugoSite, top_level: list[Page]) -> str:
    """The root toctree: ``menu.main`` entries in their order, then every other
    top-level section or page of the site, in Hugo's order."""
    entries: list[str] = []
    seen: set[str] = {"index"}
    for item in site.main_menu:
        page = site.by_url.get("/" + item.url.strip("/") + "/" if item.url.strip("/") else "/")
        if page is not None:
            docname = page.docname
        elif not item.url.strip("/"):
            continue
        elif item.url.strip("/") in site.list_sections:
            docname = f"{item.url.strip('/')}/index"
        else:
            continue
        if docname in seen:
            continue
        seen.add(docname)
        entries.append(f"{item.name} </{docname}>")
    for page in top_level:
        if page.docname not in seen:
            seen.add(page.docname)
            entries.append(f"/{page.docname}")
    for section in sorted({p.section for p in site.pages.values() if p.section}):
        if f"{section}/index" not in seen:
            seen.add(f"{section}/index")
            entries.append(f"/{section}/index")
    return _toctree(entries).lstrip("\n")
