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
  the same JSON as the API.
Prints TAP.

    tests/api/test_report_dist.py PATH/TO/genop
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, PASSWORD, Server, Tap, login_as  # noqa: E402

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
        srv.stop()
        r = subprocess.run([genop, "report", "--db", srv.db, "--municipality", "aalborg",
                            "--from", "2025-02-01", "--to", "2025-03-31", "--as-of", "2025-03-19",
                            "--format", "json"], capture_output=True)
        t.ok(r.returncode == 0 and json.loads(r.stdout) == api_json,
             "genop report --format json: the same JSON as the API", r.stderr.decode())
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
