/*
 * result_json.c - writes the evaluation object: the fields the contract
 * names (id, due, done, status, source, used, max, period, ...) and a few
 * more that staff screens need (label, from, owner, rule, workdays_left,
 * paragraph, warnings), all derived from the genop_result.
 */
#include "result_json.h"

#include <stdio.h>

/* Appends ,"key": so that every member after the first is preceded by a
 * comma; `first` tracks the object being written. */
static void key(genop_buf *b, bool *first, const char *name)
{
    genop_buf_adds(b, *first ? "\"" : ",\"");
    genop_buf_adds(b, name);
    genop_buf_add(b, "\":", 2);
    *first = false;
}

/* A string we know needs no escaping (names from genop's own tables). */
static void plain_string(genop_buf *b, const char *s)
{
    genop_buf_add(b, "\"", 1);
    genop_buf_adds(b, s);
    genop_buf_add(b, "\"", 1);
}

static void date_value(genop_buf *b, bool present, genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    if (present)
        plain_string(b, genop_date_format(d, buf));
    else
        genop_buf_adds(b, "null");
}

static void write_deadline(genop_buf *b, const genop_deadline_result *d)
{
    bool f = true;
    const genop_deadline_rule *rule = d->rule;
    genop_buf_adds(b, "{");
    key(b, &f, "id");
    genop_buf_add_json_string(b, rule->id);
    key(b, &f, "label");
    genop_buf_add_json_string(b, rule->label);
    key(b, &f, "from");
    date_value(b, true, d->from);
    key(b, &f, "due");
    date_value(b, true, d->due);
    key(b, &f, "done");
    date_value(b, d->done, d->done_date);
    key(b, &f, "status");
    plain_string(b, genop_deadline_status_name(d->status));
    if (!d->done) {
        key(b, &f, "workdays_left");
        genop_buf_add_long(b, d->workdays_left);
    }
    key(b, &f, "owner");
    genop_buf_adds(b, rule->citizens_deadline ? "\"citizen\"" : "\"municipality\"");
    key(b, &f, "rule");
    genop_buf_add(b, "\"", 1);
    genop_buf_add_long(b, rule->amount);
    genop_buf_add(b, " ", 1);
    genop_buf_adds(b, genop_unit_label_da(rule->unit, rule->amount));
    genop_buf_adds(b, " fra ");
    genop_buf_adds(b, genop_anchor_label_da(rule->from));
    genop_buf_add(b, "\"", 1);
    key(b, &f, "source");
    genop_buf_add_json_string(b, rule->source.citation);
    genop_buf_adds(b, "}");
}

static void write_limit(genop_buf *b, const genop_limit_result *l)
{
    bool f = true;
    genop_buf_adds(b, "{");
    key(b, &f, "id");
    plain_string(b, genop_limit_name(l->rule->kind));
    key(b, &f, "label");
    genop_buf_add_json_string(b, l->rule->label);
    key(b, &f, "status");
    genop_buf_adds(b, l->exceeded ? "\"exceeded\"" : "\"ok\"");
    key(b, &f, "used");
    genop_buf_add_long(b, l->used);
    key(b, &f, "max");
    genop_buf_add_long(b, l->max);
    if (l->rule->kind == GENOP_LIMIT_SESSIONS_PER_WEEK ||
        l->rule->kind == GENOP_LIMIT_MINUTES_PER_WEEK) {
        key(b, &f, "period");
        if (l->has_period)
            genop_buf_addf(b, "\"%04d-W%02d\"", l->period_year, l->period_week);
        else
            genop_buf_adds(b, "null");
    }
    key(b, &f, "source");
    genop_buf_add_json_string(b, l->rule->source.citation);
    genop_buf_adds(b, "}");
}

static void write_attendance(genop_buf *b, const genop_attendance_result *a)
{
    genop_buf_adds(b, "{\"no_shows\":");
    genop_buf_add_long(b, a->no_shows);
    genop_buf_adds(b, ",\"citizen_cancellations\":");
    genop_buf_add_long(b, a->citizen_cancellations);
    genop_buf_adds(b, ",\"review_limit\":");
    if (a->has_rule)
        genop_buf_add_long(b, a->review_limit);
    else
        genop_buf_adds(b, "null");
    genop_buf_adds(b, a->review ? ",\"status\":\"review\",\"source\":" : ",\"status\":\"ok\",\"source\":");
    genop_buf_add_json_string(b, a->source ? a->source->citation : NULL);
    genop_buf_adds(b, "}");
}

