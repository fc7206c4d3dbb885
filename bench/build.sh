#!/usr/bin/env bash
# Benchmarks of the import and the HTML build on a Hugo site (default: the real one).
#   bench/build.sh [SITE] [RUNS]
# Prints medians (hyperfine) for: cold import, no-op re-import, cold `make html`,
# a naive build of the same pages (flat toctree, furo's full sidebar) as a ratio,
# the same build without the 25 conference programmes (their cost as a ratio),
# a rebuild after editing one page and after editing the events file; then page
# sizes and the search index size.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=${1:-../shared/corpus/iassist-site}
RUNS=${2:-3}
PY=.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

# Byte-compiled modules, as Python keeps them on a maintainer's machine (even where
# PYTHONDONTWRITEBYTECODE is set in the environment, which would recompile every run).
PYTHONDONTWRITEBYTECODE= $PY -m compileall -q ext conf.py >/dev/null
src="$WORK/docs"; mkdir -p "$src"; cp -r docs/index.md docs/member-guide.md docs/handbook "$src/"
hyperfine --runs "$RUNS" --export-json "$WORK/import.json" \
  --prepare "rm -rf '$src' && mkdir '$src' && cp -r docs/index.md docs/member-guide.md docs/handbook '$src/' && sync" \
  "$PY -m ext.hugo_import '$SITE' '$src' --quiet" >/dev/null
hyperfine --runs "$RUNS" --export-json "$WORK/noop.json" \
  "$PY -m ext.hugo_import '$SITE' '$src' --quiet" >/dev/null

build="$PY -m sphinx -b dirhtml -c . -j 3 -q -W --keep-going -n '$src' '$WORK/html'"
# The cold build and the same pages without the conference programmes (the directives
# taken out), run in turns: this machine's speed drifts over minutes, and runs taken in
# turns keep that drift out of the ratio (the median of the pairs' ratios).
noprog="$WORK/noprog-src"; cp -r "$src" "$noprog"
grep -rl '^:::{conference-programme}' "$noprog" | xargs sed -i '/^:::{conference-programme}/,/^:::$/d'
for i in $(seq "$RUNS"); do
  hyperfine --runs 1 --export-json "$WORK/cold-$i.json" --prepare "rm -rf '$WORK/html'" "$build" >/dev/null
  hyperfine --runs 1 --export-json "$WORK/noprog-$i.json" --prepare "rm -rf '$WORK/noprog-html'" \
    "$PY -m sphinx -b dirhtml -c . -j 3 -q -W --keep-going -n '$noprog' '$WORK/noprog-html'" >/dev/null
done

# Naive: every page in one flat toctree, furo's sidebar not collapsed.
naive="$PY -m sphinx -b dirhtml -c . -j 3 -q -D navigation_collapse=0 '$src' '$WORK/naive'"
cp "$src/_generated/navigation.md" "$WORK/navigation.md"
( cd "$src" && find . -name '*.md' ! -path './_generated/*' ! -name index.md | sed 's|^\./||; s|\.md$||' | sort \
  | awk 'BEGIN{print "```{toctree}\n:hidden:\n"} {print "/"$0} END{print "```"}' ) > "$WORK/flat.md"
cp "$WORK/flat.md" "$src/_generated/navigation.md"
hyperfine --runs 1 --export-json "$WORK/naive.json" --prepare "rm -rf '$WORK/naive'" "$naive || true" >/dev/null
cp "$WORK/navigation.md" "$src/_generated/navigation.md"
rm -rf "$WORK/html"; eval "$build"

page=$(cd "$src" && find . -name '*.md' -path './about/*' -print -quit)
hyperfine --runs "$RUNS" --export-json "$WORK/edit.json" \
  --prepare "echo >> '$src/$page'" "$build" >/dev/null

hyperfine --runs "$RUNS" --export-json "$WORK/events.json" \
  --prepare "echo '# edited' >> '$src/_data/events.yaml'" "$build" >/dev/null

# median FILE...: the median time of hyperfine's JSON results (one file per turn, or one file)
median() { $PY -c "import json,statistics,sys; print(round(statistics.median(t for f in sys.argv[1:] for t in json.load(open(f))['results'][0]['times']),2))" "$@"; }
pair_ratio() { $PY -c "import json,statistics,sys; n=len(sys.argv)//2; t=lambda f: json.load(open(f))['results'][0]['times'][0]; print(round(100*(statistics.median(t(a)/t(b) for a,b in zip(sys.argv[1:n+1],sys.argv[n+1:]))-1)))" "$@"; }
echo "site: $SITE"
echo "cold import:              $(median "$WORK/import.json") s"
echo "no-op re-import:          $(median "$WORK/noop.json") s"
echo "cold make html (-j 3):    $(median "$WORK"/cold-*.json) s"
echo "naive flat-toctree build: $(median "$WORK/naive.json") s (ratio $($PY -c "print(round($(median "$WORK/naive.json")/$(median "$WORK"/cold-*.json),1))")x)"
echo "without programmes:       $(median "$WORK"/noprog-*.json) s (programmes add $(pair_ratio "$WORK"/cold-*.json "$WORK"/noprog-*.json)%, median of the turns' ratios)"
echo "rebuild after one edit:   $(median "$WORK/edit.json") s"
echo "rebuild after events.yaml edit: $(median "$WORK/events.json") s"
$PY - "$WORK/html" <<'PY'
import pathlib, statistics, sys
out = pathlib.Path(sys.argv[1])
sizes = sorted(p.stat().st_size / 1024 for p in out.rglob("index.html") if "_static" not in p.parts)
print(f"page size: median {statistics.median(sizes):.1f} KB, largest {sizes[-1]:.1f} KB ({len(sizes)} pages)")
print(f"search index: {(out / 'searchindex.js').stat().st_size / 1024 / 1024:.1f} MB")
PY
