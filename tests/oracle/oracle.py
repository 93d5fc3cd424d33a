"""An independent evaluator of a case, to check `genop evaluate` against.

Written only from the contract (../shared/spec/evaluate.md, sections 1-4,
with the revised judging date of section 3 and the revised table of
section 4) and the five seed texts (../shared/seeds/) where the table needs
a detail; never from src/ or standards/*.yaml, so that a misreading in
genop is not copied here. Python's standard library only.

Details taken from the seed texts, not the table:
- the municipality codes for residency (seeds/README.md): Rødovre 175,
  Skive 779, Nyborg 450, Ishøj 183, Aalborg 851;
- 18 is reached on the 18th birthday ("fyldt 18 år", Ishøj): younger
  than 18 means the 18th birthday is after the referral date.

Readings of the contract's own words where a case stretches them:
- a deadline counts from an event once that event happened, so the
  complaint window is listed from a decision_received even with no
  decision (its "else decision" is only the fallback);
- the quarantine: "ended less than the waiting period before the judging
  date" counts a course that ended on or before the judging date, not one
  that ends after it.

Choices the contract leaves open, taken from docs/evaluation.md (genop's
documented reading):
- every event counts whatever its date; as_of only splits pending from
  overdue and ends an open course's length;
- "first" is the earliest by date, input order breaking ties;
- "the decision granted" is the latest decision; grant_received falls back
  to the first granting decision, decision_received to the first decision;
- complaint_forward looks at the first complaint_decided;
- `sessions` counts kind training, `assessment_sessions` kind assessment,
  the weekly limits every counting session of either kind; the worst week
  is the earliest of equal weeks; with no sessions, used 0 and period None;
- course_length is listed only once the course has started; `used` ends
  at the last counting session when a `closed` event exists, else at
  as_of (not in docs/evaluation.md, genop's behaviour: an open course
  whose first counting session is after as_of has used 0 days, not a
  negative number);
- Ishøj has no attendance rule: review_limit None, status ok;
- age is whole years on the referral date (29 February birthdays are
  reached on 1 March in other years);
- a rule without the data to check it (no birth_date, no
  municipality_code, no condition on the referral) gives no finding;
- the quarantine compares conditions ignoring ASCII case only (so "KNÆ"
  and "knæ" differ), and a course that ended exactly the waiting period
  before the judging date no longer bars a grant;
- a paragraph the standard does not cover gets no deadlines (the contract
  says so) and no limits (docs); age and residency are still checked.

A grant's exceptions (evaluate.md §3 "Limits", letters.md §1) come from
the grant of the latest decision that granted ("the case's latest granted
decision"); an exception's max replaces the limit's max as it is printed
(days, for course_length).

genop's own `admitted` event (docs/evaluation.md, issue 16) is modelled
from docs and Skive's text: an admission from the first counting session's
day to the first closure's day puts the course up for review where the
standard has an admission rule (Skive, § 86.1); elsewhere it changes
nothing.

Not modelled (the random cases do not use them): a standard's own extra
days off, `before_effective`.
"""

import datetime as dt

D = dt.date


def parse(s):
    """An ISO date string as a date (None stays None)."""
    return None if s is None else D.fromisoformat(s)


# ---------------------------------------------------------------- calendar

def easter(year):
    """Easter Sunday of YEAR (Gregorian; the anonymous computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return D(year, month, day + 1)


_HOLIDAY_CACHE = {}


def holidays(year):
    """YEAR's holidays and extra days off (contract §1) as a list of
    (date, name), sorted by date; two may share a date (Pinsedag and
    Grundlovsdag in 2112)."""
    return _year(year)[0]


def _year(year):
    """(holidays(YEAR), the set of their dates), computed once."""
    if year in _HOLIDAY_CACHE:
        return _HOLIDAY_CACHE[year]
    if not 1900 <= year <= 2199:
        raise ValueError(f"year {year} outside 1900-2199")
    e = easter(year)
    td = dt.timedelta
    days = [
        (D(year, 1, 1), "Nytårsdag"),
        (e - td(3), "Skærtorsdag"),
        (e - td(2), "Langfredag"),
        (e, "Påskedag"),
        (e + td(1), "2. påskedag"),
        (e + td(39), "Kristi himmelfartsdag"),
        (e + td(49), "Pinsedag"),
        (e + td(50), "2. pinsedag"),
        (D(year, 12, 25), "Juledag"),
        (D(year, 12, 26), "2. juledag"),
        (D(year, 6, 5), "Grundlovsdag"),
        (D(year, 12, 24), "Juleaftensdag"),
        (D(year, 12, 31), "Nytårsaftensdag"),
    ]
    if year <= 2023:
        days.append((e + td(26), "Store bededag"))  # 4th Friday after Easter
    days.sort(key=lambda x: x[0])
    _HOLIDAY_CACHE[year] = (days, {d for d, _ in days})
    return _HOLIDAY_CACHE[year]


def is_workday(d):
    """Monday to Friday and not a holiday or extra day off."""
    return d.weekday() < 5 and d not in _year(d.year)[1]


def add_workdays(d, n):
    """The N-th workday strictly after D; N = 0 gives D."""
    while n > 0:
        d += dt.timedelta(1)
        if is_workday(d):
            n -= 1
    return d


def add_months(d, n):
    """The same day N months later, clamped to that month's last day."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = (D(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(1)).day
    return D(y, m, min(d.day, last))


