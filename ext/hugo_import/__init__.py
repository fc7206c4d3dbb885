"""Hugo site to MyST Markdown: the converter behind ``make import``.

``python -m ext.hugo_import SITE DEST`` reads the Hugo site at ``SITE`` and writes
the handbook's source pages into ``DEST`` (see :func:`import_site`).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "import_site"]


def __getattr__(name: str):
    if name == "import_site":
        from .importer import import_site

        return import_site
    raise AttributeError(name)
