#!/usr/bin/env python3
"""How well the standard is kept (shared/spec/report.md): GET
/api/v1/report, GET /api/v1/report.xlsx and `genop report` against a
database filled through the API with a small hand-built history, every
number of which is worked out by hand below (the workdays by Aalborg's
calendar, which `genop calendar add/between --standard aalborg` agrees
with). Checks:
- the JSON's every number for the period 2025-02-01..2025-05-31 as of
  2025-06-10: a deadline across Easter, a month without cases (February
  has no row), deadlines and decisions either side of the period's end,
  the citizen's own complaint window left out, ranks of the median and
  the 90th percentile, share_met, null where nothing is done;
- ?paragraph=86.2, and as_of inside the period (pending instead of
  overdue);
- tenant isolation: Aalborg's report holds nothing of Rødovre's case,
  and Rødovre's nothing of Aalborg's;
- only a leder may ask (visitator, terapeut, admin: 403; no login: 401);
  bad arguments are 400 naming the argument, in Danish;
- the workbook (API and CLI) read back with openpyxl: its sheets, numbers
  as numbers, dates as dates;
- `genop report` on the same database: the same JSON as the API, the
  text, the CSV, and its exit codes and errors for bad arguments; the
  same report when cases have no kept view, or one that cannot be read
  (read from their events then, corrections included).
Prints TAP.

    tests/api/test_report.py PATH/TO/genop
"""

import csv
import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, REASONS, PASSWORD, Server, Tap, login_as  # noqa: E402

try:
    import openpyxl
except ImportError:
    # Debian's python3-openpyxl (scripts/setup.sh installs it), when the
    # python3 running the tests is another one (e.g. pyenv's).
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import openpyxl
    except ImportError:
        openpyxl = None

PERIOD = "from=2025-02-01&to=2025-05-31"

# Aalborg's deadlines: decision 3 workdays (86.1) / 5 (86.2) from the
# referral; start (first session) 8 / 10 workdays, unless refused.
# Case A (86.1), referred Wed 2025-04-16, the day before Easter:
#   decision due Thu 04-24 (17, 18, 21 are holidays), granted 04-24: met,
#     8 days, 3 workdays;
#   start due Thu 05-01, first session Mon 05-05: late, 19 days, 10 workdays.
# Case B (86.1), referred Mon 2025-03-03:
#   decision due Thu 03-06, granted Fri 03-07: late, 4 days, 4 workdays;
#   start due Thu 03-13, first session Wed 03-12: met, 9 days, 7 workdays;
#   decision_received 03-10 (the citizen's complaint window: left out);
#   sessions 03-12 attended, 03-17 no_show, 03-19 citizen_cancelled,
#   03-24 provider_cancelled, 03-26 attended, and a no_show 03-20 that is
#   withdrawn by a correction (not counted); closed 04-10.
# start_after_grant (5 workdays from the grant's receipt, without a
# grant_received event the decision's date, evaluate.md; only if granted):
#   B from Fri 03-07, due Fri 03-14, first session 03-12: met, 5 days,
#     3 workdays; A from Thu 04-24, due Thu 05-01, first session 05-05:
#     late, 11 days, 7 workdays.
# Case C (86.2), referred Mon 2025-05-26: decision due 06-03 (29 May is
#   Ascension Day), granted 06-02 - both after the period: only the
#   referral counts.
# Case D (86.2), referred Mon 2025-05-12: decision due 05-19, refused
#   05-21 (registered as 05-16, which would be met, and corrected): late,
#   9 days, 7 workdays; no start (refused).
# Case E (86.2), referred Mon 2025-05-19, nothing more: decision due 05-26,
#   overdue as of 06-10 (pending as of 05-22); start due 06-03, outside.
CASES = [
    ("A", "86.1", "2025-04-16", [
        {"type": "decision", "date": "2025-04-24", "granted": True, "grant": GRANT},
        {"type": "session", "date": "2025-05-05", "minutes": 45, "outcome": "attended"}]),
    ("B", "86.1", "2025-03-03", [
        {"type": "decision", "date": "2025-03-07", "granted": True, "grant": GRANT},
        {"type": "decision_received", "date": "2025-03-10"},
        {"type": "session", "date": "2025-03-12", "minutes": 45, "outcome": "attended"},
        {"type": "session", "date": "2025-03-17", "minutes": 45, "outcome": "no_show"},
        {"type": "session", "date": "2025-03-19", "minutes": 45,
         "outcome": "citizen_cancelled"},
        {"type": "session", "date": "2025-03-24", "minutes": 45,
         "outcome": "provider_cancelled"},
        {"type": "session", "date": "2025-03-26", "minutes": 45, "outcome": "attended"},
        {"type": "session", "date": "2025-03-20", "minutes": 45, "outcome": "no_show"},
        {"type": "correction", "date": "2025-03-21", "corrects": "previous", "event": None,
         "reason": "registreret på den forkerte borger"},
        {"type": "closed", "date": "2025-04-10", "reason": "other"}]),
    ("C", "86.2", "2025-05-26", [
        {"type": "decision", "date": "2025-06-02", "granted": True, "grant": GRANT}]),
    ("D", "86.2", "2025-05-12", [
        {"type": "decision", "date": "2025-05-16", "granted": False, "reasons": REASONS,
         "text": "Ikke omfattet."},
        {"type": "correction", "date": "2025-05-22", "corrects": "previous", "reason": "datoen",
         "event": {"type": "decision", "date": "2025-05-21", "granted": False,
                   "reasons": REASONS, "text": "Ikke omfattet."}}]),
    ("E", "86.2", "2025-05-19", []),
]


