"""The home page's collections: feature boxes, slides, alerts, social links, from the site's data.

The import copies the site's ``data/<collection>/*.yaml`` and the ``config.toml``
switches to ``<srcdir>/_data/site/`` (read by :mod:`ext.site_data`). The directive ::

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

The cards are the one card component of :mod:`ext.cards` (family ``"home"``: classes
``home-grid``, ``home-card``, ``home-card-title``, ``home-card-icon``, ``home-button``),
with its HTML, LaTeX and text visitors. Every data file read is an
``env.note_dependency`` of the page; adding or removing a file re-reads the page too
(``env-get-outdated``). Links to the site's own pages become ``pending_xref``
(``std:doc``), files of the site ``site:`` references, other URLs external references.

The extension also loads :mod:`ext.site_pages` (every page's footer, description and
base URL).

Warnings (``type="home"``, :class:`ext.site_data.HomeWarning`): ``home.bad-data`` (a
YAML file that does not parse, at the line the parser names, or is no mapping: left
out), ``home.unknown-collection``, ``home.unknown-icon``, ``home.unsafe-url`` (a link
whose URL is not a safe one, :func:`ext.shared.urls.is_safe_url`: its text is shown
without the link; the import removes them from the data it copies, so this is a second
line of defence).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_design.icons import list_octicons

from ext.cards import CardFamily, Link, card, card_text, columns_option, link_nodes, setup_cards
from ext.shared.icons import ICONS
from ext.shared.paths import SITE_SCHEME
from ext.shared.urls import is_safe_url
from ext.site_data import (
    PARAMS_FILE, HomeWarning, add_site_config, collection_files, data_folder, link_target, load_items, load_params,
    warn_home,
)

COLLECTIONS = ("features", "carousel", "alerts", "clients")
#: The home page's cards (HTML classes ``home-grid``, ``home-card``...).
HOME_CARDS = CardFamily("home")


# -- links ----------------------------------------------------------------------------


def site_link(env: BuildEnvironment, url: str, label: str, docname: str) -> Link:
    """Where ``url`` of the site's data leads (:func:`ext.site_data.link_target`):
    nowhere (a ``home.unsafe-url`` warning) when it is not a safe one."""
    if not is_safe_url(url):
        warn_home(env, HomeWarning.UNSAFE_URL, f"unsafe URL {url[:40]!r} of {label!r} removed", docname)
        return Link()
    kind, target = link_target(env, url)
    if kind == "doc":
        return Link(docname=target)
    return Link(url=SITE_SCHEME + target if kind == "site" else target)


def button(env: BuildEnvironment, url: str, label: str, docname: str) -> list[nodes.Node]:
    """A card button with ``label`` to ``url`` (its label alone when the URL is unsafe)."""
    return HOME_CARDS.button(site_link(env, url, label, docname), label, docname)


# -- builders of each collection ---------------------------------------------------------


def feature_card(env: BuildEnvironment, item: dict[str, Any], docname: str, location: Any) -> card:
    """Icon, title, description and a button to ``url`` (label ``button`` or "Learn more")."""
    feature = HOME_CARDS.card(classes=["home-feature"])
    icon = icon_name(str(item.get("icon", "")))
    if item.get("icon") and icon is None:
        warn_home(env, HomeWarning.UNKNOWN_ICON,
                  f"{item['_file'].name}: icon {item['icon']!r} has no octicon in ICONS; none shown", location)
    if icon:
        feature += HOME_CARDS.icon(icon)
    feature += HOME_CARDS.title(str(item.get("name") or item.get("title") or ""))
    if item.get("description"):
        feature += card_text(str(item["description"]).strip())
    if item.get("url"):
        feature += card_text(*button(env, str(item["url"]), str(item.get("button") or "Learn more"), docname))
    return feature


def icon_name(fa_classes: str) -> str | None:
    """The octicon for Font Awesome classes such as ``"fas fa-globe"``, or ``None``."""
    known = set(list_octicons())
    for name in fa_classes.split():
        if name in ICONS and ICONS[name] in known:
            return ICONS[name]
    return None


def static_image(env: BuildEnvironment, item: dict[str, Any], classes: list[str]) -> nodes.image | None:
    """The item's ``image`` (a path of the site's static files), when that file exists."""
    image = str(item.get("image") or "").strip("/")
    if image and Path(env.srcdir, env.config.site_static_dir, image).is_file():
        return nodes.image(uri=f"/{env.config.site_static_dir}/{image}", alt="", classes=classes)
    return None


def slide_card(env: BuildEnvironment, item: dict[str, Any], docname: str) -> card:
    """Image, title, each paragraph of the slide's HTML: text lines, links as buttons."""
    slide = HOME_CARDS.card(classes=["home-slide"])
    image = static_image(env, item, ["home-slide-image"])
    if image is not None:
        slide += image
    slide += HOME_CARDS.title(str(item.get("title") or ""))
    soup = BeautifulSoup(str(item.get("description") or ""), "html.parser")
    for block in soup.find_all("p") or [soup]:
        links = block.find_all("a", href=True) if isinstance(block, Tag) else []
        if links:
            buttons = card_text(classes=("home-slide-links",))
            for link in links:
                buttons += button(env, link["href"], link.get_text(" ", strip=True), docname)
            slide += buttons
            continue
        lines = [t.strip() for t in block.get_text("\n").split("\n") if t.strip() and t.strip() != "..."]
        for line in lines:
            slide += card_text(line)
    return slide


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
        ref, *rest = link_nodes(site_link(env, url, name, docname), name, docname)
        image = static_image(env, item, ["home-social-icon"])
        if image is not None:
            ref.insert(0, image)
        listing += nodes.list_item("", nodes.paragraph("", "", ref, *rest))
    return listing


