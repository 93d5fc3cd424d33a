/*
 * pool.h - a fixed set of store handles shared by the worker threads of
 * the server (any back end: the handles are opened by location).
 *
 * A store handle is used by one thread at a time (store.h), so each request
 * borrows one for as long as it runs. The server makes as many handles as
 * libmicrohttpd has worker threads, and a worker handles one request at a
 * time, so a handle is always free; the condition variable is only there
 * so that the pool stays correct if that ever changes.
 */
#ifndef GENOP_POOL_H
#define GENOP_POOL_H

#include <stddef.h>

#include "error.h"
#include "store.h"

typedef struct store_pool store_pool;

/* Opens n handles on the store at location (store.h; the first open
 * creates and migrates a new database), with durable commits and the
 * log's upkeep left to a flusher (flusher.h). The caller frees with
 * store_pool_close(). */
genop_err store_pool_open(const char *location, size_t n, store_pool **out, genop_error *e);

/* Closes every handle and frees the pool. No handle may be borrowed. */
void store_pool_close(store_pool *p);

/* Borrows a handle, waiting while none is free. Give it back with
 * store_pool_release() from the same request. */
genop_store *store_pool_acquire(store_pool *p);
void store_pool_release(store_pool *p, genop_store *s);

#endif
