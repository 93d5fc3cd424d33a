/*
 * report_hist.h - a histogram of whole numbers (the days or workdays a
 * deadline took) that gives the exact value at any rank without keeping
 * or sorting every value: a count per value for 0 to REPORT_HIST_BINS - 1
 * (nearly every deadline is kept within weeks), and the rare values
 * outside that range kept one by one. Private to src/casework/report.
 */
#ifndef GENOP_REPORT_HIST_H
#define GENOP_REPORT_HIST_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report_types.h"

#define REPORT_HIST_BINS 512

typedef struct report_hist {
    uint32_t bins[REPORT_HIST_BINS];
    long n;                    /* every value counted */
    long *other;               /* owned: values < 0 or >= REPORT_HIST_BINS */
    size_t n_other, cap_other;
} report_hist;

/* Counts v. GENOP_ENOMEM when an outside value cannot be kept (h is then
 * as before). */
genop_err report_hist_add(report_hist *h, long v, genop_error *e);

/* Counts every value of from into into (from is only read). */
genop_err report_hist_merge(report_hist *into, const report_hist *from, genop_error *e);

/* The value at rank k (1 to h->n) of the values sorted ascending. Sorts
 * h's outside values in place. */
long report_hist_rank(report_hist *h, long k);

/* Every value of h with its count, ascending, the values with a count
 * only, into a new array *out of *n_out (NULL and 0 when h is empty);
 * the caller frees *out with free(). Sorts h's outside values in place. */
genop_err report_hist_counts(report_hist *h, report_count **out, size_t *n_out, genop_error *e);

/* Frees what h owns (not h). */
void report_hist_release(report_hist *h);

#endif
