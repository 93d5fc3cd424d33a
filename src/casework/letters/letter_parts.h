/*
 * letter_parts.h - what the files that compose letters share (nothing
 * outside src/casework/letters/ includes it): one composition's context,
 * and the parts every letter has (the legal basis, a source, the
 * caseworker's text, the obligations; letter_parts.c). letter_compose.c
 * makes the context and the frame; letter_decision.c writes a decision's
 * body, letter_notices.c the bodies of the other kinds, and
 * complaint_guidance.c the complaint guidance.
 */
#ifndef GENOP_CASEWORK_LETTER_PARTS_H
#define GENOP_CASEWORK_LETTER_PARTS_H

#include <jansson.h>

#include "evaluate.h"
#include "letter_doc.h"
#include "letter_types.h"

/* One composition. Borrows lc and rq; event is a reference the
 * composition owns (the current body of the event the letter is for). */
typedef struct letter_ctx {
    const letter_case *lc;
    const letter_request *rq;
    genop_letter_doc *doc;
    json_t *event;
    genop_date event_date;
    genop_result eval;        /* the case as of the letter's date */
} letter_ctx;

/* "serviceloven § 86, stk. 1" (or stk. 2) for the case's paragraph;
 * the law's full name for a source ("Lov om social service § 86, stk. 1");
 * the service ("genoptræning", "vedligeholdende træning"). Static. */
const char *lp_legal_basis(const letter_ctx *c);
const char *lp_law_name(const letter_ctx *c);
const char *lp_service(const letter_ctx *c);

/* A SOURCE block naming src: "Kilde: <standard's title>, <municipality>,
 * afsnittet »<section>«", or "Kilde: <law> <paragraph>". Nothing for a
 * source without either (an unread rule). */
genop_err lp_source(letter_ctx *c, const genop_source *src, genop_error *e);
/* A SOURCE block naming a law ("Kilde: Lov om social service § 86, stk. 1"). */
genop_err lp_law(letter_ctx *c, const char *law, genop_error *e);

/* "Klagen har ikke opsættende virkning" and what that means, "mens
 * <who> behandler klagen", with its source (retssikkerhedsloven § 72,
 * stk. 1). */
genop_err lp_no_suspension(letter_ctx *c, const char *who, genop_error *e);

/* The caseworker's text under heading (nothing when there is none). */
genop_err lp_text(letter_ctx *c, const char *heading, genop_error *e);

/* The standard's obligations of the citizen under "Det forventes af dig". */
genop_err lp_obligations(letter_ctx *c, genop_error *e);

/* The evaluation's deadline id, or NULL. Borrowed from c->eval. */
const genop_deadline_result *lp_deadline(const letter_ctx *c, const char *id);

/* The date of the stored body's "date" member into *out; false without. */
bool lp_body_date(const json_t *body, genop_date *out);

/* The latest event of type (by date, then registration) among the
 * case's stored events as they count now, with its current body (a new
 * reference, or NULL when there is none) and stored id. */
json_t *lp_latest_event(const letter_case *lc, const char *type, int64_t *id, genop_date *date);

/* letter_decision.c: the body of a decision letter (grant, partial
 * grant, refusal), with its complaint guidance. */
genop_err letter_decision_body(letter_ctx *c, genop_error *e);

/* letter_notices.c: the bodies of the other kinds. */
genop_err letter_complaint_decision_body(letter_ctx *c, genop_error *e);
genop_err letter_complaint_forwarded_body(letter_ctx *c, genop_error *e);
genop_err letter_course_ended_body(letter_ctx *c, genop_error *e);

#endif
