/*
 * test_store_open.c - opening a store: by its location (sqlite:PATH or a
 * bare path; any other scheme is refused in Danish, naming the location
 * and the schemes genop knows); and databases made before: the store's
 * migrations (.sql files embedded at build time) bring a database of
 * schema version 1 up to the newest and every row reads back; a database genop made before
 * the store was split by record kind opens and reads back as it was; both
 * end with exactly the schema a new database gets; and a database from a
 * newer genop is refused with a Danish message and left as it was.
 *
 * The databases are made from SQL fixtures in tests/unit/fixtures
 * (GENOP_TEST_FIXTURES): store_v1.sql holds the first schema's text as the
 * old code held it, and rows; store_v5.sql is a dump of a database the old
 * code made through `genop serve`. Migrated, the citizens of both are
 * found by the words of their names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "test_helpers.h"

#include "standard.h"
#include "store.h"

/* The newest schema version (migrations/ holds 0001 ... 0010). */
#define SCHEMA_VERSION 20

typedef struct fixture {
    char dir[64];
    char path[96];        /* the database made from a fixture */
    char fresh[96];       /* a new database, for its schema */
    genop_store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-migrate-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/old.db", f->dir);
    snprintf(f->fresh, sizeof f->fresh, "%s/new.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    genop_store_close(f->s);
    const char *suffixes[] = {"", "-wal", "-shm"};
    char p[160];
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->fresh, suffixes[i]);
        unlink(p);
    }
    remove_test_db(f->dir, "old.db");
    free(f);
    return 0;
}

/* The whole of fixture file name, NUL-terminated; the caller frees it. */
static char *read_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", GENOP_TEST_FIXTURES, name);
    FILE *in = fopen(path, "rb");
    if (!in)
        fail_msg("fixture %s cannot be opened", path);
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
        if (len + got + 1 > cap) {
            cap = 2 * (len + got + 1);
            text = realloc(text, cap);
            assert_non_null(text);
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(in);
    assert_non_null(text);
    text[len] = '\0';
    return text;
}

/* Makes the database at path from a fixture's SQL, as plain SQLite. */
static void make_from_fixture(const char *path, const char *name)
{
    char *sql = read_fixture(name);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("fixture %s: %s", name, msg ? msg : "?");
    sqlite3_close(db);
    free(sql);
}

/* An integer a query on the file at path answers. */
static int raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

/* The schema of the file at path as text, one object a line, by name;
 * the caller frees it. */
