#!/usr/bin/env python3
"""The report's distributions beyond the contract (docs/report.md, "For
the leder's charts"), for Ledelsesinformation: each period row's
days_histogram and workdays_histogram, and open_by_due, the deadlines
open as of as_of by workdays to due. A small Aalborg history filled
through the API, every number worked out by hand below (the workdays by
Aalborg's calendar, which `genop calendar between --standard aalborg`
agrees with; February and March 2025 have no holiday). Checks:
- open_by_due as of Wed 2025-03-19: each (deadline, paragraph) with open
  deadlines, every bucket, deadlines due after the period too, none of a
  closed case; as of Sun 2025-03-23 a deadline due on the Friday is
  overdue with no workday since (bucket 0-5); ?paragraph=86.2;
- the histograms of the period's rows (and none in the months' rows),
  their counts adding up to met + late, the median read off them equal
  to days_median;
- the contract's fields as they were, and `genop report --format json`
  the same JSON as the API;
- the other forms: the workbook (GET /api/v1/report.xlsx, read back with
  openpyxl) has sheets "Ventetider" (a row per deadline, paragraph and
  number of days, the counts of calendar days and workdays) and "Åbne
  frister" (the nine buckets as columns, headed in Danish), numbers as
  numbers, the same as the JSON and the hand-worked numbers; `genop report
  --format csv` has rows days_histogram, workdays_histogram and
  open_by_due that give the JSON back; the text has the section on the
  open deadlines.
Prints TAP.

    tests/api/test_report_dist.py PATH/TO/genop
"""

import csv
import io
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, PASSWORD, Server, Tap, login_as  # noqa: E402
from test_report import openpyxl  # noqa: E402  (Debian's, found as test_report finds it)

PERIOD = "from=2025-02-01&to=2025-03-31"


def granted(date):
    return {"type": "decision", "date": date, "granted": True, "grant": GRANT}


# Aalborg: decision 3 workdays (86.1) / 5 (86.2) from the referral; start
# (first session) 8 / 10 workdays from it unless refused;
# start_after_grant 5 workdays from the grant (its decision's date).
#  1 (86.1) Mon 03-17: decision due Thu 03-20, start due Thu 03-27.
#  2 (86.1) Mon 02-03: decision due Thu 02-06, start due Thu 02-13.
#  3 (86.1) Mon 03-03, granted Thu 03-06 (met: 3 days, 3 workdays):
#     start and start_after_grant due Thu 03-13, no session.
#  4 (86.1) Mon 03-03, closed Wed 03-05: its decision (due 03-06) and
#     start (03-13) are overdue, but the case is closed: not open.
#  5 (86.2) Wed 03-19: decision due Wed 03-26, start due Wed 04-02 (after
#     the period: open all the same).
#  6 (86.1) Tue 03-18: decision due Fri 03-21, start due Fri 03-28.
#  7 (86.1) Mon 02-17, granted Fri 02-21 (due Thu 02-20: late, 4 days,
#     4 workdays), first session Mon 03-03 (start due Thu 02-27: late,
#     14 days, 10 workdays; start_after_grant due Fri 02-28: late,
#     10 days, 6 workdays).
#  8 (86.1) Mon 02-17, granted Thu 02-20 (met: 3 days, 3 workdays);
#     start and start_after_grant due Thu 02-27, no session.
CASES = [
    ("86.1", "2025-03-17", []),
    ("86.1", "2025-02-03", []),
    ("86.1", "2025-03-03", [granted("2025-03-06")]),
    ("86.1", "2025-03-03", [{"type": "closed", "date": "2025-03-05", "reason": "other"}]),
    ("86.2", "2025-03-19", []),
    ("86.1", "2025-03-18", []),
    ("86.1", "2025-02-17", [granted("2025-02-21"),
                            {"type": "session", "date": "2025-03-03", "minutes": 45,
                             "outcome": "attended"}]),
    ("86.1", "2025-02-17", [granted("2025-02-20")]),
]

# The buckets, the most overdue first: overdue by 21+, 11-20, 6-10, 0-5
# workdays; due within 0-2, 3-5, 6-10, 11-20, 21+ workdays.
BUCKETS = [("overdue", 21, None), ("overdue", 11, 20), ("overdue", 6, 10), ("overdue", 0, 5),
           ("pending", 0, 2), ("pending", 3, 5), ("pending", 6, 10), ("pending", 11, 20),
           ("pending", 21, None)]


def open_row(id_, para, counts):
    return {"id": id_, "paragraph": para, "open": sum(counts),
            "buckets": [{"status": s, "workdays_min": lo, "workdays_max": hi, "count": n}
                        for (s, lo, hi), n in zip(BUCKETS, counts)]}


