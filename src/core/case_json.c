/*
 * case_json.c - reads the JSON case format of shared/spec/evaluate.md
 * section 2 into a genop_case.
 *
 * yajl's event parser calls us for every key and value. We keep a small
 * stack of where we are (the case object, its citizen, the events list, one
 * event) and copy the values of the keys genop reads into `raw_value` slots
 * - bounded text buffers, no allocation. When an object closes, its raw
 * values are checked and turned into typed data (check_event,
 * check_citizen): the checks see every field of the object at once, so
 * key order in the input does not matter. Containers and keys genop does
 * not read are skipped, so callers may carry their own fields.
 *
 * A function_status event (genop's own type: the citizen's FSIII function
 * levels and goals at the start or end of the course) holds two lists,
 * `levels` [{code, level}] and `goals` [{text, reached}]. Their items are
 * checked as each one closes (a known FSIII code, a level of the scale,
 * no condition twice) and summed up in `status_items`, without keeping
 * them: no rule reads them, and the store keeps the event's text. What
 * the items came to is judged when the event closes, once its type and
 * phase are known, so key order does not matter here either.
 */
#include "case_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "fsiii.h"
#include "standard.h"
#include "yajl_arena.h"

/* Largest number of minutes one session may last. */
#define SESSION_MINUTES_MAX 1440
/* Most goals one function status may hold, and the longest goal (bytes). */
#define STATUS_GOALS_MAX 20
#define GOAL_TEXT_MAX 500
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
       K_KIND, K_UPHELD, K_REASON, K_PHASE, K_LEVELS, K_GOALS, N_EVENT_KEYS };
static const char *const event_keys[N_EVENT_KEYS] = {
    "type", "date", "paragraph", "condition", "granted", "minutes", "outcome",
    "kind", "upheld", "reason", "phase", "levels", "goals",
};
/* The items of a function_status event's lists. */
enum { K_CODE, K_LEVEL, N_LEVEL_KEYS };
static const char *const level_keys[N_LEVEL_KEYS] = {"code", "level"};
enum { K_TEXT, K_REACHED, N_GOAL_KEYS };
static const char *const goal_keys[N_GOAL_KEYS] = {"text", "reached"};
enum { K_BIRTH_DATE, K_MUNICIPALITY_CODE, N_CITIZEN_KEYS };
static const char *const citizen_keys[N_CITIZEN_KEYS] = {"birth_date", "municipality_code"};
enum { K_AS_OF, K_ID, K_CITIZEN, K_EVENTS, N_ROOT_KEYS };
static const char *const root_keys[N_ROOT_KEYS] = {"as_of", "id", "citizen", "events"};

/* A level and a goal have two keys each. */
#define N_ITEM_KEYS 2
_Static_assert(N_LEVEL_KEYS == N_ITEM_KEYS && N_GOAL_KEYS == N_ITEM_KEYS, "item keys");

/* Where the parser is. */
typedef enum frame {
    F_ROOT,      /* inside the case object */
    F_CITIZEN,   /* inside $.citizen */
    F_EVENTS,    /* inside the $.events list */
    F_EVENT,     /* inside one event */
    F_EVENT_ONLY,/* inside the single event of genop_event_parse */
    F_LEVELS,    /* inside an event's "levels" list */
    F_LEVEL,     /* inside one {code, level} */
    F_GOALS,     /* inside an event's "goals" list */
    F_GOAL       /* inside one {text, reached} */
} frame;

/* Root, events, event, levels, level. */
#define STACK_MAX 5

/* What the items of the current event's levels and goals came to. */
typedef struct status_items {
    size_t n_levels, n_goals;     /* items opened so far */
    bool seen[GENOP_FSIII_CONDITIONS_MAX];  /* conditions given a level */
    long first_reached;           /* first goal with "reached", or -1 */
    long first_unreached;         /* first goal without it, or -1 */
    genop_err err;                /* the first bad item (GENOP_OK: none) ... */
    genop_error first;            /* ... and its message */
} status_items;

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
    /* The values of the keys genop reads, one slot per key of each kind of
     * object (kept small: the parser is cleared for every case). */
    raw_value root[N_ROOT_KEYS], citizen[N_CITIZEN_KEYS], event[N_EVENT_KEYS];
    raw_value item[N_ITEM_KEYS];  /* the level or goal being read */
    status_items items;           /* of the current event */
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

