/*
 * json_input.h - checking the members of a JSON object a client sent (a
 * request body, an event). Each checker either stores the value and
 * returns GENOP_OK, or refuses with GENOP_EINVAL: the error's field is the
 * member's JSON path (e.g. "$.citizen.name") and its message says, in
 * Danish, what is wrong. JSON null counts as absent for optional members.
 * The server's handlers and the domain layer's event reader use them.
 */
#ifndef GENOP_JSON_INPUT_H
#define GENOP_JSON_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"

enum {
    IN_REQUIRED = 1u << 0,   /* absent (or null) is an error */
    IN_ONE_LINE = 1u << 1,   /* no line breaks or other control characters */
};

/* A text member of at most max bytes (not empty when required). *val is
 * borrowed from obj, NULL when absent. Text may hold line breaks and tabs
 * unless IN_ONE_LINE, never other control characters. */
genop_err in_text(const json_t *obj, const char *path, const char *key, unsigned flags,
                  size_t max, const char **val, genop_error *e);

/* A true/false member; *present says whether it was given. */
genop_err in_bool(const json_t *obj, const char *path, const char *key, unsigned flags,
                  bool *present, bool *val, genop_error *e);

/* A "YYYY-MM-DD" member. */
genop_err in_date(const json_t *obj, const char *path, const char *key, unsigned flags,
                  bool *present, genop_date *val, genop_error *e);

/* An object member; *val borrowed from obj, NULL when absent. */
genop_err in_object(const json_t *obj, const char *path, const char *key, unsigned flags,
                    json_t **val, genop_error *e);

/* A positive integer member (an id); *val is 0 when absent. */
genop_err in_id(const json_t *obj, const char *path, const char *key, unsigned flags,
                int64_t *val, genop_error *e);

#endif
