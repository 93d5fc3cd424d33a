/*
 * sqlite.c - the SQLite back end's entry points (sqlite.h): opening a
 * handle, the process-wide settings, and the function table that joins
 * db.c's transactions and flush with the record files' functions.
 */
#include <stdlib.h>

#include "records.h"
#include "sqlite.h"

/* The function table: db.c's transactions and flush, the record files'
 * functions. */
static const genop_store_ops sqlite_ops = {
    .close = db_close,
    .calendar = &sqlite_calendar_ops,
    .teams = &sqlite_team_ops,
    .begin = db_begin,
    .commit = db_commit,
    .rollback = db_rollback,
    .begin_read = db_begin_read,
    .savepoint = db_savepoint,
    .release = db_release,
    .rollback_to = db_rollback_to,
    .flush = db_flush,
    .municipality_ensure = sqlite_municipality_ensure,
    .user_add = sqlite_user_add,
    .user_auth_get = sqlite_user_auth_get,
    .user_login_result = sqlite_user_login_result,
    .session_create = sqlite_session_create,
    .session_get = sqlite_session_get,
    .session_touch = sqlite_session_touch,
    .session_delete = sqlite_session_delete,
    .token_create = sqlite_token_create,
    .token_get = sqlite_token_get,
    .token_list = sqlite_token_list,
    .token_revoke = sqlite_token_revoke,
    .citizen_find_by_cpr = sqlite_citizen_find_by_cpr,
    .citizen_create = sqlite_citizen_create,
    .citizen_get = sqlite_citizen_get,
    .citizen_rename = sqlite_citizen_rename,
    .citizen_names = sqlite_citizen_names,
    .letter_add = sqlite_letter_add,
    .letters_list = sqlite_letters_list,
    .letter_get = sqlite_letter_get,
    .dp_sender_set = sqlite_dp_sender_set,
    .dp_sender_get = sqlite_dp_sender_get,
    .dispatch_add = sqlite_dispatch_add,
    .dispatch_get = sqlite_dispatch_get,
    .print_queue = sqlite_print_queue,
    .print_done = sqlite_print_done,
    .case_create = sqlite_case_create,
    .case_get = sqlite_case_get,
    .case_list = sqlite_case_list,
    .event_append = sqlite_event_append,
    .events_list = sqlite_events_list,
    .case_projection_set = sqlite_case_projection_set,
    .worklist = sqlite_worklist,
    .case_ids = sqlite_case_ids,
    .case_views = sqlite_case_views,
    .case_open_deadlines = sqlite_case_open_deadlines,
    .rules_fingerprint_get = sqlite_rules_fingerprint_get,
    .rules_fingerprint_set = sqlite_rules_fingerprint_set,
    .access_log_append = sqlite_access_log_append,
    .access_log_list = sqlite_access_log_list,
    .access_batch_claim = sqlite_access_batch_claim,
    .case_answer_set = sqlite_case_answer_set,
    .case_answer_get = sqlite_case_answer_get,
    .user_list = sqlite_user_list,
    .user_get = sqlite_user_get,
    .user_name_taken = sqlite_user_name_taken,
    .user_set_state = sqlite_user_set_state,
    .user_set_password = sqlite_user_set_password,
    .user_end_logins = sqlite_user_end_logins,
    .user_login_ok = sqlite_user_login_ok,
    .user_audit_append = sqlite_user_audit_append,
    .user_audit_list = sqlite_user_audit_list,
    .case_stage_set = sqlite_case_stage_set,
    .citizen_search = sqlite_citizen_search,
    .case_assigned_set = sqlite_case_assigned_set,
    .case_assigned_get = sqlite_case_assigned_get,
    .staff_list = sqlite_staff_list,
    .staff_find = sqlite_staff_find,
    .worklist_owned = sqlite_worklist_owned,
    .worklist_by_owner = sqlite_worklist_by_owner,
    .owned_open_cases = sqlite_owned_open_cases,
};

void sqlite_store_configure(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* SQLITE_MISUSE once initialized */
}

/* The handle is malloc'd and owned by the caller, who closes it with
 * genop_store_close(); on failure *out is NULL and nothing is left open. */
genop_err sqlite_store_open(const char *path, const genop_store_options *o, genop_store **out,
                            genop_error *e)
{
    *out = NULL;
    if (path == NULL || path[0] == '\0')
        return genop_fail(e, GENOP_EINVAL, "databasen: stien til databasefilen mangler");
    /* The library on the machine may be older than the headers built with,
     * or built without threads (handles live in several threads). */
    if (sqlite3_libversion_number() < 3038000 || !sqlite3_threadsafe())
        return genop_fail(e, GENOP_EIO, "databasen: SQLite %s er for gammel eller uden tråde; "
                          "genop kræver 3.38 eller nyere", sqlite3_libversion());
    sqlite_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse");
    st->base.ops = &sqlite_ops;
    st->wal_restart_pages = o->wal_restart_pages > 0 ? o->wal_restart_pages
                                                     : GENOP_WAL_RESTART_PAGES;
    genop_err err = db_connect(st, path, o, e);
    if (err) {
        db_close(&st->base);
        return err;
    }
    *out = &st->base;
    return GENOP_OK;
}
