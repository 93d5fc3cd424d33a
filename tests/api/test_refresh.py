#!/usr/bin/env python3
"""The worklist follows the rules across an upgrade: a database whose
stored projections were computed with other rules (its fingerprint row
altered, its projections tampered with, as an older genop would have left
them) is computed again when `genop serve` starts, before it answers, and
the worklist, the case list and the case read show the current rules'
deadlines again; a municipality whose fingerprint matches is not touched;
a second start does nothing; a case whose events no longer load is named
in a warning and does not stop the others; a fresh demo database has
nothing to compute again. Prints TAP.

    tests/api/test_refresh.py PATH/TO/genop
"""

import datetime
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

OLD_DUE = "2000-01-03"
# A fingerprint begins with GENOP_RULES_VERSION (src/core/evaluate.h).
_HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "core", "evaluate.h")
with open(_HEADER, encoding="utf-8") as _f:
    VERSION = re.search(r"#define GENOP_RULES_VERSION (\d+)", _f.read()).group(1) + "-"
LINE = "opgavelisten for Aalborg er beregnet på ny for 1 sag"


def days_ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "hofte", "consent": True}}


def new_case(t, c, cpr, name):
    r = c.request("POST", "/api/v1/cases", referral(cpr, name, days_ago(12)))
    t.ok(r.status == 201, f"a case of {name}", r)
    case_id = (r.json or {}).get("id")
    r = c.request("POST", f"/api/v1/cases/{case_id}/events",
                  {"type": "contacted", "date": days_ago(11)})
    t.ok(r.status == 201, "contacted", r)
    return case_id


def views(c, case_id):
    """What staff see of the case's deadlines: the worklist, the case
    list's next_due and the case read's next_due."""
    w = c.request("GET", "/api/v1/worklist").json or {}
    lst = c.request("GET", "/api/v1/cases").json or {}
    one = c.request("GET", f"/api/v1/cases/{case_id}").json or {}
    listed = [i.get("next_due") for i in lst.get("items", []) if i.get("id") == case_id]
    return {"worklist": w.get("items"), "list": listed,
            "read": (one.get("case") or {}).get("next_due")}


def tamper(db_path):
    """Aalborg: an old fingerprint and projections of old rules; Skive:
    its projection tampered with too, but its fingerprint kept."""
    db = sqlite3.connect(db_path)
    with db:
        db.execute("UPDATE projection_rules SET fingerprint = '0-en-tidligere-genop'"
                   " WHERE municipality = 'aalborg'")
        for muni in ("aalborg", "skive"):
            db.execute("UPDATE open_deadlines SET due = ?, label = 'Gammel regel'"
                       " WHERE municipality = ?", (OLD_DUE, muni))
            db.execute("UPDATE cases SET next_due = ? WHERE municipality = ?", (OLD_DUE, muni))
            db.execute("UPDATE case_answers SET case_json = json_set(case_json, '$.next_due', ?)"
                       " WHERE municipality = ?", (OLD_DUE, muni))
    db.close()


def fingerprints(db_path):
    db = sqlite3.connect(db_path)
    rows = dict(db.execute("SELECT municipality, fingerprint FROM projection_rules"))
    db.close()
    return rows


def stderr_of(srv):
    """Stops the server and returns what it wrote on stderr."""
    srv.stop()
    return srv.proc.stderr.read().decode()


