#!/usr/bin/env python3
"""The training calendar (shared/spec/calendar.md) over HTTP against a
real `genop serve`:
- setting up: locations with rooms, a therapist's profession, hours and
  absences (PUT /staff/{username}; GET /staff keeps username and role and
  adds profession, hours, absences), teams; every refusal 422 with its
  `field` (a capacity under 1, hours that end before they begin or
  overlap on a weekday, an absence that ends before it starts, a
  therapist who is not a terapeut of the municipality, a room of another
  municipality); who may set up (403); another municipality's rows
  unseen;
- booking (when built): see the functions below.
Prints TAP.

    tests/api/test_calendar.py PATH/TO/genop
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, Tap, login_as  # noqa: E402

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
    return rooms


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
    r = leder.request("PUT", "/api/v1/staff/ter.a", body)
    t.ok(r.status == 200, "the hours set back", r)


def test_teams(t, leder, leder_b, rooms):
    team = {"name": "Knæhold", "paragraph": "86.1", "room": rooms[0]["id"], "weekday": 2,
            "time": "10:00", "minutes": 60, "capacity": 4, "therapist": "ter.a",
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


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        for muni, role, name in [("aalborg", "leder", "leder.a"), ("aalborg", "visitator", "vis.a"),
                                 ("aalborg", "terapeut", "ter.a"),
                                 ("aalborg", "terapeut", "ter.a2"),
                                 ("skive", "leder", "leder.b"), ("skive", "terapeut", "ter.b")]:
            srv.add_user(muni, role, name)
        srv.start()
        leder, vis = login_as(srv, "leder.a"), login_as(srv, "vis.a")
        leder_b = login_as(srv, "leder.b")
        rooms = test_locations(t, leder, leder_b, vis)
        test_staff(t, leder, leder_b, vis)
        test_teams(t, leder, leder_b, rooms)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
