#!/usr/bin/env bash
# Command-line contract tests: drives the genop binary exactly as the
# outside checks of shared/spec/evaluate.md do (commands, output formats,
# exit codes, one-line errors, no partial output) and prints TAP.
#
#   tests/cli/test_cli.sh PATH/TO/genop
set -uo pipefail
genop=${1:?usage: test_cli.sh PATH/TO/genop}
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# expect_out NAME EXPECTED CMD...: exit 0, stdout == EXPECTED, stderr empty.
expect_out() {
  local name=$1 expected=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local out; out=$(cat "$tmp/out")
  if [ $rc -eq 0 ] && [ "$out" = "$expected" ] && [ ! -s "$tmp/err" ]; then
    ok "$name"
  else
    not_ok "$name" "exit $rc" "expected: $expected" "got: $out" "stderr: $(cat "$tmp/err")"
  fi
}

# expect_fail NAME PATTERN CMD...: non-zero exit, nothing on stdout, exactly
# one line on stderr that matches the extended regex PATTERN.
expect_fail() {
  local name=$1 pattern=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local lines; lines=$(wc -l <"$tmp/err")
  if [ $rc -ne 0 ] && [ ! -s "$tmp/out" ] && [ "$lines" -eq 1 ] && grep -qE "$pattern" "$tmp/err"; then
    ok "$name"
  else
    not_ok "$name" "exit $rc, $lines stderr lines" "stdout: $(head -c 300 "$tmp/out")" "stderr: $(cat "$tmp/err")" "wanted: $pattern"
  fi
}

# expect_exit NAME RC PATTERN CMD...: like expect_fail, and the exit status
# is exactly RC (2 for a bad command line, 1 for bad data).
expect_exit() {
  local name=$1 want=$2 pattern=$3; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local lines; lines=$(wc -l <"$tmp/err")
  if [ $rc -eq "$want" ] && [ ! -s "$tmp/out" ] && [ "$lines" -eq 1 ] && grep -qE -- "$pattern" "$tmp/err"; then
    ok "$name"
  else
    not_ok "$name" "exit $rc (wanted $want), $lines stderr lines" "stdout: $(head -c 300 "$tmp/out")" "stderr: $(cat "$tmp/err")" "wanted: $pattern"
  fi
}

# expect_json NAME PYTHON-EXPR CMD...: exit 0 and the expression, evaluated
# with `r` bound to the parsed stdout, is true.
expect_json() {
  local name=$1 expr=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($expr) else 1)" "$tmp/out" 2>>"$tmp/err"; then
    ok "$name"
  else
    not_ok "$name" "exit $rc" "check: $expr" "stdout: $(head -c 1500 "$tmp/out")" "stderr: $(cat "$tmp/err")"
  fi
}

# --- calendar ------------------------------------------------------------
expect_out "holidays 2025, every line, sorted, Danish names" "$(cat "$cases/holidays-2025.txt")" \
  "$genop" calendar holidays 2025
"$genop" calendar holidays 2023 >"$tmp/h23"
if grep -qx "2023-05-05 Store bededag" "$tmp/h23"; then ok "Store bededag 2023 is listed"; else not_ok "Store bededag 2023 is listed" "$(cat "$tmp/h23")"; fi
"$genop" calendar holidays 2024 >"$tmp/h24"
if ! grep -q "Store bededag" "$tmp/h24" && [ "$(wc -l <"$tmp/h24")" -eq 13 ]; then ok "no Store bededag from 2024"; else not_ok "no Store bededag from 2024" "$(cat "$tmp/h24")"; fi
expect_out "holidays include weekend days (2022-12-25 is a Sunday)" "2022-12-25 Juledag" \
  bash -c "'$genop' calendar holidays 2022 | grep Juledag"
expect_fail "holidays 1899 is out of range" "1900" "$genop" calendar holidays 1899
expect_fail "holidays 2200 is out of range" "2199" "$genop" calendar holidays 2200
expect_fail "holidays needs a number" "calendar" "$genop" calendar holidays tyve

expect_out "add 1 workday over Easter 2025" "2025-04-22" "$genop" calendar add 2025-04-16 1 workdays
expect_out "add 0 workdays is the date itself, even a Sunday" "2025-04-20" "$genop" calendar add 2025-04-20 0 workdays
expect_out "add workdays from a Saturday" "2025-04-07" "$genop" calendar add 2025-04-05 1 workdays
expect_out "add workdays across Christmas" "2025-12-29" "$genop" calendar add 2025-12-23 1 workdays
expect_out "add workdays across New Year (31 Dec is a day off)" "2026-01-02" "$genop" calendar add 2025-12-30 1 workdays
expect_out "add 5 workdays over Store bededag 2023" "2023-05-11" "$genop" calendar add 2023-05-03 5 workdays
expect_out "add 5 workdays, same week 2024 (no Store bededag)" "2024-04-29" "$genop" calendar add 2024-04-22 5 workdays
expect_out "add days across a leap day" "2024-03-01" "$genop" calendar add 2024-02-28 2 days
expect_out "add weeks" "2025-05-13" "$genop" calendar add 2025-04-15 4 weeks
expect_out "add months clamps to month end" "2025-02-28" "$genop" calendar add 2025-01-31 1 months
expect_out "add months clamps to 29 Feb in a leap year" "2024-02-29" "$genop" calendar add 2024-01-31 1 months
expect_out "add negative workdays" "2025-04-16" "$genop" calendar add 2025-04-22 -1 workdays
expect_fail "add rejects 2025-02-29" "2025-02-29" "$genop" calendar add 2025-02-29 1 days
expect_fail "add rejects 2025-13-01" "2025-13-01" "$genop" calendar add 2025-13-01 1 days
expect_fail "add rejects 2025-4-1" "2025-4-1" "$genop" calendar add 2025-4-1 1 days
expect_fail "add rejects an unknown unit" "fortnights" "$genop" calendar add 2025-04-01 1 fortnights
expect_fail "add past 2199 is a clear error" "2199" "$genop" calendar add 2199-12-30 5 workdays
expect_exit "add: N that is no number" 1 "N skal være et helt tal, ikke '3x'" "$genop" calendar add 2025-01-01 3x days
expect_exit "add: N out of range names the range" 1 "N = 300000 .*-200000 til 200000" "$genop" calendar add 2025-01-01 300000 days
expect_exit "add: N beyond a long names the range" 1 "-200000 til 200000" "$genop" calendar add 2025-01-01 99999999999999999999999 days

