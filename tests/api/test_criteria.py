#!/usr/bin/env python3
"""Who can and cannot receive training, and a refusal's reasons
(shared/spec/letters.md section 1), over HTTP against a real `genop serve`:
- GET /api/v1/standard lists `criteria` for all five municipalities: the
  eligibility rules (minimum_age, residency, hospital_plan_excludes,
  quarantine, as the standard has them) and the target-group criteria of
  its YAML, each with its Danish text and its source (section, quote,
  citation); Rødovre's "kunne træne i andet regi" and Nyborg's "selv i
  stand til" among them;
- a refusal (`decision`, "granted": false) is 422 with `field`: without
  reasons ($.reasons), with an empty list, with an item that is no object
  ($.reasons[0]), with a criterion the municipality does not list
  ($.reasons[i].criterion, also another municipality's), with an empty or
  too long text ($.reasons[i].text); reasons on a grant are 422 too; a
  correction that makes a refusal checks the same under $.event;
- a good refusal (a criterion, "other") is stored and shown back on the
  case with its reasons;
- `genop evaluate` still reads a decision without reasons, and one with
  reasons gives the same result (the core ignores the member).
Prints TAP.

    tests/api/test_criteria.py PATH/TO/genop
"""

import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

PW = "korrekt-hest-batteri"
MUNIS = ("rodovre", "skive", "nyborg", "ishoj", "aalborg")
ELIGIBILITY = {"minimum_age", "residency", "hospital_plan_excludes", "quarantine"}


def ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def referral(cpr, name, date):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": date, "paragraph": "86.1", "source": "egen læge",
                         "condition": "hofte", "consent": True}}


def refusal(reasons=None, date=None, **extra):
    body = {"type": "decision", "date": date or ago(5), "granted": False}
    if reasons is not None:
        body["reasons"] = reasons
    body.update(extra)
    return body


def login(t, srv, user):
    c = Client(srv.port)
    r = c.login(user, PW)
    if r.status != 200:
        raise RuntimeError(f"login {user}: {r}")
    return c


def listing_tests(t, clients):
    """Each municipality's criteria, with their sources."""
    for muni in MUNIS:
        r = clients[muni].request("GET", "/api/v1/standard")
        doc = r.json or {}
        crit = doc.get("criteria") or []
        ids = [c.get("id") for c in crit]
        elig = {e.get("id") for e in doc.get("eligibility") or []}
        own = [c for c in crit if c.get("kind") == "target_group"]
        t.ok(r.status == 200 and len(ids) == len(set(ids)) and "other" not in ids,
             f"{muni}: criteria listed once each, 'other' not among them", ids)
        t.ok([i for i in ids if i in ELIGIBILITY] == [e.get("id") for e in doc["eligibility"]]
             and ids[:len(elig)] == [e.get("id") for e in doc["eligibility"]],
             f"{muni}: the eligibility rules first, as the standard has them", ids, elig)
        t.ok(len(own) >= 2 and all(c.get("source", {}).get("section")
                                   and c.get("source", {}).get("quote")
                                   and c.get("source", {}).get("citation", "").startswith(
                                       doc["municipality"]["short_name"] + ", ")
                                   and c.get("text") and c.get("paragraphs")
                                   for c in own),
             f"{muni}: target-group criteria, each with text, paragraphs and a cited quote", own)
        t.ok(all(c.get("text") and c.get("source", {}).get("citation") for c in crit),
             f"{muni}: every criterion has a text and a source", crit)
    rod = {c["id"]: c for c in clients["rodovre"].request("GET", "/api/v1/standard").json["criteria"]}
    t.ok(rod.get("can_train_elsewhere", {}).get("source", {}).get("quote")
         == "Borgere som vurderes at kunne træne i andet regi"
         and rod["can_train_elsewhere"]["source"]["section"] == "Hvem kan ikke modtage ydelsen?",
         "Rødovre: 'kunne træne i andet regi', under 'Hvem kan ikke modtage ydelsen?'",
         rod.get("can_train_elsewhere"))
    t.ok("hospital_plan_excludes" in rod and "Sundhedslovens § 140" in
         rod["hospital_plan_excludes"]["source"]["quote"],
         "Rødovre: the hospital plan rule is a criterion with its source", rod.get("hospital_plan_excludes"))
    ny = {c["id"]: c for c in clients["nyborg"].request("GET", "/api/v1/standard").json["criteria"]}
    t.ok("Er du selv i stand til at forbedre eller vedligeholde din funktionsevne"
         in ny.get("can_improve_alone", {}).get("source", {}).get("quote", ""),
         "Nyborg: 'Er du selv i stand til ...'", ny.get("can_improve_alone"))
    aal = {c["id"]: c for c in clients["aalborg"].request("GET", "/api/v1/standard").json["criteria"]}
    t.ok(aal.get("needs_maintenance", {}).get("paragraphs") == ["86.2"]
         and aal.get("temporarily_weakened", {}).get("paragraphs") == ["86.1"],
         "Aalborg: each section's criteria for its own paragraph", aal)


def refused(t, c, case_id, body, field, name, words=None):
    r = c.request("POST", f"/api/v1/cases/{case_id}/events", body)
    detail = (r.json or {}).get("detail", "")
    t.ok(r.status == 422 and (r.json or {}).get("field") == field
         and (words is None or words in detail), f"{name}: 422 at {field}", r)


