"""The blog's own pages: one page per tag and the tags index.

Hugo serves every term of the ``tags`` taxonomy at ``/tags/<urlized-tag>/`` and
the terms at ``/tags/``. The import writes them as real pages, so they are at
the same URLs, searchable, and built like any page: ``tags/<slug>/index.md``
is titled "Posts tagged “<tag>”" (Hugo's term pages show just the tag; alone it
says little in search results and browser tabs) and holds a ``{post-list}``
directive with ``:tag:`` and ``tags/index.md`` a
``{tag-list}`` directive (both rendered by ``ext.blog`` from the posts
themselves). The pages are orphans: they are reached from the posts' headers
and the blog index, never from the navigation.
"""

from __future__ import annotations

from collections import Counter

from .myst import heading_text, option_value, render_document
from .model import Page
from ..shared.slugs import tag_page_title, tag_slug
from .site import HugoSite

TAGS_SECTION = "tags"


def post_tags(page: Page) -> list[str]:
    """The tag names of a page's front matter (a list, a single name, or none)."""
    value = page.front.data.get("tags")
    if value is None:
        return []
    names = value if isinstance(value, list) else [value]
    return [" ".join(str(name).split()) for name in names if name is not None and str(name).strip()]


def blog_posts(site: HugoSite) -> list[Page]:
    """The published posts of the site's list sections (``params.mainSections``)."""
    return [page for page in site.pages.values() if page.section in site.list_sections and not page.is_index]


def tag_names(posts: list[Page]) -> dict[str, str]:
    """``{slug: name}`` of every tag; for a slug written several ways (``RDM``,
    ``rdm``) the spelling most posts use, then the first in sorted order."""
    spellings: dict[str, Counter] = {}
    for page in posts:
        for name in post_tags(page):
            slug = tag_slug(name)
            if slug:
                spellings.setdefault(slug, Counter())[name] += 1
    return {slug: min(counts, key=lambda n: (-counts[n], n)) for slug, counts in sorted(spellings.items())}


def tag_pages(site: HugoSite) -> dict[str, bytes]:
    """``{path in the handbook source: MyST bytes}`` of the tag pages and the tags
    index; empty when no post has a tag. A path a site page already takes (a
    ``content/tags/`` page) is left to that page."""
    names = tag_names(blog_posts(site))
    if not names:
        return {}
    outputs: dict[str, bytes] = {}
    for slug, name in names.items():
        front = {"orphan": True, "hugo_url": f"/{TAGS_SECTION}/{slug}/", "blog_tag": name}
        body = f"# {heading_text(tag_page_title(name))}\n\n```{{post-list}}\n:tag: {option_value(name)}\n:summary:\n```\n"
        outputs[f"{TAGS_SECTION}/{slug}/index.md"] = render_document(front, body).encode()
    body = "# Tags\n\n```{tag-list}\n```\n"
    outputs[f"{TAGS_SECTION}/index.md"] = render_document({"orphan": True, "hugo_url": f"/{TAGS_SECTION}/"}, body).encode()
    taken = {f"{docname}.md" for docname in site.pages}
    return {path: data for path, data in outputs.items() if path not in taken}
