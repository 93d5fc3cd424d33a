/*
 * standard_json.c - writes a loaded standard as the JSON document of
 * standard_json.h with jansson. The YAML's names are kept for values
 * (anchors, units, conditions, limit ids), so the document can be read
 * next to docs/standard-format.md; each rule adds "text", its meaning in
 * Danish (standard_text.c), and "source". Deadlines also say whether they
 * belong to a complaint ("topic"), so a screen can show them apart.
 *
 * Building never stops half-way: a failed allocation only marks the
 * builder as failed (jansson's *_set_new() and *_append_new() release the
 * value they could not take), and the whole document is dropped at the
 * end.
 *
 * Texts that are not valid UTF-8 are written with '?' for the bad bytes
 * rather than failing the document. The loader checks the file, but
 * libfyaml 0.7.12 can hand back a block scalar with bytes it never wrote
 * after a malformed indentation (tests/fuzz/corpus/standard/
 * libfyaml-block-scalar-garbage), so a loaded text is not proof enough.
 */
#include "standard_json.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "closure_reasons.h"
#include "complaint_routes.h"
#include "criteria.h"
#include "documentation.h"
#include "revision.h"
#include "standard_text.h"
#include "utf8.h"

/* The document being built; failed is sticky. */
typedef struct builder {
    bool failed;
} builder;

static void put(builder *b, json_t *obj, const char *key, json_t *value)
{
    if (json_object_set_new(obj, key, value) != 0)
        b->failed = true;
}

static void push(builder *b, json_t *arr, json_t *value)
{
    if (json_array_append_new(arr, value) != 0)
        b->failed = true;
}

/* A JSON string of s with every byte that is not valid UTF-8 as '?'. */
static json_t *sanitized_text(const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    genop_utf8_sanitize(copy);
    json_t *v = json_string(copy);
    free(copy);
    return v;
}

/* A JSON string of s, or null for NULL. Running out of memory fails the
 * build. */
static json_t *text(builder *b, const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (!v)
        v = sanitized_text(s);
    if (!v)
        b->failed = true;
    return v;
}

static json_t *new_object(builder *b)
{
    json_t *o = json_object();
    if (!o)
        b->failed = true;
    return o;
}

static json_t *new_array(builder *b)
{
    json_t *a = json_array();
    if (!a)
        b->failed = true;
    return a;
}

/* ["86.1", "86.2"] for a set of GENOP_PARA_* bits. */
static json_t *paragraphs_json(builder *b, unsigned bits)
{
    json_t *arr = new_array(b);
    if (bits & GENOP_PARA_86_1)
        push(b, arr, text(b, genop_paragraph_name(GENOP_PARA_86_1)));
    if (bits & GENOP_PARA_86_2)
        push(b, arr, text(b, genop_paragraph_name(GENOP_PARA_86_2)));
    return arr;
}

static json_t *source_json(builder *b, const genop_source *s)
{
    json_t *o = new_object(b);
    put(b, o, "section", text(b, s->section));
    put(b, o, "quote", text(b, s->quote));
    put(b, o, "note", text(b, s->note));
    put(b, o, "citation", text(b, s->citation));
    put(b, o, "law", text(b, s->law));
    put(b, o, "paragraph", text(b, s->law_paragraph));
    return o;
}

static json_t *text_list_json(builder *b, const genop_text_list *l)
{
    json_t *arr = new_array(b);
    for (size_t i = 0; i < l->n; i++)
        push(b, arr, text(b, l->items[i]));
    return arr;
}

/* Every content key, an empty list where the standard says nothing. */
static json_t *content_json(builder *b, const genop_content *c)
{
    json_t *o = new_object(b);
    put(b, o, "purpose", text_list_json(b, &c->purpose));
    put(b, o, "target_group", text_list_json(b, &c->target_group));
    put(b, o, "includes", text_list_json(b, &c->includes));
    put(b, o, "excludes", text_list_json(b, &c->excludes));
    put(b, o, "provider", text_list_json(b, &c->provider));
    put(b, o, "obligations", text_list_json(b, &c->obligations));
    put(b, o, "complaints", text_list_json(b, &c->complaints));
    put(b, o, "contact", text_list_json(b, &c->contact));
    return o;
}

/* The municipality's unit that reconsiders a complaint, or null. */
static json_t *complaint_unit_json(builder *b, const genop_complaint_unit *u)
{
    if (!u->present)
        return json_null();
    json_t *o = new_object(b);
    put(b, o, "name", text(b, u->name));
    put(b, o, "address", text_list_json(b, &u->address));
    put(b, o, "phone", text(b, u->phone));
    put(b, o, "source", u->has_source ? source_json(b, &u->source) : json_null());
    return o;
}