expect_out "between across Easter 2025" "1" "$genop" calendar between 2025-04-16 2025-04-22
expect_out "between counts FROM < d <= TO" "5" "$genop" calendar between 2025-04-04 2025-04-11
expect_out "between the same date is 0" "0" "$genop" calendar between 2025-04-10 2025-04-10
expect_out "between backwards is 0" "0" "$genop" calendar between 2025-04-22 2025-04-16
expect_out "between a whole year (2025 has 250 workdays)" "250" "$genop" calendar between 2024-12-31 2025-12-31
expect_fail "between rejects a bad date" "2023-02-29" "$genop" calendar between 2023-02-29 2023-03-10

# --- evaluate: the spec's example case ------------------------------------
ex=$cases/aalborg-example.json
expect_json "evaluate: standard and as_of echoed" \
  "r['standard']=='aalborg' and r['as_of']=='2025-05-01'" \
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 "$ex"
expect_json "evaluate: start deadline met with due date and Aalborg source" \
  "[ (d['due'],d['done'],d['status']) for d in r['deadlines'] if d['id']=='start'] == [('2025-04-25','2025-04-22','met')] and all(d['source'].startswith('Aalborg, ') for d in r['deadlines'])" \
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 "$ex"
# Aalborg's decision counts from the referral (spec section 4): Thu 04-10
# + 3 workdays = 11, 14, 15; the decision on 04-15 is met on its last day.
expect_json "evaluate: decision 3 workdays from the referral" \
  "[ (d['due'],d['done'],d['status']) for d in r['deadlines'] if d['id']=='decision'] == [('2025-04-15','2025-04-15','met')]" \
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 "$ex"
expect_json "evaluate: complaint window pending, moved to a workday" \
  "[ (d['due'],d['done'],d['status']) for d in r['deadlines'] if d['id']=='complaint_window'] == [('2025-05-13',None,'pending')]" \
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 "$ex"
expect_json "evaluate: attendance and eligibility" \
  "r['attendance']=={'no_shows':0,'citizen_cancellations':0,'review_limit':2,'counts':'no_shows_and_cancellations','status':'ok','source':r['attendance']['source'],'admissions':0,'last_admission':None,'admission_source':None,'admission_detail':None,'first_admission':None,'limit_reached':None,'review_since':None} and r['eligibility']['eligible'] is True and r['eligibility']['findings']==[]" \
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 "$ex"
expect_json "evaluate: the case's own as_of wins over --as-of" \
  "r['as_of']=='2025-04-11' and [d['status'] for d in r['deadlines'] if d['id']=='complaint_window']==['pending']" \
  bash -c "python3 -c \"import json,sys; c=json.load(open('$ex')); c['as_of']='2025-04-11'; print(json.dumps(c))\" | '$genop' evaluate --standard aalborg --as-of 2030-01-01 -"
expect_json "evaluate: a standard given as a YAML path" \
  "r['standard']=='aalborg'" \
  "$genop" evaluate --standard "$here/../../standards/aalborg.yaml" --as-of 2025-05-01 "$ex"
expect_json "evaluate: Skive limits per ISO week with the worst week" \
  "{l['id']:(l['status'],l['used'],l['max'],l.get('period')) for l in r['limits']} == {'sessions_per_week':('exceeded',3,2,'2025-W17'),'minutes_per_week':('exceeded',135,90,'2025-W17'),'course_length':('ok',13,122,None)}" \
  "$genop" evaluate --standard skive --as-of 2025-05-05 "$cases/skive-weekly.json"

# --- evaluate: a decision's grant and its exceptions (letters.md §1) --------
# Skive: 2 sessions and 90 minutes a week, 4 months. The grant of
# 2025-04-14 excepts the sessions a week (3) and the course length (200
# days); three sessions of 45 minutes in week 17 (21-27 April).
grant=$cases/skive-grant.json
expect_json "evaluate: a grant's exceptions set max and say so; the others keep the standard's" \
  "{l['id']:(l['status'],l['used'],l['max'],l.get('period'),l.get('exception')) for l in r['limits']} == {'sessions_per_week':('ok',3,3,'2025-W17',{'reason':'Særligt komplekst træningsbehov: tre gange om ugen i de første uger.','decided':'2025-04-14','standard_max':2}),'minutes_per_week':('exceeded',135,90,'2025-W17',None),'course_length':('ok',13,200,None,{'reason':'Forløbet kan forlænges.','decided':'2025-04-14','standard_max':122})}" \
  "$genop" evaluate --standard skive --as-of 2025-05-05 "$grant"
