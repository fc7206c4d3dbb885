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
"""

from __future__ import annotations

import json
import re
from datetime import date

import yaml

from .confine import site_files
from .model import Problem, ProblemKind
from .site import HugoSite
from .theme_params import footer_params

DATA_DIR = "_data/site"
#: The ``data/`` folders the home page shows.
COLLECTIONS = ("features", "carousel", "alerts", "clients", "testimonials")
#: ``[params.<name>]`` tables whose switches are copied (the blog's "recent posts" too).
SWITCHES = (*COLLECTIONS, "recent_posts")
#: ``[params]`` keys copied for the footer.
FOOTER_KEYS = ("copyright", "privacy_policy", "code_of_conduct")


def home_data_files(site: HugoSite, problems: list[Problem] | None = None) -> dict[str, bytes]:
    """``{relative path: bytes}`` of the files to write under :data:`DATA_DIR`. Only
    files inside the site are read (:func:`.confine.site_files`); the others are added
    to ``problems`` (``outside-site``, ``unreadable``)."""
    files: dict[str, bytes] = {}
    for collection in COLLECTIONS:
        found, refused = site_files(site.root, site.root / "data" / collection)
        for rel, path in found:
            if "/" not in rel and path.suffix.lower() in {".yaml", ".yml"}:
                files[f"{DATA_DIR}/{collection}/{rel}"] = path.read_bytes()
        if problems is not None:
            problems.extend(refused)
    params = site.config.get("params", {})
    switches = {}
    for collection in SWITCHES:
        table = params.get(collection, {})
        if isinstance(table, dict):
            switches[collection] = {
                key: table[key] for key in ("enable", "title", "subtitle") if isinstance(table.get(key), (str, bool))
            }
    footer = {key: str(params[key]).strip() for key in FOOTER_KEYS if key in params} | footer_params(site)
    facts = {"collections": switches, "footer": footer}
    files[f"{DATA_DIR}/params.json"] = (json.dumps(facts, indent=1, ensure_ascii=False) + "\n").encode()
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
