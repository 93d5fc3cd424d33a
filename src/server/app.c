/*
 * app.c - building and releasing the shared state of app.h: the shipped
 * standards (loaded once, immutable afterwards), the dummy password hash
 * and the store pool. `genop serve` (server.c) and the in-process service
 * (service.c) build it the same way, so a request sees the same standards
 * and the same login behaviour whichever way it comes in.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "registry.h"

const genop_standard *app_standard(const genop_app *a, const char *id)
{
    for (size_t i = 0; i < a->n_standards; i++)
        if (strcmp(a->standards[i]->id, id) == 0)
            return a->standards[i];
    return NULL;
}

/* The domain layer's writer: a job in the next batch of the queue. */
static genop_err run_in_queue(void *queue, casework_job_fn job, void *ctx, genop_error *e)
{
    return commit_queue_run(queue, job, ctx, e);
}

static genop_err journal_append(void *journal, genop_access_entry *rows, size_t n,
                                genop_error *e)
{
    return read_journal_append(journal, rows, n, e);
}

static genop_err journal_import(void *journal, genop_error *e)
{
    return read_journal_import(journal, e);
}

void app_casework_env(const genop_app *app, genop_store *s, int64_t now, casework_env *env)
{
    memset(env, 0, sizeof *env);
    env->store = s;
    env->writer = (casework_writer){run_in_queue, app->writes};
    env->reads = (casework_read_log){journal_append, journal_import, app->reads};
    env->standards = (const genop_standard *const *)app->standards;
    env->n_standards = app->n_standards;
    env->dummy_hash = app->dummy_hash;
    casework_env_set_time(env, now);
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

/* The flusher's hook: the journal of reads into the database. */
static void import_reads(void *journal)
{
    genop_error e;
    if (read_journal_flush(journal, &e))
        fprintf(stderr, "genop: adgangsloggens journal kunne ikke læses ind i databasen "
                "(prøver igen): %s\n", e.message);
}

genop_err app_open(genop_app *app, const char *db_path, size_t handles, genop_error *e)
{
    genop_err err = load_standards(app, e);
    if (!err)
        err = make_dummy_hash(app, e);
    if (!err)
        err = store_pool_open(db_path, handles, &app->pool, e);
    if (!err)
        err = read_journal_open(db_path, &app->reads, e);
    if (!err)
        err = commit_queue_start(db_path, GENOP_COMMIT_DURABLE, "skrivekøen", &app->writes, e);
    if (!err)
        err = store_flusher_start(db_path, APP_FLUSH_INTERVAL_MS, import_reads, app->reads,
                                  &app->flusher, e);
    return err;
}

void app_release(genop_app *app)
{
    commit_queue_stop(app->writes);
    app->writes = NULL;
    store_flusher_stop(app->flusher);       /* before the journal its hook imports */
    app->flusher = NULL;
    read_journal_close(app->reads);
    app->reads = NULL;
    store_pool_close(app->pool);
    app->pool = NULL;
    for (size_t i = 0; i < app->n_standards; i++)
        genop_standard_free(app->standards[i]);
    app->n_standards = 0;
}
