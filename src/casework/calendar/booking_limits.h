/*
 * booking_limits.h - the case's side of a booking (booking_rules.h, steps
 * 3 and 5): the case exists in the municipality, is not closed, and, for
 * training, has a granted decision on the appointment's day; the booking
 * keeps within the standard's limits and the decision's grant; and the
 * start deadline's warning.
 *
 * Limits count the case's sessions (those that count: not cancelled by
 * the provider) and its other appointments that are booked (not
 * cancelled, no outcome yet), as if each were held, plus the new one:
 *  - the standard's (src/core/evaluate.c judges them, honouring the
 *    exceptions of the latest granted decision, letters.md section 1):
 *    sessions, assessment_sessions and course_length over the whole
 *    case; sessions_per_week and minutes_per_week over the ISO week of
 *    the appointment;
 *  - the grant's (training only): grant_minutes_per_session (field
 *    "$.minutes"), grant_until, grant_sessions_per_week (the training
 *    sessions of the ISO week) and grant_sessions (the training sessions
 *    since the decision).
 * A refusal is GENOP_EREFUSED with the field and why->limit the limit's id.
 *
 * The warning: when the case has no counting session yet and the
 * appointment's day is after the due date of its start deadline, *warn
 * says so (with the due date); the booking is still made.
 */
#ifndef GENOP_BOOKING_LIMITS_H
#define GENOP_BOOKING_LIMITS_H

#include <jansson.h>

#include "booking_refusal.h"
#include "env.h"
#include "store_calendar.h"

/* Judges the appointment row (its case, day, minutes, kind set) through
 * s as booking_limits.h says. */
genop_err cal_case_check(genop_store *s, const genop_user *actor, const genop_standard *std,
                         genop_date today, const genop_appointment_row *row, cal_refusal *why,
                         cal_warning *warn, genop_error *e);

/* The last day of the grant of the case's latest decision on or before
 * day (*has false when it grants no training or names no end); a team's
 * enrolment runs until it (teams.h). GENOP_ENOTFOUND: no such case. */
genop_err cal_grant_until(genop_store *s, const char *muni, int64_t case_id,
                          const genop_standard *std, genop_date day, bool *has,
                          genop_date *until, genop_error *e);
/* The grant of the latest decision of lc dated on or before day, when
 * that decision granted training (a new reference; NULL when none), and
 * the decision's date in *decided (proposals.h reads the grant's minutes
 * and end). */
struct case_view_loaded;
json_t *cal_grant_on(const struct case_view_loaded *lc, genop_date day, genop_date *decided);

#endif
