/*
 * event_input.h - an event as a client sends it (POST
 * /api/v1/cases/{id}/events, and the demo's cases), read into the typed
 * input of casework_event_append() (event_append.h).
 *
 * The body is one event: a type of shared/spec/evaluate.md, with
 * complaint_received's optional "channel" (oral | written) and "about"
 * (decision | service_level | professional; docs/complaints.md), or
 * appeal_decided (letters.md section 3: "outcome"), `assigned` (shared/spec/api.md: {"type",
 * "date", "role": "visitator" | "terapeut", "username"}; assignment.h
 * checks the user), one of genop's own, function_status and admitted (a
 * hospital admission, with no fields of its own; read by the core's
 * event reader), or one of the journal types:
 *   {"type": "note", "date", "text"}                     free text, no effect
 *   {"type": "correction", "date", "corrects": ID,       replaces event ID's
 *    "event": {...} | null, "reason"}                    content, or withdraws it
 *   {"type": "function_status", "date",                  the citizen's FSIII
 *    "phase": "start" | "end",                           function levels and
 *    "levels": [{"code", "level"}],                      own goals at the start
 *    "goals": [{"text", "reached"?}]}                    or end of the course
 * A granted decision carries its "grant" (letters.md section 1;
 * grant_input.h says what the API requires of it).
 * Any event may carry a free-text "text". Only the fields of the type are
 * kept for storing (plus "text"), so the record holds what the rules read
 * (and, for a function status, its levels and goals, and for a refusal,
 * its reasons (decision_reasons.h), which the case page shows). Reading checks the form of the event; whether it can have
 * happened on the case is casework_event_append()'s to judge.
 */
#ifndef GENOP_CASEWORK_EVENT_INPUT_H
#define GENOP_CASEWORK_EVENT_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "error.h"
#include "store.h"

#define CASEWORK_NOTE "note"
#define CASEWORK_CORRECTION "correction"

typedef enum casework_event_kind {
    CASEWORK_EVENT_SPEC,          /* a type the rules read (or genop's own) */
    CASEWORK_EVENT_NOTE,
    CASEWORK_EVENT_CORRECTION,
} casework_event_kind;

/* A checked event, ready to be judged against its case and stored. */
typedef struct casework_event {
    casework_event_kind kind;
    char type[32];              /* the API type: a spec type, "note" or "correction" */
    genop_date date;            /* the event's own date */
    genop_event ev;             /* SPEC: the event as the rules read it */
    genop_grant grant;          /* SPEC: a decision's exceptions (n = 0: none) */
    int64_t corrects;           /* CORRECTION: the id of the event it corrects */
    bool withdraws;             /* CORRECTION: "event": null */
    genop_event replacement;    /* CORRECTION unless it withdraws */
    genop_grant replacement_grant;  /* its exceptions */
    genop_role assign_role;     /* an `assigned` event (SPEC, or CORRECTION's */
    char assign_username[GENOP_USERNAME_MAX];   /* replacement): its role and user */
    char *stored;               /* owned: the JSON text to store */
} casework_event;

/* True when type is one a client may register: a spec type, assigned, function_status, admitted, note or
 * correction. */
bool casework_event_type_known(const char *type);

/* Reads the event object body into *out (zeroed first): refuses
 * (GENOP_EINVAL, the field's path, a Danish message) what is not a
 * well-formed event of a known type. The caller releases *out with
 * casework_event_release() whatever the result. */
genop_err casework_event_read(const json_t *body, casework_event *out, genop_error *e);

void casework_event_release(casework_event *ev);

#endif
