/*
 * demo_calendar.h - `genop demo --db`'s training calendar: for each
 * municipality a training centre with rooms, its therapists' professions,
 * weekly hours and one absence each, three teams (hold) - the cases that
 * train on a team enrolled on its roster, and the small Rygskole full,
 * with two cases on its waiting list - and a course of appointments
 * around today for each granted case, so that a therapist's calendar is
 * full on the first login. Everything goes through the
 * domain layer the API calls (src/casework/calendar), as the
 * municipality's leder (setting up) and its first therapist (booking):
 * every booking passes the same rules, and a date a rule refuses (the
 * grant's sessions a week, an absence, a holiday) is left out, as a
 * series leaves it out.
 */
#ifndef GENOP_DEMO_CALENDAR_H
#define GENOP_DEMO_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "local.h"

/* Therapists of a municipality in the demo (terapeut, terapeut2 ...). */
#define DEMO_THERAPISTS 6

/* One municipality's part; everything borrowed. */
typedef struct demo_calendar_muni {
    const genop_standard *std;
    const genop_user *leder;
    const genop_user *therapists[DEMO_THERAPISTS];  /* [0] the one who books */
    const int64_t *case_ids;                        /* the municipality's cases */
    size_t n_cases;
} demo_calendar_muni;

/* Sets up m's calendar and books its cases' courses from two weeks
 * before today to three weeks after it. Returns a CLI_* exit code,
 * having told why on failure. */
int demo_calendar_fill(casework_local *loc, const demo_calendar_muni *m, genop_date today);

#endif
