/*
 * json_util.c - jansson helpers for answers (see json_util.h).
 */
#include "json_util.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    /* Not valid UTF-8 (a message that cut a character): mend a copy. */
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n + 1);
    genop_utf8_sanitize(copy);
    j = json_string(copy);
    free(copy);
    return j;
}

json_t *jdate(bool present, genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    return present ? json_string(genop_date_format(d, buf)) : json_null();
}

json_t *jid(int64_t id)
{
    return id ? json_integer((json_int_t)id) : json_null();
}

void jset(json_t *obj, const char *key, json_t *value)
{
    if (!obj || !value) {
        json_decref(value);
        return;
    }
    json_object_set_new(obj, key, value);
}
