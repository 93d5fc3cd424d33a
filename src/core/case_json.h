/*
 * case_json.h - reading a case from its JSON form (shared/spec/evaluate.md,
 * section 2). Every error names the JSON path of what is wrong, e.g.
 * "$.events[2].date: ugyldig dato '2025-02-29': ...".
 */
#ifndef GENOP_CASE_JSON_H
#define GENOP_CASE_JSON_H

#include <jansson.h>

#include "case.h"
#include "error.h"

/* Longest case text accepted (bytes). */
#define GENOP_CASE_JSON_MAX (4u * 1024u * 1024u)

/* Parses text[0..len) as JSON. On success *root is a new reference the
 * caller releases with json_decref(). Duplicate keys are an error. */
genop_err genop_json_parse(const char *text, size_t len, json_t **root,
                           genop_error *e);

/* Fills c (which is reset first; its allocation is reused) from a parsed
 * case object, then checks the case invariants (genop_case_check). On error
 * c is left reset and *e names the path. */
genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e);

/* Reads one event object into *ev. `path` is the event's JSON path, used in
 * messages. Shared with the server, which validates single events. */
genop_err genop_event_from_json(const json_t *obj, const char *path,
                                genop_event *ev, genop_error *e);

#endif
