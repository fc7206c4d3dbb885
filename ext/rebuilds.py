"""Small rebuilds read and written in the build's own process, and the search index
pruned with a set.

With ``-j N`` Sphinx reads in forked processes whatever the number of documents to
read: each reader sends the whole environment back, pickled, and the main process
merges it. For a rebuild after an edit (one page, or a few) that costs more than the
reading: about a quarter of a second on the real handbook, a tenth of the rebuild.
So when at most ``serial_read_limit`` documents (config value, default 10) are to be
read, this extension lowers the application's ``parallel`` to 1 for the reading
(``env-before-read-docs``) and gives it back once the documents are read
(``env-updated``), before Sphinx decides how to write. A cold build is unchanged.

Writing is alike: with ``-j N`` Sphinx writes the first document itself and forks
writers for the rest, then waits for them in steps of 20 ms. When at most
``serial_write_limit`` documents (config value, default 10) are to be written, the
builder writes them all in its own process; that saves 0.05 to 0.1 s of the real
handbook's rebuild after one edit, which writes two pages (the page and its
section's index).

Sphinx prunes its search index of documents that were removed or are to be indexed
again twice per build, once with a set of document names and once with the
environment's ``all_docs`` dict. ``set.intersection_update`` given a dict makes a set
of its keys anew for each of the index's 20,000 words: 0.15 s of every build of the
real handbook, against 0.01 s given a set. :func:`_prune_with_a_set` passes
``IndexBuilder.prune`` a set of the same names; the index written is the same.

Sphinx compiles the theme's Jinja templates anew in every process that writes HTML
(about twenty for furo: 0.05 s of a rebuild). :func:`keep_compiled_templates` gives
its Jinja environment a ``FileSystemBytecodeCache`` in the doctree folder, so a
rebuild loads them compiled. Jinja checks each template's source against its
checksum; the folder is named after the Jinja environment's settings that change
the compiled code (its extensions, delimiters and options), so a change of those
(a translated build adds the ``i18n`` extension) compiles anew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Set
from functools import wraps
from pathlib import Path
from typing import Any

import jinja2

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import IndexBuilder

#: The application's ``parallel`` while a small rebuild reads in its own process.
_SAVED = "_rebuilds_parallel"


def read_small_rebuilds_here(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs`` (last, once the list is final): at most
    ``serial_read_limit`` documents are read without forking."""
    if app.parallel > 1 and len(docnames) <= app.config.serial_read_limit:
        setattr(app, _SAVED, app.parallel)
        app.parallel = 1


def restore_parallel(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated`` (first): the writing is parallel again where it was."""
    saved = getattr(app, _SAVED, None)
    if saved is not None:
        app.parallel = saved
        delattr(app, _SAVED)


def write_small_rebuilds_here(app: Sphinx) -> None:
    """``builder-inited``: the builder writes at most ``serial_write_limit`` documents
    without forking writers (``Builder.write_documents`` wrapped on this builder)."""
    builder = app.builder
    write_documents = builder.write_documents

    @wraps(write_documents)
    def write_documents_here_if_few(docnames: Set[str]) -> None:
        if not builder.parallel_ok or len(docnames) > app.config.serial_write_limit:
            write_documents(docnames)
            return
        builder.parallel_ok = False
        try:
            write_documents(docnames)
        finally:
            builder.parallel_ok = True

    builder.write_documents = write_documents_here_if_few  # type: ignore[method-assign]


def keep_compiled_templates(app: Sphinx) -> None:
    """``builder-inited``: the builder's Jinja environment (HTML builders) caches the
    compiled templates in ``<doctreedir>/templates/<settings hash>/``."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, jinja2.Environment) or environment.bytecode_cache is not None:
        return
    settings = (
        sorted(environment.extensions), type(environment).__qualname__, environment.autoescape,
        environment.finalize is not None, environment.optimized, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
    )
    folder = Path(app.doctreedir, "templates", hashlib.sha256(repr(settings).encode()).hexdigest()[:16])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def _prune_with_a_set(prune: Callable[[IndexBuilder, Iterable[str]], None]) -> Callable[[IndexBuilder, Iterable[str]], None]:
    """``IndexBuilder.prune`` given a set of the same document names (any iterable:
    the order does not matter, ``IndexBuilder.freeze`` sorts)."""
    if getattr(prune, "_prunes_with_a_set", False):
        return prune

    @wraps(prune)
    def prune_with_a_set(self: IndexBuilder, docnames: Iterable[str]) -> None:
        prune(self, docnames if isinstance(docnames, (set, frozenset)) else set(docnames))

    prune_with_a_set._prunes_with_a_set = True  # type: ignore[attr-defined]
    return prune_with_a_set


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("serial_read_limit", 10, "", types=frozenset({int}))
    app.add_config_value("serial_write_limit", 10, "", types=frozenset({int}))
    app.connect("env-before-read-docs", read_small_rebuilds_here, priority=900)
    app.connect("env-updated", restore_parallel, priority=100)
    app.connect("builder-inited", write_small_rebuilds_here)
    app.connect("builder-inited", keep_compiled_templates)
    IndexBuilder.prune = _prune_with_a_set(IndexBuilder.prune)  # type: ignore[method-assign]
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
