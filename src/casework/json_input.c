/*
 * json_input.c - the checkers of json_input.h. Each one looks up one
 * member, checks its JSON type and its value, and on failure refuses
 * (GENOP_EINVAL) with the member's path as the field and a Danish message
 * that names the path and what was expected.
 */
#include "json_input.h"

#include <stdio.h>
#include <string.h>

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

/* Looks up key in obj. Refuses if a required member
 * is absent; *v is NULL when an optional one is. */
static genop_err member(const json_t *obj, const char *path, const char *key, unsigned flags,
                        json_t **v, char *field, size_t field_size, genop_error *e)
{
    snprintf(field, field_size, "%s.%s", path, key);
    *v = json_object_get(obj, key);
    if (*v && json_is_null(*v))
        *v = NULL;
    if (!*v && (flags & IN_REQUIRED))
        return genop_refuse(e, GENOP_EINVAL, field, "%s mangler", field);
    return GENOP_OK;
}

static genop_err wrong_type(const char *field, const json_t *v, const char *want,
                            genop_error *e)
{
    return genop_refuse(e, GENOP_EINVAL, field, "%s skal være %s, ikke %s", field, want,
                        type_da(v));
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

genop_err in_text(const json_t *obj, const char *path, const char *key, unsigned flags, size_t max,
             const char **val, genop_error *e)
{
    char field[128];
    json_t *v;
    *val = NULL;
    genop_err err = member(obj, path, key, flags, &v, field, sizeof field, e);
    if (err || !v)
        return err;
    if (!json_is_string(v))
        return wrong_type(field, v, "en tekst", e);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n > max)
        return genop_refuse(e, GENOP_EINVAL, field, "%s er %zu byte lang; højst %zu", field, n,
                            max);
    if (strlen(s) != n || bad_control(s, n, flags & IN_ONE_LINE))
        return genop_refuse(e, GENOP_EINVAL, field, "%s indeholder %s", field,
                            flags & IN_ONE_LINE ? "linjeskift eller andre styretegn"
                                                : "styretegn, der ikke er tilladt");
    if ((flags & IN_REQUIRED) && blank(s))
        return genop_refuse(e, GENOP_EINVAL, field, "%s må ikke være tom", field);
    *val = s;
    return GENOP_OK;
}

genop_err in_bool(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, bool *val, genop_error *e)
{
    char field[128];
    json_t *v;
    *present = false;
    genop_err err = member(obj, path, key, flags, &v, field, sizeof field, e);
    if (err || !v)
        return err;
    if (!json_is_boolean(v))
        return wrong_type(field, v, "true eller false", e);
    *present = true;
    *val = json_is_true(v);
    return GENOP_OK;
}

genop_err in_date(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, genop_date *val, genop_error *e)
{
    const char *s;
    *present = false;
    genop_err err = in_text(obj, path, key, flags | IN_ONE_LINE, 32, &s, e);
    if (err || !s)
        return err;
    genop_error why;
    if (genop_date_parse(s, val, &why)) {
        char field[128];
        snprintf(field, sizeof field, "%s.%s", path, key);
        return genop_refuse(e, GENOP_EINVAL, field, "%s: %s", field, why.message);
    }
    *present = true;
    return GENOP_OK;
}

genop_err in_object(const json_t *obj, const char *path, const char *key, unsigned flags,
               json_t **val, genop_error *e)
{
    char field[128];
    genop_err err = member(obj, path, key, flags, val, field, sizeof field, e);
    if (err)
        return err;
    if (*val && !json_is_object(*val))
        return wrong_type(field, *val, "et objekt", e);
    return GENOP_OK;
}

genop_err in_id(const json_t *obj, const char *path, const char *key, unsigned flags,
           int64_t *val, genop_error *e)
{
    char field[128];
    json_t *v;
    *val = 0;
    genop_err err = member(obj, path, key, flags, &v, field, sizeof field, e);
    if (err || !v)
        return err;
    if (!json_is_integer(v))
        return wrong_type(field, v, "et heltal (et id)", e);
    if (json_integer_value(v) <= 0)
        return genop_refuse(e, GENOP_EINVAL, field, "%s skal være et positivt heltal", field);
    *val = (int64_t)json_integer_value(v);
    return GENOP_OK;
}

