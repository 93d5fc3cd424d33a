/*
 * service.h - the API called in-process, without a socket: for `genop
 * demo`, seeders and tests that must go through exactly the code an HTTP
 * request goes through.
 *
 * A service holds what `genop serve` holds (app.h: every shipped standard,
 * the dummy password hash) with one store handle. service_call() sends a
 * request through the router's route table (router_call): the same role
 * checks, input validation, event admissibility, projection and access
 * log as over HTTP, only with the user given rather than logged in, and
 * the body given as a JSON object rather than as text.
 *
 * A service is used by one thread at a time. It keeps no global state.
 */
#ifndef GENOP_SERVICE_H
#define GENOP_SERVICE_H

#include <jansson.h>

#include "error.h"
#include "standard.h"
#include "store.h"

typedef struct genop_service genop_service;

/* Opens the store at location (store.h: sqlite:PATH or a path; a new
 * database is created and migrated), initialises libsodium and loads the
 * shipped standards. The caller frees *out with service_close(). */
genop_err service_open(const char *location, genop_service **out, genop_error *e);

/* Closes the store handle and frees everything. NULL is fine. */
void service_close(genop_service *svc);

/* Answers `method` `path` as the user as_user would get it over HTTP.
 * path is the whole target under the server's root, query included, e.g.
 * "/api/v1/cases/12?as_of=2025-05-01"; body (borrowed, may be NULL) is
 * the JSON object of routes that take one. as_user is trusted as it is
 * (id, username, municipality, role: see service_user()); NULL calls as
 * no one (only POST /api/v1/session answers then).
 *
 * *status gets the HTTP status; *reply a new reference to the answer's
 * JSON (a problem object on errors, NULL when the answer has no body),
 * which the caller releases with json_decref(). Returns GENOP_OK for a 2xx
 * answer, GENOP_EINVAL for any other (the problem says why), GENOP_ENOMEM
 * if the request could not be made (then *status is 500). */
genop_err service_call(genop_service *svc, const genop_user *as_user, const char *method,
                       const char *path, const json_t *body, unsigned *status, json_t **reply);

/* The shipped standard with id (e.g. "aalborg"), or NULL. Borrowed for the
 * service's lifetime. */
const genop_standard *service_standard(const genop_service *svc, const char *id);

/* Creates the municipality of std in the store if it does not exist. */
genop_err service_municipality_ensure(genop_service *svc, const genop_standard *std,
                                      genop_error *e);

/* Adds user u (municipality, username, role set; the municipality must
 * exist) with password, stored as its argon2id hash; sets u->id. */
genop_err service_user_add(genop_service *svc, genop_user *u, const char *password,
                           genop_error *e);

/* Fault injection, for tests: from the nth call on (1: the next), every
 * call of the service's store handle, and of the handle of its queue of
 * case writes, fails (genop_store_fail_from; each handle counts its own
 * calls); 0 turns it off. The access log's handle (reads) is not
 * affected. */
void service_fail_store_from(genop_service *svc, long n);

/* The user called username, for service_call(). GENOP_ENOTFOUND if there
 * is none. */
genop_err service_user(genop_service *svc, const char *username, genop_user *out,
                       genop_error *e);

#endif
