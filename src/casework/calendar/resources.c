/*
 * resources.c - setting up the training calendar (see resources.h):
 * each write one job of the environment's writer, which checks what the
 * body names (the therapist, the room) through the job's own store.
 */
#include "resources.h"

#include <string.h>

#include "roles.h"

#define ROLES_SETUP (ROLES_LEDER | ROLES_ADMIN)

genop_err casework_terapeut_find(genop_store *s, const genop_user *actor, const char *username,
                                 const char *field, genop_user *out, genop_error *e)
{
    genop_err err = genop_store_staff_find(s, actor->municipality, username, out, e);
    if (err == GENOP_ENOTFOUND || (!err && out->role != GENOP_ROLE_TERAPEUT))
        return genop_refuse(e, GENOP_EINVAL, field, "%s: %s er ikke terapeut i kommunen", field,
                            username);
    return casework_internal(err, e);
}

typedef struct location_job {
    const genop_user *actor;
    cal_location_input *in;
} location_job;

static genop_err run_location(genop_store *s, void *ctx, genop_error *e)
{
    location_job *j = ctx;
    return casework_internal(genop_store_location_add(s, j->actor->municipality, &j->in->loc,
                                                      j->in->rooms, j->in->n_rooms, e),
                             e);
}

genop_err casework_location_create(const casework_env *env, const genop_user *actor,
                                   cal_location_input *in, genop_error *e)
{
    location_job j = {actor, in};
    genop_err err = casework_require_role(actor, ROLES_SETUP, "oprette steder og rum", e);
    return err ? err : casework_write(env, run_location, &j, e);
}

typedef struct room_job {
    const genop_user *actor;
    genop_room_row *room;
} room_job;

static genop_err run_room(genop_store *s, void *ctx, genop_error *e)
{
    room_job *j = ctx;
    genop_err err = genop_store_room_add(s, j->actor->municipality, j->room, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Stedet findes ikke.");
    return casework_internal(err, e);
}

genop_err casework_room_add(const casework_env *env, const genop_user *actor,
                            int64_t location_id, genop_room_row *room, genop_error *e)
{
    room_job j = {actor, room};
    room->location_id = location_id;
    genop_err err = casework_require_role(actor, ROLES_SETUP, "oprette rum", e);
    return err ? err : casework_write(env, run_room, &j, e);
}

genop_err casework_locations_list(const casework_env *env, const genop_user *actor,
                                  genop_list *locations, genop_list *rooms, genop_error *e)
{
    memset(locations, 0, sizeof *locations);
    memset(rooms, 0, sizeof *rooms);
    genop_err err = genop_store_locations_list(env->store, actor->municipality, locations, e);
    if (!err)
        err = genop_store_rooms_list(env->store, actor->municipality, rooms, e);
    return casework_internal(err, e);
}

typedef struct staff_job {
    const casework_env *env;
    const genop_user *actor;
    const char *username;
    cal_staff_input *in;
} staff_job;

static genop_err run_staff(genop_store *s, void *ctx, genop_error *e)
{
    staff_job *j = ctx;
    genop_user u;
    genop_err err = casework_terapeut_find(s, j->actor, j->username, "username", &u, e);
    if (err)
        return err;
    j->in->profile.user_id = u.id;
    return casework_internal(genop_store_staff_profile_set(s, j->actor->municipality,
                                                           &j->in->profile, j->in->hours,
                                                           j->in->n_hours, j->in->absences,
                                                           j->in->n_absences, e),
                             e);
}

genop_err casework_staff_calendar_set(const casework_env *env, const genop_user *actor,
                                      const char *username, cal_staff_input *in,
                                      genop_error *e)
{
    staff_job j = {env, actor, username, in};
    genop_err err = casework_require_role(actor, ROLES_SETUP,
                                          "sætte terapeuters arbejdstider og fravær", e);
    return err ? err : casework_write(env, run_staff, &j, e);
}

genop_err casework_staff_calendar_get(const casework_env *env, const genop_user *actor,
                                      casework_staff_calendar *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *muni = actor->municipality;
    genop_err err = genop_store_staff_profiles(env->store, muni, 0, &out->profiles, e);
    if (!err)
        err = genop_store_staff_hours(env->store, muni, 0, &out->hours, e);
    if (!err)
        err = genop_store_staff_absences(env->store, muni, 0, &out->absences, e);
    return casework_internal(err, e);
}

void casework_staff_calendar_release(casework_staff_calendar *c)
{
    genop_store_free_list(&c->profiles);
    genop_store_free_list(&c->hours);
    genop_store_free_list(&c->absences);
}

typedef struct team_job {
    const casework_env *env;
    const genop_user *actor;
    cal_team_input *in;
} team_job;

static genop_err run_team(genop_store *s, void *ctx, genop_error *e)
{
    team_job *j = ctx;
    genop_team_row *t = &j->in->team;
    genop_room_row room;
    genop_user u;
    genop_err err = casework_terapeut_find(s, j->actor, t->therapist, "$.therapist",
                                           &u, e);
    if (err)
        return err;
    t->therapist_id = u.id;
    err = genop_store_room_get(s, j->actor->municipality, t->room_id, &room, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_EINVAL, "$.room", "$.room: rummet findes ikke i kommunen");
    if (!err && t->capacity > room.capacity)
        return genop_refuse(e, GENOP_EINVAL, "$.capacity", "$.capacity: holdet har plads til "
                            "flere (%d), end rummet %s kan rumme (%d)", t->capacity, room.name,
                            room.capacity);
    if (!err)
        err = genop_store_team_add(s, j->actor->municipality, t, e);
    return casework_internal(err, e);
}

genop_err casework_team_create(const casework_env *env, const genop_user *actor,
                               cal_team_input *in, genop_error *e)
{
    team_job j = {env, actor, in};
    genop_err err = casework_require_role(actor, ROLES_SETUP, "oprette hold", e);
    return err ? err : casework_write(env, run_team, &j, e);
}

genop_err casework_teams_list(const casework_env *env, const genop_user *actor,
                              genop_list *out, genop_error *e)
{
    return casework_internal(genop_store_teams_list(env->store, actor->municipality, out, e),
                             e);
}
