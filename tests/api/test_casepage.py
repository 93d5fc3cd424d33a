#!/usr/bin/env python3
"""What the case page needs of the API (issue 12, item 5), over HTTP
against a real `genop serve`:
- a case read carries its `status` (the case list's stage: referred,
  granted, training, refused, complaint, closed), so the page offers what
  can happen next;
- GET /api/v1/session lists the event types the user's role may register
  (`event_types`), so the therapist's correction form offers only those;
- a therapist's 403 for a visitator's event type says in Danish words
  what they cannot register and who does, never the API's type code;
- a dry run (`POST /api/v1/cases/{id}/events?dry_run=true`) judges the
  event as a registration would and stores nothing: 200 with the limits
  the event would take the case past (Skive: a third session in a week,
  over 90 minutes in a week; a session after the 4 months), each with its
  label and source; none when it stays within; the same 422 and 403 as a
  registration; 404 for another municipality's case; a bad `dry_run` is
  400; the dry run is in the citizen's access log as `event.preview`.
Prints TAP.

    tests/api/test_casepage.py PATH/TO/genop
"""

import datetime
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, REASONS, Client, Server, Tap  # noqa: E402

PW = "korrekt-hest-batteri"
SKIVE_SCOPE = "Skive, Ydelsens omfang"


def ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def monday(weeks_back):
    """The Monday of the ISO week weeks_back weeks ago."""
    d = datetime.date.today() - datetime.timedelta(days=7 * weeks_back)
    return d - datetime.timedelta(days=d.weekday())


def session(date, outcome="attended", minutes=45):
    return {"type": "session", "date": date, "outcome": outcome, "minutes": minutes}


def login(t, srv, user):
    c = Client(srv.port)
    r = c.login(user, PW)
    t.ok(r.status == 200, f"{user} logs in", r)
    return c


def new_case(c, cpr, days_ago, granted=None):
    r = c.request("POST", "/api/v1/cases", {
        "citizen": {"cpr": cpr, "name": "Karen Casepage"},
        "referral": {"date": ago(days_ago), "paragraph": "86.1", "source": "egen læge",
                     "condition": "hofte", "consent": True}})
    cid = r.json["id"]
    if granted is not None:
        body = {"type": "decision", "date": ago(days_ago - 1), "granted": granted}
        if granted:
            body["grant"] = GRANT
        else:
            body["reasons"] = REASONS
            body["text"] = "Borgeren kan træne selv."
        c.request("POST", f"/api/v1/cases/{cid}/events", body)
    return cid


def stage_tests(t, vis):
    """The case read's status follows the case through its stages."""
    cid = new_case(vis, "0101501234", 40)
    ev = f"/api/v1/cases/{cid}/events"
    seen = [vis.request("GET", f"/api/v1/cases/{cid}").json.get("status")]
    vis.request("POST", ev, {"type": "decision", "date": ago(39), "granted": True, "grant": GRANT})
    seen.append(vis.request("GET", f"/api/v1/cases/{cid}").json.get("status"))
    vis.request("POST", ev, session(ago(30)))
    seen.append(vis.request("GET", f"/api/v1/cases/{cid}").json.get("status"))
    vis.request("POST", ev, {"type": "closed", "date": ago(20), "reason": "goal_reached"})
    seen.append(vis.request("GET", f"/api/v1/cases/{cid}").json.get("status"))
    t.ok(seen == ["referred", "granted", "training", "closed"],
         "a case read's status: referred, granted, training, closed", seen)
    ref = new_case(vis, "0201501234", 30, granted=False)
    a = vis.request("GET", f"/api/v1/cases/{ref}").json.get("status")
    vis.request("POST", f"/api/v1/cases/{ref}/events", {"type": "complaint_received", "date": ago(5)})
    b = vis.request("GET", f"/api/v1/cases/{ref}").json.get("status")
    listed = [i for i in vis.request("GET", "/api/v1/cases?limit=500").json["items"] if i["id"] == ref]
    t.ok(a == "refused" and b == "complaint" and listed and listed[0]["status"] == b,
         "a refusal reads refused, a complaint of it complaint, as the case list says", a, b, listed)


