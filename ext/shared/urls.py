"""Which URLs the handbook may link to: the one allow-list for every URL the import
reads (links in pages, ``config.toml``, ``netlify.toml``, front matter, ``data/`` files)
and the Sphinx extensions check again before they write one.

A URL is safe when it has no scheme (a site path ``/x/``, a relative path, a fragment,
a protocol-relative ``//host/x``) or its scheme is one of :data:`SAFE_SCHEMES`. The
scheme is read as browsers read it (:func:`urllib.parse.urlsplit` drops the tabs,
newlines and leading control characters browsers ignore, so ``" java\\tscript:"`` is
``javascript:``). Anything else (``javascript:``, ``vbscript:``, ``data:``, an unknown
scheme, a URL that does not parse) is not linked: the callers report it (kind
``unsafe-html`` in a page, ``unsafe-url`` elsewhere) and keep the text without the link.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

#: URL schemes kept as links (``conf.py`` passes them to ``myst_url_schemes``).
SAFE_SCHEMES = ("http", "https", "mailto", "ftp", "sftp", "tel", "news", "nntp", "irc", "gopher", "telnet", "webcal")
#: The schemes of a page's address: a redirect's target, the site's ``baseurl``.
WEB_SCHEMES = ("http", "https")


def url_scheme(url: str) -> str | None:
    """The lower-cased scheme of ``url`` (``""`` when it has none), as a browser reads
    it; ``None`` when ``url`` does not parse (``http://[x``)."""
    try:
        return urlsplit(str(url).strip()).scheme.lower()
    except ValueError:
        return None


def is_safe_url(url: str, schemes: tuple[str, ...] = SAFE_SCHEMES) -> bool:
    """Whether ``url`` may be linked: no scheme (a path on the site), or one of
    ``schemes`` (:data:`SAFE_SCHEMES`; :data:`WEB_SCHEMES` where only a web page will
    do). A URL that does not parse is not safe."""
    scheme = url_scheme(url)
    return scheme is not None and (scheme == "" or scheme in schemes)


def shown_url(url: str, limit: int = 40) -> str:
    """``url`` as a problem quotes it: ``repr`` of its first ``limit`` characters."""
    return repr(str(url)[:limit])


def climbs_above_root(path: str) -> bool:
    """Whether site path ``path`` (or URL pattern) has a ``..`` segment (written
    ``..`` or ``%2e%2e``) that would lead above the site's root, which
    :func:`ext.hugo_import.site_urls.without_dot_segments` stops at the root."""
    depth = 0
    for segment in path.split("?")[0].split("#")[0].split("/"):
        dots = unquote(segment)
        if dots == "..":
            if depth == 0:
                return True
            depth -= 1
        elif segment and dots != ".":
            depth += 1
    return False


#: A YouTube video ID as the player's URL takes it (``dQw4w9WgXcQ``): 1 to 64 letters,
#: digits, ``-`` and ``_``; anything else would change the player's URL. Checked by the
#: import (``{{< youtube >}}``) and by the ``{youtube}`` directive (:mod:`ext.embeds`).
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
