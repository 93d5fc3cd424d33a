#!/usr/bin/env bash
# Runs every test and ends with one line "N passed, N failed".
#
#   tests/run.sh BUILD ASAN_BUILD [FUZZ_BUILD]
#
# - the cmocka unit tests of BUILD and of ASAN_BUILD (AddressSanitizer and
#   UndefinedBehaviorSanitizer), in TAP form;
# - the Digital Post messages genop writes, checked with xmllint against
#   the MeMo schema in data/memo and decoded with base64
#   (tests/memo/test_memo_xmllint.sh) with both builds;
# - the command-line contract tests (tests/cli/test_cli.sh), the API tests
#   (tests/api/test_api.py: a real genop serve driven over HTTP;
#   tests/api/test_users.py: the users an admin administers;
#   tests/api/test_search.py: finding cases and citizens, the case list's
#   pages and filters) and the durability test (kill -9 in the middle of
#   writes) against both builds;
# - the API tests of owning cases (tests/api/test_assign.py: assigned
#   events, mine=true, the staff and the open tasks per person) against
#   both builds;
# - the API tests of the citizen's identity (tests/api/test_identity.py: a
#   known CPR number with another name is 409 with the stored citizen,
#   update_citizen keeps the old name in the history, never across
#   municipalities; the warning of an open case like it; consent; the
#   contact person) against both builds;
# - the API tests of a decision's grant (tests/api/test_grant.py: the
#   422s of letters.md section 1 for a grant and its exceptions, the
#   case's evaluation and worklist honouring an exception, revisitation)
#   against both builds;
# - the static file tests (tests/api/test_static.py: the web app's files,
#   their headers, traversal attempts) against both builds;
# - the body limit tests (tests/api/test_body_limit.py: 413 for a 32 MiB
#   body written before the answer is read, and other ways of sending too
#   much) against both builds;
# - the shape of src/ (tools/check_layers.py --strict: no circle of
#   includes, the layering rules, no file over 1,000 lines, no function
#   over 80) and the checker's own tests, once;
# - the browser tests (tests/browser/run.sh: the web app in Debian's
#   chromium driven by playwright-core, axe-core on every screen), once,
#   with BUILD;
# - the OpenAPI lint (tests/openapi/run.sh: docs/openapi.yaml checked by
#   @redocly/cli, no error and no warning), once;
# - genop calendar and genop evaluate against an independent evaluator
#   written from the contract (tests/oracle/test_oracle.py: seeded random
#   cases for all five standards, hand-made cases for issue 16's readings
#   and the law's complaint deadlines), once, with BUILD;
# - a municipality's made-up history (tests/cli/test_history.py: genop
#   demo --db --cases N - deterministic by its seed, every case evaluated
#   by genop evaluate without an error, a plausible mix, usage errors);
# - the demo database (tests/api/test_demo.py: genop demo --db, served and
#   checked over HTTP with the printed logins) with both builds;
# - the refresh of stored projections after a change of the rules
#   (tests/api/test_refresh.py: serve on a database whose fingerprint and
#   projections were altered) with both builds;
# - the worklist's tasks (tests/api/test_tasks.py: each kind appears and
#   disappears over HTTP, the complaint window never, other municipalities'
#   never) with both builds;
# - who can and cannot receive training (tests/api/test_criteria.py: each
#   standard's criteria with their sources, a refusal's reasons refused
#   without a reason, with an unknown criterion or an empty text, and
#   kept) with both builds;
# - closing a case without a course and the events' numbers within their
#   case (tests/api/test_closing.py: refused and complaint_forwarded,
#   numbers 1..n, answers kept by an older genop) with both builds;
# - complaints to the end (tests/api/test_complaints.py: a complaint's
#   channel and about, routes that go outside, Ankestyrelsen's ruling and
#   its refusals, the new_decision task of a remitted case) with both builds;
# - what the case page needs (tests/api/test_casepage.py: a case read's
#   status, the event types of each role, the 403 in Danish words, the
#   dry run of a registration) with both builds;
# - the training calendar (tests/api/test_calendar.py: locations, rooms,
#   the staff's hours and absences, teams; bookings, series, cancelling
#   and outcomes; every 409 with its conflict and 422 with its field and
#   limit, both summer-time changes, holidays, other municipalities' rows
#   unseen, a race for a team's last place, a seeded property test) with
#   both builds;
# - the calendar feeds (tests/api/test_calendar_feed.py: who makes a key,
#   a new key ending the old, every 404 of a feed, the feed parsed by
#   ical.js (tests/ical, npm ci) and each event compared with the API, no
#   CPR number or name in it, the access log) with both builds;
# - the week view and moving an appointment (tests/api/test_calendar_week.py:
#   a therapist's, room's and team's week with holidays, hours, absences
#   and the citizens' names; 400/403/404; a move's 409s and 422s by the
#   booking's rules, the access log) with both builds;
# - holidays open for booking only by a leder (tests/api/test_holidays.py:
#   opening, listing and closing a holiday, every 403, 404, 409 and 422,
#   bookings and series on closed and opened holidays, "holidays": true
#   as a leder's allowance, other municipalities' openings unseen) with
#   both builds;
# - how well the standard is kept (tests/api/test_report.py: a hand-built
#   history with every number worked out by hand - Easter, a month
#   without cases, the period's edges, corrections -, ?paragraph= and
#   as_of, tenant isolation, roles, 400s, the workbook read back with
#   openpyxl, genop report's forms and exit codes, cases read from their
#   events) with both builds; beyond the contract
#   (tests/api/test_report_more.py: closures by reason, the complaints'
#   deadlines, appointments per therapist and team, by hand, in JSON,
#   workbook, text and CSV, one municipality's never in another's) with
#   both builds; its distributions for the leder's charts
#   (tests/api/test_report_dist.py: the waiting times' histograms and the
#   open deadlines by workdays to due, worked out by hand) with both
#   builds; and against the demo database
#   (tests/api/test_report_demo.py: each municipality's deadline KPIs and
#   months recomputed from every case's own evaluation over the API),
#   once, with BUILD; and against the benchmark's plain SQL
#   (tests/cli/test_report_sql.py: bench/report_kpis.sql gives genop
#   report's deadline KPIs for a 300-case history, with corrections too,
#   and a changed number is caught), once, with BUILD;
# - the standards' cancellation rules (tests/api/test_cancellations.py:
#   GET /standard's cancellations, the cancel answer's rule with its
#   source, Aalborg's new_time task until the next booking) with both
#   builds;
# - a team's roster, waiting list and meetings (tests/api/test_teams.py:
#   enrolling through the series path, a full team's 409, the waiting
#   list's order and offers with the task team_place, leaving, a meeting's
#   attendance all or nothing, other municipalities' teams 404) with both
#   builds;
# - "Book tid" (tests/api/test_proposals.py: every proposal booked and
#   accepted, nothing stored by asking, the earlier therapist preferred,
#   the grant's minutes, sessions a week and end kept, 404 across
#   municipalities, the access log) with both builds;
# - letters (tests/api/test_letters.py: making, listing, reading and
#   previewing each kind, every refusal, the access log, the PDF read back
#   with pdftotext and pdffonts) with both builds;
# - the citizen's aktindsigt (tests/api/test_access_report.py: the PDF
#   read back with pdftotext, pdffonts and pdfinfo, who may make it, the
#   access log's rows) with both builds;
# - the case's documents for Ankestyrelsen (tests/api/test_appeal_bundle.py:
#   the numbered documents read back with pdftotext, who may gather them,
#   the access log's row) with both builds;
# - the outbox (tests/api/test_outbox.py: sending by Digital Post - the
#   MeMo message validated with xmllint --schema - and to print, the
#   receipt and decision_received, the print queue, its PDF read back with
#   pdftotext and pdfinfo, marking printed, every refusal, a spool that
#   cannot be written) with both builds;
# - letters read back with poppler's tools (tests/letters/test_letter_pdf.py:
#   the sample decision letter's text with æ, ø and å, its fonts embedded,
#   A4, its metadata and outline, the address in the envelope's window;
#   the print queue and the bundle for Ankestyrelsen) with both builds;
# - a short libFuzzer run of each fuzz target over its checked-in corpus.
# Each TAP "ok" / "not ok" line counts as one test; an "ok ... # SKIP"
# line (a check of something not yet built, saying which issue builds it)
# counts as skipped, neither passed nor failed.
set -uo pipefail
cd "$(dirname "$0")/.."

