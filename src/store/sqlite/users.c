/*
 * users.c - the SQLite back end's accounts: municipalities (the tenants),
 * users with their password hashes and failed-login counts, login
 * sessions and API tokens, both stored by the hash of their secret.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "records.h"

#define USER_COLS "u.id, u.municipality, u.username, u.role"
/* GENOP_TOKEN_ID_SIZE (store.h): 6 bytes of the hash, 12 hex digits. */
#define TOKEN_ID_BYTES_SQL "6"

enum {
    ST_MUNI_ENSURE,
    ST_MUNI_EXISTS,
    ST_USER_ADD,
    ST_USER_AUTH_GET,
    ST_USER_LOGIN_OK,
    ST_USER_LOGIN_FAIL,
    ST_SESSION_CREATE,
    ST_SESSION_GET,
    ST_SESSION_TOUCH,
    ST_SESSION_DELETE,
    ST_TOKEN_CREATE,
    ST_TOKEN_GET,
    ST_TOKEN_LIST,
    ST_TOKEN_MATCHES,
    ST_TOKEN_DELETE,
    ST_COUNT
};

static const char *const users_sql[ST_COUNT] = {
    [ST_MUNI_ENSURE] = "INSERT INTO municipalities (id, code, name) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT (id) DO NOTHING",
    [ST_MUNI_EXISTS] = "SELECT 1 FROM municipalities WHERE id = ?1",

    [ST_USER_ADD] = "INSERT INTO users (municipality, username, password_hash, role)"
                    " VALUES (?1, ?2, ?3, ?4) RETURNING id",
    [ST_USER_AUTH_GET] = "SELECT " USER_COLS ", u.password_hash, u.failed_logins, u.locked_until,"
                         " u.state FROM users u WHERE u.username = ?1",
    [ST_USER_LOGIN_OK] = "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?1",
    [ST_USER_LOGIN_FAIL] = "UPDATE users SET failed_logins = failed_logins + 1,"
                           " locked_until = CASE WHEN ?2 > 0 THEN ?2 ELSE locked_until END"
                           " WHERE id = ?1",

    [ST_SESSION_CREATE] = "INSERT INTO sessions (token_hash, municipality, user_id, created, last_seen)"
                          " SELECT ?1, municipality, id, ?3, ?3 FROM users WHERE id = ?2",
    /* Only an active user's session or token logs in: locking a user
     * ends its sessions, but one made by a login that was under way as
     * the lock was committed must not outlive it; a locked user's API
     * tokens work again once it is unlocked. */
    [ST_SESSION_GET] = "SELECT s.last_seen, " USER_COLS " FROM sessions s"
                       " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1"
                       " AND u.state = 'active'",
    [ST_SESSION_TOUCH] = "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1 AND last_seen < ?2",
    [ST_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
    [ST_TOKEN_CREATE] = "INSERT INTO api_tokens (token_hash, municipality, user_id, name)"
                        " SELECT ?1, municipality, id, ?3 FROM users WHERE id = ?2",
    [ST_TOKEN_GET] = "SELECT " USER_COLS " FROM api_tokens t"
                     " JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1"
                     " AND u.state = 'active'",
    /* A token is named by the first bytes of its hash, in hex. */
    [ST_TOKEN_LIST] = "SELECT lower(hex(substr(t.token_hash, 1, " TOKEN_ID_BYTES_SQL "))),"
                      " u.username, t.municipality, t.name, t.created FROM api_tokens t"
                      " JOIN users u ON u.id = t.user_id"
                      " WHERE ?1 IS NULL OR u.username = ?1 ORDER BY t.created, u.username",
    [ST_TOKEN_MATCHES] = "SELECT count(*) FROM api_tokens"
                         " WHERE lower(hex(substr(token_hash, 1, " TOKEN_ID_BYTES_SQL "))) = lower(?1)",
    [ST_TOKEN_DELETE] = "DELETE FROM api_tokens"
                        " WHERE lower(hex(substr(token_hash, 1, " TOKEN_ID_BYTES_SQL "))) = lower(?1)",
};

static const stmt_table users = {users_sql, ST_COUNT};

static void row_role(row_reader *r, genop_role *out)
{
    char buf[16];
    row_text(r, buf, sizeof buf, CUT_REFUSED, "rollen");
    if (r->err)
        return;
    if (!genop_role_from_name(buf, out))
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: ukendt rolle \"%s\"", buf);
}