def add(d, n, unit):
    """D plus N UNITs (workdays, days, weeks, months), contract §1."""
    if unit == "workdays":
        return add_workdays(d, n)
    if unit == "days":
        return d + dt.timedelta(n)
    if unit == "weeks":
        return d + dt.timedelta(7 * n)
    if unit == "months":
        return add_months(d, n)
    raise ValueError(unit)


def between(frm, to):
    """The number of workdays d with FRM < d <= TO (0 if TO <= FRM)."""
    n = 0
    while to > frm:
        n += is_workday(to)
        to -= dt.timedelta(1)
    return n


def next_workday_on_or_after(d):
    """D if it is a workday, else the next workday (a citizen's deadline)."""
    while not is_workday(d):
        d += dt.timedelta(1)
    return d


# ---------------------------------------------------------------- standards

LAW = ("weeks", 4)      # retssikkerhedsloven §§ 66-67: both deadlines
BOTH = ("86.1", "86.2")


def _law(dl):
    """DL with the law's complaint window and forwarding (for every
    paragraph) where the standard has none of its own."""
    dl.setdefault("complaint_window", {p: LAW for p in BOTH})
    dl.setdefault("complaint_forward", {p: LAW for p in BOTH})
    return dl


# The table of contract §4. Deadlines: id -> {paragraph: (amount unit)};
# a paragraph the standard does not cover gets nothing (see paragraphs).
STANDARDS = {
    "rodovre": dict(
        code=175, paragraphs=("86.1",),
        deadlines=_law({"contact": {"86.1": ("days", 5)},
                        "start": {"86.1": ("days", 14)}}),
        limits={"sessions": 32, "assessment_sessions": 8},
        attendance=("no_shows", 2), min_age=None, residency=False,
        hospital_plan=("86.1",), quarantine=None),
    "skive": dict(
        code=779, paragraphs=("86.1",),
        deadlines=_law({"start": {"86.1": ("days", 14)}}),
        limits={"sessions_per_week": 2, "minutes_per_week": 90,
                "course_length": ("months", 4)},
        attendance=("no_shows", 1), min_age=18, residency=True,
        hospital_plan=("86.1",), quarantine=None, admission=("86.1",)),
    "nyborg": dict(
        code=450, paragraphs=("86.1",),
        deadlines=_law({"contact": {"86.1": ("workdays", 5)},
                        "start": {"86.1": ("days", 14)}}),
        limits={},
        attendance=("no_shows", 2), min_age=18, residency=False,
        hospital_plan=("86.1",), quarantine=None),
    "ishoj": dict(
        code=183, paragraphs=BOTH,
        deadlines=_law({
            "assessment": {"86.1": ("workdays", 15)},
            "complaint_reconsideration": {p: ("weeks", 4) for p in BOTH}}),
        limits={},
        attendance=None, min_age=18, residency=True,
        hospital_plan=BOTH, quarantine={"86.1": ("months", 5)}),
    "aalborg": dict(
        code=851, paragraphs=BOTH,
        deadlines=_law({
            "decision": {"86.1": ("workdays", 3), "86.2": ("workdays", 5)},
            "start": {"86.1": ("workdays", 8), "86.2": ("workdays", 10)},
            "start_after_grant": {p: ("workdays", 5) for p in BOTH},
            "complaint_window": {p: ("weeks", 4) for p in BOTH},
            "complaint_reconsideration": {p: ("weeks", 4) for p in BOTH},
            "complaint_forward": {p: ("weeks", 4) for p in BOTH}}),
        limits={},
        attendance=("no_shows_and_cancellations", 2), min_age=18,
        residency=False, hospital_plan=("86.1",), quarantine=None),
}


# ---------------------------------------------------------------- the case

