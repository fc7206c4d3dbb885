"""Command line: ``python -m ext.hugo_import SITE DEST [--report FILE] [--force]``,
or ``python -m ext.hugo_import --clean DEST`` to remove what an import wrote.

Exit status: 0 when the import ran (problems in the site's content are reported,
not fatal), 2 when ``SITE`` is not a Hugo site.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .manifest import unchanged_import
from .model import ImportReport


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
    args = parser.parse_args(argv)
    if args.clean:
        from .writer import clean

        removed = clean(args.dest)
        if not args.quiet:
            print(f"import: {len(removed)} imported files removed from {args.dest}")
        return 0
    if args.site is None or not (args.site / "content").is_dir():
        print(f"error: {args.site} is not a Hugo site (it has no content/ folder)", file=sys.stderr)
        return 2
    unchanged = None if args.force else unchanged_import(args.site, args.dest)
    if unchanged is not None:  # the fast path: no converter libraries to load
        report = ImportReport(site=str(args.site.resolve()), unchanged=unchanged, skipped=True)
    else:
        from .writer import import_site

        report = import_site(args.site, args.dest, force=args.force, progress=_progress)
    if args.report and not (report.skipped and args.report.exists()):  # keep the last real report
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report.as_json(), indent=1, ensure_ascii=False) + "\n")
    if not args.quiet:
        print(summary(report, args.report))
    return 0


def summary(report, report_path: Path | None) -> str:
    """A few lines for the terminal: what was written and what was found."""
    if report.skipped:
        return f"import: site unchanged, nothing to do ({len(report.unchanged)} files)"
    lines = [
        f"import: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.drafts)} drafts skipped, "
        f"{report.static_copied} static files copied"
    ]
    counts = report.counts()
    counts.pop("draft", None)
    if counts:
        lines.append("problems in the site: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
        if report_path:
            lines.append(f"each with file and line in {report_path}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
