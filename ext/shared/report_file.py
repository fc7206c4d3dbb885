"""The import report's file: where it lies and how people read it.

The converter (``ext.hugo_import.report``) writes the report of an import as JSON in
the Sphinx source folder:

* the transition preview: :data:`PREVIEW_REPORT`, written by each import that converts
  (an unchanged site keeps the last one);
* a migration: :data:`MIGRATION_REPORT`, committed with the pages.

Its shape::

    {"site": "examples/site", ..., "problem_counts": {"dead-link": 79, ...},
     "problems": [{"file": "content/about/faq.md", "line": 12, "kind": "dead-link",
                   "message": "link to '/faq/': ...", "source": "See [the FAQ](/faq/)."}, ...]}

The HTML build finds it (:func:`find_report`) and shows it as a page, grouped by file
(``ext.import_report``). :func:`summary_lines` is the one-screen summary that
``make migrate``, the preview's import and the HTML build print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import groupby
from pathlib import Path
from typing import Any

from .paths import DATA_DIR, GENERATED_DIR

#: The transition preview's report, in the preview's source folder.
PREVIEW_REPORT = f"{GENERATED_DIR}/import-report.json"
#: The report of the last migration, in the handbook source (committed).
MIGRATION_REPORT = f"{DATA_DIR}/migration-report.json"
#: Where a build looks for the report of the folder it builds, in this order.
REPORT_FILES = (PREVIEW_REPORT, MIGRATION_REPORT)
#: Problem kinds that are no problem of the content: a draft, or a page Hugo does not
#: publish (a future or expired page, a headless bundle), is left out on purpose.
NOT_COUNTED = frozenset({"draft", "unpublished"})
#: How many files the summary names.
TOP_FILES = 5
#: The most lines the summary takes (a screen of a terminal, with the command's own
#: lines around it): with many kinds of problems, fewer files are named (one at least).
SUMMARY_LINES = 16


def find_report(srcdir: Path) -> Path | None:
    """The report of the source folder ``srcdir`` (:data:`REPORT_FILES`), or ``None``."""
    return next((srcdir / rel for rel in REPORT_FILES if (srcdir / rel).is_file()), None)


def counted(problems: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The problems that count (not :data:`NOT_COUNTED`)."""
    return [p for p in problems if p.get("kind") not in NOT_COUNTED]


def left_out_text(problems: Iterable[Mapping[str, Any]], draft: str = "draft") -> str:
    """``"3 drafts, 1 unpublished page"``: the pages left out on purpose
    (:data:`NOT_COUNTED`), ``""`` when none; ``draft`` names a draft."""
    counts = Counter(str(p.get("kind", "")) for p in problems if p.get("kind") in NOT_COUNTED)
    parts = [f"{counts['draft']} {draft}{'s' if counts['draft'] != 1 else ''}"] if counts["draft"] else []
    if counts["unpublished"]:
        parts.append(f"{counts['unpublished']} unpublished page{'s' if counts['unpublished'] != 1 else ''}")
    return ", ".join(parts)


def kind_counts(problems: Iterable[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """``(kind, count)`` of the problems that count, most first (then by name)."""
    counts = Counter(str(p.get("kind", "")) for p in counted(problems))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def top_files(problems: Iterable[Mapping[str, Any]], limit: int = TOP_FILES) -> list[tuple[str, int]]:
    """``(file, count)`` of the ``limit`` files with the most problems that count
    (ties in file order)."""
    counts = Counter(str(p.get("file", "")) for p in counted(problems))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def problems_by_file(problems: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """Every problem (drafts too), grouped by file in file order, by line within one."""
    ordered = sorted(problems, key=lambda p: (str(p.get("file", "")), int(p.get("line") or 0)))
    return [(file, list(group)) for file, group in groupby(ordered, key=lambda p: str(p.get("file", "")))]


def summary_lines(data: Mapping[str, Any], where: str, width: int = 80) -> list[str]:
    """The one-screen summary of report ``data`` (the JSON shape above): how many
    problems in how many files, the count of each kind in columns (most first), the
    :data:`TOP_FILES` files with the most problems, and ``where`` (one line saying
    where the full report is). At most :data:`SUMMARY_LINES` lines with every kind
    present (a test holds it): the files named are fewer when the kinds take more
    rows. Drafts and unpublished pages are named, not counted."""
    problems = list(data.get("problems") or [])
    counts = kind_counts(problems)
    files = {p.get("file") for p in counted(problems)}
    total = sum(n for _kind, n in counts)
    left_out = f" ({left_out_text(problems)} not imported)" if left_out_text(problems) else ""
    if not total:
        return [f"import report: no problems in the site{left_out}"]
    files_found = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    head = f"import report: {total} problem{'s' if total != 1 else ''} in {files_found}"
    short = left_out.replace(" unpublished pages", " unpublished").replace(" not imported)", " left out)")
    lines = [next((line for line in (f"{head} of the site{left_out}", f"{head}{left_out}", f"{head}{short}")
                   if len(line) <= width), f"{head}{short}")]
    lines += _columns(counts, width)
    lines.append("the files with the most problems:" if len(files) > 1 else "the file with problems:")
    room = max(1, min(TOP_FILES, SUMMARY_LINES - len(lines) - 1))
    lines += [f"  {n:>4}  {file}" for file, n in top_files(problems, room)]
    lines.append(where)
    return lines


def _columns(counts: list[tuple[str, int]], width: int) -> list[str]:
    """The ``(kind, count)`` cells in as many columns as fit in ``width``, filled down
    each column (the most frequent kinds in the first), counts right-aligned."""
    kind_width = max(len(kind) for kind, _n in counts)
    count_width = max(len(str(n)) for _kind, n in counts)
    cell = kind_width + 1 + count_width
    per_row = max(1, (width - 2) // (cell + 3))
    rows = -(-len(counts) // per_row)
    out = []
    for row in range(rows):
        row_cells = [counts[i] for i in range(row, len(counts), rows)]
        out.append("  " + "   ".join(f"{kind:<{kind_width}} {n:>{count_width}}" for kind, n in row_cells))
    return out
