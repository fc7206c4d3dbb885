"""The printable member guide: a curated subset of the handbook as one LaTeX document.

The guide's root document (``latex_documents``, e.g. ``member-guide``) lists its
chapters with ``{guide-toctree}``: one document name per line, absolute
(``/about/faq``) or relative to the root. A name that is not a document of the
project is a warning (``guide.missing-page``, at the directive's line) and is
left out, so the guide of a site that lacks a page still builds.

What the directive makes depends on the builder:

* LaTeX: a normal toctree of the pages that exist; each page is a chapter.
* every other builder: a plain list of links to those pages, so the guide's
  page does not become a second parent of the pages in the site's navigation.

LaTeX builds only read what the guide needs (config ``member_guide_narrow_read``,
default ``True``): the root document, the start documents of
``latex_documents`` and the pages their ``guide-toctree`` lists. The rest of
the project is still *found* (``env.found_docs``), so links to it, ``site:``
links and event pages resolve; in the PDF they become links to the page on the
live site (``site_base_url``, see :mod:`ext.site_files`), printed readably by
``latex_show_urls``. Toctrees inside guide pages (a section's navigation) are
dropped from the LaTeX build: the guide's chapters are its toctree only.

Other LaTeX output of this module: ``site:`` links to a page of the guide become
internal PDF links (``%docname#id``), links to a page outside the guide become
live URLs, and the title page macros ``\\memberguideorganisation`` (the site's
title after its short name, from ``_generated/site.json``) are defined. The logo
(``latex_logo``, unless conf.py set one) is the first file of
``member_guide_logo`` that exists in the source folder; none is fine.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging, texescape
from sphinx.util.docutils import SphinxDirective

from ._common import warn_typed
from .shared.paths import SITE_FACTS, SITE_SCHEME, STATIC_DIR
from .site_files import live_uri, site_path, site_target_exists

logger = logging.getLogger(__name__)

DIRECTIVE = "guide-toctree"
WARNING_TYPE = "guide"
#: ```{guide-toctree} or :::{guide-toctree} ... up to the closing fence (MyST).
_FENCED_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{" + DIRECTIVE + r"\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
    re.MULTILINE | re.DOTALL,
)
DEFAULT_LOGOS = tuple(f"{STATIC_DIR}/img/logo.{suffix}" for suffix in ("png", "jpg", "pdf"))


# -- Entries -----------------------------------------------------------------------

def guide_entries(lines: Iterable[str]) -> list[tuple[int, str]]:
    """The page entries of a ``guide-toctree`` body: ``(line offset, entry)`` pairs,
    skipping blank lines, ``:option:`` lines and ``%``/``#`` comments."""
    entries = []
    for offset, line in enumerate(lines):
        text = line.strip()
        if text and not text.startswith((":", "%", "#")):
            entries.append((offset, text))
    return entries


def entry_docname(entry: str, from_docname: str) -> str:
    """``/about/faq`` or ``faq`` (relative to ``from_docname``) -> ``about/faq``;
    a trailing ``/`` or ``.md`` is allowed (``/about/`` -> ``about/index``)."""
    name = entry.removesuffix(".md")
    if name.endswith("/"):
        name += "index"
    if name.startswith("/"):
        return posixpath.normpath(name.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_docname), name))


def guide_pages_in_source(text: str, from_docname: str) -> list[str]:
    """The docnames listed by every ``guide-toctree`` block of a MyST source text."""
    pages = []
    for block in _FENCED_BLOCK.finditer(text):
        pages += [entry_docname(entry, from_docname) for _, entry in guide_entries(block["body"].splitlines())]
    return pages


class GuideWarning(Enum):
    """The subtypes of ``guide`` warnings."""

    MISSING_PAGE = "missing-page"
    """A ``{guide-toctree}`` entry is not a document of the project: it is left out of the
    guide (no chapter in the PDF, no link in the HTML list); the guide still builds."""


