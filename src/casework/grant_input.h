/*
 * grant_input.h - a decision's grant as the API takes it (shared/spec/
 * letters.md section 1):
 *   "grant": {"form": "individual" | "team" | "self_training",
 *             "place": "centre" | "home" | "local_area",
 *             "sessions_per_week": N, "minutes_per_session": N,
 *             "sessions": N | null, "until": DATE | null,
 *             "transport": true | false,
 *             "exceptions": [{"limit": LIMIT_ID, "max": N, "reason": TEXT}]}
 *
 * The core's event reader (src/core/case_fields.c) checks what a grant
 * holds wherever it comes from: the words, positive numbers, an end date
 * not before the decision, each exception's limit id, max and reason. A
 * case file made by another system may leave a grant out or give part of
 * it; the API may not, so this file adds what only the API requires: a
 * granted decision has a grant with every field the letter needs, and an
 * exception is one to a limit the municipality's standard has for the
 * case. It also says what of a grant is stored.
 */
#ifndef GENOP_CASEWORK_GRANT_INPUT_H
#define GENOP_CASEWORK_GRANT_INPUT_H

#include <jansson.h>

#include "case.h"
#include "error.h"
#include "standard.h"

/* The API's requirements of the decision ev read from obj at path ("$",
 * or "$.event" for a correction's new event): a granted decision has a
 * "grant" object with form, place, sessions_per_week, minutes_per_session
 * and transport. GENOP_EINVAL with the member's path as field, else
 * GENOP_OK (also for every other event). Borrows everything. */
genop_err casework_grant_required(const json_t *obj, const char *path, const genop_event *ev,
                                  genop_error *e);

/* Each exception of g (a decision read at path, whose exceptions are in
 * the order of its list) is to a limit std has for paragraph: refuses
 * (GENOP_EREFUSED, field "PATH.grant.exceptions[i].limit") one that is
 * not. */
genop_err casework_grant_judge(const genop_standard *std, unsigned paragraph,
                               const genop_grant *g, const char *path, genop_error *e);

/* The grant of the checked decision obj as it is stored: its known
 * members only (sessions and until as null when not given, exceptions as
 * a list); NULL when obj has no grant object. The caller owns the
 * result (json_decref). */
json_t *casework_grant_stored(const json_t *obj);

#endif
