"""The import report as a page of the HTML build, and its summary at the end of the build.

The import writes its report as JSON into the source folder it writes (the transition
preview: ``_generated/import-report.json``; a migration: ``_data/migration-report.json``,
see :mod:`ext.hugo_import.report`). In HTML builds, this extension

* writes the page ``_import-report/`` (``html-collect-pages``, config value
  ``import_report_page``; ``""`` for none): the problems per kind, the files with the
  most, then every problem grouped by file, each with its line, kind, message and the
  text of that line in the Hugo site, and a link to the handbook page made from the
  file. Every value from the site is a text node, escaped by the HTML writer. The page
  is in no toctree (so in no navigation), not in the search index (Sphinx indexes
  documents only), not in the sitemap (its URL is added to ``sitemap_excludes``), and
  asks search engines not to index it (``robots: noindex``);
* ends the build with the report's summary (``build-finished``): for the preview,
  whose import runs before every build, the one-screen summary
  (:func:`ext.shared.report_file.summary_lines`); for a migrated handbook, one line
  saying where the page is.

The page is made afresh on every build from the JSON file, so it needs no environment
data. Warning: ``import-report.unreadable`` (at the file and line) when the JSON cannot be
read.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import docutils
import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ext._common import OutputStamp, warn_typed
from ext.shared import report_file
from ext.shared.paths import STATIC_DIR as SITE_STATIC_DIR
from ext.shared.report_file import (
    PREVIEW_REPORT,
    counted,
    find_report,
    kind_counts,
    left_out_text,
    problems_by_file,
    summary_lines,
    top_files,
)

logger = logging.getLogger(__name__)

WARNING_TYPE = "import-report"
STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "import-report.css"


class ImportReportWarning(Enum):
    """The subtypes of ``import-report`` warnings."""

    UNREADABLE = "unreadable"
    """The report file is no JSON object with a list of problems: no page is written."""


def load_report(app: Sphinx, *, warn: bool) -> tuple[Path, dict[str, Any]] | None:
    """The report of the source folder (its path and data), or ``None`` when there is
    none or it cannot be read (with ``warn``, an ``import-report.unreadable`` warning)."""
    path = find_report(Path(app.srcdir))
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("problems"), list) \
                or not all(isinstance(p, dict) for p in data["problems"]):
            raise ValueError("no JSON object with a list of problems")
    except (OSError, ValueError) as error:
        if warn:
            line = error.lineno if isinstance(error, json.JSONDecodeError) else 1
            warn_typed(app.config, WARNING_TYPE, ImportReportWarning.UNREADABLE,
                       f"the import report cannot be read ({error}); no report page written", f"{path}:{line}")
        return None
    return path, data


# -- the page ---------------------------------------------------------------------------


def collect_report_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the report page, from the theme's page template."""
    pagename = app.config.import_report_page
    if not pagename or app.builder.format != "html" or pagename in app.env.found_docs:
        return
    found = load_report(app, warn=True)
    if found is None:
        return
    path, data = found
    body = _report_body(app, pagename, data, path.relative_to(app.srcdir).as_posix())
    yield pagename, _page_context(app, "Import report", body), "page.html"


def _report_body(app: Sphinx, pagename: str, data: Mapping[str, Any], source: str) -> str:
    """The page's body HTML, made again only when what it shows changed: the report,
    where each of its files' links goes (the page's docname and title, or whether a
    static file is there), the HTML settings and the code. Kept under the doctree
    folder; a rebuild after one edit mostly finds it the same."""
    pages = _pages_by_source(app)
    static = Path(app.srcdir, getattr(app.config, "site_static_dir", SITE_STATIC_DIR))
    targets = []
    for file in sorted({str(problem.get("file", "")) for problem in data["problems"]}):
        docname = pages.get(file)
        title = app.env.titles[docname].astext() if docname in app.env.titles else None
        targets.append((file, docname, title, (static / file.removeprefix("static/")).is_file()))
    build_info = getattr(app.builder, "build_info", None)
    stamp = OutputStamp(app, "import-report-body", (
        data, source, pagename, app.builder.name, targets, getattr(build_info, "config_hash", ""),
    ), code=(__file__, report_file.__file__), versions=(sphinx.__version__, docutils.__version__))
    kept = stamp.path.with_suffix(".html")
    if stamp.current([kept]):
        return kept.read_text(encoding="utf-8")
    body = app.builder.render_partial(report_section(app, pagename, data, source))["fragment"]
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(body, encoding="utf-8")
        stamp.record()
    except OSError:
        pass
    return body


