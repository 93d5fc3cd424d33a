#!/usr/bin/env python3
"""A team's roster, waiting list and meetings (issue 14; docs/calendar.md,
"Teams") over HTTP against a real `genop serve`:
- GET /teams/{id}: the team with its roster, waiting list, coming
  meetings and whether it is full; the access log's team.read rows;
- enrolling (POST /teams/{id}/roster) books the case onto the meetings
  through the series path; a case on the roster already is 422 at
  $.case, a case without a grant 422 at $.case, a full team 409 with
  conflict team and nothing kept;
- the waiting list: adding (422 twice, 422 for a case on the roster),
  its order (PUT, 422 at $.cases unless every case is named once), a
  team appointment cancelled offers the freed place to the first on the
  list (the worklist task team_place, due the freed meeting), declining
  passes it on, enrolling accepts it (off the list, the task gone),
  removing;
- leaving (POST /teams/{id}/roster/leave) cancels the remaining team
  bookings and offers the place; a case not on the roster is 422;
- a meeting (GET /teams/{id}/meetings/{date}) with its participants and
  their names (access log team.meeting), 404 on a day the team does not
  meet or a path that is no date; its attendance in one write, all or
  nothing (a bad outcome, an appointment of another meeting, one named
  twice, one registered already: 422 at the item, nothing kept), a
  leder 403;
- another municipality's team is 404 on every route, its case 404
  ("Sagen findes ikke.").
Prints TAP.

    tests/api/test_teams.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Server, Tap, add_event, days_ago, login_as, register_case  # noqa: E402,E501

TODAY = datetime.date.today()
HOURS = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]


def d(n):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def granted(vis, cpr, name):
    cid = register_case(vis, cpr, name, referred_days_ago=40)
    add_event(vis, cid, {"type": "decision", "date": days_ago(30), "granted": True,
                         "grant": GRANT})
    return cid


def setup(leder, ter_name):
    r = leder.request("PUT", f"/api/v1/staff/{ter_name}",
                      {"profession": "fysioterapeut", "hours": HOURS})
    assert r.status == 200, r
    r = leder.request("POST", "/api/v1/locations", {
        "name": "Træningscenter", "address": "Vej 1", "rooms": [{"name": "Sal", "capacity": 10}]})
    assert r.status == 201, r
    r = leder.request("POST", "/api/v1/teams", {
        "name": "Balancehold", "paragraph": "86.1", "room": r.json["rooms"][0]["id"],
        "weekday": TODAY.isoweekday(), "time": "08:00", "minutes": 45, "capacity": 2,
        "therapist": ter_name, "from": d(-14), "to": None})
    assert r.status == 201, r
    return r.json["id"]


def team_place_tasks(c, cid):
    r = c.request("GET", "/api/v1/worklist?limit=500")
    return [i for i in r.json.get("items", []) if i.get("case") == cid and
            i.get("id") == "team_place"] if r.status == 200 else None


def appointments(c, cid):
    r = c.request("GET", f"/api/v1/appointments?case={cid}")
    return r.json["items"] if r.status == 200 else None


def enrol(c, team, cid, frm, to):
    return c.request("POST", f"/api/v1/teams/{team}/roster", {"case": cid, "from": frm, "to": to})


def test_page_and_enrol(t, vis, team, cases, ungranted):
    r = vis.request("GET", f"/api/v1/teams/{team}")
    t.ok(r.status == 200 and r.json["roster"] == [] and r.json["waiting_list"] == [] and
         r.json["meetings"] and r.json["meetings"][0]["date"] == d(0) and
         r.json["meetings"][0]["free"] == 2 and r.json["full"] is False,
         "GET /teams/{id}: no roster, no waiting list, the next meetings with free places", r)
    r = enrol(vis, team, cases[0], d(-7), d(21))
    t.ok(r.status == 201 and len(r.json["ids"]) == 5 and r.json["skipped"] == [] and
         r.json["roster"]["case"] == cases[0] and r.json["roster"]["from"] == d(-7) and
         r.json["roster"]["to"] == d(21),
         "enrolling books the five meetings from last week to three weeks ahead", r)
    booked = appointments(vis, cases[0])
    t.ok(booked and len(booked) == 5 and all(a["team"] == team and a["place"] == "team"
                                              for a in booked),
         "the case's appointments are the team's meetings", booked)
    r = enrol(vis, team, cases[0], d(0), d(7))
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "a case on the roster already: 422 at $.case", r)
    r = enrol(vis, team, ungranted, d(0), d(7))
    t.ok(r.status == 422 and r.json.get("field") == "$.case" and
         appointments(vis, ungranted) == [], "a case without a grant: 422 at $.case, nothing "
         "booked", r)
    r = enrol(vis, team, cases[1], d(-7), d(21))
    t.ok(r.status == 201 and len(r.json["ids"]) == 5, "a second case fills the team", r)
    r = enrol(vis, team, cases[2], d(-7), d(21))
    t.ok(r.status == 409 and r.json.get("conflict") == "team" and
         appointments(vis, cases[2]) == [],
         "a full team: 409 with conflict team, nothing kept", r)
    r = vis.request("GET", f"/api/v1/teams/{team}")
    t.ok(r.status == 200 and [x["case"] for x in r.json["roster"]] == cases[:2] and
         r.json["full"] is True and r.json["enrolled"] == 2 and
         r.json["meetings"][0]["free"] == 0 and
         r.json["roster"][0]["citizen"]["name"] == "Anna Andersen",
         "the roster names its citizens; the team is full", r)


def test_waiting(t, vis, team, cases):
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[2]})
    t.ok(r.status == 201 and [(x["case"], x["position"], x["offer"]) for x in r.json["items"]]
         == [(cases[2], 1, None)], "POST waiting-list: the case is first, without an offer", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[3]})
    t.ok(r.status == 201 and [x["case"] for x in r.json["items"]] == [cases[2], cases[3]],
         "a second case comes last", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[2]})
    t.ok(r.status == 422 and r.json.get("field") == "$.case", "twice: 422 at $.case", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[0]})
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "a case on the roster: 422 at $.case", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": 999999})
    t.ok(r.status == 404 and r.json.get("detail") == "Sagen findes ikke.",
         "no such case: 404 \"Sagen findes ikke.\"", r)
    r = vis.request("PUT", f"/api/v1/teams/{team}/waiting-list", {"cases": [cases[3], cases[2]]})
    t.ok(r.status == 200 and [x["case"] for x in r.json["items"]] == [cases[3], cases[2]] and
         [x["position"] for x in r.json["items"]] == [1, 2], "PUT waiting-list: a new order", r)
    for bad, what in (([cases[3]], "one left out"), ([cases[3], cases[3]], "one named twice"),
                      ([cases[3], 999999], "a case not on the list")):
        r = vis.request("PUT", f"/api/v1/teams/{team}/waiting-list", {"cases": bad})
        t.ok(r.status == 422 and r.json.get("field") == "$.cases", f"{what}: 422 at $.cases", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list/decline", {"case": cases[3]})
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "declining without an offer: 422 at $.case", r)


def test_offer(t, vis, ter, team, cases):
    freed = [a for a in appointments(vis, cases[1]) if a["start"].startswith(d(7))][0]
    r = ter.request("POST", f"/api/v1/appointments/{freed['id']}/cancel",
                    {"by": "citizen", "reason": "bortrejst"})
    t.ok(r.status == 200, "a team appointment is cancelled", r)
    r = vis.request("GET", f"/api/v1/teams/{team}")
    first = r.json["waiting_list"][0] if r.status == 200 else {}
    t.ok(first.get("case") == cases[3] and first.get("offer") == {"offered_on": d(0),
                                                                   "due": d(7)},
         "the freed place is offered to the first on the waiting list, due the meeting", r)
    tasks = team_place_tasks(vis, cases[3])
    t.ok(tasks and len(tasks) == 1 and tasks[0]["due"] == d(7) and
         tasks[0].get("kind") == "task" and "Balancehold" in tasks[0].get("label", ""),
         "the offered case has the worklist task team_place, due the freed meeting", tasks)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list/decline", {"case": cases[3]})
    t.ok(r.status == 200 and r.json["offered"] == cases[2] and
         [x["case"] for x in r.json["items"]] == [cases[2]] and
         r.json["items"][0]["offer"]["due"] == d(7),
         "declining: off the list, the offer passes to the next", r)
    t.ok(team_place_tasks(vis, cases[3]) == [] and len(team_place_tasks(vis, cases[2])) == 1,
         "the task moves with the offer")
    r = enrol(vis, team, cases[2], d(7), d(7))
    t.ok(r.status == 201 and len(r.json["ids"]) == 1, "accepting: the case is enrolled on the "
         "freed meeting", r)
    r = vis.request("GET", f"/api/v1/teams/{team}")
    t.ok(r.status == 200 and r.json["waiting_list"] == [] and team_place_tasks(vis, cases[2]) ==
         [], "the accepted case is off the waiting list and its task is gone", r)


def test_leave(t, vis, team, cases):
    vis.request("POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[3]})
    r = vis.request("POST", f"/api/v1/teams/{team}/roster/leave",
                    {"case": cases[0], "from": d(1), "by": "citizen", "reason": "flytter"})
    t.ok(r.status == 200 and r.json["cancelled"] == 3 and r.json["offered"] == cases[3] and
         r.json["left_on"] == d(1),
         "leaving cancels the three coming meetings and offers the place", r)
    left = appointments(vis, cases[0])
    t.ok([a["status"] for a in left] == ["booked", "booked", "cancelled", "cancelled",
                                         "cancelled"] and
         left[2]["cancelled_by"] == "citizen",
         "the past meetings stay, the coming ones are cancelled", left)
    tasks = team_place_tasks(vis, cases[3])
    t.ok(tasks and tasks[0]["due"] == d(7), "the offered case has the task, due the first "
         "freed meeting", tasks)
    r = vis.request("POST", f"/api/v1/teams/{team}/roster/leave",
                    {"case": cases[0], "by": "citizen", "reason": "x"})
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "leaving again (not on the roster): 422 at $.case", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/roster/leave", {"case": cases[1]})
    t.ok(r.status == 422 and r.json.get("field") == "$.by", "leaving without by: 422 at $.by", r)
    r = vis.request("POST", f"/api/v1/teams/{team}/waiting-list/remove", {"case": cases[3]})
    t.ok(r.status == 200 and r.json["items"] == [] and r.json["offered"] is None and
         team_place_tasks(vis, cases[3]) == [],
         "removing the offered case: the list is empty, the task gone", r)
    r = vis.request("GET", f"/api/v1/teams/{team}")
    row = [x for x in r.json["roster"] if x["case"] == cases[0]] if r.status == 200 else []
    t.ok(row and row[0]["left_on"] == d(1), "the roster keeps the case with the day it left", r)


def test_meeting(t, srv, vis, ter, leder, team, cases):
    r = ter.request("GET", f"/api/v1/teams/{team}/meetings/{d(-7)}")
    people = r.json["participants"] if r.status == 200 else []
    t.ok(r.status == 200 and r.json["date"] == d(-7) and r.json["time"] == "08:00" and
         [p["case"] for p in people] == cases[:2] and
         people[0]["citizen"]["name"] == "Anna Andersen" and
         all(p["status"] == "booked" and p["outcome"] is None for p in people),
         "GET meetings/{date}: the participants with their names and appointments", r)
    for path, what in ((d(-6), "a day the team does not meet"), ("2026-13-01", "no date"),
                       ("igaar", "not a date")):
        r = ter.request("GET", f"/api/v1/teams/{team}/meetings/{path}")
        t.ok(r.status == 404, f"{what}: 404", r)
    url = f"/api/v1/teams/{team}/meetings/{d(-7)}/attendance"
    a0, a1 = people[0]["appointment"], people[1]["appointment"]
    other = [a for a in appointments(vis, cases[1]) if a["start"].startswith(d(14))][0]["id"]
    bad = [([{"appointment": a0, "outcome": "attended"},
             {"appointment": a1, "outcome": "fremragende"}], "$.items[1].outcome",
            "an unknown outcome"),
           ([{"appointment": a0, "outcome": "attended"},
             {"appointment": other, "outcome": "attended"}], "$.items[1].appointment",
            "an appointment of another meeting"),
           ([{"appointment": a0, "outcome": "attended"},
             {"appointment": a0, "outcome": "no_show"}], "$.items[1].appointment",
            "an appointment named twice"),
           ([{"appointment": a0, "outcome": "attended", "minutes": 0}], "$.items[0].minutes",
            "minutes 0")]
    for items, field, what in bad:
        r = ter.request("POST", url, {"items": items})
        t.ok(r.status == 422 and r.json.get("field") == field, f"{what}: 422 at {field}", r)
    r = ter.request("GET", f"/api/v1/teams/{team}/meetings/{d(-7)}")
    t.ok(r.status == 200 and all(p["event"] is None for p in r.json["participants"]),
         "all or nothing: no outcome was kept by the refused attempts", r)
    r = leder.request("POST", url, {"items": [{"appointment": a0, "outcome": "attended"}]})
    t.ok(r.status == 403, "a leder does not register attendance: 403", r)
    r = ter.request("POST", url, {"items": [
        {"appointment": a0, "outcome": "attended"},
        {"appointment": a1, "outcome": "no_show", "minutes": 30}]})
    t.ok(r.status == 201 and [x["appointment"] for x in r.json["items"]] == [a0, a1] and
         all(x["event"] > 0 for x in r.json["items"]),
         "POST attendance: both registered in one write, each with its session event", r)
    events = r.json["items"] if r.status == 201 else []
    case = vis.request("GET", f"/api/v1/cases/{cases[0]}")
    sess = [e for e in case.json.get("events", []) if e.get("type") == "session"]
    t.ok(sess and sess[-1].get("date") == d(-7) and sess[-1].get("outcome") == "attended" and
         events and sess[-1].get("id") == events[0]["event"],
         "the session event is in the case's log with the meeting's date", sess)
    r = ter.request("POST", url, {"items": [{"appointment": a1, "outcome": "attended"}]})
    t.ok(r.status == 422 and r.json.get("field") == "$.items[0].outcome",
         "registered already: 422 at $.items[0].outcome", r)
    cit = case.json["citizen"]["id"]
    srv.reads_imported()
    r = leder.request("GET", f"/api/v1/citizens/{cit}/access-log?limit=200")
    acts = {i.get("action") for i in r.json.get("items", [])} if r.status == 200 else set()
    t.ok({"team.read", "team.meeting", "team.roster"} <= acts,
         "the access log has team.read, team.meeting and team.roster rows", acts)


def test_other_municipality(t, srv, team, cases):
    leder_b, vis_b, ter_b = (login_as(srv, n) for n in ("leder.b", "vis.b", "ter.b"))
    calls = [(vis_b, "GET", f"/api/v1/teams/{team}", None),
             (vis_b, "POST", f"/api/v1/teams/{team}/roster", {"case": cases[3], "from": d(0)}),
             (vis_b, "POST", f"/api/v1/teams/{team}/roster/leave",
              {"case": cases[1], "by": "citizen", "reason": "x"}),
             (vis_b, "POST", f"/api/v1/teams/{team}/waiting-list", {"case": cases[3]}),
             (vis_b, "PUT", f"/api/v1/teams/{team}/waiting-list", {"cases": []}),
             (vis_b, "POST", f"/api/v1/teams/{team}/waiting-list/remove", {"case": cases[3]}),
             (vis_b, "POST", f"/api/v1/teams/{team}/waiting-list/decline", {"case": cases[3]}),
             (ter_b, "GET", f"/api/v1/teams/{team}/meetings/{d(-7)}", None),
             (ter_b, "POST", f"/api/v1/teams/{team}/meetings/{d(-7)}/attendance",
              {"items": [{"appointment": 1, "outcome": "attended"}]})]
    for c, method, path, body in calls:
        r = c.request(method, path, body)
        t.ok(r.status == 404, f"another municipality's team: {method} {path[7:]} is 404", r)
    team_b = setup(leder_b, "ter.b")
    r = vis_b.request("POST", f"/api/v1/teams/{team_b}/roster", {"case": cases[3], "from": d(0)})
    t.ok(r.status == 404 and r.json.get("detail") == "Sagen findes ikke.",
         "another municipality's case on one's own team: 404, the case is not found", r)
    admin = login_as(srv, "admin.a")
    r = admin.request("GET", f"/api/v1/teams/{team}")
    t.ok(r.status == 403, "an admin does not read a team's roster: 403", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"),
                       ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"), ("aalborg", "admin", "admin.a"),
                       ("skive", "leder", "leder.b"), ("skive", "visitator", "vis.b"),
                       ("skive", "terapeut", "ter.b")])
        srv.start()
        leder, vis, ter = (login_as(srv, n) for n in ("leder.a", "vis.a", "ter.a"))
        team = setup(leder, "ter.a")
        cases = [granted(vis, cpr, name) for cpr, name in [
            ("0101401234", "Anna Andersen"), ("0202402345", "Bent Berg"),
            ("0303403456", "Carl Clausen"), ("0404404567", "Dorte Dahl")]]
        ungranted = register_case(vis, "0505501234", "Erik Eriksen")
        test_page_and_enrol(t, vis, team, cases, ungranted)
        test_waiting(t, vis, team, cases)
        test_offer(t, vis, ter, team, cases)
        test_leave(t, vis, team, cases)
        test_meeting(t, srv, vis, ter, leder, team, cases)
        test_other_municipality(t, srv, team, cases)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
