#!/usr/bin/env bash
# Chaos on the local cluster: N master jobs of short files while M random kill -9s of workers and
# the gateway happen at random moments (each victim is brought back with ./mixdown up, which
# restarts the members that died). Prints lost, doubled and stuck counts and p50/p95 latency.
#
#   scripts/chaos.sh [--jobs 200] [--kills 20] [--workers 3] [--seconds 8] [--seed 1] [--data DIR] [--record]
#
#   lost     a job the gateway accepted that it no longer knows
#   doubled  a job whose end changed after it was first seen ended (status, outputs or time): ended twice
#   stuck    a job not ended 10 minutes after the last kill
# --record appends the summary to docs/reliability.md. Needs curl and python3 besides the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

JOBS=200 KILLS=20 WORKERS=3 SECONDS_EACH=8 SEED=1 DATA=target/chaos RECORD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) JOBS=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --record) RECORD=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
RANDOM=$SEED
PY=python3

./mixdown down --data "$DATA" >/dev/null 2>&1 || true
rm -rf "$DATA" && mkdir -p "$DATA"
# ports of its own, so a developer's cluster on the default ports is left alone
$PY - "$DATA" <<'EOF'
import socket, sys
lines = []
for name in ["postgres.port", "kafka.port", "controller.port", "s3.port", "gateway.port"]:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); lines.append(f"{name}={s.getsockname()[1]}"); s.close()
open(sys.argv[1] + "/cluster.properties", "w").write("\n".join(lines) + "\n")
EOF
URL=$(./mixdown up --data "$DATA" --mix-workers 0 --master-workers "$WORKERS" | tail -1)
KEY=$(cat "$DATA/api-key")
echo "chaos: cluster up at $URL with $WORKERS master workers"

# a short seeded song, uploaded once and mastered by every job
$PY - "$DATA/song.wav" "$SECONDS_EACH" <<'EOF'
import math, random, struct, sys, wave
rate, seconds = 44100, float(sys.argv[2]); rnd = random.Random(7)
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(2); w.setsampwidth(2); w.setframerate(rate)
    frames = bytearray()
    for i in range(int(rate * seconds)):
        t = i / rate
        v = 0.2 * math.sin(2 * math.pi * 220 * t) * (0.6 + 0.4 * math.sin(2 * math.pi * 0.5 * t)) + 0.01 * rnd.gauss(0, 1)
        s = max(-32767, min(32767, int(v * 32767)))
        frames += struct.pack("<hh", s, s)
    w.writeframes(bytes(frames))
EOF
INPUT=$(curl -sf -X PUT --data-binary @"$DATA/song.wav" -H "Authorization: Bearer $KEY" \
  -H "Content-Type: application/octet-stream" "$URL/v1/uploads/$($PY -c 'import uuid; print(uuid.uuid4())')/song.wav" \
  | $PY -c 'import json,sys; print(json.load(sys.stdin)["key"])')

$PY - "$JOBS" "$INPUT" > "$DATA/batch.json" <<'EOF'
import json, sys
job = {"kind": "master", "lane": "bulk", "input": sys.argv[2],
       "deliverables": [{"name": "out.wav", "format": "wav", "bits": "24", "target": {"name": "spotify"}}]}
