/*
 * evaluate.c - the evaluator: turns a case's events, a quality standard and
 * an as-of date into deadlines, limits, attendance and eligibility, each
 * with the source of its rule (shared/spec/evaluate.md section 3).
 *
 * It works in two passes over the (sorted) events: one to collect the facts
 * the rules ask about - the first date of every anchor, the latest decision,
 * the session counts - and one over the sessions per ISO week. Everything
 * lives on the stack and in the caller's result; nothing is allocated.
 *
 * Every event in the case counts, whatever its date: as_of only decides
 * whether an unmet deadline is still pending or already overdue, and how
 * long an open course has run.
 */
#include "evaluate.h"

#include <assert.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "complaint_routes.h"
#include "municipalities.h"

static const char *const status_names[] = {"met", "late", "pending", "overdue"};
static const char *const finding_names[GENOP_FINDING_COUNT] = {
    "age", "residency", "hospital_plan", "quarantine",
};

const char *genop_deadline_status_name(genop_deadline_status s) { return status_names[s]; }
const char *genop_finding_name(genop_finding_kind k) { return finding_names[k]; }

/* What the rules ask about a case, collected in one pass. */
typedef struct facts {
    bool has[GENOP_ANCHOR_COUNT];
    genop_date at[GENOP_ANCHOR_COUNT];
    bool has_decision;
    bool latest_granted;            /* the most recent decision granted */
    bool has_granting_decision;
    genop_date first_granting_decision;
    uint32_t latest_granting_seq;   /* the latest granting decision (with has_granting_decision) */
    genop_date latest_granting_date;
    bool has_complaint_decided;
    genop_upheld first_upheld;
    bool has_counting_session;
    genop_date last_counting_session;
    int training_sessions;          /* counting, kind training */
    int assessment_sessions;        /* counting, kind assessment */
    int no_shows;
    int citizen_cancellations;
} facts;

static void note_first(facts *f, genop_anchor a, genop_date d)
{
    if (!f->has[a]) {
        f->has[a] = true;
        f->at[a] = d;
    }
}

static void collect_session(facts *f, const genop_event *ev)
{
    if (ev->outcome == GENOP_OUTCOME_NO_SHOW)
        f->no_shows++;
    else if (ev->outcome == GENOP_OUTCOME_CITIZEN_CANCELLED)
        f->citizen_cancellations++;
    if (!genop_session_counts(ev))
        return;
    note_first(f, GENOP_ANCHOR_FIRST_SESSION, ev->date);
    f->has_counting_session = true;
    f->last_counting_session = ev->date;
    if (ev->kind == GENOP_SESSION_ASSESSMENT)
        f->assessment_sessions++;
    else
        f->training_sessions++;
}

/* The facts of c; a complaint counts only when it goes to the
 * municipality by std's routes (genop_complaint_reconsidered). */