expect_json "evaluate: a later grant without exceptions replaces the first" \
  "[(l['id'],l['max'],'exception' in l) for l in r['limits'] if l['id']=='sessions_per_week']==[('sessions_per_week',2,False)]" \
  bash -c "python3 -c \"import json; c=json.load(open('$grant')); c['events'].append({'type':'decision','date':'2025-04-30','granted':True,'grant':{'form':'team','place':'centre','sessions_per_week':2,'minutes_per_session':45,'transport':False}}); print(json.dumps(c))\" | '$genop' evaluate --standard skive --as-of 2025-05-05 -"
expect_json "evaluate: a decision without a grant (an older file) is read" \
  "[l['max'] for l in r['limits'] if l['id']=='sessions_per_week']==[2]" \
  bash -c "python3 -c \"import json; c=json.load(open('$grant')); del c['events'][2]['grant']; print(json.dumps(c))\" | '$genop' evaluate --standard skive --as-of 2025-05-05 -"
expect_fail "evaluate: an exception without a reason names its path" \
  '^genop: .*\$\.events\[2\]\.grant\.exceptions\[1\]\.reason mangler' \
  bash -c "python3 -c \"import json; c=json.load(open('$grant')); del c['events'][2]['grant']['exceptions'][1]['reason']; print(json.dumps(c))\" | '$genop' evaluate --standard skive -"
expect_fail "evaluate: an exception to an unknown limit names its path" \
  '\$\.events\[2\]\.grant\.exceptions\[0\]\.limit er .walks.' \
  bash -c "python3 -c \"import json; c=json.load(open('$grant')); c['events'][2]['grant']['exceptions'][0]['limit']='walks'; print(json.dumps(c))\" | '$genop' evaluate --standard skive -"
expect_fail "evaluate: a grant's end before its decision names its path" \
  '\$\.events\[2\]\.grant\.until er 2025-04-01, før afgørelsens dato 2025-04-14' \
  bash -c "python3 -c \"import json; c=json.load(open('$grant')); c['events'][2]['grant']['until']='2025-04-01'; print(json.dumps(c))\" | '$genop' evaluate --standard skive -"

# --- evaluate: a hospital admission during the course (genop's admitted) ---
# Skive: "Udebliver eller indlægges borgeren, kan genoptræningen afsluttes."
# The course starts 2026-02-24; admitted 2026-02-20 (before: not counted)
# and 2026-03-12 (during: review); no no-shows.
adm=$cases/skive-admitted.json
expect_json "evaluate: an admission during a Skive course puts it up for review" \
  "[r['attendance'][k] for k in ('status','no_shows','admissions','last_admission','admission_source','admission_detail')]==['review',0,1,'2026-03-12','Skive, Kommunens kvalitetsmål og leverancesikkerhed','Borgeren blev indlagt den 12. marts 2026 under forløbet; forløbet skal revurderes.']" \
  "$genop" evaluate --standard skive --as-of 2026-04-01 "$adm"
expect_json "evaluate: Aalborg counts the admission, status ok (no such rule)" \
  "[r['attendance'][k] for k in ('status','admissions','admission_source','admission_detail')]==['ok',1,None,None]" \
  "$genop" evaluate --standard aalborg --as-of 2026-04-01 "$adm"
expect_json "evaluate: an admission before the first session does not count" \
  "[r['attendance'][k] for k in ('status','admissions','last_admission')]==['ok',0,None]" \
  bash -c "python3 -c \"import json; c=json.load(open('$adm')); c['events']=[e for e in c['events'] if e.get('date')!='2026-03-12']; print(json.dumps(c))\" | '$genop' evaluate --standard skive --as-of 2026-04-01 -"
expect_fail "evaluate: an admission without a date names its path" '\$.events\[[0-9]\].date mangler' \
  bash -c "echo '{\"events\":[{\"type\":\"referral_received\",\"date\":\"2026-02-16\",\"paragraph\":\"86.1\"},{\"type\":\"admitted\"}]}' | '$genop' evaluate --standard skive -"

# --- evaluate: bad input --------------------------------------------------
bad() { echo "$2" >"$tmp/$1.json"; echo "$tmp/$1.json"; }
expect_fail "evaluate: unknown event type names the path" '\$\.events\[1\]\.type' \
  "$genop" evaluate --standard aalborg "$(bad t1 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"telepathy","date":"2025-04-11"}]}')"
expect_fail "evaluate: impossible date names the path" '\$\.events\[0\]\.date.*2025-02-29' \
  "$genop" evaluate --standard aalborg "$(bad t2 '{"events":[{"type":"referral_received","date":"2025-02-29","paragraph":"86.1"}]}')"
expect_fail "evaluate: missing field" '\$\.events\[1\]\.granted' \
  "$genop" evaluate --standard aalborg "$(bad t3 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"decision","date":"2025-04-11"}]}')"
expect_fail "evaluate: wrong type" '\$\.events\[1\]\.minutes' \
  "$genop" evaluate --standard aalborg "$(bad t4 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"session","date":"2025-04-11","minutes":"45","outcome":"attended"}]}')"
