"""The home page's collections: feature boxes, slides, alerts, social links, from the site's data.

The import copies the site's ``data/<collection>/*.yaml`` to
``<srcdir>/_data/site/<collection>/`` and the ``config.toml`` switches
(``[params.<collection>]`` ``enable``/``title``/``subtitle``) and footer links to
``_data/site/params.json`` (see :mod:`ext.hugo_import.site_data`). The directive ::

    ```{site-collection} features
    :columns: 3
    ```

renders one collection, showing only what the site shows: nothing when the
switch is off, only slides whose ``enabled`` is not false, in ``weight`` order.

==============  ====================================================================
collection      rendered as
==============  ====================================================================
``features``    a card grid: octicon (from the Font Awesome name, table
                :data:`ext.shared.icons.ICONS`), title, text, button
``carousel``    a card grid: image, title, the slide's text, one button per link
``alerts``      one admonition per alert
``clients``     a row of social links (icon and name)
==============  ====================================================================

Every data file read is an ``env.note_dependency`` of the page; adding or
removing a file re-reads the page too (``env-get-outdated``). The nodes are our
own (:class:`home_grid`, :class:`home_card`, ...), with HTML (sphinx-design
classes), LaTeX (framed cards, printed URLs) and text visitors. Links to the
site's own pages become ``pending_xref`` (``std:doc``), other URLs external
references. The footer links of ``params.json`` go to the HTML templates as
``footer_links`` (list of ``(title, url)``, url relative to the page), and what the
Hugo theme's footer showed from ``config.toml`` (``about_us``, ``address``: lines of
text runs, see :mod:`ext.hugo_import.theme_params`) as ``footer_site``: a list of
``(title, lines)``, each line a list of runs ``{"text", "url", "strong"}`` (url relative
to the page, or ``""``); a URL whose scheme is not a safe one is left out.

Warnings (``type="home"``): ``home.bad-data`` (a YAML file that does not parse,
at the line the parser names, or is no mapping: left out), ``home.unknown-collection``,
``home.unknown-icon``, ``home.unsafe-url`` (a link whose URL is not a safe one,
:func:`ext.shared.urls.is_safe_url`: its text is shown without the link; the
import removes them from the data it copies, so this is a second line of defence).
"""

from __future__ import annotations

import enum
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx_design.icons import get_octicon, list_octicons

from ext._common import warn_typed
from ext.shared.icons import ICONS
from ext.shared.limits import LimitError, yaml_load
from ext.shared.urls import is_safe_url

logger = logging.getLogger(__name__)

COLLECTIONS = ("features", "carousel", "alerts", "clients")
FOOTER_TITLES = (("privacy_policy", "Privacy policy"), ("code_of_conduct", "Code of conduct"))
#: The theme's footer columns, by ``params.json`` footer key (the theme's English words).
FOOTER_SECTIONS = (("about_us", "About us"), ("address", "Contact"))
LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
WARNING_TYPE = "home"


# -- nodes ----------------------------------------------------------------------------


