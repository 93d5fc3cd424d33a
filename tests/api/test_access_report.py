#!/usr/bin/env python3
"""The citizen's aktindsigt over HTTP against a real `genop serve`
(POST /api/v1/citizens/{id}/access-report; src/casework/letters/
access_report.h; docs/letters.md):
- a visitator gets one PDF of everything genop holds on the citizen, read
  back with poppler's pdftotext: the name and address with æ, ø and å,
  the CPR number, every case with its events in Danish words and who
  registered them, the access log with the report's own making, the
  legal basis; pdffonts lists every font as embedded; pdfinfo says A4;
- each making is a row of the citizen's access log
  (citizen.access_report) that a leder reads;
- refusals: a terapeut, leder or admin (403: the report shows the full
  CPR number and the address, which only a visitator sees), another municipality's citizen and
  an unknown citizen (404), no login (401); nothing is logged for them.
Prints TAP.

    tests/api/test_access_report.py PATH/TO/genop
"""

import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (GRANT, Client, Server, Tap, add_event, days_ago,  # noqa: E402
                     login_as, register_case)


def pdf_text(raw):
    """The PDF's text by pdftotext, its fonts by pdffonts, its info by pdfinfo."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True).stdout
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
    return text, fonts, info


def citizen_of(c, case_id):
    return c.request("GET", f"/api/v1/cases/{case_id}").json["citizen"]["id"]


def report_tests(t, vis, case_id, cid):
    r = vis.request("POST", f"/api/v1/citizens/{cid}/access-report")
    if os.environ.get("GENOP_KEEP_PDF"):      # to look at: GENOP_KEEP_PDF=path.pdf
        with open(os.environ["GENOP_KEEP_PDF"], "wb") as f:
            f.write(r.raw)
    t.ok(r.status == 200 and r.headers.get("content-type") == "application/pdf"
         and r.raw.startswith(b"%PDF-"), "a visitator gets the aktindsigt as a PDF", r)
    text, fonts, info = pdf_text(r.raw)
    flat = " ".join(text.split())
    for needle, what in [
        ("Aktindsigt", "its title"),
        ("Åse Ødegård", "the citizen's name with Å and Ø"),
        ("Åboulevarden 7", "the address"),
        ("0101501111", "the CPR number"),
        (f"Sag {case_id}: serviceloven § 86, stk. 1", "the case"),
        ("Henvendelse modtaget", "the referral event in Danish"),
        ("Træningsform: holdtræning", "the decision's grant in Danish words"),
        ("Udfald: udeblevet", "the session's outcome in Danish"),
        ("af vis.aalborg", "who registered an event"),
        ("Udskrev en aktindsigt", "the report's own making in the access log"),
        ("Forvaltningsloven § 9", "the legal basis"),
        ("Datatilsynet", "where to complain about the handling of data"),
    ]:
        t.ok(needle in flat, f"the aktindsigt holds {what}", needle)
    lines = [x for x in fonts.splitlines()[2:] if x.strip()]
    t.ok(lines and all(x.split()[-5] == "yes" for x in lines),
         "every font of the aktindsigt is embedded", fonts)
    t.ok("x 841.89 pts (A4)" in info, "the aktindsigt is A4", info)


def access_log_rows(led, cid):
    r = led.request("GET", f"/api/v1/citizens/{cid}/access-log?limit=500")
    return [x for x in (r.json or {}).get("items", []) if x["action"] == "citizen.access_report"]


def refusal_tests(t, srv, cid, skive_cid):
    for who, status in [("ter.aalborg", 403), ("led.aalborg", 403), ("adm.aalborg", 403)]:
        r = login_as(srv, who).request("POST", f"/api/v1/citizens/{cid}/access-report")
        t.ok(r.status == status, f"{who} may not make an aktindsigt ({status})", r)
    vis = login_as(srv, "vis.aalborg")
    r = vis.request("POST", f"/api/v1/citizens/{skive_cid}/access-report")
    t.ok(r.status == 404, "another municipality's citizen is not found (404)", r)
    r = vis.request("POST", "/api/v1/citizens/987654/access-report")
    t.ok(r.status == 404 and "findes ikke" in (r.json or {}).get("detail", ""),
         "an unknown citizen is not found (404), said in Danish", r)
    r = Client(srv.port).request("POST", f"/api/v1/citizens/{cid}/access-report")
    t.ok(r.status == 401, "no login: 401", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "visitator", "vis.aalborg"),
                       ("aalborg", "terapeut", "ter.aalborg"),
                       ("aalborg", "leder", "led.aalborg"),
                       ("aalborg", "admin", "adm.aalborg"),
                       ("skive", "visitator", "vis.skive")])
        srv.start()
        vis = login_as(srv, "vis.aalborg")
        k = register_case(vis, "0101501111", "Åse Ødegård")
        add_event(vis, k, {"type": "decision", "date": days_ago(15), "granted": True,
                           "grant": GRANT})
        add_event(vis, k, {"type": "session", "date": days_ago(10), "minutes": 45,
                           "outcome": "no_show"})
        cid = citizen_of(vis, k)
        skive = login_as(srv, "vis.skive")
        skive_cid = citizen_of(skive, register_case(skive, "0202602222", "Bo Skive",
                                                    address="Torvet 1, 7800 Skive"))
        report_tests(t, vis, k, cid)
        r = vis.request("POST", f"/api/v1/citizens/{cid}/access-report")
        t.ok(r.status == 200, "a second aktindsigt is made as the first", r)
        refusal_tests(t, srv, cid, skive_cid)
        led = login_as(srv, "led.aalborg")
        rows = access_log_rows(led, cid)
        t.ok(len(rows) == 2 and {x["user"] for x in rows} == {"vis.aalborg"}
             and all(x["purpose"] == "aktindsigt udleveret til borgeren" for x in rows),
             "each aktindsigt made is one row of the citizen's access log, refusals none", rows)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "aktindsigt tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
