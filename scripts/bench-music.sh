#!/usr/bin/env bash
# Times `./mixdown analyze --music --json` against `aubio tempo` and essentia.js
# (RhythmExtractor2013 + KeyExtractor, scripts/music-eval/essentia-run.js) on the same 3-minute
# stereo 44.1 kHz WAV, in one run, and prints the median times and the ratios (issue 14's speed
# goal: under 1.5 s for Mixdown, JVM start included).
#
#   scripts/bench-music.sh [FILE] [RUNS]
#
# Without FILE it makes one like scripts/bench-analyze.sh does (the corpus's three songs joined, or
# the generated demo song). RUNS (default 5) after one warm-up run each. essentia.js is installed
# from npm into ESSENTIA_DIR (default /work/scratch-music/essentia) when missing; a tool that is not
# installed is skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
runs="${2:-5}"
bench_start "${1:-}"
wav="$work/three-minutes.wav"
ffmpeg -hide_banner -loglevel error -i "$file" -ar 44100 -ac 2 -c:a pcm_s16le "$wav"
ours=$(time_runs ./mixdown analyze --music --json "$wav")
printf "%-40s %8.3f s\n" "mixdown analyze --music" "$ours"
if command -v aubio >/dev/null; then
  theirs=$(time_runs aubio tempo -i "$wav")
  printf "%-40s %8.3f s   ratio mixdown / aubio %.2f\n" "aubio tempo" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
fi
edir="${ESSENTIA_DIR:-/work/scratch-music/essentia}"
if command -v node >/dev/null && command -v npm >/dev/null; then
  mkdir -p "$edir"
  [ -d "$edir/node_modules/essentia.js" ] || (cd "$edir" && npm install --no-audit --no-fund essentia.js >/dev/null 2>&1)
  export NODE_PATH="$edir/node_modules"
  theirs=$(time_runs node scripts/music-eval/essentia-run.js "$wav" "$work/essentia.json")
  printf "%-40s %8.3f s   ratio mixdown / essentia.js %.2f\n" "essentia.js (rhythm + key)" "$theirs" "$(echo "$ours / $theirs" | bc -l)"
fi
echo "median of $runs runs each after a warm-up, JVM and node start included, on $(nproc) cores (load: $(cut -d' ' -f1-3 /proc/loadavg))"
