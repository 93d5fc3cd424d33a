#!/usr/bin/env python3
"""A report's figures beyond the contract (docs/report.md, "Beyond the
contract"): closures by reason, courses ended for attendance, the
complaints' deadlines, and the appointments per therapist and team -
through GET /api/v1/report, the workbook (read back with openpyxl, numbers
as numbers) and `genop report`'s text and CSV, on a hand-built history of
Ishøj's (and one appointment of Aalborg's) whose every number is worked
out by hand below. The period is 2025-02-01..2025-05-31, as of 2025-06-10.

Ishøj's complaint deadlines run 4 weeks (28 days) from the complaint's
receipt: the reconsideration (until the complaint is decided) and the
forwarding to Ankestyrelsen (when the complaint was decided, not in full).
  I1 (86.1) referred 03-03, refused 03-05, complaint 03-10, decided 03-31
     (not upheld): reconsideration due 04-07, met; forwarded 04-14, due
     04-07: late; closed 04-15 "complaint_forwarded".
  I2 referred 04-01, refused 04-03, complaint 05-01, not decided:
     reconsideration due 05-29, overdue; forwarding: does not apply yet.
  I3 referred 02-03, granted 02-10, attended 02-17, closed 03-20 "no_shows".
  I4 referred 02-03, granted 02-10, closed 05-02 "goal_reached".
  I5 referred 2025-01-06, granted 01-08, closed 01-31 "goal_reached":
     before the period, not counted.
  I6 referred 04-01, refused 04-03, closed 04-20 "refused".
So: closed 4 (no_shows 1, goal_reached 1, refused 1, complaint_forwarded
1, every other reason 0); courses ended for attendance 1;
complaint_forward met 0 late 1 (share 0), complaint_reconsideration met 1
overdue 1 (share 0.5).

Appointments (rows of the calendar's table, written into the database as
the calendar keeps them; Knæhold is Ishøj's team):
  terapeut.ishoj   I3 02-17 attended; I3 02-24 no-show; I4 03-03 on
                   Knæhold, cancelled by the citizen; I3 01-27 attended
                   (before the period)
  terapeut2.ishoj  I4 03-10 on Knæhold attended; I4 03-17 on Knæhold,
                   cancelled by the provider; I4 05-30 booked, no outcome;
                   I4 06-02 booked (after the period)
  terapeut.aalborg Aalborg's case 03-12 attended
So Ishøj: terapeut.ishoj 3 appointments, sessions 3 (attended 1, no-show
1, citizen 1); terapeut2.ishoj 3, booked 1, sessions 1 (attended 1),
provider 1; Knæhold 3, sessions 2 (attended 1, citizen 1), provider 1.
Aalborg's report holds its one therapist only, Ishøj's none of Aalborg's;
with ?paragraph=86.2 (no such case) Ishøj has none.
Prints TAP.

    tests/api/test_report_more.py PATH/TO/genop
"""

import csv
import io
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, REASONS, PASSWORD, Server, Tap, login_as  # noqa: E402
from test_report import openpyxl  # noqa: E402  (Debian's, found as test_report finds it)

PERIOD = "from=2025-02-01&to=2025-05-31&as_of=2025-06-10"

REFUSED = {"type": "decision", "granted": False, "reasons": REASONS, "text": "Ikke omfattet."}
GRANTED = {"type": "decision", "granted": True, "grant": GRANT}

