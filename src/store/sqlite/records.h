/*
 * records.h - the record files of the SQLite back end, for the function
 * table (sqlite.c) and for each other: every function has the meaning
 * of the genop_store_* wrapper of the same name (store.h). Private to
 * src/store/sqlite.
 */
#ifndef GENOP_SQLITE_RECORDS_H
#define GENOP_SQLITE_RECORDS_H

#include "db.h"

/* users.c: municipalities, users, login sessions, API tokens. */
genop_err sqlite_municipality_ensure(genop_store *s, const char *id, int code,
                                     const char *name, genop_error *e);
/* GENOP_OK if municipality id exists, GENOP_ENOTFOUND (no message) if not. */
genop_err sqlite_municipality_exists(sqlite_store *st, const char *id, genop_error *e);
genop_err sqlite_user_add(genop_store *s, const genop_user *u, const char *password_hash,
                          int64_t *id, genop_error *e);
genop_err sqlite_user_auth_get(genop_store *s, const char *username, genop_user_auth *out,
                               genop_error *e);
genop_err sqlite_user_login_result(genop_store *s, int64_t user_id, bool ok,
                                   int64_t locked_until, genop_error *e);
genop_err sqlite_session_create(genop_store *s, const unsigned char *token_hash,
                                int64_t user_id, int64_t now, genop_error *e);
genop_err sqlite_session_get(genop_store *s, const unsigned char *token_hash,
                             genop_session *out, genop_error *e);
genop_err sqlite_session_touch(genop_store *s, const unsigned char *token_hash, int64_t now,
                               genop_error *e);
genop_err sqlite_session_delete(genop_store *s, const unsigned char *token_hash,
                                genop_error *e);
genop_err sqlite_token_create(genop_store *s, const unsigned char *token_hash,
                              int64_t user_id, const char *name, genop_error *e);
genop_err sqlite_token_get(genop_store *s, const unsigned char *token_hash, genop_user *out,
                           genop_error *e);
genop_err sqlite_token_list(genop_store *s, const char *username, genop_list *out,
                            genop_error *e);
genop_err sqlite_token_revoke(genop_store *s, const char *id, genop_error *e);
/* Reads a user's columns "u.id, u.municipality, u.username, u.role". */
void sqlite_row_user(row_reader *r, genop_user *u);

/* user_admin.c: administering a municipality's users, their audit log. */
/* Reads a state column ("active", "locked", "deactivated"). */
void sqlite_row_user_state(row_reader *r, genop_user_state *out);
genop_err sqlite_user_login_ok(genop_store *s, int64_t user_id, int64_t now, genop_error *e);
genop_err sqlite_user_list(genop_store *s, const char *muni, genop_list *out, genop_error *e);
genop_err sqlite_user_get(genop_store *s, const char *muni, int64_t id, genop_user_info *out,
                          genop_error *e);
genop_err sqlite_user_name_taken(genop_store *s, const char *username, bool *taken,
                                 genop_error *e);
genop_err sqlite_user_set_state(genop_store *s, const char *muni, int64_t id,
                                genop_user_state state, genop_error *e);
genop_err sqlite_user_set_password(genop_store *s, const char *muni, int64_t id,
                                   const char *password_hash, genop_error *e);
genop_err sqlite_user_end_logins(genop_store *s, const char *muni, int64_t id, bool tokens,
                                 genop_error *e);
genop_err sqlite_user_audit_append(genop_store *s, genop_user_audit_entry *entry,
                                   genop_error *e);
genop_err sqlite_user_audit_list(genop_store *s, const char *muni, int64_t user_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e);

/* cases.c: citizens and cases. */
genop_err sqlite_citizen_find_by_cpr(genop_store *s, const char *muni, const char *cpr,
                                     genop_citizen *out, genop_error *e);
genop_err sqlite_citizen_create(genop_store *s, genop_citizen *c, genop_error *e);
genop_err sqlite_citizen_get(genop_store *s, const char *muni, int64_t id,
                             genop_citizen *out, genop_error *e);
genop_err sqlite_case_create(genop_store *s, genop_case_row *c, const char *created_by,
                             genop_error *e);
genop_err sqlite_case_get(genop_store *s, const char *muni, int64_t id, genop_case_row *out,
                          genop_error *e);
/* GENOP_OK if case id of muni exists, GENOP_ENOTFOUND (no message) if not. */
genop_err sqlite_case_exists(sqlite_store *st, const char *muni, int64_t id, genop_error *e);
genop_err sqlite_case_list(genop_store *s, const char *muni, const genop_case_filter *f,
                           genop_list *out, size_t *total, genop_error *e);
genop_err sqlite_case_ids(genop_store *s, const char *muni, int64_t after, size_t limit,
                          genop_list *out, genop_error *e);

/* events.c: case events, the projection (open deadlines, the worklist)
 * and the kept answers. */
genop_err sqlite_event_append(genop_store *s, const char *muni, genop_event_row *ev,
                              genop_error *e);
genop_err sqlite_events_list(genop_store *s, const char *muni, int64_t case_id,
                             genop_list *out, genop_error *e);
genop_err sqlite_case_projection_set(genop_store *s, const char *muni, int64_t case_id,
                                     bool closed, const genop_open_deadline *open,
                                     size_t n_open, genop_error *e);
genop_err sqlite_worklist(genop_store *s, const char *muni, genop_date today, size_t limit,
                          size_t offset,
                          genop_list *out, size_t *total, genop_error *e);
genop_err sqlite_case_open_deadlines(genop_store *s, const char *muni, int64_t case_id,
                                     genop_list *out, genop_error *e);
genop_err sqlite_case_answer_set(genop_store *s, const char *muni, int64_t case_id,
                                 const genop_case_answer *a, genop_error *e);
genop_err sqlite_case_answer_get(genop_store *s, const char *muni, int64_t case_id,
                                 genop_case_answer *out, genop_error *e);

/* projection_rules.c: the fingerprint of the rules each municipality's
 * projections were computed with. */
genop_err sqlite_rules_fingerprint_get(genop_store *s, const char *muni,
                                       char out[GENOP_RULES_FINGERPRINT_MAX], genop_error *e);
genop_err sqlite_rules_fingerprint_set(genop_store *s, const char *muni,
                                       const char *fingerprint, genop_error *e);

/* access_log.c: the access log and the batches imported into it. */
genop_err sqlite_access_log_append(genop_store *s, genop_access_entry *entry,
                                   genop_error *e);
genop_err sqlite_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e);
genop_err sqlite_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                    bool *claimed, genop_error *e);

#endif
