#!/usr/bin/env bash
# The report over a municipality's history (part of make bench; issue 15):
# `genop report` for a full year against the same deadline KPIs computed
# by one plain SQL query over the same database, the way a BI tool would
# (bench/report_kpis.sql, run by bench/report_kpis.py), checked to give
# the same numbers.
#
#   bench/report.sh BENCH_BUILD
#
# 1. The database: `genop demo --db --cases N --municipality aalborg
#    --years 2 --seed 1 --as-of 2026-11-30` (referrals 2024-12-01 to
#    2026-11-30), written next to the cache on the disk (a million cases
#    make about 11 GB, too much for tmpfs) and cached in BENCH_BUILD/bench
#    as report-seed-vVERSION-nN.db with its .meta (the demo's summary and
#    the count of stored events); bump VERSION below when the generator or
#    the store's schema changes. The file is moved into place last, so its
#    presence means a whole seed.
# 2. The file is read once (cat to /dev/null), so that every run finds it
#    in the page cache, then RUNS rounds, each of them:
#    - genop report --municipality aalborg --from 2026-01-01 --to
#      2026-12-31 --as-of 2026-11-30 --format json under /usr/bin/time -v:
#      wall time, CPU time (user + system, every thread), peak RSS;
#    - bench/report_kpis.py under /usr/bin/time -v: the SQL's own wall and
#      CPU time (the query alone, measured in the process), the process's
#      peak RSS, and the check that every deadline row (period and months)
#      equals genop's in that round's report; a difference ends the script
#      with status 1.
# 3. Prints each round, the medians, the ratio SQL / genop, and the
#    targets of issue 15 (genop under 5 s and 1 GiB for 1,000,000 cases,
#    at least 5 times faster than the SQL); below a million cases the time
#    for a million is extrapolated linearly and marked as such.
#
# Settings (environment): BENCH_REPORT_CASES (1000000), BENCH_REPORT_RUNS
# (3); BENCH_REPORT_DB=PATH measures that database instead of the seeded
# one (an Aalborg history ending 2026-11-30 of BENCH_REPORT_CASES cases,
# made otherwise; it is opened as it is, so genop migrates it if needed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/report.sh BENCH_BUILD}" && pwd)
cases=${BENCH_REPORT_CASES:-1000000}
runs=${BENCH_REPORT_RUNS:-3}
VERSION=4   # 1: genop demo --db of issue 15 (P2), migrations to 0018; 2: 0019 (case_answers_views);
            # 3: kept views of pack format 5 (closure reasons); 4: casework_history_import, migration 0020
last=2026-11-30
from=2026-01-01 to=2026-12-31
seed=$build/bench/report-seed-v$VERSION-n$cases.db
mkdir -p "$build/bench"
for tool in python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "report.sh: $tool is missing" >&2; exit 1; }
done
run=$(mktemp -d -p "$build/bench" report-run.XXXXXX)
trap 'rm -rf "$run"; rm -f "$seed.partial" "$seed.partial-wal" "$seed.partial-shm"' EXIT

# ---- 1. the seeded database ---------------------------------------------------
count_events() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM case_events").fetchone()[0])' "$1"
}
meta=$seed.meta
if [ -n "${BENCH_REPORT_DB:-}" ]; then
  seed=$BENCH_REPORT_DB
  meta=$run/given.meta
  echo "stored events: $(count_events "$seed")" >"$meta"
elif [ ! -f "$seed" ] || [ ! -f "$seed.meta" ]; then
  echo "seeding $seed (once; later runs reuse it)"
  rm -f "$seed" "$seed.meta" "$seed.partial" "$seed.partial-wal" "$seed.partial-shm"
  /usr/bin/time -v -o "$run/seed.time" "$build/genop" demo --db "$seed.partial" \
    --cases "$cases" --municipality aalborg --years 2 --seed 1 --as-of "$last" >"$run/seed.out"
  {
    cat "$run/seed.out"
    echo "stored events: $(count_events "$seed.partial")"
    grep -E "Elapsed|User time|System time|Maximum resident" "$run/seed.time"
  } >"$run/seed.meta"
  sync "$seed.partial"
  mv "$run/seed.meta" "$seed.meta"
  mv "$seed.partial" "$seed"
