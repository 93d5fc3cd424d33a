#!/usr/bin/env python3
"""API tests of the citizen's identity (shared/spec/api.md, "Finding cases,
owning them"; src/casework/referral.c, referral_identity.c): a referral
whose CPR number the municipality knows with another name is 409
problem+json carrying the stored citizen {"id", "name"}, stores nothing,
and logs the read of the stored citizen; the same body with
"update_citizen": true stores the new name (the old one in the citizen's
history of names) and opens the case; another municipality's citizen with
the same CPR number is never revealed (a 409 only inside the same
municipality); an open case of the same paragraph and condition gives
201 with a warning naming it; a referral by someone other than the citizen
needs "consent": true (422 at $.referral.consent); the contact person and
the exemption from Digital Post are stored and shown to the roles that see
contact details. Prints TAP.

    tests/api/test_identity.py PATH/TO/genop
"""

import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

PROBLEM = "application/problem+json"
CPR = "010150-1234"


def days_ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def referral(name, cpr=CPR, condition="hofte", paragraph="86.1", **more):
    body = {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": days_ago(5), "paragraph": paragraph, "source": "egen læge",
                         "consent": True}}
    if condition is not None:
        body["referral"]["condition"] = condition
    body.update(more)
    return body


def is_problem(r, status):
    body = r.json or {}
    return (r.status == status and r.headers.get("content-type", "").startswith(PROBLEM)
            and all(k in body for k in ("type", "title", "status", "detail")))


def cases_of(c, citizen):
    r = c.request("GET", f"/api/v1/cases?citizen={citizen}&limit=500")
    return [x["id"] for x in (r.json or {}).get("items", [])]


def run_conflict(t, w, srv):
    vis, led = w["vis.a"], w["led.a"]
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristensen"))
    t.ok(r.status == 201 and r.json["citizen"]["created"] is True and r.json.get("warnings") == [],
         "a new citizen's referral: 201, the citizen created, no warnings", r)
    first, citizen = r.json["id"], r.json["citizen"]["id"]

    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen"))
    t.ok(is_problem(r, 409) and r.json.get("citizen") == {"id": citizen, "name": "Bent Kristensen"},
         "a known CPR number with another name: 409 problem+json with the stored citizen {id, name}", r)
    detail = (r.json or {}).get("detail", "")
    t.ok("Bent Kristensen" in detail and "Bent Kristiansen" in detail and "CPR" in detail,
         "the 409's Danish detail names both names", detail)
    t.ok(cases_of(vis, citizen) == [first], "the 409 stored no case", cases_of(vis, citizen))
    name = vis.request("GET", f"/api/v1/cases/{first}").json["citizen"]["name"]
    t.ok(name == "Bent Kristensen", "the 409 left the stored name as it was", name)
    r = led.request("GET", f"/api/v1/citizens/{citizen}/access-log?limit=500")
    rows = [x for x in (r.json or {}).get("items", []) if x.get("action") == "citizen.identity"]
    t.ok(r.status == 200 and len(rows) == 1 and rows[0].get("user") == "vis.a",
         "the access log records the read of the stored citizen the 409 showed", r)

    r = vis.request("POST", "/api/v1/cases", referral("  Bent Kristensen  ", condition="ryg"))
    t.ok(r.status == 201 and r.json["citizen"] == {"id": citizen, "created": False, "renamed": False},
         "the same name with white space around it is the same name: 201, the citizen found", r)

    r = vis.request("POST", "/api/v1/cases", referral("bent kristensen", condition="ryg",
                                                      update_citizen="yes"))
    t.ok(is_problem(r, 422) and r.json.get("field") == "$.update_citizen",
         "update_citizen that is not a boolean: 422 at $.update_citizen", r)

    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition="skulder",
                                                      update_citizen=True))
    t.ok(r.status == 201 and r.json["citizen"] == {"id": citizen, "created": False, "renamed": True},
         "the same body with update_citizen: 201, the same citizen renamed", r)
    new = r.json["id"]
    got = vis.request("GET", f"/api/v1/cases/{new}").json["citizen"]["name"]
    old_case = vis.request("GET", f"/api/v1/cases/{first}").json["citizen"]["name"]
    t.ok(got == "Bent Kristiansen" and old_case == "Bent Kristiansen",
         "the new name is the citizen's, on every case", got, old_case)
    db = sqlite3.connect(f"file:{srv.db}?mode=ro", uri=True)
    try:
        hist = db.execute("SELECT old_name, new_name, changed_by, changed_at FROM citizen_names"
                          " WHERE citizen_id = ?", (citizen,)).fetchall()
    finally:
        db.close()
    t.ok(len(hist) == 1 and hist[0][:3] == ("Bent Kristensen", "Bent Kristiansen", "vis.a")
         and hist[0][3].startswith(datetime.date.today().isoformat()[:4]),
         "the old name stays in the citizen's history with the time and the user", hist)
    r = vis.request("GET", "/api/v1/cases?q=kristiansen")
    t.ok(citizen in [x["citizen"]["id"] for x in (r.json or {}).get("items", [])],
         "the renamed citizen is found by the new name", r)
    return citizen, first