/* Where complaints go (complaint_routes.h): each route with its topics,
 * who decides in the end, whether the municipality reconsiders first and
 * where, as one Danish sentence too, and its source. */
static json_t *complaint_routes_json(builder *b, const genop_standard *s)
{
    char sentence[GENOP_COMPLAINT_ROUTE_TEXT_MAX];
    json_t *arr = new_array(b);
    for (size_t i = 0; i < s->n_complaint_routes; i++) {
        const genop_complaint_route *r = &s->complaint_routes[i];
        json_t *o = new_object(b), *about = new_array(b);
        for (int a = 0; a < GENOP_ABOUT_COUNT; a++)
            if (r->about & (1u << a))
                push(b, about, text(b, genop_complaint_about_name((genop_complaint_about)a)));
        put(b, o, "about", about);
        put(b, o, "handler", text(b, genop_complaint_handler_name(r->handler)));
        put(b, o, "handler_label", text(b, genop_complaint_handler_label_da(r->handler)));
        put(b, o, "reconsiders", json_boolean(r->reconsiders));
        put(b, o, "unit", complaint_unit_json(b, &r->unit));
        put(b, o, "web", text(b, r->web));
        put(b, o, "text_names", text(b, r->text_names));
        put(b, o, "text", text(b, genop_complaint_route_text(r, sentence, sizeof sentence)));
        put(b, o, "source", source_json(b, &r->source));
        push(b, arr, o);
    }
    return arr;
}

static json_t *deadline_details_json(builder *b, const genop_deadline_rule *d)
{
    const char *details[GENOP_DEADLINE_DETAILS_MAX];
    size_t n = genop_deadline_details(d, details);
    json_t *arr = new_array(b);
    for (size_t i = 0; i < n; i++)
        push(b, arr, text(b, details[i]));
    return arr;
}

static json_t *deadline_json(builder *b, const genop_deadline_rule *d)
{
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = new_object(b);
    put(b, o, "id", text(b, d->id));
    put(b, o, "label", text(b, d->label));
    put(b, o, "topic", text(b, genop_deadline_is_complaint(d) ? "complaint" : "case"));
    put(b, o, "paragraphs", paragraphs_json(b, d->paragraphs));
    put(b, o, "from", text(b, genop_anchor_name(d->from)));
    put(b, o, "until", text(b, genop_anchor_name(d->until)));
    put(b, o, "when", text(b, genop_condition_name(d->when)));
    put(b, o, "amount", json_integer(d->amount));
    put(b, o, "unit", text(b, genop_unit_name(d->unit)));
    put(b, o, "due_on_workday", json_boolean(d->due_on_workday));
    put(b, o, "owner", text(b, d->citizens_deadline ? "citizen" : "municipality"));
    put(b, o, "text", text(b, genop_deadline_text(d, sentence, sizeof sentence)));
    put(b, o, "details", deadline_details_json(b, d));
    put(b, o, "source", source_json(b, &d->source));
    return o;
}

static json_t *limit_json(builder *b, const genop_limit_rule *l)
{
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = new_object(b);
    put(b, o, "id", text(b, genop_limit_name(l->kind)));
    put(b, o, "label", text(b, l->label));
    put(b, o, "paragraphs", paragraphs_json(b, l->paragraphs));
    put(b, o, "max", json_integer(l->max));
    put(b, o, "unit", l->kind == GENOP_LIMIT_COURSE_LENGTH ? text(b, genop_unit_name(l->unit))
                                                          : json_null());
    put(b, o, "text", text(b, genop_limit_text(l, sentence, sizeof sentence)));
    put(b, o, "source", source_json(b, &l->source));
    return o;
}

/* The attendance rule's admission rule, or null when it has none. */
static json_t *admission_json(builder *b, const genop_admission_rule *r)
{
    if (!r->present)
        return json_null();
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = new_object(b);
    put(b, o, "paragraphs", paragraphs_json(b, r->paragraphs));
    put(b, o, "text", text(b, genop_admission_text(r, sentence, sizeof sentence)));
    put(b, o, "source", source_json(b, &r->source));
    return o;
}

/* The attendance rule, or null when the standard has none. */
static json_t *attendance_json(builder *b, const genop_attendance_rule *a)
{
    if (!a->present)
        return json_null();
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = new_object(b);
    put(b, o, "paragraphs", paragraphs_json(b, a->paragraphs));
    put(b, o, "counts", text(b, a->counts == GENOP_COUNT_NO_SHOWS ? "no_shows"
                                                                  : "no_shows_and_cancellations"));
    put(b, o, "review_limit", json_integer(a->review_limit));
    put(b, o, "text", text(b, genop_attendance_text(a, sentence, sizeof sentence)));
    put(b, o, "source", source_json(b, &a->source));
    put(b, o, "admission", admission_json(b, &a->admission));
    return o;
}