static void collect_facts(const genop_case *c, const genop_standard *std, facts *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        switch (ev->type) {
        case GENOP_EV_REFERRAL_RECEIVED: note_first(f, GENOP_ANCHOR_REFERRAL_RECEIVED, ev->date); break;
        case GENOP_EV_CONTACTED: note_first(f, GENOP_ANCHOR_CONTACTED, ev->date); break;
        case GENOP_EV_ASSESSMENT: note_first(f, GENOP_ANCHOR_ASSESSMENT, ev->date); break;
        case GENOP_EV_DECISION:
            note_first(f, GENOP_ANCHOR_DECISION, ev->date);
            f->has_decision = true;
            f->latest_granted = ev->granted;
            if (ev->granted && !f->has_granting_decision) {
                f->has_granting_decision = true;
                f->first_granting_decision = ev->date;
            }
            if (ev->granted) {
                f->latest_granting_seq = ev->seq;
                f->latest_granting_date = ev->date;
            }
            break;
        case GENOP_EV_DECISION_RECEIVED: note_first(f, GENOP_ANCHOR_DECISION_RECEIVED, ev->date); break;
        case GENOP_EV_GRANT_RECEIVED: note_first(f, GENOP_ANCHOR_GRANT_RECEIVED, ev->date); break;
        case GENOP_EV_SESSION: collect_session(f, ev); break;
        case GENOP_EV_CLOSED: note_first(f, GENOP_ANCHOR_CLOSED, ev->date); break;
        case GENOP_EV_COMPLAINT_RECEIVED:
            if (genop_complaint_reconsidered(std, ev))
                note_first(f, GENOP_ANCHOR_COMPLAINT_RECEIVED, ev->date);
            break;
        case GENOP_EV_COMPLAINT_DECIDED:
            if (!f->has_complaint_decided) {
                f->has_complaint_decided = true;
                f->first_upheld = ev->upheld;
            }
            note_first(f, GENOP_ANCHOR_COMPLAINT_DECIDED, ev->date);
            break;
        case GENOP_EV_COMPLAINT_FORWARDED: note_first(f, GENOP_ANCHOR_COMPLAINT_FORWARDED, ev->date); break;
        default: break;
        }
    }
    /* Fallbacks of spec section 2: no decision_received -> the decision's
     * date; no grant_received -> the granting decision's date. */
    if (!f->has[GENOP_ANCHOR_DECISION_RECEIVED] && f->has[GENOP_ANCHOR_DECISION])
        note_first(f, GENOP_ANCHOR_DECISION_RECEIVED, f->at[GENOP_ANCHOR_DECISION]);
    if (!f->has[GENOP_ANCHOR_GRANT_RECEIVED] && f->has_granting_decision)
        note_first(f, GENOP_ANCHOR_GRANT_RECEIVED, f->first_granting_decision);
}

static bool condition_holds(const facts *f, genop_condition when)
{
    switch (when) {
    case GENOP_WHEN_ALWAYS: return true;
    case GENOP_WHEN_GRANTED: return f->has_decision && f->latest_granted;
    case GENOP_WHEN_NOT_REFUSED: return !f->has_decision || f->latest_granted;
    case GENOP_WHEN_NOT_FULLY_UPHELD:
        return f->has_complaint_decided && f->first_upheld != GENOP_UPHELD_FULL;
    default: return false;
    }
}

/* Fills r for rule; returns false (and nothing in r) if it does not apply. */
static genop_err eval_deadline(const genop_standard *std, const genop_deadline_rule *rule,
                               const facts *f, genop_date as_of,
                               genop_deadline_result *r, bool *listed, genop_error *e)
{
    *listed = false;
    if (!f->has[rule->from] || !condition_holds(f, rule->when))
        return GENOP_OK;
    genop_date due;
    genop_err err = genop_standard_add(std, f->at[rule->from], rule->amount, rule->unit,
                                       &due, e);
    if (!err && rule->due_on_workday)
        err = genop_calendar_next_workday_on_or_after(std->calendar, due, &due, e);
    if (err) {
        char from[GENOP_DATE_DA_SIZE];
        genop_error_prefix(e, "fristen '%s' regnet fra den %s", rule->id,
                           genop_date_format_da(f->at[rule->from], from));
        return err;
    }
    memset(r, 0, sizeof *r);
    r->rule = rule;
    r->from = f->at[rule->from];
    r->due = due;
    r->done = f->has[rule->until];
    if (r->done) {
        r->done_date = f->at[rule->until];
        r->status = r->done_date <= due ? GENOP_DEADLINE_MET : GENOP_DEADLINE_LATE;
    } else if (as_of <= due) {
        r->status = GENOP_DEADLINE_PENDING;
        err = genop_calendar_workdays_between(std->calendar, as_of, due, &r->workdays_left, e);
    } else {
        r->status = GENOP_DEADLINE_OVERDUE;
        err = genop_calendar_workdays_between(std->calendar, due, as_of, &r->workdays_left, e);
        r->workdays_left = -r->workdays_left;
    }
    *listed = err == GENOP_OK;
    return err;
}