build=${1:?usage: tests/run.sh BUILD ASAN_BUILD [FUZZ_BUILD]}
asan_build=${2:?usage: tests/run.sh BUILD ASAN_BUILD [FUZZ_BUILD]}
fuzz_build=${3:-}

passed=0
failed=0
skipped=0
failures=()
skips=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Runs a TAP-producing command, echoes its output and adds up its results.
# A command that dies without reporting (a crash, a sanitizer abort) counts
# as a failure of its own.
run_tap() {
  local label=$1; shift
  "$@" >"$log" 2>&1
  local rc=$?
  cat "$log"
  local ok notok skip
  ok=$(grep -E '^ok ' "$log" | grep -cv '# SKIP')
  skip=$(grep -E '^ok ' "$log" | grep -c '# SKIP')
  notok=$(grep -cE '^not ok ' "$log")
  passed=$((passed + ok))
  skipped=$((skipped + skip))
  if [ "$skip" -gt 0 ]; then
    skips+=("$label: $skip skipped")
  fi
  failed=$((failed + notok))
  if [ "$notok" -gt 0 ]; then
    failures+=("$label: $notok failed")
  fi
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
    failed=$((failed + 1))
    failures+=("$label: exited with status $rc")
  fi
}

# The shape of the source tree first: it needs no build.
echo "# tools/check_layers.py"
run_tap "layers" python3 tools/check_layers.py --strict
echo "# tests/tools/test_check_layers.py"
run_tap "layers checker" python3 tests/tools/test_check_layers.py

