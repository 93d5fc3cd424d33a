/*
 * report_json.c - the report as JSON (shared/spec/report.md): the
 * contract's members in its order, each deadline with its label and
 * source beside, and after the contract's members genop's own:
 * "paragraph" (the query's, or null), "limits_exceeded" by limit,
 * "attendance_reviews" and "complaints", then report_more.h's; for the
 * leder's charts, each period row's "days_histogram" and
 * "workdays_histogram", and last "open_by_due", the deadlines open as of
 * as_of by workdays to due (report_dist.h).
 */
#include "json_write.h"
#include "report_dist.h"
#include "report_more.h"

/* share_met with (at most) 4 decimals, as the rounded whole number of
 * ten-thousandths: 0.95, 1, 0.9497. */
void report_json_share(genop_buf *b, bool has_share, double share)
{
    if (!has_share) {
        genop_buf_adds(b, "null");
        return;
    }
    json_write_e4(b, (long)(share * 10000.0 + 0.5));
}

static void write_share(genop_buf *b, const report_deadline *d)
{
    report_json_share(b, d->has_share, d->share_met);
}

static void write_long(genop_buf *b, bool *first, const char *key, long v)
{
    json_write_key(b, first, key);
    genop_buf_add_long(b, v);
}

static void write_value(genop_buf *b, bool *first, const char *key, report_value v)
{
    json_write_key(b, first, key);
    json_write_long_or_null(b, v.present, v.value);
}

