/*
 * case_json.c - reads the JSON case format of shared/spec/evaluate.md
 * section 2 into a genop_case.
 *
 * yajl's event parser calls us for every key and value. We keep a small
 * stack of where we are (the case object, its citizen, the events list, one
 * event) and copy the values of the keys genop reads into a `raw_object`
 * - bounded text buffers, no allocation. When an object closes, its raw
 * values are checked and turned into typed data (check_event,
 * check_citizen): the checks see every field of the object at once, so
 * key order in the input does not matter. Containers and keys genop does
 * not read are skipped, so callers may carry their own fields.
 */
#include "case_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "standard.h"

/* Largest number of minutes one session may last. */
#define SESSION_MINUTES_MAX 1440
/* Room for the longest text genop keeps (a condition) plus one byte that
 * shows the input was longer. */
#define RAW_TEXT_SIZE (GENOP_CONDITION_MAX + 2)

typedef enum raw_type {
    RAW_ABSENT, RAW_STRING, RAW_INTEGER, RAW_REAL, RAW_BOOL, RAW_NULL, RAW_OBJECT, RAW_ARRAY
} raw_type;

typedef struct raw_value {
    raw_type type;
    bool has_nul;                 /* a string with \u0000 in it */
    size_t len;                   /* full length of a string */
    char text[RAW_TEXT_SIZE];     /* NUL-terminated, cut at RAW_TEXT_SIZE - 1 */
    long long integer;
    bool boolean;
} raw_value;

/* The keys genop reads, per kind of object. */
enum { K_TYPE, K_DATE, K_PARAGRAPH, K_CONDITION, K_GRANTED, K_MINUTES, K_OUTCOME,
       K_KIND, K_UPHELD, K_REASON, N_EVENT_KEYS };
static const char *const event_keys[N_EVENT_KEYS] = {
    "type", "date", "paragraph", "condition", "granted", "minutes", "outcome",
    "kind", "upheld", "reason",
};
enum { K_BIRTH_DATE, K_MUNICIPALITY_CODE, N_CITIZEN_KEYS };
static const char *const citizen_keys[N_CITIZEN_KEYS] = {"birth_date", "municipality_code"};
enum { K_AS_OF, K_ID, K_CITIZEN, K_EVENTS, N_ROOT_KEYS };
static const char *const root_keys[N_ROOT_KEYS] = {"as_of", "id", "citizen", "events"};

#define RAW_KEYS_MAX N_EVENT_KEYS

typedef struct raw_object {
    raw_value v[RAW_KEYS_MAX];
} raw_object;

/* Where the parser is. */
typedef enum frame {
    F_ROOT,      /* inside the case object */
    F_CITIZEN,   /* inside $.citizen */
    F_EVENTS,    /* inside the $.events list */
    F_EVENT,     /* inside one event */
    F_EVENT_ONLY /* inside the single event of genop_event_parse */
} frame;

#define STACK_MAX 4

typedef struct parser {
    genop_case *c;                /* NULL for a single event */
    genop_event *single;          /* genop_event_parse's output */
    const char *single_path;
    genop_error *e;
    genop_err err;
    frame stack[STACK_MAX];
    int depth;                    /* frames in use */
    int skip;                     /* > 0: inside a container we ignore */
    bool started;
    int key;                      /* current known key of the top frame, -1 if unknown */
    size_t event_index;
    raw_object root, citizen, event;
} parser;

/* ---- checking raw values ------------------------------------------------ */

static const char *raw_type_da(raw_type t)
{
    switch (t) {
    case RAW_OBJECT: return "et objekt";
    case RAW_ARRAY: return "en liste";
    case RAW_STRING: return "en tekst";
    case RAW_INTEGER: return "et heltal";
    case RAW_REAL: return "et decimaltal";
    case RAW_BOOL: return "true/false";
    case RAW_NULL: return "null";
    default: return "intet";
    }
}

