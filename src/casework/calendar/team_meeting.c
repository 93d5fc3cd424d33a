/*
 * team_meeting.c - a team meeting (see teams.h): its participants with
 * their appointments, and its attendance registered in one write, each
 * participant's outcome through the outcome path (appointments.h,
 * cal_outcome_record), all or nothing: the first refusal undoes every
 * outcome registered before it in the same job.
 */
#include "teams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "event_append.h"
#include "roles.h"

/* Refuses a day the team does not meet (404). */
static genop_err meets(const genop_team_row *t, genop_date date, genop_error *e)
{
    char day[GENOP_DATE_DA_SIZE];
    if (cal_team_next_meeting(t, date) == date)
        return GENOP_OK;
    return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Holdet %s mødes ikke %s.", t->name,
                        genop_date_format_da(date, day));
}

/* The participants of out's meeting with their citizens, into out->people. */
static genop_err participants(genop_store *s, const char *muni, cal_meeting *out,
                              genop_error *e)
{
    genop_appointment_filter f = {.has_from = true, .has_to = true, .from = out->date,
                                  .to = out->date, .team_id = out->team.id};
    genop_list l = {0};
    genop_err err = genop_store_appointments_find(s, muni, &f, &l, e);
    cal_participant *p = err || !l.n ? NULL : calloc(l.n, sizeof *p);
    if (!err && l.n && !p)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til holdets deltagere");
    const genop_appointment_row *a = l.items;
    for (size_t i = 0; !err && i < l.n; i++) {
        genop_case_row c;
        genop_citizen cit;
        p[i].a = a[i];
        err = genop_store_case_get(s, muni, a[i].case_id, &c, e);
        if (!err)
            err = genop_store_citizen_get(s, muni, c.citizen_id, &cit, e);
        if (!err) {
            p[i].citizen_id = cit.id;
            snprintf(p[i].citizen_name, sizeof p[i].citizen_name, "%s", cit.name);
        }
    }
    size_t n = l.n;
    genop_store_free_list(&l);
    if (err) {
        free(p);
        return casework_internal(err, e);
    }
    out->people.items = p;
    out->people.n = p ? n : 0;
    return GENOP_OK;
}

genop_err casework_team_meeting(const casework_env *env, const genop_user *actor,
                                int64_t team_id, genop_date date, cal_meeting *out,
                                genop_error *e)
{
    memset(out, 0, sizeof *out);
    out->date = date;
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se holdets møder", e);
    if (!err)
        err = cal_team_load(env->store, actor, team_id, &out->team, e);
    if (!err)
        err = meets(&out->team, date, e);
    if (!err)
        err = participants(env->store, actor->municipality, out, e);
    if (err)
        return err;
    audit_rows rows;
    audit_rows_init(&rows, actor, AUDIT_TEAM_MEETING, AUDIT_PURPOSE_CASEWORK);
    const cal_participant *p = out->people.items;
    for (size_t i = 0; !err && i < out->people.n; i++)
        err = audit_rows_add(&rows, p[i].citizen_id, p[i].a.case_id, e);
    if (!err && rows.n)
        err = audit_rows_record(env, &rows, e);
    audit_rows_release(&rows);
    return casework_internal(err, e);
}

typedef struct attendance_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    int64_t team_id;
    genop_date date;
    cal_attendance_item *items;
    size_t n;
} attendance_job;

/* Item i's appointment must be one of the team's that day. */
static genop_err of_meeting(genop_store *s, attendance_job *j, size_t i, genop_error *e)
{
    char field[48], day[GENOP_DATE_DA_SIZE];
    genop_appointment_row a;
    snprintf(field, sizeof field, "$.items[%zu].appointment", i);
    genop_err err = genop_store_appointment_get(s, j->actor->municipality,
                                                j->items[i].appointment, &a, e);
    if (err && err != GENOP_ENOTFOUND)
        return casework_internal(err, e);
    if (err || a.team_id != j->team_id || a.day != j->date)
        return genop_refuse(e, GENOP_EREFUSED, field, "Tiden %lld hører ikke til holdets møde "
                            "%s.", (long long)j->items[i].appointment,
                            genop_date_format_da(j->date, day));
    for (size_t k = 0; k < i; k++)
        if (j->items[k].appointment == j->items[i].appointment)
            return genop_refuse(e, GENOP_EINVAL, field, "Tiden %lld er nævnt to gange.",
                                (long long)a.id);
    return GENOP_OK;
}

static genop_err run_attendance(genop_store *s, void *ctx, genop_error *e)
{
    attendance_job *j = ctx;
    genop_team_row team;
    genop_err err = cal_team_load(s, j->actor, j->team_id, &team, e);
    if (!err)
        err = meets(&team, j->date, e);
    for (size_t i = 0; !err && i < j->n; i++) {
        cal_attendance_item *it = &j->items[i];
        err = of_meeting(s, j, i, e);
        if (!err)
            err = cal_outcome_record(s, j->env, j->actor, j->std, it->appointment, &it->o,
                                     &it->event_id, e);
        if (err && (err == GENOP_EREFUSED || err == GENOP_EINVAL) &&
            strncmp(e->field, "$.items", 7) != 0) {
            snprintf(e->field, sizeof e->field, "$.items[%zu].outcome", i);
            genop_error_prefix(e, "Deltager %zu (tid %lld)", i + 1, (long long)it->appointment);
        }
    }
    return err;
}

genop_err casework_team_attendance(const casework_env *env, const genop_user *actor,
                                   int64_t team_id, genop_date date, cal_attendance_item *items,
                                   size_t n, genop_error *e)
{
    attendance_job j = {env, actor, NULL, team_id, date, items, n};
    genop_err err = casework_event_permitted(actor, "session", e);
    if (!err && n == 0)
        err = genop_refuse(e, GENOP_EINVAL, "$.items", "$.items skal nævne mindst én deltager.");
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_attendance, &j, e);
}
