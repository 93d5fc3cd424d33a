#!/usr/bin/env python3
""""Book tid": GET /api/v1/cases/{id}/appointment-proposals over HTTP
against a real `genop serve` (docs/calendar.md, "Proposals"):
- the proposals never break a rule: each one is booked through POST
  /appointments (in its room or at home) and every booking is accepted,
  and the GET stored nothing;
- they prefer the therapist the citizen had before (the latest
  appointment's, over the alphabetically first and the case's terapeut),
  and name another therapist only on a day the preferred one cannot
  (absent), saying why;
- they respect the grant: its minutes a session (the default minutes),
  its sessions a week (the case's booked appointments counted), its end
  (no day after it; the search says it ended at the grant's end);
- only workdays, one a day, never before `from`, and a room asked for or
  the home;
- refusals: another municipality's case and an unknown case 404, an
  admin 403, a closed case and training without a grant 422 at $.case
  (an assessment is proposed then), `from` before today 422, malformed
  arguments 400, another municipality's room 422;
- the look at the case is in the citizen's access log (case.read).
Prints TAP.

    tests/api/test_proposals.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Tap, add_event, days_ago, login_as, register_case  # noqa: E402

TODAY = datetime.date.today()
HOURS = [{"weekday": d, "from": "08:00", "to": "15:00"} for d in range(1, 6)]
URL = "/api/v1/cases/{}/appointment-proposals"


def monday_after(days):
    d = TODAY + datetime.timedelta(days=days)
    return d + datetime.timedelta(days=(7 - d.isoweekday() + 1) % 7)


FROM = monday_after(7)                        # a Monday 7-13 days ahead
UNTIL = FROM + datetime.timedelta(days=20)    # three weeks of grant
GRANT = {"form": "individual", "place": "centre", "sessions_per_week": 2,
         "minutes_per_session": 45, "sessions": None, "until": UNTIL.isoformat(),
         "transport": False, "exceptions": []}


def granted_case(vis, cpr, name, grant=GRANT):
    cid = register_case(vis, cpr, name, referred_days_ago=30)
    add_event(vis, cid, {"type": "decision", "date": days_ago(20), "granted": True,
                         "grant": grant})
    return cid


def proposals(c, cid, **q):
    query = "&".join(f"{k}={v}" for k, v in q.items())
    return c.request("GET", URL.format(cid) + ("?" + query if query else ""))


def day_of(start):
    return datetime.date.fromisoformat(start[:10])


def week_of(start):
    return day_of(start).isocalendar()[:2]


def book(c, cid, p):
    body = {"case": cid, "therapist": p["therapist"], "start": p["start"],
            "minutes": p["minutes"], "kind": p["kind"]}
    if p["home"]:
        body["home"] = True
    else:
        body["room"] = p["room"]["id"]
    return c.request("POST", "/api/v1/appointments", body)


def set_up(leder, leder_b):
    r = leder.request("POST", "/api/v1/locations", {
        "name": "Træningscenter Øst", "address": "Østre Allé 1, 9000 Aalborg",
        "rooms": [{"name": "Rum 1", "capacity": 1}, {"name": "Sal", "capacity": 3}]})
    rooms = r.json["rooms"]
    for name in ("ter.a", "ter.b"):
        leder.request("PUT", f"/api/v1/staff/{name}",
                      {"profession": "fysioterapeut", "hours": HOURS})
    r = leder_b.request("POST", "/api/v1/locations", {
        "name": "Skive Træning", "address": "Skive", "rooms": [{"name": "X", "capacity": 2}]})
    return rooms, r.json["rooms"][0]["id"]


def test_rules_and_grant(t, vis, ter, rum1):
    cid = granted_case(vis, "1111401111", "Dorthe Dahl")
    r = proposals(vis, cid, count=20, **{"from": FROM.isoformat()})
    items = r.json["items"] if r.status == 200 else []
    t.ok(r.status == 200 and len(items) >= 4, "GET proposals: 200 with proposals", r)
    t.ok(all(p["minutes"] == 45 for p in items) and r.json["minutes"] == 45,
         "the minutes are the grant's minutes a session", r)
    weeks = {}
    for p in items:
        weeks[week_of(p["start"])] = weeks.get(week_of(p["start"]), 0) + 1
    t.ok(items and max(weeks.values()) <= 2, "at most the grant's 2 sessions a week", weeks)
    t.ok(all(FROM <= day_of(p["start"]) <= UNTIL for p in items),
         "every proposal from `from` to the grant's end", [p["start"] for p in items])
    t.ok(r.status == 200 and r.json["ended"] and r.json["ended"]["detail"] and
         r.json["to"] == UNTIL.isoformat(),
         "fewer than asked for: the search ended at the grant's end, and says why", r)
    days = [day_of(p["start"]) for p in items]
    t.ok(len(set(days)) == len(days) and all(d.isoweekday() <= 5 for d in days),
         "one a day, only on weekdays", days)
    t.ok(items and all(p["room"] and p["room"]["name"] and
                       p["room"]["location"] == "Træningscenter Øst" and p["why"] and
                       all(w["id"] == "start" for w in p["warnings"]) for p in items),
         "each names its room with location, and why it was chosen", r)
    listed = vis.request("GET", f"/api/v1/appointments?case={cid}")
    t.ok(listed.status == 200 and listed.json["items"] == [],
         "nothing was stored by asking", listed)
    results = [book(ter, cid, p) for p in items]
    t.ok(results and all(x.status == 201 for x in results),
         f"every one of the {len(items)} proposals is accepted when booked",
         *[x for x in results if x.status != 201])
    r = proposals(vis, cid, **{"from": FROM.isoformat()})
    t.ok(r.status == 200 and r.json["items"] == [] and r.json["ended"],
         "with those booked, no more fit the grant: none, and why", r)
    # A case with a booked time in the first week: that week has one place left.
    cid2 = granted_case(vis, "1212401212", "Erik Eng")
    wed = FROM + datetime.timedelta(days=2)
    x = ter.request("POST", "/api/v1/appointments", {
        "case": cid2, "therapist": "ter.a", "start": wed.isoformat() + "T13:00", "minutes": 45,
        "kind": "training", "room": rum1})
    r = proposals(vis, cid2, count=3, **{"from": FROM.isoformat()})
    first_week = [p for p in (r.json["items"] if r.status == 200 else [])
                  if week_of(p["start"]) == FROM.isocalendar()[:2]]
    t.ok(x.status == 201 and r.status == 200 and len(first_week) == 1 and
         day_of(first_week[0]["start"]) != wed,
         "a booked appointment counts: one more in its week, not on its day", r)
    r = proposals(vis, cid2, minutes=60, **{"from": FROM.isoformat()})
    t.ok(r.status == 200 and r.json["items"] == [] and r.json["ended"]["limit"] ==
         "grant_minutes_per_session", "more minutes than the grant's: none, the limit named",
         r)


def test_preferred(t, vis, leder, ter, rooms):
    cid = granted_case(vis, "0505401313", "Frida Friis")
    before = FROM - datetime.timedelta(days=3)
    while before.isoweekday() > 5:
        before -= datetime.timedelta(days=1)
    x = ter.request("POST", "/api/v1/appointments", {
        "case": cid, "therapist": "ter.b", "start": before.isoformat() + "T10:00",
        "minutes": 45, "kind": "training", "room": rooms[1]["id"]})
    r = proposals(vis, cid, count=4, **{"from": FROM.isoformat()})
    items = r.json["items"] if r.status == 200 else []
    t.ok(x.status == 201 and r.status == 200 and r.json["preferred"]["therapist"] == "ter.b" and
         "ter.b" in r.json["preferred"]["why"],
         "the preferred therapist is the one of the latest appointment, with why", r)
    t.ok(len(items) == 4 and all(p["therapist"] == "ter.b" and p["preferred"] for p in items),
         "every proposal is with ter.b, not the alphabetically first ter.a", r)
    t.ok(all(p["room"]["id"] == rooms[1]["id"] for p in items),
         "in the room of the latest appointment", r)
    absent = day_of(items[0]["start"]) if items else FROM
    leder.request("PUT", "/api/v1/staff/ter.b", {
        "profession": "fysioterapeut", "hours": HOURS,
        "absences": [{"from": absent.isoformat(), "to": absent.isoformat(), "reason": "kursus"}]})
    r = proposals(vis, cid, count=4, **{"from": FROM.isoformat()})
    items = r.json["items"] if r.status == 200 else []
    on_day = [p for p in items if day_of(p["start"]) == absent]
    t.ok(len(on_day) == 1 and on_day[0]["therapist"] == "ter.a" and not on_day[0]["preferred"]
         and "ter.b" in on_day[0]["why"],
         "the day ter.b is absent, ter.a is proposed, saying ter.b has no free time", r)
    t.ok(all(p["therapist"] == "ter.b" for p in items if day_of(p["start"]) != absent),
         "the other days stay with ter.b", r)
    leder.request("PUT", "/api/v1/staff/ter.b", {"profession": "fysioterapeut", "hours": HOURS})
    r = proposals(vis, cid, count=1, home="true", **{"from": FROM.isoformat()})
    p = r.json["items"][0] if r.status == 200 and r.json["items"] else {}
    t.ok(p.get("home") is True and p.get("room") is None and p.get("place") == "home",
         "home=true: a time at the citizen's home", r)
    y = book(ter, cid, p) if p else None
    t.ok(y is not None and y.status == 201, "and it is accepted when booked", y)


def test_refusals(t, srv, vis, rum_b):
    vis_b, admin = login_as(srv, "vis.b"), login_as(srv, "admin.a")
    cid = granted_case(vis, "0606401414", "Gitte Gram")
    r = proposals(vis_b, cid)
    t.ok(r.status == 404, "another municipality's case: 404", r)
    r = proposals(vis, 999999)
    t.ok(r.status == 404, "an unknown case: 404", r)
    r = proposals(admin, cid)
    t.ok(r.status == 403, "an admin may not: 403", r)
    r = proposals(vis, cid, **{"from": (TODAY - datetime.timedelta(days=1)).isoformat()})
    t.ok(r.status == 422 and r.json.get("field") == "from", "from before today: 422 at from", r)
    for q, what in [({"kind": "nap"}, "an unknown kind"), ({"count": "x"}, "a count not a number"),
                    ({"from": "2026-13-01"}, "a date that is none"),
                    ({"room": "1", "home": "true"}, "both room and home")]:
        r = proposals(vis, cid, **q)
        t.ok(r.status == 400, f"{what}: 400", r)
    r = proposals(vis, cid, room=rum_b)
    t.ok(r.status == 422 and r.json.get("field") == "room",
         "another municipality's room: 422 at room", r)
    bare = register_case(vis, "0707401515", "Hans Holm")
    r = proposals(vis, bare)
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "training without a grant: 422 at $.case", r)
    r = proposals(vis, bare, kind="assessment", count=2, **{"from": FROM.isoformat()})
    t.ok(r.status == 200 and len(r.json["items"]) == 2 and r.json["minutes"] == 60 and
         all(p["kind"] == "assessment" for p in r.json["items"]),
         "an assessment is proposed for it, 60 minutes by default", r)
    closed = granted_case(vis, "0808401616", "Ida Isaksen")
    add_event(vis, closed, {"type": "closed", "date": days_ago(1), "reason": "goal_reached"})
    r = proposals(vis, closed)
    t.ok(r.status == 422 and r.json.get("field") == "$.case", "a closed case: 422 at $.case", r)


def test_access_log(t, srv, vis, leder):
    cid = granted_case(vis, "0909401717", "Jens Juul")
    citizen = vis.request("GET", f"/api/v1/cases/{cid}").json["citizen"]["id"]

    def reads():
        r = leder.request("GET", f"/api/v1/citizens/{citizen}/access-log?limit=500")
        return [i for i in r.json["items"] if i.get("action") == "case.read"
                and i.get("user") == "vis.a"]
    n = len(reads())
    proposals(vis, cid, count=1, **{"from": FROM.isoformat()})
    srv.reads_imported()
    t.ok(len(reads()) == n + 1, "the look at the case is one case.read row in the access log")


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"),
                       ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"),
                       ("aalborg", "terapeut", "ter.b"),
                       ("aalborg", "admin", "admin.a"),
                       ("skive", "leder", "leder.b"),
                       ("skive", "visitator", "vis.b")])
        srv.start()
        leder, vis, ter = login_as(srv, "leder.a"), login_as(srv, "vis.a"), login_as(srv, "ter.a")
        rooms, rum_b = set_up(leder, login_as(srv, "leder.b"))
        test_rules_and_grant(t, vis, ter, rooms[0]["id"])
        test_preferred(t, vis, leder, ter, rooms)
        test_refusals(t, srv, vis, rum_b)
        test_access_log(t, srv, vis, leder)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
