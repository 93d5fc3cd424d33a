#!/usr/bin/env python3
"""The worklist's tasks (shared/spec/api.md, "the worklist's tasks"), over
HTTP against a real `genop serve`: each kind appears when its rule says so,
with its due date, status, label and the rule's source, and disappears
again:
- attendance_review (Skive: the first no-show; an admission during the
  course) until the course is closed;
- limit_exceeded with its `limit` (Skive: a third session and 135 minutes
  in one week) until a correction brings the limit back within;
- course_length once the course has run past Skive's 4 months, not
  before, until it is closed;
- end_status (Skive, Nyborg: the end status their texts require) once a
  course is closed without one, until one is registered after the
  closure (with a start status dated before it, and a journal note); none
  in Aalborg, whose standard does not require it, and none for a course
  that never started;
- the citizen's complaint window is never on the worklist, though the
  case shows it overdue as the citizen's deadline;
- another municipality's tasks never appear;
- serve computes the tasks of a database whose projections were made by
  an older genop (other fingerprint, no task rows) before it answers.
Prints TAP.

    tests/api/test_tasks.py PATH/TO/genop
"""

import calendar
import datetime
import os
import signal
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap  # noqa: E402

PW = "korrekt-hest-batteri"
SKIVE_QUALITY = "Skive, Kommunens kvalitetsmål og leverancesikkerhed"
SKIVE_SCOPE = "Skive, Ydelsens omfang"
GAA = "51697715-965a-40f3-b4a5-819103bf9d49"    # Gå (Mobilitet), FSIII


def today():
    return datetime.date.today()


def ago(n):
    """The date n days ago, ISO. The server's "today" is Danish: the
    tests keep a day's margin wherever a date's side of today matters."""
    return (today() - datetime.timedelta(days=n)).isoformat()


def add_months(d, n):
    """d plus n months, the day clamped to the month's end (as genop)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "hofte", "consent": True}}


def session(date, outcome="attended", minutes=45):
    return {"type": "session", "date": date, "outcome": outcome, "minutes": minutes}


def status(date, phase):
    body = {"type": "function_status", "date": date, "phase": phase,
            "levels": [{"code": GAA, "level": 2 if phase == "start" else 1}]}
    body["goals"] = [{"text": "Gå til Netto"}] if phase == "start" else \
        [{"text": "Gå til Netto", "reached": True}]
    return body


class Cases:
    """One user's conversation and the cases it makes."""

    def __init__(self, t, srv, user):
        self.t = t
        self.c = Client(srv.port)
        r = self.c.login(user, PW)
        if r.status != 200:
            raise RuntimeError(f"login {user}: {r}")

    def new(self, cpr, name, referred, granted=True):
        """A case referred `referred` days ago and decided the day after."""
        r = self.c.request("POST", "/api/v1/cases", referral(cpr, name, ago(referred)))
        self.t.ok(r.status == 201, f"{name}: referral", r)
        case_id = (r.json or {}).get("id")
        self.add(case_id, {"type": "contacted", "date": ago(referred)})
        decision = {"type": "decision", "date": ago(referred - 1), "granted": granted}
        if granted:
            decision["grant"] = GRANT
        else:
            decision["reasons"] = [{"criterion": "motivation", "text": "Ikke omfattet."}]
        self.add(case_id, decision)
        return case_id

    def add(self, case_id, event, name=None):
        r = self.c.request("POST", f"/api/v1/cases/{case_id}/events", event)
        if name is not None:
            self.t.ok(r.status == 201, name, r)
        elif r.status != 201:
            self.t.ok(False, f"case {case_id}: {event['type']} {event['date']}", r)
        return r

    def worklist(self):
        r = self.c.request("GET", "/api/v1/worklist?limit=500")
        return (r.json or {}).get("items", [])

    def tasks(self, case_id, task_id=None):
        return [i for i in self.worklist()
                if i.get("case") == case_id and (task_id is None or i.get("id") == task_id)]

    def case(self, case_id):
        return self.c.request("GET", f"/api/v1/cases/{case_id}").json or {}


