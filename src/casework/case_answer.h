/*
 * case_answer.h - the parts of a case read's answer (GET
 * /api/v1/cases/{id}) that follow from the case's events alone: the
 * "case" object, the "events" array and the corrected view the evaluation
 * reads. They are made once, whenever an event is stored (in the same
 * transaction), and kept with the case (genop_store_case_answer_*), so a
 * read fetches one row instead of reading, parsing and copying every
 * event again. The "citizen" object (it depends on the reader's role and
 * the day) and the "evaluation" (it depends on the day) are made at each
 * read, the evaluation from the kept view.
 *
 * A kept answer is used only while the case's newest event is the one it
 * was made from; a case without a current one (stored before genop kept
 * answers, or written by other means) is read from its events as before,
 * with the same functions, so both ways give the same answer.
 */
#ifndef GENOP_CASE_ANSWER_H
#define GENOP_CASE_ANSWER_H

#include "case_pack.h"
#include "case_view.h"
#include "error.h"
#include "standard.h"
#include "store.h"
#include "strbuf.h"

/* The version of the answer's JSON parts: 2 since every event has its
 * number within the case and the case its end_reasons. */
#define CASE_ANSWER_JSON_VERSION 2
/* What a kept answer's view_format holds: the JSON parts' version times
 * 100 plus the view's format (case_pack.h), so that a change of either
 * makes the answers kept before it not current. */
#define CASE_ANSWER_FORMAT (CASE_ANSWER_JSON_VERSION * 100 + GENOP_CASE_PACK_FORMAT)

/* Writes the answer's "case" object for lc into b; its "end_reasons" are
 * genop's own reasons for ending a case without a course, each with
 * whether it applies to the case now (closure_reason.h). */
genop_err case_answer_write_case(genop_buf *b, const case_view_loaded *lc, genop_error *e);

/* Writes the answer's "events" array for the stored events (in the order
 * of registration) into b: each event with its id, its number within the
 * case (1, 2, ... in that order), its stored fields, author, registration
 * time, and (originals) whether it is current, corrected or withdrawn. */
genop_err case_answer_write_events(genop_buf *b, const genop_list *events, genop_error *e);

/* Loads case case_id of muni as it is now inside the caller's transaction
 * (after its newest event) and keeps its answer. */
genop_err case_answer_store(genop_store *s, const char *muni, int64_t case_id,
                            const genop_standard *std, genop_error *e);

/* Keeps the answer of the case lc as loaded (its row with the projection
 * as stored, its citizen, events and their view), inside the caller's
 * transaction. */
genop_err case_answer_keep_loaded(genop_store *s, const case_view_loaded *lc, genop_error *e);

/* Keeps the answer of the case whose row (with its projection as just
 * stored), citizen and stored events were loaded before the event `added`
 * was appended inside the caller's transaction: what case_answer_store()
 * would keep, without reading the case again. */
genop_err case_answer_keep(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                           const genop_list *events, const genop_event_row *added,
                           const genop_standard *std, genop_error *e);

/* The kept answer of case case_id of muni into *a, and its view into view
 * (emptied and set up for the citizen cit and std, as case_view_init
 * does). GENOP_ENOTFOUND when there is no current kept answer: the caller
 * reads the case from its events. On success the caller releases a with
 * genop_case_answer_release() and view with genop_case_release(). */
genop_err case_answer_load(genop_store *s, const char *muni, int64_t case_id,
                           const genop_citizen *cit, const genop_standard *std,
                           genop_case_answer *a, genop_case *view, genop_error *e);

#endif
