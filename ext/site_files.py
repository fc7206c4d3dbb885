"""Links to the site's own files and URLs: the ``site:`` scheme.

The import writes links to files of the Hugo site (``static/`` and page bundle
files, copied to the same URL by :func:`copy_site_files`) as ``site:/file/a.pdf``.
A ``doctree-resolved`` handler turns them into working links for each builder:

* HTML builders: a URL relative to the current page, so the handbook works under
  any prefix (Read the Docs' ``/en/latest/``);
* every other builder (LaTeX, text): the absolute URL on the live site
  (config value ``site_base_url``), readable on paper.

A ``site:`` path that is neither a file of ``site_static_dir`` nor the URL of a
page of the handbook is a warning (``site.missing-file``) with its location. An
image written with a ``site:`` path shows that file of the static copy
(:class:`SiteImages`); the build reads no file outside it for one.

The live site's URL comes from ``_generated/site.json`` (``base_url``) unless
``conf.py`` sets ``site_base_url``; one that is not an http(s) URL or a path from the
root (the import leaves such a ``baseurl`` out) is a ``site.unsafe-url`` warning at
that file, and the handbook has none.

Warnings: ``type="site"``, subtypes in :class:`SiteWarning`.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher
from sphinx.util.osutil import relative_uri

from ext._common import warn_typed
from ext.background import start_early, take_result
from ext.shared.paths import SITE_FACTS, SITE_SCHEME, STATIC_DIR
from ext.shared.urls import WEB_SCHEMES, is_safe_url, url_scheme

WARNING_TYPE = "site"


class SiteWarning(Enum):
    """The subtypes of ``site`` warnings."""

    MISSING_FILE = "missing-file"
    """A ``site:`` link leads to no file of ``site_static_dir`` and no page of the handbook
    (the link is kept and goes nowhere), or a ``site:`` image names no file of the static
    copy, or a path out of it (its alternative text is shown instead)."""

    BAD_FILE = "bad-file"
    """``_generated/site.json`` cannot be read or is not JSON: the handbook has no live site
    URL (``site_base_url`` stays empty; other formats than HTML print site paths)."""

    LINKED_FILE = "linked-file"
    """A symbolic link in ``site_static_dir``: not copied to the output (the build reads
    no file through a link, which may lead out of the site)."""

    UNCOPIED = "uncopied-file"
    """A file of ``site_static_dir`` cannot be copied to the output (a folder of the
    output stands at its URL, say), or a folder of it cannot be read: not served, the
    rest of the build goes on."""

    UNSAFE_URL = "unsafe-url"
    """``base_url`` of ``_generated/site.json`` is neither an http(s) URL nor a path from
    the root (``javascript:``...): it is not used, and the handbook has no live site URL."""


def site_path(uri: str) -> str:
    """``site:/file/a.pdf#p2`` -> ``/file/a.pdf#p2``."""
    return "/" + uri[len(SITE_SCHEME):].lstrip("/")


def html_uri(builder, docname: str, path: str) -> str:
    """The URL of site path ``path`` relative to the page of ``docname``."""
    base = builder.get_target_uri(docname)
    target = path.lstrip("/") or "./"
    uri = relative_uri(base, target)
    return uri if uri else "./"


def live_uri(config, path: str) -> str:
    return config.site_base_url.rstrip("/") + path


def resolve_site_uri(builder: Builder, docname: str, uri: str) -> str:
    """The final URL for ``site:`` URI ``uri`` on the page of ``docname``: relative
    in HTML output, the live site's URL in every other format."""
    path = site_path(uri)
    if builder.format == "html":
        return html_uri(builder, docname, path)
    return live_uri(builder.config, path)


