/*
 * appointments.c - booking one appointment, listing, cancelling and the
 * outcome (see appointments.h); a series is series.c's.
 */
#include "appointments.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "case_view.h"
#include "event_append.h"
#include "event_input.h"
#include "holidays.h"
#include "new_time.h"
#include "new_time_task.h"
#include "roles.h"
#include "team_place.h"

#define ROLES_BOOKING (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)

typedef struct book_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    const cal_booking *b;
    genop_appointment_row *row;
    cal_warning *warn;
    cal_refusal *why;
} book_job;

genop_err cal_audit(genop_store *s, const genop_user *actor, int64_t case_id,
                    const char *action, genop_error *e)
{
    genop_case_row c;
    genop_err err = genop_store_case_get(s, actor->municipality, case_id, &c, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, "$.case", "Sagen findes ikke.");
    if (!err)
        err = audit_add(s, actor, c.citizen_id, case_id, action, AUDIT_PURPOSE_CASEWORK, e);
    return casework_internal(err, e);
}

static genop_err run_book(genop_store *s, void *ctx, genop_error *e)
{
    book_job *j = ctx;
    genop_err err = cal_booking_check(s, j->actor, j->std, j->today, j->b, j->row, j->why,
                                      j->warn, e);
    if (!err)
        err = casework_internal(genop_store_appointment_add(s, j->actor->municipality, j->row,
                                                            e), e);
    if (!err)
        err = cal_audit(s, j->actor, j->row->case_id, AUDIT_APPOINTMENT_BOOK, e);
    if (!err)
        err = cal_new_time_booked(s, j->actor->municipality, j->row->case_id, j->std, j->today,
                                  e);
    return err;
}

genop_err casework_appointment_book(const casework_env *env, const genop_user *actor,
                                    const cal_booking *b, genop_appointment_row *out,
                                    cal_warning *warn, cal_refusal *why, genop_error *e)
{
    cal_booking judged = *b;
    judged.holidays = cal_holidays_allowed(actor, b->holidays);
    book_job j = {actor, NULL, env->today, &judged, out, warn, why};
    memset(why, 0, sizeof *why);
    genop_err err = casework_require_role(actor, ROLES_BOOKING, "booke tider", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_book, &j, e);
}

genop_err casework_appointments_list(const casework_env *env, const genop_user *actor,
                                     const cal_list_query *q, genop_list *out, genop_error *e)
{
    genop_appointment_filter f = q->f;
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_BOOKING, "se kalenderen", e);
    if (err)
        return err;
    if (q->therapist) {
        genop_user u;
        err = genop_store_staff_find(env->store, actor->municipality, q->therapist, &u, e);
        if (err == GENOP_ENOTFOUND)
            return GENOP_OK;
        if (err)
            return casework_internal(err, e);
        f.therapist_id = u.id;
    }
    return casework_internal(genop_store_appointments_find(env->store, actor->municipality, &f,
                                                           out, e), e);
}

genop_err cal_appointment_load(genop_store *s, const genop_user *actor, int64_t id,
                      genop_appointment_row *a, genop_error *e)
{
    genop_err err = genop_store_appointment_get(s, actor->municipality, id, a, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Tiden findes ikke.");
    return casework_internal(err, e);
}

genop_err cal_still_booked(const genop_appointment_row *a, const char *field, genop_error *e)
{
    if (strcmp(a->status, "cancelled") == 0)
        return genop_refuse(e, GENOP_EREFUSED, field, "Tiden er aflyst.");
    if (a->event_id)
        return genop_refuse(e, GENOP_EREFUSED, field, "Tidens udfald er allerede registreret "
                            "(hændelse %lld).", (long long)a->event_id);
    return GENOP_OK;
}

void cal_mark_cancelled(genop_appointment_row *a, const cal_cancel *c, bool owed,
                        genop_date today)
{
    snprintf(a->status, sizeof a->status, "cancelled");
    snprintf(a->cancelled_by, sizeof a->cancelled_by, "%s", c->by);
    snprintf(a->cancel_reason, sizeof a->cancel_reason, "%s", c->reason);
    a->new_time_owed = owed;
    a->new_time_since = owed ? today : 0;
}

typedef struct cancel_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    int64_t id;
    const cal_cancel *c;
    genop_appointment_row *a;
} cancel_job;