# evaluate.md section 2: assigned (api.md) and appeal_decided (letters.md)
# may appear in a case and change nothing in its evaluation.
with_ev='{"citizen":{},"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"assigned","date":"2025-04-11","role":"terapeut","username":"tina"},{"type":"decision","date":"2025-04-11","granted":false},{"type":"complaint_received","date":"2025-04-20"},{"type":"complaint_decided","date":"2025-04-25","upheld":"none"},{"type":"complaint_forwarded","date":"2025-04-28"},{"type":"appeal_decided","date":"2025-06-02","outcome":"remitted"}]}'
without_ev=$(python3 -c "import json,sys; c=json.loads(sys.argv[1]); c['events']=[e for e in c['events'] if e['type'] not in ('assigned','appeal_decided')]; print(json.dumps(c))" "$with_ev")
if [ "$(echo "$with_ev" | "$genop" evaluate --standard aalborg --as-of 2025-07-01 -)" = \
     "$(echo "$without_ev" | "$genop" evaluate --standard aalborg --as-of 2025-07-01 -)" ]; then
  ok "evaluate: assigned and appeal_decided events change nothing"
else
  not_ok "evaluate: assigned and appeal_decided events change nothing"
fi
expect_fail "evaluate: an assigned event's role is visitator or terapeut" '\$\.events\[1\]\.role' \
  "$genop" evaluate --standard aalborg "$(bad t6 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"assigned","date":"2025-04-11","role":"leder","username":"x"}]}')"
expect_fail "evaluate: an appeal's outcome is one of four" '\$\.events\[1\]\.outcome' \
  "$genop" evaluate --standard aalborg "$(bad t7 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"appeal_decided","date":"2025-04-11","outcome":"won"}]}')"
# A complaint's detail (docs/complaints.md): channel, about and text change
# nothing in an evaluation where the route goes to the municipality, for
# all five standards; an unknown value names its path; Ishøj's
# professional content goes straight to Styrelsen for Patientklager and
# starts no complaint deadline.
detailed=$(python3 -c "import json,sys; c=json.loads(sys.argv[1]); c['events'][3].update(channel='written', about='decision', text='Uenig i afslaget.'); print(json.dumps(c))" "$with_ev")
same=yes
for s in rodovre skive nyborg ishoj aalborg; do
  [ "$(echo "$detailed" | "$genop" evaluate --standard $s --as-of 2025-07-01 -)" = \
    "$(echo "$without_ev" | "$genop" evaluate --standard $s --as-of 2025-07-01 -)" ] || same="no ($s)"
done
if [ "$same" = yes ]; then ok "evaluate: a complaint's channel, about and text change nothing"
else not_ok "evaluate: a complaint's channel, about and text change nothing" "$same"; fi
expect_fail "evaluate: a complaint's channel is oral or written" '\$\.events\[2\]\.channel.*oral' \
  "$genop" evaluate --standard aalborg "$(bad t9 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"decision","date":"2025-04-11","granted":false},{"type":"complaint_received","date":"2025-04-20","channel":"fax"}]}')"
expect_fail "evaluate: what a complaint is about is one of three" '\$\.events\[2\]\.about.*det faglige indhold' \
  "$genop" evaluate --standard aalborg "$(bad t10 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"decision","date":"2025-04-11","granted":false},{"type":"complaint_received","date":"2025-04-20","about":"waiting"}]}')"
professional=$(python3 -c "import json,sys; c=json.loads(sys.argv[1]); c['events']=c['events'][:4]; c['events'][3]['about']='professional'; print(json.dumps(c))" "$with_ev")
ids=$(echo "$professional" | "$genop" evaluate --standard ishoj --as-of 2025-05-01 - | python3 -c "import json,sys; print(' '.join(d['id']+':'+d['status'] for d in json.load(sys.stdin)['deadlines']))")
if [ "$ids" = "assessment:pending complaint_window:pending" ]; then
  ok "evaluate: Ishøj's professional content starts no complaint deadline"
else
  not_ok "evaluate: Ishøj's professional content starts no complaint deadline" "$ids"
fi
expect_fail "evaluate: no referral" 'referral_received' \
  "$genop" evaluate --standard aalborg "$(bad t5 '{"events":[{"type":"contacted","date":"2025-04-11"}]}')"
expect_fail "evaluate: two referrals" '\$\.events\[1\].*referral_received' \
  "$genop" evaluate --standard aalborg "$(bad t6 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.1"},{"type":"referral_received","date":"2025-04-11","paragraph":"86.1"}]}')"
expect_fail "evaluate: malformed JSON gives line and column" 'linje 1, kolonne' \
  "$genop" evaluate --standard aalborg "$(bad t7 '{"events": [}')"
expect_fail "evaluate: bad paragraph" '86\.3' \
  "$genop" evaluate --standard aalborg "$(bad t8 '{"events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.3"}]}')"
expect_fail "evaluate: unknown standard lists the shipped ones" 'aalborg' \
  "$genop" evaluate --standard odense "$ex"
expect_fail "evaluate: bad --as-of" 'as-of' \
  "$genop" evaluate --standard aalborg --as-of 2025-02-30 "$ex"
expect_fail "evaluate: missing file" 'nosuchfile' \
  "$genop" evaluate --standard aalborg "$tmp/nosuchfile.json"
expect_exit "evaluate: --as-of followed by a file name is a bad date, not a missing file" 1 \
  "^genop: evaluate: --as-of: 'ok\.json' er ikke en dato på formen ÅÅÅÅ-MM-DD$" \
  "$genop" evaluate --standard aalborg --as-of ok.json
