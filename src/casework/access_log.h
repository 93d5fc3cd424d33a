/*
 * access_log.h - reading a citizen's access log: when, by whom and why
 * the citizen's data was looked up or changed, newest first (leder and
 * admin only). The look at the log is itself logged first, and every read
 * logged so far made visible in the store (casework_import_reads), so the
 * page shows every read answered before it, this look too.
 */
#ifndef GENOP_CASEWORK_ACCESS_LOG_H
#define GENOP_CASEWORK_ACCESS_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"

/* The access log of citizen citizen_id of the actor's municipality (the
 * citizen's internal id, never a CPR number), from offset and at most
 * limit rows (0: all); out->items is genop_access_entry[] (free with
 * genop_store_free_list()); *total counts all its rows. GENOP_ENOTFOUND
 * for no such citizen in the municipality. */
genop_err casework_access_log(const casework_env *env, const genop_user *actor,
                              int64_t citizen_id, size_t limit, size_t offset, genop_list *out,
                              size_t *total, genop_error *e);

#endif
