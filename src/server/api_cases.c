/*
 * api_cases.c - /api/v1/cases: registering a referral (POST) and the
 * municipality's list of cases (GET, with filters and paging), each
 * through the domain layer (src/casework/referral.h, case_list.h).
 *
 * POST body (read by casework_referral_from_json):
 *   {"citizen": {"cpr", "name", "address", "phone", "birth_date",
 *                "digital_post_exempt", "relatives", "municipality_code",
 *                "contact": {"name", "relation", "phone"}},
 *    "referral": {"date", "paragraph", "source", "condition", "text", "consent"},
 *    "update_citizen"}
 * cpr, name, date, paragraph and source are required; consent (true) when
 * someone other than the citizen refers; the birth date comes from the
 * CPR number when not given; municipality_code, the municipality the
 * citizen lives in (kommunekode), is the user's municipality's when not
 * given. A citizen already known keeps what is stored; another name than
 * the stored one is 409 with the stored "citizen": {"id", "name"} unless
 * update_citizen is true (referral.h). Answer: 201 {"id", "citizen": {"id",
 * "created", "renamed"}, "warnings": [{"code", "case", "detail"}]}.
 *
 * GET: the cases newest first, a page at a time (?limit 1-500, 50 by
 * default, ?offset), with the total; filtered by ?closed, ?status (open,
 * closed, or a stage: referred, granted, training, refused, complaint),
 * ?paragraph, ?due_before and ?citizen; ?q searches (case_search.h: a CPR
 * number, a case number or the words of a name; 422 for a text it
 * cannot search with). Each item has the citizen's name and birth date
 * and the case's status.
 * ?mine=true only the cases the user is assigned to, ?owner=USERNAME those
 * that user is; each item says who is responsible ("assigned").
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "case_list.h"
#include "case_search.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "referral.h"

void api_cases_create(api_ctx *c, http_reply *out)
{
    casework_referral in;
    casework_referral_result r;
    genop_error e;
    memset(&in, 0, sizeof in);
    memset(&r, 0, sizeof r);
    genop_err err = casework_referral_from_json(c->body, &in, &e);
    if (!err)
        err = casework_referral_register(&c->env, &c->user, &in, &r, &e);
    if (err) {
        problem_from_refusal(out, "opret sag", &e);
        if (err == GENOP_ECONFLICT && r.conflict_citizen_id && out->body) {
            json_t *stored = json_object();
            jset(stored, "id", json_integer(r.conflict_citizen_id));
            jset(stored, "name", jstr(r.conflict_name));
            jset(out->body, "citizen", stored);
        }
        return;
    }
    json_t *cit = json_object();
    jset(cit, "id", json_integer(r.citizen_id));
    jset(cit, "created", json_boolean(r.citizen_created));
    jset(cit, "renamed", json_boolean(r.citizen_renamed));
    json_t *warnings = json_array();
    for (size_t i = 0; i < r.n_warnings; i++) {
        json_t *w = json_object();
        jset(w, "code", jstr(r.warnings[i].code));
        jset(w, "case", json_integer(r.warnings[i].case_id));
        jset(w, "detail", jstr(r.warnings[i].detail));
        json_array_append_new(warnings, w);
    }
    json_t *o = json_object();
    jset(o, "id", json_integer(r.case_id));
    jset(o, "citizen", cit);
    jset(o, "warnings", warnings);
    http_reply_json(out, 201, o);
    snprintf(out->location, sizeof out->location, "/api/v1/cases/%" PRId64, r.case_id);
}

/* ---- GET /api/v1/cases -------------------------------------------------- */

/* ?status=: "open" and "closed" are the closed flag (as ?closed= is; the
 * two must agree), the others a stage (store.h). "closed" is the stage too
 * (every closed case has it, migration 0008), which the store finds by
 * its index. */