def report_section(app: Sphinx, pagename: str, data: Mapping[str, Any], source: str) -> nodes.section:
    """The page's content: a section titled "Import report" (``source``: the JSON file,
    relative to the source folder)."""
    # Not a document: no figure or section numbers when it is rendered. (Sphinx sets
    # these per document written, so a build that writes no document has none at all.)
    app.builder.fignumbers, app.builder.secnumbers = {}, {}  # type: ignore[attr-defined]
    problems = list(data["problems"])
    counts = kind_counts(problems)
    files = problems_by_file(problems)
    left_out = left_out_text(problems, draft="draft page")
    total = sum(n for _kind, n in counts)
    ids = {file: f"file-{number}" for number, (file, _problems) in enumerate(files, 1)}

    section = _section("Import report", "import-report", classes=["import-report"])
    what = "the transition preview's import" if source == PREVIEW_REPORT else "the migration"
    intro = nodes.paragraph()
    intro += nodes.Text(f"What {what} found in the Hugo site ")
    intro += nodes.literal(text=str(data.get("site", "")))
    intro += nodes.Text(
        f": {total} problem{'s' if total != 1 else ''} in {len({p['file'] for p in counted(problems)})} files"
        + (f", and {left_out} not imported" if left_out else "")
        + ". Each problem has its line in the site's file and the text of that line. This page is "
        "in no menu and not in the search; every build makes it again from ")
    intro += nodes.literal(text=source)
    intro += nodes.Text(".")
    section += intro

    kinds = _section("Problems per kind", "problems-per-kind")
    kinds += _table(["Kind", "Problems"], [[nodes.literal(text=kind), str(n)] for kind, n in counts],
                    "import-report-kinds")
    section += kinds

    top = _section("The files with the most problems", "most-problems")
    items = nodes.bullet_list()
    for file, n in top_files(problems):
        item = nodes.paragraph()
        item += nodes.reference("", "", nodes.literal(text=file), refuri="#" + ids[file], internal=True)
        item += nodes.Text(f": {n} problem{'s' if n != 1 else ''}")
        items += nodes.list_item("", item)
    top += items
    section += top

    every = _section("Every problem, by file", "by-file")
    pages = _pages_by_source(app)
    for file, file_problems in files:
        part = _section(file, ids[file], title_node=nodes.literal(text=file))
        link = _handbook_link(app, pagename, file, pages)
        if link is not None:
            part += nodes.paragraph("", "", nodes.Text("In the handbook: "), link)
        rows = [[str(p.get("line") or ""), nodes.literal(text=str(p.get("kind", ""))), str(p.get("message", "")),
                 nodes.inline(text=str(p.get("source") or ""), classes=["import-report-source"])]
                for p in file_problems]
        part += _table(["Line", "Kind", "Problem", "Source line"], rows, "import-report-problems")
        every += part
    section += every
    return section


def _section(title: str, id_: str, *, classes: list[str] | None = None,
             title_node: nodes.Node | None = None) -> nodes.section:
    section = nodes.section(ids=[id_], classes=classes or [])
    section += nodes.title("", "", title_node if title_node is not None else nodes.Text(title))
    return section


