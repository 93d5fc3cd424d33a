/*
 * input.h - checking the query arguments of a request. Each checker
 * either stores the value and returns true, or makes `out` a 400 problem
 * answer naming the argument, with a Danish detail, and returns false
 * (the request itself is malformed). Members of a JSON body are checked
 * with src/casework/json_input.h, whose refusals are 422.
 */
#ifndef GENOP_INPUT_H
#define GENOP_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "http.h"

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
/* A username (1-63 bytes, no control characters); *val is NULL when
 * absent, else borrowed from the request. */
bool q_username(const http_request *rq, const char *key, const char **val, http_reply *out);

#endif
