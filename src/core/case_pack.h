/*
 * case_pack.h - a case's events as compact, versioned text: what the
 * domain layer keeps with a case so that a read need not rebuild the
 * corrected view from every stored event (src/casework/case_answer.h).
 *
 * Format GENOP_CASE_PACK_FORMAT (2): one line per event, in the case's
 * order, of ten fields separated by tabs:
 *   type date paragraph granted minutes outcome kind upheld phase condition
 * type, outcome, kind, upheld and phase by their names in
 * shared/spec/evaluate.md (case.h's *_name functions), the date as
 * YYYY-MM-DD, the paragraph as "86.1"/"86.2" or "-", granted as 0 or 1,
 * minutes in decimal, and the condition with backslash, tab and newline
 * written \\, \t, \n. Every field is written for every event, so a line
 * reads back to the same genop_event whatever its type; names, not enum
 * numbers, so reordering an enum of case.h changes nothing already kept.
 * (Format 1, the fixed part of struct genop_event as raw bytes, is no
 * longer read: a case kept that way is rebuilt from its events.)
 */
#ifndef GENOP_CASE_PACK_H
#define GENOP_CASE_PACK_H

#include <stddef.h>

#include "case.h"
#include "error.h"
#include "strbuf.h"

#define GENOP_CASE_PACK_FORMAT 2

/* Appends c's events as text to b (a failed allocation is b's sticky
 * failure). */
void genop_case_pack(const genop_case *c, genop_buf *b);

/* Appends the events of text[0..len) to c (set up by the caller, e.g. its
 * birth date), in their order. GENOP_EINVAL (with the line) when the text
 * is not whole lines of this format; c then holds the lines before. */
genop_err genop_case_unpack(const char *text, size_t len, genop_case *c, genop_error *e);

#endif
