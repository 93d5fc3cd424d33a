/*
 * case_reader.c - the case reader's JSON callbacks (see case_reader.h).
 *
 * The callbacks keep a small stack of where they are (the case object,
 * its citizen, the events list, one event, a function status's levels or
 * goals and one of their items, a decision's grant, its exceptions and
 * one of them) and copy the value of every key genop
 * reads into that object's raw_value slot (case_fields.h): bounded text
 * buffers, no allocation. When an object closes, case_fields.c checks its
 * values and turns them into typed data; a complete event is added to the
 * case. A grant's exceptions are kept as each one closes: in the case's
 * side array (genop_case.exceptions), linked to the seq the event will
 * get, or in the single event's genop_grant; they are dropped again when
 * their event turns out not to be a decision.
 * Containers and keys genop does not read are skipped: the
 * callbacks answer GENOP_SAX_SKIP and count the nesting of what they skip,
 * for a source that goes through it anyway.
 */
#include "case_reader.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_fields.h"

/* Where the reader is. */
typedef enum frame {
    F_ROOT,      /* inside the case object */
    F_CITIZEN,   /* inside $.citizen */
    F_EVENTS,    /* inside the $.events list */
    F_EVENT,     /* inside one event */
    F_EVENT_ONLY,/* inside the single event of genop_event_read */
    F_LEVELS,    /* inside an event's "levels" list */
    F_LEVEL,     /* inside one {code, level} */
    F_GOALS,     /* inside an event's "goals" list */
    F_GOAL,      /* inside one {text, reached} */
    F_GRANT,     /* inside a decision's "grant" */
    F_EXCEPTIONS,/* inside the grant's "exceptions" list */
    F_EXCEPTION  /* inside one {limit, max, reason} */
} frame;

/* Root, events, event, grant, exceptions, exception. */
#define STACK_MAX 6

typedef struct reader {
    genop_case *c;                /* NULL for a single event */
    genop_event *single;          /* genop_event_read's output */
    genop_grant *grant;           /* the single event's exceptions; NULL: not kept */
    const char *single_path;
    genop_error *e;
    genop_err err;                /* what a callback stopped with */
    frame stack[STACK_MAX];
    int depth;                    /* frames in use */
    int skip;                     /* > 0: inside a container we ignore */
    bool started;
    int key;                      /* current known key of the top frame, -1 if unknown */
    size_t event_index;
    /* The values of the keys genop reads, one slot per key of each kind of
     * object (kept small: the reader is cleared for every case). */
    raw_value root[N_ROOT_KEYS], citizen[N_CITIZEN_KEYS], event[N_EVENT_KEYS];
    raw_value item[N_ITEM_KEYS];  /* the level or goal being read */
    status_items items;           /* of the current event */
    grant_items gi;               /* the current event's grant */
    raw_value exc[N_EXCEPTION_KEYS];  /* the exception being read ... */
    char reason[GENOP_EXCEPTION_REASON_MAX + 2];  /* ... and its whole reason */
    size_t exceptions_before;     /* the case's exceptions before this event */
} reader;

static int fail_cb(reader *p, genop_err err)
{
    p->err = err;
    return GENOP_SAX_STOP;
}

/* The value slots and keys of the object on top of the stack (NULL for a
 * list). */
static raw_value *top_object(reader *p, const char *const **keys, int *n)
{
    switch (p->stack[p->depth - 1]) {
    case F_ROOT: *keys = case_root_keys; *n = N_ROOT_KEYS; return p->root;
    case F_CITIZEN: *keys = case_citizen_keys; *n = N_CITIZEN_KEYS; return p->citizen;
    case F_EVENT:
    case F_EVENT_ONLY: *keys = case_event_keys; *n = N_EVENT_KEYS; return p->event;
    case F_LEVEL: *keys = case_level_keys; *n = N_LEVEL_KEYS; return p->item;
    case F_GOAL: *keys = case_goal_keys; *n = N_GOAL_KEYS; return p->item;
    case F_GRANT: *keys = case_grant_keys; *n = N_GRANT_KEYS; return p->gi.fields;
    case F_EXCEPTION: *keys = case_exception_keys; *n = N_EXCEPTION_KEYS; return p->exc;
    default: return NULL;
    }
}

