/*
 * local.c - the domain layer for commands (see local.h).
 */
#include "local.h"

#include <string.h>
#include <time.h>

#include "auth.h"
#include "registry.h"
#include "session.h"

static genop_err load_standards(casework_local *l, genop_error *e)
{
    for (const genop_embedded_standard *s = genop_embedded_standards; s->id; s++) {
        if (l->n_standards == CASEWORK_LOCAL_STANDARDS_MAX)
            return genop_fail(e, GENOP_ETOOBIG, "for mange indbyggede standarder");
        genop_err err = genop_registry_load(s->id, &l->standards[l->n_standards], e);
        if (err)
            return err;
        l->n_standards++;
    }
    return GENOP_OK;
}

genop_err casework_local_open(const char *location, casework_local *out, genop_error *e)
{
    return casework_local_open_with(location, NULL, out, e);
}

genop_err casework_local_open_with(const char *location, const genop_store_options *o,
                                   casework_local *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = auth_init(e);
    if (!err)
        err = load_standards(out, e);
    if (!err)
        err = genop_store_open(location, o, &out->store, e);
    out->env.store = out->store;
    out->env.standards = (const genop_standard *const *)out->standards;
    out->env.n_standards = out->n_standards;
    casework_env_set_time(&out->env, (int64_t)time(NULL));
    return err;
}

void casework_local_close(casework_local *l)
{
    if (l->store)
        genop_store_close(l->store);
    for (size_t i = 0; i < l->n_standards; i++)
        genop_standard_free(l->standards[i]);
    memset(l, 0, sizeof *l);
}

void casework_local_set_time(casework_local *l, int64_t now)
{
    casework_env_set_time(&l->env, now);
}

genop_err casework_local_municipality_ensure(casework_local *l, const genop_standard *std,
                                             genop_error *e)
{
    return genop_store_municipality_ensure(l->store, std->id, std->municipality_code,
                                           std->municipality, e);
}

genop_err casework_local_user_add(casework_local *l, genop_user *u, const char *password,
                                  genop_error *e)
{
    return casework_user_add(l->store, u, password, e);
}

genop_err casework_local_user(casework_local *l, const char *username, genop_user *out,
                              genop_error *e)
{
    genop_user_auth ua;
    genop_err err = genop_store_user_auth_get(l->store, username, &ua, e);
    if (!err)
        *out = ua.user;
    memset(&ua, 0, sizeof ua);   /* the password hash goes no further */
    return err;
}
