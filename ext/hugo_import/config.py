"""The site's configuration file (``config.toml`` or ``hugo.toml``): read, located, checked.

:func:`read_config` gives the configuration as a dict the import can use without
checking types again, and the problems found, each at its line of the file:

- a file that does not parse (``config``, at the line the TOML decoder names): the
  site is imported without a configuration; bytes that are not UTF-8 (``encoding``);
- a value of a type the import cannot use (``config``): ``title`` that is no text,
  ``params``, ``menu`` or ``Permalinks`` that is no table, a ``params`` value the
  footer or the contact page shows that is no text, ``params.mainSections``
  that is no list of names, a permalink pattern that is no text (or, ``unsafe-url``,
  that keeps a ``:`` once its tokens are filled in), a ``[[menu.main]]``
  entry that is no table: left out; a menu ``weight`` that is no whole number: the
  entry is sorted last (:func:`menu_weight`);
- a URL that is not on the allow-list (``unsafe-url``, :func:`ext.shared.urls.is_safe_url`):
  ``baseurl`` that is not the address of a web site (:func:`site_address`; the
  handbook then has no base URL, ``/``), a ``[[menu.main]]`` ``url`` (the entry is
  left out), the footer's ``params.privacy_policy`` and ``params.code_of_conduct``
  (left out). Links inside ``params.address`` and ``params.about_us`` are checked
  where they are converted (:mod:`.theme_params`).

:class:`SiteConfig` gives the lines: of each key by its dotted name
(:func:`config_key_lines`), and of each entry of an array of tables
(:func:`array_table_lines`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .confine import decoded
from .model import Problem, ProblemKind
from ..shared.urls import WEB_SCHEMES, climbs_above_root, is_safe_url, shown_url

#: The names of a Hugo site's configuration file, in the order Hugo looks for them.
CONFIG_NAMES = ("config.toml", "hugo.toml")
#: ``[params]`` keys that the footer links (``ext.site_pages``).
FOOTER_URL_KEYS = ("privacy_policy", "code_of_conduct")
#: ``[params]`` keys whose text the footer or the contact page shows: text only.
FOOTER_TEXT_KEYS = ("copyright", "address", "about_us", *FOOTER_URL_KEYS)
#: The tokens of a permalink pattern that :func:`.site_urls.page_url` fills in.
PERMALINK_TOKEN_NAMES = (":year", ":month", ":day", ":filename", ":slug", ":section", ":title")
PERMALINK_TOKENS = re.compile(r":(?:year|month|day|filename|slug|section|title)(?![a-z])")


def config_file(root: Path) -> str:
    """The name of the site's configuration file (``config.toml`` or ``hugo.toml``)."""
    return next((name for name in CONFIG_NAMES if (root / name).is_file()), "config.toml")


#: A TOML table header (``[params.topbar]``, ``[[menu.topbar]]``) or a ``key =`` line.
_TABLE = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$""")


def _key_lines(text: str) -> list[tuple[int, str, bool]]:
    """``(line, dotted name, is a table header)`` of each table and key of a TOML
    file, in order; lines inside multi-line strings are skipped."""
    found: list[tuple[int, str, bool]] = []
    table = ""
    closing = ""
    for number, line in enumerate(text.split("\n"), 1):
        if closing:
            if closing in line:
                closing = ""
            continue
        if match := _TABLE.match(line):
            table = match.group(1).replace(" ", "")
            found.append((number, table, True))
            continue
        if match := _KEY.match(line):
            key = match.group(1).strip("\"'")
            found.append((number, f"{table}.{key}" if table else key, False))
            value = match.group(2)
            for quotes in ('"""', "'''"):
                if value.startswith(quotes) and value.count(quotes) == 1:
                    closing = quotes
    return found


def config_key_lines(text: str) -> dict[str, int]:
    """The 1-based line of each table and key of a TOML file, by dotted name
    (``params``, ``params.address``, ``menu.topbar.url``: the first when repeated).
    Lines inside multi-line strings are skipped."""
    lines: dict[str, int] = {}
    for number, name, _table in _key_lines(text):
        lines.setdefault(name, number)
    return lines


