/*
 * case_rules.h - what cannot have happened in a case. The server asks
 * before it appends an event: a registration that breaks one of these rules
 * is refused (HTTP 422) with a Danish message that says why. The message
 * starts with the JSON path of the new event's field at fault (e.g.
 * "$.date: hændelsen er dateret ..."), which the API returns as `field`.
 */
#ifndef GENOP_CASE_RULES_H
#define GENOP_CASE_RULES_H

#include "case.h"
#include "error.h"

/* Checks that ev can be added to c (the case's events so far, corrected
 * view, sorted or not) on `today`:
 * - a case has one referral, so a second referral_received is refused;
 * - nothing but a hospital plan or a previous course can predate the
 *   referral, and nothing can be dated after today;
 * - a training session needs a decision that granted training on or
 *   before its date (assessment sessions - udredning - do not);
 * - no session, decision, grant or start status (FSIII) dated on or
 *   after the course's closure; what is dated before it may be
 *   registered later (a start status written up after the closure), and
 *   an end status and journal notes may follow the closure;
 * - a decision must follow a referral, a complaint must follow a decision,
 *   a reconsideration a complaint, a forwarding a reconsideration, and
 *   Ankestyrelsen's ruling (appeal_decided) a forwarding, once for each
 *   forwarding;
 * - a function status (FSIII levels and goals) is dated on or after the
 *   referral like everything else; a case has one start status and one
 *   end status (a second of either is refused: correct the first), and an
 *   end status needs a start status on or before its date;
 * - a hospital admission (admitted) is dated on or after the referral and
 *   no later than the course's closure, at most one a day.
 * Returns GENOP_EINVAL with the reason in *e when ev is refused. */
genop_err genop_event_admissible(const genop_case *c, const genop_event *ev,
                                 genop_date today, genop_error *e);

/* Checks a whole case's function statuses (after a correction replaced or
 * withdrew one): at most one start and one end status, and no end status
 * without a start status on or before it. GENOP_EINVAL with the reason
 * (no path: the case as a whole is at fault) in *e. */
genop_err genop_case_check_statuses(const genop_case *c, genop_error *e);

/* Checks that every event of c (a corrected view, sorted by date) could
 * have happened given the events before it: replays them in order through
 * genop_event_admissible(). A correction that withdraws or changes an
 * event must not leave later events that could no longer have happened
 * (sessions after a grant is withdrawn, a complaint without its decision).
 * GENOP_EINVAL with the first event that fails and why in *e. */
genop_err genop_case_check_history(const genop_case *c, genop_date today, genop_error *e);

#endif
