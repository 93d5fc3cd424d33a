/*
 * db.h - the SQLite back end's connection and what its record files share
 * about it: running SQL, the units of work (a write of several
 * statements, a read that must see one snapshot, a page of rows with its
 * count), and the transactions and flush of the function table. Private
 * to src/store/sqlite; db.c implements it (migrate.c db_migrate).
 */
#ifndef GENOP_SQLITE_DB_H
#define GENOP_SQLITE_DB_H

#include <stdbool.h>

#include <sqlite3.h>

#include "stmt.h"
#include "store.h"

/* "now" as the store writes timestamps: UTC with milliseconds. */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

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

/* Binds a page query's filter to q (both of its statements) and sets
 * *next to the first index after it; returns SQLite's result code. */
typedef struct page_query page_query;
typedef int (*page_bind_fn)(sqlite3_stmt *q, const page_query *pq, int *next);

/* A page of rows and the number of all rows that match, read in one read
 * transaction: `count` and `page` are bound with ?1 muni (and ?2 key when
 * has_key), or by bind when it is set; `page` then with the limit and the
 * offset. */
struct page_query {
    const stmt_table *table;
    unsigned count, page;
    const char *muni;
    bool has_key;
    int64_t key;
    page_bind_fn bind;            /* NULL: muni and key as above */
    const void *ctx;              /* for bind */
    size_t limit, offset;         /* limit 0: all */
    size_t item_size;
    row_fn read_row;
    const char *what;             /* "arbejdslisten", for messages */
};

/* Reads pq's page into out and its count into *total, from one snapshot
 * (a read transaction unless the caller has one). out->items is a
 * malloc'd array the caller frees with genop_store_free_list() (empty on
 * failure). */
genop_err db_read_page(sqlite_store *st, const page_query *pq, genop_list *out,
                       size_t *total, genop_error *e);

/* The rows of statement id of t bound with ?1 muni, ?2 key and, when the
 * statement takes a third value, ?3 limit (sql_limit(): 0 is no limit),
 * collected into out (emptied first) by read_row, as stmt_collect() does;
 * muni is checked first. On failure out holds the rows read so far, which
 * the caller frees. */
genop_err db_read_rows(sqlite_store *st, const stmt_table *t, unsigned id, const char *muni,
                       int64_t key, size_t limit, size_t item_size, row_fn read_row,
                       const char *what, genop_list *out, genop_error *e);

/* Connects st (zeroed but for base and wal_restart_pages) to the file at
 * path with options o, as the top of db.c says, and migrates it. On
 * failure the caller closes st with db_close(). */
genop_err db_connect(sqlite_store *st, const char *path, const genop_store_options *o,
                     genop_error *e);
/* Finalizes the cached statements and closes the connection (an open
 * transaction is rolled back); frees the handle. */
void db_close(genop_store *s);

/* The transaction entries of the function table (store.h). */
genop_err db_begin(genop_store *s, genop_error *e);
genop_err db_begin_read(genop_store *s, genop_error *e);
genop_err db_commit(genop_store *s, genop_error *e);
void db_rollback(genop_store *s);
genop_err db_savepoint(genop_store *s, genop_error *e);
genop_err db_release(genop_store *s, genop_error *e);
void db_rollback_to(genop_store *s);
genop_err db_flush(genop_store *s, genop_error *e);

/* Brings the schema up to date (migrate.c): applies the embedded
 * migrations the database lacks, or refuses a database made by a newer
 * genop. */
genop_err db_migrate(sqlite_store *st, genop_error *e);

#endif
