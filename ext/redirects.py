"""Redirects: every old URL of the site still leads to its page.

Reads the list the import writes (config ``redirects_file``, default
``_generated/redirects.json``; shape in :mod:`ext.hugo_import.redirect_list`) plus
``redirects_extra`` from ``conf.py`` (``{"/old/path/": "/new/path/" or URL}``), and,
when an HTML builder finishes, writes:

* one static redirect page per old path (HTML5: meta refresh, canonical link,
  a visible link), at ``<old>/index.html`` or at ``<old>.html`` itself for old
  paths ending in ``.html``; the link is relative, so the pages work under any
  prefix (Read the Docs' ``/en/latest/``); a splat rule (``/a/b/*``) gets a page
  at ``/a/b/`` only, the rest of it is for the server;
* ``_redirects/redirects.json``: the same list as Read the Docs "page"
  redirects (``type``, ``from_url``, ``to_url``, ``http_status``,
  ``description``; ``from_url`` ends in ``*`` for splat rules), ready for its
  API or dashboard, and ``_redirects/redirects.txt``, one ``from to status`` per line.

Why not sphinx-reredirects: it takes docnames as sources, so it cannot write
``/about/officials.html`` or a percent-decoded old path, and its targets are
written as given; here targets are pages, resolved to the builder's URL.

Warnings (``type="redirects"``): ``redirects.missing-target`` (the target page
is not in the handbook: no redirect page), ``redirects.collision`` (the old path
is a file the build already wrote, or a file or folder of the build stands in its
way: left alone; a redirect page never replaces a build output nor lands outside the
build), ``redirects.bad-file`` (the list cannot be read), ``redirects.unsafe-target``
(a target that is neither an http(s) URL nor a site path, such as ``javascript:``: no
redirect page; the import reports and leaves out such rules, this is a second line
of defence). Located at the list file (``path:line`` of the entry when known, else
the rule's site file and line).
"""

from __future__ import annotations

import enum
import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any
from urllib.parse import quote, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from ext._common import OutputStamp, warn_typed
from ext.shared.paths import REDIRECTS_FILE
from ext.shared.urls import WEB_SCHEMES, is_safe_url, url_scheme

WARNING_TYPE = "redirects"


class RedirectWarning(enum.Enum):
    """The subtypes of the ``redirects`` warnings (see the module's docstring)."""

    MISSING_TARGET = "missing-target"
    """A rule's target is a site path with no page in the handbook: no redirect page and
    no entry in the Read the Docs list for it."""

    COLLISION = "collision"
    """The old path is a page or file the build already wrote, a file or folder of the
    build stands in its way, it leads out of the build, or the file system cannot hold
    its name: the build's output is left as it is, no redirect page."""

    BAD_FILE = "bad-file"
    """The redirects list (``redirects_file``) is not JSON with a ``redirects`` list of
    complete entries: none of its rules is used (``redirects_extra`` still is)."""

    UNSAFE_TARGET = "unsafe-target"
    """A rule's target is neither an http(s) URL nor a path on the site (``javascript:``...):
    no redirect page; the import leaves such rules out, this is a second line of defence."""


RTD_DIR = "_redirects"
#: Written in every redirect page, so a later build knows the file is ours to replace.
MARKER = '<meta name="generator" content="handbook-redirects">'


@dataclass(frozen=True)
class Redirect:
    """One old path (``source``, site path, decoded) and where it goes (``target``:
    site path or absolute URL); ``where`` is ``file:line`` for warnings."""

    source: str
    target: str
    status: int = 301
    splat: bool = False
    where: str = ""


def _warn(config: Config, kind: RedirectWarning, message: str, location: str) -> None:
    warn_typed(config, WARNING_TYPE, kind, message, location)


def is_redirect_target(target: str) -> bool:
    """Whether a redirect page may send the reader to ``target``: an http(s) URL or a
    path on the site (``/about/``), nothing else (:func:`ext.shared.urls.is_safe_url`)."""
    return is_safe_url(target, WEB_SCHEMES) and bool(url_scheme(target) or target.startswith("/"))