expect_exit "evaluate: --as-of without a value is a usage error" 2 "--as-of kræver en værdi" \
  "$genop" evaluate --standard aalborg --as-of

# --- evaluate --jsonl -----------------------------------------------------
{
  python3 -c "import json; print(json.dumps(json.load(open('$ex'))))"
  echo '{"events":[{"type":"referral_received","date":"2025-02-29","paragraph":"86.1"}]}'
  echo '{"id":"c3","events":[{"type":"referral_received","date":"2025-04-10","paragraph":"86.2"}]}'
} >"$tmp/in.jsonl"
"$genop" evaluate --standard aalborg --as-of 2025-05-01 --jsonl <"$tmp/in.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 3, lines
a, b, c = (json.loads(l) for l in lines)
assert a["standard"] == "aalborg" and "error" not in a
assert set(b) == {"error"} and "2025-02-29" in b["error"] and "linje 2" in b["error"]
# § 86.2 from Thu 04-10: decision 5 workdays (11, 14-16, Easter, 22),
# start 10 workdays (... 29); both overdue on 05-01.
assert c["id"] == "c3" and [d["id"] for d in c["deadlines"]] == ["decision", "start"]
assert [(d["due"], d["status"]) for d in c["deadlines"]] == [("2025-04-22", "overdue"), ("2025-04-29", "overdue")]
PY
then ok "jsonl: one line per case, an error line for the bad one, exit 1"; else not_ok "jsonl: one result per line" "exit $rc" "$(cat "$tmp/out.jsonl")"; fi
head -1 "$tmp/in.jsonl" | "$genop" evaluate --standard aalborg --as-of 2025-05-01 --jsonl >"$tmp/one" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(wc -l <"$tmp/one")" -eq 1 ]; then ok "jsonl: all good exits 0"; else not_ok "jsonl: all good exits 0" "$(cat "$tmp/err")"; fi

# jsonl_check NAME RC PYTHON-CHECK: runs `evaluate --jsonl` on $tmp/in.jsonl;
# passes when the exit status is RC and the check (with `lines`, the output
# lines) holds.
jsonl_check() {
  local name=$1 want=$2 check=$3
  "$genop" evaluate --standard aalborg --as-of 2025-05-01 --jsonl <"$tmp/in.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq "$want" ] && python3 -c "
import json, sys
lines = open(sys.argv[1], newline='').read().split('\n')
assert lines[-1] == '', 'output must end in a newline'
lines = [json.loads(l) for l in lines[:-1]]
assert ($check), lines
" "$tmp/out.jsonl" 2>>"$tmp/err"; then
    ok "$name"
  else
    not_ok "$name" "exit $rc (wanted $want)" "$(head -c 600 "$tmp/out.jsonl")" "stderr: $(cat "$tmp/err")"
  fi
}
good=$(python3 -c "import json; print(json.dumps(json.load(open('$ex'))))")
printf '%s\n%s\n\n\n' "$good" "$good" >"$tmp/in.jsonl"
jsonl_check "jsonl: blank lines at the end give no error lines" 0 \
  "len(lines) == 2 and all('error' not in l for l in lines)"
printf '%s\r\n%s\r\n\r\n\r\n' "$good" "$good" >"$tmp/in.jsonl"
jsonl_check "jsonl: CRLF lines and trailing CRLF blank lines are fine" 0 \
  "len(lines) == 2 and all(l['standard'] == 'aalborg' for l in lines)"
printf '%s\r\n%s' "$good" "$good" >"$tmp/in.jsonl"
jsonl_check "jsonl: last line without a newline is read" 0 "len(lines) == 2"
printf '%s\n\n%s\n\n' "$good" "$good" >"$tmp/in.jsonl"
jsonl_check "jsonl: a blank line in the middle gives its own error line" 1 \
  "len(lines) == 3 and 'error' not in lines[0] and set(lines[1]) == {'error'} and 'linje 2' in lines[1]['error'] and lines[2]['standard'] == 'aalborg'"
: >"$tmp/in.jsonl"
jsonl_check "jsonl: empty input gives no output" 0 "lines == []"

# --- standard ---------------------------------------------------------------
# As of Nyborg's revision day: no standard is older than it promises yet.
for s in rodovre skive nyborg ishoj aalborg; do
  expect_out "standard check accepts the shipped $s" "" bash -c "'$genop' standard check --as-of 2018-05-03 '$here/../../standards/$s.yaml' >/dev/null"
done
nyborg_warning="standards/nyborg.yaml: advarsel: standarden blev godkendt 3. maj 2017 og skal ifølge sig selv revideres hver 12. måned; den skulle have været revideret senest 3. maj 2018."
for as_of in 2018-05-04 ""; do
  (cd "$here/../.." && "$genop" standard check ${as_of:+--as-of "$as_of"} standards/nyborg.yaml) >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && grep -qxE "standards/nyborg.yaml: i orden \(Nyborg Kommune, [0-9]+ frister, 0 grænser\)" "$tmp/out" \
     && [ "$(cat "$tmp/err")" = "$nyborg_warning" ]; then
    ok "standard check warns that Nyborg is past its yearly revision (as of ${as_of:-today}) and exits 0"
  else
    not_ok "standard check warns that Nyborg is past its yearly revision (as of ${as_of:-today})" "exit $rc" "out: $(cat "$tmp/out")" "err: $(cat "$tmp/err")"
  fi
