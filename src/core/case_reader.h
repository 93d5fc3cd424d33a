/*
 * case_reader.h - the one reader of the JSON case format (shared/spec/
 * evaluate.md section 2): a consumer of JSON events (json_sax.h) that
 * turns a case, or a single event, into a genop_case or genop_event.
 *
 * Where the JSON comes from is the caller's: a source drives the
 * reader's callbacks over its input. case_json.h reads text this way (with
 * genop_json_sax_parse), src/jsonio/case_tree.h reads a jansson tree (with
 * genop_json_sax_walk); both give the same result and the same messages,
 * every one starting with the JSON path of what is wrong, e.g.
 * "$.events[2].date: ugyldig dato '2025-02-29': ...".
 *
 * Keys genop does not read, and their values, are ignored (callers may
 * carry fields of their own); a key genop reads that stands twice in one
 * object is an error (GENOP_EPARSE; only text can hold one).
 */
#ifndef GENOP_CASE_READER_H
#define GENOP_CASE_READER_H

#include "case.h"
#include "error.h"
#include "json_sax.h"

/* Drives sax, with ctx, over input (the source's own kind of value: text,
 * a tree), as genop_json_sax_parse() does: GENOP_OK, the consumer's error
 * when a callback stopped, or an error of the source's own. */
typedef genop_err (*genop_json_source)(const void *input, const genop_json_sax *sax, void *ctx,
                                       genop_error *e);

/* Reads the case that source gives from input into c (reset first; its
 * allocation is reused), checks the case invariants (genop_case_check)
 * and sorts the events. On error c is left reset and *e names the path. */
genop_err genop_case_read(genop_json_source source, const void *input, genop_case *c,
                          genop_error *e);

/* Reads one event object into *ev; `path` (e.g. "$" or "$.event")
 * prefixes the messages. Borrows path for the call only. A decision's
 * grant is checked, and its exceptions are not kept. */
genop_err genop_event_read(genop_json_source source, const void *input, const char *path,
                           genop_event *ev, genop_error *e);

/* genop_event_read() that also keeps a decision's exceptions in *grant
 * (the caller's; n = 0 for an event without, and on error), to add with
 * the event by genop_case_add_granted(). */
genop_err genop_event_read_grant(genop_json_source source, const void *input, const char *path,
                                 genop_event *ev, genop_grant *grant, genop_error *e);

#endif