/* Reads USER_COLS (records.h). */
void sqlite_row_user(row_reader *r, genop_user *u)
{
    u->id = row_int(r);
    row_text(r, u->municipality, sizeof u->municipality, CUT_REFUSED, "kommunen");
    row_text(r, u->username, sizeof u->username, CUT_REFUSED, "brugernavnet");
    row_role(r, &u->role);
}

/* Steps the cached statement id, bound with ?1 text, to its end. */
static genop_err run_with_text(sqlite_store *st, unsigned id, const char *text, const char *what,
                               genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = stmt_use(st, &users, id, &s, e);
    if (err)
        return err;
    int rc = bind_text(s, 1, text);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = sql_fail(st, rc, what, e);
    stmt_done(s);
    return err;
}

/* ---------------------------------------------------------------------
 * Municipalities and users.
 * ------------------------------------------------------------------- */

/* All strings are borrowed for the call. */
genop_err sqlite_municipality_ensure(genop_store *s, const char *id, int code,
                                     const char *name, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_muni(id, e);
    if (!err)
        err = check_text(name, GENOP_NAME_MAX, true, "kommunens navn", e);
    if (err)
        return err;
    sqlite3_stmt *q = NULL;
    err = stmt_use(st, &users, ST_MUNI_ENSURE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, id)) || (rc = sqlite3_bind_int(q, 2, code)) ||
        (rc = bind_text(q, 3, name)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "oprette kommunen", e);
    stmt_done(q);
    return err;
}

genop_err sqlite_municipality_exists(sqlite_store *st, const char *id, genop_error *e)
{
    sqlite3_stmt *q;
    genop_err err = stmt_use(st, &users, ST_MUNI_EXISTS, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, id);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "slå op", e);
    stmt_done(q);
    return err;
}

/* The checks of user_add: every field, and the municipality exists. */
static genop_err check_user(sqlite_store *st, const genop_user *u, const char *password_hash,
                            genop_error *e)
{
    genop_err err = check_muni(u->municipality, e);
    if (!err)
        err = check_text(u->username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = check_text(password_hash, GENOP_HASH_TEXT_MAX, true, "adgangskodens hash", e);
    if (!err && ((unsigned)u->role >= GENOP_ROLE_COUNT))
        err = genop_fail(e, GENOP_EINVAL, "ukendt rolle");
    if (err)
        return err;
    err = sqlite_municipality_exists(st, u->municipality, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_EINVAL, "kommunen \"%s\" findes ikke", u->municipality);
    return err;
}

/* Borrows u and password_hash for the call; *id is the new user's. */
genop_err sqlite_user_add(genop_store *s, const genop_user *u, const char *password_hash,
                          int64_t *id, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_user(st, u, password_hash, e);
    if (err || (err = stmt_use(st, &users, ST_USER_ADD, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, u->municipality)) || (rc = bind_text(q, 2, u->username)) ||
        (rc = bind_text(q, 3, password_hash)) || (rc = bind_text(q, 4, genop_role_name(u->role)))) {
        err = stmt_bind_fail(st, rc, e);
        goto out;
    }
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
    } else if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        err = genop_fail(e, GENOP_EINVAL, "brugernavnet \"%s\" findes allerede", u->username);
    } else {
        err = sql_fail(st, rc, "oprette brugeren", e);
    }
out:
    stmt_done(q);
    return err;
}

/* Fills the caller's *out (bounded copies of the stored text). */
genop_err sqlite_user_auth_get(genop_store *s, const char *username, genop_user_auth *out,
                               genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (err)
        return err == GENOP_ETOOBIG ? genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke") : err;
    err = stmt_use(st, &users, ST_USER_AUTH_GET, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, username);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "finde brugeren", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        sqlite_row_user(&r, &out->user);
        row_text(&r, out->password_hash, sizeof out->password_hash, CUT_REFUSED,
                 "adgangskodens hash");
        int64_t failed = row_int(&r);
        out->failed_logins = failed < 0 ? 0 : failed > INT32_MAX ? INT32_MAX : (int)failed;
        out->locked_until = row_int(&r);
        sqlite_row_user_state(&r, &out->state);
        err = r.err;
    }
    stmt_done(q);
    return err;
}

