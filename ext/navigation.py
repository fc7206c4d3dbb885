"""Navigation that scales: furo's sidebar with only the current branch expanded,
rendered from one tree per build.

furo renders the whole toctree into every page (``collapse=False``), which makes
each page as large as the site's navigation and a build quadratic in the number
of pages. This extension wraps the ``toctree`` template helper before furo calls
it so the tree is collapsed: top-level sections always, the pages of the
current section only. Config value ``navigation_collapse`` (bool, default
``True``) turns it off.

Computing that per page still resolves, renders and re-parses the whole toctree
for every page. So with the ``html`` and ``dirhtml`` builders the sidebar comes from
:mod:`ext.sidebar_tree` instead (on every page whose ``toctree`` helper is Sphinx's): the
tree is built once per build and process (lazily, on the first page written, which
Sphinx writes in the main process before it forks its writers) and each page only
marks its branch. Our ``html-page-context`` handler runs before furo's: it hides
``toctree`` from furo, whose ``_compute_navigation_tree`` then has nothing to do,
and a second handler after furo's puts the page's sidebar into
``furo_navigation_tree`` and gives ``toctree`` back to the template. Config value
``navigation_render_once`` (bool, default ``True``) turns this off, to compare the
two paths (``tests/test_navigation.py``) or to rule this module out.

The tree is kept between builds (``<doctreedir>/sidebar-tree.pickle``, with one
fingerprint per document of what the tree is made from: its local table of contents,
toctrees included, its title, and what it includes), so a rebuild after an edit that
changed no title and no toctree takes it from there instead of building it again
(0.07 s of such a rebuild of the real handbook). Only the documents read in this
build are fingerprinted again; any other change that could change the tree (the set
of documents, the HTML or tags configuration, the root document, this code, the
libraries' versions) builds it anew.

sphinx-notfound-page gives its 404 page a ``toctree`` of its own: the whole tree
uncollapsed, with absolute links (its ``notfound_urls_prefix`` before each page's
URI). A third handler, between its handler and furo's, hides that one from furo too,
and the page's sidebar comes from the one tree, expanded, with the same links.
"""

from __future__ import annotations

import hashlib
import pickle
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bs4
import docutils
import sphinx
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.util import logging

from ext import sidebar_tree
from ext.sidebar_tree import SidebarTree, UnsupportedTree, build_sidebar_tree

logger = logging.getLogger(__name__)

#: The builders whose ``toctree()`` helper is Sphinx's global toctree rendered as is.
_BUILDERS = frozenset({"html", "dirhtml"})
#: The page context key where the collapsed ``toctree`` waits while furo runs.
_HIDDEN = "_navigation_toctree"
#: The page context key where sphinx-notfound-page's ``toctree`` waits while furo runs.
_NOTFOUND = "_navigation_notfound_toctree"
#: One tree per builder and build (None: the tree has a shape the model refuses).
_TREES: weakref.WeakKeyDictionary[Builder, SidebarTree | None] = weakref.WeakKeyDictionary()
#: The documents each application reads in its build (``env-before-read-docs``).
_READ: weakref.WeakKeyDictionary[Sphinx, frozenset[str]] = weakref.WeakKeyDictionary()
#: The kept tree, in the doctree folder.
_KEPT_FILE = "sidebar-tree.pickle"


def collapse_sidebar_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` handler (before furo's): make ``toctree()`` calls collapse
    other branches; on pages the one tree serves, hide ``toctree`` from furo."""
    if not app.config.navigation_collapse or "toctree" not in context:
        return
    render = context["toctree"]

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        return render(**kwargs)

    context["toctree"] = collapsed_toctree
    if _tree_for(app) is not None:
        context[_HIDDEN] = context.pop("toctree")


def hide_notfound_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` handler (after sphinx-notfound-page's, before furo's): on
    the 404 page the one tree serves, hide the ``toctree`` that extension gave it."""
    if _HIDDEN in context and "toctree" in context and pagename == getattr(app.config, "notfound_pagename", None):
        context[_NOTFOUND] = context.pop("toctree")


def put_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` handler (after furo's): the page's sidebar from the one tree,
    unless another handler gave the page its own ``toctree``: then furo's sidebar stays.
    On sphinx-notfound-page's 404 page: the whole tree, with that extension's links."""
    if _HIDDEN not in context:
        return
    hidden = context.pop(_HIDDEN)
    if _NOTFOUND in context:
        context["toctree"] = context.pop(_NOTFOUND)
        tree = _tree_for(app)
        assert tree is not None
        context["furo_navigation_tree"] = tree.render(pagename, _notfound_uri(app), expanded=True)
        return
    if "toctree" in context:
        return
    context["toctree"] = hidden
    tree = _tree_for(app)
    assert tree is not None
    context["furo_navigation_tree"] = tree.render(pagename, app.builder.get_relative_uri)


