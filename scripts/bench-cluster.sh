#!/usr/bin/env bash
# The local cluster against the same work done offline, in one run:
#  1. one 3-minute 8-stem song mixed and mastered (-14/-1): `./mixdown submit --wait` on the cluster
#     against `./mixdown mix --master` in one process; the cluster's overhead as a ratio;
#  2. throughput of 50 short master jobs (10 s songs) with one master worker, then with two.
#
#   scripts/bench-cluster.sh [RUNS]
#
# Uses its own data folder (removed at the end) and the local cluster's fixed ports: stop any
# other local cluster first. Needs ffmpeg for preparing the stems.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (Debian: apt-get install ffmpeg)" >&2; exit 1; }
runs="${1:-3}"
cluster_work

stems="$work/song"
mkdir -p "$stems"
if ! corpus_stems "$stems"; then
  ./mixdown demo --offline --seconds 180 --out "$work/demo" >/dev/null
  cp "$work/demo/stems/"*.wav "$stems/"
fi
shorts="$work/shorts"
mkdir -p "$shorts"
first=$(ls "$stems"/*.wav | head -1)
for i in $(seq -w 1 50); do
  ffmpeg -hide_banner -loglevel error -ss "$((10#$i % 17))" -t 10 -i "$first" -c:a pcm_s16le "$shorts/short-$i.wav"
done
./mixdown --version >/dev/null

offline=$(time_runs ./mixdown mix "$stems" --out "$work/offline.wav" --master spotify)
./mixdown up --data "$data" --mix-workers 1 --master-workers 1 >/dev/null
cluster=$(time_runs ./mixdown submit "$stems" --master spotify --wait --out "$work/out" --data "$data")
one=$(time_runs ./mixdown submit "$shorts"/*.wav --master spotify --wait --out "$work/out1" --data "$data")
./mixdown down --data "$data" >/dev/null
./mixdown up --data "$data" --mix-workers 1 --master-workers 2 >/dev/null
two=$(time_runs ./mixdown submit "$shorts"/*.wav --master spotify --wait --out "$work/out2" --data "$data")

printf "%-44s %10s\n" "work" "time (s)"
printf "%-44s %10.2f\n" "8 stems x 3 min, mix + master, offline" "$offline"
printf "%-44s %10.2f   overhead ratio %.2f\n" "same, on the local cluster (submit --wait)" "$cluster" "$(echo "$cluster / $offline" | bc -l)"
printf "%-44s %10.2f   %.1f jobs/min\n" "50 master jobs, 1 master worker" "$one" "$(echo "50 * 60 / $one" | bc -l)"
printf "%-44s %10.2f   %.1f jobs/min, x%.2f\n" "50 master jobs, 2 master workers" "$two" "$(echo "50 * 60 / $two" | bc -l)" "$(echo "$one / $two" | bc -l)"
echo "median of $runs runs on $(nproc) cores; uploads, downloads and JVM starts of the CLI included"
