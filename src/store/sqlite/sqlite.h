/*
 * sqlite.h - the SQLite back end's entry points, for the back-end
 * independent half of the store (store.c, audit_sink.c). Nothing else
 * includes it: callers open a store or an audit sink by its location.
 */
#ifndef GENOP_SQLITE_H
#define GENOP_SQLITE_H

#include "store.h"

typedef struct genop_audit_sink genop_audit_sink;   /* audit_sink.h */

/* Opens (creating and migrating if needed) the SQLite database file at
 * path with options o (never NULL): WAL, synchronous=FULL (NORMAL for
 * GENOP_COMMIT_LOGGED), foreign keys on. The caller closes the handle with
 * genop_store_close(); on failure *out is NULL. */
genop_err sqlite_store_open(const char *path, const genop_store_options *o, genop_store **out,
                            genop_error *e);

/* Opens the journal of reads of the SQLite database file at path
 * (read_journal.h): the back end's audit sink. */
genop_err sqlite_audit_sink_open(const char *path, genop_audit_sink **out, genop_error *e);

/* The process-wide settings of the SQLite library (genop_store_configure). */
void sqlite_store_configure(void);

#endif
