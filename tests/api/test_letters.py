#!/usr/bin/env python3
"""Letters over HTTP against a real `genop serve` (shared/spec/letters.md
section 2; docs/letters.md):
- POST /api/v1/cases/{id}/letters makes the letter of a kind for the
  case's latest event of it: 201 {"id"} with a Location; each kind
  (decision, complaint_decision, complaint_forwarded, course_ended);
- GET /api/v1/cases/{id}/letters lists them {"items": [{"id", "kind",
  "created", "status"}]}, oldest first;
- GET /api/v1/letters/{id}.pdf answers application/pdf, the bytes whose
  SHA-256 the list gives; POST /api/v1/cases/{id}/letters/preview
  answers a PDF and keeps nothing;
- refusals: an unknown kind (422, $.kind), no event of the kind (422,
  $.kind), a complaint decision not upheld in full without text (422,
  $.text), a partial grant without text, a missing kind, a malformed
  body (422), another municipality's case and letter (404), a terapeut
  or leder making (403), a leder reading the PDF (403), an admin listing
  (403), an unknown letter (404), a path that is not a letter (404);
- reading a letter is in the citizen's access log (letter.read), and so
  is making it (letter.make);
- a made grant letter read back with poppler's pdftotext has the
  citizen's name and address with æ, ø and å intact, the grant's facts,
  the legal basis and the complaint guidance; pdffonts lists every font
  as embedded.
Prints TAP.

    tests/api/test_letters.py PATH/TO/genop
"""

import hashlib
import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, Client, Server, Tap, PASSWORD, days_ago  # noqa: E402

PW = PASSWORD
ago = days_ago   # the shared helpers (harness.py)


def login(srv, name):
    c = Client(srv.port)
    r = c.login(name, PW)
    if r.status != 200:
        raise RuntimeError(f"login {name}: {r}")
    return c


def new_case(c, cpr, name):
    r = c.request("POST", "/api/v1/cases", {
        "citizen": {"cpr": cpr, "name": name, "address": "Åboulevarden 7, 9000 Aalborg"},
        "referral": {"date": ago(20), "paragraph": "86.1", "source": "egen læge",
                     "condition": "knæ", "consent": True}})
    if r.status != 201:
        raise RuntimeError(f"referral {name}: {r}")
    return r.json["id"]


def add(c, case_id, event):
    r = c.request("POST", f"/api/v1/cases/{case_id}/events", event)
    if r.status != 201:
        raise RuntimeError(f"event {event}: {r}")
    return r.json["id"]


def refused(t, r, status, field, name):
    body = r.json or {}
    t.ok(r.status == status and (field is None or body.get("field") == field), name, r)


def making_tests(t, vis, case_id):
    r = vis.request("POST", f"/api/v1/cases/{case_id}/letters",
                    {"kind": "decision", "text": "Du har brug for holdtræning."})
    t.ok(r.status == 201 and isinstance((r.json or {}).get("id"), int),
         "POST letters: 201 {id}", r)
    lid = (r.json or {}).get("id")
    t.ok(r.headers.get("location") == f"/api/v1/letters/{lid}.pdf", "its Location", r.headers)
    pdf = vis.request("GET", f"/api/v1/letters/{lid}.pdf")
    t.ok(pdf.status == 200 and pdf.headers.get("content-type") == "application/pdf"
         and pdf.raw.startswith(b"%PDF-"), "GET letters/{id}.pdf: application/pdf", pdf)
    lst = vis.request("GET", f"/api/v1/cases/{case_id}/letters")
    items = (lst.json or {}).get("items", [])
    t.ok(lst.status == 200 and len(items) == 1 and items[0]["id"] == lid
         and items[0]["kind"] == "decision" and items[0]["status"] == "made"
         and items[0]["created"].endswith("Z"), "GET letters: the item", lst)
    t.ok(items and items[0].get("sha256") == hashlib.sha256(pdf.raw).hexdigest(),
         "the PDF is the one whose SHA-256 was kept", items)
    prev = vis.request("POST", f"/api/v1/cases/{case_id}/letters/preview", {"kind": "decision"})
    t.ok(prev.status == 200 and prev.headers.get("content-type") == "application/pdf"
         and prev.raw.startswith(b"%PDF-"), "preview: a PDF", prev)
    again = vis.request("GET", f"/api/v1/cases/{case_id}/letters").json or {}
    t.ok(len(again.get("items", [])) == 1, "the preview kept nothing", again)
    return lid