CASES = [
    ("I1", "2025-03-03", [
        dict(REFUSED, date="2025-03-05"),
        {"type": "complaint_received", "date": "2025-03-10"},
        {"type": "complaint_decided", "date": "2025-03-31", "upheld": "none"},
        {"type": "complaint_forwarded", "date": "2025-04-14"},
        {"type": "closed", "date": "2025-04-15", "reason": "complaint_forwarded"}]),
    ("I2", "2025-04-01", [
        dict(REFUSED, date="2025-04-03"),
        {"type": "complaint_received", "date": "2025-05-01"}]),
    ("I3", "2025-02-03", [
        dict(GRANTED, date="2025-02-10"),
        {"type": "session", "date": "2025-02-17", "minutes": 45, "outcome": "attended"},
        {"type": "closed", "date": "2025-03-20", "reason": "no_shows"}]),
    ("I4", "2025-02-03", [
        dict(GRANTED, date="2025-02-10"),
        {"type": "closed", "date": "2025-05-02", "reason": "goal_reached"}]),
    ("I5", "2025-01-06", [
        dict(GRANTED, date="2025-01-08"),
        {"type": "closed", "date": "2025-01-31", "reason": "goal_reached"}]),
    ("I6", "2025-04-01", [
        dict(REFUSED, date="2025-04-03"),
        {"type": "closed", "date": "2025-04-20", "reason": "refused"}]),
]

CLOSED = {"no_shows": 1, "goal_reached": 1, "refused": 1, "complaint_forwarded": 1}
COMPLAINTS = [("complaint_forward", 0, 1, 0, 0, 0), ("complaint_reconsideration", 1, 0, 0, 1, 0.5)]
STAFF_KEYS = ["appointments", "booked", "sessions", "attended", "no_shows",
              "citizen_cancellations", "provider_cancellations"]
THERAPISTS = [("terapeut.ishoj", [3, 0, 3, 1, 1, 1, 0]),
              ("terapeut2.ishoj", [3, 1, 1, 1, 0, 0, 1])]
TEAMS = [("Knæhold", [3, 0, 2, 1, 0, 1, 1])]

# (therapist, case, day, on the team, status, cancelled_by, outcome)
APPOINTMENTS = [
    ("terapeut.ishoj", "I3", "2025-02-17", False, "done", None, "attended"),
    ("terapeut.ishoj", "I3", "2025-02-24", False, "done", None, "no_show"),
    ("terapeut.ishoj", "I4", "2025-03-03", True, "cancelled", "citizen", None),
    ("terapeut.ishoj", "I3", "2025-01-27", False, "done", None, "attended"),
    ("terapeut2.ishoj", "I4", "2025-03-10", True, "done", None, "attended"),
    ("terapeut2.ishoj", "I4", "2025-03-17", True, "cancelled", "provider", None),
    ("terapeut2.ishoj", "I4", "2025-05-30", False, "booked", None, None),
    ("terapeut2.ishoj", "I4", "2025-06-02", False, "booked", None, None),
    ("terapeut.aalborg", "A", "2025-03-12", False, "done", None, "attended"),
]


def fill(t, srv):
    """The cases through the API; their ids by name."""
    ids = {}
    for muni, cases in (("ishoj", CASES), ("aalborg", [("A", "2025-03-03", [])])):
        vis = login_as(srv, f"visitator.{muni}")
        for i, (name, referred, events) in enumerate(cases):
            r = vis.request("POST", "/api/v1/cases", {
                "citizen": {"cpr": f"{i + 1:02d}0250123{i}", "name": f"Borger {name}"},
                "referral": {"date": referred, "paragraph": "86.1", "source": "egen læge",
                             "condition": "knæ", "consent": True}})
            t.ok(r.status == 201, f"case {name}: referral", r)
            ids[name] = (r.json or {}).get("id")
            for ev in events:
                e = vis.request("POST", f"/api/v1/cases/{ids[name]}/events", ev)
                t.ok(e.status == 201, f"case {name}: {ev['type']} {ev['date']}", e)
    return ids