done
expect_out "standard check: Ishøj's revision has no interval, so no warning today" \
  "i orden (Ishøj Kommune" \
  bash -c "'$genop' standard check '$here/../../standards/ishoj.yaml' | grep -o 'i orden (Ishøj Kommune'"
expect_exit "standard check: --as-of that is no date is bad data" 1 "as-of.*2018-02-30" \
  "$genop" standard check --as-of 2018-02-30 "$here/../../standards/nyborg.yaml"
expect_exit "standard check: --as-of without a date is a usage error" 2 "as-of" \
  "$genop" standard check "$here/../../standards/nyborg.yaml" --as-of
cat >"$tmp/revision.yaml" <<'YAML'
id: test
municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}
title: Test
paragraphs: ["86.1"]
content: {purpose: [Test]}
revision:
  every: {amount: 12, unit: months}
  source: {section: Om standarden}
closure_reasons:
  - {id: Færdig, label: Færdig, source: {section: Afslutning}}
YAML
"$genop" standard check "$tmp/revision.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "revision.yaml:7:11: revision har 'every', men ikke 'approved_on'" "$tmp/err" \
   && grep -q "revision.yaml:10:10: afslutningsgrundens id 'Færdig'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
  ok "standard check: a revision interval without its approval date and a bad reason id, at line and column"
else
  not_ok "standard check: revision and reason problems" "exit $rc" "$(cat "$tmp/err")"
fi
cat >"$tmp/bad.yaml" <<'YAML'
id: test
municipality:
  name: Testrup Kommune
  short_name: Testrup
  code: 999
title: Test
effective_from: 2025-02-30
paragraphs: ["86.1"]
deadlines:
  - id: contact
    label: Kontakt
    from: telegram_received
    until: contacted
    amount: -5
    unit: workdays
  - id: start
    label: Start
    from: referral_received
    until: first_session
    amount: 14
    unit: fortnights
    colour: blue
    source:
      section: Kvalitetsmål
content:
  purpose: [Test]
YAML
"$genop" standard check "$tmp/bad.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] && grep -qE "bad.yaml:7:17: .*2025-02-30" "$tmp/err" \
   && grep -qE "bad.yaml:12:11: .*telegram_received" "$tmp/err" \
   && grep -qE "bad.yaml:14:13: .*-5" "$tmp/err" \
   && grep -qE "bad.yaml:10:5: .*source" "$tmp/err" \
   && grep -qE "bad.yaml:21:11: .*fortnights" "$tmp/err" \
   && grep -qE "bad.yaml:22:5: .*colour" "$tmp/err"; then
  ok "standard check reports every problem with file:line:column"
else
  not_ok "standard check reports every problem with file:line:column" "exit $rc" "$(cat "$tmp/err")"
fi
printf 'id: [unclosed\n' >"$tmp/syntax.yaml"
"$genop" standard check "$tmp/syntax.yaml" >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 0 ] && grep -qE "syntax.yaml:[0-9]+:[0-9]+: YAML" "$tmp/err"; then ok "standard check: YAML syntax error with position"; else not_ok "standard check: YAML syntax error" "$(cat "$tmp/err")"; fi
"$genop" standard show aalborg >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "Kilde: Aalborg, Hvordan får du bevilget træning?" "$tmp/out" && grep -q "3 hverdage" "$tmp/out"; then ok "standard show prints rules with sources in Danish"; else not_ok "standard show" "$(head -20 "$tmp/out")"; fi
expect_fail "standard show: unknown id" "findes ikke" "$genop" standard show odense
"$genop" standard show ishoj >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "^Grunde til at afslutte et forløb$" "$tmp/out" \
   && grep -A1 "Ikke motiveret for genoptræning (not_motivated)" "$tmp/out" | grep -q "Kilde: Ishøj, Omfang og varighed" \
   && grep -A1 "Borgeren er flyttet (moved)" "$tmp/out" | grep -q "genops generelle grund" \
   && grep -q "Standarden angiver ingen fast frist for, hvornår den revideres." "$tmp/out" && ! grep -q ADVARSEL "$tmp/out"; then
  ok "standard show: Ishøj's reasons for ending a course with sources, genop's general ones, no revision interval"
else
  not_ok "standard show: Ishøj's reasons for ending a course" "$(cat "$tmp/out")"
fi
"$genop" standard show nyborg >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "^Målgruppen: betingelser, som visitator vurderer$" "$tmp/out" \
   && grep -A2 "Borgeren kan ikke få træning, hvis borgeren selv kan forbedre" "$tmp/out" \
      | grep -q "Kilde: Nyborg, Hvilke opgaver indgår ikke i genoptræningen"; then
  ok "standard show: Nyborg's target group criteria with their sources"
else
  not_ok "standard show: Nyborg's target group criteria" "$(cat "$tmp/out")"
fi
"$genop" standard show nyborg --as-of 2019-01-01 >"$tmp/out" 2>"$tmp/err"
"$genop" standard show nyborg --as-of 2018-01-01 >"$tmp/out2" 2>>"$tmp/err"
if grep -q "ADVARSEL: standarden blev godkendt 3. maj 2017 og skal ifølge sig selv revideres hver 12. måned; den skulle have været revideret senest 3. maj 2018." "$tmp/out" \
   && grep -q "revideres hver 12. måned, regnet fra godkendelsen 3. maj 2017." "$tmp/out2" && ! grep -q ADVARSEL "$tmp/out2" && [ ! -s "$tmp/err" ]; then
  ok "standard show: Nyborg's revision, with a warning only once it is overdue"
