/*
 * user_admin.c - the SQLite back end's side of administering a
 * municipality's users (store.h, "Administering the users"): listing
 * them with their state and last login, setting the state (the database
 * itself refuses to bring a deactivated user back, migration 0007), a new
 * password hash, ending a user's sessions and API tokens, the login that
 * records its time, and the append-only audit log of user accounts
 * (user_audit; triggers refuse UPDATE and DELETE). Every statement but
 * the login's takes the municipality, so another municipality's user is
 * never touched: it is not found.
 */
#include <inttypes.h>
#include <string.h>

#include "records.h"

#define INFO_COLS                                                                       \
    "u.id, u.municipality, u.username, u.role, u.state, u.created_at, u.last_login,"    \
    " u.failed_logins, u.locked_until"
#define AUDIT_COLS "id, time, municipality, actor_id, actor, user_id, username, action, detail"

enum {
    ST_LOGIN_OK,
    ST_LIST,
    ST_GET,
    ST_NAME_TAKEN,
    ST_SET_STATE,
    ST_SET_PASSWORD,
    ST_END_SESSIONS,
    ST_END_TOKENS,
    ST_AUDIT_INSERT,
    ST_AUDIT_LIST,
    ST_AUDIT_COUNT,
    ST_COUNT
};

static const char *const admin_sql[ST_COUNT] = {
    [ST_LOGIN_OK] = "UPDATE users SET failed_logins = 0, locked_until = 0, last_login = ?2"
                    " WHERE id = ?1",
    [ST_LIST] = "SELECT " INFO_COLS " FROM users u WHERE u.municipality = ?1"
                " ORDER BY u.username",
    [ST_GET] = "SELECT " INFO_COLS " FROM users u WHERE u.municipality = ?1 AND u.id = ?2",
    /* Usernames are ASCII (genop user add and the domain layer see to
     * that), so SQLite's lower() is enough. */
    [ST_NAME_TAKEN] = "SELECT 1 FROM users WHERE lower(username) = lower(?1) LIMIT 1",
    [ST_SET_STATE] = "UPDATE users SET state = ?3 WHERE municipality = ?1 AND id = ?2",
    [ST_SET_PASSWORD] = "UPDATE users SET password_hash = ?3, failed_logins = 0, locked_until = 0"
                        " WHERE municipality = ?1 AND id = ?2",
    [ST_END_SESSIONS] = "DELETE FROM sessions WHERE municipality = ?1 AND user_id = ?2",
    [ST_END_TOKENS] = "DELETE FROM api_tokens WHERE municipality = ?1 AND user_id = ?2",
    [ST_AUDIT_INSERT] = "INSERT INTO user_audit (time, municipality, actor_id, actor, user_id,"
                        " username, action, detail)"
                        " VALUES (" SQL_NOW ", ?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id, time",
    [ST_AUDIT_LIST] = "SELECT " AUDIT_COLS " FROM user_audit WHERE municipality = ?1"
                      " AND (?2 = 0 OR user_id = ?2) ORDER BY id DESC LIMIT ?3 OFFSET ?4",
    [ST_AUDIT_COUNT] = "SELECT count(*) FROM user_audit WHERE municipality = ?1"
                       " AND (?2 = 0 OR user_id = ?2)",
};

static const stmt_table admin = {admin_sql, ST_COUNT};

void sqlite_row_user_state(row_reader *r, genop_user_state *out)
{
    char buf[16];
    row_text(r, buf, sizeof buf, CUT_REFUSED, "brugerens tilstand");
    if (!r->err && !genop_user_state_from_name(buf, out))
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: ukendt tilstand \"%s\"", buf);
}

/* Reads INFO_COLS. */
static void read_info(row_reader *r, void *item)
{
    genop_user_info *u = item;
    sqlite_row_user(r, &u->user);
    sqlite_row_user_state(r, &u->state);
    row_text(r, u->created_at, sizeof u->created_at, CUT_REFUSED, "oprettelsestidspunktet");
    u->last_login = row_int(r);
    int64_t failed = row_int(r);
    u->failed_logins = failed < 0 ? 0 : failed > INT32_MAX ? INT32_MAX : (int)failed;
    u->locked_until = row_int(r);
}

