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

sphinx-notfound-page gives its 404 page a ``toctree`` of its own: the whole tree
uncollapsed, with absolute links (its ``notfound_urls_prefix`` before each page's
URI). A third handler, between its handler and furo's, hides that one from furo too,
and the page's sidebar comes from the one tree, expanded, with the same links.
"""

from __future__ import annotations

import weakref
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.util import logging

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
        try:
            _TREES[builder] = build_sidebar_tree(builder)
        except UnsupportedTree as reason:
            logger.info("navigation: the sidebar is rendered per page (%s)", reason)
            _TREES[builder] = None
    return _TREES[builder]


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
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
