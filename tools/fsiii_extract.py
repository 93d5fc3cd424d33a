#!/usr/bin/env python3
"""fsiii_extract.py - makes data/fsiii.json, the part of FSIII genop uses,
from KL's FSIII code system as HL7 Denmark publishes it (a FHIR R4
CodeSystem, CodeSystem-FSIII.json; version 20240530, OID
1.2.208.176.2.21).

    tools/fsiii_extract.py ../shared/data/fsiii/CodeSystem-FSIII.json data/fsiii.json

What it takes (nothing else of the 828 concepts):
- the function-ability scale, "Funktionsevne skalering": the levels 0-4 and
  9, each with its code, its Danish name (the first sentence of its
  definition, e.g. "Svære begrænsninger") and the rest of the definition;
- the function-ability conditions (funktionsevnetilstande) of
  "Kommunale pleje- og omsorgstilstande" (the Social Services Act's care
  domain, which § 86 training belongs to), grouped in the five areas
  Egenomsorg, Praktiske opgaver, Mobilitet, Mentale funktioner and
  Samfundsliv, each condition with its code, Danish display name and
  definition, in the code system's own order.

The output is deterministic (same input, same bytes), so it can be
committed and checked with `git diff` when KL publishes a new version.
The build turns data/fsiii.json into a C table (tools/fsiii_ctable.py);
genop never reads either JSON file at run time. Standard library only.
"""

import json
import sys

SCALE_CODE = "2c02a704-deee-4878-9378-1167613b3da6"        # Funktionsevne skalering
CONDITIONS_CODE = "d49d6b0c-c067-4469-b92d-3842822c4971"   # Kommunale pleje- og omsorgstilstande
AREAS = ["Egenomsorg", "Praktiske opgaver", "Mobilitet", "Mentale funktioner", "Samfundsliv"]
LEVELS = [0, 1, 2, 3, 4, 9]


def fail(message):
    sys.exit(f"fsiii_extract: {message}")


def top_concept(codesystem, code):
    for concept in codesystem.get("concept", []):
        if concept.get("code") == code:
            return concept
    fail(f"the code system has no top-level concept {code}")


def clean(text):
    """Definitions as KL wrote them, with line ends normalised and
    trailing white space removed."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def scale_levels(scale):
    levels = []
    for concept in scale.get("concept", []):
        display = concept["display"].strip()
        if not display.isdigit() or int(display) not in LEVELS:
            fail(f"unexpected level '{display}' in the scale")
        name, _, rest = clean(concept.get("definition", "")).partition("\n\n")
        levels.append({"level": int(display), "code": concept["code"],
                       "name": name.rstrip("."), "definition": rest.strip()})
    levels.sort(key=lambda x: x["level"])
    if [x["level"] for x in levels] != LEVELS:
        fail(f"the scale has the levels {[x['level'] for x in levels]}, not {LEVELS}")
    return levels


def condition_areas(group):
    by_name = {}
    for area in group.get("concept", []):
        name = area["display"].strip()
        if name in by_name:
            fail(f"the area {name} appears twice")
        by_name[name] = area
    if sorted(by_name) != sorted(AREAS):
        fail(f"the areas are {sorted(by_name)}, not {sorted(AREAS)}")
    areas, seen = [], set()
    for name in AREAS:
        area = by_name[name]
        conditions = []
        for c in area.get("concept", []):
            if c["code"] in seen:
                fail(f"the condition {c['code']} appears twice")
            seen.add(c["code"])
            conditions.append({"code": c["code"], "name": c["display"].strip(),
                               "definition": clean(c.get("definition", ""))})
        areas.append({"code": area["code"], "name": name, "conditions": conditions})
    return areas


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tools/fsiii_extract.py CodeSystem-FSIII.json OUTPUT.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        cs = json.load(f)
    if cs.get("resourceType") != "CodeSystem" or cs.get("url") != "urn:oid:1.2.208.176.2.21":
        fail("the input is not the FSIII CodeSystem (urn:oid:1.2.208.176.2.21)")
    scale = top_concept(cs, SCALE_CODE)
    group = top_concept(cs, CONDITIONS_CODE)
    out = {
        "source": {
            "name": "FSIII (Fælles Sprog III)",
            "publisher": "KL (Kommunernes Landsforening), published through HL7 Denmark's terminology",
            "version": cs.get("version"),
            "oid": "1.2.208.176.2.21",
            "system": cs.get("url"),
            "file": "CodeSystem-FSIII.json",
            "made_by": "tools/fsiii_extract.py",
        },
        "scale": {"code": scale["code"], "name": scale["display"], "levels": scale_levels(scale)},
        "conditions": {"code": group["code"], "name": group["display"],
                       "areas": condition_areas(group)},
    }
    if out["source"]["version"] != "20240530":
        print(f"fsiii_extract: note: version {out['source']['version']}, not 20240530", file=sys.stderr)
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
