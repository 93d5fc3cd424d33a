#!/usr/bin/env python3
"""The demo database (`genop demo --db`): made in a temporary directory,
served by the real `genop serve`, and checked over HTTP with the logins the
demo printed: every municipality's visitator sees its own cases and only
those, the worklists hold deadlines both overdue and pending, the cases
show every deadline status, limit, attendance review and eligibility
finding they were made for, and the demo's writes went through the API's
access log; each municipality's calendar is set up and the first
therapist's calendar has appointments around today. Also: the demo refuses an existing database without --force.
Prints TAP.

    tests/api/test_demo.py PATH/TO/genop
"""

import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

USER_LINE = re.compile(r"^  (\S+)\s+(visitator|terapeut|leder|admin)\s+(.+? Kommune)\s+(\S+)$")
MUNI_LINE = re.compile(r"^(.+ Kommune) \(kommunekode (\d+)\), (\d+) sager:$")
CASE_LINE = re.compile(r"^  sag\s+(\d+)\s+(.+?)\s+§ 86, stk\. ([12])\s+(.+)$")
MUNICIPALITIES = ["aalborg", "ishoj", "nyborg", "rodovre", "skive"]


def parse_summary(text):
    """Users {username: (role, municipality name, password)} and cases
    {municipality name: [(id, citizen name, stk, title)]} from the output."""
    users, cases, muni = {}, {}, None
    for line in text.splitlines():
        m = MUNI_LINE.match(line)
        if m:
            muni = m.group(1)
            cases[muni] = []
            continue
        m = CASE_LINE.match(line)
        if m and muni:
            cases[muni].append((int(m.group(1)), m.group(2), m.group(3), m.group(4)))
            continue
        m = USER_LINE.match(line)
        if m and m.group(1) != "brugernavn":
            users[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return users, cases


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run_demo(genop, db, *extra):
    return subprocess.run([genop, "demo", "--db", db] + list(extra), capture_output=True,
                          text=True, timeout=600)


def check_refusal(t, genop, db):
    before = sha(db)
    r = run_demo(genop, db)
    t.ok(r.returncode == 1 and "--force" in r.stderr and len(r.stderr.strip().splitlines()) == 1
         and r.stdout == "",
         "demo refuses an existing database without --force (one line, exit 1)", r)
    t.ok(sha(db) == before, "the refused database is untouched")
    r = run_demo(genop, db, "--cases", "demo/cases")
    t.ok(r.returncode == 2, "demo --db with --cases is a usage error", r.stderr)
    r = run_demo(genop, db, "--force")
    t.ok(r.returncode == 0 and "er klar" in r.stdout, "demo --force makes a new database", r.stderr)
    return r.stdout


def login(t, port, users, username):
    c = Client(port)
    r = c.login(username, users[username][2])
    t.ok(r.status == 200 and (r.json or {}).get("username") == username,
         f"{username} logs in with the printed password", r)
    return c


def check_municipalities(t, srv, users, cases):
    """Each visitator sees exactly its municipality's cases and both kinds of
    worklist items; returns {municipality id: (client, [case ids])}."""
    seen = {}
    for mid in MUNICIPALITIES:
        vis = "visitator." + mid
        if not t.ok(vis in users, f"the demo printed a login for {vis}", sorted(users)):
            continue
        name = users[vis][1]
        c = login(t, srv.port, users, vis)
        r = c.request("GET", "/api/v1/cases?limit=500")
        listed = sorted(item["id"] for item in (r.json or {}).get("items", []))
        printed = sorted(cid for cid, *_ in cases.get(name, []))
        t.ok(r.status == 200 and listed == printed and 5 <= len(listed) <= 8,
             f"{vis} sees exactly the {len(printed)} cases printed for {name}",
             f"listed {listed}", f"printed {printed}")
        names = {item["citizen"]["name"] for item in r.json.get("items", [])} if r.json else set()
        t.ok(names == {n for _, n, _, _ in cases.get(name, [])},
             f"{vis}: the citizens are those printed for {name}", names)
        r = c.request("GET", "/api/v1/worklist?limit=500")
        statuses = {item["status"] for item in (r.json or {}).get("items", [])}
        t.ok(r.status == 200 and {"overdue", "pending"} <= statuses,
             f"{vis}: the worklist has deadlines both overdue and pending", r)
        seen[mid] = (c, listed)
    all_ids = [i for _, ids in seen.values() for i in ids]
    t.ok(len(all_ids) == len(set(all_ids)) and len(all_ids) == sum(len(v) for v in cases.values()),
         "no case is listed in two municipalities", all_ids)
    for mid, (c, _) in seen.items():
        other = next((ids[0] for m, (_, ids) in seen.items() if m != mid and ids), None)
        if other is not None:
            r = c.request("GET", f"/api/v1/cases/{other}")
            t.ok(r.status == 404, f"visitator.{mid} gets 404 for another municipality's case", r)
    return seen


def check_cases(t, seen):
    """The evaluations hold every state the demo was made for."""
    statuses, limits, findings, review, closed, stk2 = set(), set(), set(), 0, 0, set()
    cprs = []
    late_forward = False
    for mid, (c, ids) in seen.items():
        for cid in ids:
            r = c.request("GET", f"/api/v1/cases/{cid}")
            if r.status != 200 or not r.json:
                t.ok(False, f"case {cid} can be read", r)
                continue
            ev = r.json["evaluation"]
            for d in ev["deadlines"]:
                statuses.add(d["status"])
                late_forward |= d["id"] == "complaint_forward" and d["status"] == "late"
            limits |= {(mid, lim["id"]) for lim in ev["limits"] if lim["status"] == "exceeded"}
            findings |= {(mid, f["id"]) for f in ev["eligibility"]["findings"]}
            review += ev["attendance"]["status"] == "review"
            closed += r.json["case"]["closed"]
            if r.json["case"]["paragraph"] == "86.2":
                stk2.add(mid)
            cprs.append((r.json["citizen"]["cpr"], r.json["citizen"]["birth_date"]))
    t.ok({"met", "late", "pending", "overdue"} <= statuses,
         "the cases' deadlines are met, late, pending and overdue", statuses)
    t.ok(late_forward, "a complaint was forwarded to Ankestyrelsen late")
    t.ok({("rodovre", "sessions"), ("skive", "sessions_per_week"), ("skive", "minutes_per_week"),
          ("skive", "course_length")} <= limits,
         "Rødovre passes 32 sessions; Skive its weekly limits and its four months", limits)
    t.ok({("nyborg", "hospital_plan"), ("ishoj", "quarantine")} <= findings
         and any(f == "age" for _, f in findings),
         "eligibility findings: hospital plan in Nyborg, quarantine in Ishøj, a minor", findings)
    t.ok(review >= 4, "courses with no-shows are up for review", review)
    t.ok(closed >= 5, "closed courses", closed)
    t.ok({"aalborg", "ishoj"} <= stk2, "§ 86, stk. 2 cases in Aalborg and Ishøj", stk2)
    fitting = all(re.fullmatch(r"\d{6}-\d{4}", cpr) and
                  cpr[:2] == bd[8:10] and cpr[2:4] == bd[5:7] and cpr[4:6] == bd[2:4]
                  for cpr, bd in cprs)
    t.ok(fitting and len(cprs) > 0, "every CPR number's birth date is the citizen's", cprs[:5])
    century = [(cpr, bd) for cpr, bd in cprs if cpr[7] in "456789"]
    t.ok(len(century) >= 5 and any(bd >= "2000" for _, bd in century)
         and any(bd < "2000" for _, bd in century),
         "CPR numbers with seventh digit 4-9 on both sides of 2000", century)


def check_viborg_citizen(t, seen, cases):
    """Skive's refusal of a citizen of Viborg: the citizen carries Viborg's
    code, so the eligibility finding and the refusal say the same."""
    c, _ = seen.get("skive", (None, []))
    ids = [cid for cid, _, _, title in cases.get("Skive Kommune", []) if "Viborg" in title]
    if not t.ok(c is not None and len(ids) == 1, "the demo has one Skive case of a citizen of Viborg", ids):
        return
    r = c.request("GET", f"/api/v1/cases/{ids[0]}")
    body = r.json or {}
    citizen = body.get("citizen", {})
    findings = body.get("evaluation", {}).get("eligibility", {}).get("findings", [])
    residency = [f["detail"] for f in findings if f["id"] == "residency"]
    t.ok(r.status == 200 and citizen.get("municipality_code") == 791
         and citizen.get("municipality_name") == "Viborg Kommune"
         and residency == ["Borgeren bor i Viborg Kommune (kommunekode 791), ikke i Skive Kommune (779)."],
         "the Skive case of a citizen of Viborg carries Viborg's code 791 and its residency finding",
         citizen, findings)


def check_roles_and_log(t, srv, users, seen):
    leder = login(t, srv.port, users, "leder.aalborg")
    c, ids = seen.get("aalborg", (None, []))
    if not ids:
        t.ok(False, "Aalborg has cases")
        return
    r = c.request("GET", f"/api/v1/cases/{ids[-1]}")
    citizen = (r.json or {}).get("citizen", {}).get("id")
    r = leder.request("GET", f"/api/v1/citizens/{citizen}/access-log")
    entries = [(e["user"], e["action"]) for e in (r.json or {}).get("items", [])]
    t.ok(r.status == 200 and ("visitator.aalborg", "case.create") in entries
         and ("terapeut.aalborg", "event.append") in entries,
         "the demo's writes are in the access log, by visitator and therapist", entries)
    admin = login(t, srv.port, users, "admin.aalborg")
    r = admin.request("GET", "/api/v1/cases")
    t.ok(r.status == 403, "the printed admin login sees no cases", r)
    second = login(t, srv.port, users, "visitator2.aalborg")
    r = second.request("GET", "/api/v1/cases?limit=500")
    t.ok(r.status == 200 and sorted(i["id"] for i in r.json["items"]) == ids,
         "the second Aalborg visitator sees Aalborg's cases", r)


def check_calendar(t, srv, users):
    """Each municipality's calendar: a training centre with rooms, six
    therapists with hours and an absence, three teams with rosters (the
    small one with two cases on its waiting list, and full in Aalborg,
    whose granted cases fill it), and appointments
    around today in the first therapist's calendar."""
    import datetime
    today = datetime.date.today()
    frm = (today - datetime.timedelta(days=7)).isoformat()
    to = (today + datetime.timedelta(days=7)).isoformat()
    for muni in MUNICIPALITIES:
        ter = login(t, srv.port, users, f"terapeut.{muni}")
        locs = ter.request("GET", "/api/v1/locations").json.get("items", [])
        staff = [i for i in ter.request("GET", "/api/v1/staff").json.get("items", [])
                 if i["role"] == "terapeut"]
        teams = ter.request("GET", "/api/v1/teams").json.get("items", [])
        t.ok(len(locs) == 1 and len(locs[0]["rooms"]) == 3 and len(staff) == 6 and
             all(s["hours"] and len(s["absences"]) == 1 and s["profession"] for s in staff) and
             len(teams) == 3,
             f"{muni}: a training centre with 3 rooms, 6 therapists with hours and an "
             "absence, 3 teams", locs, staff, teams)
        pages = [ter.request("GET", f"/api/v1/teams/{x['id']}").json for x in teams]
        small = [p for p in pages if p.get("name") == "Rygskole"]
        full = muni != "aalborg" or (small and small[0]["full"] and len(small[0]["roster"]) == 2)
        t.ok(small and small[0]["roster"] and full and len(small[0]["waiting_list"]) == 2 and
             all(w["citizen"]["name"] for w in small[0]["waiting_list"]),
             f"{muni}: Rygskole has its roster{' and is full' if muni == 'aalborg' else ''}, "
             "with two cases on its waiting list", small)
        r = ter.request("GET", f"/api/v1/appointments?therapist=terapeut.{muni}"
                               f"&from={frm}&to={to}")
        items = r.json.get("items", []) if r.status == 200 else []
        t.ok(len(items) >= 3 and all(i["status"] == "booked" for i in items),
             f"{muni}: terapeut.{muni}'s calendar has appointments around today "
             f"({len(items)})", r)


def main():
    genop = os.path.abspath(sys.argv[1])
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    t = Tap()
    srv = Server(genop, db=None)
    try:
        r = run_demo(genop, srv.db, "--url", "http://127.0.0.1:9999")
        t.ok(r.returncode == 0 and r.stderr == "", "demo --db makes a database", r.stderr)
        users, cases = parse_summary(r.stdout)
        t.ok(len(users) == 46 and sum(len(v) for v in cases.values()) >= 25 and len(cases) == 5,
             "the summary lists 46 users (six therapists a municipality) and the cases of "
             "five municipalities",
             f"{len(users)} users, {[(k, len(v)) for k, v in cases.items()]}")
        t.ok(all(len(pw) >= 12 for _, _, pw in users.values()) and
             len({pw for _, _, pw in users.values()}) == len(users),
             "every password is printed, at least 12 characters, all different")
        t.ok("genop serve --db " + srv.db + " --listen 127.0.0.1:9999" in r.stdout and
             "http://127.0.0.1:9999/api/v1/session" in r.stdout and
             users.get("visitator.aalborg", ("", "", "?"))[2] in r.stdout.split("curl", 1)[-1],
             "the summary says how to start the server and log in (--url)")
        stdout = check_refusal(t, genop, srv.db)
        users, cases = parse_summary(stdout)
        srv.start()
        seen = check_municipalities(t, srv, users, cases)
        check_cases(t, seen)
        check_viborg_citizen(t, seen, cases)
        check_roles_and_log(t, srv, users, seen)
        check_calendar(t, srv, users)
        rc = srv.stop()
        t.ok(rc == 0, "serve stops cleanly", rc)
    except Exception as exc:  # a broken run is a failure, never a crash without TAP
        t.ok(False, "the demo test ran to the end", repr(exc))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
