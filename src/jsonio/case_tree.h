/*
 * case_tree.h - reading a case, or one event, from a jansson tree that a
 * caller already holds (a request body the server parsed, a correction's
 * "event" member): the core's one case reader (case_reader.h), driven by
 * a walk of the tree (json_tree.h), with no text in between. Results and
 * messages are those of case_json.h's genop_case_parse() and
 * genop_event_parse() for the same JSON text, which this header also
 * declares for callers that read both.
 */
#ifndef GENOP_CASE_TREE_H
#define GENOP_CASE_TREE_H

#include <jansson.h>

#include "case.h"
#include "case_json.h"
#include "error.h"
#include "json_tree.h"

/* genop_case_parse() for a case already parsed by jansson. root is only
 * read. */
genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e);

/* genop_event_parse() for an event already parsed by jansson: `path`
 * (e.g. "$.event") prefixes the messages. obj is only read. */
genop_err genop_event_from_json(const json_t *obj, const char *path, genop_event *ev,
                                genop_error *e);

/* genop_event_from_json() that keeps a decision's exceptions in *grant
 * (see genop_event_read_grant in case_reader.h). */
genop_err genop_event_from_json_grant(const json_t *obj, const char *path, genop_event *ev,
                                      genop_grant *grant, genop_error *e);

#endif
