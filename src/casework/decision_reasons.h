/*
 * decision_reasons.h - a refusal's reasons (shared/spec/letters.md
 * section 1): a `decision` with "granted": false that a client registers
 * carries "reasons": [{"criterion": ID, "text": TEXT}, ...], at least one,
 * where ID is one of the criteria of the case's standard (criteria.h: its
 * eligibility rules and its target-group criteria) or "other", and TEXT
 * the individual assessment in the caseworker's words.
 *
 * Only the API requires them: `genop evaluate` reads case files whose
 * decisions have none (the core's reader ignores the member). The form is
 * checked when the event is read (event_input.c), the criteria against
 * the standard when it is judged (event_judge.c), and the reasons are
 * kept in the stored event, where the case page reads them back.
 */
#ifndef GENOP_CASEWORK_DECISION_REASONS_H
#define GENOP_CASEWORK_DECISION_REASONS_H

#include <jansson.h>

#include "case.h"
#include "error.h"
#include "standard.h"

/* The most reasons one refusal may give. */
#define CASEWORK_REASONS_MAX 10
/* The longest criterion id a reason may name (ids have 1-40 characters). */
#define CASEWORK_REASON_CRITERION_MAX 40
/* The longest individual assessment of one reason, in bytes. */
#define CASEWORK_REASON_TEXT_MAX 4000

/* Checks the form of the reasons of the event obj at path (ev is obj as
 * the core read it; anything but a decision passes): a refusal without
 * "reasons", with an empty list or more than CASEWORK_REASONS_MAX, an
 * item that is no object, a criterion that is not a one-line text, an
 * empty or too long text are refused (GENOP_EINVAL, the field's path:
 * "$.reasons", "$.reasons[i].criterion", "$.reasons[i].text", under
 * "$.event" in a correction); so are reasons given with a grant. */
genop_err casework_decision_reasons_read(const json_t *obj, const char *path,
                                         const genop_event *ev, genop_error *e);

/* Adds the checked reasons of the event obj of type t to its stored form
 * `stored` (only criterion and text of each); nothing for other events
 * and for grants. */
void casework_decision_reasons_keep(json_t *stored, const json_t *obj, genop_event_type t);

/* GENOP_OK unless the decision obj (the stored form of an event, at `at`
 * in the request's body: "$", or "$.event" for a correction's new event)
 * names a criterion that std does not list and is not "other": then a
 * GENOP_EREFUSED refusal at "<at>.reasons[i].criterion" whose Danish
 * message names the ids std allows. Everything is borrowed; the domain
 * layer's judging (event_judge.c) picks obj out of the event. */
genop_err casework_decision_reasons_criteria(const genop_standard *std, const json_t *obj,
                                             const char *at, genop_error *e);

#endif
