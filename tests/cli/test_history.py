#!/usr/bin/env python3
"""Tests of `genop demo --db PATH --cases N --municipality ID --years Y
[--seed S] [--as-of DATE]`: a municipality's made-up history.

  python3 tests/cli/test_history.py build/genop

- determinism: the same options give the same citizens, cases and events
  (every column but the registration times); another seed other ones;
- the import of whole cases (casework_history_import) writes the same
  database as --per-event, which registers every event on its own as the
  API does: every table but the access log, with the registration times
  blanked - the cases' kept answers, projections and rules' stamp too;
  the access log has a row per case made, and one per case for the
  therapist's events;
- every case, read back from the database and given to `genop evaluate
  --jsonl` (the evaluator, independent of the writer), evaluates without
  an error;
- the mix is plausible: by the evaluator's own results, most of the
  municipality's deadlines are kept but not all, some are late, a few
  overdue at the end; refusals, complaints, closures with several reasons,
  attendance; both paragraphs where the standard has both, only stk. 1
  where it has only that; referrals by season (fewer in July than in
  January) and on weekdays; no event after the history's last day;
- usage errors: missing or bad --cases, --municipality, --years, --seed,
  the options without --db, an existing database without --force.
"""
import collections
import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

GENOP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/genop")
AS_OF = "2026-06-30"
failures = []


def check(cond, what):
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures.append(what)


def genop(*args, stdin=None):
    return subprocess.run([GENOP, *args], input=stdin, capture_output=True, text=True)


def make(path, cases, muni, years, seed, as_of=AS_OF, *more):
    r = genop("demo", "--db", path, "--cases", str(cases), "--municipality", muni,
              "--years", str(years), "--seed", str(seed), "--as-of", as_of, *more)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
    return r


def content(path):
    """The history's data, without the times the rows were registered."""
    db = sqlite3.connect(path)
    out = {
        "citizens": db.execute("SELECT id, municipality, cpr, name, address, birth_date "
                               "FROM citizens ORDER BY id").fetchall(),
        "cases": db.execute("SELECT id, citizen_id, paragraph, referral_date, referral_source, "
                            "referral_condition, closed, next_due FROM cases "
                            "ORDER BY id").fetchall(),
        "events": db.execute("SELECT id, case_id, type, event_date, body, author_id "
                             "FROM case_events ORDER BY id").fetchall(),
        "deadlines": db.execute("SELECT case_id, deadline_id, due FROM open_deadlines "
                                "ORDER BY case_id, deadline_id").fetchall(),
    }
    db.close()
    return out


def evaluate_all(path, muni):
    """Every case of the database as the evaluator's JSON, evaluated; returns
    (cases by id: referral paragraph and events, the results by case id)."""
    db = sqlite3.connect(path)
    born = dict(db.execute("SELECT c.id, z.birth_date FROM cases c "
                           "JOIN citizens z ON z.id = c.citizen_id"))
    events = collections.defaultdict(list)
    for case_id, body in db.execute("SELECT case_id, body FROM case_events "
                                    "ORDER BY case_id, id"):
        events[case_id].append(json.loads(body))
    db.close()
    ids = sorted(events)
    lines = "".join(json.dumps({"citizen": {"birth_date": born[i]}, "events": events[i],
                                "as_of": AS_OF}) + "\n" for i in ids)
    r = genop("evaluate", "--standard", muni, "--jsonl", stdin=lines)
    results = [json.loads(line) for line in r.stdout.splitlines()]
    check(r.returncode == 0 and len(results) == len(ids) and
          not any("error" in x for x in results),
          f"{muni}: every one of the {len(ids)} cases evaluates without an error")
    return events, dict(zip(ids, results))


def test_determinism(tmp):
    a, b, c = (os.path.join(tmp, n) for n in ("a.db", "b.db", "c.db"))
    ra, rb = make(a, 400, "aalborg", 2, 42), make(b, 400, "aalborg", 2, 42)
    rc = make(c, 400, "aalborg", 2, 43)
    check(ra.returncode == rb.returncode == rc.returncode == 0, "three histories made")
    ca, cb, cc = content(a), content(b), content(c)
    check(len(ca["cases"]) == 400, "400 cases written")
    check(ca == cb, "the same seed gives the same citizens, cases, events and projections")
    check(ca["events"] != cc["events"] and ca["citizens"] != cc["citizens"],
          "another seed gives other citizens and events")


TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def every_table(path):
    """Every table but the access log, each row's times of registration
    blanked (they are the clock's)."""
    db = sqlite3.connect(path)
    out = {}
    for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                           "AND name NOT LIKE 'access_log%' ORDER BY name"):
        out[t] = [tuple(TIMESTAMP.sub("T", v) if isinstance(v, str) else v for v in row)
                  for row in db.execute(f"SELECT * FROM {t} ORDER BY 1")]
    log = collections.Counter(a for (a,) in db.execute("SELECT action FROM access_log"))
    db.close()
    return out, log


def test_import_as_per_event(tmp):
    fast, slow = (os.path.join(tmp, n) for n in ("fast.db", "slow.db"))
    rf = make(fast, 300, "ishoj", 2, 7)
    rs = make(slow, 300, "ishoj", 2, 7, AS_OF, "--per-event")
    check(rf.returncode == rs.returncode == 0, "histories made whole and --per-event")
    (tf, lf), (ts, ls) = every_table(fast), every_table(slow)
    check(len(tf["cases"]) == 300 and len(tf["case_answers"]) == 300 and
          len(tf["open_deadlines"]) > 0 and len(tf["projection_rules"]) == 1,
          "300 cases, each with its kept answer; open deadlines; the rules stamped")
    differ = sorted(t for t in tf if tf[t] != ts.get(t))
    check(not differ and tf.keys() == ts.keys(),
          f"the import writes what --per-event writes (tables that differ: {differ})")
    therapist = sum(1 for (_, _, _, _, _, author) in content(fast)["events"] if author == 2)
    check(lf["case.create"] == 300 and 0 < lf["event.append"] <= 300 and
          ls["event.append"] == len(tf["case_events"]) - 300 and therapist > 0,
          f"access log: {dict(lf)} whole, {dict(ls)} per event")


def deadline_mix(results):
    """(met, late, pending, overdue) of the municipality's deadlines, and
    the count of each (id, paragraph)."""
    st = collections.Counter()
    keys = set()
    for r in results.values():
        for d in r["deadlines"]:
            if d["owner"] == "citizen":
                continue
            st[d["status"]] += 1
            keys.add((d["id"], r["paragraph"]))
    return st, keys


def test_mix(tmp, muni, cases, years, both_paragraphs):
    path = os.path.join(tmp, muni + ".db")
    r = make(path, cases, muni, years, 5)
    check(r.returncode == 0 and "Historikken for" in r.stdout, f"{muni}: history made")
    events, results = evaluate_all(path, muni)
    check(len(events) == cases, f"{muni}: {cases} cases")
    st, keys = deadline_mix(results)
    done = st["met"] + st["late"]
    kept = st["met"] / max(1, st["met"] + st["late"] + st["overdue"])
    print(f"# {muni}: deadlines {dict(st)}, share kept {kept:.3f}")
    check(0.75 <= kept <= 0.97, f"{muni}: {kept:.1%} of the deadlines kept (75-97%)")
    check(st["late"] >= 0.02 * done, f"{muni}: some deadlines late ({st['late']})")
    check(st["pending"] + st["overdue"] > 0, f"{muni}: some deadlines still open at the end")
    paras = collections.Counter(r["paragraph"] for r in results.values())
    share2 = paras["86.2"] / cases
    if both_paragraphs:
        check(0.15 <= share2 <= 0.35, f"{muni}: {share2:.1%} of the referrals are for § 86.2")
        check({p for _, p in keys} == {"86.1", "86.2"}, f"{muni}: deadlines of both paragraphs")
    else:
        check(share2 == 0, f"{muni}: only § 86.1, as its standard")
    types = collections.Counter(e["type"] for evs in events.values() for e in evs)
    first = collections.Counter()
    reasons = collections.Counter()
    outcomes = collections.Counter()
    last = max(e["date"] for evs in events.values() for e in evs)
    check(last <= AS_OF, f"{muni}: no event after the history's last day ({last})")
    for evs in events.values():
        dec = [e for e in evs if e["type"] == "decision"]
        if dec:
            first["granted" if dec[0]["granted"] else "refused"] += 1
        reasons.update(e["reason"] for e in evs if e["type"] == "closed")
        outcomes.update(e["outcome"] for e in evs if e["type"] == "session")
    refused = first["refused"] / max(1, sum(first.values()))
    check(0.04 <= refused <= 0.15, f"{muni}: {refused:.1%} of the first decisions refuse")
    complaints = types["complaint_received"] / max(1, first["refused"])
    check(0.15 <= complaints <= 0.5, f"{muni}: {complaints:.1%} of the refused complain")
    check(types["complaint_decided"] > 0 and types["complaint_forwarded"] > 0,
          f"{muni}: complaints decided and sent on")
    closed = sum(reasons.values()) / cases
    check(0.6 <= closed <= 0.95, f"{muni}: {closed:.1%} of the cases closed")
    check(len(reasons) >= 5 and reasons.most_common(1)[0][0] == "goal_reached",
          f"{muni}: closures for {len(reasons)} reasons, most for the goal reached")
    # A course never closed (5%) runs on past a limit of its length.
    exceeded = sum(1 for r in results.values() for x in r["limits"] if x["status"] == "exceeded")
    check(exceeded <= 0.08 * cases, f"{muni}: {exceeded} limits exceeded (at most 8%)")
    sessions = sum(outcomes.values())
    per_course = sessions / max(1, first["granted"])
    check(5 <= per_course <= 30, f"{muni}: {per_course:.1f} sessions a granted course")
    no_shows = outcomes["no_show"] / sessions
    check(0.01 <= no_shows <= 0.08 and outcomes["citizen_cancelled"] > 0 and
          outcomes["provider_cancelled"] > 0,
          f"{muni}: {no_shows:.1%} no-shows, and cancellations by both")
    return events


