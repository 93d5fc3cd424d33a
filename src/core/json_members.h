/*
 * json_members.h - copying chosen members of a JSON object's text into
 * another JSON text without building a tree: the server answers with
 * stored event bodies (JSON objects it wrote itself) merged into objects
 * of its own, and building and printing jansson trees for that was most
 * of the cost of a case read.
 */
#ifndef GENOP_JSON_MEMBERS_H
#define GENOP_JSON_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Says whether the member named key (n bytes, not NUL-terminated) is
 * wanted; ctx is the caller's. */
typedef bool (*json_member_filter)(const char *key, size_t n, void *ctx);

/* Appends to out, as `"key":value` pairs separated by commas, the
 * top-level members of the JSON object in text (len bytes) that want()
 * accepts, in their order, values (nested ones too) copied in compact
 * form. Each pair is preceded by a comma when *need_comma is true, which
 * is then set; so members can be appended after others of an object
 * being written. GENOP_EINVAL when text is not one JSON object (out may
 * then hold part of it: write into a scratch buffer when that matters);
 * GENOP_ENOMEM when memory ran out. */
genop_err json_members_copy(const char *text, size_t len, json_member_filter want, void *ctx,
                            bool *need_comma, genop_buf *out, genop_error *e);

/* Appends the value of the top-level member `key` of the object in text
 * to out in compact form, or "null" when there is none. Errors as above. */
genop_err json_member_value(const char *text, size_t len, const char *key, genop_buf *out,
                            genop_error *e);

#endif