def role_tests(t, vis, ter, cid):
    """event_types per role, and the therapist's 403 in words."""
    sv = vis.request("GET", "/api/v1/session").json
    st = ter.request("GET", "/api/v1/session").json
    t.ok("decision" in sv.get("event_types", []) and "hospital_plan" in sv["event_types"] and
         "previous_course" in sv["event_types"] and "correction" in sv["event_types"],
         "a visitator's session lists every type, the hospital plan and previous course too", sv)
    t.ok(sorted(st.get("event_types", [])) == sorted(
        ["contacted", "assessment", "session", "closed", "function_status", "admitted",
         "assigned", "note", "correction"]),
         "a terapeut's session lists the training unit's types only", st)
    r = ter.request("POST", f"/api/v1/cases/{cid}/events",
                    {"type": "decision", "date": ago(1), "granted": True, "grant": GRANT})
    detail = (r.json or {}).get("detail", "")
    t.ok(r.status == 403 and "terapeut" in detail and "afgørelse" in detail and
         "decision" not in detail and "visitator" in detail,
         "a terapeut's 403 for a decision says so in Danish words, without the code", r)
    events = vis.request("GET", f"/api/v1/cases/{cid}").json["events"]
    decision = [e for e in events if e["type"] == "decision"][0]
    r = ter.request("POST", f"/api/v1/cases/{cid}/events",
                    {"type": "correction", "date": ago(0), "corrects": decision["id"],
                     "event": None, "reason": "fejl"})
    detail = (r.json or {}).get("detail", "")
    t.ok(r.status == 403 and "afgørelse" in detail and "decision" not in detail,
         "a terapeut's correction of a decision: 403 in Danish words", r)


def count_events(vis, cid):
    return len(vis.request("GET", f"/api/v1/cases/{cid}").json["events"])


def dry_run_tests(t, srv, vis, ter, other):
    mon = monday(2)
    cid = new_case(vis, "0301501234", 30, granted=True)
    ev = f"/api/v1/cases/{cid}/events"
    for i in range(2):
        r = vis.request("POST", ev, session((mon + datetime.timedelta(days=i)).isoformat()))
        t.ok(r.status == 201, f"session {i + 1} of the week is registered", r)
    before = count_events(vis, cid)
    third = session((mon + datetime.timedelta(days=2)).isoformat())
    r = vis.request("POST", ev + "?dry_run=true", third)
    ids = [x["id"] for x in (r.json or {}).get("exceeds", [])]
    t.ok(r.status == 200 and r.json.get("dry_run") is True and r.json.get("case") == cid and
         ids == ["sessions_per_week", "minutes_per_week"],
         "a dry run of a third session in a week: 200, both weekly limits it would exceed", r)
    first = (r.json or {}).get("exceeds", [{}])[0]
    t.ok(first.get("used") == 3 and first.get("max") == 2 and first.get("status") == "exceeded" and
         first.get("source") == SKIVE_SCOPE and first.get("label") and
         first.get("period", "").endswith(f"W{mon.isocalendar()[1]:02d}"),
         "each with its count, its max, its week, label and source", first)
    t.ok(count_events(vis, cid) == before, "the dry run stored nothing", count_events(vis, cid))
    r = ter.request("POST", ev + "?dry_run=true", third)
    t.ok(r.status == 200 and len(r.json["exceeds"]) == 2, "a terapeut's dry run too", r)
    r = vis.request("POST", ev + "?dry_run=true",
                    session((mon + datetime.timedelta(days=7)).isoformat()))
    t.ok(r.status == 200 and r.json["exceeds"] == [],
         "a session in the next week exceeds nothing: an empty list", r)
    r = vis.request("POST", ev + "?dry_run=false", third)
    t.ok(r.status == 201 and count_events(vis, cid) == before + 1,
         "dry_run=false registers as without it", r)
    r = vis.request("POST", ev + "?dry_run=true", session((mon + datetime.timedelta(days=3)).isoformat()))
    t.ok(r.status == 200 and [x["id"] for x in r.json["exceeds"]] == ["sessions_per_week", "minutes_per_week"]
         and r.json["exceeds"][0]["used"] == 4,
         "a fourth session in a week already over: exceeded again, 4 of 2", r)
    refusal_tests(t, vis, ter, other, cid, ev)
    course_length_test(t, vis)
    return cid