/* One side of `cancellations`, or null when the text says nothing. */
static json_t *cancellation_json(builder *b, const genop_cancellation_rule *r, bool by_citizen)
{
    if (!r->present)
        return json_null();
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = new_object(b);
    put(b, o, "new_time", text(b, genop_new_time_name(r->new_time)));
    put(b, o, "text", text(b, genop_cancellation_text(r, by_citizen, sentence, sizeof sentence)));
    put(b, o, "source", source_json(b, &r->source));
    return o;
}

static json_t *cancellations_json(builder *b, const genop_standard *s)
{
    json_t *o = new_object(b);
    put(b, o, "provider", cancellation_json(b, &s->cancel_by_provider, false));
    put(b, o, "citizen", cancellation_json(b, &s->cancel_by_citizen, true));
    return o;
}

/* One eligibility rule: its id (the YAML key), its sentence, its source. */
static json_t *eligibility_rule(builder *b, const char *id, const char *sentence,
                                unsigned paragraphs, const genop_source *src)
{
    json_t *o = new_object(b);
    put(b, o, "id", text(b, id));
    put(b, o, "text", text(b, sentence));
    put(b, o, "paragraphs", paragraphs_json(b, paragraphs));
    put(b, o, "source", source_json(b, src));
    return o;
}

/* The eligibility rules the standard has, in the YAML's order. */
static json_t *eligibility_json(builder *b, const genop_standard *s)
{
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *arr = new_array(b);
    if (s->minimum_age.present) {
        json_t *o = eligibility_rule(b, "minimum_age",
                                     genop_minimum_age_text(&s->minimum_age, sentence, sizeof sentence),
                                     s->minimum_age.paragraphs, &s->minimum_age.source);
        put(b, o, "years", json_integer(s->minimum_age.minimum_years));
        push(b, arr, o);
    }
    if (s->residency.present) {
        json_t *o = eligibility_rule(b, "residency",
                                     genop_residency_text(s, sentence, sizeof sentence),
                                     s->residency.paragraphs, &s->residency.source);
        put(b, o, "municipality_code", json_integer(s->municipality_code));
        push(b, arr, o);
    }
    if (s->hospital_plan_excludes.present)
        push(b, arr, eligibility_rule(b, "hospital_plan_excludes",
                                      genop_hospital_plan_text(s, sentence, sizeof sentence),
                                      s->hospital_plan_excludes.paragraphs,
                                      &s->hospital_plan_excludes.source));
    if (s->quarantine.present) {
        json_t *o = eligibility_rule(b, "quarantine",
                                     genop_quarantine_text(&s->quarantine, sentence, sizeof sentence),
                                     s->quarantine.paragraphs, &s->quarantine.source);
        put(b, o, "amount", json_integer(s->quarantine.amount));
        put(b, o, "unit", text(b, genop_unit_name(s->quarantine.unit)));
        push(b, arr, o);
    }
    return arr;
}

/* What the standard requires documented of a course: end_status with its
 * sentence, paragraphs and source, or null. */
static json_t *documentation_json(builder *b, const genop_standard *s)
{
    json_t *o = new_object(b);
    const genop_flag_rule *r = &s->documentation.end_status;
    put(b, o, "end_status", r->present ? eligibility_rule(b, "end_status", genop_end_status_text(),
                                                          r->paragraphs, &r->source)
                                       : json_null());
    return o;
}

/* The standard's effective reasons for ending a course (closure_reasons.h):
 * its own with their sources, then genop's general ones (source null). */
static json_t *closure_reasons_json(builder *b, const genop_standard *s)
{
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(s, all);
    json_t *arr = new_array(b);
    for (size_t i = 0; i < n; i++) {
        json_t *o = new_object(b);
        put(b, o, "id", text(b, all[i].id));
        put(b, o, "label", text(b, all[i].label));
        put(b, o, "source", all[i].source ? source_json(b, all[i].source) : json_null());
        put(b, o, "general", json_boolean(all[i].general));
        push(b, arr, o);
    }
    return arr;
}

/* Who can and cannot receive training (criteria.h): the eligibility
 * rules, then the standard's target-group criteria, each with its Danish
 * text and source; the ids a refusal's reasons name. */
