"""Old URLs of the site, collected so that each keeps working: ``_generated/redirects.json``.

Three sources, in this order (the first claim of an old path wins):

* ``oldpath`` in a page's front matter: the URL the page had on the site
  before the Hugo one (``/blog/some-title``, ``/about/officials.html``);
* ``aliases`` in a page's front matter (Hugo's own redirects);
* ``[[redirects]]`` rules in the site's ``netlify.toml`` (``from``/``to``/``status``,
  absolute URLs on the site's host or site paths; a ``from`` ending in ``*`` is
  a splat rule that matches every path below it).

The file written is ``{"redirects": [entry, ...]}``, each entry::

    {"from": "/blog/welcome-iassist-communiqué",   # site path, percent-escapes decoded
     "to": "/blog/2005/06/07/welcome-iassist-communique/",  # site path or absolute URL
     "status": 301, "kind": "oldpath" | "alias" | "netlify",
     "splat": false,                                 # true: "from" ends in "/*"
     "source": "content/blog/welcome.md", "line": 9}

Sorted by ``from``. The Sphinx extension :mod:`ext.redirects` turns it into
redirect pages and a list for Read the Docs. Problems (kind ``redirect``, with
file and line): an old path that is the URL of another page (the page wins), an
old path claimed twice, a rule whose target is neither a page nor a file of the
site, a rule that cannot be read. An old path equal to the page's own URL is
no redirect and is skipped silently.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from .config import array_table_lines
from .model import Page, Problem, ProblemKind
from ..shared.slugs import served_url
from .names import owner
from .site import HugoSite, url_origin
from .site_urls import without_dot_segments
from ..shared.paths import REDIRECTS_FILE
from ..shared.urls import WEB_SCHEMES, climbs_above_root, is_safe_url, shown_url

NETLIFY_FILE = "netlify.toml"


def site_path(url: str, site_host: str) -> str | None:
    """The site path of ``url`` (``/a/b``, escapes decoded, no query or fragment, no
    ``..`` above the site), or ``None`` when it is on another host. ``www.`` is ignored when comparing hosts."""
    parts = urlsplit(url.strip())
    if parts.netloc and _bare_host(parts.netloc) != _bare_host(site_host):
        return None
    return without_dot_segments(unquote(parts.path or "/"))


def _climbs(url: str) -> bool:
    """Whether the path of ``url`` climbs above the site's root (:func:`ext.shared.urls.climbs_above_root`)."""
    return climbs_above_root(urlsplit(url.strip()).path)


