"""A build's output shows what a maintainer must read, and not what every build says.

Three messages are printed by every build, whatever the handbook holds, and say nothing
a maintainer can act on:

- MyST-Parser logs its whole configuration (``myst v…: MdParserConfig(...)``, at the
  info level, from ``myst_parser.sphinx_ext.main.create_myst_config``);
- sphinxext-opengraph prints ``matplotlib is not installed, social cards will not be
  generated`` when it is imported (a ``print``, not a log record), though the handbook
  turns social cards off (``ogp_social_cards`` in ``conf.py``);
- Sphinx logs ``Writing evaluated template result to …`` for each of its templated
  static files (``misc.template_evaluation``).

This extension, first in ``conf.py``'s ``extensions``, drops exactly these: a logging
filter on the two loggers that emit the first and the third (every other record of
those loggers passes, and no warning is ever dropped), and sphinxext-opengraph
imported here with its standard output caught, where every line but the known one is
printed again. Warnings and errors are never touched.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import sys
from typing import Any

#: ``{logger name: text that the message of a record to drop starts with}`` (info level).
QUIET = {
    "sphinx.myst_parser.sphinx_ext.main": "myst v",
    "sphinx.sphinx.util.fileutil": "Writing evaluated template result to",
}
#: What sphinxext-opengraph prints on import when matplotlib is missing.
OPENGRAPH_LINE = "matplotlib is not installed, social cards will not be generated"


class _DropInfo(logging.Filter):
    """Drops the info records of one logger whose message starts with ``start``
    (after Sphinx's colour codes); passes every other record, and every warning."""

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        from sphinx.util.console import strip_escape_sequences

        return not strip_escape_sequences(str(record.msg)).startswith(self.start)


def install_filters() -> None:
    """Add the filters of :data:`QUIET` once to their loggers (loggers live as long as
    the process: builds after the first find them there)."""
    for name, start in QUIET.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DropInfo) and f.start == start for f in logger.filters):
            logger.addFilter(_DropInfo(start))


def import_opengraph_quietly() -> None:
    """Import sphinxext-opengraph (if not yet imported) with its standard output
    caught; every line but :data:`OPENGRAPH_LINE` is printed again."""
    if "sphinxext.opengraph" in sys.modules:
        return
    caught = io.StringIO()
    with contextlib.redirect_stdout(caught):
        with contextlib.suppress(ImportError):  # not installed: Sphinx reports it when it loads it
            importlib.import_module("sphinxext.opengraph")
    for line in caught.getvalue().splitlines():
        if line.strip() != OPENGRAPH_LINE:
            print(line)


def setup(app: Any) -> dict[str, Any]:
    install_filters()
    import_opengraph_quietly()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