static genop_err check_referral(const raw_value *o, const char *path, genop_event *ev,
                                genop_error *e)
{
    const char *p;
    genop_err err = need_text(&o[K_PARAGRAPH], path, "paragraph", true, &p, e);
    if (err)
        return err;
    ev->paragraph = genop_paragraph_from_name(p);
    if (!ev->paragraph)
        return genop_fail(e, GENOP_EINVAL,
                          "%s.paragraph er '%.20s'; den skal være \"86.1\" eller \"86.2\"",
                          path, p);
    return need_condition(&o[K_CONDITION], path, false, ev->condition, e);
}

static genop_err check_decision(const raw_value *o, const char *path, genop_event *ev,
                                genop_error *e)
{
    const raw_value *v = &o[K_GRANTED];
    if (v->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "%s.granted mangler (true eller false)", path);
    if (v->type != RAW_BOOL)
        return genop_fail(e, GENOP_EINVAL, "%s.granted skal være true eller false, ikke %s",
                          path, raw_type_da(v->type));
    ev->granted = v->boolean;
    return GENOP_OK;
}

static genop_err check_session(const raw_value *o, const char *path, genop_event *ev,
                               genop_error *e)
{
    const raw_value *m = &o[K_MINUTES];
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
    genop_err err = need_text(&o[K_OUTCOME], path, "outcome", true, &s, e);
    if (err)
        return err;
    if (!genop_outcome_from_name(s, &ev->outcome))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.outcome er '%.40s'; den skal være attended, citizen_cancelled, "
                          "no_show eller provider_cancelled", path, s);
    err = need_text(&o[K_KIND], path, "kind", false, &s, e);
    if (err)
        return err;
    ev->kind = GENOP_SESSION_TRAINING;
    if (s && !genop_session_kind_from_name(s, &ev->kind))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.kind er '%.40s'; den skal være training eller assessment", path, s);
    return GENOP_OK;
}

static genop_err check_complaint_decided(const raw_value *o, const char *path,
                                         genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o[K_UPHELD], path, "upheld", true, &s, e);
    if (err)
        return err;
    if (!genop_upheld_from_name(s, &ev->upheld))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.upheld er '%.40s'; den skal være full, partial eller none", path, s);
    return GENOP_OK;
}

/* A list member of a function_status event: absent is OK unless required. */
static genop_err need_list(const raw_value *v, const char *path, const char *key,
                           bool required, const char *what, genop_error *e)
{
    if (v->type == RAW_ABSENT)
        return required ? genop_fail(e, GENOP_EINVAL, "%s.%s mangler: %s", path, key, what)
                        : GENOP_OK;
    if (v->type != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være en liste (%s), ikke %s", path, key,
                          what, raw_type_da(v->type));
    return GENOP_OK;
}

/* The phase, the lists and what their items came to (status_items). */
static genop_err check_function_status(const raw_value *o, const status_items *items,
                                       const char *path, genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o[K_PHASE], path, "phase", true, &s, e);
    if (err)
        return err;
    if (!genop_status_phase_from_name(s, &ev->phase))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.phase er '%.40s'; den skal være start (startstatus) eller end "
                          "(slutstatus)", path, s);
    err = need_list(&o[K_LEVELS], path, "levels", true,
                    "funktionsevnetilstandenes niveauer som [{code, level}]", e);
    if (!err)
        err = need_list(&o[K_GOALS], path, "goals", false,
                        "borgerens egne mål som [{text, reached}]", e);
    if (err)
        return err;
    if (items->err) {
        if (e)
            *e = items->first;
        return items->err;
    }
    if (items->n_levels == 0)
        return genop_fail(e, GENOP_EINVAL, "%s.levels er tom: angiv niveauet for mindst én "
                          "funktionsevnetilstand", path);
    if (ev->phase == GENOP_PHASE_START && items->first_reached >= 0)
        return genop_fail(e, GENOP_EINVAL, "%s.goals[%ld].reached: om et mål er nået, angives i "
                          "slutstatus, ikke i startstatus", path, items->first_reached);
    if (ev->phase == GENOP_PHASE_END && items->first_unreached >= 0)
        return genop_fail(e, GENOP_EINVAL, "%s.goals[%ld].reached mangler: slutstatus angiver for "
                          "hvert mål, om det er nået (true eller false)", path,
                          items->first_unreached);
    return GENOP_OK;
}

/* Turns the raw fields of one event object (and what the items of its
 * lists came to) into *ev. */