def _bare_host(host: str) -> str:
    host = host.lower().split("@")[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def output_key(path: str) -> str:
    """The file a path is served from in a pretty-URL site, for comparisons:
    ``/a/b`` and ``/a/b/`` are both ``a/b/index.html``, ``/a/b.html`` is itself."""
    stripped = path.strip("/")
    if not stripped:
        return "index.html"
    if PurePosixPath(stripped).suffix.lower() in {".html", ".htm"}:
        return stripped.lower()
    return f"{stripped.lower()}/index.html"


def collect_redirects(site: HugoSite, problems: list[Problem]) -> dict[str, bytes]:
    """``{"_generated/redirects.json": bytes}`` for ``site``; problems are appended to ``problems``."""
    host = urlsplit(site.base_url).netloc
    pages_by_key = {output_key(url): page for url, page in site.by_url.items() if page.docname not in site.renamed}
    pages_by_key |= {output_key(served_url(page.docname)): page for page in site.pages.values()}
    claimed: dict[str, dict[str, Any]] = {}

    def add(entry: dict[str, Any], own_page: Page | None) -> None:
        key = output_key(entry["from"].removesuffix("*"))
        owned = owner(entry["from"].removesuffix("*"))
        if owned is not None:
            problems.append(Problem(entry["source"], entry["line"], ProblemKind.RESERVED_NAME, (
                f"old URL {entry['from']} {owned}; no redirect")))
            return
        page = pages_by_key.get(key)
        if page is not None:
            if page is not own_page:
                problems.append(Problem(entry["source"], entry["line"], ProblemKind.REDIRECT, (
                    f"old URL {entry['from']} is the URL of {page.site_file}; the page is kept, no redirect")))
            return
        if key in claimed:
            first = claimed[key]
            if first["to"] != entry["to"]:
                problems.append(Problem(entry["source"], entry["line"], ProblemKind.REDIRECT, (
                    f"old URL {entry['from']} is already redirected to {first['to']} "
                    f"by {first['source']}:{first['line']}; this redirect is left out")))
            return
        claimed[key] = entry

    for page in site.pages.values():
        for kind, key in (("oldpath", "oldpath"), ("alias", "aliases")):
            values = page.front.data.get(key)
            values = values if isinstance(values, list) else [values]
            line = page.front.key_lines.get(key, 1)
            for value in values:
                if not isinstance(value, str) or not value.strip():
                    continue
                path = site_path(value, host)
                if path is None:
                    problems.append(Problem(page.site_file, line, ProblemKind.REDIRECT, (
                        f"{key} {value!r} is on another host; no redirect")))
                    continue
                if _climbs(value):
                    problems.append(Problem(page.site_file, line, ProblemKind.OUTSIDE_SITE, (
                        f"{kind} {value!r} climbs above the site's root; redirected from {path}")))
                add(_entry(path, served_url(page.docname), 301, kind, page.site_file, line), page)

    for docname, renamed in site.renamed.items():
        page = site.pages.get(docname)
        if page is not None and renamed.redirect:
            add(_entry(renamed.old, served_url(docname), 301, "renamed", *url_origin(page)), page)

    for entry in netlify_rules(site, host, problems):
        add(entry, None)

    entries = sorted(claimed.values(), key=lambda e: (e["from"], e["kind"]))
    data = json.dumps({"redirects": entries}, indent=1, ensure_ascii=False) + "\n"
    return {REDIRECTS_FILE: data.encode()}


def _entry(source_path: str, to: str, status: int, kind: str, file: str, line: int) -> dict[str, Any]:
    return {
        "from": source_path, "to": to, "status": status, "kind": kind,
        "splat": source_path.endswith("*"), "source": file, "line": line,
    }


def netlify_rules(site: HugoSite, host: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The ``[[redirects]]`` rules of ``netlify.toml`` as entries (see the module doc).

    A rule is left out, with a problem, when it cannot be read, when ``from`` is
    on another host, when ``to`` is not an http(s) URL or a site path
    (``unsafe-url``, at the line of ``to``: a ``javascript:`` URL would become a
    redirect page), or when ``to`` is a site path that is neither a page nor a file
    under ``static/``. ``to`` on another host is kept as an absolute URL.
    """
    path = site.root / NETLIFY_FILE
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        rules = tomllib.loads(text).get("redirects", [])
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(NETLIFY_FILE, getattr(error, "lineno", 0) or 0, ProblemKind.REDIRECT, (
            f"netlify.toml does not parse ({error}); its redirects are left out")))
        return []
    lines = array_table_lines(text.replace("\r\n", "\n"), "redirects")
    page_keys = {output_key(url) for url in site.by_url}
    entries = []
    for number, rule in enumerate(rules if isinstance(rules, list) else []):
        keys = lines[number] if number < len(lines) else {}
        line = keys.get("", 0)
        if not isinstance(rule, dict):
            problems.append(Problem(NETLIFY_FILE, line, ProblemKind.REDIRECT, "a redirect rule that is no table; left out"))
            continue
        source, target = str(rule.get("from", "")), str(rule.get("to", ""))
        status = rule.get("status", 301)
        if not source or not target or not isinstance(status, int):
            problems.append(Problem(NETLIFY_FILE, line, ProblemKind.REDIRECT, "a redirect rule without from, to or a numeric status; left out"))
            continue
        from_path = site_path(source, host)
        if from_path is None:
            problems.append(Problem(NETLIFY_FILE, line, ProblemKind.REDIRECT, f"redirect from {source} is on another host; left out"))
            continue
        if "*" in from_path.removesuffix("*") or ":" in from_path:
            problems.append(Problem(NETLIFY_FILE, line, ProblemKind.REDIRECT, (
                f"redirect from {source}: only a trailing * is supported; left out")))
            continue
        if not is_safe_url(target, WEB_SCHEMES):
            problems.append(Problem(NETLIFY_FILE, keys.get("to", line), ProblemKind.UNSAFE_URL, (
                f"unsafe URL {shown_url(target)} in the redirect from {source} removed; the rule is left out")))
            continue
        for name, value in (("from", source), ("to", target)):
            if _climbs(value):
                problems.append(Problem(NETLIFY_FILE, keys.get(name, line), ProblemKind.OUTSIDE_SITE, (
                    f"redirect {name} {value!r} climbs above the site's root; read as {site_path(value, host)}")))
        to_path = site_path(target, host)
        if to_path is None:
            to = target
        elif not _target_exists(site, page_keys, to_path):
            problems.append(Problem(NETLIFY_FILE, line, ProblemKind.REDIRECT, (
                f"redirect from {source} to {target}: the site has no such page or file; left out")))
            continue
        else:
            to = to_path
        entries.append(_entry(from_path, to, status, "netlify", NETLIFY_FILE, line))
    return entries


def _target_exists(site: HugoSite, page_keys: set[str], path: str) -> bool:
    path = path.split("#", 1)[0]
    if output_key(path) in page_keys:
        return True
    return (site.root / "static" / path.lstrip("/")).is_file()
