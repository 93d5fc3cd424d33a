/*
 * standard.c - names of the standard's enumerations, unit arithmetic with
 * the standard's calendar, and freeing a standard. The YAML reader is in
 * standard_load.c.
 */
#include "standard.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const unit_names[] = {"days", "workdays", "weeks", "months"};

static const char *const anchor_names[GENOP_ANCHOR_COUNT] = {
    "referral_received", "contacted", "assessment", "decision",
    "decision_received", "grant_received", "first_session",
    "complaint_received", "complaint_decided", "complaint_forwarded", "closed",
};

static const char *const anchor_labels_da[GENOP_ANCHOR_COUNT] = {
    "modtagelsen af henvendelsen", "kontakten til borgeren",
    "den indledende samtale/udredning", "afgørelsen",
    "borgerens modtagelse af afgørelsen", "træningsenhedens modtagelse af bevillingen",
    "første træningsgang", "modtagelsen af klagen", "genvurderingen af klagen",
    "videresendelsen til Ankestyrelsen", "afslutningen af forløbet",
};

static const char *const condition_names[GENOP_WHEN_COUNT] = {
    "always", "granted", "not_refused", "not_fully_upheld",
};

static const char *const limit_names[GENOP_LIMIT_COUNT] = {
    "sessions", "assessment_sessions", "sessions_per_week", "minutes_per_week",
    "course_length",
};

const char *genop_unit_name(genop_unit unit) { return unit_names[unit]; }
const char *genop_anchor_name(genop_anchor a) { return anchor_names[a]; }
const char *genop_anchor_label_da(genop_anchor a) { return anchor_labels_da[a]; }
const char *genop_condition_name(genop_condition w) { return condition_names[w]; }
const char *genop_limit_name(genop_limit_kind k) { return limit_names[k]; }

const char *genop_unit_label_da(genop_unit unit, int amount)
{
    bool one = amount == 1;
    switch (unit) {
    case GENOP_UNIT_DAYS: return one ? "dag" : "dage";
    case GENOP_UNIT_WORKDAYS: return one ? "hverdag" : "hverdage";
    case GENOP_UNIT_WEEKS: return one ? "uge" : "uger";
    case GENOP_UNIT_MONTHS: return one ? "måned" : "måneder";
    }
    return "?";
}

bool genop_unit_from_name(const char *name, genop_unit *out)
{
    int i;
    if (!genop_name_index(unit_names, 4, name, &i))
        return false;
    *out = (genop_unit)i;
    return true;
}

bool genop_anchor_from_name(const char *name, genop_anchor *out)
{
    int i;
    if (!genop_name_index(anchor_names, GENOP_ANCHOR_COUNT, name, &i))
        return false;
    *out = (genop_anchor)i;
    return true;
}

bool genop_condition_from_name(const char *name, genop_condition *out)
{
    int i;
    if (!genop_name_index(condition_names, GENOP_WHEN_COUNT, name, &i))
        return false;
    *out = (genop_condition)i;
    return true;
}

bool genop_limit_from_name(const char *name, genop_limit_kind *out)
{
    int i;
    if (!genop_name_index(limit_names, GENOP_LIMIT_COUNT, name, &i))
        return false;
    *out = (genop_limit_kind)i;
    return true;
}

unsigned genop_paragraph_from_name(const char *name)
{
    if (strcmp(name, "86.1") == 0)
        return GENOP_PARA_86_1;
    if (strcmp(name, "86.2") == 0)
        return GENOP_PARA_86_2;
    return 0;
}

const char *genop_paragraph_name(unsigned bit)
{
    return bit == GENOP_PARA_86_2 ? "86.2" : "86.1";
}

