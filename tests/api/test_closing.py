#!/usr/bin/env python3
"""Closing a case that never had a course, and the events' numbers within
their case (issue 12, item 5), over HTTP against a real `genop serve`:
- a refused case closes with genop's own reason `refused`: closed, the
  case list shows it as closed, nothing of it is on the worklist, and the
  case still shows the citizen's complaint window (owner citizen);
- `refused` on a granted case, or before the refusal, is 422 at $.reason
  with a Danish detail, and nothing is stored;
- a complaint about a refusal: `refused` is 422 while it is pending;
  after complaint_forwarded the case closes with `complaint_forwarded`
  and nothing of the municipality's is left;
- a complaint that comes after a `refused` closure is on the worklist;
- the case says which of genop's own reasons apply now (case.end_reasons);
- every event of GET /api/v1/cases/{id} has its number within the case,
  1..n in the order of registration, though the ids (global) are not;
  a correction's `corrects` and the corrected event's `corrected_by` are
  ids, whose events' numbers are the right ones; a correction of an id
  the case has not says so in Danish;
- answers kept by an older genop (without numbers) are not shown: a read
  makes the answer from the events, and serve keeps them anew when the
  rules' fingerprint changes.
Prints TAP.

    tests/api/test_closing.py PATH/TO/genop
"""

import os
import signal
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, REASONS, Client, Server, Tap, PASSWORD, days_ago  # noqa: E402

PW = PASSWORD
ago = days_ago   # the shared helpers (harness.py)


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "skulder", "consent": True}}


class Visitator:
    """A visitator's conversation with the server."""

    def __init__(self, t, srv, user):
        self.t = t
        self.c = Client(srv.port)
        r = self.c.login(user, PW)
        if r.status != 200:
            raise RuntimeError(f"login {user}: {r}")

    def new(self, cpr, name, referred):
        r = self.c.request("POST", "/api/v1/cases", referral(cpr, name, ago(referred)))
        self.t.ok(r.status == 201, f"{name}: referral", r)
        return (r.json or {}).get("id")

    def add(self, case_id, event):
        r = self.c.request("POST", f"/api/v1/cases/{case_id}/events", event)
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

    def listed(self, case_id, status):
        r = self.c.request("GET", f"/api/v1/cases?status={status}&limit=200")
        return [i.get("status") for i in (r.json or {}).get("items", []) if i.get("id") == case_id]


def refused(v, cpr, name, referred=20):
    k = v.new(cpr, name, referred)
    v.add(k, {"type": "contacted", "date": ago(referred)})
    v.add(k, {"type": "decision", "date": ago(referred - 1), "granted": False,
              "reasons": REASONS, "text": "Ikke omfattet."})
    return k


def applies(case):
    return {r.get("id"): r.get("applies") for r in case.get("case", {}).get("end_reasons", [])}


def is_refusal(t, r, words, name):
    body = r.json or {}
    t.ok(r.status == 422 and body.get("field") == "$.reason"
         and all(w in body.get("detail", "") for w in words), name, r)


