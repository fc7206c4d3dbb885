"""A complete sitemap after incremental builds too, with each page's last update.

sphinx-sitemap collects the pages it lists as they are written (``html-page-context``,
into the queue ``app.sitemap_links``) and writes ``sitemap.xml`` when the build
finishes. An incremental build writes only the pages that changed, so its sitemap
lists only those (jdillard/sphinx-sitemap issue 13, open since 2018).

Just before sphinx-sitemap writes the file (``build-finished``, priority 400 < its
500), this takes what the queue holds, adds every page of the environment that is
not there (with sphinx-sitemap's own URL rules and ``sitemap_excludes``), gives each
page its last update (``<lastmod>``, from :mod:`ext.last_updated`) and puts them,
sorted by URL, back in the queue, so the file is also the same from one build to the
next. The pages of no source file (search, index, 404), which Sphinx writes in its
main process, stay as sphinx-sitemap collected them.

Since every document's link is made here, the queue need not gather what Sphinx's
forked writers collect: sphinx-sitemap's ``builder-inited`` handler, which starts a
``multiprocessing`` manager process for its queue (12 ms of every build, then a round
trip to it for every page written), is replaced by :func:`record_builder_type`, the
same with a queue of this process.
"""

from __future__ import annotations

import inspect
import queue
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
import sphinx_sitemap
from sphinx_sitemap import is_excluded


def sitemap_link(app: Sphinx, docname: str) -> str:
    """The link sphinx-sitemap records for ``docname`` (before ``sitemap_url_scheme``)."""
    if getattr(app.env, "is_directory_builder", False):  # set by sphinx-sitemap at builder-inited
        if docname == "index":
            return ""
        return docname[:-5] if docname.endswith("/index") else docname + "/"
    return docname + (app.config.html_file_suffix or ".html")


def record_builder_type(app: Sphinx) -> None:
    """``builder-inited``, in place of sphinx-sitemap's handler of that name: whether the
    builder is ``dirhtml`` (``env.is_directory_builder``, which sphinx-sitemap reads) and
    the queue sphinx-sitemap puts the pages written into, of this process (a forked
    writer's pages are lost with it; :func:`complete_sitemap` adds every document's)."""
    builder = getattr(app, "builder", None)
    if builder is None:
        return
    builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"
    app.sitemap_links = queue.Queue()


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: every page into sphinx-sitemap's queue, each once, with its
    ``<lastmod>``, sorted by link."""
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    collected: dict[str, str | None] = {}
    while True:
        try:
            link, lastmod = links.get_nowait()
        except queue.Empty:
            break
        collected[link] = lastmod
    history = getattr(app.env, "page_history", {})
    for docname in app.env.found_docs:
        link = sitemap_link(app, docname)
        if is_excluded(link, app.config.sitemap_excludes):
            continue
        record = history.get(docname)
        collected[link] = record.updated.lastmod if record and record.updated else collected.get(link)
    completed: queue.Queue = queue.Queue()
    for link in sorted(collected):
        completed.put((link, collected[link]))
    app.sitemap_links = completed  # what sphinx-sitemap reads next (as app.env.app.sitemap_links)


def _replace_handler(app: Sphinx, event: str, handler: Any, replacement: Any) -> None:
    """Disconnect ``handler`` from ``event`` (also when wrapped, as ``bench/timeline.py``
    wraps every handler) and connect ``replacement`` instead."""
    for listener in list(app.events.listeners.get(event, ())):
        if inspect.unwrap(listener.handler) is handler:
            app.disconnect(listener.id)
            app.connect(event, replacement, priority=listener.priority)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("ext.last_updated")
    _replace_handler(app, "builder-inited", sphinx_sitemap.record_builder_type, record_builder_type)
    app.connect("build-finished", complete_sitemap, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
