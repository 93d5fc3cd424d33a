/*
 * env.c - the environment of the domain layer's operations (see env.h):
 * finding a municipality's standard, committing a job of writes, logging
 * reads, and keeping failures of the store apart from refusals.
 */
#include "env.h"

#include <string.h>

#include "roles.h"

void casework_env_set_time(casework_env *env, int64_t now)
{
    env->now = now;
    env->today = genop_date_in_denmark(now);
}

const genop_standard *casework_standard(const casework_env *env, const char *id)
{
    for (size_t i = 0; i < env->n_standards; i++)
        if (strcmp(env->standards[i]->id, id) == 0)
            return env->standards[i];
    return NULL;
}

genop_err casework_user_standard(const casework_env *env, const genop_user *actor,
                                 const genop_standard **out, genop_error *e)
{
    *out = casework_standard(env, actor->municipality);
    if (*out)
        return GENOP_OK;
    return genop_fail(e, GENOP_EIO, "ingen kvalitetsstandard for kommunen %s",
                      actor->municipality);
}

/* A job in a transaction of its own on s. */
static genop_err write_alone(genop_store *s, casework_job_fn job, void *ctx, genop_error *e)
{
    genop_err err = genop_store_begin(s, e);
    if (!err)
        err = job(s, ctx, e);
    if (!err)
        err = genop_store_commit(s, e);
    if (err)
        genop_store_rollback(s);
    return err;
}

/* A job whose own failure is told apart from the writer's. */
typedef struct watched_job {
    casework_job_fn job;
    void *ctx;
    bool failed;              /* the job itself returned an error */
} watched_job;

static genop_err run_watched(genop_store *s, void *ctx, genop_error *e)
{
    watched_job *w = ctx;
    genop_err err = w->job(s, w->ctx, e);
    w->failed = err != GENOP_OK;
    return err;
}

genop_err casework_write(const casework_env *env, casework_job_fn job, void *ctx,
                         genop_error *e)
{
    watched_job w = {job, ctx, false};
    genop_err err = env->writer.run ? env->writer.run(env->writer.self, run_watched, &w, e)
                                    : write_alone(env->store, run_watched, &w, e);
    /* A failure to begin or commit is the store's, never a refusal. */
    return err && !w.failed ? casework_internal(err, e) : err;
}

typedef struct read_rows {
    genop_access_entry *rows;
    size_t n;
} read_rows;

static genop_err append_rows(genop_store *s, void *ctx, genop_error *e)
{
    read_rows *r = ctx;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < r->n; i++)
        err = genop_store_access_log_append(s, &r->rows[i], e);
    return err;
}

genop_err casework_log_reads(const casework_env *env, genop_access_entry *rows, size_t n,
                             genop_error *e)
{
    if (n == 0)
        return GENOP_OK;
    if (env->reads.append)
        return env->reads.append(env->reads.self, rows, n, e);
    read_rows r = {rows, n};
    return write_alone(env->store, append_rows, &r, e);
}

genop_err casework_import_reads(const casework_env *env, genop_error *e)
{
    return env->reads.import ? env->reads.import(env->reads.self, e) : GENOP_OK;
}

genop_err casework_internal(genop_err err, genop_error *e)
{
    if (!err || err == GENOP_ENOMEM)
        return err;
    if (e) {
        e->code = GENOP_EIO;
        e->field[0] = '\0';
    }
    return GENOP_EIO;
}

genop_err casework_refusal_at_path(genop_err code, genop_error *e)
{
    if (e->code == GENOP_ENOMEM)        /* out of memory is no refusal */
        return GENOP_ENOMEM;
    const char *m = e->message;
    size_t n = m[0] == '$' ? strcspn(m, " :") : 0;
    e->field[0] = '\0';
    if (n > 0 && n < sizeof e->field) {
        memcpy(e->field, m, n);
        e->field[n] = '\0';
    }
    e->code = code;
    return code;
}

genop_err casework_require_role(const genop_user *actor, unsigned roles, const char *what,
                                genop_error *e)
{
    if (roles & ROLE_BIT(actor->role))
        return GENOP_OK;
    return genop_refuse(e, GENOP_EFORBIDDEN, NULL, "Din rolle (%s) kan ikke %s.",
                        genop_role_name(actor->role), what);
}
