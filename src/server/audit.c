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

genop_err audit_read(audit_queue *q, const genop_user *u, int64_t citizen, int64_t case_id,
                     const char *action, const char *purpose, genop_error *e)
{
    genop_access_entry entry;
    audit_entry_init(&entry, u, citizen, case_id, action, purpose);
    return audit_queue_record(q, &entry, 1, e);
}
