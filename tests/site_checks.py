"""Checks on a built handbook that a reader would notice: pages, links, images, leftovers."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def visible_text(soup: BeautifulSoup) -> str:
    main = soup.find("article") or soup
    for tag in main.find_all(["script", "style"]):
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
