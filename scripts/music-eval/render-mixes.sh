#!/bin/bash
# Renders the full mix only (no stems) of every song in ../shared/datasets/allowed-midi.tsv with
# FluidSynth and the FluidR3 GM soundfont, the same synthesiser and soundfont as the dataset's
# build.sh, into OUT/mixes/NAME.wav (44.1 kHz stereo) and copies the MIDI to OUT/midi/NAME.mid.
# Usage: render-mixes.sh OUTDIR [DATASETS_DIR]
set -euo pipefail
OUT=${1:?usage: render-mixes.sh OUTDIR [DATASETS_DIR]}
DATA=${2:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/datasets}
[ -f "$DATA/allowed-midi.tsv" ] || DATA=/work/shared/datasets
mkdir -p "$OUT/debs" "$OUT/pkgroot" "$OUT/mixes" "$OUT/midi"
if ! command -v fluidsynth >/dev/null || [ ! -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fluidsynth fluid-soundfont-gm python3-mido >/dev/null
fi
if ! ls "$OUT"/debs/*.deb >/dev/null 2>&1; then
  (cd "$OUT/debs" && apt-get download -qq openttd-openmsx simutrans-data playmidi 2>/dev/null)
  for d in "$OUT"/debs/*.deb; do dpkg -x "$d" "$OUT/pkgroot"; done
fi
grep -v '^#' "$DATA/allowed-midi.tsv" | while IFS=$'\t' read -r pkg path; do
  src="$OUT/pkgroot/$path"
  case "$src" in *.gz) gunzip -kf "$src"; src=${src%.gz};; esac
  name="$(basename "$(dirname "$path")")_$(basename "$src" .mid)"
  [ -s "$OUT/mixes/$name.wav" ] && continue
  cp "$src" "$OUT/midi/$name.mid"
  nice fluidsynth -ni -q -g 0.5 -r 44100 -F "$OUT/mixes/$name.wav" /usr/share/sounds/sf2/FluidR3_GM.sf2 "$src" \
    >/dev/null 2>&1 || echo "skipped $name"
done
echo "mixes in $OUT/mixes: $(ls "$OUT/mixes" | wc -l)"