def other_kinds(t, vis, case_id):
    add(vis, case_id, {"type": "complaint_received", "date": ago(12)})
    add(vis, case_id, {"type": "complaint_decided", "date": ago(10), "upheld": "none"})
    r = vis.request("POST", f"/api/v1/cases/{case_id}/letters", {"kind": "complaint_decision"})
    refused(t, r, 422, "$.text", "complaint not upheld without text: 422 $.text")
    r = vis.request("POST", f"/api/v1/cases/{case_id}/letters",
                    {"kind": "complaint_decision", "text": "Afgørelsen er i tråd med standarden."})
    t.ok(r.status == 201, "complaint_decision: 201", r)
    add(vis, case_id, {"type": "complaint_forwarded", "date": ago(8)})
    r = vis.request("POST", f"/api/v1/cases/{case_id}/letters", {"kind": "complaint_forwarded"})
    t.ok(r.status == 201, "complaint_forwarded: 201", r)
    kinds = [i["kind"] for i in (vis.request(
        "GET", f"/api/v1/cases/{case_id}/letters").json or {}).get("items", [])]
    t.ok(kinds == ["decision", "complaint_decision", "complaint_forwarded"],
         "listed oldest first", kinds)


def course_ended(t, vis, ter):
    k = new_case(vis, "0202501111", "Bent Udeblev")
    add(vis, k, {"type": "decision", "date": ago(18), "granted": True, "grant": GRANT})
    for d, outcome in ((16, "attended"), (14, "no_show"), (12, "no_show")):
        add(ter, k, {"type": "session", "date": ago(d), "minutes": 45, "outcome": outcome})
    add(ter, k, {"type": "closed", "date": ago(11), "reason": "no_shows"})
    r = vis.request("POST", f"/api/v1/cases/{k}/letters", {"kind": "course_ended"})
    t.ok(r.status == 201, "course_ended: 201", r)


def refusal_tests(t, srv, vis, case_id, lid):
    path = f"/api/v1/cases/{case_id}/letters"
    refused(t, vis.request("POST", path, {"kind": "afslag"}), 422, "$.kind",
            "unknown kind: 422 $.kind")
    refused(t, vis.request("POST", path, {}), 422, "$.kind", "no kind: 422 $.kind")
    refused(t, vis.request("POST", path, {"kind": "decision", "text": 7}), 422, "$.text",
            "text not a text: 422 $.text")
    refused(t, vis.request("POST", path, {"kind": "decision", "partial": True}), 422, "$.text",
            "partial grant without text: 422 $.text")
    refused(t, vis.request("POST", path, {"kind": "course_ended"}), 422, "$.kind",
            "no event of the kind: 422 $.kind")
    refused(t, vis.request("POST", path + "/preview", {"kind": "course_ended"}), 422, "$.kind",
            "preview, no event of the kind: 422 $.kind")
    refused(t, vis.request("POST", path, raw=b"[1]",
                           headers={"Content-Type": "application/json"}), 400, None,
            "a body that is no object: 400")
    skive = login(srv, "vis.skive")
    refused(t, skive.request("POST", path, {"kind": "decision"}), 404, None,
            "another municipality's case: 404")
    refused(t, skive.request("GET", path), 404, None, "another municipality's list: 404")
    refused(t, skive.request("POST", path + "/preview", {"kind": "decision"}), 404, None,
            "another municipality's preview: 404")
    refused(t, skive.request("GET", f"/api/v1/letters/{lid}.pdf"), 404, None,
            "another municipality's letter: 404")
    ter, led, adm = login(srv, "ter.aalborg"), login(srv, "led.aalborg"), login(srv, "adm.aalborg")
    refused(t, ter.request("POST", path, {"kind": "decision"}), 403, None,
            "a terapeut makes no letter: 403")
    refused(t, led.request("POST", path, {"kind": "decision"}), 403, None,
            "a leder makes no letter: 403")
    refused(t, ter.request("POST", path + "/preview", {"kind": "decision"}), 403, None,
            "a terapeut previews no letter: 403")
    refused(t, led.request("GET", f"/api/v1/letters/{lid}.pdf"), 403, None,
            "a leder reads no letter: 403")
    refused(t, adm.request("GET", path), 403, None, "an admin lists no letters: 403")
    t.ok(led.request("GET", path).status == 200, "a leder lists them")
    r = ter.request("GET", f"/api/v1/letters/{lid}.pdf")
    t.ok(r.status == 200 and r.raw.startswith(b"%PDF-"), "a terapeut reads them", r)
    refused(t, vis.request("GET", f"/api/v1/letters/{lid + 1000}.pdf"), 404, None,
            "an unknown letter: 404")
    refused(t, vis.request("GET", f"/api/v1/letters/{lid}"), 404, None,
            "a letter without .pdf: 404")
    refused(t, vis.request("GET", "/api/v1/letters/0.pdf"), 404, None, "letter 0: 404")
    refused(t, vis.request("DELETE", path), 405, None, "DELETE letters: 405")
    return led


