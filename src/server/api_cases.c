/*
 * api_cases.c - /api/v1/cases: registering a referral (POST: finds the
 * citizen by CPR number or creates them, creates the case and its
 * referral_received event) and the municipality's list of cases (GET, with
 * filters and paging).
 *
 * POST body:
 *   {"citizen": {"cpr", "name", "address", "phone", "birth_date",
 *                "digital_post_exempt", "relatives", "municipality_code"},
 *    "referral": {"date", "paragraph", "source", "condition", "text", "consent"}}
 * cpr, name, date, paragraph and source are required; the birth date comes
 * from the CPR number when not given; municipality_code, the municipality
 * the citizen lives in (kommunekode), is the user's municipality's when
 * not given. A citizen already known keeps what is stored. Answer: 201 {"id", "citizen": {"id",
 * "created"}}.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "case_answer.h"
#include "case_json.h"
#include "case_rules.h"
#include "case_view.h"
#include "cpr.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "projection.h"

/* Danish municipality codes (kommunekoder) run from 101 (København) to
 * 860 (Hjørring): Danmarks Statistik's classification KOMMUNE. */
#define MUNICIPALITY_CODE_MIN 101
#define MUNICIPALITY_CODE_MAX 860

/* Longest free text of a referral (bytes). */
#define REFERRAL_TEXT_MAX 8000

/* A referral as read from the request. */
typedef struct new_case {
    genop_citizen cit;
    genop_case_row row;
    json_t *event_body;       /* owned: the referral_received event */
    genop_event ev;
} new_case;

static bool read_cpr(api_ctx *c, const char *text, genop_citizen *cit, http_reply *out)
{
    genop_cpr cpr;
    genop_error e;
    if (genop_cpr_parse(text, &cpr, &e)) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, "$.citizen.cpr", "$.citizen.cpr: %s",
                     e.message);
        return false;
    }
    if (cpr.birth_date > c->today) {
        problem_set(out, 422, PROBLEM_INVALID_INPUT,
                    "$.citizen.cpr: CPR-nummeret giver en fødselsdato i fremtiden", "$.citizen.cpr");
        return false;
    }
    memcpy(cit->cpr, cpr.digits, sizeof cit->cpr);
    cit->birth_date = cpr.birth_date;
    return true;
}

/* The citizen's municipality code: given, or the user's municipality's. */
static bool read_municipality_code(api_ctx *c, const json_t *obj, genop_citizen *cit,
                                   http_reply *out)
{
    int64_t code;
    if (!in_id(obj, "$.citizen", "municipality_code", 0, &code, out))
        return false;
    if (code == 0) {
        cit->municipality_code = c->std->municipality_code;
        return true;
    }
    if (code < MUNICIPALITY_CODE_MIN || code > MUNICIPALITY_CODE_MAX) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, "$.citizen.municipality_code",
                     "$.citizen.municipality_code: %" PRId64 " er ikke en kommunekode "
                     "(kommunekoder går fra %d til %d)", code, MUNICIPALITY_CODE_MIN,
                     MUNICIPALITY_CODE_MAX);
        return false;
    }
    cit->municipality_code = (int)code;
    return true;
}

static bool read_citizen(api_ctx *c, const json_t *obj, genop_citizen *cit, http_reply *out)
{
    const char *P = "$.citizen", *cpr, *name, *address, *phone, *relatives;
    bool has_birth, has_exempt, exempt = false;
    genop_date birth;
    if (!in_text(obj, P, "cpr", IN_REQUIRED | IN_ONE_LINE, 16, &cpr, out) ||
        !in_text(obj, P, "name", IN_REQUIRED | IN_ONE_LINE, GENOP_NAME_MAX - 1, &name, out) ||
        !in_text(obj, P, "address", IN_ONE_LINE, GENOP_ADDRESS_MAX - 1, &address, out) ||
        !in_text(obj, P, "phone", IN_ONE_LINE, GENOP_PHONE_MAX - 1, &phone, out) ||
        !in_text(obj, P, "relatives", 0, GENOP_ADDRESS_MAX - 1, &relatives, out) ||
        !in_date(obj, P, "birth_date", 0, &has_birth, &birth, out) ||
        !in_bool(obj, P, "digital_post_exempt", 0, &has_exempt, &exempt, out) ||
        !read_municipality_code(c, obj, cit, out) || !read_cpr(c, cpr, cit, out))
        return false;
    if (has_birth && birth > c->today) {
        problem_set(out, 422, PROBLEM_INVALID_INPUT,
                    "$.citizen.birth_date ligger i fremtiden", "$.citizen.birth_date");
        return false;
    }
    snprintf(cit->municipality, sizeof cit->municipality, "%s", c->user.municipality);
    snprintf(cit->name, sizeof cit->name, "%s", name);
    snprintf(cit->address, sizeof cit->address, "%s", address ? address : "");
    snprintf(cit->phone, sizeof cit->phone, "%s", phone ? phone : "");
    snprintf(cit->relatives, sizeof cit->relatives, "%s", relatives ? relatives : "");
    if (has_birth)
        cit->birth_date = birth;
    cit->digital_post_exempt = has_exempt && exempt;
    return true;
}

