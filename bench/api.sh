#!/usr/bin/env bash
# The API under load (part of make bench): wrk against `genop serve` on a
# database of 100,000 seeded cases, and against bench/mhd_ceiling (the
# least a libmicrohttpd server can do, run the way genop runs it) as the
# ceiling, in the same run on the same machine.
#
#   bench/api.sh BENCH_BUILD
#
# 1. The seeded database is cached in BENCH_BUILD/bench as
#    api-seed-vVERSION-CASES.db (with .open, the ids of the cases open with
#    a grant); bump VERSION below when the seeder or the store's schema
#    changes (a migration of the copy would count as start-up). Seeding goes
#    through the domain layer in-process (bench/seed_api_db.c) in a
#    tmpfs directory when there is one (every call is a durable
#    transaction, and fsync there costs nothing), and takes a few minutes.
# 2. Each run serves a fresh copy of it (the POSTs add to the copy), on
#    disk next to the cache, so that writes are as durable as in
#    production (synchronous=FULL). Its token comes from `genop token
#    create` for the seeded visitator.
# 3. Both servers listen on free ports of 127.0.0.1 with the same number of
#    worker threads; each wrk run is 2 threads, 32 connections, 10 seconds
#    (--latency), after a short unreported warm-up: the ceiling, case reads
#    (random ids), the worklist, event writes (a session today on a random
#    open case). Last, as a diagnosis, case reads and event writes again
#    on a copy of the database in tmpfs, where fsync costs nothing.
# 4. Prints requests/s, p50 and p99 of each, the server's CPU time per
#    request (utime + stime of its /proc/PID/stat over the run, divided by
#    the requests: steadier than requests/s on this VM), the ratio of case
#    reads to the ceiling (for the record; the 40% target is retired: it
#    measured the machine's noise more than genop) and the durable-write
#    target met or missed; before the runs, the latency of fdatasync on
#    the disk under the copy, which bounds every durable request (the
#    machine's disk is shared, and it varies). bench/compare.sh compares
#    two builds by CPU per request in interleaved runs.
# Nothing but loopback is contacted; the servers this script started are
# stopped by their process ids when it exits, however it exits.
#
# Settings (environment): BENCH_API_CASES (100000), BENCH_API_SECONDS (10),
# BENCH_API_CONNECTIONS (32), BENCH_API_THREADS (genop serve's default: one
# per processor this script may run on, 2 to 16).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/api.sh BENCH_BUILD}" && pwd)
cases=${BENCH_API_CASES:-100000}
secs=${BENCH_API_SECONDS:-10}
conns=${BENCH_API_CONNECTIONS:-32}
threads=${BENCH_API_THREADS:-$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)}
[ "$threads" -ge 2 ] || threads=2
[ -n "${BENCH_API_THREADS:-}" ] || [ "$threads" -le 16 ] || threads=16
VERSION=7   # 6: the kept view in the form of src/core/case_pack.h; 7: name words, stages (migration 0008)
seed=$build/bench/api-seed-v$VERSION-$cases.db

# shellcheck source=bench/wrk_lib.sh
. "$here/wrk_lib.sh"
bench_begin api.sh

# ---- 1. the seeded database ------------------------------------------------
seed_into() { "$build/bench/seed_api_db" "$1" "$cases"; }
seed_cached "$seed" open
echo "database: $cases cases, $(wc -l <"$seed.open") open with a grant, $(du -h "$seed" | cut -f1)"

# ---- 2. this run's copy and token -------------------------------------------
run=$(mktemp -d -p "$build/bench" api-run.XXXXXX)
cp "$seed" "$run/genop.db"
# The copy's dirty pages would otherwise be written back during the first
# runs, and every fsync of genop's would wait behind them.
sync "$run/genop.db"
token=$("$build/genop" token create --db "$run/genop.db" --user bench-visitator --name bench)
export GENOP_TOKEN=$token GENOP_CASES=$cases GENOP_OPEN_IDS=$seed.open