class Case:
    """The events of one case sorted by date (stable), with look-ups."""

    def __init__(self, obj):
        self.citizen = obj.get("citizen") or {}
        evs = [dict(e, _d=parse(e["date"])) for e in obj["events"]]
        self.events = sorted(evs, key=lambda e: e["_d"])  # stable
        refs = self.all("referral_received")
        if len(refs) != 1:
            raise ValueError("a case has exactly one referral_received")
        self.referral = refs[0]

    def all(self, typ):
        """Every event of TYP, in date order."""
        return [e for e in self.events if e["type"] == typ]

    def first(self, typ):
        """The date of the first event of TYP, or None."""
        evs = self.all(typ)
        return evs[0]["_d"] if evs else None

    def counting_sessions(self):
        """Sessions that count (all but provider_cancelled), date order."""
        return [e for e in self.all("session")
                if e["outcome"] != "provider_cancelled"]


def status(due, done, as_of):
    """met, late, pending or overdue (contract §3)."""
    if done is not None:
        return "met" if done <= due else "late"
    return "pending" if as_of <= due else "overdue"


def _anchors(c):
    """{deadline id: (from, done)} for those whose from-event happened."""
    ref = c.referral["_d"]
    decisions = c.all("decision")
    # docs: "the decision granted" is the latest decision
    granted = bool(decisions) and bool(decisions[-1]["granted"])
    first_session = (c.counting_sessions() or [{"_d": None}])[0]["_d"]
    out = {
        "contact": (ref, c.first("contacted")),
        "assessment": (ref, c.first("assessment")),
        "decision": (ref, decisions[0]["_d"] if decisions else None),
    }
    if not decisions or granted:
        out["start"] = (ref, first_session)
    if granted:
        first_grant = next(d["_d"] for d in decisions if d["granted"])
        out["start_after_grant"] = (c.first("grant_received") or first_grant,
                                    first_session)
    received = c.first("decision_received") or (
        decisions[0]["_d"] if decisions else None)
    if received:
        out["complaint_window"] = (received, c.first("complaint_received"))
    complaint = c.first("complaint_received")
    if complaint:
        out["complaint_reconsideration"] = (complaint,
                                            c.first("complaint_decided"))
        decided = c.all("complaint_decided")
        if decided and decided[0]["upheld"] != "full":
            out["complaint_forward"] = (complaint,
                                        c.first("complaint_forwarded"))
    return out


def deadlines(c, std, as_of):
    """The deadlines of case C under STD, as dicts (id, due, done, status)."""
    par = c.referral["paragraph"]
    if par not in std["paragraphs"]:
        return []
    out = []
    for did, (frm, done) in _anchors(c).items():
        rule = std["deadlines"].get(did, {}).get(par)
        if rule is None:
            continue
        due = add(frm, rule[1], rule[0])
        if did == "complaint_window":
            due = next_workday_on_or_after(due)
        out.append(dict(id=did, due=due, done=done,
                        status=status(due, done, as_of)))
    return out


def _weekly(sessions, value):
    """(worst used, its ISO week 'YYYY-Www' or None): earliest on ties."""
    weeks = {}
    for s in sessions:
        y, w, _ = s["_d"].isocalendar()
        weeks[(y, w)] = weeks.get((y, w), 0) + value(s)
    if not weeks:
        return 0, None
    best = max(weeks.values())
    y, w = min(k for k, v in weeks.items() if v == best)
    return best, f"{y:04d}-W{w:02d}"


def exceptions(c):
    """{limit id: (max, reason, decided)} of the grant of the case's latest
    granted decision (evaluate.md §3, letters.md §1)."""
    granted = [d for d in c.all("decision") if d["granted"]]
    if not granted:
        return {}
    grant = granted[-1].get("grant") or {}
    return {x["limit"]: (x["max"], x["reason"], granted[-1]["date"])
            for x in grant.get("exceptions") or []}


def limits(c, std, as_of):
    """The limits of case C under STD, as dicts (id, used, max, status,
    period, exception: {reason, decided} or None)."""
    counting = c.counting_sessions()
    excepted = exceptions(c)
    out = []
    for lid, mx in std["limits"].items():
        period = None
        if lid == "sessions":
            used = sum(1 for s in counting
                       if s.get("kind", "training") == "training")
        elif lid == "assessment_sessions":
            used = sum(1 for s in counting if s.get("kind") == "assessment")
        elif lid == "sessions_per_week":
            used, period = _weekly(counting, lambda s: 1)
        elif lid == "minutes_per_week":
            used, period = _weekly(counting, lambda s: s["minutes"])
        elif lid == "course_length":
            if not counting:
                continue  # docs: only once the course has started
            start = counting[0]["_d"]
            end = counting[-1]["_d"] if c.all("closed") else as_of
            used = max(0, (end - start).days)  # as_of before the start
            mx = (add(start, mx[1], mx[0]) - start).days
        exc = None
        if lid in excepted:
            mx, reason, decided = excepted[lid]
            exc = {"reason": reason, "decided": decided}
        out.append(dict(id=lid, used=used, max=mx, period=period,
                        exception=exc,
                        status="exceeded" if used > mx else "ok"))
    return out


