/*
 * report_hist.c - the histograms of report_hist.h: counts per value in a
 * fixed array, the values outside it in a list sorted only when a rank is
 * asked for. A rank walks the negative outside values, the counts, then
 * the large outside values, so a median over millions of deadlines costs
 * a few hundred additions.
 */
#include <stdlib.h>
#include <string.h>

#include "report_hist.h"

static genop_err keep_other(report_hist *h, long v, genop_error *e)
{
    if (h->n_other == h->cap_other) {
        size_t cap = h->cap_other ? h->cap_other * 2 : 16;
        long *p = realloc(h->other, cap * sizeof *p);
        if (!p)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapportens tal");
        h->other = p;
        h->cap_other = cap;
    }
    h->other[h->n_other++] = v;
    return GENOP_OK;
}

genop_err report_hist_add(report_hist *h, long v, genop_error *e)
{
    if (v >= 0 && v < REPORT_HIST_BINS) {
        h->bins[v]++;
    } else {
        genop_err err = keep_other(h, v, e);
        if (err)
            return err;
    }
    h->n++;
    return GENOP_OK;
}

genop_err report_hist_merge(report_hist *into, const report_hist *from, genop_error *e)
{
    for (size_t i = 0; i < REPORT_HIST_BINS; i++)
        into->bins[i] += from->bins[i];
    for (size_t i = 0; i < from->n_other; i++) {
        genop_err err = keep_other(into, from->other[i], e);
        if (err)
            return err;
    }
    into->n += from->n;
    return GENOP_OK;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

long report_hist_rank(report_hist *h, long k)
{
    if (h->n_other)
        qsort(h->other, h->n_other, sizeof *h->other, cmp_long);
    size_t negatives = 0;
    while (negatives < h->n_other && h->other[negatives] < 0)
        negatives++;
    if (k <= (long)negatives)
        return h->other[k - 1];
    k -= (long)negatives;
    for (long v = 0; v < REPORT_HIST_BINS; v++) {
        if (k <= (long)h->bins[v])
            return v;
        k -= (long)h->bins[v];
    }
    size_t i = negatives + (size_t)k - 1;
    return i < h->n_other ? h->other[i] : 0;
}

void report_hist_release(report_hist *h)
{
    free(h->other);
    h->other = NULL;
    h->n_other = h->cap_other = 0;
}
