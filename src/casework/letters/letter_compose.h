/*
 * letter_compose.h - composing a letter (src/letters/letter_doc.h) from a
 * case, its citizen, the municipality's standard and the caseworker's own
 * words (shared/spec/letters.md section 2; docs/letters.md).
 *
 * A letter is made for one event of the case: the latest one (by date,
 * then registration) of the type its kind is for, as the case's event
 * log has it now (notes left out, corrections applied, withdrawn events
 * gone):
 *
 *   kind                 event                letter
 *   decision             decision             the decision: a grant, a
 *                                             partial grant or a refusal
 *   complaint_decision   complaint_decided    the reconsideration's result
 *   complaint_forwarded  complaint_forwarded  the notice that the complaint
 *                                             went to Ankestyrelsen
 *   course_ended         closed               the decision to end the course
 *
 * A decision letter is a partial grant when the caseworker says so
 * (partial): genop does not record what the citizen applied for, so it
 * cannot see that a grant is less; the caseworker's text then says what
 * was not granted and why, and the letter gives it under its own heading
 * with the complaint guidance a refusal has.
 *
 * Everything the letter says of a rule comes from the standard and the
 * core's evaluation of the case as of the letter's date (genop_evaluate:
 * the dates the standard promises, the complaint deadlines), each
 * followed by its source. Pure apart from memory: no store, no clock.
 */
#ifndef GENOP_CASEWORK_LETTER_COMPOSE_H
#define GENOP_CASEWORK_LETTER_COMPOSE_H

#include <stdint.h>

#include "error.h"
#include "letter_doc.h"
#include "standard.h"
#include "letter_types.h"

/* Composes the letter rq asks for into *out (the caller frees it with
 * genop_letter_doc_free) and the id of the stored event it is for into
 * *event_id. Refuses with GENOP_EREFUSED when the case has no event of
 * the kind (field "$.kind"), when a partial grant is asked for a refusal
 * or without text, or when a complaint decision not upheld in full has
 * no text (field "$.text": its reasons are the caseworker's); GENOP_EINVAL
 * (field "$.text") for text that is too long or not printable. */
genop_err letter_compose(const letter_case *lc, const letter_request *rq,
                         genop_letter_doc **out, int64_t *event_id, genop_error *e);

/* Appends the municipality's letterhead (the standard's `letters.sender`:
 * the municipality, the unit, its address, phone, e-mail, web) to doc's
 * sender lines; every document genop sends the citizen (a letter, the
 * aktindsigt) carries the same. */
genop_err letter_add_letterhead(genop_letter_doc *doc, const genop_standard *std, genop_error *e);

#endif
