#!/usr/bin/env bash
# What one job costs the shared services, measured on the local cluster (for docs/scaling.md):
# rows written per table and transactions committed and WAL bytes in PostgreSQL, records per
# Kafka topic, and bytes added to the object store. An idle stretch (the background alone), then
# two rounds, each measured alone:
#   1. JOBS master jobs of 10-second songs (one batch, --master spotify);
#   2. one mix job of 8 stems x 60 s chained into mastering.
#
#   scripts/per-job-costs.sh [JOBS]      (default 20)
#
# Uses its own data folder (removed at the end) and the local cluster's fixed ports: stop any
# other local cluster first. Needs ffmpeg and psql.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=lib.sh
source scripts/lib.sh
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (Debian: apt-get install ffmpeg)" >&2; exit 1; }
command -v psql >/dev/null || { echo "needs psql (Debian: apt-get install postgresql-client)" >&2; exit 1; }
jobs="${1:-20}"
cluster_work

./mixdown demo --offline --seconds 60 --out "$work/demo" >/dev/null
first=$(ls "$work/demo/stems/"*.wav | head -1)
mkdir -p "$work/shorts"
for i in $(seq -w 1 "$jobs"); do
  ffmpeg -hide_banner -loglevel error -ss "$((10#$i % 40))" -t 10 -i "$first" -c:a pcm_s16le "$work/shorts/short-$i.wav"
done

./mixdown up --data "$data" --mix-workers 1 --master-workers 1 >/dev/null
prop() { grep "^$1=" "$2" | cut -d= -f2-; }
export PGPASSWORD="$(prop db.password "$data/secrets.properties")"
pg_port="$(prop postgres.port "$data/cluster.properties")"
kafka_port="$(prop kafka.port "$data/cluster.properties")"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -At -F ' ' -c "$1"; }

# one line per measure: "name value"
snapshot() {
  sql "select 'rows:' || relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables where schemaname = 'public'"
  sql "select 'db:commits', xact_commit from pg_stat_database where datname = 'postgres'"
  sql "select 'db:wal-bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
  java -cp "deploy/local/target/lib/*" scripts/KafkaRecords.java "127.0.0.1:$kafka_port" 2>/dev/null | grep '^mixdown\.' | sed 's/^/records:/'
  # bytes of each topic's log segments on the broker's disk (one replica), partitions summed
  find "$data/kafka/logs" -name '*.log' -path '*/mixdown.*' -printf '%h %s\n' \
    | sed -E 's|^.*/(mixdown\.[^ ]*)-[0-9]+ |kafka-bytes:\1 |' | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}'
  echo "store:bytes $(find "$data/objects" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')"
  echo "store:objects $(find "$data/objects" -type f | wc -l)"
}

# prints what changed between two snapshots, divided by the number of jobs
per_job() {
  join -a 2 -e 0 -o 0,1.2,2.2 <(sort "$1") <(sort "$2") \
    | awk -v n="$3" '$3 != $2 { printf "  %-40s %14.1f\n", $1, ($3 - $2) / n }'
}

sleep 5 # the cluster's own start-up writes settle
idle=20
snapshot > "$work/i0"
sleep "$idle"
snapshot > "$work/s0"
./mixdown submit "$work/shorts"/*.wav --master spotify --wait --quiet --out "$work/out1" --data "$data" >/dev/null
sleep 3 # the gateway's event consumer applies the last events
snapshot > "$work/s1"
./mixdown submit "$work/demo/stems" --master spotify --wait --quiet --out "$work/out2" --data "$data" >/dev/null
sleep 3
snapshot > "$work/s2"

echo "idle cluster, per second (the background loops' polling; included in the figures below):"
per_job "$work/i0" "$work/s0" "$idle"
echo "per master job (10 s stereo, 16-bit WAV in, 24-bit WAV out; mean of $jobs in one batch):"
per_job "$work/s0" "$work/s1" "$jobs"
echo "per mix job (8 stems x 60 s, chained into mastering; one job):"
per_job "$work/s1" "$work/s2" 1
