#!/usr/bin/env python3
"""genop evaluate against an independent evaluator (oracle.py), as TAP.

    python3 tests/oracle/test_oracle.py BUILD/genop [--cases N] [--seed S]

1. Random cases (random_cases.py, seeded): N per standard (default 3000),
   all evaluated by one `genop evaluate --standard ID --jsonl` per
   standard and by the oracle; one TAP line per standard and aspect
   (deadlines, limits, attendance, eligibility). A failing line prints the
   first disagreeing cases in full, minimised (events dropped while the
   disagreement stays).
2. Hand-made cases (hand_cases.py) for the five readings revised in issue
   16 and the law's complaint deadlines: one TAP line each, asserting that
   the oracle and genop both give the values worked out by hand.

What is compared (contract §3): deadlines (id, due, done, status) per id;
limits (id, used, max, status, period); attendance (no_shows,
citizen_cancellations, review_limit, status); eligibility (eligible and the
set of finding ids). For a paragraph the standard does not cover, the
deadlines, limits (both none) and eligibility are compared, not attendance
(neither the contract nor docs/evaluation.md says what it is then).
"""

import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import hand_cases  # noqa: E402
import oracle  # noqa: E402
from random_cases import gen_case  # noqa: E402

DEFAULT_AS_OF = "2026-01-15"   # --as-of for cases without their own
ASPECTS = ("deadlines", "limits", "attendance", "eligibility")
SHOW = 3                       # disagreeing cases printed per TAP line


def run_genop(genop, standard, cases):
    """genop's results for CASES (a list of dicts) under STANDARD, in order.
    A line genop refused comes back as {"error": ...}."""
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    p = subprocess.run([genop, "evaluate", "--standard", standard,
                        "--as-of", DEFAULT_AS_OF, "--jsonl"],
                       input=text.encode(), capture_output=True, timeout=120)
    lines = p.stdout.decode().splitlines()
    if len(lines) != len(cases):
        raise RuntimeError(f"genop gave {len(lines)} lines for {len(cases)} "
                           f"cases (exit {p.returncode}): "
                           f"{p.stderr.decode()[:500]}")
    return [json.loads(line) for line in lines]


def norm_genop(res):
    """genop's result reduced to the compared fields, per aspect."""
    if "error" in res:
        return {a: ("error", res["error"]) for a in ASPECTS}
    covered = not any(w.get("id") == "paragraph_not_covered"
                      for w in res.get("warnings", []))
    att = res["attendance"]
    el = res["eligibility"]
    return {
        "deadlines": sorted((d["id"], d["due"], d["done"], d["status"])
                            for d in res["deadlines"]),
        "limits": sorted((x["id"], x["used"], x["max"], x["status"],
                          x.get("period")) for x in res["limits"]),
        "attendance": (att["no_shows"], att["citizen_cancellations"],
                       att["review_limit"], att["status"]) if covered
        else None,
        "eligibility": (el["eligible"],
                        sorted(f["id"] for f in el["findings"])),
    }


def norm_oracle(res):
    """The oracle's result reduced like norm_genop's."""
    att = res["attendance"]
    el = res["eligibility"]
    return {
        "deadlines": sorted((d["id"], d["due"], d["done"], d["status"])
                            for d in res["deadlines"]),
        "limits": sorted((x["id"], x["used"], x["max"], x["status"],
                          x["period"]) for x in (res["limits"] or [])),
        "attendance": (att["no_shows"], att["citizen_cancellations"],
                       att["review_limit"], att["status"]) if att else None,
        "eligibility": (el["eligible"], el["findings"]),
    }


def oracle_norm(case, standard):
    """The oracle's reduced result for CASE."""
    return norm_oracle(oracle.evaluate(case, standard, DEFAULT_AS_OF))


def disagrees(genop, standard, aspect):
    """A test: does genop differ from the oracle on ASPECT for a case?"""
    def still(case):
        g = norm_genop(run_genop(genop, standard, [case])[0])
        return g[aspect] != oracle_norm(case, standard)[aspect]
    return still


def refuses(genop, standard):
    """A test: does genop refuse a case?"""
    return lambda case: "error" in run_genop(genop, standard, [case])[0]


def minimise(case, still):
    """CASE with events and citizen fields dropped while STILL(case) holds
    (greedy, one pass), its events then sorted by date."""
    case = json.loads(json.dumps(case))
    i = 0
    while i < len(case["events"]):
        if case["events"][i]["type"] == "referral_received":
            i += 1
            continue
        trial = dict(case, events=case["events"][:i] + case["events"][i + 1:])
        if still(trial):
            case = trial
        else:
            i += 1
    for key in list(case.get("citizen", {})):
        cit = {k: v for k, v in case["citizen"].items() if k != key}
        trial = dict(case, citizen=cit)
        if still(trial):
            case = trial
    case["events"].sort(key=lambda e: e["date"])
    return case


def comment(text):
    """TEXT as TAP comment lines."""
    for line in text.splitlines():
        print("#   " + line)