def row(id_, para, met, late, pending, overdue, share, days, workdays):
    """A deadline row; days and workdays are (median, p90) or None."""
    d = {"id": id_, "paragraph": para, "met": met, "late": late, "pending": pending,
         "overdue": overdue, "share_met": share}
    d["days_median"], d["days_p90"] = days or (None, None)
    d["workdays_median"], d["workdays_p90"] = workdays or (None, None)
    return d


# decision 86.1: A met (8 d, 3 wd), B late (4 d, 4 wd): days [4, 8], the
# median at rank ceil(2/2) = 1, the 90th percentile at rank ceil(1.8) = 2.
DEC1 = row("decision", "86.1", 1, 1, 0, 0, 0.5, (4, 8), (3, 4))
DEC2 = row("decision", "86.2", 0, 1, 0, 1, 0.0, (9, 9), (7, 7))     # D late, E overdue
START1 = row("start", "86.1", 1, 1, 0, 0, 0.5, (9, 19), (7, 10))   # B met, A late
SAG1 = row("start_after_grant", "86.1", 1, 1, 0, 0, 0.5, (5, 11), (3, 7))
EXPECTED = {
    "municipality": "aalborg", "from": "2025-02-01", "to": "2025-05-31",
    "as_of": "2025-06-10",
    "deadlines": [DEC1, DEC2, START1, SAG1],
    "months": [
        {"month": "2025-03", "deadlines": [
            row("decision", "86.1", 0, 1, 0, 0, 0.0, (4, 4), (4, 4)),
            row("start", "86.1", 1, 0, 0, 0, 1.0, (9, 9), (7, 7)),
            row("start_after_grant", "86.1", 1, 0, 0, 0, 1.0, (5, 5), (3, 3))]},
        {"month": "2025-04", "deadlines": [
            row("decision", "86.1", 1, 0, 0, 0, 1.0, (8, 8), (3, 3))]},
        {"month": "2025-05", "deadlines": [
            DEC2, row("start", "86.1", 0, 1, 0, 0, 0.0, (19, 19), (10, 10)),
            row("start_after_grant", "86.1", 0, 1, 0, 0, 0.0, (11, 11), (7, 7))]},
    ],
    "attendance": {"sessions": 5, "no_shows": 1, "citizen_cancellations": 1,
                   "provider_cancellations": 1},
    "cases": {"referrals": 5, "granted": 2, "refused": 1, "closed": 1},
}


