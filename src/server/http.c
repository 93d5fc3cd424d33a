/*
 * http.c - the libmicrohttpd side of the server (see http.h).
 *
 * libmicrohttpd runs with an internal thread pool: MHD_USE_INTERNAL_POLLING_
 * THREAD with MHD_OPTION_THREAD_POOL_SIZE = the configured number of
 * threads. We chose that over a thread per connection because it bounds the
 * number of threads (and so of argon2id hashes in memory and of store
 * handles) whatever the number of open connections, and a worker runs one
 * request at a time from start to answer, so the N store handles of the
 * pool are exactly enough and a request never waits for one.
 *
 * For each request the access handler is called several times: first with
 * the headers (we allocate the request and refuse a declared
 * Content-Length above HTTP_BODY_MAX at once with 413), then with pieces of
 * the body (gathered up to HTTP_BODY_MAX; beyond that the body is dropped
 * and the answer is 413; far beyond it the connection is closed), and a
 * last time with no data, when the router answers. The request is freed by
 * the completion callback. A path outside /api/ is not the router's: the
 * web application's files answer it (static.c).
 *
 * A request can also be made in-process (http_request_local_new, for
 * service.c): then there is no connection, and the accessors answer from
 * the copied method, path and decoded query arguments.
 */
#include "http.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "problem.h"
#include "router.h"
#include "static.h"
#include "utf8.h"

/* Past this much dropped body the connection is closed, not read. */
#define HTTP_DROP_MAX (16u * HTTP_BODY_MAX)

struct http_request {
    struct MHD_Connection *conn;
    const char *method;
    const char *url;
    char *body;                /* owned; NUL-terminated when len > 0 */
    size_t len, cap;
    size_t dropped;            /* bytes of body thrown away (too big) */
    bool too_big;
    bool answered;
    /* In-process requests only (conn is NULL): */
    char *local;               /* owned: method, path and decoded arguments */
    size_t n_args;
    const char *arg_key[HTTP_LOCAL_ARGS_MAX], *arg_val[HTTP_LOCAL_ARGS_MAX];  /* in local */
};

const char *http_request_method(const http_request *r) { return r->method; }
const char *http_request_path(const http_request *r) { return r->url; }
bool http_request_too_big(const http_request *r) { return r->too_big; }

const char *http_request_query(const http_request *r, const char *key)
{
    if (r->conn)
        return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
    for (size_t i = 0; i < r->n_args; i++)
        if (strcmp(r->arg_key[i], key) == 0)
            return r->arg_val[i];
    return NULL;
}

const char *http_request_header(const http_request *r, const char *name)
{
    return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *http_request_cookie(const http_request *r, const char *name)
{
    return r->conn ? MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name) : NULL;
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
    http_request *r = calloc(1, sizeof *r);
    char *local = malloc(m + t + 2);
    if (!r || !local) {
        free(r);
        free(local);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til forespørgslen");
    }
    memcpy(local, method, m + 1);
    memcpy(local + m + 1, target, t + 1);
    r->local = local;
    r->method = local;
    char *path = local + m + 1, *q = strchr(path, '?');
    r->url = path;
    if (q)
        *q++ = '\0';
    genop_err err = split_query(r, q, e);
    if (err) {
        http_request_local_free(r);
        return err;
    }
    *out = r;
    return GENOP_OK;
}

void http_request_local_free(http_request *r)
{
    if (!r)
        return;
    free(r->local);
    free(r);
}

const char *http_request_body(const http_request *r, size_t *len)
{
    *len = r->len;
    return r->body ? r->body : "";
}

void http_reply_release(http_reply *r)
{
    json_decref(r->body);
    r->body = NULL;
    free(r->text);
    r->text = NULL;
    r->text_len = 0;
}

void http_reply_json(http_reply *r, unsigned status, json_t *body)
{
    http_reply_release(r);
    r->status = status;
    r->body = body;
    r->problem = false;
}

