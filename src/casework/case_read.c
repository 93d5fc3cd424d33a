/*
 * case_read.c - reading one case (see case_read.h). This is the most
 * frequent operation of all: with a current kept answer it fetches the
 * case, its citizen and that one row, and makes only the evaluation (from
 * the kept view); without one it makes the same parts from the events.
 */
#include "case_read.h"

#include <string.h>

#include "audit.h"
#include "case_stage.h"
#include "roles.h"

void casework_case_release(casework_case *c)
{
    case_view_release(&c->lc);
    genop_case_answer_release(&c->kept);
    genop_buf_release(&c->made_case);
    genop_buf_release(&c->made_events);
}

/* The answer's parts from the case's events (its row and citizen are
 * loaded). */
static genop_err make_parts(genop_store *s, const genop_standard *std, casework_case *c,
                            genop_error *e)
{
    genop_err err = case_view_load_events(s, std, &c->lc, e);
    if (!err)
        err = case_answer_write_case(&c->made_case, &c->lc, e);
    if (!err)
        err = case_answer_write_events(&c->made_events, &c->lc.events, e);
    if (!err && (genop_buf_failed(&c->made_case) || genop_buf_failed(&c->made_events)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til svaret");
    c->case_json = c->made_case.data;
    c->events_json = c->made_events.data;
    return err;
}

/* The case's row, citizen and kept answer, or its parts made from its
 * events. */
static genop_err load_case(genop_store *s, const char *muni, int64_t id,
                           const genop_standard *std, casework_case *c, genop_error *e)
{
    genop_err err = genop_store_case_get(s, muni, id, &c->lc.row, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (!err)
        err = genop_store_citizen_get(s, muni, c->lc.row.citizen_id, &c->lc.cit, e);
    if (!err) {
        err = case_answer_load(s, muni, id, &c->lc.cit, std, &c->kept, &c->lc.view, e);
        c->case_json = c->kept.case_json;
        c->events_json = c->kept.events_json;
        if (err == GENOP_ENOTFOUND)            /* no current kept answer */
            err = make_parts(s, std, c, e);
    }
    return casework_internal(err, e);
}

genop_err casework_case_read(const casework_env *env, const genop_user *actor, int64_t case_id,
                             bool has_as_of, genop_date as_of, casework_case *out,
                             genop_error *e)
{
    const genop_standard *std;
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "læse sager", e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (!err)
        err = load_case(env->store, actor->municipality, case_id, std, out, e);
    if (!err && (err = genop_store_case_assigned_get(env->store, actor->municipality, case_id,
                                                     &out->assigned, e)))
        err = casework_internal(err, e);
    if (err)
        return err;
    genop_error why;
    if (genop_evaluate(&out->lc.view, std, has_as_of ? as_of : env->today, &out->evaluation,
                       &why))
        return genop_refuse(e, GENOP_ERANGE, "as_of",
                            "Sagen kan ikke vurderes pr. den dato: %s", why.message);
    out->stage = casework_case_stage_under(&out->lc.view, std);
    roles_cpr_text(actor->role, out->lc.cit.cpr, out->cpr_text);
    out->sees_contact = roles_sees_contact(actor->role);
    err = audit_read(env, actor, out->lc.cit.id, out->lc.row.id, AUDIT_CASE_READ,
                     AUDIT_PURPOSE_CASEWORK, e);
    return casework_internal(err, e);
}
