/*
 * users_admin.c - the municipality's users, administered by its admin
 * (see users_admin.h for the policy). Each change is one job of the
 * environment's writer: the acting admin is read again and must still be
 * active, the user is found in the admin's municipality, the change is
 * judged (judge_change), written with its audit row, and the user read
 * back - all in one transaction, so two admins acting at once are judged
 * one after the other. A made-up password is hashed before the job (it
 * takes ~0.1 s) and never leaves this file but in the caller's result.
 */
#include "users_admin.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "roles.h"

typedef enum user_change {
    CHANGE_LOCK,
    CHANGE_UNLOCK,
    CHANGE_DEACTIVATE,
    CHANGE_PASSWORD,
} user_change;

/* What each change is called and does. */
static const struct change_info {
    const char *action;       /* USER_AUDIT_* */
    const char *self;         /* the refusal when the target is the actor */
    const char *detail;       /* the audit row's detail */
} changes[] = {
    [CHANGE_LOCK] = {USER_AUDIT_LOCK, "Du kan ikke låse din egen bruger. Bed en anden "
                     "administrator om det.", "sessioner afsluttet"},
    [CHANGE_UNLOCK] = {USER_AUDIT_UNLOCK, "Du kan ikke låse din egen bruger op.", ""},
    [CHANGE_DEACTIVATE] = {USER_AUDIT_DEACTIVATE, "Du kan ikke deaktivere din egen bruger. Bed "
                           "en anden administrator om det.", "sessioner og API-nøgler afsluttet"},
    [CHANGE_PASSWORD] = {USER_AUDIT_PASSWORD, "Du kan ikke nulstille din egen adgangskode her. "
                         "Bed en anden administrator om det.", "sessioner og API-nøgler afsluttet"},
};

#define UNBLOCKED_DETAIL "spærringen efter mislykkede logins er ophævet"

void casework_user_password_wipe(casework_user_password *p)
{
    sodium_memzero(p->password, sizeof p->password);
}

