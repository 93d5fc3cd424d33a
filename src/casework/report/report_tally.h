/*
 * report_tally.h - the counters one worker of a report fills: for each
 * (deadline rule, paragraph), of the period and of each month, the
 * deadlines by status and histograms of the days and workdays the done
 * ones took; the sessions, cases, limits and complaints. Fixed in size by
 * the standard and the period, whatever the number of cases. Private to
 * src/casework/report.
 */
#ifndef GENOP_REPORT_TALLY_H
#define GENOP_REPORT_TALLY_H

#include <stdint.h>

#include "evaluate.h"
#include "report_types.h"
#include "report_hist.h"
#include "report_reasons.h"

typedef struct report_cell {
    long count[4];                 /* by genop_deadline_status */
    report_hist *days, *workdays;  /* owned; NULL until a done deadline */
} report_cell;

typedef struct report_tally {
    const genop_standard *std;     /* borrowed */
    report_query q;
    long first_month;              /* year * 12 + month - 1 of q.from */
    size_t n_months;               /* calendar months from q.from to q.to */
    size_t n_keys;                 /* the standard's deadlines times 2 paragraphs */
    report_cell *period;           /* owned: n_keys */
    report_cell *months;           /* owned: n_months * n_keys */
    report_attendance attendance;
    report_cases cases;
    report_extras extras;
    genop_result result;           /* the case's evaluation (scratch) */
    report_closure_counts closures; /* by reason (report_reasons.h) */
    /* owned: n_keys * REPORT_DUE_BUCKETS counts of the deadlines open as
     * of q.as_of (report_dist.h); NULL until the first */
    long *open_by_due;
} report_tally;

/* Sets t up empty for std (borrowed until release) and q (checked). */
genop_err report_tally_init(report_tally *t, const genop_standard *std, const report_query *q,
                            genop_error *e);

/* Evaluates case c (case case_id, for the messages) as of q.as_of and
 * counts what the evaluation and the view say. */
genop_err report_tally_case(report_tally *t, int64_t case_id, const genop_case *c,
                            genop_error *e);

/* Counts the deadlines of t->result (the evaluation of case c, just made
 * by report_tally_case) that are open as of q.as_of: pending or overdue,
 * not the citizen's, and of an open case (a closed one's: only those
 * counted from a complaint), whatever their due date, as the worklist
 * lists them. Defined with the other distributions in report_dist.c
 * (report_dist.h), declared here so the tally can call it without
 * including that header, which includes this one. */
genop_err report_open_count(report_tally *t, const genop_case *c, genop_error *e);

/* Adds every count of from into into (set up for the same standard and
 * query); from is only read. */
genop_err report_tally_merge(report_tally *into, const report_tally *from, genop_error *e);

/* The report's rows from t's counts into out (whose deadlines and months
 * must be empty): sorted, with shares, medians and 90th percentiles. */
genop_err report_tally_finish(report_tally *t, report *out, genop_error *e);

void report_tally_release(report_tally *t);

#endif
