"""The site's data as the import copied it, and where a URL of the site leads.

The import (:mod:`ext.hugo_import.site_data`) copies the Hugo site's
``data/<collection>/*.yaml`` to ``<srcdir>/_data/site/<collection>/``
(:data:`~ext.shared.paths.SITE_DATA_DIR`, config ``home_data_dir``) and writes the
``config.toml`` switches (``[params.<collection>]`` ``enable``/``title``/``subtitle``),
the footer links and the footer's text to ``_data/site/params.json``. Read here for the
home page's collections (:mod:`ext.home`) and every page's footer
(:mod:`ext.site_pages`):

* :func:`load_params`: ``params.json`` as a dict (``{}`` when missing or broken);
* :func:`load_items`: one collection's items the site shows, as dicts (the YAML keys,
  plus ``_file``: the file's path), in ``weight`` order, each file a dependency of the
  page; a file that cannot be read is a ``home.bad-data`` warning at its line;
* :func:`link_target`: a URL or path of the site as ``("doc", docname)``,
  ``("site", "/path")`` (a file of ``site_static_dir``) or ``("url", url)``.

:func:`add_site_config` declares the config values these read.
"""

from __future__ import annotations

import enum
import json
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ext._common import parsed_data_file, warn_typed
from ext.shared.limits import LimitError, TextDatesLoader, yaml_load
from ext.shared.paths import SITE_DATA_DIR, STATIC_DIR

WARNING_TYPE = "home"


class HomeWarning(enum.Enum):
    """The subtypes of the ``home`` warnings (see :mod:`ext.home`)."""

    BAD_DATA = "bad-data"
    """A collection's YAML file does not parse (at the line the parser names), is not
    UTF-8 text, goes over the input limits or is no mapping of keys: that item is left out,
    the others are shown."""

    UNKNOWN_COLLECTION = "unknown-collection"
    """``{site-collection}`` names no collection of :data:`ext.home.COLLECTIONS`: nothing is shown."""

    UNKNOWN_ICON = "unknown-icon"
    """A feature's Font Awesome icon has no octicon in :data:`ext.shared.icons.ICONS`: its
    card has no icon."""

    UNSAFE_URL = "unsafe-url"
    """A link's URL is not a safe one (:func:`ext.shared.urls.is_safe_url`, ``javascript:``...):
    its text is shown without the link."""


def warn_home(env: BuildEnvironment, kind: HomeWarning, message: str, location: Any) -> None:
    """A ``home.<kind>`` warning at ``location``."""
    warn_typed(env.config, WARNING_TYPE, kind, message, location)


def add_site_config(app: Sphinx) -> None:
    """Declare ``home_data_dir``, and ``site_base_url`` and ``site_static_dir`` when
    ``ext.site_files`` (which declares them too) is not loaded; once."""
    defaults = {"home_data_dir": SITE_DATA_DIR, "site_base_url": "", "site_static_dir": STATIC_DIR}
    for name, default in defaults.items():
        if name not in app.config.values:
            app.add_config_value(name, default, "env", types=frozenset({str}))


# -- reading ----------------------------------------------------------------------------


#: The site's params (collections' switches, footer) in :func:`data_folder`.
PARAMS_FILE = "params.json"


def data_folder(env: BuildEnvironment) -> Path:
    """The folder of the site's data in the source folder (``home_data_dir``)."""
    return Path(env.srcdir, env.config.home_data_dir)


def collection_files(env: BuildEnvironment, collection: str) -> list[Path]:
    """The YAML files of ``collection``, sorted by name."""
    folder = data_folder(env) / collection
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in {".yaml", ".yml"} and p.is_file())


def load_params(env: BuildEnvironment) -> dict[str, Any]:
    """``params.json`` of the import (``{}`` when missing or broken), parsed once per
    process while it is unchanged (every page's footer reads it): do not change it."""
    try:
        return parsed_data_file(data_folder(env) / PARAMS_FILE, json.loads)
    except (OSError, ValueError):
        return {}


