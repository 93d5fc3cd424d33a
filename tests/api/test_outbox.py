#!/usr/bin/env python3
"""The outbox over HTTP against a real `genop serve` (shared/spec/letters.md
section 2; docs/letters.md "Sending"; docs/memo.md):
- POST /api/v1/letters/{id}/send: 202; a citizen who is not exempt gets
  the letter by Digital Post - a MeMo message in the spool's new/ (by
  default beside the database), validated here with
  `xmllint --schema data/memo/MeMo_core.xsd` as an independent reader,
  its sender the municipality's CVR number, its recipient the citizen's
  CPR number, its PDF (base64-decoded) the letter's own bytes; the
  decision letter's sending records decision_received dated today, and
  the complaint window counts from it;
- an exempt citizen's letter goes to the print queue; its receipt is 6
  workdays after the letter's date (`genop calendar add`); a second
  letter for the same decision records no second receipt;
- the letters list shows each letter's status: made, sent, queued,
  printed;
- GET /api/v1/print-queue lists the queue (visitator, leder) and is in
  the citizens' access logs; GET /api/v1/print-queue.pdf (visitator)
  gives the queued letters as one PDF read back with pdftotext and
  pdfinfo (every letter's text, an even page count for duplex), or only
  the letters named; POST /api/v1/print-queue/printed marks those, so a
  letter queued after the PDF was fetched stays in the queue;
- refusals: sending twice (409, Danish), a municipality without a sender
  CVR number (422), another municipality's letter (404), an unknown
  letter (404), a terapeut or admin sending (403), a leder fetching the
  PDF or marking (403), marking a letter twice or one not queued (409),
  malformed bodies and queries (422/400), an empty queue's PDF (422);
- a spool that cannot be written: 500 (the reason in the server's log),
  and nothing is recorded (the
  letter is still "made", no decision_received).
Prints TAP.

    tests/api/test_outbox.py PATH/TO/genop
"""

import base64
import os
import re
import signal
import subprocess
import sys

sys.dont_write_bytecode = True   # importing test_letters leaves no .pyc behind
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import GRANT, REASONS, Server, Tap  # noqa: E402
# The letters test's helpers: days ago, logging in, registering an event,
# and poppler's tools on PDF bytes.
from test_letters import add, ago, login, pdf_tool  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "data", "memo", "MeMo_core.xsd")
NS = "https://DigitalPost.dk/MeMo-1"


def new_case(c, cpr, name, exempt=False, address="Åboulevarden 7, 9000 Aalborg"):
    r = c.request("POST", "/api/v1/cases", {
        "citizen": {"cpr": cpr, "name": name, "address": address,
                    "digital_post_exempt": exempt},
        "referral": {"date": ago(20), "paragraph": "86.1", "source": "egen læge",
                     "condition": "knæ", "consent": True}})
    if r.status != 201:
        raise RuntimeError(f"referral {name}: {r}")
    return r.json["id"]


def letter(c, case_id, kind="decision"):
    r = c.request("POST", f"/api/v1/cases/{case_id}/letters", {"kind": kind})
    if r.status != 201:
        raise RuntimeError(f"letter {case_id}: {r}")
    return r.json["id"]


def refused(t, r, status, field, name, words=None):
    body = r.json or {}
    t.ok(r.status == status and (field is None or body.get("field") == field)
         and (words is None or words in body.get("detail", "")), name, r)


def statuses(c, case_id):
    r = c.request("GET", f"/api/v1/cases/{case_id}/letters")
    return {i["id"]: i["status"] for i in (r.json or {}).get("items", [])}


def case_of(c, case_id):
    return c.request("GET", f"/api/v1/cases/{case_id}").json or {}


def receipts(case):
    return [e for e in case.get("events", []) if e.get("type") == "decision_received"]