static genop_err check_event(const raw_value *o, const status_items *items, const char *path,
                             genop_event *ev, genop_error *e)
{
    memset(ev, 0, sizeof *ev);
    const char *type;
    genop_err err = need_text(&o[K_TYPE], path, "type", true, &type, e);
    if (err)
        return err;
    if (!genop_event_type_from_name(type, &ev->type))
        return genop_fail(e, GENOP_EINVAL, "%s.type: ukendt hændelsestype '%.40s'", path, type);
    err = need_date(&o[K_DATE], path, "date", true, NULL, &ev->date, e);
    if (err)
        return err;
    const char *reason;
    switch (ev->type) {
    case GENOP_EV_REFERRAL_RECEIVED: return check_referral(o, path, ev, e);
    case GENOP_EV_DECISION: return check_decision(o, path, ev, e);
    case GENOP_EV_SESSION: return check_session(o, path, ev, e);
    case GENOP_EV_COMPLAINT_DECIDED: return check_complaint_decided(o, path, ev, e);
    case GENOP_EV_PREVIOUS_COURSE: return need_condition(&o[K_CONDITION], path, true, ev->condition, e);
    case GENOP_EV_CLOSED: return need_text(&o[K_REASON], path, "reason", true, &reason, e);
    case GENOP_EV_FUNCTION_STATUS: return check_function_status(o, items, path, ev, e);
    default: return GENOP_OK;
    }
}

static genop_err check_citizen(const raw_value *o, genop_case *c, genop_error *e)
{
    genop_err err = need_date(&o[K_BIRTH_DATE], "$.citizen", "birth_date", false,
                              &c->has_birth_date, &c->birth_date, e);
    if (err)
        return err;
    const raw_value *code = &o[K_MUNICIPALITY_CODE];
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
static genop_err check_root(const raw_value *o, genop_case *c, genop_error *e)
{
    const raw_value *events = &o[K_EVENTS];
    if (events->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "$.events mangler");
    if (events->type != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "$.events skal være en liste, ikke %s",
                          raw_type_da(events->type));
    const raw_value *cit = &o[K_CITIZEN];
    if (cit->type != RAW_ABSENT && cit->type != RAW_OBJECT)
        return genop_fail(e, GENOP_EINVAL, "$.citizen skal være et objekt, ikke %s",
                          raw_type_da(cit->type));
    const raw_value *id = &o[K_ID];
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
    return need_date(&o[K_AS_OF], "$", "as_of", false, &c->has_as_of, &c->as_of, e);
}

/* ---- the yajl callbacks ------------------------------------------------- */

static int fail_cb(parser *p, genop_err err)
{
    p->err = err;
    return 0;
}

/* The value slots and keys of the object on top of the stack (NULL for a
 * list). */
static raw_value *top_object(parser *p, const char *const **keys, int *n)
{
    switch (p->stack[p->depth - 1]) {
    case F_ROOT: *keys = root_keys; *n = N_ROOT_KEYS; return p->root;
    case F_CITIZEN: *keys = citizen_keys; *n = N_CITIZEN_KEYS; return p->citizen;
    case F_EVENT:
    case F_EVENT_ONLY: *keys = event_keys; *n = N_EVENT_KEYS; return p->event;
    case F_LEVEL: *keys = level_keys; *n = N_LEVEL_KEYS; return p->item;
    case F_GOAL: *keys = goal_keys; *n = N_GOAL_KEYS; return p->item;
    default: return NULL;
    }
}

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
static void current_event_path(const parser *p, char *buf, size_t size)
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
static void item_path(const parser *p, const char *list, size_t index, char *buf, size_t size)
{
    char ev[96];
    current_event_path(p, ev, sizeof ev);
    snprintf(buf, size, "%s.%s[%zu]", ev, list, index);
}

/* The path of the object on top of the stack, for messages. */
static void top_path(const parser *p, char *buf, size_t size)
{
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENT || f == F_EVENT_ONLY)
        current_event_path(p, buf, size);
    else if (f == F_LEVEL)
        item_path(p, "levels", p->items.n_levels - 1, buf, size);
    else if (f == F_GOAL)
        item_path(p, "goals", p->items.n_goals - 1, buf, size);
    else if (f == F_CITIZEN)
        snprintf(buf, size, "$.citizen");
    else
        snprintf(buf, size, "$");
}

static int push(parser *p, frame f)
{
    if (p->depth >= STACK_MAX)
        return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "sagen er for dybt indlejret"));
    p->stack[p->depth++] = f;
    p->key = -1;
    return 1;
}

/* ---- the items of a function_status event -------------------------------- */

/* Forgets the items of the previous event. Cheap: this runs for every
 * event; the larger parts are cleared only when a list opens. */
