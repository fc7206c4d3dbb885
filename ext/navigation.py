"""Navigation that scales: furo's sidebar with only the current branch expanded.

furo renders the whole toctree into every page (``collapse=False``), which makes
each page as large as the site's navigation and a build quadratic in the number
of pages. This extension wraps the ``toctree`` template helper before furo calls
it so the tree is collapsed: top-level sections always, the pages of the
current section only. Config value ``navigation_collapse`` (bool, default
``True``) turns it off.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def collapse_sidebar_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` handler: make ``toctree()`` calls collapse other branches."""
    if not app.config.navigation_collapse or "toctree" not in context:
        return
    render = context["toctree"]

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        return render(**kwargs)

    context["toctree"] = collapsed_toctree


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("navigation_collapse", True, "html", types=frozenset({bool}))
    # Before furo's own handler (priority 500), which calls toctree().
    app.connect("html-page-context", collapse_sidebar_toctree, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
