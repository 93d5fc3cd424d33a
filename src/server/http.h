/*
 * http.h - the values of one HTTP exchange: the request a handler reads
 * and the reply it fills in. Nothing here knows libmicrohttpd, the route
 * table or genop's problem kinds, so the handlers, the router, problem.c
 * and the in-process service (service.c) use these values without a
 * socket, and a transport (transport.c, libmicrohttpd) makes them from a
 * connection and sends the reply.
 *
 * Who fills what: a transport makes the request with http_request_new(),
 * naming the method, the path, a lookup function for its headers, cookies
 * and query arguments, and (once it is complete) the body; service.c
 * makes one with http_request_local_new() from a method and a target. A
 * handler answers through the http_reply setters below; the transport
 * turns the reply into the response, adding the headers every API answer
 * carries (Cache-Control: no-store, X-Content-Type-Options: nosniff, the
 * content type application/json or application/problem+json).
 *
 * Includes go one way: http.c includes no other header of src/server;
 * problem.h and transport.h include this one, never the other way round
 * (tools/check_layers.py fails on any circle of includes).
 */
#ifndef GENOP_HTTP_H
#define GENOP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Largest request body the API accepts (bytes); server.c gives it to the
 * transport, which answers a larger one with 413 Payload Too Large. */
#define HTTP_BODY_MAX (64u * 1024u)

typedef struct http_request http_request;

/* Accessors for the request being handled. The strings are borrowed from
 * the transport (or the in-process request) and valid until the answer is
 * queued; NULL when absent. */
const char *http_request_method(const http_request *r);
const char *http_request_path(const http_request *r);
const char *http_request_query(const http_request *r, const char *key);
const char *http_request_header(const http_request *r, const char *name);
const char *http_request_cookie(const http_request *r, const char *name);
/* The body (NUL-terminated) and its length; "" when there was none. */
const char *http_request_body(const http_request *r, size_t *len);

/* The kinds of named value a transport looks up for a request. */
typedef enum http_value_kind {
    HTTP_VALUE_HEADER,       /* a request header, by case-insensitive name */
    HTTP_VALUE_COOKIE,       /* a cookie of the Cookie header, by name */
    HTTP_VALUE_QUERY,        /* a percent-decoded query argument, by name */
} http_value_kind;

/* How a transport answers the accessors above: the value named key of the
 * given kind on its connection conn, or NULL. The string stays valid
 * until the answer is queued. */
typedef const char *(*http_lookup_fn)(void *conn, http_value_kind kind, const char *key);

/* A request read by a transport: the accessors ask lookup(conn, ...) for
 * headers, cookies and query arguments. method and path are borrowed (the
 * transport keeps them valid until the request is freed) and may be set
 * again with http_request_set_line(). Returns NULL when memory ran out.
 * The transport frees it with http_request_free(). */
http_request *http_request_new(http_lookup_fn lookup, void *conn, const char *method,
                               const char *path);
void http_request_set_line(http_request *r, const char *method, const char *path);
/* Gives the request its complete body: len bytes at body, NUL-terminated,
 * borrowed until the request is freed (or the body set again). */
void http_request_set_body(http_request *r, const char *body, size_t len);
/* Frees a request of http_request_new() or http_request_local_new()
 * (nothing it borrowed). NULL is fine. */
void http_request_free(http_request *r);

/* Most query arguments an in-process request may carry. */
#define HTTP_LOCAL_ARGS_MAX 16

/* A request made in-process (service.c) rather than read from a socket:
 * method and target ("/api/v1/cases?limit=5&closed=false") are copied;
 * the target's query arguments are percent-decoded ('+' is a space) and
 * answered by http_request_query() as a transport would answer them. It
 * has no headers, cookies or body. The caller frees *out with
 * http_request_local_free() (or http_request_free()). GENOP_EINVAL when
 * the target is not a path or has more than HTTP_LOCAL_ARGS_MAX
 * arguments. */
genop_err http_request_local_new(const char *method, const char *target, http_request **out,
                                 genop_error *e);
void http_request_local_free(http_request *r);

/* What a handler answers. The body, if any, is owned by the reply and
 * released by http_reply_release(): a jansson value, or JSON text the
 * handler wrote itself (text, when not NULL; body is then NULL). No body
 * at all means 204. Status 0 means unanswered: whoever ran the handler
 * (the router, the transport) turns that into a 500 problem, logging
 * `failure` when a setter left one. */
typedef struct http_reply {
    unsigned status;
    json_t *body;
    char *text;                /* malloc'd JSON text of text_len bytes */
    size_t text_len;
    bool problem;              /* application/problem+json */
    const char *failure;       /* static text: why a setter left it unanswered */
    char set_cookie[192];      /* Set-Cookie value, "" for none */
    char allow[64];            /* Allow value (405), "" for none */
    char location[96];         /* Location value (201), "" for none */
    char user[64];             /* who asked, for the request log */
    const char *content_type;  /* static: the type of a body that is not JSON
                                  (text holds its bytes: a PDF), or NULL */
    char disposition[96];      /* Content-Disposition value, "" for none */
    const char *csp;           /* static: the Content-Security-Policy of an HTML
                                  page (the public page's style sheet), or NULL:
                                  the API's "default-src 'none'" */
} http_reply;

/* Sets the status and takes ownership of body (which may be NULL). */
void http_reply_json(http_reply *r, unsigned status, json_t *body);
/* Sets the status and takes the JSON text in json (which is left empty).
 * A buffer whose writing failed (or an empty one) is released and leaves
 * the reply unanswered (status 0) with the reason in r->failure, which the
 * router answers with a 500 problem. */
void http_reply_text(http_reply *r, unsigned status, genop_buf *json);
void http_reply_release(http_reply *r);
/* Sets the status and takes the bytes in body (left empty) as a body of
 * content_type (static, e.g. "application/pdf"); disposition (may be
 * NULL) is the Content-Disposition. A failed or empty buffer leaves the
 * reply unanswered, as http_reply_text does. */
void http_reply_bytes(http_reply *r, unsigned status, const char *content_type,
                      const char *disposition, genop_buf *body);

/* Writes s into dst (size bytes, always NUL-terminated) with every byte
 * that could break a log line - control characters, quotes, backslash,
 * bytes that are not valid UTF-8 - written as \xNN, so text from a
 * request (a path, a name) cannot forge or split log lines. */
void http_log_escape(char *dst, size_t size, const char *s);

#endif