/* Binds ?1 muni and ?2 id to statement id (and, with text, ?3 text). */
static genop_err use_for_user(sqlite_store *st, unsigned id, const char *muni, int64_t user,
                              const char *text, sqlite3_stmt **q, genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &admin, id, q, e)))
        return err;
    int rc;
    if ((rc = bind_text(*q, 1, muni)) || (rc = sqlite3_bind_int64(*q, 2, user)) ||
        (text && (rc = bind_text(*q, 3, text)))) {
        err = stmt_bind_fail(st, rc, e);
        stmt_done(*q);
        *q = NULL;
    }
    return err;
}

/* Steps an UPDATE of one user made by use_for_user(): GENOP_ENOTFOUND when
 * muni has no such user; the trigger's refusal of a deactivated user is
 * GENOP_EINVAL (sql_fail). Resets q. */
static genop_err update_user(sqlite_store *st, sqlite3_stmt *q, const char *what,
                             genop_error *e)
{
    genop_err err = stmt_step_done(st, q, what, e);
    if (!err && sqlite3_changes64(st->db) == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    stmt_done(q);
    return err;
}

genop_err sqlite_user_login_ok(genop_store *s, int64_t user_id, int64_t now, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &admin, ST_LOGIN_OK, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = sqlite3_bind_int64(q, 1, user_id)) || (rc = sqlite3_bind_int64(q, 2, now))) {
        err = stmt_bind_fail(st, rc, e);
        stmt_done(q);
        return err;
    }
    return update_user(st, q, "registrere login", e);
}

/* out->items is a malloc'd genop_user_info[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_user_list(genop_store *s, const char *muni, genop_list *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &admin, ST_LIST, &q, e)))
        return err;
    int rc = bind_text(q, 1, muni);
    err = rc ? stmt_bind_fail(st, rc, e)
             : stmt_collect(st, q, sizeof(genop_user_info), read_info, "brugerne", out, e);
    stmt_done(q);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* Fills the caller's *out. */
genop_err sqlite_user_get(genop_store *s, const char *muni, int64_t id, genop_user_info *out,
                          genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use_for_user(st, ST_GET, muni, id, NULL, &q, e);
    if (err)
        return err;
    err = stmt_step_row(st, q, "finde brugeren", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        read_info(&r, out);
        err = r.err;
    }
    stmt_done(q);
    return err;
}

genop_err sqlite_user_name_taken(genop_store *s, const char *username, bool *taken,
                                 genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (err || (err = stmt_use(st, &admin, ST_NAME_TAKEN, &q, e)))
        return err;
    int rc = bind_text(q, 1, username);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "slå brugernavnet op", e);
    *taken = err == GENOP_OK;
    if (err == GENOP_ENOTFOUND)
        err = GENOP_OK;
    stmt_done(q);
    return err;
}

genop_err sqlite_user_set_state(genop_store *s, const char *muni, int64_t id,
                                genop_user_state state, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    if ((unsigned)state >= GENOP_USER_STATE_COUNT)
        return genop_fail(e, GENOP_EINVAL, "ukendt tilstand for en bruger");
    genop_err err = use_for_user(st, ST_SET_STATE, muni, id, genop_user_state_name(state), &q, e);
    return err ? err : update_user(st, q, "ændre brugerens tilstand", e);
}

/* password_hash is borrowed for the call. */
genop_err sqlite_user_set_password(genop_store *s, const char *muni, int64_t id,
                                   const char *password_hash, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(password_hash, GENOP_HASH_TEXT_MAX, true, "adgangskodens hash", e);
    if (!err)
        err = use_for_user(st, ST_SET_PASSWORD, muni, id, password_hash, &q, e);
    return err ? err : update_user(st, q, "gemme den nye adgangskode", e);
}

