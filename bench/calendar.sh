#!/usr/bin/env bash
# The calendar under load (part of make bench): one municipality with 60
# therapists, 5 locations with 35 rooms, 50 teams and 2,000 granted
# courses booked 4 weeks ahead (bench/cal_layout.h says who, where and
# when). Measures bookings a second through the domain layer's writer
# and the week view's answer time over HTTP.
#
#   bench/calendar.sh BENCH_BUILD
#
# 1. The database is seeded through the domain layer in-process
#    (bench/seed_calendar_db.c, about half a minute, most of it the 62
#    users' password hashes) in tmpfs when there is one, and cached in
#    BENCH_BUILD/bench as calendar-seed-vVERSION.db with its .meta (the
#    booked weeks, therapists and rooms); bump VERSION below when the
#    seeder or the store's schema changes. The bookings lie in the 4 weeks
#    after the day it was seeded.
# 2. On a fresh copy, on disk next to the cache (durable writes, as in
#    production), bench/bench_booking books weeks 5 and 6 of every
#    course: as series, then one appointment at a time, and prints
#    bookings a second and the CPU time a booking; then, as a diagnosis,
#    the same on a copy in tmpfs, where fsync costs nothing.
# 3. genop serve on that copy, wrk (2 threads, 32 connections, 10 s,
#    --latency, after a 2 s warm-up) on the week view of a random booked
#    week of a random therapist, then of a random room, as the leder
#    (bench/wrk/calendar_week.lua holds the address). Prints requests a
#    second, p50, p99 and the server's CPU time a request.
# Nothing but loopback is contacted; the server is stopped by its process
# id when the script exits, however it exits.
#
# Settings (environment): BENCH_CAL_SECONDS (10), BENCH_CAL_CONNECTIONS
# (32), BENCH_CAL_THREADS (genop serve's default: one per processor this
# script may run on, 2 to 16).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/calendar.sh BENCH_BUILD}" && pwd)
secs=${BENCH_CAL_SECONDS:-10}
conns=${BENCH_CAL_CONNECTIONS:-32}
threads=${BENCH_CAL_THREADS:-$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)}
[ "$threads" -ge 2 ] || threads=2
[ -n "${BENCH_CAL_THREADS:-}" ] || [ "$threads" -le 16 ] || threads=16
VERSION=3   # 2: the citizens' names from seed_casework.c; 3: migrations 0017-0018
seed=$build/bench/calendar-seed-v$VERSION.db

# shellcheck source=bench/wrk_lib.sh
. "$here/wrk_lib.sh"
bench_begin calendar.sh

# ---- 1. the seeded database ------------------------------------------------
seed_into() { "$build/bench/seed_calendar_db" "$1"; }
seed_cached "$seed" meta
monday=$(awk '$1 == "monday" {print $2}' "$seed.meta")
echo "database: $(du -h "$seed" | cut -f1), weeks $(awk '$1 == "week" {printf "%s ", $2}' "$seed.meta")booked"

# ---- 2. bookings through the domain layer's writer ---------------------------
run=$(mktemp -d -p "$build/bench" cal-run.XXXXXX)
cp "$seed" "$run/genop.db"
sync "$run/genop.db"
echo "the disk: $(fsync_probe "$run")"
"$build/bench/bench_booking" "$run/genop.db" "$monday"
diag=$(tmpfs_dir)
if [ -n "$diag" ]; then
  scratch=$diag
  cp "$seed" "$diag/genop.db"
  echo "diagnosis, the same in tmpfs (fsync free):"
  "$build/bench/bench_booking" "$diag/genop.db" "$monday"
  rm -rf "$diag"
  scratch=""
fi

# ---- 3. the week view over HTTP --------------------------------------------
token=$("$build/genop" token create --db "$run/genop.db" --user bench-leder --name bench)
export GENOP_TOKEN=$token GENOP_CAL_META=$seed.meta
start_genop "$run/genop.db"
genop_port=$serve_port genop_pid=$serve_pid

# The mean bytes of an answer (headers included) in wrk's output file $1.
answer_bytes() {
  python3 - "$1" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
m = re.search(r"(\d+) requests in .*, ([\d.]+)([KMG]?B) read", out)
n, size = int(m.group(1)), float(m.group(2)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[m.group(3)]
print(f"{size / max(n, 1):,.0f} bytes an answer with its headers")
PY
}
echo "genop serve: $threads worker threads; wrk: 2 threads, $conns connections, ${secs} s a run"
for by in therapist room; do
  export GENOP_CAL_BY=$by
  warm_up calendar_week.lua "$genop_port"
  measure "week view of a $by" calendar_week.lua "$genop_port" "$genop_pid"
  echo "  $(answer_bytes "$wrk_file")"
done
stop_pid "$genop_pid"
if grep -q "intern fejl" "$run/serve.log"; then
  echo "genop serve logged internal errors:"; grep "intern fejl" "$run/serve.log" | sort | uniq -c | head -5
fi
bad=0
for r in "${results[@]}"; do bad=$((bad + $(cut -d'|' -f5 <<<"$r"))); done
[ "$bad" -eq 0 ] || echo "WARNING: $bad answers were not 2xx"