def run(cmd, data=None):
    r = subprocess.run(cmd, input=data, capture_output=True, check=False)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def xpath(path, expr):
    """xmllint's reading of expr (MeMo's namespace as m) in the file at path."""
    rc, out, err = run(["xmllint", "--xpath", expr, path])
    return out.strip() if rc == 0 else f"xmllint failed: {err}"


def digital_post(t, srv, vis, led):
    k = new_case(vis, "0101501111", "Åse Ødegård")
    add(vis, k, {"type": "decision", "date": ago(3), "granted": False, "reasons": REASONS})
    lid = letter(vis, k)
    pdf = vis.request("GET", f"/api/v1/letters/{lid}.pdf").raw
    r = vis.request("POST", f"/api/v1/letters/{lid}/send")
    body = r.json or {}
    t.ok(r.status == 202 and body.get("channel") == "digital_post" and body.get("status") == "sent"
         and body.get("received") == ago(0) and isinstance(body.get("decision_received"), int)
         and re.fullmatch(r"[0-9a-f-]{36}", body.get("message_id") or ""),
         "send, not exempt: 202 by Digital Post, received today, decision_received", r)
    spooled = os.path.join(srv.db + ".digital-post", "new", f"{body.get('message_id')}.xml")
    t.ok(os.path.isfile(spooled) and body.get("spool_file") == os.path.basename(spooled),
         "the message is in the spool's new/ beside the database", spooled)
    rc, _, err = run(["xmllint", "--noout", "--nonet", "--schema", SCHEMA, spooled])
    t.ok(rc == 0, "xmllint --schema MeMo_core.xsd: the message is valid", err)
    ns = f"//*[local-name()='{{}}' and namespace-uri()='{NS}']"
    t.ok(xpath(spooled, f"string({ns.format('senderID')})") == "12345678"
         and xpath(spooled, f"string({ns.format('recipientID')})") == "0101501111"
         and xpath(spooled, f"string({ns.format('messageUUID')})") == body.get("message_id"),
         "its sender is the CVR number set, its recipient the citizen's CPR number",
         xpath(spooled, f"string({ns.format('senderID')})"))
    content = xpath(spooled, f"string({ns.format('content')})")
    t.ok(base64.b64decode("".join(content.split())) == pdf,
         "its PDF is the letter's own, byte for byte", content[:80])
    case = case_of(vis, k)
    rec = receipts(case)
    t.ok(len(rec) == 1 and rec[0].get("date") == ago(0) and rec[0].get("id") == body.get(
        "decision_received"), "the case has decision_received dated today", rec)
    window = [d for d in case.get("evaluation", {}).get("deadlines", [])
              if d.get("id") == "complaint_window"]
    t.ok(window and window[0].get("from") == ago(0),
         "the complaint window counts from the receipt", window)
    t.ok(statuses(vis, k) == {lid: "sent"}, "the letters list: status sent", statuses(vis, k))
    refused(t, vis.request("POST", f"/api/v1/letters/{lid}/send"), 409, None,
            "sending twice: 409", "allerede sendt")
    refused(t, led.request("POST", f"/api/v1/letters/{lid}/send"), 409, None,
            "sending twice, as a leder: 409")
    return k, lid


def calendar_add(genop, date, n):
    rc, out, err = run([genop, "calendar", "add", date, str(n), "workdays"])
    return out.strip() if rc == 0 else err


