/*
 * auth.h - who is asking: passwords, login sessions, API tokens.
 *
 * - Passwords are stored as argon2id hashes (libsodium crypto_pwhash_str,
 *   OPSLIMIT/MEMLIMIT_INTERACTIVE).
 * - Sessions and API tokens are 32 random bytes, given to the client
 *   base64url-encoded (43 characters: the cookie value or the Bearer token)
 *   and stored only as their BLAKE2b-256 hash, so a copy of the database
 *   lets no one in.
 * - A session unused for 30 minutes is gone (the server carries its
 *   secret in a cookie, src/server/api_session.c).
 * - Five failed logins in a row lock the account for 15 minutes. A wrong
 *   username, a wrong password and a locked account look the same from the
 *   outside, and take the same time: an unknown user's password is checked
 *   against a dummy hash.
 */
#ifndef GENOP_AUTH_H
#define GENOP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

#define AUTH_TOKEN_BYTES 32
/* base64url without padding of AUTH_TOKEN_BYTES, plus the NUL. */
#define AUTH_TOKEN_TEXT_SIZE 44
#define AUTH_IDLE_SECONDS (30 * 60)
#define AUTH_LOCK_FAILURES 5
#define AUTH_LOCK_SECONDS (15 * 60)
/* Longest password accepted (bytes); the shortest a user may set. */
#define AUTH_PASSWORD_MAX 1024
#define AUTH_PASSWORD_MIN_CHARS 12

/* How a request's user was identified. */
typedef struct auth_identity {
    bool via_session;                           /* else an API token */
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];  /* the secret's hash */
} auth_identity;

/* Initialises libsodium; call once before anything else here. */
genop_err auth_init(genop_error *e);

/* Checks a new password against genop's rules: valid UTF-8 without
 * control characters, at least AUTH_PASSWORD_MIN_CHARS characters (not
 * bytes: "æøå" counts three), at most AUTH_PASSWORD_MAX bytes. The message
 * in *e never repeats the password. */
genop_err auth_password_acceptable(const char *password, genop_error *e);

/* Hashes password into out (NUL-terminated argon2id string). Slow on
 * purpose (~0.1 s, 64 MiB). */
genop_err auth_hash_password(const char *password, char out[GENOP_HASH_TEXT_MAX],
                             genop_error *e);

/* True if password matches hash. Takes as long whether or not it does. */
bool auth_password_ok(const char *hash, const char *password);

/* A new random secret: its text for the client and its hash for the store. */
genop_err auth_token_new(char text[AUTH_TOKEN_TEXT_SIZE],
                         unsigned char hash[GENOP_TOKEN_HASH_SIZE], genop_error *e);

/* The stored hash of a secret's text; false if the text is not one of ours
 * (wrong length or alphabet). */
bool auth_token_hash(const char *text, unsigned char hash[GENOP_TOKEN_HASH_SIZE]);


/* Checks a login. GENOP_OK and *out filled when it succeeds; GENOP_EINVAL
 * for a wrong username or password or a locked account (the caller cannot
 * tell which, by design); another code if the store failed. Records the
 * attempt and locks the account after AUTH_LOCK_FAILURES failures. A user
 * locked or deactivated by an admin (genop_user_state) is refused the same
 * way, whatever the password, and its failures are not counted. */
genop_err auth_login(genop_store *s, const char *dummy_hash, const char *username,
                     const char *password, int64_t now, genop_user *out, genop_error *e);

/* Why a login was refused, for the audit log of user accounts only (the
 * client is told none of it). */
typedef enum auth_refusal {
    AUTH_REFUSAL_NONE,          /* it succeeded */
    AUTH_REFUSAL_UNKNOWN_USER,
    AUTH_REFUSAL_PASSWORD,      /* a wrong password */
    AUTH_REFUSAL_BLOCKED,       /* still locked after failed logins */
    AUTH_REFUSAL_BLOCKED_NOW,   /* this failure locked the account */
    AUTH_REFUSAL_LOCKED,        /* locked by an admin */
    AUTH_REFUSAL_DEACTIVATED,   /* deactivated by an admin */
} auth_refusal;

/* auth_login() that also says why it refused (*why) and, when the user
 * exists, who was refused (*out: a refused known user; zeroed for an
 * unknown one). On success it records now as the user's last login. */
genop_err auth_login_checked(genop_store *s, const char *dummy_hash, const char *username,
                             const char *password, int64_t now, genop_user *out,
                             auth_refusal *why, genop_error *e);

/* Identifies a user by an API token (which wins when given) or a login
 * session's secret (the text the client holds); either may be NULL.
 * GENOP_ENOTFOUND when neither is a valid secret. How a request carries
 * them (a Bearer header, a cookie) is the server's business. */
genop_err auth_identify(genop_store *s, const char *session, const char *api_token,
                        int64_t now, genop_user *out, auth_identity *id, genop_error *e);

#endif
