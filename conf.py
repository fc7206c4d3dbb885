"""Sphinx configuration of the IASSIST Handbook (source folder: docs/).

The site-specific values (the live site's URL and title) are in
_generated/site.json of the source folder, written by the migration (or by the
transition preview's import); ext.site_files reads it. Everything else is fixed
here, grouped per extension.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT))

# Where the import writes the site's files in the source folder (ext/shared/paths.py).
from ext.shared.paths import DATA_DIR, EVENTS_FILE, GENERATED_DIR, STATIC_DIR  # noqa: E402
from ext.shared.urls import SAFE_SCHEMES as URL_SCHEMES  # noqa: E402


# -- Project ---------------------------------------------------------------------
project = "IASSIST Handbook"
author = "IASSIST"
copyright = "IASSIST. Content licensed under Creative Commons BY 4.0"
language = "en"
root_doc = "index"
exclude_patterns = ["_build", GENERATED_DIR, STATIC_DIR, DATA_DIR, "**/.hugo-import.json"]
nitpicky = True
extensions = [
    "ext.quiet_build",  # first: what every build says and nobody acts on is left out of its output
    "ext.rebuilds",  # a rebuild of a few pages reads them without forking readers
    "ext.heap",  # the garbage collector kept off what lives until the build ends
    "ext.readers",  # with -j, each forked reader sends back only what it read
    "ext.writers",  # with -j, the forked writers resolve and index the pages they write
    "ext.background",  # with -j, the main process's own work (site files, feeds, calendars) in a niced fork
    "myst_parser",
    "sphinx_design",
    "ext.site_files",
    "ext.embeds",
    "ext.markup",
    "ext.navigation",
    "ext.events",
    "ext.programmes",
    "ext.blog",
    "ext.front_matter",
    "ext.member_guide",
    "sphinx.ext.imgconverter",
]

# -- Version: Read the Docs' version, else the git tag (git describe) ----------------------
# Shown in the page footer, the HTML <head> and the PDF title page.
def _release() -> str:
    import os
    import subprocess

    name = os.environ.get("READTHEDOCS_VERSION_NAME", "")
    commit = os.environ.get("READTHEDOCS_GIT_IDENTIFIER", "")
    if name:
        return name if not commit or commit == name else f"{name} ({commit})"
    try:
        # The nearest tag, the release these pages follow, not the commit: Sphinx
        # compares release and version between builds, and a value that changed with
        # every commit (or every save, with --dirty) made the next build read every
        # page again. Published versions are named by Read the Docs, above.
        described = subprocess.run(["git", "describe", "--tags", "--abbrev=0"], cwd=ROOT,
                                    capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):  # no git, or no tag yet
        described = ""
    return described or "dev"


release = version = _release()

# -- MyST-Parser: the pages (migrated from Hugo, then edited by people) -------------
myst_enable_extensions = ["colon_fence", "deflist", "linkify", "attrs_inline"]
myst_heading_anchors = 6
myst_url_schemes = [*URL_SCHEMES, "site"]
myst_linkify_fuzzy_links = False

# -- Front matter (ext/front_matter.py) ------------------------------------------------
# The keys of a section's pages shown under each page's title, per section (a folder of
# docs/): {"jobs": {"employer": "Employer", "date": "Posted"}} (or a list of keys). The
# migration report lists each section's keys, with how many pages have them and an
# example ("unknown_front_matter_keys" in docs/_data/migration-report.json).
front_matter_fields = {}

# -- Site files and embeds (ext/site_files.py, ext/embeds.py) -----------------------
site_static_dir = STATIC_DIR  # _site_static
embeds_calendar_url = "https://calendar.google.com/calendar/embed?src=iassistdata%40gmail.com"

# -- Events (ext/events) and conference programmes (ext/programmes) -----------------
# docs/_data/events.yaml and _data/programmes/*.json: the web team's data (the
# migration wrote them once, from the Hugo site).
# "Today" (upcoming / recent / past) is the build date; SOURCE_DATE_EPOCH or
# events_today = "YYYY-MM-DD" fix it for reproducible builds.
events_file = EVENTS_FILE  # _data/events.yaml
events_recent_days = 365

# -- HTML output (dirhtml builder: every page at its Hugo URL) -----------------------
html_theme = "furo"
html_title = "IASSIST Handbook"
html_show_sourcelink = False
html_show_search_summary = False
html_copy_source = False

# -- Site features: home page collections, footer, redirects, 404, sitemap, OpenGraph,
# the import report (ext.import_report: the page _import-report/, in no menu) --------
# ext.home renders the site's data/ collections (copied to _data/site by the import) and loads
# ext.site_pages (every page's footer, description and canonical URL);
# ext.redirects writes a page at every old URL and a Read the Docs redirect list.
import os  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

extensions += ["ext.home", "ext.redirects", "notfound.extension", "sphinx_sitemap", "sphinxext.opengraph",
               "ext.last_updated", "ext.sitemap_pages", "ext.source_links", "ext.guide_pdf_link",
               "ext.import_report"]
templates_path = [str(ROOT / "docs" / "_templates")]
html_static_path = [str(ROOT / "docs" / "_static")]
html_css_files = ["handbook.css"]
html_js_files = [("version-menu.js", {"defer": "defer"})]
# furo's sidebar plus, under the search box, the version menu (filled from Read the Docs'
# addons) and the link to the member guide PDF.
html_sidebars = {"**": [
    "sidebar/brand.html", "sidebar/search.html", "sidebar/versions.html", "sidebar/member-guide.html",
    "sidebar/scroll-start.html", "sidebar/navigation.html", "sidebar/ethical-ads.html", "sidebar/scroll-end.html",
    "sidebar/variant-selector.html",
]}
notfound_urls_prefix = urlparse(os.environ.get("READTHEDOCS_CANONICAL_URL", "/")).path
# The canonical URL: Read the Docs' when built there, else the live site's (ext.site_pages).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_context = {"handbook_version": release}
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search/", "genindex/", "404/"]
# "Edit this page" (ext.source_links, furo's edit button): the one place for the repository
# and branch; on Read the Docs its clone URL and branch take their place.
handbook_repository = "https://github.com/iassist/handbook"
handbook_branch = "main"
handbook_source_directory = "docs/"
# The member guide PDF in the sidebar (ext.guide_pdf_link): empty = Read the Docs' download of
# this version there, else the PDF of `make latexpdf` when it exists (copied into the output).
member_guide_pdf_url = ""
ogp_social_cards = {"enable": False}

# -- The member guide: LaTeX/PDF output (ext/member_guide.py, `make latexpdf`) --------
# One PDF, the curated pages of docs/member-guide.md. LaTeX builds read only those
# pages (member_guide_narrow_read); links to other pages go to the live site.
# xelatex for Greek and accented names; sphinx.ext.imgconverter turns GIF and other
# formats into PNG (ext.member_guide picks an ImageMagick `convert`/`magick`).
latex_engine = "xelatex"
latex_documents = [("member-guide", "iassist-member-guide.tex", "IASSIST Member Guide", author, "manual", True)]
latex_show_urls = "footnote"
latex_show_pagerefs = False
latex_domain_indices = False
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,oneside",
    "fontpkg": r"""
