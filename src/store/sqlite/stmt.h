/*
 * stmt.h - the SQLite back end's statement helper, private to
 * src/store/sqlite: the handle, SQLite's errors as genop's, the cache of
 * prepared statements, binding values, reading rows into genop's bounded
 * structs, collecting rows into a list, and checking values on their way
 * in. The lowest layer of the back end: it includes none of its files.
 *
 * Each record file owns its SQL: a stmt_table of constant texts indexed by
 * an enum of its own. A handle prepares a text the first time it needs it
 * (stmt_use) and keeps it; stmt_done() resets it after every use. Values
 * are always bound, never written into SQL.
 */
#ifndef GENOP_SQLITE_STMT_H
#define GENOP_SQLITE_STMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store.h"

/* A record file's statements: sql[0..n), every entry set. */
typedef struct stmt_table {
    const char *const *sql;
    size_t n;
} stmt_table;

/* The handle's prepared statements, one array per table in the order the
 * tables were first used; owned by the handle. */
#define STMT_TABLES_MAX 16
typedef struct stmt_cache {
    const stmt_table *tables[STMT_TABLES_MAX];
    sqlite3_stmt **stmts[STMT_TABLES_MAX];
    size_t n;
} stmt_cache;

/* A handle: one sqlite3 connection and its prepared statements. */
typedef struct sqlite_store {
    genop_store base;                  /* first: the handle callers hold */
    sqlite3 *db;                       /* owned */
    stmt_cache stmts;                  /* owned */
    int wal_restart_pages;             /* see db_flush (db.c) */
    int synced_log_frames;             /* the log's length at the last */
    int synced_copied_frames;          /* flush that synced, see sync_copied */
} sqlite_store;

static inline sqlite_store *sqlite_handle(genop_store *s)
{
    return (sqlite_store *)s;
}

/* Turns a failed SQLite call into a genop error. what says what the store
 * was doing, as the rest of "kunne ikke ...". Constraint violations are
 * the caller's input (GENOP_EINVAL); running out of memory is
 * GENOP_ENOMEM; everything else is the database file (GENOP_EIO). */
genop_err sql_fail(sqlite_store *st, int rc, const char *what, genop_error *e);

/* Finalizes every statement of the cache and frees its arrays. */
void stmt_cache_release(stmt_cache *c);

/* Statement id of table t, prepared on its first use by this handle. It is
 * borrowed from the handle; reset it with stmt_done() when finished. */
genop_err stmt_use(sqlite_store *st, const stmt_table *t, unsigned id, sqlite3_stmt **out,
                   genop_error *e);

/* Resets a statement from stmt_use() so it holds no lock and no pointer
 * into the caller's memory. NULL is allowed. */
void stmt_done(sqlite3_stmt *s);

/* Runs statement id of t, which takes no values and returns no rows. */
genop_err stmt_run(sqlite_store *st, const stmt_table *t, unsigned id, const char *what,
                   genop_error *e);

/* Steps s to its single row. GENOP_ENOTFOUND (without a message) when
 * there is none. */
genop_err stmt_step_row(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e);

/* Steps a write that returns no rows. */
genop_err stmt_step_done(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e);

/* After an INSERT without RETURNING - which makes a temporary table for
 * the rows it returns, every time it runs: a bulk writer's every event
 * paid for one - the new row's id (sqlite3_last_insert_rowid) into *id,
 * and its text column that statement `col` of t reads (one column of the
 * row whose id is ?1, e.g. the time the schema's default gave it) into
 * out[size]. */
genop_err stmt_inserted(sqlite_store *st, const stmt_table *t, unsigned col, int64_t *id,
                        char *out, size_t size, const char *what, genop_error *e);

/* A bind failed: only a bug (wrong index) or memory can do that. */
genop_err stmt_bind_fail(sqlite_store *st, int rc, genop_error *e);

/* ---- Binding values. Text is bound without a copy (SQLITE_STATIC): it
 * must live until the statement is reset with stmt_done(). Each returns
 * SQLite's result code. */

int bind_text(sqlite3_stmt *s, int i, const char *t);      /* NULL: SQL NULL */
int bind_id(sqlite3_stmt *s, int i, int64_t id);           /* 0: SQL NULL */
int bind_date(sqlite3_stmt *s, int i, genop_date d);       /* copied */
int bind_hash(sqlite3_stmt *s, int i, const unsigned char *hash);  /* GENOP_TOKEN_HASH_SIZE */

/* size_t limit/offset as SQL: a limit of 0 is "no limit" (-1). */
int64_t sql_limit(size_t limit);
int64_t sql_offset(size_t offset);

/* ---- Reading rows. A reader walks the columns of a row in order and
 * keeps the first error; the caller checks r.err once at the end. */

typedef struct row_reader {
    sqlite3_stmt *s;
    int col;
    genop_err err;
    genop_error *e;
} row_reader;

typedef enum { CUT_OK, CUT_REFUSED } cut_rule;

int64_t row_int(row_reader *r);
bool row_is_null(const row_reader *r);
/* Copies the next column's text into buf[size], always NUL-terminated.
 * Free text that does not fit is cut at the last whole UTF-8 character;
 * an identifier (CUT_REFUSED) that does not fit is an error. NULL reads
 * as "". */
void row_text(row_reader *r, char *buf, size_t size, cut_rule rule, const char *what);
/* The next column as a date; *has (if not NULL) says whether it was not
 * NULL. A NULL where has is NULL, or text that is not a date, is an error. */
void row_date(row_reader *r, genop_date *out, bool *has, const char *what);
/* The next column as a malloc'd NUL-terminated copy (NULL reads as ""),
 * which the caller frees; NULL and r->err set when out of memory. */
char *row_text_copy(row_reader *r, const char *what);

/* ---- Lists. */

/* Reads one result row into the zeroed item collect_rows() made. */
typedef void (*row_fn)(row_reader *r, void *item);

/* Steps q to its end, appending one zeroed item_size item per row to out
 * and filling it with read_row. `what` names the rows in messages
 * ("sagerne"). On error out holds the rows read so far; the caller frees
 * them. */
genop_err stmt_collect(sqlite_store *st, sqlite3_stmt *q, size_t item_size, row_fn read_row,
                       const char *what, genop_list *out, genop_error *e);

/* ---- Checking values on the way in. */

/* s must be a string shorter than size bytes (so it fits a field of that
 * size with its NUL) and, when required, not empty. */
genop_err check_text(const char *s, size_t size, bool required, const char *what,
                     genop_error *e);
genop_err check_muni(const char *muni, genop_error *e);
genop_err check_date(genop_date d, const char *what, genop_error *e);
genop_err check_paragraph(unsigned paragraph, genop_error *e);

#endif