def close_refused_tests(t, v):
    k = refused(v, "0201501234", "Else Afslag")
    case = v.case(k)
    t.ok(applies(case) == {"refused": True, "complaint_forwarded": False},
         "a refused case: genop's `refused` applies, complaint_forwarded does not", applies(case))
    labels = {r.get("id"): (r.get("label"), bool(r.get("detail")))
              for r in case.get("case", {}).get("end_reasons", [])}
    t.ok(labels.get("refused") == ("Afslag: sagen er afsluttet uden forløb", True)
         and labels.get("complaint_forwarded") == ("Klagen er sendt til Ankestyrelsen", True),
         "each with its Danish label and what it means", labels)
    r = v.post(k, {"type": "closed", "date": ago(21), "reason": "refused"})
    is_refusal(t, r, ["»Afslag: sagen er afsluttet uden forløb«", "ingen afgørelse"],
               "`refused` dated before the refusal is 422 at $.reason")
    r = v.post(k, {"type": "closed", "date": ago(1), "reason": "refused"})
    t.ok(r.status == 201, "a refused case closes with `refused`", r)
    case = v.case(k)
    t.ok(case.get("case", {}).get("closed") is True, "the case is closed", case.get("case"))
    t.ok(v.listed(k, "closed") == ["closed"] and v.listed(k, "open") == [],
         "the case list shows it among the closed, as closed")
    t.ok(v.tasks(k) == [], "nothing of it is on the worklist", v.tasks(k))
    window = [d for d in case.get("evaluation", {}).get("deadlines", [])
              if d.get("id") == "complaint_window"]
    t.ok(len(window) == 1 and window[0].get("owner") == "citizen"
         and window[0].get("status") == "pending",
         "the citizen's complaint window still runs, as the citizen's", window)
    pending = [d.get("id") for d in case.get("evaluation", {}).get("deadlines", [])
               if d.get("owner") == "municipality" and d.get("status") in ("pending", "overdue")]
    t.ok(pending == [], "no deadline of the municipality's is open", pending)
    t.ok(applies(case) == {"refused": False, "complaint_forwarded": False},
         "a closed case has no reason left to close it by", applies(case))
    v.add(k, {"type": "complaint_received", "date": ago(0)})
    t.ok(v.tasks(k) == ["complaint_reconsideration"],
         "a complaint after the closure is on the worklist to reconsider", v.tasks(k))


def refuse_on_granted_tests(t, v):
    k = v.new("0301501234", "Finn Bevilget", 20)
    v.add(k, {"type": "decision", "date": ago(19), "granted": True, "grant": GRANT})
    t.ok(applies(v.case(k)) == {"refused": False, "complaint_forwarded": False},
         "a granted case: neither of genop's own reasons applies", applies(v.case(k)))
    r = v.post(k, {"type": "closed", "date": ago(1), "reason": "refused"})
    is_refusal(t, r, ["kan kun bruges", "bevilgede træning"],
               "`refused` on a granted case is 422 at $.reason, in Danish")
    r = v.post(k, {"type": "closed", "date": ago(1), "reason": "complaint_forwarded"})
    is_refusal(t, r, ["Ankestyrelsen", "bevilgede træning"],
               "so is `complaint_forwarded`")
    case = v.case(k)
    t.ok(case.get("case", {}).get("closed") is False
         and not any(e.get("type") == "closed" for e in case.get("events", [])),
         "and nothing is stored", case.get("events"))


def forwarded_tests(t, v):
    k = refused(v, "0401501234", "Gitte Klage", 40)
    v.add(k, {"type": "complaint_received", "date": ago(30)})
    r = v.post(k, {"type": "closed", "date": ago(29), "reason": "refused"})
    is_refusal(t, r, ["klage over afslaget er under behandling"],
               "`refused` while a complaint is pending is 422")
    v.add(k, {"type": "complaint_decided", "date": ago(25), "upheld": "none"})
    t.ok(v.tasks(k) == ["complaint_forward"], "the complaint must be sent on", v.tasks(k))
    r = v.post(k, {"type": "closed", "date": ago(24), "reason": "complaint_forwarded"})
    is_refusal(t, r, ["ikke sendt til Ankestyrelsen"],
               "`complaint_forwarded` before the forwarding is 422")
    v.add(k, {"type": "complaint_forwarded", "date": ago(20)})
    t.ok(applies(v.case(k)) == {"refused": False, "complaint_forwarded": True},
         "after the forwarding, complaint_forwarded applies", applies(v.case(k)))
    r = v.post(k, {"type": "closed", "date": ago(20), "reason": "complaint_forwarded"})
    t.ok(r.status == 201, "the case closes with `complaint_forwarded`", r)
    case = v.case(k)
    t.ok(case.get("case", {}).get("closed") is True and v.listed(k, "closed") == ["closed"],
         "closed, and listed as closed")
    open_ = [d.get("id") for d in case.get("evaluation", {}).get("deadlines", [])
             if d.get("status") in ("pending", "overdue")]
    t.ok(open_ == [] and v.tasks(k) == [], "nothing of the municipality's is left",
         open_, v.tasks(k))


