/*
 * result_json.h - the JSON form of an evaluation (shared/spec/evaluate.md
 * section 3), as printed by `genop evaluate` and embedded by the server.
 */
#ifndef GENOP_RESULT_JSON_H
#define GENOP_RESULT_JSON_H

#include <jansson.h>

#include "evaluate.h"

/* A new JSON object for r (the caller owns the reference), or NULL when
 * memory ran out. */
json_t *genop_result_to_json(const genop_result *r);

#endif
