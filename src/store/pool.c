/*
 * pool.c - the store handle pool (see pool.h): a stack of free handles
 * under a mutex, with a condition variable for the (unexpected) case that
 * every handle is lent out.
 */
#include "pool.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

struct store_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    genop_store **all;       /* every handle, for closing */
    genop_store **idle;      /* the handles not lent out: idle[0..n_free) */
    size_t n, n_free;
};

genop_err store_pool_open(const char *location, size_t n, store_pool **out, genop_error *e)
{
    assert(n > 0);
    store_pool *p = calloc(1, sizeof *p);
    if (!p)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til databaseforbindelserne");
    p->all = calloc(n, sizeof *p->all);
    p->idle = calloc(n, sizeof *p->idle);
    if (!p->all || !p->idle) {
        free(p->all);
        free(p->idle);
        free(p);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til databaseforbindelserne");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (size_t i = 0; i < n; i++) {
        /* Durable commits; the server's flusher keeps the log short. */
        genop_store_options o = {.commit_mode = GENOP_COMMIT_DURABLE, .flushed_by_owner = true};
        genop_err err = genop_store_open(location, &o, &p->all[i], e);
        if (err) {
            store_pool_close(p);
            return err;
        }
        p->n++;
        p->idle[p->n_free++] = p->all[i];
    }
    *out = p;
    return GENOP_OK;
}

void store_pool_close(store_pool *p)
{
    if (!p)
        return;
    assert(p->n_free == p->n);
    for (size_t i = 0; i < p->n; i++)
        genop_store_close(p->all[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p->all);
    free(p->idle);
    free(p);
}

genop_store *store_pool_acquire(store_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->n_free == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    genop_store *s = p->idle[--p->n_free];
    pthread_mutex_unlock(&p->lock);
    return s;
}

void store_pool_release(store_pool *p, genop_store *s)
{
    pthread_mutex_lock(&p->lock);
    assert(p->n_free < p->n);
    p->idle[p->n_free++] = s;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}