else
  not_ok "standard show: Nyborg's revision" "$(head -12 "$tmp/out")" "$(head -12 "$tmp/out2")" "$(cat "$tmp/err")"
fi
"$genop" standard show rodovre >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "højst 32 træningsgange i alt\." "$tmp/out" && grep -q "højst 8 udredningsgange\." "$tmp/out" \
   && grep -q "ved 2 udeblivelser\." "$tmp/out"; then ok "standard show: total limits with units"; else not_ok "standard show: total limits with units" "$(cat "$tmp/out")"; fi
"$genop" standard show skive >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "højst 2 træningsgange pr. uge\." "$tmp/out" && grep -q "højst 90 minutter pr. uge\." "$tmp/out" \
   && grep -q "højst 4 måneder fra første træningsgang" "$tmp/out" && grep -q "ved 1 udeblivelse\." "$tmp/out"; then
  ok "standard show: weekly limits with units, singular for 1"
else
  not_ok "standard show: weekly limits with units, singular for 1" "$(cat "$tmp/out")"
fi

# --- demo -------------------------------------------------------------------
demo_cases=$here/../../demo/cases
"$genop" demo --cases "$demo_cases" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "opgjort 2025-07-01" "$tmp/out" \
   && grep -qE "Træningsminutter pr. uge +135 af 90 minutter \(uge 2025-W17\)  OVERSKREDET" "$tmp/out" \
   && grep -qE "Forløbets længde +13 af 122 dage$" "$tmp/out" \
   && grep -q "for sent (udført 2025-02-12)" "$tmp/out" && grep -q "OVERSKREDET med 6 hverdage" "$tmp/out" \
   && grep -q "Klagefrist .*udløbet uden klage" "$tmp/out" && ! grep -q "))" "$tmp/out"; then
  ok "demo: each case at its own as_of, limits with units and week, deadline wording"
else
  not_ok "demo: each case at its own as_of" "$(head -c 3000 "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
"$genop" demo --cases "$demo_cases" --as-of 2025-04-15 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(grep -c "opgjort " "$tmp/out")" -ge 1 ] && ! grep "opgjort " "$tmp/out" | grep -qv "opgjort 2025-04-15$" \
   && grep -q "Klagefrist .*åben, 17 hverdage tilbage" "$tmp/out"; then
  ok "demo: --as-of overrides the cases' own as_of"
else
  not_ok "demo: --as-of overrides the cases' own as_of" "$(grep opgjort "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
mkdir -p "$tmp/demo"
echo '{"standard":"ishoj","title":"Uden data","citizen":{},"events":[{"type":"referral_received","date":"2024-02-01","paragraph":"86.1"},{"type":"previous_course","date":"2024-01-01","condition":"hofte"}]}' >"$tmp/demo/a.json"
"$genop" demo --cases "$tmp/demo" --as-of 2024-02-05 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "Ikke kontrolleret: alder (ingen fødselsdato)" "$tmp/out" \
   && grep -q "Ikke kontrolleret: bopæl (ingen kommunekode)" "$tmp/out" \
   && grep -q "Bemærk: henvendelsen er modtaget før kvalitetsstandarden trådte i kraft (2024-05-01)" "$tmp/out" \
   && grep -q "åben, 13 hverdage tilbage" "$tmp/out"; then
  ok "demo: warnings and rules that could not be checked"
else
  not_ok "demo: warnings and rules that could not be checked" "$(cat "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
expect_exit "demo: --cases without a value" 2 "--cases kræver en mappe" "$genop" demo --cases
expect_exit "demo: bad --as-of" 1 "--as-of: 'x' er ikke en dato" "$genop" demo --as-of x

# --- the database's location ------------------------------------------------
# --db takes sqlite:FILE or a bare FILE (the same database); other schemes
# are refused in one Danish line that names the location.
if printf 'korrekt-hest-batteri\n' | "$genop" user add --db "sqlite:$tmp/loc.db" --municipality aalborg \
     --role visitator anne >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/loc.db" ] && [ ! -e "sqlite:$tmp/loc.db" ]; then
  ok "user add --db sqlite:FILE makes FILE"
else
  not_ok "user add --db sqlite:FILE makes FILE" "$(cat "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
"$genop" token create --db "$tmp/loc.db" --user anne --name cli >"$tmp/out" 2>"$tmp/err"
created=$?
"$genop" token list --db "sqlite:$tmp/loc.db" >"$tmp/out" 2>"$tmp/err"
listed=$?
if [ $created -eq 0 ] && [ $listed -eq 0 ] && grep -qE "anne +aalborg .* cli$" "$tmp/out"; then
  ok "a bare --db FILE and --db sqlite:FILE are the same database"
else
  not_ok "a bare --db FILE and --db sqlite:FILE are the same database" "$(cat "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
expect_exit "--db postgresql://... is refused, naming it" 1 \
  '^genop: token list: databasen "postgresql://genop@db/genop": PostgreSQL understøttes ikke endnu; .*sqlite:STI' \
  "$genop" token list --db postgresql://genop@db/genop
expect_exit "--db with an unknown scheme is refused, naming it" 1 \
  '^genop: serve: databasen "mysql://db/genop": ukendt databasetype "mysql:"; genop kender sqlite:STI' \
  "$genop" serve --db mysql://db/genop --listen 127.0.0.1:1
