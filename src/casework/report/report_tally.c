/*
 * report_tally.c - counting one case into a report's counters
 * (report_tally.h). The case is evaluated by genop_evaluate() as of the
 * query's as_of; its deadlines due in the period (the citizen's own
 * left out) are counted by status under their rule and the case's
 * paragraph, for the period and for the due date's month, and the done
 * ones' calendar days and workdays (genop_calendar_workdays_between, as
 * `genop calendar between`) go into histograms. Sessions, referrals,
 * first decisions, closures (by reason, report_reasons.h) and complaints
 * are counted from the corrected view the evaluation read, by their
 * dates; limits and attendance reviews from the evaluation.
 */
#include <stdlib.h>
#include <string.h>

#include "report_reasons.h"
#include "report_tally.h"

static bool in_period(const report_tally *t, genop_date d)
{
    return d >= t->q.from && d <= t->q.to;
}

static long month_number(genop_date d)
{
    int y, m, day;
    genop_date_to_ymd(d, &y, &m, &day);
    return (long)y * 12 + m - 1;
}

genop_err report_tally_init(report_tally *t, const genop_standard *std, const report_query *q,
                            genop_error *e)
{
    memset(t, 0, sizeof *t);
    t->std = std;
    t->q = *q;
    t->first_month = month_number(q->from);
    t->n_months = (size_t)(month_number(q->to) - t->first_month + 1);
    t->n_keys = std->n_deadlines * 2;
    report_reasons_init(&t->closures, std);
    size_t n_cells = t->n_keys ? t->n_keys : 1;
    t->period = calloc(n_cells, sizeof *t->period);
    t->months = calloc(n_cells * t->n_months, sizeof *t->months);
    if (!t->period || !t->months)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    return GENOP_OK;
}

static genop_err hist_add(report_hist **h, long v, genop_error *e)
{
    if (!*h && !(*h = calloc(1, sizeof **h)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapportens tal");
    return report_hist_add(*h, v, e);
}

static genop_err cell_add(report_cell *cell, const genop_deadline_result *d, long workdays,
                          genop_error *e)
{
    cell->count[d->status]++;
    if (!d->done)
        return GENOP_OK;
    genop_err err = hist_add(&cell->days, (long)(d->done_date - d->from), e);
    if (!err)
        err = hist_add(&cell->workdays, workdays, e);
    return err;
}

/* Counts the evaluation's deadlines due in the period. */
static genop_err count_deadlines(report_tally *t, genop_error *e)
{
    const genop_result *r = &t->result;
    size_t para = r->paragraph == GENOP_PARA_86_2 ? 1 : 0;
    for (size_t i = 0; i < r->n_deadlines; i++) {
        const genop_deadline_result *d = &r->deadlines[i];
        if (d->rule->citizens_deadline || !in_period(t, d->due))
            continue;
        long workdays = 0;
        genop_err err = GENOP_OK;
        if (d->done)
            err = genop_calendar_workdays_between(t->std->calendar, d->from, d->done_date,
                                                  &workdays, e);
        size_t key = (size_t)(d->rule - t->std->deadlines) * 2 + para;
        size_t month = (size_t)(month_number(d->due) - t->first_month);
        if (!err)
            err = cell_add(&t->period[key], d, workdays, e);
        if (!err)
            err = cell_add(&t->months[month * t->n_keys + key], d, workdays, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}

/* Limits exceeded and attendance reviews dated in the period. */
static void count_findings(report_tally *t)
{
    const genop_result *r = &t->result;
    for (size_t i = 0; i < r->n_limits; i++) {
        const genop_limit_result *l = &r->limits[i];
        if (!l->exceeded)
            continue;
        genop_date on = l->has_exceeded_on ? l->exceeded_on : l->last_day + 1;
        if ((l->has_exceeded_on || l->rule->kind == GENOP_LIMIT_COURSE_LENGTH) && in_period(t, on))
            t->extras.limits_exceeded[l->rule->kind]++;
    }
    if (r->attendance.has_review_since && in_period(t, r->attendance.review_since))
        t->extras.attendance_reviews++;
}

static void count_session(report_tally *t, const genop_event *ev)
{
    report_attendance *a = &t->attendance;
    switch (ev->outcome) {
    case GENOP_OUTCOME_ATTENDED: a->attended++; break;
    case GENOP_OUTCOME_NO_SHOW: a->no_shows++; break;
    case GENOP_OUTCOME_CITIZEN_CANCELLED: a->citizen_cancellations++; break;
    default: a->provider_cancellations++; return;
    }
    a->sessions++;
}

/* What the view's events dated in the period say. */
static void count_events(report_tally *t, const genop_case *c)
{
    bool decided = false;
    const genop_event *closure = NULL;   /* the last dated in the period */
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        bool first_decision = ev->type == GENOP_EV_DECISION && !decided;
        if (ev->type == GENOP_EV_DECISION)
            decided = true;
        if (!in_period(t, ev->date))
            continue;
        switch (ev->type) {
        case GENOP_EV_SESSION: count_session(t, ev); break;
        case GENOP_EV_CLOSED: closure = ev; break;
        case GENOP_EV_COMPLAINT_RECEIVED: t->extras.complaints_received++; break;
        case GENOP_EV_COMPLAINT_DECIDED: t->extras.complaints_decided[ev->upheld]++; break;
        case GENOP_EV_COMPLAINT_FORWARDED: t->extras.complaints_forwarded++; break;
        case GENOP_EV_APPEAL_DECIDED: t->extras.appeals_decided[ev->appeal]++; break;
        case GENOP_EV_DECISION:
            if (first_decision)
                (*(ev->granted ? &t->cases.granted : &t->cases.refused))++;
            break;
        default: break;
        }
    }
    if (closure) {
        t->cases.closed++;
        report_reasons_count(&t->closures, closure->reason);
    }
}

genop_err report_tally_case(report_tally *t, int64_t case_id, const genop_case *c,
                            genop_error *e)
{
    genop_error why;
    if (genop_evaluate(c, t->std, t->q.as_of, &t->result, &why)) {
        genop_refuse(e, GENOP_ERANGE, "as_of", "sag %lld kan ikke vurderes pr. denne dato: %s",
                     (long long)case_id, why.message);
        return GENOP_ERANGE;
    }
    if (t->q.paragraph && t->result.paragraph != t->q.paragraph)
        return GENOP_OK;
    t->cases.evaluated++;
    if (in_period(t, t->result.referral_date))
        t->cases.referrals++;
    count_events(t, c);
    count_findings(t);
    genop_err err = count_deadlines(t, e);
    if (!err)
        err = report_open_count(t, c, e);
    if (err)
        genop_error_prefix(e, "sag %lld", (long long)case_id);
    return err;
}