class home_grid(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A responsive grid of :class:`home_card` (``columns``: 1-4 on wide screens)."""


class home_card(nodes.General, nodes.Element):  # noqa: N801
    """One card: optional :class:`home_icon` or image, :class:`home_card_title`, paragraphs."""


class home_card_title(nodes.General, nodes.TextElement):  # noqa: N801
    """A card's title, on its own line in every format."""


class home_icon(nodes.Inline, nodes.Element):  # noqa: N801
    """An octicon (``name``), drawn in HTML only."""


class home_button(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A button around one link (``reference`` or ``pending_xref``)."""


class home_url(nodes.Inline, nodes.Element):  # noqa: N801
    """An external URL (``refuri``) printed where links cannot be clicked."""


# -- data -----------------------------------------------------------------------------


class HomeWarning(enum.Enum):
    """The subtypes of the ``home`` warnings (see the module's docstring)."""

    BAD_DATA = "bad-data"
    """A collection's YAML file does not parse (at the line the parser names), is not
    UTF-8 text, goes over the input limits or is no mapping of keys: that item is left out,
    the others are shown."""

    UNKNOWN_COLLECTION = "unknown-collection"
    """``{site-collection}`` names no collection of :data:`COLLECTIONS`: nothing is shown."""

    UNKNOWN_ICON = "unknown-icon"
    """A feature's Font Awesome icon has no octicon in :data:`ICONS`: its card has no icon."""

    UNSAFE_URL = "unsafe-url"
    """A link's URL is not a safe one (:func:`ext.shared.urls.is_safe_url`, ``javascript:``...):
    its text is shown without the link."""


def _warn(env: BuildEnvironment, kind: HomeWarning, message: str, location: Any) -> None:
    warn_typed(env.config, WARNING_TYPE, kind, message, location)


class _TextDates(yaml.SafeLoader):
    """YAML's safe loader, with dates kept as written (text): an alert dated
    ``2028-02-30`` shows that, and does not stop the build (the import reports it)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def data_folder(env: BuildEnvironment) -> Path:
    return Path(env.srcdir, env.config.home_data_dir)


def collection_files(env: BuildEnvironment, collection: str) -> list[Path]:
    """The YAML files of ``collection``, sorted by name."""
    folder = data_folder(env) / collection
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in {".yaml", ".yml"} and p.is_file())


def load_params(env: BuildEnvironment) -> dict[str, Any]:
    """``params.json`` of the import, or ``{}``."""
    path = data_folder(env) / "params.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_items(env: BuildEnvironment, collection: str, docname: str) -> list[dict[str, Any]]:
    """The items of ``collection`` the site shows, in ``weight`` order (then file name).

    Every file is noted as a dependency of ``docname``; a file that does not
    parse is a ``home.bad-data`` warning and left out; an item whose ``enabled``
    or ``enable`` is false (``false`` or ``"false"``) is left out.
    """
    items = []
    for path in collection_files(env, collection):
        env.note_dependency(str(path))
        try:
            item = yaml_load(path.read_text(encoding="utf-8"), _TextDates)
        except LimitError as error:
            _warn(env, HomeWarning.BAD_DATA, f"{path.name}: {error}; left out", f"{path}:{error.line}")
            continue
        except UnicodeDecodeError as error:
            _warn(env, HomeWarning.BAD_DATA, f"{path.name}: not UTF-8 text ({error.reason}); left out", f"{path}:1")
            continue
        except yaml.YAMLError as error:
            reason, line = yaml_error(error)
            _warn(env, HomeWarning.BAD_DATA, f"{path.name}: not YAML ({reason}); left out", f"{path}:{line}")
            continue
        if not isinstance(item, dict):
            _warn(env, HomeWarning.BAD_DATA, f"{path.name}: not a mapping of keys; left out", f"{path}:1")
            continue
        if any(str(item.get(key, "true")).strip().lower() == "false" for key in ("enabled", "enable")):
            continue
        item["_file"] = path
        items.append(item)
    return sorted(items, key=lambda i: (_weight(i), i["_file"].name))


def yaml_error(error: yaml.YAMLError) -> tuple[str, int]:
    """What a YAML error says (``"while scanning a quoted scalar: found unexpected end
    of stream"``) and the 1-based line it names: that of the problem, or that of its
    context when the problem is the end of the file (a string never closed)."""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (mark is None or re.search(r"end of stream|<stream end>", problem or "")):
        mark = context_mark
    reason = ": ".join(filter(None, (context, problem))) or str(error).splitlines()[0]
    return reason, (mark.line + 1 if mark is not None else 1)


def _weight(item: dict[str, Any]) -> int:
    try:
        return int(item.get("weight") or 0)
    except (TypeError, ValueError, OverflowError):
        return 0


# -- links ----------------------------------------------------------------------------


def link_target(env: BuildEnvironment, url: str) -> tuple[str, str]:
    """``("doc", docname)`` for a page of the handbook (site path or the live
    site's URL), ``("site", path)`` for a file of the site, else ``("url", url)``."""
    parts = urlsplit(url.strip())
    site_host = urlsplit(env.config.site_base_url).netloc.lower().removeprefix("www.")
    if parts.scheme and parts.netloc.lower().removeprefix("www.") != site_host:
        return "url", url
    path = parts.path.strip("/")
    for candidate in (posixpath.join(path, "index") if path else "index", path):
        if candidate in env.found_docs:
            return "doc", candidate
    if path and Path(env.srcdir, env.config.site_static_dir, path).is_file():
        return "site", "/" + path
    if not parts.scheme and env.config.site_base_url:
        return "url", env.config.site_base_url.rstrip("/") + "/" + path + ("/" if url.endswith("/") else "")
    return "url", url


def link_nodes(env: BuildEnvironment, url: str, label: str, docname: str) -> list[nodes.Node]:
    """A link with ``label`` to ``url``: a ``pending_xref`` to a page, else a
    ``reference`` (followed by a :class:`home_url` for external URLs); ``label`` alone
    (a ``home.unsafe-url`` warning) when ``url`` is not a safe one."""
    if not is_safe_url(url):
        _warn(env, HomeWarning.UNSAFE_URL, f"unsafe URL {url[:40]!r} of {label!r} removed", docname)
        return [nodes.inline(label, label)]
    kind, target = link_target(env, url)
    if kind == "doc":
        return [addnodes.pending_xref(
            "", nodes.inline(label, label), refdomain="std", reftype="doc", reftarget="/" + target,
            refexplicit=True, refwarn=True, refdoc=docname,
        )]
    if kind == "site":
        return [nodes.reference(label, label, refuri="site:" + target)]
    return [nodes.reference(label, label, refuri=target), home_url(refuri=target)]


def button(env: BuildEnvironment, url: str, label: str, docname: str) -> list[nodes.Node]:
    first, *rest = link_nodes(env, url, label, docname)
    return [home_button("", "", first), *rest]


# -- builders of each collection ---------------------------------------------------------


def _para(*children: nodes.Node | str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children),
                           classes=["sd-card-text", *classes])


def feature_card(env: BuildEnvironment, item: dict[str, Any], docname: str, location: Any) -> home_card:
    """Icon, title, description and a button to ``url`` (label ``button`` or "Learn more")."""
    card = home_card(classes=["home-feature"])
    icon = icon_name(str(item.get("icon", "")))
    if item.get("icon") and icon is None:
        _warn(env, HomeWarning.UNKNOWN_ICON, f"{item['_file'].name}: icon {item['icon']!r} has no octicon in ICONS; none shown", location)
    if icon:
        card += home_icon(name=icon)
    title = str(item.get("name") or item.get("title") or "")
    card += home_card_title(title, title)
    if item.get("description"):
        card += _para(str(item["description"]).strip())
    if item.get("url"):
        card += _para(*button(env, str(item["url"]), str(item.get("button") or "Learn more"), docname))
    return card


def icon_name(fa_classes: str) -> str | None:
    """The octicon for Font Awesome classes such as ``"fas fa-globe"``, or ``None``."""
    known = set(list_octicons())
    for name in fa_classes.split():
        if name in ICONS and ICONS[name] in known:
            return ICONS[name]
    return None


def slide_card(env: BuildEnvironment, item: dict[str, Any], docname: str) -> home_card:
    """Image, title, each paragraph of the slide's HTML: text lines, links as buttons."""
    card = home_card(classes=["home-slide"])
    image = str(item.get("image") or "").strip("/")
    if image and Path(env.srcdir, env.config.site_static_dir, image).is_file():
        card += nodes.image(uri=f"/{env.config.site_static_dir}/{image}", alt="", classes=["home-slide-image"])
    title = str(item.get("title") or "")
    card += home_card_title(title, title)
    soup = BeautifulSoup(str(item.get("description") or ""), "html.parser")
    for block in soup.find_all("p") or [soup]:
        links = block.find_all("a", href=True) if isinstance(block, Tag) else []
        if links:
            buttons = _para(classes=("home-slide-links",))
            for link in links:
                buttons += button(env, link["href"], link.get_text(" ", strip=True), docname)
            card += buttons
            continue
        lines = [t.strip() for t in block.get_text("\n").split("\n") if t.strip() and t.strip() != "..."]
        for line in lines:
            card += _para(line)
    return card


def alert_node(item: dict[str, Any]) -> nodes.Element:
    """An admonition with the alert's text (and its date, when given)."""
    text = str(item.get("text") or "").strip()
    note = nodes.admonition(classes=["home-alert", "attention"])
    title = str(item.get("name") or "").strip() or "Notice"
    note += nodes.title(title, title)
    note += nodes.paragraph(text, text)
    if item.get("date"):
        when = str(item["date"])
        note += nodes.paragraph(when, when, classes=["home-alert-date"])
    return note


def social_links(env: BuildEnvironment, items: list[dict[str, Any]], docname: str) -> nodes.bullet_list:
    """One list item per link: the site's icon image (when present) and the name."""
    listing = nodes.bullet_list(classes=["home-social"])
    for item in items:
        name, url = str(item.get("name") or item.get("url") or ""), str(item.get("url") or "")
        if not url:
            continue
        ref, *rest = link_nodes(env, url, name, docname)
        image = str(item.get("image") or "").strip("/")
        if image and Path(env.srcdir, env.config.site_static_dir, image).is_file():
            ref.insert(0, nodes.image(uri=f"/{env.config.site_static_dir}/{image}", alt="", classes=["home-social-icon"]))
        listing += nodes.list_item("", nodes.paragraph("", "", ref, *rest))
    return listing


# -- directive ------------------------------------------------------------------------


def columns_option(argument: str | None) -> int:
    """An integer from 1 to 4."""
    value = directives.positive_int(argument)
    if value > 4:
        raise ValueError("columns must be 1 to 4")
    return value


class SiteCollectionDirective(SphinxDirective):
    """``site-collection <features|carousel|alerts|clients>``: one home page collection.

    Options: ``:columns:`` (1-4, default 3), ``:no-heading:`` (leave out the
    title and subtitle of ``params.json``). Shows nothing when the site's switch
    for the collection is off.
    """

    required_arguments = 1
    option_spec: ClassVar[dict] = {"columns": columns_option, "no-heading": directives.flag}

    def run(self) -> list[nodes.Node]:
        collection = self.arguments[0]
        if collection not in COLLECTIONS:
            _warn(self.env, HomeWarning.UNKNOWN_COLLECTION, f"unknown collection {collection!r} (known: {', '.join(COLLECTIONS)})", self.get_location())
            return []
        env, docname = self.env, self.env.docname
        params_file = data_folder(env) / "params.json"
        env.note_dependency(str(params_file))
        listings = env.__dict__.setdefault("home_listings", {})
        listings.setdefault(docname, {})[collection] = [p.name for p in collection_files(env, collection)]
        switches = load_params(env).get("collections", {}).get(collection, {})
        if switches.get("enable") is False:
            return []
        items = load_items(env, collection, docname)
        if not items:
            return []
        result: list[nodes.Node] = []
        if "no-heading" not in self.options and switches.get("title"):
            result.append(nodes.rubric(switches["title"], switches["title"], classes=["home-heading"]))
            if switches.get("subtitle"):
                result.append(nodes.paragraph(switches["subtitle"], switches["subtitle"], classes=["home-subtitle"]))
        if collection == "alerts":
            result.extend(alert_node(item) for item in items)
        elif collection == "clients":
            result.append(social_links(env, items, docname))
        else:
            grid = home_grid(columns=self.options.get("columns", 3), classes=[f"home-{collection}"])
            for item in items:
                if collection == "features":
                    grid += feature_card(env, item, docname, self.get_location())
                else:
                    grid += slide_card(env, item, docname)
            result.append(grid)
        return result


def outdated_listings(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """``env-get-outdated``: pages whose collection folders gained or lost a file."""
    stale = []
    for docname, seen in getattr(env, "home_listings", {}).items():
        if docname in env.found_docs and any(
            [p.name for p in collection_files(env, c)] != names for c, names in seen.items()
        ):
            stale.append(docname)
    return stale


def purge_listings(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "home_listings", {}).pop(docname, None)


def merge_listings(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    mine = env.__dict__.setdefault("home_listings", {})
    for docname in docnames:
        if docname in getattr(other, "home_listings", {}):
            mine[docname] = other.home_listings[docname]


# -- HTML -------------------------------------------------------------------------------


class HomeButtonClasses(SphinxPostTransform):
    """HTML only: the resolved link inside each :class:`home_button` gets sphinx-design's button classes."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(home_button):
            for reference in node.findall(nodes.reference):
                reference["classes"] += ["sd-sphinx-override", "sd-btn", "sd-text-wrap", "sd-btn-primary", "home-button"]


def visit_grid_html(self: Any, node: home_grid) -> None:
    columns = int(node.get("columns", 3))
    self.body.append(self.starttag(node, "div", CLASS="sd-container-fluid sd-sphinx-override sd-mb-4 home-grid"))
    self.body.append(
        '<div class="sd-row sd-row-cols-1 sd-row-cols-xs-1 '
        f'sd-row-cols-sm-{min(columns, 2)} sd-row-cols-md-{columns} sd-row-cols-lg-{columns} sd-g-3">\n'
    )


def depart_grid_html(self: Any, node: home_grid) -> None:
    self.body.append("</div>\n</div>\n")


def visit_card_html(self: Any, node: home_card) -> None:
    self.body.append('<div class="sd-col sd-d-flex-row">\n')
    self.body.append(self.starttag(node, "div", CLASS="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm home-card"))
    self.body.append('<div class="sd-card-body">\n')


def depart_card_html(self: Any, node: home_card) -> None:
    self.body.append("</div>\n</div>\n</div>\n")


def visit_title_html(self: Any, node: home_card_title) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="sd-card-title sd-font-weight-bold home-card-title",
                                   role="heading", **{"aria-level": "3"}))


def depart_title_html(self: Any, node: home_card_title) -> None:
    self.body.append("</div>\n")


def visit_icon_html(self: Any, node: home_icon) -> None:
    self.body.append(f'<div class="home-card-icon">{get_octicon(node["name"], height="2.5em")}</div>\n')
    raise nodes.SkipNode


# -- LaTeX and text ---------------------------------------------------------------------


def visit_card_latex(self: Any, node: home_card) -> None:
    self.in_minipage += 1
    self.body.append("\n\\begin{sphinxtopic}\n")


def depart_card_latex(self: Any, node: home_card) -> None:
    self.in_minipage -= 1
    self.body.append("\\end{sphinxtopic}\n")


def visit_title_latex(self: Any, node: home_card_title) -> None:
    self.body.append("\\sphinxstyletopictitle{")


def depart_title_latex(self: Any, node: home_card_title) -> None:
    self.body.append("}\n\n")


def visit_url_latex(self: Any, node: home_url) -> None:
    self.body.append(f" (\\sphinxnolinkurl{{{self.encode_uri(node['refuri'])}}})")
    raise nodes.SkipNode


def visit_url_text(self: Any, node: home_url) -> None:
    self.add_text(f" <{node['refuri']}>")
    raise nodes.SkipNode


def visit_block_text(self: Any, node: nodes.Element) -> None:
    self.new_state(0)


def depart_block_text(self: Any, node: nodes.Element) -> None:
    self.end_state()


def _nothing(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


PASS, SKIP = (_nothing, _nothing), (_skip, None)
VISITORS: dict[type[nodes.Element], dict[str, tuple]] = {
    home_grid: {"html": (visit_grid_html, depart_grid_html), "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    home_card: {"html": (visit_card_html, depart_card_html), "latex": (visit_card_latex, depart_card_latex),
                "text": (visit_block_text, depart_block_text), "man": PASS, "texinfo": PASS},
    home_card_title: {"html": (visit_title_html, depart_title_html), "latex": (visit_title_latex, depart_title_latex),
                      "text": (visit_block_text, depart_block_text), "man": PASS, "texinfo": PASS},
    home_icon: {"html": (visit_icon_html, None), "latex": SKIP, "text": SKIP, "man": SKIP, "texinfo": SKIP},
    home_button: {"html": PASS, "latex": PASS, "text": PASS, "man": PASS, "texinfo": PASS},
    home_url: {"html": SKIP, "latex": (visit_url_latex, None), "text": (visit_url_text, None), "man": SKIP, "texinfo": SKIP},
}


# -- page context: footer links, description ---------------------------------------------


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: ``footer_links`` (title, relative URL) for the
    templates; the page's ``description`` front matter as its description and
    OpenGraph description (runs before sphinxext-opengraph, priority 400). The
    page's last update is :mod:`ext.last_updated`'s."""
    footer = load_params(app.env).get("footer", {})
    links = [(LICENCE[0], LICENCE[1])]
    for key, title in FOOTER_TITLES:
        url = footer.get(key)
        if url and is_safe_url(str(url)):  # the import leaves out the others (ext.hugo_import.config)
            links.append((title, footer_url(app, pagename, str(url))))
    context["footer_links"] = links
    context["footer_site"] = [(title, footer_lines(app, pagename, footer[key])) for key, title in FOOTER_SECTIONS
                              if isinstance(footer.get(key), list)]
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
        runs = []
        for run in line if isinstance(line, list) else []:
            if not isinstance(run, dict) or not str(run.get("text") or "").strip():
                continue
            url = str(run.get("url") or "")
            safe = url and is_safe_url(url)
            runs.append({"text": str(run["text"]), "strong": bool(run.get("strong")),
                         "url": footer_url(app, pagename, url) if safe else ""})
        if runs:
            shown.append(runs)
    return shown


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
    app.add_config_value("home_data_dir", "_data/site", "env", types=frozenset({str}))
    if "site_base_url" not in app.config.values:
        app.add_config_value("site_base_url", "", "env", types=frozenset({str}))
    if "site_static_dir" not in app.config.values:
        app.add_config_value("site_static_dir", "_site_static", "env", types=frozenset({str}))
    for node_class, visitors in VISITORS.items():
        app.add_node(node_class, **visitors)
    app.add_directive("site-collection", SiteCollectionDirective)
    app.add_post_transform(HomeButtonClasses)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-purge-doc", purge_listings)
    app.connect("env-merge-info", merge_listings)
    app.connect("html-page-context", page_context, priority=400)
    app.connect("config-inited", live_site_urls, priority=600)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