print(json.dumps({"jobs": [job] * int(sys.argv[1])}))
EOF
BATCH=$(curl -sf -X POST --data-binary @"$DATA/batch.json" -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
  -H "Idempotency-Key: chaos-$SEED-$$" "$URL/v1/batches" | $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "chaos: batch $BATCH of $JOBS jobs submitted; $KILLS kills follow"

# watches the batch in the background: every job's first end is recorded, to compare with the last
$PY - "$URL" "$KEY" "$BATCH" "$DATA" <<'EOF' &
import json, os, sys, time, urllib.request
url, key, batch, data = sys.argv[1:5]
first = {}
while not os.path.exists(data + "/chaos.stop"):
    try:
        req = urllib.request.Request(f"{url}/v1/jobs?batch={batch}&limit=1000", headers={"Authorization": "Bearer " + key})
        for j in json.load(urllib.request.urlopen(req, timeout=5)):
            if j["status"] in ("SUCCEEDED", "FAILED", "CANCELLED") and j["id"] not in first:
                first[j["id"]] = {"status": j["status"], "updatedAt": j["updatedAt"], "createdAt": j["createdAt"],
                                  "outputs": sorted(o["url"].split("?")[0] for o in j.get("outputs") or []),
                                  "error": (j.get("error") or {}).get("code")}
        json.dump(first, open(data + "/first-ends.json.tmp", "w")); os.replace(data + "/first-ends.json.tmp", data + "/first-ends.json")
    except Exception:
        pass  # the gateway is being killed: try again
    time.sleep(0.5)
EOF
WATCHER=$!

ps_json() { ./mixdown ps --data "$DATA" --json 2>/dev/null; }
for k in $(seq 1 "$KILLS"); do
  sleep $((2 + RANDOM % 7))
  VICTIM=$(ps_json | $PY -c '
import json, sys, random
random.seed(int(sys.argv[1]))
members = [m for m in json.load(sys.stdin) if m["alive"] and m["role"] != "services"]
m = random.choice(members); print(m["role"], m["pid"])' "$((SEED * 1000 + k))")
  ROLE=${VICTIM% *}; PID=${VICTIM#* }
  kill -9 "$PID" 2>/dev/null || true
  echo "chaos: kill $k/$KILLS: $ROLE (pid $PID)"
  sleep $((RANDOM % 3))
  ./mixdown up --data "$DATA" >/dev/null
done
LAST_KILL=$(date +%s)
echo "chaos: kills done; waiting for every job to end (at most 10 minutes)"

SUMMARY=$($PY - "$URL" "$KEY" "$BATCH" "$DATA" "$JOBS" "$LAST_KILL" <<'EOF'
import json, statistics, sys, time, urllib.request
from datetime import datetime
url, key, batch, data, n, last_kill = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
def jobs():
    req = urllib.request.Request(f"{url}/v1/jobs?batch={batch}&limit=1000", headers={"Authorization": "Bearer " + key})
    return json.load(urllib.request.urlopen(req, timeout=10))
ended = ("SUCCEEDED", "FAILED", "CANCELLED")
while True:
    try:
        now = jobs()
        if all(j["status"] in ended for j in now) or time.time() > last_kill + 600:
            break
    except Exception:
        pass
    time.sleep(2)
time.sleep(3)  # let the watcher record the last ends
now = {j["id"]: j for j in jobs()}
first = json.load(open(data + "/first-ends.json"))
lost = n - len(now)
stuck = sum(1 for j in now.values() if j["status"] not in ended)
doubled = 0
for jid, f in first.items():
    j = now.get(jid)
    outs = sorted(o["url"].split("?")[0] for o in (j.get("outputs") or [])) if j else None
    if j is None or j["status"] != f["status"] or j["updatedAt"] != f["updatedAt"] or outs != f["outputs"]:
        doubled += 1
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
lat = sorted(t(j["updatedAt"]) - t(j["createdAt"]) for j in now.values() if j["status"] in ended)
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
by = {}
for j in now.values():
    k = j["status"] + ("" if not j.get("error") else " " + j["error"]["code"])
    by[k] = by.get(k, 0) + 1
print(f"jobs {n}  lost {lost}  doubled {doubled}  stuck {stuck}  latency p50 {p(0.5):.1f} s  p95 {p(0.95):.1f} s  ends {json.dumps(by, sort_keys=True)}")
EOF
)
touch "$DATA/chaos.stop"; wait "$WATCHER" 2>/dev/null || true
echo "chaos: $SUMMARY (kills $KILLS, workers $WORKERS, seed $SEED)"
if [ "$RECORD" = 1 ]; then
  echo "- $(date -u +%Y-%m-%d): $SUMMARY; kills $KILLS of workers and the gateway, $WORKERS master workers, ${SECONDS_EACH}-second files, seed $SEED" >> docs/reliability.md
fi
./mixdown down --data "$DATA" >/dev/null
