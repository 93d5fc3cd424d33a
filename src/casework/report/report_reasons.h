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

#include "report_tally.h"

/* The reason id of genop's general reason for ending a course for
 * no-shows (closure_reasons.c), which every shipped standard uses for
 * ending a course for attendance. */
#define REPORT_REASON_NO_SHOWS "no_shows"

/* Sets up t's table of reasons from its standard (t->std set). */
void report_reasons_init(report_tally *t);

/* Counts one case closed in the period with reason (the closure's text;
 * "" when the view has none). */
void report_reasons_count(report_tally *t, const char *reason);

/* Adds from's closures into into's. */
void report_reasons_merge(report_tally *into, const report_tally *from);

/* The closures by reason and, from out's rows of the period (made
 * before), the complaints' deadlines, into out->more. */
void report_reasons_finish(const report_tally *t, report *out);

#endif
