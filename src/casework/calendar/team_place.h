/*
 * team_place.h - offering a team's freed place to the first case on its
 * waiting list (teams.h says when), inside the write that freed it; apart
 * from teams.h so that cancelling an appointment (appointments.c) can
 * offer the place without the two including each other.
 */
#ifndef GENOP_CALENDAR_TEAM_PLACE_H
#define GENOP_CALENDAR_TEAM_PLACE_H

#include "date.h"
#include "error.h"
#include "standard.h"
#include "store_calendar.h"

/* Inside a write (through s): a place on team_id's meeting on day was
 * freed; offers it to the first case on the waiting list without an
 * offer, due day, and projects that case again (it gets the task
 * team_place). *offered (if not NULL) is its id, 0 when no one waits. */
genop_err cal_team_place_freed(genop_store *s, const genop_user *actor,
                               const genop_standard *std, genop_date today, int64_t team_id,
                               genop_date day, int64_t *offered, genop_error *e);

/* The team team_id of actor's municipality into *t, or a GENOP_ENOTFOUND
 * refusal "Holdet findes ikke.". */
genop_err cal_team_load(genop_store *s, const genop_user *actor, int64_t team_id,
                        genop_team_row *t, genop_error *e);

/* The first meeting day of team t on or after day, or 0 if none. */
genop_date cal_team_next_meeting(const genop_team_row *t, genop_date day);

#endif