def add_appointments(db, ids):
    """The calendar's rows, as its store keeps them (the server stopped)."""
    con = sqlite3.connect(db)
    user = {u: i for i, u in con.execute("SELECT id, username FROM users")}
    loc = con.execute("INSERT INTO locations (municipality, name, address)"
                      " VALUES ('ishoj', 'Træningscentret', 'Vejen 1') RETURNING id").fetchone()[0]
    room = con.execute("INSERT INTO rooms (municipality, location_id, name, capacity)"
                       " VALUES ('ishoj', ?, 'Sal 1', 20) RETURNING id", (loc,)).fetchone()[0]
    team = con.execute(
        "INSERT INTO teams (municipality, name, paragraph, room_id, weekday, start_minute,"
        " minutes, capacity, therapist_id, from_date) VALUES ('ishoj', 'Knæhold', '86.1', ?,"
        " 1, 600, 60, 8, ?, '2025-01-01') RETURNING id",
        (room, user["terapeut.ishoj"])).fetchone()[0]
    for who, case, day, on_team, status, by, outcome in APPOINTMENTS:
        muni = who.split(".")[1]
        con.execute(
            "INSERT INTO appointments (municipality, case_id, therapist_id, start, day,"
            " starts_at, ends_at, minutes, kind, place, room_id, team_id, status, cancelled_by,"
            " outcome, created_by) VALUES (?, ?, ?, ?, ?, 1, 2, 45, 'training', ?, ?, ?, ?, ?,"
            " ?, ?)",
            (muni, ids[case], user[who], day + "T10:00", day, "team" if on_team else "home",
             room if on_team else None, team if on_team else None, status, by, outcome, who))
    con.commit()
    con.close()


def staff(rows):
    return [(s.get("name"), [s.get(k) for k in STAFF_KEYS]) for s in rows or []]


def check_json(t, srv):
    j = login_as(srv, "leder.ishoj", PASSWORD).request("GET", f"/api/v1/report?{PERIOD}").json
    j = j or {}
    closures = {c.get("reason"): c.get("closed") for c in j.get("closures_by_reason", [])}
    t.ok(j.get("cases", {}).get("closed") == 4
         and {k: v for k, v in closures.items() if v} == CLOSED
         and sum(closures.values()) == 4 and "unlisted" not in closures,
         "ishøj: closures by reason, worked out by hand", j.get("closures_by_reason"))
    t.ok(all(c.get("label") for c in j.get("closures_by_reason", []))
         and next(c for c in j["closures_by_reason"] if c["reason"] == "goal_reached")
         .get("source", "").startswith("Ishøj"),
         "ishøj: each reason with its label, the standard's with their source")
    t.ok(j.get("courses_ended_for_attendance") == 1, "ishøj: one course ended for attendance",
         j.get("courses_ended_for_attendance"))
    got = [(c.get("id"), c.get("met"), c.get("late"), c.get("pending"), c.get("overdue"),
            c.get("share_met")) for c in j.get("complaint_deadlines", [])]
    t.ok(got == COMPLAINTS, "ishøj: the complaints' deadlines", got)
    t.ok(staff(j.get("therapists")) == THERAPISTS, "ishøj: appointments per therapist",
         j.get("therapists"))
    t.ok(staff(j.get("teams")) == TEAMS, "ishøj: appointments per team", j.get("teams"))
    a = login_as(srv, "leder.aalborg", PASSWORD).request("GET", f"/api/v1/report?{PERIOD}").json
    t.ok(staff((a or {}).get("therapists")) == [("terapeut.aalborg", [1, 0, 1, 1, 0, 0, 0])]
         and (a or {}).get("teams") == [], "aalborg: its one therapist, nothing of Ishøj's",
         (a or {}).get("therapists"))
    r = login_as(srv, "leder.ishoj", PASSWORD).request(
        "GET", f"/api/v1/report?{PERIOD}&paragraph=86.2")
    t.ok((r.json or {}).get("therapists") == [] and (r.json or {}).get("teams") == [],
         "ishøj, paragraph 86.2: no appointments", r.json)


