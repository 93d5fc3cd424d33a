#!/usr/bin/env python3
"""Complaints to the end (issue 13, item 4; shared/spec/letters.md section
3; docs/complaints.md), over HTTP against a real `genop serve`:
- a complaint may say how it came (`channel`: oral, written), what it is
  about (`about`: decision, service_level, professional) and carry a
  `text`; all kept and shown back; a plain complaint is still taken;
- an unknown channel or about, or one that is no text, is 422 with
  `field` and a Danish detail, and nothing is stored;
- Ishøj's professional content goes straight to Styrelsen for
  Patientklager: no reconsideration on the worklist, the stage stays, and
  a reconsideration of it is 422 naming where it went; a complaint about
  the service level goes to Genoptræning Ishøj and is reconsidered;
- `appeal_decided` (Ankestyrelsen's ruling) is taken from a visitator
  after a forwarded complaint only: without one, with an unknown or
  missing outcome, or a second ruling on the same forwarding, it is 422
  in Danish; a terapeut may not register it (403);
- a remitted case is `referred` again and its visitator has the task
  `new_decision` on the worklist until a new decision is registered; an
  upheld ruling settles the complaint (the stage goes back to the
  refusal), with no task;
- GET /api/v1/standard lists the standard's complaint_routes.
Prints TAP.

    tests/api/test_complaints.py PATH/TO/genop
"""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap, PASSWORD, days_ago  # noqa: E402

PW = PASSWORD
ago = days_ago   # the shared helpers (harness.py)


class Visitator:
    """A user's conversation with the server."""

    def __init__(self, t, srv, user):
        self.t = t
        self.c = Client(srv.port)
        r = self.c.login(user, PW)
        if r.status != 200:
            raise RuntimeError(f"login {user}: {r}")

    def refused(self, cpr, name, referred=60):
        body = {"citizen": {"cpr": cpr, "name": name},
                "referral": {"date": ago(referred), "paragraph": "86.1", "source": "egen læge",
                             "condition": "skulder", "consent": True}}
        r = self.c.request("POST", "/api/v1/cases", body)
        self.t.ok(r.status == 201, f"{name}: referral", r)
        k = (r.json or {}).get("id")
        self.add(k, {"type": "decision", "date": ago(referred - 1), "granted": False,
                     "reasons": [{"criterion": "other", "text": "Kan træne selv."}],
                     "text": "Kan træne selv."})
        return k

    def add(self, case_id, event):
        r = self.post(case_id, event)
        if r.status != 201:
            self.t.ok(False, f"case {case_id}: {event['type']} {event['date']}", r)
        return (r.json or {}).get("id")

    def post(self, case_id, event):
        return self.c.request("POST", f"/api/v1/cases/{case_id}/events", event)

    def case(self, case_id):
        return self.c.request("GET", f"/api/v1/cases/{case_id}").json or {}

    def tasks(self, case_id):
        r = self.c.request("GET", "/api/v1/worklist?limit=500")
        return [i.get("id") for i in (r.json or {}).get("items", []) if i.get("case") == case_id]

    def items(self, case_id):
        r = self.c.request("GET", "/api/v1/worklist?limit=500")
        return [i for i in (r.json or {}).get("items", []) if i.get("case") == case_id]


def refusal(t, r, field, words, name):
    body = r.json or {}
    return t.ok(r.status == 422 and body.get("field") == field
                and all(w in body.get("detail", "") for w in words), name, r)


def events_of(v, k, type_):
    return [e for e in v.case(k).get("events", []) if e.get("type") == type_]