static char *schema_of(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(type || ' ' || name || ' ' ||"
                                        " tbl_name || ': ' || coalesce(sql, ''), char(10))"
                                        " FROM (SELECT * FROM sqlite_schema ORDER BY name)",
                                        -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char *text = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_non_null(text);
    return text;
}

/* The schema of f->path is the one a new database gets. */
static void assert_schema_is_fresh(fixture *f)
{
    genop_store *fresh = NULL;
    must(genop_store_open(f->fresh, NULL, &fresh, e));
    genop_store_close(fresh);
    char *want = schema_of(f->fresh), *got = schema_of(f->path);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void check_v1_accounts(genop_store *s)
{
    genop_user_auth ua;
    must(genop_store_user_auth_get(s, "vis.aalborg", &ua, e));
    assert_int_equal(ua.user.id, 1);
    assert_int_equal(ua.user.role, GENOP_ROLE_VISITATOR);
    assert_int_equal(ua.failed_logins, 2);
    unsigned char token[GENOP_TOKEN_HASH_SIZE];
    for (size_t i = 0; i < sizeof token; i++)
        token[i] = (unsigned char)"\xab\xcd\xef\x01\x23\x45\x67\x89"[i % 8];
    genop_user u;
    must(genop_store_token_get(s, token, &u, e));
    assert_string_equal(u.username, "vis.nyborg");
    assert_string_equal(u.municipality, "nyborg");
}

static void check_v1_citizens_and_cases(genop_store *s)
{
    genop_error err;
    genop_citizen c;
    must(genop_store_citizen_get(s, "aalborg", 1, &c, e));
    assert_string_equal(c.name, "Inger Hansen");
    assert_string_equal(c.relatives, "datter: Eva");
    assert_date_is(c.birth_date, "1903-02-01");
    assert_int_equal(c.municipality_code, 851);      /* migration 3 */
    must(genop_store_citizen_get(s, "nyborg", 3, &c, e));
    assert_int_equal(c.municipality_code, 450);
    assert_int_equal(genop_store_citizen_get(s, "nyborg", 1, &c, &err), GENOP_ENOTFOUND);

    genop_case_row row;
    must(genop_store_case_get(s, "aalborg", 2, &row, e));
    assert_true(row.closed);
    assert_false(row.has_next_due);
    assert_int_equal(row.paragraph, GENOP_PARA_86_2);
    must(genop_store_case_get(s, "aalborg", 1, &row, e));
    assert_date_is(row.next_due, "2025-01-14");
    assert_string_equal(row.created_at, "2025-01-02T08:00:00.000Z");

    /* Migration 6: a closed case's stage is known; names by their words. */
    genop_list l;
    size_t total;
    genop_case_filter closed = {.closed = -1, .stage = GENOP_STAGE_CLOSED};
    must(genop_store_case_list(s, "aalborg", &closed, &l, &total, e));
    assert_int_equal(total, 1);
    assert_int_equal(((genop_case_summary *)l.items)[0].c.id, 2);
    genop_store_free_list(&l);
    genop_case_search inger = {.n_words = 1, .words = {"inger"}};
    genop_case_filter found = {.closed = -1, .search = &inger};
    must(genop_store_case_list(s, "nyborg", &found, &l, &total, e));
    assert_int_equal(total, 1);                      /* its own Inger, not Aalborg's */
    assert_int_equal(((genop_case_summary *)l.items)[0].c.id, 3);
    genop_store_free_list(&l);
    must(genop_store_citizen_search(s, "aalborg", &inger, 0, 0, &l, &total, e));
    assert_int_equal(total, 1);
    assert_int_equal(((genop_citizen_hit *)l.items)[0].id, 1);
    genop_store_free_list(&l);
}

static void check_v1_events(genop_store *s)
{
    genop_list l;
    size_t total;
    must(genop_store_events_list(s, "aalborg", 1, &l, e));
    assert_int_equal(l.n, 3);
    genop_event_row *ev = l.items;
    assert_int_equal(ev[2].corrects, 2);
    assert_string_equal(ev[2].author, "vis.aalborg");
    assert_string_equal(ev[1].body, "{\"type\":\"contacted\",\"date\":\"2025-01-03\"}");
    genop_store_free_events(&l);

    /* Migration 2: the closed case's open deadline is gone. Migration 8:
     * the one left is a deadline, on the list from its start. */
    must(genop_store_worklist(s, "aalborg", date_of("2030-01-01"), 0, 0, &l, &total, e));
    assert_int_equal(total, 1);
    const genop_open_deadline *d = l.items;
    assert_int_equal(d[0].case_id, 1);
    assert_string_equal(d[0].citizen_name, "Inger Hansen");
    assert_false(d[0].task);
    assert_string_equal(d[0].limit_id, "");
    assert_int_equal(d[0].listed_from, d[0].from);
    genop_store_free_list(&l);

    genop_event_row next = {.case_id = 1, .date = date_of("2025-01-06"), .author_id = 2};
    snprintf(next.type, sizeof next.type, "assessment");
    next.body = "{\"type\":\"assessment\",\"date\":\"2025-01-06\"}";
    must(genop_store_event_append(s, "aalborg", &next, e));
    assert_int_equal(next.id, 6);
    assert_string_equal(next.author, "ter.aalborg");
}

static void check_v1_access_log(genop_store *s)
{
    genop_list l;
    size_t total;
    must(genop_store_access_log_list(s, "aalborg", 1, 0, 0, &l, &total, e));
    assert_int_equal(total, 3);
    genop_access_entry *a = l.items;
    assert_string_equal(a[0].action, "case.read");     /* newest first */
    assert_string_equal(a[0].username, "ter.aalborg");
    assert_string_equal(a[2].action, "case.create");
    genop_store_free_list(&l);

    /* Migrations 4 and 5: their tables are there. */
    bool claimed = false;
    must(genop_store_begin(s, e));
    must(genop_store_access_batch_claim(s, "0123456789abcdef0123456789abcdef", 2, &claimed, e));
    assert_true(claimed);
    must(genop_store_access_batch_claim(s, "0123456789abcdef0123456789abcdef", 2, &claimed, e));
    assert_false(claimed);
    must(genop_store_commit(s, e));
    genop_error err;
    genop_case_answer ans;
    assert_int_equal(genop_store_case_answer_get(s, "aalborg", 1, &ans, &err), GENOP_ENOTFOUND);
    /* Migration 6: no municipality has a rules fingerprint yet, so the
     * next start computes every projection again. */
    char fp[GENOP_RULES_FINGERPRINT_MAX] = "x";
    must(genop_store_rules_fingerprint_get(s, "aalborg", fp, e));
    assert_string_equal(fp, "");
    must(genop_store_rules_fingerprint_set(s, "aalborg", "1-ab", e));
    must(genop_store_rules_fingerprint_get(s, "aalborg", fp, e));
    assert_string_equal(fp, "1-ab");
}

static void test_open_by_location(void **state)
{
    fixture *f = *state;
    char loc[128];
    snprintf(loc, sizeof loc, "sqlite:%s", f->path);
    must(genop_store_open(loc, NULL, &f->s, e));
    must(genop_store_municipality_ensure(f->s, "aalborg", 851, "Aalborg Kommune", e));
    genop_store_close(f->s);
    f->s = NULL;
    must(genop_store_open(f->path, NULL, &f->s, e));      /* the same file, bare */
    must(genop_store_municipality_ensure(f->s, "nyborg", 450, "Nyborg Kommune", e));
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM municipalities"), 2);

    static const char *const paths[][2] = {
        {"sqlite:/var/lib/genop/genop.db", "/var/lib/genop/genop.db"},
        {"SQLite:genop.db", "genop.db"},
        {"sqlite:a:b.db", "a:b.db"},
        {"genop.db", "genop.db"},
        {"./a:b.db", "./a:b.db"},
        {"/srv/genop/a:b.db", "/srv/genop/a:b.db"},
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        genop_store_location l = {.path = NULL};
        must(genop_store_location_parse(paths[i][0], &l, e));
        assert_int_equal(l.backend, GENOP_STORE_SQLITE);
        assert_string_equal(l.path, paths[i][1]);
    }
}

/* Every location that is not SQLite's is refused before anything is
 * opened, naming the location and what genop knows. */
static void test_unknown_locations_are_refused(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"postgresql://genop@db.example/genop", "PostgreSQL understøttes ikke endnu"},
        {"postgres://genop@db.example/genop", "PostgreSQL understøttes ikke endnu"},
        {"mysql://genop@db.example/genop", "ukendt databasetype \"mysql:\""},
        {"a:b.db", "ukendt databasetype \"a:\""},
        {"sqlite:", "stien til databasefilen mangler"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        genop_error err;
        genop_store *s = (genop_store *)&err;
        assert_int_equal(genop_store_open(bad[i][0], NULL, &s, &err), GENOP_EINVAL);
        assert_null(s);
        assert_message_contains(err, bad[i][0]);
        assert_message_contains(err, bad[i][1]);
        assert_message_contains(err, "sqlite:");
        assert_int_not_equal(access(bad[i][0], F_OK), 0);      /* no file made */
    }
    genop_error err;
    genop_store *s = NULL;
    assert_int_equal(genop_store_open("", NULL, &s, &err), GENOP_EINVAL);
    assert_message_contains(err, "databasen mangler");
    assert_int_equal(genop_store_open(NULL, NULL, &s, &err), GENOP_EINVAL);
    assert_null(s);
}

static void test_v1_database_migrates_and_reads_back(void **state)
{
    fixture *f = *state;
    make_from_fixture(f->path, "store_v1.sql");
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
    must(genop_store_open(f->path, NULL, &f->s, e));
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), SCHEMA_VERSION);
    check_v1_accounts(f->s);
    check_v1_citizens_and_cases(f->s);
    check_v1_events(f->s);
    check_v1_access_log(f->s);
    genop_store_close(f->s);
    f->s = NULL;
    assert_schema_is_fresh(f);
    /* Reopened, nothing runs again and the rows are still there. */
    must(genop_store_open(f->path, NULL, &f->s, e));
    genop_list l;
    must(genop_store_events_list(f->s, "aalborg", 1, &l, e));
    assert_int_equal(l.n, 4);
    genop_store_free_events(&l);
}

