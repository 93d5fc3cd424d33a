/*
 * report_reasons.h - beyond the contract, what a report says of how cases
 * ended and of complaints: the cases closed in the period counted by the
 * reason of their closure (the reason the corrected view carries,
 * case.h), and the deadlines on complaints (those that run from the
 * complaint's receipt: reconsideration, forwarding to Ankestyrelsen) over
 * both paragraphs, from the rows the evaluations gave. Nothing of the
 * rules is computed here. Private to src/casework/report.
 */
#ifndef GENOP_REPORT_REASONS_H
#define GENOP_REPORT_REASONS_H

#include "report_types.h"

/* The reason id of genop's general reason for ending a course for
 * no-shows (closure_reasons.c), which every shipped standard uses for
 * ending a course for attendance. */
#define REPORT_REASON_NO_SHOWS "no_shows"

/* The cases closed in the period by reason, one worker's (held in its
 * report_tally): the standard's effective reasons, and the counts by row
 * of report_more.closures (the effective reasons, genop's case ends, then
 * a reason none of them names). */
typedef struct report_closure_counts {
    genop_reason_entry reasons[GENOP_REASONS_MAX];
    size_t n_reasons;
    long closures[REPORT_CLOSURE_ROWS];
} report_closure_counts;

/* Sets up c's table of reasons from std (read now), all counts 0. */
void report_reasons_init(report_closure_counts *c, const genop_standard *std);

/* Counts one case closed in the period with reason (the closure's text;
 * "" when the view has none). */
void report_reasons_count(report_closure_counts *c, const char *reason);

/* Adds from's closures into into's. */
void report_reasons_merge(report_closure_counts *into, const report_closure_counts *from);

/* The closures by reason of c and, from out's rows of the period (made
 * before), the complaints' deadlines, into out->more. */
void report_reasons_finish(const report_closure_counts *c, report *out);

#endif
