"""What every HTML page shows of the site around its text: footer, description, base URL.

A Sphinx extension (loaded by :mod:`ext.home`'s ``setup``; it may also be listed on
its own). From ``_data/site/params.json`` (:func:`ext.site_data.load_params`), it
gives the HTML templates, on ``html-page-context``:

``footer_links``
    a list of ``(title, url)``: the licence, then the site's privacy policy and code of
    conduct when ``params.json``'s ``footer`` names them (:data:`FOOTER_TITLES`);
``footer_site``
    what the Hugo theme's footer showed from ``config.toml`` (``about_us``, ``address``:
    :data:`FOOTER_SECTIONS`; lines of text runs, see :mod:`ext.hugo_import.theme_params`):
    a list of ``(title, lines)``, each line a list of runs ``{"text", "url", "strong"}``.

Every ``url`` is relative to the page (from the site's root on the 404 page, which is
served at any depth), or ``""``; a URL whose scheme is not a safe one
(:func:`ext.shared.urls.is_safe_url`) is left out. The page's ``description`` front
matter becomes its meta description and OpenGraph description; its last update is
:mod:`ext.last_updated`'s.

Every page shows ``params.json`` in its footer: when the file changed since the last
build, every page is written again on ``env-updated`` (none is read again).

On ``config-inited``, the live site's URL (``site_base_url``) becomes ``html_baseurl``
(sitemap, canonical links) and ``ogp_site_url`` (OpenGraph) unless conf.py set them.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ext.shared.urls import is_safe_url
from ext.site_data import PARAMS_FILE, add_site_config, data_folder, link_target, load_params

FOOTER_TITLES = (("privacy_policy", "Privacy policy"), ("code_of_conduct", "Code of conduct"))
#: The theme's footer columns, by ``params.json`` footer key (the theme's English words).
FOOTER_SECTIONS = (("about_us", "About us"), ("address", "Contact"))
LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the footer (``footer_links``, ``footer_site``) and the
    page's description (runs before sphinxext-opengraph, priority 400)."""
    footer = load_params(app.env).get("footer", {})
    context["footer_links"] = footer_links(app, pagename, footer)
    context["footer_site"] = [(title, footer_lines(app, pagename, footer[key])) for key, title in FOOTER_SECTIONS
                              if isinstance(footer.get(key), list)]
    add_description(app, pagename, context)


def footer_links(app: Sphinx, pagename: str, footer: dict[str, Any]) -> list[tuple[str, str]]:
    """The licence, then the footer's links of :data:`FOOTER_TITLES` that are safe."""
    links = [(LICENCE[0], LICENCE[1])]
    for key, title in FOOTER_TITLES:
        url = footer.get(key)
        if url and is_safe_url(str(url)):  # the import leaves out the others (ext.hugo_import.config)
            links.append((title, footer_url(app, pagename, str(url))))
    return links


def add_description(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The page's ``description`` front matter (on one line) as its ``og:description``
    and its ``<meta name="description">``, escaped."""
    meta = app.env.metadata.get(pagename, {})
    description = " ".join(str(meta.get("description") or "").split())
    if description:
        # a copy: context["meta"] is the environment's own metadata of the page
        context["meta"] = {**(context.get("meta") or {}), "og:description": description}
        context["metatags"] = context.get("metatags", "") + (
            f'<meta name="description" content="{html.escape(description, quote=True)}">\n')


def footer_url(app: Sphinx, pagename: str, url: str) -> str:
    """``url`` (a site path or a URL) as the footer of ``pagename`` links it: relative
    to the page, or from the site root on the 404 page (served at any depth)."""
    kind, target = link_target(app.env, url)
    if pagename == getattr(app.config, "notfound_pagename", None) and kind in {"doc", "site"}:
        prefix = getattr(app.config, "notfound_urls_prefix", None) or "/"
        path = app.builder.get_target_uri(target) if kind == "doc" else target.lstrip("/")
        return prefix.rstrip("/") + "/" + path
    if kind == "doc":
        return relative_uri(app.builder.get_target_uri(pagename), app.builder.get_target_uri(target)) or "./"
    if kind == "site":
        return relative_uri(app.builder.get_target_uri(pagename), target.lstrip("/"))
    return target


def footer_lines(app: Sphinx, pagename: str, lines: Any) -> list[list[dict[str, Any]]]:
    """The lines of text runs of ``params.json`` (``about_us``, ``address``) for the
    footer of ``pagename``: each run's ``url`` linked from the page (``""``: no link;
    also for a scheme that is not a safe one). Anything else than text runs is left out."""
    shown = []
    for line in lines if isinstance(lines, list) else []:
        runs = [footer_run(app, pagename, run) for run in (line if isinstance(line, list) else [])
                if isinstance(run, dict) and str(run.get("text") or "").strip()]
        if runs:
            shown.append(runs)
    return shown


def footer_run(app: Sphinx, pagename: str, run: dict[str, Any]) -> dict[str, Any]:
    """One text run of the footer: its text, whether it is strong, its URL from the page."""
    url = str(run.get("url") or "")
    safe = url and is_safe_url(url)
    return {"text": str(run["text"]), "strong": bool(run.get("strong")),
            "url": footer_url(app, pagename, url) if safe else ""}


def rewrite_after_params_change(app: Sphinx, env: Any) -> list[str]:
    """``env-updated``: every page, to be written again, when ``params.json`` changed
    since the last build (its SHA-256, kept in ``env.site_params_digest``); else none."""
    try:
        digest = hashlib.sha256((data_folder(env) / PARAMS_FILE).read_bytes()).hexdigest()
    except OSError:
        digest = ""
    before = getattr(env, "site_params_digest", None)
    env.site_params_digest = digest
    return sorted(env.found_docs) if before is not None and before != digest else []


def live_site_urls(app: Sphinx, config: Any) -> None:
    """``config-inited`` (after ext.site_files read ``_generated/site.json``): the
    live site's URL as ``html_baseurl`` (sitemap, canonical links) and as
    ``ogp_site_url`` (OpenGraph) unless conf.py set them."""
    base = config.site_base_url
    if base and not config.html_baseurl:
        config.html_baseurl = base if base.endswith("/") else base + "/"
    if base and "ogp_site_url" in config.values and not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl


def setup(app: Sphinx) -> dict[str, Any]:
    add_site_config(app)
    app.connect("html-page-context", page_context, priority=400)
    app.connect("env-updated", rewrite_after_params_change)
    app.connect("config-inited", live_site_urls, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
