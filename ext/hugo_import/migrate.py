"""Migrating a Hugo site once into the handbook's own source (``make migrate``).

After a migration, ``docs/`` is the handbook's only source: people edit its MyST
pages and ``_data/events.yaml`` and commit them. So a migration never overwrites
what a person wrote:

1. The site is imported into an empty staging folder (:func:`.importer.import_site`),
   so nothing in ``docs/`` is touched while the site is read and converted.
2. The staged files are compared with ``docs/`` and with the manifest of the last
   migration (``docs/.hugo-import.json``, ``{path: SHA-256 of the bytes the
   migration wrote}``): :func:`plan_migration`. A file whose bytes still hash to
   its manifest entry is the migration's and may be replaced or removed. A file
   changed or deleted since then is *edited*: the migration refuses to go on and
   lists it, unless ``force``. A file the migration never wrote (the handbook's own
   pages: home, member guide, maintainer guide) is never touched, even with
   ``force``; a staged file at its path is left out and reported.
3. The plan is applied file by file, each file replaced atomically
   (:func:`os.replace`). Before the first file, the new manifest is written as a
   journal (``docs/.hugo-import.pending.json``): a migration interrupted half-way
   is resumed by running it again, which knows the files it already wrote.

A dry run stops after step 2 and only says what would change.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .confine import output_path
from ..shared.paths import EVENTS_FILE
from .files import files_under, remove_empty_parents, sha256
from ..shared.manifest import MANIFEST, Manifest
from .model import ImportReport, Problem, ProblemKind
from ..shared.report_file import MIGRATION_REPORT
from .report import report_json, write_report

#: The journal of a migration under way: the manifest it is writing.
PENDING = ".hugo-import.pending.json"
#: Files of the handbook source that belong to the migration's bookkeeping.
BOOKKEEPING = frozenset({MANIFEST, PENDING})


class MigrationError(Exception):
    """The migration cannot run: ``docs`` or ``site`` is not what it must be."""


@dataclass
class MigrationPlan:
    """What a migration does to the handbook source (paths relative to it, sorted).

    ``added``: new files; ``updated``: files of the last migration, unedited, whose
    bytes change; ``removed``: files of the last migration, unedited, that the site no
    longer has; ``unchanged``: files that already hold the staged bytes.
    ``edited``: files a person changed or deleted since the last migration that this
    one would overwrite, re-create or remove (the migration refuses unless forced);
    ``kept``: files the migration never wrote at a path the site also has (left as
    they are, always). ``files``: the new manifest (``{path: SHA-256}``).
    ``report``: the import report of the staged site; ``events``: how many events
    its ``_data/events.yaml`` lists.
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    report: ImportReport | None = None
    events: int = 0
    applied: bool = False

    def changes(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)


def migrate(
    site_root: Path,
    docs: Path,
    *,
    staging: Path | None = None,
    dry_run: bool = False,
    force: bool = False,
    site_name: str | None = None,
    progress: Callable[[Iterable, int], Iterable] | None = None,
    jobs: int | None = None,
) -> MigrationPlan:
    """Migrate the Hugo site at ``site_root`` into the handbook source ``docs``.

    ``staging``: an empty or absent folder to convert into (default: a temporary
    folder beside ``docs``), removed afterwards; on the same file system as ``docs``
    the files are moved, else copied. ``site_name``: how the site is named in the
    manifest and the report (default: the path as given), so that the committed
    files do not depend on where the site lay. Returns the :class:`MigrationPlan`;
    ``plan.applied`` says whether ``docs`` was changed (not on a dry run, and not
    when edited files stand in the way and ``force`` is not set).

    Raises :class:`MigrationError` when ``site_root`` is not a Hugo site or
    ``docs`` is not a folder.
    """
    from .importer import import_site

    if not (site_root / "content").is_dir():
        raise MigrationError(f"{site_root} is not a Hugo site (it has no content/ folder)")
    if not docs.is_dir():
        raise MigrationError(f"{docs} is not a folder: the handbook source must exist")
    docs = docs.resolve()
    name = site_name or str(site_root)
    if staging is not None and _overlaps(staging.resolve(), docs):
        raise MigrationError(f"the staging folder {staging} must be apart from the handbook source {docs}")
    own_staging = staging is None
    staging = Path(tempfile.mkdtemp(prefix=".migration-", dir=docs.parent)) if staging is None else staging
    if staging.exists() and not own_staging:
        shutil.rmtree(staging)
    try:
        report = import_site(site_root, staging, force=True, progress=progress, jobs=jobs)
        report.site = name
        (staging / MANIFEST).unlink(missing_ok=True)
        plan = plan_migration(staging, docs)
        report.problems.extend(_kept_problem(rel, report.origins.get(rel)) for rel in plan.kept)
        plan.report = report
        plan.events = _count_events(staging / EVENTS_FILE)
        # The report is the migration's too: planned like the pages it describes. Its
        # problems carry their source lines, read here, while the site is at hand.
        report_path = staging / MIGRATION_REPORT
        write_report(report_json(report, site_root), report_path)
        plan_file(plan, docs, Written.read(docs), MIGRATION_REPORT, sha256(report_path.read_bytes()))
        for paths in (plan.added, plan.updated, plan.unchanged, plan.edited, plan.kept):
            paths.sort()
        if dry_run or (plan.edited and not force):
            return plan
        apply_plan(plan, staging, docs, name)
        plan.applied = True
        return plan
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _kept_problem(rel: str, origin: tuple[str, int] | None) -> Problem:
    """The problem of a staged file left out because a person's file is at ``rel``: at
    the site file and line its page's URL comes from (``origin``), else at ``rel``."""
    file, line = origin or (rel, 0)
    what = f"its handbook file {rel}" if origin else rel
    return Problem(file, line, ProblemKind.URL_COLLISION,
                   f"{what} is in the handbook source and was not written by a migration; left as it is")


