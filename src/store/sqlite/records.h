/*
 * records.h - the record files of the SQLite back end, for the function
 * table (sqlite.c) and for each other: every function has the meaning
 * of the genop_store_* wrapper of the same name (store.h). Private to
 * src/store/sqlite.
 */
#ifndef GENOP_SQLITE_RECORDS_H
#define GENOP_SQLITE_RECORDS_H

#include "db.h"
#include "store_calendar.h"
#include "store_teams.h"

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
/* The active user whose token or key hashes to hash (users.c, which says how). */
genop_err sqlite_user_by_hash(sqlite_store *st, const stmt_table *table, unsigned index,
                              const unsigned char *hash, const char *doing,
                              const char *missing, genop_user *out, genop_error *e);

/* case_views.c: every case's kept view in one pass, for reports. */
genop_err sqlite_case_views(genop_store *s, const char *muni, genop_case_view_fn fn, void *ctx,
                            genop_error *e);

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
genop_err sqlite_citizen_rename(genop_store *s, const char *muni, int64_t citizen_id,
                                const char *name, const char *changed_by, genop_error *e);
genop_err sqlite_citizen_names(genop_store *s, const char *muni, int64_t citizen_id,
                               genop_list *out, genop_error *e);
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
genop_err sqlite_case_stage_set(genop_store *s, const char *muni, int64_t case_id,
                                genop_case_stage stage, genop_error *e);

/* case_search.c: finding citizens (and, through cases.c's list, cases). */
genop_err sqlite_citizen_search(genop_store *s, const char *muni,
                                const genop_case_search *search, size_t limit, size_t offset,
                                genop_list *out, size_t *total, genop_error *e);

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

/* assignments.c: who is responsible for a case (the projection of its
 * `assigned` events), the municipality's staff by role, and the open
 * deadlines counted by who is responsible for them. */
genop_err sqlite_case_assigned_set(genop_store *s, const char *muni, int64_t case_id,
                                   const genop_case_assigned *a, genop_error *e);
genop_err sqlite_case_assigned_get(genop_store *s, const char *muni, int64_t case_id,
                                   genop_case_assigned *out, genop_error *e);
genop_err sqlite_staff_list(genop_store *s, const char *muni, int role, genop_list *out,
                            genop_error *e);
genop_err sqlite_staff_find(genop_store *s, const char *muni, const char *username,
                            genop_user *out, genop_error *e);
genop_err sqlite_worklist_by_owner(genop_store *s, const char *muni, const char *terapeut_tasks,
                                   genop_date today, genop_list *out, genop_error *e);
genop_err sqlite_owned_open_cases(genop_store *s, const char *muni, const char *username,
                                  size_t *n, genop_error *e);
/* events.c: the worklist of a user's cases. */
genop_err sqlite_worklist_owned(genop_store *s, const char *muni, const genop_worklist_owner *o,
                                size_t limit, size_t offset, genop_list *out, size_t *total,
                                genop_error *e);

/* A case's assignment beside the case c in a query: ASSIGNED_JOINS("c")
 * after its FROM, ASSIGNED_COLS among its columns, read with
 * sqlite_read_assigned(). */
#define ASSIGNED_JOINS(c)                                                                 \
    " LEFT JOIN case_assignments a_v ON a_v.municipality = " c ".municipality"            \
    " AND a_v.case_id = " c ".id AND a_v.role = 'visitator'"                              \
    " LEFT JOIN case_assignments a_t ON a_t.municipality = " c ".municipality"            \
    " AND a_t.case_id = " c ".id AND a_t.role = 'terapeut'"
#define ASSIGNED_COLS "a_v.username, a_v.since, a_t.username, a_t.since"
/* Reads ASSIGNED_COLS (NULLs: nobody). */
void sqlite_read_assigned(row_reader *r, genop_case_assigned *a);