/* The worst ISO week of counting sessions, by count or by minutes. */
static void worst_week(const genop_case *c, bool by_minutes, genop_limit_result *r)
{
    genop_date week = 0, worst = 0;
    long sum = 0, best = -1;
    bool any = false;
    for (size_t i = 0; i <= c->n_events; i++) {
        const genop_event *ev = i < c->n_events ? &c->events[i] : NULL;
        if (ev && !genop_session_counts(ev))
            continue;
        genop_date monday = ev ? genop_date_week_monday(ev->date) : 0;
        if (any && (!ev || monday != week)) {
            if (sum > best) {
                best = sum;
                worst = week;
            }
            sum = 0;
        }
        if (!ev)
            break;
        any = true;
        week = monday;
        sum += by_minutes ? ev->minutes : 1;
    }
    r->used = best < 0 ? 0 : best;
    r->has_period = best >= 0;
    if (r->has_period)
        genop_date_iso_week(worst, &r->period_year, &r->period_week);
}

/* The date of the counting session that first took a counting limit past
 * its max (into r->exceeded_on): the (max+1)th session of the kind the
 * limit counts, or the session that took its ISO week's sessions or
 * minutes past max. The events are sorted by date. */
static void first_exceeded(const genop_case *c, const genop_limit_rule *rule,
                           genop_limit_result *r)
{
    bool weekly = rule->kind == GENOP_LIMIT_SESSIONS_PER_WEEK ||
                  rule->kind == GENOP_LIMIT_MINUTES_PER_WEEK;
    genop_date week = 0;
    long sum = 0;
    for (size_t i = 0; i < c->n_events && !r->has_exceeded_on; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type != GENOP_EV_SESSION || !genop_session_counts(ev))
            continue;
        if (rule->kind == GENOP_LIMIT_SESSIONS && ev->kind != GENOP_SESSION_TRAINING)
            continue;
        if (rule->kind == GENOP_LIMIT_ASSESSMENT_SESSIONS && ev->kind != GENOP_SESSION_ASSESSMENT)
            continue;
        if (weekly && genop_date_week_monday(ev->date) != week) {
            week = genop_date_week_monday(ev->date);
            sum = 0;
        }
        sum += rule->kind == GENOP_LIMIT_MINUTES_PER_WEEK ? ev->minutes : 1;
        if (sum > r->max) {
            r->has_exceeded_on = true;
            r->exceeded_on = ev->date;
        }
    }
}

/* The exception to limit `kind` that the case's latest granted decision
 * makes (evaluate.md section 3, letters.md section 1) into r; a later
 * decision's grant replaces an earlier one's, exceptions and all. */
static void find_exception(const genop_case *c, const facts *f, genop_limit_kind kind,
                           genop_limit_result *r)
{
    size_t n;
    if (!f->has_granting_decision)
        return;
    const genop_exception *x = genop_case_exceptions(c, f->latest_granting_seq, &n);
    for (size_t i = 0; i < n; i++) {
        if (x[i].limit == kind) {
            r->exception = &x[i];
            r->exception_decided = f->latest_granting_date;
            r->standard_max = r->max;
            r->max = x[i].max;
        }
    }
}

static genop_err eval_limit(const genop_case *c, const genop_standard *std,
                            const genop_limit_rule *rule, const facts *f,
                            genop_date as_of, genop_limit_result *r, bool *listed,
                            genop_error *e)
{
    memset(r, 0, sizeof *r);
    r->rule = rule;
    r->max = rule->max;
    *listed = true;
    switch (rule->kind) {
    case GENOP_LIMIT_SESSIONS: r->used = f->training_sessions; break;
    case GENOP_LIMIT_ASSESSMENT_SESSIONS: r->used = f->assessment_sessions; break;
    case GENOP_LIMIT_SESSIONS_PER_WEEK: worst_week(c, false, r); break;
    case GENOP_LIMIT_MINUTES_PER_WEEK: worst_week(c, true, r); break;
    case GENOP_LIMIT_COURSE_LENGTH: {
        /* A course that has not started has no length yet. */
        if (!f->has[GENOP_ANCHOR_FIRST_SESSION]) {
            *listed = false;
            return GENOP_OK;
        }
        genop_date start = f->at[GENOP_ANCHOR_FIRST_SESSION], end;
        genop_err err = genop_standard_add(std, start, rule->max, rule->unit, &end, e);
        if (err) {
            genop_error_prefix(e, "grænsen course_length");
            return err;
        }
        r->max = end - start;
        find_exception(c, f, rule->kind, r);
        r->last_day = r->exception ? start + (genop_date)r->max : end;
        genop_date last = f->has[GENOP_ANCHOR_CLOSED] ? f->last_counting_session : as_of;
        r->used = last > start ? last - start : 0;
        break;
    }
    default: break;
    }
    if (rule->kind != GENOP_LIMIT_COURSE_LENGTH)
        find_exception(c, f, rule->kind, r);
    r->exceeded = r->used > r->max;
    if (r->exceeded && rule->kind != GENOP_LIMIT_COURSE_LENGTH)
        first_exceeded(c, rule, r);
    return GENOP_OK;
}

