#!/usr/bin/env python3
"""API tests of owning cases (shared/spec/api.md, "Finding cases, owning
them, and the worklist's tasks"; src/casework/assignment.h): `assigned`
events and the 422 of a user who does not exist, belongs to another
municipality or has another role; GET /api/v1/cases/{id} shows
"assigned"; the next assignment of a role replaces it, a correction that
withdraws one gives the case back to the one before; ?mine=true for the
case list and the worklist, ?owner= and ?responsible=; who may assign
whom; GET /api/v1/staff and /api/v1/worklist/owners; a deactivated user
is assigned nothing new; another municipality's cases and users never
appear. Prints TAP.

    tests/api/test_assign.py PATH/TO/genop
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

PROBLEM = "application/problem+json"


def days_ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "hofte", "consent": True}}


def assigned(role, username, date=None):
    return {"type": "assigned", "date": date or days_ago(2), "role": role,
            "username": username}


def is_422(t, r, field, needle, name):
    body = r.json or {}
    return t.ok(r.status == 422 and r.headers.get("content-type", "").startswith(PROBLEM)
                and all(k in body for k in ("type", "title", "status", "detail"))
                and body.get("field") == field and needle in body.get("detail", ""),
                name, r)


class World:
    """The server, one logged-in client per user, and the cases."""

    def __init__(self, srv, pw):
        self.srv = srv
        self.c = {}
        for user in ("vis.a", "vis2.a", "ter.a", "ter2.a", "led.a", "adm.a", "vis.s", "ter.s"):
            cl = Client(srv.port)
            r = cl.login(user, pw)
            if r.status != 200:
                raise RuntimeError(f"login {user}: {r}")
            self.c[user] = cl

    def post(self, user, case, event):
        return self.c[user].request("POST", f"/api/v1/cases/{case}/events", event)

    def get(self, user, path):
        return self.c[user].request("GET", path)

    def assigned_of(self, case, user="vis.a"):
        return (self.get(user, f"/api/v1/cases/{case}").json or {}).get("assigned")


def run_contract(t, w, a):
    r = w.get("vis.a", f"/api/v1/cases/{a}")
    t.ok(r.status == 200 and r.json.get("assigned") == {"visitator": None, "terapeut": None},
         "a new case has nobody assigned", r)
    r = w.post("vis.a", a, assigned("terapeut", "ter.a"))
    t.ok(r.status == 201, "a visitator assigns the case's terapeut: 201", r)
    t.ok(w.assigned_of(a) == {"visitator": None, "terapeut": "ter.a"},
         "GET shows the assigned terapeut", w.assigned_of(a))
    r = w.post("vis.a", a, assigned("terapeut", "ingen.bruger"))
    is_422(t, r, "$.username", "ingen.bruger", "422 for a user who does not exist ($.username)")
    r = w.post("vis.a", a, assigned("terapeut", "ter.s"))
    is_422(t, r, "$.username", "ter.s", "422 for another municipality's user ($.username)")
    t.ok("skive" not in r.json.get("detail", "").lower(),
         "the refusal tells nothing of the other municipality", r.json)
    r = w.post("vis.a", a, assigned("terapeut", "vis2.a"))
    is_422(t, r, "$.role", "visitator", "422 for a user of another role ($.role)")
    r = w.post("vis.a", a, assigned("visitator", "led.a"))
    is_422(t, r, "$.role", "leder", "422 for a leder as the case's visitator")
    r = w.post("vis.a", a, assigned("leder", "led.a"))
    t.ok(r.status == 422 and r.json.get("field") == "$.role",
         "422 for a role that is neither visitator nor terapeut", r)
    r = w.post("vis.a", a, {"type": "assigned", "date": days_ago(2), "role": "terapeut"})
    t.ok(r.status == 422 and r.json.get("field") == "$.username",
         "422 for an assignment without a username", r)
    t.ok(w.assigned_of(a) == {"visitator": None, "terapeut": "ter.a"},
         "refused assignments change nothing", w.assigned_of(a))
    r = w.get("vis.a", f"/api/v1/cases/{a}")
    evs = [e for e in r.json.get("events", []) if e.get("type") == "assigned"]
    t.ok(len(evs) == 1 and evs[0].get("role") == "terapeut" and evs[0].get("username") == "ter.a"
         and evs[0].get("author") == "vis.a",
         "the assigned event is on the timeline with its role, user and author", evs)


def run_next_and_corrections(t, w, a):
    r = w.post("vis.a", a, assigned("visitator", "vis2.a"))
    t.ok(r.status == 201, "the visitator role is assigned too", r)
    r = w.post("vis.a", a, assigned("terapeut", "ter2.a", days_ago(1)))
    second = (r.json or {}).get("id")
    t.ok(w.assigned_of(a) == {"visitator": "vis2.a", "terapeut": "ter2.a"},
         "the next assignment of a role replaces it; the other role stays", w.assigned_of(a))
    r = w.get("vis.a", f"/api/v1/cases/{a}")
    t.ok(r.json.get("assigned_since", {}).get("terapeut") == days_ago(1),
         "assigned_since says from when", r.json.get("assigned_since"))
    r = w.post("vis.a", a, assigned("terapeut", "ter.a", days_ago(3)))
    is_422(t, r, "$.date", "ter2.a", "422 for an assignment dated before the current one")
    r = w.post("vis.a", a, {"type": "correction", "date": days_ago(0), "corrects": second,
                            "event": None, "reason": "Forkert terapeut"})
    t.ok(r.status == 201 and w.assigned_of(a) == {"visitator": "vis2.a", "terapeut": "ter.a"},
         "withdrawing the newest assignment gives the case back to the one before",
         r, w.assigned_of(a))
    r = w.post("vis.a", a, {"type": "correction", "date": days_ago(0), "corrects": second,
                            "event": assigned("terapeut", "ter.s", days_ago(1)),
                            "reason": "x"})
    t.ok(r.status == 422 and r.json.get("field") == "$.event.username",
         "a correction into an assignment has its user checked ($.event.username)", r)


def run_roles(t, w, b):
    r = w.post("ter.a", b, assigned("terapeut", "ter2.a"))
    t.ok(r.status == 403, "a terapeut cannot assign another terapeut: 403", r)
    r = w.post("ter.a", b, assigned("visitator", "vis.a"))
    t.ok(r.status == 403, "a terapeut cannot assign a visitator: 403", r)
    r = w.post("ter.a", b, assigned("terapeut", "ter.a"))
    t.ok(r.status == 201 and w.assigned_of(b)["terapeut"] == "ter.a",
         "a terapeut takes a case for themselves", r)
    r = w.post("led.a", b, assigned("visitator", "vis.a"))
    t.ok(r.status == 201 and w.assigned_of(b)["visitator"] == "vis.a",
         "a leder hands a case to a visitator", r)
    r = w.post("led.a", b, {"type": "contacted", "date": days_ago(1)})
    t.ok(r.status == 403, "a leder registers nothing but assignments: 403", r)
    r = w.post("adm.a", b, assigned("visitator", "vis.a"))
    t.ok(r.status == 403, "an admin cannot assign: 403", r)
    r = w.get("vis.a", f"/api/v1/cases/{b}")
    ev = [e for e in r.json["events"] if e["type"] == "assigned" and e["role"] == "terapeut"][0]
    r = w.post("ter.a", b, {"type": "correction", "date": days_ago(0), "corrects": ev["id"],
                            "event": None, "reason": "x"})
    t.ok(r.status == 403, "a terapeut cannot withdraw an assignment: 403", r)
    r = w.post("vis.s", b, assigned("visitator", "vis.s"))
    t.ok(r.status == 404, "another municipality's case is 404 to an assignment", r)


def ids(r):
    return sorted(i["id"] for i in (r.json or {}).get("items", []))


def run_mine(t, w, a, b, c, s):
    r = w.get("ter.a", "/api/v1/cases?mine=true")
    t.ok(r.status == 200 and ids(r) == sorted([a, b]) and r.json.get("total") == 2,
         "cases?mine=true: only the terapeut's cases", r)
    item = [i for i in r.json["items"] if i["id"] == a][0]
    t.ok(item.get("assigned") == {"visitator": "vis2.a", "terapeut": "ter.a"},
         "case list items say who is assigned", item)
    r = w.get("vis2.a", "/api/v1/cases?mine=true")
    t.ok(ids(r) == [a], "cases?mine=true for a visitator", r)
    r = w.get("ter2.a", "/api/v1/cases?mine=true")
    t.ok(r.status == 200 and ids(r) == [] and r.json.get("total") == 0,
         "cases?mine=true is empty for a user with no cases", r)
    r = w.get("led.a", "/api/v1/cases?owner=ter.a")
    t.ok(ids(r) == sorted([a, b]), "cases?owner=USERNAME: that user's cases", r)
    r = w.get("vis.a", "/api/v1/cases?mine=true&owner=ter.a")
    t.ok(r.status == 400, "mine and owner together are 400", r)
    r = w.get("ter.s", "/api/v1/cases?mine=true")
    t.ok(ids(r) == [s], "another municipality's mine=true holds only its own case", r)
    r = w.get("vis.s", "/api/v1/cases?owner=ter.a")
    t.ok(r.status == 200 and ids(r) == [], "owner= never reaches another municipality", r)
    r = w.get("ter.a", "/api/v1/worklist?mine=true&limit=500")
    items = r.json.get("items", [])
    t.ok(r.status == 200 and items and {i["case"] for i in items} <= {a, b}
         and {i["case"] for i in items} == {a, b} and r.json.get("assigned_cases") == 2,
         "worklist?mine=true: only the tasks of the user's cases", r)
    t.ok(all(set(i.get("assigned", {})) == {"visitator", "terapeut"} and
             i.get("responsible", {}).get("role") in ("visitator", "terapeut") for i in items),
         "worklist items carry who is assigned and who is responsible", items[:2])
    start = [i for i in items if i["id"] == "start" and i["case"] == a]
    decision = [i for i in items if i["id"] == "decision" and i["case"] == a]
    t.ok(start and start[0]["responsible"] == {"role": "terapeut", "username": "ter.a"}
         and decision and decision[0]["responsible"] == {"role": "visitator",
                                                         "username": "vis2.a"},
         "start is the terapeut's task, decision the visitator's", start, decision)
    all_items = w.get("vis.a", "/api/v1/worklist?limit=500").json["items"]
    t.ok({i["case"] for i in all_items} >= {a, b, c}, "without mine, every case's tasks", all_items)
    r = w.get("led.a", "/api/v1/worklist?responsible=ter.a&limit=500")
    t.ok(r.status == 200 and r.json["items"] and
         all(i["responsible"]["username"] == "ter.a" for i in r.json["items"]),
         "worklist?responsible=: the tasks that user is responsible for", r)
    r = w.get("ter.s", "/api/v1/worklist?mine=true")
    t.ok({i["case"] for i in r.json.get("items", [])} <= {s},
         "another municipality's worklist?mine=true holds none of these cases", r)
    r = w.get("vis.s", "/api/v1/worklist?responsible=ter.a")
    t.ok(r.status == 200 and r.json.get("items") == [],
         "responsible= never reaches another municipality", r)


def run_staff_and_owners(t, w):
    r = w.get("vis.a", "/api/v1/staff?role=terapeut")
    # Names and roles, and the calendar's members (shared/spec/calendar.md:
    # profession, hours, absences); never login state.
    items = r.json.get("items", []) if r.status == 200 else []
    t.ok([{"username": i.get("username"), "role": i.get("role")} for i in items] == [
        {"username": "ter.a", "role": "terapeut"}, {"username": "ter2.a", "role": "terapeut"}]
        and all(set(i) == {"username", "role", "profession", "hours", "absences"}
                for i in items),
        "staff?role=terapeut: the municipality's terapeuts, names, roles and calendar only", r)
    r = w.get("ter.a", "/api/v1/staff")
    names = [i["username"] for i in r.json.get("items", [])]
    t.ok(r.status == 200 and "adm.a" not in names and "vis.s" not in names and "led.a" in names,
         "staff: no admins, nobody of another municipality", names)
    r = w.get("adm.a", "/api/v1/staff")
    t.ok(r.status == 403, "an admin does not read the staff list: 403", r)
    r = w.get("vis.a", "/api/v1/staff?role=admin")
    t.ok(r.status == 400, "staff?role=admin is 400", r)
    r = w.get("led.a", "/api/v1/worklist/owners")
    items = r.json.get("items", []) if r.status == 200 else []
    total = w.get("led.a", "/api/v1/worklist?limit=1").json["total"]
    t.ok(r.status == 200 and sum(i["open"] for i in items) == total,
         "worklist/owners counts every open task once", r, total)
    ter = [i for i in items if i["username"] == "ter.a"]
    t.ok(ter and ter[0]["role"] == "terapeut" and ter[0]["cases"] == 2 and ter[0]["open"] >= 2
         and ter[0]["staff"] is True, "worklist/owners: a terapeut's cases and tasks", items)
    nobody = [i for i in items if i["username"] is None]
    t.ok(nobody and all(i["role"] in ("visitator", "terapeut") for i in nobody),
         "worklist/owners: the tasks nobody is responsible for", items)
    t.ok(not any(i["username"] in ("vis.s", "ter.s") for i in items),
         "worklist/owners holds nobody of another municipality", items)
    r = w.get("adm.a", "/api/v1/worklist/owners")
    t.ok(r.status == 403, "an admin does not read worklist/owners: 403", r)


def run_deactivated(t, w, srv, pw, a):
    """A user the admin deactivated is assigned nothing new and is no
    longer offered; the cases they held still name them."""
    users = w.get("adm.a", "/api/v1/users").json["items"]
    ter2 = [u for u in users if u["username"] == "ter2.a"][0]
    r = w.c["adm.a"].request("POST", f"/api/v1/users/{ter2['id']}/deactivate")
    t.ok(r.status == 200, "the admin deactivates ter2.a", r)
    r = w.post("vis.a", a, assigned("terapeut", "ter2.a", days_ago(0)))
    is_422(t, r, "$.username", "deaktiveret", "422 for a deactivated user ($.username)")
    names = [i["username"] for i in w.get("vis.a", "/api/v1/staff?role=terapeut").json["items"]]
    t.ok(names == ["ter.a"], "staff no longer offers a deactivated user", names)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        pw = srv.add_user("aalborg", "visitator", "vis.a")
        for muni, role, user in (("aalborg", "visitator", "vis2.a"),
                                 ("aalborg", "terapeut", "ter.a"),
                                 ("aalborg", "terapeut", "ter2.a"),
                                 ("aalborg", "leder", "led.a"), ("aalborg", "admin", "adm.a"),
                                 ("skive", "visitator", "vis.s"), ("skive", "terapeut", "ter.s")):
            srv.add_user(muni, role, user)
        srv.start()
        w = World(srv, pw)
        cases = []
        for cpr, name in (("0101501234", "Bent Kristensen"), ("0202502345", "Inger Holm"),
                          ("0303503456", "Poul Madsen")):
            r = w.c["vis.a"].request("POST", "/api/v1/cases", referral(cpr, name, days_ago(20)))
            cases.append(r.json["id"])
        a, b, c = cases
        r = w.c["vis.s"].request("POST", "/api/v1/cases",
                                 referral("0404504567", "Finn Agerskov", days_ago(20)))
        s = r.json["id"]
        w.post("vis.s", s, assigned("terapeut", "ter.s"))
        run_contract(t, w, a)
        run_next_and_corrections(t, w, a)
        run_roles(t, w, b)
        run_mine(t, w, a, b, c, s)
        run_staff_and_owners(t, w)
        run_deactivated(t, w, srv, pw, a)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
