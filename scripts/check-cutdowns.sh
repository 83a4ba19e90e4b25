#!/bin/bash
# Cutdowns of the allowed dataset songs (run by hand, not in CI): `mixdown edit --length 60, 30 and 15`
# of every song that scripts/eval-music.sh rendered and scored, then the length, join, ending,
# last-downbeat and loudness checks of scripts/music-eval/check_cutdowns.py on each cutdown.
# Usage: scripts/check-cutdowns.sh [SCRATCH_DIR]   (default /work/scratch-music; run eval-music.sh first)
# MIXDOWN_CMD overrides the Mixdown command; JOBS (default: the number of cores) edits run at once.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${1:-/work/scratch-music}
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (Debian: apt-get install ffmpeg)" >&2; exit 1; }
[ -d "$OUT/truth" ] || { echo "no $OUT/truth: run scripts/eval-music.sh $OUT first" >&2; exit 1; }
CMD=${MIXDOWN_CMD:-"$ROOT/mixdown"}
$CMD --version >/dev/null # build first (the launcher), outside the parallel runs
rm -rf "$OUT/cutdowns" && mkdir -p "$OUT/cutdowns"
start=$(date +%s.%N)
for t in "$OUT"/truth/*.json; do
  name=$(basename "$t" .json)
  for length in 60 30 15; do
    echo "$OUT/mixes/$name.wav $length $OUT/cutdowns/$name-$length"
  done
done | xargs -P "${JOBS:-$(nproc)}" -L 1 sh -c \
  "$CMD"' edit "$0" --length "$1" --out "$2.wav" --report "$2.json" >/dev/null 2>"$2.log" || echo "edit failed: $2 ($(tail -1 "$2.log"))" >&2'
end=$(date +%s.%N)
echo "edits: $(echo "$end - $start" | bc) s" >&2
/usr/bin/python3 "$HERE/music-eval/check_cutdowns.py" "$OUT/cutdowns" "$OUT/mixes"
