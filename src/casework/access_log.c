/*
 * access_log.c - reading a citizen's access log (see access_log.h).
 */
#include "access_log.h"

#include <string.h>

#include "audit.h"
#include "roles.h"

genop_err casework_access_log(const casework_env *env, const genop_user *actor,
                              int64_t citizen_id, size_t limit, size_t offset, genop_list *out,
                              size_t *total, genop_error *e)
{
    genop_citizen cit;
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_OVERSIGHT, "se adgangsloggen", e);
    if (err)
        return err;
    err = genop_store_citizen_get(env->store, actor->municipality, citizen_id, &cit, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Borgeren findes ikke.");
    if (!err)
        err = audit_read(env, actor, cit.id, 0, AUDIT_ACCESSLOG_READ, AUDIT_PURPOSE_CONTROL, e);
    if (!err)   /* every read answered until now, this one too, into the store */
        err = casework_import_reads(env, e);
    if (!err)
        err = genop_store_access_log_list(env->store, actor->municipality, cit.id, limit, offset,
                                          out, total, e);
    return casework_internal(err, e);
}