# -- directive ------------------------------------------------------------------------


def heading_nodes(switches: dict[str, Any]) -> list[nodes.Node]:
    """The collection's title (a rubric) and subtitle of ``params.json``, when set."""
    if not switches.get("title"):
        return []
    result: list[nodes.Node] = [nodes.rubric(switches["title"], switches["title"], classes=["home-heading"])]
    if switches.get("subtitle"):
        result.append(nodes.paragraph(switches["subtitle"], switches["subtitle"], classes=["home-subtitle"]))
    return result


def grid_of_cards(collection: str, make_card: Callable[[dict[str, Any]], card], items: list[dict[str, Any]],
                 columns: int) -> nodes.Element:
    """A grid of one card per item (the home grid's gutter: sphinx-design's base one)."""
    grid = HOME_CARDS.grid(columns, classes=[f"home-{collection}"])
    for item in items:
        grid += make_card(item)
    return grid


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
            warn_home(self.env, HomeWarning.UNKNOWN_COLLECTION,
                      f"unknown collection {collection!r} (known: {', '.join(COLLECTIONS)})", self.get_location())
            return []
        self.note_listing(collection)
        switches = load_params(self.env).get("collections", {}).get(collection, {})
        if switches.get("enable") is False:
            return []
        items = load_items(self.env, collection, self.env.docname)
        if not items:
            return []
        heading = [] if "no-heading" in self.options else heading_nodes(switches)
        return heading + self.collection_nodes(collection, items)

    def note_listing(self, collection: str) -> None:
        """``params.json`` and the collection's folder are dependencies of the page."""
        env = self.env
        env.note_dependency(str(data_folder(env) / PARAMS_FILE))
        listings = env.__dict__.setdefault("home_listings", {})
        listings.setdefault(env.docname, {})[collection] = [p.name for p in collection_files(env, collection)]

    def collection_nodes(self, collection: str, items: list[dict[str, Any]]) -> list[nodes.Node]:
        env, docname = self.env, self.env.docname
        if collection == "alerts":
            return [alert_node(item) for item in items]
        if collection == "clients":
            return [social_links(env, items, docname)]
        columns = self.options.get("columns", 3)
        if collection == "features":
            return [grid_of_cards(collection, lambda i: feature_card(env, i, docname, self.get_location()), items, columns)]
        return [grid_of_cards(collection, lambda i: slide_card(env, i, docname), items, columns)]


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


def setup(app: Sphinx) -> dict[str, Any]:
    add_site_config(app)
    setup_cards(app)
    app.add_directive("site-collection", SiteCollectionDirective)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-purge-doc", purge_listings)
    app.connect("env-merge-info", merge_listings)
    app.setup_extension("ext.site_pages")
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
