#!/usr/bin/env bash
# make bench: the core through its C API, then 1,000,000 cases end to end
# through `genop evaluate --jsonl`, with wall time and peak memory, then
# the HTTP API under load against its libmicrohttpd ceiling (bench/api.sh),
# then letters made as PDF per second and the size of a typical letter,
# then the calendar: bookings a second and the week view (bench/calendar.sh),
# then the full-year report against the same KPIs by plain SQL (bench/report.sh).
#   bench/run.sh BENCH_BUILD
set -euo pipefail
build=${1:?usage: bench/run.sh BENCH_BUILD}
cases=${BENCH_CASES:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== core (C API), one core"
"$build/bench/bench_core" "$cases"

echo "== genop evaluate --jsonl, $cases generated cases"
"$build/bench/gen_cases" "$cases" >"$tmp/cases.jsonl"
echo "input: $(du -h "$tmp/cases.jsonl" | cut -f1)"
# Timed with the output going to /dev/null, so that the figure is genop's
# own work and not the disk's or a pipe reader's; a second, untimed run
# checks that every case gave a result and none an error.
/usr/bin/time -f "%e %M" -o "$tmp/time" \
  "$build/genop" evaluate --standard aalborg --as-of 2026-01-15 --jsonl <"$tmp/cases.jsonl" >/dev/null
read -r secs kb <"$tmp/time"
"$build/genop" evaluate --standard aalborg --as-of 2026-01-15 --jsonl <"$tmp/cases.jsonl" >"$tmp/out.jsonl"
lines=$(wc -l <"$tmp/out.jsonl")
errors=$(grep -c '"error"' "$tmp/out.jsonl" || true)
python3 -c "print(f'end to end: {$cases:,} cases in {$secs} s = {$cases/$secs:,.0f} cases/s, peak memory {$kb/1024:.1f} MB; check run: {$lines:,} results, {$errors} errors')"

echo "== the API under load (bench/api.sh)"
bash "$(dirname "$0")/api.sh" "$build"

echo "== letters as PDF (tests/letters/decision_aalborg.json, two pages)"
"$build/bench/bench_letters" "$(dirname "$0")/../tests/letters/decision_aalborg.json" 1000 2

echo "== the calendar: bookings and the week view (bench/calendar.sh)"
bash "$(dirname "$0")/calendar.sh" "$build"

echo "== the report: genop report against a plain SQL query (bench/report.sh)"
bash "$(dirname "$0")/report.sh" "$build"
