#!/usr/bin/env python3
"""The training calendar (shared/spec/calendar.md) over HTTP against a
real `genop serve`:
- setting up: locations with rooms (and a room added to one), a
  therapist's profession, hours and
  absences (PUT /staff/{username}; GET /staff keeps username and role and
  adds profession, hours, absences), teams; every refusal 422 with its
  `field` (a capacity under 1, hours that end before they begin or
  overlap on a weekday, an absence that ends before it starts, a
  therapist who is not a terapeut of the municipality, a room of another
  municipality); who may set up (403); another municipality's rows
  unseen;
- booking: an appointment in a room, at home and on a team; the 409s
  with their `conflict` (therapist: overlap, absence, no hours; room:
  full; team: full), the 422s with `field` and `limit` (the grant's
  minutes and sessions a week, Skive's minutes a week, a case without a
  grant or closed), the start deadline's warning; bookings on the
  summer-time change days (2026-03-29: 02:30 does not exist; 2026-10-25:
  02:30 is the first, summer-time one, and overlaps are judged in real
  time); a series with its skipped dates (holidays, the week's limit,
  Skive's four months, Rødovre's 32 sessions), holidays booked with a
  leder's "holidays": true only (tests/api/test_holidays.py has the rest);
  cancelling; the outcome (not before the start; the session event in
  the case's log, linked); other municipalities' appointments 404 and
  unseen; two bookings racing for a team's last place;
- a property test: seeded random bookings for random cases, then no
  accepted set breaks a rule (no therapist overlap, no room or team over
  capacity, no case past its grant's sessions a week).
Prints TAP.

    tests/api/test_calendar.py PATH/TO/genop
"""

import datetime
import os
import random
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Server, Tap, add_event, days_ago, days_off, login_as, register_case  # noqa: E402,E501

HOURS = [{"weekday": d, "from": "08:00", "to": "15:30"} for d in range(1, 6)]


def field_is(r, field):
    return r.status == 422 and r.json and r.json.get("field") == field


def test_locations(t, leder, leder_b, vis):
    r = leder.request("POST", "/api/v1/locations", {
        "name": "Træningscenter Nord", "address": "Hobrovej 10, 9000 Aalborg",
        "rooms": [{"name": "Sal 1", "capacity": 6}, {"name": "Rum 2", "capacity": 1}]})
    t.ok(r.status == 201 and len(r.json["rooms"]) == 2 and r.json["id"] > 0,
         "POST /locations: 201 with the location's id and its rooms' ids", r)
    rooms = r.json["rooms"]
    t.ok(rooms[0]["name"] == "Sal 1" and rooms[0]["capacity"] == 6 and rooms[0]["id"] > 0,
         "a room has its id, name and capacity", r)
    r = leder.request("POST", "/api/v1/locations", {
        "name": "X", "address": "", "rooms": [{"name": "A", "capacity": 0}]})
    t.ok(field_is(r, "$.rooms[0].capacity"), "a capacity under 1 is 422 at $.rooms[0].capacity",
         r)
    r = leder.request("POST", "/api/v1/locations", {"address": "x", "rooms": []})
    t.ok(field_is(r, "$.name"), "a location without a name is 422 at $.name", r)
    r = vis.request("POST", "/api/v1/locations", {"name": "Y", "rooms": []})
    t.ok(r.status == 403, "a visitator does not set up locations: 403", r)
    r = vis.request("GET", "/api/v1/locations")
    t.ok(r.status == 200 and len(r.json["items"]) == 1 and
         len(r.json["items"][0]["rooms"]) == 2, "GET /locations lists it with its rooms", r)
    r = leder_b.request("GET", "/api/v1/locations")
    t.ok(r.status == 200 and r.json["items"] == [],
         "another municipality's leder sees none of them", r)
    test_add_room(t, leder, leder_b, vis, rooms)
    return rooms


def test_add_room(t, leder, leder_b, vis, rooms):
    """POST /locations/{id}/rooms adds a room to a location of one's own."""
    r = leder.request("GET", "/api/v1/locations")
    loc = r.json["items"][0]["id"]
    path = f"/api/v1/locations/{loc}/rooms"
    r = leder.request("POST", path, {"name": "Sal 3", "capacity": 4})
    t.ok(r.status == 201 and r.json["name"] == "Sal 3" and r.json["capacity"] == 4 and
         r.json["location"] == loc and r.json["id"] > max(x["id"] for x in rooms),
         "POST /locations/{id}/rooms: 201 with the new room", r)
    r = leder.request("POST", path, {"name": "Sal 4", "capacity": 0})
    t.ok(field_is(r, "$.capacity"), "a new room's capacity under 1: 422 at $.capacity", r)
    r = leder.request("POST", path, {"capacity": 2})
    t.ok(field_is(r, "$.name"), "a new room without a name: 422 at $.name", r)
    r = vis.request("POST", path, {"name": "Sal 5", "capacity": 2})
    t.ok(r.status == 403, "a visitator does not add rooms: 403", r)
    r = leder_b.request("POST", path, {"name": "Sal 6", "capacity": 2})
    t.ok(r.status == 404, "another municipality's leder: 404 for the location", r)
    r = leder.request("POST", f"/api/v1/locations/{loc + 1000}/rooms",
                      {"name": "Sal 7", "capacity": 2})
    t.ok(r.status == 404, "a location that does not exist: 404", r)
    r = vis.request("GET", "/api/v1/locations")
    names = [x["name"] for x in r.json["items"][0]["rooms"]] if r.status == 200 else []
    t.ok(names == ["Sal 1", "Rum 2", "Sal 3"], "GET /locations lists the added room", r)