def printing(t, srv, vis, led):
    k1 = new_case(vis, "0202501111", "Bent Ærlig", exempt=True,
                  address="Søndergade 3, 9000 Aalborg")
    add(vis, k1, {"type": "decision", "date": ago(2), "granted": True, "grant": GRANT})
    l1 = letter(vis, k1)
    r = led.request("POST", f"/api/v1/letters/{l1}/send")
    body = r.json or {}
    due = calendar_add(srv.genop, ago(0), 6)
    t.ok(r.status == 202 and body.get("channel") == "print" and body.get("status") == "queued"
         and body.get("message_id") is None and body.get("received") == due,
         "send, exempt (as a leder): 202 to print, received 6 workdays after the letter", r, due)
    rec = receipts(case_of(vis, k1))
    t.ok(len(rec) == 1 and rec[0].get("date") == due, "its decision_received is that day", rec)
    l1b = letter(vis, k1)
    r = vis.request("POST", f"/api/v1/letters/{l1b}/send")
    t.ok(r.status == 202 and (r.json or {}).get("decision_received") is None
         and len(receipts(case_of(vis, k1))) == 1,
         "a second letter for the decision records no second receipt", r)
    k2 = new_case(vis, "0303501111", "Karen Østergård", exempt=True,
                  address="Vestergade 9, 9000 Aalborg")
    add(vis, k2, {"type": "decision", "date": ago(1), "granted": False, "reasons": REASONS})
    l2 = letter(vis, k2)
    t.ok(vis.request("POST", f"/api/v1/letters/{l2}/send").status == 202, "a third to print")
    t.ok(statuses(vis, k1) == {l1: "queued", l1b: "queued"}, "the letters list: status queued",
         statuses(vis, k1))
    n = add(vis, k1, {"type": "contacted", "date": ago(0)})
    r = vis.request("POST", f"/api/v1/cases/{k1}/events",
                    {"type": "correction", "date": ago(0), "corrects": n,
                     "event": {"type": "contacted", "date": ago(1)}, "reason": "forkert dato"})
    t.ok(r.status == 201, "a correction on a case whose receipt lies ahead is taken", r)
    return (k1, k2), (l1, l1b, l2)


def queue_tests(t, srv, vis, led, cases, lids):
    l1, l1b, l2 = lids
    q = vis.request("GET", "/api/v1/print-queue")
    items = (q.json or {}).get("items", [])
    t.ok(q.status == 200 and (q.json or {}).get("letters") == [l1, l1b, l2]
         and [i["citizen"]["name"] for i in items] == ["Bent Ærlig", "Bent Ærlig",
                                                        "Karen Østergård"]
         and all(i["kind"] == "decision" and i["queued"].endswith("Z") for i in items),
         "GET print-queue: the three letters, oldest first", q)
    t.ok(led.request("GET", "/api/v1/print-queue").status == 200, "a leder lists the queue")
    pdf = vis.request("GET", "/api/v1/print-queue.pdf")
    t.ok(pdf.status == 200 and pdf.headers.get("content-type") == "application/pdf"
         and pdf.raw.startswith(b"%PDF-"), "GET print-queue.pdf: a PDF", pdf)
    text = " ".join(pdf_tool("pdftotext", pdf.raw, "-enc", "UTF-8").split())
    for words in ("Bent Ærlig", "Søndergade 3", "Karen Østergård", "Vestergade 9",
                  "Aalborg Kommune", "Klagevejledning"):
        t.ok(words in text, f"pdftotext finds \"{words}\"", text[:400])
    pages = re.search(r"Pages:\s+(\d+)", pdf_tool("pdfinfo", pdf.raw))
    single = [vis.request("GET", f"/api/v1/letters/{i}.pdf").raw for i in lids]
    want = sum(n + n % 2 for n in (int(re.search(r"Pages:\s+(\d+)", pdf_tool(
        "pdfinfo", s)).group(1)) for s in single))
    t.ok(pages and int(pages.group(1)) % 2 == 0 and int(pages.group(1)) == want,
         "pdfinfo: an even page count, each letter on a sheet of its own", pages and
         pages.group(0), want)
    one = vis.request("GET", f"/api/v1/print-queue.pdf?letters={l2}")
    text = " ".join(pdf_tool("pdftotext", one.raw, "-enc", "UTF-8").split())
    t.ok(one.status == 200 and "Karen Østergård" in text and "Bent Ærlig" not in text,
         "?letters=ID: that letter only", text[:300])
    return pdf


