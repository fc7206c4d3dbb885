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
YAML file is a warning at build time, not an import problem).
"""

from __future__ import annotations

import json

from .confine import site_files
from .model import Problem
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
