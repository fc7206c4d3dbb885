"""The site's home page data: the ``data/`` collections and ``config.toml`` switches.

The Hugo theme builds its home page from ``data/<collection>/*.yaml`` (feature
boxes, carousel slides, alerts, social links) and from ``[params.<collection>]``
in ``config.toml`` (``enable``, ``title``, ``subtitle``). The import copies those
files byte for byte to ``_data/site/<collection>/<file>.yaml`` and writes the
switches, plus what the theme's footer showed from ``[params]``, to
``_data/site/params.json``::

    {"collections": {"features": {"enable": true, "title": "...", "subtitle": ""}, ...},
     "footer": {"copyright": "...", "privacy_policy": "/about/privacy-policy/",
                "code_of_conduct": "/community/code-of-conduct/",
                "about_us": [[{"text": "IASSIST is ..."}]],
                "address": [[{"text": "IASSIST at your service", "strong": true}],
                            [{"text": "» Contact Officials", "url": "/about/officials/"}], ...]}}

(``about_us`` and ``address``: lines of text runs, :func:`.theme_params.text_runs`.)

The Sphinx extension :mod:`ext.home` reads them (and checks them: a broken
YAML file is a warning at build time, not an import problem). A date in them that
no calendar has (``date: 2028-02-30``) is an import problem at its line
(:func:`data_date_problems`); the handbook shows it as written.

The URLs of a data file are checked on the way (:func:`checked_data_file`): a value
of a URL key (``url``, ``link``, ``href``, ``*_url``) or a link in HTML text (a
slide's ``description``) that is not a safe URL (:func:`ext.shared.urls.is_safe_url`) is an
``unsafe-url`` problem at its line of the file, and the copy has it removed: the
value becomes ``""``, the HTML is written without that attribute (as a one-line
YAML string, followed by as many empty lines as the value had, so the other lines
keep their numbers). A file without such a URL is copied byte for byte.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import yaml

from .confine import site_files
from .model import Problem, ProblemKind
from .site import HugoSite
from .theme_params import footer_params
from ..shared.paths import SITE_DATA_DIR
from ..shared.urls import is_safe_url, shown_url

#: The ``data/`` folders the home page shows.
COLLECTIONS = ("features", "carousel", "alerts", "clients", "testimonials")
#: ``[params.<name>]`` tables whose switches are copied (the blog's "recent posts" too).
SWITCHES = (*COLLECTIONS, "recent_posts")
#: ``[params]`` keys copied for the footer.
FOOTER_KEYS = ("copyright", "privacy_policy", "code_of_conduct")


#: Keys of a data file whose value is a URL (besides any key ending in ``_url``).
URL_KEYS = frozenset({"url", "link", "href"})
#: HTML attributes that hold a URL.
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "xlink:href"})


def home_data_files(site: HugoSite, problems: list[Problem] | None = None) -> dict[str, bytes]:
    """``{relative path: bytes}`` of the files to write under :data:`SITE_DATA_DIR`. Only
    files inside the site are read (:func:`.confine.site_files`; the others are
    ``outside-site`` or ``unreadable`` problems); the unsafe URLs of the data files
    (:func:`checked_data_file`) and of the footer's values are reported in ``problems``."""
    problems = [] if problems is None else problems
    files: dict[str, bytes] = {}
    for collection in COLLECTIONS:
        found, refused = site_files(site.root, site.root / "data" / collection)
        problems.extend(refused)
        for rel, path in found:
            if "/" not in rel and path.suffix.lower() in {".yaml", ".yml"}:
                file = f"data/{collection}/{rel}"
                files[f"{SITE_DATA_DIR}/{collection}/{rel}"] = checked_data_file(path.read_bytes(), file, problems)
    params = site.config.get("params", {})
    switches = {}
    for collection in SWITCHES:
        table = params.get(collection, {})
        if isinstance(table, dict):
            switches[collection] = {
                key: table[key] for key in ("enable", "title", "subtitle") if isinstance(table.get(key), (str, bool))
            }
    footer = {key: str(params[key]).strip() for key in FOOTER_KEYS if key in params} | footer_params(site, problems)
    facts = {"collections": switches, "footer": footer}
    files[f"{SITE_DATA_DIR}/params.json"] = (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode()
    return files


#: A value that starts like a day (``2028-02-30``, ``2028-02-30 10:00``), as YAML reads dates.
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]|$)")