def detail_tests(t, v):
    k = v.refused("0101501111", "Anna Mundtlig")
    r = v.post(k, {"type": "complaint_received", "date": ago(50), "channel": "oral",
                   "about": "decision", "text": "Ringede og var uenig i afslaget."})
    t.ok(r.status == 201, "a complaint with channel, about and text is taken", r)
    got = events_of(v, k, "complaint_received")
    t.ok(len(got) == 1 and got[0].get("channel") == "oral" and got[0].get("about") == "decision"
         and got[0].get("text") == "Ringede og var uenig i afslaget.",
         "and shown back with them", got)
    bad = [({"channel": "fax"}, "$.channel", ["fax", "oral", "written"]),
           ({"about": "waiting"}, "$.about", ["waiting", "afgørelsen", "det faglige indhold"]),
           ({"about": 3}, "$.about", ["tekst"]),
           ({"channel": None}, "$.channel", ["tekst"])]
    for extra, field, words in bad:
        r = v.post(k, {"type": "complaint_received", "date": ago(49), **extra})
        refusal(t, r, field, words, f"complaint with {extra} is 422 at {field}, in Danish")
    t.ok(len(events_of(v, k, "complaint_received")) == 1, "and nothing of them is stored")
    k2 = v.refused("0101502222", "Bent Almindelig")
    r = v.post(k2, {"type": "complaint_received", "date": ago(50)})
    t.ok(r.status == 201 and v.case(k2).get("status") == "complaint"
         and v.tasks(k2) == ["complaint_reconsideration"],
         "a plain complaint is taken as before: the stage is complaint, reconsideration due",
         r, v.tasks(k2))


def appeal_refusal_tests(t, v, ter):
    k = v.refused("0201501111", "Carl Anke")
    r = v.post(k, {"type": "appeal_decided", "date": ago(40), "outcome": "upheld"})
    refusal(t, r, "$.date", ["Ankestyrelsen", "ikke er sendt"],
            "appeal_decided without a complaint is 422 in Danish")
    v.add(k, {"type": "complaint_received", "date": ago(55), "channel": "written"})
    v.add(k, {"type": "complaint_decided", "date": ago(50), "upheld": "none"})
    r = v.post(k, {"type": "appeal_decided", "date": ago(40), "outcome": "upheld"})
    refusal(t, r, "$.date", ["Ankestyrelsen", "ikke er sendt", "complaint_forwarded"],
            "appeal_decided before the complaint is forwarded is 422")
    v.add(k, {"type": "complaint_forwarded", "date": ago(45)})
    r = v.post(k, {"type": "appeal_decided", "date": ago(46), "outcome": "upheld"})
    refusal(t, r, "$.date", ["ikke er sendt"], "appeal_decided dated before the forwarding is 422")
    r = v.post(k, {"type": "appeal_decided", "date": ago(40), "outcome": "won"})
    refusal(t, r, "$.outcome", ["won", "stadfæstet", "hjemvist"],
            "an unknown outcome is 422 at $.outcome, naming the four in Danish")
    r = v.post(k, {"type": "appeal_decided", "date": ago(40)})
    refusal(t, r, "$.outcome", ["mangler"], "a missing outcome is 422 at $.outcome")
    r = ter.post(k, {"type": "appeal_decided", "date": ago(40), "outcome": "upheld"})
    t.ok(r.status == 403 and "Ankestyrelsens afgørelse" in (r.json or {}).get("detail", ""),
         "a terapeut may not register Ankestyrelsen's ruling (403, in words)", r)
    t.ok(events_of(v, k, "appeal_decided") == [], "nothing of them is stored")
    r = v.post(k, {"type": "appeal_decided", "date": ago(30), "outcome": "upheld",
                   "text": "Ankestyrelsen stadfæster afslaget."})
    t.ok(r.status == 201, "appeal_decided after the forwarding is taken", r)
    got = events_of(v, k, "appeal_decided")
    t.ok(len(got) == 1 and got[0].get("outcome") == "upheld"
         and got[0].get("text") == "Ankestyrelsen stadfæster afslaget.",
         "and shown back with its outcome and text", got)
    t.ok(v.case(k).get("status") == "refused" and v.tasks(k) == [],
         "an upheld ruling settles the complaint: the stage is refused again, no task",
         v.case(k).get("status"), v.tasks(k))
    r = v.post(k, {"type": "appeal_decided", "date": ago(20), "outcome": "changed"})
    refusal(t, r, "$.date", ["allerede afgjort"], "a second ruling on the same forwarding is 422")