def check_workbook(t, srv):
    r = login_as(srv, "leder.ishoj", PASSWORD).request("GET", f"/api/v1/report.xlsx?{PERIOD}")
    if openpyxl is None:
        t.ok(False, "python3-openpyxl is installed")
        return
    wb = openpyxl.load_workbook(io.BytesIO(r.raw))
    t.ok(wb.sheetnames[-6:] == ["Afslutninger", "Klagefrister", "Terapeuter", "Hold",
                                "Ventetider", "Åbne frister"],
         "workbook: a sheet per section", wb.sheetnames)
    rows = [list(x) for x in wb["Afslutninger"].iter_rows(values_only=True)]
    by_reason = {x[0]: x[2] for x in rows[1:] if x[0]}
    t.ok({k: v for k, v in by_reason.items() if v} == CLOSED
         and all(isinstance(v, int) for v in by_reason.values())
         and rows[-1][1:3] == ["Forløb afsluttet for fremmøde", 1],
         "workbook: closures by reason as numbers", rows)
    rows = [list(x) for x in wb["Klagefrister"].iter_rows(values_only=True)]
    t.ok([x[0] for x in rows[1:]] == ["complaint_forward", "complaint_reconsideration"]
         and rows[2][2:7] == [1, 0, 0, 1, 0.5]
         and wb["Klagefrister"].cell(3, 7).number_format == "0.00%",
         "workbook: the complaints' deadlines, the share a percentage", rows)
    for sheet, want in (("Terapeuter", THERAPISTS), ("Hold", TEAMS)):
        rows = [list(x) for x in wb[sheet].iter_rows(values_only=True)]
        t.ok([(x[0], x[1:]) for x in rows[1:]] == want
             and all(isinstance(v, int) for x in rows[1:] for v in x[1:]),
             f"workbook: {sheet} as numbers", rows)


def check_cli(t, genop, db):
    base = [genop, "report", "--db", db, "--municipality", "ishoj", "--from", "2025-02-01",
            "--to", "2025-05-31", "--as-of", "2025-06-10"]
    r = subprocess.run(base, capture_output=True)
    text = r.stdout.decode()
    t.ok(r.returncode == 0 and "\nAfsluttede sager efter grund\n" in text
         and "Udeblivelser (no_shows): 1\n" in text
         and "Forløb afsluttet for fremmøde (udeblivelser): 1\n" in text
         and "(complaint_reconsideration): overholdt 1, for sent 0, afventer 0, overskredet 1;"
             " andel overholdt 50,00 %" in text
         and "  terapeut2.ishoj: 3 tider; gennemført 1, udeblivelser 0, aflyst af borgeren 0,"
             " aflyst af enheden 1, uden udfald 1\n" in text
         and "\nHold (tider i kalenderen dateret i perioden)\n  Knæhold: 3 tider" in text,
         "cli: the text report's sections", text[text.find("Afsluttede"):])
    r = subprocess.run(base + ["--format", "csv"], capture_output=True)
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    want = [["closures_by_reason", "", "no_shows", "", "closed", "1"],
            ["closures_by_reason", "", "moved", "", "closed", "0"],
            ["courses_ended_for_attendance", "", "", "", "closed", "1"],
            ["complaint_deadlines", "", "complaint_reconsideration", "", "share_met", "0.5000"],
            ["complaint_deadlines", "", "complaint_forward", "", "late", "1"],
            ["therapists", "", "terapeut.ishoj", "", "sessions", "3"],
            ["teams", "", "Knæhold", "", "provider_cancellations", "1"]]
    t.ok(r.returncode == 0 and all(w in rows for w in want)
         and all(len(x) == 6 for x in rows), "cli: the CSV rows",
         [w for w in want if w not in rows])


def main():
    genop = sys.argv[1] if len(sys.argv) > 1 else "build/genop"
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([(m, role, f"{role}.{m}") for m in ("ishoj", "aalborg")
                       for role in ("visitator", "leder", "terapeut")]
                      + [("ishoj", "terapeut", "terapeut2.ishoj")])
        srv.start()
        ids = fill(t, srv)
        srv.stop()
        add_appointments(srv.db, ids)
        srv.start()
        check_json(t, srv)
        check_workbook(t, srv)
        srv.stop()
        check_cli(t, genop, srv.db)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
