/*
 * session.c - logging in and out, and identifying a request's user (see
 * session.h), through auth.c on the environment's store.
 */
#include "session.h"

#include <string.h>

#include "users_admin.h"

/* The audit log's row of a refused login that an admin should see: of a
 * user locked or deactivated by an admin, or the failure that locked a
 * user for AUTH_LOCK_SECONDS. A wrong password alone is not written (the
 * failed-login count keeps it). The refusal in *e stays as it was. */
static genop_err audit_refusal(const casework_env *env, const genop_user *u, auth_refusal why,
                               genop_error *e)
{
    const char *action = USER_AUDIT_LOGIN_REFUSED, *detail;
    switch (why) {
    case AUTH_REFUSAL_LOCKED:
        detail = "brugeren er låst";
        break;
    case AUTH_REFUSAL_DEACTIVATED:
        detail = "brugeren er deaktiveret";
        break;
    case AUTH_REFUSAL_BLOCKED_NOW:
        action = USER_AUDIT_LOGIN_BLOCKED;
        detail = "5 mislykkede logins i træk: spærret i 15 minutter";
        break;
    default:
        return GENOP_EINVAL;
    }
    genop_error mine;
    genop_err err = casework_user_audit_system(env->store, u, action, detail, &mine);
    if (err) {
        if (e)
            *e = mine;
        return casework_internal(err, e);
    }
    return GENOP_EINVAL;
}

genop_err casework_login(const casework_env *env, const char *username, const char *password,
                         casework_login_result *out, genop_error *e)
{
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    auth_refusal why;
    memset(out, 0, sizeof *out);
    if (!env->dummy_hash)       /* an unknown user's check needs it (auth.h) */
        return genop_fail(e, GENOP_EIO, "logins kræver en dummy-hash i miljøet");
    genop_err err = auth_login_checked(env->store, env->dummy_hash, username, password, env->now,
                                       &out->user, &why, e);
    if (err == GENOP_EINVAL) {
        err = audit_refusal(env, &out->user, why, e);
        memset(&out->user, 0, sizeof out->user);
        return err;
    }
    if (!err)
        err = auth_token_new(out->token, hash, e);
    if (!err)
        err = genop_store_session_create(env->store, hash, out->user.id, env->now, e);
    if (err)
        memset(out->token, 0, sizeof out->token);
    return casework_internal(err, e);
}

genop_err casework_logout(const casework_env *env, const auth_identity *who, genop_error *e)
{
    if (!who->via_session)
        return GENOP_OK;
    return casework_internal(genop_store_session_delete(env->store, who->hash, e), e);
}

genop_err casework_identify(const casework_env *env, const char *session,
                            const char *api_token, genop_user *out, auth_identity *who,
                            genop_error *e)
{
    genop_err err = auth_identify(env->store, session, api_token, env->now, out, who, e);
    return err == GENOP_ENOTFOUND ? err : casework_internal(err, e);
}

genop_err casework_user_add(genop_store *s, genop_user *u, const char *password,
                            genop_error *e)
{
    char hash[GENOP_HASH_TEXT_MAX];
    genop_err err = auth_password_acceptable(password, e);
    if (!err)
        err = auth_hash_password(password, hash, e);
    if (!err)
        err = casework_user_add_hashed(s, u, hash, e);
    return err;
}
