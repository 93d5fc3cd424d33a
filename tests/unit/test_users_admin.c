/*
 * test_users_admin.c - the municipality's users administered by its admin
 * (src/casework/users_admin.h), called directly on a temporary SQLite
 * database, and what it changes in logins:
 * - the username rule (genop user add's) and its Danish refusals naming
 *   "$.username"; the role named by "$.role"; a name taken in any case;
 * - made-up passwords: 256 different words of a-z, the shape, and no room;
 * - only an admin, and only its own municipality's users (404 otherwise);
 * - creating: the password logs in, the audit row names the role and
 *   never the password; resetting: the old password and every session
 *   and API token end;
 * - locking: sessions end, logins are refused (the same refusal as a
 *   wrong password) and audited with the reason, API tokens rest until
 *   unlocked; unlocking also lifts a lock after 5 failed logins (and
 *   that lock is audited);
 * - deactivating is final, here and in the store itself;
 * - an admin cannot change itself, and an admin no longer active is
 *   refused, so the last active admin stays;
 * - a failure of the store is no refusal and writes nothing;
 * - the audit log's filter and pages; a database from before migration
 *   0007 reads its users as active, never logged in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "auth.h"
#include "local.h"
#include "passwords.h"
#include "session.h"
#include "users_admin.h"

#define PASSWORD "korrekt-hest-batteri"

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    char dummy[GENOP_HASH_TEXT_MAX];
    casework_env env;                     /* loc's, with a dummy hash */
    genop_user adm, adm2, vis, ter, skive_adm;
} fixture;