def test_staff(t, leder, leder_b, vis):
    body = {"profession": "fysioterapeut", "hours": HOURS,
            "absences": [{"from": "2026-07-06", "to": "2026-07-24", "reason": "ferie"}]}
    r = leder.request("PUT", "/api/v1/staff/ter.a", body)
    t.ok(r.status == 200 and r.json["profession"] == "fysioterapeut" and
         len(r.json["hours"]) == 5, "PUT /staff/ter.a: 200 with the profession and hours", r)
    r = vis.request("GET", "/api/v1/staff")
    items = {i["username"]: i for i in r.json["items"]} if r.status == 200 else {}
    ter = items.get("ter.a", {})
    t.ok(ter.get("role") == "terapeut" and ter.get("profession") == "fysioterapeut" and
         ter.get("hours", [None])[0] == {"weekday": 1, "from": "08:00", "to": "15:30"} and
         ter.get("absences") == [{"from": "2026-07-06", "to": "2026-07-24", "reason": "ferie"}],
         "GET /staff: the terapeut with role, profession, hours and absences", r)
    t.ok(items.get("vis.a", {}).get("profession", 1) is None and
         items.get("vis.a", {}).get("hours") == [],
         "GET /staff: a visitator with profession null and no hours", r)
    bad = [
        ({"profession": "læge", "hours": []}, "$.profession", "an unknown profession"),
        ({"profession": "ergoterapeut", "hours": [{"weekday": 1, "from": "12:00",
                                                   "to": "08:00"}]},
         "$.hours[0].to", "hours that end before they begin"),
        ({"profession": "ergoterapeut", "hours": [{"weekday": 1, "from": "12:00",
                                                   "to": "12:00"}]},
         "$.hours[0].to", "hours that end as they begin"),
        ({"profession": "ergoterapeut", "hours": [
            {"weekday": 2, "from": "08:00", "to": "12:00"},
            {"weekday": 2, "from": "11:30", "to": "15:00"}]},
         "$.hours[1]", "two periods of one weekday that overlap"),
        ({"profession": "ergoterapeut", "hours": [{"weekday": 8, "from": "08:00",
                                                   "to": "12:00"}]},
         "$.hours[0].weekday", "weekday 8"),
        ({"profession": "ergoterapeut", "hours": [{"weekday": 1, "from": "8:00",
                                                   "to": "12:00"}]},
         "$.hours[0].from", "a time not HH:MM"),
        ({"profession": "ergoterapeut", "absences": [{"from": "2026-05-10",
                                                      "to": "2026-05-01"}]},
         "$.absences[0].to", "an absence that ends before it starts"),
    ]
    for b, field, what in bad:
        r = leder.request("PUT", "/api/v1/staff/ter.a", b)
        t.ok(field_is(r, field), f"{what}: 422 at {field}", r)
    r = leder.request("PUT", "/api/v1/staff/ter.a",
                      {"profession": "ergoterapeut", "hours": [
                          {"weekday": 2, "from": "08:00", "to": "12:00"},
                          {"weekday": 2, "from": "12:00", "to": "15:00"}]})
    t.ok(r.status == 200 and len(r.json["hours"]) == 2,
         "two periods that only touch are fine (and replace the old hours)", r)
    r = leder.request("PUT", "/api/v1/staff/vis.a", body)
    t.ok(field_is(r, "username"), "a visitator is not a terapeut: 422", r)
    r = leder.request("PUT", "/api/v1/staff/ter.b", body)
    t.ok(field_is(r, "username"), "another municipality's terapeut: 422", r)
    r = leder.request("PUT", "/api/v1/staff/nobody", body)
    t.ok(field_is(r, "username"), "an unknown user: 422", r)
    r = vis.request("PUT", "/api/v1/staff/ter.a", body)
    t.ok(r.status == 403, "a visitator does not set a therapist's hours: 403", r)
    r = leder_b.request("GET", "/api/v1/staff")
    names = [i["username"] for i in r.json["items"]] if r.status == 200 else None
    t.ok(names is not None and "ter.a" not in names,
         "another municipality's staff list holds none of ours", r)
    r = leder.request("PUT", "/api/v1/staff/ter.a", {"profession": "fysioterapeut", "hours": [
        {"weekday": 6, "from": "18:00", "to": "00:00"}]})
    t.ok(r.status == 200 and r.json["hours"] == [{"weekday": 6, "from": "18:00", "to": "24:00"}],
         "a period to midnight ('00:00') is written back as 24:00", r)
    r = leder.request("PUT", "/api/v1/staff/ter.a", {"profession": "fysioterapeut",
                                                     "hours": r.json["hours"]})
    t.ok(r.status == 200, "and 24:00 is taken back as it was written", r)
    r = leder.request("PUT", "/api/v1/staff/ter.a", body)
    t.ok(r.status == 200, "the hours set back", r)


