#!/usr/bin/env bash
# A delivery package on the local cluster against one mix+master job of the same song:
#  1. the package offline (`./mixdown package`, one process);
#  2. the package as one package job (`./mixdown submit --package --wait`) with 1, then 2 mix workers;
#  3. one mix+master job of the same stems on the same cluster (the issue's yardstick: the package in
#     at most 3x its time).
# Prints the times, the number of files in the package and the ratios.
#
#   scripts/bench-package.sh [RUNS] [PRESET] [SECONDS]     defaults: 1 sync-library 180
#
# The song: 8 corpus stems looped to 3 minutes where ../shared/corpus is there and SECONDS is not
# given, else the generated 4-stem demo song of SECONDS. Uses its own data folder (removed at the end) and the local cluster's
# fixed ports: stop any other local cluster first. Needs ffmpeg for the corpus stems.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
runs="${1:-1}"
preset="${2:-sync-library}"
seconds="${3:-180}"
work="$(mktemp -d)"
data="$work/data"
cleanup() { ./mixdown down --data "$data" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

stems="$work/song"
mkdir -p "$stems"
if [ -n "${3:-}" ] || ! { command -v ffmpeg >/dev/null && corpus_stems "$stems"; }; then
  ./mixdown demo --offline --seconds "$seconds" --out "$work/demo" >/dev/null
  cp "$work/demo/stems/"*.wav "$stems/"
fi
# the voice tag for beat-store previews: one second of a 700 Hz tone under a sine envelope
tag="$work/tag.wav"
python3 - "$tag" <<'PY'
import math, struct, sys, wave
rate = 44100
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    w.writeframes(b"".join(struct.pack("<h", int(9000 * math.sin(math.pi * i / rate) * math.sin(2 * math.pi * 700 * i / rate)))
                           for i in range(rate)))
PY
./mixdown --version >/dev/null

offline=$(time_runs ./mixdown package "$stems" --preset "$preset" --tag "$tag" --out "$work/offline")
files=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['files']))" "$work/offline/manifest.json")

./mixdown up --data "$data" --mix-workers 1 --master-workers 1 >/dev/null
one_job=$(time_runs ./mixdown submit "$stems" --master spotify --wait --out "$work/job" --data "$data")
one=$(time_runs ./mixdown submit "$stems" --package "$preset" --tag "$tag" --wait --out "$work/pkg1" --data "$data")
./mixdown down --data "$data" >/dev/null
./mixdown up --data "$data" --mix-workers 2 --master-workers 1 >/dev/null
two=$(time_runs ./mixdown submit "$stems" --package "$preset" --tag "$tag" --wait --out "$work/pkg2" --data "$data")

printf "%-52s %10s\n" "work ($preset, $files files)" "time (s)"
printf "%-52s %10.2f\n" "one mix+master job on the cluster (1 mix worker)" "$one_job"
printf "%-52s %10.2f\n" "package offline, one process" "$offline"
printf "%-52s %10.2f   x%.2f of one job\n" "package job, 1 mix worker" "$one" "$(echo "$one / $one_job" | bc -l)"
printf "%-52s %10.2f   x%.2f of one job, x%.2f faster\n" "package job, 2 mix workers" "$two" "$(echo "$two / $one_job" | bc -l)" \
  "$(echo "$one / $two" | bc -l)"
echo "median of $runs runs on $(nproc) cores; uploads, downloads and JVM starts of the CLI included"
