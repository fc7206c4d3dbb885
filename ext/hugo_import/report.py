"""Writing the import report: the JSON file, with the source line of each problem.

An import's :class:`.model.ImportReport` is written as JSON (:func:`report_json`) with,
for each problem, the text of its line in the Hugo site's file (``source``: empty for
a problem of a whole file, line 0, or of a file that is not in the site). Where the
file lies, its shape and how it is read and summed up: :mod:`ext.shared.report_file`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import ImportReport

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