def test_teams(t, leder, leder_b, rooms):
    team = {"name": "Knæhold", "paragraph": "86.1", "room": rooms[0]["id"], "weekday": 2,
            "time": "10:00", "minutes": 45, "capacity": 4, "therapist": "ter.a",
            "from": "2026-01-05", "to": None}
    r = leder.request("POST", "/api/v1/teams", team)
    t.ok(r.status == 201 and r.json["id"] > 0, "POST /teams: 201 with its id", r)
    tid = r.json["id"] if r.status == 201 else 0
    for change, field, what in [
            ({"capacity": 0}, "$.capacity", "a capacity under 1"),
            ({"capacity": 7}, "$.capacity", "more places than the room holds"),
            ({"therapist": "vis.a"}, "$.therapist", "a therapist who is not a terapeut"),
            ({"therapist": "ter.b"}, "$.therapist", "another municipality's terapeut"),
            ({"room": 99999}, "$.room", "a room that does not exist"),
            ({"paragraph": "85"}, "$.paragraph", "an unknown paragraph"),
            ({"to": "2025-12-31"}, "$.to", "a period that ends before it starts"),
            ({"time": "23:30"}, "$.minutes", "a meeting past midnight")]:
        r = leder.request("POST", "/api/v1/teams", dict(team, **change))
        t.ok(field_is(r, field), f"{what}: 422 at {field}", r)
    r = leder_b.request("POST", "/api/v1/teams", dict(team, therapist="ter.b"))
    t.ok(field_is(r, "$.room"), "another municipality's room: 422 at $.room", r)
    r = leder.request("GET", "/api/v1/teams")
    t.ok(r.status == 200 and len(r.json["items"]) == 1 and
         r.json["items"][0]["time"] == "10:00" and r.json["items"][0]["therapist"] == "ter.a",
         "GET /teams lists it", r)
    r = leder_b.request("GET", "/api/v1/teams")
    t.ok(r.status == 200 and r.json["items"] == [], "another municipality sees no team", r)
    return tid


ALL_DAY = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]
TODAY = datetime.date.today()


OFF = set()        # the standards' holidays, set by main() (days_off)


def next_weekday(wd, after=7):
    """The first ISO weekday wd at least `after` days from today that is
    no holiday (a holiday is closed for booking)."""
    d = TODAY + datetime.timedelta(days=after)
    while d.isoweekday() != wd or d in OFF:
        d += datetime.timedelta(days=1)
    return d


def granted_case(vis, cpr, name, grant=None, referred=20):
    cid = register_case(vis, cpr, name, referred_days_ago=referred)
    add_event(vis, cid, {"type": "decision", "date": days_ago(15), "granted": True,
                         "grant": grant or GRANT})
    return cid


def book(c, **body):
    return c.request("POST", "/api/v1/appointments", body)


def conflict_is(r, what):
    return r.status == 409 and r.json and r.json.get("conflict") == what


def limit_is(r, limit, field):
    return (r.status == 422 and r.json and r.json.get("limit") == limit and
            r.json.get("field") == field)