/* ---- paths for messages -------------------------------------------------- */

/* Writes "$.events[N]" into path (which holds 48 bytes) without printf:
 * this runs for every event of every case. */
static void event_path(size_t index, char path[48])
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    memcpy(path, "$.events[", 9);
    memcpy(path + 9, digits + n, sizeof digits - n);
    path[9 + sizeof digits - n] = ']';
    path[10 + sizeof digits - n] = '\0';
}

/* The path of the event being read: "$.events[N]", or the single event's. */
static void current_event_path(const reader *p, char *buf, size_t size)
{
    char path[48];
    if (p->c) {
        event_path(p->event_index, path);
        snprintf(buf, size, "%s", path);
    } else {
        snprintf(buf, size, "%s", p->single_path);
    }
}

/* The path of item `index` of the current event's list `list`. */
static void item_path(const reader *p, const char *list, size_t index, char *buf, size_t size)
{
    char ev[96];
    current_event_path(p, ev, sizeof ev);
    snprintf(buf, size, "%s.%s[%zu]", ev, list, index);
}

/* The path of the object on top of the stack. */
static void top_path(const reader *p, char *buf, size_t size)
{
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENT || f == F_EVENT_ONLY)
        current_event_path(p, buf, size);
    else if (f == F_LEVEL)
        item_path(p, "levels", p->items.n_levels - 1, buf, size);
    else if (f == F_GOAL)
        item_path(p, "goals", p->items.n_goals - 1, buf, size);
    else if (f == F_EXCEPTION)
        item_path(p, "grant.exceptions", p->gi.n_exceptions - 1, buf, size);
    else if (f == F_GRANT) {
        char ev[96];
        current_event_path(p, ev, sizeof ev);
        snprintf(buf, size, "%s.grant", ev);
    }
    else if (f == F_CITIZEN)
        snprintf(buf, size, "$.citizen");
    else
        snprintf(buf, size, "$");
}

static int push(reader *p, frame f)
{
    if (p->depth >= STACK_MAX)
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "sagen er for dybt indlejret"));
    p->stack[p->depth++] = f;
    p->key = -1;
    return GENOP_SAX_GO;
}

/* The first value is not an object: neither a case nor an event. */
static int not_an_object(reader *p, raw_type type)
{
    return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "%s skal være et JSON-objekt, ikke %s",
                                 p->c ? "$: en sag" : p->single_path, raw_type_da(type)));
}

/* Something other than an object in the $.events list. */
static int event_not_an_object(reader *p, raw_type type)
{
    return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "$.events[%zu] skal være et objekt, ikke %s",
                                 p->event_index, raw_type_da(type)));
}

/* ---- the items of a function_status event -------------------------------- */

/* A list item that is not an object (a scalar, or a list). */
static void item_not_object(reader *p, frame list, raw_type type)
{
    char path[160];
    if (list == F_LEVELS) {
        item_path(p, "levels", p->items.n_levels++, path, sizeof path);
        status_items_fail(&p->items, GENOP_EINVAL, "%s skal være et objekt {code, level}, ikke %s",
                          path, raw_type_da(type));
    } else {
        item_path(p, "goals", p->items.n_goals++, path, sizeof path);
        status_items_fail(&p->items, GENOP_EINVAL, "%s skal være et objekt {text, reached}, ikke %s",
                          path, raw_type_da(type));
    }
}

/* A container opens inside a levels or goals list: an item. */
static int open_item(reader *p, frame list, raw_type type)
{
    if (type != RAW_OBJECT) {
        item_not_object(p, list, type);
        p->skip = 1;
        return GENOP_SAX_SKIP;
    }
    if (list == F_LEVELS)
        p->items.n_levels++;
    else
        p->items.n_goals++;
    for (int i = 0; i < N_ITEM_KEYS; i++)
        p->item[i].type = RAW_ABSENT;
    return push(p, list == F_LEVELS ? F_LEVEL : F_GOAL);
}

