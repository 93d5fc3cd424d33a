#!/usr/bin/env python3
"""API tests of finding cases and citizens (shared/spec/api.md, "Finding
cases"), and of the case list's pages and filters, against a real
`genop serve` on a fresh database:

- GET /api/v1/cases?q=TEXT: by CPR number with and without the dash, by
  case number, by the words of a name (every word at the start of a word of
  the name, in any order, case-insensitive, æ, ø and å letters of their
  own: "ben kri" finds Bent Kristensen, "ent" finds nothing); the same
  shape as the list, with the citizen's birth date and the case's status;
  another municipality's citizen never, by any of them; 422 with the field
  "q" for a text that cannot be searched;
- every citizen a search shows has one access-log row (not one per case),
  whose purpose names the search but never a CPR number;
- GET /api/v1/citizens?q=TEXT for a leder or an admin (name, birth date,
  case numbers; no health data), logged with the control of access as
  its purpose; 403 for the other roles;
- GET /api/v1/cases: ?limit and ?offset with the total, ?status (open,
  closed and each stage a case passes through as its events are
  registered), ?paragraph, combined with a search; 400 for a status it
  does not know or one that contradicts ?closed.
Prints TAP.

    tests/api/test_search.py PATH/TO/genop
"""

import datetime
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap  # noqa: E402

PROBLEM = "application/problem+json"


def days_ago(n):
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def referral(cpr, name, paragraph="86.1", days=10):
    return {"citizen": {"cpr": cpr, "name": name},
            "referral": {"date": days_ago(days), "paragraph": paragraph, "source": "egen læge",
                         "condition": "hofte", "consent": True}}


def search(c, text, extra=""):
    return c.request("GET", "/api/v1/cases?q=" + urllib.parse.quote(text) + extra)


def ids(r):
    return [i["id"] for i in (r.json or {}).get("items", [])]


class World:
    """The users and cases the tests share."""

    def __init__(self, srv, pw):
        self.clients = {}
        for name in ("vis", "ter", "led", "adm", "vis.skive"):
            c = Client(srv.port)
            c.login(name, pw)
            self.clients[name] = c
        v = self.clients["vis"]

        def add(client, cpr, name, paragraph="86.1"):
            r = client.request("POST", "/api/v1/cases", referral(cpr, name, paragraph))
            assert r.status == 201, r
            return r.json["id"], r.json["citizen"]["id"]

        self.bent1, self.bent1_cit = add(v, "0101451234", "Bent Kristensen")
        self.bent2, self.bent2_cit = add(v, "0202501234", "Bent Kristensen")
        self.krist, self.krist_cit = add(v, "0303551234", "Kristian Bentsen")
        self.aase, self.aase_cit = add(v, "0404601234", "Åse Ærø-Østergård", "86.2")
        self.rene, self.rene_cit = add(v, "0505701234", "René Müller")
        self.bent1b, _ = add(v, "010145-1234", "Bent Kristensen")     # Bent's second case
        self.skive, self.skive_cit = add(self.clients["vis.skive"], "0101451234",
                                         "Bent Kristensen")


