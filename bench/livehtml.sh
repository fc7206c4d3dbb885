#!/usr/bin/env bash
# Live preview: the time from saving a page to the rebuilt page being served, and
# that an idle preview does not rebuild by itself (no rebuild loop).
#   bench/livehtml.sh [SITE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=${1:-examples/site}
RUNS=${2:-5}
PORT=8137
LOG=$(mktemp)
make livehtml SITE="$SITE" LIVEPORT=$PORT > "$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; pkill -f "sphinx-autobuild.*--port $PORT" 2>/dev/null; git checkout -q docs/index.md; rm -f "$LOG"' EXIT
until curl -sf "http://127.0.0.1:$PORT/" >/dev/null; do sleep 0.5; done
sleep 3
builds_before=$(grep -c "build succeeded" "$LOG" || true)
sleep 10
builds_idle=$(( $(grep -c "build succeeded" "$LOG" || true) - builds_before ))
times=()
for i in $(seq "$RUNS"); do
  marker="live-preview-check-$i-$RANDOM"
  start=$(date +%s.%N)
  printf '\n%s\n' "$marker" >> docs/index.md
  until curl -sf "http://127.0.0.1:$PORT/" | grep -q "$marker"; do sleep 0.05; done
  times+=("$(python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(date +%s.%N)" "$start")")
  git checkout -q docs/index.md
  sleep 4
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "save to rebuilt page: median %.2f s (%d runs)\n", a[int((NR+1)/2)], NR}'
echo "rebuilds while idle for 10 s: $builds_idle"
