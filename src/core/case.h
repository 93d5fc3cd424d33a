/*
 * case.h - a § 86 case as an ordered list of dated events.
 *
 * This is the in-memory form genop_evaluate() reads. A genop_case owns its
 * event array; events carry only what the rules need (strings such as the
 * condition are bounded and stored inline, so a case is a few allocations
 * at most and can be reset and reused for the next case in a stream).
 *
 * A granted decision's exceptions to the standard's limits (letters.md
 * section 1, `grant.exceptions`) are the one part of an event with long
 * text (the reason) that the rules read. They are kept beside the events,
 * in the case's own array of genop_exception, each linked to its decision
 * by the event's seq, so that a genop_event stays small for the many
 * events that have none. The rest of a grant (form, place, frequency) is
 * checked when read but not kept: no rule reads it, and the store keeps
 * the event's text.
 */
#ifndef GENOP_CASE_H
#define GENOP_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "standard.h"

typedef enum genop_event_type {
    GENOP_EV_REFERRAL_RECEIVED,
    GENOP_EV_CONTACTED,
    GENOP_EV_ASSESSMENT,
    GENOP_EV_DECISION,
    GENOP_EV_DECISION_RECEIVED,
    GENOP_EV_GRANT_RECEIVED,
    GENOP_EV_SESSION,
    GENOP_EV_CLOSED,
    GENOP_EV_COMPLAINT_RECEIVED,
    GENOP_EV_COMPLAINT_DECIDED,
    GENOP_EV_COMPLAINT_FORWARDED,
    GENOP_EV_HOSPITAL_PLAN,
    GENOP_EV_PREVIOUS_COURSE,
    GENOP_EV_FUNCTION_STATUS,   /* genop's own: FSIII status; no effect on the rules */
    GENOP_EV_ADMITTED,          /* genop's own: admitted to hospital (attendance) */
    GENOP_EV_ASSIGNED,          /* a user made responsible (api.md); no effect on the rules */
    GENOP_EV_APPEAL_DECIDED,    /* Ankestyrelsen's ruling (letters.md); no effect on the rules */
    GENOP_EV_COUNT
} genop_event_type;

typedef enum genop_outcome {
    GENOP_OUTCOME_ATTENDED,
    GENOP_OUTCOME_CITIZEN_CANCELLED,
    GENOP_OUTCOME_NO_SHOW,
    GENOP_OUTCOME_PROVIDER_CANCELLED,
    GENOP_OUTCOME_COUNT
} genop_outcome;

typedef enum genop_session_kind {
    GENOP_SESSION_TRAINING,
    GENOP_SESSION_ASSESSMENT,
    GENOP_SESSION_KIND_COUNT
} genop_session_kind;

typedef enum genop_upheld {
    GENOP_UPHELD_FULL,
    GENOP_UPHELD_PARTIAL,
    GENOP_UPHELD_NONE,
    GENOP_UPHELD_COUNT
} genop_upheld;

/* Ankestyrelsen's ruling on a forwarded complaint (appeal_decided,
 * letters.md section 3): stadfæstet, ændret, ophævet, hjemvist. No effect
 * on the rules; the domain layer reads it (a remitted case needs a new
 * decision). */
typedef enum genop_appeal_outcome {
    GENOP_APPEAL_UPHELD,
    GENOP_APPEAL_CHANGED,
    GENOP_APPEAL_ANNULLED,
    GENOP_APPEAL_REMITTED,
    GENOP_APPEAL_COUNT
} genop_appeal_outcome;

/* A function_status event records the citizen's function ability at the
 * start or at the end of the course (FSIII levels and the citizen's own
 * goals; see fsiii.h). Only the phase is kept in memory: the levels and
 * goals are checked when the event is read and kept by the caller's store,
 * since no rule reads them. */
typedef enum genop_status_phase {
    GENOP_PHASE_START,
    GENOP_PHASE_END,
    GENOP_PHASE_COUNT
} genop_status_phase;

/* Longest condition text kept (bytes, without the NUL). */
#define GENOP_CONDITION_MAX 127
/* Most events one case may hold. */
#define GENOP_CASE_EVENTS_MAX 10000

/* One event as the rules read it. Kept outside memory only in the form
 * of case_pack.h (the format's own codes), never as the struct's bytes. */
typedef struct genop_event {
    genop_event_type type;
    genop_date date;
    uint32_t seq;             /* position in the input: keeps sorting stable */
    unsigned paragraph;       /* referral_received: GENOP_PARA_* bit */
    bool granted;             /* decision */
    int minutes;              /* session */
    genop_outcome outcome;    /* session */
    genop_session_kind kind;  /* session */
    genop_upheld upheld;      /* complaint_decided */
    genop_status_phase phase; /* function_status */
    bool has_about;           /* complaint_received: `about` was given */
    genop_complaint_about about;  /* complaint_received, when has_about */
    genop_appeal_outcome appeal;  /* appeal_decided */
    /* One text, named for its event: a referral's or previous course's
     * condition, a closure's reason (the reason as given when it fits,
     * else empty: the rules never read it; reports count closures by it). */
    union {
        char condition[GENOP_CONDITION_MAX + 1]; /* referral, previous_course */
        char reason[GENOP_CONDITION_MAX + 1];    /* closed */
    };
} genop_event;

