/*
 * history_import.c - registering a whole case in one job (see
 * history_import.h): the referral prepared and written as referral.c
 * does it, then each event judged and written by event_append.c's shared
 * half (casework_event_judge_write) against the case held in memory -
 * its stored rows so far and the view the last judged event led to -
 * and at the end the projection, the kept answer and the log, once.
 */
#include "history_import.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "case_answer.h"
#include "case_view.h"
#include "event_append.h"
#include "projection.h"
#include "referral.h"
#include "roles.h"

/* An import as a job of the writer. */
typedef struct import_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    const casework_referral *in;
    const casework_import_event *events;
    size_t n;
    casework_import_result *out;
    casework_new_case nc;         /* owned: casework_new_case_release() */
    bool created;                 /* the citizen was new */
    /* The case so far: its row, citizen, stored rows (the array owned, the
     * bodies borrowed from nc and the events) and their view (owned). */
    case_view_loaded lc;
    size_t cap;                   /* room in lc.events */
} import_job;

/* Adds the stored row (its body borrowed) to the case's rows. */
static genop_err keep_row(import_job *j, const genop_event_row *row, genop_error *e)
{
    if (j->lc.events.n == j->cap) {
        size_t cap = j->cap ? 2 * j->cap : 32;
        genop_event_row *rows = realloc(j->lc.events.items, cap * sizeof *rows);
        if (!rows)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens hændelser");
        j->lc.events.items = rows;
        j->cap = cap;
    }
    ((genop_event_row *)j->lc.events.items)[j->lc.events.n++] = *row;
    return GENOP_OK;
}

/* The case and its referral written, and read back as a registration of
 * the next event would load it: the row and citizen as stored, the
 * referral's row, the view of the referral alone. */
static genop_err open_case(genop_store *s, import_job *j, genop_error *e)
{
    genop_event_row ref;
    const char *muni = j->actor->municipality;
    genop_err err = casework_referral_write(s, j->actor, j->in, &j->nc, &j->created,
                                            &j->out->referral, &ref, e);
    if (err)
        return err;
    err = genop_store_case_get(s, muni, j->nc.row.id, &j->lc.row, e);
    if (!err)
        err = genop_store_citizen_get(s, muni, j->nc.citizen.id, &j->lc.cit, e);
    if (!err)
        err = keep_row(j, &ref, e);
    if (!err) {
        case_view_init(&j->lc.view, &j->lc.cit, j->std);
        err = genop_case_add(&j->lc.view, &j->nc.referral, e);
    }
    return casework_internal(err, e);
}

/* Judges and writes event i against the case so far, as
 * casework_event_append would (the actor's right to the type first); the
 * view moves on to the one the event leads to. */
static genop_err add_event(genop_store *s, import_job *j, size_t i, genop_error *e)
{
    const casework_import_event *ie = &j->events[i];
    genop_case next = {0};
    genop_event_row row;
    j->out->refused_at = i;
    if (strcmp(ie->actor->municipality, j->actor->municipality) != 0)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    genop_err err = casework_event_permitted(ie->actor, ie->ev->type, e);
    if (!err)
        err = casework_event_judge_write(s, ie->actor, j->std, j->env->today, &j->lc, ie->ev,
                                         &next, &row, e);
    if (!err)
        err = keep_row(j, &row, e);
    if (err) {
        genop_case_release(&next);
        return err;
    }
    genop_case_release(&j->lc.view);
    j->lc.view = next;                          /* taken */
    return GENOP_OK;
}

/* The access log: the case made by the referral's actor, the events
 * appended by each other user who registered any. */
static genop_err log_import(genop_store *s, const import_job *j, genop_error *e)
{
    const genop_user *u = j->actor;
    int64_t cit = j->lc.cit.id, id = j->lc.row.id;
    genop_err err = audit_add(s, u, cit, id, AUDIT_CASE_CREATE, AUDIT_PURPOSE_CASEWORK, e);
    for (size_t i = 0; !err && i < j->n; i++) {
        const genop_user *a = j->events[i].actor;
        bool seen = a->id == u->id;
        for (size_t k = 0; !seen && k < i; k++)
            seen = j->events[k].actor->id == a->id;
        if (!seen)
            err = audit_add(s, a, cit, id, AUDIT_EVENT_APPEND, AUDIT_PURPOSE_CASEWORK, e);
    }
    return err;
}

/* The job: the case opened, every event judged and appended, then the
 * projection of the whole case, its kept answer and the log. */
static genop_err run_import(genop_store *s, void *ctx, genop_error *e)
{
    import_job *j = ctx;
    j->out->refused_at = CASEWORK_IMPORT_REFERRAL;
    genop_err err = open_case(s, j, e);
    for (size_t i = 0; !err && i < j->n; i++)
        err = add_event(s, j, i, e);
    if (err)
        return err;
    const genop_event_row *rows = j->lc.events.items;
    j->out->last_event_id = rows[j->lc.events.n - 1].id;
    /* The view the last event led to is the one case_view_load() would
     * build from the stored rows (test_history_import.c compares them);
     * checked as a loaded case is, it is kept with the answer. */
    err = genop_case_check(&j->lc.view, e);
    if (!err)
        err = projection_update(s, &j->lc.row, &j->lc.cit, &j->lc.view, j->std, j->env->today,
                                e);
    if (!err)
        err = case_answer_keep_loaded(s, &j->lc, e);
    if (!err)
        err = log_import(s, j, e);
    return casework_internal(err, e);
}

/* The referral's checks that need no store, as casework_referral_register
 * makes them: the actor's role, the values. */
static genop_err check_first(import_job *j, genop_error *e)
{
    j->out->refused_at = CASEWORK_IMPORT_REFERRAL;
    genop_err err = casework_require_role(j->actor, ROLES_VISITATOR, "registrere henvendelser", e);
    if (!err)
        err = casework_user_standard(j->env, j->actor, &j->std, e);
    if (!err)
        err = casework_referral_prepare(j->std, j->env->today, j->actor, j->in, &j->nc, e);
    return err;
}

genop_err casework_history_import(const casework_env *env, const genop_user *actor,
                                  const casework_referral *in,
                                  const casework_import_event *events, size_t n,
                                  casework_import_result *out, genop_error *e)
{
    import_job j;
    memset(&j, 0, sizeof j);
    memset(out, 0, sizeof *out);
    j.env = env;
    j.actor = actor;
    j.in = in;
    j.events = events;
    j.n = n;
    j.out = out;
    genop_err err = check_first(&j, e);
    if (!err)
        err = casework_write(env, run_import, &j, e);
    if (err == GENOP_ECONFLICT && out->referral.conflict_citizen_id)
        err = casework_referral_conflict_read(env, actor, out->referral.conflict_citizen_id, e);
    if (!err) {
        out->referral.case_id = j.nc.row.id;
        out->referral.citizen_id = j.nc.citizen.id;
        out->referral.citizen_created = j.created;
    }
    free(j.lc.events.items);                    /* the bodies are borrowed */
    genop_case_release(&j.lc.view);
    casework_new_case_release(&j.nc);
    return err;
}