export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
# Allocations a library loses by itself (fontconfig reading its
# configuration for the letters' PDFs); see the file.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for dir in "$build" "$asan_build"; do
  for t in "$dir"/tests/test_*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    echo "# $t"
    run_tap "$t" "$t"
  done
  echo "# tests/memo/test_memo_xmllint.sh with $dir"
  run_tap "memo xmllint ($dir)" bash tests/memo/test_memo_xmllint.sh "$dir"
  echo "# tests/cli/test_cli.sh with $dir/genop"
  run_tap "cli ($dir)" bash tests/cli/test_cli.sh "$dir/genop"
  echo "# tests/api/test_api.py with $dir/genop"
  run_tap "api ($dir)" python3 tests/api/test_api.py "$dir/genop"
  echo "# tests/api/test_assign.py with $dir/genop"
  run_tap "assign ($dir)" python3 tests/api/test_assign.py "$dir/genop"
  echo "# tests/api/test_identity.py with $dir/genop"
  run_tap "identity ($dir)" python3 tests/api/test_identity.py "$dir/genop"
  echo "# tests/api/test_grant.py with $dir/genop"
  run_tap "grant ($dir)" python3 tests/api/test_grant.py "$dir/genop"
  echo "# tests/api/test_users.py with $dir/genop"
  run_tap "users ($dir)" python3 tests/api/test_users.py "$dir/genop"
  echo "# tests/api/test_search.py with $dir/genop"
  run_tap "search ($dir)" python3 tests/api/test_search.py "$dir/genop"
  echo "# tests/api/test_openapi.py with $dir/genop"
  run_tap "openapi ($dir)" python3 tests/api/test_openapi.py "$dir/genop"
  echo "# tests/api/test_static.py with $dir/genop"
  run_tap "static ($dir)" python3 tests/api/test_static.py "$dir/genop"
  echo "# tests/api/test_body_limit.py with $dir/genop"
  run_tap "body limit ($dir)" python3 tests/api/test_body_limit.py "$dir/genop"
  echo "# tests/api/test_durability.py with $dir/genop"
  run_tap "durability ($dir)" python3 tests/api/test_durability.py "$dir/genop"
  echo "# tests/api/test_demo.py with $dir/genop"
  run_tap "demo ($dir)" python3 tests/api/test_demo.py "$dir/genop"
  echo "# tests/cli/test_history.py with $dir/genop"
  run_tap "history ($dir)" python3 tests/cli/test_history.py "$dir/genop"
  echo "# tests/api/test_refresh.py with $dir/genop"
  run_tap "refresh ($dir)" python3 tests/api/test_refresh.py "$dir/genop"
  echo "# tests/api/test_tasks.py with $dir/genop"
  run_tap "tasks ($dir)" python3 tests/api/test_tasks.py "$dir/genop"
  echo "# tests/api/test_criteria.py with $dir/genop"
  run_tap "criteria ($dir)" python3 tests/api/test_criteria.py "$dir/genop"
  echo "# tests/api/test_closing.py with $dir/genop"
  run_tap "closing ($dir)" python3 tests/api/test_closing.py "$dir/genop"
  echo "# tests/api/test_complaints.py with $dir/genop"
  run_tap "complaints ($dir)" python3 tests/api/test_complaints.py "$dir/genop"
  echo "# tests/api/test_casepage.py with $dir/genop"
  run_tap "case page ($dir)" python3 tests/api/test_casepage.py "$dir/genop"
  echo "# tests/api/test_calendar.py with $dir/genop"
  run_tap "calendar ($dir)" python3 tests/api/test_calendar.py "$dir/genop"
  echo "# tests/api/test_calendar_feed.py with $dir/genop"
  run_tap "calendar feeds ($dir)" python3 tests/api/test_calendar_feed.py "$dir/genop"
  echo "# tests/api/test_calendar_week.py with $dir/genop"
  run_tap "calendar week ($dir)" python3 tests/api/test_calendar_week.py "$dir/genop"
  echo "# tests/api/test_holidays.py with $dir/genop"
  run_tap "holidays ($dir)" python3 tests/api/test_holidays.py "$dir/genop"
  echo "# tests/api/test_report.py with $dir/genop"
  run_tap "report ($dir)" python3 tests/api/test_report.py "$dir/genop"
  echo "# tests/api/test_report_more.py with $dir/genop"
  run_tap "report beyond the contract ($dir)" python3 tests/api/test_report_more.py "$dir/genop"
  echo "# tests/api/test_report_dist.py with $dir/genop"
  run_tap "report distributions ($dir)" python3 tests/api/test_report_dist.py "$dir/genop"
  echo "# tests/api/test_cancellations.py with $dir/genop"
  run_tap "cancellation rules ($dir)" python3 tests/api/test_cancellations.py "$dir/genop"
  echo "# tests/api/test_teams.py with $dir/genop"
  run_tap "teams ($dir)" python3 tests/api/test_teams.py "$dir/genop"
  echo "# tests/api/test_proposals.py with $dir/genop"
  run_tap "proposals ($dir)" python3 tests/api/test_proposals.py "$dir/genop"
  echo "# tests/api/test_letters.py with $dir/genop"
  run_tap "letters ($dir)" python3 tests/api/test_letters.py "$dir/genop"
  echo "# tests/api/test_access_report.py with $dir/genop"
  run_tap "aktindsigt ($dir)" python3 tests/api/test_access_report.py "$dir/genop"
  echo "# tests/api/test_appeal_bundle.py with $dir/genop"
  run_tap "appeal bundle ($dir)" python3 tests/api/test_appeal_bundle.py "$dir/genop"
  echo "# tests/api/test_outbox.py with $dir/genop"
  run_tap "outbox ($dir)" python3 tests/api/test_outbox.py "$dir/genop"
  echo "# tests/letters/test_letter_pdf.py with $dir"
  run_tap "letters pdf ($dir)" python3 tests/letters/test_letter_pdf.py "$dir"
