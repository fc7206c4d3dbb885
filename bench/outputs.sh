#!/usr/bin/env bash
# Every output of the handbook, for comparing two revisions byte for byte (a
# restructuring must leave them identical).
#   bench/outputs.sh OUT [SITE]
# Writes into OUT (emptied first):
#   docs/      `make html` and the member guide's LaTeX source, from docs/
#   example/   the transition preview of examples/site: its import and its HTML
#   site/      the same for SITE (default: the real site, when it is there)
#   sums.txt   the SHA-256 of every file but the build's pickles (doctrees, the
#              environment), which hold Python objects, not output, and the import's
#              manifest, whose fingerprint hashes the converter's own code, and
#              .buildinfo, Sphinx's key of the configuration (which names OUT)
# Compare two revisions with `diff OLD/sums.txt NEW/sums.txt` (no output: identical).
# The build date (SOURCE_DATE_EPOCH) and the version are fixed, so whether an event is
# upcoming and what the pages say of their date and version do not change between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: bench/outputs.sh OUT [SITE]}
SITE=${2:-../shared/corpus/iassist-site}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796083200}  # 2026-12-01 00:00 UTC
export PYTHONHASHSEED=0
# The version the pages show is git describe's, which a commit changes: fix it too (the
# PDF's release, and the HTML pages' handbook_version, read from conf.py's release before
# -D applies).
FIXED="-D release=compared -D version=compared -A handbook_version=compared"
export SPHINXOPTS="-W --keep-going -n $FIXED"
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

make --no-print-directory html BUILDDIR="$OUT/docs" >/dev/null
.venv/bin/sphinx-build -b latex -c . -q $FIXED docs "$OUT/docs/latex"
make --no-print-directory html SITE=examples/site BUILDDIR="$OUT/example" >/dev/null
if [ -d "$SITE" ]; then
  make --no-print-directory html SITE="$SITE" BUILDDIR="$OUT/site" >/dev/null
fi
(cd "$OUT" && find . -type f ! -path '*/.doctrees/*' ! -name '*.pickle' ! -name '.hugo-import.json' ! -name .buildinfo -print0 | LC_ALL=C sort -z \
  | xargs -0 sha256sum) > "$OUT.sums"
mv "$OUT.sums" "$OUT/sums.txt"
echo "$(wc -l < "$OUT/sums.txt") files in $OUT/sums.txt"
