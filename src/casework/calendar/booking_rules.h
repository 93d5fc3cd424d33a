/*
 * booking_rules.h - whether an appointment may be booked (shared/spec/
 * calendar.md, "Booking"), judged through the store handle of the write
 * that will keep it, so that the check and the insert are one
 * transaction and two bookings racing for the last place cannot both
 * pass.
 *
 * The checks, in order (the first that fails answers):
 *  1. what the body names: the therapist must be a terapeut of the
 *     municipality ("$.therapist"), the room ("$.room") and team ("$.team")
 *     the municipality's (GENOP_EINVAL, 422); a team booking takes that
 *     week's meeting of the team (its date, time, minutes and room);
 *  2. the time: a wall-clock time that does not exist (the spring change)
 *     is GENOP_EINVAL at "$.start"; a public holiday or day off that the
 *     municipality has not opened is GENOP_EREFUSED at "$.start" unless
 *     b->holidays (holidays.h);
 *  3. the case (booking_limits.h): GENOP_ENOTFOUND when the municipality
 *     has no such case; GENOP_EREFUSED at "$.case" when it is closed, or,
 *     for training, has no granted decision on that day;
 *  4. conflicts, GENOP_ECONFLICT with why->conflict: "therapist" (absent
 *     that day, works no hours then, or another appointment overlaps;
 *     the other places on the same team meeting do not count), "room"
 *     (as many overlapping appointments as its capacity), "team" (the
 *     meeting is full, the case is on it already, or the team does not
 *     meet that week);
 *  5. limits (booking_limits.h): GENOP_EREFUSED with field and
 *     why->limit.
 * Overlaps are judged by instants (starts_at, ends_at), so an appointment
 * across a summer-time change lasts its minutes in real time.
 */
#ifndef GENOP_BOOKING_RULES_H
#define GENOP_BOOKING_RULES_H

#include "booking_input.h"
#include "booking_refusal.h"
#include "env.h"
#include "store_calendar.h"

/* Judges b as actor through s (inside the write) and fills *row with the
 * appointment to keep (all but its id; created_by is actor). *why and
 * *warn are cleared first. */
genop_err cal_booking_check(genop_store *s, const genop_user *actor, const genop_standard *std,
                            genop_date today, const cal_booking *b, genop_appointment_row *row,
                            cal_refusal *why, cal_warning *warn, genop_error *e);

/* A refusal with a conflict: GENOP_ECONFLICT, why->conflict = what. */
genop_err cal_conflict(cal_refusal *why, const char *what, genop_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
