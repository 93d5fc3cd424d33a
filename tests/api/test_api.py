#!/usr/bin/env python3
"""API tests: start the real `genop serve` on a loopback port with a fresh
database and drive every route of shared/spec/api.md over HTTP: logins and
sessions, cases, events (and each kind of event that cannot have happened),
the worklist, roles, tenant isolation, the access log, and every error
status, and FSIII function statuses (GET /api/v1/fsiii, function_status
events and the field each refusal names). Prints TAP.

    tests/api/test_api.py PATH/TO/genop
"""

import datetime
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap  # noqa: E402

PROBLEM = "application/problem+json"


def days_ago(n):
    # The server's "today" is Danish; two days' margin keeps tests off midnight.
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]


def da_date(iso):
    """'2026-12-05' as a Danish message writes it: '5. december 2026'."""
    d = datetime.date.fromisoformat(iso)
    return f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}"


def is_problem(t, r, status, name):
    body = r.json or {}
    return t.ok(r.status == status and r.headers.get("content-type", "").startswith(PROBLEM)
                and all(k in body for k in ("type", "title", "status", "detail"))
                and body.get("status") == status,
                name, r)


def referral(cpr, name, date, paragraph="86.1", condition="hofte"):
    return {"citizen": {"cpr": cpr, "name": name, "address": "Boulevarden 13, 9000 Aalborg",
                        "phone": "99825000"},
            "referral": {"date": date, "paragraph": paragraph, "source": "egen læge",
                         "condition": condition, "text": "Faldet i hjemmet.", "consent": True}}


