#!/usr/bin/env python3
"""The case's documents for Ankestyrelsen over HTTP against a real `genop
serve` (GET /api/v1/cases/{id}/appeal-bundle.pdf; src/casework/letters/
appeal_bundle.h; docs/letters.md):
- a visitator gets one PDF of numbered documents, read back with poppler's
  pdftotext: the list of documents first (addressed to Ankestyrelsen, the
  complainant's name and CPR number, the law), every kept letter of the
  case as it was made, and the case's events with who registered them;
  "Dokument 2 af 4" on the pages; pdffonts: every font embedded;
- the making is a row of the citizen's access log (case.appeal_bundle);
- refusals: a case without a complaint (422, in Danish), a terapeut or
  leder (403), another municipality's case and an unknown case (404).
Prints TAP.

    tests/api/test_appeal_bundle.py PATH/TO/genop
"""

import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Server, Tap, add_event, days_ago, login_as,  # noqa: E402
                     register_case)


def pdf_read(raw):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True).stdout
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True).stdout
    return " ".join(text.split()), fonts


def make_letter(t, vis, case_id, kind, text):
    r = vis.request("POST", f"/api/v1/cases/{case_id}/letters", {"kind": kind, "text": text})
    t.ok(r.status == 201, f"the {kind} letter is made", r)


def complained_case(t, vis):
    """A refused case with its letter, a complaint not upheld and
    forwarded, with the forwarding letter."""
    k = register_case(vis, "0101501111", "Åse Ødegård")
    add_event(vis, k, {"type": "decision", "date": days_ago(15), "granted": False,
                       "reasons": [{"criterion": "other", "text": "Du kan træne selv."}]})
    make_letter(t, vis, k, "decision", "Du kan gå ture og træne hjemme.")
    add_event(vis, k, {"type": "complaint_received", "date": days_ago(10)})
    add_event(vis, k, {"type": "complaint_decided", "date": days_ago(5), "upheld": "none"})
    add_event(vis, k, {"type": "complaint_forwarded", "date": days_ago(4)})
    make_letter(t, vis, k, "complaint_forwarded", "")
    return k


def bundle_tests(t, vis, k):
    r = vis.request("GET", f"/api/v1/cases/{k}/appeal-bundle.pdf")
    if os.environ.get("GENOP_KEEP_PDF"):      # to look at: GENOP_KEEP_PDF=path.pdf
        with open(os.environ["GENOP_KEEP_PDF"], "wb") as f:
            f.write(r.raw)
    t.ok(r.status == 200 and r.headers.get("content-type") == "application/pdf",
         "a visitator gets the case's documents as one PDF", r)
    text, fonts = pdf_read(r.raw)
    for needle, what in [
        (f"Klagesag: sagens akter, sag {k}", "the list's title"),
        ("Ankestyrelsen", "the addressee"),
        ("Klager: Åse Ødegård", "the complainant"),
        ("0101501111", "the complainant's CPR number"),
        ("Retssikkerhedsloven §§ 66-67", "the law it is sent under"),
        ("Dokument 1 af 4", "numbered documents (the list, two letters, the events)"),
        ("Dokument 4 af 4", "the last document"),
        ("Du kan gå ture og træne hjemme.", "the decision letter as it was made"),
        ("Sagens hændelser", "the case's events"),
        ("Klage videresendt til Ankestyrelsen", "the forwarding event in Danish"),
        ("af vis.aalborg", "who registered the events"),
    ]:
        t.ok(needle in text, f"the bundle holds {what}", needle)
    lines = [x for x in fonts.splitlines()[2:] if x.strip()]
    t.ok(lines and all(x.split()[-5] == "yes" for x in lines), "every font is embedded", fonts)


def refusal_tests(t, srv, vis, k):
    plain = register_case(vis, "0202502222", "Bo Ingen Klage")
    r = vis.request("GET", f"/api/v1/cases/{plain}/appeal-bundle.pdf")
    t.ok(r.status == 422 and "ingen klage" in (r.json or {}).get("detail", ""),
         "a case without a complaint has nothing to send on (422, in Danish)", r)
    for who in ("ter.aalborg", "led.aalborg"):
        r = login_as(srv, who).request("GET", f"/api/v1/cases/{k}/appeal-bundle.pdf")
        t.ok(r.status == 403, f"{who} may not gather the documents (403)", r)
    r = login_as(srv, "vis.skive").request("GET", f"/api/v1/cases/{k}/appeal-bundle.pdf")
    t.ok(r.status == 404, "another municipality's case is not found (404)", r)
    r = vis.request("GET", "/api/v1/cases/987654/appeal-bundle.pdf")
    t.ok(r.status == 404, "an unknown case is not found (404)", r)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_users([("aalborg", "visitator", "vis.aalborg"),
                       ("aalborg", "terapeut", "ter.aalborg"),
                       ("aalborg", "leder", "led.aalborg"),
                       ("skive", "visitator", "vis.skive")])
        srv.start()
        vis = login_as(srv, "vis.aalborg")
        k = complained_case(t, vis)
        bundle_tests(t, vis, k)
        refusal_tests(t, srv, vis, k)
        led = login_as(srv, "led.aalborg")
        cid = vis.request("GET", f"/api/v1/cases/{k}").json["citizen"]["id"]
        log = led.request("GET", f"/api/v1/citizens/{cid}/access-log?limit=500").json["items"]
        rows = [x for x in log if x["action"] == "case.appeal_bundle"]
        t.ok(len(rows) == 1 and rows[0]["case"] == k
             and rows[0]["purpose"] == "klage sendt videre til Ankestyrelsen",
             "the gathering is one row of the citizen's access log, refusals none", rows)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "appeal bundle tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
