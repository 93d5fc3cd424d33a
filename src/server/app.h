/*
 * app.h - the server's shared state, built once by server.c before the
 * first request and read-only afterwards (the store pool hands out handles
 * under its own lock): the loaded standards, the pool, the dummy password
 * hash that keeps failed logins equally slow, and the configuration flags.
 */
#ifndef GENOP_APP_H
#define GENOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "pool.h"
#include "standard.h"
#include "store.h"

#define APP_STANDARDS_MAX 16

typedef struct genop_app {
    bool secure_cookies;
    bool log_requests;
    store_pool *pool;                            /* owned by server.c */
    genop_standard *standards[APP_STANDARDS_MAX];/* owned by server.c */
    size_t n_standards;
    char dummy_hash[GENOP_HASH_TEXT_MAX];        /* argon2id of a random secret */
} genop_app;

/* The standard of municipality id (a standard's id, e.g. "aalborg"), or NULL.
 * Borrowed from the app for its lifetime. */
const genop_standard *app_standard(const genop_app *a, const char *id);

#endif