def is_task(t, items, due, status, label, source, name, limit=None):
    """items is exactly one task with these fields."""
    one = items[0] if len(items) == 1 else {}
    return t.ok(len(items) == 1 and one.get("kind") == "task" and one.get("due") == due
                and one.get("status") == status and one.get("label") == label
                and one.get("source") == source and one.get("limit") == limit,
                name, items)


def attendance_tests(t, sk):
    """Skive: one no-show puts the course up for review."""
    k = sk.new("0101401111", "Anna Udeblevet", 30)
    sk.add(k, status(ago(20), "start"))
    sk.add(k, session(ago(20)))
    t.ok(sk.tasks(k) == [], "a course under way with nothing to act on has no task", sk.tasks(k))
    sk.add(k, session(ago(13), "no_show"), "a no-show is registered")
    is_task(t, sk.tasks(k, "attendance_review"), ago(13), "overdue",
            "Forløbet skal vurderes (fremmøde)", SKIVE_QUALITY,
            "attendance_review: due the day of the no-show that reached the limit, with its source")
    ev = sk.case(k).get("evaluation", {}).get("attendance", {})
    t.ok(ev.get("status") == "review" and ev.get("limit_reached") == ago(13)
         and ev.get("review_since") == ago(13),
         "the evaluation says when the limit was reached", ev)
    sk.add(k, {"type": "closed", "date": ago(6), "reason": "no_shows"}, "the course is closed")
    t.ok(sk.tasks(k, "attendance_review") == [], "a closed course is up for no review",
         sk.tasks(k))
    return k


def end_status_tests(t, sk, k):
    """The closed course of attendance_tests has a start status, no end."""
    case = sk.case(k)
    doc = case.get("evaluation", {}).get("documentation", {}).get("end_status") or {}
    t.ok(doc.get("status") == "missing" and doc.get("due") == ago(6)
         and doc.get("source") == SKIVE_QUALITY,
         "the evaluation: the end status is missing since the closure", doc)
    is_task(t, sk.tasks(k), ago(6), "overdue", "Slutstatus mangler", SKIVE_QUALITY,
            "end_status: a closed course without an end status is on the worklist (Skive)")
    # Item 5: after the closure an end status and a journal note are taken.
    sk.add(k, {"type": "note", "date": ago(2), "text": "Slutstatus indhentes."},
           "a journal note is taken after the closure")
    sk.add(k, status(ago(2), "end"), "an end status is taken after the closure")
    t.ok(sk.tasks(k) == [], "the end status takes the task off the worklist", sk.tasks(k))
    doc = sk.case(k).get("evaluation", {}).get("documentation", {}).get("end_status") or {}
    t.ok(doc.get("status") == "present", "the evaluation: present", doc)
    # A course closed without any status: the start status can still be
    # registered, dated before the closure, and then the end status.
    k2 = sk.new("0101401112", "Bo Uden Status", 30)
    sk.add(k2, session(ago(20)))
    sk.add(k2, {"type": "closed", "date": ago(5), "reason": "goal_reached"})
    t.ok(len(sk.tasks(k2, "end_status")) == 1, "closed without any status: end_status task",
         sk.tasks(k2))
    r = sk.c.request("POST", f"/api/v1/cases/{k2}/events", status(ago(3), "start"))
    t.ok(r.status == 422 and "afsluttet" in (r.json or {}).get("detail", ""),
         "a start status dated after the closure is refused, saying why", r)
    sk.add(k2, status(ago(20), "start"), "a start status dated in the course is taken after it")
    sk.add(k2, status(ago(3), "end"), "then the end status")
    t.ok(sk.tasks(k2) == [], "and the task is done", sk.tasks(k2))
    # A case refused and closed had no course: no end status needed.
    k3 = sk.new("0101401113", "Cai Afslag", 20, granted=False)
    sk.add(k3, {"type": "closed", "date": ago(10), "reason": "other"})
    t.ok(sk.tasks(k3) == [], "a case closed without a course needs no end status", sk.tasks(k3))


