/*
 * booking_input.h - the calendar's booking bodies (shared/spec/
 * calendar.md, "Booking") read into typed input:
 *   POST /appointments         {"case", "therapist", "start", "minutes",
 *                              "kind", one of "room": ID, "home": true,
 *                              "team": ID, "holidays"?}
 *   POST /appointments/series  {"case", "therapist", "weekdays", "time",
 *                              "minutes", "kind", "from", "until", one of
 *                              "room", "home", "team", "holidays"?}
 *   POST /appointments/{id}/cancel   {"by", "reason"}
 *   POST /appointments/{id}/outcome  {"outcome", "minutes"?}
 * Form only (GENOP_EINVAL, the member's path, Danish): whether a booking
 * may be made is booking_rules.h's. A team booking's start may be any
 * time of the week of the meeting and its minutes may be left out: the
 * team's are taken.
 */
#ifndef GENOP_BOOKING_INPUT_H
#define GENOP_BOOKING_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "error.h"
#include "store.h"
#include "wallclock.h"

typedef enum cal_place { CAL_PLACE_ROOM, CAL_PLACE_HOME, CAL_PLACE_TEAM } cal_place;

const char *cal_place_name(cal_place p);

/* One appointment to book. */
typedef struct cal_booking {
    int64_t case_id;
    char therapist[GENOP_USERNAME_MAX];
    genop_wallclock start;
    int minutes;
    genop_session_kind kind;
    cal_place place;
    int64_t room_id, team_id;
    bool holidays;              /* a leder's allowance to book a holiday
                                 * that is not opened (holidays.h) */
} cal_booking;

/* A course: every date from..until on the weekdays, at time. */
typedef struct cal_series {
    cal_booking first;          /* case, therapist, minutes, kind, place */
    bool weekdays[8];           /* [1..7] */
    int time;                   /* minute of the day */
    genop_date from, until;
    bool holidays;              /* book holidays that are not opened too
                                 * (a leder's allowance, holidays.h) */
} cal_series;

#define CAL_SERIES_DAYS_MAX 400

typedef struct cal_cancel {
    char by[16];                /* provider, citizen */
    char reason[GENOP_TEXT_SMALL_MAX];
} cal_cancel;

typedef struct cal_outcome {
    genop_outcome outcome;
    bool has_minutes;
    int minutes;
} cal_outcome;

genop_err cal_booking_read(const json_t *body, cal_booking *out, genop_error *e);
genop_err cal_series_read(const json_t *body, cal_series *out, genop_error *e);
genop_err cal_cancel_read(const json_t *body, cal_cancel *out, genop_error *e);
genop_err cal_outcome_read(const json_t *body, cal_outcome *out, genop_error *e);

#endif
