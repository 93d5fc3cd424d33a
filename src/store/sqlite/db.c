/*
 * db.c - the SQLite back end's connection: opening a database file,
 * closing it, transactions, units of work and the flush. The function
 * table and the entry points are in sqlite.c, the records in files of
 * their own (users.c, cases.c, events.c, access_log.c), the schema's
 * migrations in migrate.c, the statement helper in stmt.c.
 *
 * How it works:
 * - A handle is one sqlite3 connection, opened with WAL, synchronous=FULL
 *   (every COMMIT is on disk before it returns, so nothing acknowledged is
 *   lost in a crash; GENOP_COMMIT_LOGGED handles use NORMAL, see store.h),
 *   foreign keys on, the file not memory-mapped (MMAP_BYTES: in WAL mode
 *   SQLite unmaps it whenever another connection has committed, and the
 *   pages fault in again, see the README), and a busy handler so the
 *   handles of several server threads share one file: readers never wait,
 *   a writer polls for the one before it every BUSY_POLL_US, for up to
 *   BUSY_TIMEOUT_MS. (SQLite's own busy timeout sleeps 1, 2, 5 ... 100 ms
 *   between tries, so a writer slept on long after the lock was free:
 *   write latencies of a second under load.)
 * - genop_store_flush() is a passive checkpoint: it syncs the log (WAL),
 *   copies it into the database beside readers and writers, and syncs
 *   the database file; past a length it starts the log over (db_flush).
 * - The database keeps the rules itself where it can: composite foreign
 *   keys tie a case to a citizen, an event or open deadline to a case, and
 *   a correction to an event, all of the same municipality (and case);
 *   triggers refuse UPDATE and DELETE on case_events and access_log. The C
 *   code checks the same things first only to give a clear Danish message.
 * - A write made of several statements runs under a savepoint, so it is
 *   whole or absent both inside the caller's transaction and without one.
 */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* RETURNING (3.35), sqlite3_changes64 and SQLITE_OPEN_EXRESCODE (3.37),
 * json_valid() built in (3.38). */
#if SQLITE_VERSION_NUMBER < 3038000
#error "genop needs SQLite 3.38 or newer"
#endif

#define BUSY_TIMEOUT_MS 5000
#define BUSY_POLL_US 50
/* Up to this much of the database file is memory-mapped: none (see the
 * top of this file). */
#define MMAP_BYTES 0LL

/* The statements of transactions: the caller's (BEGIN ... COMMIT), the
 * savepoints of the commit queue's jobs (genop_job) and of this back
 * end's own units of several statements (genop_unit). */
enum {
    ST_BEGIN,
    ST_BEGIN_READ,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SAVEPOINT,
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_JOB_SAVEPOINT,
    ST_JOB_RELEASE,
    ST_JOB_ROLLBACK_TO,
    ST_COUNT
};

static const char *const tx_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SAVEPOINT] = "SAVEPOINT genop_unit",
    [ST_RELEASE] = "RELEASE genop_unit",
    [ST_ROLLBACK_TO] = "ROLLBACK TO genop_unit",
    [ST_JOB_SAVEPOINT] = "SAVEPOINT genop_job",
    [ST_JOB_RELEASE] = "RELEASE genop_job",
    [ST_JOB_ROLLBACK_TO] = "ROLLBACK TO genop_job",
};

static const stmt_table tx = {tx_sql, ST_COUNT};

/* ---------------------------------------------------------------------
 * What the record files share.
 * ------------------------------------------------------------------- */

genop_err db_exec(sqlite_store *st, const char *sql, const char *what, genop_error *e)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? GENOP_OK : sql_fail(st, rc, what, e);
}

bool db_in_transaction(const sqlite_store *st)
{
    return !sqlite3_get_autocommit(st->db);
}

/* BEGIN IMMEDIATE takes the write lock, waiting for it if need be, before
 * the unit's first read: a transaction that has read can no longer wait
 * for the lock, and fails at once (SQLITE_BUSY) if another connection
 * wrote in between - `genop token revoke` did, while the server imported
 * its journal of reads. */
genop_err db_unit_begin(sqlite_store *st, bool *own, genop_error *e)
{
    *own = !db_in_transaction(st);
    genop_err err = *own ? stmt_run(st, &tx, ST_BEGIN, "begynde en skrivning", e) : GENOP_OK;
    if (!err && (err = stmt_run(st, &tx, ST_SAVEPOINT, "begynde en skrivning", e)) && *own)
        stmt_run(st, &tx, ST_ROLLBACK, "fortryde en skrivning", NULL);
    return err;
}