static void write_eligibility(genop_buf *b, const genop_result *r)
{
    genop_buf_adds(b, r->eligible ? "{\"eligible\":true,\"findings\":[" : "{\"eligible\":false,\"findings\":[");
    for (size_t i = 0; i < r->n_findings; i++) {
        const genop_finding *f = &r->findings[i];
        genop_buf_addf(b, "%s{\"id\":\"%s\",\"source\":", i ? "," : "", genop_finding_name(f->kind));
        genop_buf_add_json_string(b, f->source->citation);
        genop_buf_adds(b, ",\"detail\":");
        genop_buf_add_json_string(b, f->detail);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "],\"unchecked\":[");
    bool first = true;
    for (int k = 0; k < GENOP_FINDING_COUNT; k++)
        if (r->unchecked & (1u << k)) {
            genop_buf_addf(b, "%s\"%s\"", first ? "" : ",", genop_finding_name((genop_finding_kind)k));
            first = false;
        }
    genop_buf_adds(b, "]}");
}

/* Things staff must know about the evaluation as a whole. */
static void write_warnings(genop_buf *b, const genop_result *r)
{
    char detail[256], date[GENOP_DATE_STR_SIZE];
    bool first = true;
    genop_buf_adds(b, "[");
    if (r->paragraph_not_covered) {
        snprintf(detail, sizeof detail, "%ss kvalitetsstandard dækker ikke § 86, stk. %s; "
                 "standarden giver ingen frister eller grænser for sagen.",
                 r->standard->municipality, r->paragraph == GENOP_PARA_86_2 ? "2" : "1");
        genop_buf_adds(b, "{\"id\":\"paragraph_not_covered\",\"detail\":");
        genop_buf_add_json_string(b, detail);
        genop_buf_adds(b, "}");
        first = false;
    }
    if (r->before_effective) {
        snprintf(detail, sizeof detail, "Henvendelsen er modtaget før kvalitetsstandarden "
                 "trådte i kraft (%s).", genop_date_format(r->standard->effective_from, date));
        genop_buf_addf(b, "%s{\"id\":\"before_effective\",\"detail\":", first ? "" : ",");
        genop_buf_add_json_string(b, detail);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "]");
}

void genop_result_write_json(const genop_result *r, const genop_case *c, genop_buf *b)
{
    bool f = true;
    genop_buf_adds(b, "{");
    if (c && c->id_kind == GENOP_CASE_ID_STRING) {
        key(b, &f, "id");
        genop_buf_add_json_string(b, c->id);
    } else if (c && c->id_kind == GENOP_CASE_ID_NUMBER) {
        key(b, &f, "id");
        genop_buf_adds(b, c->id);
    }
    key(b, &f, "standard");
    genop_buf_add_json_string(b, r->standard->id);
    key(b, &f, "as_of");
    date_value(b, true, r->as_of);
    key(b, &f, "paragraph");
    plain_string(b, genop_paragraph_name(r->paragraph));
    key(b, &f, "deadlines");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_deadlines; i++) {
        if (i)
            genop_buf_adds(b, ",");
        write_deadline(b, &r->deadlines[i]);
    }
    genop_buf_adds(b, "]");
    key(b, &f, "limits");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_limits; i++) {
        if (i)
            genop_buf_adds(b, ",");
        write_limit(b, &r->limits[i]);
    }
    genop_buf_adds(b, "]");
    key(b, &f, "attendance");
    write_attendance(b, &r->attendance);
    key(b, &f, "eligibility");
    write_eligibility(b, r);
    key(b, &f, "warnings");
    write_warnings(b, r);
    genop_buf_adds(b, "}");
}

json_t *genop_result_to_json(const genop_result *r, const genop_case *c)
{
    genop_buf b = {0};
    genop_result_write_json(r, c, &b);
    json_t *j = genop_buf_failed(&b) ? NULL : json_loadb(b.data, b.len, 0, NULL);
    genop_buf_release(&b);
    return j;
}
