/*
 * json_util.h - small helpers for building answers with jansson: strings
 * that need not be valid UTF-8 on the way in, dates, ids that may be
 * absent, and setting members without checking every allocation (a
 * failed allocation leaves a member out; transport.c answers 500 if the
 * document cannot be serialised at all).
 */
#ifndef GENOP_JSON_UTIL_H
#define GENOP_JSON_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "date.h"

/* A new JSON string of s; bytes that are not valid UTF-8 become '?'.
 * NULL gives JSON null. */
json_t *jstr(const char *s);
/* "YYYY-MM-DD", or null when !present. */
json_t *jdate(bool present, genop_date d);
/* An integer, or null when id is 0 (no such thing). */
json_t *jid(int64_t id);

/* json_object_set_new() that tolerates a NULL object or value. */
void jset(json_t *obj, const char *key, json_t *value);

#endif
