/*
 * standard_json.h - a quality standard as one JSON document, for
 * GET /api/v1/standard and anything else that shows a standard to people:
 * who issued it and when, its plain-language content, and every rule
 * (deadlines, limits, attendance, eligibility) with its values, a Danish
 * sentence saying what it promises (standard_text.h) and its source (the
 * section, the standard's own words, genop's note where the text is
 * ambiguous, and the citation every result carries); and the reasons a
 * course may end (closure_reasons.h) and the standard's own revision
 * (revision.h).
 *
 * The document's fields are described in docs/openapi.yaml (schema
 * Standard). Pure: no I/O. It is built as a jansson tree (the server
 * answers with one), so it lives in src/jsonio, outside the core.
 */
#ifndef GENOP_STANDARD_JSON_H
#define GENOP_STANDARD_JSON_H

#include <jansson.h>

#include "error.h"
#include "standard.h"

/* Builds std's document into *out, a new reference the caller releases
 * with json_decref(). std is only read. A byte of a text that is not
 * valid UTF-8 is written as '?'. GENOP_ENOMEM, with *out NULL, when
 * memory ran out. */
genop_err genop_standard_to_json(const genop_standard *std, json_t **out, genop_error *e);

/* The same document with the standard's own revision judged as of *today
 * (revision.overdue and revision.warning); genop_standard_to_json() is
 * this with today NULL, which leaves both null. */
genop_err genop_standard_to_json_on(const genop_standard *std, const genop_date *today,
                                    json_t **out, genop_error *e);

#endif
