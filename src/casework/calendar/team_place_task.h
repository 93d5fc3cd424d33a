/*
 * team_place_task.h - the worklist task team_place in a case's projection
 * (teams.h says when a case is offered a team's freed place); apart from
 * team_place.h, which projects cases again, so that the projection can
 * add the task without the two including each other.
 */
#ifndef GENOP_CALENDAR_TEAM_PLACE_TASK_H
#define GENOP_CALENDAR_TEAM_PLACE_TASK_H

#include "error.h"
#include "projection_types.h"
#include "store.h"

/* Adds the task team_place to p (not a closed case's) when the case
 * (row's, cit's) holds an offer of a team's place: listed from the day it
 * was offered, due the freed meeting's day, the soonest if it holds
 * several; moves p's next_due to it if sooner. Reads s. */
genop_err cal_team_place_task(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                              projection *p, genop_error *e);

#endif
