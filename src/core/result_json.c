/*
 * result_json.c - writes the evaluation object: the fields the contract
 * names (id, due, done, status, source, used, max, period, ...) and a few
 * more that staff screens need (label, from, owner, rule, workdays_left,
 * paragraph, warnings), all derived from the genop_result.
 */
#include "result_json.h"

#include <stdio.h>

#include "json_write.h"

static void write_deadline(genop_buf *b, const genop_deadline_result *d)
{
    bool f = true;
    const genop_deadline_rule *rule = d->rule;
    genop_buf_adds(b, "{");
    json_write_key(b, &f, "id");
    genop_buf_add_json_string(b, rule->id);
    json_write_key(b, &f, "label");
    genop_buf_add_json_string(b, rule->label);
    json_write_key(b, &f, "from");
    json_write_date(b, true, d->from);
    json_write_key(b, &f, "due");
    json_write_date(b, true, d->due);
    json_write_key(b, &f, "done");
    json_write_date(b, d->done, d->done_date);
    json_write_key(b, &f, "status");
    json_write_plain_string(b, genop_deadline_status_name(d->status));
    if (!d->done) {
        json_write_key(b, &f, "workdays_left");
        genop_buf_add_long(b, d->workdays_left);
    }
    json_write_key(b, &f, "owner");
    genop_buf_adds(b, rule->citizens_deadline ? "\"citizen\"" : "\"municipality\"");
    json_write_key(b, &f, "rule");
    genop_buf_add(b, "\"", 1);
    genop_buf_add_long(b, rule->amount);
    genop_buf_add(b, " ", 1);
    genop_buf_adds(b, genop_unit_label_da(rule->unit, rule->amount));
    genop_buf_adds(b, " fra ");
    genop_buf_adds(b, genop_anchor_label_da(rule->from));
    genop_buf_add(b, "\"", 1);
    json_write_key(b, &f, "source");
    genop_buf_add_json_string(b, rule->source.citation);
    genop_buf_adds(b, "}");
}

void genop_limit_write_json(const genop_limit_result *l, genop_buf *b)
{
    bool f = true;
    genop_buf_adds(b, "{");
    json_write_key(b, &f, "id");
    json_write_plain_string(b, genop_limit_name(l->rule->kind));
    json_write_key(b, &f, "label");
    genop_buf_add_json_string(b, l->rule->label);
    json_write_key(b, &f, "status");
    genop_buf_adds(b, l->exceeded ? "\"exceeded\"" : "\"ok\"");
    json_write_key(b, &f, "used");
    genop_buf_add_long(b, l->used);
    json_write_key(b, &f, "max");
    genop_buf_add_long(b, l->max);
    if (l->rule->kind == GENOP_LIMIT_SESSIONS_PER_WEEK ||
        l->rule->kind == GENOP_LIMIT_MINUTES_PER_WEEK) {
        json_write_key(b, &f, "period");
        if (l->has_period)
            genop_buf_addf(b, "\"%04d-W%02d\"", l->period_year, l->period_week);
        else
            genop_buf_adds(b, "null");
    }
    /* Added to the contract: when a counting limit was first exceeded;
     * course_length's last allowed day. */
    if (l->rule->kind == GENOP_LIMIT_COURSE_LENGTH) {
        json_write_key(b, &f, "last_day");
        json_write_date(b, true, l->last_day);
    } else {
        json_write_key(b, &f, "exceeded_on");
        json_write_date(b, l->has_exceeded_on, l->exceeded_on);
    }
    json_write_key(b, &f, "source");
    genop_buf_add_json_string(b, l->rule->source.citation);
    /* letters.md section 1: the granted exception it is judged by. */
    if (l->exception) {
        json_write_key(b, &f, "exception");
        genop_buf_adds(b, "{\"reason\":");
        genop_buf_add_json_string(b, l->exception->reason);
        genop_buf_adds(b, ",\"decided\":");
        json_write_date(b, true, l->exception_decided);
        genop_buf_adds(b, ",\"standard_max\":");
        genop_buf_add_long(b, l->standard_max);
        genop_buf_adds(b, "}");
    }
    genop_buf_adds(b, "}");
}

/* Added to the contract: hospital admissions during the course (genop's
 * own `admitted` events), the admission rule's source where the standard
 * has one for the case, and why they put the course up for review. */
