/*
 * closure_reason.h - a closure's reason against the case's standard: the
 * `reason` of a closed event must be one of the standard's effective
 * reasons for ending a course (src/core/closure_reasons.h: its own, with
 * their sources, then genop's general ones). Part of judging an event
 * (event_judge.c); `genop evaluate` reads any reason, as its contract says.
 */
#ifndef GENOP_CASEWORK_CLOSURE_REASON_H
#define GENOP_CASEWORK_CLOSURE_REASON_H

#include "event_input.h"
#include "standard.h"
#include "store.h"

/* GENOP_OK unless ev closes the course (a closed event, or a correction
 * whose new event is one) with a reason std does not allow: then a
 * GENOP_EREFUSED refusal with the reason's path ("$.reason", or
 * "$.event.reason" in a correction) and a Danish message that names the
 * allowed ids. target is the stored event a correction replaces (NULL
 * otherwise): a correction that keeps the target's reason is not refused,
 * so a closure from before its standard named its reasons can still have
 * its date put right. Everything is borrowed. */
genop_err casework_closure_reason_check(const genop_standard *std, const casework_event *ev,
                                        const genop_event_row *target, genop_error *e);

#endif
