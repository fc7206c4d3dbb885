"""Embeds: ``{youtube}``, ``{iframe}``, ``{pdf-embed}`` and ``{event-calendar}``.

Each directive makes one :class:`embed` node (format-neutral: kind, URL, title,
height). HTML builders draw the embed (a privacy-enhanced YouTube player, an
``<iframe>`` from an allowed host, a PDF viewer); LaTeX and text builders print
a labelled link with the URL readable on paper.

Config values: ``embeds_iframe_hosts`` (hosts allowed in ``{iframe}``, suffix
match; default: the converter's, :data:`ext.shared.embeds.IFRAME_HOSTS`, each with
its embed path) and ``embeds_calendar_url`` (the calendar shown by ``{event-calendar}``).
A host outside the list is a warning (``embeds.host``) and the embed becomes a
plain link; a ``{youtube}`` argument that is no video ID is a warning
(``embeds.youtube-id``) and no player. Warnings: ``type="embeds"``, subtypes in
:class:`EmbedWarning`.
"""

from __future__ import annotations

import html
from enum import Enum
from typing import Any, ClassVar
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ._common import add_html_assets, warn_typed
from .shared.embeds import IFRAME_HOSTS, iframe_allowed, on_host
from .shared.paths import SITE_SCHEME
from .shared.urls import YOUTUBE_ID
from .site_files import resolve_site_uri

WARNING_TYPE = "embeds"


class EmbedWarning(Enum):
    """The subtypes of ``embeds`` warnings."""

    YOUTUBE_ID = "youtube-id"
    """A ``{youtube}`` argument is no video ID (letters, digits, ``-`` and ``_``), so it
    could change the player's URL: no player is shown; the rest of the page builds."""

    HOST = "host"
    """An ``{iframe}`` URL's host is not in ``embeds_iframe_hosts``, or its path is not
    the embed path of a known host (``google.com`` pages from ``/maps`` only:
    :data:`ext.shared.embeds.IFRAME_HOSTS`): no frame, the URL is shown as a plain link
    (titled by ``:title:`` when given)."""


#: The default of ``embeds_iframe_hosts``: the hosts the converter keeps embeds of.
DEFAULT_IFRAME_HOSTS = tuple(IFRAME_HOSTS)
LABELS = {"youtube": "Video", "iframe": "Embedded page", "pdf": "PDF document", "calendar": "Calendar"}
#: The title of an ``{iframe}`` without one, by host (suffix match) and path prefix:
#: what the embed is, for the iframe's ``title`` (read out by screen readers) and the
#: link under it (and in the PDF). Other hosts: "Embedded page (host)".
IFRAME_TITLES = (
    ("google.com", "/maps", "Map (Google Maps)"),
    ("maps.google.com", "/", "Map (Google Maps)"),
    ("openstreetmap.org", "/", "Map (OpenStreetMap)"),
    ("docs.google.com", "/forms", "Form (Google Forms)"),
    ("calendar.google.com", "/", "Calendar (Google Calendar)"),
)


class embed(nodes.General, nodes.Element):
    """An embedded video, page, PDF or calendar.

    Attributes: ``kind`` (``youtube``/``iframe``/``pdf``/``calendar``), ``uri``
    (absolute URL, or ``site:`` path for the site's own files), ``title`` and
    ``height`` (CSS length, optional).
    """


def iframe_title(uri: str) -> str:
    """The title of an untitled ``{iframe}`` of ``uri`` (see :data:`IFRAME_TITLES`)."""
    parts = urlsplit(uri)
    host = (parts.hostname or "").lower()
    for domain, path, title in IFRAME_TITLES:
        if on_host(host, domain) and parts.path.startswith(path):
            return title
    return f"{LABELS['iframe']} ({host.removeprefix('www.')})" if host else LABELS["iframe"]


class EmbedDirective(SphinxDirective):
    """Base of the embed directives: one argument (ID or URL), ``:title:``, ``:height:``."""

    kind: ClassVar[str] = ""
    optional_arguments = 1
    final_argument_whitespace = False
    option_spec: ClassVar[dict] = {"title": directives.unchanged, "height": directives.length_or_percentage_or_unitless}

    def uri(self) -> str:
        return self.arguments[0] if self.arguments else ""

    def run(self) -> list[nodes.Node]:
        uri = self.uri()
        title = self.options.get("title", "") or LABELS[self.kind]
        node = embed(kind=self.kind, uri=uri, title=title, height=self.options.get("height", ""))
        self.set_source_info(node)
        return [node]


class YouTubeDirective(EmbedDirective):
    """``{youtube} VIDEO_ID`` with an optional ``:title:``."""

    kind = "youtube"
    required_arguments = 1
    optional_arguments = 0

    def uri(self) -> str:
        return f"https://www.youtube-nocookie.com/embed/{self.arguments[0]}"

    def run(self) -> list[nodes.Node]:
        if not YOUTUBE_ID.fullmatch(self.arguments[0]):
            warn_typed(self.config, WARNING_TYPE, EmbedWarning.YOUTUBE_ID,
                       f"{self.arguments[0]!r} is no YouTube video ID (letters, digits, - and _); no video shown",
                       self.get_location())
            return []
        return super().run()


