"""A page's URL on the Hugo site, by Hugo's rules for pretty URLs.

``content/about/faq.md`` is ``/about/faq/``, a section's ``_index.md`` is the section
URL, a leaf bundle's ``index.md`` is its folder URL, and sections named in
``[Permalinks]`` use that pattern (``/blog/:year/:month/:day/:filename/``). ``url``
and ``slug`` in front matter are honoured. Paths are lower-cased, as Hugo does by
default; ``.`` and ``..`` steps are resolved as a browser does
(:func:`without_dot_segments`), so no URL leads above the site.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote
from typing import Any

from ..shared.slugs import urlize

#: The file names of a section's or a bundle's own page.
INDEX_NAMES = {"_index.md", "index.md"}


def without_dot_segments(path: str) -> str:
    """A site path with its ``.`` and ``..`` segments resolved, as a browser resolves
    them (RFC 3986's "remove dot segments"; a segment written ``%2e%2e`` is ``..``
    too): ``/../../x/`` is ``/x/``, never a path above the site. Other segments are
    kept as written (nothing is decoded here). Keeps a trailing slash; always starts
    with ``/``."""
    segments: list[str] = []
    raw = path.split("/")
    for segment in raw:
        dots = unquote(segment)
        if dots == "..":
            if segments:
                segments.pop()
        elif segment and dots != ".":
            segments.append(segment)
    trailing = "/" if segments and (raw[-1] == "" or unquote(raw[-1]) in {".", ".."}) else ""
    return "/" + "/".join(segments) + trailing


def page_url(source: str, front: dict[str, Any], date: datetime | None, permalinks: dict[str, str]) -> str:
    """The Hugo URL of content file ``source`` (relative to ``content/``). A ``url``
    in the front matter or a permalink pattern never leads above the site
    (:func:`without_dot_segments`)."""
    if front.get("url"):
        url = without_dot_segments("/" + str(front["url"]).strip("/") + "/")
        return url.lower() if url not in {"//", "/"} else "/"
    path = PurePosixPath(source)
    parts = list(path.parent.parts)
    if path.name in INDEX_NAMES:
        return without_dot_segments("/" + "".join(urlize(p) + "/" for p in parts))
    name = str(front.get("slug") or path.stem)
    section = parts[0] if parts else ""
    pattern = permalinks.get(section)
    if pattern and len(parts) >= 1:
        if date is None:  # Hugo's 0001/01/01 for a post without a date (or a bad one): no date parts
            undated = "/".join(part for part in (re.sub(r":(?:year|month|day)\b[-_.]?", "", seg).strip("-_.")
                                                 for seg in pattern.split("/")) if part)
            pattern = undated if ":" in undated else pattern  # a pattern of date parts only stays
        when = date or datetime(1, 1, 1)
        values = {
            ":year": f"{when.year:04d}", ":month": f"{when.month:02d}", ":day": f"{when.day:02d}",
            ":filename": urlize(path.stem), ":slug": urlize(name), ":section": urlize(section),
            ":title": urlize(str(front.get("title", name))),
        }
        url = re.sub(r":[a-z]+", lambda m: values.get(m.group(0), m.group(0)), pattern)
        url = without_dot_segments("/" + url.strip("/") + "/")
        return url if url.endswith("/") else url + "/"
    url = without_dot_segments("/" + "".join(urlize(p) + "/" for p in parts) + urlize(name) + "/")
    return url if url.endswith("/") else url + "/"
