"""The ``programmes`` extension's registration: config value, domain, nodes, directive, people index.

Imported by :func:`ext.programmes.setup`, so that the data modules (``source``, ``dates``)
load without Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._common import add_html_assets
from .directive import ConferenceProgrammeDirective
from .domain import ProgrammesDomain
from .nodes import register_nodes
from .people import setup_people

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

STATIC_DIR = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    """Add ``programmes.css`` to HTML builders only (``builder-inited``)."""
    add_html_assets(app, STATIC_DIR, "programmes.css")


def setup_extension(app: Sphinx, version: str) -> ExtensionMetadata:
    """Register everything with ``app``; the extension metadata."""
    app.add_config_value(
        "programmes_files_url", None, "env", types=frozenset({str, type(None)}),
        description="URL prefix for presentation files named by path; None lists names as text",
    )
    app.add_domain(ProgrammesDomain)
    register_nodes(app)
    app.add_directive("conference-programme", ConferenceProgrammeDirective)
    setup_people(app)
    app.connect("builder-inited", _add_static)
    return {
        "version": version,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