# As of Wed 2025-03-19, workdays left (+) or past due (-):
#   decision 86.1: 1 +1 (03-20), 2 -29 (02-06), 6 +2 (03-21);
#   decision 86.2: 5 +5 (03-26);
#   start 86.1: 1 +6 (03-27), 2 -24 (02-13), 3 -4 (03-13), 6 +7 (03-28),
#     8 -14 (02-27);
#   start 86.2: 5 +10 (04-02);
#   start_after_grant 86.1: 3 -4 (03-13), 8 -14 (02-27).
OPEN_0319 = [
    open_row("decision", "86.1", [1, 0, 0, 0, 2, 0, 0, 0, 0]),
    open_row("decision", "86.2", [0, 0, 0, 0, 0, 1, 0, 0, 0]),
    open_row("start", "86.1", [1, 1, 0, 1, 0, 0, 2, 0, 0]),
    open_row("start", "86.2", [0, 0, 0, 0, 0, 0, 1, 0, 0]),
    open_row("start_after_grant", "86.1", [0, 1, 0, 1, 0, 0, 0, 0, 0]),
]
# As of Sun 2025-03-23: decision 86.1: 1 -1 (Thu 03-20: Fri 03-21 since),
# 6 -0 (Fri 03-21: no workday since), 2 -31.
DECISION_0323 = open_row("decision", "86.1", [1, 0, 0, 2, 0, 0, 0, 0, 0])

# The done deadlines due in the period (decision 86.2: case 5's only,
# pending: empty histograms).
HISTOGRAMS = {
    ("decision", "86.1"): ([(3, 2), (4, 1)], [(3, 2), (4, 1)]),     # 3 and 8 met, 7 late
    ("decision", "86.2"): ([], []),
    ("start", "86.1"): ([(14, 1)], [(10, 1)]),                      # 7 late
    ("start_after_grant", "86.1"): ([(10, 1)], [(6, 1)]),           # 7 late
}


def fill(t, srv):
    vis = login_as(srv, "visitator.aalborg")
    for i, (para, referred, events) in enumerate(CASES):
        r = vis.request("POST", "/api/v1/cases", {
            "citizen": {"cpr": f"{i + 1:02d}0150123{i}", "name": f"Borger {i + 1}"},
            "referral": {"date": referred, "paragraph": para, "source": "egen læge",
                         "condition": "knæ", "consent": True}})
        t.ok(r.status == 201, f"case {i + 1}: referral {referred}", r)
        for ev in events:
            e = vis.request("POST", f"/api/v1/cases/{r.json['id']}/events", ev)
            t.ok(e.status == 201, f"case {i + 1}: {ev['type']} {ev['date']}", e)


def strip(rows):
    """open_by_due without the label and source (checked apart)."""
    return [{k: v for k, v in r.items() if k not in ("label", "source")} for r in rows]


def check_open(t, leder):
    j = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-03-19").json or {}
    got = j.get("open_by_due")
    t.ok(strip(got or []) == OPEN_0319, "open_by_due as of 2025-03-19 as computed by hand",
         f"got      {json.dumps(strip(got or []))}", f"expected {json.dumps(OPEN_0319)}")
    t.ok(all(r.get("label") and r.get("source", "").startswith("Aalborg") for r in got or []),
         "open_by_due: each row with its label and source", got)
    j = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-03-23").json or {}
    got = strip(j.get("open_by_due") or [])
    t.ok(got[:1] == [DECISION_0323],
         "as of Sunday 2025-03-23: a deadline due Friday is overdue by 0 workdays (0-5)", got[:1])
    j = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-03-19&paragraph=86.2").json or {}
    want = [r for r in OPEN_0319 if r["paragraph"] == "86.2"]
    t.ok(strip(j.get("open_by_due") or []) == want, "?paragraph=86.2: its open deadlines only",
         j.get("open_by_due"))
    j = leder.request("GET", "/api/v1/report?from=2025-01-01&to=2025-01-31&as_of=2025-03-19").json
    t.ok(j and j.get("deadlines") == [] and strip(j.get("open_by_due") or []) == OPEN_0319,
         "a period without deadlines: open_by_due is as of as_of, whatever the period",
         j and j.get("open_by_due"))


def rank(pairs, k):
    """The value at rank k of the values the (value, count) pairs hold."""
    for value, count in pairs:
        if k <= count:
            return value
        k -= count
    return None