def run_other_municipality(t, w):
    """Skive knows nothing of Aalborg's citizen with the same CPR number."""
    skive = w["vis.s"]
    r = skive.request("POST", "/api/v1/cases", referral("Helt Anden Person"))
    text = r.raw.decode("utf-8", "replace") if r.raw else ""
    t.ok(r.status == 201 and r.json["citizen"]["created"] is True and r.json["warnings"] == []
         and "Kristiansen" not in text and "Kristensen" not in text,
         "another municipality's referral with the same CPR number: a new citizen, "
         "no 409, nothing of Aalborg's citizen revealed", r)
    skive_citizen = r.json["citizen"]["id"]
    r = w["vis.a"].request("POST", "/api/v1/cases", referral("Helt Anden Person", cpr="0202501234"))
    t.ok(r.status == 201, "Aalborg: a CPR number known only in Skive", r)
    r2 = skive.request("POST", "/api/v1/cases", referral("Nogen Tredje", cpr="0202501234"))
    t.ok(r2.status == 201 and r2.json["citizen"]["created"] is True
         and r2.json["citizen"]["id"] != r.json["citizen"]["id"],
         "a 409 only inside the same municipality: Skive's referral of Aalborg's CPR is a new citizen",
         r2)
    r = skive.request("POST", "/api/v1/cases", referral("Helt Anden Person", update_citizen=True,
                                                        condition="knæ"))
    t.ok(r.status == 201 and r.json["citizen"]["id"] == skive_citizen
         and r.json["citizen"]["renamed"] is False,
         "Skive's own citizen is found by its own name", r)


def run_duplicates(t, w, citizen, first):
    vis = w["vis.a"]
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition=" HOFTE "))
    warnings = (r.json or {}).get("warnings")
    t.ok(r.status == 201 and isinstance(warnings, list) and len(warnings) == 1
         and warnings[0].get("code") == "open_case_same_condition" and warnings[0].get("case") == first
         and f"sag {first}" in warnings[0].get("detail", "")
         and "åben sag" in warnings[0].get("detail", ""),
         "an open case with the same paragraph and condition (any case, trimmed): 201 with a "
         "warning naming it in Danish", r)
    dup = r.json["id"]
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition="albue"))
    t.ok(r.status == 201 and r.json["warnings"] == [], "another condition: no warning", r)
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition="hofte",
                                                      paragraph="86.2"))
    t.ok(r.status == 201 and r.json["warnings"] == [], "another paragraph: no warning", r)
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition=None))
    named = sorted(x["case"] for x in (r.json or {}).get("warnings", []))
    t.ok(r.status == 201 and first in named and dup in named
         and all(x["code"] == "open_case_same_condition" for x in r.json["warnings"]),
         "a referral without a condition: every open case of the paragraph is named", r)
    no_condition = r.json["id"]
    r = vis.request("POST", f"/api/v1/cases/{dup}/events",
                    {"type": "closed", "date": days_ago(0), "reason": "goal_reached"})
    t.ok(r.status == 201, "the duplicate is closed", r)
    r = vis.request("POST", "/api/v1/cases", referral("Bent Kristiansen", condition="hofte"))
    t.ok(r.status == 201 and sorted(x["case"] for x in r.json["warnings"]) == [first, no_condition],
         "a closed case is no longer named; an open one without a condition is", r)