def test_booking(t, ctx):
    leder, vis, ter = ctx["leder"], ctx["vis"], ctx["ter"]
    rum2, sal = ctx["rooms"][1]["id"], ctx["rooms"][0]["id"]
    leder.request("PUT", "/api/v1/staff/ter.a", {"profession": "fysioterapeut",
                                                 "hours": ALL_DAY})
    leder.request("PUT", "/api/v1/staff/ter.a2", {
        "profession": "ergoterapeut", "hours": HOURS,
        "absences": [{"from": next_weekday(3).isoformat(), "to": next_weekday(3).isoformat(),
                      "reason": "kursus"}]})
    c1 = granted_case(vis, "0101401234", "Anna Andersen")
    c2 = granted_case(vis, "0202402345", "Bent Berg")
    mon = next_weekday(1).isoformat()
    r = book(ter, case=c1, therapist="ter.a", start=mon + "T09:00", minutes=45,
             kind="training", room=rum2)
    t.ok(r.status == 201 and r.json["id"] > 0 and r.json["start"] == mon + "T09:00",
         "a training in a room: 201 with its id", r)
    t.ok(r.status == 201 and r.json["warnings"] and r.json["warnings"][0]["id"] == "start" and
         r.json["warnings"][0]["due"] < mon,
         "Aalborg's start deadline has passed: the warning with its due date", r)
    first = r.json["id"] if r.status == 201 else 0
    r = book(ter, case=c2, therapist="ter.a", start=mon + "T09:30", minutes=30,
             kind="training", home=True)
    t.ok(conflict_is(r, "therapist"), "the therapist's overlapping time: 409 therapist", r)
    r = book(ter, case=c2, therapist="ter.a2", start=mon + "T09:15", minutes=30,
             kind="training", room=rum2)
    t.ok(conflict_is(r, "room"), "a room of capacity 1 taken: 409 room", r)
    r = book(ter, case=c2, therapist="ter.a2", start=mon + "T17:00", minutes=30,
             kind="training", home=True)
    t.ok(conflict_is(r, "therapist"), "outside the therapist's hours: 409 therapist", r)
    r = book(ter, case=c2, therapist="ter.a2", start=next_weekday(3).isoformat() + "T09:00",
             minutes=30, kind="training", home=True)
    t.ok(conflict_is(r, "therapist"), "the therapist is absent that day: 409 therapist", r)
    r = book(ter, case=c2, therapist="ter.a", start=mon + "T10:00", minutes=60,
             kind="training", home=True)
    t.ok(limit_is(r, "grant_minutes_per_session", "$.minutes"),
         "more minutes than the grant's: 422 limit grant_minutes_per_session", r)
    tue, wed = next_weekday(2).isoformat(), next_weekday(3).isoformat()
    r1 = book(ter, case=c1, therapist="ter.a", start=tue + "T09:00", minutes=45,
              kind="training", home=True)
    r = book(ter, case=c1, therapist="ter.a", start=wed + "T09:00", minutes=45,
             kind="training", home=True)
    t.ok(r1.status == 201 and limit_is(r, "grant_sessions_per_week", "$.start"),
         "a third training in the week of a grant of two: 422 grant_sessions_per_week", r1, r)
    c3 = register_case(vis, "0303403456", "Carl Clausen")
    r = book(ter, case=c3, therapist="ter.a", start=wed + "T11:00", minutes=45,
             kind="training", home=True)
    t.ok(r.status == 422 and r.json.get("field") == "$.case",
         "training for a case without a grant: 422 at $.case", r)
    r = book(ter, case=c3, therapist="ter.a", start=wed + "T11:00", minutes=45,
             kind="assessment", home=True)
    t.ok(r.status == 201, "an assessment for it: 201", r)
    r = book(ter, case=999999, therapist="ter.a", start=wed + "T13:00", minutes=45,
             kind="assessment", home=True)
    t.ok(r.status == 404, "a case that does not exist: 404", r)
    r = book(ter, case=c1, therapist="ter.a", start="2026-13-01T09:00", minutes=45,
             kind="training", home=True)
    t.ok(r.status == 422 and r.json.get("field") == "$.start", "a bad start: 422 at $.start", r)
    r = book(ter, case=c1, therapist="ter.a", start=wed + "T13:00", minutes=45,
             kind="training", home=True, room=rum2)
    t.ok(r.status == 422, "a room and home at once: 422", r)
    ctx.update(c1=c1, c2=c2, c3=c3, first=first, mon=mon)


def test_summer_time(t, ctx):
    ter, c3 = ctx["ter"], ctx["c3"]
    r = book(ter, case=c3, therapist="ter.a", start="2026-03-29T02:30", minutes=45,
             kind="assessment", home=True)
    t.ok(r.status == 422 and r.json.get("field") == "$.start" and
         "findes ikke" in r.json.get("detail", ""),
         "2026-03-29T02:30 does not exist: 422 at $.start, in Danish", r)
    r = book(ter, case=c3, therapist="ter.a", start="2026-03-29T03:00", minutes=45,
             kind="assessment", home=True)
    t.ok(r.status == 201, "2026-03-29T03:00 (summer time) is booked", r)
    r = book(ter, case=c3, therapist="ter.a", start="2026-03-29T01:30", minutes=60,
             kind="assessment", home=True)
    t.ok(conflict_is(r, "therapist"),
         "01:30 for 60 minutes ends at 03:30 summer time: overlaps the 03:00 one", r)
    r = book(ter, case=c3, therapist="ter.a", start="2026-10-25T02:30", minutes=60,
             kind="assessment", home=True)
    t.ok(r.status == 201 and r.json["start"] == "2026-10-25T02:30",
         "2026-10-25T02:30 (the first, summer-time one) is booked", r)
    r = book(ter, case=c3, therapist="ter.a", start="2026-10-25T03:00", minutes=30,
             kind="assessment", home=True)
    t.ok(r.status == 201, "03:00 that night is after 60 real minutes from 02:30 CEST", r)
    r = book(ter, case=c3, therapist="ter.a", start="2026-10-25T02:45", minutes=15,
             kind="assessment", home=True)
    t.ok(conflict_is(r, "therapist"), "02:45 that night overlaps the 02:30 one", r)
    r = ter.request("GET", "/api/v1/appointments?from=2026-10-25&to=2026-10-25&therapist=ter.a")
    starts = [i["start"] for i in r.json["items"]] if r.status == 200 else []
    t.ok(starts == ["2026-10-25T02:30", "2026-10-25T03:00"],
         "GET /appointments lists that day's by start", r)