/* An item closes: check it. */
static void close_item(reader *p, frame f)
{
    char path[160];
    if (f == F_LEVEL) {
        item_path(p, "levels", p->items.n_levels - 1, path, sizeof path);
        status_items_level(&p->items, p->item, path);
    } else {
        long index = (long)p->items.n_goals - 1;
        item_path(p, "goals", (size_t)index, path, sizeof path);
        status_items_goal(&p->items, p->item, path, index);
    }
}

/* ---- the exceptions of a decision's grant -------------------------------- */

/* A container opens inside the exceptions list: an exception, or a
 * fault noted for the event's close. */
static int open_exception(reader *p, raw_type type)
{
    size_t index = p->gi.n_exceptions++;
    if (type != RAW_OBJECT) {
        char path[160];
        item_path(p, "grant.exceptions", index, path, sizeof path);
        grant_items_fail(&p->gi, GENOP_EINVAL, "%s skal være et objekt {limit, max, reason}, "
                         "ikke %s", path, raw_type_da(type));
        p->skip = 1;
        return GENOP_SAX_SKIP;
    }
    for (int i = 0; i < N_EXCEPTION_KEYS; i++)
        p->exc[i].type = RAW_ABSENT;
    p->reason[0] = '\0';
    return push(p, F_EXCEPTION);
}

/* A scalar in the exceptions list. */
static void exception_not_object(reader *p, raw_type type)
{
    char path[160];
    item_path(p, "grant.exceptions", p->gi.n_exceptions++, path, sizeof path);
    grant_items_fail(&p->gi, GENOP_EINVAL, "%s skal være et objekt {limit, max, reason}, ikke %s",
                     path, raw_type_da(type));
}

/* An exception closes: check it and keep it where the reader keeps them
 * (the seq of a case's event is the one it will get when it is added). */
static int close_exception(reader *p)
{
    char path[160];
    genop_exception x;
    item_path(p, "grant.exceptions", p->gi.n_exceptions - 1, path, sizeof path);
    if (!grant_items_exception(&p->gi, p->exc, p->reason, path, &x))
        return GENOP_SAX_GO;
    if (p->c) {
        x.seq = (uint32_t)p->c->n_events;
        genop_err err = genop_case_add_exception(p->c, &x, p->e);
        return err ? fail_cb(p, err) : GENOP_SAX_GO;
    }
    if (p->grant && p->grant->n < GENOP_GRANT_EXCEPTIONS_MAX)
        p->grant->items[p->grant->n++] = x;
    return GENOP_SAX_GO;
}

/* ---- values and keys ----------------------------------------------------- */

/* Stores a scalar for the current key (if it is one genop reads). */
static int put_value(reader *p, raw_type type, const char *text, size_t len,
                     long long integer, bool boolean)
{
    if (p->skip)
        return GENOP_SAX_GO;
    if (!p->started)
        return not_an_object(p, type);
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENTS)
        return event_not_an_object(p, type);
    if (f == F_LEVELS || f == F_GOALS) {
        item_not_object(p, f, type);
        return GENOP_SAX_GO;
    }
    if (f == F_EXCEPTIONS) {
        exception_not_object(p, type);
        return GENOP_SAX_GO;
    }
    const char *const *keys;
    int n;
    raw_value *o = top_object(p, &keys, &n);
    if (!o || p->key < 0)
        return GENOP_SAX_GO;
    raw_value *v = &o[p->key];
    v->type = type;
    v->has_nul = text && memchr(text, '\0', len) != NULL;
    v->integer = integer;
    v->boolean = boolean;
    v->len = len;
    size_t take = len < RAW_TEXT_SIZE - 1 ? len : RAW_TEXT_SIZE - 1;
    if (text)
        memcpy(v->text, text, take);
    v->text[take] = '\0';
    if (f == F_EXCEPTION && p->key == K_EX_REASON && text) {
        take = len < sizeof p->reason - 1 ? len : sizeof p->reason - 1;
        memcpy(p->reason, text, take);
        p->reason[take] = '\0';
    }
    return GENOP_SAX_GO;
}

