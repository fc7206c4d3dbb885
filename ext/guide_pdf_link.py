"""The member guide's PDF, linked from every HTML page (``sidebar/member-guide.html``).

The link is ``member_guide_pdf_url`` when ``conf.py`` (or ``-D``) sets it: a URL, or
a path from the root of the HTML output. Otherwise:

* on Read the Docs, the PDF it publishes for the version being built. Read the Docs
  serves the file the build leaves in ``$READTHEDOCS_OUTPUT/pdf/`` at
  ``https://<domain>/_/downloads/<language>/<version>/pdf/`` (its flyout menu's
  "Downloads" link), made here from ``READTHEDOCS_CANONICAL_URL``,
  ``READTHEDOCS_LANGUAGE`` and ``READTHEDOCS_VERSION``. Pull request previews build
  no PDF (``READTHEDOCS_VERSION_TYPE`` ``external``): no link;
* elsewhere, the PDF of ``make latexpdf`` when it is there when the HTML build starts
  (``latex/<name>.pdf`` beside the HTML output folder, ``_build/latex/`` for
  ``_build/html/``): the build copies it to the root of the HTML output and links
  it there, so ``make latexpdf html`` gives a handbook whose link works, also when
  the folder is served or copied elsewhere;
* else no link.

Templates get ``member_guide_pdf``: the link's URL (a path from the output's root made
relative to the page, so it works under any prefix and on the 404 page), or ``""``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config


def guide_pdf_name(config: Config) -> str:
    """The file name of the member guide's PDF: its LaTeX document's, ``.tex`` → ``.pdf``."""
    documents = config.latex_documents or [("", "member-guide.tex")]
    return Path(documents[0][1]).with_suffix(".pdf").name


def readthedocs_pdf_url(environ: Mapping[str, str]) -> str:
    """The URL of the PDF Read the Docs publishes for this build's version, or ``""``
    (not on Read the Docs, or a pull request preview, which has no PDF)."""
    canonical = urlsplit(environ.get("READTHEDOCS_CANONICAL_URL", ""))
    language, version = environ.get("READTHEDOCS_LANGUAGE", ""), environ.get("READTHEDOCS_VERSION", "")
    if environ.get("READTHEDOCS_VERSION_TYPE") == "external" or not (canonical.netloc and language and version):
        return ""
    return f"{canonical.scheme or 'https'}://{canonical.netloc}/_/downloads/{language}/{version}/pdf/"


def choose_pdf_link(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``member_guide_pdf_url`` when unset (see the module
    docstring); the local PDF to copy, if any, in ``app.guide_pdf_copy``. Chosen this
    early so that a link that comes or goes rewrites every page: an ``html`` config
    value, which Sphinx compares with the last build's."""
    app.guide_pdf_copy = None
    if config.member_guide_pdf_url or os.environ.get("READTHEDOCS") == "True":
        config.member_guide_pdf_url = config.member_guide_pdf_url or readthedocs_pdf_url(os.environ)
        return
    local = Path(app.outdir).parent / "latex" / guide_pdf_name(config)
    if local.is_file():
        app.guide_pdf_copy = local
        config.member_guide_pdf_url = local.name


def add_pdf_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` (after sphinx-notfound-page gives the 404 page its own
    ``pathto``): ``member_guide_pdf`` for the templates; a path without scheme or
    leading slash is one from the root of the HTML output, made relative to the page."""
    url = app.config.member_guide_pdf_url
    if url and not urlsplit(url).scheme and not url.startswith("/"):
        url = context["pathto"](url, 1)
    context["member_guide_pdf"] = url


def copy_local_pdf(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the local PDF into the root of the HTML output."""
    source = app.guide_pdf_copy
    if exception is None and source is not None and app.builder.format == "html":
        shutil.copyfile(source, Path(app.outdir) / source.name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("member_guide_pdf_url", "", "html", types=frozenset({str}))
    app.connect("config-inited", choose_pdf_link)
    app.connect("html-page-context", add_pdf_link, priority=600)
    app.connect("build-finished", copy_local_pdf)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
