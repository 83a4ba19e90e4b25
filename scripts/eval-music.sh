#!/bin/bash
# Music analysis benchmark (run by hand, not in CI): tempo, beats, downbeats and key of Mixdown and
# its peers on the allowed dataset songs (../shared/datasets/allowed-midi.tsv), scored against the
# MIDI truth. Usage: scripts/eval-music.sh [SCRATCH_DIR]   (default /work/scratch-music)
# Renders each song's full mix once with FluidSynth (scripts/music-eval/render-mixes.sh), extracts
# the truth (truth.py), runs `mixdown analyze --music --json`, `aubio tempo`, `aubio beat`,
# bpm-tools' `bpm` and essentia.js (npm, under node) when available, and prints a Markdown table (score.py) plus timings.
# MIXDOWN_CMD overrides the Mixdown command (e.g. "java -jar cli/target/mixdown-cli.jar").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${1:-/work/scratch-music}
PY=/usr/bin/python3
"$HERE/music-eval/render-mixes.sh" "$OUT" >/dev/null
mkdir -p "$OUT/truth" "$OUT/results/mixdown" "$OUT/results/aubio" "$OUT/results/bpm-tools"
for mid in "$OUT"/midi/*.mid; do
  name=$(basename "$mid" .mid)
  [ -s "$OUT/truth/$name.json" ] || "$PY" "$HERE/music-eval/truth.py" "$mid" > "$OUT/truth/$name.json" || rm -f "$OUT/truth/$name.json"
done
songs=()
for t in "$OUT"/truth/*.json; do songs+=("$OUT/mixes/$(basename "$t" .json).wav"); done
echo "songs: ${#songs[@]}" >&2

# Mixdown: one JVM for all songs (the launcher builds the CLI on first use).
start=$(date +%s.%N)
${MIXDOWN_CMD:-"$ROOT/mixdown"} analyze --music --json "${songs[@]}" > "$OUT/results/mixdown.json"
end=$(date +%s.%N)
echo "mixdown: $(echo "$end - $start" | bc) s for ${#songs[@]} songs" >&2
"$PY" - "$OUT/results/mixdown.json" "$OUT/results/mixdown" <<'PYEOF'
import json, os, sys
for o in json.load(open(sys.argv[1])):
    name = os.path.basename(o["file"])[:-4]
    json.dump({"bpm": o["bpm"], "beats": o["beats"], "downbeats": o["downbeats"], "key": o["key"]},
              open(os.path.join(sys.argv[2], name + ".json"), "w"))
PYEOF

if [ -z "${SKIP_PEERS:-}" ] && command -v aubio >/dev/null; then
  start=$(date +%s.%N)
  for s in "${songs[@]}"; do
    name=$(basename "$s" .wav)
    bpm=$(aubio tempo -i "$s" 2>/dev/null | awk '/bpm/ {print $1}' | tail -1)
    beats=$(aubio beat -i "$s" 2>/dev/null | awk 'NF {printf "%s%s", sep, $1; sep=","}')
    echo "{\"bpm\": ${bpm:-0}, \"beats\": [${beats}]}" > "$OUT/results/aubio/$name.json"
  done
  end=$(date +%s.%N)
  echo "aubio (tempo + beat, two runs per song): $(echo "$end - $start" | bc) s" >&2
fi
if [ -z "${SKIP_PEERS:-}" ] && command -v bpm >/dev/null && command -v sox >/dev/null; then
  for s in "${songs[@]}"; do
    name=$(basename "$s" .wav)
    bpm=$(sox "$s" -t raw -r 44100 -e float -b 32 -c 1 - 2>/dev/null | bpm)
    echo "{\"bpm\": ${bpm:-0}}" > "$OUT/results/bpm-tools/$name.json"
  done
fi
# essentia.js (RhythmExtractor2013 and KeyExtractor under node), installed from npm into $OUT/essentia;
# about 15 s of CPU per song. Results already present are kept (delete $OUT/results/essentia.js to redo).
if [ -z "${SKIP_PEERS:-}" ] && command -v node >/dev/null && command -v npm >/dev/null; then
  mkdir -p "$OUT/essentia" "$OUT/results/essentia.js"
  [ -d "$OUT/essentia/node_modules/essentia.js" ] || (cd "$OUT/essentia" && npm install --no-audit --no-fund essentia.js >/dev/null 2>&1)
  start=$(date +%s.%N)
  for s in "${songs[@]}"; do
    name=$(basename "$s" .wav)
    [ -s "$OUT/results/essentia.js/$name.json" ] && continue
    NODE_PATH="$OUT/essentia/node_modules" node "$HERE/music-eval/essentia-run.js" "$s" "$OUT/results/essentia.js/$name.json" \
      || echo "essentia.js failed on $name" >&2
  done
  end=$(date +%s.%N)
  echo "essentia.js: $(echo "$end - $start" | bc) s" >&2
fi
"$PY" "$HERE/music-eval/score.py" "$OUT/truth" "$OUT/results" mixdown aubio bpm-tools essentia.js 2> "$OUT/results/per-song.tsv"
echo "per-song lines: $OUT/results/per-song.tsv" >&2
