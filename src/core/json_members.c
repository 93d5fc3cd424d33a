/*
 * json_members.c - copying chosen members of a JSON object's text (see
 * json_members.h), with yajl's event parser: the callbacks write every
 * token of a wanted member straight into the output buffer and drop the
 * tokens of the others, keeping track of nesting for the commas.
 */
#include "json_members.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "yajl_arena.h"

/* Deepest nesting copied; deeper text is refused. */
#define NEST_MAX 64

typedef struct copier {
    json_member_filter want;
    void *ctx;
    bool write_keys;          /* `"key":value` pairs, or bare values */
    bool *need_comma;         /* between top-level pairs (the caller's) */
    genop_buf *out;
    int depth;                /* 0 outside the object, 1 in it, 2+ in values */
    bool skipping;            /* the current top-level member is not wanted */
    bool found;               /* a member was wanted */
    bool not_object;
    bool is_array[NEST_MAX + 1];
    bool first[NEST_MAX + 1]; /* nothing written yet in this container */
} copier;

/* Before any value: a comma between elements of an array. */
static void element_start(copier *c)
{
    if (c->depth >= 2 && c->is_array[c->depth]) {
        if (!c->first[c->depth] && !c->skipping)
            genop_buf_add(c->out, ",", 1);
        c->first[c->depth] = false;
    }
}

/* After a value: a finished top-level member ends any skipping. */
static void element_end(copier *c)
{
    if (c->depth == 1)
        c->skipping = false;
}

static void emit(copier *c, const char *s, size_t n)
{
    if (!c->skipping)
        genop_buf_add(c->out, s, n);
}

/* A scalar value, written as text s (n bytes). Refused at the top. */
static int scalar(copier *c, const char *s, size_t n)
{
    if (c->depth == 0) {
        c->not_object = true;
        return 0;
    }
    element_start(c);
    emit(c, s, n);
    element_end(c);
    return 1;
}

static int on_null(void *ctx) { return scalar(ctx, "null", 4); }

static int on_boolean(void *ctx, int v)
{
    return v ? scalar(ctx, "true", 4) : scalar(ctx, "false", 5);
}

static int on_number(void *ctx, const char *s, size_t n) { return scalar(ctx, s, n); }

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
    copier *c = ctx;
    if (c->depth == 0) {
        c->not_object = true;
        return 0;
    }
    element_start(c);
    if (!c->skipping)
        genop_buf_add_json_string_n(c->out, (const char *)s, n);
    element_end(c);
    return 1;
}

/* Opens an object or array: the top-level object itself, or a value. */
static int open_container(copier *c, bool array)
{
    if (c->depth == 0 && array) {
        c->not_object = true;
        return 0;
    }
    if (c->depth >= NEST_MAX)
        return 0;
    if (c->depth > 0) {
        element_start(c);
        emit(c, array ? "[" : "{", 1);
    }
    c->depth++;
    c->is_array[c->depth] = array;
    c->first[c->depth] = true;
    return 1;
}

static int close_container(copier *c, bool array)
{
    c->depth--;
    if (c->depth > 0) {
        emit(c, array ? "]" : "}", 1);
        element_end(c);
    }
    return 1;
}

static int on_start_map(void *ctx) { return open_container(ctx, false); }
static int on_end_map(void *ctx) { return close_container(ctx, false); }
static int on_start_array(void *ctx) { return open_container(ctx, true); }
static int on_end_array(void *ctx) { return close_container(ctx, true); }

/* A top-level key decides about its member; a nested one is copied. */
static int on_map_key(void *ctx, const unsigned char *key, size_t n)
{
    copier *c = ctx;
    if (c->depth == 1) {
        bool again = !c->write_keys && c->found;    /* a value is wanted once */
        c->skipping = again || !c->want((const char *)key, n, c->ctx);
        if (c->skipping)
            return 1;
        c->found = true;
        if (!c->write_keys)
            return 1;
        if (*c->need_comma)
            genop_buf_add(c->out, ",", 1);
        *c->need_comma = true;
    } else if (!c->skipping && !c->first[c->depth]) {
        genop_buf_add(c->out, ",", 1);
    }
    c->first[c->depth] = false;
    if (!c->skipping) {
        genop_buf_add_json_string_n(c->out, (const char *)key, n);
        genop_buf_add(c->out, ":", 1);
    }
    return 1;
}

static const yajl_callbacks copy_callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end_map,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end_array,
};

/* Runs the copier c over text. */
static genop_err run_copier(copier *c, const char *text, size_t len, genop_error *e)
{
    yajl_arena arena;
    yajl_arena_init(&arena);
    yajl_handle h = yajl_alloc(&copy_callbacks, &arena.funcs, c);
    if (!h)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse JSON");
    yajl_status st = yajl_parse(h, (const unsigned char *)text, len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    yajl_free(h);
    if (genop_buf_failed(c->out))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at skrive JSON");
    if (st != yajl_status_ok || c->not_object)
        return genop_fail(e, GENOP_EINVAL, "gemt JSON er ikke ét gyldigt objekt");
    return GENOP_OK;
}

genop_err json_members_copy(const char *text, size_t len, json_member_filter want, void *ctx,
                            bool *need_comma, genop_buf *out, genop_error *e)
{
    copier c = {.want = want, .ctx = ctx, .write_keys = true, .need_comma = need_comma,
                .out = out};
    return run_copier(&c, text, len, e);
}

/* Wants the member named by ctx (a NUL-terminated key). */
static bool is_key(const char *key, size_t n, void *ctx)
{
    const char *wanted = ctx;
    return strlen(wanted) == n && memcmp(key, wanted, n) == 0;
}

genop_err json_member_value(const char *text, size_t len, const char *key, genop_buf *out,
                            genop_error *e)
{
    bool unused = false;
    copier c = {.want = is_key, .ctx = (void *)key, .write_keys = false, .need_comma = &unused,
                .out = out};
    genop_err err = run_copier(&c, text, len, e);
    if (!err && !c.found)
        genop_buf_add(out, "null", 4);
    return err;
}
