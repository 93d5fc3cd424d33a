#!/usr/bin/env python3
"""The calendar feeds (shared/spec/calendar.md, "Calendar feeds") over HTTP
against a real `genop serve`:
- POST /staff/{username}/calendar-key: the therapist themself or a leder
  (201 {"key"}); another therapist, a visitator 403; a username that is
  not a terapeut of the municipality 404; a new key ends the old;
- GET /staff/{username}/calendar.ics?key=KEY without a login: text/calendar;
  a missing, wrong or ended key, or another therapist's name, 404;
- the feed parsed by an independent parser (ical.js, tests/ical/parse.mjs)
  and every event compared with GET /appointments for the therapist from
  4 weeks back to 12 weeks ahead: UID (stable across two reads), start
  and end (the Danish wall-clock time of the API as an instant, by
  Python's zoneinfo Europe/Copenhagen), STATUS CANCELLED for a cancelled
  one, SUMMARY with the citizen's initials and the kind, LOCATION with
  the place; no CPR number and no name anywhere in the feed;
- appointments on the summer-time change days 2026-03-29 and 2026-10-25:
  in the feed, at the right instant, when today's window holds them,
  else left out;
- the access log: a row calendar.feed for each citizen shown.
Prints TAP.

    tests/api/test_calendar_feed.py PATH/TO/genop
"""

import datetime
import json
import os
import re
import subprocess
import sys
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap, add_event, days_ago, login_as, register_case  # noqa: E402,E501

HERE = os.path.dirname(os.path.abspath(__file__))
ICAL = os.path.join(HERE, "..", "ical")
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
TODAY = datetime.date.today()
HOURS = [{"weekday": d, "from": "00:00", "to": "00:00"} for d in range(1, 8)]
CITIZENS = [("0101401234", "Anna Ørsted Andersen", "A.Ø.A."),
            ("0202402345", "Bent Berg", "B.B."),
            ("0303403456", "Åse-Marie Clausen", "Å.M.C.")]


def parse(text):
    """The feed as ical.js reads it, or None (the reason on stderr)."""
    p = subprocess.run(["node", os.path.join(ICAL, "parse.mjs")], input=text.encode(),
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode())
        return None
    return json.loads(p.stdout)


def utc_of(start, minutes):
    """The API's wall-clock start as UTC ISO strings of start and end; the
    autumn's repeated hour is the first (fold=0, summer time)."""
    t = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M").replace(tzinfo=CPH)
    s = t.astimezone(datetime.timezone.utc)
    e = s + datetime.timedelta(minutes=minutes)
    fmt = "%Y-%m-%dT%H:%M:%S.000Z"
    return s.strftime(fmt), e.strftime(fmt)


def set_up(leder, vis, ter):
    r = leder.request("POST", "/api/v1/locations", {
        "name": "Træningscenter Nord", "address": "Hobrovej 10, 9000 Aalborg",
        "rooms": [{"name": "Sal 1", "capacity": 6}]})
    room = r.json["rooms"][0]["id"]
    for name in ("ter.a", "ter.a2"):
        leder.request("PUT", f"/api/v1/staff/{name}",
                      {"profession": "fysioterapeut", "hours": HOURS})
    tue = TODAY + datetime.timedelta(days=(1 - TODAY.weekday()) % 7 + 7)
    r = leder.request("POST", "/api/v1/teams", {
        "name": "Balancehold", "paragraph": "86.1", "room": room, "weekday": 2,
        "time": "10:00", "minutes": 45, "capacity": 4, "therapist": "ter.a",
        "from": days_ago(60), "to": None})
    team = r.json["id"]
    cases = []
    for cpr, name, _ in CITIZENS:
        cid = register_case(vis, cpr, name, referred_days_ago=40)
        add_event(vis, cid, {"type": "decision", "date": days_ago(35), "granted": True,
                             "grant": dict(GRANT, sessions_per_week=7)})
        cases.append(cid)
    bookings = [
        {"case": cases[0], "start": (TODAY - datetime.timedelta(days=10)).isoformat() +
         "T09:00", "minutes": 45, "kind": "training", "room": room},
        {"case": cases[0], "start": (TODAY + datetime.timedelta(days=3)).isoformat() +
         "T13:15", "minutes": 30, "kind": "assessment", "home": True},
        {"case": cases[1], "start": tue.isoformat() + "T10:00", "minutes": 45,
         "kind": "training", "team": team},
        {"case": cases[2], "start": tue.isoformat() + "T10:00", "minutes": 45,
         "kind": "training", "team": team},
        {"case": cases[2], "start": (TODAY + datetime.timedelta(days=20)).isoformat() +
         "T08:00", "minutes": 45, "kind": "training", "room": room},
        # outside the window: 5 weeks back, 13 weeks ahead
        {"case": cases[1], "start": (TODAY - datetime.timedelta(days=35)).isoformat() +
         "T09:00", "minutes": 45, "kind": "assessment", "home": True},
        {"case": cases[1], "start": (TODAY + datetime.timedelta(days=91)).isoformat() +
         "T09:00", "minutes": 45, "kind": "assessment", "home": True},
        # the summer-time change days of 2026
        {"case": cases[0], "start": "2026-03-29T03:00", "minutes": 45, "kind": "assessment",
         "home": True},
        {"case": cases[0], "start": "2026-10-25T02:30", "minutes": 60, "kind": "assessment",
         "home": True},
    ]
    ids = []
    # Booked by the leder, whose "holidays": true allows a public holiday:
    # the dates follow today, and some fall on one (Christmas, Easter).
    for b in bookings:
        r = leder.request("POST", "/api/v1/appointments", dict(b, therapist="ter.a",
                                                               holidays=True))
        if r.status != 201:
            raise RuntimeError(f"booking {b}: {r}")
        ids.append(r.json["id"])
    r = ter.request("POST", f"/api/v1/appointments/{ids[4]}/cancel",
                    {"by": "provider", "reason": "terapeuten er syg"})
    if r.status != 200:
        raise RuntimeError(f"cancel: {r}")
    return cases, ids


