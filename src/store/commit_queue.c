/*
 * commit_queue.c - group commit (see commit_queue.h).
 *
 * Each caller puts a waiter (on its own stack) at the end of a list and
 * sleeps on the waiter's condition variable. The queue's thread takes the
 * whole list at once, begins a transaction, runs each waiter's job inside
 * a savepoint (released when the job succeeds, rolled back when it fails),
 * commits, then marks every waiter of the batch done with its result and
 * wakes it.
 */
#include "commit_queue.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* One caller's job and its result; lives on the caller's stack until done
 * is set (under the queue's lock). */
typedef struct waiter {
    commit_job_fn job;
    void *ctx;
    bool done;
    genop_err err;
    genop_error error;
    pthread_cond_t wake;
    struct waiter *next;
} waiter;

struct commit_queue {
    pthread_mutex_t lock;
    pthread_cond_t work;          /* a waiter arrived, or stopping */
    waiter *head;                 /* the waiting callers, oldest first */
    waiter **tail;
    bool stopping;
    bool fail_requested;          /* commit_queue_fail_from() for the thread */
    long fail_from;
    pthread_t thread;
    genop_store *store;           /* owned; used by the thread only */
};

/* Runs one job in a savepoint; its result goes to the waiter. */
static void run_job(genop_store *s, waiter *w)
{
    w->err = genop_store_savepoint(s, &w->error);
    if (w->err)
        return;
    w->err = w->job(s, w->ctx, &w->error);
    if (!w->err)
        w->err = genop_store_release(s, &w->error);
    if (w->err)
        genop_store_rollback_to(s);
}

/* Runs a batch (a detached list) in one transaction and sets every
 * waiter's result; a failed begin or commit fails them all. */
static void write_batch(genop_store *s, waiter *batch)
{
    genop_error e;
    genop_err err = genop_store_begin(s, &e);
    for (waiter *w = batch; !err && w; w = w->next)
        run_job(s, w);
    if (!err)
        err = genop_store_commit(s, &e);
    if (!err)
        return;
    genop_store_rollback(s);
    for (waiter *w = batch; w; w = w->next) {
        w->err = err;
        w->error = e;
    }
}

/* Marks a written batch done and wakes its callers. A waiter may be gone
 * as soon as it is marked, so its next is read first. */
static void finish_batch(commit_queue *q, waiter *batch)
{
    pthread_mutex_lock(&q->lock);
    for (waiter *w = batch, *next; w; w = next) {
        next = w->next;
        w->done = true;
        pthread_cond_signal(&w->wake);
    }
    pthread_mutex_unlock(&q->lock);
}

/* The queue's thread: takes all that is waiting, writes it, repeats; at
 * stop, ends once the list is empty. */
static void *run_queue(void *arg)
{
    commit_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->stopping)
            pthread_cond_wait(&q->work, &q->lock);
        if (!q->head)
            break;
        waiter *batch = q->head;
        q->head = NULL;
        q->tail = &q->head;
        if (q->fail_requested) {      /* the store is the thread's alone */
            genop_store_fail_from(q->store, q->fail_from);
            q->fail_requested = false;
        }
        pthread_mutex_unlock(&q->lock);
        write_batch(q->store, batch);
        finish_batch(q, batch);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

genop_err commit_queue_start(const char *location, genop_commit_mode mode, const char *name,
                             commit_queue **out, genop_error *e)
{
    *out = NULL;
    commit_queue *q = calloc(1, sizeof *q);
    if (!q)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til %s", name);
    genop_store_options o = {.commit_mode = mode, .flushed_by_owner = true};
    genop_err err = genop_store_open(location, &o, &q->store, e);
    if (err) {
        free(q);
        return err;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->work, NULL);
    q->tail = &q->head;
    if (pthread_create(&q->thread, NULL, run_queue, q) != 0) {
        pthread_cond_destroy(&q->work);
        pthread_mutex_destroy(&q->lock);
        genop_store_close(q->store);
        free(q);
        return genop_fail(e, GENOP_EIO, "tråden til %s kunne ikke startes", name);
    }
    *out = q;
    return GENOP_OK;
}

void commit_queue_stop(commit_queue *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->stopping = true;
    pthread_cond_signal(&q->work);
    pthread_mutex_unlock(&q->lock);
    pthread_join(q->thread, NULL);
    pthread_cond_destroy(&q->work);
    pthread_mutex_destroy(&q->lock);
    genop_store_close(q->store);
    free(q);
}

void commit_queue_fail_from(commit_queue *q, long n)
{
    pthread_mutex_lock(&q->lock);
    q->fail_requested = true;
    q->fail_from = n;
    pthread_mutex_unlock(&q->lock);
}

genop_err commit_queue_run(commit_queue *q, commit_job_fn job, void *ctx, genop_error *e)
{
    waiter w = {.job = job, .ctx = ctx};
    pthread_cond_init(&w.wake, NULL);
    pthread_mutex_lock(&q->lock);
    *q->tail = &w;
    q->tail = &w.next;
    pthread_cond_signal(&q->work);
    while (!w.done)
        pthread_cond_wait(&w.wake, &q->lock);
    pthread_mutex_unlock(&q->lock);
    pthread_cond_destroy(&w.wake);
    if (w.err && e)
        *e = w.error;
    return w.err;
}
