/*
 * read_journal.h - the access log of reads, written first to a journal
 * file beside the database and moved into the database a moment later.
 *
 * Every read of a citizen's or case's data is logged before it is answered
 * (audit.h). A database commit for it, even one shared by the reads that
 * arrive together, cost more than the read itself and made every read wait
 * for another thread; an append to a file costs one write(2) in the
 * request's own thread. So the rows of reads are appended as lines to a
 * journal file (DB-reads.XXXXXX next to the database file DB), where they
 * are in the operating system's file cache - safe from a crash or kill of
 * genop - before the answer goes out. At every flush interval (flusher.h)
 * the journal file is closed, a new one begun, and the closed file's rows
 * are imported into access_log in one durable transaction, after which the
 * file is removed. A read is thus in access_log, on disk, within about
 * APP_FLUSH_INTERVAL_MS; before that only a power failure can lose it.
 * Whoever lists the log imports first (read_journal_import), so a listing
 * shows every read answered before it.
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
 * File format, version 1 (UTF-8 text):
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

typedef struct read_journal read_journal;

/* Opens a store handle of its own on the SQLite file db_path, imports
 * the journal files that dead processes left, and begins a journal file
 * of this process. The caller owns *out: read_journal_close(). */
genop_err read_journal_open(const char *db_path, read_journal **out, genop_error *e);

/* Appends rows[0..n) (borrowed; an empty time is set to now) to the
 * journal file, all in one write. Safe from any thread. On return the
 * rows are in the file (the operating system's cache). */
genop_err read_journal_append(read_journal *j, genop_access_entry *rows, size_t n,
                              genop_error *e);

/* Begins a new journal file if the current one has rows, and imports
 * every closed one into access_log (one durable transaction each) and
 * removes it. Safe from any thread; imports one at a time. A file that
 * fails to import is kept and tried again at the next call. */
genop_err read_journal_import(read_journal *j, genop_error *e);

/* Imports what is left (reported on standard error if that fails: the
 * files stay for the next start) and frees j. No append may run. NULL is
 * allowed. */
void read_journal_close(read_journal *j);

#endif