static void write_admissions(genop_buf *b, const genop_attendance_result *a)
{
    genop_buf_adds(b, ",\"admissions\":");
    genop_buf_add_long(b, a->admissions);
    genop_buf_adds(b, ",\"last_admission\":");
    json_write_date(b, a->admissions > 0, a->last_admission);
    genop_buf_adds(b, ",\"admission_source\":");
    genop_buf_add_json_string(b, a->admission_source ? a->admission_source->citation : NULL);
    genop_buf_adds(b, ",\"admission_detail\":");
    genop_buf_add_json_string(b, a->admission_review ? a->admission_detail : NULL);
    genop_buf_adds(b, ",\"first_admission\":");
    json_write_date(b, a->admissions > 0, a->first_admission);
}

/* Added to the contract: the day the review limit was reached and the
 * day the course went up for review (the worklist's attendance_review). */
static void write_review_dates(genop_buf *b, const genop_attendance_result *a)
{
    genop_buf_adds(b, ",\"limit_reached\":");
    json_write_date(b, a->has_limit_reached, a->limit_reached);
    genop_buf_adds(b, ",\"review_since\":");
    json_write_date(b, a->has_review_since, a->review_since);
}

/* Added to the contract: the documentation the standard requires of the
 * course (documentation.h); end_status is null without such a rule. */
static void write_documentation(genop_buf *b, const genop_documentation_result *d)
{
    genop_buf_adds(b, "{\"end_status\":");
    if (!d->end_status_required) {
        genop_buf_adds(b, "null}");
        return;
    }
    genop_buf_adds(b, "{\"status\":");
    json_write_plain_string(b, genop_doc_status_name(d->end_status));
    genop_buf_adds(b, ",\"due\":");
    json_write_date(b, d->has_end_status_due, d->end_status_due);
    genop_buf_adds(b, ",\"source\":");
    genop_buf_add_json_string(b, d->end_status_source->citation);
    genop_buf_adds(b, "}}");
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
    /* Added to the contract: what the review limit counts. */
    genop_buf_adds(b, ",\"counts\":");
    if (!a->has_rule)
        genop_buf_adds(b, "null");
    else
        json_write_plain_string(b, a->counts == GENOP_COUNT_NO_SHOWS ? "no_shows"
                                                                    : "no_shows_and_cancellations");
    bool review = a->review || a->admission_review;
    genop_buf_adds(b, review ? ",\"status\":\"review\",\"source\":" : ",\"status\":\"ok\",\"source\":");
    genop_buf_add_json_string(b, a->source ? a->source->citation : NULL);
    write_admissions(b, a);
    write_review_dates(b, a);
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
    char detail[256], date[GENOP_DATE_DA_SIZE];
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
                 "trådte i kraft (den %s).",
                 genop_date_format_da(r->standard->effective_from, date));
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
        json_write_key(b, &f, "id");
        genop_buf_add_json_string(b, c->id);
    } else if (c && c->id_kind == GENOP_CASE_ID_NUMBER) {
        json_write_key(b, &f, "id");
        genop_buf_adds(b, c->id);
    }
    json_write_key(b, &f, "standard");
    genop_buf_add_json_string(b, r->standard->id);
    json_write_key(b, &f, "as_of");
    json_write_date(b, true, r->as_of);
    json_write_key(b, &f, "paragraph");
    json_write_plain_string(b, genop_paragraph_name(r->paragraph));
    json_write_key(b, &f, "deadlines");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_deadlines; i++) {
        if (i)
            genop_buf_adds(b, ",");
        write_deadline(b, &r->deadlines[i]);
    }
    genop_buf_adds(b, "]");
    json_write_key(b, &f, "limits");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < r->n_limits; i++) {
        if (i)
            genop_buf_adds(b, ",");
        genop_limit_write_json(&r->limits[i], b);
    }
    genop_buf_adds(b, "]");
    json_write_key(b, &f, "attendance");
    write_attendance(b, &r->attendance);
    json_write_key(b, &f, "documentation");
    write_documentation(b, &r->documentation);
    json_write_key(b, &f, "eligibility");
    write_eligibility(b, r);
    json_write_key(b, &f, "warnings");
    write_warnings(b, r);
    genop_buf_adds(b, "}");
}
