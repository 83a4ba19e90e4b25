#!/bin/bash
# The balance measurement of issue 12 (run by hand, not in CI): each allowed song's stems are
# re-levelled at random (-12 to +6 dB, seeded), mixed by the engine as `mixdown mix STEMS --out MIX`
# does (same MixJob, in one JVM) with the balance model and role classifier trained WITHOUT that
# song (leave-one-song-out folds of scripts/train-balance.sh), and again with the role table; each
# stem's active loudness relative to the mix is compared with the author's (the reference mix).
# Baselines: the plain sum of the re-levelled stems, every stem at equal loudness. Prints one line
# per song (RMS error, LU) and the pooled RMS; writes SCRATCH/balance-eval/eval-balance.tsv.
#
#   scripts/eval-balance.sh [SCRATCH_DIR] [--model-only]   (default /work/scratch-data; run train-balance.sh
#                                                           first; --model-only skips the role-table mixes)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SCRATCH=${1:-/work/scratch-data}
[ -d "$SCRATCH/balance-folds" ] || { echo "no $SCRATCH/balance-folds: run scripts/train-balance.sh first" >&2; exit 1; }
[ -f "$ROOT/balance-model/target/balance-model.jar" ] || (cd "$ROOT" && ./mvnw -q -B -pl common-dsp,balance-model -am package -DskipTests)
java -jar "$ROOT/balance-model/target/balance-model.jar" eval "$SCRATCH/songs" "$SCRATCH/balance-cache" \
  "$SCRATCH/balance-folds" "$SCRATCH/balance-eval" ${2:-}
