/*
 * resources.h - setting up the training calendar (shared/spec/
 * calendar.md, "Setting up"): a municipality's locations and rooms, its
 * therapists' profession, weekly hours and absences, and its teams
 * (hold). A leder or admin sets up; every staff role reads (booking
 * needs the rooms, teams and hours). Nothing here names a citizen, so
 * nothing is written to the access log.
 *
 * A therapist named by a body (a team's, a PUT /staff's username) must be
 * a user of the actor's municipality with the role terapeut: else a
 * GENOP_EINVAL refusal naming the field. A team's room must be one of the
 * municipality's rooms (GENOP_EINVAL, "$.room").
 */
#ifndef GENOP_CALENDAR_RESOURCES_H
#define GENOP_CALENDAR_RESOURCES_H

#include "calendar_input.h"
#include "env.h"

/* Keeps the location in with its rooms; sets their ids in *in. */
genop_err casework_location_create(const casework_env *env, const genop_user *actor,
                                   cal_location_input *in, genop_error *e);

/* Adds room (its name and capacity) to location location_id of the
 * actor's municipality (else GENOP_ENOTFOUND); sets room->id and
 * room->location_id. */
genop_err casework_room_add(const casework_env *env, const genop_user *actor,
                            int64_t location_id, genop_room_row *room, genop_error *e);

/* The municipality's locations and all its rooms (by location); both
 * lists owned by the caller (genop_store_free_list) whatever the result. */
genop_err casework_locations_list(const casework_env *env, const genop_user *actor,
                                  genop_list *locations, genop_list *rooms, genop_error *e);

/* Replaces the profession, hours and absences of the terapeut username. */
genop_err casework_staff_calendar_set(const casework_env *env, const genop_user *actor,
                                      const char *username, cal_staff_input *in,
                                      genop_error *e);

/* The staff's calendar data: profiles (genop_staff_profile_row[]), hours
 * and absences of all of them, ordered by user. */
typedef struct casework_staff_calendar {
    genop_list profiles, hours, absences;
} casework_staff_calendar;

genop_err casework_staff_calendar_get(const casework_env *env, const genop_user *actor,
                                      casework_staff_calendar *out, genop_error *e);
void casework_staff_calendar_release(casework_staff_calendar *c);

/* The terapeut username of actor's municipality into *out; GENOP_EINVAL
 * with field when there is none. */
genop_err casework_terapeut_find(genop_store *s, const genop_user *actor, const char *username,
                                 const char *field, genop_user *out, genop_error *e);

/* Keeps the team in (its therapist by username); sets in->team.id. */
genop_err casework_team_create(const casework_env *env, const genop_user *actor,
                               cal_team_input *in, genop_error *e);

/* The municipality's teams by id (genop_team_row[]; the caller frees). */
genop_err casework_teams_list(const casework_env *env, const genop_user *actor,
                              genop_list *out, genop_error *e);

#endif