def data_date_problems(site: HugoSite) -> list[Problem]:
    """A ``bad-date`` problem for each value of the home page's data files (the ones
    :func:`home_data_files` copies) written as a day that no calendar has, at its line
    (``data/alerts/a.yaml``, 1-based). A file that does not parse is left to the build,
    which reports it."""
    problems: list[Problem] = []
    for collection in COLLECTIONS:
        found, _refused = site_files(site.root, site.root / "data" / collection)  # refusals: home_data_files
        for rel, path in found:
            if "/" in rel or path.suffix.lower() not in {".yaml", ".yml"}:
                continue
            try:
                node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
            where = path.relative_to(site.root).as_posix()
            problems += [Problem(where, line, ProblemKind.BAD_DATE, f"{key}: {value!r} is not a real date: {error}; shown as written")
                         for key, value, line, error in _bad_days(node, "", set())]
    return problems


def _bad_days(node: yaml.Node | None, key: str, seen: set[int]):
    """``(key, value, line, error)`` of each scalar under ``node`` that reads as an
    impossible day. A node that YAML aliases (``*a``) is walked once (``seen``: the
    ids of the nodes walked), so an alias bomb costs its size, not its expansion."""
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        match = _DAY.match(str(node.value).strip())
        if match:
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError as error:
                yield key, node.value, node.start_mark.line + 1, str(error)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _bad_days(item, f"{key}[{i}]", seen)
    elif isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            yield from _bad_days(value, f"{key}.{name.value}" if key else str(name.value), seen)
def checked_data_file(data: bytes, file: str, problems: list[Problem]) -> bytes:
    """``data`` (a YAML file of ``data/``, ``file`` under the site root) with its
    unsafe URLs removed, each reported in ``problems`` (see the module's docstring).
    A file that is not UTF-8 or not YAML is returned as it is (the build reports it)."""
    try:
        text = data.decode("utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return data
    edits: list[tuple[int, int, str]] = []
    for key, node in _scalars(root, ""):
        value, line = str(node.value), node.start_mark.line + 1
        if _is_url_key(key) and value.strip() and not is_safe_url(value):
            problems.append(Problem(file, line, ProblemKind.UNSAFE_URL, f"unsafe URL {shown_url(value)} in {key} removed"))
            edits.append((node.start_mark.index, node.end_mark.index, '""'))
        elif "<" in value:
            cleaned, removed = _without_unsafe_urls(value)
            for url in removed:
                problems.append(Problem(file, line, ProblemKind.UNSAFE_URL, f"unsafe URL {shown_url(url)} in {key} removed"))
            if removed:
                edits.append((node.start_mark.index, node.end_mark.index, json.dumps(cleaned, ensure_ascii=False)))
    if not edits:
        return data
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + "\n" * text[start:end].count("\n") + text[end:]
    return text.encode("utf-8")


def _scalars(node: yaml.Node | None, key: str, seen: set[int] | None = None) -> Any:
    """``(key, scalar node)`` of every text value under ``node`` (the key of the
    mapping that holds it, or of the list that does). A node that YAML aliases is
    walked once (``seen``), so an alias bomb costs its size, not its expansion."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            yield from _scalars(value, str(getattr(key_node, "value", "")), seen)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from _scalars(value, key, seen)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        yield key, node


def _is_url_key(key: str) -> bool:
    return key.lower() in URL_KEYS or key.lower().endswith("_url")


def _without_unsafe_urls(markup: str) -> tuple[str, list[str]]:
    """``markup`` (HTML) without the URL attributes whose URL is not a safe one, and
    those URLs; ``markup`` as it is when it has none."""
    from bs4 import BeautifulSoup  # the converter's library

    soup = BeautifulSoup(markup, "html.parser")
    removed: list[str] = []
    for tag in soup.find_all(True):
        for name in [n for n in tag.attrs if n.lower() in _URL_ATTRIBUTES]:
            value = tag[name]
            urls = re.split(r",\s*", str(value)) if name.lower() == "srcset" else [str(value)]
            unsafe = [url for url in urls if not is_safe_url(url.strip().split(" ")[0])]
            if unsafe:
                removed.extend(unsafe)
                del tag[name]
    return (str(soup), removed) if removed else (markup, [])
