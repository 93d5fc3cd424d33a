/*
 * access_log.c - the SQLite back end's access log: who read or wrote
 * which citizen's or case's data, when and why. Append-only (triggers
 * refuse UPDATE and DELETE). Rows of reads arrive in batches from the
 * journal of reads (read_journal.c); each batch is claimed by its id in
 * access_log_batches, in the transaction that adds its rows, so a batch is
 * never added twice.
 */
#include <string.h>

#include "records.h"

#define ACCESS_COLS                                                             \
    "id, time, user_id, username, municipality, citizen_id, case_id, action, purpose"

enum {
    ST_ACCESS_INSERT,
    ST_ACCESS_INSERT_TIMED,
    ST_ACCESS_TIME,
    ST_ACCESS_LIST,
    ST_ACCESS_COUNT,
    ST_ACCESS_BATCH_CLAIM,
    ST_COUNT
};

static const char *const access_sql[ST_COUNT] = {
    [ST_ACCESS_INSERT] = "INSERT INTO access_log (time, user_id, username, municipality,"
                         " citizen_id, case_id, action, purpose)"
                         " VALUES (coalesce(?1, " SQL_NOW "), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    /* The time the row got, read back by its id: no RETURNING, which
     * would buffer the row in a temporary table (stmt_inserted()). */
    [ST_ACCESS_TIME] = "SELECT time FROM access_log WHERE id = ?1",
    /* A row that brings its own time (the journal of reads), for the
     * thousands an import adds: nothing to read back. */
    [ST_ACCESS_INSERT_TIMED] = "INSERT INTO access_log (time, user_id, username, municipality,"
                               " citizen_id, case_id, action, purpose)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_ACCESS_LIST] = "SELECT " ACCESS_COLS " FROM access_log"
                       " WHERE municipality = ?1 AND citizen_id = ?2 ORDER BY time DESC, id DESC"
                       " LIMIT ?3 OFFSET ?4",
    [ST_ACCESS_COUNT] = "SELECT count(*) FROM access_log WHERE municipality = ?1 AND citizen_id = ?2",
    [ST_ACCESS_BATCH_CLAIM] = "INSERT INTO access_log_batches (batch, rows, imported_at)"
                              " VALUES (?1, ?2, " SQL_NOW ") ON CONFLICT (batch) DO NOTHING",
};

static const stmt_table access = {access_sql, ST_COUNT};

/* Reads ACCESS_COLS. */
static void read_access_item(row_reader *r, void *item)
{
    genop_access_entry *a = item;
    a->id = row_int(r);
    row_text(r, a->time, sizeof a->time, CUT_REFUSED, "tidspunktet");
    a->user_id = row_int(r);
    row_text(r, a->username, sizeof a->username, CUT_REFUSED, "brugernavnet");
    row_text(r, a->municipality, sizeof a->municipality, CUT_REFUSED, "kommunen");
    a->citizen_id = row_int(r);
    a->case_id = row_int(r);
    row_text(r, a->action, sizeof a->action, CUT_REFUSED, "handlingen");
    row_text(r, a->purpose, sizeof a->purpose, CUT_OK, "formålet");
}

static genop_err check_access(const genop_access_entry *a, genop_error *e)
{
    genop_err err;
    if ((err = check_muni(a->municipality, e)) ||
        (err = check_text(a->time, sizeof a->time, false, "tidspunktet", e)) ||
        (err = check_text(a->username, sizeof a->username, false, "brugernavnet", e)) ||
        (err = check_text(a->action, sizeof a->action, true, "handlingen", e)) ||
        (err = check_text(a->purpose, sizeof a->purpose, false, "formålet", e)))
        return err;
    return GENOP_OK;
}

/* Borrows *a for the call; sets a->id, and a->time when it was empty. */
genop_err sqlite_access_log_append(genop_store *s, genop_access_entry *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_access(a, e);
    bool timed = a->time[0] != '\0';
    if (err || (err = stmt_use(st, &access, timed ? ST_ACCESS_INSERT_TIMED : ST_ACCESS_INSERT,
                               &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, timed ? a->time : NULL)) || (rc = bind_id(q, 2, a->user_id)) ||
        (rc = bind_text(q, 3, a->username)) || (rc = bind_text(q, 4, a->municipality)) ||
        (rc = bind_id(q, 5, a->citizen_id)) || (rc = bind_id(q, 6, a->case_id)) ||
        (rc = bind_text(q, 7, a->action)) || (rc = bind_text(q, 8, a->purpose))) {
        err = stmt_bind_fail(st, rc, e);
    } else if (!(err = stmt_step_done(st, q, "skrive i adgangsloggen", e))) {
        if (timed)
            a->id = sqlite3_last_insert_rowid(st->db);
        else
            err = stmt_inserted(st, &access, ST_ACCESS_TIME, &a->id, a->time, sizeof a->time,
                                "tidspunktet", e);
    }
    stmt_done(q);
    return err;
}

/* out->items is a malloc'd genop_access_entry[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e)
{
    page_query pq = {&access, ST_ACCESS_COUNT, ST_ACCESS_LIST, muni, true, citizen_id, NULL,
                     NULL, limit, offset, sizeof(genop_access_entry), read_access_item,
                     "adgangsloggen"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}

/* Borrows batch for the call; *claimed is false if it was claimed before. */
genop_err sqlite_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                    bool *claimed, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_text(batch, 65, true, "partiets navn", e);
    sqlite3_stmt *q = NULL;
    if (err || (err = stmt_use(st, &access, ST_ACCESS_BATCH_CLAIM, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, batch)) || (rc = sqlite3_bind_int64(q, 2, (sqlite3_int64)rows)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "registrere et parti af adgangsloggen", e);
    if (!err)
        *claimed = sqlite3_changes(st->db) == 1;
    stmt_done(q);
    return err;
}
