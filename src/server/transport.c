/*
 * transport.c - the libmicrohttpd daemon of transport.h.
 *
 * libmicrohttpd runs with an internal thread pool: MHD_USE_INTERNAL_POLLING_
 * THREAD with MHD_OPTION_THREAD_POOL_SIZE = the configured number of
 * threads. We chose that over a thread per connection because it bounds the
 * number of threads (and so of argon2id hashes in memory and of store
 * handles) whatever the number of open connections, and a worker runs one
 * request at a time from start to answer, so the N store handles of the
 * server's pool are exactly enough and a request never waits for one.
 *
 * For each request the access handler is called several times: first with
 * the headers (we make the request value, and note a declared
 * Content-Length over the limit), then with pieces of the body (kept up to
 * the limit; past it dropped and only counted), and a last time with no
 * data, when the whole request has been read: then the handler answers it,
 * or static.c when the path is not the handler's, or we answer 413. The
 * request is freed by the completion callback.
 *
 * Why a refused body is read to its end: libmicrohttpd stops reading a
 * connection once an answer is queued before its body is read ("early"
 * answers), sends the answer and closes. A client that writes its whole
 * body before it reads (Python's http.client, most simple clients) is
 * then still writing into a socket nobody reads; the close with unread
 * data makes the kernel send a reset, and the client gets "broken pipe" or
 * "connection reset" instead of the 413. So we read and drop the body -
 * it costs reading, not memory: nothing past the limit is kept - and
 * answer when it is complete, which also keeps the connection usable for
 * the next request. Only past TRANSPORT_DRAIN_MAX is reading given up
 * (the connection is closed), and a Content-Length over it, or an
 * "Expect: 100-continue" (the client waits to hear before it sends
 * anything), is answered at once.
 */
#include "transport.h"

#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "problem.h"
#include "static.h"

struct transport {
    transport_config cfg;
    struct MHD_Daemon *daemon;
};

/* One request on a connection, from its headers to its completion. */
typedef struct exchange {
    http_request *rq;          /* owned */
    char *body;                /* owned; NUL-terminated when len > 0 */
    size_t len, cap;
    unsigned long long received;   /* body bytes read, kept or dropped */
    bool too_big;              /* the body is (or is declared) over the limit */
    bool answered;
} exchange;

/* The lookup of http.h for a libmicrohttpd connection. */
static const char *mhd_lookup(void *conn, http_value_kind kind, const char *key)
{
    enum MHD_ValueKind k = kind == HTTP_VALUE_HEADER   ? MHD_HEADER_KIND
                           : kind == HTTP_VALUE_COOKIE ? MHD_COOKIE_KIND
                                                       : MHD_GET_ARGUMENT_KIND;
    return MHD_lookup_connection_value(conn, k, key);
}

/* One line per answered request on stderr, when asked for. */
static void log_request(const char *method, const char *url, const http_reply *r)
{
    char path[512], user[4 * sizeof r->user], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    http_log_escape(path, sizeof path, url ? url : "");
    http_log_escape(user, sizeof user, r->user[0] ? r->user : "-");
    fprintf(stderr, "%s %s \"%s\" %u %s\n", stamp, method ? method : "-", path, r->status, user);
}

static void add_headers(struct MHD_Response *resp, const http_reply *r, bool has_body)
{
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            r->csp ? r->csp : "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    if (has_body && r->content_type)
        MHD_add_response_header(resp, "Content-Type", r->content_type);
    else if (has_body)
        MHD_add_response_header(resp, "Content-Type",
                                r->problem ? "application/problem+json; charset=utf-8"
                                           : "application/json; charset=utf-8");
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->set_cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
    if (r->allow[0])
        MHD_add_response_header(resp, "Allow", r->allow);
    if (r->location[0])
        MHD_add_response_header(resp, "Location", r->location);
    if (r->status == 401)   /* RFC 9110: a 401 names how to authenticate */
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"genop\"");
}

/* The body of r as malloc'd JSON text (taken from r when it has text),
 * or NULL when it has none. */
static char *reply_text(http_reply *r, size_t *len)
{
    char *text = r->text;
    if (text) {
        *len = r->text_len;
        r->text = NULL;
        r->text_len = 0;
        return text;
    }
    if (r->body && !(text = json_dumps(r->body, JSON_COMPACT | JSON_PRESERVE_ORDER))) {
        genop_error e;
        genop_fail(&e, GENOP_ENOMEM, "svaret kunne ikke skrives som JSON");
        problem_internal(r, "svar", &e);
        text = json_dumps(r->body, JSON_COMPACT);
    }
    *len = text ? strlen(text) : 0;
    return text;
}

/* Serialises r and queues it on the connection. */
static enum MHD_Result send_reply(const transport *t, struct MHD_Connection *conn,
                                  const char *method, const char *url, http_reply *r)
{
    size_t len = 0;
    char *text = reply_text(r, &len);
    bool has_body = text != NULL;
    struct MHD_Response *resp =
        text ? MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE)
             : MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    add_headers(resp, r, has_body);
    enum MHD_Result ok = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    if (t->cfg.log_requests)
        log_request(method, url, r);
    return ok;
}

/* The Content-Length the client declared, or false when it declared none
 * (a chunked body, or no body). A number too large for the type counts
 * as the largest. */