def marking(t, vis, led, ter, cases, lids, dp_letter):
    l1, l1b, l2 = lids
    k3 = new_case(vis, "0404501111", "Ole Sent", exempt=True)
    add(vis, k3, {"type": "decision", "date": ago(1), "granted": True, "grant": GRANT})
    late = letter(vis, k3)
    vis.request("POST", f"/api/v1/letters/{late}/send")     # queued after the PDF
    path = "/api/v1/print-queue/printed"
    refused(t, led.request("POST", path, {"letters": [l1]}), 403, None,
            "a leder marks nothing printed: 403")
    refused(t, ter.request("POST", path, {"letters": [l1]}), 403, None, "a terapeut: 403")
    refused(t, vis.request("POST", path, {}), 422, "$.letters", "no letters: 422")
    refused(t, vis.request("POST", path, {"letters": []}), 422, "$.letters", "none: 422")
    refused(t, vis.request("POST", path, {"letters": ["x"]}), 422, "$.letters", "not ids: 422")
    refused(t, vis.request("POST", path, {"letters": [l1, l1]}), 422, "$.letters",
            "one twice: 422")
    refused(t, vis.request("POST", path, {"letters": [l1, dp_letter]}), 409, "$.letters[1]",
            "a letter sent by Digital Post: 409", "udskriftskøen")
    refused(t, vis.request("POST", path, {"letters": [l1, 99999]}), 404, None,
            "an unknown letter: 404", "99999")
    r = vis.request("POST", path, {"letters": [l1, l1b, l2]})
    t.ok(r.status == 200 and (r.json or {}).get("printed") == [l1, l1b, l2],
         "marking the letters the PDF held: 200", r)
    t.ok(statuses(vis, cases[0]) == {l1: "printed", l1b: "printed"},
         "the letters list: status printed", statuses(vis, cases[0]))
    q = vis.request("GET", "/api/v1/print-queue").json or {}
    t.ok(q.get("letters") == [late], "the letter queued after the PDF stays in the queue", q)
    refused(t, vis.request("POST", path, {"letters": [l1]}), 409, "$.letters[0]",
            "marking twice: 409", "allerede")
    refused(t, vis.request("GET", f"/api/v1/print-queue.pdf?letters={l1}"), 422, "$.letters",
            "a printed letter is not in the queue's PDF: 422")
    vis.request("POST", path, {"letters": [late]})
    refused(t, vis.request("GET", "/api/v1/print-queue.pdf"), 422, "$.letters",
            "the empty queue's PDF: 422", "tom")


def refusals(t, srv, vis, ter, led, adm, lid):
    skive = login(srv, "vis.skive")
    refused(t, skive.request("POST", f"/api/v1/letters/{lid}/send"), 404, None,
            "another municipality's letter: 404")
    refused(t, vis.request("POST", "/api/v1/letters/99999/send"), 404, None,
            "an unknown letter: 404")
    refused(t, ter.request("POST", f"/api/v1/letters/{lid}/send"), 403, None,
            "a terapeut sends nothing: 403")
    refused(t, adm.request("POST", f"/api/v1/letters/{lid}/send"), 403, None,
            "an admin sends nothing: 403")
    refused(t, ter.request("GET", "/api/v1/print-queue"), 403, None, "a terapeut: no queue")
    refused(t, adm.request("GET", "/api/v1/print-queue"), 403, None, "an admin: no queue")
    refused(t, led.request("GET", "/api/v1/print-queue.pdf"), 403, None,
            "a leder fetches no print PDF: 403")
    refused(t, vis.request("GET", "/api/v1/print-queue.pdf?letters=1,x"), 400, "letters",
            "?letters malformed: 400")
    refused(t, vis.request("GET", "/api/v1/print-queue.pdf?letters=99999"), 422, "$.letters",
            "?letters not queued: 422")
    refused(t, vis.request("GET", "/api/v1/letters/1/send"), 405, None, "GET send: 405")
    k = new_case(skive, "0505501111", "Skive Borger")
    add(skive, k, {"type": "decision", "date": ago(1), "granted": False, "reasons": REASONS})
    sl = letter(skive, k)
    refused(t, skive.request("POST", f"/api/v1/letters/{sl}/send"), 422, None,
            "no sender CVR number for the municipality: 422", "CVR-nummer")
    t.ok(statuses(skive, k) == {sl: "made"} and not receipts(case_of(skive, k)),
         "... and nothing is recorded", statuses(skive, k))


