/*
 * local.h - the domain layer for a command that works on a database
 * itself (genop demo, the benchmarks' seeders, tests): one store handle
 * and every shipped standard, in an environment whose writes commit in
 * transactions of their own and whose reads are logged straight into the
 * store's access log. The operations are the same the server calls, with
 * the same checks, refusals and access log; only no login is needed: the
 * acting user is looked up by name (the environment has no dummy hash, so
 * casework_login() refuses to run on it).
 *
 * A casework_local is used by one thread at a time. It keeps no global
 * state.
 */
#ifndef GENOP_CASEWORK_LOCAL_H
#define GENOP_CASEWORK_LOCAL_H

#include "env.h"

#define CASEWORK_LOCAL_STANDARDS_MAX 16

typedef struct casework_local {
    genop_store *store;                                        /* owned */
    genop_standard *standards[CASEWORK_LOCAL_STANDARDS_MAX];   /* owned */
    size_t n_standards;
    casework_env env;        /* borrows the above; its clock is set at open */
} casework_local;

/* Opens the store at location (created and migrated if new) and loads
 * every shipped standard into *out (the caller's). Whatever the result,
 * release with casework_local_close(). */
genop_err casework_local_open(const char *location, casework_local *out, genop_error *e);

/* The same with the store handle opened with options o (store.h; NULL:
 * the defaults), e.g. a bulk writer's GENOP_COMMIT_LOGGED, which then
 * makes its work durable with genop_store_flush() before it reports it
 * done. */
genop_err casework_local_open_with(const char *location, const genop_store_options *o,
                                   casework_local *out, genop_error *e);

void casework_local_close(casework_local *l);

/* Sets the environment's clock to now (unix seconds): today is the Danish
 * date of now. */
void casework_local_set_time(casework_local *l, int64_t now);

/* Creates the municipality of std in the store if it does not exist. */
genop_err casework_local_municipality_ensure(casework_local *l, const genop_standard *std,
                                             genop_error *e);

/* Adds user u (municipality, username, role set; the municipality must
 * exist) with password, which must satisfy auth_password_acceptable();
 * stored as its argon2id hash; sets u->id. */
genop_err casework_local_user_add(casework_local *l, genop_user *u, const char *password,
                                  genop_error *e);

/* The user called username. GENOP_ENOTFOUND if there is none. */
genop_err casework_local_user(casework_local *l, const char *username, genop_user *out,
                              genop_error *e);

#endif