def _overlaps(a: Path, b: Path) -> bool:
    """Whether one of the folders ``a`` and ``b`` (resolved) is, or holds, the other."""
    return a == b or a in b.parents or b in a.parents


def _count_events(path: Path) -> int:
    """The entries of the events file at ``path`` (0 when there is none)."""
    if not path.is_file():
        return 0
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return len(data.get("events") or []) if isinstance(data, dict) else 0


@dataclass(frozen=True)
class Written:
    """What the migrations wrote into a handbook source: ``digests`` gives, for each
    file, the digests it may hold and still be the migration's (the last manifest's,
    and the journal's of a migration that was interrupted); ``present`` names the
    files that were there when the last migration ended (one of them missing was
    deleted by a person)."""

    digests: dict[str, set[str]]
    present: frozenset[str]

    @classmethod
    def read(cls, docs: Path) -> Written:
        last = Manifest(docs).files
        digests: dict[str, set[str]] = {rel: {digest} for rel, digest in last.items()}
        journal = docs / PENDING
        pending = json.loads(journal.read_text(encoding="utf-8")).get("files", {}) if journal.is_file() else {}
        for rel, digest in pending.items():
            digests.setdefault(rel, set()).add(digest)
        return cls(digests, frozenset(last.keys() - pending.keys()))


def staged_files(staging: Path) -> dict[str, str]:
    """Every file under ``staging`` but the bookkeeping: ``{relative path: SHA-256}``."""
    return {rel: sha256(path.read_bytes()) for rel, path in files_under(staging) if rel not in BOOKKEEPING}


def plan_migration(staging: Path, docs: Path) -> MigrationPlan:
    """Compare the staged site with ``docs`` and its manifest (see the module's
    docstring). Reads files, writes nothing."""
    written = Written.read(docs)
    plan = MigrationPlan()
    staged = staged_files(staging)
    for rel, digest in sorted(staged.items()):
        plan_file(plan, docs, written, rel, digest)
    for rel in sorted(written.digests.keys() - staged.keys() - {MIGRATION_REPORT}):
        target = docs / rel
        if target.is_file():
            if sha256(target.read_bytes()) not in written.digests[rel]:
                plan.edited.append(rel)
            plan.removed.append(rel)
    return plan


def plan_file(plan: MigrationPlan, docs: Path, written: Written, rel: str, digest: str) -> None:
    """Add what becomes of the staged file ``rel`` (bytes hashing to ``digest``) to
    ``plan``, given what the migrations wrote (``written``)."""
    known = written.digests
    target = docs / rel
    if target.is_file():
        current = sha256(target.read_bytes())
        if rel not in known and current != digest:
            plan.kept.append(rel)  # a person's file, never the migration's
            return
        if current == digest:
            plan.unchanged.append(rel)
        else:
            plan.updated.append(rel)
            if current not in known[rel]:
                plan.edited.append(rel)
    elif target.exists():
        plan.kept.append(rel)  # a folder of a person's stands there
        return
    else:
        plan.added.append(rel)
        if rel in written.present:
            plan.edited.append(rel)  # deleted by a person since the migration
    plan.files[rel] = digest


def apply_plan(plan: MigrationPlan, staging: Path, docs: Path, site_name: str) -> None:
    """Carry out ``plan``: the journal first, then each file (moved from ``staging``,
    replacing the old one atomically), the removals, and the new manifest. Every path
    in ``docs`` is checked to lie inside it first (:func:`.confine.output_path`, which
    raises :class:`.confine.OutsideRoot`, before anything is moved)."""
    moves = [(staging / rel, output_path(docs, rel)) for rel in [*plan.added, *plan.updated]]
    removals = [output_path(docs, rel) for rel in plan.removed]
    pending = docs / PENDING
    pending.write_text(json.dumps({"files": dict(sorted(plan.files.items()))}, indent=1) + "\n", encoding="utf-8")
    for source, target in moves:
        _move_into(source, target)
    for path in removals:
        path.unlink(missing_ok=True)
        remove_empty_parents(path.parent, docs)
    Manifest(docs).save(plan.files, "", site_name, kind="migration")
    pending.unlink()


def _move_into(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` in one step: a reader sees the old file or the new
    one, never half of one. A file hard-linked to the site (the static copy links
    where it can) is copied, so that editing the handbook never edits the site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.stat().st_nlink == 1:
        try:
            os.replace(source, target)
            return
        except OSError:
            pass  # another file system: copy
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".migrating-", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