genop_err db_unit_end(sqlite_store *st, bool own, genop_err err, genop_error *e)
{
    if (err == GENOP_OK) {
        err = stmt_run(st, &tx, ST_RELEASE, "afslutte en skrivning", e);
        if (err == GENOP_OK && own)
            err = stmt_run(st, &tx, ST_COMMIT, "gemme en skrivning", e);
        if (err == GENOP_OK)
            return GENOP_OK;
    }
    /* Errors of the clean-up are not the error to report. */
    if (own) {
        stmt_run(st, &tx, ST_ROLLBACK, "fortryde en skrivning", NULL);
        return err;
    }
    stmt_run(st, &tx, ST_ROLLBACK_TO, "fortryde en skrivning", NULL);
    stmt_run(st, &tx, ST_RELEASE, "afslutte en skrivning", NULL);
    return err;
}

genop_err db_read_begin(sqlite_store *st, bool *own, genop_error *e)
{
    *own = !db_in_transaction(st);
    if (!*own)
        return GENOP_OK;
    return stmt_run(st, &tx, ST_BEGIN_READ, "begynde en læsning", e);
}

void db_read_end(sqlite_store *st, bool own)
{
    if (own && db_in_transaction(st))
        stmt_run(st, &tx, ST_COMMIT, "afslutte en læsning", NULL);
}

/* ---------------------------------------------------------------------
 * Pages: a page of rows and their count from one snapshot.
 * ------------------------------------------------------------------- */

/* Binds pq's filter: by its bind, or ?1 muni and (if any) ?2 key.
 * Returns SQLite's result code; *next is the next free index. */
static int bind_filter(sqlite3_stmt *q, const page_query *pq, int *next)
{
    if (pq->bind)
        return pq->bind(q, pq, next);
    int rc = bind_text(q, 1, pq->muni);
    if (rc == SQLITE_OK && pq->has_key)
        rc = sqlite3_bind_int64(q, 2, pq->key);
    *next = pq->has_key ? 3 : 2;
    return rc;
}

/* The count of pq's rows into *total, in the caller's read transaction. */
static genop_err read_count(sqlite_store *st, const page_query *pq, size_t *total,
                            genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, pq->table, pq->count, &q, e);
    if (err)
        return err;
    int next;
    int rc = bind_filter(q, pq, &next);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "tælle rækkerne", e);
    if (!err)
        *total = (size_t)sqlite3_column_int64(q, 0);
    stmt_done(q);
    return err;
}

genop_err db_read_rows(sqlite_store *st, const stmt_table *t, unsigned id, const char *muni,
                       int64_t key, size_t limit, size_t item_size, row_fn read_row,
                       const char *what, genop_list *out, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = stmt_use(st, t, id, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, key)) ||
        (sqlite3_bind_parameter_count(q) >= 3 &&
         (rc = sqlite3_bind_int64(q, 3, sql_limit(limit)))))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_collect(st, q, item_size, read_row, what, out, e);
    stmt_done(q);
    return err;
}

genop_err db_read_page(sqlite_store *st, const page_query *pq, genop_list *out,
                         size_t *total, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    bool own = false;
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_muni(pq->muni, e);
    if (!err)
        err = db_read_begin(st, &own, e);
    if (err)
        return err;
    int rc, next;
    if ((err = read_count(st, pq, total, e)) || (err = stmt_use(st, pq->table, pq->page, &q, e)))
        goto out;
    if ((rc = bind_filter(q, pq, &next)) ||
        (rc = sqlite3_bind_int64(q, next, sql_limit(pq->limit))) ||
        (rc = sqlite3_bind_int64(q, next + 1, sql_offset(pq->offset)))) {
        err = stmt_bind_fail(st, rc, e);
        goto out;
    }
    err = stmt_collect(st, q, pq->item_size, pq->read_row, pq->what, out, e);
out:
    stmt_done(q);
    db_read_end(st, own);
    if (err) {
        genop_store_free_list(out);
        *total = 0;
    }
    return err;
}

/* ---------------------------------------------------------------------
 * Opening and closing.
 * ------------------------------------------------------------------- */

/* SQLite's busy handler: waits BUSY_POLL_US and tries again, until
 * BUSY_TIMEOUT_MS have passed (then the statement fails with SQLITE_BUSY). */
