#!/usr/bin/env bash
# Masters the same 3-minute stereo file to -14 LUFS / -1 dBTP with `./mixdown master` and with
# ffmpeg's two-pass loudnorm, in one run; prints both times, their ratio, and both outputs'
# integrated loudness and true peak as measured by ffmpeg's ebur128 filter (an independent meter).
#
#   scripts/bench-master.sh [FILE] [RUNS]
#
# Without FILE it joins the three songs of ../shared/corpus into 3 minutes (or renders the
# generated demo song when the corpus is absent). Median of RUNS (default 3) runs; JVM start included.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
runs="${2:-3}"
bench_start "${1:-}"
ours=$(time_runs ./mixdown master "$file" "$work/mixdown.wav" --lufs -14 --ceiling -1 --bits 24)
theirs=$(time_runs loudnorm_two_pass "$file" "$work/loudnorm.wav")

printf "%-28s %10s   %s\n" tool "time (s)" "ebur128 of the output"
printf "%-28s %10.2f   %s\n" "mixdown master" "$ours" "$(ebur128_summary "$work/mixdown.wav")"
printf "%-28s %10.2f   %s\n" "ffmpeg loudnorm (2 passes)" "$theirs" "$(ebur128_summary "$work/loudnorm.wav")"
printf "ratio mixdown / loudnorm: %.2f (below 1: mixdown is faster); median of %s runs on %s cores\n" \
  "$(echo "$ours / $theirs" | bc -l)" "$runs" "$(nproc)"