def week_monday(weeks_back):
    d = today() - datetime.timedelta(days=7 * weeks_back)
    return d - datetime.timedelta(days=d.weekday())


def limit_tests(t, sk):
    """Skive: at most 2 sessions and 90 minutes a week."""
    mon = week_monday(2)
    days = [(mon + datetime.timedelta(days=i)).isoformat() for i in range(3)]
    k = sk.new("0202402222", "Dorte Grænse", (today() - mon).days + 7)
    sk.add(k, session(days[0]))
    sk.add(k, session(days[1]))
    t.ok(sk.tasks(k, "limit_exceeded") == [], "two sessions of 45 minutes in a week: within",
         sk.tasks(k))
    r = sk.add(k, session(days[2]), "a third session in the week is registered")
    third = (r.json or {}).get("id")
    items = sorted(sk.tasks(k, "limit_exceeded"), key=lambda i: i.get("limit"))
    t.ok([i.get("limit") for i in items] == ["minutes_per_week", "sessions_per_week"],
         "limit_exceeded for each limit exceeded, each with its limit's id", items)
    is_task(t, [i for i in items if i.get("limit") == "sessions_per_week"], days[2], "overdue",
            "Grænse overskredet: Træningsgange pr. uge", SKIVE_SCOPE,
            "the weekly sessions: due the day of the third session", limit="sessions_per_week")
    is_task(t, [i for i in items if i.get("limit") == "minutes_per_week"], days[2], "overdue",
            "Grænse overskredet: Træningsminutter pr. uge", SKIVE_SCOPE,
            "the weekly minutes: 135 of 90 since the third session", limit="minutes_per_week")
    sk.add(k, {"type": "correction", "date": ago(1), "corrects": third, "event": None,
               "reason": "Registreret på den forkerte borger."}, "the third session is withdrawn")
    t.ok(sk.tasks(k, "limit_exceeded") == [], "back within the limits: the tasks are gone",
         sk.tasks(k))


def course_length_tests(t, sk):
    """Skive: 4 months from the first session."""
    start = today() - datetime.timedelta(days=135)
    last = add_months(start, 4)
    k = sk.new("0303403333", "Erik Langt Forløb", 140)
    sk.add(k, session(start.isoformat()))
    sk.add(k, session(ago(2)))
    is_task(t, sk.tasks(k, "course_length"), last.isoformat(), "overdue",
            "Forløbet har passeret 4 måneder", SKIVE_SCOPE,
            "course_length: due the last day of the 4 months")
    k2 = sk.new("0303403334", "Fie Kort Forløb", 20)
    sk.add(k2, session(ago(15)))
    t.ok(sk.tasks(k2, "course_length") == [], "a course within its 4 months is not listed",
         sk.tasks(k2))
    sk.add(k, status(start.isoformat(), "start"))
    sk.add(k, {"type": "closed", "date": ago(1), "reason": "goal_reached"}, "the long course closes")
    t.ok([i.get("id") for i in sk.tasks(k)] == ["end_status"],
         "a closed course is past no length (only its end status is left)", sk.tasks(k))


def admission_tests(t, sk):
    """Skive: an admission during the course puts it up for review."""
    k = sk.new("0404404444", "Gerda Indlagt", 30)
    sk.add(k, session(ago(20)))
    sk.add(k, {"type": "admitted", "date": ago(9)}, "an admission during the course")
    is_task(t, sk.tasks(k, "attendance_review"), ago(9), "overdue",
            "Forløbet skal vurderes (indlæggelse)", SKIVE_QUALITY,
            "attendance_review: due the day of the admission")


