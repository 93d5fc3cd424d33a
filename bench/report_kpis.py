#!/usr/bin/env python3
"""The deadline KPIs of `genop report` the way a BI tool would compute
them (bench/report_kpis.sql), timed, and checked against genop's own.

  bench/report_kpis.py --genop GENOP --db DB --from DATE --to DATE
                       --as-of DATE [--municipality aalborg]
                       [--report REPORT.json] [--runs N]

1. Makes the table of workdays the query expects, in a temporary
   database attached to the (read-only) store: every day from the year
   before the first referral to two years after the later of the last
   referral and as_of, Monday to Friday a workday unless `genop calendar
   holidays YEAR --standard MUNICIPALITY` lists it (genop's calendar, the
   one the evaluator counts with), with a running number of workdays. A
   date outside it would leave a deadline without a due date, and so a
   difference from genop's numbers, never a silent gap.
2. Runs bench/report_kpis.sql once per run (--runs, 1) with SQLite
   (Python's sqlite3 module, the library the system has) and prints its
   wall and CPU time (this process's user + system time over the query)
   as a JSON line: {"sql_wall": s, "sql_cpu": s, "rows": n}.
3. Compares the rows with the "deadlines" and "months" of genop's report:
   the JSON in --report, or `genop report --format json` run here when
   there is none. Every member of the contract's deadline rows must be
   equal (share_met as a number, nulls as nulls). Prints "agree: N rows"
   and exits 0, or prints every difference and exits 1.

Only the standard's rules for Aalborg are written in the SQL; another
municipality is refused.
"""
import argparse
import datetime
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURES = ["met", "late", "pending", "overdue", "share_met", "days_median", "days_p90",
            "workdays_median", "workdays_p90"]


def holidays(genop, muni, first_year, last_year):
    """Every day off of first_year..last_year by genop's calendar."""
    days = set()
    for year in range(first_year, last_year + 1):
        out = subprocess.run([genop, "calendar", "holidays", str(year), "--standard", muni],
                             capture_output=True, text=True, check=True).stdout
        days.update(line.split(" ", 1)[0] for line in out.splitlines() if line)
    return days


def years(db, args):
    """The calendar's first and last year (see the top of this file)."""
    first, last = db.execute("SELECT min(referral_date), max(referral_date) FROM cases "
                             "WHERE municipality = ?", (args.municipality,)).fetchone()
    if first is None:
        sys.exit(f"report_kpis.py: {args.db} has no cases of {args.municipality}")
    return int(first[:4]) - 1, max(int(last[:4]), int(args.as_of[:4])) + 2


def make_calendar(db, genop, muni, first_year, last_year):
    off = holidays(genop, muni, first_year, last_year)
    db.execute("ATTACH DATABASE '' AS kpi")   # a temporary database of its own
    db.execute("CREATE TABLE kpi.calendar (day TEXT PRIMARY KEY, workday INTEGER NOT NULL, "
               "workday_no INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX kpi.calendar_workday_no ON calendar (workday_no, workday)")
    rows, n = [], 0
    d, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    while d <= last:
        iso = d.isoformat()
        workday = d.weekday() < 5 and iso not in off
        n += workday
        rows.append((iso, int(workday), n))
        d += datetime.timedelta(days=1)
    db.executemany("INSERT INTO kpi.calendar VALUES (?, ?, ?)", rows)
    db.commit()


def cpu_seconds():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run_sql(db, args):
    with open(os.path.join(HERE, "report_kpis.sql"), encoding="utf-8") as f:
        sql = f.read()
    params = {"municipality": args.municipality, "from": args.from_, "to": args.to,
              "as_of": args.as_of}
    t0, c0 = time.perf_counter(), cpu_seconds()
    rows = db.execute(sql, params).fetchall()
    return rows, time.perf_counter() - t0, cpu_seconds() - c0


def sql_table(rows):
    """{(month, id, paragraph): {measure: value}}; month '' is the period."""
    out = {}
    for r in rows:
        out[(r[0], r[1], r[2])] = dict(zip(MEASURES, r[3:]))
    return out


def genop_table(report):
    out = {}
    for d in report["deadlines"]:
        out[("", d["id"], d["paragraph"])] = {m: d.get(m) for m in MEASURES}
    for month in report["months"]:
        for d in month["deadlines"]:
            out[(month["month"], d["id"], d["paragraph"])] = {m: d.get(m) for m in MEASURES}
    return out


def differences(sql, gen):
    diffs = []
    for key in sorted(set(sql) | set(gen)):
        a, b = sql.get(key), gen.get(key)
        if a is None or b is None:
            diffs.append(f"{key}: only in {'genop' if a is None else 'the SQL'}")
            continue
        for m in MEASURES:
            if a[m] != b[m]:
                diffs.append(f"{key} {m}: SQL {a[m]!r}, genop {b[m]!r}")
    return diffs


def genop_report(args):
    r = subprocess.run([args.genop, "report", "--db", args.db, "--municipality",
                        args.municipality, "--from", args.from_, "--to", args.to,
                        "--as-of", args.as_of, "--format", "json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"report_kpis.py: genop report failed ({r.returncode}): {r.stderr.strip()}")
    return json.loads(r.stdout)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--genop", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--municipality", default="aalborg")
    p.add_argument("--from", dest="from_", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--as-of", required=True)
    p.add_argument("--report", help="genop report's JSON (else genop report is run here)")
    p.add_argument("--runs", type=int, default=1)
    args = p.parse_args()
    if args.municipality != "aalborg":
        sys.exit("report_kpis.py: the SQL holds Aalborg's rules only")
    db = sqlite3.connect(f"file:{os.path.abspath(args.db)}?mode=ro", uri=True)
    # The same page cache as genop's store (src/store/sqlite/db.c); the
    # rest as SQLite comes.
    db.execute("PRAGMA cache_size = -65536")
    make_calendar(db, args.genop, args.municipality, *years(db, args))
    rows = None
    for _ in range(args.runs):
        rows, wall, cpu = run_sql(db, args)
        print(json.dumps({"sql_wall": round(wall, 3), "sql_cpu": round(cpu, 3),
                          "rows": len(rows)}), flush=True)
    if args.report:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
    else:
        report = genop_report(args)
    diffs = differences(sql_table(rows), genop_table(report))
    if diffs:
        print(f"report_kpis.py: the SQL and genop report DISAGREE ({len(diffs)} differences):",
              file=sys.stderr)
        for d in diffs[:50]:
            print("  " + d, file=sys.stderr)
        sys.exit(1)
    print(f"agree: {len(rows)} rows (deadline, paragraph, month) equal in every measure")


if __name__ == "__main__":
    main()