fi
sed 's/^/  /' "$meta"
events=$(awk '/^stored events:/ {print $3}' "$meta")
bytes=$(stat -c %s "$seed")
cat "$seed" >/dev/null   # into the page cache, for every run alike

# ---- 2. interleaved rounds ------------------------------------------------------
# The figures of a /usr/bin/time -v file $1: wall s, CPU s, peak RSS KB.
time_figures() {
  python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def num(label):
    return float(re.search(re.escape(label) + r"\s*(.*)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", t).group(1)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
print(round(secs, 2), round(num("User time (seconds):") + num("System time (seconds):"), 2),
      int(num("Maximum resident set size (kbytes):")))
PY
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average $load_start, $(nproc) processors"
echo "report of $from..$to as of $last over $cases cases ($events events, $((bytes / 1048576)) MB)"
: >"$run/rounds"
for i in $(seq "$runs"); do
  /usr/bin/time -v -o "$run/genop.time" "$build/genop" report --db "$seed" --municipality aalborg \
    --from "$from" --to "$to" --as-of "$last" --format json >"$run/report.json"
  read -r g_wall g_cpu g_rss < <(time_figures "$run/genop.time")
  if ! /usr/bin/time -v -o "$run/sql.time" python3 "$here/report_kpis.py" --genop "$build/genop" \
      --db "$seed" --from "$from" --to "$to" --as-of "$last" --report "$run/report.json" \
      >"$run/sql.out"; then
    cat "$run/sql.out"
    echo "report.sh: the SQL and genop report disagree (round $i); see above" >&2
    exit 1
  fi
  read -r _ _ s_rss < <(time_figures "$run/sql.time")
  s_line=$(head -1 "$run/sql.out")
  echo "$g_wall $g_cpu $g_rss $s_line $s_rss" >>"$run/rounds"
  echo "round $i: genop ${g_wall} s wall, ${g_cpu} s CPU, $((g_rss / 1024)) MB; SQL $s_line, $((s_rss / 1024)) MB; $(tail -1 "$run/sql.out")"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 3. the summary -----------------------------------------------------------
python3 - "$run/rounds" "$cases" <<'PY'
import json, statistics, sys
rounds = []
for line in open(sys.argv[1]):
    g_wall, g_cpu, g_rss, rest = line.split(" ", 3)
    sql_json, s_rss = rest.rsplit(" ", 1)
    s = json.loads(sql_json)
    rounds.append((float(g_wall), float(g_cpu), int(g_rss), s["sql_wall"], s["sql_cpu"], int(s_rss)))
cases = int(sys.argv[2])
med = [statistics.median(r[k] for r in rounds) for k in range(6)]
g_wall, g_cpu, g_rss, s_wall, s_cpu, s_rss = med
print(f"medians of {len(rounds)} rounds: genop report {g_wall:.2f} s wall, {g_cpu:.2f} s CPU, "
      f"{g_rss / 1024:.0f} MB peak; SQL {s_wall:.2f} s wall, {s_cpu:.2f} s CPU, "
      f"{s_rss / 1024:.0f} MB peak (the python3 process)")
print(f"SQL / genop: {s_wall / g_wall:.1f}x wall time, {s_cpu / g_cpu:.1f}x CPU time")
scale = 1_000_000 / cases
what = "" if cases == 1_000_000 else f" (EXTRAPOLATED linearly from {cases:,} cases)"
mark = lambda ok: "met" if ok else "MISSED"
print(f"target, genop under 5 s for 1,000,000 cases{what}: {g_wall * scale:.1f} s wall, "
      f"{g_cpu * scale:.1f} s CPU: {mark(g_wall * scale < 5)}")
print(f"target, genop under 1 GiB: {g_rss / 1024:.0f} MB: {mark(g_rss < 1024 * 1024)}")
print(f"target, at least 5x faster than the SQL: {s_wall / g_wall:.1f}x: {mark(s_wall / g_wall >= 5)}")
PY