def check_histograms(t, leder):
    j = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-03-19").json or {}
    rows = {(d["id"], d["paragraph"]): d for d in j.get("deadlines", [])}
    t.ok(set(rows) == set(HISTOGRAMS), "the period's rows", sorted(rows))
    for key, (days, workdays) in HISTOGRAMS.items():
        d = rows.get(key, {})
        got_days = [(x["days"], x["count"]) for x in d.get("days_histogram", [])]
        got_wd = [(x["workdays"], x["count"]) for x in d.get("workdays_histogram", [])]
        t.ok(got_days == days and got_wd == workdays, f"{key}: the histograms by hand",
             got_days, got_wd)
        n = sum(c for _, c in got_days)
        t.ok(n == d.get("met", 0) + d.get("late", 0)
             and (n == 0 and d.get("days_median") is None
                  or rank(got_days, (n + 1) // 2) == d.get("days_median")
                  and rank(got_wd, -(-9 * n // 10)) == d.get("workdays_p90")),
             f"{key}: the histogram adds up to met + late and gives the median and p90", d)
    t.ok(all("days_histogram" not in d and "workdays_histogram" not in d
             for m in j.get("months", []) for d in m.get("deadlines", [])),
         "the months' rows have no histograms")
    # decision 86.1 in the period: 1, 6 pending; 2, 4 overdue; 7 late; 3, 8 met.
    d = rows.get(("decision", "86.1"), {})
    t.ok([d.get(k) for k in ("met", "late", "pending", "overdue", "share_met", "days_median",
                             "days_p90", "workdays_median", "workdays_p90")]
         == [2, 1, 2, 2, 0.4, 3, 4, 3, 4], "the contract's fields as they were", d)
    return j


# "Ventetider" as worked out from HISTOGRAMS: (id, paragraph, days, count
# of calendar days, count of workdays), a row per number found in either.
WAITS = [
    ("decision", "86.1", 3, 2, 2), ("decision", "86.1", 4, 1, 1),
    ("start", "86.1", 10, 0, 1), ("start", "86.1", 14, 1, 0),
    ("start_after_grant", "86.1", 6, 0, 1), ("start_after_grant", "86.1", 10, 1, 0),
]
OPEN_HEADERS = ["Frist", "Betegnelse", "Paragraf", "Åbne",
                "Overskredet 21+ arbejdsdage", "Overskredet 11-20 arbejdsdage",
                "Overskredet 6-10 arbejdsdage", "Overskredet 0-5 arbejdsdage",
                "Forfalder om 0-2 arbejdsdage", "Forfalder om 3-5 arbejdsdage",
                "Forfalder om 6-10 arbejdsdage", "Forfalder om 11-20 arbejdsdage",
                "Forfalder om 21+ arbejdsdage", "Kilde"]
# The CSV's measures of the buckets, in their order.
BUCKET_MEASURES = ["overdue_21+", "overdue_11-20", "overdue_6-10", "overdue_0-5", "pending_0-2",
                   "pending_3-5", "pending_6-10", "pending_11-20", "pending_21+"]


def json_waits(j):
    """WAITS's rows from the JSON's histograms."""
    rows = []
    for d in j.get("deadlines", []):
        days = {x["days"]: x["count"] for x in d.get("days_histogram", [])}
        wd = {x["workdays"]: x["count"] for x in d.get("workdays_histogram", [])}
        rows += [(d["id"], d["paragraph"], v, days.get(v, 0), wd.get(v, 0))
                 for v in sorted(set(days) | set(wd))]
    return rows


def check_workbook(t, data, j):
    if openpyxl is None:
        t.ok(False, "python3-openpyxl is installed")
        return
    wb = openpyxl.load_workbook(io.BytesIO(data))
    t.ok(wb.sheetnames[-2:] == ["Ventetider", "Åbne frister"],
         "workbook: the sheets Ventetider and Åbne frister last", wb.sheetnames)
    waits = [list(r) for r in wb["Ventetider"].iter_rows(values_only=True)]
    t.ok(waits[:1] == [["Frist", "Betegnelse", "Paragraf", "Dage", "Antal, kalenderdage",
                        "Antal, arbejdsdage"]], "Ventetider: its headers", waits[:1])
    got = [(r[0], r[2], r[3], r[4], r[5]) for r in waits[1:]]
    t.ok(got == WAITS and got == json_waits(j), "Ventetider: the histograms by hand and as the JSON",
         f"got {got}", f"json {json_waits(j)}")
    t.ok(all(type(v) is int for r in waits[1:] for v in r[3:6])
         and waits[1][1] == "Afgørelse (bevilling)",
         "Ventetider: days and counts are numbers, each row with its label", waits[1:2])
    opened = [list(r) for r in wb["Åbne frister"].iter_rows(values_only=True)]
    t.ok(opened[:1] == [OPEN_HEADERS], "Åbne frister: the buckets headed in Danish", opened[:1])
    got = [{"id": r[0], "paragraph": r[2], "open": r[3],
            "buckets": [c for c in r[4:13]]} for r in opened[1:]]
    want = [{"id": o["id"], "paragraph": o["paragraph"], "open": o["open"],
             "buckets": [b["count"] for b in o["buckets"]]} for o in OPEN_0319]
    from_json = [{"id": o["id"], "paragraph": o["paragraph"], "open": o["open"],
                  "buckets": [b["count"] for b in o["buckets"]]}
                 for o in j.get("open_by_due", [])]
    t.ok(got == want and got == from_json, "Åbne frister: the buckets by hand and as the JSON",
         f"got {got}", f"want {want}")
    t.ok(all(type(v) is int for r in opened[1:] for v in r[3:13])
         and [(r[1], r[13]) for r in opened[1:]]
         == [(o["label"], o["source"]) for o in j.get("open_by_due", [])],
         "Åbne frister: counts are numbers, with the label and source of the JSON", opened[1:2])


def check_csv(t, data, j):
    rows = list(csv.reader(io.StringIO(data.decode())))
    hist, opened, months = {}, {}, set()
    for section, month, id_, para, measure, value in rows[1:]:
        if section in ("days_histogram", "workdays_histogram"):
            hist.setdefault((id_, para), {}).setdefault(section, []).append(
                (int(measure), int(value)))
            months.add(month)
        elif section == "open_by_due":
            opened.setdefault((id_, para), {})[measure] = int(value)
            months.add(month)
    want_hist = {}
    for d in j.get("deadlines", []):
        for key, unit in (("days_histogram", "days"), ("workdays_histogram", "workdays")):
            if d.get(key):
                want_hist.setdefault((d["id"], d["paragraph"]), {})[key] = [
                    (x[unit], x["count"]) for x in d[key]]
    t.ok(hist == want_hist and want_hist[("start", "86.1")]["days_histogram"] == [(14, 1)],
         "csv: days_histogram and workdays_histogram rows give the JSON's back", hist)
    t.ok(months == {""}, "csv: the distributions' rows have no month", months)
    want_open = {(o["id"], o["paragraph"]):
                 dict({"open": o["open"]}, **{m: b["count"]
                                              for m, b in zip(BUCKET_MEASURES, o["buckets"])})
                 for o in j.get("open_by_due", [])}
    t.ok(opened == want_open and opened[("start", "86.1")]["overdue_21+"] == 1
         and opened[("decision", "86.1")]["pending_0-2"] == 2,
         "csv: open_by_due rows (open and each bucket) give the JSON's back", opened)


def check_text(t, text):
    section = text.split("\nÅbne frister pr. ", 1)
    body = section[1] if len(section) == 2 else ""
    t.ok(body.startswith("19. marts 2025 efter arbejdsdage til forfald\n"),
         "text: a section on the open deadlines as of as_of", body[:80])
    t.ok("  Opstart af træning (§ 86, stk. 1, start): 5 åbne\n"
         "    overskredet 21+: 1, 11-20: 1, 6-10: 0, 0-5: 1; "
         "forfalder om 0-2: 0, 3-5: 0, 6-10: 2, 11-20: 0, 21+: 0 arbejdsdage\n" in body
         and body.count(" åbne\n") == len(OPEN_0319),
         "text: each (deadline, paragraph) with its buckets", body)


def check_forms(t, genop, db, xlsx, j):
    """The workbook the API gave (xlsx), and the CLI's CSV and text (the
    server stopped), against the API's JSON j."""
    check_workbook(t, xlsx, j)
    base = [genop, "report", "--db", db, "--municipality", "aalborg", "--from", "2025-02-01",
            "--to", "2025-03-31", "--as-of", "2025-03-19"]
    c = subprocess.run(base + ["--format", "csv"], capture_output=True)
    t.ok(c.returncode == 0, "genop report --format csv", c.stderr.decode())
    check_csv(t, c.stdout, j)
    x = subprocess.run(base + ["--format", "text"], capture_output=True)
    t.ok(x.returncode == 0, "genop report --format text", x.stderr.decode())
    check_text(t, x.stdout.decode())


def main():
    genop = sys.argv[1] if len(sys.argv) > 1 else "build/genop"
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_user("aalborg", "visitator", "visitator.aalborg")
        srv.add_user("aalborg", "leder", "leder.aalborg")
        srv.start()
        fill(t, srv)
        leder = login_as(srv, "leder.aalborg", PASSWORD)
        check_open(t, leder)
        api_json = check_histograms(t, leder)
        r = leder.request("GET", f"/api/v1/report.xlsx?{PERIOD}&as_of=2025-03-19")
        t.ok(r.status == 200, "report.xlsx: 200", r)
        xlsx = r.raw if r.status == 200 else b""
        srv.stop()
        r = subprocess.run([genop, "report", "--db", srv.db, "--municipality", "aalborg",
                            "--from", "2025-02-01", "--to", "2025-03-31", "--as-of", "2025-03-19",
                            "--format", "json"], capture_output=True)
        t.ok(r.returncode == 0 and json.loads(r.stdout) == api_json,
             "genop report --format json: the same JSON as the API", r.stderr.decode())
        check_forms(t, genop, srv.db, xlsx, api_json)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
