#!/usr/bin/env bash
# Where a cold HTML build of a Hugo site's preview spends its time, in one process.
#   bench/profile.sh [SITE] [OUT]
# Imports SITE (default: the real site) into OUT/src, builds it with `-j 1` under
# cProfile into OUT/html (profile in OUT/build.prof), then prints the read and write
# phases' totals and the 30 functions with the most cumulative time among the
# handbook's extensions, furo, MyST-Parser, markdown-it, docutils, PyYAML and Sphinx's
# toctree. Times are inflated by the profiler; compare shares, not seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=${1:-../shared/corpus/iassist-site}
OUT=${2:-_build/profile}
PY=.venv/bin/python
rm -rf "$OUT/html" "$OUT/build.prof"
mkdir -p "$OUT"
mkdir -p "$OUT/src"
$PY -m ext.hugo_import "$SITE" "$OUT/src" --handbook docs --quiet
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796083200} \
  $PY -m cProfile -o "$OUT/build.prof" -m sphinx -b dirhtml -c . -j 1 -q "$OUT/src" "$OUT/html"
$PY - "$OUT/build.prof" <<'EOF'
import io
import pstats
import sys

stats = pstats.Stats(sys.argv[1])
phases = {"read": "builders/__init__.py:467(read)", "write": "builders/__init__.py:703(write)"}
print(f"total {stats.total_tt:.1f} s (profiled, one process)")
for (path, line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
    for phase, where in phases.items():
        if f"{path}:{line}({name})".endswith(where):
            print(f"  {phase:5} {cumulative:6.1f} s")
out = io.StringIO()
pstats.Stats(sys.argv[1], stream=out).sort_stats("cumulative").print_stats(
    r"/ext/|furo|myst_parser|markdown_it|docutils/nodes|yaml/__init__|toctree", 30)
print("\n".join(line[:150] for line in out.getvalue().splitlines() if "/" in line or "ncalls" in line))
EOF