/* The text of a string field: NULL (and OK) when absent and not required. */
static genop_err need_text(const raw_value *v, const char *path, const char *key,
                           bool required, const char **out, genop_error *e)
{
    *out = NULL;
    if (v->type == RAW_ABSENT)
        return required ? genop_fail(e, GENOP_EINVAL, "%s.%s mangler", path, key) : GENOP_OK;
    if (v->type != RAW_STRING)
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være en tekst, ikke %s", path, key,
                          raw_type_da(v->type));
    if (v->has_nul)
        return genop_fail(e, GENOP_EINVAL, "%s.%s indeholder et NUL-tegn (\\u0000)", path, key);
    *out = v->text;
    return GENOP_OK;
}

static genop_err need_date(const raw_value *v, const char *path, const char *key,
                           bool required, bool *present, genop_date *out, genop_error *e)
{
    const char *s;
    genop_err err = need_text(v, path, key, required, &s, e);
    if (present)
        *present = s != NULL;
    if (err || !s)
        return err;
    err = genop_date_parse(v->len < RAW_TEXT_SIZE - 1 ? s : "(for lang)", out, e);
    if (err)
        genop_error_prefix(e, "%s.%s", path, key);
    return err;
}

/* Copies a condition text into dst, which holds GENOP_CONDITION_MAX + 1. */
static genop_err need_condition(const raw_value *v, const char *path, bool required,
                                char *dst, genop_error *e)
{
    const char *s;
    genop_err err = need_text(v, path, "condition", required, &s, e);
    if (err || !s)
        return err;
    if (v->len > GENOP_CONDITION_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "%s.condition er %zu byte lang; højst %d",
                          path, v->len, GENOP_CONDITION_MAX);
    memcpy(dst, s, v->len + 1);
    return GENOP_OK;
}

static genop_err check_referral(const raw_object *o, const char *path, genop_event *ev,
                                genop_error *e)
{
    const char *p;
    genop_err err = need_text(&o->v[K_PARAGRAPH], path, "paragraph", true, &p, e);
    if (err)
        return err;
    ev->paragraph = genop_paragraph_from_name(p);
    if (!ev->paragraph)
        return genop_fail(e, GENOP_EINVAL,
                          "%s.paragraph er '%.20s'; den skal være \"86.1\" eller \"86.2\"",
                          path, p);
    return need_condition(&o->v[K_CONDITION], path, false, ev->condition, e);
}

static genop_err check_decision(const raw_object *o, const char *path, genop_event *ev,
                                genop_error *e)
{
    const raw_value *v = &o->v[K_GRANTED];
    if (v->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "%s.granted mangler (true eller false)", path);
    if (v->type != RAW_BOOL)
        return genop_fail(e, GENOP_EINVAL, "%s.granted skal være true eller false, ikke %s",
                          path, raw_type_da(v->type));
    ev->granted = v->boolean;
    return GENOP_OK;
}

static genop_err check_session(const raw_object *o, const char *path, genop_event *ev,
                               genop_error *e)
{
    const raw_value *m = &o->v[K_MINUTES];
    if (m->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "%s.minutes mangler", path);
    if (m->type != RAW_INTEGER)
        return genop_fail(e, GENOP_EINVAL, "%s.minutes skal være et heltal, ikke %s",
                          path, raw_type_da(m->type));
    if (m->integer < 0 || m->integer > SESSION_MINUTES_MAX)
        return genop_fail(e, GENOP_ERANGE, "%s.minutes er %lld; det skal være 0-%d",
                          path, m->integer, SESSION_MINUTES_MAX);
    ev->minutes = (int)m->integer;
    const char *s;
    genop_err err = need_text(&o->v[K_OUTCOME], path, "outcome", true, &s, e);
    if (err)
        return err;
    if (!genop_outcome_from_name(s, &ev->outcome))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.outcome er '%.40s'; den skal være attended, citizen_cancelled, "
                          "no_show eller provider_cancelled", path, s);
    err = need_text(&o->v[K_KIND], path, "kind", false, &s, e);
    if (err)
        return err;
    ev->kind = GENOP_SESSION_TRAINING;
    if (s && !genop_session_kind_from_name(s, &ev->kind))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.kind er '%.40s'; den skal være training eller assessment", path, s);
    return GENOP_OK;
}