def run_consent(t, w):
    vis = w["vis.a"]
    body = referral("Karen Samtykke", cpr="0303503456")
    del body["referral"]["consent"]
    r = vis.request("POST", "/api/v1/cases", body)
    t.ok(is_problem(r, 422) and r.json.get("field") == "$.referral.consent"
         and "samtykke" in r.json.get("detail", "") and "egen læge" in r.json.get("detail", ""),
         "a referral by someone else without consent: 422 at $.referral.consent, in Danish", r)
    body["referral"]["consent"] = False
    r = vis.request("POST", "/api/v1/cases", body)
    t.ok(is_problem(r, 422) and r.json.get("field") == "$.referral.consent",
         "consent: false is refused the same way", r)
    r = vis.request("GET", "/api/v1/cases?q=0303503456")
    t.ok(r.status == 200 and r.json["items"] == [], "a refused referral stored nothing", r)
    body["referral"]["source"] = "Borgeren"
    del body["referral"]["consent"]
    r = vis.request("POST", "/api/v1/cases", body)
    t.ok(r.status == 201, "the citizen's own referral (source \"borgeren\") needs no consent", r)


def run_contact(t, w):
    vis = w["vis.a"]
    body = referral("Else Kontakt", cpr="0404504567")
    body["citizen"]["contact"] = {"relation": "datter"}
    r = vis.request("POST", "/api/v1/cases", body)
    t.ok(is_problem(r, 422) and r.json.get("field") == "$.citizen.contact.name",
         "a contact person without a name: 422 at $.citizen.contact.name", r)
    body["citizen"]["contact"] = {"name": "Lone Kontakt", "relation": "datter", "phone": "20304050"}
    body["citizen"]["digital_post_exempt"] = True
    r = vis.request("POST", "/api/v1/cases", body)
    t.ok(r.status == 201, "a referral with a contact person and exemption from Digital Post", r)
    case = r.json["id"]
    want = {"name": "Lone Kontakt", "relation": "datter", "phone": "20304050"}
    for user in ("vis.a", "ter.a"):
        cit = w[user].request("GET", f"/api/v1/cases/{case}").json["citizen"]
        t.ok(cit.get("contact") == want and cit.get("digital_post_exempt") is True,
             f"{user} sees the contact person and the exemption from Digital Post", cit)
    cit = w["led.a"].request("GET", f"/api/v1/cases/{case}").json["citizen"]
    t.ok("contact" not in cit and "digital_post_exempt" not in cit,
         "a leder sees neither (no contact details)", cit)
    r = vis.request("POST", "/api/v1/cases", referral("Uden Kontakt", cpr="0505504321"))
    cit = vis.request("GET", f"/api/v1/cases/{r.json['id']}").json["citizen"]
    t.ok(cit.get("contact") is None and cit.get("digital_post_exempt") is False,
         "no contact person: null", cit)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        pw = srv.add_user("aalborg", "visitator", "vis.a")
        for muni, role, user in (("aalborg", "terapeut", "ter.a"), ("aalborg", "leder", "led.a"),
                                 ("skive", "visitator", "vis.s")):
            srv.add_user(muni, role, user)
        srv.start()
        w = {}
        for user in ("vis.a", "ter.a", "led.a", "vis.s"):
            w[user] = Client(srv.port)
            if w[user].login(user, pw).status != 200:
                raise RuntimeError(f"login {user}")
        citizen, first = run_conflict(t, w, srv)
        run_other_municipality(t, w)
        run_duplicates(t, w, citizen, first)
        run_consent(t, w)
        run_contact(t, w)
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