/* The referral_received event's stored body, from the checked fields. */
static json_t *referral_body(const json_t *obj, const char *paragraph, const char *source,
                             const char *condition, const char *text, bool has_consent,
                             bool consent)
{
    json_t *b = json_object();
    jset(b, "type", json_string("referral_received"));
    jset(b, "date", json_deep_copy(json_object_get(obj, "date")));
    jset(b, "paragraph", jstr(paragraph));
    jset(b, "source", jstr(source));
    if (condition)
        jset(b, "condition", jstr(condition));
    if (text)
        jset(b, "text", jstr(text));
    if (has_consent)
        jset(b, "consent", json_boolean(consent));
    return b;
}

/* Checks the referral as an event on an empty case (its date may not lie
 * in the future). */
static bool referral_admissible(api_ctx *c, new_case *nc, http_reply *out)
{
    genop_error e;
    genop_case empty = {0};
    if (genop_event_from_json(nc->event_body, "$.referral", &nc->ev, &e)) {
        problem_from_error(out, 422, PROBLEM_INVALID_INPUT, &e);
        return false;
    }
    if (genop_event_admissible(&empty, &nc->ev, c->today, &e)) {
        /* The rules name the event's field first ("$.date: ..."): here the
         * event is the referral, so that is $.referral.date. */
        const char *why = strncmp(e.message, "$.date: ", 8) == 0 ? e.message + 8 : e.message;
        problem_setf(out, 422, PROBLEM_INVALID_EVENT, "$.referral.date", "$.referral.date: %s",
                     why);
        return false;
    }
    return true;
}

static bool read_referral(api_ctx *c, const json_t *obj, new_case *nc, http_reply *out)
{
    const char *P = "$.referral", *paragraph, *source, *condition, *text;
    bool has_date, has_consent, consent = false;
    genop_date date;
    if (!in_date(obj, P, "date", IN_REQUIRED, &has_date, &date, out) ||
        !in_text(obj, P, "paragraph", IN_REQUIRED | IN_ONE_LINE, 16, &paragraph, out) ||
        !in_text(obj, P, "source", IN_REQUIRED | IN_ONE_LINE, GENOP_TEXT_SMALL_MAX - 1, &source,
                 out) ||
        !in_text(obj, P, "condition", IN_ONE_LINE, GENOP_CONDITION_MAX, &condition, out) ||
        !in_text(obj, P, "text", 0, REFERRAL_TEXT_MAX, &text, out) ||
        !in_bool(obj, P, "consent", 0, &has_consent, &consent, out))
        return false;
    unsigned para = genop_paragraph_from_name(paragraph);
    if (!para) {
        problem_set(out, 422, PROBLEM_INVALID_INPUT,
                    "$.referral.paragraph skal være \"86.1\" eller \"86.2\"", "$.referral.paragraph");
        return false;
    }
    genop_case_row *row = &nc->row;
    snprintf(row->municipality, sizeof row->municipality, "%s", c->user.municipality);
    row->paragraph = para;
    row->referral_date = date;
    snprintf(row->referral_source, sizeof row->referral_source, "%s", source);
    snprintf(row->condition, sizeof row->condition, "%s", condition ? condition : "");
    nc->event_body = referral_body(obj, paragraph, source, condition, text, has_consent, consent);
    if (!nc->event_body) {
        genop_error e;
        genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
        problem_internal(out, "opret sag", &e);
        return false;
    }
    return referral_admissible(c, nc, out);
}

/* The citizen of the referral: the one the municipality has with its CPR
 * number, whose stored fields then replace *cit's, or else a new one made
 * from *cit (*created). Inside the caller's write transaction, so no
 * other writer can create the same citizen in between. */
static genop_err citizen_find_or_create(genop_store *s, genop_citizen *cit, bool *created,
                                        genop_error *e)
{
    genop_citizen found;
    *created = false;
    genop_err err = genop_store_citizen_find_by_cpr(s, cit->municipality, cit->cpr, &found, e);
    if (err == GENOP_OK)
        *cit = found;
    else if (err == GENOP_ENOTFOUND && (err = genop_store_citizen_create(s, cit, e)) == GENOP_OK)
        *created = true;
    return err;
}