def refusal_tests(t, c):
    """Every refusal of letters.md section 1 for reasons, then a good one."""
    r = c.request("POST", "/api/v1/cases", referral("0202401234", "Rita Afslag", ago(10)))
    t.ok(r.status == 201, "Rødovre: a referral", r)
    k = (r.json or {}).get("id")
    c.request("POST", f"/api/v1/cases/{k}/events", {"type": "contacted", "date": ago(9)})
    good = {"criterion": "can_train_elsewhere", "text": "Borgeren går til gymnastik to gange om ugen."}
    refused(t, c, k, refusal(), "$.reasons", "a refusal without reasons", "mindst ét kriterium")
    refused(t, c, k, refusal() | {"reasons": None}, "$.reasons",
            "a refusal with reasons null")
    refused(t, c, k, refusal([]), "$.reasons", "a refusal with an empty list of reasons")
    refused(t, c, k, refusal("andet regi"), "$.reasons", "reasons that are no list")
    refused(t, c, k, refusal(["can_train_elsewhere"]), "$.reasons[0]", "a reason that is no object")
    refused(t, c, k, refusal([good, {"criterion": "flyttet", "text": "Flytter."}]),
            "$.reasons[1].criterion", "an unknown criterion", "can_train_elsewhere")
    refused(t, c, k, refusal([{"criterion": "sudden_decline", "text": "Intet fald."}]),
            "$.reasons[0].criterion", "another municipality's criterion (Nyborg's)", "'sudden_decline'")
    refused(t, c, k, refusal([{"text": "Uden kriterium."}]), "$.reasons[0].criterion",
            "a reason without a criterion")
    refused(t, c, k, refusal([{"criterion": "other", "text": ""}]), "$.reasons[0].text",
            "a reason with an empty text")
    refused(t, c, k, refusal([{"criterion": "other", "text": " \n "}]), "$.reasons[0].text",
            "a reason with a blank text")
    refused(t, c, k, refusal([{"criterion": "other"}]), "$.reasons[0].text",
            "a reason without a text")
    refused(t, c, k, refusal([{"criterion": "other", "text": "x" * 4001}]), "$.reasons[0].text",
            "a reason with a text over 4000 bytes", "4000")
    refused(t, c, k, refusal([good] * 11), "$.reasons", "eleven reasons")
    refused(t, c, k, {"type": "decision", "date": ago(5), "granted": True, "reasons": [good]},
            "$.reasons", "reasons given with a grant")
    case = c.request("GET", f"/api/v1/cases/{k}").json or {}
    t.ok(not [e for e in case.get("events", []) if e.get("type") == "decision"],
         "none of them was stored", case.get("events"))

    reasons = [good, {"criterion": "other", "text": "Har ikke ønsket træning ved samtalen.\nSe notat."},
               {"criterion": "hospital_plan_excludes", "text": "Plan fra Hvidovre Hospital."}]
    r = c.request("POST", f"/api/v1/cases/{k}/events", refusal(reasons, text="Samlet vurdering."))
    t.ok(r.status == 201, "a refusal with a criterion, 'other' and an eligibility rule is stored", r)
    case = c.request("GET", f"/api/v1/cases/{k}").json or {}
    dec = [e for e in case.get("events", []) if e.get("type") == "decision"]
    t.ok(len(dec) == 1 and dec[0].get("reasons") == reasons and dec[0].get("granted") is False
         and dec[0].get("text") == "Samlet vurdering.",
         "the case shows the refusal with its reasons as given", dec)
    dec_id = dec[0].get("id") if dec else None
    fix = {"type": "correction", "date": ago(1), "corrects": dec_id, "reason": "Forkert kriterium",
           "event": refusal([{"criterion": "nope", "text": "x"}], date=ago(4))}
    refused(t, c, k, fix, "$.event.reasons[0].criterion", "a correction to an unknown criterion")
    fix["event"] = refusal(date=ago(4))
    refused(t, c, k, fix, "$.event.reasons", "a correction to a refusal without reasons")
    fix["event"] = refusal([good], date=ago(4))
    r = c.request("POST", f"/api/v1/cases/{k}/events", fix)
    t.ok(r.status == 201, "a correction to a refusal with a known criterion is stored", r)


def evaluate_tests(t, genop):
    """genop evaluate reads decisions without reasons, and ignores them."""
    base = {"citizen": {}, "events": [
        {"type": "referral_received", "date": "2025-04-01", "paragraph": "86.1"},
        {"type": "contacted", "date": "2025-04-02"},
        {"type": "decision", "date": "2025-04-03", "granted": False}]}
    with_reasons = json.loads(json.dumps(base))
    with_reasons["events"][2]["reasons"] = [{"criterion": "not_a_criterion", "text": "x"}, 7]
    out = []
    with tempfile.TemporaryDirectory() as d:
        for name, case in (("without", base), ("with", with_reasons)):
            path = os.path.join(d, f"{name}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(case, f)
            p = subprocess.run([genop, "evaluate", "--standard", "rodovre", "--as-of", "2025-05-01",
                                path], capture_output=True, text=True, check=False)
            out.append(p)
    t.ok(out[0].returncode == 0, "evaluate: a refusal without reasons is read", out[0].stderr)
    t.ok(out[1].returncode == 0 and out[1].stdout == out[0].stdout,
         "evaluate: reasons (even malformed ones) change nothing", out[1].stderr)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        for muni in MUNIS:
            srv.add_user(muni, "visitator", f"vis.{muni}")
        srv.start()
        clients = {m: login(t, srv, f"vis.{m}") for m in MUNIS}
        listing_tests(t, clients)
        refusal_tests(t, clients["rodovre"])
        evaluate_tests(t, genop)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "criteria tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
