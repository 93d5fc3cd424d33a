/*
 * projection_tasks.h - the worklist's tasks of a case (shared/spec/api.md,
 * "the worklist's tasks"), projected beside its open deadlines from the
 * same evaluation (projection.c):
 *
 *   id                 on the list while                         due
 *   attendance_review  attendance is `review`, course open       the day it went up for review
 *   limit_exceeded     a limit is `exceeded`, course open        the session that exceeded it
 *   course_length      the course has run past the standard's    its last allowed day
 *                      length and is not closed
 *   end_status         the standard requires an end status and   the closure's date
 *                      the course was closed without one
 *   new_decision       Ankestyrelsen remitted the case           the ruling's date
 *                      (appeal_decided, remitted; letters.md
 *                      section 3) and no decision has followed
 *
 * Each carries its rule's source and a Danish label. A course_length task
 * is stored as soon as the course has started and comes onto the worklist
 * the day after its due (listed_from): no event marks the day a course
 * passes its length. end_status is the one row a closed case keeps.
 */
#ifndef GENOP_CASEWORK_PROJECTION_TASKS_H
#define GENOP_CASEWORK_PROJECTION_TASKS_H

#include <stdbool.h>
#include <stddef.h>

#include "evaluate.h"
#include "store.h"

/* The most tasks one case can have: the attendance review, one per limit
 * (course_length's is a task of its own), the end status, a new
 * decision, a new time, a team's place. */
#define PROJECTION_TASKS_MAX (GENOP_LIMITS_MAX + 5)

/* The task ids (api.md, and genop's end_status; new_decision is
 * letters.md's). */
#define TASK_ATTENDANCE_REVIEW "attendance_review"
#define TASK_LIMIT_EXCEEDED "limit_exceeded"
#define TASK_COURSE_LENGTH "course_length"
#define TASK_END_STATUS "end_status"
#define TASK_NEW_DECISION "new_decision"
/* A new time owed after the provider cancelled (calendar/new_time.h). */
#define TASK_NEW_TIME "new_time"
/* A team's freed place offered to the case (calendar/team_place_task.h). */
#define TASK_TEAM_PLACE "team_place"

/* Appends the tasks of the evaluation r of a case (row's, cit's; closed:
 * the case has a `closed` event) to out[*n..], at most
 * PROJECTION_TASKS_MAX of them. Pure. */
void projection_tasks(const genop_case_row *row, const genop_citizen *cit, const genop_result *r,
                      bool closed, genop_open_deadline *out, size_t *n);

/* Appends the new_decision task of a case (row's, cit's; r its
 * evaluation) whose sorted view shows that Ankestyrelsen remitted it and
 * no decision has followed (case_stage.h), to out[*n]; nothing when the
 * case was closed on or after the ruling's date. A case closed before
 * the ruling (as complaint_forwarded, while the complaint was with
 * Ankestyrelsen) keeps the task: its closure must be withdrawn (a
 * correction) before the new decision. Its source is the standard's
 * route for complaints about decisions (complaint_routes.h). Pure. */
void projection_new_decision_task(const genop_case_row *row, const genop_citizen *cit,
                                  const genop_result *r, const genop_case *view,
                                  genop_open_deadline *out, size_t *n);

#endif
