/*
 * report_csv.c - the report as CSV (RFC 4180, comma-separated, CRLF line
 * ends): one number a row, "section,month,deadline,paragraph,measure,
 * value", so every number has one shape to read whatever the section. The
 * measures are the JSON's names (report_json.c); a null is an empty value.
 * report_more.h's rows follow, the distributions' (report_dist_forms.c)
 * last.
 */
#include <stdio.h>
#include <string.h>

#include "report_more.h"

/* s as one CSV field, quoted when it holds a comma, quote or line end. */
static void add_field(genop_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        genop_buf_adds(b, s);
        return;
    }
    genop_buf_adds(b, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            genop_buf_adds(b, "\"\"");
        else
            genop_buf_add(b, p, 1);
    }
    genop_buf_adds(b, "\"");
}

void report_csv_field(genop_buf *b, const char *s)
{
    add_field(b, s);
}

typedef struct csv_row {
    const char *section, *month, *deadline, *paragraph;
} csv_row;

static void add_row(genop_buf *b, const csv_row *r, const char *measure, bool present, long v)
{
    add_field(b, r->section);
    genop_buf_adds(b, ",");
    add_field(b, r->month);
    genop_buf_adds(b, ",");
    add_field(b, r->deadline);
    genop_buf_adds(b, ",");
    add_field(b, r->paragraph);
    genop_buf_adds(b, ",");
    add_field(b, measure);
    genop_buf_adds(b, ",");
    if (present)
        genop_buf_add_long(b, v);
    genop_buf_adds(b, "\r\n");
}

static void add_deadlines(genop_buf *b, const char *section, const char *month,
                          const report_deadline *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const report_deadline *d = &rows[i];
        csv_row r = {section, month, d->rule->id, genop_paragraph_name(d->paragraph)};
        add_row(b, &r, "met", true, d->met);
        add_row(b, &r, "late", true, d->late);
        add_row(b, &r, "pending", true, d->pending);
        add_row(b, &r, "overdue", true, d->overdue);
        add_field(b, section);
        genop_buf_addf(b, ",%s,", month);
        add_field(b, d->rule->id);
        genop_buf_addf(b, ",%s,share_met,", r.paragraph);
        if (d->has_share) {
            long e4 = (long)(d->share_met * 10000.0 + 0.5);
            genop_buf_addf(b, "%ld.%04ld", e4 / 10000, e4 % 10000);
        }
        genop_buf_adds(b, "\r\n");
        add_row(b, &r, "days_median", d->days_median.present, d->days_median.value);
        add_row(b, &r, "days_p90", d->days_p90.present, d->days_p90.value);
        add_row(b, &r, "workdays_median", d->workdays_median.present, d->workdays_median.value);
        add_row(b, &r, "workdays_p90", d->workdays_p90.present, d->workdays_p90.value);
    }
}

static void add_counts(genop_buf *b, const report *r)
{
    csv_row at = {"attendance", "", "", ""}, ca = {"cases", "", "", ""};
    add_row(b, &at, "sessions", true, r->attendance.sessions);
    add_row(b, &at, "no_shows", true, r->attendance.no_shows);
    add_row(b, &at, "citizen_cancellations", true, r->attendance.citizen_cancellations);
    add_row(b, &at, "provider_cancellations", true, r->attendance.provider_cancellations);
    add_row(b, &at, "attended", true, r->attendance.attended);
    add_row(b, &ca, "referrals", true, r->cases.referrals);
    add_row(b, &ca, "granted", true, r->cases.granted);
    add_row(b, &ca, "refused", true, r->cases.refused);
    add_row(b, &ca, "closed", true, r->cases.closed);
    add_row(b, &ca, "evaluated", true, r->cases.evaluated);
    csv_row li = {"limits_exceeded", "", "", ""}, co = {"complaints", "", "", ""};
    for (int k = 0; k < GENOP_LIMIT_COUNT; k++)
        add_row(b, &li, genop_limit_name((genop_limit_kind)k), true, r->extras.limits_exceeded[k]);
    csv_row rv = {"attendance_reviews", "", "", ""};
    add_row(b, &rv, "reviews", true, r->extras.attendance_reviews);
    add_row(b, &co, "received", true, r->extras.complaints_received);
    for (int u = 0; u < GENOP_UPHELD_COUNT; u++) {
        char m[32];
        snprintf(m, sizeof m, "decided_%s", genop_upheld_name((genop_upheld)u));
        add_row(b, &co, m, true, r->extras.complaints_decided[u]);
    }
    add_row(b, &co, "forwarded", true, r->extras.complaints_forwarded);
    for (int a = 0; a < GENOP_APPEAL_COUNT; a++) {
        char m[32];
        snprintf(m, sizeof m, "appeal_%s", genop_appeal_outcome_name((genop_appeal_outcome)a));
        add_row(b, &co, m, true, r->extras.appeals_decided[a]);
    }
}

void report_write_csv(const report *r, genop_buf *b)
{
    char date[GENOP_DATE_STR_SIZE];
    genop_buf_adds(b, "section,month,deadline,paragraph,measure,value\r\n");
    genop_buf_adds(b, "report,,,,municipality,");
    add_field(b, r->municipality);
    genop_buf_addf(b, "\r\nreport,,,,from,%s\r\n", genop_date_format(r->query.from, date));
    genop_buf_addf(b, "report,,,,to,%s\r\n", genop_date_format(r->query.to, date));
    genop_buf_addf(b, "report,,,,as_of,%s\r\n", genop_date_format(r->query.as_of, date));
    genop_buf_addf(b, "report,,,,paragraph,%s\r\n",
                   r->query.paragraph ? genop_paragraph_name(r->query.paragraph) : "");
    add_deadlines(b, "deadlines", "", r->deadlines, r->n_deadlines);
    for (size_t m = 0; m < r->n_months; m++) {
        char month[16];
        snprintf(month, sizeof month, "%04d-%02d", r->months[m].year, r->months[m].month);
        add_deadlines(b, "months", month, r->months[m].deadlines, r->months[m].n_deadlines);
    }
    add_counts(b, r);
    report_more_csv(r, b);
    report_dist_csv(r, b);
}