/* Longest reason of a grant's exception (bytes, without the NUL). */
#define GENOP_EXCEPTION_REASON_MAX 1000
/* Most exceptions one grant may hold: one per limit of evaluate.md. */
#define GENOP_GRANT_EXCEPTIONS_MAX GENOP_LIMIT_COUNT
/* The largest max an exception may set (a count, minutes or days). */
#define GENOP_EXCEPTION_MAX_MAX 100000

/* One exception a granted decision makes to a limit of the standard:
 * the limit is judged against max instead (for course_length, max is
 * days), for reason. */
typedef struct genop_exception {
    uint32_t seq;             /* the seq of the decision event that grants it */
    genop_limit_kind limit;
    long max;
    char reason[GENOP_EXCEPTION_REASON_MAX + 1];
} genop_exception;

/* The exceptions of one grant, as a single event's reader gives them
 * (genop_event_read_grant); seq is not set until they join a case. */
typedef struct genop_grant {
    size_t n;
    genop_exception items[GENOP_GRANT_EXCEPTIONS_MAX];
} genop_grant;

/* Longest case id kept (bytes, without the NUL). */
#define GENOP_CASE_ID_MAX 127

typedef enum genop_case_id_kind {
    GENOP_CASE_ID_NONE,
    GENOP_CASE_ID_STRING,   /* "id": "c3" */
    GENOP_CASE_ID_NUMBER    /* "id": 17, kept as its decimal text */
} genop_case_id_kind;

typedef struct genop_case {
    genop_case_id_kind id_kind;  /* the caller's own id, echoed in results */
    char id[GENOP_CASE_ID_MAX + 1];
    bool has_birth_date;
    genop_date birth_date;
    bool has_municipality_code;
    int municipality_code;
    bool has_as_of;
    genop_date as_of;
    genop_event *events;      /* owned */
    size_t n_events;
    size_t cap_events;
    /* Owned: the exceptions of the case's granted decisions, in the order
     * they were added; those of one decision are next to each other. */
    genop_exception *exceptions;
    size_t n_exceptions;
    size_t cap_exceptions;
} genop_case;

const char *genop_event_type_name(genop_event_type t);
bool genop_event_type_from_name(const char *name, genop_event_type *out);
const char *genop_outcome_name(genop_outcome o);
bool genop_outcome_from_name(const char *name, genop_outcome *out);
const char *genop_session_kind_name(genop_session_kind k);
bool genop_session_kind_from_name(const char *name, genop_session_kind *out);
const char *genop_upheld_name(genop_upheld u);
bool genop_upheld_from_name(const char *name, genop_upheld *out);
const char *genop_status_phase_name(genop_status_phase p);
bool genop_status_phase_from_name(const char *name, genop_status_phase *out);
const char *genop_appeal_outcome_name(genop_appeal_outcome o);
bool genop_appeal_outcome_from_name(const char *name, genop_appeal_outcome *out);

/* Empties c (keeping its allocation for reuse). */
void genop_case_reset(genop_case *c);
/* Frees what c owns; c itself is the caller's. */
void genop_case_release(genop_case *c);

/* Appends a copy of ev (seq is set to its position). GENOP_ETOOBIG past
 * GENOP_CASE_EVENTS_MAX events. */
genop_err genop_case_add(genop_case *c, const genop_event *ev, genop_error *e);

/* Appends a copy of ev and, when g is not NULL, g's exceptions linked to
 * it (g is only read). On failure c is as before. */
genop_err genop_case_add_granted(genop_case *c, const genop_event *ev, const genop_grant *g,
                                 genop_error *e);

/* Appends a copy of x to c's exceptions as it is (the caller sets its
 * seq: that of the decision it belongs to). */
genop_err genop_case_add_exception(genop_case *c, const genop_exception *x, genop_error *e);

/* The exceptions of the event with seq `seq` into *n, and the first of
 * them (NULL when none). Borrowed from c until its exceptions change. */
const genop_exception *genop_case_exceptions(const genop_case *c, uint32_t seq, size_t *n);

/* Sorts the events by date, stable for equal dates. */
void genop_case_sort(genop_case *c);

/* A session counts unless the provider cancelled it. */
bool genop_session_counts(const genop_event *ev);

/* The one referral_received event, or NULL if there is none. Borrowed from
 * c: valid until the case's events change (add, sort, reset, release). */
const genop_event *genop_case_referral(const genop_case *c);

/* Checks what every case must satisfy: exactly one referral. */
genop_err genop_case_check(const genop_case *c, genop_error *e);

#endif
