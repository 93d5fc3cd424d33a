/*
 * app.c - building and releasing the shared state of app.h: the shipped
 * standards (loaded once, immutable afterwards), the dummy password hash
 * and the store pool. `genop serve` (server.c) and the in-process service
 * (service.c) build it the same way, so a request sees the same standards
 * and the same login behaviour whichever way it comes in.
 */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "registry.h"

const genop_standard *app_standard(const genop_app *a, const char *id)
{
    casework_env env = {.standards = (const genop_standard *const *)a->standards,
                        .n_standards = a->n_standards};
    return casework_standard(&env, id);
}

/* The domain layer's writer: a job in the next batch of the queue. */
static genop_err run_in_queue(void *queue, casework_job_fn job, void *ctx, genop_error *e)
{
    return commit_queue_run(queue, job, ctx, e);
}

/* The domain layer's log of reads: the store's audit sink. */
static genop_err sink_append(void *sink, genop_access_entry *rows, size_t n, genop_error *e)
{
    return genop_audit_sink_append(sink, rows, n, e);
}

static genop_err sink_sync(void *sink, genop_error *e)
{
    return genop_audit_sink_sync(sink, e);
}

void app_casework_env(const genop_app *app, genop_store *s, int64_t now, genop_date today,
                      casework_env *env)
{
    memset(env, 0, sizeof *env);
    env->store = s;
    env->writer = (casework_writer){run_in_queue, app->writes};
    env->reads = (casework_read_log){sink_append, sink_sync, app->reads};
    env->standards = (const genop_standard *const *)app->standards;
    env->n_standards = app->n_standards;
    env->dummy_hash = app->dummy_hash;
    env->now = now;
    env->today = today;
}

genop_err app_refresh_projections(const genop_app *app, projection_refresh_report *out,
                                  genop_error *e)
{
    int64_t now = (int64_t)time(NULL);
    genop_store *s = store_pool_acquire(app->pool);
    casework_env env;
    app_casework_env(app, s, now, genop_date_in_denmark(now), &env);
    genop_err err = casework_projections_refresh(&env, out, e);
    store_pool_release(app->pool, s);
    return err;
}

static genop_err load_standards(genop_app *app, genop_error *e)
{
    for (const genop_embedded_standard *s = genop_embedded_standards; s->id; s++) {
        if (app->n_standards == APP_STANDARDS_MAX)
            return genop_fail(e, GENOP_ETOOBIG, "for mange indbyggede standarder");
        genop_err err = genop_registry_load(s->id, &app->standards[app->n_standards], e);
        if (err)
            return err;
        app->n_standards++;
    }
    return GENOP_OK;
}

/* An argon2id hash of a secret nobody knows, for unknown usernames. */
static genop_err make_dummy_hash(genop_app *app, genop_error *e)
{
    char secret[AUTH_TOKEN_TEXT_SIZE];
    unsigned char unused[GENOP_TOKEN_HASH_SIZE];
    genop_err err = auth_token_new(secret, unused, e);
    if (!err)
        err = auth_hash_password(secret, app->dummy_hash, e);
    return err;
}

genop_err app_open(genop_app *app, const char *location, size_t handles, genop_error *e)
{
    genop_err err = load_standards(app, e);
    if (!err)
        err = public_cache_new(app->n_standards, &app->public_pages, e);
    if (!err)
        err = make_dummy_hash(app, e);
    if (!err)
        err = store_pool_open(location, handles, &app->pool, e);
    if (!err)
        err = genop_audit_sink_open(location, &app->reads, e);
    if (!err)
        err = commit_queue_start(location, GENOP_COMMIT_DURABLE, "skrivekøen", &app->writes, e);
    if (!err)
        err = store_flusher_start(location, APP_FLUSH_INTERVAL_MS, app->reads, &app->flusher, e);
    return err;
}

genop_err app_outbox_open(genop_app *app, const char *spool_dir, const char *schema_dir,
                          genop_error *e)
{
    char *dir = strdup(spool_dir);
    if (!dir)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    genop_err err = genop_memo_schema_load(schema_dir, &app->outbox.schema, e);
    if (err) {
        free(dir);
        genop_error_prefix(e, "MeMo-skemaet til Digital Post");
        return err;
    }
    app->outbox.spool_dir = dir;
    return GENOP_OK;
}

void app_release(genop_app *app)
{
    commit_queue_stop(app->writes);
    app->writes = NULL;
    store_flusher_stop(app->flusher);       /* before the sink it flushes */
    app->flusher = NULL;
    genop_audit_sink_close(app->reads);
    app->reads = NULL;
    store_pool_close(app->pool);
    app->pool = NULL;
    public_cache_free(app->public_pages);
    app->public_pages = NULL;
    for (size_t i = 0; i < app->n_standards; i++)
        genop_standard_free(app->standards[i]);
    app->n_standards = 0;
    free((char *)app->outbox.spool_dir);
    genop_memo_schema_free(app->outbox.schema);
    memset(&app->outbox, 0, sizeof app->outbox);
}