def number_tests(t, v):
    a = v.new("0501501234", "Hans Nummer", 20)
    b = v.new("0601501234", "Ida Andet", 20)
    contacted = v.add(a, {"type": "contacted", "date": ago(19)})
    v.add(b, {"type": "contacted", "date": ago(19)})
    v.add(a, {"type": "note", "date": ago(18), "text": "ringede"})
    v.add(b, {"type": "assessment", "date": ago(18)})
    fix = v.add(a, {"type": "correction", "date": ago(17), "corrects": contacted,
                    "event": {"type": "contacted", "date": ago(18)}, "reason": "forkert dato"})
    v.add(a, {"type": "assessment", "date": ago(20)})
    events = v.case(a).get("events", [])
    numbers = [e.get("number") for e in events]
    ids = [e.get("id") for e in events]
    t.ok(numbers == [1, 2, 3, 4, 5], "the case's events are numbered 1..n", numbers)
    t.ok(ids == sorted(ids) and ids[-1] - ids[0] > 4,
         "in the order of registration, while their ids are global", ids)
    number_of = {e.get("id"): e.get("number") for e in events}
    corrected = next((e for e in events if e.get("id") == contacted), {})
    correction = next((e for e in events if e.get("id") == fix), {})
    t.ok(number_of.get(correction.get("corrects")) == 2
         and number_of.get(corrected.get("corrected_by")) == 4
         and corrected.get("state") == "corrected",
         "the correction (nr. 4) corrects nr. 2, which says it was corrected by nr. 4",
         corrected, correction)
    other = [e.get("number") for e in v.case(b).get("events", [])]
    t.ok(other == [1, 2, 3], "the other case's events have their own numbers", other)
    r = v.post(a, {"type": "correction", "date": ago(1), "corrects": 99999, "event": None,
                   "reason": "fejl"})
    body = r.json or {}
    t.ok(r.status == 422 and body.get("field") == "$.corrects"
         and "ingen hændelse med id 99999" in body.get("detail", ""),
         "a correction of an id the case has not says so, naming it an id", r)
    return a


def kept_answer_tests(t, srv, a):
    """Answers kept by a genop before numbers (format 3) are not used."""
    srv.stop()
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE case_answers SET view_format = 3,"
               " events_json = replace(events_json, '\"number\":', '\"old\":')")
    db.commit()
    db.close()
    srv.start()
    v = Visitator(t, srv, "vis.aalborg")
    numbers = [e.get("number") for e in v.case(a).get("events", [])]
    t.ok(numbers == [1, 2, 3, 4, 5], "an answer kept by an older genop is made anew from the events",
         numbers)
    srv.stop()
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE projection_rules SET fingerprint = '2-en-tidligere-genop'")
    db.commit()
    db.close()
    srv.start()
    db = sqlite3.connect(srv.db)
    for _ in range(100):               # the refresh's commit may follow the first answer
        (fp,) = db.execute("SELECT fingerprint FROM projection_rules").fetchone()
        if not fp.startswith("2-"):
            break
        time.sleep(0.05)
    formats = {f for (f,) in db.execute("SELECT DISTINCT view_format FROM case_answers")}
    stale = db.execute("SELECT count(*) FROM case_answers WHERE events_json LIKE '%\"old\":%'"
                       ).fetchone()[0]
    db.close()
    # CASE_ANSWER_FORMAT: JSON version 2 (numbers) * 100 + pack format 5 (closure reasons).
    t.ok(formats == {205} and stale == 0,
         "serve keeps every answer anew when the rules' fingerprint changes", formats, stale)
    v = Visitator(t, srv, "vis.aalborg")
    numbers = [e.get("number") for e in v.case(a).get("events", [])]
    t.ok(numbers == [1, 2, 3, 4, 5], "and the kept answer has the numbers", numbers)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.start()
        v = Visitator(t, srv, "vis.aalborg")
        close_refused_tests(t, v)
        refuse_on_granted_tests(t, v)
        forwarded_tests(t, v)
        a = number_tests(t, v)
        kept_answer_tests(t, srv, a)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "closing tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