def array_table_lines(text: str, name: str) -> list[dict[str, int]]:
    """The lines of each entry of the array of tables ``name`` (``[[menu.main]]``,
    ``[[redirects]]``), in order: ``{"": the header's line, key: its line, ...}``."""
    entries: list[dict[str, int]] = []
    inside = False
    for number, dotted, is_table in _key_lines(text):
        if is_table:
            inside = dotted == name and _is_array_header(text, number)
            if inside:
                entries.append({"": number})
        elif inside and dotted.startswith(name + "."):
            entries[-1].setdefault(dotted[len(name) + 1:], number)
    return entries


def _is_array_header(text: str, number: int) -> bool:
    return text.split("\n")[number - 1].lstrip().startswith("[[")


@dataclass(frozen=True)
class SiteConfig:
    """The site's ``config.toml``: its name, the lines of its keys, its text lines."""

    file: str
    key_lines: dict[str, int]
    lines: list[str]

    @classmethod
    def read(cls, root: Path) -> SiteConfig:
        name = config_file(root)
        path = root / name
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        return cls.of(name, text)

    @classmethod
    def of(cls, name: str, text: str) -> SiteConfig:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return cls(name, config_key_lines(text), text.split("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, key: str) -> int:
        """The line of ``key`` (a dotted name), or of its table; 1 when not found."""
        while key:
            if key in self.key_lines:
                return self.key_lines[key]
            key = key.rpartition(".")[0]
        return 1

    def value_line(self, key: str) -> int:
        """The line where the value of ``key`` starts: the next one for a multi-line
        string that opens at the end of the key's line (TOML drops that newline)."""
        line = self.line(key)
        text = self.lines[line - 1].rstrip() if line <= len(self.lines) else ""
        return line + 1 if text.endswith(('"""', "'''")) else line


# -- reading and checking ---------------------------------------------------------------


def read_config(root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The configuration of the site at ``root`` (``{}`` without a file, or when it does
    not parse) with the values the import cannot use left out, and the problems found
    (see the module's docstring)."""
    name = config_file(root)
    path = root / name
    if not path.is_file():
        return {}, []
    problems: list[Problem] = []
    raw = path.read_bytes()
    text = decoded(raw, name, problems)
    config = SiteConfig.of(name, text)
    try:
        data = tomllib.loads(config.text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column \d+\)$", str(err))
        reason = str(err)[: match.start()].strip() if match else str(err)
        problems.append(Problem(name, int(match.group(1)) if match else 1, ProblemKind.CONFIG, (
            f"{name} does not parse: {reason}; the site is imported without its configuration")))
        return {}, problems
    checked: list[Problem] = []
    data = check_config(data, config, checked)
    return data, problems + sorted(checked, key=lambda problem: problem.line)


def check_config(data: dict[str, Any], config: SiteConfig, problems: list[Problem]) -> dict[str, Any]:
    """``data`` (the parsed ``config``) with the values the import cannot use left out,
    each reported in ``problems`` (see the module's docstring; :func:`read_config`
    sorts them by line)."""

    def report(key: str, kind: ProblemKind, message: str, line: int = 0) -> None:
        problems.append(Problem(config.file, line or config.line(key), kind, message))

    def table(key: str, parent: dict[str, Any], name: str) -> None:
        if name in parent and not isinstance(parent[name], dict):
            report(key, ProblemKind.CONFIG, f"{key} is {_a(parent[name])}, not a table; left out")
            del parent[name]

    if "title" in data and not isinstance(data["title"], (str, int, float)):
        report("title", ProblemKind.CONFIG, f"title is {_a(data['title'])}, not text; left out")
        del data["title"]
    for key in ("baseurl", "baseURL"):
        if key in data and site_address(data[key]) is None:
            value = data.pop(key)
            kind = ProblemKind.UNSAFE_URL if isinstance(value, str) and not is_safe_url(value, WEB_SCHEMES) else ProblemKind.CONFIG
            report(key, kind, f"{key} {shown_url(value)} is not the address of a web site (http(s)://host/); "
                              "the handbook has no base URL (/)")
    for key in ("params", "menu", "Permalinks", "permalinks"):
        table(key, data, key)
    params = data.get("params", {})
    sections = params.get("mainSections", params.get("mainsections"))
    if sections is not None and not (isinstance(sections, list) and all(isinstance(s, str) for s in sections)):
        key = "params.mainSections" if "mainSections" in params else "params.mainsections"
        if isinstance(sections, str):
            params[key.rpartition(".")[2]] = [sections]
        else:
            report(key, ProblemKind.CONFIG, f"{key} is {_a(sections)}, not a list of section names; left out")
            del params[key.rpartition(".")[2]]
    for key in FOOTER_TEXT_KEYS:
        if key in params and not isinstance(params[key], str):
            report(f"params.{key}", ProblemKind.CONFIG, f"params.{key} is {_a(params[key])}, not text; left out")
            del params[key]
    for key in FOOTER_URL_KEYS:
        value = params.get(key)
        if value is not None and not is_safe_url(value):
            report(f"params.{key}", ProblemKind.UNSAFE_URL, f"unsafe URL {shown_url(value)} in params.{key} removed; "
                                                            "the footer has no such link")
            del params[key]
    for key in ("Permalinks", "permalinks"):
        patterns = data.get(key, {})
        for section in list(patterns):
            pattern = patterns[section]
            if not isinstance(pattern, str):
                report(f"{key}.{section}", ProblemKind.CONFIG,
                       f"{key}.{section} is {_a(pattern)}, not a URL pattern; left out")
                del patterns[section]
            elif ":" in PERMALINK_TOKENS.sub("", pattern):
                report(f"{key}.{section}", ProblemKind.UNSAFE_URL, (
                    f"{key}.{section} {shown_url(pattern)} keeps a ':' that is no token the import knows "
                    f"({', '.join(PERMALINK_TOKEN_NAMES)}), which a browser would read as a scheme; left out, "
                    "the section's pages keep the URLs of their files"))
                del patterns[section]
            elif climbs_above_root(PERMALINK_TOKENS.sub("x", pattern)):
                report(f"{key}.{section}", ProblemKind.OUTSIDE_SITE, (
                    f"{key}.{section} {pattern!r} climbs above the site's root; its pages are served "
                    "inside the site, the climbing steps dropped"))
    menu = data.get("menu", {})
    if "main" in menu:
        menu["main"] = _checked_menu(menu["main"], config, report)
    return data


def _checked_menu(entries: Any, config: SiteConfig, report) -> list[dict[str, Any]]:
    """The ``[[menu.main]]`` entries the navigation can use (see the module's docstring)."""
    if not isinstance(entries, list):
        report("menu.main", ProblemKind.CONFIG, f"menu.main is {_a(entries)}, not a list of entries; left out")
        return []
    lines = array_table_lines(config.text, "menu.main")
    kept = []
    for number, entry in enumerate(entries):
        where = lines[number] if number < len(lines) and len(lines) == len(entries) else {}
        line = where.get("", 0) or config.line("menu.main")
        if not isinstance(entry, dict):
            report("menu.main", ProblemKind.CONFIG, f"menu entry {number + 1} is {_a(entry)}, not a table; left out", line)
            continue
        name = str(entry.get("name", ""))
        url = entry.get("url", "/")
        if not isinstance(url, str):
            report("menu.main", ProblemKind.CONFIG, f"menu entry {name!r}: url is {_a(url)}, not text; "
                                                    "the entry is left out", where.get("url", line))
            continue
        if not is_safe_url(url):
            report("menu.main", ProblemKind.UNSAFE_URL,
                   f"unsafe URL {shown_url(url)} in menu entry {name!r} removed; the entry is left out",
                   where.get("url", line))
            continue
        if "weight" in entry and menu_weight(entry["weight"]) is None:
            report("menu.main", ProblemKind.CONFIG,
                   f"menu entry {name!r}: weight {entry['weight']!r} is not a whole number; sorted last",
                   where.get("weight", line))
        kept.append(entry)
    return kept


def menu_weight(value: Any) -> int | None:
    """A menu entry's ``weight`` as a whole number (``3``, ``"3"``, ``3.0``), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    return None


def site_address(value: Any) -> str | None:
    """``value`` when it is a site's address as ``baseurl`` gives it: an http(s) URL
    with a host (``https://iassistdata.org/``) or a path from the root (``/``);
    ``None`` for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if not is_safe_url(value, WEB_SCHEMES):
        return None
    parts = urlsplit(value)
    if parts.scheme:
        return value if parts.hostname and not any(c in value for c in "<>\"' \\") else None
    return value if value.startswith("/") and not value.startswith("//") else None


def _a(value: Any) -> str:
    """``text``, ``an int``, ``a table``: the type of ``value`` as a problem names it."""
    if isinstance(value, str):
        return "text"
    name = {dict: "table", list: "list", bool: "boolean"}.get(type(value), type(value).__name__)
    return ("an " if name[0] in "aeiou" else "a ") + name