static bool read_status(api_ctx *c, genop_case_filter *f, http_reply *out)
{
    const char *s = http_request_query(c->rq, "status");
    if (!s)
        return true;
    int closed = strcmp(s, "open") == 0 ? 0 : strcmp(s, "closed") == 0 ? 1 : -1;
    if (closed < 0) {
        f->stage = genop_case_stage_from_name(s);
        if (f->stage == GENOP_STAGE_UNKNOWN || f->stage == GENOP_STAGE_CLOSED) {
            problem_setf(out, 400, PROBLEM_BAD_REQUEST, "status",
                         "Forespørgselsparameteren status: skal være open, closed, referred, "
                         "granted, training, refused eller complaint");
            return false;
        }
        closed = 0;
    }
    if (f->closed >= 0 && f->closed != closed) {
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "status",
                     "Forespørgselsparameteren status: %s passer ikke med closed=%s", s,
                     f->closed ? "true" : "false");
        return false;
    }
    f->closed = closed;
    if (closed == 1)
        f->stage = GENOP_STAGE_CLOSED;
    return true;
}

/* ?mine=true (the cases the user is assigned to, shared/spec/api.md) or
 * ?owner=USERNAME (the cases that user is assigned to). */
static bool read_owner(api_ctx *c, genop_case_filter *f, http_reply *out)
{
    int mine;
    if (!q_bool(c->rq, "mine", &mine, out) || !q_username(c->rq, "owner", &f->owner, out))
        return false;
    if (mine == 1 && f->owner) {
        problem_set(out, 400, PROBLEM_BAD_REQUEST,
                    "Forespørgselsparametrene mine og owner kan ikke bruges sammen.", "owner");
        return false;
    }
    if (mine == 1)
        f->owner = c->user.username;
    return true;
}

/* The filters and page of the list. */
static bool read_filter(api_ctx *c, genop_case_filter *f, http_reply *out)
{
    size_t citizen;
    memset(f, 0, sizeof *f);
    if (!read_owner(c, f, out))
        return false;
    if (!q_bool(c->rq, "closed", &f->closed, out) || !read_status(c, f, out) ||
        !q_paragraph(c->rq, "paragraph", &f->paragraph, out) ||
        !q_date(c->rq, "due_before", &f->has_due_before, &f->due_before, out) ||
        !q_size(c->rq, "citizen", 0, 1, INT64_MAX, &citizen, out) ||
        !q_size(c->rq, "limit", 50, 1, 500, &f->limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &f->offset, out))
        return false;
    f->citizen_id = (int64_t)citizen;
    return true;
}

/* The stage's name, or for a case not projected yet, open or closed. */
static const char *status_name(const genop_case_summary *s)
{
    const char *name = genop_case_stage_name(s->c.stage);
    return name ? name : s->c.closed ? "closed" : "open";
}

static json_t *summary_json(const genop_case_summary *s)
{
    json_t *cit = json_object();
    jset(cit, "id", json_integer(s->c.citizen_id));
    jset(cit, "name", jstr(s->citizen_name));
    jset(cit, "birth_date", jdate(true, s->citizen_birth_date));
    json_t *o = json_object();
    jset(o, "id", json_integer(s->c.id));
    jset(o, "citizen", cit);
    jset(o, "paragraph", jstr(genop_paragraph_name(s->c.paragraph)));
    jset(o, "referral_date", jdate(true, s->c.referral_date));
    jset(o, "source", jstr(s->c.referral_source));
    jset(o, "condition", s->c.condition[0] ? jstr(s->c.condition) : json_null());
    jset(o, "closed", json_boolean(s->c.closed));
    jset(o, "status", jstr(status_name(s)));
    jset(o, "assigned", api_assigned_json(&s->assigned));
    jset(o, "next_due", jdate(s->c.has_next_due, s->c.next_due));
    jset(o, "created_at", jstr(s->c.created_at));
    return o;
}

void api_cases_list(api_ctx *c, http_reply *out)
{
    genop_case_filter f;
    genop_case_search search;
    genop_error e;
    if (!read_filter(c, &f, out))
        return;
    const char *q = http_request_query(c->rq, "q");
    if (q && casework_search_parse(q, &search, &e)) {
        problem_from_refusal(out, "søgning", &e);
        return;
    }
    f.search = q ? &search : NULL;
    genop_list list = {0};
    size_t total = 0;
    if (casework_cases_list(&c->env, &c->user, &f, &list, &total, &e)) {
        problem_from_refusal(out, "sagsliste", &e);
        return;
    }
    const genop_case_summary *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, summary_json(&items[i]));
    http_reply_json(out, 200, api_page_json(arr, total, f.limit, f.offset));
    genop_store_free_list(&list);
}
