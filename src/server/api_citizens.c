/*
 * api_citizens.c - GET /api/v1/citizens/{id}/access-log: when, by whom and
 * why a citizen's data was looked up or changed, newest first (leder and
 * admin only; {id} is the citizen's internal id, never a CPR number). The
 * look at the log is itself logged first, and the audit sink of reads
 * synced into the log (audit_sink.h), so the answer shows every read
 * answered before it, this look too. Every
 * read of the citizen's data adds a row, so the log is read in pages:
 * ?limit (1-500, 100 by default) and ?offset, with the total.
 */
#include <string.h>

#include "api.h"
#include "audit.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"

static json_t *entry_json(const genop_access_entry *a)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(a->id));
    jset(o, "time", jstr(a->time));
    jset(o, "user", jstr(a->username));
    jset(o, "action", jstr(a->action));
    jset(o, "case", jid(a->case_id));
    jset(o, "purpose", jstr(a->purpose));
    return o;
}

void api_citizen_access_log(api_ctx *c, http_reply *out)
{
    size_t limit, offset, total = 0;
    if (!q_size(c->rq, "limit", 100, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out))
        return;
    genop_citizen cit;
    genop_list list = {0};
    genop_error e;
    genop_err err = genop_store_citizen_get(c->store, c->user.municipality, c->id, &cit, &e);
    if (err == GENOP_ENOTFOUND) {
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Borgeren findes ikke.", NULL);
        return;
    }
    if (!err)
        err = audit_read(c->app->reads, &c->user, cit.id, 0, AUDIT_ACCESSLOG_READ,
                         AUDIT_PURPOSE_CONTROL, &e);
    if (!err)   /* every read answered until now, this one too, into the database */
        err = genop_audit_sink_sync(c->app->reads, &e);
    if (!err)
        err = genop_store_access_log_list(c->store, c->user.municipality, cit.id, limit, offset,
                                          &list, &total, &e);
    if (err) {
        problem_internal(out, "adgangslog", &e);
        return;
    }
    const genop_access_entry *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, entry_json(&items[i]));
    json_t *o = json_object();
    jset(o, "citizen", json_integer(cit.id));
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)total));
    jset(o, "limit", json_integer((json_int_t)limit));
    jset(o, "offset", json_integer((json_int_t)offset));
    http_reply_json(out, 200, o);
    genop_store_free_list(&list);
}
