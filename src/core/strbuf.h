/*
 * strbuf.h - a growable byte buffer for building text (JSON results),
 * with JSON string escaping. The buffer owns its memory.
 *
 * It is bounded: it never holds more than its limit (GENOP_BUF_LIMIT
 * unless the owner sets another), so a runaway writer or a huge input
 * fails cleanly instead of taking the process's memory. Failure is
 * sticky, whether memory ran out or the limit was reached: the append
 * that failed adds nothing at all (no part of its text), later appends do
 * nothing, and genop_buf_failed() says so, so callers check once at the
 * end and never use the text of a failed buffer as if it were whole.
 * What was appended before the failure stays (a caller may keep the
 * complete lines before it, say).
 */
#ifndef GENOP_STRBUF_H
#define GENOP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/* The default limit: the most bytes a buffer holds (64 MiB). */
#define GENOP_BUF_LIMIT ((size_t)64 * 1024 * 1024)

typedef struct genop_buf {
    char *data;      /* NUL-terminated when len > 0; owned */
    size_t len;
    size_t cap;
    bool failed;
    size_t limit;    /* the most bytes len may reach; 0: GENOP_BUF_LIMIT */
} genop_buf;

/* Empties b, keeping its memory and its limit, and clears a failure. */
void genop_buf_reset(genop_buf *b);
/* Frees b's memory and clears a failure; b keeps its limit and can be
 * used again afterwards. */
void genop_buf_release(genop_buf *b);
/* True once an append failed (out of memory, or past the limit). */
bool genop_buf_failed(const genop_buf *b);
/* Sets the most bytes b may hold (0: GENOP_BUF_LIMIT). A limit below
 * what b holds already fails b. */
void genop_buf_set_limit(genop_buf *b, size_t limit);

/* The appends: each adds all of its text or, failing, none of it. */

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
