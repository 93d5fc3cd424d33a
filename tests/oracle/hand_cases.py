"""Hand-made cases for the readings issue 16 revised, with answers worked
out by hand from the contract (evaluate.md §3-4) and the calendar of 2025.

CASES is a list of (TAP name, standard, [(case, want), ...]). A want holds
"deadlines": {id: (due, done, status), or None where the deadline must not
be listed}; optionally "findings", the exact set of finding ids, and
"sources", {id: words the deadline's source must hold} (genop's only: the
oracle gives no sources); optionally "limits", {id: (used, max, status,
(reason, decided) or None)} for the limits named.
check(result, want) lists what a result (the oracle's or genop's) gets
wrong.

The calendar used below (2025): Tuesday 1 April; Easter Thursday 17 April
to Easter Monday 21 April off; Thursday 5 June Grundlovsdag off.
"""


def ev(typ, day, **fields):
    """One event dict."""
    return dict(type=typ, date=day, **fields)


def case(par, *events, as_of="2025-09-01", condition="hofte", citizen=None):
    """A case with a referral of paragraph PAR on 1 April 2025 and EVENTS."""
    ref = ev("referral_received", "2025-04-01", paragraph=par,
             condition=condition)
    return {"citizen": citizen or {}, "as_of": as_of,
            "events": [ref] + list(events)}


GRANT = ev("decision", "2025-04-04", granted=True)


def reading1():
    """Aalborg's § 140 exclusion stands under § 86, stk. 1 alone: a plan
    from before the referral bars § 86.1 and not § 86.2."""
    plan = ev("hospital_plan", "2025-03-20")
    return [(case("86.1", plan, GRANT), {"deadlines": {},
                                         "findings": {"hospital_plan"}}),
            (case("86.2", plan, GRANT), {"deadlines": {}, "findings": set()})]


def reading2():
    """Aalborg's decision counts from the referral (issue 16, example):
    referral 1 April, assessment 8 April, decision 11 April. 86.1: 3
    workdays after 1 April = 4 April, so late; 86.2: 5 workdays = 8 April,
    late. The start counts from the referral too: 8 workdays = 11 April,
    10 workdays = 15 April; first session 14 April."""
    evs = [ev("assessment", "2025-04-08"),
           ev("decision", "2025-04-11", granted=True),
           ev("session", "2025-04-14", minutes=45, outcome="attended")]
    return [(case("86.1", *evs), {"deadlines": {
        "decision": ("2025-04-04", "2025-04-11", "late"),
        "start": ("2025-04-11", "2025-04-14", "late")}}),
        (case("86.2", *evs), {"deadlines": {
            "decision": ("2025-04-08", "2025-04-11", "late"),
            "start": ("2025-04-15", "2025-04-14", "met")}})]


def reading3():
    """Ishøj's 15 workdays to the first conversation concern § 86.1 only:
    from 1 April, 15 workdays skipping 17, 18 and 21 April = 25 April."""
    evs = [ev("assessment", "2025-04-25")]
    late = [ev("assessment", "2025-04-28")]
    return [(case("86.1", *evs), {"deadlines": {
        "assessment": ("2025-04-25", "2025-04-25", "met")}}),
        (case("86.1", *late), {"deadlines": {
            "assessment": ("2025-04-25", "2025-04-28", "late")}}),
        (case("86.1", as_of="2025-04-25"), {"deadlines": {
            "assessment": ("2025-04-25", None, "pending")}}),
        (case("86.1", as_of="2025-04-28"), {"deadlines": {
            "assessment": ("2025-04-25", None, "overdue")}}),
        (case("86.2", *evs), {"deadlines": {"assessment": None}})]


