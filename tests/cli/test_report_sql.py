#!/usr/bin/env python3
"""The report benchmark's plain SQL (bench/report_kpis.sql, run by
bench/report_kpis.py) still gives genop report's deadline KPIs, so that a
drift of the rules, of the store or of the SQL is caught here and not
first in `make bench`.

  python3 tests/cli/test_report_sql.py build/genop

- a made-up Aalborg history of 300 cases (genop demo --db, as the
  benchmark seeds it): the SQL agrees with genop report for the full year
  2026 as of the history's last day (pending deadlines in it)
  and for 2025 as of 2025-06-30 (the history's later events after as_of);
- corrections and notes stored beside the history's events (a withdrawn
  first session, decisions moved four days, refusals corrected into
  grants twice, the latest winning, a note): genop report reads those
  cases from their events and its numbers change (overdue deadlines
  among them), and the SQL still agrees;
- the check can fail: a report whose one number is changed is refused
  (exit 1, naming the deadline and the measure), and so is one without a
  row.
Prints TAP.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KPIS = os.path.join(HERE, "..", "..", "bench", "report_kpis.py")
GENOP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/genop")
LAST = "2026-11-30"
failures = []
count = 0


def check(cond, what, detail=""):
    global count
    count += 1
    print(("ok " if cond else "not ok ") + f"{count} - {what}")
    if not cond:
        failures.append(what)
        for line in str(detail).splitlines()[:20]:
            print("# " + line)


def report(db, frm, to, as_of):
    r = subprocess.run([GENOP, "report", "--db", db, "--municipality", "aalborg", "--from", frm,
                        "--to", to, "--as-of", as_of, "--format", "json"],
                       capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else None


def kpis(db, frm, to, as_of, report_file=None):
    args = [sys.executable, KPIS, "--genop", GENOP, "--db", db, "--from", frm, "--to", to,
            "--as-of", as_of]
    if report_file:
        args += ["--report", report_file]
    return subprocess.run(args, capture_output=True, text=True)


def agrees(db, frm, to, as_of, what):
    r = kpis(db, frm, to, as_of)
    check(r.returncode == 0 and "agree:" in r.stdout, what, r.stdout + r.stderr)


# Corrections as the store keeps them (src/casework/event_input.c): a row
# of type "correction" whose "event" is the event as it now stands, or
# null to withdraw it, and whose column "corrects" names the event.
CORRECTIONS = """
INSERT INTO case_events (municipality, case_id, type, event_date, body, corrects, author_id)
SELECT 'aalborg', case_id, 'correction', '2026-11-30',
       json_object('type', 'correction', 'date', '2026-11-30', 'corrects', min(id),
                   'event', json('null'), 'reason', 'forkert borger'), min(id), 1
FROM case_events WHERE type = 'session' AND case_id IN
  (SELECT id FROM cases WHERE referral_date >= '2026-01-01' ORDER BY id LIMIT 10)
GROUP BY case_id;
INSERT INTO case_events (municipality, case_id, type, event_date, body, corrects, author_id)
SELECT 'aalborg', case_id, 'correction', '2026-11-30',
       json_object('type', 'correction', 'date', '2026-11-30', 'corrects', id, 'reason', 'datoen',
                   'event', json_set(body, '$.date', date(event_date, '+4 days'))), id, 1
FROM case_events WHERE type = 'decision' AND case_id IN
  (SELECT id FROM cases WHERE referral_date >= '2026-01-01' ORDER BY id LIMIT 10 OFFSET 20);
INSERT INTO case_events (municipality, case_id, type, event_date, body, corrects, author_id)
SELECT 'aalborg', case_id, 'correction', '2026-11-30',
       json_object('type', 'correction', 'date', '2026-11-30', 'corrects', id, 'reason', 'x',
                   'event', json_set(body, '$.date', date(event_date, '+9 days'))), id, 1
FROM case_events WHERE type = 'decision' AND json_extract(body, '$.granted') = 0;
INSERT INTO case_events (municipality, case_id, type, event_date, body, corrects, author_id)
SELECT 'aalborg', e.case_id, 'correction', '2026-11-30',
       json_object('type', 'correction', 'date', '2026-11-30', 'corrects', e.corrects,
                   'reason', 'bevilget', 'event',
                   json_set(json_extract(e.body, '$.event'), '$.granted', json('true'))),
       e.corrects, 1
FROM case_events e WHERE e.type = 'correction' AND e.body LIKE '%"granted":false%';
INSERT INTO case_events (municipality, case_id, type, event_date, body, corrects, author_id)
VALUES ('aalborg', 7, 'note', '2026-11-30', '{"type":"note","date":"2026-11-30","text":"x"}',
        NULL, 1);
"""


def main():
    tmp = tempfile.mkdtemp(prefix="genop-report-sql-")
    try:
        db = os.path.join(tmp, "history.db")
        r = subprocess.run([GENOP, "demo", "--db", db, "--cases", "300", "--municipality",
                            "aalborg", "--years", "2", "--seed", "1", "--as-of", LAST],
                           capture_output=True, text=True)
        check(r.returncode == 0, "genop demo --db --cases 300 (aalborg)", r.stderr)
        if r.returncode != 0:
            return
        full = report(db, "2026-01-01", "2026-12-31", LAST)
        statuses = {s: sum(d[s] for d in full["deadlines"])
                    for s in ("met", "late", "pending", "overdue")} if full else {}
        check(full is not None and all(statuses[s] for s in ("met", "late", "pending")),
              "the full year has met, late and pending deadlines", statuses)
        agrees(db, "2026-01-01", "2026-12-31", LAST, "the SQL agrees: 2026 as of 2026-11-30")
        agrees(db, "2025-01-01", "2025-12-31", "2025-06-30",
               "the SQL agrees: 2025 as of 2025-06-30 (events after as_of)")

        fixed = os.path.join(tmp, "corrected.db")
        shutil.copy(db, fixed)
        con = sqlite3.connect(fixed)
        con.executescript(CORRECTIONS)
        n = con.execute("SELECT count(*) FROM case_events WHERE type = 'correction'").fetchone()[0]
        con.close()
        check(n >= 25, f"corrections stored beside the history ({n})")
        after = report(fixed, "2026-01-01", "2026-12-31", LAST)
        check(after is not None and after["deadlines"] != full["deadlines"] and
              sum(d["overdue"] for d in after["deadlines"]) > 0,
              "the corrections change genop report's deadline numbers (overdue ones too)")
        agrees(fixed, "2026-01-01", "2026-12-31", LAST,
               "the SQL agrees with corrections: 2026 as of 2026-11-30")
        agrees(fixed, "2025-01-01", "2025-12-31", LAST,
               "the SQL agrees with corrections: 2025 as of 2026-11-30")

        bad = json.loads(json.dumps(full))
        row = bad["months"][2]["deadlines"][0]
        row["late"] += 1
        path = os.path.join(tmp, "bad.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        r = kpis(db, "2026-01-01", "2026-12-31", LAST, path)
        key = f"('{bad['months'][2]['month']}', '{row['id']}', '{row['paragraph']}') late"
        check(r.returncode == 1 and key in r.stderr and "DISAGREE" in r.stderr,
              "a report with one number changed is refused, naming it", r.stdout + r.stderr)
        del bad["deadlines"][0]
        row["late"] -= 1
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        r = kpis(db, "2026-01-01", "2026-12-31", LAST, path)
        check(r.returncode == 1 and "only in the SQL" in r.stderr,
              "a report without one of the rows is refused", r.stdout + r.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    print(f"1..{count}")
    sys.exit(1 if failures else 0)
