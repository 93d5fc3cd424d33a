/*
 * letter_types.h - the kinds of letters and what composing one takes (the
 * case, the caseworker's request), shared by letter_compose.h (the
 * entry) and letter_parts.h (the files that compose the bodies), so that
 * neither header includes the other.
 */
#ifndef GENOP_CASEWORK_LETTER_TYPES_H
#define GENOP_CASEWORK_LETTER_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "standard.h"
#include "store.h"

typedef enum letter_kind {
    LETTER_DECISION,
    LETTER_COMPLAINT_DECISION,
    LETTER_COMPLAINT_FORWARDED,
    LETTER_COURSE_ENDED,
    LETTER_KIND_COUNT
} letter_kind;

/* The kind's contract name ("decision", ...) and back; false for an
 * unknown name. */
const char *letter_kind_name(letter_kind kind);
bool letter_kind_from_name(const char *name, letter_kind *out);
/* The event type a letter of kind is for ("complaint_decided"). */
const char *letter_kind_event(letter_kind kind);
/* The kind's names joined by ", " (a static string, for messages). */
const char *letter_kind_names(void);

/* The case a letter is composed from; everything borrowed. */
typedef struct letter_case {
    const genop_standard *std;
    const genop_case_row *row;       /* its id and paragraph */
    const genop_citizen *cit;        /* name and address */
    const genop_event_row *rows;     /* the stored events, registration order */
    size_t n_rows;
    const genop_case *view;          /* their corrected view, sorted */
} letter_case;

/* What the caseworker asks for; strings borrowed. */
typedef struct letter_request {
    letter_kind kind;
    const char *text;     /* the individual assessment, or NULL */
    bool partial;         /* decision: a partial grant (text required) */
    const char *author;   /* who signs: the caseworker's name */
    genop_date date;      /* the letter's date */
} letter_request;

/* Most bytes of the caseworker's text. */
#define LETTER_TEXT_MAX 8000

#endif