def test_team(t, ctx, tid):
    ter, vis = ctx["ter"], ctx["vis"]
    tue = next_weekday(2, after=14).isoformat()
    cases = [granted_case(vis, f"1{i}0150{i}234", f"Holddeltager {i}") for i in range(5)]
    rs = [book(ter, case=cid, therapist="ter.a", start=tue + "T08:00", kind="training",
               team=tid) for cid in cases[:4]]
    t.ok(all(r.status == 201 and r.json["start"] == tue + "T10:00" and r.json["minutes"] == 45
             for r in rs), "four places on the team's meeting, at the team's time", *rs)
    r = book(ter, case=cases[4], therapist="ter.a", start=tue + "T08:00", kind="training",
             team=tid)
    t.ok(conflict_is(r, "team"), "the fifth on a team of 4: 409 team", r)
    r = book(ter, case=cases[0], therapist="ter.a", start=tue + "T08:00", kind="training",
             team=tid)
    t.ok(conflict_is(r, "team"), "a case on the meeting already: 409 team", r)
    r = ter.request("GET", f"/api/v1/appointments?team={tid}")
    t.ok(r.status == 200 and len(r.json["items"]) == 4, "GET ?team= lists the four", r)
    # Two bookings racing for the last place of the next week's meeting.
    nxt = (datetime.date.fromisoformat(tue) + datetime.timedelta(days=7)).isoformat()
    for cid in cases[:3]:
        book(ter, case=cid, therapist="ter.a", start=nxt + "T10:00", kind="training", team=tid)
    res = []

    def race(cid):
        res.append(book(login_as(ctx["srv"], "ter.a"), case=cid, therapist="ter.a",
                        start=nxt + "T10:00", kind="training", team=tid))
    ths = [threading.Thread(target=race, args=(cid,)) for cid in cases[3:5]]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    t.ok(sorted(r.status for r in res) == [201, 409],
         "two bookings racing for the last place: one 201, one 409", *res)


def holidays_between(a, b):
    y = a.year
    days = {datetime.date(y, 12, 24), datetime.date(y, 12, 25), datetime.date(y, 12, 26),
            datetime.date(y, 12, 31), datetime.date(y + 1, 1, 1)}
    return {d for d in days if a <= d <= b}


def test_series(t, ctx):
    ter, vis = ctx["ter"], ctx["vis"]
    cid = granted_case(vis, "0404404567", "Dorte Dahl")
    y = TODAY.year + 1
    a, b = datetime.date(y, 12, 14), datetime.date(y + 1, 1, 1)
    r = ter.request("POST", "/api/v1/appointments/series", {
        "case": cid, "therapist": "ter.a", "weekdays": [4, 5], "time": "09:00", "minutes": 45,
        "kind": "training", "from": a.isoformat(), "until": b.isoformat(), "home": True})
    dates = [a + datetime.timedelta(days=i) for i in range((b - a).days + 1)]
    wanted = [d for d in dates if d.isoweekday() in (4, 5)]
    hol = holidays_between(a, b)
    skipped = r.json.get("skipped", []) if r.status == 201 else []
    t.ok(r.status == 201 and len(r.json["ids"]) == len([d for d in wanted if d not in hol]) and
         sorted(s["date"] for s in skipped) == sorted(d.isoformat() for d in wanted if d in hol)
         and all(s["reason"] == "holiday" for s in skipped),
         "a series over Christmas: the holidays skipped as 'holiday', the rest booked", r)
    nov = datetime.date(y, 11, 1)
    nov += datetime.timedelta(days=(8 - nov.isoweekday()) % 7)      # a Monday
    r = ter.request("POST", "/api/v1/appointments/series", {
        "case": cid, "therapist": "ter.a", "weekdays": [1, 2, 3], "time": "13:00",
        "minutes": 45, "kind": "training", "from": nov.isoformat(),
        "until": (nov + datetime.timedelta(days=13)).isoformat(), "home": True})
    skipped = r.json.get("skipped", []) if r.status == 201 else []
    t.ok(r.status == 201 and len(r.json["ids"]) == 4 and len(skipped) == 2 and
         all(s["reason"] == "limit" and s["limit"] == "grant_sessions_per_week" and
             datetime.date.fromisoformat(s["date"]).isoweekday() == 3 for s in skipped),
         "three days a week on a grant of two: each Wednesday skipped for the limit", r)
    xmas = [d for d in wanted if d in hol and d <= datetime.date(y, 12, 26)]
    body = {"case": cid, "therapist": "ter.a", "weekdays": [4, 5], "time": "09:00",
            "minutes": 45, "kind": "training", "from": f"{y}-12-24", "until": f"{y}-12-26",
            "home": True, "holidays": True}
    r = ter.request("POST", "/api/v1/appointments/series", body)
    t.ok(r.status == 201 and r.json["ids"] == [] and
         sorted(s["date"] for s in r.json["skipped"]) == [d.isoformat() for d in xmas] and
         all(s["reason"] == "holiday" for s in r.json["skipped"]),
         "holidays: true from a terapeut allows nothing: the Christmas days skipped as holidays",
         r)
    r = ctx["leder"].request("POST", "/api/v1/appointments/series", body)
    t.ok(r.status == 201 and len(r.json["ids"]) == len(xmas) and r.json["skipped"] == [],
         "with a leder's holidays: true the Christmas days are booked", r, xmas)


