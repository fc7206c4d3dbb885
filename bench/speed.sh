#!/usr/bin/env bash
# Build speed of this checkout against a base revision, on a Hugo site (default: the
# real one), as ratios. This machine's speed drifts over minutes, so the builds run
# in turns (base, this, base, this...) and each ratio is the median of the turns'.
#   bench/speed.sh BASE_REVISION [SITE] [RUNS]
# 1. cold `make html SITE=...` from an empty build folder: time and peak memory
#    (the largest process's resident set, /usr/bin/time). A base whose make imports
#    the site into docs/ runs in a fresh checkout, so that its import is as cold as
#    this checkout's (into the build folder); see FRESH below;
# 2. a migrated handbook (each checkout's own import of SITE beside its own pages):
#    after one page was edited, the `sphinx-build` that `make html` runs;
# 3. `make livehtml` on that handbook (the base: sphinx-autobuild as its Makefile ran
#    it): save one page, then the page on disk and the browser's reload message
#    (bench/live_reload_time.py), RUNS saves each, the base first.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: bench/speed.sh BASE_REVISION [SITE] [RUNS]}
SITE=$(realpath "${2:-../shared/corpus/iassist-site}")
RUNS=${3:-3}
HERE=$PWD
VENV=$HERE/.venv
PY=$VENV/bin/python
WORK=$(mktemp -d)
PORT=8157
cleanup() {
  pkill -f -- "--port $PORT" 2>/dev/null || true
  git -C "$HERE" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
  for tree in "$WORK"/base-*; do git -C "$HERE" worktree remove --force "$tree" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
git worktree add --detach -q "$WORK/base" "$BASE"
touch "$VENV/.installed"  # newer than the base's requirements.txt: make keeps this environment
declare -A CHECKOUT=([base]="$WORK/base" [this]="$HERE")
for side in base this; do PYTHONDONTWRITEBYTECODE= "$PY" -m compileall -q "${CHECKOUT[$side]}/ext" >/dev/null; done

timed() {  # timed RESULT_FILE COMMAND...: "seconds peak_kb" of one run; a failed run's output is shown
  /usr/bin/time -f "%e %M" -o "$1" "${@:2}" >"$1.out" 2>&1 || { echo "failed: ${*:2}" >&2; tail -40 "$1.out" >&2; return 1; }
}

# 1. cold make html SITE=...
# Each run builds into a build folder (and a base into a checkout) that no run used
# before, and none is deleted until all have run: on a file system that keeps freed
# inodes aside for a minute before giving them out again (ext4 without a journal, as
# on the machine these figures come from), every file a build creates right after a
# deletion first walks past the inodes just freed, seconds of kernel time that have
# nothing to do with the code measured. FRESH=0 deletes the last run's folders (and
# puts docs/ back) right before each run instead, as this script did before.
echo "cold builds..." >&2
for i in $(seq "$RUNS"); do
  for side in base this; do
    checkout=${CHECKOUT[$side]} builddir="$WORK/cold-$side"
    if [ "${FRESH:-1}" = 1 ]; then
      builddir="$WORK/build-$side-$i"
      if [ "$side" = base ]; then  # a base imports into its docs/: a checkout of its own for each run
        checkout="$WORK/base-$i"
        git worktree add --detach -q "$checkout" "$BASE"
        PYTHONDONTWRITEBYTECODE= "$PY" -m compileall -q "$checkout/ext" >/dev/null
      fi
    else
      rm -rf "$builddir"
      git -C "$checkout" checkout -q -- docs && git -C "$checkout" clean -fdq -- docs
    fi
    sync
    timed "$WORK/cold-$side-$i" make -C "$checkout" html SITE="$SITE" VENV="$VENV" BUILDDIR="$builddir"
  done
done
for i in $(seq "$RUNS"); do
  git -C "$HERE" worktree remove --force "$WORK/base-$i" >/dev/null 2>&1 || true
  rm -rf "$WORK/build-base-$i" "$WORK/build-this-$i"
done

# 2. the migrated handbook, then one page edited and built again
echo "migrated handbooks, edits..." >&2
for side in base this; do
  docs="$WORK/docs-$side"; mkdir -p "$docs"
  cp -r "${CHECKOUT[$side]}"/docs/{index.md,member-guide.md,handbook} "$docs/"
  (cd "${CHECKOUT[$side]}" && "$PY" -m ext.hugo_import "$SITE" "$docs" >/dev/null)
  (cd "${CHECKOUT[$side]}" && "$VENV/bin/sphinx-build" -b dirhtml -c . -j 3 -q -W --keep-going -n "$docs" "$WORK/mig-$side")
done
page=$(cd "$WORK/docs-this" && find about -name '*.md' ! -name index.md | sort | head -1)
url="/${page%.md}/"
for i in $(seq "$RUNS"); do
  for side in base this; do
    echo "edited $i" >> "$WORK/docs-$side/$page"
    (cd "${CHECKOUT[$side]}" && timed "$WORK/edit-$side-$i" "$VENV/bin/sphinx-build" -b dirhtml -c . -j 3 -W --keep-going -n \
      "$WORK/docs-$side" "$WORK/mig-$side")
  done
done

# 3. the live preview of the migrated handbook
live() {  # live SIDE: start its live preview, time RUNS saves, stop it
  local side=$1 checkout=${CHECKOUT[$1]}
  if [ -f "$checkout/ext/live_preview.py" ]; then
    make -C "$checkout" livehtml DOCS="$WORK/docs-$side" VENV="$VENV" BUILDDIR="$WORK/live-$side" LIVEPORT=$PORT \
      > "$WORK/live-$side.log" 2>&1 &
  else
    (cd "$checkout" && "$VENV/bin/sphinx-autobuild" -b dirhtml -c . -W --keep-going -n -j 3 --port $PORT \
      "$WORK/docs-$side" "$WORK/live-$side/html" > "$WORK/live-$side.log" 2>&1 &)
  fi
  until curl -sf "http://127.0.0.1:$PORT$url" >/dev/null; do sleep 0.5; done
  sleep 5  # the warm-up after the first build
  "$PY" bench/live_reload_time.py $PORT "$WORK/docs-$side" "$page" "$url" "$RUNS" | tail -1 > "$WORK/live-$side.txt"
  pkill -f -- "--port $PORT" || true
  while curl -sf "http://127.0.0.1:$PORT/" >/dev/null; do sleep 0.5; done
}
echo "live previews..." >&2
live base
live this

"$PY" - "$WORK" "$RUNS" "$BASE" "$SITE" "$page" <<'EOF'
import statistics
import sys
from pathlib import Path

work, runs, base, site, page = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def figures(kind, side):
    return [tuple(map(float, (work / f"{kind}-{side}-{i}").read_text().split()[-2:])) for i in range(1, runs + 1)]
print(f"site: {site}; base {base}; {runs} turns (medians; ratio: median of the turns' ratios)")
for kind, what in (("cold", "cold make html SITE=..."), ("edit", f"rebuild after editing {page}")):
    base_runs, this_runs = figures(kind, "base"), figures(kind, "this")
    ratio = statistics.median(t[0] / b[0] for b, t in zip(base_runs, this_runs))
    print(f"{what}: {statistics.median(t[0] for t in this_runs):.2f} s against "
          f"{statistics.median(b[0] for b in base_runs):.2f} s = {ratio:.2f}x")
    print("  turns: " + ", ".join(f"{t[0]:.2f}/{b[0]:.2f}" for b, t in zip(base_runs, this_runs)))
    if kind == "cold":
        print(f"  peak memory: {statistics.median(t[1] for t in this_runs) / 1024:.0f} MB against "
              f"{statistics.median(b[1] for b in base_runs) / 1024:.0f} MB")
for side in ("base", "this"):
    print(f"live preview ({side}), save to {(work / f'live-{side}.txt').read_text().strip().removeprefix('median: ')}")
EOF