static void reset_items(status_items *s)
{
    s->n_levels = s->n_goals = 0;
    s->first_reached = s->first_unreached = -1;
    s->err = GENOP_OK;
}

/* Records the first bad item of the current event; it is reported if the
 * event turns out to be a function_status (see check_function_status). */
__attribute__((format(printf, 3, 4)))
static void item_error(parser *p, genop_err code, const char *fmt, ...)
{
    if (p->items.err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->items.first.message, sizeof p->items.first.message, fmt, ap);
    va_end(ap);
    p->items.first.code = code;
    p->items.err = code;
}

/* A list item that is not an object (a scalar, or a list). */
static void item_not_object(parser *p, frame list, raw_type type)
{
    char path[160];
    if (list == F_LEVELS) {
        item_path(p, "levels", p->items.n_levels++, path, sizeof path);
        item_error(p, GENOP_EINVAL, "%s skal være et objekt {code, level}, ikke %s", path,
                   raw_type_da(type));
    } else {
        item_path(p, "goals", p->items.n_goals++, path, sizeof path);
        item_error(p, GENOP_EINVAL, "%s skal være et objekt {text, reached}, ikke %s", path,
                   raw_type_da(type));
    }
}

/* One {code, level} is complete: a known condition, not seen before in
 * this event, and a step of the scale. */
static void close_level(parser *p)
{
    char path[160];
    item_path(p, "levels", p->items.n_levels - 1, path, sizeof path);
    const raw_value *code = &p->item[K_CODE], *level = &p->item[K_LEVEL];
    size_t at = 0;
    const genop_fsiii_condition *cond = NULL;
    if (code->type == RAW_ABSENT)
        item_error(p, GENOP_EINVAL, "%s.code mangler: funktionsevnetilstandens FSIII-kode", path);
    else if (code->type != RAW_STRING)
        item_error(p, GENOP_EINVAL, "%s.code skal være en tekst (en FSIII-kode), ikke %s", path,
                   raw_type_da(code->type));
    else if (code->has_nul || !(cond = genop_fsiii_condition_find(code->text, code->len, &at)))
        item_error(p, GENOP_EINVAL, "%s.code: '%.40s' er ikke en funktionsevnetilstand i FSIII "
                   "(version %s)", path, code->text, GENOP_FSIII_VERSION);
    else if (p->items.seen[at])
        item_error(p, GENOP_EINVAL, "%s.code: funktionsevnetilstanden %s (%s) står to gange i "
                   "samme status", path, cond->name, genop_fsiii_condition_area(cond)->name);
    if (cond)
        p->items.seen[at] = true;
    if (level->type == RAW_ABSENT)
        item_error(p, GENOP_EINVAL, "%s.level mangler: et niveau på FSIII's funktionsevneskala "
                   "(0-4 eller 9)", path);
    else if (level->type != RAW_INTEGER)
        item_error(p, GENOP_EINVAL, "%s.level skal være et heltal (0-4 eller 9), ikke %s", path,
                   raw_type_da(level->type));
    else if (!genop_fsiii_level_valid(level->integer))
        item_error(p, GENOP_ERANGE, "%s.level er %lld; niveauet skal være 0, 1, 2, 3, 4 eller 9 "
                   "(FSIII's funktionsevneskala)", path, level->integer);
}

/* True if the text of v, as far as it is held, is only white space. */
static bool blank_text(const raw_value *v)
{
    if (v->len >= RAW_TEXT_SIZE - 1)
        return false;
    return v->text[strspn(v->text, " \t\r\n")] == '\0';
}

/* One {text, reached} is complete. Whether `reached` must be there
 * depends on the phase, so only where it is and is not is noted. */
