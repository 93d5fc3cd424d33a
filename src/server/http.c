/*
 * http.c - the request and reply values of http.h.
 *
 * A request knows its method, path and body, and asks its lookup
 * function for headers, cookies and query arguments: the transport's
 * (transport.c answers from libmicrohttpd's tables) or, for an in-process
 * request, local_lookup() below, which answers the query arguments split
 * and decoded from the target and nothing else.
 *
 * The reply setters own what they are given. A reply whose JSON text
 * could not be written is left unanswered with the reason, rather than
 * made a 500 problem here: making problems is problem.c's, which builds
 * on this file, and everything that runs a handler already turns an
 * unanswered reply into a 500 (router.c, transport.c).
 */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct http_request {
    const char *method;        /* borrowed (or in local) */
    const char *path;          /* borrowed (or in local) */
    const char *body;          /* borrowed; NULL when there is none */
    size_t len;
    http_lookup_fn lookup;
    void *conn;
    /* In-process requests only (lookup is local_lookup, conn the request): */
    char *local;               /* owned: method, path and decoded arguments */
    size_t n_args;
    const char *arg_key[HTTP_LOCAL_ARGS_MAX], *arg_val[HTTP_LOCAL_ARGS_MAX];  /* in local */
};

const char *http_request_method(const http_request *r) { return r->method; }
const char *http_request_path(const http_request *r) { return r->path; }

const char *http_request_query(const http_request *r, const char *key)
{
    return r->lookup(r->conn, HTTP_VALUE_QUERY, key);
}

const char *http_request_header(const http_request *r, const char *name)
{
    return r->lookup(r->conn, HTTP_VALUE_HEADER, name);
}

const char *http_request_cookie(const http_request *r, const char *name)
{
    return r->lookup(r->conn, HTTP_VALUE_COOKIE, name);
}

const char *http_request_body(const http_request *r, size_t *len)
{
    *len = r->body ? r->len : 0;
    return r->body ? r->body : "";
}

http_request *http_request_new(http_lookup_fn lookup, void *conn, const char *method,
                               const char *path)
{
    http_request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->lookup = lookup;
    r->conn = conn;
    r->method = method;
    r->path = path;
    return r;
}

void http_request_set_line(http_request *r, const char *method, const char *path)
{
    r->method = method;
    r->path = path;
}

void http_request_set_body(http_request *r, const char *body, size_t len)
{
    r->body = body;
    r->len = len;
}

void http_request_free(http_request *r)
{
    if (!r)
        return;
    free(r->local);
    free(r);
}

/* The lookup of an in-process request (conn is the request): its decoded
 * query arguments; it has no headers or cookies. */
static const char *local_lookup(void *conn, http_value_kind kind, const char *key)
{
    const http_request *r = conn;
    if (kind != HTTP_VALUE_QUERY)
        return NULL;
    for (size_t i = 0; i < r->n_args; i++)
        if (strcmp(r->arg_key[i], key) == 0)
            return r->arg_val[i];
    return NULL;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Percent-decodes s in place ('+' is a space; a '%' not followed by two
 * hex digits stays as it is). */
static void url_decode(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        int hi, lo;
        if (*p == '+') {
            *o++ = ' ';
        } else if (*p == '%' && (hi = hex_value(p[1])) >= 0 && (lo = hex_value(p[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

/* Splits the query text q (in r->local) into r's decoded arguments. */
static genop_err split_query(http_request *r, char *q, genop_error *e)
{
    while (q && *q) {
        char *next = strchr(q, '&');
        if (next)
            *next++ = '\0';
        if (*q) {
            if (r->n_args == HTTP_LOCAL_ARGS_MAX)
                return genop_fail(e, GENOP_EINVAL, "forespørgslen har flere end %d parametre",
                                  HTTP_LOCAL_ARGS_MAX);
            char *eq = strchr(q, '=');
            if (eq)
                *eq++ = '\0';
            url_decode(q);
            if (eq)
                url_decode(eq);
            r->arg_key[r->n_args] = q;
            r->arg_val[r->n_args++] = eq ? eq : "";
        }
        q = next;
    }
    return GENOP_OK;
}

genop_err http_request_local_new(const char *method, const char *target, http_request **out,
                                 genop_error *e)
{
    if (!method || !target || target[0] != '/')
        return genop_fail(e, GENOP_EINVAL, "adressen skal begynde med /");
    size_t m = strlen(method), t = strlen(target);
    http_request *r = http_request_new(local_lookup, NULL, NULL, NULL);
    char *local = malloc(m + t + 2);
    if (!r || !local) {
        free(r);
        free(local);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til forespørgslen");
    }
    r->conn = r;
    memcpy(local, method, m + 1);
    memcpy(local + m + 1, target, t + 1);
    r->local = local;
    r->method = local;
    char *path = local + m + 1, *q = strchr(path, '?');
    r->path = path;
    if (q)
        *q++ = '\0';
    genop_err err = split_query(r, q, e);
    if (err) {
        http_request_free(r);
        return err;
    }
    *out = r;
    return GENOP_OK;
}

void http_request_local_free(http_request *r)
{
    http_request_free(r);
}

void http_reply_release(http_reply *r)
{
    json_decref(r->body);
    r->body = NULL;
    free(r->text);
    r->text = NULL;
    r->text_len = 0;
    r->content_type = NULL;
    r->disposition[0] = '\0';
}

void http_reply_json(http_reply *r, unsigned status, json_t *body)
{
    http_reply_release(r);
    r->status = status;
    r->body = body;
    r->problem = false;
    r->failure = NULL;
}

void http_reply_text(http_reply *r, unsigned status, genop_buf *json)
{
    http_reply_release(r);
    r->problem = false;
    if (genop_buf_failed(json) || json->len == 0) {
        genop_buf_release(json);
        r->status = 0;
        r->failure = "svaret kunne ikke skrives som JSON";
        return;
    }
    r->status = status;
    r->failure = NULL;
    r->text = json->data;
    r->text_len = json->len;
    json->data = NULL;
    json->len = json->cap = 0;
}

void http_reply_bytes(http_reply *r, unsigned status, const char *content_type,
                      const char *disposition, genop_buf *body)
{
    http_reply_text(r, status, body);
    if (!r->status)
        return;
    r->content_type = content_type;
    if (disposition)
        snprintf(r->disposition, sizeof r->disposition, "%s", disposition);
}

void http_log_escape(char *dst, size_t size, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, n = strlen(s);
    if (size == 0)
        return;
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t seq = *p >= 0x80 ? genop_utf8_sequence(p, n - i) : 0;
        if (seq > 0) {                              /* valid multibyte UTF-8 */
            if (o + seq >= size)
                break;
            memcpy(dst + o, p, seq);
            o += seq;
            i += seq;
        } else if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
            if (o + 1 >= size)
                break;
            dst[o++] = (char)*p;
            i++;
        } else {
            if (o + 4 >= size)
                break;
            dst[o++] = '\\';
            dst[o++] = 'x';
            dst[o++] = hex[*p >> 4];
            dst[o++] = hex[*p & 15];
            i++;
        }
    }
    dst[o] = '\0';
}
