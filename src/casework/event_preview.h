/*
 * event_preview.h - what registering an event would do to its case's
 * limits, without registering it (a dry run: POST
 * /api/v1/cases/{id}/events?dry_run=true).
 *
 * The event is checked exactly as casework_event_append() checks it (the
 * role, the rules, an assignment's user: the same refusals, and a refusal
 * by the rules is logged as event_append.h says), then the case is
 * evaluated as of today with and without it. Nothing is stored but the
 * access-log row of the look at the case (AUDIT_EVENT_PREVIEW).
 *
 * A limit "becomes exceeded" by the event when it is exceeded with it and
 * either was not without it or its count grew (one more session in a week
 * already over its limit exceeds it again); course_length when the event
 * is a counting session dated after the course's last allowed day.
 */
#ifndef GENOP_CASEWORK_EVENT_PREVIEW_H
#define GENOP_CASEWORK_EVENT_PREVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "evaluate.h"
#include "event_input.h"

typedef struct casework_preview {
    genop_result after;             /* the evaluation with the event, as of today;
                                     * its rules borrow from the standard */
    size_t exceeds[GENOP_LIMITS_MAX];   /* indexes into after.limits */
    size_t n_exceeds;
} casework_preview;

/* Judges ev (borrowed) on case case_id as actor and fills *out (owned by
 * the caller; nothing to release). Refuses as casework_event_append()
 * does: GENOP_EFORBIDDEN, GENOP_EREFUSED, GENOP_ENOTFOUND. */
genop_err casework_event_preview(const casework_env *env, const genop_user *actor,
                                 int64_t case_id, const casework_event *ev,
                                 casework_preview *out, genop_error *e);

/* Whether the limit l of `after` became exceeded by the event ev, l's
 * counterpart before the event being `before` (NULL: the case had no such
 * limit yet). Pure; the rule event_preview.h states. */
bool casework_limit_newly_exceeded(const genop_limit_result *before,
                                   const genop_limit_result *l, const casework_event *ev);

#endif
