/*
 * report_dist.h - the report's distributions beyond the contract, for the
 * leder's charts (Ledelsesinformation): how many of each period row's
 * done deadlines took each number of days and workdays (from the row's
 * histograms), and the deadlines open as of as_of by how many workdays
 * they have left or are past due (from each evaluation's workdays_left,
 * as the worklist says it). Private to src/casework/report, but for the
 * buckets, which the forms name.
 */
#ifndef GENOP_REPORT_DIST_H
#define GENOP_REPORT_DIST_H

#include "report_tally.h"

/* A bucket of the open deadlines: status PENDING (workdays to due) or
 * OVERDUE (workdays past due, 0 when no workday has passed since), from
 * min to max workdays, both included; max -1: no upper bound. */
typedef struct report_due_bucket {
    genop_deadline_status status;
    long min, max;
} report_due_bucket;

/* The i-th bucket (i < REPORT_DUE_BUCKETS), the most overdue first;
 * static. */
const report_due_bucket *report_due_bucket_at(size_t i);

/* Adds from's open deadlines into into's (set up alike). */
genop_err report_open_merge(report_tally *into, const report_tally *from, genop_error *e);

/* After report_tally_finish(): the histograms of out's period rows and
 * out's open rows, from t's counts. */
genop_err report_dist_finish(report_tally *t, report *out, genop_error *e);

/* Frees what the distributions own in t, and in r. */
void report_dist_tally_release(report_tally *t);
void report_dist_release(report *r);

#endif
