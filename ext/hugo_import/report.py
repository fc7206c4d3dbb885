"""The import report as people read it: the JSON file, the source lines, the summary.

An import's :class:`.model.ImportReport` is written as JSON (:func:`report_json`) with,
for each problem, the text of its line in the Hugo site's file (``source``: empty for
a problem of a whole file, line 0, or of a file that is not in the site). The file lies
in the Sphinx source folder, where the HTML build finds it (``ext.import_report``
shows it as a page, grouped by file):

* the transition preview: :data:`PREVIEW_REPORT`, written by each import that converts
  (an unchanged site keeps the last one);
* a migration: :data:`MIGRATION_REPORT`, committed with the pages.

Its shape (what :meth:`.ImportReport.as_json` gives, plus ``source``)::

    {"site": "examples/site", ..., "problem_counts": {"dead-link": 79, ...},
     "problems": [{"file": "content/about/faq.md", "line": 12, "kind": "dead-link",
                   "message": "link to '/faq/': ...", "source": "See [the FAQ](/faq/)."}, ...]}

:func:`summary_lines` is the one-screen summary that ``make migrate``, the preview's
import and the HTML build print. Sphinx-free: the converter and the extension both
import it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import groupby
from pathlib import Path
from typing import Any

from .model import ImportReport

#: The transition preview's report, in the preview's source folder.
PREVIEW_REPORT = "_generated/import-report.json"
#: The report of the last migration, in the handbook source (committed).
MIGRATION_REPORT = "_data/migration-report.json"
#: Where a build looks for the report of the folder it builds, in this order.
REPORT_FILES = (PREVIEW_REPORT, MIGRATION_REPORT)
#: Problem kinds that are no problem of the content: a draft is left out on purpose.
NOT_COUNTED = frozenset({"draft"})
#: How many files the summary names.
TOP_FILES = 5
#: A source line longer than this is cut (with "…"): a whole paragraph of HTML can
#: be one line, and the committed report stays readable.
SOURCE_WIDTH = 200
#: A ``key = value`` or ``key: value`` line whose key names a key, token, secret,
#: password or analytics id (``googleMapsApiKey``, ``api_key``, not ``keywords``): its
#: value is not copied (the report is published with the handbook).
_SECRET = re.compile(
    r"""^(\s*["']?[\w.-]*?(?:key|token|secret|password|analytics)(?![a-z])[\w.-]*["']?\s*[=:]\s*)\S.*$""",
    re.IGNORECASE)


def report_json(report: ImportReport, site_root: Path | None) -> dict[str, Any]:
    """``report`` as JSON data, each problem with its ``source`` line read from the
    site at ``site_root`` (each file read once; ``None``: no source lines)."""
    data = report.as_json()
    lines = SourceLines(site_root)
    for problem in data["problems"]:
        problem["source"] = lines.get(problem["file"], problem["line"])
    return data


class SourceLines:
    """The lines of the site's files, as the import numbers them (``\\n``, ``\\r\\n`` and
    ``\\r`` each end a line; undecodable bytes replaced). Only files inside
    ``site_root`` are read (a symbolic link out of the site gives no line)."""

    def __init__(self, site_root: Path | None) -> None:
        self.root = site_root.resolve() if site_root is not None else None
        self._files: dict[str, list[str]] = {}

    def get(self, file: str, line: int) -> str:
        """The text of line ``line`` (1-based) of ``file`` (relative to the site root),
        right-stripped and cut at :data:`SOURCE_WIDTH`, a secret's value left out;
        ``""`` when there is none."""
        if self.root is None or line < 1:
            return ""
        if file not in self._files:
            self._files[file] = self._read(file)
        lines = self._files[file]
        if line > len(lines):
            return ""
        text = _SECRET.sub(r"\1(not shown)", lines[line - 1].rstrip())
        return text if len(text) <= SOURCE_WIDTH else text[: SOURCE_WIDTH - 1] + "…"

    def _read(self, file: str) -> list[str]:
        assert self.root is not None
        path = (self.root / file).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return []
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return []
        return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")


def write_report(data: Mapping[str, Any], path: Path) -> bool:
    """Write report ``data`` as JSON at ``path`` (folders made), unless the file holds
    those bytes already (a live preview watches the folder); whether it was written."""
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def find_report(srcdir: Path) -> Path | None:
    """The report of the source folder ``srcdir`` (:data:`REPORT_FILES`), or ``None``."""
    return next((srcdir / rel for rel in REPORT_FILES if (srcdir / rel).is_file()), None)


# -- reading it -----------------------------------------------------------------------


def counted(problems: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The problems that count (not :data:`NOT_COUNTED`)."""
    return [p for p in problems if p.get("kind") not in NOT_COUNTED]


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
    where the full report is). At most 18 lines with every kind present (a test holds it); drafts
    are named, not counted."""
    problems = list(data.get("problems") or [])
    counts = kind_counts(problems)
    drafts = len(problems) - len(counted(problems))
    files = {p.get("file") for p in counted(problems)}
    total = sum(n for _kind, n in counts)
    left_out = f" ({drafts} draft{'s' if drafts != 1 else ''} not imported)" if drafts else ""
    if not total:
        return [f"import report: no problems in the site{left_out}"]
    files_found = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    lines = [f"import report: {total} problem{'s' if total != 1 else ''} in {files_found} of the site{left_out}"]
    lines += _columns(counts, width)
    lines.append("the files with the most problems:" if len(files) > 1 else "the file with problems:")
    lines += [f"  {n:>4}  {file}" for file, n in top_files(problems)]
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
