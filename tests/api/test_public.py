#!/usr/bin/env python3
"""The public page (shared/spec/report.md, "The public page"): GET
/api/v1/public/{ID} and GET /offentlig/{ID}, without login, against cases
put in through the API, dated relative to today in Denmark (the page's
last full month is the month before today's, its 12 months the 12 before
today's month). Every number below is worked out by hand:

Rødovre (contact: 5 calendar days from the referral to the contact;
start: 14 calendar days from the referral to the first session, unless
refused):
- 7 cases referred on day 10 of last month, contacted day 12: contact met;
- 2 referred day 10 of last month, contacted day 20: contact late;
  all 9 have no session: start (due day 24) overdue;
- 5 referred day 5 of the month 6 months before today's, contacted day 6:
  contact met, start overdue;
- 1 referred 10 days before the 12 months begin, contacted that day:
  contact due before the 12 months (not counted), start due 4 days into
  them (overdue, counted);
- 1 referred on the first of today's month, contacted that day: due in
  today's month, not counted.
So contact, last month: kept 7, not kept 2 ("<5"), share at least
7 / (7 + 4) = 0.6363; 12 months: kept 12, not kept "<5", at least
12 / 16 = 0.75. Start, last month: kept 0 ("<5"), not kept 9, open 9,
share at most 4 / (4 + 9) = 0.3077 (rounded up); 12 months: not kept 15,
open 15, at most 4 / 19 = 0.2106.
Aalborg: 6 cases (§ 86, stk. 2) referred on day 3 of last month and
nothing more: decision (5 workdays) and start (10 workdays) overdue, due
within last month: not kept 6, open 6, kept "<5", at most 4 / 10 = 0.4.
Skive: no cases: every count "<5", every share withheld.

Checks: no login needed (and a session changes nothing); the JSON's
shape; suppression (null with "suppressed": true; "<5" in the HTML);
each municipality's page has its own figures only; the bodies hold none
of the CPR numbers, names, addresses, case ids or the cases' dates; the
access log gets no row; 404 for an unknown municipality (problem JSON, a
Danish HTML page); the HTML: lang="da", one h1, every table with a
caption and headers, tags balanced, its style sheet served, no script;
the figures computed once a day (the second answer is the cached one).
Prints TAP.

    tests/api/test_public.py PATH/TO/genop
"""

import datetime
import html.parser
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap, login_as  # noqa: E402

try:
    from zoneinfo import ZoneInfo
    TODAY = datetime.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
