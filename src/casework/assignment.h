/*
 * assignment.h - who is responsible for a case (shared/spec/api.md,
 * "Finding cases, owning them"), and for each task of the worklist.
 *
 * An event {"type": "assigned", "date", "role": "visitator" | "terapeut",
 * "username"} makes that user responsible for the case in that role until
 * the next `assigned` event of the same role: "next" in the order of the
 * corrected view (case_view.h) - by date, and among events of one date by
 * registration - so a correction that moves, changes or withdraws an
 * assignment changes who is responsible as if it had been registered so.
 * The result is kept with the case (genop_store_case_assigned_set) in the
 * transaction of every event that can change it, so lists of "my cases"
 * and "my tasks" read an index instead of every case's events.
 *
 * Who may assign (the policy of a training unit, also in roles.h):
 * - a visitator or a leder assigns any visitator or terapeut of the
 *   municipality, and may correct or withdraw an assignment;
 * - a terapeut may only make themselves the case's terapeut ("take the
 *   case"), and may not correct or withdraw an assignment;
 * - the user must exist in the case's municipality and have the role of
 *   the assignment (else 422: "$.username" for no such user of the
 *   municipality - another municipality's user is no such user, so
 *   nothing is told about it - and "$.role" for another role), and not
 *   be deactivated (422 "$.username"; a locked user may be assigned);
 * - a new assignment may not be dated before the current one of its role
 *   (it would not take effect; 422 "$.date").
 *
 * Each task of the worklist has a responsible role: the training unit's
 * tasks (the first session - start, start_after_grant - and the course's
 * own: attendance_review, limit_exceeded, course_length) are the case's
 * terapeut's; the case's deadlines (contact, assessment, decision, the
 * complaint's) are the case's visitator's.
 */
#ifndef GENOP_CASEWORK_ASSIGNMENT_H
#define GENOP_CASEWORK_ASSIGNMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "case_view.h"
#include "error.h"
#include "event_input.h"
#include "store.h"

/* Who rows[0..n) (a case's stored events in registration order) make
 * responsible now, into *out (zeroed first). A stored body that cannot
 * be read is an internal error naming the event. */
genop_err casework_assigned_derive(const genop_event_row *rows, size_t n,
                                   genop_case_assigned *out, genop_error *e);

/* Whether actor may register ev (judged against the case lc already, by
 * casework_event_judge) as far as assignments go, through s inside the
 * writer's job: nothing to check for an event that neither is, nor
 * corrects, nor becomes an `assigned` event; else the policy above
 * (GENOP_EFORBIDDEN for the role, GENOP_EREFUSED with the field for the
 * user and the date). */
genop_err casework_assignment_check(genop_store *s, const genop_user *actor,
                                    const case_view_loaded *lc, const casework_event *ev,
                                    genop_error *e);

/* After ev was appended as `added` to the case lc (its stored events
 * loaded before), in the same transaction: stores who is responsible
 * now, when ev can have changed it (an `assigned` event or a
 * correction). */
genop_err casework_assignment_update(genop_store *s, const case_view_loaded *lc,
                                     const casework_event *ev, const genop_event_row *added,
                                     genop_error *e);

/* The role responsible for the worklist task deadline_id (above). */
genop_role casework_task_role(const char *deadline_id);

/* The terapeut's task ids as a JSON array (for the store's filters);
 * a static string. */
const char *casework_terapeut_tasks_json(void);

/* The user of a responsible for role (visitator or terapeut): a
 * username, or "" for nobody. Borrowed from a. */
const char *casework_assigned_user(const genop_case_assigned *a, genop_role role);

#endif
