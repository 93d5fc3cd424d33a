/*
 * json_write.h - small pieces for writing JSON text into a genop_buf: a
 * member's key with the comma before it, dates, integers or null, strings
 * that need no escaping. Used by the writers that build their JSON as text
 * (result_json.c for evaluations, the server's case answer) instead of as
 * jansson trees.
 */
#ifndef GENOP_JSON_WRITE_H
#define GENOP_JSON_WRITE_H

#include <stdbool.h>

#include "date.h"
#include "strbuf.h"

/* Appends "name": - after a comma unless *first (the object's first
 * member), which it then clears. name must need no escaping. */
void json_write_key(genop_buf *b, bool *first, const char *name);

/* Appends "YYYY-MM-DD", or null when not present. */
void json_write_date(genop_buf *b, bool present, genop_date d);

/* Appends v in decimal, or null when not present. */
void json_write_long_or_null(genop_buf *b, bool present, long v);

/* Appends s as a string literal without escaping: only for text genop
 * knows needs none (names from its own tables). */
void json_write_plain_string(genop_buf *b, const char *s);

/* Appends e4 ten-thousandths (0 or more) as a number with at most 4
 * decimals and no trailing zeros: 9497 is 0.9497, 5000 is 0.5, 10000 is 1. */
void json_write_e4(genop_buf *b, long e4);

#endif