except Exception:      # no time zone data: UTC is the same day but near midnight
    TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def months_before(d, n):
    """The first day of the month n months before d's month."""
    m = d.year * 12 + d.month - 1 - n
    return datetime.date(m // 12, m % 12 + 1, 1)


FIRST = TODAY.replace(day=1)
LAST_MONTH = months_before(TODAY, 1)
YEAR_FROM = months_before(TODAY, 12)
SIX_AGO = months_before(TODAY, 6)
END = FIRST - datetime.timedelta(days=1)


def day(first, n):
    return first.replace(day=n).isoformat()


# (municipality, paragraph, referred, contacted or None, how many)
ROWS = [
    ("rodovre", "86.1", day(LAST_MONTH, 10), day(LAST_MONTH, 12), 7),
    ("rodovre", "86.1", day(LAST_MONTH, 10), day(LAST_MONTH, 20), 2),
    ("rodovre", "86.1", day(SIX_AGO, 5), day(SIX_AGO, 6), 5),
    ("rodovre", "86.1", (YEAR_FROM - datetime.timedelta(days=10)).isoformat(),
     (YEAR_FROM - datetime.timedelta(days=10)).isoformat(), 1),
    ("rodovre", "86.1", FIRST.isoformat(), FIRST.isoformat(), 1),
    ("aalborg", "86.2", day(LAST_MONTH, 3), None, 6),
]
SINGLE_DATES = sorted({r[2] for r in ROWS} | {r[3] for r in ROWS if r[3]})


def person(i):
    """The CPR number, name and address of the i-th citizen."""
    cpr = f"{i % 28 + 1:02d}{i % 9 + 1:02d}52{1300 + i:04d}"
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return cpr, f"Mette Testrup{letters[i % 26]}", f"Tårnvej {100 + i}, 2610 Rødovre"


def fill(t, srv):
    """Puts the cases in; returns the people and the case ids."""
    people, ids, i = [], [], 0
    clients = {m: login_as(srv, f"visitator.{m}") for m in ("rodovre", "aalborg")}
    for muni, para, referred, contacted, n in ROWS:
        c = clients[muni]
        for _ in range(n):
            cpr, name, address = person(i)
            i += 1
            r = c.request("POST", "/api/v1/cases", {
                "citizen": {"cpr": cpr, "name": name, "address": address},
                "referral": {"date": referred, "paragraph": para, "source": "egen læge",
                             "condition": "knæ", "consent": True}})
            ok = r.status == 201
            if ok and contacted:
                e = c.request("POST", f"/api/v1/cases/{r.json['id']}/events",
                              {"type": "contacted", "date": contacted})
                ok = e.status == 201
            t.ok(ok, f"{muni}: case {i} referred {referred}", r)
            people.append((cpr, name, address))
            if r.json:
                ids.append(r.json["id"])
    return people, ids


def shown(n):
    return {"count": n, "suppressed": False}


SMALL = {"count": None, "suppressed": True}


def figures(kept, not_kept, open_, exact=None, at_least=None, at_most=None, withheld=None):
    return {"kept": kept, "not_kept": not_kept, "open": open_, "share_kept": exact,
            "share_kept_at_least": at_least, "share_kept_at_most": at_most,
            "share_withheld": withheld}


def few():
    return {"reason": "few_deadlines",
            "text": "Andelen vises ikke, fordi den ville bygge på færre end 5 frister."}


ALL_SMALL = figures(SMALL, SMALL, SMALL, withheld=few())
EXPECTED = {
    "rodovre": {
        "contact": (figures(shown(7), SMALL, SMALL, at_least=0.6363),
                    figures(shown(12), SMALL, SMALL, at_least=0.75)),
        "start": (figures(SMALL, shown(9), shown(9), at_most=0.3077),
                  figures(SMALL, shown(15), shown(15), at_most=0.2106)),
        "complaint_forward": (ALL_SMALL, ALL_SMALL),
    },
    "aalborg": {
        ("decision", "86.1"): (ALL_SMALL, ALL_SMALL),
        ("decision", "86.2"): (figures(SMALL, shown(6), shown(6), at_most=0.4),
                               figures(SMALL, shown(6), shown(6), at_most=0.4)),
        ("start", "86.1"): (ALL_SMALL, ALL_SMALL),
        ("start", "86.2"): (figures(SMALL, shown(6), shown(6), at_most=0.4),
                            figures(SMALL, shown(6), shown(6), at_most=0.4)),
    },
}


def key_of(muni, p):
    return (p["id"], p["paragraphs"][0]) if muni == "aalborg" and len(p["paragraphs"]) == 1 \
        and p["id"] in ("decision", "start") else p["id"]


def check_json(t, anon, muni):
    r = anon.request("GET", f"/api/v1/public/{muni}")
    t.ok(r.status == 200 and r.headers.get("content-type", "").startswith("application/json"),
         f"{muni}: the JSON without login", r)
    j = r.json or {}
    t.ok(j.get("municipality") == muni and j.get("suppressed_below") == 5
         and j.get("today") == TODAY.isoformat()
         and j.get("last_month") == {"from": LAST_MONTH.isoformat(), "to": END.isoformat()}
         and j.get("last_12_months") == {"from": YEAR_FROM.isoformat(), "to": END.isoformat()},
         f"{muni}: municipality, today and the two periods", json.dumps(
             {k: j.get(k) for k in ("municipality", "today", "last_month", "last_12_months")}))
    promises = j.get("promises", [])
    t.ok(all(p.get("id") != "complaint_window" for p in promises),
         f"{muni}: the citizen's complaint window is no promise")
    t.ok(all(isinstance(p.get("text"), str) and p["text"].endswith(".") and p.get("source")
             and isinstance(p.get("label"), str) for p in promises) and promises,
         f"{muni}: every promise has its sentence, label and source", json.dumps(promises)[:600])
    for key, (month, year) in EXPECTED.get(muni, {}).items():
        got = [p for p in promises if key_of(muni, p) == key]
        t.ok(len(got) == 1 and got[0].get("last_month") == month
             and got[0].get("last_12_months") == year,
             f"{muni}: {key} as computed by hand",
             f"got      {json.dumps([(g.get('last_month'), g.get('last_12_months')) for g in got])}",
             f"expected {json.dumps((month, year))}")
    return r


def check_others(t, anon):
    sk = (anon.request("GET", "/api/v1/public/skive").json or {}).get("promises", [])
    t.ok(sk and all(p["last_month"] == ALL_SMALL and p["last_12_months"] == ALL_SMALL
                    for p in sk), "skive (no cases): every count suppressed, every share withheld",
         json.dumps(sk)[:600])
    ro = (anon.request("GET", "/api/v1/public/rodovre").json or {}).get("promises", [])
    aa = (anon.request("GET", "/api/v1/public/aalborg").json or {}).get("promises", [])
    t.ok({p["id"] for p in ro} == {"contact", "start", "complaint_forward"},
         "rødovre's page has Rødovre's promises only", [p["id"] for p in ro])
    t.ok("contact" not in {p["id"] for p in aa} and len(aa) >= 5,
         "aalborg's page has Aalborg's promises only", [p["id"] for p in aa])


def numbers_in(value, path="$"):
    """(path, number) of every number in a JSON value."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [(path, value)]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in numbers_in(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in numbers_in(v, f"{path}[{i}]")]
    return []


def da_date(iso):
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]
    d = datetime.date.fromisoformat(iso)
    return f"{d.day}. {months[d.month - 1]} {d.year}"


def check_no_personal_data(t, bodies, people, ids):
    for label, body in bodies:
        text = body.decode("utf-8")
        leaks = [s for cpr, name, address in people
                 for s in (cpr, f"{cpr[:6]}-{cpr[6:]}", name, address, address.split(",")[0])
                 if s in text]
        t.ok(not leaks, f"{label}: no CPR number, name or address", leaks[:5])
        dates = [d for d in SINGLE_DATES
                 if d in text or da_date(d) in text
                 or datetime.date.fromisoformat(d).strftime("%d.%m.%Y") in text]
        t.ok(not dates, f"{label}: none of the cases' dates", dates)
        links = [i for i in ids if re.search(rf"(sag|cases)[/ #]*{i}\b", text, re.I)]
        t.ok(not links, f"{label}: no case id (no link or mention of a case)", links)
    j = json.loads(bodies[0][1])
    allowed = re.compile(r"(\.count|\.share_kept(_at_least|_at_most)?|^\$\.municipality_code"
                         r"|^\$\.suppressed_below)$")
    odd = [p for p, _ in numbers_in(j) if not allowed.search(p)]
    t.ok(not odd, "JSON: numbers only as counts, shares and the municipality's code", odd[:5])


class PageCheck(html.parser.HTMLParser):
    """Counts what the checks need and whether tags are balanced."""
    VOID = {"meta", "link", "br", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.count = [], [], {}
        self.lang = None
        self.table_captions, self.in_table = [], False

    def handle_starttag(self, tag, attrs):
        self.count[tag] = self.count.get(tag, 0) + 1
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "table":
            self.table_captions.append(False)
        if tag == "caption" and self.table_captions:
            self.table_captions[-1] = True
        if tag == "th" and a.get("scope") not in ("col", "row"):
            self.errors.append("th without scope")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_page(t, anon, muni, title):
    r = anon.request("GET", f"/offentlig/{muni}")
    t.ok(r.status == 200 and r.headers.get("content-type") == "text/html; charset=utf-8",
         f"/offentlig/{muni}: 200 HTML without login", r)
    text = r.raw.decode("utf-8")
    p = PageCheck()
    p.feed(text)
    t.ok(p.lang == "da" and p.count.get("h1") == 1 and p.count.get("script", 0) == 0
         and p.count.get("table", 0) >= 3 and all(p.table_captions) and not p.errors
         and not p.stack,
         f"/offentlig/{muni}: lang=da, one h1, no script, tables with captions and th, balanced",
         p.lang, p.count, p.errors, p.stack)
    t.ok(f"<title>{title}</title>" in text and f"<h1>{title}</h1>" in text,
         f"/offentlig/{muni}: the title in plain Danish", text[:400])
    csp = r.headers.get("content-security-policy", "")
    t.ok("style-src 'self'" in csp and "script-src" not in csp and "default-src 'none'" in csp,
         f"/offentlig/{muni}: a policy that allows its style sheet only", csp)
    t.ok(len(r.raw) < 40000, f"/offentlig/{muni}: small ({len(r.raw)} bytes)")
    return r


def check_rodovre_page(t, r):
    text = r.raw.decode("utf-8")
    t.ok(text.count("&lt;5") >= 8 and "mindst 63,6&nbsp;%" in text and "højst 30,8&nbsp;%" in text
         and "højst 21,1&nbsp;%" in text and "mindst 75,0&nbsp;%" in text,
         "rødovre page: <5, the bounds of the shares in Danish", text[-3000:])
    t.ok("Visitatorkontakt til borgeren inden for fem dage fra ansøgningen" in text
         and "Kilde: Rødovre, Kvalitetsmål" in text and "Retssikkerhedsloven § 67" in text,
         "rødovre page: the standard's own words and the sources")
    month = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"][LAST_MONTH.month - 1]
    t.ok(f"{month.capitalize()} {LAST_MONTH.year}</th>" in text and "beregnet" in text
         and "/api/v1/public/rodovre" in text,
         "rødovre page: the month, when computed, the link to the data")


def check_unknown(t, anon):
    r = anon.request("GET", "/api/v1/public/atlantis")
    t.ok(r.status == 404 and r.headers.get("content-type", "").startswith(
        "application/problem+json") and "atlantis" in (r.json or {}).get("detail", ""),
         "unknown municipality: 404 problem", r)
    r = anon.request("GET", "/offentlig/atlantis")
    text = r.raw.decode("utf-8")
    t.ok(r.status == 404 and r.headers.get("content-type", "").startswith("text/html")
         and 'lang="da"' in text and "<h1>Kommunen findes ikke</h1>" in text
         and 'href="/offentlig/rodovre"' in text,
         "unknown municipality: a Danish 404 page linking to those genop knows", r)
    r = anon.request("GET", "/offentlig/atlantis", headers={"Accept": "application/json"})
    t.ok(r.status == 404 and r.headers.get("content-type", "").startswith(
        "application/problem+json"), "unknown municipality, Accept: JSON: 404 problem", r)
    r = anon.request("GET", "/offentlig/%3Cb%3E")
    t.ok(r.status == 404 and b"<b>" not in r.raw and b"&lt;b&gt;" in r.raw,
         "the asked id is escaped on the 404 page", r)
    r = anon.request("GET", "/offentlig/rodovre/x")
    t.ok(r.status == 404, "/offentlig/ID/x is no page", r)
    r = anon.request("POST", "/api/v1/public/rodovre", {})
    t.ok(r.status == 405, "POST to the public JSON: 405", r)
    r = anon.request("GET", "/offentlig.css")
    t.ok(r.status == 200 and r.headers.get("content-type", "").startswith("text/css")
         and b"@media print" in r.raw, "the style sheet is served, with a print part", r)
    r = anon.request("GET", "/api/v1/report?from=2025-01-01&to=2025-12-31")
    t.ok(r.status == 401, "the leder's report still needs a login", r)


def access_rows(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM access_log").fetchone()[0]


def main():
    genop = sys.argv[1] if len(sys.argv) > 1 else "build/genop"
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("rodovre", "visitator", "visitator.rodovre"),
                       ("aalborg", "visitator", "visitator.aalborg"),
                       ("aalborg", "leder", "leder.aalborg")])
        srv.start()
        people, ids = fill(t, srv)
        t.ok(srv.reads_imported(), "the access log of the registrations is written")
        before = access_rows(srv.db)
        anon = Client(srv.port)
        first = check_json(t, anon, "rodovre")
        check_json(t, anon, "aalborg")
        check_others(t, anon)
        page = check_page(t, anon, "rodovre",
                          "Hvordan holder Rødovre Kommune sine løfter om genoptræning?")
        check_rodovre_page(t, page)
        aal = check_page(t, anon, "aalborg",
                         "Hvordan holder Aalborg Kommune sine løfter om genoptræning?")
        check_no_personal_data(t, [("rødovre JSON", first.raw), ("rødovre page", page.raw),
                                   ("aalborg page", aal.raw)], people, ids)
        again = anon.request("GET", "/api/v1/public/rodovre")
        t.ok(again.raw == first.raw, "the second answer is the day's cached figures")
        leder = login_as(srv, "leder.aalborg")
        r = leder.request("GET", "/api/v1/public/rodovre")
        t.ok(r.status == 200 and r.raw == first.raw,
             "a logged-in user of another municipality gets the same public figures", r)
        r = Client(srv.port).request("GET", "/api/v1/public/rodovre",
                                     headers={"Authorization": "Basic Zm9vOmJhcg=="})
        t.ok(r.status == 200, "credentials of another scheme do not matter", r)
        check_unknown(t, anon)
        t.ok(srv.reads_imported(), "the journal of reads is imported")
        t.ok(access_rows(srv.db) == before, "the public pages wrote no access-log row",
             before, access_rows(srv.db))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