def evaluate_with_cli(genop, standard, as_of, events):
    """The evaluation `genop evaluate` prints for the same events."""
    case = {"events": events}
    r = subprocess.run([genop, "evaluate", "--standard", standard, "--as-of", as_of, "-"],
                       input=json.dumps(case), capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else {"cli_error": r.stderr}


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        pw = srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.add_user("aalborg", "terapeut", "ter.aalborg")
        srv.add_user("aalborg", "leder", "led.aalborg")
        srv.add_user("aalborg", "admin", "adm.aalborg")
        srv.add_user("skive", "visitator", "vis.skive")
        r = subprocess.run([genop, "user", "add", "--db", srv.db, "--municipality", "aalborg",
                            "--role", "visitator", "kort"], input="kort\n",
                           capture_output=True, text=True)
        t.ok(r.returncode != 0 and "12" in r.stderr, "user add refuses a password under 12 characters", r.stderr)
        r = subprocess.run([genop, "user", "add", "--db", srv.db, "--municipality", "odense",
                            "--role", "visitator", "x.odense"], input=pw + "\n",
                           capture_output=True, text=True)
        t.ok(r.returncode != 0, "user add refuses an unknown municipality", r.stderr)
        srv.start()
        t.ok(True, "serve answers on its port within 5 seconds")
        run_session_tests(t, srv, pw)
        case_id, citizen_id = run_case_tests(t, srv, pw, genop)
        run_event_tests(t, srv, pw, case_id, genop)
        run_kept_answer_tests(t, srv, pw, case_id)
        run_fsiii_tests(t, srv, pw, genop)
        run_isolation_and_role_tests(t, srv, pw, case_id, citizen_id)
        run_access_log_tests(t, srv, pw, case_id, citizen_id)
        run_error_tests(t, srv, pw)
        run_token_tests(t, srv, pw, genop)
        run_residency_tests(t, srv, pw)
        run_admission_tests(t, srv, pw, genop)
        run_standard_tests(t, srv, pw, genop)
        run_closure_reason_tests(t, srv, pw)
        run_revision_tests(t, srv, pw)
        run_minutes_limit_tests(t, srv, pw)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly on SIGTERM", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "API test run", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


def run_residency_tests(t, srv, pw):
    """The citizen's municipality decides Skive's residency rule."""
    c = logged_in(srv, "vis.skive", pw)
    home = referral("020304-1234", "Bo i Skive", days_ago(10))
    r = c.request("POST", "/api/v1/cases", home)
    case = c.request("GET", f"/api/v1/cases/{r.json['id']}").json
    elig = case["evaluation"]["eligibility"]
    t.ok(case["citizen"]["municipality_code"] == 779 and elig["eligible"]
         and not any(f["id"] == "residency" for f in elig["findings"]),
         "a citizen without a municipality code lives in the case's municipality (Skive, 779)", case["citizen"], elig)
    away = referral("030405-1234", "Bor i København", days_ago(10))
    away["citizen"]["municipality_code"] = 101
    r = c.request("POST", "/api/v1/cases", away)
    case = c.request("GET", f"/api/v1/cases/{r.json['id']}").json
    elig = case["evaluation"]["eligibility"]
    found = [f for f in elig["findings"] if f["id"] == "residency"]
    t.ok(r.status == 201 and case["citizen"]["municipality_code"] == 101 and not elig["eligible"]
         and case["citizen"].get("municipality_name") == "Københavns Kommune"
         and len(found) == 1 and found[0]["source"]
         and found[0]["detail"] == "Borgeren bor i Københavns Kommune (kommunekode 101), ikke i Skive Kommune (779).",
         "a citizen living in municipality 101 is not eligible in Skive: a residency finding naming both, with its source",
         elig)
    r = c.request("GET", "/api/v1/municipalities")
    items = (r.json or {}).get("items", [])
    t.ok(r.status == 200 and len(items) == 98 and len({m["code"] for m in items}) == 98
         and {"code": 791, "name": "Viborg", "full_name": "Viborg Kommune"} in items
         and [m["code"] for m in items] == sorted(m["code"] for m in items)
         and "DAGI" in (r.json or {}).get("source", ""),
         "GET /api/v1/municipalities: the 98 municipalities by code, with their source", r)
    r = Client(srv.port).request("GET", "/api/v1/municipalities")
    t.ok(r.status == 401, "the municipalities need a login", r)
    for code in (411, 102, 452):
        bad = referral("040506-1234", "X", days_ago(10))
        bad["citizen"]["municipality_code"] = code
        r = c.request("POST", "/api/v1/cases", bad)
        detail = (r.json or {}).get("detail", "")
        is_problem(t, r, 422, f"{code}, three digits but no municipality's code, is 422")
        t.ok((r.json or {}).get("field") == "$.citizen.municipality_code"
             and f"ingen kommune har kommunekode {code}" in detail and "tre cifre" in detail,
             f"the problem for {code} names the field and the valid form in Danish", r.json)
    for code, why in ((999, "not a municipality code"), (0, "zero"), ("779", "a string")):
        bad = referral("040506-1234", "X", days_ago(10))
        bad["citizen"]["municipality_code"] = code
        r = c.request("POST", "/api/v1/cases", bad)
        is_problem(t, r, 422, f"a municipality code that is {why} is 422")
        t.ok((r.json or {}).get("field") == "$.citizen.municipality_code" or
             "municipality_code" in (r.json or {}).get("detail", ""),
             f"the problem for {why} names the field", r)


def run_admission_tests(t, srv, pw, genop):
    """A hospital admission (genop's own `admitted` event): after a session
    it puts a Skive course up for review, citing Skive's text; Aalborg
    counts it and keeps the status; what cannot have happened is 422."""
    c = logged_in(srv, "vis.skive", pw)
    r = c.request("POST", "/api/v1/cases", referral("050607-1234", "Indlagt i Skive", days_ago(30)))
    case_id = (r.json or {}).get("id")
    path = f"/api/v1/cases/{case_id}/events"
    events = [{"type": "decision", "date": days_ago(28), "granted": True, "grant": GRANT},
              {"type": "session", "date": days_ago(25), "minutes": 45, "outcome": "attended"}]
    for ev in events:
        c.request("POST", path, ev)
    att = c.request("GET", f"/api/v1/cases/{case_id}").json["evaluation"]["attendance"]
    t.ok(att.get("status") == "ok" and att.get("admissions") == 0 and att.get("last_admission") is None
         and att.get("admission_source") == "Skive, Kommunens kvalitetsmål og leverancesikkerhed",
         "a Skive course without admissions: status ok, admissions 0, the rule's source", att)
    admitted = {"type": "admitted", "date": days_ago(20), "text": "Indlagt med lungebetændelse."}
    r = c.request("POST", path, admitted)
    t.ok(r.status == 201, "append admitted: 201", r)
    body = c.request("GET", f"/api/v1/cases/{case_id}").json
    att = body["evaluation"]["attendance"]
    t.ok(att.get("status") == "review" and att.get("admissions") == 1
         and att.get("last_admission") == days_ago(20) and att.get("no_shows") == 0
         and att.get("admission_source") == "Skive, Kommunens kvalitetsmål og leverancesikkerhed"
         and att.get("admission_detail") == f"Borgeren blev indlagt den {da_date(days_ago(20))} under forløbet; "
                                            "forløbet skal revurderes.",
         "an admission after a session: Skive's course is up for review, with the source and why", att)
    stored = [e for e in body["events"] if e.get("type") == "admitted"]
    t.ok(len(stored) == 1 and stored[0].get("text") == "Indlagt med lungebetændelse."
         and stored[0].get("author") == "vis.skive", "the admission is kept with its note", stored)
    want = evaluate_with_cli(genop, "skive", body["evaluation"]["as_of"], [
        {"type": "referral_received", "date": days_ago(30), "paragraph": "86.1"}] + events
        + [{"type": "admitted", "date": days_ago(20)}])
    t.ok(want.get("attendance") == att, "genop evaluate gives the same attendance", want, att)
    refused_at(t, c.request("POST", path, {"type": "admitted", "date": days_ago(31)}), "$.date",
               "før henvendelsen", "an admission before the referral")
    refused_at(t, c.request("POST", path, {"type": "admitted", "date": days_ago(20)}), "$.date",
               "allerede registreret som indlagt", "a second admission on the same day")
    refused_at(t, c.request("POST", path, {"type": "admitted", "date": days_ago(-3)}), "$.date",
               "fremtiden", "an admission in the future")
    refused_at(t, c.request("POST", path, {"type": "admitted"}), "$.date", "mangler",
               "an admission without a date")
    c.request("POST", path, {"type": "closed", "date": days_ago(10), "reason": "other"})
    refused_at(t, c.request("POST", path, {"type": "admitted", "date": days_ago(8)}), "$.date",
               "en senere indlæggelse hører ikke til forløbet", "an admission after the closure")
    r = c.request("POST", path, {"type": "admitted", "date": days_ago(10)})
    t.ok(r.status == 201, "an admission on the closure's own day: 201", r)
    # Aalborg has no admission rule; a terapeut registers the admission.
    v = logged_in(srv, "vis.aalborg", pw)
    r = v.request("POST", "/api/v1/cases", referral("060708-1234", "Indlagt i Aalborg", days_ago(30)))
    path = f"/api/v1/cases/{(r.json or {}).get('id')}/events"
    for ev in events:
        v.request("POST", path, ev)
    r = logged_in(srv, "ter.aalborg", pw).request("POST", path, admitted)
    t.ok(r.status == 201, "a terapeut may register an admission", r)
    r = logged_in(srv, "led.aalborg", pw).request("POST", path, dict(admitted, date=days_ago(19)))
    t.ok(r.status == 403, "a leder may not", r)
    att = v.request("GET", path.removesuffix("/events")).json["evaluation"]["attendance"]
    t.ok(att.get("status") == "ok" and att.get("admissions") == 1 and att.get("admission_source") is None
         and att.get("admission_detail") is None,
         "Aalborg counts the admission and keeps the status: its text has no such rule", att)


def run_session_tests(t, srv, pw):
    c = Client(srv.port)
    r = c.login("vis.aalborg", "forkert-adgangskode")
    is_problem(t, r, 401, "wrong password is 401 problem+json")
    r = c.login("ingen.bruger", "forkert-adgangskode")
    is_problem(t, r, 401, "unknown user is the same 401")
    r = c.request("GET", "/api/v1/cases")
    is_problem(t, r, 401, "no session: 401")
    r = c.login("vis.aalborg", pw)
    cookie = r.headers.get("set-cookie", "")
    t.ok(r.status == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
         and "Secure" not in cookie, "login: 200 and an HttpOnly, SameSite=Strict cookie", r, cookie)
    r = c.request("GET", "/api/v1/session")
    t.ok(r.status == 200 and "vis.aalborg" in json.dumps(r.json) and "visitator" in json.dumps(r.json),
         "GET session says who is logged in", r)
    r = c.request("DELETE", "/api/v1/session")
    t.ok(r.status == 204, "logout: 204", r)
    r = c.request("GET", "/api/v1/session")
    t.ok(r.status == 401, "the cookie no longer works after logout", r)
    # Lockout after 5 failures in a row.
    srv.add_user("aalborg", "visitator", "laas.aalborg")
    lc = Client(srv.port)
    for _ in range(5):
        lc.login("laas.aalborg", "forkert-adgangskode")
    r = lc.login("laas.aalborg", pw)
    t.ok(r.status == 401, "5 failed logins in a row lock the account", r)
    # Let the lock run out (move it into the past), then one more mistake
    # must not lock the account again: the streak starts over.
    db = sqlite3.connect(srv.db)
    db.execute("UPDATE users SET locked_until = 1 WHERE username = 'laas.aalborg'")
    db.commit()
    db.close()
    lc.login("laas.aalborg", "forkert-adgangskode")
    r = lc.login("laas.aalborg", pw)
    t.ok(r.status == 200, "after the lock runs out, one more mistake does not lock again", r)


def logged_in(srv, user, pw):
    c = Client(srv.port)
    r = c.login(user, pw)
    if r.status != 200:
        raise RuntimeError(f"login {user}: {r}")
    return c


def run_case_tests(t, srv, pw, genop):
    c = logged_in(srv, "vis.aalborg", pw)
    date = days_ago(30)
    r = c.request("POST", "/api/v1/cases", referral("010203-1234", "Inger <b>Hansen</b>", date))
    t.ok(r.status == 201 and isinstance(r.json.get("id"), int), "POST cases: 201 with id", r)
    case_id = r.json["id"]
    r2 = c.request("POST", "/api/v1/cases", referral("0102031234", "Inger <b>Hansen</b>", days_ago(20),
                                                       paragraph="86.2", condition="ryg"))
    t.ok(r2.status == 201, "a second case for the same citizen", r2)
    r = c.request("GET", f"/api/v1/cases/{case_id}")
    body = r.json or {}
    citizen = body.get("citizen", {})
    t.ok(r.status == 200 and all(k in body for k in ("id", "citizen", "events", "evaluation"))
         and isinstance(citizen.get("id"), int), "GET case: id, citizen with id, events, evaluation", r)
    citizen_id = citizen.get("id")
    r3 = c.request("GET", f"/api/v1/cases/{r2.json['id']}")
    t.ok(r3.json and r3.json["citizen"]["id"] == citizen_id,
         "the same CPR (with or without hyphen) finds the same citizen", r3)
    t.ok(citizen.get("name") == "Inger <b>Hansen</b>", "a name comes back exactly, as data", citizen)
    t.ok(citizen.get("birth_date") == "1903-02-01", "the birth date comes from the CPR number", citizen)
    events = body.get("events", [])
    t.ok(len(events) == 1 and events[0].get("type") == "referral_received"
         and events[0].get("date") == date and events[0].get("paragraph") == "86.1",
         "the referral became the referral_received event", events)
    ev = body.get("evaluation", {})
    want = evaluate_with_cli(genop, "aalborg", ev.get("as_of", ""),
                             [{"type": "referral_received", "date": date, "paragraph": "86.1",
                               "condition": "hofte"}])
    t.ok(ev.get("standard") == "aalborg" and ev.get("deadlines") == want.get("deadlines")
         and ev.get("limits") == want.get("limits"),
         "the evaluation is the object genop evaluate prints", ev, want)
    r = c.request("GET", f"/api/v1/cases/{case_id}?as_of={date}")
    t.ok(r.status == 200 and r.json["evaluation"]["as_of"] == date, "?as_of= sets the evaluation date", r)
    r = c.request("GET", f"/api/v1/cases/{case_id}?as_of=2025-02-30")
    t.ok(r.status == 400, "a malformed as_of is 400", r)
    r = c.request("GET", "/api/v1/cases")
    ids = [i.get("id") for i in (r.json or {}).get("items", [])]
    t.ok(r.status == 200 and case_id in ids and r2.json["id"] in ids, "GET cases lists the cases", r)
    r = c.request("GET", "/api/v1/cases?paragraph=86.2")
    ids = [i.get("id") for i in (r.json or {}).get("items", [])]
    t.ok(r.status == 200 and ids == [r2.json["id"]], "filter by paragraph", r)
    r = c.request("GET", "/api/v1/cases?closed=true")
    t.ok(r.status == 200 and r.json.get("items") == [], "filter closed=true (none yet)", r)
    r = c.request("GET", "/api/v1/cases?limit=1&offset=0")
    t.ok(r.status == 200 and len(r.json.get("items", [])) == 1 and r.json.get("total") == 2,
         "paging with limit and the total", r)
    r = c.request("GET", f"/api/v1/cases?due_before={days_ago(-365)}")
    t.ok(r.status == 200 and len(r.json.get("items", [])) == 2, "filter by next deadline before a date", r)
    # Bad referrals.
    bad = referral("010203-1234", "X", date)
    bad["citizen"]["cpr"] = "311303-1234"
    r = c.request("POST", "/api/v1/cases", bad)
    is_problem(t, r, 422, "an impossible CPR number is 422")
    t.ok("311303" not in json.dumps(r.json), "the problem does not repeat the CPR number", r)
    bad = referral("010203-1234", "X", date)
    del bad["citizen"]["name"]
    r = c.request("POST", "/api/v1/cases", bad)
    is_problem(t, r, 422, "a referral without the citizen's name is 422")
    bad = referral("010203-1234", "X", date, paragraph="86.3")
    r = c.request("POST", "/api/v1/cases", bad)
    is_problem(t, r, 422, "paragraph 86.3 is 422")
    bad = referral("010203-1234", "X", "2025-02-29")
    r = c.request("POST", "/api/v1/cases", bad)
    is_problem(t, r, 422, "an impossible referral date is 422")
    return case_id, citizen_id


def run_event_tests(t, srv, pw, case_id, genop):
    c = logged_in(srv, "vis.aalborg", pw)
    path = f"/api/v1/cases/{case_id}/events"
    ref = days_ago(30)

    def post(ev):
        return c.request("POST", path, ev)

    ids = {}
    r = post({"type": "contacted", "date": days_ago(29)})
    t.ok(r.status == 201 and isinstance((r.json or {}).get("id"), int), "append contacted: 201", r)
    contacted_id = (r.json or {}).get("id")
    is_problem(t, post({"type": "contacted", "date": days_ago(31)}), 422,
               "an event dated before the referral is 422")
    is_problem(t, post({"type": "session", "date": days_ago(25), "minutes": 45, "outcome": "attended"}),
               422, "a training session before a granted decision is 422")
    is_problem(t, post({"type": "referral_received", "date": days_ago(25), "paragraph": "86.1"}),
               422, "a second referral is 422")
    is_problem(t, post({"type": "telepathy", "date": days_ago(25)}), 422, "an unknown type is 422")
    is_problem(t, post({"type": "decision", "date": days_ago(25)}), 422, "a missing field is 422")
    is_problem(t, post({"type": "contacted", "date": days_ago(-10)}), 422, "an event in the future is 422")
    for ev in ({"type": "assessment", "date": days_ago(28)},
               {"type": "decision", "date": days_ago(27), "granted": True, "grant": GRANT},
               {"type": "session", "date": days_ago(20), "minutes": 45, "outcome": "attended"},
               {"type": "note", "date": days_ago(20), "text": "Godt i gang."}):
        r = post(ev)
        t.ok(r.status == 201, f"append {ev['type']}: 201", r)
        ids[ev["type"]] = (r.json or {}).get("id")
    # A correction: the contact really happened a day later.
    r = post({"type": "correction", "date": days_ago(19), "corrects": contacted_id,
              "event": {"type": "contacted", "date": days_ago(28)}, "reason": "forkert dato"})
    t.ok(r.status == 201, "append a correction: 201", r)
    r = c.request("GET", f"/api/v1/cases/{case_id}")
    body = r.json or {}
    contact = [d for d in body.get("evaluation", {}).get("deadlines", []) if d.get("id") == "contact"]
    types = [e.get("type") for e in body.get("events", [])]
    t.ok(types.count("contacted") == 1 and "correction" in types and "note" in types,
         "the events list keeps the original, the correction and the note", types)
    decision = [d for d in body.get("evaluation", {}).get("deadlines", []) if d.get("id") == "decision"]
    # Aalborg's decision counts from the referral (evaluate.md section 4).
    t.ok(decision and decision[0].get("from") == ref and decision[0].get("done") == days_ago(27),
         "the evaluation reads the events", decision)
    want = evaluate_with_cli(genop, "aalborg", body.get("evaluation", {}).get("as_of", ""), [
        {"type": "referral_received", "date": ref, "paragraph": "86.1", "condition": "hofte"},
        {"type": "contacted", "date": days_ago(28)},
        {"type": "assessment", "date": days_ago(28)},
        {"type": "decision", "date": days_ago(27), "granted": True, "grant": GRANT},
        {"type": "session", "date": days_ago(20), "minutes": 45, "outcome": "attended"}])
    t.ok(body.get("evaluation", {}).get("deadlines") == want.get("deadlines"),
         "the evaluation uses the corrected view", body.get("evaluation"), want, contact)
    # A correction may not leave later events that could no longer have
    # happened: the session needs its granted decision on or before it.
    for fix, why in (({"event": None}, "withdrawing the grant"),
                     ({"event": {"type": "decision", "date": days_ago(27), "granted": False,
                                "reasons": [{"criterion": "other", "text": "Ikke behov."}]}},
                      "turning the grant into a refusal"),
                     ({"event": {"type": "decision", "date": days_ago(15), "granted": True, "grant": GRANT}},
                      "moving the grant after the session")):
        r = post(dict({"type": "correction", "date": days_ago(19), "corrects": ids["decision"],
                       "reason": "fejl"}, **fix))
        t.ok(r.status == 422 and (r.json or {}).get("field") == "$.event"
             and "session" in (r.json or {}).get("detail", ""),
             f"a correction {why} while a session follows it is 422, naming the session", r)
    r = post({"type": "correction", "date": days_ago(19), "corrects": ids["session"], "reason": "50 min",
              "event": {"type": "session", "date": days_ago(20), "minutes": 50, "outcome": "attended"}})
    t.ok(r.status == 201, "a correction that leaves every event possible is 201", r)
    r = post({"type": "closed", "date": days_ago(10), "reason": "goal_reached"})
    t.ok(r.status == 201, "append closed: 201", r)
    is_problem(t, post({"type": "session", "date": days_ago(5), "minutes": 45, "outcome": "attended"}),
               422, "a session on a closed course is 422")
    r = c.request("GET", "/api/v1/cases?closed=true")
    t.ok(r.status == 200 and [i["id"] for i in r.json.get("items", [])] == [case_id],
         "the closed case is listed as closed", r)
    # Worklist: the other (open, 86.2) case has its start deadline open.
    r = c.request("GET", "/api/v1/worklist")
    items = (r.json or {}).get("items", [])
    dues = [i.get("due") for i in items]
    t.ok(r.status == 200 and items and all(k in items[0] for k in ("case", "id", "due", "status"))
         and dues == sorted(dues), "worklist: open deadlines, soonest due first", r)
    t.ok(all(i.get("case") != case_id for i in items), "a closed case has no open deadlines", items)
    t.ok(all(i.get("status") in ("pending", "overdue") and "workdays_left" in i
             and i.get("citizen", {}).get("name") for i in items),
         "worklist rows carry status, workdays left and the citizen's name", items)


GAA = "51697715-965a-40f3-b4a5-819103bf9d49"    # Gå (Mobilitet), FSIII
VASK = "4d46bd94-9518-431c-82e8-ebb91bca307a"   # Vaske sig (Egenomsorg), FSIII
HUSK = "a3ac7928-77c9-425c-a7f1-1248a3764d0a"   # Hukommelse (Mentale funktioner), FSIII


def run_kept_answer_tests(t, srv, pw, case_id):
    """A case read uses the answer kept with the case after its newest event
    (case_answer.h) and gives exactly what reading the events gives."""
    def kept(sql, *args):
        db = sqlite3.connect(srv.db)
        rows = db.execute(sql, args).fetchall()
        db.commit()
        db.close()
        return rows

    readers = [logged_in(srv, "vis.aalborg", pw), logged_in(srv, "ter.aalborg", pw)]
    paths = [f"/api/v1/cases/{case_id}", f"/api/v1/cases/{case_id}?as_of={days_ago(1)}"]
    t.ok(kept("SELECT count(*) FROM case_answers WHERE case_id = ?", case_id) == [(1,)],
         "kept answer: stored with the case's events")
    before = [c.request("GET", p).json for c in readers for p in paths]
    kept("DELETE FROM case_answers WHERE case_id = ?", case_id)
    after = [c.request("GET", p).json for c in readers for p in paths]
    t.ok(before == after and all(before),
         "kept answer: the same answer as from the events (both roles, with and without as_of)",
         [json.dumps(b)[:300] for b, a in zip(before, after) if b != a][:1])
    t.ok(kept("SELECT count(*) FROM case_answers WHERE case_id = ?", case_id) == [(0,)],
         "kept answer: a read does not write one")

    c = readers[0]
    r = c.request("POST", f"/api/v1/cases/{case_id}/events",
                  {"type": "note", "date": days_ago(0), "text": "Borgeren ringede."})
    t.ok(r.status == 201, "kept answer: a note is registered", r)
    fresh = c.request("GET", paths[0]).json
    t.ok(fresh["events"][-1]["text"] == "Borgeren ringede.",
         "kept answer: made again with the new event", fresh["events"][-1])
    kept("UPDATE case_answers SET case_json = '{\"kept\":true}' WHERE case_id = ?", case_id)
    t.ok(c.request("GET", paths[0]).json["case"] == {"kept": True},
         "kept answer: a read takes the case block from it")
    kept("UPDATE case_answers SET last_event_id = last_event_id - 1 WHERE case_id = ?", case_id)
    t.ok(c.request("GET", paths[0]).json == fresh,
         "kept answer: one made before the case's newest event is not used")
    kept("UPDATE case_answers SET view_format = view_format + 1, last_event_id = "
         "(SELECT max(id) FROM case_events WHERE case_id = ?) WHERE case_id = ?", case_id, case_id)
    t.ok(c.request("GET", paths[0]).json == fresh,
         "kept answer: one in another view format is not used")
    kept("UPDATE case_answers SET view_format = view_format - 1, view = x'0001' WHERE case_id = ?",
         case_id)
    t.ok(c.request("GET", paths[0]).json == fresh,
         "kept answer: one whose view bytes are cut short is not used")
    c.request("POST", f"/api/v1/cases/{case_id}/events",
              {"type": "note", "date": days_ago(0), "text": "Igen."})
    again = c.request("GET", paths[0]).json
    kept("DELETE FROM case_answers WHERE case_id = ?", case_id)
    t.ok(again == c.request("GET", paths[0]).json and again["case"] != {"kept": True},
         "kept answer: the next event replaces a bad one")


def status(date, phase, levels, goals=None, **more):
    ev = {"type": "function_status", "date": date, "phase": phase,
          "levels": [{"code": c, "level": lv} for c, lv in levels]}
    if goals is not None:
        ev["goals"] = goals
    ev.update(more)
    return ev


def refused_at(t, r, field, word, name):
    """422 problem+json whose field names the event's field and whose
    Danish detail says why."""
    body = r.json or {}
    t.ok(r.status == 422 and r.headers.get("content-type", "").startswith(PROBLEM)
         and body.get("field") == field and word in body.get("detail", ""),
         f"{name}: 422, field {field}, Danish detail", r)


def run_fsiii_tests(t, srv, pw, genop):
    """GET /api/v1/fsiii, and function_status events: FSIII levels and the
    citizen's goals at the start and the end of the course."""
    r = Client(srv.port).request("GET", "/api/v1/fsiii")
    is_problem(t, r, 401, "fsiii: not logged in is 401")
    for user in ("vis.aalborg", "ter.aalborg", "led.aalborg", "adm.aalborg"):
        r = logged_in(srv, user, pw).request("GET", "/api/v1/fsiii")
        t.ok(r.status == 200, f"fsiii: {user} reads the code list", r)
    doc = r.json or {}
    t.ok(doc.get("source", {}).get("version") == "20240530"
         and doc.get("source", {}).get("oid") == "1.2.208.176.2.21",
         "fsiii: names its source (FSIII version 20240530, OID 1.2.208.176.2.21)", doc.get("source"))
    t.ok([lv.get("level") for lv in doc.get("levels", [])] == [0, 1, 2, 3, 4, 9]
         and doc["levels"][3].get("name") == "Svære begrænsninger",
         "fsiii: the scale 0-4 and 9 with its Danish names", doc.get("levels"))
    areas = doc.get("areas", [])
    t.ok([a.get("name") for a in areas] == ["Egenomsorg", "Praktiske opgaver", "Mobilitet",
                                           "Mentale funktioner", "Samfundsliv"]
         and any(c.get("code") == GAA and c.get("name") == "Gå" for c in areas[2].get("conditions", [])),
         "fsiii: the five areas with their conditions, codes and names", [a.get("name") for a in areas])

    vis = logged_in(srv, "vis.aalborg", pw)
    ter = logged_in(srv, "ter.aalborg", pw)
    r = vis.request("POST", "/api/v1/cases", referral("150550-1234", "Else Funktion", days_ago(40)))
    cid = (r.json or {}).get("id")
    path = f"/api/v1/cases/{cid}/events"

    def post(ev, c=ter):
        return c.request("POST", path, ev)

    refused_at(t, post(status(days_ago(30), "end", [(GAA, 1)])), "$.phase", "ingen startstatus",
               "an end status without a start status")
    refused_at(t, post(status(days_ago(41), "start", [(GAA, 3)])), "$.date", "før henvendelsen",
               "a status dated before the referral")
    refused_at(t, post(status(days_ago(35), "start", [("3f27a7bc-790d-444e-bcf4-6e22a6b1da7e", 3)])),
               "$.levels[0].code", "ikke en funktionsevnetilstand", "an unknown FSIII code")
    refused_at(t, post(status(days_ago(35), "start", [(GAA, 3), (VASK, 5)])),
               "$.levels[1].level", "0, 1, 2, 3, 4 eller 9", "a level outside 0-4 and 9")
    refused_at(t, post(status(days_ago(35), "start", [(GAA, 3), (VASK, -1)])),
               "$.levels[1].level", "0, 1, 2, 3, 4 eller 9", "a negative level")
    refused_at(t, post(status(days_ago(35), "start", [(GAA, 3), (VASK, 2), (GAA, 2)])),
               "$.levels[2].code", "to gange", "the same condition twice in one status")
    refused_at(t, post(status(days_ago(35), "start", [])), "$.levels", "mindst én",
               "a status without levels")
    refused_at(t, post(status(days_ago(35), "start", [(GAA, 3)], [{"text": "Gå selv", "reached": True}])),
               "$.goals[0].reached", "slutstatus", "a start status that says a goal was reached")
    refused_at(t, post(status(days_ago(35), "start", [(GAA, 3)], [{"text": "Gå\nselv"}])),
               "$.goals[0].text", "linjeskift", "a goal with a line break")
    refused_at(t, post(status(days_ago(35), "midt", [(GAA, 3)])), "$.phase", "start",
               "an unknown phase")
    r = logged_in(srv, "led.aalborg", pw).request("POST", path, status(days_ago(35), "start", [(GAA, 3)]))
    is_problem(t, r, 403, "a leder cannot register a function status")

    goals = [{"text": "Gå til Netto selv", "extra": 1}, {"text": "Tage bad uden hjælp"}]
    r = post(status(days_ago(35), "start", [(GAA, 3), (VASK, 2), (HUSK, 9)], goals, junk=True))
    t.ok(r.status == 201, "a terapeut registers the start status: 201", r)
    start_id = (r.json or {}).get("id")
    refused_at(t, post(status(days_ago(34), "start", [(GAA, 2)])), "$.phase", "allerede en startstatus",
               "a second start status")
    refused_at(t, post(status(days_ago(36), "end", [(GAA, 2)], [])), "$.date", "før startstatus",
               "an end status before the start status")
    refused_at(t, post(status(days_ago(5), "end", [(GAA, 1)], [{"text": "Gå til Netto selv"}])),
               "$.goals[0].reached", "mangler", "an end status that does not say whether a goal was reached")
    end = status(days_ago(5), "end", [(GAA, 1), (VASK, 0), (HUSK, 9)],
                 [{"text": "Gå til Netto selv", "reached": True},
                  {"text": "Tage bad uden hjælp", "reached": False}])
    r = post(end)
    t.ok(r.status == 201, "the end status: 201", r)
    refused_at(t, post(dict(end, date=days_ago(4))), "$.phase", "allerede en slutstatus",
               "a second end status")
    # A correction may not leave the end without its start.
    r = post({"type": "correction", "date": days_ago(3), "corrects": start_id, "event": None,
              "reason": "fejl"})
    refused_at(t, r, "$.event", "uden startstatus", "withdrawing the start status under an end status")
    r = post({"type": "correction", "date": days_ago(3), "corrects": start_id, "reason": "forkert dato",
              "event": status(days_ago(2), "start", [(GAA, 3)])})
    refused_at(t, r, "$.event", "før startstatus", "moving the start status after the end status")
    r = post({"type": "correction", "date": days_ago(3), "corrects": start_id, "reason": "Gå var 4",
              "event": status(days_ago(35), "start", [(GAA, 4), (VASK, 2), (HUSK, 9)], goals)})
    t.ok(r.status == 201, "correcting a level of the start status: 201", r)

    body = vis.request("GET", f"/api/v1/cases/{cid}").json or {}
    stored = [e for e in body.get("events", []) if e.get("type") == "function_status"]
    t.ok(len(stored) == 2 and stored[0].get("phase") == "start"
         and stored[0].get("levels") == [{"code": GAA, "level": 3}, {"code": VASK, "level": 2},
                                         {"code": HUSK, "level": 9}]
         and stored[0].get("goals") == [{"text": "Gå til Netto selv"}, {"text": "Tage bad uden hjælp"}]
         and "junk" not in stored[0] and stored[0].get("state") == "corrected"
         and stored[1].get("goals")[1] == {"text": "Tage bad uden hjælp", "reached": False},
         "the case holds both statuses with their levels and goals, and nothing else", stored)
    fix = [e for e in body.get("events", []) if e.get("type") == "correction"]
    t.ok(fix and fix[0].get("event", {}).get("levels", [{}])[0] == {"code": GAA, "level": 4},
         "the correction holds the corrected levels", fix)
    ev = body.get("evaluation", {})
    spec = [{k: v for k, v in e.items() if k in ("type", "date", "paragraph", "condition")}
            for e in body.get("events", []) if e.get("type") == "referral_received"]
    want = evaluate_with_cli(genop, "aalborg", ev.get("as_of", ""), spec)
    with_status = evaluate_with_cli(genop, "aalborg", ev.get("as_of", ""), spec + [
        status(days_ago(35), "start", [(GAA, 4)]), end])
    t.ok(ev.get("deadlines") == want.get("deadlines") == with_status.get("deadlines")
         and ev.get("limits") == want.get("limits") == with_status.get("limits"),
         "function statuses change no deadline or limit, and genop evaluate accepts them",
         ev, want, with_status)

    # The other rules name the field at fault too.
    refused_at(t, vis.request("POST", path, {"type": "contacted", "date": days_ago(41)}), "$.date",
               f"hændelsen er dateret {da_date(days_ago(41))}, før henvendelsen den ",
               "an event before the referral, its dates in Danish")
    refused_at(t, vis.request("POST", path, {"type": "contacted", "date": days_ago(-3)}), "$.date",
               f"hændelsen er dateret {da_date(days_ago(-3))}, som ligger i fremtiden",
               "an event in the future, its date in Danish")
    refused_at(t, vis.request("POST", path, {"type": "session", "date": days_ago(20), "minutes": 45,
                                             "outcome": "attended"}),
               "$.date", "bevilling", "a training session without a grant")
    refused_at(t, vis.request("POST", path, {"type": "referral_received", "date": days_ago(20),
                                             "paragraph": "86.1"}),
               "$.type", "allerede en henvendelse", "a second referral")
    refused_at(t, vis.request("POST", path, {"type": "session", "date": days_ago(20), "minutes": 2000,
                                             "outcome": "attended", "kind": "assessment"}),
               "$.minutes", "minuttallet 2000 er for stort; en træningsgang kan højst vare 1440 minutter (24 timer)",
               "a session of 2000 minutes, in words")
    r = vis.request("POST", "/api/v1/cases", referral("150550-1234", "Else Funktion", days_ago(-3)))
    refused_at(t, r, "$.referral.date", "fremtiden", "a referral dated in the future")
    t.ok((r.json or {}).get("detail", "").startswith("$.referral.date: hændelsen"),
         "... its detail names the referral's date once", r)
    contact = vis.request("POST", path, {"type": "contacted", "date": days_ago(39)}).json or {}
    refused_at(t, vis.request("POST", path, {"type": "correction", "date": days_ago(1),
                                             "corrects": contact.get("id"), "reason": "dato",
                                             "event": {"type": "contacted", "date": days_ago(45)}}),
               "$.event.date", "før henvendelsen", "a correction dated before the referral")


def run_isolation_and_role_tests(t, srv, pw, case_id, citizen_id):
    other = logged_in(srv, "vis.skive", pw)
    r = other.request("GET", f"/api/v1/cases/{case_id}")
    is_problem(t, r, 404, "another municipality's case is 404")
    r = other.request("POST", f"/api/v1/cases/{case_id}/events", {"type": "contacted", "date": days_ago(1)})
    is_problem(t, r, 404, "appending to another municipality's case is 404")
    r = other.request("GET", "/api/v1/cases")
    t.ok(r.status == 200 and r.json.get("items") == [] and r.json.get("total") == 0,
         "another municipality's cases are not listed", r)
    r = other.request("GET", "/api/v1/worklist")
    t.ok(r.status == 200 and r.json.get("items") == [], "nor in its worklist", r)
    r = other.request("POST", "/api/v1/cases", referral("010203-1234", "Inger Hansen", days_ago(3)))
    t.ok(r.status == 201, "the same CPR in another municipality is another citizen there", r)
    sk = other.request("GET", f"/api/v1/cases/{r.json['id']}").json
    t.ok(sk and sk["citizen"]["id"] != citizen_id, "... with its own id", sk)
    ter = logged_in(srv, "ter.aalborg", pw)
    r = ter.request("POST", "/api/v1/cases", referral("020304-1234", "Ole Olsen", days_ago(3)))
    is_problem(t, r, 403, "a therapist cannot create cases: 403")
    r = ter.request("GET", f"/api/v1/cases/{case_id}")
    cpr = (r.json or {}).get("citizen", {}).get("cpr", "")
    t.ok(r.status == 200 and "1234" not in cpr, "a therapist reads the case without the full CPR", r)
    adm = logged_in(srv, "adm.aalborg", pw)
    r = adm.request("GET", f"/api/v1/cases/{case_id}")
    is_problem(t, r, 403, "an administrator does not read case data: 403")
    vis = logged_in(srv, "vis.aalborg", pw)
    r = vis.request("GET", f"/api/v1/citizens/{citizen_id}/access-log")
    is_problem(t, r, 403, "a visitator cannot read the access log: 403")


def run_access_log_tests(t, srv, pw, case_id, citizen_id):
    led = logged_in(srv, "led.aalborg", pw)
    r = led.request("GET", f"/api/v1/citizens/{citizen_id}/access-log")
    items = (r.json or {}).get("items", [])
    t.ok(r.status == 200 and items and all(k in items[0] for k in ("time", "user", "action")),
         "leader reads the citizen's access log", r)
    users = {i.get("user") for i in items}
    actions = " ".join(str(i.get("action")) for i in items)
    t.ok({"vis.aalborg", "ter.aalborg"} <= users, "reads and writes by each user are logged", users)
    t.ok("vis.skive" not in users, "the other municipality's reads are not in this log", users)
    t.ok(all(i.get("time", "").endswith("Z") for i in items), "times are UTC", items[:3])
    t.ok(len(actions) > 0 and len({i.get("action") for i in items}) >= 3,
         "the log names what was done (create, read, append, list)", actions)
    total = (r.json or {}).get("total", 0)
    r = led.request("GET", f"/api/v1/citizens/{citizen_id}/access-log?limit=2&offset=1")
    page = (r.json or {}).get("items", [])
    # This look logged a row of its own first, so offset 1 starts at the
    # newest row of the first answer.
    t.ok(r.status == 200 and [i["id"] for i in page] == [i["id"] for i in items[0:2]]
         and r.json.get("total") == total + 1 and r.json.get("limit") == 2 and r.json.get("offset") == 1,
         "the access log is read in pages, newest first, with the total", r)
    r = led.request("GET", f"/api/v1/citizens/{citizen_id}/access-log?limit=0")
    is_problem(t, r, 400, "a limit of 0 is 400")
    r = led.request("GET", "/api/v1/citizens/999999/access-log")
    is_problem(t, r, 404, "an unknown citizen's access log is 404")
    other = logged_in(srv, "vis.skive", pw)
    r = other.request("GET", f"/api/v1/citizens/{citizen_id}/access-log")
    t.ok(r.status in (403, 404), "another municipality cannot see it", r)


def run_error_tests(t, srv, pw):
    c = logged_in(srv, "vis.aalborg", pw)
    r = c.request("POST", "/api/v1/cases", raw=b'{"citizen": ', headers={"Content-Type": "application/json"})
    is_problem(t, r, 400, "malformed JSON is 400")
    r = c.request("POST", "/api/v1/cases", raw=b"cpr=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    is_problem(t, r, 415, "a body that is not JSON is 415")
    big = json.dumps(referral("010203-1234", "x" * 200000, days_ago(3))).encode()
    r = c.request("POST", "/api/v1/cases", raw=big, headers={"Content-Type": "application/json"})
    is_problem(t, r, 413, "a body over the limit is 413")
    r = c.request("GET", "/api/v1/nothing-here")
    is_problem(t, r, 404, "an unknown route is 404")
    r = c.request("GET", "/api/v1/cases/abc")
    is_problem(t, r, 404, "a case id that is not a number is 404")
    r = c.request("PUT", "/api/v1/cases")
    t.ok(r.status == 405, "a known route with the wrong method is 405", r)
    r = c.request("GET", "/api/v1/cases/987654")
    is_problem(t, r, 404, "a case that does not exist is 404")
    t.ok("no-store" in r.headers.get("cache-control", ""), "API answers carry Cache-Control: no-store", r.headers)
    r = c.request("GET", "/api/v1/cases")
    t.ok("no-store" in r.headers.get("cache-control", "") and r.headers.get("x-content-type-options") == "nosniff",
         "... and nosniff", r.headers)
    r = c.request("POST", "/api/v1/session", {"username": "vis.aalborg"})
    t.ok(r.status in (400, 401, 422), "login without a password is refused", r)


def run_token_tests(t, srv, pw, genop):
    r = subprocess.run([genop, "token", "create", "--db", srv.db, "--user", "vis.aalborg",
                        "--name", "test"], capture_output=True, text=True)
    token = r.stdout.strip().split()[-1] if r.returncode == 0 and r.stdout.strip() else ""
    t.ok(r.returncode == 0 and len(token) >= 32, "token create prints a token", r.stderr)
    c = Client(srv.port)
    c.bearer = token
    r = c.request("GET", "/api/v1/cases")
    t.ok(r.status == 200 and r.json.get("total", 0) >= 2, "a Bearer token authenticates", r)
    # A token logs in within the read transaction of a case read, the
    # worklist and the case list (router.c): the same answers as a session.
    case_id = (r.json.get("items") or [{}])[0].get("id", 1)
    r = c.request("GET", f"/api/v1/cases/{case_id}")
    t.ok(r.status == 200 and r.json.get("id") == case_id and "evaluation" in r.json
         and len((r.json.get("citizen", {}).get("cpr") or "").replace("-", "")) == 10,
         "a Bearer token reads a case, the full CPR number for a visitator", r)
    r = c.request("GET", "/api/v1/worklist")
    t.ok(r.status == 200 and "items" in r.json, "a Bearer token reads the worklist", r)
    r = c.request("GET", "/api/v1/cases/999999")
    t.ok(r.status == 404, "a Bearer token gets 404 for a case that does not exist", r)
    c.bearer = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    r = c.request("GET", "/api/v1/cases")
    t.ok(r.status == 401, "a wrong Bearer token is 401", r)
    # An Authorization header of another scheme lets no one in, not even
    # with a valid session cookie beside it (the header wins).
    s = Client(srv.port)
    s.login("vis.aalborg", pw)
    r = s.request("GET", "/api/v1/cases", headers={"Authorization": "Basic dmlzOnB3"})
    t.ok(r.status == 401, "an Authorization header that is not Bearer is 401, cookie or not", r)
    r = s.request("GET", "/api/v1/cases")
    t.ok(r.status == 200, "the same session without that header is let in", r)
    # Listed without the token itself, and revoked by the listed id.
    r = subprocess.run([genop, "token", "list", "--db", srv.db, "--user", "vis.aalborg"],
                       capture_output=True, text=True)
    rows = [line.split() for line in r.stdout.splitlines()[1:]]
    t.ok(r.returncode == 0 and len(rows) == 1 and rows[0][1] == "vis.aalborg"
         and rows[0][-1] == "test" and token not in r.stdout,
         "token list shows the token's id, user and name, never the token", r.stdout)
    token_id = rows[0][0] if rows else "none"
    r = subprocess.run([genop, "token", "revoke", "--db", srv.db, token_id],
                       capture_output=True, text=True)
    t.ok(r.returncode == 0 and token_id in r.stdout, "token revoke revokes by the listed id", r)
    c.bearer = token
    r = c.request("GET", "/api/v1/cases")
    t.ok(r.status == 401, "a revoked token is 401 at once", r)
    r = c.request("GET", f"/api/v1/cases/{case_id}")
    t.ok(r.status == 401, "a revoked token reads no case", r)
    r = subprocess.run([genop, "token", "revoke", "--db", srv.db, token_id],
                       capture_output=True, text=True)
    t.ok(r.returncode == 1 and "ingen nøgle" in r.stderr, "revoking it again says there is none", r.stderr)
    r = subprocess.run([genop, "token", "revoke", "--db", srv.db, "12345"],
                       capture_output=True, text=True)
    t.ok(r.returncode == 1 and "12 hexadecimale" in r.stderr, "a malformed id is refused with why", r.stderr)


def standard_rules(doc):
    """Every rule of a GET /api/v1/standard document, as (kind, rule)."""
    rules = [("deadline", d) for d in doc.get("deadlines", [])]
    rules += [("limit", lim) for lim in doc.get("limits", [])]
    if doc.get("attendance"):
        rules.append(("attendance", doc["attendance"]))
        if doc["attendance"].get("admission"):
            rules.append(("admission", doc["attendance"]["admission"]))
    rules += [("eligibility", r) for r in doc.get("eligibility", [])]
    return rules


def find_rule(rules, rid, paragraph=None):
    for r in rules:
        if r.get("id") == rid and (paragraph is None or paragraph in r.get("paragraphs", [])):
            return r
    return {}


def run_standard_tests(t, srv, pw, genop):
    """GET /api/v1/standard: every role, 401, each municipality its own
    standard with the values of standards/*.yaml, every rule with its
    source, and the same rules and sources as `genop standard show`."""
    r = Client(srv.port).request("GET", "/api/v1/standard")
    is_problem(t, r, 401, "standard: not logged in is 401")
    docs = {}
    for role, user in (("visitator", "vis.aalborg"), ("terapeut", "ter.aalborg"), ("leder", "led.aalborg"),
                       ("admin", "adm.aalborg")):
        r = logged_in(srv, user, pw).request("GET", "/api/v1/standard")
        docs[user] = r.json if r.status == 200 else None
        t.ok(r.status == 200 and r.json.get("id") == "aalborg"
             and r.json.get("municipality", {}).get("name") == "Aalborg Kommune",
             f"standard: a {role} reads Aalborg's standard", r)
    t.ok(len({json.dumps(d, sort_keys=True) for d in docs.values()}) == 1,
         "standard: every role gets the same document")
    aal = docs["vis.aalborg"] or {}
    r = logged_in(srv, "vis.aalborg", pw).request("GET", "/api/v1/standard")
    t.ok(r.headers.get("cache-control") == "no-store" and r.headers.get("content-type", "").startswith("application/json"),
         "standard: JSON with Cache-Control: no-store", r.headers)
    r = logged_in(srv, "vis.aalborg", pw).request("POST", "/api/v1/standard", {})
    t.ok(r.status == 405 and "GET" in r.headers.get("allow", ""), "standard: POST is 405 with Allow: GET", r)
    sk = logged_in(srv, "vis.skive", pw).request("GET", "/api/v1/standard").json or {}

    # The values of standards/aalborg.yaml and standards/skive.yaml.
    t.ok(aal.get("municipality", {}).get("code") == 851 and aal.get("effective_from") == "2023-01-01"
         and aal.get("approved") == "Senior- og Omsorgsudvalget, 14.12.2022"
         and aal.get("paragraphs") == ["86.1", "86.2"]
         and aal.get("title", "").startswith("Kvalitetsstandard 2023"),
         "standard: Aalborg's municipality, title, approval, effective date and paragraphs",
         {k: aal.get(k) for k in ("municipality", "title", "approved", "effective_from", "paragraphs")})
    t.ok(sk.get("id") == "skive" and sk.get("municipality", {}).get("code") == 779
         and sk.get("effective_from") == "2017-10-12" and sk.get("paragraphs") == ["86.1"],
         "standard: a Skive user gets Skive's standard", {k: sk.get(k) for k in ("id", "municipality", "effective_from")})
    a_start1 = find_rule(aal.get("deadlines", []), "start", "86.1")
    a_start2 = find_rule(aal.get("deadlines", []), "start", "86.2")
    s_start = find_rule(sk.get("deadlines", []), "start")
    t.ok((a_start1.get("amount"), a_start1.get("unit"), a_start2.get("amount"), s_start.get("amount"), s_start.get("unit"))
         == (8, "workdays", 10, 14, "days"),
         "standard: start of training, Aalborg 8/10 workdays (stk. 1/2), Skive 14 days", a_start1, a_start2, s_start)
    t.ok(a_start1.get("text") == "Første træningsgang holdes senest 8 hverdage efter modtagelsen af henvendelsen."
         and s_start.get("text") == "Første træningsgang holdes senest 14 kalenderdage efter modtagelsen af henvendelsen."
         and "Gælder ikke, når der er givet afslag." in s_start.get("details", []),
         "standard: each deadline says in Danish what it promises", a_start1.get("text"), s_start.get("text"))
    window = find_rule(aal.get("deadlines", []), "complaint_window")
    t.ok(window.get("topic") == "complaint" and window.get("owner") == "citizen" and window.get("due_on_workday") is True
         and window.get("source", {}).get("quote")
         == "Klagen skal være modtaget i visitationen senest 4 uger efter, at du har modtaget afgørelsen.",
         "standard: Aalborg's complaint window: the citizen's, moved to a workday, with the standard's words", window)
    t.ok(aal.get("limits") == [] and
         [(lim.get("id"), lim.get("max"), lim.get("unit")) for lim in sk.get("limits", [])]
         == [("sessions_per_week", 2, None), ("minutes_per_week", 90, None), ("course_length", 4, "months")],
         "standard: limits, none in Aalborg, Skive's 2 a week, 90 minutes a week, 4 months",
         aal.get("limits"), sk.get("limits"))
    t.ok((aal.get("attendance") or {}).get("review_limit") == 2
         and aal["attendance"].get("counts") == "no_shows_and_cancellations"
         and (sk.get("attendance") or {}).get("review_limit") == 1 and sk["attendance"].get("counts") == "no_shows"
         and sk["attendance"].get("text") == "Forløbet tages op til vurdering ved 1 udeblivelse.",
         "standard: attendance, Aalborg 2 no-shows and cancellations, Skive 1 no-show", aal.get("attendance"), sk.get("attendance"))
    t.ok([e.get("id") for e in aal.get("eligibility", [])] == ["minimum_age", "hospital_plan_excludes"]
         and [e.get("id") for e in sk.get("eligibility", [])] == ["minimum_age", "residency", "hospital_plan_excludes"]
         and find_rule(sk["eligibility"], "residency").get("text") == "Borgeren skal bo i Skive Kommune.",
         "standard: eligibility rules as each standard has them", aal.get("eligibility"), sk.get("eligibility"))
    t.ok(len(sk.get("content", {}).get("complaints", ["x"])) == 0 and len(aal.get("content", {}).get("complaints", [])) == 4
         and aal["content"].get("purpose", [""])[0].startswith("Genoptræning (§ 86, stk. 1)"),
         "standard: the plain-language content (Skive says nothing about complaints)", sk.get("content", {}).keys())

    # Every rule carries its source: "<short name>, <section>" with the
    # standard's words, or - where the standard is silent - the law,
    # "<law> <paragraph>", with a note saying so.
    def law_source_ok(src):
        return (src.get("law") and src.get("paragraph") and src.get("section") is None
                and src.get("citation") == f"{src['law']} {src['paragraph']}"
                and "Standarden siger intet" in (src.get("note") or ""))

    for name, doc in (("Aalborg", aal), ("Skive", sk)):
        rules = standard_rules(doc)
        bad = [r for _, r in rules
               if not r.get("text") or not (
                   law_source_ok(r.get("source") or {})
                   or ((r.get("source") or {}).get("section") and r["source"].get("quote")
                       and r["source"].get("law") is None
                       and r["source"].get("citation") == f"{name}, {r['source']['section']}"))]
        t.ok(rules and not bad, f"standard: every {name} rule has a text and a source (section, quote, citation)", bad)
    laws = {r.get("id"): r["source"]["citation"] for _, r in standard_rules(sk) if r["source"].get("law")}
    t.ok(laws == {"complaint_window": "Retssikkerhedsloven § 66", "complaint_forward": "Retssikkerhedsloven § 67"}
         and not [r for _, r in standard_rules(aal) if r["source"].get("law")],
         "standard: Skive's complaint deadlines are the law's; Aalborg's are its own", laws)
    note = (find_rule(aal.get("deadlines", []), "decision", "86.1").get("source") or {}).get("note") or ""
    t.ok(note.startswith("De tre hverdage regnes fra henvendelsen") and "3 + 5 = 8" in note,
         "standard: genop's Danish note where the text is ambiguous", note)

    # The same rules as `genop standard show` prints, source for source.
    for sid, doc in (("aalborg", aal), ("skive", sk)):
        r = subprocess.run([genop, "standard", "show", sid], capture_output=True, text=True)
        shown = [line.strip()[len("Kilde: "):] for line in r.stdout.splitlines() if line.strip().startswith("Kilde: ")]
        quotes = [line.strip() for line in r.stdout.splitlines() if line.strip().startswith("Standardens ord:")]
        sourced = [rule for _, rule in standard_rules(doc)]
        sourced += [x for x in doc.get("criteria", []) if x.get("kind") == "target_group"]
        sourced += [x for x in doc.get("closure_reasons", []) if x.get("source")]
        sourced += [doc["revision"]] if doc.get("revision") else []
        sourced += [doc["documentation"]["end_status"]] if (doc.get("documentation") or {}).get("end_status") else []
        ours = [rule["source"]["citation"] for rule in sourced]
        t.ok(r.returncode == 0 and sorted(shown) == sorted(ours)
             and all(f"Standardens ord: »{rule['source']['quote']}«" in quotes
                     for rule in sourced if rule["source"].get("quote")),
             f"standard: {sid}'s rules and sources are those of `genop standard show`", shown, ours)

    # A standard without date or approver, and no access-log row for any of it.
    srv.add_user("rodovre", "terapeut", "std.rodovre")
    rod_client = logged_in(srv, "std.rodovre", pw)
    rod = rod_client.request("GET", "/api/v1/standard").json or {}
    t.ok(rod.get("id") == "rodovre" and rod.get("effective_from") is None and rod.get("approved") is None
         and find_rule(rod.get("deadlines", []), "contact").get("text")
         == "Borgeren kontaktes senest 5 kalenderdage efter modtagelsen af henvendelsen.",
         "standard: Rødovre's gives no date or approver (null), contact within 5 days", rod)
    t.ok(srv.reads_imported(), "standard: the journal of reads is imported within 5 s")
    db = sqlite3.connect(srv.db)
    rows = db.execute("SELECT count(*) FROM access_log WHERE username = 'std.rodovre'").fetchone()[0]
    db.close()
    t.ok(rows == 0, "standard: reading it writes no access-log row", rows)


def closed_events(c, case_id):
    case = c.request("GET", f"/api/v1/cases/{case_id}").json or {}
    return [e for e in case.get("events", []) if e.get("type") == "closed"]


def run_closure_reason_tests(t, srv, pw):
    """A closure's reason must be one of the case's standard's reasons:
    its own (Ishøj's five grounds) and genop's general ones; anything
    else is 422 at $.reason and nothing is stored."""
    srv.add_user("ishoj", "visitator", "vis.ishoj")
    srv.add_user("rodovre", "visitator", "vis.rodovre")
    ish = logged_in(srv, "vis.ishoj", pw)
    rod = logged_in(srv, "vis.rodovre", pw)
    ish_case = ish.request("POST", "/api/v1/cases", referral("050607-1234", "Ida Ishøj", days_ago(30))).json["id"]
    rod_case = rod.request("POST", "/api/v1/cases", referral("060708-1234", "Rune Rødovre", days_ago(30))).json["id"]

    r = ish.request("POST", f"/api/v1/cases/{ish_case}/events",
                    {"type": "closed", "date": days_ago(5), "reason": "keder_sig"})
    is_problem(t, r, 422, "closed with a reason the standard does not know is 422")
    detail = (r.json or {}).get("detail", "")
    t.ok((r.json or {}).get("field") == "$.reason" and "keder_sig" in detail
         and "Ishøj Kommune" in detail and "not_motivated" in detail and "self_training" in detail
         and "goal_reached" in detail and "other" in detail,
         "the refusal names $.reason, the reason and the ids Ishøj's standard allows", r.json)
    t.ok(closed_events(ish, ish_case) == [], "a refused closure stores nothing", closed_events(ish, ish_case))

    r = rod.request("POST", f"/api/v1/cases/{rod_case}/events",
                    {"type": "closed", "date": days_ago(5), "reason": "not_motivated"})
    t.ok(r.status == 422 and (r.json or {}).get("field") == "$.reason"
         and "goal_unreachable" in (r.json or {}).get("detail", "")
         and "not_motivated" not in (r.json or {}).get("detail", "").split("brug en af:")[-1],
         "Ishøj's not_motivated is refused on a Rødovre case, which lists Rødovre's own reasons", r.json)
    t.ok(closed_events(rod, rod_case) == [], "the refused Rødovre closure stores nothing")

    r = ish.request("POST", f"/api/v1/cases/{ish_case}/events",
                    {"type": "closed", "date": days_ago(5), "reason": "not_motivated"})
    t.ok(r.status == 201, "Ishøj's not_motivated closes an Ishøj case", r)
    closed = closed_events(ish, ish_case)
    t.ok([e.get("reason") for e in closed] == ["not_motivated"], "the closure is stored with its reason", closed)
    r = rod.request("POST", f"/api/v1/cases/{rod_case}/events",
                    {"type": "closed", "date": days_ago(5), "reason": "moved"})
    t.ok(r.status == 201, "a general reason (moved) closes a Rødovre case though its text does not name it", r)

    # A correction of the closure: a new reason must be allowed too; the
    # reason it already had is kept.
    cid = closed[0]["id"] if closed else 0
    r = ish.request("POST", f"/api/v1/cases/{ish_case}/events",
                    {"type": "correction", "date": days_ago(4), "corrects": cid, "reason": "forkert grund",
                     "event": {"type": "closed", "date": days_ago(5), "reason": "goal_unreachable"}})
    t.ok(r.status == 422 and (r.json or {}).get("field") == "$.event.reason",
         "a correction to a reason Ishøj does not know is 422 at $.event.reason", r)
    r = ish.request("POST", f"/api/v1/cases/{ish_case}/events",
                    {"type": "correction", "date": days_ago(4), "corrects": cid, "reason": "forkert dato",
                     "event": {"type": "closed", "date": days_ago(6), "reason": "not_motivated"}})
    t.ok(r.status == 201, "a correction of the closure's date keeping its reason is 201", r)


def run_revision_tests(t, srv, pw):
    """/api/v1/standard: the reasons a course may end, each with its source
    or as genop's general reason, and the standard's own revision judged
    as of today."""
    srv.add_user("nyborg", "leder", "led.nyborg")
    ish = logged_in(srv, "vis.ishoj", pw).request("GET", "/api/v1/standard").json or {}
    reasons = ish.get("closure_reasons", [])
    t.ok([x.get("id") for x in reasons] == ["self_training", "previous_level", "goal_reached", "no_progress",
                                              "not_motivated", "citizen_declined", "no_shows", "moved",
                                              "deceased", "other"],
         "standard: Ishøj's reasons, its own five in its order, then the general ones it did not name", reasons)
    own = reasons[4] if len(reasons) > 4 else {}
    gen = reasons[5] if len(reasons) > 5 else {}
    t.ok(own.get("general") is False and (own.get("source") or {}).get("citation") == "Ishøj, Omfang og varighed"
         and (own.get("source") or {}).get("quote") == "Du er ikke motiveret for genoptræning."
         and own.get("label") == "Ikke motiveret for genoptræning"
         and gen.get("general") is True and gen.get("source") is None
         and gen.get("label") == "Borgeren ønsker ikke at fortsætte",
         "standard: a reason of the standard has its source; a general one has none and says so", own, gen)
    rev = ish.get("revision") or {}
    t.ok(rev.get("approved_on") is None and rev.get("every") is None and rev.get("due") is None
         and rev.get("overdue") is False and rev.get("warning") is None
         and (rev.get("source") or {}).get("quote") == "Kvalitetsstandarden revideres ved større ændringer.",
         "standard: Ishøj's revision has no interval and is never overdue", rev)
    nyb = logged_in(srv, "led.nyborg", pw).request("GET", "/api/v1/standard").json or {}
    rev = nyb.get("revision") or {}
    t.ok(rev.get("approved_on") == "2017-05-03" and rev.get("every") == {"amount": 12, "unit": "months"}
         and rev.get("due") == "2018-05-03" and rev.get("overdue") is True
         and "senest 3. maj 2018" in (rev.get("warning") or "")
         and (rev.get("source") or {}).get("citation") == "Nyborg, Kvalitetsmål",
         "standard: Nyborg's yearly revision was due 3 May 2018 and is overdue today", rev)
    aal = logged_in(srv, "vis.aalborg", pw).request("GET", "/api/v1/standard").json or {}
    t.ok(aal.get("revision", "missing") is None
         and [x["id"] for x in aal.get("closure_reasons", [])][:2] == ["no_shows", "goal_reached"]
         and (aal["closure_reasons"][0].get("source") or {}).get("section") == "Hvad forventes der af dig?",
         "standard: Aalborg says nothing on revision (null); its no-shows reason has its source",
         aal.get("revision"), aal.get("closure_reasons"))


def run_minutes_limit_tests(t, srv, pw):
    """The session form's minutes limit (the input's max in
    web/views/forms.js) is the API's: the form's max is accepted, one more
    is refused at $.minutes."""
    c = logged_in(srv, "vis.aalborg", pw)
    r = c.request("GET", "/views/forms.js")
    line = next((ln for ln in (r.raw or b"").decode().splitlines() if "name: 'minutes'" in ln), "")
    m = re.search(r"max: (\d+)", line)
    if not t.ok(r.status == 200 and m, "the session form's minutes input has a max", line):
        return
    top = int(m.group(1))
    case = c.request("POST", "/api/v1/cases", referral("071109-1235", "Lang Træning", days_ago(10))).json or {}
    path = f"/api/v1/cases/{case.get('id')}/events"
    session = {"type": "session", "date": days_ago(5), "outcome": "attended", "kind": "assessment"}
    r = c.request("POST", path, dict(session, minutes=top + 1))
    refused_at(t, r, "$.minutes", f"minuttallet {top + 1} er for stort; en træningsgang kan højst vare {top} minutter",
               f"one minute more than the form allows ({top + 1})")
    r = c.request("POST", path, dict(session, minutes=top))
    t.ok(r.status == 201, f"the form's most minutes ({top}) are the API's too", r)


if __name__ == "__main__":
    sys.exit(main())
