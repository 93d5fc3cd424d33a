/*
 * fuzz_json_members.c - libFuzzer target for json_members.c: any bytes as
 * a "stored body". Whatever the input, copying members must not crash,
 * and when it succeeds the members it wrote, wrapped in braces, must be a
 * JSON object (checked with yajl's tree parser, which, unlike jansson,
 * takes numbers of any size and \u0000 in strings, as the copier does)
 * holding the wanted keys of the input (checked with jansson when it reads
 * the input); a single member's value must be one JSON value.
 */
#include <jansson.h>
#include <stdint.h>
#include <yajl/yajl_tree.h>
#include <stdlib.h>
#include <string.h>

#include "json_members.h"

/* True if text (NUL-terminated) is one JSON value. */
static bool is_json(const char *text)
{
    char why[128];
    yajl_val v = yajl_tree_parse(text, why, sizeof why);
    yajl_tree_free(v);
    return v != NULL;
}

/* Wants the keys of even length (so some are kept and some dropped). */
static bool even_length(const char *key, size_t n, void *unused)
{
    (void)key;
    (void)unused;
    return n % 2 == 0;
}

static void check_copy(const char *text, size_t len)
{
    genop_buf b = {0};
    genop_error e;
    bool comma = false;
    genop_buf_add(&b, "{", 1);
    if (json_members_copy(text, len, even_length, NULL, &comma, &b, &e) == GENOP_OK) {
        genop_buf_add(&b, "}", 1);
        if (!is_json(b.data))
            abort();                      /* wrote something that is not JSON */
        json_error_t je;
        json_t *orig = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
        json_t *copy = orig ? json_loadb(b.data, b.len, JSON_ALLOW_NUL, &je) : NULL;
        const char *key;
        json_t *value;
        if (orig && !copy)
            abort();                      /* jansson read the input but not the copy */
        json_object_foreach(copy, key, value) {
            if (strlen(key) % 2 != 0)
                abort();                  /* copied a member it did not want */
        }
        /* jansson keeps the last of duplicate keys, the copier all of
         * them; compare only when the input is an object jansson reads. */
        if (orig && json_is_object(orig)) {
            json_object_foreach(orig, key, value) {
                if ((strlen(key) % 2 == 0) != (json_object_get(copy, key) != NULL))
                    abort();
            }
        }
        json_decref(copy);
        json_decref(orig);
    }
    genop_buf_release(&b);
}

static void check_value(const char *text, size_t len)
{
    genop_buf b = {0};
    genop_error e;
    if (json_member_value(text, len, "ab", &b, &e) == GENOP_OK) {
        if (!is_json(b.data))
            abort();                      /* not one JSON value */
    }
    genop_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_copy((const char *)data, size);
    check_value((const char *)data, size);
    return 0;
}