static genop_err check_complaint_decided(const raw_object *o, const char *path,
                                         genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o->v[K_UPHELD], path, "upheld", true, &s, e);
    if (err)
        return err;
    if (!genop_upheld_from_name(s, &ev->upheld))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.upheld er '%.40s'; den skal være full, partial eller none", path, s);
    return GENOP_OK;
}

/* Turns the raw fields of one event object into *ev. */
static genop_err check_event(const raw_object *o, const char *path, genop_event *ev,
                             genop_error *e)
{
    memset(ev, 0, sizeof *ev);
    const char *type;
    genop_err err = need_text(&o->v[K_TYPE], path, "type", true, &type, e);
    if (err)
        return err;
    if (!genop_event_type_from_name(type, &ev->type))
        return genop_fail(e, GENOP_EINVAL, "%s.type: ukendt hændelsestype '%.40s'", path, type);
    err = need_date(&o->v[K_DATE], path, "date", true, NULL, &ev->date, e);
    if (err)
        return err;
    const char *reason;
    switch (ev->type) {
    case GENOP_EV_REFERRAL_RECEIVED: return check_referral(o, path, ev, e);
    case GENOP_EV_DECISION: return check_decision(o, path, ev, e);
    case GENOP_EV_SESSION: return check_session(o, path, ev, e);
    case GENOP_EV_COMPLAINT_DECIDED: return check_complaint_decided(o, path, ev, e);
    case GENOP_EV_PREVIOUS_COURSE: return need_condition(&o->v[K_CONDITION], path, true, ev->condition, e);
    case GENOP_EV_CLOSED: return need_text(&o->v[K_REASON], path, "reason", true, &reason, e);
    default: return GENOP_OK;
    }
}

static genop_err check_citizen(const raw_object *o, genop_case *c, genop_error *e)
{
    genop_err err = need_date(&o->v[K_BIRTH_DATE], "$.citizen", "birth_date", false,
                              &c->has_birth_date, &c->birth_date, e);
    if (err)
        return err;
    const raw_value *code = &o->v[K_MUNICIPALITY_CODE];
    if (code->type == RAW_ABSENT)
        return GENOP_OK;
    if (code->type != RAW_INTEGER)
        return genop_fail(e, GENOP_EINVAL,
                          "$.citizen.municipality_code skal være et heltal (kommunekode), ikke %s",
                          raw_type_da(code->type));
    if (code->integer < 100 || code->integer > 999)
        return genop_fail(e, GENOP_ERANGE,
                          "$.citizen.municipality_code er %lld; en kommunekode har tre cifre",
                          code->integer);
    c->has_municipality_code = true;
    c->municipality_code = (int)code->integer;
    return GENOP_OK;
}

/* The case object's own fields, once it is complete. */
static genop_err check_root(const raw_object *o, genop_case *c, genop_error *e)
{
    const raw_value *events = &o->v[K_EVENTS];
    if (events->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "$.events mangler");
    if (events->type != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "$.events skal være en liste, ikke %s",
                          raw_type_da(events->type));
    const raw_value *cit = &o->v[K_CITIZEN];
    if (cit->type != RAW_ABSENT && cit->type != RAW_OBJECT)
        return genop_fail(e, GENOP_EINVAL, "$.citizen skal være et objekt, ikke %s",
                          raw_type_da(cit->type));
    const raw_value *id = &o->v[K_ID];
    if (id->type == RAW_STRING || id->type == RAW_INTEGER) {
        if (id->has_nul)
            return genop_fail(e, GENOP_EINVAL, "$.id indeholder et NUL-tegn (\\u0000)");
        if (id->len > GENOP_CASE_ID_MAX)
            return genop_fail(e, GENOP_ETOOBIG, "$.id er %zu byte langt; højst %d", id->len,
                              GENOP_CASE_ID_MAX);
        c->id_kind = id->type == RAW_STRING ? GENOP_CASE_ID_STRING : GENOP_CASE_ID_NUMBER;
        memcpy(c->id, id->text, id->len + 1);
    } else if (id->type != RAW_ABSENT) {
        return genop_fail(e, GENOP_EINVAL, "$.id skal være en tekst eller et heltal, ikke %s",
                          raw_type_da(id->type));
    }
    return need_date(&o->v[K_AS_OF], "$", "as_of", false, &c->has_as_of, &c->as_of, e);
}