static json_t *criteria_json(builder *b, const genop_standard *s)
{
    genop_criterion_entry all[GENOP_CRITERIA_ALL_MAX];
    char sentence[GENOP_CRITERION_TEXT_MAX];
    size_t n = genop_criteria(s, all);
    json_t *arr = new_array(b);
    for (size_t i = 0; i < n; i++) {
        json_t *o = new_object(b);
        put(b, o, "id", text(b, all[i].id));
        put(b, o, "kind", text(b, all[i].kind == GENOP_CRITERION_ELIGIBILITY ? "eligibility"
                                                                            : "target_group"));
        put(b, o, "text", text(b, genop_criterion_text(s, &all[i], sentence, sizeof sentence)));
        put(b, o, "paragraphs", paragraphs_json(b, all[i].paragraphs));
        put(b, o, "source", source_json(b, all[i].source));
        push(b, arr, o);
    }
    return arr;
}

static json_t *date_or_null(builder *b, bool has, genop_date d)
{
    char date[GENOP_DATE_STR_SIZE];
    return has ? text(b, genop_date_format(d, date)) : json_null();
}

/* The standard's own revision, or null when it says nothing about it.
 * today NULL: the document is judged as of no day (overdue and warning
 * are null). */
static json_t *revision_json(builder *b, const genop_revision_rule *r, const genop_date *today)
{
    if (!r->present)
        return json_null();
    char sentence[GENOP_REVISION_TEXT_MAX];
    genop_revision_state st = genop_revision_judge(r, today ? *today : 0);
    json_t *o = new_object(b);
    put(b, o, "approved_on", date_or_null(b, r->has_approved_on, r->approved_on));
    json_t *every = json_null();
    if (r->has_every) {
        every = new_object(b);
        put(b, every, "amount", json_integer(r->every_amount));
        put(b, every, "unit", text(b, genop_unit_name(r->every_unit)));
    }
    put(b, o, "every", every);
    put(b, o, "due", date_or_null(b, st.has_due, st.due));
    put(b, o, "overdue", today ? json_boolean(st.overdue) : json_null());
    put(b, o, "text", text(b, genop_revision_text(r, sentence, sizeof sentence)));
    put(b, o, "warning", today && st.overdue
                             ? text(b, genop_revision_warning(r, &st, sentence, sizeof sentence))
                             : json_null());
    put(b, o, "source", source_json(b, &r->source));
    return o;
}

static json_t *municipality_json(builder *b, const genop_standard *s)
{
    json_t *o = new_object(b);
    put(b, o, "name", text(b, s->municipality));
    put(b, o, "short_name", text(b, s->short_name));
    put(b, o, "code", json_integer(s->municipality_code));
    return o;
}

static json_t *document_json(builder *b, const genop_standard *s, const genop_date *today)
{
    char date[GENOP_DATE_STR_SIZE];
    json_t *o = new_object(b);
    put(b, o, "id", text(b, s->id));
    put(b, o, "municipality", municipality_json(b, s));
    put(b, o, "title", text(b, s->title));
    put(b, o, "approved", text(b, s->approved));
    put(b, o, "effective_from",
        s->has_effective_from ? text(b, genop_date_format(s->effective_from, date)) : json_null());
    put(b, o, "paragraphs", paragraphs_json(b, s->paragraphs));
    put(b, o, "content", content_json(b, &s->content));
    put(b, o, "complaint_routes", complaint_routes_json(b, s));
    json_t *deadlines = new_array(b);
    for (size_t i = 0; i < s->n_deadlines; i++)
        push(b, deadlines, deadline_json(b, &s->deadlines[i]));
    put(b, o, "deadlines", deadlines);
    json_t *limits = new_array(b);
    for (size_t i = 0; i < s->n_limits; i++)
        push(b, limits, limit_json(b, &s->limits[i]));
    put(b, o, "limits", limits);
    put(b, o, "attendance", attendance_json(b, &s->attendance));
    put(b, o, "cancellations", cancellations_json(b, s));
    put(b, o, "eligibility", eligibility_json(b, s));
    put(b, o, "documentation", documentation_json(b, s));
    put(b, o, "closure_reasons", closure_reasons_json(b, s));
    put(b, o, "criteria", criteria_json(b, s));
    put(b, o, "revision", revision_json(b, &s->revision, today));
    return o;
}

genop_err genop_standard_to_json(const genop_standard *std, json_t **out, genop_error *e)
{
    return genop_standard_to_json_on(std, NULL, out, e);
}

genop_err genop_standard_to_json_on(const genop_standard *std, const genop_date *today,
                                    json_t **out, genop_error *e)
{
    builder b = {false};
    json_t *doc = document_json(&b, std, today);
    if (b.failed) {
        json_decref(doc);
        *out = NULL;
        return genop_fail(e, GENOP_ENOMEM, "kvalitetsstandarden %s kunne ikke skrives som JSON",
                          std->id ? std->id : "?");
    }
    *out = doc;
    return GENOP_OK;
}
