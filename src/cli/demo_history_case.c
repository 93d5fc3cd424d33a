/*
 * demo_history_case.c - planning one made-up case of a history (see
 * demo_history_case.h).
 *
 * The shares below are the generator's model of a Danish training unit,
 * in per mille: a referral is for § 86 stk. 2 one time in four where the
 * standard covers it; 1 in 11 cases lets a step slip past the standard's
 * deadlines; 7% (stk. 1) or 12% (stk. 2) are refused, and 30% of the
 * refused complain; sessions are attended 89% of the time, with citizen
 * cancellations 4.5%, provider cancellations 3.5% and no-shows 3% (a tenth
 * of the citizens miss four times as often); a course that reaches the
 * standard's attendance limit is ended for it a little under half the
 * time; 5% of the finished courses are never closed.
 */
#include "demo_history_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "closure_reasons.h"
#include "criteria.h"

/* ---- the random stream ------------------------------------------------- */

/* splitmix64: every seed, 0 too, gives a good stream. */
static uint64_t next_u64(history_gen *g)
{
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* 0..n-1 (n > 0). */
static int pick(history_gen *g, int n)
{
    return (int)(next_u64(g) % (uint64_t)n);
}

/* True with probability per_mille / 1000. */
static bool chance(history_gen *g, int per_mille)
{
    return pick(g, 1000) < per_mille;
}

/* 0..n, early values likelier (the smaller of two draws). */
static int early(history_gen *g, int n)
{
    if (n <= 0)
        return 0;
    int a = pick(g, n + 1), b = pick(g, n + 1);
    return a < b ? a : b;
}

/* ---- the referral days ------------------------------------------------- */

/* Referrals by month (January first): fewer in the summer holidays and
 * at Christmas, more after New Year and in the autumn. */
static const double month_weight[12] = {1.15, 1.10, 1.08, 1.00, 0.98, 0.92,
                                        0.60, 0.88, 1.06, 1.06, 1.05, 0.80};
/* By ISO weekday (Monday first): hospitals discharge before weekends. */
static const double weekday_weight[7] = {1.25, 1.05, 1.0, 1.0, 1.1, 0.12, 0.08};

genop_err history_gen_init(history_gen *g, const genop_standard *std, genop_date first,
                           genop_date last, long n_cases, uint64_t seed, genop_error *e)
{
    memset(g, 0, sizeof *g);
    g->std = std;
    g->rng = seed;
    g->first = first;
    g->last = last;
    g->n_cases = n_cases;
    if (!genop_date_in_range(first) || !genop_date_in_range(last) || last < first)
        return genop_fail(e, GENOP_ERANGE, "historikkens periode ligger uden for kalenderen");
    g->n_days = (long)(last - first) + 1;
    g->weights = malloc((size_t)g->n_days * sizeof *g->weights);
    if (!g->weights)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til historikkens dage");
    double sum = 0;
    for (long i = 0; i < g->n_days; i++) {
        genop_date d = first + (genop_date)i;
        int y, m, day;
        genop_date_to_ymd(d, &y, &m, &day);
        double w = month_weight[m - 1] * weekday_weight[genop_date_weekday(d) - 1];
        if (genop_date_weekday(d) <= 5 && !genop_calendar_is_workday(std->calendar, d))
            w *= 0.15;                                  /* a public holiday */
        w *= 1.0 + 0.03 * (double)(d - first) / 365.25; /* a little growth a year */
        sum += w;
        g->weights[i] = sum;
    }
    return GENOP_OK;
}

void history_gen_free(history_gen *g)
{
    free(g->weights);
    g->weights = NULL;
}

/* The next case's referral date: case k of n lies where the cumulative
 * weight passes (k + 0.5) / n of the total, so the dates follow the
 * weights exactly and never go back. */
static genop_date next_referral(history_gen *g)
{
    double total = g->weights[g->n_days - 1];
    double at = ((double)g->next + 0.5) / (double)g->n_cases * total;
    while (g->day < g->n_days - 1 && g->weights[g->day] < at)
        g->day++;
    g->next++;
    return g->first + (genop_date)g->day;
}

/* ---- the citizen ------------------------------------------------------- */

static const char *const female_names[] = {
    "Karen", "Inge", "Kirsten", "Hanne", "Grethe", "Birthe", "Lone", "Susanne", "Mette",
    "Anne", "Bente", "Jytte", "Ruth", "Else", "Lis", "Marianne", "Tove", "Gitte",
};
static const char *const male_names[] = {
    "Jens", "Niels", "Poul", "Ole", "Erik", "Henning", "Bent", "Søren", "Jørgen", "Aksel",
    "Hans", "Per", "Knud", "Finn", "Carsten", "Leif", "Arne", "Mogens",
};
static const char *const surnames[] = {
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
    "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen",
};
static const char *const streets[] = {
    "Vestergade", "Østergade", "Nørregade", "Søndergade", "Skolevej", "Kirkevej",
    "Møllevej", "Engvej", "Bakkevej", "Stationsvej", "Birkevej", "Bøgevej",
};
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

/* The post town of the shipped municipalities; another's by its name. */
static void post_town(const genop_standard *std, char *buf, size_t size)
{
    static const char *const towns[][2] = {
        {"aalborg", "9000 Aalborg"}, {"rodovre", "2610 Rødovre"}, {"skive", "7800 Skive"},
        {"nyborg", "5800 Nyborg"},   {"ishoj", "2635 Ishøj"},
    };
    for (int i = 0; i < COUNT(towns); i++)
        if (strcmp(std->id, towns[i][0]) == 0) {
            snprintf(buf, size, "%s", towns[i][1]);
            return;
        }
    snprintf(buf, size, "%s", std->municipality);
}

/* A new citizen of the referral date: mostly old, as § 86's are. The CPR
 * number is the birth date and a serial whose first digit gives the
 * century (cpr.c) and whose last is even for a woman. */
static void new_citizen(history_gen *g, history_case *c)
{
    int r = pick(g, 100);
    int age = r < 12 ? 18 + pick(g, 32) : r < 35 ? 50 + pick(g, 17) : 67 + pick(g, 30);
    genop_date birth = c->referral - (genop_date)(age * 365.25) - pick(g, 365);
    int y, m, d;
    genop_date_to_ymd(birth, &y, &m, &d);
    bool woman = chance(g, 560);
    int serial = (y < 2000 ? pick(g, 400) : 400 + pick(g, 100)) * 10 + 2 * pick(g, 5) + !woman;
    snprintf(c->cpr, sizeof c->cpr, "%02d%02d%02d%04d", d, m, y % 100, serial);
    snprintf(c->name, sizeof c->name, "%s %s",
             woman ? female_names[pick(g, COUNT(female_names))]
                   : male_names[pick(g, COUNT(male_names))],
             surnames[pick(g, COUNT(surnames))]);
    char town[64];
    post_town(g->std, town, sizeof town);
    snprintf(c->address, sizeof c->address, "%s %d, %s", streets[pick(g, COUNT(streets))],
             1 + pick(g, 140), town);
}

/* The citizen: 8% of referrals are for a citizen referred before. */
static void citizen(history_gen *g, history_case *c)
{
    if (g->n_seen > 200 && chance(g, 80)) {
        long n = g->n_seen < HISTORY_RING ? g->n_seen : HISTORY_RING;
        long k = pick(g, (int)n);
        memcpy(c->cpr, g->ring_cpr[k], sizeof c->cpr);
        memcpy(c->name, g->ring_name[k], sizeof c->name);
        memcpy(c->address, g->ring_address[k], sizeof c->address);
        return;
    }
    new_citizen(g, c);
    long k = g->n_seen++ % HISTORY_RING;
    memcpy(g->ring_cpr[k], c->cpr, sizeof c->cpr);
    memcpy(g->ring_name[k], c->name, sizeof c->name);
    memcpy(g->ring_address[k], c->address, sizeof c->address);
}

/* ---- planning the events ----------------------------------------------- */

/* A case being planned: its events are added in date order until one
 * would fall after the history's last day; from then on none is. */
typedef struct plan {
    history_gen *g;
    history_case *c;
    unsigned para;           /* GENOP_PARA_* */
    bool stopped;
    genop_err err;           /* GENOP_ENOMEM when an event's fields could not be made */
} plan;

/* Adds an event (fields taken, may be NULL); false once the case stops
 * (the date lies after the history) or the list is full. */
static bool add(plan *p, genop_event_type type, genop_date date, bool therapist, json_t *fields)
{
    history_case *c = p->c;
    if (p->stopped || date > p->g->last || c->n_events == HISTORY_EVENTS_MAX) {
        p->stopped = true;
        json_decref(fields);
        return false;
    }
    c->events[c->n_events++] = (history_event){type, date, therapist, fields};
    return true;
}

/* Whether json_pack() failed; then the plan fails with GENOP_ENOMEM. */
static json_t *made(plan *p, json_t *j)
{
    if (!j)
        p->err = GENOP_ENOMEM;
    return j;
}

/* The date n workdays after d (n >= 0; d itself when 0 and a workday). */
static genop_date wd_after(const plan *p, genop_date d, int n, genop_error *e)
{
    genop_date out = d;
    genop_err err = n > 0 ? genop_calendar_add_workdays(p->g->std->calendar, d, n, &out, e)
                          : genop_calendar_next_workday_on_or_after(p->g->std->calendar, d,
                                                                    &out, e);
    return err ? d : out;
}

/* When deadline rule r, counted from the referral date ref, falls due. */
static genop_date rule_due(const genop_standard *std, const genop_deadline_rule *r,
                           genop_date ref, genop_error *e)
{
    genop_date due = ref;
    switch (r->unit) {
    case GENOP_UNIT_DAYS: due = ref + r->amount; break;
    case GENOP_UNIT_WEEKS: due = ref + 7 * r->amount; break;
    case GENOP_UNIT_MONTHS: due = genop_date_add_months(ref, r->amount); break;
    case GENOP_UNIT_WORKDAYS:
        if (genop_calendar_add_workdays(std->calendar, ref, r->amount, &due, e))
            due = ref + r->amount;
        break;
    }
    return due;
}

/* The steps a case passes, in order, and their anchors. */
enum { STEP_CONTACT, STEP_ASSESS, STEP_DECIDE, STEP_START, STEPS };
static const genop_anchor step_anchor[STEPS] = {
    GENOP_ANCHOR_CONTACTED, GENOP_ANCHOR_ASSESSMENT, GENOP_ANCHOR_DECISION,
    GENOP_ANCHOR_FIRST_SESSION,
};

/* How many workdays after the referral each step may come and keep the
 * standard's deadlines counted from the referral; a step no deadline
 * ends at gets a usual time. Never decreasing; the start after the
 * decision. */
static void budgets(const plan *p, int b[STEPS], bool kept[STEPS], genop_error *e)
{
    static const int usual[STEPS] = {3, 7, 9, 14};
    const genop_standard *std = p->g->std;
    for (int s = 0; s < STEPS; s++) {
        b[s] = -1;
        kept[s] = false;
    }
    for (size_t i = 0; i < std->n_deadlines; i++) {
        const genop_deadline_rule *r = &std->deadlines[i];
        if (r->citizens_deadline || r->from != GENOP_ANCHOR_REFERRAL_RECEIVED ||
            !(r->paragraphs & p->para))
            continue;
        for (int s = 0; s < STEPS; s++) {
            if (r->until != step_anchor[s])
                continue;
            long wd = 0;
            genop_date due = rule_due(std, r, p->c->referral, e);
            if (genop_calendar_workdays_between(std->calendar, p->c->referral, due, &wd, e))
                wd = usual[s];
            if (b[s] < 0 || wd < b[s])
                b[s] = (int)wd;
            kept[s] = true;
        }
    }
    for (int s = 0; s < STEPS; s++)
        if (b[s] < 0)
            b[s] = usual[s] > (s ? b[s - 1] : 0) ? usual[s] : b[s - 1] + 2;
    for (int s = STEPS - 2; s >= 0; s--)
        if (b[s] > b[s + 1])
            b[s] = b[s + 1];
    if (b[STEP_DECIDE] >= b[STEP_START])
        b[STEP_DECIDE] = b[STEP_START] > 0 ? b[STEP_START] - 1 : 0;
}

/* The fewest workdays the standard allows from a grant decided on
 * `decided` to the first session (its deadlines counted from the
 * decision or the grant's receipt), or -1 when it sets none. */
static int after_decision(const plan *p, genop_date decided, genop_error *e)
{
    const genop_standard *std = p->g->std;
    int cap = -1;
    for (size_t i = 0; i < std->n_deadlines; i++) {
        const genop_deadline_rule *r = &std->deadlines[i];
        bool from_grant = r->from == GENOP_ANCHOR_DECISION ||
                          r->from == GENOP_ANCHOR_DECISION_RECEIVED ||
                          r->from == GENOP_ANCHOR_GRANT_RECEIVED;
        if (!from_grant || r->until != GENOP_ANCHOR_FIRST_SESSION || !(r->paragraphs & p->para))
            continue;
        long wd;
        if (genop_calendar_workdays_between(std->calendar, decided,
                                            rule_due(std, r, decided, e), &wd, e))
            continue;
        if (cap < 0 || wd < cap)
            cap = (int)wd;
    }
    return cap;
}

/* The workdays after the referral each step is taken: within the
 * budgets, but 1 case in 11 lets one step - one a deadline ends at, when
 * the standard has such - slip past its budget, and the later ones with
 * it. */
static void step_offsets(plan *p, int o[STEPS], genop_error *e)
{
    history_gen *g = p->g;
    int b[STEPS];
    bool kept[STEPS];
    budgets(p, b, kept, e);
    o[STEP_CONTACT] = early(g, b[STEP_CONTACT]);
    o[STEP_ASSESS] = o[STEP_CONTACT] + early(g, b[STEP_ASSESS] - o[STEP_CONTACT]);
    o[STEP_DECIDE] = o[STEP_ASSESS] + (chance(g, 550) ? 0 : early(g, b[STEP_DECIDE] - o[STEP_ASSESS]));
    int room = b[STEP_START] - o[STEP_DECIDE] - 1;
    int cap = after_decision(p, wd_after(p, p->c->referral, o[STEP_DECIDE], e), e);
    if (cap >= 1 && room > cap - 1)
        room = cap - 1;
    o[STEP_START] = o[STEP_DECIDE] + 1 + (room > 0 ? pick(g, room + 1) : 0);
    if (!chance(g, 90))
        return;
    int steps[STEPS], n = 0;
    for (int s = 0; s < STEPS; s++)
        if (kept[s])
            steps[n++] = s;
    int from = n > 0 ? steps[pick(g, n)] : pick(g, STEPS);
    int late = b[from] + 1 + early(g, 8) + (chance(g, 150) ? pick(g, 15) : 0);
    int slip = late > o[from] ? late - o[from] : 0;
    for (int s = from; s < STEPS; s++)
        o[s] += slip;
}

/* The limit of kind k for the case's paragraph, or 0. */
static int limit_max(const plan *p, genop_limit_kind k, genop_unit *unit)
{
    const genop_standard *std = p->g->std;
    for (size_t i = 0; i < std->n_limits; i++)
        if (std->limits[i].kind == k && (std->limits[i].paragraphs & p->para)) {
            if (unit)
                *unit = std->limits[i].unit;
            return std->limits[i].max;
        }
    return 0;
}

/* The course a grant gives: its frequency, length and first day. */
typedef struct course {
    int per_week, minutes, weeks;
    genop_date start;
    bool unreliable;         /* a citizen who misses four times as often */
} course;

/* Draws the course of a grant, within the standard's limits. */
static void draw_course(plan *p, course *k)
{
    history_gen *g = p->g;
    bool stk2 = p->para == GENOP_PARA_86_2;
    k->per_week = chance(g, stk2 ? 400 : 700) ? 2 : 1;
    int max = limit_max(p, GENOP_LIMIT_SESSIONS_PER_WEEK, NULL);
    if (max > 0 && k->per_week > max)
        k->per_week = max;
    static const int minutes[] = {45, 45, 45, 60, 60, 30};
    k->minutes = minutes[pick(g, COUNT(minutes))];
    max = limit_max(p, GENOP_LIMIT_MINUTES_PER_WEEK, NULL);
    while (max > 0 && k->minutes > 15 && k->minutes * k->per_week > max)
        k->minutes -= 15;
    k->weeks = stk2 ? 8 + pick(g, 9) : 6 + pick(g, 7);
    genop_unit unit = GENOP_UNIT_WEEKS;
    max = limit_max(p, GENOP_LIMIT_COURSE_LENGTH, &unit);
    int max_weeks = unit == GENOP_UNIT_MONTHS ? max * 4 : unit == GENOP_UNIT_DAYS ? max / 7 : max;
    if (max > 0 && k->weeks > max_weeks - 1)
        k->weeks = max_weeks > 2 ? max_weeks - 1 : 1;
    max = limit_max(p, GENOP_LIMIT_SESSIONS, NULL);
    if (max > 0 && k->weeks * k->per_week > max)
        k->weeks = max / k->per_week > 0 ? max / k->per_week : 1;
    k->unreliable = chance(g, 100);
}

/* A grant's decision fields (letters.md section 1) for course k. */
static json_t *grant_fields(plan *p, const course *k)
{
    static const char *const forms[] = {"team", "team", "team", "individual", "individual",
                                        "self_training"};
    static const char *const places[] = {"centre", "centre", "centre", "centre", "centre",
                                         "centre", "home", "local_area"};
    history_gen *g = p->g;
    json_t *sessions = json_integer(k->weeks * k->per_week), *until = json_null();
    if (chance(g, 150)) {
        char d[GENOP_DATE_STR_SIZE];
        json_decref(sessions);
        sessions = json_null();
        json_decref(until);
        until = json_string(genop_date_format(k->start + 7 * k->weeks, d));
    }
    return made(p, json_pack("{s:b, s:{s:s, s:s, s:i, s:i, s:o, s:o, s:b, s:[]}}", "granted", 1,
                             "grant", "form", forms[pick(g, COUNT(forms))], "place",
                             places[pick(g, COUNT(places))], "sessions_per_week", k->per_week,
                             "minutes_per_session", k->minutes, "sessions", sessions, "until",
                             until, "transport", chance(g, 120), "exceptions"));
}

/* A session's outcome. */
static const char *outcome(plan *p, const course *k)
{
    int r = pick(p->g, 1000);
    int no_show = k->unreliable ? 120 : 30;
    if (r < no_show)
        return "no_show";
    if (r < no_show + 45)
        return "citizen_cancelled";
    if (r < no_show + 80)
        return "provider_cancelled";
    return "attended";
}

/* Whether the standard's attendance rule counts outcome o. */
static bool counts(const plan *p, const char *o)
{
    const genop_attendance_rule *a = &p->g->std->attendance;
    if (!a->present || !(a->paragraphs & p->para))
        return false;
    return strcmp(o, "no_show") == 0 ||
           (a->counts == GENOP_COUNT_NO_SHOWS_AND_CANCELLATIONS &&
            strcmp(o, "citizen_cancelled") == 0);
}

/* The sessions of course k, at its weekly times from its first day,
 * none on a day off. Returns the last one's date, or 0 when the course
 * was ended for attendance (then *ended has the date it was ended). */
static genop_date sessions(plan *p, const course *k, genop_date *ended)
{
    const genop_standard *std = p->g->std;
    int second = genop_date_weekday(k->start) <= 2 ? 3 : 5;
    int missed = 0;
    genop_date last = k->start;
    *ended = 0;
    for (int w = 0; w < k->weeks; w++)
        for (int s = 0; s < k->per_week; s++) {
            genop_date d = k->start + 7 * w + (s ? second : 0);
            if (!genop_calendar_is_workday(std->calendar, d))
                continue;
            const char *o = outcome(p, k);
            if (!add(p, GENOP_EV_SESSION, d, true,
                     made(p, json_pack("{s:i, s:s}", "minutes", k->minutes, "outcome", o))))
                return last;
            last = d;
            if (counts(p, o) && ++missed == std->attendance.review_limit &&
                chance(p->g, 450)) {
                *ended = d + 1 + pick(p->g, 5);
                return 0;
            }
        }
    return last;
}

/* A closed event's fields with reason id. */
static json_t *reason(plan *p, const char *id)
{
    return made(p, json_pack("{s:s}", "reason", id));
}

/* Why a finished course ends: mostly its goal reached, now and then one
 * of the standard's own reasons. NULL: it is never closed. */
static const char *closing_reason(plan *p)
{
    genop_reason_entry list[GENOP_REASONS_MAX], own[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(p->g->std, list), n_own = 0;
    for (size_t i = 0; i < n; i++)
        if (!list[i].general && strcmp(list[i].id, "admitted") != 0)
            own[n_own++] = list[i];
    int r = pick(p->g, 1000);
    if (r < 50)
        return NULL;
    if (r < 130)
        return "citizen_declined";
    if (r < 150)
        return "moved";
    if (r < 160)
        return "deceased";
    if (r < 180)
        return "other";
    if (r < 400 && n_own > 0)
        return own[pick(p->g, (int)n_own)].id;
    return "goal_reached";
}

/* The course k (drawn, its first session on k->start): the sessions and
 * the closure. */
static void run_course(plan *p, const course *k)
{
    genop_date ended, last = sessions(p, k, &ended);
    if (p->stopped)
        return;
    if (last == 0) {
        add(p, GENOP_EV_CLOSED, ended, true, reason(p, "no_shows"));
        return;
    }
    const char *why = closing_reason(p);
    if (why)
        add(p, GENOP_EV_CLOSED, last + early(p->g, 7), true, reason(p, why));
}

/* A refusal's fields: one of the standard's criteria for the paragraph
 * that the citizen does not meet, or "other". */
static json_t *refusal_fields(plan *p)
{
    genop_criterion_entry all[GENOP_CRITERIA_ALL_MAX];
    const char *ids[GENOP_CRITERIA_ALL_MAX];
    size_t n = genop_criteria(p->g->std, all), m = 0;
    for (size_t i = 0; i < n; i++)
        if (all[i].kind == GENOP_CRITERION_TARGET_GROUP && (all[i].paragraphs & p->para))
            ids[m++] = all[i].id;
    const char *id = m > 0 && chance(p->g, 700) ? ids[pick(p->g, (int)m)] : "other";
    return made(p, json_pack("{s:b, s:[{s:s, s:s}]}", "granted", 0, "reasons", "criterion", id,
                             "text", "Borgeren vurderes ikke at have et behov for træning, "
                                     "som træning efter § 86 kan afhjælpe."));
}

/* After a refusal on `decided`: 30% complain. A complaint upheld in full
 * gives a grant and a course; one that is not is sent on to
 * Ankestyrelsen, and the case closed; without a complaint the case is
 * closed as refused once the complaint window has passed. */
static void after_refusal(plan *p, genop_date decided, genop_error *e)
{
    history_gen *g = p->g;
    if (!chance(g, 300)) {
        add(p, GENOP_EV_CLOSED, decided + 29 + pick(g, 10), false, reason(p, "refused"));
        return;
    }
    genop_date got = decided + 2 + pick(g, 24);
    if (!add(p, GENOP_EV_COMPLAINT_RECEIVED, got, false, NULL))
        return;
    genop_date judged = got + 3 + early(g, 20) + (chance(g, 100) ? 10 + pick(g, 15) : 0);
    int r = pick(g, 100);
    const char *upheld = r < 20 ? "full" : r < 35 ? "partial" : "none";
    if (!add(p, GENOP_EV_COMPLAINT_DECIDED, judged, false,
             made(p, json_pack("{s:s}", "upheld", upheld))))
        return;
    if (r < 20) {
        course k;
        draw_course(p, &k);
        k.start = wd_after(p, judged, 1 + early(g, 8), e);
        if (add(p, GENOP_EV_DECISION, judged, false, grant_fields(p, &k)))
            run_course(p, &k);
        return;
    }
    genop_date sent = judged + 1 + early(g, 6) + (chance(g, 80) ? 20 + pick(g, 10) : 0);
    if (add(p, GENOP_EV_COMPLAINT_FORWARDED, sent, false, NULL))
        add(p, GENOP_EV_CLOSED, sent + pick(g, 3), false, reason(p, "complaint_forwarded"));
}

/* The referral's own data: paragraph, who referred, the condition. */
static void referral(history_gen *g, history_case *c, unsigned *para)
{
    static const char *const sources[] = {"egen læge", "egen læge", "egen læge", "sygehus",
                                          "hjemmeplejen", "borgeren selv", "pårørende"};
    static const char *const conditions[][2] = {
        {"hofte", "Nedsat gangfunktion efter fald i hjemmet; bruger rollator."},
        {"knæ", "Smerter og nedsat bevægelighed i knæet; svært ved trapper."},
        {"skulder", "Nedsat kraft og bevægelighed i skulderen efter længere tids smerter."},
        {"ryg", "Rygsmerter med nedsat funktion i dagligdagen."},
        {"fald", "Flere fald det seneste halve år; usikker balance."},
        {"lunger", "KOL med nedsat udholdenhed; forpustet ved korte gåture."},
        {"apopleksi", "Følger efter blodprop i hjernen; nedsat balance og kraft i venstre side."},
        {"almen svækkelse", "Almen svækkelse efter sygdomsforløb; har svært ved at klare sig selv."},
    };
    bool both = (g->std->paragraphs & GENOP_PARA_86_2) && (g->std->paragraphs & GENOP_PARA_86_1);
    *para = both && chance(g, 250) ? GENOP_PARA_86_2
            : (g->std->paragraphs & GENOP_PARA_86_1) ? GENOP_PARA_86_1
                                                      : GENOP_PARA_86_2;
    c->paragraph = *para == GENOP_PARA_86_2 ? "86.2" : "86.1";
    c->source = sources[pick(g, COUNT(sources))];
    int k = pick(g, COUNT(conditions));
    c->condition = conditions[k][0];
    c->text = conditions[k][1];
}

/* The steps from contact to the decision, and what follows it. */
static void plan_case(plan *p, genop_error *e)
{
    history_gen *g = p->g;
    genop_date ref = p->c->referral;
    int o[STEPS];
    step_offsets(p, o, e);
    genop_date at[STEPS];
    for (int s = 0; s < STEPS; s++)
        at[s] = wd_after(p, ref, o[s], e);
    if (!add(p, GENOP_EV_CONTACTED, at[STEP_CONTACT], false, NULL))
        return;
    if (chance(g, 10)) {      /* the citizen declines before an assessment */
        add(p, GENOP_EV_CLOSED, at[STEP_CONTACT] + pick(g, 5), false,
            reason(p, chance(g, 800) ? "citizen_declined" : "deceased"));
        return;
    }
    if (!add(p, GENOP_EV_ASSESSMENT, at[STEP_ASSESS], false, NULL))
        return;
    bool refused = chance(g, p->para == GENOP_PARA_86_2 ? 120 : 70);
    if (refused) {
        if (add(p, GENOP_EV_DECISION, at[STEP_DECIDE], false, refusal_fields(p)))
            after_refusal(p, at[STEP_DECIDE], e);
        return;
    }
    course k;
    draw_course(p, &k);
    k.start = at[STEP_START];
    if (add(p, GENOP_EV_DECISION, at[STEP_DECIDE], false, grant_fields(p, &k)))
        run_course(p, &k);
}

genop_err history_gen_next(history_gen *g, history_case *c, genop_error *e)
{
    memset(c, 0, sizeof *c);
    c->referral = next_referral(g);
    unsigned para;
    referral(g, c, &para);
    citizen(g, c);
    plan p = {g, c, para, false, GENOP_OK};
    genop_error ignored;      /* the calendar covers 1900-2199; a step past it stays put */
    plan_case(&p, &ignored);
    if (p.err)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til en sags hændelser");
    return GENOP_OK;
}

void history_case_release(history_case *c)
{
    for (size_t i = 0; i < c->n_events; i++)
        json_decref(c->events[i].fields);
    c->n_events = 0;
}
