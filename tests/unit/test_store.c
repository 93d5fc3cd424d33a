/*
 * test_store.c - the SQLite store: opening, migrating and reopening a
 * database file; every function's ordinary use; tenant isolation (another
 * municipality's rows are not found and never listed); the database's own
 * refusal to update or delete events and access-log entries; transactions
 * and savepoints that leave nothing behind; bounded strings both ways;
 * two handles on one file; and a printed (not asserted) measurement of
 * durable event appends per second.
 *
 * Each test gets a fresh directory from mkdtemp() with one database in it,
 * two municipalities ("aalborg", "nyborg") and a user in each.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "test_helpers.h"

#include "sqlite/sql_functions.h"
#include "standard.h"
#include "store.h"

#define A "aalborg"
#define B "nyborg"
/* The number of the newest migration (src/store/sqlite/migrations/). */
#define SCHEMA_VERSION 20
/* The day the worklists are read on: after every deadline's start. */
#define TODAY date_of("2025-06-01")
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

typedef struct sync_counter sync_counter;

typedef struct fixture {
    char dir[256];
    char path[300];
    genop_store *s;
    int64_t user_a;                /* "vis.aalborg", a visitator of A */
    int64_t user_b;                /* "vis.nyborg", a visitator of B */
    sync_counter *syncs;           /* a test's VFS, owned; teardown removes it */
} fixture;

/* Expects call to fail with code; its message is left in *errp. */
#define expect_fail(call, code, errp)                                       \
    do {                                                                    \
        genop_error_clear(errp);                                            \
        genop_error *e = (errp);                                            \
        genop_err got_ = (call);                                            \
        if (got_ != (code))                                                 \
            fail_msg("%s: expected %s, got %s (%s)", #call,                 \
                     genop_strerror(code), genop_strerror(got_),            \
                     (errp)->message);                                      \
    } while (0)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void copy(char *dst, size_t size, const char *src)
{
    assert_true(strlen(src) < size);
    memcpy(dst, src, strlen(src) + 1);
}

