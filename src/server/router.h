/*
 * router.h - from a complete request to a reply: the route table, the
 * checks every route shares (authentication, roles, content type, JSON
 * body) and the call of the route's handler. See router.c for the table
 * and the role policy.
 */
#ifndef GENOP_ROUTER_H
#define GENOP_ROUTER_H

#include <jansson.h>

#include "app.h"
#include "http.h"
#include "store.h"

/* Answers rq into out (status, body, headers). Borrows a store handle from
 * app's pool for the duration of the call. Never fails: every error is a
 * problem answer. */
void router_dispatch(const genop_app *app, http_request *rq, http_reply *out);

/* True for the (decoded) paths the router answers: the API's ("/api" and
 * under "/api/") and the public page's ("/offentlig/ID", one segment);
 * every other path is the web app's files (static.c). */
bool router_handles_path(const char *path);

/* Calls fn(method, pattern, ctx) for every route of the table, in order
 * (`genop serve --routes`, and the test that keeps docs/openapi.yaml true). */
void router_each_route(void (*fn)(const char *method, const char *pattern, void *ctx),
                       void *ctx);

/* Answers an in-process request (service.c) the same way, as `user`
 * (already authenticated: its id, username, municipality and role are
 * trusted; NULL for no one) with `body` (borrowed; NULL or a JSON object
 * for routes that take one) instead of the request's credentials and
 * body. Route, role, body and handler behave as for router_dispatch(). */
void router_call(const genop_app *app, const genop_user *user, http_request *rq, json_t *body,
                 http_reply *out);

#endif
