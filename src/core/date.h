/*
 * date.h - civil (proleptic Gregorian) dates as day numbers.
 *
 * A genop_date is the number of days since 1970-01-01 (negative before).
 * Arithmetic in days is plain integer arithmetic; conversion to and from
 * year/month/day uses the well-known era-based civil-from-days algorithm,
 * so every conversion is O(1) with no tables and no time zones: a date in
 * genop is a Danish calendar date, never an instant.
 *
 * The supported range is 1900-01-01 to 2199-12-31 (the span the workday
 * calendar is built for). Parsing and construction reject anything outside
 * it with GENOP_ERANGE and a message that says so.
 */
#ifndef GENOP_DATE_H
#define GENOP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef int32_t genop_date;

#define GENOP_YEAR_MIN 1900
#define GENOP_YEAR_MAX 2199
/* "YYYY-MM-DD" plus the terminating NUL. */
#define GENOP_DATE_STR_SIZE 11

bool genop_is_leap_year(int year);
int genop_days_in_month(int year, int month);

/* Day number of a year/month/day that is known to be valid (no checks). */
genop_date genop_date_from_ymd_unchecked(int year, int month, int day);

/* Validates year/month/day (real date, year in the supported range) and
 * stores its day number in *out. */
genop_err genop_date_from_ymd(int year, int month, int day, genop_date *out,
                              genop_error *e);

void genop_date_to_ymd(genop_date date, int *year, int *month, int *day);

/* Parses exactly "YYYY-MM-DD" from the NUL-terminated string s: four-digit
 * year, two-digit month and day, a real date inside the supported range.
 * On failure *out is untouched and *e says what is wrong with the text. */
genop_err genop_date_parse(const char *s, genop_date *out, genop_error *e);

/* Writes "YYYY-MM-DD" and a NUL into buf, which must hold
 * GENOP_DATE_STR_SIZE bytes. Returns buf. */
char *genop_date_format(genop_date date, char buf[GENOP_DATE_STR_SIZE]);

/* Room for the longest Danish date "31. september 2199" and its NUL. */
#define GENOP_DATE_DA_SIZE 24

/* Writes the date as Danes write it in a sentence, "3. maj 2017", and a
 * NUL into buf (GENOP_DATE_DA_SIZE bytes). Returns buf. Every message a
 * user reads (errors, refusals, findings' details) writes its dates with
 * this; ISO dates are for data (JSON, CSV). */
char *genop_date_format_da(genop_date date, char buf[GENOP_DATE_DA_SIZE]);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int genop_date_weekday(genop_date date);

bool genop_date_in_range(genop_date date);
genop_date genop_date_min(void);
genop_date genop_date_max(void);

/* The same day number `months` months later (or earlier when negative),
 * clamped to the last day of the target month: 2025-01-31 + 1 = 2025-02-28.
 * The result may fall outside the supported range; check with
 * genop_date_in_range() where that matters. */
genop_date genop_date_add_months(genop_date date, int months);

/* ISO 8601 week: the week-numbering year and the week 1..53 of date. */
void genop_date_iso_week(genop_date date, int *iso_year, int *week);

/* The Monday of the ISO week that contains date. */
genop_date genop_date_week_monday(genop_date date);

/* The calendar date in Denmark (CET, CEST in summer by the EU rule: from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October) at the instant unix_seconds. Pure: no time zone database, no
 * environment. */
genop_date genop_date_in_denmark(int64_t unix_seconds);
/* The same, and the time of day there in *minute_of_day (0..1439), for
 * "registreret 6. december 2026 kl. 13.55". */
genop_date genop_time_in_denmark(int64_t unix_seconds, int *minute_of_day);

/* Whole years from birth to on (age on a given day). A birthday on 29
 * February is reached on 1 March in years that are not leap years. */
int genop_age_on(genop_date birth, genop_date on);

#endif