def unreached(standard, cases):
    """The outcomes the oracle never gives for CASES under STANDARD: each
    status of each deadline rule, ok and exceeded of each limit, ok and
    review of attendance, each finding the standard can make. The random
    cases must reach them all, or agreement would prove little."""
    std = oracle.STANDARDS[standard]
    want = {(did, st) for did in std["deadlines"]
            for st in ("met", "late", "pending", "overdue")}
    want |= {(lid, st) for lid in std["limits"] for st in ("ok", "exceeded")}
    if std["attendance"]:
        want |= {("attendance", "ok"), ("attendance", "review")}
    want.add(("finding", "hospital_plan"))
    want |= {("finding", f) for f, on in (("age", std["min_age"]),
                                          ("residency", std["residency"]),
                                          ("quarantine", std["quarantine"]))
             if on}
    for case in cases:
        res = oracle.evaluate(case, standard, DEFAULT_AS_OF)
        want -= {(d["id"], d["status"]) for d in res["deadlines"]}
        want -= {(x["id"], x["status"]) for x in res["limits"] or []}
        if res["attendance"]:
            want.discard(("attendance", res["attendance"]["status"]))
        want -= {("finding", f) for f in res["eligibility"]["findings"]}
    return sorted(f"{a} {b}" for a, b in want)


def tap(counter, ok, text):
    """Prints one TAP line and counts it."""
    counter[0] += 1
    counter[1] += not ok
    print(f"{'ok' if ok else 'not ok'} {counter[0]} - {text}")


def random_tests(genop, n, seed, counter):
    """The random cases, per standard: one TAP line that the cases reach
    every outcome, one that genop evaluates them all (contract §2: every
    event type listed there, `assigned` and `appeal_decided` included, is
    accepted), and one per aspect that genop and the oracle agree on the
    cases genop evaluated."""
    for standard in oracle.STANDARDS:
        rng = random.Random(f"{seed}-{standard}")
        cases = [gen_case(rng, standard) for _ in range(n)]
        started = time.monotonic()
        raw = run_genop(genop, standard, cases)
        want = [oracle_norm(c, standard) for c in cases]
        secs = time.monotonic() - started
        missing = unreached(standard, cases)
        tap(counter, not missing,
            f"random cases, {standard}: reach every status of every rule")
        if missing:
            comment("never reached: " + ", ".join(missing))
        refused = [i for i in range(n) if "error" in raw[i]]
        tap(counter, not refused, f"random cases, {standard}: genop "
            f"evaluates {n - len(refused)} of {n} (seed {seed}, "
            f"{secs:.1f} s with the oracle)")
        for i in refused[:SHOW]:
            small = minimise(cases[i], refuses(genop, standard))
            comment(f"case {i}, minimised: "
                    + json.dumps(small, ensure_ascii=False))
            comment("genop: " + run_genop(genop, standard, [small])[0]["error"])
        kept = [i for i in range(n) if i not in set(refused)]
        got = {i: norm_genop(raw[i]) for i in kept}
        for aspect in ASPECTS:
            bad = [i for i in kept if got[i][aspect] != want[i][aspect]]
            tap(counter, not bad, f"random cases, {standard}: {aspect} agree "
                f"in {len(kept) - len(bad)} of {len(kept)} evaluated")
            for i in bad[:SHOW]:
                show_disagreement(genop, standard, cases[i], i, aspect)


def show_disagreement(genop, standard, case, i, aspect):
    """Prints case I minimised, with the oracle's and genop's ASPECT."""
    small = minimise(case, disagrees(genop, standard, aspect))
    g = norm_genop(run_genop(genop, standard, [small])[0])
    comment(f"case {i}, minimised: " + json.dumps(small, ensure_ascii=False))
    comment(f"oracle: {oracle_norm(small, standard)[aspect]}")
    comment(f"genop:  {g[aspect]}")


def hand_tests(genop, counter):
    """The hand-made cases: one TAP line each."""
    for name, standard, cases in hand_cases.CASES:
        problems = []
        for case, want in cases:
            got_o = oracle.evaluate(case, standard, DEFAULT_AS_OF)
            got_g = run_genop(genop, standard, [case])[0]
            for who, res in (("oracle", got_o), ("genop", got_g)):
                problems += [f"{who}: {p}"
                             for p in hand_cases.check(res, want)]
        tap(counter, not problems, name)
        for p in problems:
            comment(p)


def main(argv):
    """Runs both parts; exit status 1 when any line failed."""
    args = list(argv[1:])
    if not args:
        print("usage: test_oracle.py GENOP [--cases N] [--seed S]",
              file=sys.stderr)
        return 2
    genop = args.pop(0)
    n, seed = 3000, 16
    while args:
        flag = args.pop(0)
        if flag == "--cases":
            n = int(args.pop(0))
        elif flag == "--seed":
            seed = args.pop(0)
        else:
            print(f"unknown option {flag}", file=sys.stderr)
            return 2
    counter = [0, 0]   # TAP lines, failed lines
    random_tests(genop, n, seed, counter)
    hand_tests(genop, counter)
    print(f"1..{counter[0]}")
    return 1 if counter[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
