"""Front matter keys: which keys of a page's front matter something in the handbook reads.

:data:`KNOWN_KEYS` are read by Sphinx, MyST-Parser, the theme (:data:`SPHINX_KEYS`),
the handbook's extensions (:data:`HANDBOOK_KEYS`) or kept from Hugo
(:data:`HUGO_KEYS`): the converter keeps them as they are and the build
(``ext.front_matter``) warns about any other key at the top of a page. Other keys are
kept under :data:`PARAMS_KEY`, and both sides group them by :func:`handbook_section`.
"""

from __future__ import annotations

#: Read by Sphinx (``orphan``, ``nocomments``, ``nosearch``, ``tocdepth``), MyST-Parser
#: (``myst``, ``html_meta``, ``substitutions``; ``title`` only with
#: ``myst_title_to_header``), furo (``hide-toc``) and sphinxext-opengraph (``ogp_*``;
#: ``og:*`` keys are accepted by their prefix).
SPHINX_KEYS = frozenset({
    "orphan", "nocomments", "nosearch", "tocdepth",
    "myst", "html_meta", "substitutions",
    "hide-toc",
    "ogp_disable", "ogp_description_length",
})


#: Read by the handbook's extensions: ``description`` (ext.site_pages: meta description),
#: ``date`` and ``lastmod`` (ext.last_updated, ext.blog), ``author``, ``authors``,
#: ``tags``, ``summary`` (ext.blog), and written by the migration: ``hugo_url``,
#: ``hugo_source`` (the page's Hugo URL and file), ``blog_tag`` (a tag page's tag).
HANDBOOK_KEYS = frozenset({
    "description", "date", "lastmod", "author", "authors", "tags", "summary",
    "hugo_url", "hugo_source", "blog_tag",
})


#: Kept by the migration from the Hugo pages: Hugo's own front matter fields
#: (gohugo.io, "Front matter") and the IASSIST site's custom keys (``oldpath``, ``nid``,
#: ``uid``, ``banner``, ``type``, ``year``, ``location``, ``datalink``, ``id``).
HUGO_KEYS = frozenset({
    "aliases", "audio", "build", "cascade", "categories", "expiryDate", "headless", "images",
    "isCJKLanguage", "keywords", "layout", "linkTitle", "markup", "menu", "menus", "outputs",
    "params", "publishDate", "resources", "series", "sitemap", "slug", "translationKey", "type",
    "url", "videos", "weight",
    "oldpath", "nid", "uid", "banner", "year", "location", "datalink", "id",
})


KNOWN_KEYS = SPHINX_KEYS | HANDBOOK_KEYS | HUGO_KEYS


def is_read_key(key: str) -> bool:
    """Whether something in the handbook reads the front matter key ``key``
    (:data:`KNOWN_KEYS`, and sphinxext-opengraph's ``og:*`` keys)."""
    return key in KNOWN_KEYS or key.startswith("og:")


#: Where the keys nothing reads are kept (Hugo's ``.Params`` of a page).
PARAMS_KEY = "params"


#: Keys of a Hugo page's front matter that the import drops (and reports,
#: ``sphinx-key``): what would configure Sphinx, MyST-Parser or the theme for the page
#: (:data:`SPHINX_KEYS`, MyST-NB's ``file_format``, ``jupytext`` and ``kernelspec``,
#: sphinxext-opengraph's ``og:*`` by :func:`is_build_key`), and what the import
#: writes itself (``hugo_url``, ``hugo_source``, ``blog_tag``; ``orphan`` for the
#: pages of a list section). A Hugo page means nothing by them; written into the
#: handbook, ``myst: {html_meta: ...}`` would add a refresh, ``orphan`` hide a page
#: from the navigation checks.
BUILD_KEYS = SPHINX_KEYS | frozenset({"file_format", "jupytext", "kernelspec", "hugo_url", "hugo_source", "blog_tag"})


def is_build_key(key: str) -> bool:
    """Whether the site's front matter key ``key`` is one the import drops
    (:data:`BUILD_KEYS`, and ``og:*``)."""
    return key in BUILD_KEYS or key.startswith(("og:", "ogp_"))


#: Keys the converter turns into something else than metadata: ``title`` (the page's
#: first heading) and ``draft`` (a draft is not imported).
CONSUMED_KEYS = frozenset({"title", "draft"})


def handbook_section(docname: str) -> str:
    """The section of the handbook page ``docname``: the first folder of its path
    (``jobs`` for ``jobs/2024/data-librarian``), ``""`` for a page at the top. The import
    report's unknown keys and ``front_matter_fields`` go by it."""
    return docname.split("/", 1)[0] if "/" in docname else ""