/* ok resets failed_logins and any lock; a failure adds one and, when
 * locked_until > 0, sets it. */
genop_err sqlite_user_login_result(genop_store *s, int64_t user_id, bool ok,
                                   int64_t locked_until, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &users, ok ? ST_USER_LOGIN_OK : ST_USER_LOGIN_FAIL, &q, e);
    if (err)
        return err;
    int rc = sqlite3_bind_int64(q, 1, user_id);
    if (!rc && !ok)
        rc = sqlite3_bind_int64(q, 2, locked_until);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_done(st, q, "registrere login", e);
    if (!err && sqlite3_changes64(st->db) == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    stmt_done(q);
    return err;
}

/* ---------------------------------------------------------------------
 * Login sessions and API tokens. A token_hash is GENOP_TOKEN_HASH_SIZE
 * bytes, borrowed for the call; each carries its user's municipality.
 * ------------------------------------------------------------------- */

/* Steps a bound INSERT ... SELECT ... FROM users WHERE id = ? of a
 * session or token (`what`): GENOP_EINVAL when its hash exists, and
 * GENOP_ENOTFOUND when the user does not (nothing was inserted). */
static genop_err step_insert_for_user(sqlite_store *st, sqlite3_stmt *q, const char *what,
                                      genop_error *e)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return genop_fail(e, GENOP_EINVAL, "databasen: %s findes allerede", what);
    if (rc != SQLITE_DONE) {
        char doing[64];
        snprintf(doing, sizeof doing, "oprette %s", what);
        return sql_fail(st, rc, doing, e);
    }
    if (sqlite3_changes64(st->db) == 0)
        return genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    return GENOP_OK;
}

genop_err sqlite_session_create(genop_store *s, const unsigned char *token_hash,
                                int64_t user_id, int64_t now, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &users, ST_SESSION_CREATE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_hash(q, 1, token_hash)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = sqlite3_bind_int64(q, 3, now))) {
        err = stmt_bind_fail(st, rc, e);
    } else {
        err = step_insert_for_user(st, q, "sessionen", e);
    }
    stmt_done(q);
    return err;
}

/* Deletes or touches one session by hash (ST_SESSION_DELETE or
 * ST_SESSION_TOUCH; now is ignored by the former). */
static genop_err session_write(sqlite_store *st, unsigned id, const unsigned char *token_hash,
                               int64_t now, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &users, id, &q, e);
    if (err)
        return err;
    int rc = bind_hash(q, 1, token_hash);
    if (!rc && id == ST_SESSION_TOUCH)
        rc = sqlite3_bind_int64(q, 2, now);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_done(st, q, "opdatere sessionen", e);
    stmt_done(q);
    return err;
}

/* Fills the caller's *out. The statement is reset before return, so it
 * holds no read snapshot when the caller writes next. */
genop_err sqlite_session_get(genop_store *s, const unsigned char *token_hash,
                             genop_session *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &users, ST_SESSION_GET, &q, e);
    if (err)
        return err;
    int rc = bind_hash(q, 1, token_hash);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "finde sessionen", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        out->last_seen = row_int(&r);
        sqlite_row_user(&r, &out->user);
        err = r.err;
    }
    stmt_done(q);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "sessionen findes ikke");
    return err;
}

genop_err sqlite_session_touch(genop_store *s, const unsigned char *token_hash, int64_t now,
                               genop_error *e)
{
    return session_write(sqlite_handle(s), ST_SESSION_TOUCH, token_hash, now, e);
}

/* Deleting a session that is not there is not an error (logging out
 * twice is harmless). */
genop_err sqlite_session_delete(genop_store *s, const unsigned char *token_hash,
                                genop_error *e)
{
    return session_write(sqlite_handle(s), ST_SESSION_DELETE, token_hash, 0, e);
}