def _notfound_uri(app: Sphinx) -> Any:
    """The links sphinx-notfound-page puts in its 404 page's toctree: the page's URI
    relative to the 404 page, with every ``../`` taken out under ``dirhtml``, after
    ``notfound_urls_prefix`` (``/`` when unset): ``about/index`` -> ``/about/``."""
    prefix = app.config.notfound_urls_prefix or "/"
    strip = isinstance(app.builder, DirectoryHTMLBuilder)

    def uri(from_docname: str, to_docname: str) -> str:
        relative = app.builder.get_relative_uri(from_docname, to_docname)
        return prefix + (relative.replace("../", "") if strip else relative)

    return uri


def _tree_for(app: Sphinx) -> SidebarTree | None:
    """The build's tree, or None where the sidebar is rendered per page."""
    builder = app.builder
    if not app.config.navigation_render_once or builder.name not in _BUILDERS:
        return None
    if builder not in _TREES:
        _TREES[builder] = _kept_or_built_tree(app)
    return _TREES[builder]


@dataclass
class _KeptTree:
    """The tree of the last build (None: a shape the model refuses), ``key``: the hash
    of what the whole tree depends on, ``fingerprints``: each document's part."""

    key: str
    fingerprints: dict[str, bytes]
    tree: SidebarTree | None


def _kept_or_built_tree(app: Sphinx) -> SidebarTree | None:
    """The last build's tree when nothing it is made from changed, else a new one,
    kept for the next build."""
    env, builder = app.env, app.builder
    path = Path(app.doctreedir, _KEPT_FILE)
    key = _tree_key(app)
    kept = _read_kept(path)
    read = _READ.get(app)
    if kept is not None and kept.key == key and read is not None:
        fingerprints = dict(kept.fingerprints)
        fingerprints.update((docname, _fingerprint(env, docname)) for docname in read if docname in env.found_docs)
        if fingerprints == kept.fingerprints:
            return kept.tree
    else:
        fingerprints = {docname: _fingerprint(env, docname) for docname in sorted(env.found_docs)}
    try:
        tree = build_sidebar_tree(builder)
    except UnsupportedTree as reason:
        logger.info("navigation: the sidebar is rendered per page (%s)", reason)
        tree = None
    try:
        path.write_bytes(pickle.dumps(_KeptTree(key, fingerprints, tree), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # built again next time
    return tree


def _read_kept(path: Path) -> _KeptTree | None:
    try:
        kept = pickle.loads(path.read_bytes())
    except Exception:  # missing, or from other code: built again
        return None
    return kept if isinstance(kept, _KeptTree) else None


def _tree_key(app: Sphinx) -> str:
    """What the whole tree depends on beyond each document's part: the documents, the
    builder, its HTML and tags configuration, the root document, this code and the
    libraries that resolve and render it."""
    builder = app.builder
    digest = hashlib.sha256()
    for part in (
        builder.name, app.config.root_doc, getattr(builder.build_info, "config_hash", ""),
        getattr(builder.build_info, "tags_hash", ""), sphinx.__version__, docutils.__version__,
        bs4.__version__, *sorted(app.env.found_docs),
    ):
        digest.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    for module in (__file__, sidebar_tree.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _fingerprint(env: Any, docname: str) -> bytes:
    """A document's part of the tree: its local table of contents (with its toctrees),
    its title, the documents it includes, its ``tocdepth`` and toctree flags."""
    toc, title = env.tocs.get(docname), env.titles.get(docname)
    part = (  # nodes as their pseudo-XML: a node just read also refers to its document
        toc.pformat() if toc is not None else None, title.pformat() if title is not None else None,
        env.toctree_includes.get(docname), env.metadata.get(docname, {}).get("tocdepth"),
        docname in env.glob_toctrees, docname in env.numbered_toctrees,
    )
    return hashlib.sha256(repr(part).encode("utf-8", "surrogateescape")).digest()


def note_read_documents(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs`` (late, main process): the documents this build reads,
    the only ones whose part of the tree can have changed."""
    _READ[app] = frozenset(docnames)


def forget_tree(app: Sphinx, builder: Builder) -> None:
    """``write-started`` handler: the tree is built again from this build's toctrees."""
    _TREES.pop(builder, None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("navigation_collapse", True, "html", types=frozenset({bool}))
    app.add_config_value("navigation_render_once", True, "html", types=frozenset({bool}))
    # Before furo's own handler (priority 500), which calls toctree(), and after it.
    app.connect("html-page-context", collapse_sidebar_toctree, priority=400)
    app.connect("html-page-context", hide_notfound_toctree, priority=450)
    app.connect("html-page-context", put_sidebar, priority=600)
    app.connect("write-started", forget_tree)
    app.connect("env-before-read-docs", note_read_documents, priority=950)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