if "$genop" demo --db "sqlite:$tmp/demo.db" >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/demo.db" ] &&
   grep -q "genop serve --db sqlite:$tmp/demo.db" "$tmp/out"; then
  ok "demo --db sqlite:FILE makes FILE"
else
  not_ok "demo --db sqlite:FILE makes FILE" "$(tail -5 "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
expect_exit "demo --db sqlite:FILE looks at FILE: an existing one is refused" 1 \
  "^genop: demo: databasen $tmp/demo.db findes allerede" "$genop" demo --db "sqlite:$tmp/demo.db"

# --- demo --db --cases N: a municipality's history (tests/cli/test_history.py has the rest)
if "$genop" demo --db "$tmp/history.db" --cases 25 --municipality nyborg --years 1 --seed 3 \
     --as-of 2026-03-31 >"$tmp/out" 2>"$tmp/err" &&
   grep -q "^Historikken for Nyborg Kommune er skrevet i $tmp/history.db: 25 sager henvist 2025-04-01 til 2026-03-31 (frø 3)" "$tmp/out"; then
  ok "demo --db --cases 25: Nyborg's history of a year"
else
  not_ok "demo --db --cases 25" "$(cat "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
expect_exit "demo --db --cases N needs --municipality" 2 "^genop: demo: --cases med --db kræver --municipality" \
  "$genop" demo --db "$tmp/history2.db" --cases 5 --years 1
expect_exit "demo --db --cases N: N must be a count" 2 "^genop: demo: --cases skal med --db være et antal sager fra 1 til 10000000, ikke 'fem'" \
  "$genop" demo --db "$tmp/history2.db" --cases fem --municipality nyborg --years 1
expect_exit "demo --db --cases N: an unknown municipality" 2 "der er ingen kvalitetsstandard for 'gotham'" \
  "$genop" demo --db "$tmp/history2.db" --cases 5 --municipality gotham --years 1
expect_exit "demo: --years without --db --cases" 2 "^genop: demo: --municipality, --years og --seed hører til --db med --cases" \
  "$genop" demo --years 2
# --- genop report (shared/spec/report.md; tests/api/test_report.py checks its numbers)
rep=(--municipality skive --from 2025-01-01 --to 2026-12-31)
if "$genop" report --db "sqlite:$tmp/demo.db" "${rep[@]}" --format json >"$tmp/out" 2>"$tmp/err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["municipality"] == "skive" and d["cases"]["evaluated"] > 0 and all(k in d for k in ("deadlines","months","attendance","cases"))' "$tmp/out"; then
  ok "report --format json on the demo database"
else
  not_ok "report --format json on the demo database" "$(head -c 400 "$tmp/out")" "stderr: $(cat "$tmp/err")"
fi
expect_exit "report: no --db is a usage error" 2 "^genop: report: mangler --db" "$genop" report "${rep[@]}"
expect_exit "report: an unknown --format is a usage error" 2 "^genop: report: --format skal" \
  "$genop" report --db "$tmp/demo.db" "${rep[@]}" --format pdf
expect_exit "report: a bad date is bad data" 1 "^genop: report: --from: " \
  "$genop" report --db "$tmp/demo.db" --municipality skive --from 2025-02-30 --to 2025-12-31
expect_exit "report: a period ending before it starts" 1 "slutdatoen ligger før startdatoen" \
  "$genop" report --db "$tmp/demo.db" --municipality skive --from 2025-02-01 --to 2025-01-31
expect_exit "report: a database that does not exist is not made" 1 "findes ikke" \
  "$genop" report --db "$tmp/nothing.db" "${rep[@]}"
if [ ! -e "$tmp/nothing.db" ]; then ok "report: no file made"; else not_ok "report: no file made"; fi

# --- help and usage ----------------------------------------------------------
"$genop" --help >"$tmp/out" 2>&1
if [ $? -eq 0 ] && grep -q evaluate "$tmp/out" && grep -q calendar "$tmp/out" && grep -q standard "$tmp/out"; then ok "--help lists the commands"; else not_ok "--help" "$(cat "$tmp/out")"; fi
for c in evaluate calendar standard demo report; do
  "$genop" $c --help >"$tmp/out" 2>&1
  if [ $? -eq 0 ] && grep -q "Brug" "$tmp/out"; then ok "$c --help"; else not_ok "$c --help" "$(cat "$tmp/out")"; fi
done
"$genop" --help >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "^Kommandoer:" "$tmp/out"; then ok "--help prints the full help on stdout"; else not_ok "--help on stdout" "$(cat "$tmp/err")"; fi
expect_exit "no command: one line, exit 2" 2 "^genop: angiv en kommando \(se 'genop --help'\)$" "$genop"
expect_exit "calendar without a subcommand: one line, exit 2" 2 "^genop: calendar: .*genop calendar --help" "$genop" calendar
expect_exit "standard without a subcommand: one line, exit 2" 2 "^genop: standard: .*genop standard --help" "$genop" standard
expect_exit "usage errors read 'genop: COMMAND: message'" 2 "^genop: evaluate: mangler --standard" "$genop" evaluate x.json
expect_fail "unknown command points to the help" "genop --help" "$genop" frobnicate
expect_fail "unknown option points to the command's help" "genop evaluate --help" "$genop" evaluate --standard aalborg --frob x.json

echo "1..$n"
