/*
 * decimal.h - reading a whole number written in decimal digits from a
 * span of text that is not NUL-terminated (a path segment, a field of a
 * line), without sign, spaces or anything else: what an id or a count in
 * genop's own formats looks like.
 */
#ifndef GENOP_DECIMAL_H
#define GENOP_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most digits genop_decimal_parse() reads: every such number fits in
 * an int64_t. */
#define GENOP_DECIMAL_DIGITS_MAX 18

/* True, with the value in *out, when s[0..n) is 1 to
 * GENOP_DECIMAL_DIGITS_MAX digits 0-9 and nothing else (leading zeros
 * allowed); false, with *out untouched, otherwise. */
bool genop_decimal_parse(const char *s, size_t n, int64_t *out);

#endif
