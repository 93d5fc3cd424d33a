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

/* Appends v (counted n more times) to out[0..*n), merging it into the
 * last entry when that holds v already. */
static void add_count(report_count *out, size_t *n, long v, long count)
{
    if (*n > 0 && out[*n - 1].value == v) {
        out[*n - 1].count += count;
        return;
    }
    out[*n].value = v;
    out[*n].count = count;
    (*n)++;
}

genop_err report_hist_counts(report_hist *h, report_count **out, size_t *n_out, genop_error *e)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = h->n_other;
    for (size_t v = 0; v < REPORT_HIST_BINS; v++)
        cap += h->bins[v] > 0;
    if (cap == 0)
        return GENOP_OK;
    report_count *c = calloc(cap, sizeof *c);
    if (!c)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapportens tal");
    if (h->n_other)
        qsort(h->other, h->n_other, sizeof *h->other, cmp_long);
    size_t n = 0, i = 0;
    for (; i < h->n_other && h->other[i] < 0; i++)
        add_count(c, &n, h->other[i], 1);
    for (size_t v = 0; v < REPORT_HIST_BINS; v++)
        if (h->bins[v] > 0)
            add_count(c, &n, (long)v, (long)h->bins[v]);
    for (; i < h->n_other; i++)
        add_count(c, &n, h->other[i], 1);
    *out = c;
    *n_out = n;
    return GENOP_OK;
}

void report_hist_release(report_hist *h)
{
    free(h->other);
    h->other = NULL;
    h->n_other = h->cap_other = 0;
}
