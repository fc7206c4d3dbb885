"""Conference programmes: the ``conference-programme`` directive and ``programmes`` domain.

Renders the Hugo site's conference archive JSON (``_data/programmes/<year>-<city>.json``)
as a page section with days, sessions and presentations; see :mod:`.directive` for the
directive, :mod:`.model` for the data, :mod:`.build` for the anchors, :mod:`.nodes` for
the output per builder and :mod:`.warnings_` for what is reported.

Config: ``programmes_files_url`` (``str | None``, default ``None``): URL prefix of
presentation files given by bare file name; ``None`` lists the names as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension (:func:`.extension.setup_extension`)."""
    from .extension import setup_extension

    return setup_extension(app, __version__)
