/*
 * commit_queue.h - group commit: writes of many requests in one
 * transaction.
 *
 * A database lets one writer in at a time (SQLite does), and a durable
 * commit waits for the disk (an fdatasync), so requests that each commit on their own queue up
 * one disk flush apiece. A commit queue has a thread and a store handle of
 * its own. A request hands it a job (a function that writes through the
 * store it is given) and waits; the thread takes every job that has
 * arrived, runs each inside a savepoint of one transaction (a job that
 * fails is undone alone), commits once, and wakes each request with its
 * job's result. Under load the batches grow by themselves and the cost of
 * a commit is shared; alone, a job waits for one commit, as before.
 *
 * The server has one (src/server/app.h), for the case writes, whose
 * commits are durable (GENOP_COMMIT_DURABLE). (The access log of reads had
 * one too, with GENOP_COMMIT_LOGGED, until it got its audit sink,
 * audit_sink.h.)
 */
#ifndef GENOP_COMMIT_QUEUE_H
#define GENOP_COMMIT_QUEUE_H

#include "error.h"
#include "store.h"

typedef struct commit_queue commit_queue;

/* A job: writes through s (inside a transaction the queue owns; it must
 * not begin, commit or roll back itself) and returns GENOP_OK to keep what
 * it wrote, or an error (set in e) to have it undone. ctx is the caller's,
 * and the job runs on the queue's thread while the caller waits. */
typedef genop_err (*commit_job_fn)(genop_store *s, void *ctx, genop_error *e);

/* Opens a store handle on the store at location (store.h) with commit
 * mode `mode` and starts the queue's thread; `name` names the queue in
 * messages. The caller owns *out and stops it with commit_queue_stop(). */
genop_err commit_queue_start(const char *location, genop_commit_mode mode, const char *name,
                             commit_queue **out, genop_error *e);

/* Runs what is still queued, stops the thread, closes the handle and frees
 * q. No commit_queue_run() may be in progress or follow. NULL is allowed. */
void commit_queue_stop(commit_queue *q);

/* Fault injection, for tests: the queue's store fails from its nth call
 * on (genop_store_fail_from), starting with the next batch; 0 turns it
 * off. */
void commit_queue_fail_from(commit_queue *q, long n);

/* Runs job(ctx) in the next batch and returns its result once the batch
 * is committed: GENOP_OK means its writes are committed (and durable, for
 * a durable queue); an error means nothing of it was kept - its own, or
 * the commit's, which then fails every job of the batch. Safe to call from
 * any number of threads at once. */
genop_err commit_queue_run(commit_queue *q, commit_job_fn job, void *ctx, genop_error *e);

#endif
