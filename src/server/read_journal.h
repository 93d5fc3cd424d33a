/*
 * read_journal.h - the access log of reads, written first to a journal
 * file beside the database and moved into the database a moment later.
 *
 * Every read of a citizen's or case's data is logged before it is answered
 * (audit.h). A database commit for each, even one shared by the reads that
 * arrive together, cost more than the read itself, and so did a write(2)
 * for each on a virtual machine where every system call is dear. So the
 * rows of reads are appended as lines to a journal file
 * (DB-reads.XXXXXX next to the database file DB) mapped into memory: they
 * are in the operating system's file cache - safe from a crash or kill of
 * genop - before the answer goes out, at the cost of a memcpy. The
 * flusher (flusher.h) calls read_journal_flush() every interval: it puts
 * the new lines on the disk (fdatasync), so that a read is on disk within
 * about APP_FLUSH_INTERVAL_MS; every READ_JOURNAL_IMPORT_MS, and whenever a
 * file is full, it closes the file, begins a new one and imports the
 * closed one into access_log in one durable transaction, after which the
 * file is removed. Importing seldom costs less: the rows go into an index
 * by citizen, and the more rows one transaction brings, the fewer of its
 * pages are written per row. Whoever lists the log imports first
 * (read_journal_import), so a listing shows every read answered before it.
 *
 * Crashes: the process writing a journal file holds a lock on it (flock).
 * read_journal_open() first imports every unlocked journal file of the
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

#include <stddef.h>

#include "error.h"
#include "store.h"

#define READ_JOURNAL_SUFFIX "-reads."
/* How often read_journal_flush() imports the journal. */
#define READ_JOURNAL_IMPORT_MS 2000

typedef struct read_journal read_journal;

/* Opens a store handle of its own on the SQLite file db_path, imports
 * the journal files that dead processes left, and begins a journal file
 * of this process. The caller owns *out: read_journal_close(). */
genop_err read_journal_open(const char *db_path, read_journal **out, genop_error *e);

/* Appends rows[0..n) (borrowed; an empty time is set to now) to the
 * journal file, all at once. Safe from any thread. On return the rows are
 * in the file (the operating system's cache). */
genop_err read_journal_append(read_journal *j, genop_access_entry *rows, size_t n,
                              genop_error *e);

/* Begins a new journal file if the current one has rows, and imports
 * every closed one into access_log (one durable transaction each) and
 * removes it. Safe from any thread; imports one at a time. A file that
 * fails to import is kept and tried again at the next call. */
genop_err read_journal_import(read_journal *j, genop_error *e);

/* The flusher's work, every interval: imports (as read_journal_import)
 * when READ_JOURNAL_IMPORT_MS have passed since the last import or a file
 * is full or waits for a retry, else puts the current file's new lines on
 * the disk. Safe from any thread. */
genop_err read_journal_flush(read_journal *j, genop_error *e);

/* Imports what is left (reported on standard error if that fails: the
 * files stay for the next start) and frees j. No append may run. NULL is
 * allowed. */
void read_journal_close(read_journal *j);

#endif
