#!/usr/bin/env python3
"""Holidays booked only when a leder allows it (issue 14, item 6;
docs/calendar.md, "Holidays") over HTTP against a real `genop serve`:
- POST /holiday-openings: a leder opens a public holiday or a day off of
  the standard's calendar with a reason (201 with the holiday's name and
  who opened it); a workday 422 at $.date, no reason 422 at $.reason, a
  malformed date 422 at $.date, a day open already 409; a visitator, a
  terapeut and an admin 403;
- GET /holiday-openings (every role): the openings, and the year's
  holidays (?year=, this year without) each with "open"; a bad year 400;
- DELETE /holiday-openings/{date}: a leder closes the day again (204); a
  day not open and a malformed date 404; a terapeut 403;
- booking: a single appointment on a holiday not opened is 422 at $.start
  naming the holiday; "holidays": true is a leder's allowance (a terapeut
  still refused, a leder 201); on an opened day a terapeut books as on
  a workday; closed again, it is refused again; a series skips a closed
  holiday (reason holiday, the detail naming it) and books an opened one;
- tenant isolation: another municipality's leder neither sees, nor
  closes (404), an opening, and its own bookings on that day stay refused.
Prints TAP.

    tests/api/test_holidays.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Server, Tap, add_event, days_ago, login_as, register_case  # noqa: E402,E501

ALL_DAY = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]
TODAY = datetime.date.today()
Y = TODAY.year + 1
XMAS, BOXING = f"{Y}-12-25", f"{Y}-12-26"
WORKDAY = f"{Y}-11-03" if datetime.date(Y, 11, 3).isoweekday() < 6 else f"{Y}-11-05"


def field_is(r, status, field):
    return r.status == status and r.json and r.json.get("field") == field


def granted_case(vis, cpr, name):
    cid = register_case(vis, cpr, name, referred_days_ago=20)
    add_event(vis, cid, {"type": "decision", "date": days_ago(15), "granted": True,
                         "grant": GRANT})
    return cid


def book(c, cid, start, **extra):
    body = {"case": cid, "therapist": "ter.a", "start": start, "minutes": 30,
            "kind": "training", "home": True}
    body.update(extra)
    return c.request("POST", "/api/v1/appointments", body)


def test_open(t, u):
    leder, vis, ter, admin = u["leder"], u["vis"], u["ter"], u["admin"]
    r = vis.request("GET", f"/api/v1/holiday-openings?year={Y}")
    days = {h["date"]: h for h in r.json.get("holidays", [])} if r.status == 200 else {}
    t.ok(r.status == 200 and r.json["items"] == [] and r.json["year"] == Y and
         days.get(XMAS, {}).get("name") == "Juledag" and days[XMAS]["open"] is False and
         WORKDAY not in days,
         "GET /holiday-openings?year: the year's holidays with their names, none open", r)
    r = ter.request("GET", "/api/v1/holiday-openings")
    t.ok(r.status == 200 and r.json["year"] == TODAY.year and
         all(h["date"].startswith(str(TODAY.year)) for h in r.json["holidays"]),
         "GET /holiday-openings without a year: this year's holidays", r)
    r = vis.request("GET", "/api/v1/holiday-openings?year=abc")
    t.ok(r.status == 400, "a year that is not a number: 400", r)
    body = {"date": BOXING, "reason": "Ekstra hold i julen"}
    for who, c in (("a visitator", vis), ("a terapeut", ter), ("an admin", admin)):
        r = c.request("POST", "/api/v1/holiday-openings", body)
        t.ok(r.status == 403, f"{who} does not open holidays: 403", r)
    r = leder.request("POST", "/api/v1/holiday-openings", {"date": WORKDAY, "reason": "x"})
    t.ok(field_is(r, 422, "$.date") and "helligdag" in r.json.get("detail", ""),
         "opening a workday: 422 at $.date", r)
    r = leder.request("POST", "/api/v1/holiday-openings", {"date": BOXING})
    t.ok(field_is(r, 422, "$.reason"), "opening without a reason: 422 at $.reason", r)
    r = leder.request("POST", "/api/v1/holiday-openings", {"date": BOXING, "reason": ""})
    t.ok(field_is(r, 422, "$.reason"), "opening with an empty reason: 422 at $.reason", r)
    r = leder.request("POST", "/api/v1/holiday-openings", {"date": "26-12-2027", "reason": "x"})
    t.ok(field_is(r, 422, "$.date"), "a malformed date: 422 at $.date", r)
    r = leder.request("POST", "/api/v1/holiday-openings", body)
    t.ok(r.status == 201 and r.json == {"date": BOXING, "name": "2. juledag",
                                        "reason": "Ekstra hold i julen", "opened_by": "leder.a"},
         "a leder opens 2. juledag: 201 with the name, reason and who opened it", r)
    r = leder.request("POST", "/api/v1/holiday-openings", body)
    t.ok(r.status == 409 and r.json.get("field") == "$.date",
         "opening it again: 409", r)
    r = ter.request("GET", f"/api/v1/holiday-openings?year={Y}")
    days = {h["date"]: h for h in r.json.get("holidays", [])} if r.status == 200 else {}
    t.ok(r.status == 200 and [i["date"] for i in r.json["items"]] == [BOXING] and
         days[BOXING]["open"] is True and days[BOXING]["reason"] == "Ekstra hold i julen" and
         days[BOXING]["opened_by"] == "leder.a" and days[XMAS]["open"] is False,
         "GET: a terapeut sees the opening, in items and in the year's holidays", r)


def test_tenants(t, u):
    leder_b = u["leder_b"]
    r = leder_b.request("GET", f"/api/v1/holiday-openings?year={Y}")
    days = {h["date"]: h for h in r.json.get("holidays", [])} if r.status == 200 else {}
    t.ok(r.status == 200 and r.json["items"] == [] and days.get(BOXING, {}).get("open") is False,
         "another municipality's leder does not see the opening", r)
    r = leder_b.request("DELETE", f"/api/v1/holiday-openings/{BOXING}")
    t.ok(r.status == 404, "another municipality's leder cannot close it: 404", r)
    r = u["leder"].request("GET", "/api/v1/holiday-openings")
    t.ok(r.status == 200 and [i["date"] for i in r.json["items"]] == [BOXING],
         "the opening is still there", r)
    cid = granted_case(u["vis_b"], "1212501234", "Birthe Bang")
    r = book(u["ter_b"], cid, f"{BOXING}T10:00", therapist="ter.b")
    t.ok(field_is(r, 422, "$.start"),
         "Skive's booking on the day Aalborg opened is still refused: 422 at $.start", r)


def test_booking(t, u):
    leder, ter, vis = u["leder"], u["ter"], u["vis"]
    c1 = granted_case(vis, "0101501111", "Aase Ager")
    r = book(ter, c1, f"{XMAS}T10:00")
    t.ok(field_is(r, 422, "$.start") and "Juledag" in r.json.get("detail", ""),
         "a booking on Juledag, not opened: 422 at $.start naming the holiday", r)
    r = book(ter, c1, f"{XMAS}T10:00", holidays=True)
    t.ok(field_is(r, 422, "$.start") and "Juledag" in r.json.get("detail", ""),
         "holidays: true from a terapeut allows nothing: still 422 at $.start", r)
    r = book(leder, c1, f"{XMAS}T10:00", holidays=True)
    t.ok(r.status == 201, "holidays: true from a leder: booked on Juledag", r)
    r = book(ter, c1, f"{BOXING}T10:00")
    t.ok(r.status == 201, "on the opened 2. juledag a terapeut books as on a workday", r)
    c2 = granted_case(vis, "0202502222", "Bent Bo")
    wd = [datetime.date.fromisoformat(d).isoweekday() for d in (XMAS, BOXING)]
    r = vis.request("POST", "/api/v1/appointments/series", {
        "case": c2, "therapist": "ter.a", "weekdays": wd, "time": "12:00", "minutes": 30,
        "kind": "training", "from": XMAS, "until": BOXING, "home": True})
    sk = r.json.get("skipped", []) if r.status == 201 else []
    t.ok(r.status == 201 and len(r.json["ids"]) == 1 and len(sk) == 1 and
         sk[0]["date"] == XMAS and sk[0]["reason"] == "holiday" and "Juledag" in sk[0]["detail"],
         "a series: the closed Juledag skipped (holiday, named), the opened day booked", r)
    r = ter.request("DELETE", f"/api/v1/holiday-openings/{BOXING}")
    t.ok(r.status == 403, "a terapeut does not close a holiday: 403", r)
    r = leder.request("DELETE", f"/api/v1/holiday-openings/{BOXING}")
    t.ok(r.status == 204, "a leder closes 2. juledag again: 204", r)
    r = ter.request("GET", f"/api/v1/appointments?from={BOXING}&to={BOXING}&case={c1}")
    t.ok(r.status == 200 and len(r.json["items"]) == 1 and r.json["items"][0]["status"] == "booked",
         "what was booked on the day stays booked", r)
    r = book(ter, c1, f"{BOXING}T14:00")
    t.ok(field_is(r, 422, "$.start") and "2. juledag" in r.json.get("detail", ""),
         "closed again, a booking on it is refused again", r)
    r = leder.request("DELETE", f"/api/v1/holiday-openings/{BOXING}")
    t.ok(r.status == 404, "closing a day that is not open: 404", r)
    r = leder.request("DELETE", "/api/v1/holiday-openings/juledag")
    t.ok(r.status == 404, "a malformed date in the path: 404", r)
    r = leder.request("POST", "/api/v1/holiday-openings", {"date": f"{Y}-12-24",
                                                             "reason": "Juleåbent"})
    t.ok(r.status == 201 and r.json["name"], "a day off of the standard's calendar opens too", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"), ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"), ("aalborg", "admin", "adm.a"),
                       ("skive", "leder", "leder.b"), ("skive", "terapeut", "ter.b"),
                       ("skive", "visitator", "vis.b")])
        srv.start()
        u = {n.split(".")[0] + ("_b" if n.endswith(".b") else ""): login_as(srv, n)
             for n in ("leder.a", "vis.a", "ter.a", "leder.b", "ter.b", "vis.b")}
        u["admin"] = login_as(srv, "adm.a")
        for who, c in (("leder.a", u["leder"]), ("leder.b", u["leder_b"])):
            r = c.request("PUT", f"/api/v1/staff/{'ter.a' if who == 'leder.a' else 'ter.b'}",
                          {"profession": "fysioterapeut", "hours": ALL_DAY})
            t.ok(r.status == 200, f"{who} sets a terapeut's hours", r)
        test_open(t, u)
        test_tenants(t, u)
        test_booking(t, u)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
