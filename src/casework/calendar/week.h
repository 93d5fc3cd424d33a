/*
 * week.h - the calendar's week view (GET /calendar/week): one ISO week of
 * a therapist's, a room's or a team's appointments, by start, with each
 * day's public holiday (the standard's workday calendar) and, for a
 * therapist, the day's working hours and absence.
 *
 * The view names citizens (name and initials): it is read by a
 * visitator, terapeut or leder of the municipality only, and writes one
 * access-log row per case shown (calendar.week, purpose "planlægning af
 * træning"), logged before the view is returned. Another municipality's
 * therapist, room or team is GENOP_ENOTFOUND, as an unknown one.
 * Cancelled appointments are in the view, with their status.
 */
#ifndef GENOP_CALENDAR_WEEK_H
#define GENOP_CALENDAR_WEEK_H

#include <stdbool.h>

#include "calendar_input.h"
#include "env.h"
#include "feed_ics.h"
#include "store_calendar.h"

/* Whose week. */
typedef enum cal_week_of { CAL_WEEK_THERAPIST, CAL_WEEK_ROOM, CAL_WEEK_TEAM } cal_week_of;

typedef struct cal_week_query {
    genop_date monday;                  /* the ISO week's Monday */
    cal_week_of of;
    char therapist[GENOP_USERNAME_MAX]; /* CAL_WEEK_THERAPIST */
    int64_t id;                         /* the room's or team's */
} cal_week_query;

/* "YYYY-Www" (ISO 8601 week, W01..W53 of that week-numbering year) into
 * the week's Monday; GENOP_EINVAL with a Danish message otherwise. */
genop_err cal_week_parse(const char *text, genop_date *monday, genop_error *e);

/* "YYYY-Www" of the week that holds day; buf holds 9 bytes. */
char *cal_week_format(genop_date day, char buf[9]);

typedef struct cal_week_day {
    genop_date date;
    const char *holiday;                /* borrowed from the standard; NULL: none */
    bool absent;                        /* the therapist's view only */
    char absence[GENOP_TEXT_SMALL_MAX]; /* its reason */
    size_t n_hours;                     /* the therapist's view only */
    int from[CAL_HOURS_MAX], to[CAL_HOURS_MAX];   /* minutes of the day */
} cal_week_day;

/* An appointment of the view with the names it is shown with. */
typedef struct cal_week_item {
    genop_appointment_row a;
    char citizen[GENOP_NAME_MAX];
    char initials[CAL_INITIALS_SIZE];
    char place[GENOP_NAME_MAX];         /* the room's name, "Borgerens hjem" */
    char location[GENOP_NAME_MAX];      /* the room's location; "" at home */
    char address[GENOP_ADDRESS_MAX];    /* the location's; "" at home */
    char team[GENOP_NAME_MAX];          /* "" when not a team's */
} cal_week_item;

typedef struct cal_week {
    cal_week_query q;
    char name[GENOP_NAME_MAX];          /* the room's or team's name, the username */
    cal_week_day days[7];
    cal_week_item *items;               /* owned; by start */
    size_t n;
} cal_week;

/* The week q asks for into *out, the reads logged first; release with
 * cal_week_release() (also after a failure). */
genop_err casework_calendar_week(const casework_env *env, const genop_user *actor,
                                 const cal_week_query *q, cal_week *out, genop_error *e);
void cal_week_release(cal_week *w);

#endif
