/*
 * case_stage.h - where a case stands, in one word the case list can
 * filter and show ("Afslag", "I træning", ...), read from its corrected
 * view (sorted by date) and stored with its other projections
 * (projection.h) whenever its events change:
 *
 *   closed     the view has a `closed` event
 *   complaint  a complaint came after the latest decision (in the view's
 *              order) and is not settled: no complaint_decided after it
 *              upheld it in full (one forwarded to Ankestyrelsen is still
 *              pending; a new decision answers it)
 *   refused    the latest decision refused
 *   training   the latest decision granted, and a session that counts has
 *              been held since
 *   granted    the latest decision granted, no such session yet
 *   referred   no decision yet
 *
 * The first that holds is the stage.
 */
#ifndef GENOP_CASE_STAGE_H
#define GENOP_CASE_STAGE_H

#include "case.h"
#include "store.h"

/* The stage of view (sorted; never GENOP_STAGE_UNKNOWN). */
genop_case_stage casework_case_stage(const genop_case *view);

#endif
