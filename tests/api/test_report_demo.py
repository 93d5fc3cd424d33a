#!/usr/bin/env python3
"""The report against the API's own evaluations, on varied data: the demo
database (`genop demo --db`, every municipality, cases in every state) is
served, and for each municipality a leder's GET /api/v1/report is compared
with the deadline KPIs this test computes itself from GET
/api/v1/cases/{id}?as_of= of every case (shared/spec/report.md: deadlines
due in the period, the citizen's own left out, by status, share_met,
median at rank ceil(n/2) and 90th percentile at rank ceil(0.9 n) of the
calendar days and of the workdays - these asked of `genop calendar
between --standard ID` - per deadline and paragraph, and per month).
Also: the report's referrals are the cases referred in the period; and
its open_by_due (docs/report.md) as the cases' own evaluations give it:
the deadlines pending or overdue as of as_of, not the citizen's, of cases
not closed (but for deadlines counted from a complaint), in the buckets of
their workdays_left.
Prints TAP.

    tests/api/test_report_demo.py PATH/TO/genop
"""

import datetime
import fractions
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import PASSWORD, Server, Tap, login_as  # noqa: E402

MUNIS = ["aalborg", "ishoj", "nyborg", "rodovre", "skive"]


def workdays(genop, muni, frm, to, cache):
    key = (muni, frm, to)
    if key not in cache:
        r = subprocess.run([genop, "calendar", "between", frm, to, "--standard", muni],
                           capture_output=True, text=True, check=True)
        cache[key] = int(r.stdout)
    return cache[key]


def rank(values, k):
    return sorted(values)[k - 1] if values else None


def share(met, denom):
    """met / denom to 4 decimals, half up (the contract's rounding), or None."""
    if not denom:
        return None
    e4 = math.floor(fractions.Fraction(met, denom) * 10000 + fractions.Fraction(1, 2))
    return e4 / 10000


def row(key, cell):
    met, late, pending, overdue = (cell["status"].count(s)
                                   for s in ("met", "late", "pending", "overdue"))
    denom = met + late + overdue
    n = len(cell["days"])
    med, p90 = max(1, math.ceil(n / 2)), max(1, math.ceil(0.9 * n))
    return {"id": key[0], "paragraph": key[1], "met": met, "late": late, "pending": pending,
            "overdue": overdue,
            "share_met": share(met, denom),
            "days_median": rank(cell["days"], med), "days_p90": rank(cell["days"], p90),
            "workdays_median": rank(cell["workdays"], med),
            "workdays_p90": rank(cell["workdays"], p90)}


def expected(genop, muni, evaluations, frm, to, cache):
    """The contract's deadlines and months from the cases' evaluations."""
    period, months = {}, {}
    for ev in evaluations:
        for d in ev.get("deadlines", []):
            if d.get("owner") == "citizen" or not (frm <= d["due"] <= to):
                continue
            key = (d["id"], ev["paragraph"])
            for cells in (period, months.setdefault(d["due"][:7], {})):
                cell = cells.setdefault(key, {"status": [], "days": [], "workdays": []})
                cell["status"].append(d["status"])
                if d.get("done"):
                    days = (datetime.date.fromisoformat(d["done"])
                            - datetime.date.fromisoformat(d["from"])).days
                    cell["days"].append(days)
                    cell["workdays"].append(workdays(genop, muni, d["from"], d["done"], cache))
    rows = lambda cells: [row(k, cells[k]) for k in sorted(cells)]
    return rows(period), [{"month": m, "deadlines": rows(months[m])} for m in sorted(months)]


# open_by_due's buckets, the most overdue first (docs/report.md).
BUCKETS = [("overdue", 21, None), ("overdue", 11, 20), ("overdue", 6, 10), ("overdue", 0, 5),
           ("pending", 0, 2), ("pending", 3, 5), ("pending", 6, 10), ("pending", 11, 20),
           ("pending", 21, None)]