def test_cancel_and_outcome(t, ctx):
    ter, vis, leder_b = ctx["ter"], ctx["vis"], ctx["leder_b"]
    first, c1 = ctx["first"], ctx["c1"]
    r = ter.request("POST", f"/api/v1/appointments/{first}/outcome", {"outcome": "attended"})
    t.ok(r.status == 422 and r.json.get("field") == "$.outcome",
         "an outcome before the appointment starts: 422", r)
    r = leder_b.request("POST", f"/api/v1/appointments/{first}/cancel",
                        {"by": "citizen", "reason": "syg"})
    t.ok(r.status == 404, "another municipality cancels our appointment: 404", r)
    r = ter.request("POST", f"/api/v1/appointments/{first}/cancel",
                    {"by": "borger", "reason": "syg"})
    t.ok(r.status == 422 and r.json.get("field") == "$.by", "by must be provider or citizen", r)
    r = ter.request("POST", f"/api/v1/appointments/{first}/cancel",
                    {"by": "citizen", "reason": "syg"})
    t.ok(r.status == 200 and r.json["status"] == "cancelled" and
         r.json["cancelled_by"] == "citizen", "cancelled by the citizen: status cancelled", r)
    r = ter.request("POST", f"/api/v1/appointments/{first}/cancel",
                    {"by": "citizen", "reason": "syg"})
    t.ok(r.status == 422, "cancelled twice: 422", r)
    past = (TODAY - datetime.timedelta(days=2)).isoformat()
    r = book(ter, case=c1, therapist="ter.a", start=past + "T09:00", minutes=40,
             kind="training", home=True)
    t.ok(r.status == 201, "a time that has passed may be booked", r)
    pid = r.json["id"] if r.status == 201 else 0
    r = ter.request("POST", f"/api/v1/appointments/{pid}/outcome", {"outcome": "attended"})
    t.ok(r.status == 201 and r.json["event"] > 0, "its outcome: 201 with the event's id", r)
    ev = r.json.get("event") if r.status == 201 else None
    r = vis.request("GET", f"/api/v1/cases/{c1}")
    evs = [e for e in r.json.get("events", []) if e.get("id") == ev] if r.status == 200 else []
    t.ok(evs and evs[0].get("type") == "session" and evs[0].get("date") == past and
         evs[0].get("minutes") == 40 and evs[0].get("outcome") == "attended",
         "the session event is in the case's log with the appointment's date and minutes", evs)
    r = ter.request("GET", f"/api/v1/appointments?case={c1}&from={past}&to={past}")
    t.ok(r.status == 200 and r.json["items"][0]["event"] == ev and
         r.json["items"][0]["status"] == "done", "the appointment links its event", r)
    r = ter.request("POST", f"/api/v1/appointments/{pid}/outcome", {"outcome": "attended"})
    t.ok(r.status == 422, "an outcome twice: 422", r)
    r = leder_b.request("GET", "/api/v1/appointments")
    t.ok(r.status == 200 and r.json["items"] == [], "another municipality lists none of ours", r)
    cit = vis.request("GET", f"/api/v1/cases/{c1}").json["citizen"]["id"]
    ctx["srv"].reads_imported()
    r = ctx["leder"].request("GET", f"/api/v1/citizens/{cit}/access-log?limit=200")
    acts = [i.get("action") for i in r.json.get("items", [])] if r.status == 200 else []
    t.ok("appointment.book" in acts and "appointment.cancel" in acts,
         "booking and cancelling are in the citizen's access log", r)
    r = ctx["leder"].request("POST", f"/api/v1/appointments/{pid}/outcome",
                             {"outcome": "attended"})
    t.ok(r.status == 403, "a leder does not register sessions: 403", r)


