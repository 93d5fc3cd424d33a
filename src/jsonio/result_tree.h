/*
 * result_tree.h - an evaluation's JSON object (result_json.h) as a jansson
 * tree, for callers that want a tree to look into (tests, fuzz targets):
 * the one writer's text, parsed.
 */
#ifndef GENOP_RESULT_TREE_H
#define GENOP_RESULT_TREE_H

#include <jansson.h>

#include "case.h"
#include "evaluate.h"

/* genop_result_write_json()'s object as a new jansson value (the caller
 * owns the reference), or NULL when memory ran out. */
json_t *genop_result_to_json(const genop_result *r, const genop_case *c);

#endif
