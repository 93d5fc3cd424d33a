/*
 * closure_reasons.h - the reasons a course may end (the `reason` of a
 * closed event), per standard.
 *
 * genop has general reasons that every municipality may use even where
 * its text says nothing (the course reached its goal, the citizen
 * declined, no-shows, moved, died, another reason); they are genop's own
 * and have no source. A standard's `closure_reasons` (standard.h) name the
 * grounds its own text gives, each with its source: one with the id of a
 * general reason gives that reason a source (and may change its label),
 * a new id adds to the list. The standard's effective list is its own
 * reasons in its order, then the general reasons it did not name.
 *
 * Besides them genop has its own reasons for ending a case that never had
 * a course (genop_case_end): a refusal that stands, and a complaint sent
 * to Ankestyrelsen. They are not the standard's and not always open: the
 * domain layer (src/casework/closure_reason.h) allows one only when the
 * case's events say it applies, so they are not in the effective list.
 *
 * The general reasons are defined here and nowhere else: the API, the web
 * application and the commands take them from this list. Pure: no I/O, no
 * allocation; every string is borrowed from the standard or static.
 */
#ifndef GENOP_CLOSURE_REASONS_H
#define GENOP_CLOSURE_REASONS_H

#include <stdbool.h>
#include <stddef.h>

#include "standard.h"

/* How many general reasons genop has. */
#define GENOP_GENERAL_REASONS 6
/* The most reasons a standard's effective list can hold. */
#define GENOP_REASONS_MAX (GENOP_CLOSURE_REASONS_MAX + GENOP_GENERAL_REASONS)

/* One reason of a standard's effective list. */
typedef struct genop_reason_entry {
    const char *id;
    const char *label;            /* Danish */
    const genop_source *source;   /* the standard's, or NULL when general */
    bool general;                 /* genop's general reason, not named by the standard */
} genop_reason_entry;

/* The i-th general reason (i < GENOP_GENERAL_REASONS), source NULL. */
genop_reason_entry genop_general_reason(size_t i);

/* The standard's effective list into out; returns how many. */
size_t genop_closure_reasons(const genop_standard *std, genop_reason_entry out[GENOP_REASONS_MAX]);

/* The reason id of the standard's effective list into *out; false when
 * the standard does not allow it (out is then untouched). */
bool genop_closure_reason_find(const genop_standard *std, const char *id, genop_reason_entry *out);

/* The ids of the effective list, in order, joined by ", ", into buf (cut
 * short, never overflowed, when it does not fit). Returns buf. */
const char *genop_closure_reason_ids(const genop_standard *std, char *buf, size_t size);

/* genop's own reasons for ending a case without a course. */
typedef enum genop_case_end {
    GENOP_END_REFUSED,              /* "refused": the latest decision refused, no complaint pending */
    GENOP_END_COMPLAINT_FORWARDED,  /* "complaint_forwarded": the complaint went to Ankestyrelsen */
    GENOP_CASE_END_COUNT
} genop_case_end;

/* One of them: its id, its label and when it may be used (Danish). */
typedef struct genop_case_end_reason {
    const char *id;
    const char *label;
    const char *when;   /* "når ...": the condition, to follow "kan kun bruges, " */
    const char *detail; /* what closing by it means, for the form */
} genop_case_end_reason;

/* The reason of end (< GENOP_CASE_END_COUNT); static. */
const genop_case_end_reason *genop_case_end_reason_of(genop_case_end end);

/* The case end whose id is id into *out; false when id is none of them. */
bool genop_case_end_find(const char *id, genop_case_end *out);

#endif