/* token_hash and name are borrowed for the call. */
genop_err sqlite_token_create(genop_store *s, const unsigned char *token_hash,
                              int64_t user_id, const char *name, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(name, GENOP_TEXT_SMALL_MAX, false, "nøglens navn", e);
    if (!err)
        err = stmt_use(st, &users, ST_TOKEN_CREATE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_hash(q, 1, token_hash)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = bind_text(q, 3, name))) {
        err = stmt_bind_fail(st, rc, e);
    } else {
        err = step_insert_for_user(st, q, "nøglen", e);
    }
    stmt_done(q);
    return err;
}

/*
 * The active user whose secret hashes to hash, by statement index of
 * table (one parameter, the hash; one row of sqlite_row_user's columns):
 * an API token's or a calendar key's owner. doing names the step in an
 * error, missing the Danish "not found" message. Fills the caller's *out.
 */
genop_err sqlite_user_by_hash(sqlite_store *st, const stmt_table *table, unsigned index,
                              const unsigned char *hash, const char *doing,
                              const char *missing, genop_user *out, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, table, index, &q, e);
    if (err)
        return err;
    int rc = bind_hash(q, 1, hash);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, doing, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "%s", missing);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        sqlite_row_user(&r, out);
        err = r.err;
    }
    stmt_done(q);
    return err;
}

/* Fills the caller's *out. */
genop_err sqlite_token_get(genop_store *s, const unsigned char *token_hash, genop_user *out,
                           genop_error *e)
{
    return sqlite_user_by_hash(sqlite_handle(s), &users, ST_TOKEN_GET, token_hash,
                               "finde nøglen", "nøglen findes ikke", out, e);
}

/* Reads a row of ST_TOKEN_LIST. */
static void read_token_item(row_reader *r, void *item)
{
    genop_token_info *t = item;
    row_text(r, t->id, sizeof t->id, CUT_REFUSED, "nøglens id");
    row_text(r, t->username, sizeof t->username, CUT_REFUSED, "brugernavnet");
    row_text(r, t->municipality, sizeof t->municipality, CUT_REFUSED, "kommunen");
    row_text(r, t->name, sizeof t->name, CUT_OK, "nøglens navn");
    row_text(r, t->created, sizeof t->created, CUT_REFUSED, "oprettelsestidspunktet");
}

/* out->items is a malloc'd genop_token_info[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_token_list(genop_store *s, const char *username, genop_list *out,
                            genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = stmt_use(st, &users, ST_TOKEN_LIST, &q, e);
    if (err)
        return err;
    int rc = username ? bind_text(q, 1, username) : sqlite3_bind_null(q, 1);
    err = rc ? stmt_bind_fail(st, rc, e)
             : stmt_collect(st, q, sizeof(genop_token_info), read_token_item, "nøglerne", out, e);
    stmt_done(q);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* How many tokens the id names. */
static genop_err token_matches(sqlite_store *st, const char *id, int64_t *n, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &users, ST_TOKEN_MATCHES, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, id);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "finde nøglen", e);
    if (!err)
        *n = sqlite3_column_int64(q, 0);
    stmt_done(q);
    return err;
}

genop_err sqlite_token_revoke(genop_store *s, const char *id, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    size_t len = strnlen(id, GENOP_TOKEN_ID_SIZE);
    if (len != GENOP_TOKEN_ID_SIZE - 1 || strspn(id, "0123456789abcdefABCDEF") != len)
        return genop_fail(e, GENOP_EINVAL, "et nøgle-id er %d hexadecimale cifre, som "
                          "'genop token list' viser dem", GENOP_TOKEN_ID_SIZE - 1);
    int64_t n = 0;
    bool own;
    genop_err err = db_unit_begin(st, &own, e);
    if (err)
        return err;
    err = token_matches(st, id, &n, e);
    if (!err && n == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "der er ingen nøgle med id %s", id);
    else if (!err && n > 1)
        err = genop_fail(e, GENOP_EINVAL, "id %s passer på %" PRId64 " nøgler; ingen blev "
                         "tilbagekaldt", id, n);
    if (!err)
        err = run_with_text(st, ST_TOKEN_DELETE, id, "tilbagekalde nøglen", e);
    return db_unit_end(st, own, err, e);
}
