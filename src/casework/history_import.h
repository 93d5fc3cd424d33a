/*
 * history_import.h - registering a whole case at once: its referral and
 * its ordered list of events, each as the typed input the API takes
 * (casework_referral, casework_event from casework_event_read()) with the
 * user who registers it, in ONE job of the environment's writer. For a
 * command that writes many cases of known history (`genop demo --db PATH
 * --cases N`), where registering them one event at a time would read,
 * judge, project and keep the whole case again for every event.
 *
 * The case is judged exactly as registering the referral
 * (casework_referral_register, referral.h) and then each event in turn
 * (casework_event_append, event_append.h) would judge it, by the same
 * functions: the referral's checks, then for each event the actor's
 * right to its type, the rules against the case so far - held in
 * memory, the view each judged event leads to - and an assignment's
 * user; each event is appended as it passes. Only at the end are the
 * case's projection (the worklist's rows), its kept answer (case_answer.h)
 * and the access log's rows written, once: one "case.create" row by the
 * referral's actor and one "event.append" row for each other user who
 * registered events (in the order they first did).
 *
 * A refusal of the referral or of any event fails the whole case: the
 * writer undoes the job, so nothing of the case is stored, and the
 * error is the one the API would have given for that registration, with
 * the index of the event at fault in the result. Unlike a refused event
 * of the API, which shows the stored case, the refusal of an import is
 * not logged as a read: the case it would quote was never stored.
 */
#ifndef GENOP_CASEWORK_HISTORY_IMPORT_H
#define GENOP_CASEWORK_HISTORY_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "event_input.h"
#include "referral_types.h"

/* One event of the case and who registers it; both borrowed. */
typedef struct casework_import_event {
    const genop_user *actor;
    const casework_event *ev;
} casework_import_event;

/* refused_at when the referral, not an event, was refused. */
#define CASEWORK_IMPORT_REFERRAL ((size_t)-1)

typedef struct casework_import_result {
    casework_referral_result referral;   /* as casework_referral_register() answers */
    int64_t last_event_id;                /* the id of the case's newest event */
    size_t refused_at;                    /* on a refusal: the event's index, or
                                           * CASEWORK_IMPORT_REFERRAL */
} casework_import_result;

/* Registers the referral in (borrowed) as actor (a visitator) and then
 * events[0..n) in order (borrowed), as one case. On success
 * out->referral.case_id is the new case; on a refusal (GENOP_EINVAL,
 * GENOP_EREFUSED, GENOP_EFORBIDDEN, GENOP_ECONFLICT as the API gives them;
 * GENOP_ENOTFOUND for an event's actor of another municipality, to whom
 * the case does not exist) nothing is stored and out->refused_at says
 * what was refused. *out is zeroed first. */
genop_err casework_history_import(const casework_env *env, const genop_user *actor,
                                  const casework_referral *in,
                                  const casework_import_event *events, size_t n,
                                  casework_import_result *out, genop_error *e);

#endif
