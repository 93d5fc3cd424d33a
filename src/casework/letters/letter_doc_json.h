/*
 * letter_doc_json.h - TEMPORARY stand-in for src/letters/letter_doc_json.h
 * (branch `pdf`); removed by the merge of main.
 */
#ifndef GENOP_LETTER_DOC_JSON_H
#define GENOP_LETTER_DOC_JSON_H
#include "letter_doc.h"
#include "strbuf.h"
void genop_letter_doc_write_json(const genop_letter_doc *doc, genop_buf *out);
#endif
