/*
 * read_journal.h - the SQLite back end's audit sink (audit_sink.h): the
 * access log of reads, written first to a journal file beside the
 * database and moved into the database a moment later. Private to
 * src/store/sqlite: callers open it by the store's location
 * (genop_audit_sink_open) and use it through audit_sink.h.
 *
 * Every read of a citizen's or case's data is logged before it is answered
 * (src/server/audit.h). A database commit for each, even one shared by the
 * reads that arrive together, cost more than the read itself, and so did a
 * write(2) for each on a virtual machine where every system call is dear.
 * So the rows of reads are appended as lines to a journal file
 * (DB-reads.XXXXXX next to the database file DB) mapped into memory: they
 * are in the operating system's file cache - safe from a crash or kill of
 * genop - before the answer goes out, at the cost of a memcpy. The flusher
 * (flusher.h) calls genop_audit_sink_flush() every interval: it puts the
 * new lines on the disk (fdatasync), so that a read is on disk within
 * about the flusher's interval (the server's APP_FLUSH_INTERVAL_MS, 100
 * ms); every READ_JOURNAL_IMPORT_MS, and whenever a file is full, it
 * closes the file, begins a new one and imports the closed one into
 * access_log in one durable transaction, after which the file is removed.
 * Importing seldom costs less: the rows go into an index by citizen, and
 * the more rows one transaction brings, the fewer of its pages are written
 * per row. Whoever lists the log imports first (genop_audit_sink_sync), so
 * a listing shows every read answered before it.
 *
 * Crashes: the process writing a journal file holds a lock on it (flock).
 * Opening the sink first imports every unlocked journal file of the
 * database, left by a process that died. Each file begins with a random
 * batch id, and the import records it (genop_store_access_batch_claim) in
 * the same transaction as the rows, so a file that outlived its import (a
 * crash before the unlink) is removed, not imported twice. A line that
 * cannot be read (a torn write) is reported on standard error with the
 * file and line, the rest imported, and the file kept as FILE.unreadable
 * for inspection.
 *
 * File format, version 1 (UTF-8 text, then NUL bytes to the file's end:
 * a file is made at its full size):
 *   genop-read-journal 1 BATCH\n
 *   TIME\tUSER_ID\tUSERNAME\tMUNICIPALITY\tCITIZEN_ID\tCASE_ID\tACTION\tPURPOSE\n
 *   ...
 * BATCH is 32 hex digits; TIME is UTC as the store writes it
 * (2026-11-24T08:43:21.250Z); ids are decimal (0: none); in text fields a
 * backslash, tab, newline and carriage return are written \\, \t, \n, \r.
 */
#ifndef GENOP_READ_JOURNAL_H
#define GENOP_READ_JOURNAL_H

#include "audit_sink.h"

/* A journal file of database DB is DB-reads.XXXXXX. */
#define READ_JOURNAL_SUFFIX "-reads."
/* How often the flush imports the journal. */
#define READ_JOURNAL_IMPORT_MS 2000

#endif