def test_season(events):
    ref = [datetime.date.fromisoformat(evs[0]["date"]) for evs in events.values()]
    by_month = collections.Counter(d.month for d in ref)
    check(by_month[7] < 0.75 * by_month[1], f"fewer referrals in July ({by_month[7]}) than "
          f"in January ({by_month[1]})")
    weekend = sum(1 for d in ref if d.weekday() >= 5) / len(ref)
    check(weekend < 0.06, f"{weekend:.1%} of the referrals on a weekend")


def usage(tmp):
    db = os.path.join(tmp, "u.db")
    base = ["demo", "--db", db]
    cases = [
        (base + ["--cases", "10", "--years", "1"], "--municipality"),
        (base + ["--cases", "10", "--municipality", "aalborg"], "--years"),
        (base + ["--cases", "0", "--municipality", "aalborg", "--years", "1"], "--cases"),
        (base + ["--cases", "ti", "--municipality", "aalborg", "--years", "1"], "--cases"),
        (base + ["--cases", "10", "--municipality", "aalborg", "--years", "0"], "--years"),
        (base + ["--cases", "10", "--municipality", "aalborg", "--years", "1",
                 "--seed", "-3"], "--seed"),
        (base + ["--cases", "10", "--municipality", "gotham", "--years", "1"], "gotham"),
        (["demo", "--municipality", "aalborg"], "--municipality"),
        (base + ["--years", "2"], "--years"),
        (base + ["--cases", "10", "--municipality", "aalborg", "--years", "1",
                 "--url", "http://x"], "--url"),
        (base + ["--per-event"], "--per-event"),
        (["demo", "--per-event"], "--per-event"),
    ]
    for args, word in cases:
        r = genop(*args)
        check(r.returncode == 2 and word in r.stderr,
              f"usage error (exit 2) naming {word}: {' '.join(args[1:])}")
    check(not os.path.exists(db), "no database made by a usage error")
    r = make(db, 5, "nyborg", 1, 1)
    again = make(db, 5, "nyborg", 1, 1)
    check(r.returncode == 0 and again.returncode == 1 and "--force" in again.stderr,
          "an existing database is kept unless --force")
    forced = genop("demo", "--db", db, "--cases", "5", "--municipality", "nyborg", "--years",
                   "1", "--force", "--as-of", AS_OF)
    check(forced.returncode == 0, "--force makes it anew")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        usage(tmp)
        test_determinism(tmp)
        test_import_as_per_event(tmp)
        events = test_mix(tmp, "aalborg", 2500, 3, True)
        test_season(events)
        test_mix(tmp, "skive", 1000, 2, False)
        test_mix(tmp, "ishoj", 1000, 2, True)
        test_mix(tmp, "rodovre", 600, 1, False)
        test_mix(tmp, "nyborg", 600, 1, False)
    print(f"1..{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
