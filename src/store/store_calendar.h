/*
 * store_calendar.h - the training calendar's records in the store
 * (shared/spec/calendar.md): locations and their rooms, the staff's
 * profession, weekly hours and absences, teams (hold), and appointments.
 *
 * The same interface as store.h (the back end's functions are reached
 * through genop_store_ops.calendar, a table of their own so that store.h
 * stays one screenful per kind of record), with the same rules: every row
 * carries its municipality, every read takes the caller's municipality
 * (another municipality's row is GENOP_ENOTFOUND, without a message), and
 * writes happen inside a transaction of the caller. The store keeps
 * what it is given; whether a booking may be made is the domain layer's
 * to judge (src/casework/calendar/), in the same write.
 */
#ifndef GENOP_STORE_CALENDAR_H
#define GENOP_STORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"

#define GENOP_PROFESSION_MAX 32

typedef struct genop_location_row {
    int64_t id;
    char name[GENOP_NAME_MAX];
    char address[GENOP_ADDRESS_MAX];
} genop_location_row;

typedef struct genop_room_row {
    int64_t id;
    int64_t location_id;
    char name[GENOP_NAME_MAX];
    int capacity;
} genop_room_row;

/* A staff member's profession; hours and absences are rows of their own. */
typedef struct genop_staff_profile_row {
    int64_t user_id;
    char username[GENOP_USERNAME_MAX];          /* read back, never written */
    char profession[GENOP_PROFESSION_MAX];
} genop_staff_profile_row;

/* Working hours: on ISO weekday from_minute to to_minute (wall clock). */
typedef struct genop_staff_hours_row {
    int64_t user_id;
    int weekday;
    int from_minute, to_minute;
} genop_staff_hours_row;

typedef struct genop_absence_row {
    int64_t user_id;
    genop_date from, to;                        /* both days included */
    char reason[GENOP_TEXT_SMALL_MAX];
} genop_absence_row;

typedef struct genop_team_row {
    int64_t id;
    char name[GENOP_NAME_MAX];
    char paragraph[8];                          /* "86.1" or "86.2" */
    int64_t room_id;
    int weekday;
    int start_minute;
    int minutes;
    int capacity;
    int64_t therapist_id;
    char therapist[GENOP_USERNAME_MAX];         /* read back, never written */
    genop_date from, to;
    bool has_to;                                /* false: no end */
} genop_team_row;

/* Keeps location l with its rooms (n) for muni; sets l->id and each
 * room's id and location_id. */
genop_err genop_store_location_add(genop_store *s, const char *muni, genop_location_row *l,
                                   genop_room_row *rooms, size_t n, genop_error *e);
/* The locations of muni by id; out->items is genop_location_row[]. */
genop_err genop_store_locations_list(genop_store *s, const char *muni, genop_list *out,
                                     genop_error *e);
/* The rooms of muni by location and id; out->items is genop_room_row[]. */
genop_err genop_store_rooms_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e);
genop_err genop_store_room_get(genop_store *s, const char *muni, int64_t id,
                               genop_room_row *out, genop_error *e);
/* Keeps room r in its location r->location_id of muni (else
 * GENOP_ENOTFOUND, without a message); sets r->id. */
genop_err genop_store_room_add(genop_store *s, const char *muni, genop_room_row *r,
                               genop_error *e);

/* Replaces the profession, hours and absences of user user_id of muni
 * (who must be a user of muni: else GENOP_ENOTFOUND). */
genop_err genop_store_staff_profile_set(genop_store *s, const char *muni,
                                        const genop_staff_profile_row *p,
                                        const genop_staff_hours_row *hours, size_t n_hours,
                                        const genop_absence_row *absences, size_t n_absences,
                                        genop_error *e);
/* The profiles of muni by username (user_id 0: all, else that user's);
 * out->items is genop_staff_profile_row[]. */
genop_err genop_store_staff_profiles(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e);
/* Hours by user, weekday, from; out->items genop_staff_hours_row[]. */
genop_err genop_store_staff_hours(genop_store *s, const char *muni, int64_t user_id,
                                  genop_list *out, genop_error *e);
/* Absences by user, from; out->items genop_absence_row[]. */
genop_err genop_store_staff_absences(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e);

/* Keeps team t of muni (its room and therapist of muni); sets t->id. */
genop_err genop_store_team_add(genop_store *s, const char *muni, genop_team_row *t,
                               genop_error *e);
genop_err genop_store_team_get(genop_store *s, const char *muni, int64_t id,
                               genop_team_row *out, genop_error *e);
/* The teams of muni by id; out->items is genop_team_row[]. */
genop_err genop_store_teams_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e);

#define GENOP_WALLCLOCK_TEXT 17                 /* "YYYY-MM-DDTHH:MM" + NUL */