static int64_t add_user(genop_store *s, const char *muni, const char *username, genop_role role)
{
    genop_user u;
    memset(&u, 0, sizeof u);
    copy(u.municipality, sizeof u.municipality, muni);
    copy(u.username, sizeof u.username, username);
    u.role = role;
    int64_t id = 0;
    must(genop_store_user_add(s, &u, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", &id, e));
    assert_true(id > 0);
    return id;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || tmp[0] == '\0')
        tmp = "/tmp";
    assert_true(genop_bprintf(f->dir, sizeof f->dir, "%s/genop-store-XXXXXX", tmp));
    assert_non_null(mkdtemp(f->dir));
    assert_true(genop_bprintf(f->path, sizeof f->path, "%s/genop.db", f->dir));
    must(genop_store_open(f->path, NULL, &f->s, e));
    must(genop_store_municipality_ensure(f->s, A, 851, "Aalborg Kommune", e));
    must(genop_store_municipality_ensure(f->s, B, 450, "Nyborg Kommune", e));
    f->user_a = add_user(f->s, A, "vis.aalborg", GENOP_ROLE_VISITATOR);
    f->user_b = add_user(f->s, B, "vis.nyborg", GENOP_ROLE_VISITATOR);
    *state = f;
    return 0;
}

static void sync_counter_remove(sync_counter *c);

/* Removes the database and its -wal and -shm files, then the directory. */
static int teardown(void **state)
{
    fixture *f = *state;
    genop_store_close(f->s);
    sync_counter_remove(f->syncs);
    DIR *d = opendir(f->dir);
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL) {
            if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
                continue;
            char p[600];
            if (genop_bprintf(p, sizeof p, "%s/%s", f->dir, ent->d_name))
                unlink(p);
        }
        closedir(d);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A second, plain SQLite connection to the fixture's file, with genop's
 * SQL functions (the schema's triggers call them). */
static sqlite3 *raw_open(const fixture *f)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sql_functions_register(db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* The citizen *c as a referral finds or makes it (as src/server/api_cases.c
 * does, from the store's two primitives): the stored one with its CPR
 * number, whose fields then replace *c's, or a new one (*created). */
static genop_err find_or_create(genop_store *s, genop_citizen *c, bool *created, genop_error *e)
{
    genop_citizen found;
    *created = false;
    genop_err err = genop_store_citizen_find_by_cpr(s, c->municipality, c->cpr, &found, e);
    if (err == GENOP_OK)
        *c = found;
    else if (err == GENOP_ENOTFOUND && (err = genop_store_citizen_create(s, c, e)) == GENOP_OK)
        *created = true;
    return err;
}

static int64_t add_citizen(genop_store *s, const char *muni, const char *cpr, const char *name)
{
    genop_citizen c;
    memset(&c, 0, sizeof c);
    copy(c.municipality, sizeof c.municipality, muni);
    copy(c.cpr, sizeof c.cpr, cpr);
    copy(c.name, sizeof c.name, name);
    copy(c.address, sizeof c.address, "Boulevarden 13, 9000 Aalborg");
    copy(c.phone, sizeof c.phone, "+45 12 34 56 78");
    copy(c.relatives, sizeof c.relatives, "Datter: Mette, 87 65 43 21");
    c.birth_date = date_of("1940-05-01");
    c.municipality_code = 851;
    bool created = false;
    must(find_or_create(s, &c, &created, e));
    assert_true(c.id > 0);
    return c.id;
}

static int64_t add_case(genop_store *s, const char *muni, int64_t citizen, unsigned paragraph,
                        const char *referral)
{
    genop_case_row c;
    memset(&c, 0, sizeof c);
    copy(c.municipality, sizeof c.municipality, muni);
    c.citizen_id = citizen;
    c.paragraph = paragraph;
    c.referral_date = date_of(referral);
    copy(c.referral_source, sizeof c.referral_source, "Aalborg Universitetshospital");
    copy(c.condition, sizeof c.condition, "Hoftealloplastik");
    must(genop_store_case_create(s, &c, "vis.aalborg", e));
    assert_true(c.id > 0);
    return c.id;
}

/* Appends an event; returns its id (0 and the error in *err on failure). */
static int64_t append(genop_store *s, const char *muni, int64_t case_id, const char *type,
                      const char *date, int64_t corrects, int64_t author, genop_err *err,
                      genop_error *e)
{
    genop_event_row ev;
    memset(&ev, 0, sizeof ev);
    ev.case_id = case_id;
    copy(ev.type, sizeof ev.type, type);
    ev.date = date_of(date);
    char body[200];
    assert_true(genop_bprintf(body, sizeof body, "{\"type\":\"%s\",\"date\":\"%s\"}", type, date));
    ev.body = body;
    ev.corrects = corrects;
    ev.author_id = author;
    genop_error_clear(e);
    *err = genop_store_event_append(s, muni, &ev, e);
    return *err ? 0 : ev.id;
}

static int64_t append_ok(genop_store *s, const char *muni, int64_t case_id, const char *type,
                         const char *date, int64_t corrects, int64_t author)
{
    genop_err err;
    genop_error e;
    int64_t id = append(s, muni, case_id, type, date, corrects, author, &err, &e);
    if (err)
        fail_msg("append %s: %s", type, e.message);
    return id;
}

static genop_open_deadline deadline(const char *id, const char *from, const char *due)
{
    genop_open_deadline d;
    memset(&d, 0, sizeof d);
    copy(d.deadline_id, sizeof d.deadline_id, id);
    copy(d.label, sizeof d.label, "Frist");
    copy(d.source, sizeof d.source, "Kvalitetsstandard, afsnit 4");
    d.paragraph = GENOP_PARA_86_1;
    d.from = date_of(from);
    d.due = date_of(due);
    return d;
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" */
static void assert_timestamp(const char *t)
{
    assert_int_equal(strlen(t), GENOP_TIMESTAMP_SIZE - 1);
    assert_int_equal(t[10], 'T');
    assert_int_equal(t[19], '.');
    assert_int_equal(t[23], 'Z');
}

/* ------------------------------------------------------------------ */

static void test_open_migrate_reopen(void **state)
{
    fixture *f = *state;
    genop_error err;
    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    /* Every table but municipalities carries its municipality. */
    const char *tables[] = {"users", "sessions", "api_tokens", "citizens", "cases",
                            "case_events", "open_deadlines", "access_log",
                            "citizen_name_words"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[200];
        assert_true(genop_bprintf(sql, sizeof sql,
                                  "SELECT count(*) FROM pragma_foreign_key_list('%s')"
                                  " WHERE \"table\" = 'municipalities' AND \"from\" = 'municipality'",
                                  tables[i]));
        if (raw_int(db, sql) != 1)
            fail_msg("%s has no municipality foreign key", tables[i]);
    }

    /* Reopen twice: no migration runs again, the data is still there. */
    genop_store_close(f->s);
    f->s = NULL;
    for (int i = 0; i < 2; i++) {
        must(genop_store_open(f->path, NULL, &f->s, e));
        genop_user_auth ua;
        must(genop_store_user_auth_get(f->s, "vis.aalborg", &ua, e));
        assert_int_equal(ua.user.id, f->user_a);
        genop_store_close(f->s);
        f->s = NULL;
    }
    assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);

    /* A database from a newer genop is refused, clearly. */
    raw_exec(db, "PRAGMA user_version = 999");
    genop_store sentinel = {.ops = NULL};
    genop_store *s = &sentinel;          /* a failed open sets it to NULL */
    expect_fail(genop_store_open(f->path, NULL, &s, e), GENOP_EINVAL, &err);
    assert_null(s);
    assert_message_contains(err, "skemaversion 999");
    assert_message_contains(err, "nyere genop");
    raw_exec(db, "PRAGMA user_version = " STRINGIFY(SCHEMA_VERSION));
    sqlite3_close(db);
    must(genop_store_open(f->path, NULL, &f->s, e));

    /* Files that cannot be opened, or are not a database. */
    char bad[400];
    assert_true(genop_bprintf(bad, sizeof bad, "%s/no/such/dir/genop.db", f->dir));
    expect_fail(genop_store_open(bad, NULL, &s, e), GENOP_EIO, &err);
    assert_message_contains(err, "kunne ikke åbnes");
    assert_true(genop_bprintf(bad, sizeof bad, "%s/not-a-db", f->dir));
    FILE *fp = fopen(bad, "w");
    assert_non_null(fp);
    for (int i = 0; i < 100; i++)
        fputs("this is not an SQLite database file\n", fp);
    fclose(fp);
    expect_fail(genop_store_open(bad, NULL, &s, e), GENOP_EIO, &err);
    assert_message_contains(err, "databasen");
    expect_fail(genop_store_open("", NULL, &s, e), GENOP_EINVAL, &err);
}

static void test_municipality_ensure(void **state)
{
    fixture *f = *state;
    genop_error err;
    must(genop_store_municipality_ensure(f->s, A, 851, "Aalborg Kommune", e));
    must(genop_store_municipality_ensure(f->s, A, 851, "Aalborg Kommune", e));
    must(genop_store_municipality_ensure(f->s, "skive", 779, "Skive Kommune", e));
    sqlite3 *db = raw_open(f);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM municipalities"), 3);
    sqlite3_close(db);
    expect_fail(genop_store_municipality_ensure(f->s, "", 1, "X", e), GENOP_EINVAL, &err);
    expect_fail(genop_store_municipality_ensure(f->s, "abcdefghijklmnop", 1, "X", e),
                GENOP_ETOOBIG, &err);
    assert_message_contains(err, "for lang");
}

static void test_users_and_logins(void **state)
{
    fixture *f = *state;
    genop_error err;
    int64_t id = add_user(f->s, A, "leder.aalborg", GENOP_ROLE_LEDER);
    genop_user_auth ua;
    must(genop_store_user_auth_get(f->s, "leder.aalborg", &ua, e));
    assert_int_equal(ua.user.id, id);
    assert_string_equal(ua.user.municipality, A);
    assert_string_equal(ua.user.username, "leder.aalborg");
    assert_int_equal(ua.user.role, GENOP_ROLE_LEDER);
    assert_string_equal(ua.password_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
    assert_int_equal(ua.failed_logins, 0);
    assert_int_equal(ua.locked_until, 0);

    /* Usernames are unique across municipalities. */
    genop_user u = {.role = GENOP_ROLE_TERAPEUT};
    copy(u.municipality, sizeof u.municipality, B);
    copy(u.username, sizeof u.username, "leder.aalborg");
    int64_t other = 0;
    expect_fail(genop_store_user_add(f->s, &u, "hash", &other, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "findes allerede");
    copy(u.municipality, sizeof u.municipality, "odense");
    copy(u.username, sizeof u.username, "ter.odense");
    expect_fail(genop_store_user_add(f->s, &u, "hash", &other, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "odense");
    copy(u.municipality, sizeof u.municipality, A);
    expect_fail(genop_store_user_add(f->s, &u, "", &other, e), GENOP_EINVAL, &err);
    u.role = GENOP_ROLE_COUNT;
    expect_fail(genop_store_user_add(f->s, &u, "hash", &other, e), GENOP_EINVAL, &err);
    expect_fail(genop_store_user_auth_get(f->s, "nobody", &ua, e), GENOP_ENOTFOUND, &err);

    /* Failures count up; a lock time is kept until replaced; success
     * resets the count and the lock. */
    must(genop_store_user_login_result(f->s, id, false, 0, e));
    must(genop_store_user_login_result(f->s, id, false, 0, e));
    must(genop_store_user_login_result(f->s, id, false, 1700000900, e));
    must(genop_store_user_auth_get(f->s, "leder.aalborg", &ua, e));
    assert_int_equal(ua.failed_logins, 3);
    assert_int_equal(ua.locked_until, 1700000900);
    must(genop_store_user_login_result(f->s, id, false, 0, e));
    must(genop_store_user_auth_get(f->s, "leder.aalborg", &ua, e));
    assert_int_equal(ua.failed_logins, 4);
    assert_int_equal(ua.locked_until, 1700000900);
    must(genop_store_user_login_result(f->s, id, true, 0, e));
    must(genop_store_user_auth_get(f->s, "leder.aalborg", &ua, e));
    assert_int_equal(ua.failed_logins, 0);
    assert_int_equal(ua.locked_until, 0);   /* success lifts the lock too */
    expect_fail(genop_store_user_login_result(f->s, 9999, false, 0, e), GENOP_ENOTFOUND, &err);
}

static void test_sessions_and_tokens(void **state)
{
    fixture *f = *state;
    genop_error err;
    unsigned char h1[GENOP_TOKEN_HASH_SIZE], h2[GENOP_TOKEN_HASH_SIZE], h3[GENOP_TOKEN_HASH_SIZE];
    memset(h1, 0x11, sizeof h1);
    memset(h2, 0x22, sizeof h2);
    memset(h3, 0x33, sizeof h3);
    const int64_t t0 = 1700000000;
    genop_user u;
    genop_session ses;

    /* The store keeps a session's user and last use; when it expires is
     * auth.c's to decide (test_auth.c). */
    must(genop_store_session_create(f->s, h1, f->user_a, t0, e));
    expect_fail(genop_store_session_create(f->s, h1, f->user_a, t0, e), GENOP_EINVAL, &err);
    expect_fail(genop_store_session_create(f->s, h2, 9999, t0, e), GENOP_ENOTFOUND, &err);
    must(genop_store_session_get(f->s, h1, &ses, e));
    assert_int_equal(ses.user.id, f->user_a);
    assert_string_equal(ses.user.municipality, A);
    assert_string_equal(ses.user.username, "vis.aalborg");
    assert_int_equal(ses.user.role, GENOP_ROLE_VISITATOR);
    assert_int_equal(ses.last_seen, t0);
    /* A touch moves the last use forward, never back. */
    must(genop_store_session_touch(f->s, h1, t0 + 1000, e));
    must(genop_store_session_get(f->s, h1, &ses, e));
    assert_int_equal(ses.last_seen, t0 + 1000);
    must(genop_store_session_touch(f->s, h1, t0 + 500, e));
    must(genop_store_session_get(f->s, h1, &ses, e));
    assert_int_equal(ses.last_seen, t0 + 1000);

    /* Logging out. */
    must(genop_store_session_create(f->s, h2, f->user_b, t0, e));
    must(genop_store_session_get(f->s, h2, &ses, e));
    assert_string_equal(ses.user.municipality, B);
    must(genop_store_session_delete(f->s, h2, e));
    expect_fail(genop_store_session_get(f->s, h2, &ses, e), GENOP_ENOTFOUND, &err);
    assert_message_contains(err, "sessionen findes ikke");
    must(genop_store_session_delete(f->s, h2, e));
    must(genop_store_session_touch(f->s, h2, t0, e));      /* gone: nothing to touch */
    expect_fail(genop_store_session_get(f->s, h2, &ses, e), GENOP_ENOTFOUND, &err);

    /* API tokens. */
    must(genop_store_token_create(f->s, h3, f->user_b, "integration", e));
    expect_fail(genop_store_token_create(f->s, h3, f->user_b, "again", e), GENOP_EINVAL, &err);
    expect_fail(genop_store_token_create(f->s, h1, 9999, "x", e), GENOP_ENOTFOUND, &err);
    must(genop_store_token_get(f->s, h3, &u, e));
    assert_int_equal(u.id, f->user_b);
    assert_string_equal(u.municipality, B);
    expect_fail(genop_store_token_get(f->s, h1, &u, e), GENOP_ENOTFOUND, &err);

    /* Listed by the first 6 bytes of their hash; two that share them are
     * refused together, one alone is revoked and no longer logs in. */
    unsigned char twin[GENOP_TOKEN_HASH_SIZE], other[GENOP_TOKEN_HASH_SIZE];
    memcpy(twin, h3, sizeof twin);
    twin[31] ^= 0xff;
    memset(other, 0xab, sizeof other);
    must(genop_store_token_create(f->s, twin, f->user_a, "tvilling", e));
    must(genop_store_token_create(f->s, other, f->user_a, "anden", e));
    genop_list l;
    must(genop_store_token_list(f->s, NULL, &l, e));
    assert_int_equal(l.n, 3);
    genop_store_free_list(&l);
    must(genop_store_token_list(f->s, "vis.aalborg", &l, e));
    assert_int_equal(l.n, 2);
    genop_token_info *t = l.items;
    assert_string_equal(t[0].username, "vis.aalborg");
    assert_string_equal(t[0].municipality, A);
    char twin_id[GENOP_TOKEN_ID_SIZE];
    memcpy(twin_id, strcmp(t[0].name, "tvilling") == 0 ? t[0].id : t[1].id, sizeof twin_id);
    genop_store_free_list(&l);
    expect_fail(genop_store_token_revoke(f->s, twin_id, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "2 nøgler");
    must(genop_store_token_get(f->s, h3, &u, e));
    must(genop_store_token_revoke(f->s, "ABABABABABAB", e));
    expect_fail(genop_store_token_get(f->s, other, &u, e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_token_revoke(f->s, "abababababab", e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_token_revoke(f->s, "abab", e), GENOP_EINVAL, &err);
    expect_fail(genop_store_token_revoke(f->s, "abababababax", e), GENOP_EINVAL, &err);
}

static void test_citizens(void **state)
{
    fixture *f = *state;
    genop_error err;
    int64_t id = add_citizen(f->s, A, "0105401234", "Karen Hansen");

    /* Found by CPR: every field comes from the database, not the input. */
    genop_citizen c;
    memset(&c, 0, sizeof c);
    copy(c.municipality, sizeof c.municipality, A);
    copy(c.cpr, sizeof c.cpr, "0105401234");
    copy(c.name, sizeof c.name, "Someone Else");
    c.birth_date = date_of("2000-01-01");
    bool created = true;
    must(find_or_create(f->s, &c, &created, e));
    assert_false(created);
    assert_int_equal(c.id, id);
    assert_string_equal(c.name, "Karen Hansen");
    assert_date_is(c.birth_date, "1940-05-01");

    genop_citizen g;
    must(genop_store_citizen_get(f->s, A, id, &g, e));
    assert_string_equal(g.municipality, A);
    assert_string_equal(g.cpr, "0105401234");
    assert_string_equal(g.name, "Karen Hansen");
    assert_string_equal(g.address, "Boulevarden 13, 9000 Aalborg");
    assert_string_equal(g.phone, "+45 12 34 56 78");
    assert_string_equal(g.relatives, "Datter: Mette, 87 65 43 21");
    assert_date_is(g.birth_date, "1940-05-01");
    assert_false(g.digital_post_exempt);
    assert_int_equal(g.municipality_code, 851);

    /* The municipality code must be one (0 for unknown up to 999). */
    genop_citizen bad = g;
    copy(bad.cpr, sizeof bad.cpr, "0303033333");
    bad.municipality_code = 1000;
    expect_fail(find_or_create(f->s, &bad, &created, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "kommunekode");

    /* The primitives: found by CPR or not found; a second citizen with the
     * same CPR in one municipality refused, without the number in the
     * message. */
    must(genop_store_citizen_find_by_cpr(f->s, A, "0105401234", &g, e));
    assert_int_equal(g.id, id);
    expect_fail(genop_store_citizen_find_by_cpr(f->s, A, "0909099999", &g, e), GENOP_ENOTFOUND,
                &err);
    assert_message_contains(err, "borgeren findes ikke");
    expect_fail(genop_store_citizen_find_by_cpr(f->s, B, "0105401234", &g, e), GENOP_ENOTFOUND,
                &err);
    expect_fail(genop_store_citizen_find_by_cpr(f->s, A, "010540123", &g, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "10 cifre");
    c = g;
    c.id = 0;
    expect_fail(genop_store_citizen_create(f->s, &c, e), GENOP_ECONFLICT, &err);
    assert_message_contains(err, "allerede en borger");
    assert_null(strstr(err.message, "0105401234"));
    assert_int_equal(c.id, 0);

    /* The same CPR in another municipality is another citizen. */
    int64_t other = add_citizen(f->s, B, "0105401234", "Karen Hansen");
    assert_true(other != id);
    expect_fail(genop_store_citizen_get(f->s, B, id, &g, e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_citizen_get(f->s, A, other, &g, e), GENOP_ENOTFOUND, &err);

    /* The database itself refuses a second citizen with the same CPR in
     * one municipality. */
    sqlite3 *db = raw_open(f);
    int rc = sqlite3_exec(db,
                          "INSERT INTO citizens (municipality, cpr, name, birth_date)"
                          " VALUES ('aalborg', '0105401234', 'Dublet', '1940-05-01')",
                          NULL, NULL, NULL);
    assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
    sqlite3_close(db);

    /* Digital post exemption is kept. */
    memset(&c, 0, sizeof c);
    copy(c.municipality, sizeof c.municipality, A);
    copy(c.cpr, sizeof c.cpr, "2412301111");
    copy(c.name, sizeof c.name, "Jens Æblerød");
    c.birth_date = date_of("1930-12-24");
    c.digital_post_exempt = true;
    must(find_or_create(f->s, &c, &created, e));
    assert_true(created);
    must(genop_store_citizen_get(f->s, A, c.id, &g, e));
    assert_true(g.digital_post_exempt);
    assert_string_equal(g.name, "Jens Æblerød");

    /* Bad input. No CPR number in any message. */
    copy(c.cpr, sizeof c.cpr, "12345");
    expect_fail(find_or_create(f->s, &c, &created, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "10 cifre");
    copy(c.cpr, sizeof c.cpr, "24123O1111");
    expect_fail(find_or_create(f->s, &c, &created, e), GENOP_EINVAL, &err);
    copy(c.cpr, sizeof c.cpr, "2412301112");
    copy(c.municipality, sizeof c.municipality, "odense");
    expect_fail(find_or_create(f->s, &c, &created, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "odense");
    assert_null(strstr(err.message, "2412301112"));
}

static void test_cases_and_events(void **state)
{
    fixture *f = *state;
    genop_error err;
    genop_err code;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");

    genop_case_row c;
    must(genop_store_case_get(f->s, A, k, &c, e));
    assert_int_equal(c.id, k);
    assert_string_equal(c.municipality, A);
    assert_int_equal(c.citizen_id, cit);
    assert_int_equal(c.paragraph, GENOP_PARA_86_1);
    assert_date_is(c.referral_date, "2025-03-03");
    assert_string_equal(c.referral_source, "Aalborg Universitetshospital");
    assert_string_equal(c.condition, "Hoftealloplastik");
    assert_false(c.closed);
    assert_false(c.has_next_due);
    assert_timestamp(c.created_at);

    /* A case needs a citizen of its own municipality and a paragraph. */
    genop_case_row bad = c;
    copy(bad.municipality, sizeof bad.municipality, B);
    expect_fail(genop_store_case_create(f->s, &bad, "x", e), GENOP_ENOTFOUND, &err);
    bad = c;
    bad.paragraph = 3;
    expect_fail(genop_store_case_create(f->s, &bad, "x", e), GENOP_EINVAL, &err);
    expect_fail(genop_store_case_get(f->s, A, k + 100, &c, e), GENOP_ENOTFOUND, &err);

    /* A new case has no events, and that is not "not found". */
    genop_list l;
    must(genop_store_events_list(f->s, A, k, &l, e));
    assert_int_equal(l.n, 0);
    genop_store_free_events(&l);

    int64_t e1 = append_ok(f->s, A, k, "referral_received", "2025-03-03", 0, f->user_a);
    int64_t e2 = append_ok(f->s, A, k, "contacted", "2025-03-05", 0, f->user_a);
    assert_true(e2 > e1);

    /* The appended event comes back filled in. */
    genop_event_row ev;
    memset(&ev, 0, sizeof ev);
    ev.case_id = k;
    copy(ev.type, sizeof ev.type, "session");
    ev.date = date_of("2025-03-10");
    char body[] = "{\"type\":\"session\",\"date\":\"2025-03-10\",\"minutes\":45,\"note\":\"Gået på trappe\"}";
    ev.body = body;
    ev.author_id = f->user_a;
    must(genop_store_event_append(f->s, A, &ev, e));
    assert_true(ev.id > e2);
    assert_string_equal(ev.author, "vis.aalborg");
    assert_timestamp(ev.registered_at);

    must(genop_store_events_list(f->s, A, k, &l, e));
    assert_int_equal(l.n, 3);
    genop_event_row *rows = l.items;
    assert_int_equal(rows[0].id, e1);
    assert_string_equal(rows[0].type, "referral_received");
    assert_date_is(rows[0].date, "2025-03-03");
    assert_int_equal(rows[1].id, e2);
    assert_int_equal(rows[2].id, ev.id);
    assert_string_equal(rows[2].body, body);
    assert_int_equal(rows[2].case_id, k);
    assert_int_equal(rows[2].corrects, 0);
    assert_int_equal(rows[2].author_id, f->user_a);
    assert_string_equal(rows[2].author, "vis.aalborg");
    assert_string_equal(rows[2].registered_at, ev.registered_at);
    genop_store_free_events(&l);

    /* Bodies must be JSON; authors users of the case's municipality. */
    char not_json[] = "{\"type\": ";
    ev.body = not_json;
    expect_fail(genop_store_event_append(f->s, A, &ev, e), GENOP_EINVAL, &err);
    assert_message_contains(err, "JSON");
    append(f->s, A, k, "contacted", "2025-03-05", 0, f->user_b, &code, &err);
    assert_int_equal(code, GENOP_EINVAL);
    assert_message_contains(err, "forfatteren");
    append(f->s, A, k, "contacted", "2025-03-05", 0, 9999, &code, &err);
    assert_int_equal(code, GENOP_EINVAL);
    append(f->s, A, k + 100, "contacted", "2025-03-05", 0, f->user_a, &code, &err);
    assert_int_equal(code, GENOP_ENOTFOUND);
    expect_fail(genop_store_events_list(f->s, A, k + 100, &l, e), GENOP_ENOTFOUND, &err);
    assert_null(l.items);
    assert_int_equal(l.n, 0);
}

static void test_corrections(void **state)
{
    fixture *f = *state;
    genop_error err;
    genop_err code;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k1 = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    int64_t k2 = add_case(f->s, A, cit, GENOP_PARA_86_2, "2025-03-04");
    int64_t e1 = append_ok(f->s, A, k1, "contacted", "2025-03-05", 0, f->user_a);
    int64_t e2 = append_ok(f->s, A, k2, "contacted", "2025-03-06", 0, f->user_a);

    int64_t fix = append_ok(f->s, A, k1, "contacted", "2025-03-04", e1, f->user_a);
    genop_list l;
    must(genop_store_events_list(f->s, A, k1, &l, e));
    assert_int_equal(l.n, 2);
    assert_int_equal(((genop_event_row *)l.items)[1].id, fix);
    assert_int_equal(((genop_event_row *)l.items)[1].corrects, e1);
    genop_store_free_events(&l);

    /* Another case's event, a missing event: refused. */
    append(f->s, A, k1, "contacted", "2025-03-04", e2, f->user_a, &code, &err);
    assert_int_equal(code, GENOP_EINVAL);
    assert_message_contains(err, "hører ikke til sagen");
    append(f->s, A, k1, "contacted", "2025-03-04", fix + 100, f->user_a, &code, &err);
    assert_int_equal(code, GENOP_EINVAL);

    /* The database refuses it too, without genop's check. */
    sqlite3 *db = raw_open(f);
    raw_exec(db, "PRAGMA foreign_keys = ON");
    char sql[300];
    assert_true(genop_bprintf(sql, sizeof sql,
                              "INSERT INTO case_events (municipality, case_id, type, event_date,"
                              " body, corrects, author_id) VALUES ('aalborg', %lld, 'contacted',"
                              " '2025-03-04', '{}', %lld, %lld)",
                              (long long)k1, (long long)e2, (long long)f->user_a));
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
    /* ... and an event whose municipality is not its case's. */
    assert_true(genop_bprintf(sql, sizeof sql,
                              "INSERT INTO case_events (municipality, case_id, type, event_date,"
                              " body, author_id) VALUES ('nyborg', %lld, 'contacted',"
                              " '2025-03-04', '{}', %lld)",
                              (long long)k1, (long long)f->user_b));
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
    sqlite3_close(db);
}

static void test_tenant_isolation(void **state)
{
    size_t total_rows = 0;
    fixture *f = *state;
    genop_error err;
    genop_err code;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    int64_t ev = append_ok(f->s, A, k, "contacted", "2025-03-05", 0, f->user_a);
    genop_open_deadline d = deadline("decision", "2025-03-03", "2025-03-17");
    must(genop_store_case_projection_set(f->s, A, k, false, &d, 1, e));
    genop_access_entry a = {.user_id = f->user_a, .citizen_id = cit, .case_id = k};
    copy(a.username, sizeof a.username, "vis.aalborg");
    copy(a.municipality, sizeof a.municipality, A);
    copy(a.action, sizeof a.action, "read_case");
    must(genop_store_access_log_append(f->s, &a, e));

    /* B sees none of it... */
    genop_citizen c;
    genop_case_row row;
    genop_list l;
    size_t total = 99;
    expect_fail(genop_store_citizen_get(f->s, B, cit, &c, e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_case_get(f->s, B, k, &row, e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_events_list(f->s, B, k, &l, e), GENOP_ENOTFOUND, &err);
    append(f->s, B, k, "contacted", "2025-03-06", 0, f->user_b, &code, &err);
    assert_int_equal(code, GENOP_ENOTFOUND);
    append(f->s, B, k, "contacted", "2025-03-06", ev, f->user_b, &code, &err);
    assert_int_equal(code, GENOP_ENOTFOUND);
    expect_fail(genop_store_case_projection_set(f->s, B, k, true, NULL, 0, e), GENOP_ENOTFOUND,
                &err);
    genop_case_filter any = {.closed = -1};
    must(genop_store_case_list(f->s, B, &any, &l, &total, e));
    assert_int_equal(l.n, 0);
    assert_int_equal(total, 0);
    genop_store_free_list(&l);
    must(genop_store_worklist(f->s, B, TODAY, 0, 0, &l, &total, e));
    assert_int_equal(l.n, 0);
    assert_int_equal(total, 0);
    genop_store_free_list(&l);
    must(genop_store_access_log_list(f->s, B, cit, 0, 0, &l, &total_rows, e));
    assert_int_equal(l.n, 0);
    genop_store_free_list(&l);

    /* ...B's own case cannot borrow A's citizen... */
    genop_case_row nc = {.citizen_id = cit, .paragraph = GENOP_PARA_86_1};
    copy(nc.municipality, sizeof nc.municipality, B);
    nc.referral_date = date_of("2025-03-03");
    expect_fail(genop_store_case_create(f->s, &nc, "vis.nyborg", e), GENOP_ENOTFOUND, &err);

    /* ...and A's view is intact (B's failed projection changed nothing). */
    must(genop_store_case_get(f->s, A, k, &row, e));
    assert_false(row.closed);
    must(genop_store_case_list(f->s, A, &any, &l, &total, e));
    assert_int_equal(l.n, 1);
    assert_int_equal(total, 1);
    genop_store_free_list(&l);
    must(genop_store_worklist(f->s, A, TODAY, 0, 0, &l, &total, e));
    assert_int_equal(l.n, 1);
    genop_store_free_list(&l);
    must(genop_store_access_log_list(f->s, A, cit, 0, 0, &l, &total_rows, e));
    assert_int_equal(l.n, 1);
    genop_store_free_list(&l);
}

static void test_append_only_in_database(void **state)
{
    fixture *f = *state;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    append_ok(f->s, A, k, "contacted", "2025-03-05", 0, f->user_a);
    genop_access_entry a = {.user_id = f->user_a, .citizen_id = cit};
    copy(a.username, sizeof a.username, "vis.aalborg");
    copy(a.municipality, sizeof a.municipality, A);
    copy(a.action, sizeof a.action, "read_citizen");
    must(genop_store_access_log_append(f->s, &a, e));

    sqlite3 *db = raw_open(f);
    const char *refused[] = {
        "UPDATE case_events SET event_date = '2025-03-04'",
        "UPDATE case_events SET body = '{}' WHERE id > 0",
        "DELETE FROM case_events",
        "UPDATE access_log SET purpose = 'skjult'",
        "DELETE FROM access_log WHERE id > 0",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        int rc = sqlite3_exec(db, refused[i], NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_CONSTRAINT)
            fail_msg("%s: expected SQLITE_CONSTRAINT, got %d (%s)", refused[i], rc,
                     sqlite3_errmsg(db));
        if (strstr(sqlite3_errmsg(db), "kan ikke") == NULL)
            fail_msg("%s: unexpected message %s", refused[i], sqlite3_errmsg(db));
    }
    assert_int_equal(raw_int(db, "SELECT count(*) FROM case_events"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM case_events WHERE event_date = '2025-03-05'"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM access_log WHERE purpose = ''"), 1);
    sqlite3_close(db);
}

static void test_rollback_leaves_nothing(void **state)
{
    fixture *f = *state;
    genop_error err;
    must(genop_store_begin(f->s, e));
    expect_fail(genop_store_begin(f->s, e), GENOP_EINVAL, &err);
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    append_ok(f->s, A, k, "contacted", "2025-03-05", 0, f->user_a);
    genop_open_deadline d = deadline("decision", "2025-03-03", "2025-03-17");
    must(genop_store_case_projection_set(f->s, A, k, false, &d, 1, e));
    genop_access_entry a = {.user_id = f->user_a, .citizen_id = cit, .case_id = k};
    copy(a.username, sizeof a.username, "vis.aalborg");
    copy(a.municipality, sizeof a.municipality, A);
    copy(a.action, sizeof a.action, "create_case");
    must(genop_store_access_log_append(f->s, &a, e));
    genop_store_rollback(f->s);
    genop_store_rollback(f->s);      /* harmless with no transaction */
    expect_fail(genop_store_commit(f->s, e), GENOP_EINVAL, &err);

    genop_case_row row;
    expect_fail(genop_store_case_get(f->s, A, k, &row, e), GENOP_ENOTFOUND, &err);
    sqlite3 *db = raw_open(f);
    const char *tables[] = {"citizens", "cases", "case_events", "open_deadlines", "access_log"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[100];
        assert_true(genop_bprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]));
        if (raw_int(db, sql) != 0)
            fail_msg("%s is not empty after rollback", tables[i]);
    }

    /* A failing write inside a transaction undoes only itself. */
    must(genop_store_begin(f->s, e));
    cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    expect_fail(genop_store_case_projection_set(f->s, A, k + 1, true, NULL, 0, e),
                GENOP_ENOTFOUND, &err);
    must(genop_store_commit(f->s, e));
    must(genop_store_case_get(f->s, A, k, &row, e));

    /* A projection that fails half-way, outside a transaction, leaves the
     * old projection whole. A trigger makes the second insert fail. */
    genop_open_deadline two[2] = {deadline("contact", "2025-03-03", "2025-03-10"),
                                  deadline("decision", "2025-03-03", "2025-03-24")};
    must(genop_store_case_projection_set(f->s, A, k, false, two, 2, e));
    raw_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON open_deadlines"
                 " WHEN NEW.deadline_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    genop_open_deadline bad[2] = {deadline("complaint", "2025-03-03", "2025-03-05"),
                                  deadline("boom", "2025-03-03", "2025-03-06")};
    expect_fail(genop_store_case_projection_set(f->s, A, k, false, bad, 2, e), GENOP_EINVAL, &err);
    raw_exec(db, "DROP TRIGGER boom");
    must(genop_store_case_get(f->s, A, k, &row, e));
    assert_false(row.closed);
    assert_true(row.has_next_due);
    assert_date_is(row.next_due, "2025-03-10");
    assert_int_equal(raw_int(db, "SELECT count(*) FROM open_deadlines"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM open_deadlines WHERE deadline_id = 'complaint'"), 0);
    sqlite3_close(db);
}

static void test_projection_and_worklist(void **state)
{
    fixture *f = *state;
    int64_t anna = add_citizen(f->s, A, "0101501111", "Anna");
    int64_t bo = add_citizen(f->s, A, "0202502222", "Bo");
    int64_t k1 = add_case(f->s, A, anna, GENOP_PARA_86_1, "2025-03-01");
    int64_t k2 = add_case(f->s, A, bo, GENOP_PARA_86_2, "2025-03-01");
    int64_t k3 = add_case(f->s, A, anna, GENOP_PARA_86_1, "2025-02-01");
    int64_t bc = add_citizen(f->s, B, "0303503333", "Carl");
    int64_t kb = add_case(f->s, B, bc, GENOP_PARA_86_1, "2025-01-01");

    genop_open_deadline d1[2] = {deadline("contact", "2025-03-01", "2025-03-10"),
                                 deadline("decision", "2025-03-01", "2025-03-20")};
    genop_open_deadline d2[2] = {deadline("contact", "2025-03-01", "2025-03-10"),
                                 deadline("assessment", "2025-03-01", "2025-03-05")};
    d2[1].paragraph = GENOP_PARA_86_2;
    copy(d2[1].label, sizeof d2[1].label, "Udredning");
    genop_open_deadline db_ = deadline("contact", "2025-01-01", "2025-01-02");
    /* k2's rows first, so their order of insertion is not the order of
     * the cases. */
    must(genop_store_case_projection_set(f->s, A, k2, false, d2, 2, e));
    must(genop_store_case_projection_set(f->s, A, k1, false, d1, 2, e));
    /* A closed case keeps what its projection gives it: here nothing. */
    must(genop_store_case_projection_set(f->s, A, k3, true, NULL, 0, e));
    must(genop_store_case_projection_set(f->s, B, kb, false, &db_, 1, e));

    genop_case_row row;
    must(genop_store_case_get(f->s, A, k1, &row, e));
    assert_true(row.has_next_due);
    assert_date_is(row.next_due, "2025-03-10");
    must(genop_store_case_get(f->s, A, k2, &row, e));
    assert_date_is(row.next_due, "2025-03-05");
    must(genop_store_case_get(f->s, A, k3, &row, e));
    assert_true(row.closed);

    /* Soonest first, then by case; the closed case k3 and B's case absent. */
    genop_list l;
    size_t total = 0;
    must(genop_store_worklist(f->s, A, TODAY, 0, 0, &l, &total, e));
    assert_int_equal(total, 4);
    assert_int_equal(l.n, 4);
    genop_open_deadline *w = l.items;
    assert_int_equal(w[0].case_id, k2);
    assert_string_equal(w[0].deadline_id, "assessment");
    assert_string_equal(w[0].label, "Udredning");
    assert_int_equal(w[0].paragraph, GENOP_PARA_86_2);
    assert_string_equal(w[0].citizen_name, "Bo");
    assert_int_equal(w[0].citizen_id, bo);
    assert_date_is(w[0].from, "2025-03-01");
    assert_date_is(w[0].due, "2025-03-05");
    assert_string_equal(w[0].source, "Kvalitetsstandard, afsnit 4");
    assert_int_equal(w[1].case_id, k1);
    assert_date_is(w[1].due, "2025-03-10");
    assert_string_equal(w[1].citizen_name, "Anna");
    assert_int_equal(w[2].case_id, k2);
    assert_date_is(w[2].due, "2025-03-10");
    assert_int_equal(w[3].case_id, k1);
    assert_string_equal(w[3].deadline_id, "decision");
    genop_store_free_list(&l);

    /* Paging keeps the total. */
    must(genop_store_worklist(f->s, A, TODAY, 2, 1, &l, &total, e));
    assert_int_equal(total, 4);
    assert_int_equal(l.n, 2);
    w = l.items;
    assert_int_equal(w[0].case_id, k1);
    assert_int_equal(w[1].case_id, k2);
    assert_date_is(w[1].due, "2025-03-10");
    genop_store_free_list(&l);
    must(genop_store_worklist(f->s, A, TODAY, 10, 4, &l, &total, e));
    assert_int_equal(total, 4);
    assert_int_equal(l.n, 0);
    genop_store_free_list(&l);

    /* A new projection replaces the old one; no open deadlines, no
     * next_due. */
    must(genop_store_case_projection_set(f->s, A, k1, false, &d1[1], 1, e));
    must(genop_store_case_projection_set(f->s, A, k2, false, NULL, 0, e));
    must(genop_store_case_get(f->s, A, k2, &row, e));
    assert_false(row.has_next_due);
    must(genop_store_worklist(f->s, A, TODAY, 0, 0, &l, &total, e));
    assert_int_equal(total, 1);
    assert_int_equal(l.n, 1);
    assert_string_equal(((genop_open_deadline *)l.items)[0].deadline_id, "decision");
    genop_store_free_list(&l);
}

static void test_case_list_filters(void **state)
{
    fixture *f = *state;
    int64_t anna = add_citizen(f->s, A, "0101501111", "Anna");
    int64_t bo = add_citizen(f->s, A, "0202502222", "Bo");
    int64_t k[5];
    k[0] = add_case(f->s, A, anna, GENOP_PARA_86_1, "2025-01-01");
    k[1] = add_case(f->s, A, bo, GENOP_PARA_86_2, "2025-01-02");
    k[2] = add_case(f->s, A, anna, GENOP_PARA_86_2, "2025-01-03");
    k[3] = add_case(f->s, A, bo, GENOP_PARA_86_1, "2025-01-04");
    k[4] = add_case(f->s, A, anna, GENOP_PARA_86_1, "2025-01-05");
    genop_open_deadline d = deadline("contact", "2025-01-01", "2025-02-01");
    must(genop_store_case_projection_set(f->s, A, k[0], false, &d, 1, e));
    d.due = date_of("2025-02-10");
    must(genop_store_case_projection_set(f->s, A, k[1], false, &d, 1, e));
    must(genop_store_case_projection_set(f->s, A, k[2], true, NULL, 0, e));
    d.due = date_of("2025-01-20");
    must(genop_store_case_projection_set(f->s, A, k[3], true, &d, 1, e));

    struct {
        genop_case_filter f;
        size_t total;
        int64_t first[5];
        size_t n;
    } cases[] = {
        {{.closed = -1}, 5, {k[4], k[3], k[2], k[1], k[0]}, 5},
        {{.closed = 0}, 3, {k[4], k[1], k[0]}, 3},
        {{.closed = 1}, 2, {k[3], k[2]}, 2},
        {{.closed = -1, .paragraph = GENOP_PARA_86_2}, 2, {k[2], k[1]}, 2},
        {{.closed = -1, .has_due_before = true, .due_before = date_of("2025-02-10")},
         2, {k[3], k[0]}, 2},
        {{.closed = 0, .has_due_before = true, .due_before = date_of("2025-02-11")},
         2, {k[1], k[0]}, 2},
        {{.closed = -1, .citizen_id = bo}, 2, {k[3], k[1]}, 2},
        {{.closed = -1, .citizen_id = anna, .paragraph = GENOP_PARA_86_1}, 2, {k[4], k[0]}, 2},
        {{.closed = -1, .limit = 2, .offset = 1}, 5, {k[3], k[2]}, 2},
        {{.closed = -1, .limit = 2, .offset = 4}, 5, {k[0]}, 1},
        {{.closed = -1, .offset = 9}, 5, {0}, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_list l;
        size_t total = 0;
        must(genop_store_case_list(f->s, A, &cases[i].f, &l, &total, e));
        if (total != cases[i].total || l.n != cases[i].n)
            fail_msg("filter %zu: total %zu n %zu, expected %zu and %zu", i, total, l.n,
                     cases[i].total, cases[i].n);
        genop_case_summary *rows = l.items;
        for (size_t j = 0; j < l.n; j++) {
            if (rows[j].c.id != cases[i].first[j])
                fail_msg("filter %zu row %zu: case %lld, expected %lld", i, j,
                         (long long)rows[j].c.id, (long long)cases[i].first[j]);
            assert_string_equal(rows[j].citizen_name, rows[j].c.citizen_id == anna ? "Anna" : "Bo");
            assert_string_equal(rows[j].c.municipality, A);
        }
        genop_store_free_list(&l);
    }
}

static void test_access_log(void **state)
{
    size_t total_rows = 0;
    fixture *f = *state;
    genop_error err;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t other = add_citizen(f->s, A, "0202502222", "Bo");
    genop_access_entry a = {.user_id = f->user_a, .citizen_id = cit};
    copy(a.username, sizeof a.username, "vis.aalborg");
    copy(a.municipality, sizeof a.municipality, A);
    copy(a.action, sizeof a.action, "read_citizen");
    copy(a.purpose, sizeof a.purpose, "Visitation");
    must(genop_store_access_log_append(f->s, &a, e));
    int64_t first = a.id;
    assert_timestamp(a.time);

    genop_access_entry b = a;
    b.time[0] = '\0';
    b.case_id = 77;                 /* a case that does not exist is logged too */
    copy(b.action, sizeof b.action, "read_case");
    must(genop_store_access_log_append(f->s, &b, e));
    genop_access_entry given = a;  /* a caller's own time is kept */
    copy(given.time, sizeof given.time, "2025-01-01T00:00:00.000Z");
    given.citizen_id = other;
    must(genop_store_access_log_append(f->s, &given, e));
    assert_string_equal(given.time, "2025-01-01T00:00:00.000Z");

    genop_list l;
    must(genop_store_access_log_list(f->s, A, cit, 0, 0, &l, &total_rows, e));
    assert_int_equal(l.n, 2);
    assert_int_equal(total_rows, 2);
    genop_access_entry *rows = l.items;
    assert_int_equal(rows[0].id, b.id);        /* newest first */
    assert_int_equal(rows[0].case_id, 77);
    assert_string_equal(rows[0].action, "read_case");
    assert_int_equal(rows[1].id, first);
    assert_int_equal(rows[1].case_id, 0);
    assert_int_equal(rows[1].user_id, f->user_a);
    assert_int_equal(rows[1].citizen_id, cit);
    assert_string_equal(rows[1].username, "vis.aalborg");
    assert_string_equal(rows[1].municipality, A);
    assert_string_equal(rows[1].purpose, "Visitation");
    assert_string_equal(rows[1].time, a.time);
    genop_store_free_list(&l);

    /* A page: the second newest alone, with the total of all. */
    must(genop_store_access_log_list(f->s, A, cit, 1, 1, &l, &total_rows, e));
    assert_int_equal(l.n, 1);
    assert_int_equal(total_rows, 2);
    assert_int_equal(((genop_access_entry *)l.items)[0].id, first);
    genop_store_free_list(&l);
    must(genop_store_access_log_list(f->s, A, cit, 5, 2, &l, &total_rows, e));
    assert_int_equal(l.n, 0);
    assert_int_equal(total_rows, 2);
    genop_store_free_list(&l);

    /* A read logged earlier but imported later (the journal of reads)
     * lists by its time: last, as the oldest. */
    genop_access_entry late = a;
    copy(late.time, sizeof late.time, "2020-06-30T23:59:59.999Z");
    must(genop_store_access_log_append(f->s, &late, e));
    must(genop_store_access_log_list(f->s, A, cit, 0, 0, &l, &total_rows, e));
    assert_int_equal(l.n, 3);
    assert_int_equal(((genop_access_entry *)l.items)[0].id, b.id);
    assert_int_equal(((genop_access_entry *)l.items)[2].id, late.id);
    genop_store_free_list(&l);

    copy(a.action, sizeof a.action, "");
    expect_fail(genop_store_access_log_append(f->s, &a, e), GENOP_EINVAL, &err);
}

/* A case's kept answer: none at first; stored, it comes back whole with
 * the case's newest event beside the one it was made from; replaced by
 * the next; never across municipalities. */
static void test_case_answer(void **state)
{
    fixture *f = *state;
    genop_error err;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_1, "2025-03-03");
    int64_t e1 = append_ok(f->s, A, k, "referral_received", "2025-03-03", 0, f->user_a);
    genop_case_answer got;
    expect_fail(genop_store_case_answer_get(f->s, A, k, &got, e), GENOP_ENOTFOUND, &err);

    unsigned char view[5] = {1, 0, 2, 0, 3};      /* bytes, NULs included */
    genop_case_answer a = {.last_event_id = e1, .view_format = 7, .view = view,
                           .view_len = sizeof view, .case_json = "{\"id\":1}",
                           .events_json = "[{\"æ\":\"ø\"}]"};
    must(genop_store_case_answer_set(f->s, A, k, &a, e));
    must(genop_store_case_answer_get(f->s, A, k, &got, e));
    assert_int_equal(got.last_event_id, e1);
    assert_int_equal(got.newest_event_id, e1);
    assert_int_equal(got.view_format, 7);
    assert_int_equal(got.view_len, sizeof view);
    assert_memory_equal(got.view, view, sizeof view);
    assert_string_equal(got.case_json, "{\"id\":1}");
    assert_string_equal(got.events_json, "[{\"æ\":\"ø\"}]");
    genop_case_answer_release(&got);

    /* A newer event: the kept answer says it is behind. */
    int64_t e2 = append_ok(f->s, A, k, "contacted", "2025-03-05", 0, f->user_a);
    must(genop_store_case_answer_get(f->s, A, k, &got, e));
    assert_int_equal(got.last_event_id, e1);
    assert_int_equal(got.newest_event_id, e2);
    genop_case_answer_release(&got);
    a.last_event_id = e2;
    a.view_len = 0;
    must(genop_store_case_answer_set(f->s, A, k, &a, e));
    must(genop_store_case_answer_get(f->s, A, k, &got, e));
    assert_int_equal(got.last_event_id, e2);
    assert_int_equal(got.view_len, 0);
    genop_case_answer_release(&got);

    expect_fail(genop_store_case_answer_get(f->s, B, k, &got, e), GENOP_ENOTFOUND, &err);
    /* Another municipality's case cannot be given an answer. */
    expect_fail(genop_store_case_answer_set(f->s, B, k, &a, e), GENOP_EINVAL, &err);
}

/* A batch of imported reads is claimed once; a rolled-back claim is not. */
static void test_access_batch_claim(void **state)
{
    fixture *f = *state;
    genop_error err;
    bool claimed = false;
    must(genop_store_begin(f->s, e));
    must(genop_store_access_batch_claim(f->s, "0123abcd", 3, &claimed, e));
    assert_true(claimed);
    genop_store_rollback(f->s);
    must(genop_store_begin(f->s, e));
    must(genop_store_access_batch_claim(f->s, "0123abcd", 3, &claimed, e));
    assert_true(claimed);
    must(genop_store_commit(f->s, e));
    must(genop_store_access_batch_claim(f->s, "0123abcd", 3, &claimed, e));
    assert_false(claimed);
    must(genop_store_access_batch_claim(f->s, "0123abce", 0, &claimed, e));
    assert_true(claimed);
    expect_fail(genop_store_access_batch_claim(f->s, "", 0, &claimed, e), GENOP_EINVAL, &err);
    char long_id[80];
    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    expect_fail(genop_store_access_batch_claim(f->s, long_id, 0, &claimed, e), GENOP_ETOOBIG,
                &err);
}

static void test_bounded_strings(void **state)
{
    size_t total_rows = 0;
    fixture *f = *state;
    genop_error err;
    genop_citizen c;
    memset(&c, 0, sizeof c);
    copy(c.municipality, sizeof c.municipality, A);
    copy(c.cpr, sizeof c.cpr, "0105401234");
    c.birth_date = date_of("1940-05-01");
    memset(c.name, 'x', sizeof c.name - 1);   /* the longest name that fits */
    bool created;
    must(find_or_create(f->s, &c, &created, e));
    genop_citizen g;
    must(genop_store_citizen_get(f->s, A, c.id, &g, e));
    assert_int_equal(strlen(g.name), sizeof g.name - 1);

    memset(c.name, 'x', sizeof c.name);        /* no NUL: refused, not read past */
    copy(c.cpr, sizeof c.cpr, "0202502222");
    expect_fail(find_or_create(f->s, &c, &created, e), GENOP_ETOOBIG, &err);
    assert_message_contains(err, "navnet");

    /* Longer text written by someone else is cut at a whole character. */
    sqlite3 *db = raw_open(f);
    raw_exec(db, "UPDATE citizens SET name = replace(printf('%.300c', 'x'), 'x', 'æ')");
    must(genop_store_citizen_get(f->s, A, c.id, &g, e));
    assert_int_equal(strlen(g.name), 126);     /* 63 two-byte characters */
    assert_int_equal((unsigned char)g.name[124], 0xC3);
    assert_int_equal((unsigned char)g.name[125], 0xA6);

    /* An identifier that does not fit is an error, never cut. */
    char sql[400];
    assert_true(genop_bprintf(sql, sizeof sql,
                              "INSERT INTO access_log (time, username, municipality, citizen_id,"
                              " action) VALUES ('2025-01-01T00:00:00.000Z', 'x', 'aalborg', %lld,"
                              " printf('%%.40c', 'a'))",
                              (long long)c.id));
    raw_exec(db, sql);
    sqlite3_close(db);
    genop_list l;
    expect_fail(genop_store_access_log_list(f->s, A, c.id, 0, 0, &l, &total_rows, e),
                GENOP_ETOOBIG, &err);
    assert_message_contains(err, "handlingen");
    assert_null(l.items);
}

/* Commits a handle's open transaction after a pause, from another thread. */
typedef struct committer {
    genop_store *s;
    genop_err err;
} committer;

static void *commit_later(void *arg)
{
    committer *c = arg;
    sleep_ms(300);
    c->err = genop_store_commit(c->s, NULL);
    return NULL;
}

static void test_two_handles(void **state)
{
    fixture *f = *state;
    genop_store *other = NULL;
    must(genop_store_open(f->path, NULL, &other, e));

    /* One writes in a transaction; the other reads meanwhile, unblocked,
     * and sees only what was committed. */
    must(genop_store_begin(f->s, e));
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    double t0 = now_seconds();
    genop_citizen g;
    genop_error err;
    expect_fail(genop_store_citizen_get(other, A, cit, &g, e), GENOP_ENOTFOUND, &err);
    genop_list l;
    size_t total = 1;
    genop_case_filter any = {.closed = -1};
    must(genop_store_case_list(other, A, &any, &l, &total, e));
    assert_int_equal(total, 0);
    genop_store_free_list(&l);
    assert_true(now_seconds() - t0 < 1.0);

    /* The other's write waits for the first to commit (busy timeout). */
    committer c = {f->s, GENOP_EIO};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, commit_later, &c), 0);
    t0 = now_seconds();
    must(genop_store_begin(other, e));
    double waited = now_seconds() - t0;
    pthread_join(th, NULL);
    assert_int_equal(c.err, GENOP_OK);
    assert_true(waited > 0.1);
    must(genop_store_citizen_get(other, A, cit, &g, e));
    int64_t k = add_case(other, A, cit, GENOP_PARA_86_1, "2025-03-03");
    must(genop_store_commit(other, e));

    genop_case_row row;
    must(genop_store_case_get(f->s, A, k, &row, e));
    genop_store_close(other);
}

/* Copies the file at from to to (byte for byte). */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* A read transaction sees one moment: another handle's commit after its
 * first read stays invisible until it ends. A GENOP_COMMIT_LOGGED handle's
 * commits are seen by others at once, and a flush leaves the log empty
 * (everything folded into the database file). */
static void test_read_snapshot_logged_commit_and_flush(void **state)
{
    fixture *f = *state;
    genop_store_options logged = {.commit_mode = GENOP_COMMIT_LOGGED, .flushed_by_owner = true};
    genop_store *writer = NULL;
    must(genop_store_open(f->path, &logged, &writer, e));
    int64_t first = add_citizen(writer, A, "0105401234", "Karen Hansen");

    genop_citizen g;
    genop_error err;
    must(genop_store_begin_read(f->s, e));
    must(genop_store_citizen_get(f->s, A, first, &g, e));
    int64_t second = add_citizen(writer, A, "0202502222", "Bo");
    expect_fail(genop_store_citizen_get(f->s, A, second, &g, e), GENOP_ENOTFOUND, &err);
    expect_fail(genop_store_begin_read(f->s, e), GENOP_EINVAL, &err);   /* not nested */
    must(genop_store_commit(f->s, e));
    must(genop_store_citizen_get(f->s, A, second, &g, e));
    assert_string_equal(g.name, "Bo");

    /* After a flush the database file alone holds the commit: a copy of
     * it without its log has the second citizen. */
    must(genop_store_flush(writer, e));
    char copy_path[320];
    snprintf(copy_path, sizeof copy_path, "%s/copy.db", f->dir);
    copy_file(f->path, copy_path);
    genop_store *copied = NULL;
    must(genop_store_open(copy_path, NULL, &copied, e));
    must(genop_store_citizen_get(copied, A, second, &g, e));
    genop_store_close(copied);
    genop_store_close(writer);
}

/* The frames in the WAL of db, as a passive checkpoint (made here)
 * counts them. */
static int wal_frames(sqlite3 *db)
{
    int frames = -1;
    assert_int_equal(sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames,
                                               NULL), SQLITE_OK);
    return frames;
}

/* Holds the write lock of the database at path for a moment: begins a
 * write, signals `begun`, waits 200 ms and commits one more row. */
typedef struct late_writer {
    const char *path;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool begun;
    int rc;
} late_writer;

static void *write_late(void *arg)
{
    late_writer *w = arg;
    sqlite3 *db = NULL;
    w->rc = sqlite3_open_v2(w->path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (w->rc == SQLITE_OK)
        w->rc = sqlite3_exec(db, "PRAGMA wal_autocheckpoint = 0; BEGIN IMMEDIATE;"
                             " INSERT INTO scratch VALUES (randomblob(3000));", NULL, NULL, NULL);
    pthread_mutex_lock(&w->lock);
    w->begun = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    sleep_ms(200);
    if (w->rc == SQLITE_OK)
        w->rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    return NULL;
}

/* A flush starts a long WAL over even when a commit lands while it
 * copies: a passive checkpoint alone copies the frames there were, but
 * the log can start over only when a writer finds all of its frames
 * copied, and under writes without a pause that never happens, so the WAL
 * would grow without end (it did). A short WAL is left to the passive
 * checkpoint and the next writer. */
static void test_flush_restarts_a_long_wal(void **state)
{
    fixture *f = *state;
    genop_store_options owned = {.commit_mode = GENOP_COMMIT_DURABLE, .flushed_by_owner = true,
                                 .wal_restart_pages = 1000};
    genop_store *flusher = NULL;
    must(genop_store_open(f->path, &owned, &flusher, e));
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA wal_autocheckpoint = 0; CREATE TABLE scratch (b);"
                                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                                  " FROM n WHERE i < 1500)"
                                  " INSERT INTO scratch SELECT randomblob(3000) FROM n;",
                                  NULL, NULL, NULL), SQLITE_OK);
    /* (Its length tells; counting its frames would checkpoint it.) */
    char wal[320];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    FILE *wf = fopen(wal, "rb");
    assert_non_null(wf);
    fseek(wf, 0, SEEK_END);
    assert_true(ftell(wf) > 1000L * 4096);
    fclose(wf);

    /* Another connection holds the write lock while the flush begins and
     * commits a row after the passive checkpoint has copied. */
    late_writer w = {.path = f->path};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.cond, NULL);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, write_late, &w), 0);
    pthread_mutex_lock(&w.lock);
    while (!w.begun)
        pthread_cond_wait(&w.cond, &w.lock);
    pthread_mutex_unlock(&w.lock);
    must(genop_store_flush(flusher, e));
    pthread_join(th, NULL);
    assert_int_equal(w.rc, SQLITE_OK);

    /* The next write starts the WAL over: it holds that write alone. */
    assert_int_equal(sqlite3_exec(db, "INSERT INTO scratch VALUES (1)", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_true(wal_frames(db) < 10);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM scratch"), 1502);

    /* A short WAL: the flush copies it and leaves it as it is. */
    must(genop_store_flush(flusher, e));
    assert_true(wal_frames(db) > 0);
    pthread_cond_destroy(&w.cond);
    pthread_mutex_destroy(&w.lock);
    sqlite3_close(db);
    genop_store_close(flusher);
}

/* A VFS that counts the syncs of main database files and passes every
 * call on to the default VFS: opened files keep the default's file object
 * and methods, but for xSync, which counts first. Registered as the
 * default for one test, then unregistered. */
struct sync_counter {
    sqlite3_io_methods methods;        /* first: file->pMethods points here */
    const sqlite3_io_methods *real;
    sqlite3_vfs vfs;
    sqlite3_vfs *base;
    int main_db_syncs;
    int other_methods;                 /* main files the shim could not count */
    bool fail_syncs;                   /* answer the counted syncs with SQLITE_IOERR_FSYNC */
};

static int counted_sync(sqlite3_file *file, int flags)
{
    sync_counter *c = (sync_counter *)(void *)file->pMethods;
    c->main_db_syncs++;
    return c->fail_syncs ? SQLITE_IOERR_FSYNC : c->real->xSync(file, flags);
}

static int counting_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                         int *out_flags)
{
    sync_counter *c = vfs->pAppData;
    int rc = c->base->xOpen(c->base, name, file, flags, out_flags);
    if (rc != SQLITE_OK || !(flags & SQLITE_OPEN_MAIN_DB) || file->pMethods == NULL)
        return rc;
    if (c->real == NULL) {
        c->real = file->pMethods;
        c->methods = *file->pMethods;
        c->methods.xSync = counted_sync;
    }
    if (file->pMethods != c->real) {   /* (no assert here: inside SQLite's call) */
        c->other_methods++;
        return rc;
    }
    file->pMethods = &c->methods;
    return rc;
}

/* Makes a sync counter the default VFS; the caller removes it with
 * sync_counter_remove(). */
static sync_counter *sync_counter_add(void)
{
    sync_counter *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->base = sqlite3_vfs_find(NULL);
    assert_non_null(c->base);
    c->vfs = *c->base;
    c->vfs.zName = "genop-test-sync-counter";
    c->vfs.pAppData = c;
    c->vfs.xOpen = counting_open;
    c->vfs.pNext = NULL;
    if (sqlite3_vfs_register(&c->vfs, 1) != SQLITE_OK) {
        free(c);
        fail_msg("could not register the sync counter");
    }
    return c;
}

/* Makes the VFS before c the default again and frees c (NULL is allowed).
 * Every connection opened through c must be closed. */
static void sync_counter_remove(sync_counter *c)
{
    if (c == NULL)
        return;
    sqlite3_vfs_unregister(&c->vfs);
    sqlite3_vfs_register(c->base, 1);
    free(c);
}

/* A WAL that a flush can copy only in part: a flusher handle, a writer
 * that committed twice, and a reader whose open snapshot ends between the
 * two commits; syncs counted by a shim (the fixture's, removed by
 * teardown). Closed with pinned_wal_close(). */
typedef struct pinned_wal {
    sync_counter *syncs;
    genop_store *flusher;
    sqlite3 *writer, *reader;
} pinned_wal;

static void pin_wal(fixture *f, pinned_wal *p)
{
    *p = (pinned_wal){.syncs = f->syncs = sync_counter_add()};
    genop_store_options owned = {.commit_mode = GENOP_COMMIT_DURABLE, .flushed_by_owner = true};
    must(genop_store_open(f->path, &owned, &p->flusher, e));
    assert_int_equal(sqlite3_open_v2(f->path, &p->writer, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_open_v2(f->path, &p->reader, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    raw_exec(p->writer, "PRAGMA wal_autocheckpoint = 0; CREATE TABLE scratch (b);"
                        " INSERT INTO scratch VALUES (randomblob(20000));");
    raw_exec(p->reader, "BEGIN");
    assert_int_equal(raw_int(p->reader, "SELECT count(*) FROM scratch"), 1);
    raw_exec(p->writer, "INSERT INTO scratch VALUES (randomblob(20000))");
}

static void pinned_wal_close(pinned_wal *p)
{
    sqlite3_close(p->reader);
    sqlite3_close(p->writer);
    genop_store_close(p->flusher);
}

/* A flush whose checkpoint copies part of the WAL (a reader still needs
 * the rest) syncs the database file itself: SQLite syncs it only in a
 * checkpoint that copies the last frame, and under steady writes the
 * flusher's rarely does, so the copied pages waited unsynced until the
 * restart, which then held writers back for ~250 ms (README). A flush
 * with nothing new copied does not sync again. */
static void test_flush_syncs_a_partial_copy(void **state)
{
    fixture *f = *state;
    pinned_wal p;
    pin_wal(f, &p);
    sync_counter *c = p.syncs;

    int before = c->main_db_syncs;
    must(genop_store_flush(p.flusher, e));
    assert_int_equal(c->main_db_syncs, before + 1);
    must(genop_store_flush(p.flusher, e));                /* nothing new */
    assert_int_equal(c->main_db_syncs, before + 1);

    /* With the reader gone, the rest is copied and synced (by SQLite, and
     * again by the flush, which cannot tell); a flush after that, with
     * nothing new, syncs nothing. */
    raw_exec(p.reader, "COMMIT");
    must(genop_store_flush(p.flusher, e));
    int after = c->main_db_syncs;
    assert_true(after >= before + 2);
    must(genop_store_flush(p.flusher, e));
    assert_int_equal(c->main_db_syncs, after);
    assert_int_equal(raw_int(p.reader, "SELECT count(*) FROM scratch"), 2);
    assert_int_equal(c->other_methods, 0);

    pinned_wal_close(&p);
}

/* A database file that cannot be synced fails the flush with a message
 * that says so; what was committed stays readable, and the next flush
 * syncs what the failed one could not. */
static void test_flush_reports_a_failed_sync(void **state)
{
    fixture *f = *state;
    pinned_wal p;
    pin_wal(f, &p);
    sync_counter *c = p.syncs;

    c->fail_syncs = true;
    genop_error err;
    expect_fail(genop_store_flush(p.flusher, e), GENOP_EIO, &err);
    assert_non_null(strstr(err.message, "databasefilen kunne ikke skrives til disken"));
    c->fail_syncs = false;
    int before = c->main_db_syncs;
    must(genop_store_flush(p.flusher, e));
    assert_int_equal(c->main_db_syncs, before + 1);
    raw_exec(p.reader, "COMMIT");
    assert_int_equal(raw_int(p.reader, "SELECT count(*) FROM scratch"), 2);

    pinned_wal_close(&p);
}

/* Opens (and so creates and migrates) a store, from a thread. */
typedef struct opener {
    const char *path;
    genop_store *s;
    genop_err err;
    genop_error e;
} opener;

static void *open_store(void *arg)
{
    opener *o = arg;
    o->err = genop_store_open(o->path, NULL, &o->s, &o->e);
    return NULL;
}

/* Server threads open their handles at once on a file that may be new:
 * each must succeed and the schema must be built exactly once. */
static void test_concurrent_first_open(void **state)
{
    fixture *f = *state;
    char path[400];
    assert_true(genop_bprintf(path, sizeof path, "%s/fresh.db", f->dir));
    enum { N = 8 };
    opener o[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        memset(&o[i], 0, sizeof o[i]);
        o[i].path = path;
        assert_int_equal(pthread_create(&th[i], NULL, open_store, &o[i]), 0);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < N; i++)
        if (o[i].err)
            fail_msg("handle %d: %s", i, o[i].e.message);
    must(genop_store_municipality_ensure(o[0].s, A, 851, "Aalborg Kommune", e));
    must(genop_store_municipality_ensure(o[N - 1].s, A, 851, "Aalborg Kommune", e));
    for (int i = 0; i < N; i++)
        genop_store_close(o[i].s);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM municipalities"), 1);
    sqlite3_close(db);
}

typedef struct log_writer {
    const char *path;
    int64_t user;
    volatile int stop;
    int commits;
    genop_err err;
    genop_error e;
} log_writer;

/* Commits access-log rows through a handle of its own until told to stop. */
static void *write_log_rows(void *arg)
{
    log_writer *w = arg;
    genop_store *s = NULL;
    if ((w->err = genop_store_open(w->path, NULL, &s, &w->e)))
        return NULL;
    genop_access_entry a = {.user_id = w->user, .citizen_id = 1};
    copy(a.username, sizeof a.username, "vis.aalborg");
    copy(a.municipality, sizeof a.municipality, A);
    copy(a.action, sizeof a.action, "case.read");
    while (!w->stop && !w->err) {
        a.time[0] = '\0';
        w->err = genop_store_access_log_append(s, &a, &w->e);
        w->commits++;
    }
    genop_store_close(s);
    return NULL;
}

/* A write of several statements (token revoke: look up, then delete) run
 * while another connection commits all the time waits for the lock
 * instead of failing with "database is locked". */
static void test_unit_waits_for_other_writers(void **state)
{
    fixture *f = *state;
    log_writer w = {.path = f->path, .user = f->user_a};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, write_log_rows, &w), 0);
    int revoked = 0;
    double t0 = now_seconds();
    for (int i = 0; i < 400 && now_seconds() - t0 < 3.0; i++) {
        unsigned char hash[GENOP_TOKEN_HASH_SIZE] = {(unsigned char)(i >> 8), (unsigned char)i, 7};
        char id[GENOP_TOKEN_ID_SIZE];
        snprintf(id, sizeof id, "%02x%02x07000000", (unsigned)(i >> 8) & 0xff, (unsigned)i & 0xff);
        must(genop_store_token_create(f->s, hash, f->user_a, "travl", e));
        genop_error err;
        genop_error_clear(&err);
        if (genop_store_token_revoke(f->s, id, &err) != GENOP_OK) {
            w.stop = 1;
            pthread_join(th, NULL);
            fail_msg("revoke %d while another connection writes: %s", i, err.message);
        }
        revoked++;
    }
    w.stop = 1;
    pthread_join(th, NULL);
    if (w.err)
        fail_msg("the other writer: %s", w.e.message);
    assert_true(revoked > 0 && w.commits > 0);
    print_message("# %d revokes beside %d commits of another connection\n", revoked, w.commits);
}

static void test_append_throughput(void **state)
{
    fixture *f = *state;
    int64_t cit = add_citizen(f->s, A, "0105401234", "Karen Hansen");
    int64_t k = add_case(f->s, A, cit, GENOP_PARA_86_2, "2025-03-03");
    const size_t max = 2000;
    const double budget = 3.0;
    char body[] = "{\"type\":\"session\",\"date\":\"2025-03-10\",\"minutes\":30,\"outcome\":\"attended\"}";
    size_t n = 0;
    double t0 = now_seconds(), t = t0;
    while (n < max && t - t0 < budget) {
        genop_event_row ev = {.case_id = k, .date = date_of("2025-03-10"), .body = body,
                              .author_id = f->user_a};
        copy(ev.type, sizeof ev.type, "session");
        must(genop_store_begin(f->s, e));
        must(genop_store_event_append(f->s, A, &ev, e));
        must(genop_store_commit(f->s, e));
        n++;
        t = now_seconds();
    }
    printf("# durable event appends: %zu in %.2f s = %.0f/s "
           "(each its own transaction, synchronous=FULL, %s)\n",
           n, t - t0, (double)n / (t - t0), f->dir);
    genop_list l;
    must(genop_store_events_list(f->s, A, k, &l, e));
    assert_int_equal(l.n, n);
    genop_store_free_events(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_migrate_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_municipality_ensure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_users_and_logins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sessions_and_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_citizens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cases_and_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tenant_isolation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_append_only_in_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_projection_and_worklist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access_batch_claim, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_waits_for_other_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounded_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_restarts_a_long_wal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_syncs_a_partial_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_reports_a_failed_sync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_snapshot_logged_commit_and_flush, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_first_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_append_throughput, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
