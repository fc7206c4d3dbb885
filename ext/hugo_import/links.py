"""Link, image and file resolution: a Hugo href to where it points in the handbook.

A link is one of: a page of the site (written as a relative ``.md`` path so MyST
checks it), a file served from ``static/`` or a page bundle (written with the
``site:`` scheme, which the ``ext.site_files`` Sphinx extension turns into a
relative URL in HTML and a printed URL in the PDF), an external URL, or a page
the site does not have (pointed at the live site and reported).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .anchors import SiteAnchors
from .confine import refused_input
from .shortcode_calls import REF_SCHEME
from ..shared.slugs import urlize
from .site import HugoSite
from .site_urls import without_dot_segments
from ..shared.paths import SITE_SCHEME
from ..shared.urls import SAFE_SCHEMES, climbs_above_root, is_safe_url

__all__ = ["SAFE_SCHEMES", "SiteIndex", "Target", "bundle_file_sources", "relative_doc_path"]



@dataclass(frozen=True)
class Target:
    """Where an href points.

    ``kind`` is ``doc`` (``docname``, optional ``fragment``), ``file`` (a site
    path such as ``/file/a.pdf``), ``external`` (``url``), ``dead`` (``url`` on
    the live site), ``anchor`` (``fragment`` on the same page) or ``unsafe``.
    ``unpublished``: for a dead link to a page Hugo does not publish (a draft, a
    future page), what it is and its file (``"a draft, content/x.md"``).
    """

    kind: str
    url: str = ""
    docname: str = ""
    fragment: str = ""
    unpublished: str = ""


class SiteIndex:
    """Lookups over one Hugo site: pages by URL and by file, static files, anchors."""

    def __init__(self, site: HugoSite) -> None:
        self.site = site
        self.static = site.root / "static"
        self.by_source = {page.source: page for page in site.pages.values()}
        self.by_basename: dict[str, list[str]] = {}
        for page in site.pages.values():
            self.by_basename.setdefault(posixpath.basename(page.source), []).append(page.source)
        self.bundle_files = set(bundle_file_sources(site))
        self.anchors = SiteAnchors(site)
        self.generated = generated_pages(site)
        host = urlsplit(site.base_url).hostname or ""
        self.site_hosts = {host, host.removeprefix("www."), "www." + host.removeprefix("www.")} - {""}

    # -- files -------------------------------------------------------------------
    def file_exists(self, site_path: str) -> bool:
        """Whether ``/img/a.png`` is served by the site (static/ or a bundle): a file
        inside the site, links followed (:func:`.confine.refused_input`)."""
        rel = without_dot_segments(site_path).lstrip("/")
        if rel in self.bundle_files:
            return True
        return bool(rel) and refused_input(self.site.root, self.static / rel) is None

    def live_url(self, path: str) -> str:
        return self.site.base_url.rstrip("/") + "/" + path.lstrip("/")

    # -- pages -------------------------------------------------------------------
    def page_for_path(self, path: str) -> str | None:
        """Docname of the page served at site path ``path`` (any case, with or without slash)."""
        path = unquote(path)
        for suffix in ("index.html", "index.htm", "index.xml"):
            if path.endswith("/" + suffix):
                path = path[: -len(suffix)]
        candidates = [path, path.lower(), "/".join(urlize(p) for p in path.split("/"))]
        for candidate in candidates:
            url = "/" + candidate.strip("/") + "/" if candidate.strip("/") else "/"
            page = self.site.by_url.get(url)
            if page is not None:
                return page.docname
            if url in self.generated:
                return self.generated[url]
        return None

    def page_for_ref(self, ref: str, current_source: str) -> str | None:
        """Docname for a Hugo ``ref``/``relref`` or ``.md`` link target."""
        ref = ref.strip()
        here = posixpath.dirname(current_source)
        candidates = []
        if ref.startswith("/"):
            candidates.append(ref.lstrip("/"))
        else:
            candidates.append(posixpath.normpath(posixpath.join(here, ref)))
            candidates.append(ref)
        for candidate in candidates:
            for form in (candidate, candidate + ".md", candidate.rstrip("/") + "/_index.md", candidate.rstrip("/") + "/index.md"):
                if form in self.by_source:
                    return self.by_source[form].docname
        matches = self.by_basename.get(posixpath.basename(ref if ref.endswith(".md") else ref + ".md"), [])
        if len(matches) == 1:
            return self.by_source[matches[0]].docname
        return self.page_for_path(ref if ref.startswith("/") else "/" + ref)

    # -- hrefs -------------------------------------------------------------------
    def resolve(self, href: str, page_url: str, current_source: str) -> Target:
        """Resolve ``href`` as written on the page served at ``page_url``."""
        href = href.strip()
        if href.startswith(REF_SCHEME):
            ref, _, fragment = href[len(REF_SCHEME):].partition("#")
            docname = self.page_for_ref(ref, current_source) if ref else None
            if docname is None:
                return Target("dead", url=self.live_url(without_dot_segments(ref)), fragment=fragment,
                              unpublished=self.unpublished_page(ref, current_source))
            return Target("doc", docname=docname, fragment=fragment)
        if href.startswith(SITE_SCHEME):  # the handbook's own links (MyST written by the import), kept
            if climbs_above_root(urlsplit(href[len(SITE_SCHEME):]).path):  # a file outside the site
                return Target("unsafe", url=href)
            return Target("external", url=href)
        if not is_safe_url(href):  # javascript:, data:, an unknown scheme (ext.shared.urls)
            return Target("unsafe", url=href)
        parts = urlsplit(href)
        # a fragment as browsers match it to an id (Markdown links come percent-encoded)
        parts = parts._replace(fragment=unquote(parts.fragment))
        scheme = parts.scheme.lower()
        if scheme:
            if scheme in {"http", "https"} and (parts.hostname or "") in self.site_hosts:
                return self._site_path(parts.path or "/", parts.fragment, href, parts.query)
            return Target("external", url=href)
        if not parts.path and not parts.netloc:
            if parts.fragment in ("", "top"):  # the top of the page, as browsers read it
                docname = self.page_for_ref(current_source, current_source)
                return Target("doc", docname=docname or "")
            return Target("anchor", fragment=parts.fragment)
        if parts.netloc:  # protocol-relative //host/path
            return Target("external", url="https:" + href)
        if parts.path.endswith(".md"):
            docname = self.page_for_ref(parts.path, current_source)
            if docname is not None:
                return Target("doc", docname=docname, fragment=parts.fragment)
        path = parts.path if parts.path.startswith("/") else posixpath.join(page_url, parts.path)
        path = posixpath.normpath(path) + ("/" if parts.path.endswith("/") else "")
        return self._site_path(path, parts.fragment, href, parts.query)

    def _site_path(self, path: str, fragment: str, href: str, query: str) -> Target:
        docname = self.page_for_path(path)
        if docname is not None:
            return Target("doc", docname=docname, fragment=fragment)
        if self.file_exists(unquote(path)):
            served = without_dot_segments(unquote(path))  # as a browser asks for it
            return Target("file", url=served + (f"#{fragment}" if fragment else ""))
        live = self.live_url(path) + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        return Target("dead", url=live, unpublished=self.unpublished_page(path))

    def unpublished_page(self, ref: str, current_source: str = "") -> str:
        """What the page at site path (or content file) ``ref`` is when Hugo does not
        publish it, and its file (``"a draft, content/x.md"``); ``""`` otherwise."""
        path = unquote(ref).split("#")[0]
        files = {file: why for file, why in self.site.unpublished.values()}
        here = posixpath.dirname(current_source)
        for form in (path.lstrip("/"), posixpath.normpath(posixpath.join(here, path))):
            for file in (form, form + ".md", form.rstrip("/") + "/_index.md", form.rstrip("/") + "/index.md"):
                if "content/" + file in files:
                    return f"{files['content/' + file].what}, content/{file}"
        for candidate in (path, path.lower(), "/".join(urlize(p) for p in path.split("/"))):
            url = "/" + candidate.strip("/") + "/" if candidate.strip("/") else "/"
            if url in self.site.unpublished:
                file, why = self.site.unpublished[url]
                return f"{why.what}, {file}"
        return ""


def generated_pages(site: HugoSite) -> dict[str, str]:
    """``{URL: docname}`` of the pages the import writes that no content file gives, as
    Hugo serves them too: a top-level section without an ``_index.md`` (``/blog/``,
    ``/conferences/``), the tags index ``/tags/`` and a page per tag ``/tags/<tag>/``
    (:func:`.tag_pages.tag_pages`). A link to one is a link to that page, not a dead one."""
    from .tag_pages import TAGS_SECTION, blog_posts, tag_names

    pages = {f"/{section}/": f"{section}/index" for section in site.children() if section and "/" not in section}
    names = tag_names(blog_posts(site))
    if names:
        pages[f"/{TAGS_SECTION}/"] = f"{TAGS_SECTION}/index"
        pages.update({f"/{TAGS_SECTION}/{slug}/": f"{TAGS_SECTION}/{slug}/index" for slug in names})
    return {url: docname for url, docname in pages.items() if url not in site.by_url}


def relative_doc_path(from_docname: str, to_docname: str) -> str:
    """Relative path from one docname's source file to another's ``.md`` file."""
    here = posixpath.dirname(from_docname)
    return posixpath.relpath(to_docname + ".md", here or ".")


def bundle_file_sources(site: HugoSite) -> dict[str, Path]:
    """Map of site path (no leading slash) to source file for bundle resources
    (``site.resources``: only files inside the site)."""
    bundle_urls = {str(Path(p.source).parent): p.url for p in site.pages.values() if p.is_index}
    mapping: dict[str, Path] = {}
    for rel, path in site.resources.items():
        folder = str(Path(rel).parent)
        url = bundle_urls.get(folder, "/" + folder.lower() + "/")
        mapping[url.lstrip("/") + path.name] = path
    return mapping