/* An appointment (migration 0015). therapist is read back, never written;
 * room_id / team_id 0 when none. */
typedef struct genop_appointment_row {
    int64_t id;
    int64_t case_id;
    int64_t therapist_id;
    char therapist[GENOP_USERNAME_MAX];
    char start[GENOP_WALLCLOCK_TEXT];           /* Danish wall-clock time */
    genop_date day;
    int64_t starts_at, ends_at;                 /* unix seconds */
    int minutes;
    char kind[16];                              /* training, assessment */
    char place[8];                              /* room, home, team */
    int64_t room_id, team_id;
    char status[16];                            /* booked, cancelled, done */
    char cancelled_by[16];                      /* "" unless cancelled */
    char cancel_reason[GENOP_TEXT_SMALL_MAX];
    char outcome[24];                           /* "" until registered */
    int64_t event_id;                           /* 0 until registered */
    char created_by[GENOP_USERNAME_MAX];
    /* Cancelled by the provider where the standard promises a new time
     * (on new_time_since), and no new appointment of the case booked
     * since (migration 0016). */
    bool new_time_owed;
    genop_date new_time_since;
} genop_appointment_row;

/* Which appointments to list; every member 0 / false / unset is "any". */
typedef struct genop_appointment_filter {
    bool has_from, has_to;
    genop_date from, to;                        /* days, both included */
    int64_t therapist_id, case_id, room_id, team_id;
    bool active;                                /* not cancelled only */
    bool overlapping;                           /* starts_at < before and */
    int64_t before, after;                      /* ends_at > after */
} genop_appointment_filter;

/* Keeps a (municipality's case; room, team of muni); sets a->id. */
genop_err genop_store_appointment_add(genop_store *s, const char *muni,
                                      genop_appointment_row *a, genop_error *e);
/* The appointments of muni that f selects, by start and id;
 * out->items is genop_appointment_row[]. */
genop_err genop_store_appointments_find(genop_store *s, const char *muni,
                                        const genop_appointment_filter *f, genop_list *out,
                                        genop_error *e);
genop_err genop_store_appointment_get(genop_store *s, const char *muni, int64_t id,
                                      genop_appointment_row *out, genop_error *e);
/* Sets status (cancelled or done), by, reason, outcome, event_id and
 * new_time_owed (new_time_since) of appointment a->id from a. */
genop_err genop_store_appointment_update(genop_store *s, const char *muni,
                                         const genop_appointment_row *a, genop_error *e);
/* Moves appointment a->id: sets its therapist, start, day, instants,
 * minutes, place, room and team from a (its case and kind stay). */
genop_err genop_store_appointment_reschedule(genop_store *s, const char *muni,
                                             const genop_appointment_row *a, genop_error *e);

/* Keeps hash as the calendar feed's key of user user_id of muni
 * (migration 0016), replacing the user's earlier key, which ends it;
 * created_by names who made it. GENOP_ENOTFOUND: no such user of muni. */
genop_err genop_store_calendar_key_set(genop_store *s, const char *muni, int64_t user_id,
                                       const unsigned char *hash, const char *created_by,
                                       genop_error *e);
/* The active user whose calendar feed's key has hash (any municipality:
 * the key is the credential), or GENOP_ENOTFOUND. */
genop_err genop_store_calendar_key_user(genop_store *s, const unsigned char *hash,
                                        genop_user *out, genop_error *e);

/* A public holiday or day off of the standard's calendar that a leder
 * opened for booking, with the reason (migration 0018). */
typedef struct genop_holiday_opening_row {
    genop_date day;
    char reason[GENOP_TEXT_SMALL_MAX];
    char created_by[GENOP_USERNAME_MAX];
} genop_holiday_opening_row;

/* Keeps o for muni; GENOP_ECONFLICT (no message) when that day of muni is
 * open already. */
genop_err genop_store_holiday_opening_add(genop_store *s, const char *muni,
                                          const genop_holiday_opening_row *o, genop_error *e);
/* The opening of day of muni into *out, or GENOP_ENOTFOUND. */
genop_err genop_store_holiday_opening_get(genop_store *s, const char *muni, genop_date day,
                                          genop_holiday_opening_row *out, genop_error *e);
/* The openings of muni by day; out->items is genop_holiday_opening_row[]. */
genop_err genop_store_holiday_openings_list(genop_store *s, const char *muni, genop_list *out,
                                            genop_error *e);
/* Removes the opening of day of muni; GENOP_ENOTFOUND when there is none. */
genop_err genop_store_holiday_opening_delete(genop_store *s, const char *muni, genop_date day,
                                             genop_error *e);

/* One appointment as a report reads it (genop_store_appointments_walk);
 * the texts are borrowed until the walk's function returns. */
