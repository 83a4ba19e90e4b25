# Shared by the benchmark scripts: sourced, not run.

# Median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command once to warm up (file cache), then $runs times (set by the caller), and prints
# the median wall time in seconds; every run's time goes to standard error, so the spread shows.
time_runs() {
  "$@" >/dev/null 2>&1 || true
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    if ! "$@" >/dev/null 2>&1; then
      echo "failed: $*" >&2
      return 1
    fi
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l | xargs printf '%.2f')")
  done
  echo "runs of ${*:1:3} ...: ${times[*]} s" >&2
  printf '%s\n' "${times[@]}" | median
}

# The common start of a benchmark over one 3-minute file: needs ffmpeg; makes a temporary folder
# $work, removed on exit; sets $file to the given FILE, or to a 3-minute file made by
# three_minute_file when none is given; builds Mixdown, outside any timing.
#   bench_start "${1:-}"
bench_start() {
  command -v ffmpeg >/dev/null || { echo "needs ffmpeg (Debian: apt-get install ffmpeg)" >&2; exit 1; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  file="${1:-}"
  if [ -z "$file" ]; then
    file="$work/three-minutes.flac"
    three_minute_file "$file"
  fi
  ./mixdown --version >/dev/null
}

# Writes a 3-minute stereo 44.1 kHz FLAC to $1: the three songs of ../shared/corpus joined, or
# Mixdown's generated demo song where the corpus is absent.
three_minute_file() {
  local out="$1" dir
  dir="$(dirname "$out")"
  local corpus=(../shared/corpus/*/reference_mix.flac)
  if [ -f "${corpus[0]}" ] && [ "${#corpus[@]}" -ge 3 ]; then
    for f in "${corpus[@]:0:3}"; do echo "file '$(realpath "$f")'"; done > "$dir/list.txt"
    ffmpeg -hide_banner -loglevel error -f concat -safe 0 -i "$dir/list.txt" -ar 44100 -ac 2 -c:a flac "$out"
  else
    ./mixdown demo --seconds 180 --out "$dir/demo" >/dev/null
    ffmpeg -hide_banner -loglevel error -i "$dir/demo/spotify.wav" -c:a flac "$out"
  fi
}

# Writes 8 stems of ../shared/corpus/openttd_keep_on_rolling, looped to 3 minutes, as 44.1 kHz
# 16-bit WAV into the folder $1; fails (returns 1) where the corpus is absent.
corpus_stems() {
  local out="$1" src=(../shared/corpus/openttd_keep_on_rolling/stems/*.flac)
  [ -f "${src[0]}" ] || return 1
  for f in "${src[@]:0:8}"; do
    ffmpeg -hide_banner -loglevel error -stream_loop 2 -i "$f" -ar 44100 -ac 2 -c:a pcm_s16le "$out/$(basename "${f%.*}").wav"
  done
}

# Integrated loudness and true peak of a file, by ffmpeg's ebur128 filter.
ebur128_summary() {
  ffmpeg -hide_banner -nostats -i "$1" -af ebur128=peak=true -f null - 2>&1 | sed -n '/Summary/,$p' \
    | awk '/I:/ {i=$2} /Peak:/ {p=$2} END {printf "%s LUFS, %s dBTP", i, p}'
}

# ffmpeg's two-pass loudnorm to -14 LUFS / -1 dBTP, as its documentation recommends for files:
# measure, then normalise with the measured values (linear mode). Writes $2 at 44.1 kHz.
loudnorm_two_pass() {
  local in="$1" out="$2" m
  m=$(ffmpeg -hide_banner -nostats -i "$in" -af loudnorm=I=-14:TP=-1:LRA=11:print_format=json -f null - 2>&1 | sed -n '/^{/,/^}/p')
  field() { echo "$m" | sed -n "s/.*\"$1\" : \"\(.*\)\".*/\1/p"; }
  ffmpeg -hide_banner -loglevel error -y -i "$in" -af "loudnorm=I=-14:TP=-1:LRA=11:measured_I=$(field input_i):measured_TP=$(field input_tp):measured_LRA=$(field input_lra):measured_thresh=$(field input_thresh):offset=$(field target_offset):linear=true" \
    -ar 44100 -c:a pcm_s24le "$out"
}

# The common start of a script on its own local cluster: a temporary folder $work holding the
# cluster's data folder $data; on exit, that cluster is stopped and the folder removed.
cluster_work() {
  work="$(mktemp -d)"
  data="$work/data"
  trap './mixdown down --data "$data" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
}
