"""Command line of the converter.

``python -m ext.hugo_import --migrate SITE DOCS [--dry-run] [--force] [--staging DIR]``
    migrates the Hugo site once into the handbook source ``DOCS`` (``make migrate``,
    see :mod:`.migrate`); refuses (exit status 1) when files edited since the last
    migration stand in the way, unless ``--force``.
``python -m ext.hugo_import SITE DEST [--handbook DOCS] [--report FILE] [--force] [--brief]``
    imports the site into a generated source folder ``DEST`` for the transition
    preview (``make html SITE=…``), with the handbook's own pages of ``DOCS``; its
    report goes to ``DEST/_generated/import-report.json`` (and ``FILE``), where the
    HTML build finds it (:mod:`.report`).
``python -m ext.hugo_import --clean DEST``
    removes what an import wrote into ``DEST``.

Both print what they wrote and the summary of the report (:func:`ext.shared.report_file.summary_lines`:
the problems per kind and the five files with the most); ``--brief`` prints its
counts on one line, for ``make html``, whose build ends with the summary.

Exit status: 0 when the import ran (problems in the site's content are reported,
not fatal), 1 when a migration was refused, 2 when ``SITE`` is not a Hugo site or
``DEST`` is a migrated handbook source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .manifest import unchanged_import
from .model import ImportReport
from ..shared.paths import PROGRAMMES_DIR
from ..shared.report_file import MIGRATION_REPORT, PREVIEW_REPORT, summary_lines
from .report import report_json, write_report


def _progress(results, total: int):
    if not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return tqdm(results, total=total, desc="converting", unit="page", leave=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ext.hugo_import", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", help="the Hugo site (folder with content/ and config.toml)")
    parser.add_argument("dest", type=Path, help="the Sphinx source folder to write into (docs/)")
    parser.add_argument("--clean", action="store_true", help="remove what the import wrote into DEST, and stop")
    parser.add_argument("--report", type=Path, help="write the import report as JSON to this file")
    parser.add_argument("--force", action="store_true", help="convert even when the site has not changed")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--brief", action="store_true",
                        help="the problems' counts on one line, not the summary (the HTML build prints it)")
    parser.add_argument("--handbook", type=Path, help="copy the handbook's own pages of this folder (docs/) into DEST first")
    parser.add_argument("--migrate", action="store_true", help="migrate SITE once into the handbook source DEST (make migrate)")
    parser.add_argument("--dry-run", action="store_true", help="with --migrate: say what would change, change nothing")
    parser.add_argument("--staging", type=Path, help="with --migrate: the folder to convert into first (removed afterwards)")
    args = parser.parse_args(argv)
    if args.migrate:
        return run_migration(args)
    if args.clean:
        from .writer import clean

        removed = clean(args.dest)
        if not args.quiet:
            print(f"import: {len(removed)} imported files removed from {args.dest}")
        return 0
    if args.site is None or not (args.site / "content").is_dir():
        print(f"error: {args.site} is not a Hugo site (it has no content/ folder)", file=sys.stderr)
        return 2
    if args.handbook is not None:
        from .preview import sync_handbook_pages

        sync_handbook_pages(args.handbook, args.dest)
    preview_report = args.dest / PREVIEW_REPORT
    fast = not args.force and preview_report.is_file()
    unchanged = unchanged_import(args.site, args.dest) if fast else None
    if unchanged is not None:  # the fast path: no converter libraries to load
        report = ImportReport(site=str(args.site.resolve()), unchanged=unchanged, skipped=True)
        data = report.as_json()
    else:
        from .importer import MigratedSourceError, import_site

        try:
            report = import_site(args.site, args.dest, force=args.force, progress=_progress)
        except MigratedSourceError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        data = report_json(report, args.site)
        write_report(data, preview_report)
    if args.report and not (report.skipped and args.report.exists()):  # keep the last real report
        write_report(data, args.report)
    if not args.quiet:
        print(summary(report, data, args.report or preview_report, brief=args.brief))
    return 0


def run_migration(args: argparse.Namespace) -> int:
    """``--migrate``: migrate, print what was done (or would be, or stands in the way)."""
    from .migrate import MigrationError, migrate

    try:
        plan = migrate(args.site, args.dest, staging=args.staging, dry_run=args.dry_run, force=args.force,
                       progress=_progress)
    except MigrationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(migration_summary(plan, args.dest, args.dest / MIGRATION_REPORT, dry_run=args.dry_run, force=args.force))
    return 1 if plan.edited and not plan.applied and not args.dry_run else 0


def migration_summary(plan, docs: Path, report_path: Path, *, dry_run: bool, force: bool) -> str:
    """What a migration did, would do, or refused, for the terminal: counts of pages,
    events, programmes and problems, and the files that stand in the way."""
    files = plan.files
    pages = sum(1 for rel in files if rel.endswith(".md") and not rel.startswith("_"))
    programmes = sum(1 for rel in files if rel.startswith(f"{PROGRAMMES_DIR}/") and rel.endswith(".json"))
    lines = []
    if plan.edited and not plan.applied and not dry_run:
        lines.append(f"migrate: refused. {len(plan.edited)} files of {docs} were edited since the last migration "
                     "and would be overwritten or removed:")
        lines += [f"  {docs / rel}" + ("" if (docs / rel).exists() else " (deleted)") for rel in plan.edited]
        lines.append("Nothing was changed. Keep the edits (commit them), or run again with FORCE=1 (--force) "
                     "to overwrite them; DRY_RUN=1 (--dry-run) shows every change.")
        return "\n".join(lines)
    verb = "would write" if dry_run else "wrote"
    lines.append(f"migrate: {verb} {len(plan.added)} new and {len(plan.updated)} changed files, "
                 f"{'would remove' if dry_run else 'removed'} {len(plan.removed)}, {len(plan.unchanged)} unchanged")
    if dry_run:
        for label, rels in (("new", plan.added), ("changed", plan.updated), ("removed", plan.removed)):
            lines += [f"  {label}: {rel}" for rel in rels]
        if plan.edited:
            lines.append(f"{len(plan.edited)} of them were edited since the last migration "
                         f"({'they would be overwritten: --force' if force else 'the migration would refuse'}):")
            lines += [f"  edited: {rel}" for rel in plan.edited]
    lines.append(f"{pages} pages, {plan.events} events, {programmes} programmes in {docs}")
    if plan.kept:
        lines.append(f"{len(plan.kept)} files of the handbook's own kept as they are: " + ", ".join(plan.kept))
    if plan.report is not None:
        lines += summary_lines(plan.report.as_json(), f"each with file and line in {report_path}")
    return "\n".join(lines)


def summary(report: ImportReport, data: dict, report_path: Path, *, brief: bool = False) -> str:
    """What the preview's import did, for the terminal: what was written, then the
    summary of the problems (``data``: the report as JSON, at ``report_path``); with
    ``brief``, their counts on one line."""
    if report.skipped:
        return f"import: site unchanged, nothing to do ({len(report.unchanged)} files)"
    lines = [(
        f"import: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.drafts)} drafts skipped, "
        f"{report.static_copied} static files copied"
    )]
    where = f"each with file and line in {report_path}"
    if not brief:
        return "\n".join(lines + summary_lines(data, where))
    counts = report.counts()
    counts.pop("draft", None)
    if counts:
        lines.append("problems in the site: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
        lines.append(where)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
