/*
 * app.h - the server's shared state, built once (by server.c, or by
 * service.c for in-process calls) before the first request and read-only
 * afterwards (the store pool, the audit sink of reads, the write queue,
 * the flusher and the public pages' cache do their own locking): the loaded standards, the pool, the
 * sink, the queue, the flusher, the dummy password hash that keeps
 * failed logins equally slow, and the configuration flags.
 * app.c builds and releases it, for server.c and for service.c.
 */
#ifndef GENOP_APP_H
#define GENOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "audit_sink.h"
#include "commit_queue.h"
#include "env.h"
#include "flusher.h"
#include "outbox.h"
#include "pool.h"
#include "projection_refresh.h"
#include "public_cache.h"
#include "standard.h"
#include "store.h"

#define APP_STANDARDS_MAX 16
/* How often the flusher flushes the audit sink of reads (SQLite's journal
 * of reads: synced, and imported every 2 s) and folds the database's log
 * into the database (flusher.h, audit_sink.h). */
#define APP_FLUSH_INTERVAL_MS 100

typedef struct genop_app {
    bool secure_cookies;
    bool log_requests;
    const char *web_dir;       /* the web app's files (borrowed); NULL: static_default_root() */
    store_pool *pool;                            /* owned: app_open/app_release */
    genop_audit_sink *reads;                     /* owned: the access log of reads */
    commit_queue *writes;                        /* owned: durable case writes */
    store_flusher *flusher;                      /* owned */
    genop_standard *standards[APP_STANDARDS_MAX];/* owned: app_open/app_release */
    size_t n_standards;
    char dummy_hash[GENOP_HASH_TEXT_MAX];        /* argon2id of a random secret */
    /* Digital Post (outbox.h): the spool directory and the MeMo schema,
     * both owned (app_outbox_open/app_release); empty until opened, and
     * then sending by Digital Post is refused. */
    casework_outbox outbox;
    /* The public pages' figures per municipality and day (public_cache.h):
     * slot i is standards[i]'s. Owned: app_open/app_release. */
    public_cache *public_pages;
} genop_app;

/* Fills app (zeroed by the caller, flags set as wanted): loads every
 * shipped standard, makes the dummy password hash, opens `handles` store
 * handles on the store at location (store.h: sqlite:PATH or a path; the
 * first creates and migrates a new database), opens its audit sink of
 * reads (taking in what a dead process left), makes the cache of the
 * public pages (one slot per standard), and starts the commit queue
 * of durable case writes and the flusher (which flushes the sink), each
 * with a handle and a thread of its own. auth_init() must have succeeded
 * first. Whatever the result, the caller releases app with app_release(). */
genop_err app_open(genop_app *app, const char *location, size_t handles, genop_error *e);

/* Sets up Digital Post for app: copies spool_dir (the spool directory,
 * spool.h; made when the first message is written) and loads the MeMo
 * schema from schema_dir (memo.h: once, from one thread, before the
 * server's threads start) into app->outbox, which every request shares.
 * GENOP_ENOTFOUND/GENOP_EPARSE when the schema cannot be loaded. */
genop_err app_outbox_open(genop_app *app, const char *spool_dir, const char *schema_dir,
                          genop_error *e);

/* Stops the queue and the flusher, closes the audit sink (which moves the
 * rest of its reads into the access log), closes the pool (no handle may
 * be borrowed) and frees the standards and the outbox's spool path and
 * schema. */
void app_release(genop_app *app);

/* Fills env for one request (or in-process call) on the store handle s
 * (borrowed from app's pool) at time now, whose Danish date the caller
 * has already as today: writes through app's commit queue, reads logged
 * in app's audit sink, app's standards. */
void app_casework_env(const genop_app *app, genop_store *s, int64_t now, genop_date today,
                      casework_env *env);

/* Computes the stored projections of every municipality whose rules have
 * changed since they were computed again (projection_refresh.h), through
 * a handle of app's pool and app's commit queue, as of now; *out says
 * what was done. For a server that has not begun to answer. */
genop_err app_refresh_projections(const genop_app *app, projection_refresh_report *out,
                                  genop_error *e);

/* The standard of municipality id (a standard's id, e.g. "aalborg"), or NULL.
 * Borrowed from the app for its lifetime. */
const genop_standard *app_standard(const genop_app *a, const char *id);

#endif
