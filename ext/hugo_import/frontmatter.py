"""Hugo front matter: TOML (``+++``) and YAML (``---``), dates and drafts, and the keys
the handbook reads.

TOML is read with :mod:`tomllib`, YAML with PyYAML (a safe loader that keeps dates
as strings, so an impossible date is a reported problem, not a crash).

:data:`ext.shared.page_keys.KNOWN_KEYS` are the front matter keys that something in the
handbook reads: the converter keeps them as they are, and the build
(``ext.front_matter``) warns about any other key at the top of a page. A Hugo page's other keys (``employer`` on a job
posting: the custom keys of a section the handbook has never seen) are kept under
``params``, Hugo's own name for a page's custom keys (:func:`nest_unread_keys`), and
reported once per key and section (:func:`collect_unknown_keys`), so a maintainer can
choose which ones a section shows (``front_matter_fields`` in ``conf.py``).
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import yaml

from ..shared.dates import parse_page_date
from ..shared.page_keys import (
    CONSUMED_KEYS, HANDBOOK_KEYS, KNOWN_KEYS, PARAMS_KEY, handbook_section, is_build_key, is_read_key,
)
from ..shared.limits import LimitError, TextDatesLoader, json_depth_error, yaml_load
from .model import FrontMatter, Page, Problem, ProblemKind, UnknownKey

def build_key_problem(file: str, line: int, key: str) -> Problem:
    """The ``sphinx-key`` problem of the site's front matter key ``key`` at ``line``."""
    if key in HANDBOOK_KEYS:
        why = "is written by the import itself"
    else:
        why = "would configure Sphinx or MyST for the page (Hugo reads no such key)"
    return Problem(file, line, ProblemKind.SPHINX_KEY, f"front matter key {key!r} {why}; dropped")


_FENCES = {"+++": "toml", "---": "yaml"}
class FrontMatterError(ValueError):
    """Front matter that does not parse; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _too_deep(text: str, fmt: str, first_line: int) -> FrontMatterError | None:
    """The error for front matter whose arrays and tables nest deeper than
    :data:`ext.shared.limits.MAX_JSON_DEPTH` (the parsers recurse once per level), at its line."""
    error = json_depth_error(text)
    if error is None:
        return None
    return FrontMatterError(f"{fmt} front matter {str(error).split(' (')[0]}", first_line + error.line - 1)


def _parse_toml(text: str, first_line: int) -> dict[str, Any]:
    too_deep = _too_deep(text, "TOML", first_line)
    if too_deep is not None:
        raise too_deep
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise FrontMatterError("TOML front matter nests deeper than can be read", first_line) from None
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        line = first_line + int(match.group(1)) - 1 if match else first_line
        raise FrontMatterError(f"TOML front matter does not parse: {err}", line) from None


def _parse_yaml(text: str, first_line: int) -> dict[str, Any]:
    too_deep = _too_deep(text, "YAML", first_line)
    if too_deep is not None:
        raise too_deep
    try:
        data = yaml_load(text, TextDatesLoader)
    except RecursionError:
        raise FrontMatterError("YAML front matter nests deeper than can be read", first_line) from None
    except LimitError as err:
        raise FrontMatterError(str(err), first_line + err.line - 1) from None
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

    JSON front matter (an object from a first line that opens with ``{``, not a
    shortcode's ``{{``, to its closing ``}``, as Hugo reads it) is read too; the body starts on the line after.

    Raises :class:`FrontMatterError` (with the file line) when the fence is not
    closed or the front matter does not parse.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and re.match(r"\s*\{(?!\{)", lines[start]):
        return _split_json(text, lines, start)
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


def _split_json(text: str, lines: list[str], start: int) -> FrontMatter:
    """JSON front matter: the object that opens on line ``start`` (0-based), read with
    :meth:`json.JSONDecoder.raw_decode`; the body starts on the next line, or with the
    text that follows the ``}`` on its line."""
    offset = sum(len(line) + 1 for line in lines[:start]) + lines[start].index("{")
    too_deep = _too_deep(text[offset:], "JSON", start + 1)
    if too_deep is not None:
        raise too_deep
    try:
        data, end = json.JSONDecoder().raw_decode(text, offset)
    except RecursionError:
        raise FrontMatterError("JSON front matter nests deeper than can be read", start + 1) from None
    except json.JSONDecodeError as err:
        raise FrontMatterError(f"JSON front matter does not parse: {err.msg}", err.lineno) from None
    if not isinstance(data, dict):
        raise FrontMatterError("JSON front matter is not an object of keys", start + 1)
    last = text.count("\n", 0, end)
    key_lines: dict[str, int] = {}
    for number in range(start, last + 1):
        match = re.match(r'\s*"((?:[^"\\]|\\.)*)"\s*:', lines[number])
        if match and match.group(1) in data:
            key_lines.setdefault(match.group(1), number + 1)
    rest, _, body = text[end:].partition("\n")
    if rest.strip():
        body, body_line = f"{rest.strip()}\n{body}", last + 1
    else:
        body_line = last + 2
    data = {str(key): value for key, value in data.items()}
    return FrontMatter(data=data, body=body, body_line=body_line, key_lines=key_lines, format="json")


#: Characters no title, tag or other front matter text means, and XML 1.0 (the blog's
#: feeds, the sitemap) cannot hold: C0 controls but tab, newline and carriage return,
#: DEL, C1 controls, lone surrogates, U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control_characters(front: FrontMatter, file: str) -> list[Problem]:
    """Take :data:`CONTROL_CHARACTERS` out of every text of ``front.data`` (in lists and
    tables too); one ``front-matter`` problem per top-level key that held any, at the
    key's line, naming them (``U+0000``)."""
    problems = []
    for key, value in front.data.items():
        found: set[str] = set()
        front.data[key] = _without_controls(value, found)
        if found:
            names = ", ".join(f"U+{ord(char):04X}" for char in sorted(found))
            problems.append(Problem(file, front.key_lines.get(key, 1), ProblemKind.FRONT_MATTER,
                                    f"{key} holds control characters ({names}); removed"))
    return problems