def run_search_tests(t, w):
    v = w.clients["vis"]
    r = search(v, "ben kri")
    want = [w.bent1b, w.krist, w.bent2, w.bent1]
    t.ok(r.status == 200 and ids(r) == want and r.json["total"] == 4,
         '"ben kri" finds both Bent Kristensens and Kristian Bentsen, newest first', r)
    item = (r.json or {"items": [{}]})["items"][0]
    t.ok(set(item) >= {"id", "citizen", "paragraph", "referral_date", "closed", "status",
                       "next_due"} and item.get("citizen", {}).get("birth_date") == "1945-01-01"
         and item.get("status") == "referred",
         "a result has the list's shape, with the birth date and the status", item)
    t.ok(ids(search(v, "bent kristensen")) == [w.bent1b, w.bent2, w.bent1],
         '"bent kristensen": every word must start a word of the name')
    for text in ("ent", "sen", "isten", "bent x"):
        r = search(v, text)
        t.ok(r.status == 200 and ids(r) == [] and r.json["total"] == 0,
             f'"{text}" finds nothing: words match only at the start of a name\'s words', r)
    t.ok(ids(search(v, "BENT kRiStEnSeN")) == [w.bent1b, w.bent2, w.bent1],
         "the search is case-insensitive")
    for text in ("åse", "ÆRØ", "øster", "Åse ærø østergård"):
        t.ok(ids(search(v, text)) == [w.aase], f'"{text}" finds Åse Ærø-Østergård')
    for text in ("ase", "aero", "oster"):
        t.ok(ids(search(v, text)) == [], f'"{text}" does not: æ, ø and å are letters of their own')
    t.ok(ids(search(v, "rene mül")) == [w.rene] and ids(search(v, "René")) == [w.rene],
         "é and ü are found with and without their accents")
    for text in ("010145-1234", "0101451234", " 0101451234 "):
        r = search(v, text)
        t.ok(ids(r) == [w.bent1b, w.bent1], f'CPR number "{text}" finds the citizen\'s cases', r)
    t.ok(ids(search(v, str(w.bent2))) == [w.bent2], "a case number finds its case")
    t.ok(ids(search(v, "0909091234")) == [], "an unknown CPR number finds nothing")


def run_isolation_tests(t, w):
    v, s = w.clients["vis"], w.clients["vis.skive"]
    for text in ("bent", "0101451234", "010145-1234", str(w.skive)):
        r = search(v, text)
        t.ok(r.status == 200 and w.skive not in ids(r) and all(
            i["citizen"]["id"] != w.skive_cit for i in r.json["items"]),
            f'another municipality\'s citizen never appears ("{text}")', r)
    t.ok(ids(search(s, "bent")) == [w.skive] and ids(search(s, "0101451234")) == [w.skive],
         "Skive finds only its own Bent Kristensen")
    t.ok(ids(search(s, str(w.bent1))) == [] and ids(search(s, "åse")) == [],
         "nor Aalborg's case by number or name")
    r = w.clients["led"].request("GET", "/api/v1/citizens?q=bent")
    t.ok(r.status == 200 and w.skive_cit not in [i["id"] for i in r.json["items"]],
         "nor in the citizen search", r)


def run_refusal_tests(t, w):
    v = w.clients["vis"]
    cases = [("", "Skriv et navn"), ("   ", "Skriv et navn"), ("--", "Skriv et navn"),
             ("a" * 101, "højst 100 tegn"), ("a b c d e f g h i", "højst 8 ord")]
    for text, needle in cases:
        r = search(v, text)
        body = r.json or {}
        t.ok(r.status == 422 and r.headers.get("content-type", "").startswith(PROBLEM)
             and body.get("field") == "q" and needle in body.get("detail", ""),
             f"422 naming q for {text[:12]!r}: {needle}", r)
    r = v.request("GET", "/api/v1/cases?q=%FF")
    t.ok(r.status == 422 and "UTF-8" in (r.json or {}).get("detail", ""),
         "422 for text that is not UTF-8", r)
    t.ok(search(v, "a" * 100).status == 200, "100 characters are searched")
    r = w.clients["adm"].request("GET", "/api/v1/cases?q=bent")
    t.ok(r.status == 403, "an admin cannot search cases (no case data)", r)
    for role in ("ter", "led"):
        t.ok(ids(search(w.clients[role], "ben kri")) == [w.bent1b, w.krist, w.bent2, w.bent1],
             f"a {role} searches cases too")


def log_of(w, citizen):
    r = w.clients["led"].request("GET", f"/api/v1/citizens/{citizen}/access-log?limit=500")
    return (r.json or {}).get("items", [])