def load_item(env: BuildEnvironment, path: Path) -> dict[str, Any] | None:
    """The mapping of keys in the YAML file ``path``, or ``None`` (a ``home.bad-data``
    warning at the line that is wrong) when it cannot be read or holds no mapping."""
    try:
        item = yaml_load(path.read_text(encoding="utf-8"), TextDatesLoader)
    except LimitError as error:
        warn_home(env, HomeWarning.BAD_DATA, f"{path.name}: {error}; left out", f"{path}:{error.line}")
        return None
    except UnicodeDecodeError as error:
        warn_home(env, HomeWarning.BAD_DATA, f"{path.name}: not UTF-8 text ({error.reason}); left out", f"{path}:1")
        return None
    except yaml.YAMLError as error:
        reason, line = yaml_error(error)
        warn_home(env, HomeWarning.BAD_DATA, f"{path.name}: not YAML ({reason}); left out", f"{path}:{line}")
        return None
    if not isinstance(item, dict):
        warn_home(env, HomeWarning.BAD_DATA, f"{path.name}: not a mapping of keys; left out", f"{path}:1")
        return None
    return item


def is_enabled(item: dict[str, Any]) -> bool:
    """Whether the site shows ``item``: not when its ``enabled`` or ``enable`` is false
    (``false`` or ``"false"``)."""
    return not any(str(item.get(key, "true")).strip().lower() == "false" for key in ("enabled", "enable"))


def load_items(env: BuildEnvironment, collection: str, docname: str) -> list[dict[str, Any]]:
    """The items of ``collection`` the site shows (:func:`is_enabled`), in ``weight``
    order (then file name), each with its file's path as ``_file``.

    Every file is noted as a dependency of ``docname``; a file that cannot be read
    is left out (:func:`load_item`).
    """
    items = []
    for path in collection_files(env, collection):
        env.note_dependency(str(path))
        item = load_item(env, path)
        if item is not None and is_enabled(item):
            item["_file"] = path
            items.append(item)
    return sorted(items, key=lambda i: (_weight(i), i["_file"].name))


def yaml_error(error: yaml.YAMLError) -> tuple[str, int]:
    """What a YAML error says (``"while scanning a quoted scalar: found unexpected end
    of stream"``) and the 1-based line it names: that of the problem, or that of its
    context when the problem is the end of the file (a string never closed)."""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (mark is None or re.search(r"end of stream|<stream end>", problem or "")):
        mark = context_mark
    reason = ": ".join(filter(None, (context, problem))) or str(error).splitlines()[0]
    return reason, (mark.line + 1 if mark is not None else 1)


def _weight(item: dict[str, Any]) -> int:
    try:
        return int(item.get("weight") or 0)
    except (TypeError, ValueError, OverflowError):
        return 0


# -- the site's URLs ----------------------------------------------------------------------


def link_target(env: BuildEnvironment, url: str) -> tuple[str, str]:
    """``("doc", docname)`` for a page of the handbook (site path or the live
    site's URL), ``("site", path)`` for a file of the site, else ``("url", url)``."""
    parts = urlsplit(url.strip())
    site_host = urlsplit(env.config.site_base_url).netloc.lower().removeprefix("www.")
    if parts.scheme and parts.netloc.lower().removeprefix("www.") != site_host:
        return "url", url
    path = parts.path.strip("/")
    for candidate in (posixpath.join(path, "index") if path else "index", path):
        if candidate in env.found_docs:
            return "doc", candidate
    if path and Path(env.srcdir, env.config.site_static_dir, path).is_file():
        return "site", "/" + path
    if not parts.scheme and env.config.site_base_url:
        return "url", env.config.site_base_url.rstrip("/") + "/" + path + ("/" if url.endswith("/") else "")
    return "url", url