def contract_part(report):
    """The report's members of the contract only (it may have more)."""
    keys = ["id", "paragraph", "met", "late", "pending", "overdue", "share_met",
            "days_median", "days_p90", "workdays_median", "workdays_p90"]
    rows = lambda ds: [{k: d.get(k) for k in keys} for d in ds]
    return {
        "municipality": report.get("municipality"), "from": report.get("from"),
        "to": report.get("to"), "as_of": report.get("as_of"),
        "deadlines": rows(report.get("deadlines", [])),
        "months": [{"month": m.get("month"), "deadlines": rows(m.get("deadlines", []))}
                   for m in report.get("months", [])],
        "attendance": {k: report.get("attendance", {}).get(k) for k in EXPECTED["attendance"]},
        "cases": {k: report.get("cases", {}).get(k) for k in EXPECTED["cases"]},
    }


def fill(t, srv):
    vis = login_as(srv, "visitator.aalborg")
    for i, (name, para, referred, events) in enumerate(CASES):
        r = vis.request("POST", "/api/v1/cases", {
            "citizen": {"cpr": f"0{i + 1}0150123{i}", "name": f"Borger {name}"},
            "referral": {"date": referred, "paragraph": para, "source": "egen læge",
                         "condition": "knæ", "consent": True}})
        t.ok(r.status == 201, f"case {name}: referral", r)
        previous = None
        for ev in events:
            if ev.get("corrects") == "previous":
                ev = dict(ev, corrects=previous)
            e = vis.request("POST", f"/api/v1/cases/{r.json['id']}/events", ev)
            t.ok(e.status == 201, f"case {name}: {ev['type']} {ev['date']}", e)
            previous = (e.json or {}).get("id")
    rod = login_as(srv, "visitator.rodovre")
    r = rod.request("POST", "/api/v1/cases", {
        "citizen": {"cpr": "1201501234", "name": "Borger R"},
        "referral": {"date": "2025-04-01", "paragraph": "86.1", "source": "egen læge",
                     "condition": "ryg", "consent": True}})
    t.ok(r.status == 201, "rødovre: referral", r)
    e = rod.request("POST", f"/api/v1/cases/{r.json['id']}/events",
                    {"type": "contacted", "date": "2025-04-02"})
    t.ok(e.status == 201, "rødovre: contacted", e)


def check_numbers(t, leder):
    r = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-06-10")
    t.ok(r.status == 200 and r.headers.get("content-type", "").startswith("application/json"),
         "report: 200 JSON", r)
    got = contract_part(r.json or {})
    for key in EXPECTED:
        t.ok(got.get(key) == EXPECTED[key], f"report: {key} as computed by hand",
             f"got      {json.dumps(got.get(key))}", f"expected {json.dumps(EXPECTED[key])}")
    j = r.json or {}
    t.ok(all(d.get("id") != "complaint_window" for d in j.get("deadlines", [])),
         "report: the citizen's complaint window is left out")
    t.ok(all(m.get("month") != "2025-02" for m in j.get("months", [])),
         "report: February (no deadline due) has no row")
    t.ok(j.get("cases", {}).get("evaluated") == 5 and j.get("paragraph") is None,
         "report: five cases evaluated, every paragraph", j.get("cases"))
    t.ok((j.get("deadlines") or [{}])[0].get("source", "").startswith("Aalborg"),
         "report: each deadline with its source", j.get("deadlines"))

    r = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-06-10&paragraph=86.2")
    j = r.json or {}
    t.ok(contract_part(j)["deadlines"] == [DEC2], "paragraph 86.2: its deadline only",
         j.get("deadlines"))
    t.ok(contract_part(j)["cases"] == {"referrals": 3, "granted": 0, "refused": 1, "closed": 0},
         "paragraph 86.2: C, D, E referred, D refused", j.get("cases"))
    t.ok(contract_part(j)["attendance"]["sessions"] == 0, "paragraph 86.2: no sessions")

    # As of 2025-05-22, E's decision (due 05-26) is pending, not overdue;
    # the share rests on met + late + overdue only (D late): 0.
    r = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-05-22&paragraph=86.2")
    got = contract_part(r.json or {})["deadlines"]
    t.ok(got == [row("decision", "86.2", 0, 1, 1, 0, 0.0, (9, 9), (7, 7))],
         "as of 2025-05-22: E pending", got)
    return r