genop_err casework_username_check(const char *username, genop_error *e)
{
    size_t n = strlen(username);
    if (n == 0)
        return genop_refuse(e, GENOP_EINVAL, "$.username", "Skriv et brugernavn.");
    for (size_t i = 0; i < n; i++) {
        char ch = username[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '@' || ch == '-';
        if (!ok)
            return genop_refuse(e, GENOP_EINVAL, "$.username",
                                "Brugernavnet må kun indeholde bogstaverne a-z og A-Z, cifre og "
                                "tegnene . _ @ - (ikke æ, ø, å eller mellemrum).");
    }
    if (n >= GENOP_USERNAME_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.username",
                            "Brugernavnet må højst have %d tegn; det har %zu.",
                            GENOP_USERNAME_MAX - 1, n);
    return GENOP_OK;
}

/* Fills an audit row of actor (NULL: no user, the command line or the
 * login) doing action to target. */
static void audit_fill(genop_user_audit_entry *a, const genop_user *actor,
                       const genop_user *target, const char *action, const char *detail)
{
    memset(a, 0, sizeof *a);
    snprintf(a->municipality, sizeof a->municipality, "%s", target->municipality);
    if (actor) {
        a->actor_id = actor->id;
        snprintf(a->actor, sizeof a->actor, "%s", actor->username);
    }
    a->user_id = target->id;
    snprintf(a->username, sizeof a->username, "%s", target->username);
    snprintf(a->action, sizeof a->action, "%s", action);
    snprintf(a->detail, sizeof a->detail, "%s", detail);
}

static genop_err audit_append(genop_store *s, const genop_user *actor, const genop_user *target,
                              const char *action, const char *detail, genop_error *e)
{
    genop_user_audit_entry a;
    audit_fill(&a, actor, target, action, detail);
    return genop_store_user_audit_append(s, &a, e);
}

/* Refuses unless actor is an admin whose row, read in the job's
 * transaction, is still active. */
static genop_err actor_still_active(genop_store *s, const genop_user *actor, genop_error *e)
{
    genop_user_info me;
    genop_err err = genop_store_user_get(s, actor->municipality, actor->id, &me, e);
    if (err == GENOP_ENOTFOUND || (!err && me.state != GENOP_USER_ACTIVE))
        return genop_refuse(e, GENOP_EFORBIDDEN, NULL, "Din bruger er ikke længere aktiv.");
    return casework_internal(err, e);
}

/* User id of the actor's municipality, or a refusal: not found. */
static genop_err find_user(genop_store *s, const genop_user *actor, int64_t id,
                           genop_user_info *out, genop_error *e)
{
    genop_err err = genop_store_user_get(s, actor->municipality, id, out, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Brugeren findes ikke.");
    return casework_internal(err, e);
}

/* Whether change may be made to target by actor (see users_admin.h).
 * No rule counts the active admins: the actor is one (actor_still_active,
 * in the same transaction) and is never the target, so one is always
 * left. */
static genop_err judge_change(const genop_user *actor, const genop_user_info *target,
                              user_change change, int64_t now, genop_error *e)
{
    const char *name = target->user.username;
    if (target->user.id == actor->id)
        return genop_refuse(e, GENOP_EFORBIDDEN, NULL, "%s", changes[change].self);
    if (target->state == GENOP_USER_DEACTIVATED)
        return genop_refuse(e, GENOP_ECONFLICT, NULL, "Brugeren %s er deaktiveret og kan ikke "
                            "ændres eller genaktiveres.", name);
    if (change == CHANGE_LOCK && target->state == GENOP_USER_LOCKED)
        return genop_refuse(e, GENOP_ECONFLICT, NULL, "Brugeren %s er allerede låst.", name);
    if (change == CHANGE_UNLOCK && target->state == GENOP_USER_ACTIVE &&
        target->locked_until <= now)
        return genop_refuse(e, GENOP_ECONFLICT, NULL, "Brugeren %s er ikke låst.", name);
    return GENOP_OK;
}

/* One change of one user, as a job of the writer. */
typedef struct change_job {
    const casework_env *env;
    const genop_user *actor;
    int64_t id;
    user_change change;
    const char *password_hash;     /* CHANGE_PASSWORD */
    genop_user_info *out;
} change_job;

/* Writes change to target (judged already); *detail is its audit row's. */
static genop_err write_change(genop_store *s, const change_job *j, const genop_user_info *t,
                              const char **detail, genop_error *e)
{
    const char *muni = j->actor->municipality;
    int64_t id = t->user.id;
    *detail = changes[j->change].detail;
    switch (j->change) {
    case CHANGE_LOCK: {
        genop_err err = genop_store_user_set_state(s, muni, id, GENOP_USER_LOCKED, e);
        return err ? err : genop_store_user_end_logins(s, muni, id, false, e);
    }
    case CHANGE_UNLOCK: {
        if (t->state == GENOP_USER_ACTIVE)
            *detail = UNBLOCKED_DETAIL;
        genop_err err = genop_store_user_set_state(s, muni, id, GENOP_USER_ACTIVE, e);
        return err ? err : genop_store_user_login_result(s, id, true, 0, e);
    }
    case CHANGE_DEACTIVATE: {
        genop_err err = genop_store_user_set_state(s, muni, id, GENOP_USER_DEACTIVATED, e);
        return err ? err : genop_store_user_end_logins(s, muni, id, true, e);
    }
    case CHANGE_PASSWORD: {
        genop_err err = genop_store_user_set_password(s, muni, id, j->password_hash, e);
        return err ? err : genop_store_user_end_logins(s, muni, id, true, e);
    }
    }
    return genop_fail(e, GENOP_EIO, "ukendt ændring af en bruger");
}

static genop_err change_run(genop_store *s, void *ctx, genop_error *e)
{
    change_job *j = ctx;
    genop_user_info target;
    const char *detail = "";
    genop_err err = actor_still_active(s, j->actor, e);
    if (!err)
        err = find_user(s, j->actor, j->id, &target, e);
    if (!err)
        err = judge_change(j->actor, &target, j->change, j->env->now, e);
    if (err)
        return err;
    err = write_change(s, j, &target, &detail, e);
    if (!err)
        err = audit_append(s, j->actor, &target.user, changes[j->change].action, detail, e);
    if (!err)
        err = genop_store_user_get(s, j->actor->municipality, j->id, j->out, e);
    return casework_internal(err, e);
}

static genop_err change_user(const casework_env *env, const genop_user *actor, int64_t id,
                             user_change change, const char *hash, genop_user_info *out,
                             genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_ADMIN, "administrere brugere", e);
    if (err)
        return err;
    change_job j = {env, actor, id, change, hash, out};
    return casework_write(env, change_run, &j, e);
}

genop_err casework_user_lock(const casework_env *env, const genop_user *actor, int64_t id,
                             genop_user_info *out, genop_error *e)
{
    return change_user(env, actor, id, CHANGE_LOCK, NULL, out, e);
}

genop_err casework_user_unlock(const casework_env *env, const genop_user *actor, int64_t id,
                               genop_user_info *out, genop_error *e)
{
    return change_user(env, actor, id, CHANGE_UNLOCK, NULL, out, e);
}

genop_err casework_user_deactivate(const casework_env *env, const genop_user *actor, int64_t id,
                                   genop_user_info *out, genop_error *e)
{
    return change_user(env, actor, id, CHANGE_DEACTIVATE, NULL, out, e);
}

/* A new made-up password in out->password and its hash. */
static genop_err new_password(casework_user_password *out, char hash[GENOP_HASH_TEXT_MAX],
                              genop_error *e)
{
    genop_err err = casework_password_generate(out->password, sizeof out->password,
                                               CASEWORK_PASSWORD_WORDS, e);
    if (!err)
        err = auth_hash_password(out->password, hash, e);
    return casework_internal(err, e);
}

genop_err casework_user_reset_password(const casework_env *env, const genop_user *actor,
                                       int64_t id, casework_user_password *out, genop_error *e)
{
    char hash[GENOP_HASH_TEXT_MAX];
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_ADMIN, "administrere brugere", e);
    if (!err)
        err = new_password(out, hash, e);
    if (!err)
        err = change_user(env, actor, id, CHANGE_PASSWORD, hash, &out->user, e);
    if (err)
        casework_user_password_wipe(out);
    return err;
}

