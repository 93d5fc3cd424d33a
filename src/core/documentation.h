/*
 * documentation.h - what the standard requires documented about a course,
 * judged on a case: today the end status (standard.h,
 * genop_documentation_rule), which a function_status event of phase end
 * records.
 *
 * The course is what genop_evaluate() calls the course everywhere: it
 * starts with the first counting session and ends with the (first)
 * `closed` event. A case closed before any counting session had no course
 * and needs no end status (a refusal, a citizen who declined). Pure: no
 * I/O, no allocation; the result borrows the standard's source.
 */
#ifndef GENOP_DOCUMENTATION_H
#define GENOP_DOCUMENTATION_H

#include <stdbool.h>

#include "case.h"
#include "standard.h"

/* Where a required end status stands. */
typedef enum genop_doc_status {
    GENOP_DOC_NOT_NEEDED,  /* no course (yet): no counting session */
    GENOP_DOC_DUE,         /* the course runs without one: due at its closure */
    GENOP_DOC_PRESENT,     /* an end status is registered */
    GENOP_DOC_MISSING,     /* the course was closed without one */
    GENOP_DOC_COUNT
} genop_doc_status;

typedef struct genop_documentation_result {
    /* The standard requires an end status for the case's paragraph; the
     * rest is set only then. */
    bool end_status_required;
    const genop_source *end_status_source;   /* borrowed from the standard */
    genop_doc_status end_status;
    /* The date the end status is due by: the closure's, when the course
     * was closed (present or missing); none before the closure. */
    bool has_end_status_due;
    genop_date end_status_due;
} genop_documentation_result;

/* The end status rule in Danish, for the standard's page and `genop
 * standard show`. Static. */
const char *genop_end_status_text(void);

/* "not_needed", "due", "present", "missing". */
const char *genop_doc_status_name(genop_doc_status s);

/* Judges c (sorted) of paragraph `para` against std's documentation rules
 * into *out (zeroed first). */
void genop_documentation_judge(const genop_case *c, const genop_standard *std, unsigned para,
                               genop_documentation_result *out);

#endif
