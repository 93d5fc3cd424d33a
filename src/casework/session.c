/*
 * session.c - logging in and out, and identifying a request's user (see
 * session.h), through auth.c on the environment's store.
 */
#include "session.h"

#include <string.h>

genop_err casework_login(const casework_env *env, const char *username, const char *password,
                         casework_login_result *out, genop_error *e)
{
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    memset(out, 0, sizeof *out);
    if (!env->dummy_hash)       /* an unknown user's check needs it (auth.h) */
        return genop_fail(e, GENOP_EIO, "logins kræver en dummy-hash i miljøet");
    genop_err err = auth_login(env->store, env->dummy_hash, username, password, env->now,
                               &out->user, e);
    if (err == GENOP_EINVAL)
        return err;
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
        err = genop_store_user_add(s, u, hash, &u->id, e);
    return err;
}