def run_access_log_tests(t, w):
    v = w.clients["vis"]
    before = {c: log_of(w, c) for c in (w.bent1_cit, w.aase_cit)}
    search(v, "ben kri")
    rows = [x for x in log_of(w, w.bent1_cit) if x not in before[w.bent1_cit]
            and x["action"] == "case.search"]
    t.ok(len(rows) == 1 and rows[0]["user"] == "vis" and rows[0]["case"] is None
         and rows[0]["purpose"] == 'søgning på navn "ben kri"',
         "one access-log row for a citizen shown with two cases, the search as its purpose", rows)
    t.ok(not [x for x in log_of(w, w.aase_cit) if x not in before[w.aase_cit]
              and x["action"] == "case.search"],
         "no row for a citizen the search did not show")
    search(v, "010145-1234")
    rows = [x for x in log_of(w, w.bent1_cit) if x["action"] == "case.search"]
    t.ok(rows and rows[0]["purpose"] == "søgning på CPR-nummer"
         and not any("0101" in x["purpose"] for x in rows),
         "a CPR search is logged as one, never with the number", rows[:2])
    search(v, str(w.aase))
    rows = [x for x in log_of(w, w.aase_cit) if x["action"] == "case.search"]
    t.ok(rows and rows[0]["purpose"] == f"søgning på sagsnummer {w.aase}",
         "a case number search names the number", rows[:1])
    # A page shows only its citizens: the second of four, one a page.
    before = {c: len(log_of(w, c)) for c in (w.bent1_cit, w.bent2_cit, w.krist_cit)}
    r = search(v, "ben kri", "&limit=1&offset=1")
    t.ok(ids(r) == [w.krist] and r.json["total"] == 4 and r.json["offset"] == 1,
         "a search is paged, with its total", r)
    grew = {c: len(log_of(w, c)) - before[c] for c in before}
    # Each listing of a log adds its own accesslog.read row: 1 there, 2 shown.
    t.ok(grew == {w.bent1_cit: 1, w.bent2_cit: 1, w.krist_cit: 2},
         "only the page's citizen is logged as shown", grew)


def run_citizen_search_tests(t, w):
    for role in ("led", "adm"):
        r = w.clients[role].request("GET", "/api/v1/citizens?q=" + urllib.parse.quote("kristensen"))
        items = (r.json or {}).get("items", [])
        t.ok(r.status == 200 and [i["id"] for i in items] == [w.bent1_cit, w.bent2_cit]
             and items[0] == {"id": w.bent1_cit, "name": "Bent Kristensen",
                              "birth_date": "1945-01-01", "cases": [w.bent1b, w.bent1],
                              "case_count": 2}
             and r.json["total"] == 2,
             f"a {role} finds citizens: name, birth date and case numbers, no health data", r)
    for role in ("vis", "ter"):
        r = w.clients[role].request("GET", "/api/v1/citizens?q=bent")
        t.ok(r.status == 403, f"a {role} may not search citizens for their access log", r)
    r = w.clients["adm"].request("GET", f"/api/v1/citizens?q={w.aase}")
    t.ok([i["id"] for i in r.json["items"]] == [w.aase_cit], "by a case number: its citizen", r)
    r = w.clients["adm"].request("GET", "/api/v1/citizens?q=bent&limit=1&offset=1")
    t.ok(r.status == 200 and [i["id"] for i in r.json["items"]] == [w.bent2_cit]
         and r.json["total"] == 3 and r.json["limit"] == 1, "the citizen search is paged", r)
    r = w.clients["adm"].request("GET", "/api/v1/citizens")
    t.ok(r.status == 422 and (r.json or {}).get("field") == "q", "422 without q", r)
    rows = [x for x in log_of(w, w.bent2_cit) if x["action"] == "citizen.search"]
    t.ok(rows and rows[0]["user"] == "adm" and rows[0]["purpose"] ==
         'kontrol af adgang til personoplysninger: søgning på navn "bent"',
         "a citizen shown by the citizen search is logged, for the control of access", rows[:1])