static void close_goal(parser *p)
{
    char path[160];
    long index = (long)p->items.n_goals - 1;
    item_path(p, "goals", (size_t)index, path, sizeof path);
    const raw_value *text = &p->item[K_TEXT], *reached = &p->item[K_REACHED];
    if (p->items.n_goals > STATUS_GOALS_MAX)
        item_error(p, GENOP_ETOOBIG, "%s: en status kan højst have %d mål", path,
                   STATUS_GOALS_MAX);
    else if (text->type == RAW_ABSENT)
        item_error(p, GENOP_EINVAL, "%s.text mangler: målet med borgerens egne ord", path);
    else if (text->type != RAW_STRING)
        item_error(p, GENOP_EINVAL, "%s.text skal være en tekst, ikke %s", path,
                   raw_type_da(text->type));
    else if (text->has_nul)
        item_error(p, GENOP_EINVAL, "%s.text indeholder et NUL-tegn (\\u0000)", path);
    else if (text->len == 0 || blank_text(text))
        item_error(p, GENOP_EINVAL, "%s.text er tom: skriv målet med borgerens egne ord", path);
    else if (text->len > GOAL_TEXT_MAX)
        item_error(p, GENOP_ETOOBIG, "%s.text er %zu byte lang; højst %d", path, text->len,
                   GOAL_TEXT_MAX);
    if (reached->type == RAW_ABSENT || reached->type == RAW_NULL) {
        if (p->items.first_unreached < 0)
            p->items.first_unreached = index;
    } else if (reached->type != RAW_BOOL) {
        item_error(p, GENOP_EINVAL, "%s.reached skal være true eller false, ikke %s", path,
                   raw_type_da(reached->type));
    } else if (p->items.first_reached < 0) {
        p->items.first_reached = index;
    }
}

/* A container opens inside a levels or goals list: an item. */
static int open_item(parser *p, frame list, raw_type type)
{
    if (type != RAW_OBJECT) {
        item_not_object(p, list, type);
        p->skip = 1;
        return 1;
    }
    if (list == F_LEVELS)
        p->items.n_levels++;
    else
        p->items.n_goals++;
    for (int i = 0; i < N_ITEM_KEYS; i++)
        p->item[i].type = RAW_ABSENT;
    return push(p, list == F_LEVELS ? F_LEVEL : F_GOAL);
}

/* ---- values, keys and containers ----------------------------------------- */

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
    if (f == F_LEVELS || f == F_GOALS) {
        item_not_object(p, f, type);
        return 1;
    }
    const char *const *keys;
    int n;
    raw_value *o = top_object(p, &keys, &n);
    if (!o || p->key < 0)
        return 1;
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
    return 1;
}

/* Enters a function_status event's list `key` (K_LEVELS or K_GOALS). */
static int open_list(parser *p, int key)
{
    if (key == K_LEVELS)
        memset(p->items.seen, 0, sizeof p->items.seen);
    return push(p, key == K_LEVELS ? F_LEVELS : F_GOALS);
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
        reset_items(&p->items);
        return push(p, p->c ? F_ROOT : F_EVENT_ONLY);
    }
    frame f = p->stack[p->depth - 1];
    if (f == F_EVENTS) {
        if (type != RAW_OBJECT)
            return fail_cb(p, genop_fail(p->e, GENOP_EINVAL, "$.events[%zu] skal være et objekt, ikke %s",
                                         p->event_index, raw_type_da(type)));
        for (int i = 0; i < N_EVENT_KEYS; i++)
            p->event[i].type = RAW_ABSENT;
        reset_items(&p->items);
        return push(p, F_EVENT);
    }
    if (f == F_LEVELS || f == F_GOALS)
        return open_item(p, f, type);
    int key = p->key;
    put_value(p, type, NULL, 0, 0, false);
    if (f == F_ROOT && key == K_CITIZEN && type == RAW_OBJECT)
        return push(p, F_CITIZEN);
    if (f == F_ROOT && key == K_EVENTS && type == RAW_ARRAY)
        return push(p, F_EVENTS);
    if ((f == F_EVENT || f == F_EVENT_ONLY) && (key == K_LEVELS || key == K_GOALS) &&
        type == RAW_ARRAY)
        return open_list(p, key);
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
static int close_event(parser *p)
{
    char path[48];
    event_path(p->event_index, path);
    genop_event ev;
    genop_err err = check_event(p->event, &p->items, path, &ev, p->e);
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
        genop_err err = check_citizen(p->citizen, p->c, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    case F_ROOT: {
        genop_err err = check_root(p->root, p->c, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    case F_EVENT_ONLY: {
        genop_err err = check_event(p->event, &p->items, p->single_path, p->single, p->e);
        return err ? fail_cb(p, err) : 1;
    }
    case F_LEVEL: close_level(p); return 1;
    case F_GOAL: close_goal(p); return 1;
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
    yajl_arena arena;
    yajl_arena_init(&arena);
    yajl_handle h = yajl_alloc(&callbacks, &arena.funcs, p);
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
    /* On the stack: a few KB, cleared in far fewer instructions than a
     * calloc's (the server parses every stored event of a case it reads). */
    parser p;
    memset(&p, 0, sizeof p);
    p.single = ev;
    p.single_path = path;
    p.e = e;
    return run_parser(&p, text, len);
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
