"""Conference programmes: the ``conference-programme`` directive and ``programmes`` domain.

Renders the Hugo site's conference archive JSON (``_data/programmes/<year>-<city>.json``)
as a page section with days, sessions and presentations; see :mod:`.directive` for the
directive, :mod:`.model` for the data, :mod:`.build` for the anchors, :mod:`.nodes` for
the output per builder and :mod:`.warnings_` for what is reported.

Config: ``programmes_files_url`` (``str | None``, default ``None``): URL prefix of
presentation files given by bare file name; ``None`` lists the names as text.
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

__version__ = "1.0"

STATIC_DIR = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    """Add ``programmes.css`` to HTML builders only (``builder-inited``)."""
    add_html_assets(app, STATIC_DIR, "programmes.css")


def setup(app: Sphinx) -> ExtensionMetadata:
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
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
