#!/bin/bash
# Rebuilds the mix engine's balance model and role classifier from public data (run by hand, not in
# CI): renders the allowed songs of ../shared/datasets (build.sh: stems at each author's balance and
# the reference mix), measures every stem with the engine's own analysis (cached in
# SCRATCH/balance-cache), cross-validates in 8 folds grouped by song (FOLDS=0: leave one song out,
# ~45 min), then trains on all songs and writes
#   common-dsp/src/main/resources/dev/mixdown/dsp/mix/balance/balance-model.{tribuo,txt}
# and the (not bundled) role classifier to SCRATCH/balance-folds/role-model.*. Training is seeded:
# the same songs give the same files. Each song's held-out models (trained without it) go to
# SCRATCH/balance-folds/SONG for scripts/eval-balance.sh.
#
#   scripts/train-balance.sh [SCRATCH_DIR]     (default /work/scratch-data; about 1 min of CPU per song to
#                                                render, a few seconds per song to measure, ~15 min to train)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SCRATCH=${1:-/work/scratch-data}
DATASETS="$ROOT/../shared/datasets"
[ -f "$DATASETS/build.sh" ] || { echo "needs $DATASETS/build.sh (the allowed data set)" >&2; exit 1; }
[ -d "$SCRATCH/songs" ] && [ "$(ls "$SCRATCH/songs" | wc -l)" -ge "$(grep -vc '^#' "$DATASETS/allowed-midi.tsv")" ] \
  || bash "$DATASETS/build.sh" "$SCRATCH"
(cd "$ROOT" && ./mvnw -q -B -pl common-dsp,balance-model -am package -DskipTests)
java -jar "$ROOT/balance-model/target/balance-model.jar" train "$SCRATCH/songs" "$SCRATCH/balance-cache" \
  "$ROOT/common-dsp/src/main/resources/dev/mixdown/dsp/mix/balance" "$SCRATCH/balance-cv.tsv" "$SCRATCH/balance-folds" \
  "${FOLDS:-8}"
echo "per-song cross-validation: $SCRATCH/balance-cv.tsv" >&2
