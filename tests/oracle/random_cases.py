"""Seeded random cases for the oracle test: plausible, not realistic.

gen_case(rng, standard) returns one case object (with its own "as_of", or
sometimes none so that --as-of applies). The dates cluster where the
calendar and the rules have edges: around Easter, Store bededag in 2023
(the last year it is a holiday) and 2024, Grundlovsdag, Christmas and the
year's end, month ends (months are clamped), the 18th birthday, the
five-month quarantine and the four weeks of a complaint.

genop evaluate applies no order rules (docs/evaluation.md: "as it applies
none of the API's order rules"; tried: a session before the referral, a
session after a refusal, a decision_received with no decision are all
evaluated), so events are made roughly in the order a case runs, with some
out of place on purpose, and are handed over shuffled or in order.
"""

import datetime as dt

from oracle import STANDARDS, add_months, easter

D = dt.date
td = dt.timedelta

CONDITIONS = ["hofte", "knæ", "skulder", "ryg"]
OTHER_CODES = [101, 147, 175, 183, 450, 779, 851]
OUTCOMES = (["attended"] * 14 + ["citizen_cancelled"] * 2 + ["no_show"] * 2
            + ["provider_cancelled"] * 2)


def anchor(rng):
    """A referral date near one of the calendar's edges, or anywhere."""
    year = rng.randint(2019, 2026)
    pick = rng.random()
    if pick < 0.2:
        base = easter(year)
    elif pick < 0.3:
        base = easter(rng.choice([2023, 2024])) + td(26)  # Store bededag
    elif pick < 0.4:
        base = D(year, 6, 5)
    elif pick < 0.55:
        base = D(year, 12, 24)
    elif pick < 0.65:
        month = rng.randint(1, 12)
        base = (D(year, month, 28) + td(4)).replace(day=1) - td(1)  # last
    else:
        base = D(year, 1, 1) + td(rng.randint(0, 364))
    return base + td(rng.randint(-12, 12))


def citizen(rng, std, ref):
    """A citizen, sometimes near the 18th birthday, sometimes without data."""
    c = {}
    r = rng.random()
    if r < 0.25:
        # around the 18th birthday, 29 February births included
        if rng.random() < 0.3:
            leap = rng.choice([2000, 2004, 2008])
            birth = D(leap, 2, 29)
        else:
            try:
                birth = ref.replace(year=ref.year - 18)
            except ValueError:
                birth = D(ref.year - 18, 2, 28)
            birth += td(rng.randint(-3, 3))
        c["birth_date"] = birth.isoformat()
    elif r < 0.8:
        c["birth_date"] = (D(1925, 1, 1) +
                           td(rng.randint(0, 365 * 70))).isoformat()
    r = rng.random()
    if r < 0.6:
        c["municipality_code"] = std["code"]
    elif r < 0.8:
        c["municipality_code"] = rng.choice(OTHER_CODES)
    return c


def near(rng, day, lo, hi):
    """DAY plus a random number of days in [LO, HI]."""
    return day + td(rng.randint(lo, hi))


def ev(typ, day, **fields):
    """One event dict."""
    return dict(type=typ, date=day.isoformat(), **fields)


def sessions(rng, start):
    """A run of sessions from START: all outcomes and kinds, some dense
    weeks (Skive's 2 a week, 90 minutes), some long runs (Rødovre's 32)."""
    out = []
    n = rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 33, 36, 40, 45])
    day = start
    for i in range(n):
        s = dict(minutes=rng.choice([20, 30, 45, 45, 60, 90]),
                 outcome=rng.choice(OUTCOMES))
        r = rng.random()
        if r < 0.15 or (i < 3 and r < 0.4):
            s["kind"] = "assessment"
        elif r < 0.5:
            s["kind"] = "training"
        out.append(ev("session", day, **s))
        day += td(rng.choice([0, 1, 2, 3, 3, 4, 7, 7, 10]))
    return out


EXCEPTION_MAX = {"sessions": (33, 45), "assessment_sessions": (9, 12),
                 "sessions_per_week": (3, 4), "minutes_per_week": (100, 150),
                 "course_length": (130, 200)}


def decision(rng, day, granted, std):
    """A decision event; a grant (letters.md §1) or reasons now and then,
    the grant with exceptions to the standard's limits now and then."""
    d = ev("decision", day, granted=granted)
    if not granted:
        if rng.random() < 0.3:
            d["reasons"] = [{"criterion": "other",
                             "text": "Kan træne i andet regi."}]
        return d
    if rng.random() < 0.5:
        return d
    d["grant"] = {"form": rng.choice(["individual", "team", "self_training"]),
                  "place": rng.choice(["centre", "home", "local_area"]),
                  "sessions_per_week": 2, "minutes_per_session": 45,
                  "sessions": rng.choice([None, 12]), "until": None,
                  "transport": rng.random() < 0.3, "exceptions": []}
    limits = list(std["limits"])
    if limits and rng.random() < 0.6:
        for lid in rng.sample(limits, rng.randint(1, len(limits))):
            d["grant"]["exceptions"].append(
                {"limit": lid, "max": rng.randint(*EXCEPTION_MAX[lid]),
                 "reason": "Særligt komplekst træningsbehov"})
    return d