def expected_open(cases, std):
    """open_by_due (without label and source) from the cases' reads
    (GET /api/v1/cases/{id}: their events and evaluation) and the
    standard's rules (their anchors)."""
    anchors = {(d["id"], p): d["from"] for d in std.get("deadlines", [])
               for p in (d.get("paragraphs") or ["86.1", "86.2"])}
    rows = {}
    for case in cases:
        ev = case.get("evaluation", {})
        closed = any(e.get("type") == "closed" and e.get("state") != "withdrawn"
                     for e in case.get("events", []))
        for d in ev.get("deadlines", []):
            key = (d["id"], ev["paragraph"])
            if d["status"] not in ("pending", "overdue") or d.get("owner") == "citizen":
                continue
            if closed and anchors.get(key) != "complaint_received":
                continue
            n = max(0, -d["workdays_left"] if d["status"] == "overdue" else d["workdays_left"])
            counts = rows.setdefault(key, [0] * len(BUCKETS))
            for i, (status, lo, hi) in enumerate(BUCKETS):
                if status == d["status"] and lo <= n and (hi is None or n <= hi):
                    counts[i] += 1
                    break
    return [{"id": k[0], "paragraph": k[1], "open": sum(c),
             "buckets": [{"status": s, "workdays_min": lo, "workdays_max": hi, "count": n}
                         for (s, lo, hi), n in zip(BUCKETS, c)]}
            for k, c in sorted(rows.items())]


def contract_rows(rows):
    keys = ["id", "paragraph", "met", "late", "pending", "overdue", "share_met",
            "days_median", "days_p90", "workdays_median", "workdays_p90"]
    return [{k: r.get(k) for k in keys} for r in rows]


def check(t, genop, srv, muni, frm, to, as_of, cache):
    leder = login_as(srv, f"rapport.{muni}", PASSWORD)
    ids = [c["id"] for c in (leder.request("GET", "/api/v1/cases?limit=500").json or {})
           .get("items", [])]
    evaluations, referred, cases = [], 0, []
    for i in ids:
        r = leder.request("GET", f"/api/v1/cases/{i}?as_of={as_of}")
        cases.append(r.json or {})
        evaluations.append((r.json or {}).get("evaluation", {}))
        referral = (r.json or {}).get("case", {}).get("referral_date", "")
        referred += frm <= referral <= to
    deadlines, months = expected(genop, muni, evaluations, frm, to, cache)
    r = leder.request("GET", f"/api/v1/report?from={frm}&to={to}&as_of={as_of}")
    rep = r.json or {}
    t.ok(r.status == 200 and rep.get("cases", {}).get("evaluated") == len(ids) > 0,
         f"{muni}: every case evaluated ({len(ids)})", r)
    t.ok(contract_rows(rep.get("deadlines", [])) == deadlines and deadlines,
         f"{muni}: the deadlines as the cases' own evaluations give them",
         f"report   {contract_rows(rep.get('deadlines', []))}", f"expected {deadlines}")
    got_months = [{"month": m["month"], "deadlines": contract_rows(m["deadlines"])}
                  for m in rep.get("months", [])]
    t.ok(got_months == months, f"{muni}: the months likewise",
         f"report   {got_months}", f"expected {months}")
    t.ok(rep.get("cases", {}).get("referrals") == referred,
         f"{muni}: the referrals in the period ({referred})", rep.get("cases"))
    want = expected_open(cases, leder.request("GET", "/api/v1/standard").json or {})
    got = [{k: v for k, v in o.items() if k not in ("label", "source")}
           for o in rep.get("open_by_due", [])]
    t.ok(got == want and want,
         f"{muni}: the open deadlines by workdays to due as the cases' own evaluations give them",
         f"report   {got}", f"expected {want}")


def main():
    genop = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/genop")
    t = Tap()
    srv = Server(genop)
    try:
        r = subprocess.run([genop, "demo", "--db", srv.db], capture_output=True, text=True)
        t.ok(r.returncode == 0, "genop demo --db", r.stderr[-500:])
        for muni in MUNIS:
            srv.add_user(muni, "leder", f"rapport.{muni}")
        srv.start()
        today = datetime.date.today()
        frm, to = (today - datetime.timedelta(days=365)).isoformat(), today.isoformat()
        cache = {}
        for muni in MUNIS:
            check(t, genop, srv, muni, frm, to, today.isoformat(), cache)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
