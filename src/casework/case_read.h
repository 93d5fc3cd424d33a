/*
 * case_read.h - reading one case: its row, its citizen, the parts of the
 * answer that follow from its events (the "case" object and the "events"
 * array, as JSON text: kept with the case whenever an event is stored,
 * case_answer.h, or made now from the events when there is no current
 * kept answer) and its evaluation against the municipality's standard as
 * of a date. The read is written to the access log before it returns.
 *
 * The caller holds one read transaction on env->store around the call
 * when the parts must be of one moment (the server's snapshot routes do).
 */
#ifndef GENOP_CASEWORK_CASE_READ_H
#define GENOP_CASEWORK_CASE_READ_H

#include <stdbool.h>
#include <stdint.h>

#include "case_answer.h"
#include "case_view.h"
#include "cpr.h"
#include "env.h"
#include "evaluate.h"
#include "strbuf.h"

typedef struct casework_case {
    case_view_loaded lc;          /* row, citizen, corrected view (lc.view) */
    genop_result evaluation;      /* of lc.view; borrows from it and the standard */
    const char *case_json;        /* the "case" object; borrowed from the parts below */
    const char *events_json;      /* the "events" array, likewise */
    char cpr_text[GENOP_CPR_TEXT_SIZE];  /* the CPR number as the actor may see it
                                          * ("DDMMYY-SSSS" or "DDMMYY-xxxx", roles.h) */
    bool sees_contact;            /* address, phone, relatives, Digital Post */
    genop_case_assigned assigned; /* who is responsible (assignment.h) */
    genop_case_stage stage;       /* where the case stands now (case_stage.h) */
    /* owned parts */
    genop_case_answer kept;
    genop_buf made_case, made_events;
} casework_case;

/* Reads case case_id of the actor's municipality (visitator, terapeut or
 * leder) and evaluates it as of as_of (has_as_of false: today). Refuses
 * with GENOP_ENOTFOUND for no such case in the municipality, and with
 * GENOP_ERANGE (field "as_of") when the case cannot be judged as of that
 * date. Release *out with casework_case_release() whatever the result. */
genop_err casework_case_read(const casework_env *env, const genop_user *actor, int64_t case_id,
                             bool has_as_of, genop_date as_of, casework_case *out,
                             genop_error *e);

void casework_case_release(casework_case *c);

#endif
