#!/usr/bin/env bash
# Benchmark of the import alone: a cold import and a no-op re-import of a Hugo site
# (default: the real one), and, given a base revision, the cold import of that
# revision run in turns with this one (this machine's speed drifts over minutes, so
# only runs taken in turns compare; the ratio is the median of the pairs' ratios).
#   bench/import.sh [SITE] [RUNS] [BASE_REVISION]
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=$(realpath "${1:-../shared/corpus/iassist-site}")
RUNS=${2:-7}
BASE=${3:-}
PY=$PWD/.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [ -z "$BASE" ] || git worktree remove --force "$WORK-base" >/dev/null 2>&1 || true' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

import_in() {  # import_in CHECKOUT RESULT.json: one cold import of SITE by the code in CHECKOUT
  # sync: the removed tree's writes are flushed before the clock starts, not during the run
  hyperfine --runs 1 --export-json "$2" --prepare "rm -rf '$WORK/dest' && sync" \
    "cd '$1' && '$PY' -m ext.hugo_import '$SITE' '$WORK/dest' --quiet" >/dev/null
}
[ -z "$BASE" ] || git worktree add --detach -q "$WORK-base" "$BASE"
# Byte-compiled modules, as Python keeps them on a maintainer's machine (even where
# PYTHONDONTWRITEBYTECODE is set in the environment, which would recompile every run).
for checkout in "$PWD" ${BASE:+"$WORK-base"}; do PYTHONDONTWRITEBYTECODE= "$PY" -m compileall -q "$checkout/ext" >/dev/null; done
for i in $(seq "$RUNS"); do
  import_in "$PWD" "$WORK/cold-$i.json"
  [ -z "$BASE" ] || import_in "$WORK-base" "$WORK/base-$i.json"
done
hyperfine --runs "$RUNS" --export-json "$WORK/noop.json" "'$PY' -m ext.hugo_import '$SITE' '$WORK/dest' --quiet" >/dev/null

median() { "$PY" -c "import json,statistics,sys; print(round(statistics.median(t for f in sys.argv[1:] for t in json.load(open(f))['results'][0]['times']),2))" "$@"; }
pair_ratio() { "$PY" -c "import json,statistics,sys; n=len(sys.argv)//2; t=lambda f: json.load(open(f))['results'][0]['times'][0]; print(round(statistics.median(t(a)/t(b) for a,b in zip(sys.argv[1:n+1],sys.argv[n+1:])),2))" "$@"; }
echo "site: $SITE ($RUNS runs)"
echo "cold import:      $(median "$WORK"/cold-*.json) s"
echo "no-op re-import:  $(median "$WORK/noop.json") s"
if [ -n "$BASE" ]; then
  echo "cold import at $BASE: $(median "$WORK"/base-*.json) s (this one takes $(pair_ratio "$WORK"/cold-*.json "$WORK"/base-*.json)x its time, median of the turns' ratios)"
fi
