"""Sphinx configuration of the IASSIST Handbook (source folder: docs/).

The site-specific values (the live site's URL and title) come from the import,
which writes _generated/site.json into the source folder; ext.site_files reads
it. Everything else is fixed here, grouped per extension.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT))

from ext.hugo_import.links import SAFE_SCHEMES as URL_SCHEMES  # noqa: E402


# -- Project ---------------------------------------------------------------------
project = "IASSIST Handbook"
author = "IASSIST"
copyright = "IASSIST. Content licensed under Creative Commons BY 4.0"
language = "en"
root_doc = "index"
exclude_patterns = ["_build", "_generated", "_site_static", "_data", "**/.hugo-import.json"]
nitpicky = True
extensions = [
    "myst_parser",
    "sphinx_design",
    "ext.site_files",
    "ext.embeds",
    "ext.markup",
    "ext.navigation",
    "ext.events",
    "ext.programmes",
]

# -- MyST-Parser: the imported Hugo pages --------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "linkify", "attrs_inline"]
myst_heading_anchors = 6
myst_url_schemes = [*URL_SCHEMES, "site"]
myst_linkify_fuzzy_links = False

# -- Site files and embeds (ext/site_files.py, ext/embeds.py) -----------------------
site_static_dir = "_site_static"
embeds_calendar_url = "https://calendar.google.com/calendar/embed?src=iassistdata%40gmail.com"

# -- Events (ext/events) and conference programmes (ext/programmes) -----------------
# The import writes _data/events.yaml and _data/programmes/*.json from the site.
# "Today" (upcoming / recent / past) is the build date; SOURCE_DATE_EPOCH or
# events_today = "YYYY-MM-DD" fix it for reproducible builds.
events_file = "_data/events.yaml"
events_recent_days = 365

# -- HTML output (dirhtml builder: every page at its Hugo URL) -----------------------
html_theme = "furo"
html_title = "IASSIST Handbook"
html_show_sourcelink = False
html_show_search_summary = False
html_copy_source = False
