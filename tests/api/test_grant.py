#!/usr/bin/env python3
"""A decision's grant and its exceptions (shared/spec/letters.md section 1,
evaluate.md "Limits"), over HTTP against a real `genop serve`:
- the refusals of letters.md section 1 for a grant, each 422 with its
  `field`: a granted decision without `grant`; a grant without one of the
  fields a letter needs, or with a bad one (form, place, a number that is
  not positive, an end date before the decision); an exception for a
  limit the municipality's standard does not have (Skive has no
  `sessions`, Aalborg no limits at all), at its index in the list; an
  exception without a reason, or a blank one; a grant on a refusal; the
  same in a correction's new event under $.event;
- a granted decision with exceptions is stored with its grant, and
  GET /api/v1/cases/{id} judges the excepted limit against the
  exception's max with "exception": {"reason", "decided"}, the others
  against the standard's; the worklist's limit task follows (Skive: three
  sessions of 45 minutes in a week, with an exception to the sessions a
  week but not to the minutes);
- a later decision replaces the grant from its date on (revisitation
  without the exception: the standard's max again, and the task);
- Rødovre: an exception that raises the number of sessions;
- the kept view: after a restart, and with a kept answer of the format
  before exceptions (view_format 3), the case still shows its exception.
Prints TAP.

    tests/api/test_grant.py PATH/TO/genop
"""

import copy
import datetime
import os
import signal
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap  # noqa: E402

PW = "korrekt-hest-batteri"
REASON = "Særligt komplekst træningsbehov efter to operationer"


def today():
    return datetime.date.today()


def ago(n):
    """The date n days ago, ISO (the server's today is Danish: the tests
    keep a day's margin)."""
    return (today() - datetime.timedelta(days=n)).isoformat()


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "knæ", "consent": True}}


def grant(**changes):
    """GRANT with changes (None removes a member)."""
    g = copy.deepcopy(GRANT)
    for k, v in changes.items():
        if v is None:
            g.pop(k, None)
        else:
            g[k] = v
    return g


def decision(date, g=None, granted=True):
    body = {"type": "decision", "date": date, "granted": granted}
    if g is not None:
        body["grant"] = g
    return body


class User:
    """One visitator's conversation."""

    def __init__(self, srv, name):
        self.c = Client(srv.port)
        r = self.c.login(name, PW)
        if r.status != 200:
            raise RuntimeError(f"login {name}: {r}")

    def new_case(self, cpr, name, referred):
        r = self.c.request("POST", "/api/v1/cases", referral(cpr, name, ago(referred)))
        if r.status != 201:
            raise RuntimeError(f"referral {name}: {r}")
        return r.json["id"]

    def add(self, case_id, event):
        return self.c.request("POST", f"/api/v1/cases/{case_id}/events", event)

    def case(self, case_id):
        return self.c.request("GET", f"/api/v1/cases/{case_id}").json or {}

    def limit(self, case_id, limit_id):
        limits = self.case(case_id).get("evaluation", {}).get("limits", [])
        return next((x for x in limits if x.get("id") == limit_id), {})

    def limit_tasks(self, case_id):
        items = self.c.request("GET", "/api/v1/worklist?limit=500").json.get("items", [])
        return sorted(i.get("limit") for i in items
                      if i.get("case") == case_id and i.get("id") == "limit_exceeded")


def refused(t, r, field, name, word=None):
    """r is a 422 problem naming field (and saying word)."""
    body = r.json or {}
    t.ok(r.status == 422 and body.get("field") == field
         and (word is None or word in body.get("detail", "")), name, r)


