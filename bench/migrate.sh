#!/usr/bin/env bash
# Benchmark of the migration: `make migrate` of a Hugo site (default: the real one)
# into a fresh clone's docs/, run in turns with a cold import of the same site into an
# empty folder (the transition preview's conversion; this machine's speed drifts over
# minutes, so only runs taken in turns compare). Then what `make html` of the migrated
# handbook runs before Sphinx: nothing (no import step), against the preview's import.
#   bench/migrate.sh [SITE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=$(realpath "${1:-../shared/corpus/iassist-site}")
RUNS=${2:-5}
PY=$PWD/.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
PYTHONDONTWRITEBYTECODE= "$PY" -m compileall -q ext >/dev/null

for i in $(seq "$RUNS"); do
  hyperfine --runs 1 --export-json "$WORK/import-$i.json" --prepare "rm -rf '$WORK/dest' && sync" \
    "'$PY' -m ext.hugo_import '$SITE' '$WORK/dest' --quiet" >/dev/null
  hyperfine --runs 1 --export-json "$WORK/migrate-$i.json" \
    --prepare "rm -rf '$WORK/docs' '$WORK/staging' && cp -r docs '$WORK/docs' && sync" \
    "'$PY' -m ext.hugo_import --migrate '$SITE' '$WORK/docs' --staging '$WORK/staging'" >/dev/null
done
# What make runs for `make html` before sphinx-build (-n: print, don't run).
before_sphinx() { make -n html "$@" | grep -v sphinx-build | grep -c . || true; }

median() { "$PY" -c "import json,statistics,sys; print(round(statistics.median(t for f in sys.argv[1:] for t in json.load(open(f))['results'][0]['times']),2))" "$@"; }
pair_ratio() { "$PY" -c "import json,statistics,sys; n=len(sys.argv)//2; t=lambda f: json.load(open(f))['results'][0]['times'][0]; print(round(statistics.median(t(a)/t(b) for a,b in zip(sys.argv[1:n+1],sys.argv[n+1:])),2))" "$@"; }
echo "site: $SITE ($RUNS runs in turns)"
echo "make migrate (fresh clone's docs/): $(median "$WORK"/migrate-*.json) s"
echo "cold import (empty folder):         $(median "$WORK"/import-*.json) s"
echo "migrate / import:                   $(pair_ratio "$WORK"/migrate-*.json "$WORK"/import-*.json)x (median of the turns' ratios)"
echo "commands before sphinx-build, make html:          $(before_sphinx)"
echo "commands before sphinx-build, make html SITE=...: $(before_sphinx SITE="$SITE")"