def decisions(rng, ref, evs, std):
    """Zero, one or two decisions with their receipts; returns the first
    decision's date and whether any granted, and appends to EVS."""
    if rng.random() < 0.25:
        return None, False
    first = near(rng, ref, 0, 14)
    granted = rng.random() < 0.75
    evs.append(decision(rng, first, granted, std))
    any_granted = granted
    if rng.random() < 0.5:
        evs.append(ev("decision_received", near(rng, first, 0, 5)))
    if granted and rng.random() < 0.5:
        evs.append(ev("grant_received", near(rng, first, 0, 5)))
    if rng.random() < 0.15:  # a second decision: reversal or withdrawal
        second = rng.random() < 0.5
        evs.append(decision(rng, near(rng, first, 0, 40), second, std))
        any_granted = any_granted or second
        if second and rng.random() < 0.3:
            evs.append(ev("grant_received", near(rng, first, 1, 45)))
    return first, any_granted


def complaint(rng, first_decision, evs):
    """A complaint around the four weeks, with its reconsideration; now and
    then a second complaint or a second reconsideration (the first counts)."""
    got = near(rng, first_decision, 0, 40)
    evs.append(ev("complaint_received", got))
    if rng.random() < 0.1:
        evs.append(ev("complaint_received", near(rng, got, 0, 30)))
    if rng.random() < 0.7:
        upheld = rng.choice(["full", "partial", "none"])
        decided = near(rng, got, 5, 35)
        evs.append(ev("complaint_decided", decided, upheld=upheld))
        if rng.random() < 0.1:
            evs.append(ev("complaint_decided", near(rng, decided, 0, 20),
                          upheld=rng.choice(["full", "partial", "none"])))
        if rng.random() < (0.7 if upheld != "full" else 0.1):
            evs.append(ev("complaint_forwarded", near(rng, got, 15, 40)))


def gen_case(rng, standard):
    """One random case for STANDARD (an id of oracle.STANDARDS)."""
    std = STANDARDS[standard]
    paragraphs = std["paragraphs"]
    if len(paragraphs) == 1 and rng.random() < 0.08:
        par = "86.2"  # not covered: no deadlines, eligibility still judged
    else:
        par = rng.choice(paragraphs)
    ref = anchor(rng)
    leap_birth = None
    if rng.random() < 0.04:
        # a 29 February birthday: 18 years are reached on 1 March
        leap_birth = rng.choice([D(2000, 2, 29), D(2004, 2, 29)])
        ref = D(leap_birth.year + 18, 2, 28) + td(rng.randint(-1, 2))
    cond = rng.choice(CONDITIONS) if rng.random() < 0.85 else None
    referral = dict(paragraph=par)
    if cond:
        referral["condition"] = rng.choice([cond, cond.upper()]) \
            if rng.random() < 0.1 else cond
    evs = [ev("referral_received", ref, **referral)]
    for _ in range(rng.choice([0, 1, 1, 1, 2])):
        evs.append(ev("contacted", near(rng, ref, 0, 9)))
    if rng.random() < 0.6:
        evs.append(ev("assessment", near(rng, ref, 0, 25)))
    first, granted = decisions(rng, ref, evs, std)
    if (granted and rng.random() < 0.85) or rng.random() < 0.05:
        evs += sessions(rng, near(rng, first or ref, 0, 16))
        last = max(D.fromisoformat(e["date"]) for e in evs)
        closed = near(rng, last, 0, 10)
        if rng.random() < 0.4:
            evs.append(ev("closed", closed, reason="goal_reached"))
        if rng.random() < 0.15:  # genop's own (docs): Skive's admission
            first_session = min((e["date"] for e in evs
                                 if e["type"] == "session"), default=None)
            where = rng.choice([closed, D.fromisoformat(first_session)
                                if first_session else closed])
            evs.append(ev("admitted", near(rng, where, -2, 2),
                          text="Indlagt"))
    if first and rng.random() < 0.35:
        complaint(rng, first, evs)
    last = max(D.fromisoformat(e["date"]) for e in evs)
    r = rng.random()
    if r < 0.35:
        as_of = near(rng, ref, 0, 30)
    elif r < 0.85:
        as_of = near(rng, last, 0, 40)
    else:
        as_of = near(rng, last, 40, 200)
    judge = first or as_of
    if rng.random() < 0.25:
        where = rng.choice([ref, judge, as_of])
        evs.append(ev("hospital_plan", near(rng, where, -20, 10)))
    if rng.random() < 0.3:
        pc = cond if (cond and rng.random() < 0.7) else rng.choice(CONDITIONS)
        if rng.random() < 0.2:
            pc = pc.capitalize()
        end = add_months(judge, -5) + td(rng.randint(-3, 3))
        if rng.random() < 0.3:
            end = near(rng, ref, -400, 10)
        evs.append(ev("previous_course", end, condition=pc))
    # events recorded for other purposes change nothing (contract §2)
    if rng.random() < 0.1:
        evs.append(ev("assigned", near(rng, ref, 0, 5),
                      role=rng.choice(["visitator", "terapeut"]),
                      username="visitator.test"))
    if first and rng.random() < 0.05:
        evs.append(ev("appeal_decided", near(rng, first, 30, 120),
                      outcome=rng.choice(["upheld", "changed", "annulled",
                                          "remitted"])))
    if rng.random() < 0.7:
        rng.shuffle(evs)
    else:
        evs.sort(key=lambda e: e["date"])
    case = {"citizen": citizen(rng, std, ref), "events": evs}
    if leap_birth:
        case["citizen"]["birth_date"] = leap_birth.isoformat()
    if rng.random() < 0.95:
        case["as_of"] = as_of.isoformat()
    return case