/* The admissions during the course into a: none before it has started
 * (no counting session: there is no course to review yet); from the day
 * of the first counting session up to and including the day it closed. */
static void count_admissions(const genop_case *c, const genop_standard *std, const facts *f,
                             unsigned para, genop_attendance_result *a)
{
    genop_date start = f->at[GENOP_ANCHOR_FIRST_SESSION];
    for (size_t i = 0; f->has[GENOP_ANCHOR_FIRST_SESSION] && i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type != GENOP_EV_ADMITTED || ev->date < start ||
            (f->has[GENOP_ANCHOR_CLOSED] && ev->date > f->at[GENOP_ANCHOR_CLOSED]))
            continue;
        if (a->admissions++ == 0)
            a->first_admission = ev->date;
        a->last_admission = ev->date;       /* the events are sorted by date */
    }
    const genop_admission_rule *rule = &std->attendance.admission;
    if (!std->attendance.present || !rule->present || !(rule->paragraphs & para))
        return;
    a->admission_source = &rule->source;
    a->admission_review = a->admissions > 0;
    if (!a->admission_review)
        return;
    char d[GENOP_DATE_DA_SIZE];
    if (a->admissions == 1)
        snprintf(a->admission_detail, sizeof a->admission_detail,
                 "Borgeren blev indlagt den %s under forløbet; forløbet skal revurderes.",
                 genop_date_format_da(a->last_admission, d));
    else
        snprintf(a->admission_detail, sizeof a->admission_detail,
                 "Borgeren blev indlagt %d gange under forløbet, senest den %s; forløbet skal "
                 "revurderes.", a->admissions, genop_date_format_da(a->last_admission, d));
}

/* The date of the session whose no-show (or, when the rule counts them,
 * citizen cancellation) made the count reach the review limit, into
 * a->limit_reached. The events are sorted by date. */
static void review_limit_reached(const genop_case *c, genop_attendance_count counts,
                                 int limit, genop_attendance_result *a)
{
    int counted = 0;
    for (size_t i = 0; i < c->n_events && !a->has_limit_reached; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type != GENOP_EV_SESSION)
            continue;
        if (ev->outcome == GENOP_OUTCOME_NO_SHOW ||
            (counts == GENOP_COUNT_NO_SHOWS_AND_CANCELLATIONS &&
             ev->outcome == GENOP_OUTCOME_CITIZEN_CANCELLED))
            counted++;
        if (counted >= limit) {
            a->has_limit_reached = true;
            a->limit_reached = ev->date;
        }
    }
}

/* Since when the course is up for review: the earlier of the day the
 * review limit was reached and the first admission that counts. */
static void set_review_since(genop_attendance_result *a)
{
    if (a->has_limit_reached) {
        a->has_review_since = true;
        a->review_since = a->limit_reached;
    }
    if (a->admission_review && (!a->has_review_since || a->first_admission < a->review_since)) {
        a->has_review_since = true;
        a->review_since = a->first_admission;
    }
}

static void eval_attendance(const genop_case *c, const genop_standard *std, const facts *f,
                            unsigned para, genop_attendance_result *a)
{
    memset(a, 0, sizeof *a);
    count_admissions(c, std, f, para, a);
    a->no_shows = f->no_shows;
    a->citizen_cancellations = f->citizen_cancellations;
    const genop_attendance_rule *rule = &std->attendance;
    if (rule->present && (rule->paragraphs & para)) {
        a->has_rule = true;
        a->review_limit = rule->review_limit;
        a->counts = rule->counts;
        a->source = &rule->source;
        int counted = f->no_shows;
        if (rule->counts == GENOP_COUNT_NO_SHOWS_AND_CANCELLATIONS)
            counted += f->citizen_cancellations;
        a->review = counted >= rule->review_limit;
        if (a->review)
            review_limit_reached(c, rule->counts, rule->review_limit, a);
    }
    set_review_since(a);
}