def event(c, case, body):
    r = c.request("POST", f"/api/v1/cases/{case}/events", body)
    assert r.status == 201, r
    return r


def statuses(c, query):
    r = c.request("GET", "/api/v1/cases?limit=500&" + query)
    return r, {i["id"]: i["status"] for i in (r.json or {}).get("items", [])}


def run_list_tests(t, w):
    v = w.clients["vis"]
    event(v, w.bent1, {"type": "decision", "date": days_ago(8), "granted": False,
                         "reasons": [{"criterion": "other", "text": "Ikke behov for træning."}]})
    event(v, w.bent2, {"type": "decision", "date": days_ago(8), "granted": True, "grant": GRANT})
    event(v, w.krist, {"type": "decision", "date": days_ago(8), "granted": True, "grant": GRANT})
    event(v, w.krist, {"type": "session", "date": days_ago(6), "minutes": 45,
                       "outcome": "attended"})
    event(v, w.rene, {"type": "decision", "date": days_ago(8), "granted": False,
                         "reasons": [{"criterion": "other", "text": "Ikke behov for træning."}]})
    event(v, w.rene, {"type": "complaint_received", "date": days_ago(5)})
    event(v, w.bent1b, {"type": "closed", "date": days_ago(2), "reason": "other"})
    r, all_ = statuses(v, "")
    t.ok(all_ == {w.bent1: "refused", w.bent2: "granted", w.krist: "training",
                  w.aase: "referred", w.rene: "complaint", w.bent1b: "closed"},
         "each case's status follows its events", all_)
    for status, want in (("referred", [w.aase]), ("granted", [w.bent2]),
                         ("training", [w.krist]), ("refused", [w.bent1]),
                         ("complaint", [w.rene]), ("closed", [w.bent1b])):
        r, got = statuses(v, "status=" + status)
        t.ok(r.status == 200 and list(got) == want and r.json["total"] == len(want),
             f"?status={status}", r)
    r, got = statuses(v, "status=open")
    t.ok(sorted(got) == sorted([w.bent1, w.bent2, w.krist, w.aase, w.rene]),
         "?status=open: every case not closed", got)
    r, got = statuses(v, "paragraph=86.2")
    t.ok(list(got) == [w.aase], "?paragraph=86.2", got)
    r, got = statuses(v, "status=refused&q=" + urllib.parse.quote("bent"))
    t.ok(list(got) == [w.bent1], "a search and a status filter together", got)
    r = v.request("GET", "/api/v1/cases?limit=2&offset=2")
    t.ok(r.status == 200 and ids(r) == [w.aase, w.krist] and r.json["total"] == 6
         and r.json["limit"] == 2 and r.json["offset"] == 2,
         "the list is paged: limit, offset and the total", r)
    r = v.request("GET", "/api/v1/cases?limit=2&offset=6")
    t.ok(r.status == 200 and ids(r) == [] and r.json["total"] == 6, "past the end: empty", r)
    for query, field in (("status=shelved", "status"), ("status=open&closed=true", "status"),
                         ("limit=0", "limit"), ("paragraph=86.3", "paragraph")):
        r = v.request("GET", "/api/v1/cases?" + query)
        t.ok(r.status == 400 and (r.json or {}).get("field") == field, f"400 for ?{query}", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        pw = None
        for muni, role, name in (("aalborg", "visitator", "vis"), ("aalborg", "terapeut", "ter"),
                                 ("aalborg", "leder", "led"), ("aalborg", "admin", "adm"),
                                 ("skive", "visitator", "vis.skive")):
            pw = srv.add_user(muni, role, name)
        srv.start()
        w = World(srv, pw)
        run_search_tests(t, w)
        run_isolation_tests(t, w)
        run_refusal_tests(t, w)
        run_access_log_tests(t, w)
        run_citizen_search_tests(t, w)
        run_list_tests(t, w)
    except Exception as exc:  # a crash is a failure, not a silent pass
        t.ok(False, "the search tests ran to the end", repr(exc))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
