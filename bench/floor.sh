#!/usr/bin/env bash
# What Sphinx itself needs for a Hugo site's pages, against the handbook's build of
# the same pages: the floor under any build-speed target.
#   bench/floor.sh [SITE] [RUNS]
# Imports SITE (default: the real site) beside the handbook's pages, then builds it
# `-j 3` with two configurations, in turns, RUNS times each (medians):
#   handbook  this checkout's conf.py;
#   floor     MyST-Parser and sphinx-design only, Sphinx's plain "basic" theme, the
#             handbook's MyST settings and exclusions: no furo, no navigation, none
#             of the handbook's extensions (its directives are left unrendered, so
#             the floor is lower than any build of the same pages can be);
#   floor+gc  the floor with ext.heap, the handbook's garbage-collector freezing,
#             which lowers Sphinx's own costs too.
# For each: a cold build (empty build folder), a build with nothing changed, and a
# build after one page was edited.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=$(realpath "${1:-../shared/corpus/iassist-site}")
RUNS=${2:-3}
HERE=$PWD
PY=$HERE/.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/src" "$WORK/floor-conf"
cp -r docs/{index.md,member-guide.md,handbook} "$WORK/src/"
"$PY" -m ext.hugo_import "$SITE" "$WORK/src" --quiet >/dev/null
cat > "$WORK/floor-conf/conf.py" <<EOF
import runpy
_handbook = runpy.run_path("$HERE/conf.py")
project = "floor"
extensions = ["myst_parser", "sphinx_design"]
html_theme = "basic"
exclude_patterns = _handbook["exclude_patterns"]
myst_enable_extensions = _handbook["myst_enable_extensions"]
myst_heading_anchors = _handbook["myst_heading_anchors"]
myst_url_schemes = _handbook["myst_url_schemes"]
myst_linkify_fuzzy_links = _handbook["myst_linkify_fuzzy_links"]
EOF
mkdir -p "$WORK/floorgc-conf"
sed 's/^extensions = .*/extensions = ["myst_parser", "sphinx_design", "ext.heap"]/' "$WORK/floor-conf/conf.py" \
  > "$WORK/floorgc-conf/conf.py"
declare -A CONF=([handbook]="$HERE" [floor]="$WORK/floor-conf" [floorgc]="$WORK/floorgc-conf")
page=$(cd "$WORK/src" && find about -name '*.md' ! -name index.md | sort | head -1)

build() {  # build SIDE RESULT_FILE: one sphinx-build's seconds into RESULT_FILE
  (cd "$HERE" && /usr/bin/time -f "%e" -o "$2" "$PY" -m sphinx -b dirhtml -c "${CONF[$1]}" -j 3 -q \
    "$WORK/src" "$WORK/out-$1" >/dev/null 2>&1) || true
}
for i in $(seq "$RUNS"); do
  for side in floor floorgc handbook; do
    rm -rf "$WORK/out-$side"
    build "$side" "$WORK/cold-$side-$i"
    build "$side" "$WORK/noop-$side-$i"
    echo "edited $side $i" >> "$WORK/src/$page"
    build "$side" "$WORK/edit-$side-$i"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf "%-22s %10s %10s %10s %8s\n" "build (-j 3)" floor floor+gc handbook ratio
for what in cold noop edit; do
  f=$(cat "$WORK/$what-floor-"* | median)
  g=$(cat "$WORK/$what-floorgc-"* | median)
  h=$(cat "$WORK/$what-handbook-"* | median)
  printf "%-22s %9ss %9ss %9ss %7sx\n" "$what" "$f" "$g" "$h" "$(awk -v h="$h" -v f="$f" 'BEGIN {printf "%.2f", h / f}')"
done
