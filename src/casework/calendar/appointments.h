/*
 * appointments.h - booking, listing, cancelling and registering the
 * outcome of the calendar's appointments (shared/spec/calendar.md,
 * "Booking"). A visitator, terapeut or leder books, lists and cancels;
 * the outcome is the case's session event, registered by those who may
 * register sessions (roles.h: visitator, terapeut).
 *
 * Every write is one job of the environment's writer: a booking's checks
 * (booking_rules.h) and its insert happen in the same transaction, so two
 * bookings racing for the last place cannot both succeed; a series is one
 * job, its dates booked in date order, each counting for the next.
 * Booking (one row per booking or series) and cancelling write the
 * access log (appointment.book, appointment.cancel: the case is the
 * citizen's); the outcome's session event is logged as any event.
 */
#ifndef GENOP_CALENDAR_APPOINTMENTS_H
#define GENOP_CALENDAR_APPOINTMENTS_H

#include "booking_input.h"
#include "booking_rules.h"
#include "env.h"

/* Books b; on success *out is the kept appointment and *warn its
 * warning. A refusal's extra members are in *why. */
genop_err casework_appointment_book(const casework_env *env, const genop_user *actor,
                                    const cal_booking *b, genop_appointment_row *out,
                                    cal_warning *warn, cal_refusal *why, genop_error *e);

/* A date of a series left out, and why: "therapist", "room", "team",
 * "limit" (then `limit` names it) or "holiday"; message the Danish
 * reason. */
typedef struct cal_skip {
    genop_date date;
    char reason[16];
    char limit[40];
    char message[GENOP_ERROR_MSG_MAX];
} cal_skip;

typedef struct cal_series_result {
    int64_t ids[CAL_SERIES_DAYS_MAX];
    size_t n_ids;
    cal_skip skipped[CAL_SERIES_DAYS_MAX];
    size_t n_skipped;
    cal_warning warn;                   /* the first booking's */
} cal_series_result;

/* Books every date of s that passes the rules (see cal_series in
 * booking_input.h); a team's series takes the team's meetings from..until.
 * A refusal that concerns every date (the case, the therapist, the room
 * or team named) refuses the whole series, and nothing is kept. */
genop_err casework_appointment_series(const casework_env *env, const genop_user *actor,
                                      const cal_series *s, cal_series_result *out,
                                      cal_refusal *why, genop_error *e);

/* Appointment id of actor's municipality into *a, through s, or a 404
 * refusal ("Tiden findes ikke."). */
genop_err cal_appointment_load(genop_store *s, const genop_user *actor, int64_t id,
                               genop_appointment_row *a, genop_error *e);
/* A 422 refusal at field when a is cancelled or its outcome registered. */
genop_err cal_still_booked(const genop_appointment_row *a, const char *field, genop_error *e);
/* The same inside a write of the caller, through st (a team's enrolment
 * books its meetings this way, teams.h); out and why are the caller's,
 * zeroed. */
genop_err cal_series_book(genop_store *st, const genop_user *actor, const genop_standard *std,
                          genop_date today, const cal_series *s, cal_series_result *out,
                          cal_refusal *why, genop_error *e);

/* The query of GET /appointments: therapist by username (NULL: any). */
typedef struct cal_list_query {
    genop_appointment_filter f;
    const char *therapist;
} cal_list_query;

/* The appointments q selects, by start (out->items genop_appointment_row[],
 * the caller frees). An unknown therapist selects none. */
genop_err casework_appointments_list(const casework_env *env, const genop_user *actor,
                                     const cal_list_query *q, genop_list *out, genop_error *e);

/* Marks a cancelled by c->by for c->reason; owed: the cancellation owes
 * a new time (new_time.h), since today. Only the row: the caller stores
 * it. */
void cal_mark_cancelled(genop_appointment_row *a, const cal_cancel *c, bool owed,
                        genop_date today);

/* Cancels appointment id (GENOP_ENOTFOUND: none of the municipality's;
 * GENOP_EREFUSED: cancelled already or its outcome registered). */
genop_err casework_appointment_cancel(const casework_env *env, const genop_user *actor,
                                      int64_t id, const cal_cancel *c,
                                      genop_appointment_row *out, genop_error *e);

/* Registers the outcome of appointment id: appends the session event
 * (the appointment's day, its minutes or o->minutes, its kind) to the
 * case's log through the event path (event_append.h) and links it, in
 * one write. Refused (GENOP_EREFUSED) before the appointment has started,
 * when it is cancelled, or when its outcome is registered already.
 * *event_id is the session event's id. */
/* Logs action on case case_id (its citizen's) by actor, through s. */
genop_err cal_audit(genop_store *s, const genop_user *actor, int64_t case_id,
                    const char *action, genop_error *e);

/* The outcome's work (casework_appointment_outcome) inside a write of the
 * caller, through s (a team meeting's attendance registers each
 * participant's this way, team_meeting.h). */
genop_err cal_outcome_record(genop_store *s, const casework_env *env, const genop_user *actor,
                             const genop_standard *std, int64_t id, const cal_outcome *o,
                             int64_t *event_id, genop_error *e);

genop_err casework_appointment_outcome(const casework_env *env, const genop_user *actor,
                                       int64_t id, const cal_outcome *o, int64_t *event_id,
                                       genop_error *e);

#endif
