#!/usr/bin/env python3
"""Letters read back with an independent tool: poppler's pdftotext,
pdffonts, pdfinfo and pdftohtml (poppler-utils), on PDFs that genop's
renderer (src/letters/letter_pdf.c) wrote through BUILD/tests/letter_sample
from the JSON documents in tests/letters/.

    tests/letters/test_letter_pdf.py BUILD

Prints TAP. What it asserts:
  - the sample decision letter is two A4 pages with the metadata of
    letter_pdf.h (title, author, subject, creation date = the letter's
    date);
  - every font is embedded (pdffonts "emb yes") and has a ToUnicode map
    ("uni yes");
  - the text comes back with æ, ø and å intact, in reading order, with
    "Side 1 af 2" and "Side 2 af 2";
  - every word of the recipient's name and address lies inside the
    address zone of DIN 5008 form B's window field (pdftotext -bbox);
  - the outline holds the title and every heading; the structure tree
    (tags) the title, the headings and the paragraphs;
  - the same document gives the same bytes twice;
  - the print queue (duplex) starts each letter on an odd page, with a
    blank back; the bundle numbers its documents;
  - a document that is not a letter is refused with the JSON path.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DECISION = os.path.join(HERE, "decision_aalborg.json")
EVENTS = os.path.join(HERE, "events_aalborg.json")
MM = 72.0 / 25.4

n = 0
failed = 0


def ok(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def sample(build, out, *docs, flags=()):
    r = run(os.path.join(build, "tests", "letter_sample"), *flags, out, *docs)
    return r


def text_of(pdf, *opts):
    return run("pdftotext", *opts, pdf, "-").stdout


def check_info(pdf):
    info = run("pdfinfo", pdf).stdout
    field = dict(re.findall(r"^([A-Za-z ]+):\s*(.*)$", info, re.M))
    ok(field.get("Pages") == "2", "the sample decision letter has two pages", info)
    ok(field.get("Title") == "Afgørelse om genoptræning", "metadata: title", info)
    ok(field.get("Author") == "Aalborg Kommune", "metadata: author is the sender", info)
    ok(field.get("Subject") == "Afgørelse", "metadata: subject is the kind", info)
    ok("2027" in field.get("CreationDate", "") and "May" in field.get("CreationDate", ""),
       "metadata: creation date is the letter's date", info)
    sizes = run("pdfinfo", "-f", "1", "-l", "2", pdf).stdout
    pages = re.findall(r"Page\s+\d+ size:\s*([\d.]+) x ([\d.]+) pts", sizes)
    ok(len(pages) == 2 and all(abs(float(w) - 210 * MM) < 0.5 and abs(float(h) - 297 * MM) < 0.5
                               for w, h in pages), "every page is A4 portrait", sizes)


def check_fonts(pdf, what):
    out = run("pdffonts", pdf).stdout.splitlines()
    rows = out[2:]
    ok(len(rows) >= 1, f"{what}: pdffonts lists the fonts", "\n".join(out))
    bad = [r for r in rows if not re.search(r"\byes\s+yes\s+yes\s+\d+\s+\d+\s*$", r)]
    ok(not bad, f"{what}: every font embedded (emb yes, sub yes, uni yes)", "\n".join(out))
    ok(all("LiberationSans" in r for r in rows), f"{what}: the fonts are Liberation Sans",
       "\n".join(out))


def check_text(pdf):
    plain = text_of(pdf)
    for phrase in ["Karen Østergaard Mølgaard", "Åbrinken 12, 1. th.", "9400 Nørresundby",
                   "Afgørelse om genoptræning", "Du får genoptræning efter serviceloven § 86, stk. 1.",
                   "Klagen har ikke opsættende virkning.", "Side 1 af 2", "Side 2 af 2",
                   "Dato: 3. maj 2027", "Kilde: Lov om social service (serviceloven) § 86, stk. 1"]:
        ok(phrase in plain, f"pdftotext gives back \"{phrase}\"", plain[:1500])
    order = ["Afgørelse om genoptræning", "Det har vi besluttet", "Det får du",
             "Derfor har vi besluttet det", "Det sker nu", "Det forventer vi af dig",
             "Klagevejledning", "Med venlig hilsen"]
    at = [plain.find(h) for h in order]
    ok(all(a >= 0 for a in at) and at == sorted(at), "the headings come in reading order",
       list(zip(order, at)))
    layout = text_of(pdf, "-layout")
    ok(re.search(r"^\s*Træningsgange om ugen\s{2,}2\s*$", layout, re.M) is not None,
       "a fact reads as label and value on one line", layout[:3000])
    ok(re.search(r"^\s*•\s+Du skal være engageret", layout, re.M) is not None,
       "an item is bulleted", layout)


def words_on_page(pdf, page):
    xml = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-").stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    return [(w.text, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
             float(w.get("yMax"))) for w in root.iter("word")]


def check_window(pdf):
    # DIN 5008 form B: the address zone of the window field, 20 mm from
    # the left edge, 85 mm wide, from 62.7 mm to 90 mm from the top.
    zone = (20 * MM, 62.7 * MM, 105 * MM, 90 * MM)
    words = words_on_page(pdf, 1)
    address = "Karen Østergaard Mølgaard Åbrinken 12, 1. th. 9000 Aalborg".split()
    found = []
    for w in address:
        hits = [b for b in words if b[0] == w and zone[0] <= b[1] and b[3] <= zone[2]
                and zone[1] <= b[2] and b[4] <= zone[3]]
        found.append((w, bool(hits)))
    ok(all(h for _, h in found), "the recipient's name and address lie in the window's address zone",
       [b for b in words if b[0] in address])
    # nothing else in the window field (45 mm to 90 mm, 20 to 105 mm)
    field = (20 * MM, 45 * MM, 105 * MM, 90 * MM)
    others = [b for b in words if b[0] not in address and b[3] > field[0] and b[1] < field[2]
              and b[4] > field[1] and b[2] < field[3]]
    ok(not others, "nothing else shows through the window", others)


def check_full_window(build, tmp):
    # Six lines, two of them long enough to wrap at 11 pt: the address is
    # set smaller, and all of it still shows in the window.
    import json
    with open(DECISION, encoding="utf-8") as f:
        doc = json.load(f)
    doc["recipient"] = ["Karen Østergaard Mølgaard", "c/o Søren Ærbø Christiansen-Åkjær",
                        "Plejecenter Æblehaven, afdeling Østerbølle, lejlighed 14",
                        "Åbrinken 12, 1. th.", "Postboks 118", "9000 Aalborg"]
    src = os.path.join(tmp, "six.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    pdf = os.path.join(tmp, "six.pdf")
    r = sample(build, pdf, src)
    ok(r.returncode == 0, "a six-line address is laid out", r.stderr)
    if r.returncode != 0:
        return
    zone = (20 * MM, 62.7 * MM, 105 * MM, 90 * MM)
    words = words_on_page(pdf, 1)
    want = " ".join(doc["recipient"]).split()
    outside = [w for w in want if not any(
        b[0] == w and zone[0] <= b[1] and b[3] <= zone[2] and zone[1] <= b[2] and b[4] <= zone[3]
        for b in words)]
    ok(not outside, "all six lines, wrapped, lie in the address zone", outside)


def check_outline(pdf):
    xml = run("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf).stdout
    items = re.findall(r"<item page=\"(\d+)\">([^<]*)</item>", xml)
    names = [t for _, t in items]
    want = ["Afgørelse om genoptræning", "Det har vi besluttet", "Det får du",
            "Derfor har vi besluttet det", "Det sker nu", "Det forventer vi af dig",
            "Klagevejledning"]
    ok(names == want, "the outline holds the title and every heading, in order", items)
    ok(dict((t, p) for p, t in items).get("Klagevejledning") == "2",
       "an outline entry points at its heading's page", items)


def check_structure(pdf):
    # cairo 1.16 writes the structure tree (pdfinfo -struct reads it) but
    # not /MarkInfo, so pdfinfo's "Tagged" says no; see letter_pdf.h.
    tree = run("pdfinfo", "-struct", pdf).stdout
    kinds = re.findall(r"^(\w+) \(block\)", tree, re.M)
    ok(kinds.count("H1") == 1 and kinds.count("H2") == 6 and kinds.count("P") > 20,
       "the structure tree has the title (H1), the six headings (H2) and paragraphs (P)",
       tree[:800])
    text = run("pdfinfo", "-struct-text", pdf).stdout
    ok(re.search(r'H2 \(block\)\n\s*"Klagevejledning"', text) is not None,
       "a heading's structure element holds its text", text[:1500])


def check_many(build, tmp):
    queue = os.path.join(tmp, "queue.pdf")
    # events (1 page), decision (2 pages), events: duplex puts a blank
    # page after each odd one, none after the last.
    r = sample(build, queue, EVENTS, DECISION, EVENTS, flags=("--duplex",))
    ok(r.returncode == 0 and r.stdout.strip() == "5", "duplex print queue: 1 + blank + 2 + 1 pages",
       r.stdout + r.stderr)
    if r.returncode == 0:
        blank = text_of(queue, "-f", "2", "-l", "2").strip()
        ok(blank == "", "the back of a one-page letter is blank", blank)
        third = text_of(queue, "-f", "3", "-l", "3")
        ok("Karen Østergaard Mølgaard" in third and "Side 1 af 2" in third,
           "the next letter starts on the front of a sheet (page 3)", third[:500])
        check_fonts(queue, "print queue")
    bundle = os.path.join(tmp, "bundle.pdf")
    r = sample(build, bundle, DECISION, EVENTS, flags=("--bundle",))
    ok(r.returncode == 0 and r.stdout.strip() == "3", "bundle: the documents one after another",
       r.stdout + r.stderr)
    if r.returncode == 0:
        plain = text_of(bundle)
        for foot in ["Dokument 1 af 2 · Side 1 af 2", "Dokument 1 af 2 · Side 2 af 2",
                     "Dokument 2 af 2 · Side 1 af 1"]:
            ok(foot in plain, f"bundle page foot \"{foot}\"", plain[-800:])


def check_refusal(build, tmp):
    bad = os.path.join(tmp, "bad.json")
    with open(DECISION, encoding="utf-8") as f:
        text = f.read()
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text.replace('"type":"heading"', '"type":"chapter"', 1))
    r = sample(build, os.path.join(tmp, "bad.pdf"), bad)
    ok(r.returncode == 1 and "$.blocks[1].type" in r.stderr and "chapter" in r.stderr,
       "a block of an unknown type is refused with its JSON path", r.stderr)
    ok(not os.path.exists(os.path.join(tmp, "bad.pdf")), "and no PDF is written")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "decision.pdf")
        r = sample(build, pdf, DECISION)
        ok(r.returncode == 0, "letter_sample writes the sample decision letter", r.stderr)
        if r.returncode != 0:
            print(f"1..{n}")
            return 1
        check_info(pdf)
        check_fonts(pdf, "decision letter")
        check_text(pdf)
        check_window(pdf)
        check_outline(pdf)
        check_structure(pdf)
        again = os.path.join(tmp, "again.pdf")
        sample(build, again, DECISION)
        with open(pdf, "rb") as a, open(again, "rb") as b:
            ok(a.read() == b.read(), "the same document gives the same bytes")
        check_full_window(build, tmp)
        check_many(build, tmp)
        check_refusal(build, tmp)
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