def access_log_tests(t, srv, vis, led, case_id):
    cit = (vis.request("GET", f"/api/v1/cases/{case_id}").json or {}).get("citizen", {}).get("id")
    srv.reads_imported()
    r = led.request("GET", f"/api/v1/citizens/{cit}/access-log?limit=500")
    actions = [i.get("action") for i in (r.json or {}).get("items", [])]
    t.ok("letter.make" in actions and "letter.read" in actions and "letter.preview" in actions,
         "making, reading and previewing are in the access log", actions)


def pdf_tool(tool, data, *args):
    """The output of poppler's tool run on the PDF bytes data."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        r = subprocess.run([tool, *args, f.name, *(["-"] if tool == "pdftotext" else [])],
                           capture_output=True, text=True, check=False)
        return r.stdout if r.returncode == 0 else f"{tool} failed: {r.stderr}"


def pdf_tests(t, vis):
    k = new_case(vis, "0303501111", "Søren Ærø Åberg")
    g = dict(GRANT, sessions=12, until=ago(-60), transport=True)
    add(vis, k, {"type": "decision", "date": ago(1), "granted": True, "grant": g})
    r = vis.request("POST", f"/api/v1/cases/{k}/letters",
                    {"kind": "decision", "text": "Du får træning på hold to gange om ugen."})
    pdf = vis.request("GET", f"/api/v1/letters/{(r.json or {}).get('id')}.pdf").raw
    text = " ".join(pdf_tool("pdftotext", pdf, "-enc", "UTF-8").split())
    for words in ("Søren Ærø Åberg", "Åboulevarden 7", "9000 Aalborg", "Aalborg Kommune",
                  "Visitationen", "Lindholm Brygge 31", "Du får bevilget genoptræning efter "
                  "serviceloven § 86, stk. 1", "Holdtræning", "I træningscentret",
                  "Træningsgange om ugen", "Kørsel", "Klagevejledning",
                  "mundtligt eller skriftligt", "Ankestyrelsen", "ikke opsættende virkning",
                  "Du får træning på hold to gange om ugen."):
        t.ok(words in text, f"pdftotext finds \"{words}\"", text[:600])
    fonts = pdf_tool("pdffonts", pdf).splitlines()[2:]
    # columns: name, type, encoding, emb, sub, uni, object ID (two numbers)
    t.ok(fonts and all(len(f.split()) >= 7 and f.split()[-5] == "yes" for f in fonts),
         "pdffonts: every font embedded",
         "\n".join(fonts))


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.add_user("aalborg", "terapeut", "ter.aalborg")
        srv.add_user("aalborg", "leder", "led.aalborg")
        srv.add_user("aalborg", "admin", "adm.aalborg")
        srv.add_user("skive", "visitator", "vis.skive")
        srv.start()
        vis = login(srv, "vis.aalborg")
        k = new_case(vis, "0101501111", "Åse Ødegård")
        add(vis, k, {"type": "decision", "date": ago(15), "granted": False,
                     "reasons": [{"criterion": "other", "text": "Du kan træne selv."}]})
        lid = making_tests(t, vis, k)
        other_kinds(t, vis, k)
        course_ended(t, vis, login(srv, "ter.aalborg"))
        led = refusal_tests(t, srv, vis, k, lid)
        access_log_tests(t, srv, vis, led, k)
        pdf_tests(t, vis)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly", f"exit status {rc}")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "letters tests", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
