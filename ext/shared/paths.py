"""Where things lie in the handbook's source folder, and the ``site:`` URL scheme.

The converter (``ext.hugo_import``) writes these paths, relative to the Sphinx source
folder; the extensions read them (their config values default to them). A path here
is the contract between the two: changing one changes both sides.

==========================  =================================================  ==============
path                        what                                               read by
==========================  =================================================  ==============
:data:`GENERATED_DIR`       what the import regenerates on every run           (folder)
:data:`SITE_FACTS`          the site's title, address, menus (JSON)            site_files,
                                                                               member_guide
:data:`REDIRECTS_FILE`      the old URLs and where they lead (JSON)            redirects
:data:`STATIC_DIR`          the site's static files, copied                    site_files,
                                                                               site_data
:data:`SITE_DATA_DIR`       the site's data collections (YAML) and params      site_data
:data:`EVENTS_FILE`         the events, edited by hand after a migration       events
:data:`PROGRAMMES_DIR`      the conference programmes (JSON)                   programmes
==========================  =================================================  ==============

A link or image written ``site:/file/a.pdf`` (:data:`SITE_SCHEME`) is one of the
site's own files or URLs: the build serves it from :data:`STATIC_DIR` or the page at
that URL (``ext.site_files``).
"""

from __future__ import annotations

#: The scheme of a link to the site's own files and URLs: ``site:/file/a.pdf``.
SITE_SCHEME = "site:"

#: The folder the import regenerates on every run (excluded from Sphinx's sources).
GENERATED_DIR = "_generated"
#: The site's facts: title, base URL, menus, footer (JSON).
SITE_FACTS = f"{GENERATED_DIR}/site.json"
#: The old URLs of the site and where each leads now (JSON).
REDIRECTS_FILE = f"{GENERATED_DIR}/redirects.json"
#: The site's navigation, as a toctree page.
NAVIGATION_PAGE = f"{GENERATED_DIR}/navigation.md"

#: The site's static files (``static/`` of the Hugo site), served at the site's root.
STATIC_DIR = "_site_static"

#: The data the handbook keeps (excluded from Sphinx's sources).
DATA_DIR = "_data"
#: The site's data collections (``data/`` of the Hugo site) and its params.
SITE_DATA_DIR = f"{DATA_DIR}/site"
#: The events file, edited by hand once migrated.
EVENTS_FILE = f"{DATA_DIR}/events.yaml"
#: The conference programmes (JSON), one file per conference.
PROGRAMMES_DIR = f"{DATA_DIR}/programmes"