def refusal_tests(t, sk, al):
    k = sk.new_case("0101401111", "Anna Afvist", 20)
    d = ago(18)
    refused(t, sk.add(k, decision(d)), "$.grant",
            "a granted decision without grant: 422 $.grant", "mangler")
    refused(t, sk.add(k, decision(d, grant(form=None))), "$.grant.form",
            "a grant without its form: 422 $.grant.form")
    refused(t, sk.add(k, decision(d, grant(transport=None))), "$.grant.transport",
            "a grant without transport: 422 $.grant.transport")
    refused(t, sk.add(k, decision(d, grant(form="group"))), "$.grant.form",
            "an unknown form: 422 $.grant.form", "individual, team eller self_training")
    refused(t, sk.add(k, decision(d, grant(place="pool"))), "$.grant.place",
            "an unknown place: 422 $.grant.place", "centre, home eller local_area")
    refused(t, sk.add(k, decision(d, grant(sessions_per_week=0))), "$.grant.sessions_per_week",
            "no sessions a week: 422", "positivt heltal")
    refused(t, sk.add(k, decision(d, grant(minutes_per_session="45"))),
            "$.grant.minutes_per_session", "minutes as text: 422")
    refused(t, sk.add(k, decision(d, grant(until=ago(19)))), "$.grant.until",
            "an end before the decision: 422 $.grant.until", "før afgørelsens dato")
    refused(t, sk.add(k, decision(d, grant(exceptions=[
        {"limit": "sessions", "max": 40, "reason": REASON}]))),
        "$.grant.exceptions[0].limit",
        "Skive has no limit of sessions: 422 $.grant.exceptions[0].limit", "sessions")
    refused(t, sk.add(k, decision(d, grant(exceptions=[
        {"limit": "sessions_per_week", "max": 3, "reason": REASON},
        {"limit": "assessment_sessions", "max": 3, "reason": REASON}]))),
        "$.grant.exceptions[1].limit", "the second exception's limit: 422 at index 1")
    refused(t, sk.add(k, decision(d, grant(exceptions=[{"limit": "walks", "max": 3,
                                                        "reason": REASON}]))),
            "$.grant.exceptions[0].limit", "an unknown limit id: 422")
    refused(t, sk.add(k, decision(d, grant(exceptions=[{"limit": "sessions_per_week",
                                                        "max": 3}]))),
            "$.grant.exceptions[0].reason", "an exception without a reason: 422", "mangler")
    refused(t, sk.add(k, decision(d, grant(exceptions=[{"limit": "sessions_per_week",
                                                        "max": 3, "reason": "  "}]))),
            "$.grant.exceptions[0].reason", "an exception with a blank reason: 422", "tom")
    refused(t, sk.add(k, decision(d, grant(exceptions=[{"limit": "sessions_per_week",
                                                        "max": 0, "reason": REASON}]))),
            "$.grant.exceptions[0].max", "an exception with max 0: 422")
    refused(t, sk.add(k, decision(d, grant(), granted=False)), "$.grant",
            "a refusal with a grant: 422 $.grant", "afslag")
    events = [e for e in sk.case(k).get("events", []) if e.get("type") == "decision"]
    t.ok(events == [], "nothing refused was stored", events)
    a = al.new_case("0202402222", "Bo Aalborg", 20)
    refused(t, al.add(a, decision(ago(18), grant(exceptions=[
        {"limit": "course_length", "max": 200, "reason": REASON}]))),
        "$.grant.exceptions[0].limit", "Aalborg has no limits at all: 422")
    r = al.add(a, decision(ago(18), grant()))
    t.ok(r.status == 201, "Aalborg: a grant without exceptions is 201", r)


def week_monday(weeks_back):
    d = today() - datetime.timedelta(days=7 * weeks_back)
    return d - datetime.timedelta(days=d.weekday())


