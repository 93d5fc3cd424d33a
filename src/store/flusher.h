/*
 * flusher.h - the background flush of a store, for a long-running owner
 * (genop serve): every interval, first the audit sink's flush
 * (audit_sink.h: the SQLite one syncs or imports its journal of reads),
 * then genop_store_flush() on a store handle of its own, so that the
 * database's log (SQLite's WAL) is folded into the database by this
 * thread instead of during some request's commit (and commits made with
 * GENOP_COMMIT_LOGGED, if any, reach the disk within the interval). A
 * failed flush is reported on standard error and tried again at the next
 * interval.
 */
#ifndef GENOP_FLUSHER_H
#define GENOP_FLUSHER_H

#include "audit_sink.h"
#include "error.h"

typedef struct store_flusher store_flusher;

/* Opens a handle on the store at location (store.h) and starts flushing
 * every interval_ms, flushing the sink (borrowed until
 * store_flusher_stop(); may be NULL) before each flush of the store. The
 * caller owns *out and stops it with store_flusher_stop(). */
genop_err store_flusher_start(const char *location, unsigned interval_ms,
                              genop_audit_sink *sink, store_flusher **out, genop_error *e);

/* Flushes the sink and the store once more, stops the thread, closes the
 * handle and frees f. NULL is allowed. */
void store_flusher_stop(store_flusher *f);

#endif