def reading4():
    """Ishøj's quarantine: § 86.1 only, judged at the decision. A course
    for the same condition ended 15 November 2024; five months later is 15
    April 2025. Barred at the referral (1 April), not at a decision on 15
    or 16 April; barred at a decision on 14 April; never for § 86.2; with
    no decision judged at as_of."""
    prev = ev("previous_course", "2024-11-15", condition="Hofte")
    other = ev("previous_course", "2024-12-15", condition="knæ")
    out = []
    for day, found in (("2025-04-14", {"quarantine"}), ("2025-04-15", set()),
                       ("2025-04-16", set())):
        dec = ev("decision", day, granted=False)
        out.append((case("86.1", prev, other, dec),
                    {"deadlines": {}, "findings": found}))
    out.append((case("86.2", prev, ev("decision", "2025-04-14",
                                      granted=False)),
                {"deadlines": {}, "findings": set()}))
    out.append((case("86.1", prev, as_of="2025-04-10"),
                {"deadlines": {}, "findings": {"quarantine"}}))
    out.append((case("86.1", prev, as_of="2025-04-20"),
                {"deadlines": {}, "findings": set()}))
    return out


def reading5(par="86.1"):
    """A § 140 plan bars the grant: one that begins after the referral
    (1 April) and on or before the decision (7 April) counts, one after the
    decision does not; with no decision as_of judges."""
    dec = ev("decision", "2025-04-07", granted=True)
    out = []
    for day, found in (("2025-04-03", {"hospital_plan"}),
                       ("2025-04-07", {"hospital_plan"}),
                       ("2025-04-08", set())):
        out.append((case(par, ev("hospital_plan", day), dec),
                    {"deadlines": {}, "findings": found}))
    out.append((case(par, ev("hospital_plan", "2025-04-03"),
                     as_of="2025-04-02"),
                {"deadlines": {}, "findings": set()}))
    out.append((case(par, ev("hospital_plan", "2025-04-03"),
                     as_of="2025-04-03"),
                {"deadlines": {}, "findings": {"hospital_plan"}}))
    return out


def law(reconsideration):
    """The law's complaint deadlines: the decision of 2 April reached the
    citizen on Thursday 8 May; 4 weeks later is Thursday 5 June,
    Grundlovsdag, so the citizen's window moves to Friday 6 June. The
    complaint came on 6 June (met); partly upheld on 20 June; forwarding
    due 4 weeks after receipt, 4 July; forwarded 7 July (late). Upheld in
    full: nothing to forward."""
    base = [ev("decision", "2025-04-02", granted=False),
            ev("decision_received", "2025-05-08"),
            ev("complaint_received", "2025-06-06")]
    rec = ("2025-07-04", "2025-06-20", "met") if reconsideration else None
    partial = base + [ev("complaint_decided", "2025-06-20", upheld="partial"),
                      ev("complaint_forwarded", "2025-07-07")]
    full = base + [ev("complaint_decided", "2025-06-20", upheld="full")]
    window = ("2025-06-06", "2025-06-06", "met")
    return [(case("86.1", *partial), {"deadlines": {
        "complaint_window": window,
        "complaint_reconsideration": rec,
        "complaint_forward": ("2025-07-04", "2025-07-07", "late")},
        "sources": {"complaint_window": "retssikkerhedsloven",
                    "complaint_forward": "retssikkerhedsloven"}}),
        (case("86.1", *full), {"deadlines": {
            "complaint_window": window,
            "complaint_reconsideration": rec,
            "complaint_forward": None}}),
        (case("86.1", *base[:2], as_of="2025-06-06"), {"deadlines": {
            "complaint_window": ("2025-06-06", None, "pending"),
            "complaint_forward": None}}),
        (case("86.1", *base[:2], as_of="2025-06-09"), {"deadlines": {
            "complaint_window": ("2025-06-06", None, "overdue")}})]