def warn_missing_page(config: Any, entry: str, location: tuple[str, int]) -> None:
    """The ``guide.missing-page`` warning for ``entry`` at ``(docname, line)``."""
    warn_typed(config, WARNING_TYPE, GuideWarning.MISSING_PAGE,
               f"guide page {entry!r} is not a document of this project; left out of the guide", location)


# -- The directive -------------------------------------------------------------------

class guide_contents(nodes.General, nodes.Element):
    """The guide's chapters, format-neutral until ``doctree-read`` places them.

    Attributes: ``pages`` (list of docnames, in order), ``maxdepth`` (int),
    ``caption`` (str or ``None``).
    """


class GuideToctreeDirective(SphinxDirective):
    """``{guide-toctree}``: the guide's chapters, one document name per line.

    Options: ``:maxdepth:`` (int, default 2) and ``:caption:``. Emits
    ``guide.missing-page`` for each entry that is not a document of the project.
    """

    has_content = True
    option_spec: ClassVar[dict] = {"maxdepth": directives.nonnegative_int, "caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        pages = []
        for offset, entry in guide_entries(self.content):
            target = entry_docname(entry, docname)
            if target in self.env.found_docs:
                pages.append(target)
                continue
            warn_missing_page(self.config, entry, (docname, self.entry_line(entry, offset)))
        node = guide_contents(pages=pages, maxdepth=self.options.get("maxdepth", 2), caption=self.options.get("caption"))
        self.set_source_info(node)
        return [node]

    def entry_line(self, entry: str, offset: int) -> int:
        """The source line of ``entry`` (MyST gives content offsets without the option lines)."""
        lines = self.env.doc2path(self.env.docname).read_text(encoding="utf-8").splitlines()
        for number in range(self.lineno, len(lines)):
            if lines[number].strip() == entry:
                return number + 1
        return self.lineno + 1 + offset


def contents_toctree(node: guide_contents, docname: str) -> nodes.compound:
    """The LaTeX form of :class:`guide_contents`: a toctree, each page a chapter."""
    pages = node["pages"]
    toctree = addnodes.toctree(
        parent=docname, entries=[(None, page) for page in pages], includefiles=list(pages),
        maxdepth=node["maxdepth"], caption=node["caption"],
        glob=False, hidden=False, includehidden=False, numbered=0, titlesonly=False,
    )
    toctree.source, toctree.line = node.source, node.line
    return nodes.compound("", toctree, classes=["toctree-wrapper"])


def contents_list(node: guide_contents, docname: str) -> nodes.Element:
    """The form of :class:`guide_contents` for every other builder: a list of links."""
    items = nodes.bullet_list(classes=["member-guide-pages"])
    for page in node["pages"]:
        xref = addnodes.pending_xref(
            "", nodes.inline(), refdomain="std", reftype="doc", reftarget="/" + page,
            refexplicit=False, refwarn=True, refdoc=docname,
        )
        items += nodes.list_item("", nodes.paragraph("", "", xref))
    if not node["caption"]:
        return items
    return nodes.container("", nodes.rubric(node["caption"], node["caption"]), items, classes=["member-guide"])


def place_guide_contents(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (before the toctree collector): :class:`guide_contents`
    becomes a toctree in LaTeX builds, a list of links otherwise; in LaTeX builds
    the toctrees of pages that are not a guide's start document are dropped."""
    latex = app.builder.format == "latex"
    docname = app.env.docname
    for node in list(doctree.findall(guide_contents)):
        node.replace_self(contents_toctree(node, docname) if latex else contents_list(node, docname))
    if latex and docname not in guide_start_docs(app):
        drop_toctrees(doctree)


# -- LaTeX builds read the guide only -------------------------------------------------

def guide_start_docs(app: Sphinx) -> list[str]:
    """The start documents of ``latex_documents`` (docnames)."""
    return [entry[0] for entry in app.config.latex_documents]


def narrow_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: in LaTeX builds keep only the guide's documents in
    ``docnames`` (in place); the others stay found but unread."""
    if app.builder.format != "latex" or not app.config.member_guide_narrow_read:
        return
    wanted = {app.config.root_doc, *guide_start_docs(app)}
    for start in guide_start_docs(app):
        if start in env.found_docs:
            text = env.doc2path(start).read_text(encoding="utf-8")
            wanted.update(guide_pages_in_source(text, start))
    skipped = len([name for name in docnames if name not in wanted])
    docnames[:] = [name for name in docnames if name in wanted]
    if skipped:
        logger.info("member guide: reading %d documents, %d others left unread", len(docnames), skipped)


def drop_toctrees(doctree: nodes.document) -> None:
    """Remove every toctree (with its wrapper) from ``doctree``."""
    for toctree in list(doctree.findall(addnodes.toctree)):
        wrapper = toctree.parent
        if isinstance(wrapper, nodes.compound) and "toctree-wrapper" in wrapper["classes"] and len(wrapper) == 1:
            wrapper.parent.remove(wrapper)
        else:
            toctree.parent.remove(toctree)


# -- Links in the PDF -------------------------------------------------------------------

def page_path(docname: str) -> str:
    """The URL path of a document on the live site (``dirhtml``): ``about/index`` -> ``/about/``."""
    if docname == "index":
        return "/"
    return "/" + docname.removesuffix("/index") + "/"


def live_reference(config: Any, docname: str, anchor: str, children: list[nodes.Node]) -> nodes.reference:
    uri = live_uri(config, page_path(docname)) + (f"#{anchor}" if anchor else "")
    return nodes.reference("", "", *children, refuri=uri, internal=False)


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def is_image_link(node: nodes.reference) -> bool:
    """A link from an image to an image file ("click to enlarge"): useless on paper."""
    path = node.get("refuri", "").split("#", 1)[0].split("?", 1)[0].lower()
    return path.endswith(IMAGE_SUFFIXES) and bool(node.children) and all(
        isinstance(child, nodes.image) for child in node.children)


class UnreadPageLinks(SphinxPostTransform):
    """Before the resolvers: references to documents found but not read (pages
    outside the guide) become links to the live site instead of warnings."""

    default_priority = 8  # before MyST's resolver (9) and Sphinx's (10)
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = self.unread_target(node)
            if target is None:
                continue
            docname, anchor = target
            children = [child.deepcopy() for child in node.children]
            if not node.astext().strip():
                title = docname
                children = [nodes.inline(title, title)]
            node.replace_self(live_reference(self.config, docname, anchor, children))

    def unread_target(self, node: addnodes.pending_xref) -> tuple[str, str] | None:
        if node.get("reftype") == "myst" and node.get("refdomain") == "doc":
            docname, anchor = node["reftarget"], node.get("reftargetid") or ""
        elif node.get("refdomain") == "std" and node.get("reftype") == "doc":
            target = node["reftarget"]
            docname = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(node.get("refdoc", self.env.docname)), target))
            anchor = ""
        else:
            return None
        if docname in self.env.found_docs and docname not in self.env.all_docs:
            return docname, anchor
        return None


class GuideLinks(SphinxPostTransform):
    """After the resolvers, on the assembled guide: a link to a page of the guide is
    an internal PDF link, a link to any other page goes to the live site, so no
    ``\\hyperref`` points to a label the PDF lacks."""

    default_priority = 20  # after the resolvers, before ShowUrlsTransform (400)
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        ids = self.ids_per_document()
        for node in list(self.document.findall(nodes.reference)):
            uri = node.get("refuri", "")
            if uri.startswith("%"):
                docname, _, anchor = uri[1:].partition("#")
                if docname not in ids:
                    node["refuri"] = live_uri(self.config, page_path(docname)) + (f"#{anchor}" if anchor else "")
                    node["internal"] = False
            elif uri.startswith(SITE_SCHEME):
                self.rewrite_site_link(node, uri, ids)
            if is_image_link(node):
                node.replace_self(node.children)

    def ids_per_document(self) -> dict[str, set[str]]:
        """``{docname: ids}`` of every document in this (assembled) doctree."""
        ids: dict[str, set[str]] = {self.env.docname: set()}

        def walk(node: nodes.Element, docname: str) -> None:
            for child in node.children:
                if not isinstance(child, nodes.Element):
                    continue
                name = child["docname"] if isinstance(child, addnodes.start_of_file) else docname
                ids.setdefault(name, set()).update(child.get("ids", ()))
                walk(child, name)

        walk(self.document, self.env.docname)
        return ids

    def rewrite_site_link(self, node: nodes.reference, uri: str, ids: dict[str, set[str]]) -> None:
        path = site_path(uri)
        page, _, anchor = path.partition("#")
        stripped = page.split("?", 1)[0].strip("/")
        for docname in (stripped, posixpath.join(stripped, "index")) if stripped else ("index",):
            if docname in ids:
                node["refuri"] = f"%{docname}#{anchor}" if anchor in ids[docname] else f"%{docname}"
                node["internal"] = True
                return
        if site_target_exists(self.env, path):
            # the live URL now, so that latex_show_urls prints it; ext.site_files
            # still warns about the targets that do not exist
            node["refuri"] = live_uri(self.config, path)


# -- Title page, logo, converter ------------------------------------------------------------

def organisation_name(srcdir: Path, fallback: str) -> str:
    """The association's full name: the site title (``_generated/site.json``) after
    its short name ("IASSIST - International Association ..."), else ``fallback``."""
    facts_file = srcdir / SITE_FACTS
    if not facts_file.is_file():
        return fallback
    title = json.loads(facts_file.read_text(encoding="utf-8")).get("title", "") or fallback
    short, sep, rest = title.partition(" - ")
    return rest.strip() if sep and rest.strip() else title


def configure_latex(app: Sphinx, config: Any) -> None:
    """``config-inited``: the logo, the title page macros and an ImageMagick converter."""
    srcdir = Path(app.srcdir)
    if not config.latex_logo:
        for candidate in config.member_guide_logo:
            if (srcdir / candidate).is_file():
                config.latex_logo = str(srcdir / candidate)
                break
    name = texescape.escape(organisation_name(srcdir, config.author), "xelatex")
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n\\newcommand{\\memberguideorganisation}{" + name + "}\n"
    config.latex_elements = elements
    converter = find_imagemagick(config.image_converter) if "image_converter" in config else None
    if converter:
        config.image_converter = converter


def find_imagemagick(configured: str) -> str | None:
    """An ImageMagick command to use instead of ``configured`` when that one is not
    ImageMagick (another ``convert`` earlier in ``PATH``); ``None`` to keep it."""
    candidates = [configured, "magick", "/usr/bin/convert", "/usr/local/bin/magick"]
    for command in candidates:
        path = shutil.which(command)
        if path and is_imagemagick(path):
            return None if command == configured else path
    return None


def is_imagemagick(path: str) -> bool:
    try:
        result = subprocess.run([path, "-version"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "ImageMagick" in result.stdout


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("ext.site_files")
    app.add_config_value("member_guide_narrow_read", True, "env", types=frozenset({bool}))
    app.add_config_value("member_guide_logo", DEFAULT_LOGOS, "env", types=frozenset({tuple, list}))
    app.add_node(guide_contents)
    app.add_directive(DIRECTIVE, GuideToctreeDirective)
    app.add_post_transform(UnreadPageLinks)
    app.add_post_transform(GuideLinks)
    app.connect("config-inited", configure_latex, priority=600)
    app.connect("env-before-read-docs", narrow_reading)
    app.connect("doctree-read", place_guide_contents, priority=400)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
