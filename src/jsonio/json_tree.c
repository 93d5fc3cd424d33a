/*
 * json_tree.c - JSON text to jansson trees and jansson trees to JSON
 * events (see json_tree.h).
 */
#include "json_tree.h"

#include <stdbool.h>
#include <string.h>

#include "case_json.h"

genop_err genop_json_parse(const char *text, size_t len, json_t **root, genop_error *e)
{
    if (len > GENOP_CASE_JSON_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "sagen fylder %zu byte; højst %u er tilladt",
                          len, GENOP_CASE_JSON_MAX);
    /* JSON text never holds a NUL byte (inside a string it is written
     * \u0000), but jansson 2.14 reads one after a number as the end of
     * the number and goes on; yajl, the text reader, refuses it. */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        int line, column;
        genop_json_position(text, (size_t)(nul - text), &line, &column);
        return genop_fail(e, GENOP_EPARSE, "ugyldig JSON på linje %d, kolonne %d: et NUL-tegn "
                          "(byte 0) hører ikke hjemme i JSON", line, column);
    }
    json_error_t je;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return genop_fail(e, GENOP_EPARSE, "ugyldig JSON på linje %d, kolonne %d: %s",
                          je.line, je.column, je.text);
    *root = j;
    return GENOP_OK;
}

static int walk(const json_t *v, const genop_json_sax *sax, void *ctx);

/* The members of object o, after its start_map. */
static int walk_members(const json_t *o, const genop_json_sax *sax, void *ctx)
{
    /* jansson's iterators take a non-const object; they do not change it. */
    json_t *obj = (json_t *)o;
    for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
        const char *key = json_object_iter_key(it);
        if (!sax->map_key(ctx, (const unsigned char *)key, json_object_iter_key_len(it)) ||
            !walk(json_object_iter_value(it), sax, ctx))
            return GENOP_SAX_STOP;
    }
    return GENOP_SAX_GO;
}

/* A container: start, its content unless the consumer skips it, end. */
static int walk_container(const json_t *v, const genop_json_sax *sax, void *ctx)
{
    bool object = json_is_object(v);
    int go = object ? sax->start_map(ctx) : sax->start_array(ctx);
    if (go == GENOP_SAX_STOP)
        return GENOP_SAX_STOP;
    if (go != GENOP_SAX_SKIP) {
        if (object) {
            go = walk_members(v, sax, ctx);
        } else {
            for (size_t i = 0; go && i < json_array_size(v); i++)
                go = walk(json_array_get(v, i), sax, ctx);
        }
        if (!go)
            return GENOP_SAX_STOP;
    }
    return object ? sax->end_map(ctx) : sax->end_array(ctx);
}

/* One value; GENOP_SAX_STOP when a callback stopped. */
static int walk(const json_t *v, const genop_json_sax *sax, void *ctx)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
    case JSON_ARRAY: return walk_container(v, sax, ctx);
    case JSON_STRING:
        return sax->string(ctx, (const unsigned char *)json_string_value(v),
                           json_string_length(v));
    case JSON_INTEGER: return sax->integer(ctx, json_integer_value(v));
    case JSON_REAL: return sax->real(ctx, json_real_value(v));
    case JSON_TRUE: return sax->boolean(ctx, 1);
    case JSON_FALSE: return sax->boolean(ctx, 0);
    default: return sax->null(ctx);
    }
}

genop_err genop_json_sax_walk(const json_t *value, const genop_json_sax *sax, void *ctx,
                              genop_error *e)
{
    if (!value)
        return genop_fail(e, GENOP_EINVAL, "ingen JSON-værdi at læse");
    return walk(value, sax, ctx) ? GENOP_OK : sax->stopped(ctx);
}
