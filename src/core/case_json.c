/*
 * case_json.c - reads the JSON case format of shared/spec/evaluate.md
 * section 2 into a genop_case, with jansson.
 *
 * The reader is strict about what the rules read (types, dates, enums,
 * required fields) and tolerant of extra keys, so that callers such as the
 * server may carry their own fields (author, registration time) alongside.
 */
#include "case_json.h"

#include <string.h>

#include "standard.h"

/* Largest number of minutes one session may last. */
#define SESSION_MINUTES_MAX 1440

genop_err genop_json_parse(const char *text, size_t len, json_t **root,
                           genop_error *e)
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

/* Type name in Danish, for "expected X, found Y" messages. */
static const char *json_type_da(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "et objekt";
    case JSON_ARRAY: return "en liste";
    case JSON_STRING: return "en tekst";
    case JSON_INTEGER: return "et heltal";
    case JSON_REAL: return "et decimaltal";
    case JSON_TRUE:
    case JSON_FALSE: return "true/false";
    case JSON_NULL: return "null";
    }
    return "ukendt";
}

/* Required (or optional, when `required` is false and the key is absent)
 * string member; *out is NULL when absent. */
static genop_err get_string(const json_t *obj, const char *path, const char *key,
                            bool required, const char **out, genop_error *e)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v) {
        if (!required)
            return GENOP_OK;
        return genop_fail(e, GENOP_EINVAL, "%s.%s mangler", path, key);
    }
    if (!json_is_string(v))
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være en tekst, ikke %s",
                          path, key, json_type_da(v));
    *out = json_string_value(v);
    return GENOP_OK;
}

static genop_err get_date(const json_t *obj, const char *path, const char *key,
                          bool required, bool *present, genop_date *out,
                          genop_error *e)
{
    const char *s;
    genop_err err = get_string(obj, path, key, required, &s, e);
    if (err)
        return err;
    if (present)
        *present = s != NULL;
    if (!s)
        return GENOP_OK;
    err = genop_date_parse(s, out, e);
    if (err)
        genop_error_prefix(e, "%s.%s", path, key);
    return err;
}

/* Copies a condition text into dst, which holds GENOP_CONDITION_MAX + 1. */
static genop_err get_condition(const json_t *obj, const char *path, bool required,
                               char *dst, genop_error *e)
{
    const char *s;
    genop_err err = get_string(obj, path, "condition", required, &s, e);
    if (err || !s)
        return err;
    size_t n = strlen(s);
    if (n > GENOP_CONDITION_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "%s.condition er %zu byte lang; højst %d",
                          path, n, GENOP_CONDITION_MAX);
    memcpy(dst, s, n + 1);
    return GENOP_OK;
}

static genop_err read_referral(const json_t *obj, const char *path,
                               genop_event *ev, genop_error *e)
{
    const char *p;
    genop_err err = get_string(obj, path, "paragraph", true, &p, e);
    if (err)
        return err;
    ev->paragraph = genop_paragraph_from_name(p);
    if (!ev->paragraph)
        return genop_fail(e, GENOP_EINVAL,
                          "%s.paragraph er '%.20s'; den skal være \"86.1\" eller \"86.2\"",
                          path, p);
    return get_condition(obj, path, false, ev->condition, e);
}

static genop_err read_decision(const json_t *obj, const char *path,
                               genop_event *ev, genop_error *e)
{
    json_t *v = json_object_get(obj, "granted");
    if (!v)
        return genop_fail(e, GENOP_EINVAL, "%s.granted mangler (true eller false)", path);
    if (!json_is_boolean(v))
        return genop_fail(e, GENOP_EINVAL, "%s.granted skal være true eller false, ikke %s",
                          path, json_type_da(v));
    ev->granted = json_is_true(v);
    return GENOP_OK;
}

static genop_err read_session(const json_t *obj, const char *path,
                              genop_event *ev, genop_error *e)
{
    json_t *m = json_object_get(obj, "minutes");
    if (!m)
        return genop_fail(e, GENOP_EINVAL, "%s.minutes mangler", path);
    if (!json_is_integer(m))
        return genop_fail(e, GENOP_EINVAL, "%s.minutes skal være et heltal, ikke %s",
                          path, json_type_da(m));
    json_int_t minutes = json_integer_value(m);
    if (minutes < 0 || minutes > SESSION_MINUTES_MAX)
        return genop_fail(e, GENOP_ERANGE, "%s.minutes er %lld; det skal være 0-%d",
                          path, (long long)minutes, SESSION_MINUTES_MAX);
    ev->minutes = (int)minutes;
    const char *s;
    genop_err err = get_string(obj, path, "outcome", true, &s, e);
    if (err)
        return err;
    if (!genop_outcome_from_name(s, &ev->outcome))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.outcome er '%.40s'; den skal være attended, citizen_cancelled, "
                          "no_show eller provider_cancelled", path, s);
    err = get_string(obj, path, "kind", false, &s, e);
    if (err)
        return err;
    ev->kind = GENOP_SESSION_TRAINING;
    if (s && !genop_session_kind_from_name(s, &ev->kind))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.kind er '%.40s'; den skal være training eller assessment",
                          path, s);
    return GENOP_OK;
}