def check_failing_case(t, srv, pw):
    """A case whose stored events no longer load is named in a warning and
    keeps its projection; serve starts all the same."""
    srv.start()
    a = Client(srv.port)
    a.login("vis.aalborg", pw)
    bad = new_case(t, a, "030405-1234", "Ole Madsen")
    srv.stop()
    db = sqlite3.connect(srv.db)
    with db:
        db.execute("INSERT INTO case_events (municipality, case_id, type, event_date, body,"
                   " author_id) SELECT 'aalborg', ?, 'contacted', ?, ?, id FROM users"
                   " WHERE username = 'vis.aalborg'",
                   (bad, days_ago(1), '{"type":"contacted","date":"2025-13-01"}'))
        db.execute("UPDATE projection_rules SET fingerprint = '0-x' WHERE municipality = 'aalborg'")
    db.close()
    srv.start()
    err = stderr_of(srv)
    t.ok(f"advarsel: 1 sag i Aalborg kunne ikke beregnes på ny og viser stadig de gamle "
         f"frister (sag {bad})" in err and "for 1 sag" in err,
         "a case whose events no longer load is named in a warning; the other was computed",
         err)
    t.ok(srv.proc.returncode == 0, "and serve ran and stopped cleanly", srv.proc.returncode)


def check_demo(t, genop):
    """A fresh demo database has its fingerprints: serve computes nothing."""
    srv = Server(genop)
    try:
        r = subprocess.run([srv.genop, "demo", "--db", srv.db], capture_output=True, text=True)
        t.ok(r.returncode == 0 and "opgavelisten" not in r.stderr, "genop demo --db", r.stderr)
        fps = fingerprints(srv.db)
        t.ok(len(fps) == 5 and all(v.startswith(VERSION) for v in fps.values()),
             "the demo database has a fingerprint for each of its five municipalities", fps)
        srv.start()
        err = stderr_of(srv)
        t.ok("opgavelisten" not in err, "serve on it has nothing to compute again", err)
    finally:
        srv.cleanup()


def main():
    genop = sys.argv[1]
    t = Tap()
    check_demo(t, genop)
    srv = Server(genop)
    try:
        pw = srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.add_user("skive", "visitator", "vis.skive", pw)
        srv.start()
        a, s = Client(srv.port), Client(srv.port)
        a.login("vis.aalborg", pw)
        s.login("vis.skive", pw)
        a_case = new_case(t, a, "010203-1234", "Inger Hansen")
        s_case = new_case(t, s, "020304-1234", "Bo Jensen")
        before_a, before_s = views(a, a_case), views(s, s_case)
        t.ok(before_a["worklist"] and before_a["read"] and before_a["list"] == [before_a["read"]],
             "aalborg's case has open deadlines and a next due date", before_a)
        first = fingerprints(srv.db)
        t.ok(sorted(first) == ["aalborg", "skive"] and all(v.startswith(VERSION) for v in
                                                           first.values()),
             "the first start stored a fingerprint for each municipality with users", first)

        srv.stop()
        tamper(srv.db)
        srv.start()
        a, s = Client(srv.port), Client(srv.port)
        a.login("vis.aalborg", pw)
        s.login("vis.skive", pw)
        after_a = views(a, a_case)
        t.ok(after_a == before_a, "the worklist, the case list and the case read of aalborg "
             "show the current rules' deadlines again", after_a, before_a)
        t.ok(all(i.get("due") != OLD_DUE and i.get("label") != "Gammel regel"
                 for i in after_a["worklist"]), "no deadline of the old rules is left",
             after_a["worklist"])
        after_s = views(s, s_case)
        t.ok(after_s["read"] == OLD_DUE and after_s != before_s,
             "skive's projections were not touched (its fingerprint matched)", after_s)
        t.ok(fingerprints(srv.db) == first, "aalborg's fingerprint is the current one again")
        err = stderr_of(srv)
        t.ok(LINE in err and "1 sag fik nye frister" in err,
             "serve said, in Danish on stderr, that aalborg's worklist was computed again", err)
        t.ok("Skive" not in err, "and nothing of skive, whose fingerprint matched", err)

        srv.start()
        err = stderr_of(srv)
        t.ok("opgavelisten" not in err, "a second start has nothing to compute again", err)
        check_failing_case(t, srv, pw)
    except Exception as ex:  # noqa: BLE001 - any failure is a failed test
        t.ok(False, "the refresh test ran to its end", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
