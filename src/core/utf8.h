/*
 * utf8.h - the two UTF-8 questions genop asks of text it did not write:
 * is this a valid sequence, and make this message safe to print.
 */
#ifndef GENOP_UTF8_H
#define GENOP_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if there is none
 * (NUL, stray continuation bytes, overlong forms, surrogates and code
 * points past U+10FFFF included). */
size_t genop_utf8_sequence(const unsigned char *s, size_t n);

/* Replaces, in place, every byte of the NUL-terminated s that is not part
 * of a valid UTF-8 sequence with '?'. Messages quote user input cut to a
 * byte length, which can split a character; this keeps them printable. */
void genop_utf8_sanitize(char *s);

#endif
