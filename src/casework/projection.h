/*
 * projection.h - what the worklist and the case list read without
 * evaluating every case: a case's closed flag, its stage (case_stage.h)
 * and its open deadlines,
 * recomputed from the corrected view whenever the case's events change
 * (in the same transaction as the change).
 */
#ifndef GENOP_PROJECTION_H
#define GENOP_PROJECTION_H

#include "case.h"
#include "error.h"
#include "standard.h"
#include "store.h"

/* Evaluates view (sorted, checked) against std as of today and replaces
 * the stored projection of case row: closed when the view has a `closed`
 * event; the stage; open deadlines = the deadlines not done whose rule is not the
 * citizen's own (a complaint window is the citizen's to keep, not staff's
 * work). row's closed and next_due are set to what was stored. The caller
 * holds the transaction. */
genop_err projection_update(genop_store *s, genop_case_row *row, const genop_citizen *cit,
                            const genop_case *view, const genop_standard *std, genop_date today,
                            genop_error *e);

#endif
