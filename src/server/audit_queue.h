/*
 * audit_queue.h - group commit of the access log's rows for reads.
 *
 * A read of personal data must be logged before it is answered (audit.h).
 * Committing one transaction per read made every read a write of its own,
 * queued behind SQLite's single writer: reads ran at the speed of commits.
 * Here the rows of all reads that arrive at the same moment share one
 * transaction: a request thread hands its rows to the queue and waits;
 * the queue's own thread, with its own store handle, writes everything
 * that has arrived in one transaction, commits it, and wakes each waiter
 * with its result. Under load the batches grow by themselves, so the cost
 * of a commit is spread over many reads; alone, a read waits for one
 * commit, as before.
 *
 * The queue's handle commits with GENOP_COMMIT_LOGGED (store.h): a row is
 * in the database's log, safe from a crash of genop, before the read is
 * answered; the server's flusher (flusher.h) puts it on disk within
 * APP_FLUSH_INTERVAL_MS. Writes of cases and events never go through here:
 * they log inside their own durable transaction.
 */
#ifndef GENOP_AUDIT_QUEUE_H
#define GENOP_AUDIT_QUEUE_H

#include <stddef.h>

#include "error.h"
#include "store.h"

typedef struct audit_queue audit_queue;

/* Opens a store handle on the SQLite file db_path and starts the queue's
 * thread. The caller owns *out and stops it with audit_queue_stop(). */
genop_err audit_queue_start(const char *db_path, audit_queue **out, genop_error *e);

/* Writes what is still queued, stops the thread, closes the handle and
 * frees q. No call of audit_queue_record() may be in progress or follow.
 * NULL is allowed. */
void audit_queue_stop(audit_queue *q);

/* Appends the n rows (borrowed for the call; their id and time are filled
 * in) to the access log and returns once they are committed, all or none.
 * Safe to call from any number of threads at once. */
genop_err audit_queue_record(audit_queue *q, genop_access_entry *rows, size_t n,
                             genop_error *e);

#endif