static bool declared_length(struct MHD_Connection *conn, unsigned long long *n)
{
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!cl)
        return false;
    char *end;
    errno = 0;
    *n = strtoull(cl, &end, 10);
    if (*end != '\0')
        return false;      /* not a number: libmicrohttpd refuses the request itself */
    if (errno == ERANGE)
        *n = ULLONG_MAX;
    return true;
}

/* True when the client waits for "100 Continue" before sending its body. */
static bool expects_continue(struct MHD_Connection *conn)
{
    const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_EXPECT);
    return expect && strcasecmp(expect, "100-continue") == 0;
}

/* Keeps a piece of the body, or counts and drops it once the body is over
 * limit. False when memory ran out or more than TRANSPORT_DRAIN_MAX was
 * read: the connection is then closed. */
static bool take_body(exchange *ex, const char *data, size_t size, size_t limit)
{
    ex->received += size;
    if (!ex->too_big && ex->received > limit) {
        ex->too_big = true;
        free(ex->body);
        ex->body = NULL;
        ex->len = ex->cap = 0;
    }
    if (ex->too_big)
        return ex->received <= TRANSPORT_DRAIN_MAX;
    if (ex->len + size + 1 > ex->cap) {
        size_t cap = ex->cap ? ex->cap : 4096;
        while (cap < ex->len + size + 1)
            cap *= 2;
        if (cap > limit + 1)
            cap = limit + 1;
        char *grown = realloc(ex->body, cap);
        if (!grown)
            return false;
        ex->body = grown;
        ex->cap = cap;
    }
    memcpy(ex->body + ex->len, data, size);
    ex->len += size;
    ex->body[ex->len] = '\0';
    return true;
}

/* Answers the request of ex: 413 when its body is over the limit, else
 * the handler or, for a path that is not the handler's, the web files. */
static enum MHD_Result answer(const transport *t, exchange *ex, struct MHD_Connection *conn,
                              const char *method, const char *url)
{
    ex->answered = true;
    if (!ex->too_big && t->cfg.handles_path && !t->cfg.handles_path(url)) {
        http_reply logged = {0};
        bool sent = static_answer(t->cfg.web_root, conn, method, url, &logged.status);
        if (t->cfg.log_requests)
            log_request(method, url, &logged);
        return sent ? MHD_YES : MHD_NO;
    }
    http_reply reply = {0};
    if (ex->too_big) {
        problem_setf(&reply, 413, PROBLEM_TOO_LARGE, NULL,
                     "Forespørgslens indhold er for stort; højst %zu byte er tilladt.",
                     t->cfg.body_max);
    } else {
        http_request_set_body(ex->rq, ex->body, ex->len);
        t->cfg.handle(t->cfg.ctx, ex->rq, &reply);
        if (!reply.status)   /* a handler must answer; never send status 0 */
            problem_internal(&reply, url, NULL);
    }
    enum MHD_Result ok = send_reply(t, conn, method, url, &reply);
    http_reply_release(&reply);
    return ok;
}

/* The first call of a request, with its headers: makes the exchange. A
 * declared body over the limit is answered at once when the client waits
 * for our word before sending it or when it is too large to read away;
 * else it is read and dropped, and answered when complete. */
static enum MHD_Result begin(const transport *t, struct MHD_Connection *conn, const char *url,
                             const char *method, void **con_cls)
{
    exchange *ex = calloc(1, sizeof *ex);
    if (!ex || !(ex->rq = http_request_new(mhd_lookup, conn, method, url))) {
        free(ex);
        return MHD_NO;
    }
    *con_cls = ex;
    unsigned long long n;
    if (!declared_length(conn, &n) || n <= t->cfg.body_max)
        return MHD_YES;
    ex->too_big = true;
    if (n > TRANSPORT_DRAIN_MAX || expects_continue(conn))
        return answer(t, ex, conn, method, url);
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    const transport *t = cls;
    exchange *ex = *con_cls;
    if (!ex)
        return begin(t, conn, url, method, con_cls);
    http_request_set_line(ex->rq, method, url);
    if (*upload_data_size) {
        bool keep = ex->answered || take_body(ex, upload_data, *upload_data_size,
                                              t->cfg.body_max);
        *upload_data_size = 0;
        return keep ? MHD_YES : MHD_NO;
    }
    if (ex->answered)
        return MHD_YES;
    return answer(t, ex, conn, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    exchange *ex = *con_cls;
    if (!ex)
        return;
    http_request_free(ex->rq);
    free(ex->body);
    free(ex);
    *con_cls = NULL;
}

genop_err transport_start(const transport_config *cfg, int listen_fd, transport **out,
                          genop_error *e)
{
    transport *t = calloc(1, sizeof *t);
    if (!t)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til HTTP-serveren");
    t->cfg = *cfg;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (cfg->log_requests)
        flags |= MHD_USE_ERROR_LOG;
    t->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, t,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!t->daemon) {
        free(t);
        return genop_fail(e, GENOP_EIO, "HTTP-serveren (libmicrohttpd) kunne ikke startes");
    }
    *out = t;
    return GENOP_OK;
}

void transport_stop(transport *t)
{
    if (!t)
        return;
    MHD_stop_daemon(t->daemon);
    free(t);
}
