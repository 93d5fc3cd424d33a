#!/usr/bin/env python3
"""The standards' cancellation rules in the calendar (issue 14, item 3),
over HTTP against a real `genop serve`:
- GET /standard lists each standard's `cancellations` with its source:
  Aalborg promises a new time when the unit cancels, Skive offers none
  when the citizen cancels, Ishøj says nothing;
- cancelling says what the standard says a cancellation by that side
  brings (`cancellation_rule`, with the quote), or null;
- in Aalborg a provider's cancellation puts the task new_time on the
  worklist (the terapeut's) until the case's next appointment is booked;
  a citizen's does not; in Skive a provider's does not either.
Prints TAP.

    tests/api/test_cancellations.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Server, Tap, add_event, days_ago, days_off, login_as, register_case  # noqa: E402,E501

TODAY = datetime.date.today()
HOURS = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]


OFF = set()        # the standards' holidays, set by main() (days_off)


def day(n, time="10:00"):
    """The n-th day after today that is no holiday (one is closed for
    booking), at time."""
    d = TODAY
    while n > 0:
        d += datetime.timedelta(days=1)
        n -= d not in OFF
    return d.isoformat() + "T" + time


def granted(vis, cpr, name):
    cid = register_case(vis, cpr, name, referred_days_ago=30)
    add_event(vis, cid, {"type": "decision", "date": days_ago(25), "granted": True,
                         "grant": dict(GRANT, form="individual", place="home",
                                       sessions_per_week=5)})
    return cid


def book(ter, cid, start):
    r = ter.request("POST", "/api/v1/appointments", {
        "case": cid, "therapist": ter.name, "start": start, "minutes": 45,
        "kind": "training", "home": True})
    if r.status != 201:
        raise RuntimeError(f"booking: {r}")
    return r.json["id"]


def cancel(ter, aid, by):
    return ter.request("POST", f"/api/v1/appointments/{aid}/cancel",
                       {"by": by, "reason": "sygdom"})


def new_time_tasks(c, cid):
    r = c.request("GET", "/api/v1/worklist?limit=500")
    return [i for i in r.json.get("items", []) if i.get("case") == cid and
            i.get("id") == "new_time"] if r.status == 200 else None


def test_standards(t, srv):
    want = {"leder.a": ("promised", None, "skal du tilbydes en ny tid"),
            "leder.b": (None, "not_offered", "Hvis borgeren aflyser, tilbydes ikke anden "
                        "træningstid."),
            "leder.i": (None, None, None)}
    for user, (prov, cit, quote) in want.items():
        r = login_as(srv, user).request("GET", "/api/v1/standard")
        cn = r.json.get("cancellations") if r.status == 200 else None
        got = (cn["provider"] and cn["provider"]["new_time"],
               cn["citizen"] and cn["citizen"]["new_time"]) if cn else None
        rule = cn and (cn["provider"] or cn["citizen"])
        t.ok(got == (prov, cit) and (quote is None or quote in rule["source"]["quote"]) and
             (rule is None or rule["text"].endswith(".")),
             f"GET /standard ({user}): cancellations provider {prov}, citizen {cit}, "
             "with the source", cn)


def test_aalborg(t, srv):
    vis, ter = login_as(srv, "vis.a"), login_as(srv, "ter.a")
    ter.name = "ter.a"
    cid = granted(vis, "0101401234", "Anna Andersen")
    vis.request("POST", f"/api/v1/cases/{cid}/events",
                {"type": "assigned", "date": days_ago(0), "role": "terapeut",
                 "username": "ter.a"})
    a = book(ter, cid, day(2))
    r = cancel(ter, a, "citizen")
    t.ok(r.status == 200 and r.json.get("cancellation_rule", 1) is None,
         "Aalborg, the citizen cancels: the standard says nothing (null)", r)
    t.ok(new_time_tasks(vis, cid) == [], "no new_time task after a citizen's cancellation")
    b = book(ter, cid, day(3))
    r = cancel(ter, b, "provider")
    rule = r.json.get("cancellation_rule") if r.status == 200 else None
    t.ok(rule and rule["new_time"] == "promised" and
         "skal du tilbydes en ny tid" in rule["source"]["quote"] and
         rule["source"]["citation"].startswith("Aalborg"),
         "Aalborg, the unit cancels: a new time is promised, with the source", r)
    tasks = new_time_tasks(vis, cid)
    t.ok(tasks and len(tasks) == 1 and tasks[0]["due"] == day(3)[:10] and
         tasks[0].get("kind") == "task",
         "the case gets the worklist task new_time, due the cancelled day", tasks)
    r = ter.request("GET", "/api/v1/worklist?mine=true&limit=500")
    mine = [i for i in r.json.get("items", []) if i.get("id") == "new_time"] \
        if r.status == 200 else []
    t.ok(mine and (mine[0].get("responsible") or {}).get("role") == "terapeut",
         "it is the case's terapeut's task", r)
    book(ter, cid, day(5))
    t.ok(new_time_tasks(vis, cid) == [], "booking the next appointment ends the task")


def test_skive(t, srv):
    vis, ter = login_as(srv, "vis.b"), login_as(srv, "ter.b")
    ter.name = "ter.b"
    cid = granted(vis, "0202402345", "Bent Berg")
    a = book(ter, cid, day(2))
    r = cancel(ter, a, "citizen")
    rule = r.json.get("cancellation_rule") if r.status == 200 else None
    t.ok(rule and rule["new_time"] == "not_offered" and
         rule["text"] == "Når borgeren aflyser, tilbydes der ikke en anden tid." and
         rule["source"]["quote"] == "Hvis borgeren aflyser, tilbydes ikke anden træningstid.",
         "Skive, the citizen cancels: no new time is offered, said with the source", r)
    b = book(ter, cid, day(3))
    r = cancel(ter, b, "provider")
    t.ok(r.status == 200 and r.json.get("cancellation_rule", 1) is None and
         new_time_tasks(vis, cid) == [],
         "Skive, the centre cancels: nothing promised, no new_time task", r)


def main():
    genop = sys.argv[1]
    OFF.update(days_off(genop, (TODAY.year, TODAY.year + 1)))
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"),
                       ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"),
                       ("skive", "leder", "leder.b"), ("skive", "visitator", "vis.b"),
                       ("skive", "terapeut", "ter.b"), ("ishoj", "leder", "leder.i")])
        srv.start()
        for leder, ter in (("leder.a", "ter.a"), ("leder.b", "ter.b")):
            r = login_as(srv, leder).request("PUT", f"/api/v1/staff/{ter}",
                                             {"profession": "fysioterapeut", "hours": HOURS})
            if r.status != 200:
                raise RuntimeError(f"staff: {r}")
        test_standards(t, srv)
        test_aalborg(t, srv)
        test_skive(t, srv)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