def test_skive(t, srv):
    leder, vis = login_as(srv, "leder.b"), login_as(srv, "vis.b")
    r = leder.request("POST", "/api/v1/locations", {"name": "Skive Træning", "address": "",
                                                    "rooms": [{"name": "Sal", "capacity": 4}]})
    leder.request("PUT", "/api/v1/staff/ter.b", {"profession": "fysioterapeut",
                                                 "hours": ALL_DAY})
    grant = dict(GRANT, sessions_per_week=2, minutes_per_session=60)
    cid = granted_case(vis, "0505401678", "Erik Eriksen", grant=grant)
    mon, tue = next_weekday(1).isoformat(), next_weekday(2).isoformat()
    r1 = book(vis, case=cid, therapist="ter.b", start=mon + "T09:00", minutes=60,
              kind="training", home=True)
    r = book(vis, case=cid, therapist="ter.b", start=tue + "T09:00", minutes=45,
             kind="training", home=True)
    t.ok(r1.status == 201 and limit_is(r, "minutes_per_week", "$.minutes"),
         "Skive: 60 + 45 minutes in a week: 422 limit minutes_per_week", r1, r)
    r = book(vis, case=cid, therapist="ter.b", start=tue + "T09:00", minutes=30,
             kind="training", home=True)
    t.ok(r.status == 201, "Skive: 60 + 30 minutes is within the 90", r)
    exc = dict(grant, exceptions=[{"limit": "minutes_per_week", "max": 120,
                                   "reason": "Særligt behov efter to operationer"}])
    cid = granted_case(vis, "0606401789", "Frida Friis", grant=exc)
    r1 = book(vis, case=cid, therapist="ter.b", start=mon + "T11:00", minutes=60,
              kind="training", home=True)
    r = book(vis, case=cid, therapist="ter.b", start=tue + "T11:00", minutes=45,
             kind="training", home=True)
    t.ok(r1.status == 201 and r.status == 201,
         "Skive: a decision's exception (120 minutes a week) lifts the limit", r1, r)
    # Skive's four months: a weekly series over six months from the first.
    cid = granted_case(vis, "0707401890", "Gert Gade", grant=dict(GRANT, until=None))
    first = next_weekday(3)
    r = vis.request("POST", "/api/v1/appointments/series", {
        "case": cid, "therapist": "ter.b", "weekdays": [3], "time": "08:00", "minutes": 45,
        "kind": "training", "from": first.isoformat(),
        "until": (first + datetime.timedelta(days=182)).isoformat(), "home": True})
    skipped = r.json.get("skipped", []) if r.status == 201 else []
    lim = [x for x in skipped if x["reason"] == "limit"]
    four = first.replace(month=first.month + 4) if first.month <= 8 else \
        first.replace(year=first.year + 1, month=first.month - 8)
    t.ok(r.status == 201 and lim and all(x["limit"] == "course_length" for x in lim) and
         all(x["date"] > four.isoformat() for x in lim),
         "Skive: the Wednesdays past four months from the first are skipped (course_length)",
         r)


def test_rodovre(t, srv):
    """Rødovre's 32 sessions: a series of two a week for 20 weeks books 32."""
    leder, vis = login_as(srv, "leder.c"), login_as(srv, "vis.c")
    leder.request("PUT", "/api/v1/staff/ter.c", {"profession": "ergoterapeut",
                                                 "hours": ALL_DAY})
    cid = granted_case(vis, "0808401901", "Hanne Holm")
    first = next_weekday(1)
    r = leder.request("POST", "/api/v1/appointments/series", {
        "case": cid, "therapist": "ter.c", "weekdays": [1, 4], "time": "10:00", "minutes": 45,
        "kind": "training", "from": first.isoformat(),
        "until": (first + datetime.timedelta(days=7 * 20 - 1)).isoformat(), "home": True,
        "holidays": True})
    lim = [x for x in r.json.get("skipped", [])] if r.status == 201 else []
    t.ok(r.status == 201 and len(r.json["ids"]) == 32 and len(lim) == 8 and
         all(x["reason"] == "limit" and x["limit"] == "sessions" for x in lim),
         "Rødovre: 40 dates, 32 booked, the 8 past the standard's 32 sessions skipped", r)


