/*
 * server.h - `genop serve`: the HTTP/JSON API under /api/v1 (see
 * shared/spec/api.md and docs/openapi.yaml).
 *
 * genop_server_run() is the whole life of the server: it opens one store
 * handle per worker thread, loads the shipped standards once (shared
 * read-only by every request), computes the stored projections again
 * where the rules have changed since (projection_refresh.h), starts the
 * transport (transport.h:
 * libmicrohttpd) on the listen address with the router as its handler,
 * tells the caller it is ready, and then waits in the calling thread for
 * SIGTERM or SIGINT, after which it stops the transport, closes the
 * handles and returns. It keeps no global state: everything a request
 * needs travels from here through the transport's handler context.
 */
#ifndef GENOP_SERVER_H
#define GENOP_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "projection_refresh.h"

#define GENOP_SERVER_THREADS_MIN 2
#define GENOP_SERVER_THREADS_MAX 64
/* The most genop_server_default_threads() picks: each thread is a
 * database connection with a page cache of up to 64 MB, and a container
 * may be allowed all of a large machine's processors but a share of
 * their time. More can be asked for with --threads. */
#define GENOP_SERVER_THREADS_DEFAULT_MAX 16

typedef struct genop_server_config {
    const char *store_location; /* the store's location (store.h: sqlite:PATH or a
                                 * path); created and migrated if new */
    const char *listen_addr;    /* numeric IPv4/IPv6 address or "localhost" */
    uint16_t port;
    unsigned threads;           /* worker threads = store handles; 0: the default
                                 * (genop_server_default_threads()) */
    bool secure_cookies;        /* mark the session cookie Secure (TLS in front) */
    bool log_requests;          /* one escaped line per request on stderr */
    const char *web_dir;        /* the web app's files; NULL: the compiled-in web/ */
    const char *digital_post_spool;  /* the spool directory of Digital Post's MeMo
                                      * messages (spool.h); NULL: none, and letters
                                      * are not sent by Digital Post */
    const char *memo_schema_dir;     /* the MeMo schema (memo.h); NULL: the
                                      * compiled-in data/memo/ of the source tree */
    /* Called once the port answers, with "http://ADDR:PORT"; may be NULL. */
    void (*on_ready)(void *arg, const char *url);
    void *on_ready_arg;
    /* Called, before the port answers, for each municipality whose stored
     * projections were computed again because the rules changed
     * (projection_refresh.h), with on_ready_arg; may be NULL. */
    void (*on_refreshed)(void *arg, const projection_refresh_muni *m);
} genop_server_config;

/* The worker threads of a server whose config names none: one for each
 * processor the process may run on (its CPU affinity where the system
 * tells it, else the processors online), at least GENOP_SERVER_THREADS_MIN
 * and at most GENOP_SERVER_THREADS_DEFAULT_MAX. More
 * threads than processors made case reads slower, not faster: the threads
 * queue for SQLite's shared-memory lock and are switched out while they
 * hold it (README, "The API under load"). A durable write keeps its
 * thread waiting for the disk, so writes per second grow with the count;
 * the minimum keeps one thread free while another waits. */
unsigned genop_server_default_threads(void);

/* Runs the server until SIGTERM or SIGINT. Returns GENOP_OK after a clean
 * stop, or an error (with a Danish message in *e) if it could not start:
 * the database cannot be opened, the address cannot be bound, ... */
genop_err genop_server_run(const genop_server_config *cfg, genop_error *e);

#endif