done

# The API document against OpenAPI 3.1, once: it does not depend on a build.
echo "# tests/openapi/run.sh"
run_tap "openapi lint" bash tests/openapi/run.sh

# genop against the independent oracle, once, with the optimised build.
echo "# tests/oracle/test_oracle.py with $build/genop"
run_tap "oracle" python3 tests/oracle/test_oracle.py "$build/genop"

# The report against every demo case's own evaluation, once, with the
# optimised build (the demo database takes a while to make).
echo "# tests/api/test_report_demo.py with $build/genop"
run_tap "report vs evaluations" python3 tests/api/test_report_demo.py "$build/genop"

# The report benchmark's plain SQL against genop report, once, with BUILD.
echo "# tests/cli/test_report_sql.py with $build/genop"
run_tap "report vs plain SQL" python3 tests/cli/test_report_sql.py "$build/genop"

# The web app in a real browser, once, with the optimised build.
echo "# tests/browser/run.sh with $build/genop"
run_tap "browser" bash tests/browser/run.sh "$build/genop"

if [ -n "$fuzz_build" ]; then
  echo "# fuzz smoke run"
  run_tap "fuzz" bash tests/fuzz/run.sh "$fuzz_build" 10
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
fi
if [ ${#skips[@]} -gt 0 ]; then
  printf 'skipped: %s\n' "${skips[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