def check_rules(items, rooms, teams, grant_week):
    """The rules an accepted set keeps; a list of what breaks them."""
    bad = []
    act = [i for i in items if i["status"] != "cancelled"]
    span = {}
    for i in act:
        s = datetime.datetime.fromisoformat(i["start"])
        span[i["id"]] = (s, s + datetime.timedelta(minutes=i["minutes"]))
    for a in act:
        for b in act:
            if a["id"] >= b["id"]:
                continue
            (sa, ea), (sb, eb) = span[a["id"]], span[b["id"]]
            same_meeting = a["team"] and a["team"] == b["team"] and sa == sb
            if a["therapist"] == b["therapist"] and sa < eb and sb < ea and not same_meeting:
                bad.append(("therapist", a["id"], b["id"]))
    for a in act:
        if a["room"]:
            sa, ea = span[a["id"]]
            n = sum(1 for b in act if b["room"] == a["room"] and span[b["id"]][0] < ea and
                    span[b["id"]][1] > sa)
            if n > rooms[a["room"]]:
                bad.append(("room", a["id"], n))
        if a["team"]:
            n = sum(1 for b in act if b["team"] == a["team"] and b["start"] == a["start"])
            if n > teams[a["team"]]:
                bad.append(("team", a["id"], n))
    weeks = {}
    for a in act:
        if a["kind"] == "training":
            k = (a["case"], datetime.date.fromisoformat(a["start"][:10]).isocalendar()[:2])
            weeks[k] = weeks.get(k, 0) + 1
    bad += [("week", k, n) for k, n in weeks.items() if n > grant_week]
    return bad


def test_property(t, ctx, tid):
    """Seeded random bookings, then every rule holds for what was accepted."""
    rng = random.Random(1414)
    ter, vis = ctx["ter"], ctx["vis"]
    cases = [granted_case(vis, f"07{i + 1:02d}50{i:04d}", f"Tilfældig {i}")
             for i in range(6)]
    base = next_weekday(1, after=42)
    rooms = {r["id"]: r["capacity"] for r in ctx["rooms"]}
    accepted = statuses = 0
    seen = {}
    for _ in range(120):
        day = base + datetime.timedelta(days=rng.randrange(14))
        body = {"case": rng.choice(cases), "therapist": rng.choice(["ter.a", "ter.a2"]),
                "start": f"{day.isoformat()}T{rng.randrange(8, 15):02d}:{rng.choice(['00', '30'])}",
                "minutes": rng.choice([30, 45]), "kind": "training"}
        place = rng.choice(["room", "home", "team"])
        body.update({"room": rng.choice(list(rooms))} if place == "room" else
                    {"home": True} if place == "home" else {"team": tid})
        r = book(ter, **body)
        seen[r.status] = seen.get(r.status, 0) + 1
        accepted += r.status == 201
        statuses += r.status in (201, 409, 422)
        if r.status == 201 and rng.random() < 0.1:
            ter.request("POST", f"/api/v1/appointments/{r.json['id']}/cancel",
                        {"by": "provider", "reason": "sygdom"})
    r = ter.request("GET", f"/api/v1/appointments?from={base.isoformat()}&to="
                    f"{(base + datetime.timedelta(days=14)).isoformat()}")
    items = [i for i in r.json["items"] if i["case"] in cases] if r.status == 200 else []
    bad = check_rules(items, rooms, {tid: 4}, GRANT["sessions_per_week"])
    t.ok(statuses == 120 and accepted >= 10 and len(items) == accepted and not bad,
         f"property: 120 seeded random bookings ({seen}), none of the accepted breaks a rule",
         bad[:5])


def main():
    genop = sys.argv[1]
    OFF.update(days_off(genop, (TODAY.year, TODAY.year + 1)))
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"), ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"),
                       ("aalborg", "terapeut", "ter.a2"),
                       ("skive", "leder", "leder.b"), ("skive", "terapeut", "ter.b"),
                       ("skive", "visitator", "vis.b"),
                       ("rodovre", "leder", "leder.c"),
                       ("rodovre", "visitator", "vis.c"),
                       ("rodovre", "terapeut", "ter.c")])
        srv.start()
        leder, vis = login_as(srv, "leder.a"), login_as(srv, "vis.a")
        leder_b = login_as(srv, "leder.b")
        rooms = test_locations(t, leder, leder_b, vis)
        test_staff(t, leder, leder_b, vis)
        tid = test_teams(t, leder, leder_b, rooms)
        ctx = {"srv": srv, "leder": leder, "vis": vis, "leder_b": leder_b,
               "ter": login_as(srv, "ter.a"), "rooms": rooms}
        test_booking(t, ctx)
        test_summer_time(t, ctx)
        test_team(t, ctx, tid)
        test_series(t, ctx)
        test_cancel_and_outcome(t, ctx)
        test_skive(t, srv)
        test_rodovre(t, srv)
        test_property(t, ctx, tid)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