def admissions(c):
    """The `admitted` events during the course (docs): from the first
    counting session's day to the first closure's day, both included."""
    counting = c.counting_sessions()
    if not counting:
        return []
    start, end = counting[0]["_d"], c.first("closed")
    return [e for e in c.all("admitted")
            if start <= e["_d"] and (end is None or e["_d"] <= end)]


def attendance(c, std):
    """no_shows, citizen_cancellations, review_limit and status; an
    admission during the course means review where the standard has an
    admission rule for the paragraph (docs; Skive: "Udebliver eller
    indlægges borgeren, kan genoptræningen afsluttes")."""
    sessions = c.all("session")
    ns = sum(1 for s in sessions if s["outcome"] == "no_show")
    cc = sum(1 for s in sessions if s["outcome"] == "citizen_cancelled")
    rule = std["attendance"]
    if rule is None:
        return dict(no_shows=ns, citizen_cancellations=cc, review_limit=None,
                    status="ok")
    count = ns if rule[0] == "no_shows" else ns + cc
    admitted = (c.referral["paragraph"] in std.get("admission", ())
                and admissions(c))
    return dict(no_shows=ns, citizen_cancellations=cc, review_limit=rule[1],
                status="review" if count >= rule[1] or admitted else "ok")


def age_on(birth, day):
    """Whole years from BIRTH to DAY."""
    return day.year - birth.year - ((day.month, day.day) <
                                    (birth.month, birth.day))


def ascii_lower(s):
    """S with A-Z folded to a-z and nothing else (docs: "ignoring ASCII
    case", so KNÆ and knæ differ)."""
    return s.translate({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})


def judging_date(c, as_of):
    """The first decision's date, or as_of while there is none (§3)."""
    return c.first("decision") or as_of


def eligibility(c, std, as_of):
    """(eligible, sorted finding ids)."""
    par = c.referral["paragraph"]
    ref = c.referral["_d"]
    found = set()
    birth = parse(c.citizen.get("birth_date"))
    if std["min_age"] and birth and age_on(birth, ref) < std["min_age"]:
        found.add("age")
    code = c.citizen.get("municipality_code")
    if std["residency"] and code is not None and code != std["code"]:
        found.add("residency")
    judge = judging_date(c, as_of)
    if par in std["hospital_plan"] and any(
            e["_d"] <= judge for e in c.all("hospital_plan")):
        found.add("hospital_plan")
    q = (std["quarantine"] or {}).get(par)
    cond = c.referral.get("condition")
    if q and cond is not None:
        for e in c.all("previous_course"):
            # "ended less than the waiting period before the judging
            # date": ended on or before it, and within the period.
            if (ascii_lower(e["condition"]) == ascii_lower(cond)
                    and e["_d"] <= judge < add(e["_d"], q[1], q[0])):
                found.add("quarantine")
    return not found, sorted(found)


def evaluate(obj, standard, as_of=None):
    """The result of case OBJ under STANDARD (an id), shaped as genop's
    (contract §3) where it is compared; dates are ISO strings. The case's
    own "as_of" wins over AS_OF. A paragraph the standard does not cover
    gives no deadlines and no limits, and a warning paragraph_not_covered
    (docs), as genop's."""
    std = STANDARDS[standard]
    as_of = parse(obj.get("as_of")) or parse(as_of)
    c = Case(obj)
    iso = lambda d: None if d is None else d.isoformat()  # noqa: E731
    dls = [dict(d, due=iso(d["due"]), done=iso(d["done"]))
           for d in deadlines(c, std, as_of)]
    eligible, findings = eligibility(c, std, as_of)
    covered = c.referral["paragraph"] in std["paragraphs"]
    return {
        "standard": standard,
        "as_of": iso(as_of),
        "deadlines": dls,
        "limits": limits(c, std, as_of) if covered else [],
        "attendance": attendance(c, std),
        "eligibility": {"eligible": eligible,
                        "findings": [{"id": f} for f in findings]},
        "warnings": [] if covered else [{"id": "paragraph_not_covered"}],
    }
