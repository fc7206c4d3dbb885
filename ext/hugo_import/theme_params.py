"""What the Hugo theme showed from ``config.toml`` around the pages, kept in the handbook.

The site's theme (hugo-universal-theme) shows some values of ``[params]`` beside or
below the pages, not in them; a page that refers to them ("Contact addresses for
officials are on the right") would lose them. The import keeps those the handbook can
show, and reports the others as ``theme-param`` problems at the key's line of
``config.toml``:

=========================  ========================================  ============================
key                        the theme showed it                       the handbook
=========================  ========================================  ============================
``params.address``         beside the contact page ("Address") and   a sidebar of the contact page
                           in every page's footer ("Contact")        (:func:`contact_sidebar`);
                                                                     the footer
``params.about_us``        in every page's footer ("About us")       the footer
``params.email``           a contact form on the contact page, sent  reported
                           through formspree.io to that address
``params.see_more``        a banner on the home page                 reported (the home page is
                                                                     the handbook's own)
``params.topbar``          a bar over every page: its ``text`` and   reported, when ``enable``
                           the ``[[menu.topbar]]`` social links
``params.enableGoogleMaps``  a map of ``latitude``, ``longitude``    reported, when true
                           under the contact page
=========================  ========================================  ============================

A switch that is off, or a key without a value, showed nothing: nothing is lost. The
footer's copyright and policy links and the home page's collections are
:mod:`.site_data`'s. The contact page is the theme's: a page at the top of ``content/``
whose front matter says ``id = "contact"`` (the theme renders ``partial .Params.id``).

The footer gets the address and "about us" as lines of text runs (:func:`text_runs`),
written by :mod:`.site_data` to ``_data/site/params.json`` under ``footer``; the Sphinx
extension :mod:`ext.site_pages` links and escapes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .config import SiteConfig
from .context import PageContext
from .links import SiteIndex
from .model import Page, Problem, ProblemKind
from .site import HugoSite
from ..shared.urls import is_safe_url, url_scheme

#: The heading of the address beside the contact page (the theme's English words).
SIDEBAR_TITLE = "Address"
#: The front matter ``id`` of the theme's contact page.
CONTACT_ID = "contact"


def params(site: HugoSite) -> dict[str, Any]:
    table = site.config.get("params", {})
    return table if isinstance(table, dict) else {}


def contact_page(site: HugoSite) -> Page | None:
    """The page the theme shows as its contact page, if the site has one."""
    return next((page for page in site.pages.values()
                 if not page.section and str(page.front.data.get("id", "")).strip() == CONTACT_ID), None)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# -- the contact page's sidebar -----------------------------------------------------------


@dataclass
class ConfigValueContext(PageContext):
    """Converting a value of the configuration file shown on ``page``: links resolve
    from the page, problems are located in ``config`` (file ``config.file``)."""

    config_name: str = "config.toml"

    def report(self, line: int, kind: ProblemKind, message: str) -> None:
        self.problems.append(Problem(self.config_name, line, kind, message))


def contact_sidebar(page: Page, index: SiteIndex) -> tuple[str, list[Problem]]:
    """The MyST sidebar the contact ``page`` gets (``params.address``, converted as the
    theme rendered it: HTML or Markdown, links resolved from the page) and the problems
    found in it, at their lines of ``config.toml``; ``("", [])`` for any other page or
    when the site has no address."""
    site = index.site
    address = _text(params(site).get("address"))
    contact = contact_page(site)
    if not address or contact is None or contact.docname != page.docname:
        return "", []
    from .markdown import convert_markdown  # the converter's heavy half, loaded with it

    config = SiteConfig.read(site.root)
    ctx = ConfigValueContext(page=page, index=index, render=convert_markdown, config_name=config.file)
    body = convert_markdown(address, ctx, config.value_line("params.address")).strip()
    if not body:
        return "", ctx.problems
    fence = ":" * max(3, 1 + max((len(m.group(0)) for m in re.finditer(r"^:{3,}", body, re.MULTILINE)), default=0))
    return f"{fence}{{sidebar}} {SIDEBAR_TITLE}\n{body}\n{fence}", ctx.problems


def with_sidebar(document_body: str, sidebar: str) -> str:
    """``document_body`` (an H1 line, then the page) with ``sidebar`` after the H1, so
    that it stands beside the page's opening text."""
    if not sidebar:
        return document_body
    title, _, rest = document_body.partition("\n")
    return f"{title}\n\n{sidebar}\n\n{rest.lstrip(chr(10))}".rstrip("\n") + "\n"


# -- the footer -------------------------------------------------------------------------

#: Tags that end a line of the footer's text.
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "address", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "section", "table", "tr"})


