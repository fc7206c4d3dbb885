"""Navigation: toctrees that follow the site's menu and each section's page order.

Sections get a hidden toctree of their pages (the sidebar shows them); sections
named in ``params.mainSections`` (the blog) list their pages on the section page
instead, newest first by year (``{post-list}`` directives of ``ext.blog``), so the
navigation stays small however many posts there are.
"""

from __future__ import annotations

from .tag_pages import post_tags
from .model import Page
from .names import handbook_docname
from .myst import one_line
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
    """The body of a list section's page (the blog): one section per year, newest
    first, each holding a ``{post-list}`` of that year (rendered by ``ext.blog``
    from the posts themselves: date, title, author(s), description), then the
    undated posts; a link to the tags index when any post has tags."""
    years = sorted({page.date.year for page in pages if page.date}, reverse=True)
    lines: list[str] = []
    if any(post_tags(page) for page in pages):
        lines.append("\nPosts by topic: {doc}`all tags </tags/index>`.\n")
    for year in years:
        lines.append(f"\n## {year}\n\n```{{post-list}}\n:year: {year}\n```\n")
    if any(page.date is None for page in pages):
        lines.append("\n## Undated\n\n```{post-list}\n:undated:\n```\n")
    return "\n" + "".join(lines)


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
            docname = handbook_docname(f"{item.url.strip('/')}/index")
        else:
            continue
        if docname in seen:
            continue
        seen.add(docname)
        entries.append(f"{one_line(item.name)} </{docname}>")
    for page in top_level:
        if page.docname not in seen:
            seen.add(page.docname)
            entries.append(f"/{page.docname}")
    for section in sorted({p.section for p in site.pages.values() if p.section}):
        docname = handbook_docname(f"{section}/index")
        if docname not in seen:
            seen.add(docname)
            entries.append(f"/{docname}")
    return _toctree(entries).lstrip("\n")