/* access_log.c: the access log and the batches imported into it. */
genop_err sqlite_access_log_append(genop_store *s, genop_access_entry *entry,
                                   genop_error *e);
genop_err sqlite_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e);
genop_err sqlite_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                    bool *claimed, genop_error *e);

/* letters.c: letters, kept unchanged once made (migration 0012). */
genop_err sqlite_letter_add(genop_store *s, genop_letter_row *l, genop_error *e);
genop_err sqlite_letters_list(genop_store *s, const char *muni, int64_t case_id,
                              genop_list *out, genop_error *e);
genop_err sqlite_letter_get(genop_store *s, const char *muni, int64_t id, bool content,
                            genop_letter_row *out, genop_error *e);

/* outbox.c: letters sent, queued for print, printed; the Digital Post
 * sender (migration 0013). */
genop_err sqlite_dp_sender_set(genop_store *s, const char *muni, const genop_dp_sender *in,
                               genop_error *e);
genop_err sqlite_dp_sender_get(genop_store *s, const char *muni, genop_dp_sender *out,
                               genop_error *e);
genop_err sqlite_dispatch_add(genop_store *s, genop_dispatch_row *d, genop_error *e);
genop_err sqlite_dispatch_get(genop_store *s, const char *muni, int64_t letter_id,
                              genop_dispatch_row *out, genop_error *e);
genop_err sqlite_print_queue(genop_store *s, const char *muni, genop_list *out, genop_error *e);
genop_err sqlite_print_done(genop_store *s, const char *muni, int64_t letter_id,
                            const char *printed_by, genop_error *e);

/* calendar_resources.c: the calendar's locations, rooms, staff and teams
 * (migration 0014), and its function table (store_calendar.h). */
extern const genop_calendar_ops sqlite_calendar_ops;
/* team_rosters.c: a team's roster and waiting list (migration 0017). */
extern const genop_team_ops sqlite_team_ops;
/* appointments.c: the calendar's appointments (migration 0015). */
genop_err sqlite_appointment_add(genop_store *s, const char *muni, genop_appointment_row *a,
                                 genop_error *e);
genop_err sqlite_appointments_find(genop_store *s, const char *muni,
                                   const genop_appointment_filter *f, genop_list *out,
                                   genop_error *e);
genop_err sqlite_appointment_get(genop_store *s, const char *muni, int64_t id,
                                 genop_appointment_row *out, genop_error *e);
genop_err sqlite_appointment_update(genop_store *s, const char *muni,
                                    const genop_appointment_row *a, genop_error *e);
genop_err sqlite_appointment_reschedule(genop_store *s, const char *muni,
                                        const genop_appointment_row *a, genop_error *e);
/* appointments_walk.c: the appointments a report reads, in one pass. */
genop_err sqlite_appointments_walk(genop_store *s, const char *muni, genop_date from,
                                   genop_date to, unsigned paragraph, genop_appointment_fn fn,
                                   void *ctx, genop_error *e);
/* calendar_keys.c: the calendar feeds' keys (migration 0016). */
genop_err sqlite_calendar_key_set(genop_store *s, const char *muni, int64_t user_id,
                                  const unsigned char *hash, const char *created_by,
                                  genop_error *e);
genop_err sqlite_calendar_key_user(genop_store *s, const unsigned char *hash, genop_user *out,
                                   genop_error *e);
/* holiday_openings.c: the holidays a leder opened (migration 0018). */
genop_err sqlite_holiday_opening_add(genop_store *s, const char *muni,
                                     const genop_holiday_opening_row *o, genop_error *e);
genop_err sqlite_holiday_opening_get(genop_store *s, const char *muni, genop_date day,
                                     genop_holiday_opening_row *out, genop_error *e);
genop_err sqlite_holiday_openings_list(genop_store *s, const char *muni, genop_list *out,
                                       genop_error *e);
genop_err sqlite_holiday_opening_delete(genop_store *s, const char *muni, genop_date day,
                                        genop_error *e);

#endif
