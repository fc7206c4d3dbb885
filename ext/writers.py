"""Pages resolved and indexed for search by Sphinx's forked writers, not its main process.

With ``-j N`` Sphinx writes HTML this way (``Builder._write_parallel``): its main
process resolves every doctree (unpickles it and runs the post-transforms), picks its
images and feeds it to the search index, one after the other, and hands chunks of
resolved doctrees to N-1 forked writers, which only translate them to HTML. On the
real handbook that serial part sets the writing's time: one process writes the 1,370
pages in 9.9 s, three in 8.3 s, and the main process keeps every resolved doctree a
writer still waits for.

Here, on HTML builders (not ``singlehtml``), when Sphinx would write in parallel, the
builder's ``write_documents`` writes the first document in the main process, as
Sphinx does (it warms what the writers then inherit: the sidebar tree, the compiled
templates), then forks N writers. Each resolves, indexes and writes a chunk of
documents, into a search index of its own, and sends back that index's entries and
the images its pages use (:class:`ChunkResult`). The main process merges them in
chunk order, which is the order Sphinx feeds its index in, so ``searchindex.js`` and
every page are the same, byte for byte (``tests/test_writers.py``). Warnings and
errors of the writers reach the main process as in Sphinx's own parallel writing
(:class:`ext.tasks.Tasks`, Sphinx's ``ParallelTasks`` starting the chunks with the
largest doctrees first).

It relies on Sphinx's ``IndexBuilder`` keeping a document's entries in the six
containers named in :data:`INDEX_PARTS` and :data:`WORD_PARTS` (Sphinx 9.0, pinned);
the test compares the index with Sphinx's own.

Config value ``writers_resolve`` (bool, default ``True``; it changes no output): off,
Sphinx writes as it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import __
from sphinx.search import IndexBuilder
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.display import status_iterator
from sphinx.util.parallel import make_chunks

from ext.tasks import Tasks, biggest_first, file_size

logger = logging.getLogger(__name__)

#: ``IndexBuilder`` containers keyed by document name (one value per document).
INDEX_PARTS = ("_titles", "_filenames", "_all_titles", "_index_entries")
#: ``IndexBuilder`` containers mapping a word to the set of documents that hold it.
WORD_PARTS = ("_mapping", "_title_mapping")


@dataclass
class ChunkResult:
    """What a writer sends back: its search index's containers (:data:`INDEX_PARTS`
    and :data:`WORD_PARTS`, by name; empty without a search index) and the images its
    pages use (``builder.images``: source path -> file name in ``_images``)."""

    index: dict[str, dict[str, Any]] = field(default_factory=dict)
    images: dict[str, str] = field(default_factory=dict)


def write_in_writers(app: Sphinx) -> None:
    """``builder-inited`` (before ``ext.rebuilds``): the HTML builder's
    ``write_documents`` resolves and indexes in the forked writers."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.name == "singlehtml":
        return
    write_documents = builder.write_documents

    @wraps(write_documents)
    def write_documents_in_writers(docnames: Any) -> None:
        if not builder.parallel_ok or not app.config.writers_resolve or len(docnames) < 2:
            write_documents(docnames)
            return
        _write_parallel(app, builder, sorted(docnames))

    builder.write_documents = write_documents_in_writers  # type: ignore[method-assign]


def _write_parallel(app: Sphinx, builder: StandaloneHTMLBuilder, docnames: list[str]) -> None:
    """Write ``docnames`` (sorted): the first here, the others in ``app.parallel``
    forked writers, chunk by chunk; then merge what they send back, in chunk order."""
    _write_here(builder, docnames[0])
    chunks = make_chunks(docnames[1:], app.parallel)
    progress = status_iterator(chunks, __("writing output... "), "darkgreen", len(chunks), app.config.verbosity)
    results: dict[int, ChunkResult] = {}
    tasks = Tasks(app.parallel)
    doctrees = str(builder.doctreedir)
    for number in biggest_first(chunks, lambda docname: file_size(f"{doctrees}/{docname}.doctree")):

        def done(chunk: list[str], result: ChunkResult, number: int = number) -> None:
            results[number] = result
            next(progress)

        tasks.add_task(lambda chunk: _write_chunk(builder, chunk), chunks[number], done)
    tasks.join()
    logger.info("")
    for number in range(len(chunks)):
        _merge(builder, results[number])


def _write_here(builder: StandaloneHTMLBuilder, docname: str) -> None:
    """Resolve, index and write one document in this process, as Sphinx does."""
    builder.phase = BuildPhase.RESOLVING
    doctree = builder.env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
    builder.phase = BuildPhase.WRITING
    builder.write_doc_serialized(docname, doctree)
    builder.write_doc(docname, doctree)


def _write_chunk(builder: StandaloneHTMLBuilder, chunk: list[str]) -> ChunkResult:
    """In a forked writer: resolve, index and write ``chunk`` into an index and an
    image list of its own; return them."""
    if builder.indexer is not None:
        for name in (*INDEX_PARTS, *WORD_PARTS):
            setattr(builder.indexer, name, {})
    builder.images = {}
    for docname in chunk:
        _write_here(builder, docname)
    index = {name: getattr(builder.indexer, name) for name in (*INDEX_PARTS, *WORD_PARTS)} if builder.indexer else {}
    return ChunkResult(index, builder.images)


def _merge(builder: StandaloneHTMLBuilder, result: ChunkResult) -> None:
    """Add a writer's index entries and images to this process's."""
    builder.images.update(result.images)
    indexer: IndexBuilder | None = builder.indexer
    if indexer is None or not result.index:
        return
    for name in INDEX_PARTS:
        getattr(indexer, name).update(result.index[name])
    for name in WORD_PARTS:
        words: dict[str, set[str]] = getattr(indexer, name)
        for word, docnames in result.index[name].items():
            words.setdefault(word, set()).update(docnames)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("writers_resolve", True, "", types=frozenset({bool}))
    app.connect("builder-inited", write_in_writers, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
