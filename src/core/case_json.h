/*
 * case_json.h - reading a case from its JSON form (shared/spec/evaluate.md,
 * section 2). Every error names the JSON path of what is wrong, e.g.
 * "$.events[2].date: ugyldig dato '2025-02-29': ...".
 *
 * The reader streams the text through yajl's event parser straight into a
 * genop_case, with no document tree in between: `genop evaluate --jsonl`
 * reads hundreds of thousands of cases a second this way. The json_t entry
 * points are thin adaptors for callers that already hold a jansson tree.
 */
#ifndef GENOP_CASE_JSON_H
#define GENOP_CASE_JSON_H

#include <jansson.h>

#include "case.h"
#include "error.h"

/* Longest case text accepted (bytes). */
#define GENOP_CASE_JSON_MAX (4u * 1024u * 1024u)

/* Reads the case text[0..len) into c (reset first; its allocation is
 * reused), checks the case invariants (genop_case_check) and sorts the
 * events. Duplicate keys in the objects genop reads are errors; other keys
 * are ignored. On error c is left reset and *e names the path. */
genop_err genop_case_parse(const char *text, size_t len, genop_case *c, genop_error *e);

/* Reads one event object text[0..len) into *ev; `path` (e.g. "$") prefixes
 * the messages. For the server, which validates single events. */
genop_err genop_event_parse(const char *text, size_t len, const char *path,
                            genop_event *ev, genop_error *e);

/* Parses text[0..len) as JSON with jansson. On success *root is a new
 * reference the caller releases with json_decref(). Duplicate keys are an
 * error; a syntax error reports its line and column. */
genop_err genop_json_parse(const char *text, size_t len, json_t **root,
                           genop_error *e);

/* genop_case_parse() for a case already parsed by jansson. */
genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e);

/* genop_event_parse() for an event already parsed by jansson. */
genop_err genop_event_from_json(const json_t *obj, const char *path,
                                genop_event *ev, genop_error *e);

#endif