/* Runs one DELETE of a user's logins made by use_for_user(). */
static genop_err end_some(sqlite_store *st, unsigned id, const char *muni, int64_t user,
                          genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = use_for_user(st, id, muni, user, NULL, &q, e);
    if (!err)
        err = stmt_step_done(st, q, "afslutte brugerens logins", e);
    stmt_done(q);
    return err;
}

genop_err sqlite_user_end_logins(genop_store *s, const char *muni, int64_t id, bool tokens,
                                 genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    bool own;
    genop_err err = db_unit_begin(st, &own, e);
    if (err)
        return err;
    err = end_some(st, ST_END_SESSIONS, muni, id, e);
    if (!err && tokens)
        err = end_some(st, ST_END_TOKENS, muni, id, e);
    return db_unit_end(st, own, err, e);
}

static genop_err check_audit(const genop_user_audit_entry *a, genop_error *e)
{
    genop_err err;
    if ((err = check_muni(a->municipality, e)) ||
        (err = check_text(a->actor, sizeof a->actor, false, "den handlende bruger", e)) ||
        (err = check_text(a->username, sizeof a->username, true, "brugernavnet", e)) ||
        (err = check_text(a->action, sizeof a->action, true, "handlingen", e)) ||
        (err = check_text(a->detail, sizeof a->detail, false, "detaljen", e)))
        return err;
    if (a->user_id <= 0)
        return genop_fail(e, GENOP_EINVAL, "brugerloggen: rækken mangler brugerens id");
    return GENOP_OK;
}

/* Borrows *a for the call; sets a->id and a->time. */
genop_err sqlite_user_audit_append(genop_store *s, genop_user_audit_entry *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_audit(a, e);
    if (err || (err = stmt_use(st, &admin, ST_AUDIT_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, a->municipality)) || (rc = bind_id(q, 2, a->actor_id)) ||
        (rc = bind_text(q, 3, a->actor)) || (rc = sqlite3_bind_int64(q, 4, a->user_id)) ||
        (rc = bind_text(q, 5, a->username)) || (rc = bind_text(q, 6, a->action)) ||
        (rc = bind_text(q, 7, a->detail))) {
        err = stmt_bind_fail(st, rc, e);
    } else if (!(err = stmt_step_row(st, q, "skrive i brugerloggen", e))) {
        row_reader r = {q, 0, GENOP_OK, e};
        int64_t id = row_int(&r);
        row_text(&r, a->time, sizeof a->time, CUT_REFUSED, "tidspunktet");
        a->id = id;
        err = r.err;
    } else if (err == GENOP_ENOTFOUND) {
        err = genop_fail(e, GENOP_EIO, "databasen: brugerloggen blev ikke skrevet");
    }
    stmt_done(q);
    return err;
}

/* Reads AUDIT_COLS. */
static void read_audit_item(row_reader *r, void *item)
{
    genop_user_audit_entry *a = item;
    a->id = row_int(r);
    row_text(r, a->time, sizeof a->time, CUT_REFUSED, "tidspunktet");
    row_text(r, a->municipality, sizeof a->municipality, CUT_REFUSED, "kommunen");
    a->actor_id = row_int(r);
    row_text(r, a->actor, sizeof a->actor, CUT_REFUSED, "den handlende bruger");
    a->user_id = row_int(r);
    row_text(r, a->username, sizeof a->username, CUT_REFUSED, "brugernavnet");
    row_text(r, a->action, sizeof a->action, CUT_REFUSED, "handlingen");
    row_text(r, a->detail, sizeof a->detail, CUT_OK, "detaljen");
}

/* out->items is a malloc'd genop_user_audit_entry[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_user_audit_list(genop_store *s, const char *muni, int64_t user_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e)
{
    page_query pq = {&admin, ST_AUDIT_COUNT, ST_AUDIT_LIST, muni, true, user_id, NULL,
                     NULL, limit, offset, sizeof(genop_user_audit_entry), read_audit_item,
                     "brugerloggen"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}
