"""Hugo front matter: TOML (``+++``) and YAML (``---``), dates and drafts.

TOML is read with :mod:`tomllib`, YAML with PyYAML (a safe loader that keeps dates
as strings, so an impossible date is a reported problem, not a crash).
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import yaml

from .model import FrontMatter, Problem, ProblemKind

_FENCES = {"+++": "toml", "---": "yaml"}
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)


class FrontMatterError(ValueError):
    """Front matter that does not parse; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _StringDateLoader(yaml.SafeLoader):
    """YAML safe loader that leaves timestamps as strings."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_toml(text: str, first_line: int) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        line = first_line + int(match.group(1)) - 1 if match else first_line
        raise FrontMatterError(f"TOML front matter does not parse: {err}", line) from None


def _parse_yaml(text: str, first_line: int) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_StringDateLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        reason = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(f"YAML front matter does not parse: {reason}", line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("YAML front matter is not a mapping of keys", first_line)
    return data


_PARSERS: dict[str, Callable[[str, int], dict[str, Any]]] = {
    "toml": _parse_toml,
    "yaml": _parse_yaml,
}


def split_front_matter(text: str) -> FrontMatter:
    """Split a content file into front matter and body.

    ``text`` is the decoded file. Leading blank lines, tabs and a BOM before the
    opening fence are tolerated, as Hugo tolerates them. Returns a
    :class:`FrontMatter` with ``data`` (keys as written; TOML dates become ISO
    strings), the ``body`` and the 1-based ``body_line``.

    Raises :class:`FrontMatterError` (with the file line) when the fence is not
    closed or the front matter does not parse.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].strip() not in _FENCES:
        return FrontMatter(data={}, body=text, body_line=1)
    fence = lines[start].strip()
    fmt = _FENCES[fence]
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() == fence or lines[end].strip() == fence:
            break
    else:
        raise FrontMatterError(f"front matter opened with {fence!r} is never closed", start + 1)
    raw = "\n".join(lines[start + 1 : end])
    data = _PARSERS[fmt](raw, start + 2)
    data = {str(key): _plain(value) for key, value in data.items()}
    key_lines = _key_lines(lines[start + 1 : end], start + 2)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(data=data, body=body, body_line=end + 2, key_lines=key_lines, format=fmt)


def _key_lines(lines: list[str], first_line: int) -> dict[str, int]:
    """``{top-level key: 1-based line}``: ``key = ...`` (TOML), ``key: ...`` (YAML) and
    TOML table headers (``[key]``, ``[[key]]``)."""
    found: dict[str, int] = {}
    for offset, line in enumerate(lines):
        match = re.match(r"\s*[\"']?([A-Za-z_][\w-]*)[\"']?\s*[=:]", line) or \
            re.match(r"\[\[?\s*([A-Za-z_][\w-]*)\s*\]", line)
        if match and not line.startswith((" ", "\t", "-")):
            found.setdefault(match.group(1), first_line + offset)
    return found


def _plain(value: Any) -> Any:
    """TOML dates and times to ISO strings, recursively; everything else as is."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def parse_date(value: Any) -> datetime:
    """Parse a Hugo front matter date.

    Accepts ``2013-04-02``, ``2013-04-02 10:22:46``, ``2013-04-02T10:22:46Z`` and
    offsets written ``-0700`` or ``-07:00``. Returns an aware :class:`datetime`
    (UTC when no offset is given). Raises :class:`ValueError` for anything else,
    including impossible dates such as ``2024-30-05``.
    """
    match = _DATE_RE.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date in a known form (YYYY-MM-DD[ HH:MM[:SS]][ ±HHMM])")
    parts = {key: int(val) for key, val in match.groupdict().items() if val and key != "tz"}
    tz = timezone.utc
    if match.group("tz") and match.group("tz") != "Z":
        raw = match.group("tz").replace(":", "")
        sign = -1 if raw[0] == "-" else 1
        tz = timezone(sign * timedelta(hours=int(raw[1:3]), minutes=int(raw[3:5])))
    try:
        return datetime(
            parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0),
            parts.get("S", 0), tzinfo=tz,
        )
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real date: {err}") from None


def parse_draft(value: Any) -> bool:
    """``draft`` as Hugo reads it: a boolean, or the strings ``"true"``/``"false"``."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "yes", "1"}


def check_date(front: FrontMatter, file: str, key: str = "date") -> tuple[datetime | None, list[Problem]]:
    """The parsed ``key`` date of ``front`` and the problems found (bad form or value)."""
    if key not in front.data or front.data[key] in ("", None):
        return None, []
    try:
        return parse_date(front.data[key]), []
    except ValueError as err:
        line = front.key_lines.get(key, 1)
        return None, [Problem(file, line, ProblemKind.BAD_DATE, f"{key}: {err}")]
