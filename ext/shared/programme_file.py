"""Reading a programme JSON file, and finding the line of a value in it for warnings.

Lines are found lazily: the file is decoded a second time, with the pure-Python JSON
scanner, only when a warning needs a line number, so clean files cost one fast decode.
"""

from __future__ import annotations

import html
import json
import json.scanner
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from .limits import json_depth_error

#: A JSON path as pydantic reports it: keys and list positions, e.g.
#: ``("sessions", 3, "presentations", 1, "doi")``.
JsonPath: TypeAlias = "tuple[str | int, ...]"


class ProgrammeFileError(Exception):
    """The programme file cannot be used: missing, unreadable, not JSON, not an object."""


def format_json_path(path: JsonPath) -> str:
    """``("sessions", 3, "doi")`` -> ``"sessions[3].doi"`` (``"(top level)"`` when empty)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


class _PositionDecoder(json.JSONDecoder):
    """A JSON decoder that records where each object and array starts (character offset),
    keyed by the ``id()`` of the decoded container."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}
        parse_object, parse_array = self.parse_object, self.parse_array

        def object_at(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            value, end = parse_object(s_and_end, *args)
            self.starts[id(value)] = s_and_end[1] - 1
            return value, end

        def array_at(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            value, end = parse_array(s_and_end, *args)
            self.starts[id(value)] = s_and_end[1] - 1
            return value, end

        self.parse_object = object_at
        self.parse_array = array_at
        self.scan_once = json.scanner.py_make_scanner(self)


@dataclass
class ProgrammeSource:
    """One programme file: its absolute ``path``, its ``text`` and the decoded ``data``."""

    path: Path
    text: str
    data: Any
    _tree: Any = field(default=None, repr=False)
    _starts: dict[int, int] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, path: Path) -> ProgrammeSource:
        """Read and decode ``path`` (UTF-8, a BOM is allowed).

        Raises :class:`ProgrammeFileError` with a short reason when the file is missing,
        unreadable, not valid JSON, nested deeper than
        :data:`ext.shared.limits.MAX_JSON_DEPTH` or not a JSON object."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ProgrammeFileError("file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ProgrammeFileError(f"cannot read the file ({exc})") from None
        too_deep = json_depth_error(text)
        if too_deep is not None:
            raise ProgrammeFileError(f"JSON {too_deep}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgrammeFileError(
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        if not isinstance(data, dict):
            raise ProgrammeFileError("not a programme: the top level is not a JSON object")
        return cls(path=path, text=text, data=data)

    def line_of(self, path: JsonPath) -> int:
        """The 1-based line of the value at ``path``: the line of its key when it is a key
        of an object, else of the innermost object or array on the path that exists."""
        if self._tree is None:
            decoder = _PositionDecoder()
            self._tree = decoder.decode(self.text)
            self._starts = decoder.starts
        node, offset = self._tree, self._starts.get(id(self._tree), 0)
        for part in path:
            if isinstance(node, dict) and isinstance(part, str) and part in node:
                key_at = self.text.find(json.dumps(part), offset)
                child = node[part]
                offset = self._starts.get(id(child), key_at if key_at >= 0 else offset)
                if not isinstance(child, (dict, list)):
                    offset = key_at if key_at >= 0 else offset
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                child = node[part]
                offset = self._starts.get(id(child), offset)
            else:
                break
            node = child
        return self.text.count("\n", 0, offset) + 1

    def location(self, path: JsonPath = ()) -> str:
        """``"<absolute file path>:<line>"`` for a warning about the value at ``path``."""
        return f"{self.path}:{self.line_of(path)}"


def decode_text(value: Any) -> Any:
    """A text string of a programme file with its HTML entities decoded, once
    (``&quot;Fortress-like&quot;`` → ``"Fortress-like"``, ``&amp;amp;`` → ``&amp;``);
    anything else as it is. Not for HTML fields (``abstract``): their parser decodes them."""
    return html.unescape(value) if isinstance(value, str) and "&" in value else value