def drop_unsafe_url(front: FrontMatter, file: str) -> list[Problem]:
    """Take out of ``front.data`` a ``url`` that cannot be a page's path on the site: one
    with a ``:`` (``javascript:alert(1)``, ``/a:b/``), which a browser reads as a scheme
    where the handbook links the page by a relative URL (``a:b/`` from the page above
    it), or one that is no text. Reported as ``unsafe-url`` at the key's line; the page
    is served at the URL of its file."""
    url = front.data.get("url")
    if url is None or url == "" or (isinstance(url, str) and ":" not in url):
        return []
    del front.data["url"]
    return [Problem(file, front.key_lines.get("url", 1), ProblemKind.UNSAFE_URL, (
        f"url {str(url)[:40]!r} is not a path on the site (no scheme, no ':'); left out, the page keeps "
        "the URL of its file"))]


def _without_controls(value: Any, found: set[str]) -> Any:
    if isinstance(value, str):
        found.update(CONTROL_CHARACTERS.findall(value))
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_without_controls(item, found) for item in value]
    if isinstance(value, dict):
        return {key: _without_controls(item, found) for key, item in value.items()}
    return value


def _key_lines(lines: list[str], first_line: int) -> dict[str, int]:
    """``{top-level key: 1-based line}``: ``key = ...`` (TOML), ``key: ...`` (YAML),
    TOML dotted keys (``key.sub = ...``), YAML keys with a colon (``og:image: ...``)
    and table headers (``[key]``, ``[[key]]``,
    ``[key.sub]``)."""
    found: dict[str, int] = {}
    for offset, line in enumerate(lines):
        match = re.match(r"\s*[\"']?([A-Za-z_][\w:-]*?)[\"']?\s*(?:=|:(?:\s|$)|\.(?=[\w\"']))", line) or \
            re.match(r"\[\[?\s*([A-Za-z_][\w-]*)\s*[\].]", line)
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


#: The texts Hugo reads as a boolean ``draft`` (Go's ``strconv.ParseBool``, any case):
#: ``{text: value}``.
DRAFT_WORDS = {"1": True, "t": True, "true": True, "0": False, "f": False, "false": False}