void http_reply_text(http_reply *r, unsigned status, genop_buf *json)
{
    http_reply_release(r);
    if (genop_buf_failed(json) || json->len == 0) {
        genop_buf_release(json);
        genop_error e;
        genop_fail(&e, GENOP_ENOMEM, "svaret kunne ikke skrives som JSON");
        problem_internal(r, "svar", &e);
        return;
    }
    r->status = status;
    r->text = json->data;
    r->text_len = json->len;
    r->problem = false;
    json->data = NULL;
    json->len = json->cap = 0;
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

/* One line per answered request on stderr, when asked for. */
static void log_request(const http_request *rq, const http_reply *r)
{
    char path[512], user[2 * GENOP_USERNAME_MAX], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    http_log_escape(path, sizeof path, rq->url ? rq->url : "");
    http_log_escape(user, sizeof user, r->user[0] ? r->user : "-");
    fprintf(stderr, "%s %s \"%s\" %u %s\n", stamp, rq->method ? rq->method : "-", path,
            r->status, user);
}

static void add_headers(struct MHD_Response *resp, const http_reply *r, bool has_body)
{
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    if (has_body)
        MHD_add_response_header(resp, "Content-Type",
                                r->problem ? "application/problem+json; charset=utf-8"
                                           : "application/json; charset=utf-8");
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
static enum MHD_Result send_reply(const genop_app *app, http_request *rq, http_reply *r)
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
    enum MHD_Result ok = MHD_queue_response(rq->conn, r->status, resp);
    MHD_destroy_response(resp);
    rq->answered = true;
    if (app->log_requests)
        log_request(rq, r);
    return ok;
}

/* A declared body above the limit is refused before it is read. */
static bool declared_too_big(struct MHD_Connection *conn)
{
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!cl)
        return false;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(cl, &end, 10);
    return *end == '\0' && (errno == ERANGE || n > HTTP_BODY_MAX);
}

/* Keeps a piece of the body, or drops it once the body is too big.
 * False when so much was dropped that the connection should be closed. */
static bool take_body(http_request *rq, const char *data, size_t size)
{
    if (!rq->too_big && rq->len + size > HTTP_BODY_MAX) {
        rq->too_big = true;
        free(rq->body);
        rq->body = NULL;
        rq->dropped = rq->len;
        rq->len = rq->cap = 0;
    }
    if (rq->too_big) {
        rq->dropped += size;
        return rq->dropped <= HTTP_DROP_MAX;
    }
    if (rq->len + size + 1 > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 4096;
        while (cap < rq->len + size + 1)
            cap *= 2;
        if (cap > HTTP_BODY_MAX + 1)
            cap = HTTP_BODY_MAX + 1;
        char *grown = realloc(rq->body, cap);
        if (!grown)
            return false;
        rq->body = grown;
        rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, size);
    rq->len += size;
    rq->body[rq->len] = '\0';
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    const genop_app *app = cls;
    http_request *rq = *con_cls;
    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        rq->conn = conn;
        rq->method = method;
        rq->url = url;
        *con_cls = rq;
        if (!declared_too_big(conn))
            return MHD_YES;
        rq->too_big = true;
    }
    rq->method = method;
    rq->url = url;
    if (*upload_data_size) {
        bool keep = rq->answered || take_body(rq, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return keep ? MHD_YES : MHD_NO;
    }
    if (rq->answered)
        return MHD_YES;
    if (!rq->too_big && !static_is_api_path(url)) {    /* the web app's files */
        http_reply logged = {0};
        bool sent = static_answer(app->web_dir, conn, method, url, &logged.status);
        rq->answered = true;
        if (app->log_requests)
            log_request(rq, &logged);
        return sent ? MHD_YES : MHD_NO;
    }
    http_reply reply = {0};
    if (rq->too_big)
        problem_setf(&reply, 413, PROBLEM_TOO_LARGE, NULL,
                     "Forespørgslens indhold er for stort; højst %u byte er tilladt.",
                     HTTP_BODY_MAX);
    else
        router_dispatch(app, rq, &reply);
    enum MHD_Result ok = send_reply(app, rq, &reply);
    http_reply_release(&reply);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    http_request *rq = *con_cls;
    if (!rq)
        return;
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

genop_err http_daemon_start(const genop_app *app, int listen_fd, unsigned threads,
                            struct MHD_Daemon **out, genop_error *e)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (app->log_requests)
        flags |= MHD_USE_ERROR_LOG;
    /* The handler only reads app; libmicrohttpd's closure is not const. */
    void *cls = (void *)(uintptr_t)app;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, cls,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!d)
        return genop_fail(e, GENOP_EIO, "HTTP-serveren (libmicrohttpd) kunne ikke startes");
    *out = d;
    return GENOP_OK;
}

void http_daemon_stop(struct MHD_Daemon *d)
{
    if (d)
        MHD_stop_daemon(d);
}
