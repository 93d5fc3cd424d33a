/*
 * case_view.h - a case's events as the rules see them.
 *
 * The store keeps every event ever registered, in registration order,
 * including the API's own journal types: `note` (free text, no effect on
 * the rules) and `correction` (points at an earlier event by id and either
 * replaces its content with {"event": {...}} or withdraws it with
 * {"event": null}). The corrected view is what genop_evaluate() and
 * genop_event_admissible() read: notes and corrections left out, each
 * corrected event replaced by its latest correction's event, each
 * withdrawn event gone, sorted by date (stable, so events of one day keep
 * their registration order).
 */
#ifndef GENOP_CASE_VIEW_H
#define GENOP_CASE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "case.h"
#include "error.h"
#include "standard.h"
#include "store.h"

#define CASE_VIEW_NOTE "note"
#define CASE_VIEW_CORRECTION "correction"

/* True for the API's journal types, note and correction. */
bool case_view_is_journal(const char *type);

/* The latest correction of event id among rows[0..n), or NULL. Borrowed
 * from rows. */
const genop_event_row *case_view_correction_of(const genop_event_row *rows, size_t n,
                                               int64_t id);

/* Empties c and sets what the view takes from outside the events: the
 * citizen's birth date and the code of the municipality they live in
 * (the standard's own when not known). The case gets no "id" of
 * its own, so that its evaluation is exactly the
 * object `genop evaluate` prints for a case of these events. */
void case_view_init(genop_case *c, const genop_citizen *cit, const genop_standard *std);

/* The stored body of row as it counts now: a new reference to the row's
 * own body, or to its latest correction's replacement event; NULL if the
 * event is withdrawn (or a body cannot be read). */
json_t *case_view_current_body(const genop_event_row *rows, size_t n, const genop_event_row *row);

/* Builds the corrected view of rows[0..n) into c (reset first, its
 * allocation reused, set up by case_view_init), leaving out event `skip`
 * too (0: none). Does not check the case's invariants (see genop_case_check). */
genop_err case_view_build(const genop_event_row *rows, size_t n, int64_t skip,
                          const genop_citizen *cit, const genop_standard *std, genop_case *c,
                          genop_error *e);

/* A case as the handlers work on it: its row, its citizen, its stored
 * events and their corrected view. */
typedef struct case_view_loaded {
    genop_case_row row;
    genop_citizen cit;
    genop_list events;            /* genop_event_row[], registration order */
    genop_case view;              /* corrected, sorted */
} case_view_loaded;

/* Loads case id of municipality muni and builds its view against std.
 * GENOP_ENOTFOUND if there is no such case in muni. Release with
 * case_view_release() whatever the result. */
genop_err case_view_load(genop_store *s, const char *muni, int64_t id, const genop_standard *std,
                         case_view_loaded *lc, genop_error *e);
void case_view_release(case_view_loaded *lc);

/* The second half of case_view_load(), for a caller that has lc's row and
 * citizen already: the case's events and their view. */
genop_err case_view_load_events(genop_store *s, const genop_standard *std, case_view_loaded *lc,
                                genop_error *e);

#endif
