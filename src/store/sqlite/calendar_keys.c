/*
 * calendar_keys.c - the SQLite back end's keys of the therapists'
 * calendar feeds (migration 0016; store_calendar.h). A key is kept as its
 * hash, one per user: setting a key replaces the user's row, so the old
 * key finds no one any more.
 */
#include "records.h"

enum { ST_KEY_SET, ST_KEY_USER, ST_COUNT };

static const char *const key_sql[ST_COUNT] = {
    [ST_KEY_SET] = "INSERT INTO calendar_keys (user_id, municipality, key_hash, created_by)"
                   " SELECT u.id, ?1, ?3, ?4 FROM users u WHERE u.municipality = ?1"
                   " AND u.id = ?2 ON CONFLICT (user_id) DO UPDATE SET"
                   " key_hash = excluded.key_hash, created_by = excluded.created_by,"
                   " created_at = excluded.created_at RETURNING user_id",
    [ST_KEY_USER] = "SELECT u.id, u.municipality, u.username, u.role FROM calendar_keys k"
                    " JOIN users u ON u.id = k.user_id AND u.municipality = k.municipality"
                    " WHERE k.key_hash = ?1 AND u.state = 'active'",
};

static const stmt_table keys = {key_sql, ST_COUNT};

genop_err sqlite_calendar_key_set(genop_store *s, const char *muni, int64_t user_id,
                                  const unsigned char *hash, const char *created_by,
                                  genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &keys, ST_KEY_SET, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = bind_hash(q, 3, hash)) || (rc = bind_text(q, 4, created_by)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "gemme kalendernøglen", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    stmt_done(q);
    return err;
}

genop_err sqlite_calendar_key_user(genop_store *s, const unsigned char *hash, genop_user *out,
                                   genop_error *e)
{
    return sqlite_user_by_hash(sqlite_handle(s), &keys, ST_KEY_USER, hash,
                               "finde kalendernøglen", "kalendernøglen findes ikke", out, e);
}