def check_isolation(t, srv, leder):
    rod = login_as(srv, "leder.rodovre")
    r = rod.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-06-10")
    j = r.json or {}
    t.ok(r.status == 200 and j.get("municipality") == "rodovre"
         and j.get("cases", {}).get("referrals") == 1 and j.get("cases", {}).get("evaluated") == 1,
         "rødovre's report: its one case only", j.get("cases"))
    # Referred 04-01, contacted 04-02 (contact met, 1 day); start due 04-15
    # (14 days), no session: overdue.
    got = contract_part(j)["deadlines"]
    t.ok(got == [row("contact", "86.1", 1, 0, 0, 0, 1.0, (1, 1), (1, 1)),
                 row("start", "86.1", 0, 0, 0, 1, 0.0, None, None)],
         "rødovre's report: its own contact deadline, none of Aalborg's", j.get("deadlines"))
    a = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-06-10").json or {}
    t.ok(a.get("cases", {}).get("referrals") == 5
         and all(d.get("id") != "contact" for d in a.get("deadlines", [])),
         "aalborg's report: nothing of Rødovre's")


def check_access(t, srv):
    for name in ("visitator.aalborg", "terapeut.aalborg", "admin.aalborg"):
        c = login_as(srv, name)
        r = c.request("GET", f"/api/v1/report?{PERIOD}")
        t.ok(r.status == 403, f"{name}: 403", r)
        r = c.request("GET", f"/api/v1/report.xlsx?{PERIOD}")
        t.ok(r.status == 403, f"{name}: 403 for the workbook", r)
    from harness import Client
    r = Client(srv.port).request("GET", f"/api/v1/report?{PERIOD}")
    t.ok(r.status == 401, "no login: 401", r)


def check_bad_arguments(t, leder):
    cases = [("to=2025-05-31", "from"), ("from=2025-02-01", "to"),
             ("from=2025-02-30&to=2025-05-31", "from"),
             ("from=2025-06-01&to=2025-05-31", "to"),
             ("from=2000-01-01&to=2025-05-31", "to"),
             (f"{PERIOD}&paragraph=86.3", "paragraph"),
             (f"{PERIOD}&as_of=2025-6-10", "as_of")]
    for query, field in cases:
        r = leder.request("GET", f"/api/v1/report?{query}")
        j = r.json or {}
        t.ok(r.status == 400 and j.get("field") == field and j.get("detail"),
             f"?{query}: 400 at {field}", r)


def cell_types(ws):
    """The values of ws's rows as lists."""
    return [list(r) for r in ws.iter_rows(values_only=True)]


