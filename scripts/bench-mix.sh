#!/usr/bin/env bash
# Mixes the same 8 stems of 3 minutes (44.1 kHz stereo) with `./mixdown mix` and with a sox
# command line doing a comparable chain (per stem: high-pass, two EQ bands, compression, pan;
# then sum, reverb, bus compression), in one run; prints both times, their ratio and the
# real-time multiple, alone and chained into mastering (-14 LUFS / -1 dBTP; the sox side then
# runs ffmpeg's two-pass loudnorm on its mix).
#
#   scripts/bench-mix.sh [STEMS_DIR] [RUNS]
#
# Without STEMS_DIR it loops the first 8 stems of ../shared/corpus/openttd_keep_on_rolling to
# 3 minutes, or renders the generated demo song's stems when the corpus is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
for tool in sox ffmpeg; do
  command -v $tool >/dev/null || { echo "needs $tool (Debian: apt-get install $tool)" >&2; exit 1; }
done
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stems="$work/stems"
mkdir -p "$stems"
if [ -n "${1:-}" ]; then
  for f in "$1"/*; do ffmpeg -hide_banner -loglevel error -i "$f" -ar 44100 -ac 2 -c:a pcm_s16le "$stems/$(basename "${f%.*}").wav"; done
elif ! corpus_stems "$stems"; then
  echo "no corpus: use scripts/bench-mix.sh STEMS_DIR" >&2
  exit 1
fi
seconds=$(soxi -D "$(ls "$stems"/*.wav | head -1)")
./mixdown --version >/dev/null

sox_mix() { # $1 = output
  local i=0 pans=(-0.5 0.5 -0.3 0.3 -0.7 0.7 0 0) parts=()
  for f in "$stems"/*.wav; do
    local p=${pans[$((i % 8))]} l r
    l=$(echo "scale=3; (1 - $p) / 2" | bc); r=$(echo "scale=3; (1 + $p) / 2" | bc)
    sox "$f" "$work/p$i.wav" highpass 80 equalizer 300 1q -2 equalizer 3000 1q 1 \
      compand 0.01,0.2 6:-30,-30,-10 -3 -90 0.1 remix 1v$l 2v$r
    parts+=("$work/p$i.wav"); i=$((i + 1))
  done
  sox -m "${parts[@]}" "$1" reverb 30 compand 0.03,0.2 6:-20,-20,-10 -3 -90 0.1 gain -n -3
}
sox_master() {
  sox_mix "$work/sox-mix.wav"
  loudnorm_two_pass "$work/sox-mix.wav" "$1"
}


mix_ours=$(time_runs ./mixdown mix "$stems" --out "$work/mixdown.wav")
mix_sox=$(time_runs sox_mix "$work/sox.wav")
master_ours=$(time_runs ./mixdown mix "$stems" --out "$work/mixdown-master.wav" --master spotify)
master_sox=$(time_runs sox_master "$work/sox-master.wav")

printf "%d stems of %.0f s\n" "$(ls "$stems"/*.wav | wc -l)" "$seconds"
printf "%-24s %12s %12s %10s %16s\n" job "mixdown (s)" "sox (s)" ratio "mixdown x RT"
printf "%-24s %12.2f %12.2f %10.2f %16.1f\n" "mix" "$mix_ours" "$mix_sox" "$(echo "$mix_ours / $mix_sox" | bc -l)" "$(echo "$seconds / $mix_ours" | bc -l)"
printf "%-24s %12.2f %12.2f %10.2f %16.1f\n" "mix + master -14/-1" "$master_ours" "$master_sox" "$(echo "$master_ours / $master_sox" | bc -l)" "$(echo "$seconds / $master_ours" | bc -l)"
echo "ratio = mixdown / sox chain (below 1: mixdown is faster); median of $runs runs on $(nproc) cores; JVM start included"
for f in mixdown-master sox-master; do
  printf "%-16s %s\n" "$f" "$(ebur128_summary "$work/$f.wav")"
done
