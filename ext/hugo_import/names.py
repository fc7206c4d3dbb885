"""A page's name in the handbook: its docname, which names its source file and its folder
in the build, must be one the build does not own and a file system can hold.

Hugo serves a page at its URL; the handbook serves it where its docname says
(:func:`ext.shared.slugs.docname_for_url`). Three kinds of URL cannot be kept as they are:

* a file name that is a path step, or gives no name at all (``content/...md``, whose
  name is ``..``; ``content/???.md``, whose name is empty): Hugo's URL would be
  another page's (the folder's, the home page's). The page gets a URL of its own,
  from its title (``reserved-name``);
* a URL whose first step is the build's own: the pages Sphinx and its extensions
  write (:data:`BUILD_PAGES`: ``genindex``, ``search``, ``404`` …) and every top
  folder starting with ``_`` (``_static``, ``_images``, ``_sources``, ``_generated``,
  ``_site_static``, ``_data`` …). The page is renamed (``genindex`` ->
  ``genindex-page``, ``_static/x`` -> ``static-page/x``) and reported
  (``reserved-name``); no redirect is made from the old URL, which is the build's;
* a URL with a name longer than a file system holds (:data:`ext.shared.slugs.PAGE_NAME_MAX`
  bytes): the name is shortened (:func:`ext.shared.slugs.shortened`) and reported
  (``long-name``); the old URL is redirected to the new one where its own names fit
  in a file name (:data:`ext.shared.slugs.NAME_MAX`).

:func:`place_page` applies these rules to one page, :func:`handbook_docname` to any
docname (the section pages the import writes too). A tag's URL step follows the same
rules (:func:`ext.shared.slugs.url_step`, shared with the blog extension), and
:func:`ext.shared.slugs.served_url` is the URL a docname is served at. :func:`owner` says whether (and how) the build owns a site path, which is never a
page's, a copied static file's or a redirect's (:mod:`.static_copy`,
:mod:`.redirect_list`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ..shared.slugs import NAME_MAX, docname_for_url, name_fits, served_url, shortened, urlize
from .model import Page, Problem, ProblemKind

#: The pages the build writes at the top of the site, as their first URL step.
BUILD_PAGES = frozenset({
    "genindex", "search", "py-modindex", "404", "searchindex.js", "objects.inv", "sitemap.xml", "robots.txt",
    "events.ics", ".buildinfo",
})
#: What a renamed top step gets at its end.
RENAMED_SUFFIX = "-page"


@dataclass(frozen=True)
class Renamed:
    """A page served under another URL than Hugo's: ``old`` (Hugo's URL) and whether a
    redirect from it can be made (``redirect``)."""

    old: str
    redirect: bool


def reserved_path(path: str) -> str | None:
    """The build's top step that site path ``path`` lies in (``/_static/x.css`` ->
    ``_static``, ``/search/`` -> ``search``), or ``None``."""
    first = path.strip("/").split("/", 1)[0]
    if first.startswith("_") or first.lower() in BUILD_PAGES:
        return first
    return None


def owner(path: str) -> str | None:
    """How the build owns site path ``path``, as words to follow it ("is in the build's
    own folder _static/", "is the build's own page /search/"), or ``None``."""
    top = reserved_path(path)
    if top is None:
        return None
    if top.startswith("_"):
        return f"is in the build's own folder {top}/"
    return f"is the build's own page /{top}/" if path.strip("/") == top else f"is under the build's own page /{top}/"


def place_page(page: Page, line: int) -> tuple[Problem | None, Renamed | None]:
    """Give ``page`` a URL (for a name that is a path step) and a docname the handbook
    can serve (see the module's docstring); ``line``: where its URL is set (the front
    matter key's line, else 1). Changes ``page.url`` and ``page.docname`` in place.
    Returns the problem to report and, for a page no longer served at Hugo's URL, the
    old URL (``None``, ``None`` for a page kept as it is)."""
    problem = _unnamed(page, line)
    if problem is not None:
        return problem, None
    docname = handbook_docname(page.docname)
    if docname == page.docname:
        return None, None
    old, page.docname = page.docname, docname
    new = served_url(docname)
    owned = owner(served_url(old))
    if owned is not None:
        return Problem(page.site_file, line, ProblemKind.RESERVED_NAME, (
            f"URL {page.url} {owned}; this page is served at {new} instead")), Renamed(page.url, False)
    long = next(step for step in old.split("/") if not name_fits(step))
    redirect = all(len(step.encode("utf-8")) <= NAME_MAX for step in page.url.split("/"))
    how = "redirected from its URL" if redirect else "no redirect: no file can be named so"
    return Problem(page.site_file, line, ProblemKind.LONG_NAME, (
        f"URL {page.url[:40]}… has a name of {len(long.encode('utf-8'))} bytes, longer than a file name can be; "
        f"this page is served at {new[:40]}… ({how})")), Renamed(page.url, redirect)


def handbook_docname(docname: str) -> str:
    """``docname`` as the handbook can serve it: a first step the build owns renamed
    (``genindex`` -> ``genindex-page``, ``_static/x`` -> ``static-page/x``), names too
    long for a file shortened; any other as it is. For pages (:func:`place_page`) and
    the section pages the import writes for folders without an ``_index.md``."""
    first, _, rest = docname.partition("/")
    if owner(served_url(docname)) is not None:
        docname = (first.lstrip("_") or "page") + RENAMED_SUFFIX + (f"/{rest}" if rest else "")
    return "/".join(step if name_fits(step) else shortened(step) for step in docname.split("/"))


def _unnamed(page: Page, line: int) -> Problem | None:
    """For a page whose own name (file name or ``slug``) is ``.``, ``..`` or gives no
    URL step at all: a URL from its title, and the problem. Pages whose ``url`` is
    set in front matter, and section and bundle indexes, are named otherwise."""
    if page.is_index or page.front.data.get("url"):
        return None
    name = str(page.front.data.get("slug") or PurePosixPath(page.source).stem)
    if urlize(name) not in {"", ".", ".."}:
        return None
    folder = "".join(urlize(part) + "/" for part in PurePosixPath(page.source).parent.parts)
    own = urlize(page.title)
    new = f"/{folder}{own if own not in {'', '.', '..'} else 'page'}/"
    page.url, page.docname = new, docname_for_url(new)
    return Problem(page.site_file, line, ProblemKind.RESERVED_NAME, (
        f"the name {name!r} is no name a URL can hold; this page is served at {new}"))