def complaint_tests(t, sk, al, nyborg):
    """The complaint window is the citizen's; other cities' tasks stay there."""
    k = sk.new("0505401555", "Hans Klagefrist", 60, granted=False)
    case = sk.case(k)
    window = [d for d in case.get("evaluation", {}).get("deadlines", [])
              if d.get("id") == "complaint_window"]
    t.ok(len(window) == 1 and window[0].get("status") == "overdue"
         and window[0].get("owner") == "citizen",
         "the case shows the complaint window overdue, as the citizen's", window)
    for who, c in (("Skive", sk), ("Aalborg", al), ("Nyborg", nyborg)):
        t.ok(not any(i.get("id") == "complaint_window" for i in c.worklist()),
             f"the complaint window is never on {who}'s worklist")
    skive_cases = {i.get("case") for i in sk.worklist()}
    theirs = {i.get("case") for i in al.worklist()} | {i.get("case") for i in nyborg.worklist()}
    t.ok(skive_cases and not (skive_cases & theirs),
         "Skive's tasks are on no other municipality's worklist", skive_cases, theirs)


def other_standards_tests(t, al, nyborg):
    """Nyborg requires an end status; Aalborg does not."""
    k = nyborg.new("0606401666", "Ida Nyborg", 30)
    nyborg.add(k, session(ago(20)))
    nyborg.add(k, {"type": "closed", "date": ago(4), "reason": "goal_reached"})
    is_task(t, nyborg.tasks(k), ago(4), "overdue", "Slutstatus mangler", "Nyborg, Kvalitetsmål",
            "end_status in Nyborg, with its source")
    k = al.new("0707401777", "Jens Aalborg", 30)
    al.add(k, session(ago(20)))
    al.add(k, {"type": "closed", "date": ago(4), "reason": "goal_reached"})
    t.ok(al.tasks(k) == [], "Aalborg's standard requires no end status: no task", al.tasks(k))
    doc = al.case(k).get("evaluation", {}).get("documentation")
    t.ok(doc == {"end_status": None}, "Aalborg's evaluation has no end status rule", doc)


def refresh_tests(t, srv, sk):
    """An older genop's projections: other fingerprint, no task rows."""
    shown = sorted((i.get("case"), i.get("id")) for i in sk.worklist())
    srv.stop()
    db = sqlite3.connect(srv.db)
    before = db.execute("SELECT count(*) FROM open_deadlines WHERE kind = 'task'").fetchone()[0]
    db.execute("DELETE FROM open_deadlines WHERE kind = 'task'")
    db.execute("UPDATE projection_rules SET fingerprint = '1-en-tidligere-genop'")
    db.commit()
    db.close()
    srv.start()
    sk = Cases(t, srv, "vis.skive")
    db = sqlite3.connect(srv.db)
    after = db.execute("SELECT count(*) FROM open_deadlines WHERE kind = 'task'").fetchone()[0]
    db.close()
    t.ok(before > 0 and after == before,
         "serve computes the tasks again for projections of older rules", before, after)
    again = sorted((i.get("case"), i.get("id")) for i in sk.worklist())
    t.ok(again == shown and any(i == "end_status" for _, i in again),
         "and the worklist shows them as before", shown, again)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        for muni in ("skive", "aalborg", "nyborg"):
            srv.add_user(muni, "visitator", f"vis.{muni}")
        srv.start()
        sk = Cases(t, srv, "vis.skive")
        al = Cases(t, srv, "vis.aalborg")
        nyborg = Cases(t, srv, "vis.nyborg")
        k = attendance_tests(t, sk)
        end_status_tests(t, sk, k)
        limit_tests(t, sk)
        course_length_tests(t, sk)
        admission_tests(t, sk)
        other_standards_tests(t, al, nyborg)
        complaint_tests(t, sk, al, nyborg)
        refresh_tests(t, srv, sk)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "worklist task tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
