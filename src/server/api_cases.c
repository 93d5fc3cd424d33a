/*
 * api_cases.c - /api/v1/cases: registering a referral (POST) and the
 * municipality's list of cases (GET, with filters and paging), each
 * through the domain layer (src/casework/referral.h, case_list.h).
 *
 * POST body (read by casework_referral_from_json):
 *   {"citizen": {"cpr", "name", "address", "phone", "birth_date",
 *                "digital_post_exempt", "relatives", "municipality_code"},
 *    "referral": {"date", "paragraph", "source", "condition", "text", "consent"}}
 * cpr, name, date, paragraph and source are required; the birth date comes
 * from the CPR number when not given; municipality_code, the municipality
 * the citizen lives in (kommunekode), is the user's municipality's when
 * not given. A citizen already known keeps what is stored. Answer: 201
 * {"id", "citizen": {"id", "created"}}.
 *
 * GET: ?mine=true only the cases the user is assigned to, ?owner=USERNAME
 * those that user is; each item says who is responsible ("assigned").
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "case_list.h"
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
    genop_err err = casework_referral_from_json(c->body, &in, &e);
    if (!err)
        err = casework_referral_register(&c->env, &c->user, &in, &r, &e);
    if (err) {
        problem_from_refusal(out, "opret sag", &e);
        return;
    }
    json_t *cit = json_object();
    jset(cit, "id", json_integer(r.citizen_id));
    jset(cit, "created", json_boolean(r.citizen_created));
    json_t *o = json_object();
    jset(o, "id", json_integer(r.case_id));
    jset(o, "citizen", cit);
    http_reply_json(out, 201, o);
    snprintf(out->location, sizeof out->location, "/api/v1/cases/%" PRId64, r.case_id);
}

/* ---- GET /api/v1/cases -------------------------------------------------- */

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

static bool read_filter(api_ctx *c, genop_case_filter *f, http_reply *out)
{
    size_t citizen;
    memset(f, 0, sizeof *f);
    if (!read_owner(c, f, out))
        return false;
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
    jset(o, "assigned", api_assigned_json(&s->assigned));
    jset(o, "next_due", jdate(s->c.has_next_due, s->c.next_due));
    jset(o, "created_at", jstr(s->c.created_at));
    return o;
}

void api_cases_list(api_ctx *c, http_reply *out)
{
    genop_case_filter f;
    if (!read_filter(c, &f, out))
        return;
    genop_list list = {0};
    size_t total = 0;
    genop_error e;
    if (casework_cases_list(&c->env, &c->user, &f, &list, &total, &e)) {
        problem_from_refusal(out, "sagsliste", &e);
        return;
    }
    const genop_case_summary *items = list.items;
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
