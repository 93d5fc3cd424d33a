/*
 * test_auth.c - the password rules (at least 12 characters counted as
 * characters, not bytes; valid UTF-8; no control characters; a bounded
 * length; messages that never repeat the password), argon2id hashing and
 * verification, API/session tokens (random, hashed, recognised only in
 * their own form), and the expiry of login sessions: a session unused for
 * 30 minutes is gone, and a use moves its last use at most once a second
 * (auth.c decides; the store only keeps the last use).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "auth.h"
#include "store.h"

static int setup(void **state)
{
    (void)state;
    return auth_init(NULL) == GENOP_OK ? 0 : -1;
}

static void expect_refused(const char *password, genop_err code, const char *word)
{
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(auth_password_acceptable(password, &e), code);
    assert_message_contains(e, word);
    if (strlen(password) >= 4 && strstr(e.message, password))
        fail_msg("the message repeats the password: %s", e.message);
}

static void test_password_rules(void **state)
{
    (void)state;
    assert_int_equal(auth_password_acceptable("korrekt-hest", NULL), GENOP_OK);  /* 12 */
    expect_refused("korrekt-hes", GENOP_EINVAL, "12");                           /* 11 */
    expect_refused("", GENOP_EINVAL, "12");
    /* Characters, not bytes: 11 letters of which 3 are two bytes each is
     * 14 bytes but only 11 characters. */
    expect_refused("æøåabcdefgh", GENOP_EINVAL, "12");
    assert_int_equal(auth_password_acceptable("æøåabcdefghi", NULL), GENOP_OK);
    expect_refused("korrekt\thest-batteri", GENOP_EINVAL, "kontroltegn");
    expect_refused("korrekt-hest-\x7f", GENOP_EINVAL, "kontroltegn");
    expect_refused("korrekt-hest-\xff\xfe", GENOP_EINVAL, "UTF-8");
    char *longer = malloc(AUTH_PASSWORD_MAX + 2);
    assert_non_null(longer);
    memset(longer, 'a', AUTH_PASSWORD_MAX + 1);
    longer[AUTH_PASSWORD_MAX + 1] = '\0';
    genop_error e;
    assert_int_equal(auth_password_acceptable(longer, &e), GENOP_ETOOBIG);
    longer[AUTH_PASSWORD_MAX] = '\0';
    assert_int_equal(auth_password_acceptable(longer, &e), GENOP_OK);
    free(longer);
}

static void test_hash_and_verify(void **state)
{
    (void)state;
    char hash[GENOP_HASH_TEXT_MAX], again[GENOP_HASH_TEXT_MAX];
    assert_int_equal(auth_hash_password("korrekt-hest-batteri", hash, NULL), GENOP_OK);
    assert_true(strncmp(hash, "$argon2id$", 10) == 0);
    assert_null(strstr(hash, "korrekt"));
    assert_true(auth_password_ok(hash, "korrekt-hest-batteri"));
    assert_false(auth_password_ok(hash, "korrekt-hest-batterI"));
    assert_false(auth_password_ok(hash, ""));
    /* Salted: the same password hashes differently every time. */
    assert_int_equal(auth_hash_password("korrekt-hest-batteri", again, NULL), GENOP_OK);
    assert_string_not_equal(hash, again);
    assert_false(auth_password_ok("not a hash", "korrekt-hest-batteri"));
}

static void test_tokens(void **state)
{
    (void)state;
    char a[AUTH_TOKEN_TEXT_SIZE], b[AUTH_TOKEN_TEXT_SIZE];
    unsigned char ha[GENOP_TOKEN_HASH_SIZE], hb[GENOP_TOKEN_HASH_SIZE], h[GENOP_TOKEN_HASH_SIZE];
    assert_int_equal(auth_token_new(a, ha, NULL), GENOP_OK);
    assert_int_equal(auth_token_new(b, hb, NULL), GENOP_OK);
    assert_string_not_equal(a, b);
    assert_true(memcmp(ha, hb, sizeof ha) != 0);
    /* The text hashes back to the stored hash; nothing else does. */
    assert_true(auth_token_hash(a, h));
    assert_memory_equal(h, ha, sizeof h);
    char wrong[AUTH_TOKEN_TEXT_SIZE];
    memcpy(wrong, a, sizeof wrong);
    wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    assert_true(!auth_token_hash(wrong, h) || memcmp(h, ha, sizeof h) != 0);
    assert_false(auth_token_hash("kort", h));
    assert_false(auth_token_hash("", h));
}