def check_workbook(t, data, what):
    if openpyxl is None:
        t.ok(False, f"{what}: python3-openpyxl is installed")
        return
    wb = openpyxl.load_workbook(io.BytesIO(data))
    t.ok(wb.sheetnames == ["Rapport", "Frister", "Måneder", "Fremmøde", "Sager",
                           "Klager og grænser", "Afslutninger", "Klagefrister", "Terapeuter",
                           "Hold", "Ventetider", "Åbne frister"],
         f"{what}: one sheet per section", wb.sheetnames)
    about = cell_types(wb["Rapport"])
    t.ok(about[1][1] == datetime.datetime(2025, 2, 1) and about[3][1] == datetime.datetime(2025, 6, 10),
         f"{what}: the period and as-of date as dates", about)
    rows = cell_types(wb["Frister"])
    t.ok(rows[1][:8] == ["decision", "Afgørelse (bevilling)", "86.1", 1, 1, 0, 0, 0.5]
         and all(isinstance(v, (int, float)) for v in rows[1][3:12]),
         f"{what}: decision 86.1 as numbers", rows[1])
    t.ok(rows[2][3:12] == [0, 1, 0, 1, 0, 9, 9, 7, 7], f"{what}: decision 86.2", rows[2])
    t.ok(wb["Frister"].cell(2, 8).number_format == "0.00%", f"{what}: the share as a percentage")
    months = cell_types(wb["Måneder"])
    t.ok([r[0] for r in months[1:]] == [datetime.datetime(2025, 3, 1)] * 3
         + [datetime.datetime(2025, 4, 1)] + [datetime.datetime(2025, 5, 1)] * 3,
         f"{what}: the months as dates", [r[0] for r in months])
    t.ok(months[6][1:8] == ["start", "Opstart af træning", "86.1", 0, 1, 0, 0],
         f"{what}: May's start late", months[6])
    att = cell_types(wb["Fremmøde"])
    t.ok(att[1] == ["Træninger, der tæller", 5] and att[3] == ["Udeblivelser", 1],
         f"{what}: attendance as numbers", att)
    cases = cell_types(wb["Sager"])
    t.ok([r[1] for r in cases[1:5]] == [5, 2, 1, 1], f"{what}: the cases", cases)


def run_cli(genop, *args):
    return subprocess.run([genop, "report", *args], capture_output=True)


def check_cli(t, genop, db, api_json):
    base = ["--db", db, "--municipality", "aalborg", "--from", "2025-02-01",
            "--to", "2025-05-31", "--as-of", "2025-06-10"]
    r = run_cli(genop, *base, "--format", "json")
    t.ok(r.returncode == 0 and json.loads(r.stdout) == api_json,
         "cli: the same JSON as the API", r.stderr.decode(), r.stdout[:300])
    r = run_cli(genop, *base)
    text = r.stdout.decode()
    t.ok(r.returncode == 0 and "Afgørelse (bevilling) (§ 86, stk. 1, decision)" in text
         and "overholdt 1, for sent 1, afventer 0, overskredet 0; andel overholdt 50,00 %" in text
         and "\n  marts 2025\n" in text and "\n  februar 2025\n" not in text and "udeblivelser: 1" in text,
         "cli: the text report in Danish", text[:1500])
    r = run_cli(genop, *base, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    want = [["deadlines", "", "decision", "86.2", "overdue", "1"],
            ["deadlines", "", "decision", "86.1", "share_met", "0.5000"],
            ["months", "2025-05", "start", "86.1", "workdays_p90", "10"],
            ["months", "2025-03", "decision", "86.1", "days_median", "4"],
            ["deadlines", "", "decision", "86.2", "days_median", "9"],
            ["attendance", "", "", "", "provider_cancellations", "1"],
            ["cases", "", "", "", "referrals", "5"]]
    t.ok(r.returncode == 0 and rows[0] == ["section", "month", "deadline", "paragraph",
                                           "measure", "value"]
         and all(w in rows for w in want), "cli: the CSV, one number a row",
         [w for w in want if w not in rows])
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "rapport.xlsx")
        r = run_cli(genop, *base, "--format", "xlsx", "--out", out)
        t.ok(r.returncode == 0 and os.path.exists(out), "cli: --format xlsx --out", r.stderr)
        if os.path.exists(out):
            with open(out, "rb") as f:
                check_workbook(t, f.read(), "cli workbook")
        out = os.path.join(d, "r.json")
        r = run_cli(genop, *base, "--format", "json", "--out", out)
        t.ok(r.returncode == 0 and r.stdout == b"" and json.load(open(out)) == api_json,
             "cli: --out writes the file, nothing on standard output", r.stderr)
    r = run_cli(genop, *base, "--format", "xlsx")
    t.ok(r.returncode == 0 and r.stdout[:2] == b"PK", "cli: the workbook on standard output")