def test_keys(t, srv, leder, vis, ter, ter2, leder_b):
    r = ter2.request("POST", "/api/v1/staff/ter.a/calendar-key")
    t.ok(r.status == 403, "another therapist makes no key for ter.a: 403", r)
    r = vis.request("POST", "/api/v1/staff/ter.a/calendar-key")
    t.ok(r.status == 403, "a visitator makes no key: 403", r)
    r = leder.request("POST", "/api/v1/staff/vis.a/calendar-key")
    t.ok(r.status == 404, "a key for a visitator (no therapist): 404", r)
    r = leder_b.request("POST", "/api/v1/staff/ter.a/calendar-key")
    t.ok(r.status == 404, "another municipality's leder: 404", r)
    r = ter.request("POST", "/api/v1/staff/ter.a/calendar-key")
    t.ok(r.status == 201 and re.fullmatch(r"[A-Za-z0-9_-]{43}", r.json.get("key", "")),
         "the therapist makes their own key: 201 {key}", r)
    old = r.json["key"]
    anon = Client(srv.port)
    r = anon.request("GET", f"/api/v1/staff/ter.a/calendar.ics?key={old}")
    t.ok(r.status == 200 and r.headers.get("content-type", "").startswith("text/calendar"),
         "the feed without a login: 200 text/calendar", r)
    r = leder.request("POST", "/api/v1/staff/ter.a/calendar-key")
    t.ok(r.status == 201 and r.json["key"] != old, "a leder makes a new key: 201", r)
    key = r.json["key"]
    for path, what in [(f"ter.a/calendar.ics?key={old}", "the ended key"),
                       ("ter.a/calendar.ics", "no key"),
                       (f"ter.a/calendar.ics?key={key[:-1]}x", "a wrong key"),
                       (f"ter.a2/calendar.ics?key={key}", "the key with another name"),
                       (f"nobody/calendar.ics?key={key}", "an unknown name")]:
        r = anon.request("GET", "/api/v1/staff/" + path)
        t.ok(r.status == 404 and r.headers.get("content-type", "").startswith(
            "application/problem+json"), f"{what}: 404", r)
    pg = r.raw.decode()
    t.ok("ter.a" not in pg and old not in pg, "the 404 names no one", pg)
    return key


