/*
 * strbuf.h - a growable byte buffer for building text (JSON results),
 * with JSON string escaping. The buffer owns its memory; an allocation
 * failure is sticky: later appends do nothing and genop_buf_failed() says
 * so, so callers check once at the end.
 */
#ifndef GENOP_STRBUF_H
#define GENOP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct genop_buf {
    char *data;      /* NUL-terminated when len > 0; owned */
    size_t len;
    size_t cap;
    bool failed;
} genop_buf;

/* Empties b, keeping its memory. */
void genop_buf_reset(genop_buf *b);
/* Frees b's memory; b can be used again afterwards. */
void genop_buf_release(genop_buf *b);
bool genop_buf_failed(const genop_buf *b);

void genop_buf_add(genop_buf *b, const char *s, size_t n);
void genop_buf_adds(genop_buf *b, const char *s);
/* Appends the decimal digits of v. */
void genop_buf_add_long(genop_buf *b, long v);
void genop_buf_addf(genop_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included; NULL gives null.
 * Bytes that are not valid UTF-8 become U+FFFD, so the output is always
 * valid JSON even when a message cut a character in half. */
void genop_buf_add_json_string(genop_buf *b, const char *s);
/* The same for the len bytes at s (NUL bytes among them are escaped). */
void genop_buf_add_json_string_n(genop_buf *b, const char *s, size_t len);

#endif