/* ---- the yajl callbacks ------------------------------------------------- */

static int fail_cb(parser *p, genop_err err)
{
    p->err = err;
    return 0;
}

static raw_object *top_object(parser *p, const char *const **keys, int *n)
{
    switch (p->stack[p->depth - 1]) {
    case F_ROOT: *keys = root_keys; *n = N_ROOT_KEYS; return &p->root;
    case F_CITIZEN: *keys = citizen_keys; *n = N_CITIZEN_KEYS; return &p->citizen;
    case F_EVENT:
    case F_EVENT_ONLY: *keys = event_keys; *n = N_EVENT_KEYS; return &p->event;
    default: return NULL;
    }
}

/* The path of the object on top of the stack, for messages. */
static void top_path(const parser *p, char *buf, size_t size)
{
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENT)
        snprintf(buf, size, "$.events[%zu]", p->event_index);
    else if (f == F_CITIZEN)
        snprintf(buf, size, "$.citizen");
    else if (f == F_EVENT_ONLY)
        snprintf(buf, size, "%s", p->single_path);
    else
        snprintf(buf, size, "$");
}

/* Stores a scalar for the current key (if it is one genop reads). */
static int put_value(parser *p, raw_type type, const char *text, size_t len,
                     long long integer, bool boolean)
{
    if (p->skip)
        return 1;
    if (!p->started)
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "%s skal være et JSON-objekt, ikke %s",
                                     p->c ? "$: en sag" : p->single_path, raw_type_da(type)));
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENTS)
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "$.events[%zu] skal være et objekt, ikke %s",
                                     p->event_index, raw_type_da(type)));
    const char *const *keys;
    int n;
    raw_object *o = top_object(p, &keys, &n);
    if (!o || p->key < 0)
        return 1;
    raw_value *v = &o->v[p->key];
    v->type = type;
    v->has_nul = text && memchr(text, '\0', len) != NULL;
    v->integer = integer;
    v->boolean = boolean;
    v->len = len;
    size_t take = len < RAW_TEXT_SIZE - 1 ? len : RAW_TEXT_SIZE - 1;
    if (text)
        memcpy(v->text, text, take);
    v->text[take] = '\0';
    return 1;
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

static int on_double(void *ctx, double d)
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
    parser *p = ctx;
    if (p->skip)
        return 1;
    const char *const *keys;
    int n;
    raw_object *o = top_object(p, &keys, &n);
    p->key = -1;
    for (int i = 0; o && i < n; i++) {
        /* Keys may contain \u0000, so compare lengths, never rely on NULs. */
        if (len == 0 || keys[i][0] != (char)key[0] || strlen(keys[i]) != len ||
            memcmp(keys[i], key, len) != 0)
            continue;
        if (o->v[i].type != RAW_ABSENT) {
            char path[64];
            top_path(p, path, sizeof path);
            return fail_cb(p, genop_fail(p->e, GENOP_EPARSE, "%s: nøglen '%s' står to gange",
                                         path, keys[i]));
        }
        p->key = i;
    }
    return 1;
}

static int push(parser *p, frame f)
{
    if (p->depth >= STACK_MAX)
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "sagen er for dybt indlejret"));
    p->stack[p->depth++] = f;
    p->key = -1;
    return 1;
}