# The mean size of a case read's body, over 50 random cases.
case_read_bytes() {
  python3 - "$1" <<'EOF'
import os, random, sys, urllib.request
port, n, sizes = sys.argv[1], int(os.environ["GENOP_CASES"]), []
for _ in range(50):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases/{random.randint(1, n)}",
                                 headers={"Authorization": "Bearer " + os.environ["GENOP_TOKEN"]})
    with urllib.request.urlopen(req, timeout=10) as r:
        sizes.append(len(r.read()))
print(sum(sizes) // len(sizes))
EOF
}

# ---- 3. the runs ------------------------------------------------------------
echo "the disk: $(fsync_probe "$run")"
echo "genop serve and mhd_ceiling: $threads worker threads each; wrk: 2 threads, $conns connections, ${secs} s a run"
start_genop "$run/genop.db"
genop_port=$serve_port genop_pid=$serve_pid
body_bytes=$(case_read_bytes "$genop_port")
echo "a case read's body: $body_bytes bytes on average (the ceiling answers as many)"

ceil_port=$(free_port)
"$build/bench/mhd_ceiling" "$ceil_port" "$threads" "$body_bytes" >"$run/ceiling.log" 2>&1 &
ceil_pid=$!
pids+=("$ceil_pid")
wait_port "$ceil_port"

warm_up case_read.lua "$ceil_port"
measure "ceiling: mhd_ceiling, fixed body" case_read.lua "$ceil_port" "$ceil_pid"
stop_pid "$ceil_pid"

warm_up case_read.lua "$genop_port"
measure "GET /api/v1/cases/{id}" case_read.lua "$genop_port" "$genop_pid"
measure "GET /api/v1/worklist" worklist.lua "$genop_port" "$genop_pid"
measure "POST /api/v1/cases/{id}/events" events.lua "$genop_port" "$genop_pid"
stop_pid "$genop_pid"
if grep -q "intern fejl" "$run/serve.log"; then
  echo "genop serve logged internal errors:"; grep "intern fejl" "$run/serve.log" | sort | uniq -c | head -5
fi

diag=$(tmpfs_dir)
if [ -n "$diag" ]; then
  scratch=$diag
  cp "$seed" "$diag/genop.db"
  "$build/genop" token create --db "$diag/genop.db" --user bench-visitator --name bench >"$diag/token"
  GENOP_TOKEN=$(cat "$diag/token")
  start_genop "$diag/genop.db"
  warm_up case_read.lua "$serve_port"
  measure "diagnosis, db in tmpfs: GET /api/v1/cases/{id}" case_read.lua "$serve_port" "$serve_pid"
  measure "diagnosis, db in tmpfs: POST .../events" events.lua "$serve_port" "$serve_pid"
  stop_pid "$serve_pid"
fi

# ---- 4. summary -------------------------------------------------------------
python3 - "${results[@]}" <<'EOF'
import sys
rows = [r.split("|") for r in sys.argv[1:]]
fig = {r[0]: (float(r[1]), float(r[2]), float(r[3]), int(r[4]), float(r[6])) for r in rows}
print()
print("| what | requests/s | p50 | p99 | server CPU a request |")
print("|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {float(r[1]):,.0f} | {r[2]} ms | {r[3]} ms | {float(r[6]):.0f} µs |")
ceil = fig["ceiling: mhd_ceiling, fixed body"][0]
read = fig["GET /api/v1/cases/{id}"]
write = fig["POST /api/v1/cases/{id}/events"]
print()
print(f"case reads / ceiling: {read[0] / ceil:.1%} (for the record; compare builds by CPU a request)")
print(f"durable event writes: {write[0]:,.0f}/s (target at least 1,000/s): {'met' if write[0] >= 1000 else 'MISSED'}")
bad = sum(v[3] for v in fig.values())
if bad:
    print(f"WARNING: {bad} answers were not 2xx")
EOF