typedef struct genop_appointment_ref {
    int64_t therapist_id;
    const char *therapist;                      /* the username; "" if unknown */
    int64_t team_id;                            /* 0: not on a team */
    const char *team;                           /* the team's name, or "" */
    const char *status;                         /* booked, cancelled, done */
    const char *cancelled_by;                   /* "" unless cancelled */
    const char *outcome;                        /* "" until registered */
} genop_appointment_ref;

/* Called once an appointment; an error stops the walk and is returned. */
typedef genop_err (*genop_appointment_fn)(void *ctx, const genop_appointment_ref *a,
                                          genop_error *e);

/* Every appointment of muni dated from..to (both included) of a case of
 * paragraph (a GENOP_PARA_* bit; 0: any), handed to fn one at a time from
 * one statement, in no particular order (for reports: nothing is kept).
 * Runs in the caller's read transaction, or in one of its own. */
genop_err genop_store_appointments_walk(genop_store *s, const char *muni, genop_date from,
                                        genop_date to, unsigned paragraph,
                                        genop_appointment_fn fn, void *ctx, genop_error *e);

/* The back end's table (store.h's genop_store_ops.calendar). */
typedef struct genop_calendar_ops {
    genop_err (*location_add)(genop_store *s, const char *muni, genop_location_row *l,
                              genop_room_row *rooms, size_t n, genop_error *e);
    genop_err (*locations_list)(genop_store *s, const char *muni, genop_list *out,
                                genop_error *e);
    genop_err (*rooms_list)(genop_store *s, const char *muni, genop_list *out, genop_error *e);
    genop_err (*room_get)(genop_store *s, const char *muni, int64_t id, genop_room_row *out,
                          genop_error *e);
    genop_err (*room_add)(genop_store *s, const char *muni, genop_room_row *r, genop_error *e);
    genop_err (*staff_profile_set)(genop_store *s, const char *muni,
                                   const genop_staff_profile_row *p,
                                   const genop_staff_hours_row *hours, size_t n_hours,
                                   const genop_absence_row *absences, size_t n_absences,
                                   genop_error *e);
    genop_err (*staff_profiles)(genop_store *s, const char *muni, int64_t user_id,
                                genop_list *out, genop_error *e);
    genop_err (*staff_hours)(genop_store *s, const char *muni, int64_t user_id,
                             genop_list *out, genop_error *e);
    genop_err (*staff_absences)(genop_store *s, const char *muni, int64_t user_id,
                                genop_list *out, genop_error *e);
    genop_err (*team_add)(genop_store *s, const char *muni, genop_team_row *t, genop_error *e);
    genop_err (*team_get)(genop_store *s, const char *muni, int64_t id, genop_team_row *out,
                          genop_error *e);
    genop_err (*teams_list)(genop_store *s, const char *muni, genop_list *out, genop_error *e);
    genop_err (*appointment_add)(genop_store *s, const char *muni, genop_appointment_row *a,
                                 genop_error *e);
    genop_err (*appointments_find)(genop_store *s, const char *muni,
                                   const genop_appointment_filter *f, genop_list *out,
                                   genop_error *e);
    genop_err (*appointment_get)(genop_store *s, const char *muni, int64_t id,
                                 genop_appointment_row *out, genop_error *e);
    genop_err (*appointment_update)(genop_store *s, const char *muni,
                                    const genop_appointment_row *a, genop_error *e);
    genop_err (*appointment_reschedule)(genop_store *s, const char *muni,
                                        const genop_appointment_row *a, genop_error *e);
    genop_err (*calendar_key_set)(genop_store *s, const char *muni, int64_t user_id,
                                  const unsigned char *hash, const char *created_by,
                                  genop_error *e);
    genop_err (*calendar_key_user)(genop_store *s, const unsigned char *hash, genop_user *out,
                                   genop_error *e);
    /* Holiday openings (migration 0018). */
    genop_err (*holiday_opening_add)(genop_store *s, const char *muni,
                                     const genop_holiday_opening_row *o, genop_error *e);
    genop_err (*holiday_opening_get)(genop_store *s, const char *muni, genop_date day,
                                     genop_holiday_opening_row *out, genop_error *e);
    genop_err (*holiday_openings_list)(genop_store *s, const char *muni, genop_list *out,
                                       genop_error *e);
    genop_err (*holiday_opening_delete)(genop_store *s, const char *muni, genop_date day,
                                        genop_error *e);
    /* The appointments a report reads. */
    genop_err (*appointments_walk)(genop_store *s, const char *muni, genop_date from,
                                   genop_date to, unsigned paragraph, genop_appointment_fn fn,
                                   void *ctx, genop_error *e);
} genop_calendar_ops;

#endif
