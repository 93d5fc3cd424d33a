/*
 * audit_queue.c - group commit of the access log's rows for reads (see
 * audit_queue.h).
 *
 * Each caller puts a waiter (on its own stack) at the end of a list and
 * sleeps on the waiter's condition variable. The queue's thread takes the
 * whole list at once, writes it in one transaction and commits, then marks
 * every waiter of that batch done with the result and wakes it. If the
 * batch's transaction fails, each waiter's rows are tried again in a
 * transaction of their own, so one bad row does not fail other requests.
 */
#include "audit_queue.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* One caller's rows and its result; lives on the caller's stack until
 * done is set (under the queue's lock). */
typedef struct audit_waiter {
    genop_access_entry *rows;
    size_t n;
    bool done;
    genop_err err;
    genop_error error;
    pthread_cond_t wake;
    struct audit_waiter *next;
} audit_waiter;

struct audit_queue {
    pthread_mutex_t lock;
    pthread_cond_t work;          /* a waiter arrived, or stopping */
    audit_waiter *head;           /* the waiting callers, oldest first */
    audit_waiter **tail;
    bool stopping;
    pthread_t thread;
    genop_store *store;           /* owned; used by the thread only */
};

/* Appends one waiter's rows inside the open transaction. */
static genop_err append_rows(genop_store *s, audit_waiter *w, genop_error *e)
{
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < w->n; i++)
        err = genop_store_access_log_append(s, &w->rows[i], e);
    return err;
}

/* Writes the waiters from first to the end of their list in one
 * transaction; GENOP_OK when it committed. */
static genop_err commit_together(genop_store *s, audit_waiter *first, genop_error *e)
{
    genop_err err = genop_store_begin(s, e);
    for (audit_waiter *w = first; !err && w; w = w->next)
        err = append_rows(s, w, e);
    if (!err)
        err = genop_store_commit(s, e);
    if (err)
        genop_store_rollback(s);
    return err;
}

/* One waiter's rows alone, its result in the waiter. */
static void commit_alone(genop_store *s, audit_waiter *w)
{
    w->err = genop_store_begin(s, &w->error);
    if (!w->err)
        w->err = append_rows(s, w, &w->error);
    if (!w->err)
        w->err = genop_store_commit(s, &w->error);
    if (w->err)
        genop_store_rollback(s);
}

/* Writes a batch (a detached list) and sets every waiter's result. */
static void write_batch(genop_store *s, audit_waiter *batch)
{
    genop_error e;
    genop_err err = commit_together(s, batch, &e);
    for (audit_waiter *w = batch; w; w = w->next) {
        if (err && batch->next)
            commit_alone(s, w);
        else if ((w->err = err))
            w->error = e;
    }
}

/* Marks a written batch done and wakes its callers. A waiter may be gone
 * as soon as it is marked, so its next is read first. */
static void finish_batch(audit_queue *q, audit_waiter *batch)
{
    pthread_mutex_lock(&q->lock);
    for (audit_waiter *w = batch, *next; w; w = next) {
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
    audit_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->stopping)
            pthread_cond_wait(&q->work, &q->lock);
        if (!q->head)
            break;
        audit_waiter *batch = q->head;
        q->head = NULL;
        q->tail = &q->head;
        pthread_mutex_unlock(&q->lock);
        write_batch(q->store, batch);
        finish_batch(q, batch);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

genop_err audit_queue_start(const char *db_path, audit_queue **out, genop_error *e)
{
    *out = NULL;
    audit_queue *q = calloc(1, sizeof *q);
    if (!q)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggen");
    genop_store_options o = {GENOP_COMMIT_LOGGED, true};
    genop_err err = genop_store_open_sqlite_with(db_path, &o, &q->store, e);
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
        return genop_fail(e, GENOP_EIO, "adgangsloggens tråd kunne ikke startes");
    }
    *out = q;
    return GENOP_OK;
}

void audit_queue_stop(audit_queue *q)
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

genop_err audit_queue_record(audit_queue *q, genop_access_entry *rows, size_t n,
                             genop_error *e)
{
    if (n == 0)
        return GENOP_OK;
    audit_waiter w = {.rows = rows, .n = n};
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
