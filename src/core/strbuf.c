/*
 * strbuf.c - the growable text buffer (see strbuf.h).
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Half the address space at most, so that len + n + 1 and the doubling
 * of cap in reserve() cannot overflow. */
#define LIMIT_CEILING (SIZE_MAX / 2)

/* The most bytes b may hold. */
static size_t limit_of(const genop_buf *b)
{
    size_t limit = b->limit ? b->limit : GENOP_BUF_LIMIT;
    return limit < LIMIT_CEILING ? limit : LIMIT_CEILING;
}

void genop_buf_reset(genop_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    b->failed = false;
}

void genop_buf_release(genop_buf *b)
{
    size_t limit = b->limit;
    free(b->data);
    memset(b, 0, sizeof *b);
    b->limit = limit;
}

bool genop_buf_failed(const genop_buf *b)
{
    return b->failed;
}

void genop_buf_set_limit(genop_buf *b, size_t limit)
{
    b->limit = limit;
    if (b->len > limit_of(b)) {
        b->failed = true;
    } else if (b->cap > limit_of(b) + 1) {
        /* Keep reserve()'s fast path true: no room past the limit. */
        char *shrunk = realloc(b->data, limit_of(b) + 1);
        if (shrunk) {
            b->data = shrunk;
            b->cap = limit_of(b) + 1;
        } else {
            b->failed = true;
        }
    }
}

/* Makes room for n more bytes and the NUL; fails b (sticky) when that
 * would pass its limit or memory ran out. */
static bool reserve(genop_buf *b, size_t n)
{
    if (n < b->cap - b->len)        /* cap <= limit + 1 always: within the limit */
        return !b->failed;
    if (b->failed)
        return false;
    size_t limit = limit_of(b);
    if (b->len > limit || n > limit - b->len) {
        b->failed = true;
        return false;
    }
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    if (cap > limit + 1)
        cap = limit + 1;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    b->data = grown;
    b->cap = cap;
    return true;
}

void genop_buf_add(genop_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void genop_buf_adds(genop_buf *b, const char *s)
{
    genop_buf_add(b, s, strlen(s));
}

void genop_buf_add_long(genop_buf *b, long v)
{
    char digits[24];
    size_t n = sizeof digits;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--n] = '-';
    genop_buf_add(b, digits + n, sizeof digits - n);
}

void genop_buf_addf(genop_buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    /* Most texts fit here; a longer one is formatted again into room made
     * for exactly its length. */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        genop_buf_add(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The escape for one byte that cannot stand as it is in a JSON string. */
static void add_escape(genop_buf *b, unsigned char ch)
{
    char esc[8];
    switch (ch) {
    case '"': genop_buf_add(b, "\\\"", 2); break;
    case '\\': genop_buf_add(b, "\\\\", 2); break;
    case '\n': genop_buf_add(b, "\\n", 2); break;
    case '\t': genop_buf_add(b, "\\t", 2); break;
    case '\r': genop_buf_add(b, "\\r", 2); break;
    default:
        snprintf(esc, sizeof esc, "\\u%04x", ch);
        genop_buf_add(b, esc, 6);
    }
}

void genop_buf_add_json_string(genop_buf *b, const char *s)
{
    if (!s)
        genop_buf_add(b, "null", 4);
    else
        genop_buf_add_json_string_n(b, s, strlen(s));
}

void genop_buf_add_json_string_n(genop_buf *b, const char *s, size_t len)
{
    if (b->failed)
        return;
    size_t start = b->len;
    genop_buf_add(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    size_t left = len;
    while (left) {
        size_t n = 1;
        if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
            p++;
            left--;
            continue;
        }
        genop_buf_add(b, (const char *)run, (size_t)(p - run));
        if (*p < 0x80)
            add_escape(b, *p);
        else if ((n = genop_utf8_sequence(p, left)) > 0)
            genop_buf_add(b, (const char *)p, n);
        else {
            genop_buf_add(b, "\\ufffd", 6);
            n = 1;
        }
        p += n;
        left -= n;
        run = p;
    }
    genop_buf_add(b, (const char *)run, (size_t)(p - run));
    genop_buf_add(b, "\"", 1);
    if (b->failed && b->data) {
        /* None of a string that did not fit: no half a literal. */
        b->len = start;
        b->data[start] = '\0';
    }
}
