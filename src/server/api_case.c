/*
 * api_case.c - GET /api/v1/cases/{id}: one case with its citizen, every
 * stored event (notes and corrections included, each original event
 * marked current, corrected or withdrawn) and its evaluation: the object
 * `genop evaluate` prints for the corrected view against the
 * municipality's standard, as of today or ?as_of=YYYY-MM-DD.
 *
 * What the citizen block holds depends on the role (roles.h): the full CPR
 * number for a visitator only, contact details for visitator and terapeut.
 * "assigned" names who is responsible for the case (assignment.h), and
 * "assigned_since" from when; "status" where it stands now (the case
 * list's status: case_stage.h).
 *
 * This is the most frequent request of all. The domain layer reads the
 * case (src/casework/case_read.h: the parts of the answer kept with the
 * case, its evaluation, the access log) and says what of the citizen the
 * reader may see; this handler writes the answer as JSON text into one
 * buffer, the evaluation by the same writer `genop evaluate` uses. The
 * router runs it in one read transaction (a snapshot route, router.c), so
 * all parts of the case are of one moment.
 */
#include <string.h>

#include "api.h"
#include "case_read.h"
#include "input.h"
#include "json_write.h"
#include "municipalities.h"
#include "problem.h"
#include "result_json.h"

/* A non-empty string, or null. */
static void text_or_null(genop_buf *b, const char *s)
{
    genop_buf_add_json_string(b, s[0] ? s : NULL);
}

/* The contact person {"name", "relation", "phone"} (each a string or
 * null), or null when none was given. */
static void write_contact(genop_buf *b, const genop_citizen *cit)
{
    bool f = true;
    if (!cit->contact_name[0]) {
        genop_buf_adds(b, "null");
        return;
    }
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "name");
    text_or_null(b, cit->contact_name);
    json_write_key(b, &f, "relation");
    text_or_null(b, cit->contact_relation);
    json_write_key(b, &f, "phone");
    text_or_null(b, cit->contact_phone);
    genop_buf_add(b, "}", 1);
}

/* The citizen as the reader may see it (casework_case says what). */
static void write_citizen(genop_buf *b, const casework_case *cr, genop_date today)
{
    const genop_citizen *cit = &cr->lc.cit;
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)cit->id);
    json_write_key(b, &f, "cpr");
    genop_buf_add_json_string(b, cr->cpr_text);
    json_write_key(b, &f, "name");
    genop_buf_add_json_string(b, cit->name);
    json_write_key(b, &f, "birth_date");
    json_write_date(b, true, cit->birth_date);
    json_write_key(b, &f, "age");
    genop_buf_add_long(b, genop_age_on(cit->birth_date, today));
    json_write_key(b, &f, "municipality_code");
    json_write_long_or_null(b, cit->municipality_code != 0, cit->municipality_code);
    const genop_municipality *home = genop_municipality_find(cit->municipality_code);
    json_write_key(b, &f, "municipality_name");
    if (home)
        genop_buf_add_json_string(b, home->full_name);
    else
        genop_buf_adds(b, "null");
    if (cr->sees_contact) {
        json_write_key(b, &f, "address");
        text_or_null(b, cit->address);
        json_write_key(b, &f, "phone");
        text_or_null(b, cit->phone);
        json_write_key(b, &f, "relatives");
        text_or_null(b, cit->relatives);
        json_write_key(b, &f, "digital_post_exempt");
        genop_buf_adds(b, cit->digital_post_exempt ? "true" : "false");
        json_write_key(b, &f, "contact");
        write_contact(b, cit);
    }
    genop_buf_add(b, "}", 1);
}

/* {"visitator": USERNAME | null, "terapeut": ...} (shared/spec/api.md),
 * or with since, the date each of them was made responsible. */
static void write_assigned(genop_buf *b, const genop_case_assigned *a, bool since)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "visitator");
    if (since)
        json_write_date(b, a->visitator[0] != '\0', a->visitator_since);
    else
        text_or_null(b, a->visitator);
    json_write_key(b, &f, "terapeut");
    if (since)
        json_write_date(b, a->terapeut[0] != '\0', a->terapeut_since);
    else
        text_or_null(b, a->terapeut);
    genop_buf_add(b, "}", 1);
}

/* The whole answer into b. */
static void write_answer(genop_buf *b, api_ctx *c, const casework_case *cr)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)cr->lc.row.id);
    json_write_key(b, &f, "citizen");
    write_citizen(b, cr, c->today);
    json_write_key(b, &f, "status");
    genop_buf_add_json_string(b, genop_case_stage_name(cr->stage));
    json_write_key(b, &f, "assigned");
    write_assigned(b, &cr->assigned, false);
    json_write_key(b, &f, "assigned_since");
    write_assigned(b, &cr->assigned, true);
    json_write_key(b, &f, "case");
    genop_buf_adds(b, cr->case_json);
    json_write_key(b, &f, "events");
    genop_buf_adds(b, cr->events_json);
    json_write_key(b, &f, "evaluation");
    genop_result_write_json(&cr->evaluation, &cr->lc.view, b);
    genop_buf_add(b, "}", 1);
}

void api_case_get(api_ctx *c, http_reply *out)
{
    bool has_as_of;
    genop_date as_of;
    if (!q_date(c->rq, "as_of", &has_as_of, &as_of, out))
        return;
    casework_case cr;
    genop_error e;
    genop_err err = casework_case_read(&c->env, &c->user, c->id, has_as_of, as_of, &cr, &e);
    if (err == GENOP_ERANGE) {
        problem_set(out, 400, PROBLEM_BAD_REQUEST, e.message, e.field);
    } else if (err) {
        problem_from_refusal(out, "læs sag", &e);
    } else {
        genop_buf b = {0};
        write_answer(&b, c, &cr);
        http_reply_text(out, 200, &b);
    }
    casework_case_release(&cr);
}