\defaultfontfeatures{Ligatures=TeX}
% TeX Gyre: the OpenType names, else the Type 1 names fontconfig knows (Debian tex-gyre)
\IfFontExistsTF{TeX Gyre Pagella}{\setmainfont{TeX Gyre Pagella}}{\setmainfont{TeXGyrePagella}}
\IfFontExistsTF{TeX Gyre Heros}{\setsansfont{TeX Gyre Heros}}{\setsansfont{TeXGyreHeros}}
\IfFontExistsTF{TeX Gyre Cursor}{\setmonofont{TeX Gyre Cursor}}{\setmonofont{TeXGyreCursor}}
% Greek (and Cyrillic) letters the Gyre fonts lack: DejaVu, switched per character
\usepackage[Greek,Cyrillic]{ucharclasses}
\IfFontExistsTF{DejaVu Serif}{%
  \newfontfamily\fallbackfont{DejaVu Serif}[Scale=MatchLowercase]
  \setTransitionsForGreek{\begingroup\fallbackfont}{\endgroup}
  \setTransitionsFor{Cyrillic}{\begingroup\fallbackfont}{\endgroup}}{}
""",
    "sphinxsetup": "TitleColor={rgb}{0.05,0.25,0.45}, InnerLinkColor={rgb}{0.05,0.25,0.45}, OuterLinkColor={rgb}{0.05,0.35,0.55}",
    "preamble": r"""
\makeatletter
% The title page: logo, title, the association's name, version and date of the build.
\newcommand{\memberguidetitlepage}{%
  \begin{titlepage}%
    \centering
    \vspace*{2.5cm}%
    {\sphinxlogo}%
    \vspace{2cm}%
    {\sffamily\bfseries\fontsize{32}{38}\selectfont\color{TitleColor}\@title\par}%
    \vspace{0.8cm}%
    {\sffamily\large\memberguideorganisation\par}%
    \vfill
    {\sffamily\setbox0\hbox{\version}\ifdim\wd0>0pt Version \version\par\fi \@date\par}%
    \vspace*{1cm}%
  \end{titlepage}%
}
% Figures at most 40 % of the page high, so they sit near their text.
\AtBeginDocument{\spx@image@maxheight=0.4\textheight}
\makeatother
""",
    # Chapters numbered, sections not: the pages have their own numbering (articles, FAQ).
    "secnumdepth": r"\setcounter{secnumdepth}{0}",
    "maketitle": r"\memberguidetitlepage",
    "printindex": "",
    "releasename": "Version",
}
