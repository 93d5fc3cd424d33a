#!/usr/bin/env bash
# compare.sh - the server's CPU time per request of two builds of genop,
# in interleaved runs: the way to tell whether a change made case reads or
# event writes dearer on this noisy VM (README, "How to compare two builds
# here"), where requests per second move by 20-30% between runs.
#
#   bench/compare.sh OLD_GENOP OLD_SEED NEW_GENOP NEW_SEED [ROUNDS]
#
# OLD_GENOP and NEW_GENOP are genop binaries (release builds); OLD_SEED and
# NEW_SEED databases seeded for each by its own bench/seed_api_db (with
# SEED.open beside each: the ids of the cases open with a grant). Each
# round serves a fresh copy of each seed in turn (which first alternates
# from round to round) - in tmpfs when there is
# one, so that the disk's fsync does not blur the CPU - and runs wrk
# (2 threads, 32 connections, BENCH_COMPARE_SECONDS a run, 8 by default)
# first with case reads, then with event writes, after a 2 s warm-up. The
# server's CPU time (utime + stime of its /proc/PID/stat) over each run,
# divided by the requests wrk counted, is the figure (BENCH_API_CASES: the
# seeds' number of cases, 100,000 by default); the last lines give
# each build's median per kind of request. Only 127.0.0.1 is contacted,
# and the servers are stopped when the script ends, however it ends.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
old_genop=${1:?usage: bench/compare.sh OLD_GENOP OLD_SEED NEW_GENOP NEW_SEED [ROUNDS]}
old_seed=${2:?}
new_genop=${3:?}
new_seed=${4:?}
rounds=${5:-3}
secs=${BENCH_COMPARE_SECONDS:-8}
threads=${BENCH_API_THREADS:-2}
cases=${BENCH_API_CASES:-100000}   # the seeds' cases, ids 1..N

pid=""
dir=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  [ -z "$dir" ] || rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# BENCH_COMPARE_DIR: where the copies are served from (e.g. a folder on
# the disk, to compare durable writes); tmpfs by default.
if [ -n "${BENCH_COMPARE_DIR:-}" ]; then base=$BENCH_COMPARE_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One run of wrk script $1 against port $2: "REQUESTS CPU_SECONDS".
run_wrk() {
  local before after out n
  before=$(cpu_ticks "$pid")
  out=$(timeout $((secs + 60)) wrk -t2 -c32 -d"${secs}s" -s "$here/wrk/$1" "http://127.0.0.1:$2")
  after=$(cpu_ticks "$pid")
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$n $(python3 -c "import os; print(($after - $before) / os.sysconf('SC_CLK_TCK'))")"
}

# Serves a fresh copy of seed $3 with binary $2 and measures; label $1.
one() {
  local label=$1 genop=$2 seed=$3 port r w
  dir=$(mktemp -d -p "$base" genop-compare.XXXXXX)
  cp "$seed" "$dir/genop.db"
  export GENOP_TOKEN GENOP_CASES=$cases GENOP_OPEN_IDS=$seed.open
  GENOP_TOKEN=$("$genop" token create --db "$dir/genop.db" --user bench-visitator --name cmp)
  port=$(free_port)
  "$genop" serve --db "$dir/genop.db" --listen "127.0.0.1:$port" --threads "$threads" \
    >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  timeout 30 wrk -t2 -c32 -d2s -s "$here/wrk/case_read.lua" "http://127.0.0.1:$port" >/dev/null
  r=$(run_wrk case_read.lua "$port")
  w=$(run_wrk events.lua "$port")
  kill -TERM "$pid"; wait "$pid" || true; pid=""
  rm -rf "$dir"; dir=""
  python3 -c "
r, rc = '$r'.split(); w, wc = '$w'.split()
print(f'$label reads {int(r)/$secs:8.0f}/s {float(rc)/int(r)*1e6:6.1f} us/read   '
      f'writes {int(w)/$secs:6.0f}/s {float(wc)/int(w)*1e6:7.1f} us/write')"
}

results=()
for i in $(seq "$rounds"); do
  # Which build goes first alternates, so that neither always runs on a
  # machine warmed (or tired) by the other.
  if [ $((i % 2)) -eq 1 ]; then
    results+=("$(one old "$old_genop" "$old_seed")"); echo "${results[-1]}"
    results+=("$(one new "$new_genop" "$new_seed")"); echo "${results[-1]}"
  else
    results+=("$(one new "$new_genop" "$new_seed")"); echo "${results[-1]}"
    results+=("$(one old "$old_genop" "$old_seed")"); echo "${results[-1]}"
  fi
done
printf '%s\n' "${results[@]}" | python3 -c '
import re, statistics, sys
rows = {}
for line in sys.stdin:
    m = re.match(r"(\w+) reads .* ([\d.]+) us/read .* ([\d.]+) us/write", line)
    rows.setdefault(m.group(1), []).append((float(m.group(2)), float(m.group(3))))
for k, v in rows.items():
    print(f"median {k}: {statistics.median(x[0] for x in v):.1f} us a read, "
          f"{statistics.median(x[1] for x in v):.1f} us a write ({len(v)} runs)")'