def exception_tests(t, srv, sk):
    """Skive: 2 sessions and 90 minutes a week; an exception to 3 a week."""
    mon = week_monday(2)
    days = [(mon + datetime.timedelta(days=i)).isoformat() for i in range(3)]
    decided = (mon - datetime.timedelta(days=3)).isoformat()
    k = sk.new_case("0303403333", "Carl Undtagelse", (today() - mon).days + 7)
    exc = {"limit": "sessions_per_week", "max": 3, "reason": REASON}
    r = sk.add(k, decision(decided, grant(sessions_per_week=3, exceptions=[exc])))
    t.ok(r.status == 201, "a grant with an exception to Skive's sessions a week: 201", r)
    dec_id = (r.json or {}).get("id")
    stored = next((e for e in sk.case(k).get("events", []) if e.get("type") == "decision"), {})
    t.ok(stored.get("grant", {}).get("exceptions") == [exc]
         and stored["grant"].get("sessions_per_week") == 3
         and stored["grant"].get("until", "x") is None,
         "the case's events show the stored grant", stored)
    for day in days:
        sk.add(k, {"type": "session", "date": day, "minutes": 45, "outcome": "attended"})
    per_week = sk.limit(k, "sessions_per_week")
    t.ok(per_week.get("max") == 3 and per_week.get("used") == 3
         and per_week.get("status") == "ok"
         and per_week.get("exception", {}).get("reason") == REASON
         and per_week.get("exception", {}).get("decided") == decided,
         "GET case: sessions a week judged against the exception's 3, with its reason and date",
         per_week)
    minutes = sk.limit(k, "minutes_per_week")
    t.ok(minutes.get("max") == 90 and minutes.get("used") == 135
         and minutes.get("status") == "exceeded" and "exception" not in minutes,
         "the minutes a week, without an exception, against the standard's 90", minutes)
    t.ok(sk.limit_tasks(k) == ["minutes_per_week"],
         "the worklist: only the minutes a week are exceeded", sk.limit_tasks(k))
    # The kept view after a restart, and one of the format before
    # exceptions (rebuilt from the events).
    srv.stop()
    db = sqlite3.connect(srv.db)
    n = db.execute("UPDATE case_answers SET view_format = 3 WHERE case_id = ?", (k,)).rowcount
    db.commit()
    db.close()
    srv.start()
    sk = User(srv, "vis.skive")
    per_week = sk.limit(k, "sessions_per_week")
    t.ok(n == 1 and per_week.get("max") == 3 and per_week.get("exception", {}).get("reason") == REASON,
         "a kept answer of format 3 is read from the events, exception and all", n, per_week)
    per_week = sk.limit(k, "sessions_per_week")
    t.ok(per_week.get("max") == 3 and per_week.get("exception", {}).get("decided") == decided,
         "and read again (kept anew)", per_week)
    # A correction's new event is checked the same way, under $.event.
    bad = decision(decided, grant(exceptions=[{"limit": "sessions", "max": 3, "reason": REASON}]))
    refused(t, sk.add(k, {"type": "correction", "date": ago(1), "corrects": dec_id,
                          "event": bad, "reason": "Forkert undtagelse"}),
            "$.event.grant.exceptions[0].limit",
            "a correction's exception to a limit Skive lacks: 422 $.event.grant...")
    # Revisitation: a later grant without the exception replaces it.
    r = sk.add(k, decision(ago(2), grant()))
    t.ok(r.status == 201, "a later decision (revisitation): 201", r)
    per_week = sk.limit(k, "sessions_per_week")
    t.ok(per_week.get("max") == 2 and per_week.get("status") == "exceeded"
         and "exception" not in per_week,
         "after the revisitation: the standard's 2 a week again", per_week)
    t.ok(sk.limit_tasks(k) == ["minutes_per_week", "sessions_per_week"],
         "and the worklist shows the sessions a week exceeded", sk.limit_tasks(k))
    return sk


def rodovre_tests(t, ro):
    """Rødovre: at most 32 sessions; an exception raises it to 40."""
    k = ro.new_case("0404404444", "Dorte Rødovre", 30)
    r = ro.add(k, decision(ago(28), grant(sessions=40, exceptions=[
        {"limit": "sessions", "max": 40, "reason": REASON}])))
    t.ok(r.status == 201, "Rødovre: an exception to its 32 sessions: 201", r)
    s = ro.limit(k, "sessions")
    t.ok(s.get("max") == 40 and s.get("status") == "ok"
         and s.get("exception", {}).get("decided") == ago(28),
         "Rødovre: sessions judged against 40", s)
    a = ro.limit(k, "assessment_sessions")
    t.ok(a.get("max") == 8 and "exception" not in a, "its assessment sessions keep 8", a)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        for muni in ("skive", "aalborg", "rodovre"):
            srv.add_user(muni, "visitator", f"vis.{muni}")
        srv.start()
        refusal_tests(t, User(srv, "vis.skive"), User(srv, "vis.aalborg"))
        exception_tests(t, srv, User(srv, "vis.skive"))
        rodovre_tests(t, User(srv, "vis.rodovre"))
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "grant tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
