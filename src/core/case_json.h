/*
 * case_json.h - reading a case, or one event, from its JSON text
 * (shared/spec/evaluate.md, section 2). Every error names the JSON path of
 * what is wrong, e.g. "$.events[2].date: ugyldig dato '2025-02-29': ...".
 *
 * The text streams through yajl's event parser straight into the case
 * reader (case_reader.h), with no document tree in between: `genop
 * evaluate --jsonl` reads hundreds of thousands of cases a second this
 * way. Callers that already hold a jansson tree read it with the same
 * reader through src/jsonio/case_tree.h, without turning it into text.
 */
#ifndef GENOP_CASE_JSON_H
#define GENOP_CASE_JSON_H

#include <stddef.h>

#include "case.h"
#include "error.h"

/* Longest case text accepted (bytes). */
#define GENOP_CASE_JSON_MAX (4u * 1024u * 1024u)

/* Reads the case text[0..len) into c (reset first; its allocation is
 * reused), checks the case invariants (genop_case_check) and sorts the
 * events. Duplicate keys in the objects genop reads are errors; other keys
 * are ignored. A syntax error says where (json_sax.h). On error c is left
 * reset and *e names the path. */
genop_err genop_case_parse(const char *text, size_t len, genop_case *c, genop_error *e);

/* Reads one event object text[0..len) into *ev; `path` (e.g. "$") prefixes
 * the messages. For the server, which validates single events. */
genop_err genop_event_parse(const char *text, size_t len, const char *path,
                            genop_event *ev, genop_error *e);

/* genop_event_parse() that keeps a decision's exceptions in *grant (see
 * genop_event_read_grant in case_reader.h). */
genop_err genop_event_parse_grant(const char *text, size_t len, const char *path,
                                  genop_event *ev, genop_grant *grant, genop_error *e);

#endif
