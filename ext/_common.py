"""Small pieces every extension of the handbook shares: typed warnings, HTML assets, and
data files parsed once per process."""

from __future__ import annotations

import hashlib
import pickle
from enum import Enum
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger("ext")


def warn_typed(config: Config, type_: str, subtype: Enum, message: str, location: Any = None) -> None:
    """Log ``message`` as a ``<type_>.<subtype>`` warning at ``location`` (a node, a
    docname, a ``(docname, line)`` pair or a ``"path:line"`` string). The one way the
    handbook's extensions warn: ``subtype`` is a member of the extension's warnings
    Enum, whose docstrings say when each is emitted.

    A file that is not a document is located as ``"path:line"`` (line 1 when none is
    known): Sphinx takes a string without ``:`` for a docname, adds a source suffix to
    it, and cannot resolve it at all before the environment exists (``config-inited``).

    Sphinx appends ``[<type_>.<subtype>]`` when ``show_warning_types`` is on (the
    default); otherwise it is added here, so users always see what to put in
    ``suppress_warnings``, and see it once. A config without the value counts as off,
    as it does for Sphinx."""
    if not getattr(config, "show_warning_types", False):
        message = f"{message} [{type_}.{subtype.value}]"
    logger.warning(message, location=location, type=type_, subtype=subtype.value)


def add_html_assets(app: Sphinx, static_dir: Path, *css_files: str) -> None:
    """``builder-inited`` helper: serve ``static_dir`` and link ``css_files``, for HTML
    builders only (LaTeX and text output stay free of them)."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(static_dir))
    for css in css_files:
        app.add_css_file(css)


#: The data files parsed in this process: ``{(path, parser): ((mtime_ns, size), value)}``.
_PARSED: dict[tuple[str, Callable[[bytes], Any]], tuple[tuple[int, int], Any]] = {}


def parsed_data_file(path: Path, parse: Callable[[bytes], Any]) -> Any:
    """``parse(bytes of path)``, parsed once per process while the file is unchanged: kept
    by path and parser, parsed again when the file's modification time (ns) or size
    (bytes) changes, as after an edit in a live preview. Each process of a parallel
    build keeps its own. Raises what reading (:class:`OSError`) or ``parse`` raises; a
    failure is not kept. The value is shared by every caller: never change it. Callers
    still note the file as a dependency of their pages (``env.note_dependency``)."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    key = (str(path), parse)
    kept = _PARSED.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = parse(path.read_bytes())
    _PARSED[key] = (version, value)
    return value


class OutputStamp:
    """Whether what a ``build-finished`` writer wrote last time is still current.

    ``inputs`` is everything the writer's files are made from (picklable; lists, tuples,
    dicts and data classes, no sets, so that equal inputs pickle to equal bytes), and
    ``code`` the files of the code that makes them (the writer's module, say), so that
    a changed writer writes again. Their SHA-256, with the libraries' versions
    (``versions``), is kept in ``<doctree folder>/outputs/<name>.sha256`` after a write
    (:meth:`record`); :meth:`current` is True while they hash the same and every one of
    the writer's files is still there. A stamp that cannot be read or written only
    means the files are written again.
    """

    def __init__(self, app: Sphinx, name: str, inputs: Any, code: Iterable[str | Path] = (),
                 versions: Iterable[str] = ()) -> None:
        self.path = Path(app.doctreedir, "outputs", f"{name}.sha256")
        digest = hashlib.sha256(pickle.dumps((inputs, tuple(versions)), protocol=5))
        for path in code:
            digest.update(Path(path).read_bytes())
        self.digest = digest.hexdigest()

    def current(self, outputs: Iterable[Path]) -> bool:
        try:
            recorded = self.path.read_text(encoding="ascii")
        except OSError:
            return False
        return recorded == self.digest and all(path.is_file() for path in outputs)

    def record(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(self.digest, encoding="ascii")
        except OSError:
            pass


def resolves_one_document(app: Sphinx) -> bool:
    """Whether ``doctree-resolved`` gets each document's own doctree (the HTML builders
    but ``singlehtml``), rather than documents assembled into one (LaTeX, Texinfo,
    man, ``singlehtml``): then a handler may skip a document by its docname."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    return isinstance(app.builder, StandaloneHTMLBuilder) and app.builder.name != "singlehtml"