static genop_finding *add_finding(genop_result *out, genop_finding_kind kind,
                                  const genop_source *source)
{
    /* Each check adds at most one finding. */
    assert(out->n_findings < GENOP_FINDING_COUNT);
    genop_finding *fd = &out->findings[out->n_findings++];
    fd->kind = kind;
    fd->source = source;
    fd->detail[0] = '\0';
    return fd;
}

static void check_age(const genop_case *c, const genop_standard *std, genop_result *out)
{
    if (!std->minimum_age.present || !(std->minimum_age.paragraphs & out->paragraph))
        return;
    if (!c->has_birth_date) {
        out->unchecked |= 1u << GENOP_FINDING_AGE;
        return;
    }
    int age = genop_age_on(c->birth_date, out->referral_date);
    if (age >= std->minimum_age.minimum_years)
        return;
    genop_finding *fd = add_finding(out, GENOP_FINDING_AGE, &std->minimum_age.source);
    snprintf(fd->detail, sizeof fd->detail,
             "Borgeren var %d år, da henvendelsen blev modtaget; kravet er mindst %d år.",
             age < 0 ? 0 : age, std->minimum_age.minimum_years);
}

static void check_residency(const genop_case *c, const genop_standard *std,
                            genop_result *out)
{
    if (!std->residency.present || !(std->residency.paragraphs & out->paragraph))
        return;
    if (!c->has_municipality_code) {
        out->unchecked |= 1u << GENOP_FINDING_RESIDENCY;
        return;
    }
    if (c->municipality_code == std->municipality_code)
        return;
    genop_finding *fd = add_finding(out, GENOP_FINDING_RESIDENCY, &std->residency.source);
    /* The standard's own name when the table lacks its code (a test's). */
    const genop_municipality *own = genop_municipality_find(std->municipality_code);
    const char *own_name = own ? own->full_name : std->municipality;
    const genop_municipality *home = genop_municipality_find(c->municipality_code);
    if (home)
        snprintf(fd->detail, sizeof fd->detail,
                 "Borgeren bor i %s (kommunekode %d), ikke i %s (%d).", home->full_name,
                 home->code, own_name, std->municipality_code);
    else
        snprintf(fd->detail, sizeof fd->detail,
                 "Borgeren har kommunekode %d, som ingen kommune har; %s har kommunekode %d.",
                 c->municipality_code, own_name, std->municipality_code);
}

/* The date eligibility is judged on (spec/evaluate.md section 3,
 * "Eligibility"): the texts bar a grant, so what counts is the situation
 * when the first decision is (or would be) made - its date, or as_of while
 * there is none. */
static genop_date judging_date(const facts *f, genop_date as_of)
{
    return f->has[GENOP_ANCHOR_DECISION] ? f->at[GENOP_ANCHOR_DECISION] : as_of;
}

static void check_hospital_plan(const genop_case *c, const genop_standard *std,
                                genop_date judged_on, genop_result *out)
{
    const genop_flag_rule *rule = &std->hospital_plan_excludes;
    if (!rule->present || !(rule->paragraphs & out->paragraph))
        return;
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type != GENOP_EV_HOSPITAL_PLAN || ev->date > judged_on)
            continue;
        char d[GENOP_DATE_DA_SIZE];
        genop_finding *fd = add_finding(out, GENOP_FINDING_HOSPITAL_PLAN, &rule->source);
        snprintf(fd->detail, sizeof fd->detail,
                 "Borgeren har en genoptræningsplan efter sundhedslovens § 140 "
                 "(registreret den %s).", genop_date_format_da(ev->date, d));
        return;
    }
}

/* The latest previous course of the referral's condition whose waiting
 * period has not run out on judged_on; NULL if none. */
