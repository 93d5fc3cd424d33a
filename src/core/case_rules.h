/*
 * case_rules.h - what cannot have happened in a case. The server asks
 * before it appends an event: a registration that breaks one of these rules
 * is refused (HTTP 422) with a Danish message that says why.
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
 * - no session, decision or grant after the course was closed;
 * - a decision must follow a referral, a complaint must follow a decision,
 *   a reconsideration a complaint, a forwarding a reconsideration.
 * Returns GENOP_EINVAL with the reason in *e when ev is refused. */
genop_err genop_event_admissible(const genop_case *c, const genop_event *ev,
                                 genop_date today, genop_error *e);

#endif
