/*
 * audit.c - writing the access log (see audit.h).
 */
#include "audit.h"

#include <stdio.h>
#include <string.h>

void audit_entry_init(genop_access_entry *entry, const genop_user *u, int64_t citizen,
                      int64_t case_id, const char *action, const char *purpose)
{
    memset(entry, 0, sizeof *entry);
    entry->user_id = u->id;
    snprintf(entry->username, sizeof entry->username, "%s", u->username);
    snprintf(entry->municipality, sizeof entry->municipality, "%s", u->municipality);
    entry->citizen_id = citizen;
    entry->case_id = case_id;
    snprintf(entry->action, sizeof entry->action, "%s", action);
    snprintf(entry->purpose, sizeof entry->purpose, "%s", purpose);
}

genop_err audit_add(genop_store *s, const genop_user *u, int64_t citizen, int64_t case_id,
                    const char *action, const char *purpose, genop_error *e)
{
    genop_access_entry entry;
    audit_entry_init(&entry, u, citizen, case_id, action, purpose);
    return genop_store_access_log_append(s, &entry, e);
}

/* Rows for the commit queue's job. */
typedef struct audit_rows {
    genop_access_entry *rows;
    size_t n;
} audit_rows;

/* The job: appends the rows inside the queue's transaction. */
static genop_err append_rows(genop_store *s, void *ctx, genop_error *e)
{
    audit_rows *r = ctx;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < r->n; i++)
        err = genop_store_access_log_append(s, &r->rows[i], e);
    return err;
}

genop_err audit_record(commit_queue *q, genop_access_entry *rows, size_t n, genop_error *e)
{
    if (n == 0)
        return GENOP_OK;
    audit_rows r = {rows, n};
    return commit_queue_run(q, append_rows, &r, e);
}

genop_err audit_read(commit_queue *q, const genop_user *u, int64_t citizen, int64_t case_id,
                     const char *action, const char *purpose, genop_error *e)
{
    genop_access_entry entry;
    audit_entry_init(&entry, u, citizen, case_id, action, purpose);
    return audit_record(q, &entry, 1, e);
}