class IframeDirective(EmbedDirective):
    """``{iframe} URL``: a map, form or calendar from an allowed host; without a
    ``:title:``, titled by what it shows (:func:`iframe_title`)."""

    kind = "iframe"
    required_arguments = 1
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        uri, hosts = self.arguments[0], self.config.embeds_iframe_hosts
        if not iframe_allowed(uri, hosts):
            host = (urlsplit(uri).hostname or "").lower()
            known = next((allowed for allowed in hosts if on_host(host, allowed)), None)
            why = (f"iframe host of {uri} is not in embeds_iframe_hosts" if known is None
                   else f"iframe {uri} is no embed: {known} pages are embedded from {IFRAME_HOSTS[known]} only")
            warn_typed(self.config, WARNING_TYPE, EmbedWarning.HOST, f"{why}; shown as a link", self.get_location())
            title = self.options.get("title") or uri
            ref = nodes.reference(title, title, refuri=uri)
            return [nodes.paragraph("", "", ref)]
        if not self.options.get("title"):
            self.options["title"] = iframe_title(self.arguments[0])
        return super().run()


class PdfEmbedDirective(EmbedDirective):
    """``{pdf-embed} site:/file/a.pdf`` (or an https URL): an inline PDF viewer."""

    kind = "pdf"
    required_arguments = 1
    optional_arguments = 0


class EventCalendarDirective(EmbedDirective):
    """``{event-calendar}``: the association's public calendar (``embeds_calendar_url``)."""

    kind = "calendar"
    optional_arguments = 0

    def uri(self) -> str:
        return self.config.embeds_calendar_url


def _final_uri(translator, node: embed) -> str:
    uri = node["uri"]
    if uri.startswith(SITE_SCHEME):
        # the LaTeX builder writes one assembled document: no current_docname (and
        # non-HTML builders resolve site: paths to absolute live URLs anyway)
        return resolve_site_uri(translator.builder, getattr(translator.builder, "current_docname", ""), uri)
    return uri


def visit_embed_html(self, node: embed) -> None:
    uri = html.escape(_final_uri(self, node), quote=True)
    title = html.escape(node["title"], quote=True)
    kind = node["kind"]
    style = f' style="height:{html.escape(node["height"])}"' if node.get("height") else ""
    self.body.append(f'<div class="embed embed-{kind}"{style}>')
    if kind == "pdf":
        self.body.append(
            f'<object data="{uri}" type="application/pdf" title="{title}">'
            f'<p><a href="{uri}">{title}</a></p></object>'
        )
    else:
        allow = ' allow="fullscreen; picture-in-picture" allowfullscreen' if kind == "youtube" else ""
        self.body.append(
            f'<iframe src="{uri}" title="{title}" loading="lazy" '
            f'referrerpolicy="strict-origin-when-cross-origin"{allow}></iframe>'
        )
    self.body.append(f'<p class="embed-link"><a href="{uri}">{title}</a></p></div>\n')
    raise nodes.SkipNode


def visit_embed_latex(self, node: embed) -> None:
    uri = _final_uri(self, node)
    label = LABELS[node["kind"]]
    # "Video: A talk", or just "Video:" when the title is the default label;
    # ragged right, so a long URL does not stretch the words before it
    title = "" if node["title"] == label else " " + self.encode(node["title"])
    self.body.append(
        "\n\\par{\\raggedright\\noindent\\textbf{" + self.encode(label) + ":}" + title
        + r" \sphinxhref{" + self.encode_uri(uri) + "}{" + r"\sphinxnolinkurl{" + self.encode_uri(uri) + "}}\\par}\n"
    )
    raise nodes.SkipNode


def visit_embed_text(self, node: embed) -> None:
    self.new_state(0)
    self.add_text(f"{LABELS[node['kind']]}: {node['title']} <{_final_uri(self, node)}>")
    self.end_state()
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("ext.site_files")
    app.add_config_value("embeds_iframe_hosts", DEFAULT_IFRAME_HOSTS, "env", types=frozenset({tuple, list}))
    app.add_config_value("embeds_calendar_url", "", "env", types=frozenset({str}))
    app.add_node(
        embed,
        html=(visit_embed_html, None),
        latex=(visit_embed_latex, None),
        text=(visit_embed_text, None),
    )
    app.add_directive("youtube", YouTubeDirective)
    app.add_directive("iframe", IframeDirective)
    app.add_directive("pdf-embed", PdfEmbedDirective)
    app.add_directive("event-calendar", EventCalendarDirective)
    app.add_css_file("embeds.css")
    app.connect("builder-inited", _add_static_path)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def _add_static_path(app: Sphinx) -> None:
    from pathlib import Path

    add_html_assets(app, Path(__file__).parent / "static")
