/*
 * event_append.h - registering what happened in a case: an event read by
 * casework_event_read() (event_input.h) is judged against the case and
 * stored, with the case's projection, its kept answer and the access log.
 *
 * What cannot have happened is refused with GENOP_EREFUSED
 * (genop_event_admissible in src/core/case_rules.c against the case's
 * corrected view; a correction's new event against the view without the
 * event it corrects, and the case must keep its one referral and sound
 * function statuses); the refusal's field names the field at fault
 * whenever one is ("$.date", "$.levels[2].level", "$.event.date" in a
 * correction). A closure's reason must be one of the case's standard's
 * (closure_reason.h: "$.reason", or "$.event.reason" in a correction).
 * The role decides which types one may register (roles.h);
 * a correction needs the right to both the corrected event's type and the
 * new one's (GENOP_EFORBIDDEN). A case of another municipality, or none,
 * is GENOP_ENOTFOUND.
 *
 * Everything happens in one job of the environment's writer that reads
 * the case first, so two registrations on one case cannot both pass a
 * check that only one of them would: the event, the case's recomputed
 * projection, its kept answer and the access-log row. A refusal by the
 * rules is itself logged as a read (the reason may quote the case).
 */
#ifndef GENOP_CASEWORK_EVENT_APPEND_H
#define GENOP_CASEWORK_EVENT_APPEND_H

#include <stdint.h>

#include "case_view.h"
#include "env.h"
#include "event_input.h"

/* GENOP_OK if actor's role may register events of the API type `type`,
 * else a GENOP_EFORBIDDEN refusal that says so. */
genop_err casework_event_permitted(const genop_user *actor, const char *type, genop_error *e);

/* Room for every API type (the spec's, note and correction). */
#define CASEWORK_EVENT_TYPES_MAX (GENOP_EV_COUNT + 2)

/* The API types actor's role may register, in the spec's order then note
 * and correction, into out (static strings); returns how many. */
size_t casework_event_types_permitted(const genop_user *actor,
                                      const char *out[CASEWORK_EVENT_TYPES_MAX]);

/* Judges ev (borrowed) as actor against the case lc (loaded: row,
 * citizen, stored events, corrected view) under std as of today, and on
 * success leaves in *next (empty, owned by the caller: genop_case_release)
 * the corrected view the event leads to; lc->view may be moved into it.
 * Refuses with GENOP_EREFUSED (or GENOP_EFORBIDDEN for a correction of a
 * type the role may not register) as event_append.h says. Pure: no store,
 * no log (event_judge.c). */
genop_err casework_event_judge(const genop_user *actor, const genop_standard *std,
                               genop_date today, case_view_loaded *lc, const casework_event *ev,
                               genop_case *next, genop_error *e);

/* The part of a registration that an import of a whole case shares
 * (history_import.h), within a job of the environment's writer on the
 * case lc loaded (or built) through that job's store s: judges ev
 * (borrowed) as actor against lc as of as_of (casework_event_judge; the
 * caller has checked casework_event_permitted), checks an assignment's
 * user (assignment.h), appends the event and stores who is responsible
 * when ev can change it. On success *next (empty, the caller's:
 * genop_case_release) holds the view with the event - lc->view may be
 * moved into it - and *row the stored event (its body borrowed from ev).
 * The projection, the kept answer and the log are the caller's. */
genop_err casework_event_judge_write(genop_store *s, const genop_user *actor,
                                     const genop_standard *std, genop_date as_of,
                                     case_view_loaded *lc, const casework_event *ev,
                                     genop_case *next, genop_event_row *row, genop_error *e);

/* For an event that casework_event_read() refused (its error in *e) on
 * case case_id: the case is looked up first, as a registration would -
 * GENOP_ENOTFOUND when actor's municipality has no such case - and the
 * refusal, which the client reads beside the case, is logged as a look
 * at the case (AUDIT_EVENT_REJECT). Returns the refusal in *e as it was,
 * or the store's failure. */
genop_err casework_event_unreadable(const casework_env *env, const genop_user *actor,
                                    int64_t case_id, genop_error *e);

/* For an operation that records an event as part of a write of its own
 * (the outbox's decision_received, outbox.h), within a job of the
 * environment's writer, on the case lc loaded through that job's store s:
 * judges ev (borrowed) as actor against the case as of as_of (as
 * casework_event_judge does, so an event dated up to as_of is not in the
 * future) and stores it as casework_event_append does - the event, the
 * projection as of today, who is responsible, the kept answer, the
 * access-log row. *id is the new event's id. The caller checks that
 * actor may cause the event. lc->view may be emptied. */
genop_err casework_event_store(genop_store *s, const genop_user *actor,
                               const genop_standard *std, genop_date today, genop_date as_of,
                               case_view_loaded *lc, const casework_event *ev, int64_t *id,
                               genop_error *e);

/* Registers ev (borrowed) on case case_id as actor. On success *id is the
 * new event's id. */
genop_err casework_event_append(const casework_env *env, const genop_user *actor,
                                int64_t case_id, const casework_event *ev, int64_t *id,
                                genop_error *e);

#endif
