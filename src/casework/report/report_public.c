/*
 * report_public.c - the public page's figures (report_public.h): one
 * report over the 12 full months before today's month, as of today, its
 * rows added up per promise (the standard's deadline rule) for the whole
 * period and for its last month, and every count below
 * REPORT_PUBLIC_SMALL suppressed before it leaves this file.
 */
#include <string.h>

#include "report.h"
#include "report_public.h"

static public_count count_of(long v)
{
    public_count c = {v < REPORT_PUBLIC_SMALL, v < REPORT_PUBLIC_SMALL ? 0 : v};
    return c;
}

public_figures report_public_figures(long met, long late, long overdue, long pending)
{
    public_figures f;
    memset(&f, 0, sizeof f);
    long not_kept = late + overdue, judged = met + not_kept;
    f.kept = count_of(met);
    f.not_kept = count_of(not_kept);
    f.open = count_of(overdue + pending);
    if (judged < REPORT_PUBLIC_SMALL) {
        f.share = PUBLIC_SHARE_FEW;
    } else if (f.kept.suppressed && f.not_kept.suppressed) {
        f.share = PUBLIC_SHARE_SMALL_PARTS;
    } else if (f.not_kept.suppressed) {
        /* not kept is 0..4: the share is at least met / (met + 4), rounded down */
        f.share = PUBLIC_SHARE_AT_LEAST;
        f.share_e4 = met * 10000 / (met + REPORT_PUBLIC_SMALL - 1);
    } else if (f.kept.suppressed) {
        /* kept is 0..4: the share is at most 4 / (4 + not kept), rounded up */
        long top = REPORT_PUBLIC_SMALL - 1, den = top + not_kept;
        f.share = PUBLIC_SHARE_AT_MOST;
        f.share_e4 = (top * 10000 + den - 1) / den;
    } else {
        f.share = PUBLIC_SHARE_EXACT;
        f.share_e4 = (met * 20000 + judged) / (2 * judged);   /* round half up */
    }
    return f;
}

/* The raw counts of one rule, summed over its rows (both paragraphs). */
typedef struct rule_counts {
    long met, late, overdue, pending;
} rule_counts;

static void add_rows(const report_deadline *rows, size_t n, rule_counts *by_rule,
                     const genop_standard *std)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = (size_t)(rows[i].rule - std->deadlines);
        by_rule[k].met += rows[i].met;
        by_rule[k].late += rows[i].late;
        by_rule[k].overdue += rows[i].overdue;
        by_rule[k].pending += rows[i].pending;
    }
}

/* The periods of today: the last full month and the 12 months ending with it. */
static genop_err set_periods(report_public *out, genop_date today, genop_error *e)
{
    int y, m, d;
    genop_date_to_ymd(today, &y, &m, &d);
    genop_date first_of_month = genop_date_from_ymd_unchecked(y, m, 1);
    out->month_to = out->year_to = first_of_month - 1;
    out->month_from = genop_date_add_months(first_of_month, -1);
    out->year_from = genop_date_add_months(first_of_month, -12);
    if (!genop_date_in_range(out->year_from) || !genop_date_in_range(today))
        return genop_refuse(e, GENOP_ERANGE, "today",
                            "de seneste 12 måneder ligger uden for kalenderens år");
    return GENOP_OK;
}

genop_err report_public_compute(genop_store *s, const genop_standard *std, genop_date today,
                                int64_t now, report_public *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    out->standard = std;
    out->today = today;
    out->computed_at = now;
    genop_err err = set_periods(out, today, e);
    if (err)
        return err;
    report_query q = {out->year_from, out->year_to, today, 0, 0};
    report r;
    if ((err = report_compute(s, std, std->id, &q, &r, e))) {
        report_release(&r);
        return err;
    }
    rule_counts year[GENOP_DEADLINES_MAX], month[GENOP_DEADLINES_MAX];
    memset(year, 0, sizeof year);
    memset(month, 0, sizeof month);
    add_rows(r.deadlines, r.n_deadlines, year, std);
    int ly, lm, ld;
    genop_date_to_ymd(out->month_from, &ly, &lm, &ld);
    for (size_t i = 0; i < r.n_months; i++)
        if (r.months[i].year == ly && r.months[i].month == lm)
            add_rows(r.months[i].deadlines, r.months[i].n_deadlines, month, std);
    report_release(&r);
    for (size_t k = 0; k < std->n_deadlines; k++) {
        if (std->deadlines[k].citizens_deadline)
            continue;     /* the citizen's own deadline is no promise of the municipality */
        public_promise *p = &out->promises[out->n_promises++];
        p->rule = &std->deadlines[k];
        p->month = report_public_figures(month[k].met, month[k].late, month[k].overdue,
                                         month[k].pending);
        p->year = report_public_figures(year[k].met, year[k].late, year[k].overdue,
                                        year[k].pending);
    }
    return GENOP_OK;
}
