/*
 * report_rows.c - from the workers' counters to the report's rows
 * (report_tally.h): merging one worker's counts into another's, and the
 * rows of the period and of each month, sorted by deadline id and then
 * paragraph, with share met (rounded to 4 decimals, half up, from whole
 * numbers) and the median (rank ceil(n/2)) and 90th percentile (rank
 * ceil(0.9 n)) of the days and workdays read from the histograms.
 */
#include <stdlib.h>
#include <string.h>

#include "report_dist.h"
#include "report_reasons.h"
#include "report_tally.h"

static genop_err hist_merge(report_hist **into, const report_hist *from, genop_error *e)
{
    if (!from)
        return GENOP_OK;
    if (!*into && !(*into = calloc(1, sizeof **into)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapportens tal");
    return report_hist_merge(*into, from, e);
}

static genop_err cell_merge(report_cell *into, const report_cell *from, genop_error *e)
{
    for (size_t s = 0; s < 4; s++)
        into->count[s] += from->count[s];
    genop_err err = hist_merge(&into->days, from->days, e);
    if (!err)
        err = hist_merge(&into->workdays, from->workdays, e);
    return err;
}

static void add_counts(report_tally *into, const report_tally *from)
{
    report_attendance *a = &into->attendance;
    const report_attendance *fa = &from->attendance;
    a->sessions += fa->sessions;
    a->attended += fa->attended;
    a->no_shows += fa->no_shows;
    a->citizen_cancellations += fa->citizen_cancellations;
    a->provider_cancellations += fa->provider_cancellations;
    report_cases *c = &into->cases;
    const report_cases *fc = &from->cases;
    c->referrals += fc->referrals;
    c->granted += fc->granted;
    c->refused += fc->refused;
    c->closed += fc->closed;
    c->evaluated += fc->evaluated;
    report_extras *x = &into->extras;
    const report_extras *fx = &from->extras;
    for (int k = 0; k < GENOP_LIMIT_COUNT; k++)
        x->limits_exceeded[k] += fx->limits_exceeded[k];
    for (int u = 0; u < GENOP_UPHELD_COUNT; u++)
        x->complaints_decided[u] += fx->complaints_decided[u];
    for (int o = 0; o < GENOP_APPEAL_COUNT; o++)
        x->appeals_decided[o] += fx->appeals_decided[o];
    x->attendance_reviews += fx->attendance_reviews;
    x->complaints_received += fx->complaints_received;
    x->complaints_forwarded += fx->complaints_forwarded;
}

genop_err report_tally_merge(report_tally *into, const report_tally *from, genop_error *e)
{
    genop_err err = GENOP_OK;
    size_t n_cells = into->n_keys * into->n_months;
    for (size_t k = 0; !err && k < into->n_keys; k++)
        err = cell_merge(&into->period[k], &from->period[k], e);
    for (size_t k = 0; !err && k < n_cells; k++)
        err = cell_merge(&into->months[k], &from->months[k], e);
    if (!err) {
        add_counts(into, from);
        report_reasons_merge(&into->closures, &from->closures);
    }
    if (!err)
        err = report_open_merge(into, from, e);
    return err;
}

static report_value hist_value(report_hist *h, long rank)
{
    report_value v = {false, 0};
    if (h && h->n > 0) {
        v.present = true;
        v.value = report_hist_rank(h, rank);
    }
    return v;
}

/* The row of cell (rule index key / 2, paragraph by key % 2). */
static void fill_row(const report_tally *t, size_t key, report_cell *cell, report_deadline *d)
{
    memset(d, 0, sizeof *d);
    d->rule = &t->std->deadlines[key / 2];
    d->paragraph = key % 2 ? GENOP_PARA_86_2 : GENOP_PARA_86_1;
    d->met = cell->count[GENOP_DEADLINE_MET];
    d->late = cell->count[GENOP_DEADLINE_LATE];
    d->pending = cell->count[GENOP_DEADLINE_PENDING];
    d->overdue = cell->count[GENOP_DEADLINE_OVERDUE];
    long denom = d->met + d->late + d->overdue;
    if (denom > 0) {
        long e4 = (d->met * 20000 + denom) / (2 * denom);   /* round half up */
        d->has_share = true;
        d->share_met = (double)e4 / 10000.0;
    }
    long n = cell->days ? cell->days->n : 0;
    long median = (n + 1) / 2, p90 = (9 * n + 9) / 10;
    d->days_median = hist_value(cell->days, median);
    d->days_p90 = hist_value(cell->days, p90);
    d->workdays_median = hist_value(cell->workdays, median);
    d->workdays_p90 = hist_value(cell->workdays, p90);
}

static int cmp_row(const void *a, const void *b)
{
    const report_deadline *x = a, *y = b;
    int c = strcmp(x->rule->id, y->rule->id);
    return c ? c : (x->paragraph > y->paragraph) - (x->paragraph < y->paragraph);
}

/* The rows of cells[0..n_keys) with a deadline, into a new array. */
static genop_err make_rows(const report_tally *t, report_cell *cells, report_deadline **out,
                           size_t *n_out, genop_error *e)
{
    *out = NULL;
    *n_out = 0;
    size_t n = 0;
    for (size_t k = 0; k < t->n_keys; k++)
        n += (cells[k].count[0] + cells[k].count[1] + cells[k].count[2] + cells[k].count[3]) > 0;
    if (n == 0)
        return GENOP_OK;
    report_deadline *rows = calloc(n, sizeof *rows);
    if (!rows)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    size_t i = 0;
    for (size_t k = 0; k < t->n_keys; k++)
        if (cells[k].count[0] + cells[k].count[1] + cells[k].count[2] + cells[k].count[3] > 0)
            fill_row(t, k, &cells[k], &rows[i++]);
    qsort(rows, n, sizeof *rows, cmp_row);
    *out = rows;
    *n_out = n;
    return GENOP_OK;
}

genop_err report_tally_finish(report_tally *t, report *out, genop_error *e)
{
    out->attendance = t->attendance;
    out->cases = t->cases;
    out->extras = t->extras;
    genop_err err = make_rows(t, t->period, &out->deadlines, &out->n_deadlines, e);
    if (err)
        return err;
    out->months = calloc(t->n_months, sizeof *out->months);
    if (!out->months)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    for (size_t m = 0; m < t->n_months; m++) {
        report_month *month = &out->months[out->n_months];
        if ((err = make_rows(t, &t->months[m * t->n_keys], &month->deadlines,
                             &month->n_deadlines, e)))
            return err;
        if (month->n_deadlines == 0)
            continue;
        long number = t->first_month + (long)m;
        month->year = (int)(number / 12);
        month->month = (int)(number % 12) + 1;
        out->n_months++;
    }
    report_reasons_finish(&t->closures, out);
    return report_dist_finish(t, out, e);
}

static void cell_release(report_cell *c)
{
    if (c->days)
        report_hist_release(c->days);
    if (c->workdays)
        report_hist_release(c->workdays);
    free(c->days);
    free(c->workdays);
}

void report_tally_release(report_tally *t)
{
    if (t->period)
        for (size_t k = 0; k < t->n_keys; k++)
            cell_release(&t->period[k]);
    if (t->months)
        for (size_t k = 0; k < t->n_keys * t->n_months; k++)
            cell_release(&t->months[k]);
    free(t->period);
    free(t->months);
    t->period = t->months = NULL;
    report_dist_tally_release(t);
}
