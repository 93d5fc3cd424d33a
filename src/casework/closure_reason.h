/*
 * closure_reason.h - a closure's reason against the case: the `reason` of
 * a closed event must be one of the standard's effective reasons for
 * ending a course (src/core/closure_reasons.h: its own, with their
 * sources, then genop's general ones), or one of genop's own reasons for
 * ending a case without a course (genop_case_end) that applies to the
 * case on the closure's date:
 *
 *   refused              the latest decision refused, and no complaint
 *                        about it is pending (stage `refused`,
 *                        case_stage.h) or was upheld in full
 *   complaint_forwarded  the latest decision refused, and the complaint
 *                        about it was sent to Ankestyrelsen
 *
 * Part of judging an event (event_judge.c); `genop evaluate` reads any
 * reason, as its contract says. The case answer tells the web which of
 * genop's own reasons apply now (case_answer.c).
 */
#ifndef GENOP_CASEWORK_CLOSURE_REASON_H
#define GENOP_CASEWORK_CLOSURE_REASON_H

#include "closure_reasons.h"
#include "event_input.h"
#include "standard.h"
#include "store.h"

/* NULL when genop's reason `end` applies to view (sorted) as of `on` (its
 * events dated on or before it), else why not: a static Danish text. */
const char *casework_case_end_refusal(const genop_case *view, genop_case_end end, genop_date on);

/* GENOP_OK unless ev closes the course (a closed event, or a correction
 * whose new event is one) with a reason the case cannot be closed by:
 * then a GENOP_EREFUSED refusal with the reason's path ("$.reason", or
 * "$.event.reason" in a correction) and a Danish message that says why
 * and names the reasons there are. before is the case's corrected view
 * without the event (for a correction: without the event it corrects).
 * target is the stored event a correction replaces (NULL otherwise): a
 * correction that keeps the target's reason is not refused, so a closure
 * from before its standard named its reasons can still have its date put
 * right. Everything is borrowed. */
genop_err casework_closure_reason_check(const genop_standard *std, const genop_case *before,
                                        const casework_event *ev, const genop_event_row *target,
                                        genop_error *e);

#endif
