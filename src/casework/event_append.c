/*
 * event_append.c - judging an event against its case and storing it (see
 * event_append.h): the checks of each kind of event, then the event, the
 * projection, the kept answer and the access-log row in one job.
 */
#include "event_append.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "case_answer.h"
#include "case_rules.h"
#include "case_view.h"
#include "projection.h"
#include "roles.h"

genop_err casework_event_permitted(const genop_user *actor, const char *type, genop_error *e)
{
    if (roles_may_append(actor->role, type))
        return GENOP_OK;
    return genop_refuse(e, GENOP_EFORBIDDEN, NULL,
                        "Din rolle (%s) kan ikke registrere hændelser af typen %s.",
                        genop_role_name(actor->role), type);
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

/* A refusal by the rules (case_rules.h), whose reason starts with the
 * path of the event's field at fault ("$.date: ..."). `at` is where the
 * event is in the body: "$", or "$.event" for a correction's new event.
 * The refusal's field is the path in the body ("$.event.date"). */
static genop_err refuse(const char *at, genop_error *e)
{
    char m[GENOP_ERROR_MSG_MAX];
    snprintf(m, sizeof m, "%s", e->message);
    size_t n = m[0] == '$' ? strcspn(m, " :") : 0;
    if (n == 0 || m[n] != ':' || n > 64)
        return genop_refuse(e, GENOP_EREFUSED, strcmp(at, "$") ? at : NULL, "%s", m);
    char field[GENOP_ERROR_FIELD_MAX];
    snprintf(field, sizeof field, "%s%.*s", at, (int)(n - 1), m + 1);
    return genop_refuse(e, GENOP_EREFUSED, field, "%s%s", field, m + n);
}

static genop_err not_in_future(const append_job *j, genop_error *e)
{
    char d[GENOP_DATE_STR_SIZE];
    if (j->ev->date <= j->env->today)
        return GENOP_OK;
    return genop_refuse(e, GENOP_EREFUSED, "$.date",
                        "$.date: hændelsen er dateret %s, som ligger i fremtiden",
                        genop_date_format(j->ev->date, d));
}

/* Adds ev to the view next after the rules' check; `at` as for refuse(). */
static genop_err add_admissible(genop_case *next, const genop_event *ev, genop_date today,
                                const char *at, genop_error *e)
{
    if (genop_event_admissible(next, ev, today, e))
        return refuse(at, e);
    if (genop_case_add(next, ev, e))
        return casework_refusal_at_path(GENOP_EREFUSED, e);
    genop_case_sort(next);
    return GENOP_OK;
}

static genop_err check_spec(append_job *j, genop_error *e)
{
    genop_err err = add_admissible(&j->lc.view, &j->ev->ev, j->env->today, "$", e);
    if (err)
        return err;
    j->next = j->lc.view;                   /* the view now holds the event */
    memset(&j->lc.view, 0, sizeof j->lc.view);
    return GENOP_OK;
}

static genop_err check_note(append_job *j, genop_error *e)
{
    genop_err err = not_in_future(j, e);
    if (err)
        return err;
    j->next = j->lc.view;                   /* a note changes nothing */
    memset(&j->lc.view, 0, sizeof j->lc.view);
    return GENOP_OK;
}

/* The stored event a correction points at, checked. */
static genop_err correction_target(append_job *j, const genop_event_row **out, genop_error *e)
{
    const genop_event_row *rows = j->lc.events.items;
    for (size_t i = 0; i < j->lc.events.n; i++) {
        if (rows[i].id != j->ev->corrects)
            continue;
        if (case_view_is_journal(rows[i].type))
            return genop_refuse(e, GENOP_EREFUSED, "$.corrects",
                                "$.corrects: en note eller en rettelse kan ikke rettes; "
                                "registrér en ny");
        *out = &rows[i];
        return casework_event_permitted(j->actor, rows[i].type, e);
    }
    return genop_refuse(e, GENOP_EREFUSED, "$.corrects",
                        "$.corrects: hændelse %" PRId64 " findes ikke på sagen",
                        j->ev->corrects);
}

/* The case as the correction leaves it must still be a case. */
static genop_err check_corrected(append_job *j, genop_error *e)
{
    if (!genop_case_referral(&j->next))
        return genop_refuse(e, GENOP_EREFUSED, "$.event",
                            "Rettelsen kan ikke registreres: en sag har præcis én henvendelse, "
                            "så henvendelsen kan kun rettes, ikke trækkes tilbage");
    genop_error why;
    if (genop_case_check(&j->next, &why) || genop_case_check_statuses(&j->next, &why) ||
        genop_case_check_history(&j->next, j->env->today, &why))
        return genop_refuse(e, GENOP_EREFUSED, "$.event", "Rettelsen kan ikke registreres: %s",
                            why.message);
    return GENOP_OK;
}

static genop_err check_correction(append_job *j, genop_error *e)
{
    const genop_event_row *target = NULL;
    genop_err err = not_in_future(j, e);
    if (!err)
        err = correction_target(j, &target, e);
    if (err)
        return err;
    err = case_view_build(j->lc.events.items, j->lc.events.n, target->id, &j->lc.cit, j->std,
                          &j->next, e);
    if (err)
        return casework_internal(err, e);
    if (!j->ev->withdraws) {
        err = casework_event_permitted(j->actor, genop_event_type_name(j->ev->replacement.type),
                                       e);
        if (!err)
            err = add_admissible(&j->next, &j->ev->replacement, j->env->today, "$.event", e);
        if (err)
            return err;
    }
    return check_corrected(j, e);
}

/* Appends the checked event through s, recomputes the projection and the
 * kept answer of case reads, logs the access. */
static genop_err store_event(append_job *j, genop_store *s, genop_error *e)
{
    const genop_user *u = j->actor;
    genop_event_row row;
    memset(&row, 0, sizeof row);
    row.case_id = j->lc.row.id;
    snprintf(row.type, sizeof row.type, "%s", j->ev->type);
    row.date = j->ev->date;
    row.corrects = j->ev->kind == CASEWORK_EVENT_CORRECTION ? j->ev->corrects : 0;
    row.author_id = u->id;
    snprintf(row.author, sizeof row.author, "%s", u->username);
    row.body = j->ev->stored;                   /* borrowed */
    genop_err err = genop_store_event_append(s, u->municipality, &row, e);
    if (!err)
        err = projection_update(s, &j->lc.row, &j->lc.cit, &j->next, j->std, j->env->today, e);
    if (!err)
        err = case_answer_keep(s, &j->lc.row, &j->lc.cit, &j->lc.events, &row, j->std, e);
    if (!err)
        err = audit_add(s, u, j->lc.cit.id, j->lc.row.id, AUDIT_EVENT_APPEND,
                        AUDIT_PURPOSE_CASEWORK, e);
    j->id = row.id;
    return casework_internal(err, e);
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
    if (j->ev->kind == CASEWORK_EVENT_NOTE)
        err = check_note(j, e);
    else if (j->ev->kind == CASEWORK_EVENT_CORRECTION)
        err = check_correction(j, e);
    else
        err = check_spec(j, e);
    return err ? err : store_event(j, s, e);
}

/* A refusal by the rules may quote the case's dates: the look is logged. */
static genop_err log_refusal(const append_job *j, genop_err err, genop_error *e)
{
    genop_error why = *e;
    if (!j->loaded || (err != GENOP_EREFUSED && err != GENOP_EINVAL))
        return err;
    genop_err logged = audit_read(j->env, j->actor, j->lc.cit.id, j->lc.row.id,
                                  AUDIT_EVENT_REJECT, AUDIT_PURPOSE_CASEWORK, e);
    if (logged)
        return casework_internal(logged, e);
    *e = why;
    return err;
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
