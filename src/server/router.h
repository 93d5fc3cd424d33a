/*
 * router.h - from a complete request to a reply: the route table, the
 * checks every route shares (authentication, roles, content type, JSON
 * body) and the call of the route's handler. See router.c for the table
 * and the role policy.
 */
#ifndef GENOP_ROUTER_H
#define GENOP_ROUTER_H

#include "app.h"
#include "http.h"

/* Answers rq into out (status, body, headers). Borrows a store handle from
 * app's pool for the duration of the call. Never fails: every error is a
 * problem answer. */
void router_dispatch(const genop_app *app, http_request *rq, http_reply *out);

#endif