genop_err genop_standard_add(const genop_standard *std, genop_date date,
                             int amount, genop_unit unit, genop_date *out,
                             genop_error *e)
{
    genop_date r;
    switch (unit) {
    case GENOP_UNIT_WORKDAYS:
        return genop_calendar_add_workdays(std->calendar, date, amount, out, e);
    case GENOP_UNIT_DAYS: r = date + amount; break;
    case GENOP_UNIT_WEEKS: r = date + 7 * amount; break;
    case GENOP_UNIT_MONTHS: r = genop_date_add_months(date, amount); break;
    default: return genop_fail(e, GENOP_EINVAL, "ukendt enhed");
    }
    if (!genop_date_in_range(r))
        return genop_fail(e, GENOP_ERANGE,
                          "fristen rækker ud over kalenderens interval %d-%d",
                          GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    *out = r;
    return GENOP_OK;
}

static void source_free(genop_source *s)
{
    free(s->section);
    free(s->quote);
    free(s->note);
    free(s->citation);
    free(s->law);
    free(s->law_paragraph);
}

static void text_list_free(genop_text_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
}

void genop_standard_free(genop_standard *std)
{
    if (!std)
        return;
    free(std->id);
    free(std->municipality);
    free(std->short_name);
    free(std->title);
    free(std->approved);
    for (size_t i = 0; i < std->n_deadlines; i++) {
        free(std->deadlines[i].id);
        free(std->deadlines[i].label);
        source_free(&std->deadlines[i].source);
    }
    for (size_t i = 0; i < std->n_limits; i++) {
        free(std->limits[i].label);
        source_free(&std->limits[i].source);
    }
    source_free(&std->attendance.source);
    source_free(&std->attendance.admission.source);
    source_free(&std->minimum_age.source);
    source_free(&std->residency.source);
    source_free(&std->hospital_plan_excludes.source);
    source_free(&std->quarantine.source);
    source_free(&std->documentation.end_status.source);
    genop_text_list *lists[] = {
        &std->content.purpose, &std->content.target_group, &std->content.includes,
        &std->content.excludes, &std->content.provider, &std->content.obligations,
        &std->content.complaints, &std->content.contact,
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        text_list_free(lists[i]);
    for (size_t i = 0; i < std->n_complaint_routes; i++) {
        genop_complaint_route *r = &std->complaint_routes[i];
        free(r->unit.name);
        text_list_free(&r->unit.address);
        free(r->unit.phone);
        source_free(&r->unit.source);
        free(r->web);
        free(r->text_names);
        source_free(&r->source);
    }
    for (size_t i = 0; i < std->n_closure_reasons; i++) {
        free(std->closure_reasons[i].id);
        free(std->closure_reasons[i].label);
        source_free(&std->closure_reasons[i].source);
    }
    source_free(&std->revision.source);
    for (size_t i = 0; i < std->n_criteria; i++) {
        free(std->criteria[i].id);
        free(std->criteria[i].text);
        source_free(&std->criteria[i].source);
    }
    free(std->letterhead.unit);
    text_list_free(&std->letterhead.address);
    free(std->letterhead.phone);
    free(std->letterhead.email);
    free(std->letterhead.web);
    source_free(&std->letterhead.source);
    source_free(&std->cancel_by_provider.source);
    source_free(&std->cancel_by_citizen.source);
    genop_calendar_free(std->calendar);
    free(std);
}

static const char *const new_time_names[] = {
    [GENOP_NEW_TIME_UNSPECIFIED] = "unspecified",
    [GENOP_NEW_TIME_PROMISED] = "promised",
    [GENOP_NEW_TIME_NOT_OFFERED] = "not_offered",
};

const char *genop_new_time_name(genop_new_time t)
{
    return (unsigned)t < sizeof new_time_names / sizeof new_time_names[0] ? new_time_names[t]
                                                                          : "unspecified";
}

bool genop_new_time_from_name(const char *name, genop_new_time *out)
{
    for (size_t i = 0; i < sizeof new_time_names / sizeof new_time_names[0]; i++)
        if (strcmp(name, new_time_names[i]) == 0) {
            *out = (genop_new_time)i;
            return true;
        }
    return false;
}