def parse_draft(value: Any) -> bool:
    """``draft`` as Hugo reads it: a boolean, a number (not 0), or a text of
    :data:`DRAFT_WORDS`; anything else is no draft (the import reports it)."""
    if isinstance(value, (bool, int, float)):
        return bool(value)
    return DRAFT_WORDS.get(str(value).strip().lower(), False)


def check_date(front: FrontMatter, file: str, key: str = "date") -> tuple[datetime | None, list[Problem]]:
    """The parsed ``key`` date of ``front`` and the problems found (bad form or value)."""
    if key not in front.data or front.data[key] in ("", None):
        return None, []
    try:
        return parse_page_date(front.data[key]), []
    except ValueError as err:
        line = front.key_lines.get(key, 1)
        return None, [Problem(file, line, ProblemKind.BAD_DATE, f"{key}: {err}")]


def nest_unread_keys(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` (a page's front matter as the handbook keeps it) with the keys nothing
    reads moved under ``params``, after the page's own ``params`` (a mapping) if it has
    one; the other keys keep their order.

    A key stays where it is when ``params`` is no mapping or already has that key, so
    nothing is lost (the build then warns about it at its line)."""
    unread = [key for key in meta if not is_read_key(key)]
    if not unread:
        return meta
    own = meta.get(PARAMS_KEY)
    if own is not None and not isinstance(own, dict):
        return meta
    params = dict(own or {})
    moved = [key for key in unread if key not in params]
    if not moved:
        return meta
    params.update((key, meta[key]) for key in moved)
    kept = {key: value for key, value in meta.items() if key not in moved and key != PARAMS_KEY}
    return {**kept, PARAMS_KEY: params}


def collect_unknown_keys(pages: Iterable[Page]) -> list[UnknownKey]:
    """The front matter keys of ``pages`` (in the site's file order) that nothing reads
    and :func:`nest_unread_keys` moves under ``params``, once per key and section, in
    the order of section and key.

    A page's section is :func:`handbook_section` of its docname. Each :class:`.UnknownKey` counts
    the section's pages that have the key and gives the value and the line of the first.
    """
    found: dict[tuple[str, str], UnknownKey] = {}
    for page in pages:
        section = handbook_section(page.docname)
        meta = {key: value for key, value in page.front.data.items() if key not in CONSUMED_KEYS and not is_build_key(key)}
        nested = nest_unread_keys(meta)
        for key, value in meta.items():
            if key in nested:
                continue
            first = found.get((section, key))
            if first is None:
                found[section, key] = UnknownKey(section, key, 1, _example(value), page.site_file,
                                                 page.front.key_lines.get(key, 1))
            else:
                found[section, key] = UnknownKey(section, key, first.pages + 1, first.example, first.file, first.line)
    return [found[where] for where in sorted(found)]


def unknown_key_problem(unknown: UnknownKey) -> Problem:
    """The ``unknown-key`` problem for ``unknown``, at its first page's line: how many
    pages of the section have it, what it holds, where it went and how to show it."""
    close = difflib.get_close_matches(unknown.key.casefold(), sorted(KNOWN_KEYS), n=1, cutoff=0.8)
    meant = f" (did you mean {close[0]!r}?)" if close else ""
    where = f"section {unknown.section!r}" if unknown.section else "the top of the site"
    pages = f"1 page of {where} has it" if unknown.pages == 1 else f"{unknown.pages} pages of {where} have it"
    example = json.dumps(unknown.example, ensure_ascii=False)
    return Problem(unknown.file, unknown.line, ProblemKind.UNKNOWN_KEY, (
        f"front matter key {unknown.key!r}{meant} is read by nothing in the handbook; {pages} "
        f"(here {example}): kept under {PARAMS_KEY!r}, shown on the pages when front_matter_fields "
        "in conf.py names it"))


#: The longest example value a report shows (characters of its JSON).
_EXAMPLE_LENGTH = 80


def _example(value: Any) -> Any:
    """``value`` for the report: as it is when short, else its text cut at
    :data:`_EXAMPLE_LENGTH` characters with ``…``."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= _EXAMPLE_LENGTH:
        return value
    return text[: _EXAMPLE_LENGTH - 1] + "…"
