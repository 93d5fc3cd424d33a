/*
 * auth.c - passwords, session and API token secrets, cookies, logins and
 * lockout (see auth.h). All cryptography is libsodium's.
 */
#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

genop_err auth_init(genop_error *e)
{
    if (sodium_init() < 0)
        return genop_fail(e, GENOP_EIO, "libsodium kunne ikke startes");
    return GENOP_OK;
}

genop_err auth_password_acceptable(const char *password, genop_error *e)
{
    size_t bytes = strlen(password), chars = 0;
    if (bytes > AUTH_PASSWORD_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "adgangskoden er længere end %d byte",
                          AUTH_PASSWORD_MAX);
    const unsigned char *p = (const unsigned char *)password;
    for (size_t left = bytes; left;) {
        size_t n = genop_utf8_sequence(p, left);
        if (n == 0)
            return genop_fail(e, GENOP_EINVAL, "adgangskoden er ikke gyldig UTF-8-tekst");
        if (n == 1 && (*p < 0x20 || *p == 0x7F))
            return genop_fail(e, GENOP_EINVAL, "adgangskoden må ikke indeholde kontroltegn");
        chars++;
        p += n;
        left -= n;
    }
    if (chars < AUTH_PASSWORD_MIN_CHARS)
        return genop_fail(e, GENOP_EINVAL, "adgangskoden skal være mindst %d tegn, ikke %zu",
                          AUTH_PASSWORD_MIN_CHARS, chars);
    return GENOP_OK;
}

genop_err auth_hash_password(const char *password, char out[GENOP_HASH_TEXT_MAX],
                             genop_error *e)
{
    _Static_assert(crypto_pwhash_STRBYTES <= GENOP_HASH_TEXT_MAX, "hash field too small");
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at beregne adgangskodens hash");
    return GENOP_OK;
}