def access_log(t, srv, vis, led, cases):
    srv.reads_imported()
    for k in cases:
        cit = case_of(vis, k).get("citizen", {}).get("id")
        r = led.request("GET", f"/api/v1/citizens/{cit}/access-log?limit=500")
        actions = [i.get("action") for i in (r.json or {}).get("items", [])]
        t.ok("letter.send" in actions and "print.queue" in actions and "print.pdf" in actions
             and "print.done" in actions, "sending, the queue, its PDF and the marking are in "
             "the citizen's access log", actions)


def failing_spool(t, genop):
    srv = Server(genop)
    try:
        blocker = os.path.join(srv.dir, "not-a-folder")
        with open(blocker, "w") as f:
            f.write("x")
        srv.args = ["--digital-post-spool", os.path.join(blocker, "spool")]
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        rc, _, err = run([genop, "digital-post", "sender", "--db", srv.db, "--municipality",
                          "aalborg", "--cvr", "12345678", "--test"])
        t.ok(rc == 0, "genop digital-post sender sets the CVR number", err)
        srv.start()
        vis = login(srv, "vis.aalborg")
        k = new_case(vis, "0606501111", "Jens Spool")
        add(vis, k, {"type": "decision", "date": ago(1), "granted": False, "reasons": REASONS})
        lid = letter(vis, k)
        r = vis.request("POST", f"/api/v1/letters/{lid}/send")
        t.ok(r.status == 500, "a spool that cannot be written: 500", r)
        t.ok(statuses(vis, k) == {lid: "made"} and not receipts(case_of(vis, k)),
             "... and nothing is recorded: the letter is made, no decision_received",
             statuses(vis, k))
        t.ok(srv.stop(signal.SIGTERM) == 0, "serve stops cleanly")
    finally:
        srv.cleanup()


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    try:
        for muni, role, name in (("aalborg", "visitator", "vis.aalborg"),
                                 ("aalborg", "terapeut", "ter.aalborg"),
                                 ("aalborg", "leder", "led.aalborg"),
                                 ("aalborg", "admin", "adm.aalborg"),
                                 ("skive", "visitator", "vis.skive")):
            srv.add_user(muni, role, name)
        rc, _, err = run([genop, "digital-post", "sender", "--db", srv.db, "--municipality",
                          "aalborg", "--cvr", "1234567"])
        t.ok(rc == 2 and "8 cifre" in err, "genop digital-post: a CVR number is 8 digits", err)
        run([genop, "digital-post", "sender", "--db", srv.db, "--municipality", "aalborg",
             "--cvr", "12345678", "--test"])
        srv.start()
        vis, led = login(srv, "vis.aalborg"), login(srv, "led.aalborg")
        ter, adm = login(srv, "ter.aalborg"), login(srv, "adm.aalborg")
        dk, dl = digital_post(t, srv, vis, led)
        cases, lids = printing(t, srv, vis, led)
        queue_tests(t, srv, vis, led, cases, lids)
        marking(t, vis, led, ter, cases, lids, dl)
        refusals(t, srv, vis, ter, led, adm, dl)
        access_log(t, srv, vis, led, cases)
        t.ok(srv.stop(signal.SIGTERM) == 0, "serve stops cleanly")
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "outbox tests", repr(ex))
    finally:
        srv.cleanup()
    failing_spool(t, genop)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
