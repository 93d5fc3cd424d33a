/*
 * env.h - what every operation of the domain layer (src/casework) is
 * given besides the acting user and its input: the store handle of the
 * call, how writes are committed, where reads are logged, the loaded
 * standards and the time.
 *
 * The domain layer is where the case work happens: every operation staff
 * or a command can do (register a referral, append an event, read a case,
 * list cases, the worklist, the access log, log in and out) is a function
 * of its own file here that takes a casework_env, the acting user and
 * typed input, and returns a typed result, or a refusal in its
 * genop_error: the kind is the code (GENOP_ENOTFOUND, GENOP_EFORBIDDEN,
 * GENOP_EINVAL, GENOP_ECONFLICT, GENOP_EREFUSED), `field` the JSON path at
 * fault, `message` the Danish reason (error.h). Any other code is a failure
 * of genop or its store, never the caller's fault - but for one: a case
 * read as of a date the calendar cannot judge is GENOP_ERANGE with the
 * field "as_of" (case_read.h), which the server answers 400. The HTTP handlers
 * (src/server/api_*.c) only turn JSON into that input and the result or
 * refusal into JSON; commands (genop demo) call the operations directly.
 *
 * The environment is the caller's and borrowed by an operation for its
 * duration; it holds no state of its own, so one per request is cheap.
 */
#ifndef GENOP_CASEWORK_ENV_H
#define GENOP_CASEWORK_ENV_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "standard.h"
#include "store.h"

/* A unit of writing: writes through s inside a transaction (or a
 * savepoint of one) that the caller of the job owns, and returns GENOP_OK
 * to keep what it wrote or an error to have it undone. */
typedef genop_err (*casework_job_fn)(genop_store *s, void *ctx, genop_error *e);

/* How an operation's writes are committed: run(self, job, ctx, e) runs the
 * job in a transaction and returns once that is committed and durable
 * (the server's commit queue shares one disk flush among the requests
 * that arrive together). With run NULL, the job runs in a transaction of
 * its own on the environment's store. */
typedef struct casework_writer {
    genop_err (*run)(void *self, casework_job_fn job, void *ctx, genop_error *e);
    void *self;
} casework_writer;

/* Where the access log's rows of reads go. append(self, rows, n, e) has
 * them safe (durable, or as good as) before it returns, so nothing is
 * shown that was not logged first; import(self, e) makes every row
 * appended so far visible in the store's access log (before a listing).
 * With append NULL, the rows are added to the store's access log in a
 * transaction of their own on the environment's store (a command's way);
 * import may be NULL when appended rows are visible at once. */
typedef struct casework_read_log {
    genop_err (*append)(void *self, genop_access_entry *rows, size_t n, genop_error *e);
    genop_err (*import)(void *self, genop_error *e);
    void *self;
} casework_read_log;

typedef struct casework_env {
    genop_store *store;                      /* borrowed: the handle of this call */
    casework_writer writer;
    casework_read_log reads;
    const genop_standard *const *standards;  /* borrowed: every municipality's */
    size_t n_standards;
    const char *dummy_hash;   /* argon2id of a random secret: an unknown user's
                               * login takes as long as a known one's (auth.h) */
    int64_t now;              /* unix seconds */
    genop_date today;         /* the date in Denmark at `now` */
} casework_env;

/* Sets env's clock to now (unix seconds) and today to the Danish date. */
void casework_env_set_time(casework_env *env, int64_t now);

/* The standard of municipality id (e.g. "aalborg"), or NULL. Borrowed
 * from env->standards. */
const genop_standard *casework_standard(const casework_env *env, const char *id);

/* The standard of the acting user's municipality; a user whose
 * municipality has none is an internal failure (GENOP_EIO: users are only
 * made for municipalities with a standard). */
genop_err casework_user_standard(const casework_env *env, const genop_user *actor,
                                 const genop_standard **out, genop_error *e);

/* Runs job(ctx) as env's writer says (see casework_writer) and returns its
 * result once committed: the job's own error as it is, a failure to begin
 * or commit as a failure of the store (casework_internal). */
genop_err casework_write(const casework_env *env, casework_job_fn job, void *ctx,
                         genop_error *e);

/* Logs reads (rows borrowed; an empty time is set to now) as env says
 * (see casework_read_log), before return. */
genop_err casework_log_reads(const casework_env *env, genop_access_entry *rows, size_t n,
                             genop_error *e);

/* Makes every read logged so far visible in the store's access log. */
genop_err casework_import_reads(const casework_env *env, genop_error *e);

/* A failure of the store (or of genop) becomes GENOP_EIO with its message
 * (GENOP_ENOMEM stays), so that it never reads as a refusal, the caller's
 * fault. For paths where the store cannot refuse. Returns the code. */
genop_err casework_internal(genop_err err, genop_error *e);

/* Makes the error in e (a core reader's or the rules', whose message
 * starts with the JSON path at fault: "$.events[2].date: ...") a refusal
 * of kind code whose field is that path (none when the message names
 * none). Returns code; GENOP_ENOMEM in e stays what it is. */
genop_err casework_refusal_at_path(genop_err code, genop_error *e);

/* Refuses with GENOP_EFORBIDDEN unless actor's role is among roles
 * (ROLE_BIT() bits, roles.h), naming what the role may not do. */
genop_err casework_require_role(const genop_user *actor, unsigned roles, const char *what,
                                genop_error *e);

#endif
