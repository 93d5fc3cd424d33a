/*
 * input.c - the checkers of input.h. Each one looks up one member or
 * argument, checks its JSON type and its value, and on failure writes a
 * problem whose detail names the path and what was expected.
 */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problem.h"
#include "standard.h"

/* The Danish name of a JSON value's type. */
static const char *type_da(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "et objekt";
    case JSON_ARRAY: return "en liste";
    case JSON_STRING: return "en tekst";
    case JSON_INTEGER: return "et heltal";
    case JSON_REAL: return "et decimaltal";
    case JSON_TRUE:
    case JSON_FALSE: return "true/false";
    default: return "null";
    }
}

/* Looks up key in obj. Returns false (with a problem) if a required member
 * is absent; *v is NULL when an optional one is. */
static bool member(const json_t *obj, const char *path, const char *key, unsigned flags,
                   json_t **v, char *field, size_t field_size, http_reply *out)
{
    snprintf(field, field_size, "%s.%s", path, key);
    *v = json_object_get(obj, key);
    if (*v && json_is_null(*v))
        *v = NULL;
    if (!*v && (flags & IN_REQUIRED)) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s mangler", field);
        return false;
    }
    return true;
}

static bool wrong_type(const char *field, const json_t *v, const char *want, http_reply *out)
{
    problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s skal være %s, ikke %s", field, want,
                 type_da(v));
    return false;
}

/* True if s[0..n) holds a control character that is not allowed. */
static bool bad_control(const char *s, size_t n, bool one_line)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0x7f || (ch < 0x20 && (one_line || (ch != '\n' && ch != '\r' && ch != '\t'))))
            return true;
    }
    return false;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

bool in_text(const json_t *obj, const char *path, const char *key, unsigned flags, size_t max,
             const char **val, http_reply *out)
{
    char field[128];
    json_t *v;
    *val = NULL;
    if (!member(obj, path, key, flags, &v, field, sizeof field, out))
        return false;
    if (!v)
        return true;
    if (!json_is_string(v))
        return wrong_type(field, v, "en tekst", out);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n > max) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s er %zu byte lang; højst %zu",
                     field, n, max);
        return false;
    }
    if (strlen(s) != n || bad_control(s, n, flags & IN_ONE_LINE)) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s indeholder %s", field,
                     flags & IN_ONE_LINE ? "linjeskift eller andre styretegn"
                                         : "styretegn, der ikke er tilladt");
        return false;
    }
    if ((flags & IN_REQUIRED) && blank(s)) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s må ikke være tom", field);
        return false;
    }
    *val = s;
    return true;
}

bool in_bool(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, bool *val, http_reply *out)
{
    char field[128];
    json_t *v;
    *present = false;
    if (!member(obj, path, key, flags, &v, field, sizeof field, out))
        return false;
    if (!v)
        return true;
    if (!json_is_boolean(v))
        return wrong_type(field, v, "true eller false", out);
    *present = true;
    *val = json_is_true(v);
    return true;
}

bool in_date(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, genop_date *val, http_reply *out)
{
    const char *s;
    *present = false;
    if (!in_text(obj, path, key, flags | IN_ONE_LINE, 32, &s, out))
        return false;
    if (!s)
        return true;
    genop_error e;
    if (genop_date_parse(s, val, &e)) {
        char field[128];
        snprintf(field, sizeof field, "%s.%s", path, key);
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s: %s", field, e.message);
        return false;
    }
    *present = true;
    return true;
}

bool in_object(const json_t *obj, const char *path, const char *key, unsigned flags,
               json_t **val, http_reply *out)
{
    char field[128];
    if (!member(obj, path, key, flags, val, field, sizeof field, out))
        return false;
    if (*val && !json_is_object(*val))
        return wrong_type(field, *val, "et objekt", out);
    return true;
}

bool in_id(const json_t *obj, const char *path, const char *key, unsigned flags,
           int64_t *val, http_reply *out)
{
    char field[128];
    json_t *v;
    *val = 0;
    if (!member(obj, path, key, flags, &v, field, sizeof field, out))
        return false;
    if (!v)
        return true;
    if (!json_is_integer(v))
        return wrong_type(field, v, "et heltal (et id)", out);
    if (json_integer_value(v) <= 0) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, field, "%s skal være et positivt heltal",
                     field);
        return false;
    }
    *val = (int64_t)json_integer_value(v);
    return true;
}

static bool bad_query(const char *key, const char *why, http_reply *out)
{
    problem_setf(out, 400, PROBLEM_BAD_REQUEST, key, "Forespørgselsparameteren %s: %s", key, why);
    return false;
}

bool q_date(const http_request *rq, const char *key, bool *present, genop_date *val,
            http_reply *out)
{
    const char *s = http_request_query(rq, key);
    *present = false;
    if (!s)
        return true;
    genop_error e;
    if (genop_date_parse(s, val, &e))
        return bad_query(key, e.message, out);
    *present = true;
    return true;
}

bool q_size(const http_request *rq, const char *key, size_t def, size_t min, size_t max,
            size_t *val, http_reply *out)
{
    const char *s = http_request_query(rq, key);
    *val = def;
    if (!s)
        return true;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end || (errno && errno != ERANGE) || n < min) {
        char why[96];
        snprintf(why, sizeof why, "skal være et helt tal på mindst %zu", min);
        return bad_query(key, why, out);
    }
    *val = errno == ERANGE || n > max ? max : (size_t)n;
    return true;
}

bool q_bool(const http_request *rq, const char *key, int *val, http_reply *out)
{
    const char *s = http_request_query(rq, key);
    *val = -1;
    if (!s)
        return true;
    if (strcmp(s, "true") == 0)
        *val = 1;
    else if (strcmp(s, "false") == 0)
        *val = 0;
    else
        return bad_query(key, "skal være true eller false", out);
    return true;
}

bool q_paragraph(const http_request *rq, const char *key, unsigned *val, http_reply *out)
{
    const char *s = http_request_query(rq, key);
    *val = 0;
    if (!s)
        return true;
    *val = genop_paragraph_from_name(s);
    if (!*val)
        return bad_query(key, "skal være 86.1 eller 86.2", out);
    return true;
}