def exceptions(standard):
    """letters.md §1 and evaluate.md §3 "Limits": a limit for which the
    case's latest granted decision records an exception has the
    exception's max and says so. Sessions on 7, 8 and 9 April 2025."""
    sessions = [ev("session", d, minutes=45, outcome="attended")
                for d in ("2025-04-07", "2025-04-08", "2025-04-09")]

    def grant(day, *exc):
        return ev("decision", day, granted=True, grant={
            "form": "team", "place": "centre", "sessions_per_week": 2,
            "minutes_per_session": 45, "sessions": None, "until": None,
            "transport": False,
            "exceptions": [{"limit": lid, "max": mx, "reason": why}
                           for lid, mx, why in exc]})
    if standard == "skive":
        # 4 months from 7 April; as_of 1 September: 147 days so far.
        return [(case("86.1", grant("2025-04-04", ("course_length", 150, "L")),
                      *sessions),
                 {"deadlines": {}, "limits": {
                     "course_length": (147, 150, "ok", ("L", "2025-04-04"))}}),
                (case("86.1", grant("2025-04-04", ("course_length", 146, "L")),
                      *sessions),
                 {"deadlines": {}, "limits": {
                     "course_length": (147, 146, "exceeded",
                                       ("L", "2025-04-04"))}})]
    first = grant("2025-04-04", ("sessions", 3, "A"))
    return [
        (case("86.1", first, *sessions),
         {"deadlines": {}, "limits": {"sessions": (3, 3, "ok", ("A", "2025-04-04"))}}),
        (case("86.1", grant("2025-04-04", ("sessions", 2, "A")), *sessions),
         {"deadlines": {}, "limits": {
             "sessions": (3, 2, "exceeded", ("A", "2025-04-04"))}}),
        # a later refusal grants nothing: the latest granted decision stays
        (case("86.1", first, ev("decision", "2025-04-10", granted=False),
              *sessions),
         {"deadlines": {}, "limits": {"sessions": (3, 3, "ok", ("A", "2025-04-04"))}}),
        # a later grant replaces the first: no exception any more
        (case("86.1", first, ev("decision", "2025-04-10", granted=True),
              *sessions),
         {"deadlines": {}, "limits": {"sessions": (3, 32, "ok", None)}}),
    ]


CASES = [
    ("reading 1: Aalborg's § 140 exclusion bars § 86.1 and not § 86.2",
     "aalborg", reading1()),
    ("reading 2: Aalborg's decision and start count from the referral "
     "(1/8/11 April: late)", "aalborg", reading2()),
    ("reading 3: Ishøj's 15 workdays to the first conversation, § 86.1 only",
     "ishoj", reading3()),
    ("reading 4: Ishøj's quarantine, § 86.1 only, judged at the decision",
     "ishoj", reading4()),
    ("reading 5: a § 140 plan between referral and decision bars (Nyborg)",
     "nyborg", reading5()),
    ("reading 5: a § 140 plan between referral and decision bars "
     "(Ishøj § 86.2)", "ishoj", reading5("86.2")),
    ("law: complaint window and forwarding, Rødovre", "rodovre", law(False)),
    ("law: complaint window and forwarding, Skive", "skive", law(False)),
    ("law: complaint window and forwarding, Nyborg", "nyborg", law(False)),
    ("law: complaint window, reconsideration and forwarding, Ishøj",
     "ishoj", law(True)),
    ("letters.md §1: the latest granted decision's exception sets a limit's "
     "max (Rødovre sessions)", "rodovre", exceptions("rodovre")),
    ("letters.md §1: an exception to course_length, in days (Skive)",
     "skive", exceptions("skive")),
]


def check(res, want):
    """What RES gets wrong against WANT, as a list of sentences."""
    if "error" in res:
        return [f"refused: {res['error']}"]
    got = {d["id"]: (d["due"], d["done"], d["status"])
           for d in res["deadlines"]}
    out = []
    for did, expect in want["deadlines"].items():
        if got.get(did) != expect:
            out.append(f"{did}: want {expect}, got {got.get(did)}")
    for did, words in want.get("sources", {}).items():
        src = next((d.get("source") for d in res["deadlines"]
                    if d["id"] == did), "")
        if src is not None and words.lower() not in src.lower():
            out.append(f"{did}: source {src!r} does not cite {words!r}")
    got_limits = {x["id"]: (x["used"], x["max"], x["status"],
                            None if x.get("exception") is None else
                            (x["exception"].get("reason"), x["exception"].get("decided")))
                  for x in res["limits"]}
    for lid, expect in want.get("limits", {}).items():
        if got_limits.get(lid) != expect:
            out.append(f"limit {lid}: want {expect}, got {got_limits.get(lid)}")
    if "findings" in want:
        ids = {f["id"] for f in res["eligibility"]["findings"]}
        if ids != want["findings"]:
            out.append(f"findings: want {sorted(want['findings'])}, "
                       f"got {sorted(ids)}")
        if res["eligibility"]["eligible"] != (not want["findings"]):
            out.append(f"eligible: got {res['eligibility']['eligible']}")
    return out