static genop_err quarantine_hit(const genop_case *c, const genop_standard *std,
                                const genop_event *referral, genop_date judged_on,
                                const genop_event **hit, genop_date *hit_until,
                                genop_error *e)
{
    const genop_quarantine_rule *q = &std->quarantine;
    *hit = NULL;
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type != GENOP_EV_PREVIOUS_COURSE || ev->date > judged_on ||
            strcasecmp(ev->condition, referral->condition) != 0)
            continue;
        genop_date until;
        genop_err err = genop_standard_add(std, ev->date, q->amount, q->unit, &until, e);
        if (err) {
            genop_error_prefix(e, "karensperioden efter forløbet %s", ev->condition);
            return err;
        }
        if (judged_on < until && (!*hit || ev->date > (*hit)->date)) {
            *hit = ev;
            *hit_until = until;
        }
    }
    return GENOP_OK;
}

static bool has_previous_course(const genop_case *c, genop_date judged_on)
{
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_PREVIOUS_COURSE && c->events[i].date <= judged_on)
            return true;
    return false;
}

static genop_err check_quarantine(const genop_case *c, const genop_standard *std,
                                  const genop_event *referral, genop_date judged_on,
                                  genop_result *out, genop_error *e)
{
    const genop_quarantine_rule *q = &std->quarantine;
    if (!q->present || !(q->paragraphs & referral->paragraph))
        return GENOP_OK;
    if (referral->condition[0] == '\0') {
        if (has_previous_course(c, judged_on))
            out->unchecked |= 1u << GENOP_FINDING_QUARANTINE;
        return GENOP_OK;
    }
    const genop_event *hit;
    genop_date hit_until = 0;
    genop_err err = quarantine_hit(c, std, referral, judged_on, &hit, &hit_until, e);
    if (err || !hit)
        return err;
    char ended[GENOP_DATE_DA_SIZE], until[GENOP_DATE_DA_SIZE];
    genop_finding *fd = add_finding(out, GENOP_FINDING_QUARANTINE, &q->source);
    snprintf(fd->detail, sizeof fd->detail,
             "Et forløb for samme lidelse (%s) sluttede den %s; nyt forløb kan tidligst "
             "bevilges den %s.", hit->condition, genop_date_format_da(hit->date, ended),
             genop_date_format_da(hit_until, until));
    return GENOP_OK;
}

genop_err genop_evaluate(const genop_case *c, const genop_standard *std,
                         genop_date as_of, genop_result *out, genop_error *e)
{
    assert(c && std && out);
    assert(std->n_deadlines <= GENOP_DEADLINES_MAX && std->n_limits <= GENOP_LIMITS_MAX);
    assert(std->calendar != NULL);
    const genop_event *referral = genop_case_referral(c);
    if (!referral)
        return genop_fail(e, GENOP_EINVAL, "$.events: sagen har ingen henvendelse (referral_received)");
    facts f;
    collect_facts(c, std, &f);
    memset(out, 0, sizeof *out);
    out->standard = std;
    out->as_of = as_of;
    out->paragraph = referral->paragraph;
    out->referral_date = referral->date;
    out->paragraph_not_covered = !(std->paragraphs & referral->paragraph);
    out->before_effective = std->has_effective_from && referral->date < std->effective_from;
    genop_err err = GENOP_OK;
    for (size_t i = 0; i < std->n_deadlines && !err; i++) {
        const genop_deadline_rule *rule = &std->deadlines[i];
        bool listed;
        if (rule->paragraphs & referral->paragraph) {
            err = eval_deadline(std, rule, &f, as_of, &out->deadlines[out->n_deadlines], &listed, e);
            out->n_deadlines += listed;
        }
    }
    for (size_t i = 0; i < std->n_limits && !err; i++) {
        const genop_limit_rule *rule = &std->limits[i];
        bool listed;
        if (rule->paragraphs & referral->paragraph) {
            err = eval_limit(c, std, rule, &f, as_of, &out->limits[out->n_limits], &listed, e);
            out->n_limits += listed;
        }
    }
    if (err)
        return err;
    eval_attendance(c, std, &f, referral->paragraph, &out->attendance);
    genop_documentation_judge(c, std, referral->paragraph, &out->documentation);
    check_age(c, std, out);
    check_residency(c, std, out);
    genop_date judged_on = judging_date(&f, as_of);
    check_hospital_plan(c, std, judged_on, out);
    err = check_quarantine(c, std, referral, judged_on, out, e);
    out->eligible = out->n_findings == 0;
    return err;
}