def _table(headers: list[str], rows: list[list[str | nodes.Node]], class_: str) -> nodes.table:
    """A table with a header row; a cell is text or an inline node."""
    table = nodes.table(classes=["colwidths-auto", class_])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group += [nodes.colspec(colwidth=1) for _header in headers]
    head = nodes.thead()
    head += nodes.row("", *[nodes.entry("", nodes.paragraph(text=header)) for header in headers])
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *[
            nodes.entry("", nodes.paragraph("", "", cell) if isinstance(cell, nodes.Node) else nodes.paragraph(text=cell))
            for cell in cells])
    group += [head, body]
    return table


def _pages_by_source(app: Sphinx) -> dict[str, str]:
    """``{Hugo file: docname}`` of the pages converted from the site (their
    ``hugo_source`` front matter)."""
    return {str(meta["hugo_source"]): docname for docname, meta in app.env.metadata.items()
            if meta.get("hugo_source")}


def _handbook_link(app: Sphinx, pagename: str, file: str, pages: Mapping[str, str]) -> nodes.Node | None:
    """A link to what the handbook made of ``file``: the page converted from it, or the
    copy of a file of ``static/`` served at its old URL; ``None`` when there is neither."""
    docname = pages.get(file)
    if docname is not None:
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        return nodes.reference(title, title, refuri=app.builder.get_relative_uri(pagename, docname), internal=True)
    site_path = file.removeprefix("static/")
    static = Path(app.srcdir, getattr(app.config, "site_static_dir", SITE_STATIC_DIR))
    if file.startswith("static/") and (static / site_path).is_file():
        uri = relative_uri(app.builder.get_target_uri(pagename), site_path)
        return nodes.reference("/" + site_path, "/" + site_path, refuri=uri, internal=True)
    return None


def _page_context(app: Sphinx, title: str, body: str) -> dict[str, Any]:
    """The template context of a page of one section (``body``: its HTML), as
    ``get_doc_context`` gives it for a document, with ``noindex`` for search engines."""
    return {
        "title": html.escape(title),
        "body": body,
        "parents": [], "prev": None, "next": None, "meta": {}, "rellinks": [], "sourcename": "",
        "metatags": '<meta name="robots" content="noindex">\n',
        "toc": "", "display_toc": False, "page_source_suffix": "",
    }


def add_page_css(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the report page's style sheet, on that page only."""
    if pagename == app.config.import_report_page:
        app.add_css_file(CSS_FILE)


def serve_static(app: Sphinx) -> None:
    """``builder-inited``: serve ``ext/static`` (the style sheet) in HTML builds."""
    if app.builder.format == "html" and str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))


def keep_out_of_sitemap(app: Sphinx, config: Config) -> None:
    """``config-inited``: the page's URL (dirhtml and html builders) in ``sitemap_excludes``."""
    pagename = config.import_report_page
    if pagename and "sitemap_excludes" in config:
        folder = pagename.removesuffix("index")
        links = {f"{pagename}.html", folder if folder.endswith("/") else f"{pagename}/"}
        config.sitemap_excludes = [*config.sitemap_excludes, *sorted(links - set(config.sitemap_excludes))]


# -- the summary ------------------------------------------------------------------------


def print_summary(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the report's summary, where the page is (see the module)."""
    pagename = app.config.import_report_page
    if exception is not None or not pagename or app.builder.format != "html" or pagename in app.env.found_docs:
        return
    found = load_report(app, warn=False)
    if found is None:
        return
    path, data = found
    page = os.path.relpath(app.builder.get_outfilename(pagename))
    if path.relative_to(app.srcdir).as_posix() == PREVIEW_REPORT:
        logger.info("")
        for line in summary_lines(data, f"each with its line and the source line: {page}"):
            logger.info(line)
        return
    total = len(counted(data["problems"]))
    logger.info(f"the migration's report: {total} problem{'s' if total != 1 else ''} in the Hugo site, "
                f"each with its line and the source line: {page}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("import_report_page", "_import-report/index", "html", types=frozenset({str}))
    app.connect("config-inited", keep_out_of_sitemap, priority=600)
    app.connect("builder-inited", serve_static)
    app.connect("html-collect-pages", collect_report_page)
    app.connect("html-page-context", add_page_css)
    app.connect("build-finished", print_summary)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