static int on_null(void *ctx)
{
    return put_value(ctx, RAW_NULL, NULL, 0, 0, false);
}

static int on_boolean(void *ctx, int b)
{
    return put_value(ctx, RAW_BOOL, NULL, 0, 0, b != 0);
}

static int on_integer(void *ctx, long long i)
{
    /* The decimal text is kept for an "id" that is echoed as it came. */
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        digits[--n] = '-';
    return put_value(ctx, RAW_INTEGER, digits + n, sizeof digits - n, i, false);
}

static int on_real(void *ctx, double d)
{
    (void)d;
    return put_value(ctx, RAW_REAL, NULL, 0, 0, false);
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    return put_value(ctx, RAW_STRING, (const char *)s, len, 0, false);
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
    reader *p = ctx;
    if (p->skip)
        return GENOP_SAX_GO;
    const char *const *keys;
    int n;
    raw_value *o = top_object(p, &keys, &n);
    p->key = -1;
    for (int i = 0; o && i < n; i++) {
        /* Keys may contain \u0000, so compare lengths, never rely on NULs. */
        if (len == 0 || keys[i][0] != (char)key[0] || strlen(keys[i]) != len ||
            memcmp(keys[i], key, len) != 0)
            continue;
        if (o[i].type != RAW_ABSENT) {
            char path[160];
            top_path(p, path, sizeof path);
            return fail_cb(p, genop_fail(p->e, GENOP_EPARSE, "%s: nøglen '%s' står to gange",
                                         path, keys[i]));
        }
        p->key = i;
    }
    return GENOP_SAX_GO;
}

/* ---- containers ---------------------------------------------------------- */

/* The case or the single event opens. */
static int open_first(reader *p, raw_type type)
{
    p->started = true;
    if (type != RAW_OBJECT)
        return not_an_object(p, type);
    status_items_reset(&p->items);
    grant_items_reset(&p->gi);
    return push(p, p->c ? F_ROOT : F_EVENT_ONLY);
}

/* A container opens: enter it if genop reads it, else skip it whole. */
static int open_container(reader *p, raw_type type)
{
    if (p->skip) {
        p->skip++;
        return GENOP_SAX_SKIP;
    }
    if (!p->started)
        return open_first(p, type);
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENTS) {
        if (type != RAW_OBJECT)
            return event_not_an_object(p, type);
        for (int i = 0; i < N_EVENT_KEYS; i++)
            p->event[i].type = RAW_ABSENT;
        status_items_reset(&p->items);
        grant_items_reset(&p->gi);
        p->exceptions_before = p->c->n_exceptions;
        return push(p, F_EVENT);
    }
    if (f == F_LEVELS || f == F_GOALS)
        return open_item(p, f, type);
    if (f == F_EXCEPTIONS)
        return open_exception(p, type);
    int key = p->key;
    put_value(p, type, NULL, 0, 0, false);
    if (f == F_ROOT && key == K_CITIZEN && type == RAW_OBJECT)
        return push(p, F_CITIZEN);
    if (f == F_ROOT && key == K_EVENTS && type == RAW_ARRAY)
        return push(p, F_EVENTS);
    if ((f == F_EVENT || f == F_EVENT_ONLY) && (key == K_LEVELS || key == K_GOALS) &&
        type == RAW_ARRAY) {
        if (key == K_LEVELS)
            memset(p->items.seen, 0, sizeof p->items.seen);
        return push(p, key == K_LEVELS ? F_LEVELS : F_GOALS);
    }
    if ((f == F_EVENT || f == F_EVENT_ONLY) && key == K_GRANT && type == RAW_OBJECT)
        return push(p, F_GRANT);
    if (f == F_GRANT && key == K_EXCEPTIONS && type == RAW_ARRAY)
        return push(p, F_EXCEPTIONS);
    p->skip = 1;
    return GENOP_SAX_SKIP;
}

