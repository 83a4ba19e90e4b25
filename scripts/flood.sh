#!/usr/bin/env bash
# Priorities under a flood on the local cluster (issue 15): tenant A floods bulk master jobs, tenant
# B submits one interactive master job every few seconds; prints p50/p95 waits for both.
#
#   scripts/flood.sh [BULK] [B_JOBS] [INTERVAL_SECONDS] [MASTER_WORKERS]     (defaults: 500 20 3 2)
#
# Uses its own data folder (removed at the end) and the local cluster's fixed ports: stop any other
# local cluster first. Needs python3 (standard library only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bulk="${1:-500}" bjobs="${2:-20}" interval="${3:-3}" workers="${4:-2}"
work="$(mktemp -d)"
data="$work/data"
cleanup() { ./mixdown down --data "$data" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
./mixdown up --data "$data" --mix-workers 0 --master-workers "$workers" >/dev/null
gateway="http://127.0.0.1:$(sed -n 's/^gateway.port=//p' "$data/cluster.properties")"
python3 scripts/flood.py --gateway "$gateway" --admin-key "$(cat "$data/admin-key")" --bulk "$bulk" --b-jobs "$bjobs" --interval "$interval"
