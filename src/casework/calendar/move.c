/*
 * move.c - moving an appointment (see move.h): the body read, then one
 * write that sets the appointment aside, judges its new place in time
 * by the booking's rules and keeps it.
 */
#include "move.h"

#include <stdio.h>
#include <string.h>

#include "appointments.h"
#include "audit.h"
#include "booking_rules.h"
#include "json_input.h"
#include "roles.h"

#define ROLES_MOVE (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)

genop_err cal_move_read(const json_t *body, cal_move *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *start, *t = NULL;
    genop_err err = in_text(body, "$", "start", IN_REQUIRED | IN_ONE_LINE, 16, &start, e);
    if (!err && genop_wallclock_parse(start, &out->start, e))
        err = genop_refuse(e, GENOP_EINVAL, "$.start", "$.start: %s", e->message);
    if (!err)
        err = in_text(body, "$", "therapist", IN_ONE_LINE, GENOP_USERNAME_MAX - 1, &t, e);
    if (!err && t)
        snprintf(out->therapist, sizeof out->therapist, "%s", t);
    if (!err)
        err = in_id(body, "$", "room", 0, &out->room_id, e);
    return err;
}

/* The booking appointment a becomes when moved as m says. */
static genop_err booking_of(const genop_appointment_row *a, const cal_move *m, cal_booking *b,
                            genop_error *e)
{
    memset(b, 0, sizeof *b);
    b->case_id = a->case_id;
    snprintf(b->therapist, sizeof b->therapist, "%s", m->therapist[0] ? m->therapist
                                                                       : a->therapist);
    b->start = m->start;
    b->minutes = a->minutes;
    b->kind = strcmp(a->kind, "assessment") == 0 ? GENOP_SESSION_ASSESSMENT
                                                 : GENOP_SESSION_TRAINING;
    if (a->team_id) {
        if (m->room_id)
            return genop_refuse(e, GENOP_EINVAL, "$.room", "$.room: en tid på et hold flyttes "
                                "med holdet og får ikke et andet rum");
        b->place = CAL_PLACE_TEAM;
        b->team_id = a->team_id;
    } else if (m->room_id || a->room_id) {
        b->place = CAL_PLACE_ROOM;
        b->room_id = m->room_id ? m->room_id : a->room_id;
    } else {
        b->place = CAL_PLACE_HOME;
    }
    return GENOP_OK;
}

typedef struct move_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    int64_t id;
    const cal_move *m;
    genop_appointment_row *out;
    cal_warning *warn;
    cal_refusal *why;
} move_job;

/* Sets a aside (cancelled, inside this write only) so that the checks
 * do not count it against itself. */
static genop_err set_aside(genop_store *s, const char *muni, const genop_appointment_row *a,
                           genop_error *e)
{
    genop_appointment_row aside = *a;
    snprintf(aside.status, sizeof aside.status, "cancelled");
    return casework_internal(genop_store_appointment_update(s, muni, &aside, e), e);
}

static genop_err run_move(genop_store *s, void *ctx, genop_error *e)
{
    move_job *j = ctx;
    const char *muni = j->actor->municipality;
    genop_appointment_row a, row;
    cal_booking b;
    genop_err err = cal_appointment_load(s, j->actor, j->id, &a, e);
    if (!err)
        err = cal_still_booked(&a, "$.start", e);
    if (!err)
        err = booking_of(&a, j->m, &b, e);
    if (!err)
        err = set_aside(s, muni, &a, e);
    if (!err)
        err = cal_booking_check(s, j->actor, j->std, j->today, &b, &row, j->why, j->warn, e);
    if (err)
        return err;
    row.id = a.id;
    err = casework_internal(genop_store_appointment_update(s, muni, &a, e), e);
    if (!err)
        err = casework_internal(genop_store_appointment_reschedule(s, muni, &row, e), e);
    if (!err)
        err = cal_audit(s, j->actor, a.case_id, AUDIT_APPOINTMENT_MOVE, e);
    return err ? err : cal_appointment_load(s, j->actor, j->id, j->out, e);
}

genop_err casework_appointment_move(const casework_env *env, const genop_user *actor,
                                    int64_t id, const cal_move *m, genop_appointment_row *out,
                                    cal_warning *warn, cal_refusal *why, genop_error *e)
{
    move_job j = {actor, NULL, env->today, id, m, out, warn, why};
    memset(why, 0, sizeof *why);
    memset(warn, 0, sizeof *warn);
    genop_err err = casework_require_role(actor, ROLES_MOVE, "flytte tider", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_move, &j, e);
}
