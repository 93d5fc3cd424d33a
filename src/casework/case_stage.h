/*
 * case_stage.h - where a case stands, in one word the case list can
 * filter and show ("Afslag", "I træning", ...), read from its corrected
 * view (sorted by date) and stored with its other projections
 * (projection.h) whenever its events change:
 *
 *   closed     the view has a `closed` event
 *   referred   (before the rest) Ankestyrelsen remitted the case
 *              (appeal_decided, outcome remitted) and no decision has
 *              followed: the case awaits a new decision, as a fresh one
 *              does (the worklist's new_decision task, projection_tasks.h)
 *   complaint  a complaint came after the latest decision (in the view's
 *              order) and is not settled: no complaint_decided after it
 *              upheld it in full, and Ankestyrelsen has not upheld the
 *              decision (one forwarded to Ankestyrelsen is still pending,
 *              and so is one Ankestyrelsen changed or annulled: a new
 *              decision answers it). Only a complaint the municipality
 *              reconsiders counts: one whose route goes straight to an
 *              outside body (Ishøj's professional content to Styrelsen for
 *              Patientklager; complaint_routes.h) leaves the stage as it is
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

/* The appeal_decided event by which Ankestyrelsen remitted the case
 * (outcome remitted) when no decision has followed it in view (sorted),
 * else NULL. Borrowed from view. */
const genop_event *casework_case_remitted(const genop_case *view);

/* The stage of view (sorted; never GENOP_STAGE_UNKNOWN) under the
 * municipality's standard std, whose complaint routes say which
 * complaints the municipality reconsiders. */
genop_case_stage casework_case_stage_under(const genop_case *view, const genop_standard *std);

/* The stage as if every complaint went to the municipality (no standard
 * at hand). */
genop_case_stage casework_case_stage(const genop_case *view);

#endif
