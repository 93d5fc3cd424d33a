/*
 * audit_sink.h - where the access log of reads is written: the one seam
 * between the server's logging of reads (src/server/audit.h) and a back
 * end. Every read of a citizen's or case's data is appended to the sink
 * before it is answered; the sink makes it durable there at once and
 * visible in the store's access log a moment later.
 *
 * A sink is opened from the store's location (store.h) and implemented by
 * its back end through the function table in `ops`: SQLite's is the
 * journal of reads (sqlite/read_journal.h), a file beside the database
 * that the flush imports. Callers use only the genop_audit_sink_*
 * functions below. Every function is safe from any thread.
 */
#ifndef GENOP_AUDIT_SINK_H
#define GENOP_AUDIT_SINK_H

#include <stddef.h>

#include "error.h"
#include "store.h"

typedef struct genop_audit_sink genop_audit_sink;

/* The back end's function table; each has the meaning of the wrapper of
 * the same name below. */
typedef struct genop_audit_sink_ops {
    genop_err (*append)(genop_audit_sink *s, genop_access_entry *rows, size_t n,
                        genop_error *e);
    genop_err (*sync)(genop_audit_sink *s, genop_error *e);
    genop_err (*flush)(genop_audit_sink *s, genop_error *e);
    void (*close)(genop_audit_sink *s);
} genop_audit_sink_ops;

/* Every back end's sink starts with this. */
struct genop_audit_sink {
    const genop_audit_sink_ops *ops;
};

/* Opens the sink of the store at location (genop_store_location_parse),
 * taking in what a process that died left in it. The caller owns *out and
 * closes it with genop_audit_sink_close(); on failure *out is NULL. */
genop_err genop_audit_sink_open(const char *location, genop_audit_sink **out, genop_error *e);

/* Appends rows[0..n) (borrowed; an empty time is set to now, UTC), all at
 * once. On return they are durable in the sink: they survive a crash of
 * genop (and reach the disk within the flusher's interval), and a sync or
 * flush moves them into the access log. */
genop_err genop_audit_sink_append(genop_audit_sink *s, genop_access_entry *rows, size_t n,
                                  genop_error *e);

/* Makes everything appended so far visible in the store's access log
 * (genop_store_access_log_list). Listing the log calls it first. What
 * fails to move is kept and tried again at the next call. */
genop_err genop_audit_sink_sync(genop_audit_sink *s, genop_error *e);

/* The flusher's periodic work (flusher.h): puts new rows on the disk, and
 * now and then moves them into the access log as sync does. */
genop_err genop_audit_sink_flush(genop_audit_sink *s, genop_error *e);

/* Moves what is left into the access log (reported on standard error if
 * that fails: it stays for the next open) and frees s. No append may run.
 * NULL is allowed. */
void genop_audit_sink_close(genop_audit_sink *s);

#endif
