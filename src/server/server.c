/*
 * server.c - the life of `genop serve` (see server.h): start, wait for a
 * signal, stop.
 *
 * Start: block SIGTERM, SIGINT and SIGPIPE in the calling thread first,
 * so that every thread started afterwards (libmicrohttpd's workers)
 * inherits the mask and the stop signals can only be taken by sigwait()
 * here; seed jansson's hash function and initialise libsodium (both once,
 * before any thread); through app_open() (app.c), load every shipped
 * standard (they are immutable from then on, shared by all requests), make
 * the dummy password hash and open one store handle per worker thread (the
 * first creates and migrates a new database); bind the listening socket
 * ourselves, so that "address in use" is reported as such; compute the
 * stored projections of every municipality whose rules changed since
 * they were computed (app_refresh_projections: the worklist must not
 * show deadlines of the old rules; connections wait in the socket's
 * backlog meanwhile); start the
 * transport (transport.c, libmicrohttpd) on it with the router as its
 * handler for the paths under /api/ and the public page's /offentlig/ID,
 * and the web root for every other.
 *
 * Stop: sigwait() returns on SIGTERM or SIGINT; transport_stop() closes
 * the socket and joins the workers once their current request is answered;
 * then the handles are closed and the standards freed. The signal mask is
 * left as it is: the process is about to exit, and unblocking a second
 * SIGTERM now would kill it before it could return its status.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app.h"
#include "auth.h"
#include "router.h"
#include "static.h"
#include "transport.h"

static const char *socket_error_da(int err)
{
    switch (err) {
    case EADDRINUSE: return "adressen er allerede i brug";
    case EACCES: return "ingen tilladelse til at bruge porten";
    case EADDRNOTAVAIL: return "adressen findes ikke på denne maskine";
    default: return strerror(err);
    }
}

/* Binds and listens on addr:port; *fd is non-blocking (the workers share it). */
static genop_err open_listener(const genop_server_config *cfg, int *fd, char *url, size_t url_size,
                               genop_error *e)
{
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned)cfg->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    int rc = getaddrinfo(cfg->listen_addr, port, &hints, &ai);
    if (rc != 0)
        return genop_fail(e, GENOP_EINVAL, "--listen: '%s' er ikke en adresse: %s",
                          cfg->listen_addr, gai_strerror(rc));
    int s = socket(ai->ai_family, SOCK_STREAM, 0), one = 1, err = 0;
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(s, ai->ai_addr, ai->ai_addrlen) != 0 || listen(s, 128) != 0 ||
        fcntl(s, F_SETFD, FD_CLOEXEC) != 0 || fcntl(s, F_SETFL, O_NONBLOCK) != 0)
        err = errno;
    char host[INET6_ADDRSTRLEN] = "?";
    bool v6 = ai->ai_family == AF_INET6;
    getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL, 0, NI_NUMERICHOST);
    freeaddrinfo(ai);
    if (err) {
        if (s >= 0)
            close(s);
        return genop_fail(e, GENOP_EIO, "kan ikke lytte på %s:%u: %s", cfg->listen_addr,
                          (unsigned)cfg->port, socket_error_da(err));
    }
    snprintf(url, url_size, v6 ? "http://[%s]:%u" : "http://%s:%u", host, (unsigned)cfg->port);
    *fd = s;
    return GENOP_OK;
}

/* The transport's handler: the router, with the app as its state. */
static void handle_api(void *ctx, http_request *rq, http_reply *out)
{
    router_dispatch(ctx, rq, out);
}

/* Starts the transport on fd: the API's paths and the public page go to
 * the router, the rest to the web app's files. */
static genop_err start_transport(genop_app *app, int fd, unsigned threads, transport **out,
                                 genop_error *e)
{
    transport_config tc = {
        .handle = handle_api,
        .ctx = app,
        .handles_path = router_handles_path,
        .web_root = app->web_dir,
        .body_max = HTTP_BODY_MAX,
        .threads = threads,
        .log_requests = app->log_requests,
    };
    return transport_start(&tc, fd, out, e);
}

/* Brings the stored projections up to the current rules and tells the
 * caller about each municipality done. */
static genop_err refresh(const genop_app *app, const genop_server_config *cfg, genop_error *e)
{
    projection_refresh_report r;
    genop_err err = app_refresh_projections(app, &r, e);
    for (size_t i = 0; !err && cfg->on_refreshed && i < r.n; i++)
        cfg->on_refreshed(cfg->on_ready_arg, &r.munis[i]);
    return err;
}

/* Waits for SIGTERM or SIGINT (blocked in every thread). */
static void wait_for_stop(const sigset_t *stop)
{
    int sig;
    while (sigwait(stop, &sig) != 0)
        ;
}

/* The processors this process may run on. */
static long usable_processors(void)
{
#ifdef CPU_COUNT
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0)
        return CPU_COUNT(&cpus);
#endif
    return sysconf(_SC_NPROCESSORS_ONLN);
}

unsigned genop_server_default_threads(void)
{
    long n = usable_processors();
    if (n < GENOP_SERVER_THREADS_MIN)
        return GENOP_SERVER_THREADS_MIN;
    return n > GENOP_SERVER_THREADS_DEFAULT_MAX ? GENOP_SERVER_THREADS_DEFAULT_MAX : (unsigned)n;
}

genop_err genop_server_run(const genop_server_config *cfg, genop_error *e)
{
    sigset_t stop, blocked;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    blocked = stop;
    sigaddset(&blocked, SIGPIPE);   /* a client that hangs up is no reason to die */
    pthread_sigmask(SIG_BLOCK, &blocked, NULL);

    unsigned threads = cfg->threads ? cfg->threads : genop_server_default_threads();
    genop_app app;
    memset(&app, 0, sizeof app);
    app.secure_cookies = cfg->secure_cookies;
    app.log_requests = cfg->log_requests;
    app.web_dir = cfg->web_dir;
    transport *http = NULL;
    char url[96];
    int fd = -1;
    json_object_seed(0);            /* jansson's hash seed, once, before any thread */
    genop_err err = auth_init(e);
    if (!err)
        err = app_open(&app, cfg->store_location, threads, e);
    if (!err && cfg->digital_post_spool)
        err = app_outbox_open(&app, cfg->digital_post_spool,
                              cfg->memo_schema_dir ? cfg->memo_schema_dir : GENOP_MEMO_DIR, e);
    if (!err)
        err = open_listener(cfg, &fd, url, sizeof url, e);
    if (!err && ((err = refresh(&app, cfg, e)) ||
                 (err = start_transport(&app, fd, threads, &http, e))))
        close(fd);
    if (!err) {
        if (cfg->on_ready)
            cfg->on_ready(cfg->on_ready_arg, url);
        wait_for_stop(&stop);
        transport_stop(http);
    }
    app_release(&app);
    return err;
}
