/*
 * criteria.h - who can and cannot receive training under a standard: the
 * criteria a refusal's reasons name (shared/spec/letters.md section 1)
 * and GET /api/v1/standard lists.
 *
 * A standard's criteria are, in this order, its eligibility rules that
 * genop checks itself (minimum_age, residency, hospital_plan_excludes,
 * quarantine: the ids are the YAML keys, as in the standard's
 * `eligibility` JSON) and then the conditions of its `criteria` (the
 * target group the text describes, which a visitator judges). A refusal
 * may also give the reason "other" (GENOP_CRITERION_OTHER): a ground the
 * standard does not name, in the caseworker's words. None of these ids
 * may be used for a `criteria` item (genop_criterion_id_reserved).
 *
 * Pure: no I/O, no allocation; entries borrow from the standard.
 */
#ifndef GENOP_CRITERIA_H
#define GENOP_CRITERIA_H

#include <stdbool.h>
#include <stddef.h>

#include "standard.h"

/* The reason for a refusal on a ground the standard does not name. */
#define GENOP_CRITERION_OTHER "other"
/* How many eligibility rules a standard can have. */
#define GENOP_ELIGIBILITY_RULES 4
/* The most criteria a standard's list can hold. */
#define GENOP_CRITERIA_ALL_MAX (GENOP_ELIGIBILITY_RULES + GENOP_CRITERIA_MAX)
/* Room for any criterion's text (the loader bounds a `criteria` text to
 * GENOP_CRITERION_TEXT_MAX bytes; the rules' sentences are shorter). */
#define GENOP_CRITERION_TEXT_MAX 400

typedef enum genop_criterion_kind {
    GENOP_CRITERION_ELIGIBILITY,   /* a rule genop checks (minimum_age, ...) */
    GENOP_CRITERION_TARGET_GROUP,  /* a condition of `criteria`, for the visitator */
} genop_criterion_kind;

/* One criterion of a standard's list. rule is the `criteria` item (NULL
 * for an eligibility rule). */
typedef struct genop_criterion_entry {
    const char *id;
    genop_criterion_kind kind;
    unsigned paragraphs;
    const genop_source *source;
    const genop_criterion *rule;
} genop_criterion_entry;

/* The standard's criteria into out, eligibility rules first; returns how
 * many. */
size_t genop_criteria(const genop_standard *std,
                      genop_criterion_entry out[GENOP_CRITERIA_ALL_MAX]);

/* The criterion's Danish text: a `criteria` item's own (borrowed from the
 * standard), or an eligibility rule's sentence written into buf
 * (standard_text.h; size GENOP_CRITERION_TEXT_MAX is enough). */
const char *genop_criterion_text(const genop_standard *std, const genop_criterion_entry *c,
                                 char *buf, size_t size);

/* The criterion id of std's list into *out; false when std has none by
 * that id (out untouched). "other" is no criterion of a list. */
bool genop_criterion_find(const genop_standard *std, const char *id, genop_criterion_entry *out);

/* True for the ids a `criteria` item may not have: the eligibility
 * rules' and "other". */
bool genop_criterion_id_reserved(const char *id);

/* The ids of std's list and then "other", joined by ", ", into buf (cut
 * short, never overflowed). Returns buf. */
const char *genop_criterion_ids(const genop_standard *std, char *buf, size_t size);

#endif
