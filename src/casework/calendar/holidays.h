/*
 * holidays.h - booking on public holidays (issue 14, item 6: "nothing
 * booked on a public holiday unless a leder allows it"; docs/calendar.md,
 * "Holidays"). A day is a holiday when the standard's workday calendar
 * lists it (the Danish public holidays and the standard's own days off).
 * A holiday is closed for booking until a leder of the municipality opens
 * it with a reason (POST /holiday-openings), or a leder allows it for one
 * request ("holidays": true on a booking or a series); an opened day books
 * as a workday. Closing it again (DELETE) leaves what was booked on it.
 *
 * Opening and closing are a leder's; every role reads the openings.
 * Nothing here names a citizen, so nothing is written to the access log.
 */
#ifndef GENOP_CALENDAR_HOLIDAYS_H
#define GENOP_CALENDAR_HOLIDAYS_H

#include <stdbool.h>

#include "env.h"
#include "store_calendar.h"

/* The name of day in std's workday calendar ("Juledag") when it is a
 * public holiday or a day off, else NULL. Borrowed from std. */
const char *cal_holiday_name(const genop_standard *std, genop_date day);

/* Whether day may be booked as far as holidays go, judged through s:
 * GENOP_OK when it is no holiday, when muni opened it, or when allowed (a
 * leder's "holidays": true); else GENOP_EREFUSED at field with a Danish
 * message that names the holiday. */
genop_err cal_holiday_check(genop_store *s, const char *muni, const genop_standard *std,
                            genop_date day, bool allowed, const char *field, genop_error *e);

/* Whether a request's "holidays": true from actor allows booking on
 * holidays that are not opened: only a leder's does. From another role
 * the flag is read as not given, so a closed holiday is refused (or, in
 * a series, skipped) with the message that a leder can open it. */
bool cal_holidays_allowed(const genop_user *actor, bool requested);

/* Opens o->day (a holiday of the actor's standard: else GENOP_EINVAL at
 * "$.date") with o->reason; created_by is set to the actor. An open day
 * is GENOP_ECONFLICT. */
genop_err casework_holiday_open(const casework_env *env, const genop_user *actor,
                                genop_holiday_opening_row *o, genop_error *e);

/* The municipality's openings by day (genop_holiday_opening_row[]; the
 * caller frees with genop_store_free_list whatever the result). */
genop_err casework_holiday_openings(const casework_env *env, const genop_user *actor,
                                    genop_list *out, genop_error *e);

/* Closes day again; GENOP_ENOTFOUND when the municipality has not opened it. */
genop_err casework_holiday_close(const casework_env *env, const genop_user *actor,
                                 genop_date day, genop_error *e);

#endif
