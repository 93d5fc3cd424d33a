/*
 * result_json.h - the JSON form of an evaluation (shared/spec/evaluate.md
 * section 3), as printed by `genop evaluate` and embedded by the server.
 *
 * There is one writer, genop_result_write_json(), which appends compact
 * JSON text to a buffer (fast enough for `evaluate --jsonl`); callers that
 * want a jansson tree parse that text (src/jsonio/result_tree.h).
 */
#ifndef GENOP_RESULT_JSON_H
#define GENOP_RESULT_JSON_H

#include "case.h"
#include "evaluate.h"
#include "strbuf.h"

/* Appends r as one compact JSON object to out. c, when not NULL, supplies
 * the case's own "id". Check genop_buf_failed(out) afterwards. */
void genop_result_write_json(const genop_result *r, const genop_case *c, genop_buf *out);

/* Appends one limit of an evaluation as the object its "limits" list
 * holds (a dry run's answer names the limits an event would exceed). */
void genop_limit_write_json(const genop_limit_result *l, genop_buf *out);

#endif
