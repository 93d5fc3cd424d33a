/*
 * report_json.c - the report as JSON (shared/spec/report.md): the
 * contract's members in its order, each deadline with its label and
 * source beside, and after the contract's members genop's own:
 * "paragraph" (the query's, or null), "limits_exceeded" by limit,
 * "attendance_reviews" and "complaints".
 */
#include "json_write.h"
#include "report.h"

/* share_met with (at most) 4 decimals, as the rounded whole number of
 * ten-thousandths: 0.95, 1, 0.9497. */
static void write_share(genop_buf *b, const report_deadline *d)
{
    if (!d->has_share) {
        genop_buf_adds(b, "null");
        return;
    }
    long e4 = (long)(d->share_met * 10000.0 + 0.5);
    genop_buf_add_long(b, e4 / 10000);
    long frac = e4 % 10000;
    if (frac == 0)
        return;
    char digits[6] = {'.', (char)('0' + frac / 1000), (char)('0' + frac / 100 % 10),
                      (char)('0' + frac / 10 % 10), (char)('0' + frac % 10), '\0'};
    size_t n = 5;
    while (digits[n - 1] == '0')
        n--;
    genop_buf_add(b, digits, n);
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

static void write_complaints(genop_buf *b, const report_extras *x)
{
    bool f = true, g = true, h = true;
    genop_buf_adds(b, "{");
    write_long(b, &f, "received", x->complaints_received);
    json_write_key(b, &f, "decided");
    genop_buf_adds(b, "{");
    for (int u = 0; u < GENOP_UPHELD_COUNT; u++)
        write_long(b, &g, genop_upheld_name((genop_upheld)u), x->complaints_decided[u]);
    genop_buf_adds(b, "}");
    write_long(b, &f, "forwarded", x->complaints_forwarded);
    json_write_key(b, &f, "appeals_decided");
    genop_buf_adds(b, "{");
    for (int a = 0; a < GENOP_APPEAL_COUNT; a++)
        write_long(b, &h, genop_appeal_outcome_name((genop_appeal_outcome)a),
                   x->appeals_decided[a]);
    genop_buf_adds(b, "}}");
}

static void write_counts(genop_buf *b, bool *f, const report *r)
{
    const report_attendance *a = &r->attendance;
    const report_cases *c = &r->cases;
    bool g = true, h = true, l = true;
    json_write_key(b, f, "attendance");
    genop_buf_adds(b, "{");
    write_long(b, &g, "sessions", a->sessions);
    write_long(b, &g, "no_shows", a->no_shows);
    write_long(b, &g, "citizen_cancellations", a->citizen_cancellations);
    write_long(b, &g, "provider_cancellations", a->provider_cancellations);
    write_long(b, &g, "attended", a->attended);
    genop_buf_adds(b, "}");
    json_write_key(b, f, "cases");
    genop_buf_adds(b, "{");
    write_long(b, &h, "referrals", c->referrals);
    write_long(b, &h, "granted", c->granted);
    write_long(b, &h, "refused", c->refused);
    write_long(b, &h, "closed", c->closed);
    write_long(b, &h, "evaluated", c->evaluated);
    genop_buf_adds(b, "}");
    json_write_key(b, f, "limits_exceeded");
    genop_buf_adds(b, "{");
    for (int k = 0; k < GENOP_LIMIT_COUNT; k++)
        write_long(b, &l, genop_limit_name((genop_limit_kind)k), r->extras.limits_exceeded[k]);
    genop_buf_adds(b, "}");
    write_long(b, f, "attendance_reviews", r->extras.attendance_reviews);
    json_write_key(b, f, "complaints");
    write_complaints(b, &r->extras);
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
    genop_buf_adds(b, "}\n");
}
