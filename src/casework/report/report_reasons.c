/*
 * report_reasons.c - closures by reason and the complaints' deadlines
 * (report_reasons.h). A closure's reason is matched by its id against the
 * standard's effective list (closure_reasons.h), then genop's own case
 * ends ("refused", "complaint_forwarded"); a reason neither names (one
 * kept from before the standard named its reasons, or too long to be an
 * id) is counted as "unlisted". Every reason of the list and every case
 * end has a row, also at 0, so the rows are the same from one report to
 * the next; "unlisted" only when it has a case.
 */
#include <string.h>

#include "report_reasons.h"

/* The row of "unlisted": after the effective list and the case ends. */
static size_t unlisted_row(const report_tally *t)
{
    return t->n_reasons + GENOP_CASE_END_COUNT;
}

void report_reasons_init(report_tally *t)
{
    t->n_reasons = genop_closure_reasons(t->std, t->reasons);
    memset(t->closures, 0, sizeof t->closures);
}

void report_reasons_count(report_tally *t, const char *reason)
{
    for (size_t i = 0; i < t->n_reasons; i++) {
        if (strcmp(t->reasons[i].id, reason) == 0) {
            t->closures[i]++;
            return;
        }
    }
    genop_case_end end;
    if (genop_case_end_find(reason, &end))
        t->closures[t->n_reasons + (size_t)end]++;
    else
        t->closures[unlisted_row(t)]++;
}

void report_reasons_merge(report_tally *into, const report_tally *from)
{
    for (size_t i = 0; i < REPORT_CLOSURE_ROWS; i++)
        into->closures[i] += from->closures[i];
}

static void finish_closures(const report_tally *t, report_more *m)
{
    m->n_closures = 0;
    m->ended_for_attendance = 0;
    for (size_t i = 0; i < t->n_reasons; i++) {
        const genop_reason_entry *r = &t->reasons[i];
        m->closures[m->n_closures++] = (report_closure){
            r->id, r->label, r->source ? r->source->citation : NULL, t->closures[i]};
        if (strcmp(r->id, REPORT_REASON_NO_SHOWS) == 0)
            m->ended_for_attendance = t->closures[i];
    }
    for (size_t i = 0; i < GENOP_CASE_END_COUNT; i++) {
        const genop_case_end_reason *r = genop_case_end_reason_of((genop_case_end)i);
        m->closures[m->n_closures++] =
            (report_closure){r->id, r->label, NULL, t->closures[t->n_reasons + i]};
    }
    long unlisted = t->closures[unlisted_row(t)];
    if (unlisted)
        m->closures[m->n_closures++] = (report_closure){
            "unlisted", "Anden grund end standardens og genops", NULL, unlisted};
}

/* The complaint deadline row of rule in m, added when it is not there. */
static report_complaint_deadline *complaint_row(report_more *m, const genop_deadline_rule *rule)
{
    for (size_t i = 0; i < m->n_complaint_deadlines; i++)
        if (m->complaint_deadlines[i].rule == rule)
            return &m->complaint_deadlines[i];
    report_complaint_deadline *c = &m->complaint_deadlines[m->n_complaint_deadlines++];
    memset(c, 0, sizeof *c);
    c->rule = rule;
    return c;
}

/* The period's rows of the deadlines that run from a complaint's receipt,
 * each rule's paragraphs added together (the rows are sorted by id, so
 * the result is too). */
static void finish_complaints(const report *out, report_more *m)
{
    m->n_complaint_deadlines = 0;
    for (size_t i = 0; i < out->n_deadlines; i++) {
        const report_deadline *d = &out->deadlines[i];
        if (d->rule->from != GENOP_ANCHOR_COMPLAINT_RECEIVED)
            continue;
        report_complaint_deadline *c = complaint_row(m, d->rule);
        c->met += d->met;
        c->late += d->late;
        c->pending += d->pending;
        c->overdue += d->overdue;
    }
    for (size_t i = 0; i < m->n_complaint_deadlines; i++) {
        report_complaint_deadline *c = &m->complaint_deadlines[i];
        long denom = c->met + c->late + c->overdue;
        c->has_share = denom > 0;
        if (denom > 0)   /* as report_rows.c: half up from whole numbers */
            c->share_met = (double)((c->met * 20000 + denom) / (2 * denom)) / 10000.0;
    }
}

void report_reasons_finish(const report_tally *t, report *out)
{
    finish_closures(t, &out->more);
    finish_complaints(out, &out->more);
}
