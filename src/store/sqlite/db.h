/*
 * db.h - the SQLite back end's handle and what its record files share
 * about it: turning SQLite's errors into genop's, and the units of work
 * (a write of several statements, a read that must see one snapshot).
 * Private to src/store/sqlite; db.c implements it.
 */
#ifndef GENOP_SQLITE_DB_H
#define GENOP_SQLITE_DB_H

#include <stdbool.h>

#include <sqlite3.h>

#include "stmt.h"
#include "store.h"

/* "now" as the store writes timestamps: UTC with milliseconds. */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* A handle: one sqlite3 connection and its prepared statements. */
struct sqlite_store {
    genop_store base;                  /* first: the handle callers hold */
    sqlite3 *db;                       /* owned */
    stmt_cache stmts;                  /* owned */
    int wal_restart_pages;             /* see db_flush (db.c) */
    int synced_log_frames;             /* the log's length at the last */
    int synced_copied_frames;          /* flush that synced, see sync_copied */
};

static inline sqlite_store *sqlite_handle(genop_store *s)
{
    return (sqlite_store *)s;
}

/* Turns a failed SQLite call into a genop error. what says what the store
 * was doing, as the rest of "kunne ikke ...". Constraint violations are
 * the caller's input (GENOP_EINVAL); running out of memory is
 * GENOP_ENOMEM; everything else is the database file (GENOP_EIO). */
genop_err db_fail(sqlite_store *st, int rc, const char *what, genop_error *e);

/* Runs SQL without values (pragmas, transaction control, a migration). */
genop_err db_exec(sqlite_store *st, const char *sql, const char *what, genop_error *e);

bool db_in_transaction(const sqlite_store *st);

/* A write of several statements: a savepoint inside the caller's
 * transaction if one is open, else inside one of its own (*own) begun with
 * BEGIN IMMEDIATE. db_unit_end() releases (and commits, if own) when err
 * is GENOP_OK and rolls back otherwise; it returns err (or the release's
 * or commit's failure). */
genop_err db_unit_begin(sqlite_store *st, bool *own, genop_error *e);
genop_err db_unit_end(sqlite_store *st, bool own, genop_err err, genop_error *e);

/* A read of several statements that must see one state of the database
 * (a page and its total): a read transaction unless the caller has one.
 * *own says whether db_read_end() must end it. */
genop_err db_read_begin(sqlite_store *st, bool *own, genop_error *e);
void db_read_end(sqlite_store *st, bool own);

/* Brings the schema up to date (migrate.c): applies the embedded
 * migrations the database lacks, or refuses a database made by a newer
 * genop. */
genop_err db_migrate(sqlite_store *st, genop_error *e);

#endif
