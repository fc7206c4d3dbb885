"""Each page's last real edit: its "Last updated" date and its sitemap ``<lastmod>``.

The date of a page is the first of these that applies to its source file:

==============================================  ============================================
the source file                                 the date
==============================================  ============================================
as the migration wrote it (its SHA-256 is its   Hugo's ``lastmod``, else ``date``, from the
entry in ``.hugo-import.json``)                 front matter; none without either
committed, unchanged since                      the committer date of its last commit
committed, with uncommitted changes             the file's modification time
not in git (or no git at all)                   the front matter's ``lastmod``/``date``, or none
==============================================  ============================================

Pages the migration did not write (the handbook's own) are dated by git alone. Git is
asked once per build for the whole source folder (:func:`read_git_history`: one
``git rev-parse``, one ``git log --name-status`` and one ``git status``), in the main
process when the environment is updated, before any page is written.
``env.page_history`` then holds a :class:`PageHistory` for every page: parallel
writers (forked processes) read it as it is, and the sitemap (:mod:`ext.sitemap_pages`)
and the edit links (:mod:`ext.source_links`) use the same records. A page whose record
changed although its source did not (a commit, a migration's manifest) is written again.

A shallow clone cannot date a file last changed before the clone's first commit (that
commit seems to add every file): such pages fall back to their front matter, and the
build says how many there are (``git fetch --unshallow`` after the checkout fixes it).

Templates get ``last_updated`` (``YYYY-MM-DD``), which furo shows in the footer.

Why not sphinx-last-updated-by-git (installed with sphinx-sitemap): it runs git up to
three times per source folder, each ``git log`` walking back until it has found that
folder's files, and knows nothing of the migration. On a git repository of the real
site (940 pages in 564 folders, 300 commits) it took 30 to 56 s where
:func:`read_git_history` takes 0.3 to 1.5 s (this 2-core machine, busy or not).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ext._common import warn_typed
from ext.shared.dates import parse_page_date
from ext.shared.manifest import MANIFEST, Manifest

logger = logging.getLogger(__name__)

#: Seconds any one git command may take.
GIT_TIMEOUT = 120


class LastUpdatedWarning(Enum):
    """The warnings of this module (``last_updated.<value>``)."""

    MANIFEST = "manifest"
    """``.hugo-import.json`` is there but cannot be read or is no JSON manifest: every page
    is dated as if edited since the migration (git, the file's time or its front matter)."""


@dataclass(frozen=True)
class LastUpdate:
    """When a page was last edited, and how that is known.

    ``when`` is timezone-aware; ``precise`` is false for a front matter date without a
    time of day; ``source`` is ``"hugo"`` (the migrated page's front matter),
    ``"git"`` (the last commit), ``"file"`` (an uncommitted edit) or ``"front matter"``
    (a page git does not know)."""

    when: datetime
    precise: bool
    source: str

    @property
    def day(self) -> str:
        """The date shown on the page, ``YYYY-MM-DD`` (in ``when``'s own time zone)."""
        return self.when.date().isoformat()

    @property
    def lastmod(self) -> str:
        """The sitemap's ``<lastmod>`` (W3C datetime): with the time when it is known."""
        return self.when.isoformat(timespec="seconds") if self.precise else self.day


@dataclass(frozen=True)
class PageHistory:
    """What the build knows of one page's source: its last edit (or None) and, when
    the file is committed in the repository's ``HEAD``, its path there (POSIX, from the
    repository's top, such as ``docs/about/index.md``)."""

    updated: LastUpdate | None
    repository_path: str | None = None


@dataclass
class GitHistory:
    """What git knows of the files of one source folder (paths relative to it, POSIX).

    ``prefix``: the folder's path from the repository's top (``"docs/"``; ``""`` at the
    top, or without git); ``committed``: files in ``HEAD`` and the committer date of
    the last commit that changed each; ``undated``: files in ``HEAD`` last changed
    before a shallow clone's history begins; ``modified``: committed files with
    uncommitted changes."""

    prefix: str = ""
    committed: dict[str, datetime] = field(default_factory=dict)
    undated: set[str] = field(default_factory=set)
    modified: set[str] = field(default_factory=set)

    def in_head(self, path: str) -> bool:
        """Whether ``path`` is a file of the commit checked out."""
        return path in self.committed or path in self.undated


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, encoding="utf-8",
                          errors="surrogateescape", check=True, timeout=GIT_TIMEOUT).stdout


