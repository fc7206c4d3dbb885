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
from .shortcodes import REF_SCHEME
from .site import HugoSite, urlize
from .urls import SAFE_SCHEMES, is_safe_url

__all__ = ["SAFE_SCHEMES", "SITE_SCHEME", "SiteIndex", "Target", "bundle_file_sources", "relative_doc_path"]

SITE_SCHEME = "site:"


@dataclass(frozen=True)
class Target:
    """Where an href points.

    ``kind`` is ``doc`` (``docname``, optional ``fragment``), ``file`` (a site
    path such as ``/file/a.pdf``), ``external`` (``url``), ``dead`` (``url`` on
    the live site), ``anchor`` (``fragment`` on the same page) or ``unsafe``.
    """

    kind: str
    url: str = ""
    docname: str = ""
    fragment: str = ""


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
        host = urlsplit(site.base_url).hostname or ""
        self.site_hosts = {host, host.removeprefix("www."), "www." + host.removeprefix("www.")} - {""}

    # -- files -------------------------------------------------------------------
    def file_exists(self, site_path: str) -> bool:
        """Whether ``/img/a.png`` is served by the site (static/ or a bundle)."""
        rel = site_path.lstrip("/")
        if rel in self.bundle_files:
            return True
        candidate = self.static / rel
        return bool(rel) and candidate.is_file()

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
                return Target("dead", url=self.live_url(ref), fragment=fragment)
            return Target("doc", docname=docname, fragment=fragment)
        if href.startswith(SITE_SCHEME):  # the handbook's own links (MyST written by the import), kept
            return Target("external", url=href)
        if not is_safe_url(href):  # javascript:, data:, an unknown scheme (ext.hugo_import.urls)
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
            return Target("file", url=unquote(path) + (f"#{fragment}" if fragment else ""))
        live = self.live_url(path) + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        return Target("dead", url=live)


def relative_doc_path(from_docname: str, to_docname: str) -> str:
    """Relative path from one docname's source file to another's ``.md`` file."""
    here = posixpath.dirname(from_docname)
    return posixpath.relpath(to_docname + ".md", here or ".")


def bundle_file_sources(site: HugoSite) -> dict[str, Path]:
    """Map of site path (no leading slash) to source file for bundle resources."""
    content = site.root / "content"
    bundle_urls = {str(Path(p.source).parent): p.url for p in site.pages.values() if p.is_index}
    mapping: dict[str, Path] = {}
    for path in content.rglob("*"):
        if path.is_file() and path.suffix != ".md":
            folder = str(path.parent.relative_to(content))
            url = bundle_urls.get(folder, "/" + folder.lower() + "/")
            mapping[url.lstrip("/") + path.name] = path
    return mapping
