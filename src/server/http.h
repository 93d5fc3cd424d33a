/*
 * http.h - the HTTP side of a request, kept apart from libmicrohttpd's
 * types so the rest of the server never sees them.
 *
 * A request is read by http.c: method, path, headers, cookies and query
 * arguments come from libmicrohttpd; the body is gathered up to a fixed
 * limit (HTTP_BODY_MAX; more is 413 Payload Too Large). When the request is
 * complete the router fills in an http_reply, and http.c turns that into
 * the response, adding the headers every API answer carries:
 * Cache-Control: no-store, X-Content-Type-Options: nosniff and the content
 * type (application/json or application/problem+json).
 */
#ifndef GENOP_HTTP_H
#define GENOP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Largest request body accepted (bytes). */
#define HTTP_BODY_MAX (64u * 1024u)

typedef struct http_request http_request;

/* Accessors for the request being handled. The strings are borrowed from
 * libmicrohttpd (or the in-process request) and valid until the answer is
 * queued; NULL when absent. */
const char *http_request_method(const http_request *r);
const char *http_request_path(const http_request *r);
const char *http_request_query(const http_request *r, const char *key);
const char *http_request_header(const http_request *r, const char *name);
const char *http_request_cookie(const http_request *r, const char *name);
/* The body (NUL-terminated) and its length; "" when there was none. */
const char *http_request_body(const http_request *r, size_t *len);
/* True when the body was larger than HTTP_BODY_MAX (it was discarded). */
bool http_request_too_big(const http_request *r);

/* Most query arguments an in-process request may carry. */
#define HTTP_LOCAL_ARGS_MAX 16

/* A request made in-process (service.c) rather than read from a socket:
 * method and target ("/api/v1/cases?limit=5&closed=false") are copied;
 * the target's query arguments are percent-decoded ('+' is a space) and
 * answered by http_request_query() as libmicrohttpd would answer them. It
 * has no headers, cookies or body. The caller frees *out with
 * http_request_local_free(). GENOP_EINVAL when the target is not a path
 * or has more than HTTP_LOCAL_ARGS_MAX arguments. */
genop_err http_request_local_new(const char *method, const char *target, http_request **out,
                                 genop_error *e);
void http_request_local_free(http_request *r);

/* What a handler answers. The body, if any, is owned by the reply and
 * released by http_reply_release(): a jansson value, or JSON text the
 * handler wrote itself (text, when not NULL; body is then NULL). No body
 * at all means 204. */
typedef struct http_reply {
    unsigned status;
    json_t *body;
    char *text;                /* malloc'd JSON text of text_len bytes */
    size_t text_len;
    bool problem;              /* application/problem+json */
    char set_cookie[192];      /* Set-Cookie value, "" for none */
    char allow[64];            /* Allow value (405), "" for none */
    char location[96];         /* Location value (201), "" for none */
    char user[64];             /* who asked, for the request log */
} http_reply;

/* Sets the status and takes ownership of body (which may be NULL). */
void http_reply_json(http_reply *r, unsigned status, json_t *body);
/* Sets the status and takes the JSON text in json (which is left empty);
 * a buffer whose writing failed gives a 500 problem instead. */
void http_reply_text(http_reply *r, unsigned status, genop_buf *json);
void http_reply_release(http_reply *r);

/* Writes s into dst (size bytes, always NUL-terminated) with every byte
 * that could break a log line - control characters, quotes, backslash,
 * bytes that are not valid UTF-8 - written as \xNN, so text from a
 * request (a path, a name) cannot forge or split log lines. */
void http_log_escape(char *dst, size_t size, const char *s);

struct MHD_Daemon;
struct genop_app;

/* Starts libmicrohttpd on the bound, listening socket listen_fd (which the
 * daemon then owns) with `threads` worker threads, each running requests
 * through router_dispatch() with app as their shared state. Stop with
 * http_daemon_stop(). */
genop_err http_daemon_start(const struct genop_app *app, int listen_fd, unsigned threads,
                            struct MHD_Daemon **out, genop_error *e);
/* Stops accepting, finishes the requests in flight and closes the socket. */
void http_daemon_stop(struct MHD_Daemon *d);

#endif
