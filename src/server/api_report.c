/*
 * api_report.c - GET /api/v1/report and GET /api/v1/report.xlsx: how well
 * the leder's municipality kept its standard (shared/spec/report.md), as
 * the JSON of `genop report --format json` or as its XLSX workbook.
 * ?from=&to= (required, the period, both included), ?as_of= (default
 * today), ?paragraph=86.1|86.2 (only cases of it). The report is the
 * domain layer's (src/casework/report/report.h), for the user's own
 * municipality only; it holds no personal data, so nothing is written to
 * the access log. A bad or missing argument, a period longer than the
 * report covers, or an as_of the rules cannot judge is a 400 naming the
 * argument.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "input.h"
#include "problem.h"
#include "report.h"

static bool read_query(api_ctx *c, report_query *q, http_reply *out)
{
    bool has_from, has_to, has_as_of;
    memset(q, 0, sizeof *q);
    if (!q_date(c->rq, "from", &has_from, &q->from, out) ||
        !q_date(c->rq, "to", &has_to, &q->to, out) ||
        !q_date(c->rq, "as_of", &has_as_of, &q->as_of, out) ||
        !q_paragraph(c->rq, "paragraph", &q->paragraph, out))
        return false;
    if (!has_from || !has_to) {
        const char *field = has_from ? "to" : "from";
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, field, "%s mangler (ÅÅÅÅ-MM-DD)", field);
        return false;
    }
    if (!has_as_of)
        q->as_of = c->today;
    return true;
}

/* The report for the request into *r; false with out answered when not. */
static bool make(api_ctx *c, report *r, http_reply *out)
{
    report_query q;
    memset(r, 0, sizeof *r);
    if (!read_query(c, &q, out))
        return false;
    genop_error e;
    genop_err err = casework_report(&c->env, &c->user, &q, r, &e);
    if (err == GENOP_EINVAL || err == GENOP_ERANGE)
        problem_set(out, 400, PROBLEM_BAD_REQUEST, e.message, e.field);
    else if (err)
        problem_from_refusal(out, "rapport", &e);
    return !err;
}

void api_report_get(api_ctx *c, http_reply *out)
{
    report r;
    if (make(c, &r, out)) {
        genop_buf b = {0};
        report_write_json(&r, &b);
        http_reply_text(out, 200, &b);
    }
    report_release(&r);
}

void api_report_xlsx(api_ctx *c, http_reply *out)
{
    report r;
    if (make(c, &r, out)) {
        genop_buf b = {0};
        genop_error e;
        char disposition[96], from[GENOP_DATE_STR_SIZE], to[GENOP_DATE_STR_SIZE];
        snprintf(disposition, sizeof disposition, "attachment; filename=\"rapport-%s-%s-%s.xlsx\"",
                 r.municipality, genop_date_format(r.query.from, from),
                 genop_date_format(r.query.to, to));
        if (report_write_xlsx_buf(&r, &b, &e))
            problem_internal(out, "rapport", &e);
        else
            http_reply_bytes(out, 200,
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             disposition, &b);
        genop_buf_release(&b);
    }
    report_release(&r);
}
