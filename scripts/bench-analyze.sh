#!/usr/bin/env bash
# Times `./mixdown analyze` against ffmpeg's EBU R128 filter with true peak (`-af ebur128=peak=true`)
# on the same 3-minute stereo 44.1 kHz file, in one run, and prints both times and their ratio.
#
#   scripts/bench-analyze.sh [FILE] [RUNS]
#
# Without FILE, it makes one: the three songs of ../shared/corpus joined into 3 minutes, or, where
# that corpus is absent, Mixdown's generated demo song at 3 minutes. Each command runs RUNS times
# (default 5) after one warm-up run; the median wall time counts. JVM start is included.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
runs="${2:-5}"
bench_start "${1:-}"
wav="$work/three-minutes.wav"
ffmpeg -hide_banner -loglevel error -i "$file" -c:a pcm_s16le "$wav"

printf "%-6s %-10s %12s %12s %8s\n" input tool "mixdown (s)" "ffmpeg (s)" ratio
for input in "$file" "$wav"; do
  kind="${input##*.}"
  ours=$(time_runs ./mixdown analyze "$input")
  theirs=$(time_runs ffmpeg -hide_banner -nostats -i "$input" -af ebur128=peak=true -f null -)
  printf "%-6s %-10s %12.3f %12.3f %8.2f\n" "$kind" "analyze" "$ours" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
done
echo "ratio = mixdown time / ffmpeg time (below 1: mixdown is faster); $runs runs each, median, on $(nproc) cores"
echo
echo "Both meters on the same file:"
./mixdown analyze "$file"
ffmpeg -hide_banner -nostats -i "$file" -af ebur128=peak=true -f null - 2>&1 | sed -n '/Summary/,$p'
