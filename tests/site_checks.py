"""Checks on a built handbook that a reader would notice: pages, links, images, leftovers."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def visible_text(soup: BeautifulSoup) -> str:
    """The text a reader sees in the page's article, but for code blocks (``pre``): a
    page may show MyST or HTML as an example there (the maintainer guide does)."""
    main = soup.find("article") or soup
    for tag in main.find_all(["script", "style", "pre"]):
        tag.decompose()
    return main.get_text(" ")


def broken_references(outdir: Path) -> tuple[list[str], list[str]]:
    """(problems with leftovers, broken internal href/src) over every HTML page."""
    leftovers, broken = [], []
    for page in sorted(outdir.rglob("index.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith(("_static", "_images", "_sources")) or "full-program" in rel or "full_program" in rel:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        text = visible_text(soup)
        for marker in ("{{<", "{{%", "&lt;div", "&lt;span", "<div", ":::{", "&#10;", "&#32;"):
            if marker in text:
                leftovers.append(f"{rel}: {marker!r} in the visible text")
        base = posixpath.dirname(rel)
        for tag, attr in (("a", "href"), ("img", "src")):
            for node in soup.find_all(tag):
                url = node.get(attr)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//", "mailto:")):
                    continue
                path = unquote(urlsplit(url).path)
                # Root-absolute links (the 404 page, served at any depth) start at the output root.
                joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
                target = outdir / posixpath.normpath(joined)
                if path.endswith("/") or target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{rel}: {tag} {attr}={url!r}")
    return leftovers, broken


def page_size_kb(path: Path) -> float:
    return path.stat().st_size / 1024


__all__ = ["broken_references", "visible_text", "page_size_kb", "re"]


# -- Safe output -----------------------------------------------------------------------------

#: The scripts a page may load: Sphinx's, furo's, sphinx-design's and the handbook's own
#: static files (paths relative to the output root, without the ``?v=`` cache key).
ALLOWED_SCRIPTS = frozenset({
    "_static/documentation_options.js", "_static/doctools.js", "_static/sphinx_highlight.js",
    "_static/searchtools.js", "_static/language_data.js", "searchindex.js",  # Sphinx
    "_static/scripts/furo.js",  # furo
    "_static/design-tabs.js",  # sphinx-design
    "_static/version-menu.js",  # ours (docs/_static)
})
#: furo's one inline script: the colour scheme chosen before the page is painted.
FURO_INLINE = 'document.body.dataset.theme = localStorage.getItem("theme") || "auto";'
_TEXT_SUFFIXES = (".html", ".htm", ".js", ".json", ".xml", ".ics", ".txt", ".css", ".svg")


def _script_problems(script, page: Path, outdir: Path) -> list[str]:
    if script.get("src"):
        src = urlsplit(script["src"])
        if src.scheme or src.netloc:
            return [f"script {script['src']}"]
        base = "" if src.path.startswith("/") else page.parent.relative_to(outdir).as_posix()  # the 404 page: root-relative
        path = posixpath.normpath(posixpath.join(base, src.path.lstrip("/")))
        return [] if path in ALLOWED_SCRIPTS else [f"script {script['src']}"]
    text = (script.string or "").strip()
    if script.get("type") == "application/ld+json":
        try:
            json.loads(text)
        except ValueError:
            return ["a JSON-LD script that is not JSON"]
        return []
    return [] if text == FURO_INLINE else [f"inline script {text[:60]!r}"]


#: The attributes whose value a browser follows or loads as a URL.
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                   "cite", "longdesc", "manifest", "ping", "xlink:href"}


def _holds_url(tag, name: str) -> bool:
    """Whether attribute ``name`` of ``tag`` is a URL: one of :data:`_URL_ATTRIBUTES`, or
    the ``content`` of a ``<meta>`` that refreshes or names a URL or image (``og:url``,
    ``twitter:image`` …). A page's description that quotes the text ``javascript:`` is
    text, not a URL."""
    name = name.lower()
    if name in _URL_ATTRIBUTES:
        return True
    if tag.name == "meta" and name == "content":
        kind = str(tag.get("http-equiv") or tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        return tag.has_attr("http-equiv") or kind.endswith(("url", "image", "video", "audio"))
    return False


def unsafe_output(outdir: Path, iframe_hosts: tuple[str, ...], secrets: list[str]) -> list[str]:
    """Everything in the built handbook ``outdir`` that could run code or leak a secret,
    as ``"page: what"`` lines (empty when safe): scripts other than ``ALLOWED_SCRIPTS`` and
    furo's inline one, ``on*`` attributes, ``javascript:`` URLs (:func:`_holds_url`), iframes from hosts outside
    ``iframe_hosts`` (suffix match), ``target="_blank"`` links without ``rel="noopener"``,
    and any of ``secrets`` in any text file of the output."""
    found: list[str] = []
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or not path.name.endswith(_TEXT_SUFFIXES):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(outdir).as_posix()
        found += [f"{where}: a secret of config.toml ({s[:4]}...)" for s in secrets if s in text]
        if not path.name.endswith((".html", ".htm")):
            continue
        soup = BeautifulSoup(text, "html.parser")
        for script in soup.find_all("script"):
            found += [f"{where}: {p}" for p in _script_problems(script, path, outdir)]
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{tag.name} {name}>")
                elif _holds_url(tag, name) and re.match(r"\s*javascript:", value, re.IGNORECASE):
                    found.append(f"{where}: javascript: URL in <{tag.name} {name}>")
            if tag.name == "iframe":
                host = (urlsplit(tag.get("src", "")).hostname or "").lower()
                if not any(host == h or host.endswith("." + h) for h in iframe_hosts):
                    found.append(f"{where}: iframe from {host or tag.get('src')}")
            if tag.name in ("a", "area", "form") and tag.get("target") == "_blank":
                if "noopener" not in tag.get("rel", []) and "noreferrer" not in tag.get("rel", []):
                    found.append(f"{where}: target=_blank without rel=noopener: {tag.get('href')}")
    return found


def config_secrets(config_toml: Path) -> list[str]:
    """The values of ``config.toml`` keys that name a key, token, secret, password or an
    analytics id (``googleMapsApiKey``, ``googleAnalytics``), at any depth."""
    import tomllib

    secret_key = re.compile(r"key|token|secret|password|analytics", re.IGNORECASE)

    def walk(table) -> list[str]:
        values = []
        for key, value in table.items():
            if isinstance(value, dict):
                values += walk(value)
            elif isinstance(value, str) and secret_key.search(key) and len(value) >= 6:
                values.append(value)
        return values

    return walk(tomllib.loads(config_toml.read_text(encoding="utf-8")))
