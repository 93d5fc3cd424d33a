/*
 * report_dist.c - the report's distributions beyond the contract
 * (report_dist.h). The waiting times: each period row's histograms of
 * days and workdays (report_hist.h), which the tally keeps anyway for the
 * medians, given out as (value, count) pairs. The open deadlines: each
 * evaluation's deadlines that are pending or overdue as of as_of, counted
 * per (deadline, paragraph) into fixed buckets of the workdays the
 * evaluation says they have left (workdays_left, as the worklist shows
 * it), so that the counts, like the rest of the tally, take fixed memory
 * whatever the number of cases.
 */
#include <stdlib.h>
#include <string.h>

#include "report_dist.h"

static const report_due_bucket due_buckets[REPORT_DUE_BUCKETS] = {
    {GENOP_DEADLINE_OVERDUE, 21, -1}, {GENOP_DEADLINE_OVERDUE, 11, 20},
    {GENOP_DEADLINE_OVERDUE, 6, 10},  {GENOP_DEADLINE_OVERDUE, 0, 5},
    {GENOP_DEADLINE_PENDING, 0, 2},   {GENOP_DEADLINE_PENDING, 3, 5},
    {GENOP_DEADLINE_PENDING, 6, 10},  {GENOP_DEADLINE_PENDING, 11, 20},
    {GENOP_DEADLINE_PENDING, 21, -1},
};

const report_due_bucket *report_due_bucket_at(size_t i)
{
    return i < REPORT_DUE_BUCKETS ? &due_buckets[i] : NULL;
}

/* The bucket of open deadline d: by its status and the workdays it has
 * left (pending) or is past due (overdue). */
static size_t due_bucket(const genop_deadline_result *d)
{
    long n = d->status == GENOP_DEADLINE_OVERDUE ? -d->workdays_left : d->workdays_left;
    if (n < 0)
        n = 0;
    for (size_t i = 0; i < REPORT_DUE_BUCKETS; i++) {
        const report_due_bucket *b = &due_buckets[i];
        if (b->status == d->status && n >= b->min && (b->max < 0 || n <= b->max))
            return i;
    }
    return REPORT_DUE_BUCKETS - 1;   /* not reached: the buckets cover every n >= 0 */
}

static bool case_closed(const genop_case *c)
{
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_CLOSED)
            return true;
    return false;
}

genop_err report_open_count(report_tally *t, const genop_case *c, genop_error *e)
{
    const genop_result *r = &t->result;
    size_t para = r->paragraph == GENOP_PARA_86_2 ? 1 : 0;
    bool closed = case_closed(c);
    for (size_t i = 0; i < r->n_deadlines; i++) {
        const genop_deadline_result *d = &r->deadlines[i];
        bool open = d->status == GENOP_DEADLINE_PENDING || d->status == GENOP_DEADLINE_OVERDUE;
        bool complaint = d->rule->from == GENOP_ANCHOR_COMPLAINT_RECEIVED;
        if (!open || d->rule->citizens_deadline || (closed && !complaint))
            continue;
        if (!t->open_by_due &&
            !(t->open_by_due = calloc(t->n_keys * REPORT_DUE_BUCKETS, sizeof *t->open_by_due)))
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
        size_t key = (size_t)(d->rule - t->std->deadlines) * 2 + para;
        t->open_by_due[key * REPORT_DUE_BUCKETS + due_bucket(d)]++;
    }
    return GENOP_OK;
}

genop_err report_open_merge(report_tally *into, const report_tally *from, genop_error *e)
{
    size_t n = into->n_keys * REPORT_DUE_BUCKETS;
    if (!from->open_by_due)
        return GENOP_OK;
    if (!into->open_by_due && !(into->open_by_due = calloc(n, sizeof *into->open_by_due)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    for (size_t i = 0; i < n; i++)
        into->open_by_due[i] += from->open_by_due[i];
    return GENOP_OK;
}

/* The histograms of row d of the period, from its cell in t. */
static genop_err row_histograms(report_tally *t, report_deadline *d, genop_error *e)
{
    size_t key = (size_t)(d->rule - t->std->deadlines) * 2 +
                 (d->paragraph == GENOP_PARA_86_2 ? 1 : 0);
    report_cell *cell = &t->period[key];
    genop_err err = GENOP_OK;
    d->has_histograms = true;
    if (cell->days)
        err = report_hist_counts(cell->days, &d->days_histogram, &d->n_days_histogram, e);
    if (!err && cell->workdays)
        err = report_hist_counts(cell->workdays, &d->workdays_histogram,
                                 &d->n_workdays_histogram, e);
    return err;
}

static int cmp_open(const void *a, const void *b)
{
    const report_open *x = a, *y = b;
    int c = strcmp(x->rule->id, y->rule->id);
    return c ? c : (x->paragraph > y->paragraph) - (x->paragraph < y->paragraph);
}

/* The rows of the keys with an open deadline, sorted. */
static genop_err open_rows(const report_tally *t, report *out, genop_error *e)
{
    size_t n = 0;
    for (size_t k = 0; t->open_by_due && k < t->n_keys; k++)
        for (size_t b = 0; b < REPORT_DUE_BUCKETS; b++)
            if (t->open_by_due[k * REPORT_DUE_BUCKETS + b] > 0) {
                n++;
                break;
            }
    if (n == 0)
        return GENOP_OK;
    if (!(out->open = calloc(n, sizeof *out->open)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    for (size_t k = 0; k < t->n_keys; k++) {
        report_open o = {&t->std->deadlines[k / 2], k % 2 ? GENOP_PARA_86_2 : GENOP_PARA_86_1,
                         0, {0}};
        for (size_t b = 0; b < REPORT_DUE_BUCKETS; b++) {
            o.buckets[b] = t->open_by_due[k * REPORT_DUE_BUCKETS + b];
            o.open += o.buckets[b];
        }
        if (o.open > 0)
            out->open[out->n_open++] = o;
    }
    qsort(out->open, out->n_open, sizeof *out->open, cmp_open);
    return GENOP_OK;
}

genop_err report_dist_finish(report_tally *t, report *out, genop_error *e)
{
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < out->n_deadlines; i++)
        err = row_histograms(t, &out->deadlines[i], e);
    if (!err)
        err = open_rows(t, out, e);
    return err;
}

void report_dist_tally_release(report_tally *t)
{
    free(t->open_by_due);
    t->open_by_due = NULL;
}

void report_dist_release(report *r)
{
    for (size_t i = 0; r->deadlines && i < r->n_deadlines; i++) {
        free(r->deadlines[i].days_histogram);
        free(r->deadlines[i].workdays_histogram);
    }
    free(r->open);
    r->open = NULL;
    r->n_open = 0;
}
