"""Edit this page: furo's link from each page to its MyST file in the handbook's repository.

``conf.py`` names the repository once (``handbook_repository``, the web address of
a GitHub, GitLab or Bitbucket repository; ``handbook_branch``;
``handbook_source_directory``, the source folder's path in it). On Read the Docs the
clone URL it built from (``READTHEDOCS_GIT_CLONE_URL``) takes the repository's place
when it is one of those hosts, and for a branch build that branch
(``READTHEDOCS_GIT_IDENTIFIER``) the branch's: so a fork or a branch version links to
itself. Tags and pull request previews link to ``handbook_branch``, where edits go.

These become furo's ``source_repository``, ``source_branch`` and
``source_directory`` (``html_theme_options`` set in ``conf.py`` win), with the edit
button only (``top_of_page_buttons``). furo links to
``<repository>/edit/<branch>/<source_directory><page>.md`` (GitHub; GitLab and
Bitbucket in their forms); pages of no source file (search, index, 404, redirects)
get no link. Nor does a page whose source is not committed at that path (a new
page, the transition preview's imported pages): :mod:`ext.last_updated` knows
which files git has.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

#: The hosts whose edit URLs furo knows.
FURO_HOSTS = ("github.com", "gitlab.com", "bitbucket.org")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>(?!/).+)$")


def web_repository(clone_url: str) -> str | None:
    """The ``https://`` address of a git clone URL on a host furo knows, without user
    name, password, ``.git`` or trailing slash; None for other hosts and forms.

    >>> web_repository("git@github.com:iassist/handbook.git")
    'https://github.com/iassist/handbook'
    """
    url = clone_url.strip()
    scp = _SCP_LIKE.match(url) if "://" not in url else None
    if scp:
        host, path = scp["host"], scp["path"]
    else:
        parts = urlsplit(url)
        if parts.scheme not in {"https", "http", "ssh", "git"}:
            return None
        host, path = parts.hostname or "", parts.path
    path = path.strip("/").removesuffix(".git").strip("/")
    if host.lower() not in FURO_HOSTS or path.count("/") < 1:
        return None
    return f"https://{host.lower()}/{path}"


def edit_target(repository: str, branch: str, environ: Mapping[str, str]) -> tuple[str, str]:
    """(repository address, branch) the edit links go to: conf.py's, or Read the Docs'
    clone URL and branch (see the module docstring)."""
    repository = web_repository(environ.get("READTHEDOCS_GIT_CLONE_URL", "")) or repository
    identifier = environ.get("READTHEDOCS_GIT_IDENTIFIER", "")
    if identifier and environ.get("READTHEDOCS_VERSION_TYPE", "branch") == "branch":
        branch = identifier
    return repository, branch


def set_theme_options(app: Sphinx, config: Config) -> None:
    """``config-inited``: furo's ``source_*`` options from the handbook's config."""
    if not config.handbook_repository:
        return
    repository, branch = edit_target(config.handbook_repository, config.handbook_branch, os.environ)
    config.html_theme_options = {
        "source_repository": repository,
        "source_branch": branch,
        "source_directory": config.handbook_source_directory,
        "top_of_page_buttons": ["edit"],
        **config.html_theme_options,
    }


def only_committed_sources(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                           doctree: Any) -> None:
    """``html-page-context``: no edit link when the page's source is not committed at
    the path the link names (furo shows none without ``page_source_suffix``)."""
    suffix = context.get("page_source_suffix")
    if not suffix:
        return
    folder = app.config.handbook_source_directory.strip("/")
    linked = f"{folder}/{pagename}{suffix}" if folder else f"{pagename}{suffix}"
    record = getattr(app.env, "page_history", {}).get(pagename)
    if record is None or record.repository_path != linked:
        context["page_source_suffix"] = ""


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("ext.last_updated")
    app.add_config_value("handbook_repository", "", "html", types=frozenset({str}))
    app.add_config_value("handbook_branch", "main", "html", types=frozenset({str}))
    app.add_config_value("handbook_source_directory", "docs/", "html", types=frozenset({str}))
    app.connect("config-inited", set_theme_options)
    app.connect("html-page-context", only_committed_sources, priority=450)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
