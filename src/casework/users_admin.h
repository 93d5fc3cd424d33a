/*
 * users_admin.h - the municipality's users, administered by its admin:
 * listing them with their state and last login, creating a user with a
 * role and a password made up for it, resetting a password, locking,
 * unlocking and deactivating, and the audit log of every change.
 *
 * Policy (all of it here; the store only keeps the rows):
 * - Only role admin may do any of this, and only with the users of its own
 *   municipality: another municipality's user is GENOP_ENOTFOUND, as if it
 *   did not exist; another role is GENOP_EFORBIDDEN.
 * - A made-up password (passwords.h, four words and two digits) is given
 *   to the caller once and stored only as its argon2id hash; it is never
 *   written to the audit log, nor anywhere else.
 * - Resetting a password ends the user's login sessions and deletes its
 *   API tokens; the failed-login streak and any lock after it are cleared.
 * - A locked user cannot log in and its sessions end; its API tokens do
 *   not work while it is locked. Unlocking makes it active again and also
 *   lifts the lock after 5 failed logins (auth.h), which unlocking a user
 *   that is only locked that way does alone.
 * - Deactivating is final: the user cannot log in, its sessions end and its
 *   API tokens are deleted, and it is kept for the history (the events it
 *   registered, the access log name it). There is no reactivation (the
 *   store refuses it too): a person who comes back gets a new username, so
 *   a name in an old log always means one person.
 * - An admin cannot lock, deactivate or reset the password of itself
 *   (another admin does that, or `genop user add` makes a new admin), and
 *   an admin that is no longer active when its change is committed is
 *   refused (the acting admin is read again in the change's transaction).
 *   So the municipality's last active admin can never be locked or
 *   deactivated: whoever does it is an active admin and not the one
 *   changed (two admins locking each other at once: the second is
 *   refused).
 * - Changing what a user already is (locking a locked user, unlocking an
 *   active one, anything of a deactivated one) is GENOP_ECONFLICT.
 *
 * Usernames: 1-63 characters of A-Z, a-z, 0-9 and . _ @ - (the rule of
 * `genop user add`), unique across municipalities (logins name none), and
 * a new one may not differ from an existing one only in the case of its
 * letters. Refusals name the JSON member at fault ("$.username",
 * "$.role").
 *
 * The audit log (user_audit, migration 0007) is a table of its own, not
 * the access log: the access log is the citizen's record of who looked at
 * or changed their data, listed per citizen; a user account is no
 * citizen's data, and its rows name a user acted upon, which the access
 * log has no column for. It is append-only like the access log.
 */
#ifndef GENOP_CASEWORK_USERS_ADMIN_H
#define GENOP_CASEWORK_USERS_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "passwords.h"

/* Actions of the audit log of user accounts. */
#define USER_AUDIT_CREATE "user.create"
#define USER_AUDIT_PASSWORD "user.password_reset"
#define USER_AUDIT_LOCK "user.lock"
#define USER_AUDIT_UNLOCK "user.unlock"
#define USER_AUDIT_DEACTIVATE "user.deactivate"
/* A login of a locked or deactivated user (refused like a wrong password;
 * only this log says why), and the login failure that locked a user for
 * AUTH_LOCK_SECONDS. */
#define USER_AUDIT_LOGIN_REFUSED "login.refused"
#define USER_AUDIT_LOGIN_BLOCKED "login.blocked"

/* A user with the password made up for it: shown once, then wiped by
 * the caller (casework_user_password_wipe). */
typedef struct casework_user_password {
    genop_user_info user;
    char password[CASEWORK_PASSWORD_SIZE];
} casework_user_password;

void casework_user_password_wipe(casework_user_password *p);

/* GENOP_OK if username is one a user may have (see the top), else a
 * refusal (GENOP_EINVAL, field "$.username") saying why in Danish. e may
 * be NULL. */
genop_err casework_username_check(const char *username, genop_error *e);

/* The users of the actor's municipality, by username; out->items is
 * genop_user_info[] (free with genop_store_free_list()). */
genop_err casework_users_list(const casework_env *env, const genop_user *actor,
                              genop_list *out, genop_error *e);

/* Creates user username with role (a role's name: visitator, terapeut,
 * leder, admin) in the actor's municipality with a made-up password;
 * *out has the new user and the password. */
genop_err casework_user_create(const casework_env *env, const genop_user *actor,
                               const char *username, const char *role,
                               casework_user_password *out, genop_error *e);

/* Gives user id a new made-up password (*out); its logins end. */
genop_err casework_user_reset_password(const casework_env *env, const genop_user *actor,
                                       int64_t id, casework_user_password *out, genop_error *e);

/* Locks, unlocks or deactivates user id; *out is the user afterwards. */
genop_err casework_user_lock(const casework_env *env, const genop_user *actor, int64_t id,
                             genop_user_info *out, genop_error *e);
genop_err casework_user_unlock(const casework_env *env, const genop_user *actor, int64_t id,
                               genop_user_info *out, genop_error *e);
genop_err casework_user_deactivate(const casework_env *env, const genop_user *actor, int64_t id,
                                   genop_user_info *out, genop_error *e);

/* The audit log of the actor's municipality (of user user_id only, unless
 * 0: GENOP_ENOTFOUND if the municipality has no such user), newest first,
 * from offset and at most limit rows (0: all); out->items is
 * genop_user_audit_entry[] (free with genop_store_free_list()). */
genop_err casework_user_audit(const casework_env *env, const genop_user *actor, int64_t user_id,
                              size_t limit, size_t offset, genop_list *out, size_t *total,
                              genop_error *e);

/* For commands (genop user add, genop demo, tests): adds user u (its
 * municipality must exist) with the argon2id password_hash and its audit
 * row (done by the command line: no acting user), in one transaction of
 * its own on s; sets u->id. The store's refusals as they are. */
genop_err casework_user_add_hashed(genop_store *s, genop_user *u, const char *password_hash,
                                   genop_error *e);

/* Appends a row about user u, done by no user (the login itself), to the
 * audit log on s in a transaction of its own (none may be open). */
genop_err casework_user_audit_system(genop_store *s, const genop_user *u, const char *action,
                                     const char *detail, genop_error *e);

#endif