static int on_start_map(void *ctx)
{
    return open_container(ctx, RAW_OBJECT);
}

static int on_start_array(void *ctx)
{
    return open_container(ctx, RAW_ARRAY);
}

/* One event object of the case is complete: check it and add it. */
static int close_event(reader *p)
{
    char path[48];
    event_path(p->event_index, path);
    genop_event ev;
    genop_err err = case_fields_event(p->event, &p->items, &p->gi, path, &ev, p->e);
    if (err)
        return fail_cb(p, err);
    if (ev.type != GENOP_EV_DECISION)   /* a "grant" elsewhere is not read */
        p->c->n_exceptions = p->exceptions_before;
    err = genop_case_add(p->c, &ev, p->e);
    if (err) {
        genop_error_prefix(p->e, "%s", path);
        return fail_cb(p, err);
    }
    if (ev.type == GENOP_EV_REFERRAL_RECEIVED &&
        genop_case_referral(p->c) != &p->c->events[p->c->n_events - 1])
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL,
                                     "%s: en sag har præcis én henvendelse (referral_received); "
                                     "dette er den anden", path));
    p->event_index++;
    return GENOP_SAX_GO;
}

static int close_container(reader *p)
{
    if (p->skip) {
        p->skip--;
        return GENOP_SAX_GO;
    }
    frame f = p->stack[--p->depth];
    p->key = -1;
    genop_err err = GENOP_OK;
    switch (f) {
    case F_EVENT: return close_event(p);
    case F_CITIZEN: err = case_fields_citizen(p->citizen, p->c, p->e); break;
    case F_ROOT: err = case_fields_root(p->root, p->c, p->e); break;
    case F_EVENT_ONLY:
        err = case_fields_event(p->event, &p->items, &p->gi, p->single_path, p->single, p->e);
        if (!err && p->grant && p->single->type != GENOP_EV_DECISION)
            p->grant->n = 0;
        break;
    case F_LEVEL:
    case F_GOAL: close_item(p, f); break;
    case F_EXCEPTION: return close_exception(p);
    default: break;
    }
    return err ? fail_cb(p, err) : GENOP_SAX_GO;
}

static int on_end(void *ctx)
{
    return close_container(ctx);
}

static genop_err on_stopped(void *ctx)
{
    return ((reader *)ctx)->err;
}

static const genop_json_sax reader_sax = {
    .null = on_null,
    .boolean = on_boolean,
    .integer = on_integer,
    .real = on_real,
    .string = on_string,
    .start_map = on_start_map,
    .map_key = on_map_key,
    .end_map = on_end,
    .start_array = on_start_array,
    .end_array = on_end,
    .stopped = on_stopped,
};

/* ---- entry points -------------------------------------------------------- */

genop_err genop_case_read(genop_json_source source, const void *input, genop_case *c,
                          genop_error *e)
{
    genop_case_reset(c);
    reader *p = calloc(1, sizeof *p);
    if (!p)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse sagen");
    p->c = c;
    p->e = e;
    genop_err err = source(input, &reader_sax, p, e);
    free(p);
    if (!err)
        err = genop_case_check(c, e);
    if (err) {
        genop_case_reset(c);
        return err;
    }
    genop_case_sort(c);
    return GENOP_OK;
}

genop_err genop_event_read(genop_json_source source, const void *input, const char *path,
                           genop_event *ev, genop_error *e)
{
    return genop_event_read_grant(source, input, path, ev, NULL, e);
}

genop_err genop_event_read_grant(genop_json_source source, const void *input, const char *path,
                                 genop_event *ev, genop_grant *grant, genop_error *e)
{
    /* On the stack: a few KB, cleared in far fewer instructions than a
     * calloc's (the server parses every stored event of a case it reads). */
    reader p;
    memset(&p, 0, sizeof p);
    p.single = ev;
    p.single_path = path;
    p.grant = grant;
    p.e = e;
    if (grant)
        grant->n = 0;
    genop_err err = source(input, &reader_sax, &p, e);
    if (err && grant)
        grant->n = 0;
    return err;
}