/* A store in a temporary directory with one user, vis.aalborg. */
typedef struct auth_store {
    char dir[32];
    char path[64];
    genop_store *s;
    genop_user u;
} auth_store;

static void auth_store_open(auth_store *a)
{
    snprintf(a->dir, sizeof a->dir, "/tmp/genop-auth-XXXXXX");
    assert_non_null(mkdtemp(a->dir));
    snprintf(a->path, sizeof a->path, "%s/a.db", a->dir);
    must(genop_store_open(a->path, NULL, &a->s, e));
    must(genop_store_municipality_ensure(a->s, "aalborg", 851, "Aalborg Kommune", e));
    a->u = (genop_user){.role = GENOP_ROLE_VISITATOR};
    snprintf(a->u.municipality, sizeof a->u.municipality, "aalborg");
    snprintf(a->u.username, sizeof a->u.username, "vis.aalborg");
    must(genop_store_user_add(a->s, &a->u, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                              &a->u.id, e));
}

static void auth_store_close(auth_store *a)
{
    genop_store_close(a->s);
    remove_test_db(a->dir, "a.db");
}

static void test_sessions_expire(void **state)
{
    (void)state;
    auth_store a;
    auth_store_open(&a);
    char token[AUTH_TOKEN_TEXT_SIZE];
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    must(auth_token_new(token, hash, e));
    const int64_t t0 = 1700000000, idle = AUTH_IDLE_SECONDS;
    genop_user u;
    auth_identity id;
    genop_error err;

    must(genop_store_session_create(a.s, hash, a.u.id, t0, e));
    must(auth_identify(a.s, token, NULL, t0 + 1000, &u, &id, e));
    assert_true(id.via_session);
    assert_int_equal(u.id, a.u.id);
    assert_string_equal(u.municipality, "aalborg");
    assert_string_equal(u.username, "vis.aalborg");
    assert_int_equal(u.role, GENOP_ROLE_VISITATOR);
    /* The use at t0+1000 moved last_seen: t0+2500 is within idle of it. */
    must(auth_identify(a.s, token, NULL, t0 + 2500, &u, &id, e));
    must(auth_identify(a.s, token, NULL, t0 + 2500 + idle, &u, &id, e));
    /* Idle too long: gone, also for a later call with an earlier clock. */
    assert_int_equal(auth_identify(a.s, token, NULL, t0 + 2500 + 2 * idle + 1, &u, &id, &err),
                     GENOP_ENOTFOUND);
    assert_message_contains(err, "udløbet");
    assert_int_equal(auth_identify(a.s, token, NULL, t0, &u, &id, &err), GENOP_ENOTFOUND);
    genop_session ses;
    assert_int_equal(genop_store_session_get(a.s, hash, &ses, &err), GENOP_ENOTFOUND);

    /* At most one touch a second: a second use in the same second does not
     * write (the store's second call, the touch, would fail), one in the
     * next second does. */
    must(genop_store_session_create(a.s, hash, a.u.id, t0, e));
    must(auth_identify(a.s, token, NULL, t0 + 5, &u, &id, e));
    genop_store_fail_from(a.s, 2);
    must(auth_identify(a.s, token, NULL, t0 + 5, &u, &id, e));
    genop_store_fail_from(a.s, 2);
    assert_int_equal(auth_identify(a.s, token, NULL, t0 + 6, &u, &id, &err), GENOP_EIO);
    genop_store_fail_from(a.s, 0);
    must(genop_store_session_get(a.s, hash, &ses, e));
    assert_int_equal(ses.last_seen, t0 + 5);
    auth_store_close(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_rules),
        cmocka_unit_test(test_hash_and_verify),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_sessions_expire),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