def load_redirects(app: Sphinx) -> list[Redirect]:
    """The import's list plus ``redirects_extra``; ``[]`` (and a warning) when the file is broken."""
    found: list[Redirect] = []
    path = Path(app.srcdir, app.config.redirects_file)
    if path.is_file():
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["redirects"]
            for entry in entries:
                found.append(Redirect(
                    source=str(entry["from"]), target=str(entry["to"]), status=int(entry.get("status", 301)),
                    splat=bool(entry.get("splat")), where=f"{entry.get('source', path.name)}:{entry.get('line', 0)}",
                ))
        except (ValueError, KeyError, TypeError) as error:
            line = error.lineno if isinstance(error, json.JSONDecodeError) else 1
            _warn(app.config, RedirectWarning.BAD_FILE, f"cannot read the redirects list: {error}", f"{path}:{line}")
    for source, target in app.config.redirects_extra.items():
        found.append(Redirect(source=source, target=target, where="conf.py:redirects_extra"))
    return found


def output_file(source: str) -> str:
    """Where the page for old path ``source`` goes, relative to the output folder:
    ``/a/b`` and ``/a/b/*`` -> ``a/b/index.html``, ``/a/b.html`` -> ``a/b.html``."""
    path = source.removesuffix("*").strip("/")
    if posixpath.splitext(path)[1].lower() in {".html", ".htm"}:
        return path
    return posixpath.join(path, "index.html") if path else "index.html"


def target_docname(app: Sphinx, target: str) -> str | None:
    """The docname served at site path ``target`` (``/about/`` -> ``about/index`` or ``about``)."""
    stripped = target.split("#", 1)[0].strip("/")
    if stripped.endswith((".html", ".htm")):
        stripped = posixpath.splitext(stripped)[0]
        stripped = stripped.removesuffix("/index").removesuffix("index")
    for candidate in (posixpath.join(stripped, "index") if stripped else "index", stripped):
        if candidate in app.env.found_docs:
            return candidate
    return None


def redirect_page(href: str, canonical: str, title: str) -> str:
    """A small HTML5 page that sends the reader to ``href`` (all values escaped)."""
    href_e, canonical_e, title_e = (html.escape(v, quote=True) for v in (href, canonical, title))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{MARKER}\n"
        f"<title>Moved: {title_e}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href_e}">\n'
        f'<link rel="canonical" href="{canonical_e}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{href_e}">{title_e}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _url_path(path: str) -> str:
    return quote(path, safe="/*:@!$&'()+,;=-._~")


@dataclass(frozen=True)
class RedirectPage:
    """A redirect page to write: at ``rel_file`` (relative to the output folder, with
    ``/``), its HTML ``page``, and its entry of the Read the Docs list (``listed``)."""

    redirect: Redirect
    rel_file: str
    page: str
    listed: dict[str, Any]


