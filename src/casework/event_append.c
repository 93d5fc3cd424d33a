/*
 * event_append.c - registering an event (see event_append.h): the case
 * loaded and the event judged (event_judge.c, and an assignment's user by
 * assignment.c) in one job of the writer, then the event and who is
 * responsible (when the event can change it) - the part an import of a
 * whole case shares (casework_event_judge_write, history_import.h) - and
 * the projection, the kept answer and the access-log row.
 */
#include "event_append.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "assignment.h"
#include "audit.h"
#include "case_answer.h"
#include "case_view.h"
#include "projection.h"
#include "roles.h"

genop_err casework_event_permitted(const genop_user *actor, const char *type, genop_error *e)
{
    if (roles_may_append(actor->role, type))
        return GENOP_OK;
    /* In words, never the API's code: the case page shows it as it is. */
    return genop_refuse(e, GENOP_EFORBIDDEN, NULL,
                        "Som %s kan du ikke registrere eller rette %s. "
                        "Det gør sagens visitator.",
                        roles_label(actor->role), roles_event_label(type));
}

size_t casework_event_types_permitted(const genop_user *actor,
                                      const char *out[CASEWORK_EVENT_TYPES_MAX])
{
    size_t n = 0;
    for (int t = 0; t < GENOP_EV_COUNT; t++) {
        const char *name = genop_event_type_name((genop_event_type)t);
        if (casework_event_type_known(name) && roles_may_append(actor->role, name))
            out[n++] = name;
    }
    const char *journal[] = {CASEWORK_NOTE, CASEWORK_CORRECTION};
    for (size_t i = 0; i < 2; i++)
        if (roles_may_append(actor->role, journal[i]))
            out[n++] = journal[i];
    return n;
}

/* A registration as a job of the writer. */
typedef struct append_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    int64_t case_id;
    const casework_event *ev;
    case_view_loaded lc;
    genop_case next;            /* owned: the corrected view with the event */
    bool loaded;                /* lc holds the case */
    int64_t id;                 /* the new event's */
} append_job;

genop_err casework_event_judge_write(genop_store *s, const genop_user *actor,
                                     const genop_standard *std, genop_date as_of,
                                     case_view_loaded *lc, const casework_event *ev,
                                     genop_case *next, genop_event_row *row, genop_error *e)
{
    genop_err err = casework_event_judge(actor, std, as_of, lc, ev, next, e);
    if (!err)
        err = casework_assignment_check(s, actor, lc, ev, e);
    if (err)
        return err;
    memset(row, 0, sizeof *row);
    row->case_id = lc->row.id;
    snprintf(row->type, sizeof row->type, "%s", ev->type);
    row->date = ev->date;
    row->corrects = ev->kind == CASEWORK_EVENT_CORRECTION ? ev->corrects : 0;
    row->author_id = actor->id;
    snprintf(row->author, sizeof row->author, "%s", actor->username);
    row->body = ev->stored;                     /* borrowed */
    err = genop_store_event_append(s, actor->municipality, row, e);
    if (!err)
        err = casework_assignment_update(s, lc, ev, row, e);
    return casework_internal(err, e);
}

/* Judges ev against lc as of as_of and stores it (casework_event_judge_write),
 * then the projection (next: the view with the event, which the caller
 * releases), the kept answer of case reads and the access-log row. */
static genop_err judge_and_store(genop_store *s, const genop_user *actor,
                                 const genop_standard *std, genop_date today, genop_date as_of,
                                 case_view_loaded *lc, const casework_event *ev, genop_case *next,
                                 int64_t *id, genop_error *e)
{
    genop_event_row row;
    genop_err err = casework_event_judge_write(s, actor, std, as_of, lc, ev, next, &row, e);
    if (err)
        return err;
    err = projection_update(s, &lc->row, &lc->cit, next, std, today, e);
    if (!err)
        err = case_answer_keep(s, &lc->row, &lc->cit, &lc->events, &row, std, e);
    if (!err)
        err = audit_add(s, actor, lc->cit.id, lc->row.id, AUDIT_EVENT_APPEND,
                        AUDIT_PURPOSE_CASEWORK, e);
    *id = row.id;
    return casework_internal(err, e);
}

genop_err casework_event_store(genop_store *s, const genop_user *actor,
                               const genop_standard *std, genop_date today, genop_date as_of,
                               case_view_loaded *lc, const casework_event *ev, int64_t *id,
                               genop_error *e)
{
    genop_case next = {0};
    genop_err err = judge_and_store(s, actor, std, today, as_of, lc, ev, &next, id, e);
    genop_case_release(&next);
    return err;
}

/* The job: loads the case through the writer's store s, checks the event
 * and stores it. A refusal is an error, so nothing of it is kept. */
static genop_err run_append(genop_store *s, void *ctx, genop_error *e)
{
    append_job *j = ctx;
    const char *muni = j->actor->municipality;
    genop_err err = case_view_load(s, muni, j->case_id, j->std, &j->lc, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (err)
        return casework_internal(err, e);
    j->loaded = true;
    genop_date today = j->env->today;
    return judge_and_store(s, j->actor, j->std, today, today, &j->lc, j->ev, &j->next, &j->id,
                           e);
}

/* A refusal by the rules may quote the case's dates: the look is logged. */
static genop_err log_refusal(const append_job *j, genop_err err, genop_error *e)
{
    genop_error why = *e;
    if (!j->loaded || err != GENOP_EREFUSED)
        return err;
    genop_err logged = audit_read(j->env, j->actor, j->lc.cit.id, j->lc.row.id,
                                  AUDIT_EVENT_REJECT, AUDIT_PURPOSE_CASEWORK, e);
    if (logged)
        return casework_internal(logged, e);
    *e = why;
    return err;
}

genop_err casework_event_unreadable(const casework_env *env, const genop_user *actor,
                                    int64_t case_id, genop_error *e)
{
    genop_error why = *e;
    genop_case_row row;
    genop_citizen cit;
    genop_err err = genop_store_case_get(env->store, actor->municipality, case_id, &row, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (!err)
        err = genop_store_citizen_get(env->store, actor->municipality, row.citizen_id, &cit, e);
    if (!err)
        err = audit_read(env, actor, cit.id, row.id, AUDIT_EVENT_REJECT, AUDIT_PURPOSE_CASEWORK,
                         e);
    if (err)
        return casework_internal(err, e);
    *e = why;
    return why.code;
}

genop_err casework_event_append(const casework_env *env, const genop_user *actor,
                                int64_t case_id, const casework_event *ev, int64_t *id,
                                genop_error *e)
{
    append_job j;
    memset(&j, 0, sizeof j);
    j.env = env;
    j.actor = actor;
    j.case_id = case_id;
    j.ev = ev;
    genop_err err = casework_event_permitted(actor, ev->type, e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    if (!err)
        err = casework_write(env, run_append, &j, e);
    if (err)
        err = log_refusal(&j, err, e);
    else
        *id = j.id;
    genop_case_release(&j.next);
    case_view_release(&j.lc);
    return err;
}
