/*
 * transport.h - HTTP over sockets: the libmicrohttpd daemon that reads
 * requests, hands each complete one to a handler and sends its reply.
 *
 * The transport knows no routes and no genop state: it is given a handler
 * callback (server.c gives it the router), which paths are the handler's
 * (the rest are the web application's files, answered by static.c from a
 * web root), the largest body the handler takes, the number of worker
 * threads and whether to log each request. It makes the request and reply
 * values of http.h; only this file and static.c see libmicrohttpd.
 *
 * A body over the limit never reaches the handler: the transport answers
 * it with a 413 problem (problem.h) once it has read and dropped the
 * whole body (see transport.c for why, and TRANSPORT_DRAIN_MAX).
 */
#ifndef GENOP_TRANSPORT_H
#define GENOP_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "http.h"

/* The most body bytes of a refused request that are read and dropped so
 * the client can read its 413; past it (or when a Content-Length says
 * more) the 413 is sent at once and the connection closed, which a
 * client still writing may see as a reset. */
#define TRANSPORT_DRAIN_MAX (64ull * 1024u * 1024u)

/* Answers rq into out (status, body, headers; status 0 is taken as a 500).
 * rq and its strings are valid during the call only. Called from the
 * transport's worker threads, several at a time. */
typedef void (*transport_handler)(void *ctx, http_request *rq, http_reply *out);

typedef struct transport_config {
    transport_handler handle;
    void *ctx;                          /* handed to handle (borrowed; outlives the transport) */
    /* True for a (decoded) path the handler answers; every other path is a
     * file under web_root (static_answer()). NULL: every path is handled. */
    bool (*handles_path)(const char *path);
    const char *web_root;               /* borrowed; NULL: static_default_root() */
    size_t body_max;                    /* largest body handed to handle, bytes */
    unsigned threads;                   /* worker threads, each a request at a time */
    bool log_requests;                  /* one escaped line per answered request on stderr */
} transport_config;

typedef struct transport transport;

/* Starts libmicrohttpd on the bound, listening, non-blocking socket
 * listen_fd with the settings of cfg (copied) and its worker threads. On
 * success the daemon owns listen_fd and the caller stops it with
 * transport_stop(); on failure listen_fd is still the caller's. */
genop_err transport_start(const transport_config *cfg, int listen_fd, transport **out,
                          genop_error *e);

/* Stops accepting, finishes the requests in flight, closes the socket and
 * frees t. NULL is fine. */
void transport_stop(transport *t);

#endif
