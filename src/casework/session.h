/*
 * session.h - logging in and out, and who is asking: the domain's side of
 * auth.h (passwords, login sessions, API tokens, account locking).
 */
#ifndef GENOP_CASEWORK_SESSION_H
#define GENOP_CASEWORK_SESSION_H

#include "auth.h"
#include "env.h"

/* A login that succeeded: the user and the new session's secret, which
 * the client is given once (the store keeps only its hash). */
typedef struct casework_login_result {
    genop_user user;
    char token[AUTH_TOKEN_TEXT_SIZE];
} casework_login_result;

/* Logs username in with password and opens a login session. env must
 * have a dummy_hash (the server's has; casework_local's has none: GENOP_EIO). A wrong
 * username or password, or a locked or deactivated account, is
 * GENOP_EINVAL and cannot be told apart (auth.h); the attempt is recorded
 * either way, and a refusal an admin should know of (a locked or
 * deactivated user, a lock after failed logins) is written with its
 * reason to the audit log of user accounts (users_admin.h). The caller
 * wipes out->token once it has handed it on. */
genop_err casework_login(const casework_env *env, const char *username, const char *password,
                         casework_login_result *out, genop_error *e);

/* Ends the login session `who` came with (nothing for an API token). */
genop_err casework_logout(const casework_env *env, const auth_identity *who, genop_error *e);

/* The user with an API token (which wins when given) or a login
 * session's secret; either may be NULL. GENOP_ENOTFOUND when neither is a
 * valid secret (or the session has expired). */
genop_err casework_identify(const casework_env *env, const char *session,
                            const char *api_token, genop_user *out, auth_identity *who,
                            genop_error *e);

/* Adds user u (municipality, username, role set; the municipality must
 * exist) with password, which must satisfy auth_password_acceptable(),
 * stored as its argon2id hash through s, with its row in the audit log of
 * user accounts (users_admin.h), in a transaction of its own; sets u->id.
 * For commands and tests that make users (genop demo, the in-process
 * service). */
genop_err casework_user_add(genop_store *s, genop_user *u, const char *password,
                            genop_error *e);

#endif
