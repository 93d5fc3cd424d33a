/*
 * result_json.c - builds the evaluation object with jansson: the fields the
 * contract names (id, due, done, status, source, used, max, period, ...) and
 * a few more that staff screens need (label, rule, from, workdays_left,
 * paragraph), all of them derived from the genop_result.
 */
#include "result_json.h"

#include <stdio.h>

static json_t *date_or_null(bool present, genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    return present ? json_string(genop_date_format(d, buf)) : json_null();
}

/* "5 hverdage fra henvendelsen er modtaget" */
static json_t *rule_text(const genop_deadline_rule *rule)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%d %s fra %s", rule->amount,
             genop_unit_label_da(rule->unit, rule->amount), genop_anchor_label_da(rule->from));
    return json_string(buf);
}

static json_t *deadline_json(const genop_deadline_result *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(d->rule->id));
    json_object_set_new(o, "label", json_string(d->rule->label));
    json_object_set_new(o, "from", date_or_null(true, d->from));
    json_object_set_new(o, "due", date_or_null(true, d->due));
    json_object_set_new(o, "done", date_or_null(d->done, d->done_date));
    json_object_set_new(o, "status", json_string(genop_deadline_status_name(d->status)));
    if (!d->done)
        json_object_set_new(o, "workdays_left", json_integer(d->workdays_left));
    json_object_set_new(o, "owner", json_string(d->rule->citizens_deadline ? "citizen" : "municipality"));
    json_object_set_new(o, "rule", rule_text(d->rule));
    json_object_set_new(o, "source", json_string(d->rule->source.citation));
    return o;
}

static json_t *limit_json(const genop_limit_result *l)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(genop_limit_name(l->rule->kind)));
    json_object_set_new(o, "label", json_string(l->rule->label));
    json_object_set_new(o, "status", json_string(l->exceeded ? "exceeded" : "ok"));
    json_object_set_new(o, "used", json_integer(l->used));
    json_object_set_new(o, "max", json_integer(l->max));
    if (l->rule->kind == GENOP_LIMIT_SESSIONS_PER_WEEK ||
        l->rule->kind == GENOP_LIMIT_MINUTES_PER_WEEK) {
        char week[16];
        snprintf(week, sizeof week, "%04d-W%02d", l->period_year % 10000, l->period_week % 100);
        json_object_set_new(o, "period", l->has_period ? json_string(week) : json_null());
    }
    json_object_set_new(o, "source", json_string(l->rule->source.citation));
    return o;
}

static json_t *attendance_json(const genop_attendance_result *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "no_shows", json_integer(a->no_shows));
    json_object_set_new(o, "citizen_cancellations", json_integer(a->citizen_cancellations));
    json_object_set_new(o, "review_limit", a->has_rule ? json_integer(a->review_limit) : json_null());
    json_object_set_new(o, "status", json_string(a->review ? "review" : "ok"));
    json_object_set_new(o, "source", a->source ? json_string(a->source->citation) : json_null());
    return o;
}

static json_t *eligibility_json(const genop_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "eligible", json_boolean(r->eligible));
    json_t *findings = json_array();
    for (size_t i = 0; i < r->n_findings; i++) {
        const genop_finding *f = &r->findings[i];
        json_t *fo = json_object();
        json_object_set_new(fo, "id", json_string(genop_finding_name(f->kind)));
        json_object_set_new(fo, "source", json_string(f->source->citation));
        json_object_set_new(fo, "detail", json_string(f->detail));
        json_array_append_new(findings, fo);
    }
    json_object_set_new(o, "findings", findings);
    json_t *unchecked = json_array();
    for (int k = 0; k < GENOP_FINDING_COUNT; k++)
        if (r->unchecked & (1u << k))
            json_array_append_new(unchecked, json_string(genop_finding_name((genop_finding_kind)k)));
    json_object_set_new(o, "unchecked", unchecked);
    return o;
}

static void add_warning(json_t *warnings, const char *id, const char *detail)
{
    json_t *w = json_object();
    json_object_set_new(w, "id", json_string(id));
    json_object_set_new(w, "detail", json_string(detail));
    json_array_append_new(warnings, w);
}

/* Things staff must know about the evaluation as a whole. */
static json_t *warnings_json(const genop_result *r)
{
    json_t *warnings = json_array();
    char buf[256], date[GENOP_DATE_STR_SIZE];
    if (r->paragraph_not_covered) {
        snprintf(buf, sizeof buf, "%ss kvalitetsstandard dækker ikke § 86, stk. %s; ingen af "
                 "dens regler gælder for sagen.", r->standard->municipality,
                 r->paragraph == GENOP_PARA_86_2 ? "2" : "1");
        add_warning(warnings, "paragraph_not_covered", buf);
    }
    if (r->before_effective) {
        snprintf(buf, sizeof buf, "Henvendelsen er modtaget før kvalitetsstandarden trådte i "
                 "kraft (%s).", genop_date_format(r->standard->effective_from, date));
        add_warning(warnings, "before_effective", buf);
    }
    return warnings;
}

json_t *genop_result_to_json(const genop_result *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "standard", json_string(r->standard->id));
    json_object_set_new(o, "as_of", date_or_null(true, r->as_of));
    json_object_set_new(o, "paragraph", json_string(genop_paragraph_name(r->paragraph)));
    json_t *deadlines = json_array();
    for (size_t i = 0; i < r->n_deadlines; i++)
        json_array_append_new(deadlines, deadline_json(&r->deadlines[i]));
    json_object_set_new(o, "deadlines", deadlines);
    json_t *limits = json_array();
    for (size_t i = 0; i < r->n_limits; i++)
        json_array_append_new(limits, limit_json(&r->limits[i]));
    json_object_set_new(o, "limits", limits);
    json_object_set_new(o, "attendance", attendance_json(&r->attendance));
    json_object_set_new(o, "eligibility", eligibility_json(r));
    json_object_set_new(o, "warnings", warnings_json(r));
    return o;
}