static genop_err read_complaint_decided(const json_t *obj, const char *path,
                                        genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = get_string(obj, path, "upheld", true, &s, e);
    if (err)
        return err;
    if (!genop_upheld_from_name(s, &ev->upheld))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.upheld er '%.40s'; den skal være full, partial eller none",
                          path, s);
    return GENOP_OK;
}

genop_err genop_event_from_json(const json_t *obj, const char *path,
                                genop_event *ev, genop_error *e)
{
    memset(ev, 0, sizeof *ev);
    if (!json_is_object(obj))
        return genop_fail(e, GENOP_EINVAL, "%s skal være et objekt, ikke %s",
                          path, json_type_da(obj));
    const char *type;
    genop_err err = get_string(obj, path, "type", true, &type, e);
    if (err)
        return err;
    if (!genop_event_type_from_name(type, &ev->type))
        return genop_fail(e, GENOP_EINVAL, "%s.type: ukendt hændelsestype '%.40s'",
                          path, type);
    err = get_date(obj, path, "date", true, NULL, &ev->date, e);
    if (err)
        return err;
    const char *reason;
    switch (ev->type) {
    case GENOP_EV_REFERRAL_RECEIVED: return read_referral(obj, path, ev, e);
    case GENOP_EV_DECISION: return read_decision(obj, path, ev, e);
    case GENOP_EV_SESSION: return read_session(obj, path, ev, e);
    case GENOP_EV_COMPLAINT_DECIDED: return read_complaint_decided(obj, path, ev, e);
    case GENOP_EV_PREVIOUS_COURSE: return get_condition(obj, path, true, ev->condition, e);
    case GENOP_EV_CLOSED: return get_string(obj, path, "reason", true, &reason, e);
    default: return GENOP_OK;
    }
}

static genop_err read_citizen(const json_t *root, genop_case *c, genop_error *e)
{
    json_t *cit = json_object_get(root, "citizen");
    if (!cit)
        return GENOP_OK;
    if (!json_is_object(cit))
        return genop_fail(e, GENOP_EINVAL, "$.citizen skal være et objekt, ikke %s",
                          json_type_da(cit));
    genop_err err = get_date(cit, "$.citizen", "birth_date", false, &c->has_birth_date,
                             &c->birth_date, e);
    if (err)
        return err;
    json_t *code = json_object_get(cit, "municipality_code");
    if (!code)
        return GENOP_OK;
    if (!json_is_integer(code))
        return genop_fail(e, GENOP_EINVAL,
                          "$.citizen.municipality_code skal være et heltal (kommunekode), ikke %s",
                          json_type_da(code));
    json_int_t v = json_integer_value(code);
    if (v < 100 || v > 999)
        return genop_fail(e, GENOP_ERANGE,
                          "$.citizen.municipality_code er %lld; en kommunekode har tre cifre",
                          (long long)v);
    c->has_municipality_code = true;
    c->municipality_code = (int)v;
    return GENOP_OK;
}

static genop_err read_events(const json_t *root, genop_case *c, genop_error *e)
{
    json_t *events = json_object_get(root, "events");
    if (!events)
        return genop_fail(e, GENOP_EINVAL, "$.events mangler");
    if (!json_is_array(events))
        return genop_fail(e, GENOP_EINVAL, "$.events skal være en liste, ikke %s",
                          json_type_da(events));
    size_t i;
    json_t *item;
    json_array_foreach(events, i, item) {
        char path[48];
        snprintf(path, sizeof path, "$.events[%zu]", i);
        genop_event ev;
        genop_err err = genop_event_from_json(item, path, &ev, e);
        if (err)
            return err;
        err = genop_case_add(c, &ev, e);
        if (err) {
            genop_error_prefix(e, "%s", path);
            return err;
        }
        if (ev.type == GENOP_EV_REFERRAL_RECEIVED && genop_case_referral(c) != &c->events[c->n_events - 1])
            return genop_fail(e, GENOP_EINVAL,
                              "%s: en sag har præcis én henvendelse (referral_received); "
                              "dette er den anden", path);
    }
    return GENOP_OK;
}

genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e)
{
    genop_case_reset(c);
    genop_err err;
    if (!json_is_object(root)) {
        err = genop_fail(e, GENOP_EINVAL, "$: en sag skal være et JSON-objekt, ikke %s",
                         json_type_da(root));
        goto out;
    }
    err = get_date(root, "$", "as_of", false, &c->has_as_of, &c->as_of, e);
    if (!err)
        err = read_citizen(root, c, e);
    if (!err)
        err = read_events(root, c, e);
    if (!err)
        err = genop_case_check(c, e);
    if (!err)
        genop_case_sort(c);
out:
    if (err)
        genop_case_reset(c);
    return err;
}
