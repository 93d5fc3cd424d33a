/*
 * flusher.h - the server's background flush of the database: every
 * interval, genop_store_flush() on a store handle of its own, so that
 * commits made with GENOP_COMMIT_LOGGED (the access log of reads) reach
 * the disk within that interval, and the database's log (SQLite's WAL) is
 * folded into the database by this thread instead of during some
 * request's commit. A failed flush is reported on standard error and
 * tried again at the next interval.
 */
#ifndef GENOP_FLUSHER_H
#define GENOP_FLUSHER_H

#include "error.h"

typedef struct store_flusher store_flusher;

/* Opens a handle on the SQLite file db_path and starts flushing every
 * interval_ms. The caller owns *out and stops it with store_flusher_stop(). */
genop_err store_flusher_start(const char *db_path, unsigned interval_ms, store_flusher **out,
                              genop_error *e);

/* Flushes once more, stops the thread, closes the handle and frees f.
 * NULL is allowed. */
void store_flusher_stop(store_flusher *f);

#endif
