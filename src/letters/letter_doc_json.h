/*
 * letter_doc_json.h - a letter document (letter_doc.h) as JSON and back,
 * so that the document a letter was made from is kept beside its PDF and
 * can be laid out again (the print queue, a later layout).
 *
 * The form, with its members always in this order:
 *
 *   {"version": 1,
 *    "kind": "decision", "title": "Afgørelse om genoptræning",
 *    "reference": "Sag 123", "date": "2027-05-03",
 *    "sender": ["Aalborg Kommune", "Visitationen", ...],
 *    "recipient": ["Karen Østergaard", "Åvej 2", "9000 Aalborg"],
 *    "blocks": [{"type": "heading", "text": "Det har vi besluttet"},
 *               {"type": "fact", "label": "Træningsgange om ugen", "text": "2"},
 *               ...]}
 *
 * "type" is genop_letter_block_kind_name(); "label" is a FACT's only.
 * The same document always gives the same bytes (compact, no spaces,
 * UTF-8 as it is), so the JSON can be hashed and compared.
 *
 * Reading is strict: every member above is required (a block's "label"
 * only and always for a fact), no other member is allowed, "version"
 * must be 1, and the text rules of letter_doc.h hold (valid UTF-8, no
 * control characters but a block's newlines, at most 8 lines of sender
 * and recipient). Every refusal names the JSON path at fault, as
 * "$.blocks[3].label: ...", and in genop_error's field.
 */
#ifndef GENOP_LETTER_DOC_JSON_H
#define GENOP_LETTER_DOC_JSON_H

#include <stddef.h>

#include "error.h"
#include "letter_doc.h"
#include "strbuf.h"

/* The "version" this code writes and reads. */
#define GENOP_LETTER_JSON_VERSION 1

/* Appends doc as JSON to out. Check genop_buf_failed(out) afterwards
 * (out of memory, or out's limit). doc is only read. */
void genop_letter_doc_write_json(const genop_letter_doc *doc, genop_buf *out);

/* Reads a document from the JSON text[0..len) (not necessarily NUL-
 * terminated). On success *out is a new document the caller frees with
 * genop_letter_doc_free(); on failure *out is NULL and *e says what and
 * where: GENOP_EPARSE for text that is not JSON (with line and column),
 * GENOP_EINVAL for JSON that is not a letter (with the path),
 * GENOP_ETOOBIG past the limits, GENOP_ENOMEM. */
genop_err genop_letter_doc_read_json(const char *text, size_t len, genop_letter_doc **out,
                                     genop_error *e);

#endif