static genop_err run_cancel(genop_store *s, void *ctx, genop_error *e)
{
    cancel_job *j = ctx;
    genop_err err = cal_appointment_load(s, j->actor, j->id, j->a, e);
    if (!err)
        err = cal_still_booked(j->a, "$.by", e);
    if (err)
        return err;
    cal_mark_cancelled(j->a, j->c,
                       strcmp(j->c->by, "provider") == 0 && cal_new_time_promised(j->std),
                       j->today);
    err = casework_internal(genop_store_appointment_update(s, j->actor->municipality, j->a, e),
                            e);
    if (!err)
        err = cal_audit(s, j->actor, j->a->case_id, AUDIT_APPOINTMENT_CANCEL, e);
    if (!err && j->a->new_time_owed)
        err = cal_new_time_reproject(s, j->actor->municipality, j->a->case_id, j->std, j->today,
                                     e);
    if (!err && j->a->team_id && j->a->day >= j->today)      /* a place freed: teams.h */
        err = cal_team_place_freed(s, j->actor, j->std, j->today, j->a->team_id, j->a->day,
                                   NULL, e);
    return err;
}

genop_err casework_appointment_cancel(const casework_env *env, const genop_user *actor,
                                      int64_t id, const cal_cancel *c,
                                      genop_appointment_row *out, genop_error *e)
{
    cancel_job j = {actor, NULL, env->today, id, c, out};
    genop_err err = casework_require_role(actor, ROLES_BOOKING, "aflyse tider", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_cancel, &j, e);
}

typedef struct outcome_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    int64_t id;
    const cal_outcome *o;
    int64_t event_id;
} outcome_job;

/* The session event of appointment a with outcome o, read by the event
 * reader as a client's would be. The caller releases *ev. */
static genop_err session_event(const genop_appointment_row *a, const cal_outcome *o,
                               casework_event *ev, genop_error *e)
{
    char day[GENOP_DATE_STR_SIZE];
    json_t *body = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", "session", "date",
                             genop_date_format(a->day, day), "minutes",
                             o->has_minutes ? o->minutes : a->minutes, "outcome",
                             genop_outcome_name(o->outcome), "kind", a->kind);
    if (!body) {
        memset(ev, 0, sizeof *ev);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sessionen");
    }
    genop_err err = casework_event_read(body, ev, e);
    json_decref(body);
    return err;
}

/* Appends the session event and links it, through s. */
static genop_err record(outcome_job *j, genop_store *s, genop_appointment_row *a,
                        genop_error *e)
{
    casework_event ev;
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    genop_err err = session_event(a, j->o, &ev, e);
    if (!err)
        err = casework_internal(case_view_load(s, j->actor->municipality, a->case_id, j->std,
                                               &lc, e), e);
    if (!err)
        err = casework_event_store(s, j->actor, j->std, j->env->today, j->env->today, &lc, &ev,
                                   &j->event_id, e);
    case_view_release(&lc);
    casework_event_release(&ev);
    if (err)
        return err;
    snprintf(a->status, sizeof a->status, "done");
    snprintf(a->outcome, sizeof a->outcome, "%s", genop_outcome_name(j->o->outcome));
    a->event_id = j->event_id;
    return casework_internal(genop_store_appointment_update(s, j->actor->municipality, a, e), e);
}

genop_err cal_outcome_record(genop_store *s, const casework_env *env, const genop_user *actor,
                             const genop_standard *std, int64_t id, const cal_outcome *o,
                             int64_t *event_id, genop_error *e)
{
    outcome_job j = {env, actor, std, id, o, 0};
    genop_appointment_row a;
    genop_err err = cal_appointment_load(s, actor, id, &a, e);
    if (!err)
        err = cal_still_booked(&a, "$.outcome", e);
    if (!err && env->now < a.starts_at)
        err = genop_refuse(e, GENOP_EREFUSED, "$.outcome", "Tiden %s er ikke begyndt endnu; "
                           "udfaldet registreres, når den er begyndt.", a.start);
    if (!err)
        err = record(&j, s, &a, e);
    *event_id = j.event_id;
    return err;
}

static genop_err run_outcome(genop_store *s, void *ctx, genop_error *e)
{
    outcome_job *j = ctx;
    return cal_outcome_record(s, j->env, j->actor, j->std, j->id, j->o, &j->event_id, e);
}

genop_err casework_appointment_outcome(const casework_env *env, const genop_user *actor,
                                       int64_t id, const cal_outcome *o, int64_t *event_id,
                                       genop_error *e)
{
    outcome_job j = {env, actor, NULL, id, o, 0};
    genop_err err = casework_event_permitted(actor, "session", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    if (!err)
        err = casework_write(env, run_outcome, &j, e);
    if (!err)
        *event_id = j.event_id;
    return err;
}
