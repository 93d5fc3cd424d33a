/*
 * case_fields.h - the fields of the JSON case format (shared/spec/
 * evaluate.md section 2) and what they must hold: the keys genop reads in
 * each kind of object, their values as the reader (case_reader.c) found
 * them, and the checks that turn those values into a genop_event or the
 * case's own fields, one per event type. Private to the case reader.
 *
 * The reader copies the value of every key genop reads into a raw_value
 * slot (bounded text, no allocation) and calls the checks when the object
 * closes, so the checks see all of its fields at once and key order in
 * the input does not matter. Every message starts with the JSON path of
 * what is wrong, which the reader passes in ("$.events[2]", or the path a
 * caller gave a single event).
 *
 * A function_status event (genop's own type: the citizen's FSIII function
 * levels and goals at the start or end of the course) holds two lists,
 * `levels` [{code, level}] and `goals` [{text, reached}]. Their items are
 * checked as each one closes (a known FSIII code, a level of the scale,
 * no condition twice) and summed up in status_items, without keeping
 * them: no rule reads them, and the store keeps the event's text. What
 * the items came to is judged when the event closes, once its type and
 * phase are known, so key order does not matter here either.
 *
 * A decision's `grant` (shared/spec/letters.md section 1) is read the same
 * way: its fields into grant_items, each of its `exceptions` checked as it
 * closes (a known limit id, not twice, a positive max, a reason), and the
 * whole judged when the event closes. The exceptions themselves are kept
 * by the reader (in the case's side array, or the caller's genop_grant);
 * their reasons, up to GENOP_EXCEPTION_REASON_MAX bytes, are longer than a
 * raw_value holds, so the reader hands the full text in beside the item.
 */
#ifndef GENOP_CASE_FIELDS_H
#define GENOP_CASE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "error.h"
#include "fsiii.h"

/* Room for the longest text genop keeps (a condition) plus one byte that
 * shows the input was longer. */
#define RAW_TEXT_SIZE (GENOP_CONDITION_MAX + 2)

typedef enum raw_type {
    RAW_ABSENT, RAW_STRING, RAW_INTEGER, RAW_REAL, RAW_BOOL, RAW_NULL, RAW_OBJECT, RAW_ARRAY
} raw_type;

/* The value of one key as the input gave it. */
typedef struct raw_value {
    raw_type type;
    bool has_nul;                 /* a string with \u0000 in it */
    size_t len;                   /* full length of a string */
    char text[RAW_TEXT_SIZE];     /* NUL-terminated, cut at RAW_TEXT_SIZE - 1 */
    long long integer;
    bool boolean;
} raw_value;

/* The keys genop reads, per kind of object: each enum indexes both the
 * object's raw_value slots and its table of key names. */
enum { K_TYPE, K_DATE, K_PARAGRAPH, K_CONDITION, K_GRANTED, K_MINUTES, K_OUTCOME,
       K_KIND, K_UPHELD, K_REASON, K_PHASE, K_LEVELS, K_GOALS, K_ROLE, K_USERNAME,
       K_GRANT, K_CHANNEL, K_ABOUT, N_EVENT_KEYS };
extern const char *const case_event_keys[N_EVENT_KEYS];
/* The items of a function_status event's lists. */
enum { K_CODE, K_LEVEL, N_LEVEL_KEYS };
extern const char *const case_level_keys[N_LEVEL_KEYS];
enum { K_TEXT, K_REACHED, N_GOAL_KEYS };
extern const char *const case_goal_keys[N_GOAL_KEYS];
/* A decision's grant, and one of its exceptions. */
enum { K_FORM, K_PLACE, K_SESSIONS_PER_WEEK, K_MINUTES_PER_SESSION, K_SESSIONS, K_UNTIL,
       K_TRANSPORT, K_EXCEPTIONS, N_GRANT_KEYS };
extern const char *const case_grant_keys[N_GRANT_KEYS];
enum { K_EX_LIMIT, K_EX_MAX, K_EX_REASON, N_EXCEPTION_KEYS };
extern const char *const case_exception_keys[N_EXCEPTION_KEYS];
enum { K_BIRTH_DATE, K_MUNICIPALITY_CODE, N_CITIZEN_KEYS };
extern const char *const case_citizen_keys[N_CITIZEN_KEYS];
enum { K_AS_OF, K_ID, K_CITIZEN, K_EVENTS, N_ROOT_KEYS };
extern const char *const case_root_keys[N_ROOT_KEYS];

/* A level and a goal have two keys each. */
#define N_ITEM_KEYS 2
_Static_assert(N_LEVEL_KEYS == N_ITEM_KEYS && N_GOAL_KEYS == N_ITEM_KEYS, "item keys");

/* What the items of the current event's levels and goals came to. */
typedef struct status_items {
    size_t n_levels, n_goals;     /* items opened so far */
    bool seen[GENOP_FSIII_CONDITIONS_MAX];  /* conditions given a level */
    long first_reached;           /* first goal with "reached", or -1 */
    long first_unreached;         /* first goal without it, or -1 */
    genop_err err;                /* the first bad item (GENOP_OK: none) ... */
    genop_error first;            /* ... and its message */
} status_items;

/* What the current event's grant came to: its own fields, and how its
 * exceptions went (the good ones are kept by the reader). */
typedef struct grant_items {
    raw_value fields[N_GRANT_KEYS];  /* all RAW_ABSENT without a grant object */
    size_t n_exceptions;          /* items opened so far */
    unsigned seen;                /* limits given an exception, bit per genop_limit_kind */
    genop_err err;                /* the first bad item (GENOP_OK: none) ... */
    genop_error first;            /* ... and its message */
} grant_items;

/* "et objekt", "en tekst", ...: a type as messages name it. */
const char *raw_type_da(raw_type t);

/* Forgets the items of the previous event. Cheap: this runs for every
 * event; `seen` is cleared only when a levels list opens. */
void status_items_reset(status_items *s);

/* Records the first bad item of the current event in s; it is reported
 * if the event turns out to be a function_status. */
void status_items_fail(status_items *s, genop_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One {code, level} at path is complete (item holds its N_ITEM_KEYS
 * values): a known condition, not seen before in this event, and a step
 * of the scale. */
void status_items_level(status_items *s, const raw_value *item, const char *path);

/* One {text, reached} at path, goal number index of its event, is
 * complete. Whether `reached` must be there depends on the phase, so only
 * where it is and is not is noted. */
void status_items_goal(status_items *s, const raw_value *item, const char *path, long index);

/* Forgets the previous event's grant. */
void grant_items_reset(grant_items *g);

/* Records the first bad exception of the current event's grant in g. */
void grant_items_fail(grant_items *g, genop_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One {limit, max, reason} at path is complete: item holds its
 * N_EXCEPTION_KEYS values, reason the full text of its reason (NUL-
 * terminated, cut after GENOP_EXCEPTION_REASON_MAX + 1 bytes). True, with
 * *out filled (but its seq), when it is good; else the fault is noted in
 * g. */
bool grant_items_exception(grant_items *g, const raw_value *item, const char *reason,
                           const char *path, genop_exception *out);

/* Turns the raw fields o of one event object at path (and what the items
 * of its lists and its grant came to) into *ev. */
genop_err case_fields_event(const raw_value *o, const status_items *items,
                            const grant_items *grant, const char *path, genop_event *ev,
                            genop_error *e);

/* The citizen object's fields into c. */
genop_err case_fields_citizen(const raw_value *o, genop_case *c, genop_error *e);

/* The case object's own fields into c, once it is complete. */
genop_err case_fields_root(const raw_value *o, genop_case *c, genop_error *e);

#endif
