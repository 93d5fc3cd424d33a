/*
 * wallclock.h - Danish wall-clock times: "YYYY-MM-DDTHH:MM" in
 * Europe/Copenhagen (CET, CEST in summer), as the calendar books them,
 * and their instants (unix seconds, UTC).
 *
 * A wall-clock time is a calendar date and a minute of the day. Turning
 * one into an instant uses date.c's Danish offset (the EU rule: summer
 * time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October), so no time zone database is read:
 *
 * - the hour that does not exist in spring (2026-03-29 02:00-02:59: the
 *   clocks go from 02:00 to 03:00) is refused with a Danish message;
 * - the hour that happens twice in autumn (2026-10-25 02:00-02:59: the
 *   clocks go from 03:00 back to 02:00) is read as its FIRST occurrence,
 *   in summer time (+02:00): a time agreed for "half past two" that
 *   night is the earlier of the two, and a booking's end is then its
 *   start plus its minutes in real time.
 *
 * Weeks are ISO weeks (date.h).
 */
#ifndef GENOP_WALLCLOCK_H
#define GENOP_WALLCLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "error.h"

/* "YYYY-MM-DDTHH:MM" and its NUL. */
#define GENOP_WALLCLOCK_STR_SIZE 17
/* "HH:MM" and its NUL. */
#define GENOP_HHMM_STR_SIZE 6
#define GENOP_MINUTES_PER_DAY 1440

typedef struct genop_wallclock {
    genop_date date;
    int minute;                 /* of the day, 0..1439 */
} genop_wallclock;

/* Parses exactly "HH:MM" (00:00..23:59) into *minute (of the day). On
 * failure *minute is untouched and *e says what is wrong (Danish). */
genop_err genop_hhmm_parse(const char *s, int *minute, genop_error *e);

/* Writes "HH:MM" of minute (0..1440; 1440 is written "24:00") and a NUL
 * into buf. Returns buf. */
char *genop_hhmm_format(int minute, char buf[GENOP_HHMM_STR_SIZE]);

/* Parses exactly "YYYY-MM-DDTHH:MM" (a real date in date.h's range, a
 * real time of day) into *out. It does not judge the summer-time change:
 * genop_wallclock_to_unix() does. */
genop_err genop_wallclock_parse(const char *s, genop_wallclock *out, genop_error *e);

/* Writes "YYYY-MM-DDTHH:MM" and a NUL into buf. Returns buf. */
char *genop_wallclock_format(genop_wallclock t, char buf[GENOP_WALLCLOCK_STR_SIZE]);

/* The instant (unix seconds) of the Danish wall-clock time t: the first
 * one in the repeated autumn hour; GENOP_EINVAL with a Danish message in
 * the spring hour that does not exist. *repeated (may be NULL) says
 * whether t happens twice. */
genop_err genop_wallclock_to_unix(genop_wallclock t, int64_t *out, bool *repeated,
                                  genop_error *e);

/* The Danish wall-clock time at the instant unix_seconds (seconds are
 * dropped). */
genop_wallclock genop_wallclock_from_unix(int64_t unix_seconds);

/* Parses s and finds its instant: genop_wallclock_parse() and then
 * genop_wallclock_to_unix(). */
genop_err genop_wallclock_parse_instant(const char *s, genop_wallclock *t, int64_t *out,
                                        genop_error *e);

#endif
