/*
 * projection.h - what the worklist and the case list read without
 * evaluating every case: a case's closed flag, its stage (case_stage.h),
 * its open deadlines and its tasks (projection_tasks.h), recomputed from
 * the corrected view whenever the case's events change
 * (in the same transaction as the change), and for every case of a
 * municipality when the rules it was computed with change
 * (projection_refresh.h).
 */
#ifndef GENOP_PROJECTION_H
#define GENOP_PROJECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "error.h"
#include "projection_tasks.h"
#include "projection_types.h"
#include "standard.h"
#include "store.h"


/* Evaluates view (sorted, checked) against std as of today into *out:
 * closed when the view has a `closed` event; the stage; its open
 * deadlines = the deadlines not done whose rule is not the citizen's own
 * (a complaint window is the citizen's to keep, not staff's work), while
 * the case is open, and after its closure those that count from a
 * complaint (a refused case closed in the citizen's complaint window may
 * still get one, and it must be reconsidered and sent on), each with
 * row's case and cit's citizen; then its tasks (projection_tasks(), a
 * closed case's only end_status). next_due is the
 * soonest due of them all. Writes nothing. */
genop_err projection_compute(const genop_case_row *row, const genop_citizen *cit,
                             const genop_case *view, const genop_standard *std, genop_date today,
                             projection *out, genop_error *e);

/* Replaces the stored projection of case row with p, and sets row's
 * closed, stage and next_due to what was stored. The caller holds the
 * transaction. */
genop_err projection_store(genop_store *s, genop_case_row *row, const projection *p,
                           genop_error *e);

/* projection_compute() then projection_store(). */
genop_err projection_update(genop_store *s, genop_case_row *row, const genop_citizen *cit,
                            const genop_case *view, const genop_standard *std, genop_date today,
                            genop_error *e);

#endif
