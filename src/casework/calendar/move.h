/*
 * move.h - moving a booked appointment (POST /appointments/{id}/move
 * {"start", "therapist"?, "room"?}) to another time, and optionally to
 * another therapist or room, checked by the same rules as a booking
 * (booking_rules.h: the same 409s and 422s, the same warning), the
 * appointment itself not counted against itself.
 *
 * One write: the appointment is loaded, set aside (counted as cancelled
 * inside the write only), the booking it would become is judged by
 * cal_booking_check(), and it is kept with its new time, therapist,
 * room and team under the same id; a refusal undoes all. A cancelled
 * appointment, or one whose outcome is registered, is not moved (422 at
 * "$.start"). A team appointment moves to the team's meeting in the ISO
 * week of the new start (as a team booking takes it); it takes no room.
 * A home appointment given a room moves into the room. Audited as
 * appointment.move on the case (its citizen's).
 */
#ifndef GENOP_CALENDAR_MOVE_H
#define GENOP_CALENDAR_MOVE_H

#include <jansson.h>

#include "booking_input.h"
#include "booking_refusal.h"
#include "env.h"
#include "store_calendar.h"

typedef struct cal_move {
    genop_wallclock start;
    char therapist[GENOP_USERNAME_MAX]; /* "": the appointment's */
    int64_t room_id;                    /* 0: the appointment's */
} cal_move;

/* Reads the body {"start", "therapist"?, "room"?} (form only: 422 at the
 * member's path, Danish). */
genop_err cal_move_read(const json_t *body, cal_move *out, genop_error *e);

/* Moves appointment id of actor's municipality as m says; *out is the
 * appointment as kept, *warn the booking's warning, *why a refusal's
 * conflict or limit. GENOP_ENOTFOUND: none such. */
genop_err casework_appointment_move(const casework_env *env, const genop_user *actor,
                                    int64_t id, const cal_move *m, genop_appointment_row *out,
                                    cal_warning *warn, cal_refusal *why, genop_error *e);

#endif