def check_without_kept_views(t, genop, db, api_json):
    """Cases without a current kept view (stored by other means, or kept
    by an older genop) are read from their events, and one whose kept view
    cannot be read likewise: the same report."""
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT case_id FROM case_answers ORDER BY case_id")]
    con.execute("DELETE FROM case_answers WHERE case_id IN (?, ?)", (ids[0], ids[2]))
    con.execute("UPDATE case_answers SET view = x'ff00' WHERE case_id = ?", (ids[1],))
    con.commit()
    left = con.execute("SELECT count(*) FROM case_answers").fetchone()[0]
    con.close()
    r = run_cli(genop, "--db", db, "--municipality", "aalborg", "--from", "2025-02-01",
                "--to", "2025-05-31", "--as-of", "2025-06-10", "--format", "json")
    t.ok(r.returncode == 0 and json.loads(r.stdout) == api_json and left == len(ids) - 2,
         "cli: cases read from their events give the same report", r.stderr.decode())


def check_cli_errors(t, genop, db):
    good = ["--db", db, "--municipality", "aalborg", "--from", "2025-02-01", "--to", "2025-05-31"]
    cases = [
        (["--municipality", "aalborg", "--from", "2025-02-01", "--to", "2025-05-31"], 2, "--db"),
        (good[:4] + ["--to", "2025-05-31"], 2, "--from"),
        (good + ["--format", "pdf"], 2, "--format"),
        (good + ["--bogus"], 2, "--bogus"),
        (good + ["--as-of"], 2, "--as-of"),
        (good[:6] + ["--to", "2025-13-01"], 1, "--to"),
        (good[:6] + ["--to", "2025-01-01"], 1, "slutdatoen ligger før startdatoen"),
        (good + ["--paragraph", "86.3"], 1, "86.3"),
        (["--db", db, "--municipality", "atlantis"] + good[4:], 1, "atlantis"),
        (["--db", db + ".missing"] + good[2:], 1, "findes ikke"),
    ]
    for args, code, says in cases:
        r = run_cli(genop, *args)
        err = r.stderr.decode()
        t.ok(r.returncode == code and says in err and err.startswith("genop: ")
             and r.stdout == b"", f"cli {' '.join(args[-2:])}: exit {code}", r.returncode, err)
    t.ok(not os.path.exists(db + ".missing"), "cli: a missing database is not made")
    r = subprocess.run([genop, "report", "--help"], capture_output=True)
    t.ok(r.returncode == 0 and "genop report --db FIL" in r.stdout.decode(), "cli: --help")


def main():
    genop = sys.argv[1] if len(sys.argv) > 1 else "build/genop"
    t = Tap()
    srv = Server(genop)
    try:
        for muni in ("aalborg", "rodovre"):
            srv.add_user(muni, "visitator", f"visitator.{muni}")
            srv.add_user(muni, "leder", f"leder.{muni}")
        srv.add_user("aalborg", "terapeut", "terapeut.aalborg")
        srv.add_user("aalborg", "admin", "admin.aalborg")
        srv.start()
        fill(t, srv)
        leder = login_as(srv, "leder.aalborg", PASSWORD)
        check_numbers(t, leder)
        check_isolation(t, srv, leder)
        check_access(t, srv)
        check_bad_arguments(t, leder)
        r = leder.request("GET", f"/api/v1/report.xlsx?{PERIOD}&as_of=2025-06-10")
        t.ok(r.status == 200 and r.headers.get("content-type", "").endswith("spreadsheetml.sheet")
             and "rapport-aalborg-2025-02-01-2025-05-31.xlsx" in r.headers.get(
                 "content-disposition", ""), "report.xlsx: 200, a workbook to download", r)
        check_workbook(t, r.raw, "api workbook")
        api_json = leder.request("GET", f"/api/v1/report?{PERIOD}&as_of=2025-06-10").json
        srv.stop()
        check_cli(t, genop, srv.db, api_json)
        check_cli_errors(t, genop, srv.db)
        check_without_kept_views(t, genop, srv.db, api_json)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