static int busy_wait(void *unused, int tries)
{
    (void)unused;
    if ((long long)tries * BUSY_POLL_US >= BUSY_TIMEOUT_MS * 1000LL)
        return 0;
    struct timespec pause = {0, BUSY_POLL_US * 1000L};
    nanosleep(&pause, NULL);
    return 1;
}

/* Turns WAL on (it is a property of the file: a no-op after the first
 * time) and checks that it took. Switching a new file to WAL needs the
 * file to itself, and SQLite does not call the busy handler for that: when
 * several handles open a new file at once, the others' locks are waited
 * out here, up to the busy timeout. */
static genop_err set_wal(sqlite_store *st, genop_error *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
    for (int tries = 1; rc == SQLITE_OK; tries++) {
        rc = sqlite3_step(s);
        const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
        bool not_yet = (rc & 0xff) == SQLITE_BUSY || (mode && strcmp(mode, "wal") != 0);
        if (!not_yet || !busy_wait(NULL, tries))
            break;
        sqlite3_reset(s);
        rc = SQLITE_OK;
    }
    genop_err err = GENOP_OK;
    if (rc == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(s, 0);
        if (mode == NULL || strcmp(mode, "wal") != 0)
            err = genop_fail(e, GENOP_EIO, "databasen: kunne ikke slå WAL til (journal: %s)",
                             mode ? mode : "ukendt");
    } else {
        err = sql_fail(st, rc, "slå WAL til", e);
    }
    sqlite3_finalize(s);
    return err;
}

/* The pragmas of a handle opened with options o. */
static genop_err set_pragmas(sqlite_store *st, const genop_store_options *o, genop_error *e)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "PRAGMA synchronous = %s; PRAGMA foreign_keys = ON; PRAGMA mmap_size = %lld;"
             " PRAGMA cache_size = -65536;%s",
             o->commit_mode == GENOP_COMMIT_LOGGED ? "NORMAL" : "FULL", MMAP_BYTES,
             o->flushed_by_owner ? " PRAGMA wal_autocheckpoint = 0;" : "");
    return db_exec(st, sql, "sætte databasens indstillinger", e);
}

void db_close(genop_store *s)
{
    sqlite_store *st = sqlite_handle(s);
    stmt_cache_release(&st->stmts);
    sqlite3_close(st->db);           /* rolls back an open transaction */
    free(st);
}

