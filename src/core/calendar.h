/*
 * calendar.h - the Danish workday calendar.
 *
 * A workday (hverdag) is Monday to Friday that is neither a public holiday
 * (helligdag, fixed by law and by the date of Easter) nor one of the extra
 * days off that Danish public administration keeps (Grundlovsdag,
 * Juleaftensdag, Nytårsaftensdag). A municipality's quality standard may
 * replace that second list with its own.
 *
 * A genop_calendar is built once (one per set of extra days off) and is
 * immutable afterwards, so any number of threads may read it. It holds a
 * prefix count of workdays over 1900-01-01..2199-12-31 and the list of all
 * workdays in that span, which makes `add N workdays` and `workdays between`
 * O(1) for any N and any span.
 */
#ifndef GENOP_CALENDAR_H
#define GENOP_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"

/* An extra day off that recurs every year on the same date, optionally only
 * in [first_year, last_year] (0 means unbounded). */
typedef struct genop_day_off {
    int month;
    int day;
    int first_year;
    int last_year;
    const char *name;
} genop_day_off;

typedef enum genop_holiday_kind {
    GENOP_HOLIDAY_PUBLIC,   /* helligdag */
    GENOP_HOLIDAY_DAY_OFF   /* a day the administration keeps closed */
} genop_holiday_kind;

typedef struct genop_holiday {
    genop_date date;
    genop_holiday_kind kind;
    const char *name;   /* borrowed from the calendar (or static) */
} genop_holiday;

/* At most this many holidays and days off in one year. */
#define GENOP_HOLIDAYS_PER_YEAR_MAX 48
/* At most this many extra days off in one calendar. */
#define GENOP_DAYS_OFF_MAX 32

typedef struct genop_calendar genop_calendar;

/* Easter Sunday of year (Gregorian computus). */
genop_date genop_easter_sunday(int year);

/* The public administration's usual days off (Grundlovsdag 5 June,
 * Juleaftensdag 24 December, Nytårsaftensdag 31 December). Sets *n. */
const genop_day_off *genop_default_days_off(size_t *n);

/* Builds a calendar whose extra days off are days_off[0..n) (copied, names
 * included; n may be 0 for "public holidays only"). The caller frees it with
 * genop_calendar_free(). */
genop_err genop_calendar_new(const genop_day_off *days_off, size_t n,
                             genop_calendar **out, genop_error *e);

/* Same with the default days off. */
genop_err genop_calendar_new_default(genop_calendar **out, genop_error *e);

void genop_calendar_free(genop_calendar *cal);

/* Every public holiday and extra day off of year, sorted by date (on equal
 * dates the public holiday first), weekends included. out must hold
 * GENOP_HOLIDAYS_PER_YEAR_MAX entries; the names are borrowed from cal. */
genop_err genop_calendar_holidays(const genop_calendar *cal, int year,
                                  genop_holiday *out, size_t *n,
                                  genop_error *e);

/* True if date (which must be in range) is a workday. */
bool genop_calendar_is_workday(const genop_calendar *cal, genop_date date);

/* The n-th workday strictly after date (n > 0), strictly before it (n < 0),
 * or date itself (n == 0). GENOP_ERANGE if date or the result falls outside
 * the calendar's span. */
genop_err genop_calendar_add_workdays(const genop_calendar *cal,
                                      genop_date date, long n,
                                      genop_date *out, genop_error *e);

/* The number of workdays d with from < d <= to (0 when to <= from). */
genop_err genop_calendar_workdays_between(const genop_calendar *cal,
                                          genop_date from, genop_date to,
                                          long *out, genop_error *e);

/* date if it is a workday, otherwise the next workday after it. */
genop_err genop_calendar_next_workday_on_or_after(const genop_calendar *cal,
                                                  genop_date date,
                                                  genop_date *out,
                                                  genop_error *e);

#endif
