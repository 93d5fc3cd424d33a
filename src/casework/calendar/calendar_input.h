/*
 * calendar_input.h - the calendar's request bodies (shared/spec/
 * calendar.md, "Setting up") read into the typed input of its operations
 * (resources.h). Reading checks the form of each member and what one
 * body alone can tell - a capacity under 1, a working period that ends
 * before it begins, two periods of one weekday that overlap, an absence
 * that ends before it starts - and refuses with GENOP_EINVAL, the
 * member's JSON path as field and a Danish message. What needs the store
 * (is the therapist a terapeut of the municipality, is the room ours) is
 * the operation's to judge.
 */
#ifndef GENOP_CALENDAR_INPUT_H
#define GENOP_CALENDAR_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "store_calendar.h"

#define CAL_ROOMS_MAX 64
#define CAL_HOURS_MAX 64
#define CAL_ABSENCES_MAX 256
#define CAL_CAPACITY_MAX 1000

/* POST /locations: {"name", "address", "rooms": [{"name", "capacity"}]}. */
typedef struct cal_location_input {
    genop_location_row loc;
    genop_room_row rooms[CAL_ROOMS_MAX];
    size_t n_rooms;
} cal_location_input;

/* PUT /staff/{username}: {"profession", "hours": [{"weekday", "from",
 * "to"}], "absences": [{"from", "to", "reason"}]}. */
typedef struct cal_staff_input {
    genop_staff_profile_row profile;
    genop_staff_hours_row hours[CAL_HOURS_MAX];
    size_t n_hours;
    genop_absence_row absences[CAL_ABSENCES_MAX];
    size_t n_absences;
} cal_staff_input;

/* POST /teams: {"name", "paragraph", "room", "weekday", "time",
 * "minutes", "capacity", "therapist", "from", "to"}; the therapist by
 * username (team.therapist), its id found by the operation. */
typedef struct cal_team_input {
    genop_team_row team;
} cal_team_input;

/* A whole-number member within [min, max], at path.key; *present (may be
 * NULL when IN_REQUIRED) says whether it was given. */
genop_err cal_in_int(const json_t *obj, const char *path, const char *key, unsigned flags,
                     int min, int max, bool *present, int *val, genop_error *e);

/* An "HH:MM" member into *minute (of the day). */
genop_err cal_in_hhmm(const json_t *obj, const char *path, const char *key, unsigned flags,
                      int *minute, genop_error *e);

/* Each reads body into *out (zeroed first). */
genop_err cal_location_read(const json_t *body, cal_location_input *out, genop_error *e);
genop_err cal_staff_read(const json_t *body, cal_staff_input *out, genop_error *e);
genop_err cal_team_read(const json_t *body, cal_team_input *out, genop_error *e);
/* POST /locations/{id}/rooms: {"name", "capacity"}. */
genop_err cal_room_read(const json_t *body, genop_room_row *out, genop_error *e);

#endif