def plan_redirects(app: Sphinx) -> list[RedirectPage]:
    """The redirect pages of ``load_redirects(app)``, made without looking at the output
    folder; warns ``unsafe-target`` and ``missing-target`` for the rules left out."""
    base = app.config.html_baseurl.rstrip("/") or app.config.site_base_url.rstrip("/")
    planned = []
    for redirect in load_redirects(app):
        if not is_redirect_target(redirect.target):
            _warn(app.config, RedirectWarning.UNSAFE_TARGET, f"redirect from {redirect.source}: {redirect.target[:40]!r} "
                  "is neither an http(s) URL nor a path on the site; no redirect page", redirect.where)
            continue
        external = bool(urlsplit(redirect.target).scheme)
        rel_file = output_file(redirect.source)
        if external:
            target_uri = href = canonical = title = redirect.target
        else:
            docname = target_docname(app, redirect.target)
            if docname is None:
                _warn(app.config, RedirectWarning.MISSING_TARGET, f"redirect from {redirect.source}: no page at {redirect.target}",
                      redirect.where)
                continue
            target_uri = app.builder.get_target_uri(docname)
            title = app.env.titles[docname].astext() if docname in app.env.titles else redirect.target
            href = posixpath.relpath(target_uri or ".", posixpath.dirname(rel_file) or ".")
            href = href + "/" if target_uri.endswith("/") and not href.endswith("/") else href
            canonical = f"{base}/{target_uri}" if base else target_uri
        to_url = target_uri if external else _url_path("/" + target_uri)
        planned.append(RedirectPage(redirect, rel_file, redirect_page(href, canonical, title), {
            "type": "page", "from_url": _url_path(redirect.source), "to_url": to_url,
            "http_status": redirect.status, "description": redirect.where,
        }))
    return planned


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the redirect pages and the Read the Docs list (HTML builders).

    A rebuild whose pages are those of the last build, each still on disk at its size,
    writes and reads none of them (:class:`ext._common.OutputStamp`, recorded only after
    a build that wrote every page without a ``collision``): a build output that has
    since replaced a redirect page is a file of another size, and the pages are checked
    one by one again."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    outdir = Path(app.outdir).resolve()
    planned = plan_redirects(app)
    lists = (outdir / RTD_DIR / "redirects.json", outdir / RTD_DIR / "redirects.txt")
    stamp = OutputStamp(app, "redirects", [(p.rel_file, p.page, p.listed) for p in planned], code=(__file__,))
    if stamp.current(lists) and all(_has_size(outdir / p.rel_file, len(p.page.encode("utf-8"))) for p in planned):
        return
    listed = [page.listed for page in planned if _write_page(app, outdir, page)]
    folder = outdir / RTD_DIR
    folder.mkdir(exist_ok=True)
    lists[0].write_text(json.dumps(listed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [f"{r['from_url']} {r['to_url']} {r['http_status']}" for r in listed]
    lists[1].write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    if len(listed) == len(planned):
        stamp.record()


def _has_size(path: Path, size: int) -> bool:
    """Whether ``path`` is a regular file of ``size`` bytes."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return S_ISREG(stat.st_mode) and stat.st_size == size


def _write_page(app: Sphinx, outdir: Path, planned: RedirectPage) -> bool:
    """Write one redirect page, unless a build output stands there or in its way (a
    ``collision`` warning); returns whether the page is there."""
    redirect, rel_file = planned.redirect, planned.rel_file
    out = outdir / rel_file
    blocked = _blocked(outdir, out)
    existing = None if blocked or not out.is_file() else out.read_text(encoding="utf-8", errors="replace")
    if blocked or (existing is not None and MARKER not in existing[:400]):
        _warn(app.config, RedirectWarning.COLLISION,
              f"redirect from {redirect.source}: {rel_file} is a page or file of the handbook; left as it is", redirect.where)
        return False
    try:
        if planned.page != existing:  # a rebuild mostly finds its redirect pages as they were
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(planned.page, encoding="utf-8")
    except OSError as error:  # a name longer than the file system holds
        _warn(app.config, RedirectWarning.COLLISION,
              f"redirect from {redirect.source}: {rel_file} cannot be written ({error.strerror})", redirect.where)
        return False
    return True


def _blocked(outdir: Path, out: Path) -> bool:
    """Whether a redirect page cannot be written at ``out`` without touching the build
    (``outdir``, resolved): it leads outside ``outdir``, a file of the build stands where
    one of its folders would be, or a folder stands where it would be."""
    try:
        if not out.resolve().is_relative_to(outdir):
            return True
        folders = [folder for folder in out.parents if folder.is_relative_to(outdir) and folder != outdir]
        return any(folder.exists() and not folder.is_dir() for folder in folders) or out.is_dir()
    except OSError:  # a name longer than the file system holds
        return True


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("redirects_file", REDIRECTS_FILE, "html", types=frozenset({str}))
    app.add_config_value("redirects_extra", {}, "html", types=frozenset({dict}))
    if "site_base_url" not in app.config.values:
        app.add_config_value("site_base_url", "", "env", types=frozenset({str}))
    app.connect("build-finished", write_redirects)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