/* "key":[{"unit":value,"count":count},...] */
static void write_histogram(genop_buf *b, bool *f, const char *key, const char *unit,
                            const report_count *c, size_t n)
{
    json_write_key(b, f, key);
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < n; i++) {
        bool g = true;
        genop_buf_adds(b, i ? ",{" : "{");
        write_long(b, &g, unit, c[i].value);
        write_long(b, &g, "count", c[i].count);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

/* The period row's distributions of days and workdays (report_dist.h). */
static void write_histograms(genop_buf *b, bool *f, const report_deadline *d)
{
    if (!d->has_histograms)
        return;
    write_histogram(b, f, "days_histogram", "days", d->days_histogram, d->n_days_histogram);
    write_histogram(b, f, "workdays_histogram", "workdays", d->workdays_histogram,
                    d->n_workdays_histogram);
}

static void write_deadlines(genop_buf *b, const report_deadline *rows, size_t n)
{
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < n; i++) {
        const report_deadline *d = &rows[i];
        bool f = true;
        genop_buf_adds(b, i ? ",{" : "{");
        json_write_key(b, &f, "id");
        genop_buf_add_json_string(b, d->rule->id);
        json_write_key(b, &f, "paragraph");
        json_write_plain_string(b, genop_paragraph_name(d->paragraph));
        write_long(b, &f, "met", d->met);
        write_long(b, &f, "late", d->late);
        write_long(b, &f, "pending", d->pending);
        write_long(b, &f, "overdue", d->overdue);
        json_write_key(b, &f, "share_met");
        write_share(b, d);
        write_value(b, &f, "days_median", d->days_median);
        write_value(b, &f, "days_p90", d->days_p90);
        write_value(b, &f, "workdays_median", d->workdays_median);
        write_value(b, &f, "workdays_p90", d->workdays_p90);
        json_write_key(b, &f, "label");
        genop_buf_add_json_string(b, d->rule->label);
        json_write_key(b, &f, "source");
        genop_buf_add_json_string(b, d->rule->source.citation);
        write_histograms(b, &f, d);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

static void write_months(genop_buf *b, const report *r)
{
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_months; i++) {
        const report_month *m = &r->months[i];
        genop_buf_addf(b, "%s{\"month\":\"%04d-%02d\",\"deadlines\":", i ? "," : "", m->year,
                       m->month);
        write_deadlines(b, m->deadlines, m->n_deadlines);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

/* "key":{"names[0]":values[0],...} */
static void write_object(genop_buf *b, bool *f, const char *key, const char *const *names,
                         const long *values, size_t n)
{
    bool g = true;
    json_write_key(b, f, key);
    genop_buf_adds(b, "{");
    for (size_t i = 0; i < n; i++)
        write_long(b, &g, names[i], values[i]);
    genop_buf_adds(b, "}");
}

static void write_complaints(genop_buf *b, bool *f, const report_extras *x)
{
    const char *upheld[GENOP_UPHELD_COUNT], *appeal[GENOP_APPEAL_COUNT];
    for (int u = 0; u < GENOP_UPHELD_COUNT; u++)
        upheld[u] = genop_upheld_name((genop_upheld)u);
    for (int a = 0; a < GENOP_APPEAL_COUNT; a++)
        appeal[a] = genop_appeal_outcome_name((genop_appeal_outcome)a);
    bool g = true;
    json_write_key(b, f, "complaints");
    genop_buf_adds(b, "{");
    write_long(b, &g, "received", x->complaints_received);
    write_object(b, &g, "decided", upheld, x->complaints_decided, GENOP_UPHELD_COUNT);
    write_long(b, &g, "forwarded", x->complaints_forwarded);
    write_object(b, &g, "appeals_decided", appeal, x->appeals_decided, GENOP_APPEAL_COUNT);
    genop_buf_adds(b, "}");
}

static void write_counts(genop_buf *b, bool *f, const report *r)
{
    static const char *const attendance[] = {"sessions", "no_shows", "citizen_cancellations",
                                             "provider_cancellations", "attended"};
    static const char *const cases[] = {"referrals", "granted", "refused", "closed",
                                        "evaluated"};
    const report_attendance *a = &r->attendance;
    const report_cases *c = &r->cases;
    long av[] = {a->sessions, a->no_shows, a->citizen_cancellations, a->provider_cancellations,
                 a->attended};
    long cv[] = {c->referrals, c->granted, c->refused, c->closed, c->evaluated};
    const char *limits[GENOP_LIMIT_COUNT];
    for (int k = 0; k < GENOP_LIMIT_COUNT; k++)
        limits[k] = genop_limit_name((genop_limit_kind)k);
    write_object(b, f, "attendance", attendance, av, 5);
    write_object(b, f, "cases", cases, cv, 5);
    write_object(b, f, "limits_exceeded", limits, r->extras.limits_exceeded, GENOP_LIMIT_COUNT);
    write_long(b, f, "attendance_reviews", r->extras.attendance_reviews);
    write_complaints(b, f, &r->extras);
}

/* One bucket of "open_by_due": its status, its workdays, its count. */
static void write_bucket(genop_buf *b, size_t i, long count)
{
    const report_due_bucket *k = report_due_bucket_at(i);
    bool g = true;
    genop_buf_adds(b, i ? ",{" : "{");
    json_write_key(b, &g, "status");
    json_write_plain_string(b, genop_deadline_status_name(k->status));
    write_long(b, &g, "workdays_min", k->min);
    write_value(b, &g, "workdays_max", (report_value){k->max >= 0, k->max});
    write_long(b, &g, "count", count);
    genop_buf_adds(b, "}");
}

/* "open_by_due": the deadlines open as of as_of, per (deadline,
 * paragraph), in every bucket (report_dist.h). */
static void write_open(genop_buf *b, bool *f, const report *r)
{
    json_write_key(b, f, "open_by_due");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_open; i++) {
        const report_open *o = &r->open[i];
        bool g = true;
        genop_buf_adds(b, i ? ",{" : "{");
        json_write_key(b, &g, "id");
        genop_buf_add_json_string(b, o->rule->id);
        json_write_key(b, &g, "paragraph");
        json_write_plain_string(b, genop_paragraph_name(o->paragraph));
        json_write_key(b, &g, "label");
        genop_buf_add_json_string(b, o->rule->label);
        json_write_key(b, &g, "source");
        genop_buf_add_json_string(b, o->rule->source.citation);
        write_long(b, &g, "open", o->open);
        json_write_key(b, &g, "buckets");
        genop_buf_adds(b, "[");
        for (size_t k = 0; k < REPORT_DUE_BUCKETS; k++)
            write_bucket(b, k, o->buckets[k]);
        genop_buf_adds(b, "]}");
    }
    genop_buf_adds(b, "]");
}

void report_write_json(const report *r, genop_buf *b)
{
    bool f = true;
    const report_query *q = &r->query;
    genop_buf_adds(b, "{");
    json_write_key(b, &f, "municipality");
    genop_buf_add_json_string(b, r->municipality);
    json_write_key(b, &f, "from");
    json_write_date(b, true, q->from);
    json_write_key(b, &f, "to");
    json_write_date(b, true, q->to);
    json_write_key(b, &f, "as_of");
    json_write_date(b, true, q->as_of);
    json_write_key(b, &f, "paragraph");
    if (q->paragraph)
        json_write_plain_string(b, genop_paragraph_name(q->paragraph));
    else
        genop_buf_adds(b, "null");
    json_write_key(b, &f, "deadlines");
    write_deadlines(b, r->deadlines, r->n_deadlines);
    json_write_key(b, &f, "months");
    write_months(b, r);
    write_counts(b, &f, r);
    report_more_json(r, b, &f);
    write_open(b, &f, r);
    genop_buf_adds(b, "}\n");
}