def remitted_tests(t, v):
    k = v.refused("0301501111", "Dorte Hjemvist")
    v.add(k, {"type": "complaint_received", "date": ago(55)})
    v.add(k, {"type": "complaint_decided", "date": ago(50), "upheld": "partial"})
    v.add(k, {"type": "complaint_forwarded", "date": ago(45)})
    t.ok(v.case(k).get("status") == "complaint" and v.tasks(k) == [],
         "forwarded: the complaint is with Ankestyrelsen, nothing on the worklist",
         v.case(k).get("status"), v.tasks(k))
    v.add(k, {"type": "appeal_decided", "date": ago(10), "outcome": "remitted"})
    case = v.case(k)
    items = v.items(k)
    t.ok(case.get("status") == "referred", "a remitted case is referred again (awaits a decision)",
         case.get("status"))
    t.ok([i.get("id") for i in items] == ["new_decision"] and items[0].get("due") == ago(10)
         and "hjemvist" in items[0].get("label", ""),
         "its task new_decision is on the worklist, due the ruling's day, in Danish", items)
    r = v.c.request("GET", "/api/v1/cases?status=referred&limit=200")
    t.ok(k in [i.get("id") for i in (r.json or {}).get("items", [])],
         "the case list shows it among the referred", r)
    r = v.post(k, {"type": "closed", "date": ago(5), "reason": "complaint_forwarded"})
    refusal(t, r, "$.reason", ["hjemvist"], "a remitted case is not closed as forwarded")
    v.add(k, {"type": "decision", "date": ago(5), "granted": True, "grant": GRANT})
    t.ok("new_decision" not in v.tasks(k) and v.case(k).get("status") == "granted",
         "a new decision takes new_decision off the worklist; the case is granted",
         v.tasks(k), v.case(k).get("status"))


def complaint_tasks(v, k):
    """The case's complaint tasks on the worklist (not its other deadlines)."""
    return [i for i in v.tasks(k) if i.startswith("complaint")]


def ishoj_tests(t, v):
    k = v.refused("0401501111", "Erik Faglig")
    r = v.post(k, {"type": "complaint_received", "date": ago(50), "about": "professional",
                   "channel": "written"})
    t.ok(r.status == 201, "Ishøj: a complaint about the professional content is taken", r)
    case = v.case(k)
    ids = [d.get("id") for d in case.get("evaluation", {}).get("deadlines", [])]
    t.ok("complaint_reconsideration" not in ids and complaint_tasks(v, k) == []
         and case.get("status") == "refused",
         "it goes straight to Styrelsen for Patientklager: no reconsideration, the stage stays",
         ids, v.tasks(k), case.get("status"))
    r = v.post(k, {"type": "complaint_decided", "date": ago(45), "upheld": "none"})
    refusal(t, r, "$.date", ["Styrelsen for Patientklager", "det faglige indhold"],
            "a reconsideration of it is 422, naming where it went")
    v.add(k, {"type": "complaint_received", "date": ago(40), "about": "service_level"})
    t.ok(complaint_tasks(v, k) == ["complaint_reconsideration"]
         and v.case(k).get("status") == "complaint",
         "a complaint about the service level goes to Genoptræning Ishøj: reconsider it",
         v.tasks(k))
    r = v.post(k, {"type": "complaint_decided", "date": ago(35), "upheld": "full"})
    t.ok(r.status == 201, "and its reconsideration is taken", r)


def standard_tests(t, v):
    doc = v.c.request("GET", "/api/v1/standard").json or {}
    routes = doc.get("complaint_routes", [])
    t.ok([r.get("about") for r in routes] == [["decision", "service_level"], ["professional"]]
         and routes[0].get("unit", {}).get("name") == "Genoptræning Ishøj"
         and routes[1].get("handler") == "styrelsen_for_patientklager"
         and routes[1].get("reconsiders") is False,
         "GET /api/v1/standard lists Ishøj's two complaint routes", routes)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.add_user("aalborg", "terapeut", "ter.aalborg")
        srv.add_user("ishoj", "visitator", "vis.ishoj")
        srv.start()
        v = Visitator(t, srv, "vis.aalborg")
        ter = Visitator(t, srv, "ter.aalborg")
        sv = v.c.request("GET", "/api/v1/session").json or {}
        st = ter.c.request("GET", "/api/v1/session").json or {}
        t.ok("appeal_decided" in sv.get("event_types", [])
             and "appeal_decided" not in st.get("event_types", []),
             "a visitator may register appeal_decided, a terapeut not", sv, st)
        detail_tests(t, v)
        appeal_refusal_tests(t, v, ter)
        remitted_tests(t, v)
        vi = Visitator(t, srv, "vis.ishoj")
        ishoj_tests(t, vi)
        standard_tests(t, vi)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "complaint tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