/* Citizen, case, referral event, projection and access log: one transaction. */
static genop_err store_case(api_ctx *c, new_case *nc, bool *created, genop_error *e)
{
    genop_case view = {0};
    genop_event_row ev = {0};
    genop_err err = genop_store_begin(c->store, e);
    if (!err)
        err = citizen_find_or_create(c->store, &nc->cit, created, e);
    nc->row.citizen_id = nc->cit.id;
    if (!err)
        err = genop_store_case_create(c->store, &nc->row, c->user.username, e);
    if (!err && !(ev.body = json_dumps(nc->event_body, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    if (!err) {
        ev.case_id = nc->row.id;
        snprintf(ev.type, sizeof ev.type, "referral_received");
        ev.date = nc->ev.date;
        ev.author_id = c->user.id;
        snprintf(ev.author, sizeof ev.author, "%s", c->user.username);
        err = genop_store_event_append(c->store, c->user.municipality, &ev, e);
    }
    if (!err) {
        case_view_init(&view, &nc->cit, c->std);
        err = genop_case_add(&view, &nc->ev, e);
    }
    if (!err)
        err = projection_update(c->store, &nc->row, &nc->cit, &view, c->std, c->today, e);
    if (!err)
        err = case_answer_store(c->store, c->user.municipality, nc->row.id, c->std, e);
    if (!err)
        err = audit_add(c->store, &c->user, nc->cit.id, nc->row.id, AUDIT_CASE_CREATE,
                        AUDIT_PURPOSE_CASEWORK, e);
    if (!err)
        err = genop_store_commit(c->store, e);
    if (err)
        genop_store_rollback(c->store);
    free(ev.body);
    genop_case_release(&view);
    return err;
}

void api_cases_create(api_ctx *c, http_reply *out)
{
    new_case nc;
    memset(&nc, 0, sizeof nc);
    json_t *citizen, *referral;
    if (in_object(c->body, "$", "citizen", IN_REQUIRED, &citizen, out) &&
        in_object(c->body, "$", "referral", IN_REQUIRED, &referral, out) &&
        read_citizen(c, citizen, &nc.cit, out) && read_referral(c, referral, &nc, out)) {
        bool created = false;
        genop_error e;
        if (store_case(c, &nc, &created, &e)) {
            problem_internal(out, "opret sag", &e);
        } else {
            json_t *cit = json_object();
            jset(cit, "id", json_integer(nc.cit.id));
            jset(cit, "created", json_boolean(created));
            json_t *o = json_object();
            jset(o, "id", json_integer(nc.row.id));
            jset(o, "citizen", cit);
            http_reply_json(out, 201, o);
            snprintf(out->location, sizeof out->location, "/api/v1/cases/%" PRId64, nc.row.id);
        }
    }
    json_decref(nc.event_body);
}

/* ---- GET /api/v1/cases -------------------------------------------------- */

static bool read_filter(api_ctx *c, genop_case_filter *f, http_reply *out)
{
    size_t citizen;
    memset(f, 0, sizeof *f);
    if (!q_bool(c->rq, "closed", &f->closed, out) ||
        !q_paragraph(c->rq, "paragraph", &f->paragraph, out) ||
        !q_date(c->rq, "due_before", &f->has_due_before, &f->due_before, out) ||
        !q_size(c->rq, "citizen", 0, 1, INT64_MAX, &citizen, out) ||
        !q_size(c->rq, "limit", 50, 1, 500, &f->limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &f->offset, out))
        return false;
    f->citizen_id = (int64_t)citizen;
    return true;
}

static json_t *summary_json(const genop_case_summary *s)
{
    json_t *cit = json_object();
    jset(cit, "id", json_integer(s->c.citizen_id));
    jset(cit, "name", jstr(s->citizen_name));
    json_t *o = json_object();
    jset(o, "id", json_integer(s->c.id));
    jset(o, "citizen", cit);
    jset(o, "paragraph", jstr(genop_paragraph_name(s->c.paragraph)));
    jset(o, "referral_date", jdate(true, s->c.referral_date));
    jset(o, "source", jstr(s->c.referral_source));
    jset(o, "condition", s->c.condition[0] ? jstr(s->c.condition) : json_null());
    jset(o, "closed", json_boolean(s->c.closed));
    jset(o, "next_due", jdate(s->c.has_next_due, s->c.next_due));
    jset(o, "created_at", jstr(s->c.created_at));
    return o;
}

/* One access-log row per case shown, committed before the answer. */
static genop_err audit_list(api_ctx *c, const genop_case_summary *items, size_t n,
                            genop_error *e)
{
    audit_rows r;
    audit_rows_init(&r, &c->user, AUDIT_CASE_LIST, AUDIT_PURPOSE_OVERVIEW);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = audit_rows_add(&r, items[i].c.citizen_id, items[i].c.id, e);
    if (!err)
        err = audit_rows_record(c->app->reads, &r, e);
    audit_rows_release(&r);
    return err;
}

void api_cases_list(api_ctx *c, http_reply *out)
{
    genop_case_filter f;
    if (!read_filter(c, &f, out))
        return;
    genop_list list = {0};
    size_t total = 0;
    genop_error e;
    genop_err err = genop_store_case_list(c->store, c->user.municipality, &f, &list, &total, &e);
    const genop_case_summary *items = list.items;
    if (!err)
        err = audit_list(c, items, list.n, &e);
    if (err) {
        problem_internal(out, "sagsliste", &e);
        genop_store_free_list(&list);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, summary_json(&items[i]));
    json_t *o = json_object();
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)total));
    jset(o, "limit", json_integer((json_int_t)f.limit));
    jset(o, "offset", json_integer((json_int_t)f.offset));
    http_reply_json(out, 200, o);
    genop_store_free_list(&list);
}
