/*
 * input.c - the checkers of input.h: query arguments. Each one looks up
 * one argument, checks its value, and on failure writes a 400 problem
 * whose detail names the argument and what was expected.
 */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problem.h"
#include "standard.h"
#include "store.h"

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

bool q_username(const http_request *rq, const char *key, const char **val, http_reply *out)
{
    const char *s = http_request_query(rq, key);
    *val = NULL;
    if (!s)
        return true;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return bad_query(key, "må ikke indeholde styretegn", out);
    if (n == 0 || n >= GENOP_USERNAME_MAX)
        return bad_query(key, "skal være et brugernavn på 1-63 tegn", out);
    *val = s;
    return true;
}