/* A container opens: enter it if genop reads it, else skip it whole. */
static int open_container(parser *p, raw_type type)
{
    if (p->skip) {
        p->skip++;
        return 1;
    }
    if (!p->started) {
        p->started = true;
        if (type != RAW_OBJECT)
            return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "%s skal være et JSON-objekt, ikke %s",
                                         p->c ? "$: en sag" : p->single_path, raw_type_da(type)));
        return push(p, p->c ? F_ROOT : F_EVENT_ONLY);
    }
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENTS) {
        if (type != RAW_OBJECT)
            return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "$.events[%zu] skal være et objekt, ikke %s",
                                         p->event_index, raw_type_da(type)));
        for (int i = 0; i < N_EVENT_KEYS; i++)
            p->event.v[i].type = RAW_ABSENT;
        return push(p, F_EVENT);
    }
    int key = p->key;
    put_value(p, type, NULL, 0, 0, false);
    if (f == F_ROOT && key == K_CITIZEN && type == RAW_OBJECT)
        return push(p, F_CITIZEN);
    if (f == F_ROOT && key == K_EVENTS && type == RAW_ARRAY)
        return push(p, F_EVENTS);
    p->skip = 1;
    return 1;
}

static int on_start_map(void *ctx)
{
    return open_container(ctx, RAW_OBJECT);
}

static int on_start_array(void *ctx)
{
    return open_container(ctx, RAW_ARRAY);
}

/* One event object is complete: check it and add it to the case. */
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

static int close_event(parser *p)
{
    char path[48];
    event_path(p->event_index, path);
    genop_event ev;
    genop_err err = check_event(&p->event, path, &ev, p->e);
    if (err)
        return fail_cb(p, err);
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
    return 1;
}