static void test_database_from_before_the_split_reads_back(void **state)
{
    fixture *f = *state;
    make_from_fixture(f->path, "store_v5.sql");
    must(genop_store_open(f->path, NULL, &f->s, e));
    genop_user_auth ua;
    must(genop_store_user_auth_get(f->s, "vis.aalborg", &ua, e));
    assert_string_equal(ua.user.municipality, "aalborg");
    genop_citizen c;
    must(genop_store_citizen_get(f->s, "aalborg", 1, &c, e));
    assert_string_equal(c.name, "Inger Hansen");
    assert_string_equal(c.cpr, "0102031234");
    assert_int_equal(c.municipality_code, 851);

    genop_list l;
    size_t total;
    genop_case_filter all = {.closed = -1};
    must(genop_store_case_list(f->s, "aalborg", &all, &l, &total, e));
    assert_int_equal(total, 2);
    /* Cases made before stages were projected have none until their next
     * event; the names made before are found by their words. */
    assert_int_equal(((genop_case_summary *)l.items)[0].c.stage, GENOP_STAGE_UNKNOWN);
    genop_store_free_list(&l);
    genop_case_search inger = {.n_words = 2, .words = {"hans", "ing"}};
    all.search = &inger;
    must(genop_store_case_list(f->s, "aalborg", &all, &l, &total, e));
    assert_int_equal(total, 1);
    assert_string_equal(((genop_case_summary *)l.items)[0].citizen_name, "Inger Hansen");
    genop_store_free_list(&l);
    must(genop_store_events_list(f->s, "aalborg", 1, &l, e));
    assert_int_equal(l.n, 2);
    assert_string_equal(((genop_event_row *)l.items)[1].type, "contacted");
    genop_store_free_events(&l);
    must(genop_store_worklist(f->s, "aalborg", date_of("2030-01-01"), 0, 0, &l, &total, e));
    assert_int_equal(total, 2);
    genop_store_free_list(&l);
    must(genop_store_access_log_list(f->s, "aalborg", 1, 0, 0, &l, &total, e));
    assert_int_equal(total, 3);
    assert_string_equal(((genop_access_entry *)l.items)[0].action, "case.read");
    genop_store_free_list(&l);

    genop_case_answer ans;
    must(genop_store_case_answer_get(f->s, "aalborg", 1, &ans, e));
    assert_int_equal(ans.last_event_id, 2);
    assert_int_equal(ans.newest_event_id, 2);
    assert_true(ans.view_len > 0);
    assert_non_null(strstr(ans.events_json, "contacted"));
    genop_case_answer_release(&ans);
    genop_store_close(f->s);
    f->s = NULL;
    assert_schema_is_fresh(f);
}

static void test_newer_database_is_refused(void **state)
{
    fixture *f = *state;
    make_from_fixture(f->path, "store_v5.sql");
    sqlite3 *db = NULL;
    char newer[48], found[32], known[48];
    snprintf(newer, sizeof newer, "PRAGMA user_version = %d", SCHEMA_VERSION + 1);
    snprintf(found, sizeof found, "skemaversion %d", SCHEMA_VERSION + 1);
    snprintf(known, sizeof known, "kender kun op til version %d", SCHEMA_VERSION);
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, newer, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    genop_error err;
    genop_store *s = (genop_store *)&err;      /* a failed open sets it to NULL */
    assert_int_equal(genop_store_open(f->path, NULL, &s, &err), GENOP_EINVAL);
    assert_null(s);
    assert_message_contains(err, found);
    assert_message_contains(err, known);
    assert_message_contains(err, "brug en nyere genop");
    assert_message_contains(err, f->path);
    /* Left as it was. */
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), SCHEMA_VERSION + 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM case_events"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_by_location, setup, teardown),
        cmocka_unit_test(test_unknown_locations_are_refused),
        cmocka_unit_test_setup_teardown(test_v1_database_migrates_and_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_database_from_before_the_split_reads_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_newer_database_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