def read_git_history(folder: Path) -> GitHistory:
    """The :class:`GitHistory` of ``folder``; empty when git is missing or ``folder``
    is in no repository. Three git commands, whatever the number of files."""
    try:
        prefix, shallow, shallow_file = _git(
            folder, "rev-parse", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow",
        ).splitlines()[:3]
    except (OSError, ValueError, subprocess.SubprocessError):
        return GitHistory()
    boundaries: set[str] = set()
    if shallow == "true":
        try:
            boundaries = set((folder / shallow_file).read_text().split())
        except OSError:
            pass
    history = GitHistory(prefix=prefix)
    try:
        log = _git(folder, "log", "-z", "--no-renames", "--no-show-signature", "--name-status",
                   "--format=%x01%H%x00%cI", "--", ".")
        status = _git(folder, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):  # a repository without commits, for one
        return history
    seen: set[str] = set()
    for record in log.split("\x01")[1:]:
        commit, when, *changes = record.split("\0")
        if changes:
            changes[0] = changes[0].lstrip("\n")
        for kind, path in zip(changes[0::2], changes[1::2]):
            rel = path.removeprefix(prefix)
            if not kind or rel in seen:
                continue
            seen.add(rel)  # the newest commit that touched the file comes first
            if kind == "D":
                continue  # not in HEAD
            if commit in boundaries:
                history.undated.add(rel)
            else:
                history.committed[rel] = datetime.fromisoformat(when)
    for entry in status.split("\0"):
        if len(entry) > 3:
            history.modified.add(entry[3:].removeprefix(prefix))
    return history


def front_matter_date(meta: dict[str, Any], source: str) -> LastUpdate | None:
    """``lastmod``, else ``date``, of a page's front matter, or None (none, or not a
    date in a form :func:`ext.shared.dates.parse_page_date` reads)."""
    value = meta.get("lastmod") or meta.get("date")
    if not value:
        return None
    text = str(value).strip()
    try:
        when = parse_page_date(text)
    except ValueError:
        return None
    return LastUpdate(when, precise=len(text) > 10, source=source)


def page_history(env: BuildEnvironment, docname: str, rel: str, git: GitHistory, migrated: dict[str, str]) -> PageHistory:
    """The :class:`PageHistory` of ``docname``, whose source is ``rel`` (relative to the
    source folder, POSIX); ``migrated``: the migration's manifest (path relative to the
    source folder to SHA-256 of the bytes it wrote)."""
    path = os.path.join(env.srcdir, rel)
    meta = env.metadata.get(docname, {})
    repository_path = git.prefix + rel if git.in_head(rel) else None
    if rel in migrated and _sha256(path) == migrated[rel]:
        return PageHistory(front_matter_date(meta, "hugo"), repository_path)
    if rel in git.modified:
        when = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
        return PageHistory(LastUpdate(when, precise=True, source="file"), repository_path)
    if rel in git.committed:
        return PageHistory(LastUpdate(git.committed[rel], precise=True, source="git"), repository_path)
    return PageHistory(front_matter_date(meta, "front matter"), repository_path)


def _sha256(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def update_page_history(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated`` (main process, HTML builders): ``env.page_history`` for every
    page; returns the pages whose record changed, to be written again."""
    if app.builder.format != "html":
        return []
    srcdir = Path(env.srcdir)
    git = read_git_history(srcdir)
    try:
        migrated = Manifest(srcdir).files
    except (OSError, ValueError) as err:
        warn_typed(app.config, "last_updated", LastUpdatedWarning.MANIFEST,
                   f"the migration's manifest cannot be read ({err}): migrated pages are dated as if edited",
                   location=f"{srcdir / MANIFEST}:1")
        migrated = {}
    before: dict[str, PageHistory] = getattr(env, "page_history", {})
    sources = {docname: env.doc2path(docname, False).as_posix() for docname in sorted(env.found_docs)}
    env.page_history = {docname: page_history(env, docname, rel, git, migrated) for docname, rel in sources.items()}
    undated = [docname for docname, rel in sources.items() if rel in git.undated]
    if undated:
        logger.info(f"last updated: {len(undated)} pages were last changed before this shallow clone's "
                    "history begins and show their front matter date, if any (git fetch --unshallow)")
    return [docname for docname, record in env.page_history.items()
            if docname in before and before[docname] != record]


def add_last_updated(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: ``last_updated`` of a page that has a date."""
    record = getattr(app.env, "page_history", {}).get(pagename)
    if doctree is not None and record is not None and record.updated is not None:
        context["last_updated"] = record.updated.day


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-updated", update_page_history)
    app.connect("html-page-context", add_last_updated, priority=450)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
