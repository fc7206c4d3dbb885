"""Which pages of other hosts the handbook embeds in an ``<iframe>``.

The converter keeps a Hugo page's ``<iframe>`` as an ``{iframe}``/``{youtube}``
directive only when :func:`iframe_allowed` says so (any other becomes a link and is
reported); the build (``ext.embeds``) shows an ``{iframe}`` only from the hosts of its
``embeds_iframe_hosts``, whose default is :data:`IFRAME_HOSTS`, with the same path
prefixes. ``youtu.be`` is no embed host: its links are YouTube's short share links,
whose pages refuse to be framed (an embed is ``youtube.com/embed/<id>``).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

#: Hosts whose pages may be embedded (suffix match: subdomains too), each with the
#: path an embedded page's URL must start with.
IFRAME_HOSTS = {
    "youtube.com": "/", "youtube-nocookie.com": "/",
    "google.com": "/maps", "maps.google.com": "/", "docs.google.com": "/forms",
    "calendar.google.com": "/calendar", "openstreetmap.org": "/",
}


def on_host(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains."""
    return host == domain or host.endswith("." + domain)


def iframe_allowed(url: str, hosts: Iterable[str] = IFRAME_HOSTS) -> bool:
    """Whether the page at ``url`` (absolute, or ``//host/path``) may be embedded: its
    host is one of ``hosts`` (or a subdomain), and for a host of :data:`IFRAME_HOSTS`
    its path starts with that host's prefix (a host added by a project: any path)."""
    parts = urlsplit(url if "//" in url else "https:" + url)
    host = (parts.hostname or "").lower()
    return any(on_host(host, allowed) and parts.path.startswith(IFRAME_HOSTS.get(allowed, "/")) for allowed in hosts)