def refusal_tests(t, vis, ter, other, cid, ev):
    r = vis.request("POST", ev + "?dry_run=true", session(ago(-5)))
    t.ok(r.status == 422 and r.json.get("field") == "$.date",
         "a dry run of a session in the future: 422 naming $.date, as a registration", r)
    r = vis.request("POST", ev + "?dry_run=true", {"type": "session", "date": ago(1)})
    t.ok(r.status == 422, "a malformed session: 422", r)
    r = ter.request("POST", ev + "?dry_run=true", {"type": "decision", "date": ago(1), "granted": True, "grant": GRANT})
    t.ok(r.status == 403, "a dry run of a type the role may not register: 403", r)
    r = other.request("POST", ev + "?dry_run=true", session(ago(1)))
    t.ok(r.status == 404, "another municipality's case: 404", r)
    r = vis.request("POST", ev + "?dry_run=ja", session(ago(1)))
    t.ok(r.status == 400, "dry_run neither true nor false: 400", r)
    fresh = new_case(vis, "0401501234", 10)
    r = vis.request("POST", f"/api/v1/cases/{fresh}/events?dry_run=true", session(ago(1)))
    t.ok(r.status == 422 and count_events(vis, fresh) == 1,
         "a session before any grant: 422, as a registration", r)


def course_length_test(t, vis):
    """Skive's 4 months: a session after the last day exceeds the course length."""
    cid = new_case(vis, "0501501234", 200, granted=True)
    ev = f"/api/v1/cases/{cid}/events"
    vis.request("POST", ev, session(ago(190)))
    r = vis.request("POST", ev + "?dry_run=true", session(ago(2)))
    ids = [x["id"] for x in (r.json or {}).get("exceeds", [])]
    cl = [x for x in (r.json or {}).get("exceeds", []) if x["id"] == "course_length"]
    t.ok(r.status == 200 and "course_length" in ids and cl and cl[0].get("last_day") and
         cl[0]["last_day"] < ago(2),
         "a session after the course's last allowed day: course_length, with its last day", r)
    r = vis.request("POST", ev + "?dry_run=true", session(ago(185)))
    t.ok(r.status == 200 and r.json["exceeds"] == [],
         "a session within the 4 months exceeds nothing", r)


def access_log_test(t, srv, leder, vis, cid):
    citizen = vis.request("GET", f"/api/v1/cases/{cid}").json["citizen"]["id"]
    srv.reads_imported()
    r = leder.request("GET", f"/api/v1/citizens/{citizen}/access-log")
    actions = [i["action"] for i in (r.json or {}).get("items", [])]
    t.ok(r.status == 200 and "event.preview" in actions,
         "the dry run is in the citizen's access log as event.preview", actions)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_user("skive", "visitator", "vis.skive")
        srv.add_user("skive", "terapeut", "ter.skive")
        srv.add_user("skive", "leder", "leder.skive")
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.start()
        vis = login(t, srv, "vis.skive")
        ter = login(t, srv, "ter.skive")
        leder = login(t, srv, "leder.skive")
        other = login(t, srv, "vis.aalborg")
        stage_tests(t, vis)
        cid = dry_run_tests(t, srv, vis, ter, other)
        role_tests(t, vis, ter, cid)
        access_log_test(t, srv, leder, vis, cid)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "case page API tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
