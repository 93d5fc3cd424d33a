/*
 * api_case.c - GET /api/v1/cases/{id}: one case with its citizen, every
 * stored event (notes and corrections included, each original event
 * marked current, corrected or withdrawn) and its evaluation: the object
 * `genop evaluate` prints for the corrected view against the
 * municipality's standard, as of today or ?as_of=YYYY-MM-DD.
 *
 * What the citizen block holds depends on the role (roles.h): the full CPR
 * number for a visitator only, contact details for visitator and terapeut.
 *
 * This is the most frequent request of all. The parts of the answer that
 * follow from the case's events alone are kept with the case whenever an
 * event is stored (case_answer.h), so a read fetches the case, its citizen
 * and that one row, and makes only the citizen block and the evaluation
 * (from the kept view); without a current kept answer it makes the same
 * parts from the events. The answer is written as JSON text into one
 * buffer, the evaluation by the same writer `genop evaluate` uses. The
 * router runs this handler in one read transaction (a snapshot route,
 * router.c), so all parts of the case are of one moment.
 */
#include <string.h>

#include "api.h"
#include "audit.h"
#include "case_answer.h"
#include "evaluate.h"
#include "input.h"
#include "json_write.h"
#include "problem.h"
#include "result_json.h"
#include "roles.h"

/* A non-empty string, or null. */
static void text_or_null(genop_buf *b, const char *s)
{
    genop_buf_add_json_string(b, s[0] ? s : NULL);
}

static void write_citizen(genop_buf *b, const genop_citizen *cit, genop_role role,
                          genop_date today)
{
    char cpr[GENOP_CPR_TEXT_SIZE];
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)cit->id);
    json_write_key(b, &f, "cpr");
    genop_buf_add_json_string(b, roles_cpr_text(role, cit->cpr, cpr));
    json_write_key(b, &f, "name");
    genop_buf_add_json_string(b, cit->name);
    json_write_key(b, &f, "birth_date");
    json_write_date(b, true, cit->birth_date);
    json_write_key(b, &f, "age");
    genop_buf_add_long(b, genop_age_on(cit->birth_date, today));
    json_write_key(b, &f, "municipality_code");
    json_write_long_or_null(b, cit->municipality_code != 0, cit->municipality_code);
    if (roles_sees_contact(role)) {
        json_write_key(b, &f, "address");
        text_or_null(b, cit->address);
        json_write_key(b, &f, "phone");
        text_or_null(b, cit->phone);
        json_write_key(b, &f, "relatives");
        text_or_null(b, cit->relatives);
        json_write_key(b, &f, "digital_post_exempt");
        genop_buf_adds(b, cit->digital_post_exempt ? "true" : "false");
    }
    genop_buf_add(b, "}", 1);
}

/* The case as this read needs it: its row, citizen and view, and the
 * parts of the answer that follow from its events - kept with the case
 * (case_answer.h) or, when there is no current kept answer, made now from
 * the events. */
typedef struct case_read {
    case_view_loaded lc;          /* row, citizen, view; events when made now */
    genop_case_answer kept;       /* its buffers when kept */
    genop_buf made_case, made_events;
    const char *case_json, *events_json;   /* borrowed from kept or made */
} case_read;

static void case_read_release(case_read *cr)
{
    case_view_release(&cr->lc);
    genop_case_answer_release(&cr->kept);
    genop_buf_release(&cr->made_case);
    genop_buf_release(&cr->made_events);
}

/* The answer's parts from the case's events (its row and citizen are
 * loaded). */
static genop_err make_parts(genop_store *s, api_ctx *c, case_read *cr, genop_error *e)
{
    genop_err err = case_view_load_events(s, c->std, &cr->lc, e);
    if (!err)
        err = case_answer_write_case(&cr->made_case, &cr->lc, e);
    if (!err)
        err = case_answer_write_events(&cr->made_events, &cr->lc.events, e);
    if (!err && (genop_buf_failed(&cr->made_case) || genop_buf_failed(&cr->made_events)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til svaret");
    cr->case_json = cr->made_case.data;
    cr->events_json = cr->made_events.data;
    return err;
}

/* The case's row, citizen and kept answer, or its parts made from its
 * events; in the router's read transaction, so all are of one moment. */
static genop_err load_case(api_ctx *c, case_read *cr, genop_error *e)
{
    genop_store *s = c->store;
    const char *muni = c->user.municipality;
    genop_err err = genop_store_case_get(s, muni, c->id, &cr->lc.row, e);
    if (!err)
        err = genop_store_citizen_get(s, muni, cr->lc.row.citizen_id, &cr->lc.cit, e);
    if (!err) {
        err = case_answer_load(s, muni, c->id, &cr->lc.cit, c->std, &cr->kept, &cr->lc.view, e);
        cr->case_json = cr->kept.case_json;
        cr->events_json = cr->kept.events_json;
        if (err == GENOP_ENOTFOUND)            /* no current kept answer */
            err = make_parts(s, c, cr, e);
    }
    return err;
}

/* The whole answer into b. */
static void write_answer(genop_buf *b, api_ctx *c, const case_read *cr, const genop_result *r)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)cr->lc.row.id);
    json_write_key(b, &f, "citizen");
    write_citizen(b, &cr->lc.cit, c->user.role, c->today);
    json_write_key(b, &f, "case");
    genop_buf_adds(b, cr->case_json);
    json_write_key(b, &f, "events");
    genop_buf_adds(b, cr->events_json);
    json_write_key(b, &f, "evaluation");
    genop_result_write_json(r, &cr->lc.view, b);
    genop_buf_add(b, "}", 1);
}

void api_case_get(api_ctx *c, http_reply *out)
{
    bool has_as_of;
    genop_date as_of;
    if (!q_date(c->rq, "as_of", &has_as_of, &as_of, out))
        return;
    case_read cr;
    memset(&cr, 0, sizeof cr);
    genop_result r;
    genop_error e;
    genop_err err = load_case(c, &cr, &e);
    if (err == GENOP_ENOTFOUND)
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Sagen findes ikke.", NULL);
    else if (err)
        problem_internal(out, "læs sag", &e);
    else if (genop_evaluate(&cr.lc.view, c->std, has_as_of ? as_of : c->today, &r, &e))
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "as_of",
                     "Sagen kan ikke vurderes pr. den dato: %s", e.message);
    else if (audit_read(c->app->reads, &c->user, cr.lc.cit.id, cr.lc.row.id, AUDIT_CASE_READ,
                        AUDIT_PURPOSE_CASEWORK, &e))
        problem_internal(out, "adgangslog", &e);
    else {
        genop_buf b = {0};
        write_answer(&b, c, &cr, &r);
        http_reply_text(out, 200, &b);
    }
    case_read_release(&cr);
}
