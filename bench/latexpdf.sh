#!/usr/bin/env bash
# Benchmark: a cold `make latexpdf` (import, LaTeX build, xelatex via latexmk) of the
# member guide of a Hugo site (default: the real one), in a scratch folder.
#   bench/latexpdf.sh [SITE] [RUNS]
# Prints the median wall time (hyperfine, else /usr/bin/time per run) and the page count.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=$(realpath "${1:-../shared/corpus/iassist-site}")
RUNS=${2:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

prepare="rm -rf '$WORK/docs' '$WORK/_build' && mkdir '$WORK/docs' && cp -r docs/index.md docs/member-guide.md docs/handbook '$WORK/docs/'"
build="make --no-print-directory -s latexpdf SITE='$SITE' SOURCEDIR='$WORK/docs' BUILDDIR='$WORK/_build' >'$WORK/out.log' 2>&1"

if command -v hyperfine >/dev/null; then
  hyperfine --runs "$RUNS" --export-json "$WORK/pdf.json" --prepare "$prepare" "$build" >/dev/null
  median=$(python3 -c "import json,sys; print('%.1f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$WORK/pdf.json")
else
  times=()
  for _ in $(seq "$RUNS"); do
    bash -c "$prepare"
    start=$(date +%s.%N); bash -c "$build"; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]}')
fi
pages=$(pdfinfo "$WORK/_build/latex/iassist-member-guide.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
echo "cold make latexpdf ($SITE): median ${median} s over $RUNS runs; ${pages:-?} PDF pages"