genop_err db_connect(sqlite_store *st, const char *path, const genop_store_options *o,
                         genop_error *e)
{
    int rc = sqlite3_open_v2(path, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                                 SQLITE_OPEN_EXRESCODE,
                             NULL);
    if (rc != SQLITE_OK) {
        if (st->db == NULL)
            return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse");
        return genop_fail(e, (rc & 0xff) == SQLITE_NOMEM ? GENOP_ENOMEM : GENOP_EIO,
                          "databasen %s kunne ikke åbnes: %s", path, sqlite3_errmsg(st->db));
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_handler(st->db, busy_wait, NULL);
    /* Refuse the footguns: writing the schema by hand, "strings" in
     * double quotes silently read as strings. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);

    genop_err err = set_wal(st, e);
    if (!err)
        err = set_pragmas(st, o, e);
    if (!err)
        err = db_migrate(st, e);
    if (err)
        genop_error_prefix(e, "%s", path);
    return err;
}

/* ---------------------------------------------------------------------
 * Transactions.
 * ------------------------------------------------------------------- */

/* BEGIN IMMEDIATE: the write lock is taken now (waiting up to the busy
 * timeout), so a transaction never fails half-way for want of it. */
static genop_err begin_with(genop_store *s, unsigned begin, const char *what, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    if (db_in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: en transaktion er allerede i gang");
    return stmt_run(st, &tx, begin, what, e);
}

genop_err db_begin(genop_store *s, genop_error *e)
{
    return begin_with(s, ST_BEGIN, "begynde en transaktion", e);
}

/* On failure nothing was committed and the transaction is gone. */
genop_err db_commit(genop_store *s, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    if (!db_in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: ingen transaktion at gemme");
    genop_err err = stmt_run(st, &tx, ST_COMMIT, "gemme transaktionen", e);
    if (err && db_in_transaction(st))
        stmt_run(st, &tx, ST_ROLLBACK, "fortryde transaktionen", NULL);
    return err;
}

void db_rollback(genop_store *s)
{
    sqlite_store *st = sqlite_handle(s);
    if (db_in_transaction(st))
        stmt_run(st, &tx, ST_ROLLBACK, "fortryde transaktionen", NULL);
}

genop_err db_savepoint(genop_store *s, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    if (!db_in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: et savepoint kræver en transaktion");
    return stmt_run(st, &tx, ST_JOB_SAVEPOINT, "begynde et savepoint", e);
}

genop_err db_release(genop_store *s, genop_error *e)
{
    return stmt_run(sqlite_handle(s), &tx, ST_JOB_RELEASE, "afslutte et savepoint", e);
}

/* Undoes the writes since the savepoint and ends it. */
void db_rollback_to(genop_store *s)
{
    sqlite_store *st = sqlite_handle(s);
    if (!db_in_transaction(st))
        return;
    stmt_run(st, &tx, ST_JOB_ROLLBACK_TO, "fortryde til et savepoint", NULL);
    stmt_run(st, &tx, ST_JOB_RELEASE, "afslutte et savepoint", NULL);
}

/* BEGIN DEFERRED: the snapshot is taken at the first read. */
genop_err db_begin_read(genop_store *s, genop_error *e)
{
    return begin_with(s, ST_BEGIN_READ, "begynde en læsning", e);
}

/* ---------------------------------------------------------------------
 * The flush.
 * ------------------------------------------------------------------- */

/* Makes the pages a passive checkpoint copied into the database file
 * durable, when it copied any since the last sync. SQLite syncs the file
 * only in a checkpoint that copies the very last frame, which under
 * steady writes is rarely the flusher's (frames arrive while it copies):
 * the copied pages then stayed unsynced for a whole turn of the log, and
 * the restart (below) had to write them all while it held writers back:
 * ~250 ms without a commit, a write p99 of 130-300 ms (README). A sync per
 * flush writes ~100 ms worth, in the flusher's thread, and holds no one
 * back. (The counts SQLite returns are of the checkpoint's own snapshot of
 * the log, so they do not tell whether it synced: a commit after the
 * snapshot stops it, even when every counted frame was copied.) */
static genop_err sync_copied(sqlite_store *st, int log_frames, int copied_frames,
                             genop_error *e)
{
    bool nothing_new = copied_frames == st->synced_copied_frames &&
                       log_frames >= st->synced_log_frames;   /* the same turn of the log */
    if (copied_frames <= 0 || nothing_new)
        return GENOP_OK;
    sqlite3_file *file = NULL;
    int rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc == SQLITE_OK && file && file->pMethods)
        rc = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    if (rc != SQLITE_OK)
        return genop_fail(e, GENOP_EIO, "databasen: databasefilen kunne ikke skrives til "
                          "disken: %s", sqlite3_errstr(rc));
    st->synced_log_frames = log_frames;
    st->synced_copied_frames = copied_frames;
    return GENOP_OK;
}

/* A passive checkpoint syncs the WAL before it copies pages from it (with
 * synchronous NORMAL or FULL), so every frame committed so far is on disk
 * when it returns; it never waits for readers or writers, and copies what
 * no reader still needs. SQLITE_BUSY means another checkpoint was running:
 * that one does the same work.
 *
 * A passive checkpoint never starts the WAL over: only a writer does that,
 * at the start of a transaction that finds every frame copied. Under
 * writes that never pause, frames arrive while the checkpoint copies, so
 * that moment may never come and the WAL would grow without end (it did:
 * 13 GB while seeding the benchmark's database). So once the WAL holds
 * wal_restart_pages frames (genop_store_options), the flusher also
 * restarts it: that checkpoint waits (through the busy handler) for the
 * writer of the moment and for readers of the WAL, holds new writers back
 * while it copies what arrived since the passive one and syncs the
 * database file, and makes the next writer start the WAL over from its
 * beginning. The file keeps its length (the next commits overwrite it
 * rather than make it longer, which would cost each sync a change of the
 * file's size too), so the WAL stays near that length. If it times out,
 * the next flush tries again. */
genop_err db_flush(genop_store *s, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    int log_frames = 0;
    int copied_frames = 0;
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                       &copied_frames);
    if (rc == SQLITE_OK) {
        genop_err err = sync_copied(st, log_frames, copied_frames, e);
        if (err)
            return err;
    }
    if (rc == SQLITE_OK && log_frames >= st->wal_restart_pages) {
        rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
        if (rc == SQLITE_OK)      /* the next turn of the log counts from 0 */
            st->synced_log_frames = st->synced_copied_frames = 0;
    }
    if (rc == SQLITE_OK || rc == SQLITE_BUSY)
        return GENOP_OK;
    return sql_fail(st, rc, "skrive databasens log til disken", e);
}