def site_target_exists(env: BuildEnvironment, path: str) -> bool:
    """Whether ``path`` (``/file/a.pdf`` or ``/about/``) is served by the handbook."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    static = Path(env.srcdir, env.config.site_static_dir).resolve()
    file = (static / path.lstrip("/")).resolve()
    if file.is_relative_to(static) and file.is_file():  # never a file outside the static copy
        return True
    stripped = path.strip("/")
    candidates = {stripped, posixpath.join(stripped, "index")} if stripped else {"index"}
    return bool(candidates & env.found_docs)


def rewrite_site_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: rewrite ``site:`` references (links, image targets,
    buttons) for the current builder; warn about those that lead nowhere."""
    for node in doctree.findall(nodes.reference):
        uri = node.get("refuri", "")
        if not uri.startswith(SITE_SCHEME):
            continue
        if not site_target_exists(app.env, site_path(uri)):
            warn_typed(app.config, WARNING_TYPE, SiteWarning.MISSING_FILE,
                       f"link to {site_path(uri)}: no such file or page in the handbook", node)
        node["refuri"] = resolve_site_uri(app.builder, docname, uri)


class SiteImages(SphinxTransform):
    """An image written with a ``site:`` path (``![a](site:/img/a.png)``) is the file of
    the static copy (``site_static_dir``) at that path. One whose file is not there, or
    whose path leads out of the static copy (``site:/../../x``), is a located warning
    (``site.missing-file``) and shows its alternative text: the build never reads a
    file outside the handbook source for it."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        static = Path(self.env.srcdir, self.config.site_static_dir).resolve()
        for node in list(self.document.findall(nodes.image)):
            uri = node.get("uri", "")
            if not uri.startswith(SITE_SCHEME):
                continue
            path = site_path(uri).split("#", 1)[0].split("?", 1)[0]
            file = (static / path.lstrip("/")).resolve()
            if file.is_relative_to(static) and file.is_file():
                node["uri"] = "/" + Path(self.config.site_static_dir, file.relative_to(static)).as_posix()
                continue
            warn_typed(self.config, WARNING_TYPE, SiteWarning.MISSING_FILE,
                       f"image {path}: no such file in the site's static files; its text is shown", node)
            text = node.get("alt", "")
            node.replace_self(nodes.inline("", text) if isinstance(node.parent, nodes.TextElement) else nodes.paragraph("", text))


def copy_site_files(app: Sphinx, builder: Builder) -> None:
    """``write-started`` (HTML builders): the site's files (``<srcdir>/<site_static_dir>``)
    copied into the output folder at their URLs, before the pages are written (a page
    at a file's URL replaces it, as with ``html_extra_path``).

    A file is copied, with its modification time, only when its copy is missing or
    differs in size or modification time: a rebuild looks at each file's ``stat``.
    Sphinx's ``html_extra_path``, used before, read every byte of both on every build
    (the real site's 833 files, 91 MB: 0.15 s of a rebuild after one edit).

    When :func:`start_copying_early` already copied them, in a process of its own while
    the documents were read, this only waits for it to end and warns what it found.

    Folders and files matching ``exclude_patterns`` (relative to the static folder) are
    left out, as Sphinx does. A symbolic link is not followed: it is a
    ``site.linked-file`` warning at its path and is not copied. A file or folder that
    cannot be copied or read is a ``site.uncopied-file`` warning; the build goes on.
    """
    if builder.format != "html":
        return
    problems = take_result(app, "site-files")
    if problems is None:  # not started early, or it did not finish: copy (what is left) here
        static = _static_folder(app)
        if static is None:
            return
        problems = copy_files(static, str(builder.outdir), app.config.exclude_patterns)
    for subtype, message, location in problems:
        warn_typed(app.config, WARNING_TYPE, subtype, message, location)


def start_copying_early(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: when the documents are read by forked readers
    (:func:`ext.background.in_background`), copy the site's files meanwhile, in a
    forked process at the lowest CPU priority, so that it takes what the readers leave
    of the CPUs: their start, the last reader's end, the merge.
    :func:`copy_site_files` waits for it at ``write-started``.

    On the real site's cold build the copy (833 files, 91 MB) took 0.55 s of the main
    process between the reading and the writing, with one CPU idle."""
    static = _static_folder(app) if app.builder.format == "html" else None
    if static is not None:
        start_early(app, "site-files", copy_files, static, str(app.builder.outdir), list(app.config.exclude_patterns))


#: A problem found while copying: (subtype, message, location ``"path:1"``).
Problem = tuple[SiteWarning, str, str]


def _static_folder(app: Sphinx) -> str | None:
    """``<srcdir>/<site_static_dir>`` when it is a folder (not a link), else None."""
    static = Path(app.srcdir, app.config.site_static_dir)
    return str(static) if static.is_dir() and not static.is_symlink() else None


def copy_files(static: str, outdir: str, exclude_patterns: list[str]) -> list[Problem]:
    """Copy each file under the folder ``static`` to the same path under ``outdir``
    when that copy is missing or differs in size or modification time (see
    :func:`copy_site_files`); the problems found, in path order: ``LINKED_FILE`` for a
    symbolic link, ``UNCOPIED`` for a folder that cannot be read or a file that cannot
    be written. Raises nothing for the files."""
    problems: list[Problem] = []
    excluded = Matcher(exclude_patterns)
    for rel, source in _files_to_copy(static, "", excluded, problems):
        try:
            _copy_if_changed(source, os.path.join(outdir, rel))
        except OSError as error:  # a folder of the output where the file would go, say
            problems.append((SiteWarning.UNCOPIED, f"cannot be copied to the output ({error.strerror or error}); not served",
                             f"{source.path}:1"))
    return problems


def _files_to_copy(folder: str, reldir: str, excluded: Matcher, problems: list[Problem]) -> Iterator[tuple[str, os.DirEntry]]:
    """``(path relative to the static folder, with /, its entry)`` of each regular file
    under ``folder`` (``reldir`` relative to the static folder), in name order, not
    ``excluded``; a ``LINKED_FILE`` problem for each symbolic link, not followed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        problems.append((SiteWarning.UNCOPIED, f"cannot be read ({error.strerror or error}); its files are not served",
                         f"{folder}:1"))
        return
    for entry in entries:
        rel = f"{reldir}{entry.name}"
        if entry.is_symlink():
            problems.append((SiteWarning.LINKED_FILE,
                             "a symbolic link among the site's files; not copied (copy the file itself there)",
                             f"{entry.path}:1"))
        elif excluded(rel):
            continue
        elif entry.is_dir(follow_symlinks=False):
            yield from _files_to_copy(entry.path, rel + "/", excluded, problems)
        elif entry.is_file(follow_symlinks=False):
            yield rel, entry


def _copy_if_changed(source: os.DirEntry, target: str) -> None:
    """Copy ``source`` to ``target`` with its access and modification times, unless
    ``target`` already has its size and modification time."""
    stat = source.stat(follow_symlinks=False)
    try:
        copied = os.stat(target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    else:
        if (copied.st_size, copied.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return
    shutil.copyfile(source.path, target)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def use_imported_site(app: Sphinx, config) -> None:
    """``config-inited``: take the live URL from ``_generated/site.json`` unless
    conf.py set one."""
    facts_file = Path(app.srcdir, SITE_FACTS)
    if facts_file.is_file() and not config.site_base_url:
        try:
            facts = json.loads(facts_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            warn_typed(config, WARNING_TYPE, SiteWarning.BAD_FILE, f"cannot read the site's facts: {error}",
                       f"{facts_file}:{getattr(error, 'lineno', 1)}")
            return
        base = str(facts.get("base_url") or "") if isinstance(facts, dict) else ""
        if base and not (is_safe_url(base, WEB_SCHEMES) and (url_scheme(base) or base.startswith("/"))):
            warn_typed(config, WARNING_TYPE, SiteWarning.UNSAFE_URL,
                       f"base_url {base[:40]!r} is not an http(s) URL or a path from the root; the handbook has none",
                       f"{facts_file}:1")
            base = ""
        config.site_base_url = base


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_base_url", "", "env", types=frozenset({str}))
    app.add_config_value("site_static_dir", STATIC_DIR, "env", types=frozenset({str}))
    app.add_transform(SiteImages)
    app.connect("doctree-resolved", rewrite_site_links)
    app.connect("config-inited", use_imported_site)
    app.setup_extension("ext.background")
    app.connect("env-before-read-docs", start_copying_early, priority=960)
    app.connect("write-started", copy_site_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
