/*
 * audit.c - writing the access log (see audit.h).
 */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
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

void audit_rows_init(audit_rows *r, const genop_user *u, const char *action,
                     const char *purpose)
{
    memset(r, 0, sizeof *r);
    r->user = u;
    r->action = action;
    r->purpose = purpose;
}

/* Appends a row for citizen and case_id. */
static genop_err rows_append(audit_rows *r, int64_t citizen, int64_t case_id, genop_error *e)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        genop_access_entry *grown = realloc(r->rows, cap * sizeof *grown);
        if (!grown)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til adgangsloggen");
        r->rows = grown;
        r->cap = cap;
    }
    audit_entry_init(&r->rows[r->n++], r->user, citizen, case_id, r->action, r->purpose);
    return GENOP_OK;
}

genop_err audit_rows_add(audit_rows *r, int64_t citizen, int64_t case_id, genop_error *e)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].case_id == case_id)
            return GENOP_OK;
    return rows_append(r, citizen, case_id, e);
}

genop_err audit_rows_add_citizen(audit_rows *r, int64_t citizen, genop_error *e)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].citizen_id == citizen)
            return GENOP_OK;
    return rows_append(r, citizen, 0, e);
}

genop_err audit_rows_record(const casework_env *env, audit_rows *r, genop_error *e)
{
    return casework_log_reads(env, r->rows, r->n, e);
}

void audit_rows_release(audit_rows *r)
{
    free(r->rows);
    memset(r, 0, sizeof *r);
}

genop_err audit_read(const casework_env *env, const genop_user *u, int64_t citizen,
                     int64_t case_id, const char *action, const char *purpose, genop_error *e)
{
    genop_access_entry entry;
    audit_entry_init(&entry, u, citizen, case_id, action, purpose);
    return casework_log_reads(env, &entry, 1, e);
}
