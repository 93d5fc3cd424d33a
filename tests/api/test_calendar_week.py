#!/usr/bin/env python3
"""The calendar's week view and moving an appointment (docs/calendar.md,
"The week view", "Moving an appointment") over HTTP against a real
`genop serve`:
- GET /calendar/week?week=YYYY-Www&therapist= (or &room=, &team=): the
  week, its days (holiday, the therapist's hours and absence), the
  appointments by start with the citizen's name and initials, the place
  and the team; cancelled ones with their status; 400 for a malformed
  week or not exactly one of therapist/room/team; 404 for another
  municipality's therapist, room or team (and a name that is no
  terapeut); 403 for an admin; one access-log row (calendar.week,
  "planlægning af træning") per case shown;
- POST /appointments/{id}/move: the same checks as a booking (409 with
  `conflict` therapist/room, 422 with `field` and `limit`), the
  appointment not counted against itself, nothing changed when refused;
  422 at $.start when cancelled or its outcome registered; a team
  appointment moves to the team's meeting of the new week and takes no
  room; another municipality's 404; the move in the access log
  (appointment.move).
Prints TAP.

    tests/api/test_calendar_week.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Server, Tap, add_event, login_as, register_case  # noqa: E402

TODAY = datetime.date.today()
HOURS = [{"weekday": d, "from": "08:00", "to": "15:30"} for d in range(1, 6)]
ALL_DAY = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]
CITIZENS = [("0101401234", "Anna Ørsted Andersen"), ("0202402345", "Bent Berg"),
            ("0303403456", "Åse-Marie Clausen")]


def iso_week(d):
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def week(c, d, **who):
    q = "&".join(f"{k}={v}" for k, v in who.items())
    return c.request("GET", f"/api/v1/calendar/week?week={iso_week(d)}&{q}")


def quiet_monday(ter):
    """A Monday at least a week ahead whose week has no holiday."""
    mon = TODAY + datetime.timedelta(days=7 - TODAY.weekday() + 7)
    for _ in range(8):
        r = week(ter, mon, therapist="ter.a")
        if r.status == 200 and all(d["holiday"] is None for d in r.json["days"]):
            return mon
        mon += datetime.timedelta(days=7)
    raise RuntimeError("no week without a holiday in two months")


def at(d, hhmm):
    return f"{d.isoformat()}T{hhmm}"


def book(c, **b):
    r = c.request("POST", "/api/v1/appointments", dict({"kind": "training"}, **b))
    if r.status != 201:
        raise RuntimeError(f"booking {b}: {r}")
    return r.json["id"]


def set_up(leder, vis, ter):
    r = leder.request("POST", "/api/v1/locations", {
        "name": "Træningscenter Nord", "address": "Hobrovej 10, 9000 Aalborg",
        "rooms": [{"name": "Sal 1", "capacity": 6}, {"name": "Rum 2", "capacity": 1}]})
    sal, rum = r.json["rooms"][0]["id"], r.json["rooms"][1]["id"]
    mon = quiet_monday(ter)
    fri = mon + datetime.timedelta(days=4)
    leder.request("PUT", "/api/v1/staff/ter.a", {
        "profession": "fysioterapeut", "hours": HOURS,
        "absences": [{"from": fri.isoformat(), "to": fri.isoformat(), "reason": "kursus"}]})
    leder.request("PUT", "/api/v1/staff/ter.a2", {"profession": "ergoterapeut",
                                                  "hours": ALL_DAY})
    r = leder.request("POST", "/api/v1/teams", {
        "name": "Balancehold", "paragraph": "86.1", "room": sal, "weekday": 2,
        "time": "10:00", "minutes": 45, "capacity": 4, "therapist": "ter.a",
        "from": (TODAY - datetime.timedelta(days=60)).isoformat(), "to": None})
    team = r.json["id"]
    cases = []
    for cpr, name in CITIZENS:
        cid = register_case(vis, cpr, name, referred_days_ago=40)
        add_event(vis, cid, {"type": "decision",
                             "date": (TODAY - datetime.timedelta(days=35)).isoformat(),
                             "granted": True, "grant": dict(GRANT, sessions_per_week=2)})
        cases.append(cid)
    return {"sal": sal, "rum": rum, "team": team, "mon": mon, "cases": cases}


def day(s, n):
    return s["mon"] + datetime.timedelta(days=n)


def test_week(t, s, ter, leder, ids):
    r = week(ter, s["mon"], therapist="ter.a")
    t.ok(r.status == 200 and r.json["week"] == iso_week(s["mon"]) and
         r.json["from"] == s["mon"].isoformat() and
         r.json["to"] == day(s, 6).isoformat() and len(r.json["days"]) == 7,
         "GET /calendar/week?therapist=ter.a: the ISO week, from Monday to Sunday", r)
    if r.status != 200:
        return
    w = r.json
    d = w["days"]
    t.ok([x["weekday"] for x in d] == list(range(1, 8)) and
         d[0]["hours"] == [{"from": "08:00", "to": "15:30"}] and d[5]["hours"] == [] and
         d[0]["absence"] is None and d[4]["absence"] == "kursus",
         "each day with its weekday, the therapist's hours and Friday's absence", d)
    items = w["items"]
    starts = [i["start"] for i in items]
    t.ok(starts == sorted(starts) and [i["id"] for i in items] ==
         [ids["mon9"], ids["mon10"], ids["tue_team0"], ids["tue_team1"], ids["wed9"]],
         "the therapist's appointments of the week, by start (another week's left out)",
         items)
    by = {i["id"]: i for i in items}
    a = by.get(ids["mon9"], {})
    t.ok(a.get("citizen") == {"name": "Anna Ørsted Andersen", "initials": "A.Ø.A."} and
         a.get("case") == s["cases"][0] and a.get("therapist") == "ter.a" and
         a.get("end") == at(s["mon"], "09:45") and a.get("minutes") == 45 and
         a.get("kind") == "training" and a.get("status") == "booked" and
         a.get("place") == {"type": "room", "name": "Rum 2",
                            "location": "Træningscenter Nord",
                            "address": "Hobrovej 10, 9000 Aalborg"},
         "an appointment with the citizen's name and initials, its end, kind and place", a)
    h = by.get(ids["mon10"], {})
    t.ok(h.get("place", {}).get("type") == "home" and
         h.get("place", {}).get("name") == "Borgerens hjem" and
         h.get("place", {}).get("location") is None and "team" not in h,
         "a home visit: place home, no location, no team", h)
    tm = by.get(ids["tue_team0"], {})
    t.ok(tm.get("team") == {"id": s["team"], "name": "Balancehold"} and
         tm.get("place", {}).get("type") == "team" and
         tm.get("place", {}).get("name") == "Sal 1",
         "a team's appointment names the team and its room", tm)
    r = week(ter, s["mon"], room=s["rum"])
    t.ok(r.status == 200 and [i["id"] for i in r.json["items"]] ==
         [ids["mon9"], ids["wed9"], ids["thu11"]] and "hours" not in r.json["days"][0] and
         r.json["of"] == {"type": "room", "id": s["rum"], "name": "Rum 2"},
         "room=: the room's appointments of every therapist; no hours", r)
    r = week(leder, s["mon"], team=s["team"])
    t.ok(r.status == 200 and [i["id"] for i in r.json["items"]] ==
         [ids["tue_team0"], ids["tue_team1"]] and r.json["of"]["name"] == "Balancehold",
         "team=: the team's meeting with its participants (a leder reads it)", r)
    r = ter.request("GET", "/api/v1/calendar/week?week=2026-W52&therapist=ter.a")
    hol = [x["holiday"] for x in r.json["days"]] if r.status == 200 else []
    t.ok(len(hol) == 7 and hol[0] is None and all(hol[3:6]),
         "2026-W52: Christmas Eve, Christmas Day and Boxing Day are named", hol)
    r = ter.request("GET", "/api/v1/calendar/week?therapist=ter.a")
    t.ok(r.status == 200 and r.json["week"] == iso_week(TODAY),
         "without week=: this week", r)


def test_week_refusals(t, s, ter, leder_b, admin):
    for q, what in [("week=2026-W60&therapist=ter.a", "week 60"),
                    ("week=2027-W53&therapist=ter.a", "week 53 of 2027 (it has 52)"),
                    ("week=2026-49&therapist=ter.a", "a week without W"),
                    ("week=2026-W49", "none of therapist, room, team"),
                    (f"week=2026-W49&therapist=ter.a&room={s['rum']}", "two of them")]:
        r = ter.request("GET", "/api/v1/calendar/week?" + q)
        t.ok(r.status == 400 and r.json and r.json.get("detail"), f"{what}: 400", r)
    r = ter.request("GET", "/api/v1/calendar/week?week=2026-W53&therapist=ter.a")
    t.ok(r.status == 200 and r.json["from"] == "2026-12-28" and r.json["to"] == "2027-01-03",
         "2026-W53 exists (2026 begins on a Thursday): 200", r)
    for q, what in [("therapist=ter.a", "ter.a"), (f"room={s['rum']}", "the room"),
                    (f"team={s['team']}", "the team")]:
        r = leder_b.request("GET", f"/api/v1/calendar/week?week=2026-W49&{q}")
        t.ok(r.status == 404, f"another municipality's leder asks for {what}: 404", r)
    r = ter.request("GET", "/api/v1/calendar/week?week=2026-W49&therapist=vis.a")
    t.ok(r.status == 404, "a name that is no terapeut: 404", r)
    r = ter.request("GET", "/api/v1/calendar/week?week=2026-W49&room=999999")
    t.ok(r.status == 404, "an unknown room: 404", r)
    r = admin.request("GET", "/api/v1/calendar/week?week=2026-W49&therapist=ter.a")
    t.ok(r.status == 403, "an admin does not read the calendar: 403", r)


def start_of(c, aid, s):
    frm, to = (s["mon"] - datetime.timedelta(days=60)).isoformat(), day(s, 60).isoformat()
    r = c.request("GET", f"/api/v1/appointments?from={frm}&to={to}")
    return {i["id"]: i for i in r.json["items"]}.get(aid, {})


def move(c, aid, **body):
    return c.request("POST", f"/api/v1/appointments/{aid}/move", body)


def test_move_conflicts(t, s, ter, ids):
    r = move(ter, ids["mon9"], start=at(s["mon"], "09:15"))
    t.ok(r.status == 200 and r.json["id"] == ids["mon9"] and
         r.json["start"] == at(s["mon"], "09:15") and isinstance(r.json["warnings"], list) and
         r.json["room"] == s["rum"],
         "a move onto its own old time (overlapping itself, in a room of 1): 200, same id",
         r)
    before = start_of(ter, ids["wed9"], s)
    r = move(ter, ids["wed9"], start=at(s["mon"], "10:15"))
    t.ok(r.status == 409 and r.json.get("conflict") == "therapist",
         "onto the therapist's home visit: 409 conflict therapist", r)
    r = move(ter, ids["wed9"], start=at(day(s, 3), "11:15"))
    t.ok(r.status == 409 and r.json.get("conflict") == "room",
         "into the room another therapist has then: 409 conflict room", r)
    r = move(ter, ids["wed9"], start=at(day(s, 4), "09:00"))
    t.ok(r.status == 409 and r.json.get("conflict") == "therapist" and
         "fraværende" in r.json.get("detail", ""),
         "onto the therapist's day of absence: 409 therapist, fraværende", r)
    r = move(ter, ids["wed9"], start=at(day(s, 2), "16:00"))
    t.ok(r.status == 409 and r.json.get("conflict") == "therapist",
         "outside the therapist's hours: 409 therapist", r)
    t.ok(start_of(ter, ids["wed9"], s) == before, "a refused move changes nothing",
         before, start_of(ter, ids["wed9"], s))
    r = move(ter, ids["wed9"], start=at(day(s, 2), "13:00"), therapist="ter.a2",
             room=s["sal"])
    t.ok(r.status == 200 and r.json["therapist"] == "ter.a2" and r.json["room"] == s["sal"]
         and r.json["start"] == at(day(s, 2), "13:00"),
         "to another therapist and room: 200 with both", r)


def test_move_refusals(t, s, ter, vis, leder_b, ids):
    r = move(ter, ids["next_mon"], start=at(day(s, 3), "08:00"))
    t.ok(r.status == 422 and r.json.get("limit") == "grant_sessions_per_week" and
         r.json.get("field"),
         "a third session into a week the grant gives two: 422 grant_sessions_per_week", r)
    r = move(ter, ids["next_mon"], start=at(day(s, 7), "12:00"))
    t.ok(r.status == 200, "within its own week the limit does not count it twice: 200", r)
    r = move(ter, ids["tue_team0"], start=at(day(s, 9), "08:00"))
    t.ok(r.status == 200 and r.json["start"] == at(day(s, 8), "10:00") and
         r.json["team"] == s["team"],
         "a team appointment moves to the team's meeting of the new week", r)
    r = move(ter, ids["tue_team1"], start=at(day(s, 8), "10:00"), room=s["rum"])
    t.ok(r.status == 422 and r.json.get("field") == "$.room",
         "a team appointment given a room: 422 at $.room", r)
    ter.request("POST", f"/api/v1/appointments/{ids['thu11']}/cancel",
                {"by": "citizen", "reason": "syg"})
    r = move(ter, ids["thu11"], start=at(day(s, 3), "12:00"))
    t.ok(r.status == 422 and r.json.get("field") == "$.start" and
         "aflyst" in r.json.get("detail", ""), "a cancelled appointment: 422 at $.start", r)
    r = week(ter, s["mon"], room=s["rum"])
    got = {i["id"]: (i["status"], i["cancelled_by"]) for i in r.json["items"]}
    t.ok(got.get(ids["thu11"]) == ("cancelled", "citizen"),
         "the week shows a cancelled appointment with its status and who cancelled", got)
    r = ter.request("POST", f"/api/v1/appointments/{ids['past']}/outcome",
                    {"outcome": "attended"})
    r = move(ter, ids["past"], start=at(day(s, 3), "12:00"))
    t.ok(r.status == 422 and r.json.get("field") == "$.start" and
         "udfald" in r.json.get("detail", ""),
         "an appointment whose outcome is registered: 422 at $.start", r)
    r = move(ter, ids["mon10"], start="i morgen")
    t.ok(r.status == 422 and r.json.get("field") == "$.start", "a malformed start: 422", r)
    r = move(ter, ids["mon10"], start=at(day(s, 1), "14:00"), therapist="leder.a")
    t.ok(r.status == 422 and r.json.get("field") == "$.therapist",
         "to someone who is no terapeut: 422 at $.therapist", r)
    r = move(leder_b, ids["mon10"], start=at(day(s, 1), "14:00"))
    t.ok(r.status == 404, "another municipality's appointment: 404", r)
    r = move(ter, 999999, start=at(day(s, 1), "14:00"))
    t.ok(r.status == 404, "an unknown appointment: 404", r)
    r = move(vis, ids["mon10"], start=at(day(s, 1), "14:00"))
    t.ok(r.status == 200 and r.json["start"] == at(day(s, 1), "14:00"),
         "a visitator moves an appointment: 200", r)


def test_access_log(t, srv, s, leder, vis):
    srv.reads_imported()
    cit = vis.request("GET", f"/api/v1/cases/{s['cases'][0]}").json["citizen"]["id"]
    srv.reads_imported()
    r = leder.request("GET", f"/api/v1/citizens/{cit}/access-log?limit=500")
    rows = r.json.get("items", []) if r.status == 200 else []
    weeks = [i for i in rows if i.get("action") == "calendar.week"]
    moves = [i for i in rows if i.get("action") == "appointment.move"]
    t.ok(weeks and all(i.get("purpose") == "planlægning af træning" and
                       i.get("case") in (s["cases"][0], None) for i in weeks) and
         {i.get("user") for i in weeks} >= {"ter.a"},
         "reading a week is in the citizen's access log: calendar.week, "
         "planlægning af træning", rows)
    t.ok(moves and moves[0].get("user") == "ter.a",
         "a move is in the citizen's access log: appointment.move", rows)
    cit2 = vis.request("GET", f"/api/v1/cases/{s['cases'][2]}").json["citizen"]["id"]
    srv.reads_imported()
    r = leder.request("GET", f"/api/v1/citizens/{cit2}/access-log?limit=500")
    n = len([i for i in r.json.get("items", []) if i.get("action") == "calendar.week" and
             i.get("user") == "leder.a"])
    t.ok(n == 1, "the leder's team week logged one row for the case shown", r)


def bookings(s, ter):
    c = s["cases"]
    ids = {
        "mon9": book(ter, case=c[0], therapist="ter.a", start=at(s["mon"], "09:00"),
                     minutes=45, room=s["rum"]),
        "mon10": book(ter, case=c[1], therapist="ter.a", start=at(s["mon"], "10:00"),
                      minutes=45, home=True),
        "tue_team0": book(ter, case=c[2], therapist="ter.a", start=at(day(s, 1), "10:00"),
                          team=s["team"]),
        "tue_team1": book(ter, case=c[1], therapist="ter.a", start=at(day(s, 1), "10:00"),
                          team=s["team"]),
        "wed9": book(ter, case=c[0], therapist="ter.a", start=at(day(s, 2), "09:00"),
                     minutes=45, room=s["rum"]),
        "thu11": book(ter, case=c[2], therapist="ter.a2", start=at(day(s, 3), "11:00"),
                      minutes=45, room=s["rum"]),
        "next_mon": book(ter, case=c[2], therapist="ter.a2", start=at(day(s, 7), "09:00"),
                         minutes=45, home=True),
    }
    past = TODAY - datetime.timedelta(days=1)
    ids["past"] = book(ter, case=c[1], therapist="ter.a2", start=at(past, "09:00"),
                       minutes=45, home=True, kind="assessment")
    return ids


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"),
                       ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"),
                       ("aalborg", "terapeut", "ter.a2"),
                       ("aalborg", "admin", "admin.a"),
                       ("skive", "leder", "leder.b")])
        srv.start()
        leder, vis, ter = login_as(srv, "leder.a"), login_as(srv, "vis.a"), login_as(srv, "ter.a")
        leder_b = login_as(srv, "leder.b")
        s = set_up(leder, vis, ter)
        ids = bookings(s, ter)
        test_week(t, s, ter, leder, ids)
        test_week_refusals(t, s, ter, leder_b, login_as(srv, "admin.a"))
        test_move_conflicts(t, s, ter, ids)
        test_move_refusals(t, s, ter, vis, leder_b, ids)
        test_access_log(t, srv, s, leder, vis)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
