/*
 * flusher.h - the server's background flush of the database: every
 * interval, first the owner's hook (the app syncs or imports the journal
 * of reads, read_journal.h), then genop_store_flush() on a store handle of
 * its own,
 * so that the database's log (SQLite's WAL) is folded into the database
 * by this thread instead of during some request's commit (and commits
 * made with GENOP_COMMIT_LOGGED, if any, reach the disk within the
 * interval). A
 * failed flush is reported on standard error and tried again at the next
 * interval.
 */
#ifndef GENOP_FLUSHER_H
#define GENOP_FLUSHER_H

#include "error.h"

typedef struct store_flusher store_flusher;

/* Runs in the flusher's thread before each flush; reports its own errors. */
typedef void (*flusher_hook)(void *ctx);

/* Opens a handle on the SQLite file db_path and starts flushing every
 * interval_ms, calling hook(ctx) (borrowed; hook may be NULL) before each
 * flush. The caller owns *out and stops it with store_flusher_stop(). */
genop_err store_flusher_start(const char *db_path, unsigned interval_ms, flusher_hook hook,
                              void *ctx, store_flusher **out, genop_error *e);

/* Runs the hook and flushes once more, stops the thread, closes the
 * handle and frees f. NULL is allowed. */
void store_flusher_stop(store_flusher *f);

#endif