def compare(t, feed, items, cases):
    by_uid = {e["uid"]: e for e in feed["events"]}
    t.ok(len(feed["events"]) == len(items) == len(by_uid),
         f"one VEVENT per appointment in the window ({len(items)}), UIDs unique",
         [e["uid"] for e in feed["events"]], [i["id"] for i in items])
    initials = {cid: c[2] for cid, c in zip(cases, CITIZENS)}
    bad = []
    for a in items:
        ev = by_uid.get(f"appointment-{a['id']}@aalborg.genop")
        start, end = utc_of(a["start"], a["minutes"])
        kind = "Vurdering" if a["kind"] == "assessment" else "Træning"
        place = ("Borgerens hjem" if a["home"] else
                 "Træningscenter Nord, Sal 1, Hobrovej 10, 9000 Aalborg")
        status = "CANCELLED" if a["status"] == "cancelled" else "CONFIRMED"
        want = (start, end, True, status, place)
        got = (ev["start"], ev["end"], ev["start_is_utc"], ev["status"],
               ev["location"]) if ev else None
        if (got != want or not ev["summary"].startswith(kind) or
                not ev["summary"].endswith(": " + initials[a["case"]]) or
                (a["team"] and "Balancehold" not in ev["summary"]) or
                f"Sag {a['case']}," not in ev["description"]):
            bad.append((a, ev))
    t.ok(not bad, "every event as the API has it: start and end, status, place, kind and "
         "initials", *bad)


def test_feed(t, srv, leder, ter, key, cases, ids):
    anon = Client(srv.port)
    r = anon.request("GET", f"/api/v1/staff/ter.a/calendar.ics?key={key}")
    text = r.raw.decode() if r.status == 200 else ""
    feed = parse(text) if text else None
    t.ok(feed is not None and feed["calendar"]["version"] == "2.0" and
         feed["calendar"]["method"] == "PUBLISH",
         "ical.js parses the feed as a VCALENDAR 2.0", text[:400])
    if not feed:
        return
    frm = (TODAY - datetime.timedelta(days=28)).isoformat()
    to = (TODAY + datetime.timedelta(days=84)).isoformat()
    r = ter.request("GET", f"/api/v1/appointments?therapist=ter.a&from={frm}&to={to}")
    items = r.json["items"]
    compare(t, feed, items, cases)
    listed = {i["id"] for i in items}
    uids = {e["uid"] for e in feed["events"]}
    t.ok(f"appointment-{ids[5]}@aalborg.genop" not in uids and
         f"appointment-{ids[6]}@aalborg.genop" not in uids and
         {ids[5], ids[6]}.isdisjoint(listed),
         "5 weeks back and 13 weeks ahead are not in the feed", sorted(uids))
    for i, day in [(7, "2026-03-29"), (8, "2026-10-25")]:
        inside = frm <= day <= to
        t.ok((f"appointment-{ids[i]}@aalborg.genop" in uids) == inside,
             f"the appointment on {day} is in the feed exactly when the window holds it "
             f"({'inside' if inside else 'outside'}, {frm}..{to}); its instant is checked "
             "by the comparison and by test_calendar_feed.c", sorted(uids))
    t.ok(not re.search(r"\d{6}-?\d{4}", text) and
         not any(w in text for _, n, _ in CITIZENS for w in n.replace("-", " ").split()
                 if len(w) > 2), "no CPR number and no part of a name in the feed", text)
    again = parse(anon.request("GET", f"/api/v1/staff/ter.a/calendar.ics?key={key}").raw
                  .decode())
    t.ok(again and [e["uid"] for e in again["events"]] == [e["uid"] for e in feed["events"]],
         "the UIDs are stable across reads")
    srv.reads_imported()
    vis = login_as(srv, "vis.a")
    for cid, (_, name, _) in zip(cases, CITIZENS):
        cit = vis.request("GET", f"/api/v1/cases/{cid}").json["citizen"]["id"]
        srv.reads_imported()
        r = leder.request("GET", f"/api/v1/citizens/{cit}/access-log?limit=200")
        rows = [i for i in r.json.get("items", []) if i.get("action") == "calendar.feed"]
        t.ok(rows and all(i.get("user") == "ter.a" and i.get("purpose") for i in rows),
             f"reading the feed is in {name}'s access log, as ter.a, with its purpose", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    p = subprocess.run(["bash", os.path.join(ICAL, "install.sh")], capture_output=True)
    if p.returncode != 0:
        t.ok(False, "tests/ical/install.sh installs ical.js", p.stderr.decode())
        return t.done()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "leder", "leder.a"),
                       ("aalborg", "visitator", "vis.a"),
                       ("aalborg", "terapeut", "ter.a"),
                       ("aalborg", "terapeut", "ter.a2"),
                       ("skive", "leder", "leder.b")])
        srv.start()
        leder, vis, ter = login_as(srv, "leder.a"), login_as(srv, "vis.a"), login_as(srv, "ter.a")
        cases, ids = set_up(leder, vis, ter)
        key = test_keys(t, srv, leder, vis, ter, login_as(srv, "ter.a2"),
                        login_as(srv, "leder.b"))
        test_feed(t, srv, leder, ter, key, cases, ids)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