def text_runs(markup: str, dropped: list[str] | None = None) -> list[list[dict[str, Any]]]:
    """Markdown or HTML (the theme passed both through) as lines of text runs for the
    footer: ``[[{"text": "IASSIST at your service", "strong": true}], [{"text": "»
    Contact Officials", "url": "/about/officials/"}], ...]``. A line ends at ``<br>``
    and at each block; white space is collapsed; empty runs and lines are left out, and
    so are scripts, styles and links whose URL is not a safe one (:func:`ext.shared.urls.is_safe_url`;
    the text stays, the URL is added to ``dropped``).
    """
    from bs4 import (  # the converter's libraries
        BeautifulSoup,
        Comment,
        NavigableString,
        Tag,
    )
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markup)
    lines: list[list[dict[str, Any]]] = [[]]

    def walk(node: Tag, url: str, strong: bool) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                text = re.sub(r"\s+", " ", str(child))
                if text:
                    run: dict[str, Any] = {"text": text}
                    if url:
                        run["url"] = url
                    if strong:
                        run["strong"] = True
                    lines[-1].append(run)
                continue
            if not isinstance(child, Tag) or child.name in {"script", "style", "template"}:
                continue
            if child.name == "br" or child.name in _BLOCKS:
                lines.append([])
            href = _safe_url(child.get("href", "")) if child.name == "a" else ""
            if child.name == "a" and not href and dropped is not None and not is_safe_url(str(child.get("href", ""))):
                dropped.append(str(child.get("href", "")))
            walk(child, href or url, strong or child.name in {"strong", "b"})
            if child.name in _BLOCKS:
                lines.append([])

    walk(BeautifulSoup(html, "html.parser"), "", False)
    return [line for line in map(_tidy, lines) if line]


def _safe_url(href: Any) -> str:
    """``href`` when it is a safe URL (:func:`ext.shared.urls.is_safe_url`; a path on the site is
    made absolute), else ``""``."""
    href = str(href or "").strip()
    if not href or href.startswith("#") or not is_safe_url(href):
        return ""
    return href if url_scheme(href) or href.startswith("/") else "/" + href


def _tidy(line: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A line's runs with the spaces at its ends removed, neighbours of the same link
    and weight joined, empty runs left out."""
    joined: list[dict[str, Any]] = []
    for run in line:
        if joined and {k: v for k, v in joined[-1].items() if k != "text"} == {k: v for k, v in run.items() if k != "text"}:
            joined[-1] = {**joined[-1], "text": joined[-1]["text"] + run["text"]}
        else:
            joined.append(dict(run))
    if joined:
        joined[0]["text"] = joined[0]["text"].lstrip()
        joined[-1]["text"] = joined[-1]["text"].rstrip()
    return [run for run in joined if run["text"].strip()]


def footer_params(site: HugoSite, problems: list[Problem] | None = None) -> dict[str, Any]:
    """What the theme's footer showed from ``[params]``, for ``params.json``:
    ``{"about_us": lines, "address": lines}`` (:func:`text_runs`), each only when set.

    A link whose URL is not a safe one is left out (its text kept) and reported in
    ``problems`` as ``unsafe-html``, at its line of the configuration file; those of
    the address only when the site has no contact page (its sidebar reports them)."""
    footer: dict[str, Any] = {}
    config = SiteConfig.read(site.root) if problems is not None else None
    for key in ("about_us", "address"):
        text = _text(params(site).get(key))
        dropped: list[str] = []
        if text and (lines := text_runs(text, dropped)):
            footer[key] = lines
        if config is None or (key == "address" and contact_page(site) is not None):
            continue
        raw = str(params(site).get(key))
        for href in dropped:
            line = config.value_line(f"params.{key}") + raw[: max(raw.find(href), 0)].count("\n")
            problems.append(Problem(config.file, line, ProblemKind.UNSAFE_HTML, f"unsafe URL {href[:40]!r} removed"))
    return footer


# -- what the handbook cannot show ---------------------------------------------------------


def unplaced_params(site: HugoSite) -> list[Problem]:
    """A ``theme-param`` problem for each value the theme showed that the handbook does
    not (see the module's table), at its key's line of the configuration file."""
    config = SiteConfig.read(site.root)
    values = params(site)
    contact = contact_page(site)
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(config.file, config.line(key), ProblemKind.THEME_PARAM, message))

    email = _text(values.get("email"))
    if email and contact is not None:
        report("params.email", f"the theme showed a contact form on {contact.site_file}, sent through "
                               "formspree.io to this address; the handbook has no form service: link a "
                               "form or write an address in the page")
    see_more = values.get("see_more")
    if isinstance(see_more, dict) and see_more.get("enable") and (_text(see_more.get("title")) or _text(see_more.get("link_url"))):
        title = _text(see_more.get("title")) or _text(see_more.get("link_url"))
        report("params.see_more", f"the theme showed the banner {title!r} on the home page; the home page is "
                                  "the handbook's own (docs/index.md): add it there if it is still wanted")
    topbar = values.get("topbar")
    if isinstance(topbar, dict) and topbar.get("enable"):
        entries = site.config.get("menu", {}).get("topbar", [])
        links = [str(entry.get("name", "")) for entry in (entries if isinstance(entries, list) else [])
                 if isinstance(entry, dict)]
        shown = ", ".join(filter(None, links)) or "no links"
        report("params.topbar.enable", f"the theme showed a bar over every page (its text, and the social "
                                       f"links of [[menu.topbar]]: {shown}); the handbook has none")
    if values.get("enableGoogleMaps") and values.get("latitude") and values.get("longitude"):
        report("params.enableGoogleMaps", f"the theme showed a Google map of {values['latitude']}, "
                                          f"{values['longitude']} under the contact page; the handbook "
                                          "shows no map there: add one to the page if it is still wanted")
    return problems
