/*
 * flusher.c - the background flush of a store (see flusher.h): a thread
 * that sleeps on a condition variable for the interval (or until it is
 * told to stop) and flushes the audit sink and the store.
 */
#include "flusher.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store.h"

struct store_flusher {
    pthread_mutex_t lock;
    pthread_cond_t stop_requested;
    bool stopping;
    unsigned interval_ms;
    pthread_t thread;
    genop_store *store;          /* owned; used by the thread only */
    genop_audit_sink *sink;      /* borrowed; may be NULL */
};

/* The absolute CLOCK_MONOTONIC time interval_ms from now. */
static struct timespec deadline_after(unsigned interval_ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += interval_ms / 1000;
    t.tv_nsec += (long)(interval_ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

static void flush_now(store_flusher *f)
{
    genop_error e;
    if (f->sink && genop_audit_sink_flush(f->sink, &e))
        fprintf(stderr, "genop: adgangsloggen kunne ikke læses ind i databasen "
                "(prøver igen): %s\n", e.message);
    if (genop_store_flush(f->store, &e))
        fprintf(stderr, "genop: databasen kunne ikke skrives til disken (prøver igen): %s\n",
                e.message);
}

static void *run_flusher(void *arg)
{
    store_flusher *f = arg;
    pthread_mutex_lock(&f->lock);
    while (!f->stopping) {
        struct timespec until = deadline_after(f->interval_ms);
        while (!f->stopping &&
               pthread_cond_timedwait(&f->stop_requested, &f->lock, &until) == 0)
            ;
        pthread_mutex_unlock(&f->lock);
        flush_now(f);
        pthread_mutex_lock(&f->lock);
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

/* A condition variable that waits by the monotonic clock, so that setting
 * the system clock does not stretch or shorten the interval. */
static void init_monotonic_cond(pthread_cond_t *c)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}

genop_err store_flusher_start(const char *location, unsigned interval_ms,
                              genop_audit_sink *sink, store_flusher **out, genop_error *e)
{
    *out = NULL;
    store_flusher *f = calloc(1, sizeof *f);
    if (!f)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til databasens skrivetråd");
    genop_store_options o = {.commit_mode = GENOP_COMMIT_DURABLE, .flushed_by_owner = true};
    genop_err err = genop_store_open(location, &o, &f->store, e);
    if (err) {
        free(f);
        return err;
    }
    f->interval_ms = interval_ms;
    f->sink = sink;
    pthread_mutex_init(&f->lock, NULL);
    init_monotonic_cond(&f->stop_requested);
    if (pthread_create(&f->thread, NULL, run_flusher, f) != 0) {
        pthread_cond_destroy(&f->stop_requested);
        pthread_mutex_destroy(&f->lock);
        genop_store_close(f->store);
        free(f);
        return genop_fail(e, GENOP_EIO, "databasens skrivetråd kunne ikke startes");
    }
    *out = f;
    return GENOP_OK;
}

void store_flusher_stop(store_flusher *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->stopping = true;
    pthread_cond_signal(&f->stop_requested);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    flush_now(f);
    pthread_cond_destroy(&f->stop_requested);
    pthread_mutex_destroy(&f->lock);
    genop_store_close(f->store);
    free(f);
}
