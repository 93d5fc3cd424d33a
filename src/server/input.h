/*
 * input.h - checking what a client sent: members of the JSON body and
 * query arguments. Each checker either stores the value and returns true,
 * or makes `out` a problem answer naming the JSON path (e.g.
 * "$.citizen.name") or query argument, with a Danish detail, and returns
 * false. Values in the body that are wrong are 422; query arguments that
 * are wrong are 400 (the request itself is malformed).
 *
 * JSON null counts as absent for optional members.
 */
#ifndef GENOP_INPUT_H
#define GENOP_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "http.h"

enum {
    IN_REQUIRED = 1u << 0,   /* absent (or null) is an error */
    IN_ONE_LINE = 1u << 1,   /* no line breaks or other control characters */
};

/* A text member of at most max bytes (not empty when required). *val is
 * borrowed from obj, NULL when absent. Text may hold line breaks and tabs
 * unless IN_ONE_LINE, never other control characters. */
bool in_text(const json_t *obj, const char *path, const char *key, unsigned flags, size_t max,
             const char **val, http_reply *out);

/* A true/false member; *present says whether it was given. */
bool in_bool(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, bool *val, http_reply *out);

/* A "YYYY-MM-DD" member. */
bool in_date(const json_t *obj, const char *path, const char *key, unsigned flags,
             bool *present, genop_date *val, http_reply *out);

/* An object member; *val borrowed from obj, NULL when absent. */
bool in_object(const json_t *obj, const char *path, const char *key, unsigned flags,
               json_t **val, http_reply *out);

/* A positive integer member (an id). */
bool in_id(const json_t *obj, const char *path, const char *key, unsigned flags,
           int64_t *val, http_reply *out);

/* Query arguments (400 when malformed). */
bool q_date(const http_request *rq, const char *key, bool *present, genop_date *val,
            http_reply *out);
/* A whole number in [min, ...]; above max it is cut to max. def when absent. */
bool q_size(const http_request *rq, const char *key, size_t def, size_t min, size_t max,
            size_t *val, http_reply *out);
/* "true" or "false"; *val is -1 when absent, else 0 or 1. */
bool q_bool(const http_request *rq, const char *key, int *val, http_reply *out);
/* "86.1" or "86.2"; *val is 0 when absent, else the GENOP_PARA_* bit. */
bool q_paragraph(const http_request *rq, const char *key, unsigned *val, http_reply *out);

#endif