/* Creating a user, as a job of the writer. */
typedef struct create_job {
    const genop_user *actor;
    genop_user *user;              /* municipality, username, role; id set here */
    const char *password_hash;
    genop_user_info *out;
} create_job;

static genop_err create_run(genop_store *s, void *ctx, genop_error *e)
{
    create_job *j = ctx;
    bool taken = false;
    char detail[GENOP_TEXT_SMALL_MAX];
    genop_err err = actor_still_active(s, j->actor, e);
    if (err)
        return err;
    err = genop_store_user_name_taken(s, j->user->username, &taken, e);
    if (!err && taken)
        return genop_refuse(e, GENOP_ECONFLICT, "$.username", "Brugernavnet %s er allerede i "
                            "brug. Brugernavne er fælles for alle kommuner, og store og små "
                            "bogstaver regnes for ens.", j->user->username);
    if (!err)
        err = genop_store_user_add(s, j->user, j->password_hash, &j->user->id, e);
    snprintf(detail, sizeof detail, "rolle: %s", genop_role_name(j->user->role));
    if (!err)
        err = audit_append(s, j->actor, j->user, USER_AUDIT_CREATE, detail, e);
    if (!err)
        err = genop_store_user_get(s, j->user->municipality, j->user->id, j->out, e);
    return casework_internal(err, e);
}

genop_err casework_user_create(const casework_env *env, const genop_user *actor,
                               const char *username, const char *role,
                               casework_user_password *out, genop_error *e)
{
    genop_user u;
    char hash[GENOP_HASH_TEXT_MAX];
    memset(out, 0, sizeof *out);
    memset(&u, 0, sizeof u);
    genop_err err = casework_require_role(actor, ROLES_ADMIN, "administrere brugere", e);
    if (!err)
        err = casework_username_check(username, e);
    if (!err && !genop_role_from_name(role, &u.role))
        err = genop_refuse(e, GENOP_EINVAL, "$.role", "Rollen skal være visitator, terapeut, "
                           "leder eller admin.");
    if (err)
        return err;
    snprintf(u.municipality, sizeof u.municipality, "%s", actor->municipality);
    snprintf(u.username, sizeof u.username, "%s", username);
    err = new_password(out, hash, e);
    create_job j = {actor, &u, hash, &out->user};
    if (!err)
        err = casework_write(env, create_run, &j, e);
    if (err)
        casework_user_password_wipe(out);
    return err;
}

genop_err casework_users_list(const casework_env *env, const genop_user *actor,
                              genop_list *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_ADMIN, "se kommunens brugere", e);
    if (err)
        return err;
    return casework_internal(genop_store_user_list(env->store, actor->municipality, out, e), e);
}

genop_err casework_user_audit(const casework_env *env, const genop_user *actor, int64_t user_id,
                              size_t limit, size_t offset, genop_list *out, size_t *total,
                              genop_error *e)
{
    genop_user_info u;
    memset(out, 0, sizeof *out);
    *total = 0;
    genop_err err = casework_require_role(actor, ROLES_ADMIN, "se brugerloggen", e);
    if (!err && user_id)
        err = find_user(env->store, actor, user_id, &u, e);
    if (err)
        return err;
    err = genop_store_user_audit_list(env->store, actor->municipality, user_id, limit, offset,
                                      out, total, e);
    return casework_internal(err, e);
}

genop_err casework_user_add_hashed(genop_store *s, genop_user *u, const char *password_hash,
                                   genop_error *e)
{
    char detail[GENOP_TEXT_SMALL_MAX];
    genop_err err = genop_store_begin(s, e);
    if (err)
        return err;
    err = genop_store_user_add(s, u, password_hash, &u->id, e);
    if (!err) {
        snprintf(detail, sizeof detail, "rolle: %s", genop_role_name(u->role));
        err = audit_append(s, NULL, u, USER_AUDIT_CREATE, detail, e);
    }
    if (!err)
        err = genop_store_commit(s, e);
    if (err)
        genop_store_rollback(s);
    return err;
}

genop_err casework_user_audit_system(genop_store *s, const genop_user *u, const char *action,
                                     const char *detail, genop_error *e)
{
    return audit_append(s, NULL, u, action, detail, e);
}
