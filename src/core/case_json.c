/*
 * case_json.c - reading a case, or one event, from JSON text (see
 * case_json.h): the case reader (case_reader.c) driven by yajl's event
 * parser (json_sax.c), with no document tree in between.
 */
#include "case_json.h"

#include "case_reader.h"
#include "json_sax.h"

/* A text to read. */
typedef struct json_text {
    const char *text;
    size_t len;
} json_text;

/* The source of case_reader.h for text: refuses text longer than
 * GENOP_CASE_JSON_MAX, then parses it. */
static genop_err from_text(const void *input, const genop_json_sax *sax, void *ctx,
                           genop_error *e)
{
    const json_text *t = input;
    if (t->len > GENOP_CASE_JSON_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "sagen fylder %zu byte; højst %u er tilladt", t->len,
                          GENOP_CASE_JSON_MAX);
    return genop_json_sax_parse(t->text, t->len, sax, ctx, e);
}

genop_err genop_case_parse(const char *text, size_t len, genop_case *c, genop_error *e)
{
    const json_text t = {text, len};
    return genop_case_read(from_text, &t, c, e);
}

genop_err genop_event_parse(const char *text, size_t len, const char *path,
                            genop_event *ev, genop_error *e)
{
    const json_text t = {text, len};
    return genop_event_read(from_text, &t, path, ev, e);
}

genop_err genop_event_parse_grant(const char *text, size_t len, const char *path,
                                  genop_event *ev, genop_grant *grant, genop_error *e)
{
    const json_text t = {text, len};
    return genop_event_read_grant(from_text, &t, path, ev, grant, e);
}