static void add_user(fixture *f, genop_user *u, const char *muni, genop_role role,
                     const char *name)
{
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "%s", muni);
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = role;
    must(casework_local_user_add(&f->loc, u, PASSWORD, e));
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-users-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    if (casework_local_open(f->db, &f->loc, NULL))
        return -1;
    const char *munis[] = {"aalborg", "skive"};
    for (size_t i = 0; i < 2; i++)
        must(casework_local_municipality_ensure(&f->loc,
                                                casework_standard(&f->loc.env, munis[i]), e));
    add_user(f, &f->adm, "aalborg", GENOP_ROLE_ADMIN, "adm");
    add_user(f, &f->adm2, "aalborg", GENOP_ROLE_ADMIN, "adm2");
    add_user(f, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    add_user(f, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter");
    add_user(f, &f->skive_adm, "skive", GENOP_ROLE_ADMIN, "adm.skive");
    must(auth_hash_password("en hemmelighed ingen kender", f->dummy, e));
    f->env = f->loc.env;
    f->env.dummy_hash = f->dummy;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_local_close(&f->loc);
    remove_test_db(f->dir, "t.db");
    free(f);
    return 0;
}

/* Sets the clock of every environment of f. */
static void set_time(fixture *f, int64_t now)
{
    casework_local_set_time(&f->loc, now);
    f->env.now = f->loc.env.now;
    f->env.today = f->loc.env.today;
}

/* The newest row of the municipality's audit log (of user_id, unless 0). */
static genop_user_audit_entry newest_audit(fixture *f, const genop_user *admin, int64_t user_id)
{
    genop_list l;
    size_t total = 0;
    must(casework_user_audit(&f->env, admin, user_id, 1, 0, &l, &total, e));
    assert_int_equal(l.n, 1);
    genop_user_audit_entry a = ((genop_user_audit_entry *)l.items)[0];
    genop_store_free_list(&l);
    return a;
}

static genop_err login_as(fixture *f, const char *user, const char *password,
                          casework_login_result *r, genop_error *e)
{
    return casework_login(&f->env, user, password, r, e);
}

/* A new API token of user u; its text in text. */
static void new_token(fixture *f, const genop_user *u, char text[AUTH_TOKEN_TEXT_SIZE])
{
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    must(auth_token_new(text, hash, e));
    must(genop_store_token_create(f->loc.store, hash, u->id, "integration", e));
}

static bool identifies(fixture *f, const char *session, const char *token)
{
    genop_user who;
    auth_identity id;
    genop_error why;
    return casework_identify(&f->env, session, token, &who, &id, &why) == GENOP_OK;
}

static void expect_refusal(genop_err got, const genop_error *e, genop_err code,
                           const char *field, const char *words)
{
    assert_int_equal(got, code);
    assert_string_equal(e->field, field);
    if (!strstr(e->message, words))
        fail_msg("message \"%s\" does not contain \"%s\"", e->message, words);
}

static void test_username_rule(void **state)
{
    (void)state;
    genop_error why;
    must(casework_username_check("anne.k@aalborg_2-x", e));
    char longest[GENOP_USERNAME_MAX];
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    must(casework_username_check(longest, e));
    char too_long[GENOP_USERNAME_MAX + 1];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    expect_refusal(casework_username_check(too_long, &why), &why, GENOP_EINVAL, "$.username",
                   "højst have 63 tegn; det har 64");
    expect_refusal(casework_username_check("", &why), &why, GENOP_EINVAL, "$.username",
                   "Skriv et brugernavn");
    const char *bad[] = {"søren", "anne k", "anne/k", "anne\tk", "æble"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_refusal(casework_username_check(bad[i], &why), &why, GENOP_EINVAL, "$.username",
                       "ikke æ, ø, å eller mellemrum");
    assert_int_equal(casework_username_check("a b", NULL), GENOP_EINVAL);
}

static void test_made_up_passwords(void **state)
{
    (void)state;
    size_t n = 0;
    const char *const *words = casework_password_words(&n);
    assert_int_equal(n, 256);
    for (size_t i = 0; i < n; i++) {
        assert_true(strlen(words[i]) >= 3 && strspn(words[i], "abcdefghijklmnopqrstuvwxyz") ==
                                                 strlen(words[i]));
        for (size_t j = 0; j < i; j++)
            if (strcmp(words[i], words[j]) == 0)
                fail_msg("the word %s is there twice", words[i]);
    }
    char a[CASEWORK_PASSWORD_SIZE], b[CASEWORK_PASSWORD_SIZE];
    must(casework_password_generate(a, sizeof a, CASEWORK_PASSWORD_WORDS, e));
    must(casework_password_generate(b, sizeof b, CASEWORK_PASSWORD_WORDS, e));
    assert_string_not_equal(a, b);
    int dashes = 0;
    for (const char *p = a; *p; p++)
        dashes += *p == '-';
    assert_int_equal(dashes, CASEWORK_PASSWORD_WORDS);
    const char *digits = strrchr(a, '-') + 1;
    assert_true(strlen(digits) == 2 && digits[0] >= '1' && digits[0] <= '9');
    must(auth_password_acceptable(a, e));
    genop_error why;
    char small[8] = "x";
    assert_int_equal(casework_password_generate(small, sizeof small, 4, &why), GENOP_ETOOBIG);
    assert_string_equal(small, "");
    assert_int_equal(casework_password_generate(a, sizeof a, 0, &why), GENOP_EINVAL);
    assert_int_equal(casework_password_generate(a, sizeof a, 7, &why), GENOP_EINVAL);
}

static void test_only_an_admin_of_the_municipality(void **state)
{
    fixture *f = *state;
    genop_list l;
    size_t total;
    genop_user_info u;
    casework_user_password p;
    genop_error why;
    expect_refusal(casework_users_list(&f->env, &f->vis, &l, &why), &why, GENOP_EFORBIDDEN, "",
                   "Din rolle (visitator)");
    expect_refusal(casework_user_create(&f->env, &f->ter, "ny", "visitator", &p, &why), &why,
                   GENOP_EFORBIDDEN, "", "administrere brugere");
    assert_string_equal(p.password, "");
    expect_refusal(casework_user_lock(&f->env, &f->vis, f->ter.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "administrere brugere");
    expect_refusal(casework_user_audit(&f->env, &f->vis, 0, 0, 0, &l, &total, &why), &why,
                   GENOP_EFORBIDDEN, "", "se brugerloggen");
    /* Skive's admin: Aalborg's users do not exist. */
    expect_refusal(casework_user_lock(&f->env, &f->skive_adm, f->vis.id, &u, &why), &why,
                   GENOP_ENOTFOUND, "", "Brugeren findes ikke");
    expect_refusal(casework_user_reset_password(&f->env, &f->skive_adm, f->vis.id, &p, &why),
                   &why, GENOP_ENOTFOUND, "", "Brugeren findes ikke");
    expect_refusal(casework_user_audit(&f->env, &f->skive_adm, f->vis.id, 0, 0, &l, &total, &why),
                   &why, GENOP_ENOTFOUND, "", "Brugeren findes ikke");
    must(casework_users_list(&f->env, &f->skive_adm, &l, e));
    assert_int_equal(l.n, 1);
    assert_string_equal(((genop_user_info *)l.items)[0].user.username, "adm.skive");
    genop_store_free_list(&l);
    must(casework_users_list(&f->env, &f->adm, &l, e));
    assert_int_equal(l.n, 4);          /* adm, adm2, ter, vis: by username */
    const genop_user_info *items = l.items;
    assert_string_equal(items[0].user.username, "adm");
    assert_string_equal(items[3].user.username, "vis");
    assert_int_equal(items[3].state, GENOP_USER_ACTIVE);
    assert_int_equal(items[3].last_login, 0);
    assert_true(strlen(items[3].created_at) > 10);
    genop_store_free_list(&l);
}

static void test_create(void **state)
{
    fixture *f = *state;
    casework_user_password p;
    casework_login_result r;
    genop_error why;
    must(casework_user_create(&f->env, &f->adm, "Ny.Terapeut", "terapeut", &p, e));
    assert_string_equal(p.user.user.username, "Ny.Terapeut");
    assert_string_equal(p.user.user.municipality, "aalborg");
    assert_int_equal(p.user.user.role, GENOP_ROLE_TERAPEUT);
    assert_int_equal(p.user.state, GENOP_USER_ACTIVE);
    char password[CASEWORK_PASSWORD_SIZE];
    memcpy(password, p.password, sizeof password);
    casework_user_password_wipe(&p);
    assert_string_equal(p.password, "");
    set_time(f, 1800000000);
    must(login_as(f, "Ny.Terapeut", password, &r, e));
    genop_user_info u;
    must(genop_store_user_get(f->loc.store, "aalborg", r.user.id, &u, e));
    assert_int_equal(u.last_login, 1800000000);
    genop_user_audit_entry a = newest_audit(f, &f->adm, 0);
    assert_string_equal(a.action, USER_AUDIT_CREATE);
    assert_string_equal(a.actor, "adm");
    assert_int_equal(a.actor_id, f->adm.id);
    assert_string_equal(a.username, "Ny.Terapeut");
    assert_string_equal(a.detail, "rolle: terapeut");
    assert_null(strstr(a.detail, password));
    /* Taken, in any case and in any municipality. */
    expect_refusal(casework_user_create(&f->env, &f->adm, "ny.terapeut", "leder", &p, &why), &why,
                   GENOP_ECONFLICT, "$.username", "allerede i brug");
    expect_refusal(casework_user_create(&f->env, &f->adm, "ADM.SKIVE", "leder", &p, &why), &why,
                   GENOP_ECONFLICT, "$.username", "fælles for alle kommuner");
    expect_refusal(casework_user_create(&f->env, &f->adm, "chef", "chef", &p, &why), &why,
                   GENOP_EINVAL, "$.role", "visitator, terapeut, leder eller admin");
    expect_refusal(casework_user_create(&f->env, &f->adm, "bo ek", "leder", &p, &why), &why,
                   GENOP_EINVAL, "$.username", "mellemrum");
    assert_string_equal(p.password, "");
    /* The refused ones left nothing: the newest row is still the creation. */
    assert_int_equal(newest_audit(f, &f->adm, 0).id, a.id);
}

static void test_lock_and_unlock(void **state)
{
    fixture *f = *state;
    casework_login_result r;
    genop_user_info u;
    genop_error why;
    char token[AUTH_TOKEN_TEXT_SIZE];
    must(login_as(f, "vis", PASSWORD, &r, e));
    new_token(f, &f->vis, token);
    assert_true(identifies(f, r.token, NULL) && identifies(f, NULL, token));
    must(casework_user_lock(&f->env, &f->adm, f->vis.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_LOCKED);
    assert_false(identifies(f, r.token, NULL));   /* the session ended */
    assert_false(identifies(f, NULL, token));     /* the token rests */
    genop_user_audit_entry a = newest_audit(f, &f->adm, f->vis.id);
    assert_string_equal(a.action, USER_AUDIT_LOCK);
    /* The right password is refused just like a wrong one, and why is
     * written for the admin. */
    genop_error refused, wrong;
    assert_int_equal(casework_login(&f->env, "vis", PASSWORD, &r, &refused), GENOP_EINVAL);
    assert_int_equal(casework_login(&f->env, "ter", "forkert-forkert", &r, &wrong), GENOP_EINVAL);
    a = newest_audit(f, &f->adm, f->vis.id);
    assert_string_equal(a.action, USER_AUDIT_LOGIN_REFUSED);
    assert_string_equal(a.detail, "brugeren er låst");
    assert_int_equal(a.actor_id, 0);
    expect_refusal(casework_user_lock(&f->env, &f->adm, f->vis.id, &u, &why), &why,
                   GENOP_ECONFLICT, "", "allerede låst");
    must(casework_user_unlock(&f->env, &f->adm2, f->vis.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_ACTIVE);
    assert_true(identifies(f, NULL, token));      /* the token works again */
    must(login_as(f, "vis", PASSWORD, &r, e));
    a = newest_audit(f, &f->adm, f->vis.id);
    assert_string_equal(a.action, USER_AUDIT_UNLOCK);
    assert_string_equal(a.actor, "adm2");
    expect_refusal(casework_user_unlock(&f->env, &f->adm, f->vis.id, &u, &why), &why,
                   GENOP_ECONFLICT, "", "ikke låst");
}

static void test_unlock_lifts_a_lock_after_failed_logins(void **state)
{
    fixture *f = *state;
    casework_login_result r;
    genop_user_info u;
    set_time(f, 1800000000);
    for (int i = 0; i < AUTH_LOCK_FAILURES; i++)
        assert_int_equal(login_as(f, "ter", "forkert-forkert", &r, NULL), GENOP_EINVAL);
    genop_user_audit_entry a = newest_audit(f, &f->adm, f->ter.id);
    assert_string_equal(a.action, USER_AUDIT_LOGIN_BLOCKED);
    assert_int_equal(login_as(f, "ter", PASSWORD, &r, NULL), GENOP_EINVAL);
    must(genop_store_user_get(f->loc.store, "aalborg", f->ter.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_ACTIVE);
    assert_int_equal(u.locked_until, 1800000000 + AUTH_LOCK_SECONDS);
    must(casework_user_unlock(&f->env, &f->adm, f->ter.id, &u, e));
    assert_int_equal(u.locked_until, 0);
    assert_int_equal(u.failed_logins, 0);
    assert_string_equal(newest_audit(f, &f->adm, f->ter.id).detail,
                        "spærringen efter mislykkede logins er ophævet");
    must(login_as(f, "ter", PASSWORD, &r, e));
}

static void test_deactivate_is_final(void **state)
{
    fixture *f = *state;
    casework_login_result r;
    casework_user_password p;
    genop_user_info u;
    genop_error why;
    char token[AUTH_TOKEN_TEXT_SIZE];
    must(login_as(f, "vis", PASSWORD, &r, e));
    new_token(f, &f->vis, token);
    must(casework_user_lock(&f->env, &f->adm, f->vis.id, &u, e));
    must(casework_user_deactivate(&f->env, &f->adm, f->vis.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_DEACTIVATED);
    assert_int_equal(login_as(f, "vis", PASSWORD, &r, NULL), GENOP_EINVAL);
    assert_string_equal(newest_audit(f, &f->adm, f->vis.id).detail, "brugeren er deaktiveret");
    assert_false(identifies(f, NULL, token));
    genop_list tokens;
    must(genop_store_token_list(f->loc.store, "vis", &tokens, e));
    assert_int_equal(tokens.n, 0);                /* deleted, not resting */
    genop_store_free_list(&tokens);
    expect_refusal(casework_user_unlock(&f->env, &f->adm, f->vis.id, &u, &why), &why,
                   GENOP_ECONFLICT, "", "kan ikke ændres eller genaktiveres");
    expect_refusal(casework_user_reset_password(&f->env, &f->adm, f->vis.id, &p, &why), &why,
                   GENOP_ECONFLICT, "", "genaktiveres");
    assert_string_equal(p.password, "");
    expect_refusal(casework_user_deactivate(&f->env, &f->adm, f->vis.id, &u, &why), &why,
                   GENOP_ECONFLICT, "", "deaktiveret");
    /* The store refuses it too, whoever asks. */
    assert_int_equal(genop_store_user_set_state(f->loc.store, "aalborg", f->vis.id,
                                                GENOP_USER_ACTIVE, &why), GENOP_EINVAL);
    assert_int_equal(genop_store_user_set_password(f->loc.store, "aalborg", f->vis.id, "$x",
                                                   &why), GENOP_EINVAL);
    must(genop_store_user_get(f->loc.store, "aalborg", f->vis.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_DEACTIVATED);
}

static void test_reset_password(void **state)
{
    fixture *f = *state;
    casework_login_result r;
    casework_user_password p;
    char token[AUTH_TOKEN_TEXT_SIZE];
    must(login_as(f, "ter", PASSWORD, &r, e));
    new_token(f, &f->ter, token);
    assert_int_equal(login_as(f, "ter", "forkert-forkert", &r, NULL), GENOP_EINVAL);
    must(login_as(f, "ter", PASSWORD, &r, e));
    must(casework_user_reset_password(&f->env, &f->adm, f->ter.id, &p, e));
    assert_int_equal(p.user.failed_logins, 0);
    assert_false(identifies(f, r.token, NULL));
    assert_false(identifies(f, NULL, token));
    assert_int_equal(login_as(f, "ter", PASSWORD, &r, NULL), GENOP_EINVAL);
    char password[CASEWORK_PASSWORD_SIZE];
    memcpy(password, p.password, sizeof password);
    casework_user_password_wipe(&p);
    must(login_as(f, "ter", password, &r, e));
    genop_user_audit_entry a = newest_audit(f, &f->adm, f->ter.id);
    assert_string_equal(a.action, USER_AUDIT_PASSWORD);
    assert_null(strstr(a.detail, password));
    /* Nor is it anywhere in the database file. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM user_audit WHERE"
                                        " instr(detail || actor || username, ?1) > 0", -1, &q,
                                        NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, password, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void test_an_admin_cannot_change_itself(void **state)
{
    fixture *f = *state;
    genop_user_info u;
    casework_user_password p;
    genop_error why;
    expect_refusal(casework_user_lock(&f->env, &f->adm, f->adm.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "Du kan ikke låse din egen bruger");
    expect_refusal(casework_user_deactivate(&f->env, &f->adm, f->adm.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "deaktivere din egen bruger");
    expect_refusal(casework_user_reset_password(&f->env, &f->adm, f->adm.id, &p, &why), &why,
                   GENOP_EFORBIDDEN, "", "din egen adgangskode");
    expect_refusal(casework_user_lock(&f->env, &f->skive_adm, f->skive_adm.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "Bed en anden administrator");
    /* Two admins lock each other: the first wins; the second, locked by
     * then, is refused, so the last active admin stays. */
    must(casework_user_lock(&f->env, &f->adm, f->adm2.id, &u, e));
    expect_refusal(casework_user_lock(&f->env, &f->adm2, f->adm.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "ikke længere aktiv");
    expect_refusal(casework_user_deactivate(&f->env, &f->adm2, f->adm.id, &u, &why), &why,
                   GENOP_EFORBIDDEN, "", "ikke længere aktiv");
    must(genop_store_user_get(f->loc.store, "aalborg", f->adm.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_ACTIVE);
}

static void test_store_failure_is_not_a_refusal(void **state)
{
    fixture *f = *state;
    genop_user_info u;
    genop_error why;
    genop_user_audit_entry before = newest_audit(f, &f->adm, 0);
    for (long n = 1; n <= 12; n++) {
        genop_store_fail_from(f->loc.store, n);
        genop_err err = casework_user_lock(&f->env, &f->adm, f->vis.id, &u, &why);
        genop_store_fail_from(f->loc.store, 0);
        if (!err)
            break;
        assert_int_equal(err, GENOP_EIO);
        assert_false(genop_err_is_refusal(err));
        must(genop_store_user_get(f->loc.store, "aalborg", f->vis.id, &u, e));
        assert_int_equal(u.state, GENOP_USER_ACTIVE);
        assert_int_equal(newest_audit(f, &f->adm, 0).id, before.id);
    }
    must(genop_store_user_get(f->loc.store, "aalborg", f->vis.id, &u, e));
    assert_int_equal(u.state, GENOP_USER_LOCKED);
}

static void test_audit_log_pages(void **state)
{
    fixture *f = *state;
    genop_user_info u;
    genop_list l;
    size_t total = 0;
    must(casework_user_lock(&f->env, &f->adm, f->vis.id, &u, e));
    must(casework_user_unlock(&f->env, &f->adm, f->vis.id, &u, e));
    must(casework_user_lock(&f->env, &f->adm, f->ter.id, &u, e));
    /* Aalborg: 4 made by the command line, then 3 changes. */
    must(casework_user_audit(&f->env, &f->adm, 0, 2, 1, &l, &total, e));
    assert_int_equal(total, 7);
    assert_int_equal(l.n, 2);
    const genop_user_audit_entry *a = l.items;
    assert_string_equal(a[0].action, USER_AUDIT_UNLOCK);
    assert_string_equal(a[1].action, USER_AUDIT_LOCK);
    assert_string_equal(a[1].username, "vis");
    genop_store_free_list(&l);
    must(casework_user_audit(&f->env, &f->adm, f->vis.id, 0, 0, &l, &total, e));
    assert_int_equal(total, 3);
    a = l.items;
    assert_string_equal(a[2].action, USER_AUDIT_CREATE);
    assert_string_equal(a[2].actor, "");       /* the command line */
    assert_string_equal(a[2].detail, "rolle: visitator");
    genop_store_free_list(&l);
    must(casework_user_audit(&f->env, &f->skive_adm, 0, 0, 0, &l, &total, e));
    assert_int_equal(total, 1);                /* Skive's own admin only */
    genop_store_free_list(&l);
}

/* A database made before migration 0007 (tests/unit/fixtures): its users
 * are active and were never logged in; the audit log starts empty. */
static void test_users_of_an_older_database(void **state)
{
    (void)state;
    char dir[] = "/tmp/genop-users-old-XXXXXX", db[96], path[512];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/old.db", dir);
    snprintf(path, sizeof path, "%s/store_v5.sql", GENOP_TEST_FIXTURES);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    static char sql[1 << 20];
    size_t n = fread(sql, 1, sizeof sql - 1, in);
    fclose(in);
    sql[n] = '\0';
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    genop_store *s = NULL;
    must(genop_store_open(db, NULL, &s, e));
    genop_list l;
    must(genop_store_user_list(s, "aalborg", &l, e));
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) {
        const genop_user_info *u = &((genop_user_info *)l.items)[i];
        assert_int_equal(u->state, GENOP_USER_ACTIVE);
        assert_int_equal(u->last_login, 0);
    }
    genop_store_free_list(&l);
    size_t total = 1;
    must(genop_store_user_audit_list(s, "aalborg", 0, 0, 0, &l, &total, e));
    assert_int_equal(total, 0);
    genop_store_free_list(&l);
    genop_store_close(s);
    remove_test_db(dir, "old.db");
}

int main(void)
{
    genop_error e;
    if (auth_init(&e))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_username_rule),
        cmocka_unit_test(test_made_up_passwords),
        cmocka_unit_test_setup_teardown(test_only_an_admin_of_the_municipality, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock_and_unlock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unlock_lifts_a_lock_after_failed_logins, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deactivate_is_final, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_admin_cannot_change_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_failure_is_not_a_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_log_pages, setup, teardown),
        cmocka_unit_test(test_users_of_an_older_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