static int close_container(parser *p)
{
    if (p->skip) {
        p->skip--;
        return 1;
    }
    frame f = p->stack[--p->depth];
    p->key = -1;
    switch (f) {
    case F_EVENT: return close_event(p);
    case F_CITIZEN: {
        genop_err err = check_citizen(&p->citizen, p->c, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    case F_ROOT: {
        genop_err err = check_root(&p->root, p->c, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    case F_EVENT_ONLY: {
        genop_err err = check_event(&p->event, p->single_path, p->single, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    default: return 1;
    }
}

static int on_end(void *ctx)
{
    return close_container(ctx);
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_integer = on_integer,
    .yajl_double = on_double,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

/* Line and column (1-based) of byte offset in text. */
static void position_of(const char *text, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

/* yajl's messages, in Danish. yajl 2.1 says what went wrong in a short
 * English phrase; the ones a person can meet are listed here. */
static const char *syntax_error_da(const char *yajl_message)
{
    static const struct { const char *en, *da; } known[] = {
        {"premature EOF", "teksten slutter, før JSON-værdien er afsluttet"},
        {"trailing garbage", "der står mere efter JSON-værdien"},
        {"integer overflow", "et tal er for stort"},
        {"invalid char in json text", "ugyldigt tegn"},
        {"invalid string in json text", "ugyldigt tegn i en tekst"},
        {"invalid bytes in UTF8 string", "teksten er ikke gyldig UTF-8"},
        {"inside a string, '\\' occurs before a character which it may not", "ugyldig \\-escape i en tekst"},
        {"invalid (non-hex) character occurs after '\\u' inside string", "ugyldig \\u-escape i en tekst"},
        {"invalid character inside string", "ugyldigt kontroltegn i en tekst"},
        {"malformed number, a digit is required after the decimal point", "ugyldigt tal"},
        {"malformed number, a digit is required after the exponent", "ugyldigt tal"},
        {"after key and value, inside map, I expect ',' or '}'", "der mangler ',' eller '}' i et objekt"},
        {"object key and value must be separated by a colon (':')", "der mangler ':' efter en nøgle"},
        {"after array element, I expect ',' or ']'", "der mangler ',' eller ']' i en liste"},
        {"invalid object key (must be a string)", "en nøgle skal være en tekst i anførselstegn"},
        {"unallowed token at this point in JSON text", "uventet tegn"},
        {"probable comment found in input text, comments are not enabled", "JSON tillader ikke kommentarer"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(yajl_message, known[i].en))
            return known[i].da;
    return "syntaksfejl";
}

/* True if text[0..len) is only white space. */
static bool blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
            return false;
    return true;
}

/* Runs yajl over text with parser p; reports syntax errors with position. */
static genop_err run_parser(parser *p, const char *text, size_t len)
{
    if (len > GENOP_CASE_JSON_MAX)
        return genop_fail(p->e, GENOP_ETOOBIG, "sagen fylder %zu byte; højst %u er tilladt",
                          len, GENOP_CASE_JSON_MAX);
    if (blank(text, len))
        return genop_fail(p->e, GENOP_EPARSE, "ugyldig JSON: teksten er tom");
    yajl_handle h = yajl_alloc(&callbacks, NULL, p);
    if (!h)
        return genop_fail(p->e, GENOP_ENOMEM, "ikke nok hukommelse til at læse sagen");
    yajl_status st = yajl_parse(h, (const unsigned char *)text, len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    genop_err err = GENOP_OK;
    if (st == yajl_status_client_canceled) {
        err = p->err;
    } else if (st != yajl_status_ok) {
        size_t at = yajl_get_bytes_consumed(h);
        unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
        const char *what = syntax_error_da(msg ? (const char *)msg : "");
        int line, column;
        /* yajl counts the offending byte as consumed: point at it. */
        size_t bad = at > len ? len : at;
        position_of(text, bad > 0 ? bad - 1 : 0, &line, &column);
        if (memchr(text, '\n', len))
            err = genop_fail(p->e, GENOP_EPARSE, "ugyldig JSON på linje %d, kolonne %d: %s",
                             line, column, what);
        else
            err = genop_fail(p->e, GENOP_EPARSE, "ugyldig JSON ved tegn %d: %s", column, what);
        yajl_free_error(h, msg);
    }
    yajl_free(h);
    return err;
}

genop_err genop_case_parse(const char *text, size_t len, genop_case *c, genop_error *e)
{
    genop_case_reset(c);
    parser *p = calloc(1, sizeof *p);
    if (!p)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse sagen");
    p->c = c;
    p->e = e;
    genop_err err = run_parser(p, text, len);
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

genop_err genop_event_parse(const char *text, size_t len, const char *path,
                            genop_event *ev, genop_error *e)
{
    parser *p = calloc(1, sizeof *p);
    if (!p)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse hændelsen");
    p->single = ev;
    p->single_path = path;
    p->e = e;
    genop_err err = run_parser(p, text, len);
    free(p);
    return err;
}

/* ---- jansson entry points ----------------------------------------------- */

genop_err genop_json_parse(const char *text, size_t len, json_t **root, genop_error *e)
{
    if (len > GENOP_CASE_JSON_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "sagen fylder %zu byte; højst %u er tilladt",
                          len, GENOP_CASE_JSON_MAX);
    json_error_t je;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return genop_fail(e, GENOP_EPARSE, "ugyldig JSON på linje %d, kolonne %d: %s",
                          je.line, je.column, je.text);
    *root = j;
    return GENOP_OK;
}

/* Serialises a jansson value and hands it to parse(). */
static genop_err via_text(const json_t *value, char **text, size_t *len, genop_error *e)
{
    *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!*text)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse sagen");
    *len = strlen(*text);
    return GENOP_OK;
}

genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e)
{
    char *text = NULL;
    size_t len = 0;
    genop_err err = via_text(root, &text, &len, e);
    if (err) {
        genop_case_reset(c);
        return err;
    }
    err = genop_case_parse(text, len, c, e);
    free(text);
    return err;
}

genop_err genop_event_from_json(const json_t *obj, const char *path, genop_event *ev,
                                genop_error *e)
{
    char *text = NULL;
    size_t len = 0;
    genop_err err = via_text(obj, &text, &len, e);
    if (err)
        return err;
    err = genop_event_parse(text, len, path, ev, e);
    free(text);
    return err;
}