bool auth_password_ok(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

genop_err auth_token_new(char text[AUTH_TOKEN_TEXT_SIZE],
                         unsigned char hash[GENOP_TOKEN_HASH_SIZE], genop_error *e)
{
    _Static_assert(sodium_base64_ENCODED_LEN(AUTH_TOKEN_BYTES, B64_VARIANT) == AUTH_TOKEN_TEXT_SIZE,
                   "token text size");
    unsigned char secret[AUTH_TOKEN_BYTES];
    randombytes_buf(secret, sizeof secret);
    sodium_bin2base64(text, AUTH_TOKEN_TEXT_SIZE, secret, sizeof secret, B64_VARIANT);
    int rc = crypto_generichash(hash, GENOP_TOKEN_HASH_SIZE, secret, sizeof secret, NULL, 0);
    sodium_memzero(secret, sizeof secret);
    if (rc != 0)
        return genop_fail(e, GENOP_EIO, "nøglen kunne ikke dannes");
    return GENOP_OK;
}

bool auth_token_hash(const char *text, unsigned char hash[GENOP_TOKEN_HASH_SIZE])
{
    unsigned char secret[AUTH_TOKEN_BYTES];
    size_t len = strlen(text), got = 0;
    const char *end = NULL;
    if (len != AUTH_TOKEN_TEXT_SIZE - 1 ||
        sodium_base642bin(secret, sizeof secret, text, len, NULL, &got, &end, B64_VARIANT) != 0 ||
        got != sizeof secret || end != text + len)
        return false;
    int rc = crypto_generichash(hash, GENOP_TOKEN_HASH_SIZE, secret, sizeof secret, NULL, 0);
    sodium_memzero(secret, sizeof secret);
    return rc == 0;
}

/* Records a failed attempt; the AUTH_LOCK_FAILURES-th in a row locks.
 * Once a lock has run out, the failures before it no longer count: the
 * streak starts over, so one more mistake does not lock the account again. */
static genop_err record_failure(genop_store *s, const genop_user_auth *ua, int64_t now,
                                bool *locked, genop_error *e)
{
    int failures = ua->failed_logins;
    if (ua->locked_until != 0 && ua->locked_until <= now) {
        genop_err err = genop_store_user_login_result(s, ua->user.id, true, 0, e);
        if (err)
            return err;
        failures = 0;
    }
    int64_t lock = failures + 1 >= AUTH_LOCK_FAILURES ? now + AUTH_LOCK_SECONDS : 0;
    *locked = lock != 0;
    return genop_store_user_login_result(s, ua->user.id, false, lock, e);
}

/* A failure of the store while logging in: never GENOP_EINVAL, which
 * means "refused" to auth_login()'s caller. */
static genop_err store_failure(genop_err err)
{
    return err == GENOP_EINVAL ? GENOP_EIO : err;
}

/* The refusal of a known user whose password was checked (ok), before
 * anything is recorded: its state, a lock after failures, the password. */
static auth_refusal judge_login(const genop_user_auth *ua, bool ok, int64_t now)
{
    if (ua->state == GENOP_USER_DEACTIVATED)
        return AUTH_REFUSAL_DEACTIVATED;
    if (ua->state != GENOP_USER_ACTIVE)
        return AUTH_REFUSAL_LOCKED;
    if (ua->locked_until > now)
        return AUTH_REFUSAL_BLOCKED;
    return ok ? AUTH_REFUSAL_NONE : AUTH_REFUSAL_PASSWORD;
}

static const char *const refusal_text[] = {
    [AUTH_REFUSAL_NONE] = "",
    [AUTH_REFUSAL_UNKNOWN_USER] = "ukendt bruger",
    [AUTH_REFUSAL_PASSWORD] = "forkert adgangskode",
    [AUTH_REFUSAL_BLOCKED] = "kontoen er spærret",
    [AUTH_REFUSAL_BLOCKED_NOW] = "forkert adgangskode; kontoen er nu spærret",
    [AUTH_REFUSAL_LOCKED] = "kontoen er låst",
    [AUTH_REFUSAL_DEACTIVATED] = "kontoen er deaktiveret",
};

genop_err auth_login_checked(genop_store *s, const char *dummy_hash, const char *username,
                             const char *password, int64_t now, genop_user *out,
                             auth_refusal *why, genop_error *e)
{
    genop_user_auth ua;
    genop_err err = GENOP_ENOTFOUND;
    memset(out, 0, sizeof *out);
    *why = AUTH_REFUSAL_UNKNOWN_USER;
    if (strlen(username) < GENOP_USERNAME_MAX)
        err = genop_store_user_auth_get(s, username, &ua, e);
    if (err && err != GENOP_ENOTFOUND)
        return store_failure(err);
    bool found = err == GENOP_OK;
    /* Verify in every case, so that all refusals take the same time. */
    bool ok = auth_password_ok(found ? ua.password_hash : dummy_hash, password) && found;
    if (!found)
        return genop_fail(e, GENOP_EINVAL, "%s", refusal_text[*why]);
    *out = ua.user;
    *why = judge_login(&ua, ok, now);
    if (*why == AUTH_REFUSAL_PASSWORD) {
        bool locked = false;
        err = record_failure(s, &ua, now, &locked, e);
        if (err)
            return store_failure(err);
        if (locked)
            *why = AUTH_REFUSAL_BLOCKED_NOW;
    }
    if (*why != AUTH_REFUSAL_NONE)
        return genop_fail(e, GENOP_EINVAL, "%s", refusal_text[*why]);
    err = genop_store_user_login_ok(s, ua.user.id, now, e);
    return err ? store_failure(err) : GENOP_OK;
}

genop_err auth_login(genop_store *s, const char *dummy_hash, const char *username,
                     const char *password, int64_t now, genop_user *out, genop_error *e)
{
    auth_refusal why;
    return auth_login_checked(s, dummy_hash, username, password, now, out, &why, e);
}

/* The user of the session with the hash. A session unused for
 * AUTH_IDLE_SECONDS is gone: deleted as soon as it is seen, and
 * GENOP_ENOTFOUND (also for a later call with an earlier clock). Using a
 * session moves its last use to now - at most once a second, as times
 * are whole seconds and the store is touched only when now is past the
 * last use. */
static genop_err session_user(genop_store *s, const unsigned char *hash, int64_t now,
                              genop_user *out, genop_error *e)
{
    genop_session ses;
    genop_err err = genop_store_session_get(s, hash, &ses, e);
    if (err)
        return err;
    if (now > ses.last_seen && now - ses.last_seen > AUTH_IDLE_SECONDS) {
        err = genop_store_session_delete(s, hash, e);
        return err ? err : genop_fail(e, GENOP_ENOTFOUND, "sessionen er udløbet");
    }
    *out = ses.user;
    return now > ses.last_seen ? genop_store_session_touch(s, hash, now, e) : GENOP_OK;
}

genop_err auth_identify(genop_store *s, const char *session, const char *api_token,
                        int64_t now, genop_user *out, auth_identity *id, genop_error *e)
{
    memset(id, 0, sizeof *id);
    if (api_token) {
        if (!auth_token_hash(api_token, id->hash))
            return genop_fail(e, GENOP_ENOTFOUND, "ugyldigt API-token");
        return genop_store_token_get(s, id->hash, out, e);
    }
    if (!session || !auth_token_hash(session, id->hash))
        return genop_fail(e, GENOP_ENOTFOUND, "ingen gyldig session");
    id->via_session = true;
    return session_user(s, id->hash, now, out, e);
}
