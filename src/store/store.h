/*
 * store.h - genop's durable store: municipalities, users, login sessions and
 * API tokens, citizens, cases, the append-only case events, the projection
 * of open deadlines that the worklist reads (with the fingerprint of the
 * rules it was computed with), and the access log.
 *
 * One interface, several back ends: a genop_store is a handle on one
 * connection to a back end (SQLite now: sqlite/; PostgreSQL later), opened
 * by its location (genop_store_open) and reached through the function
 * table in `ops`. Callers use only the genop_store_* functions below and
 * never see SQL.
 *
 * Rules every back end keeps:
 * - every row carries its municipality, and every read takes the caller's
 *   municipality: another municipality's row is GENOP_ENOTFOUND, exactly
 *   as a row that does not exist;
 * - case events and access-log entries are never updated or deleted;
 * - writes happen inside genop_store_begin/commit; a failed write leaves
 *   nothing behind after genop_store_rollback;
 * - a handle is used by one thread at a time.
 *
 * Strings in the row structs are bounded arrays (lengths below); the API
 * layer checks input lengths before anything reaches the store.
 */
#ifndef GENOP_STORE_H
#define GENOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "name_words.h"

#define GENOP_MUNI_ID_MAX 16
#define GENOP_USERNAME_MAX 64
#define GENOP_NAME_MAX 128
#define GENOP_ADDRESS_MAX 256
#define GENOP_PHONE_MAX 32
#define GENOP_TEXT_SMALL_MAX 128
#define GENOP_HASH_TEXT_MAX 128     /* argon2id encoded hash */
#define GENOP_TOKEN_HASH_SIZE 32    /* BLAKE2b-256 of a session/API token */
#define GENOP_TIMESTAMP_SIZE 25     /* "2025-04-10T08:15:30.123Z" + NUL */
#define GENOP_RULES_FINGERPRINT_MAX 96  /* a rules fingerprint with its NUL */

typedef enum genop_role {
    GENOP_ROLE_VISITATOR,
    GENOP_ROLE_TERAPEUT,
    GENOP_ROLE_LEDER,
    GENOP_ROLE_ADMIN,
    GENOP_ROLE_COUNT
} genop_role;

const char *genop_role_name(genop_role role);
bool genop_role_from_name(const char *name, genop_role *out);

typedef struct genop_user {
    int64_t id;
    char municipality[GENOP_MUNI_ID_MAX];
    char username[GENOP_USERNAME_MAX];
    genop_role role;
} genop_user;

/* A user account's state, set by the municipality's admin
 * (src/casework/users_admin.h): only an active user logs in; a locked one
 * can be unlocked; a deactivated one never comes back (the store refuses
 * to make it active again). Not the lock after failed logins, which is
 * genop_user_auth.locked_until and runs out by itself. */
typedef enum genop_user_state {
    GENOP_USER_ACTIVE,
    GENOP_USER_LOCKED,
    GENOP_USER_DEACTIVATED,
    GENOP_USER_STATE_COUNT
} genop_user_state;

const char *genop_user_state_name(genop_user_state state);
bool genop_user_state_from_name(const char *name, genop_user_state *out);

/* What a login needs to know about a user. */
typedef struct genop_user_auth {
    genop_user user;
    char password_hash[GENOP_HASH_TEXT_MAX];
    int failed_logins;             /* in a row */
    int64_t locked_until;          /* unix seconds, 0 if not locked */
    genop_user_state state;
} genop_user_auth;

/* A user as the municipality's admin sees it: never the password hash. */
typedef struct genop_user_info {
    genop_user user;
    genop_user_state state;
    char created_at[GENOP_TIMESTAMP_SIZE];
    int64_t last_login;            /* unix seconds, 0: never */
    int failed_logins;             /* in a row */
    int64_t locked_until;          /* after failed logins: unix seconds, 0 if not */
} genop_user_info;

/* A row of the audit log of user accounts: `actor` did `action` to user
 * `username` (both of municipality), with detail (a role, a reason; never
 * a password). actor_id 0 and actor "": the command line (genop user add)
 * or the login itself. */
#define GENOP_USER_ACTION_MAX 32
typedef struct genop_user_audit_entry {
    int64_t id;
    char time[GENOP_TIMESTAMP_SIZE];   /* UTC, set by the store */
    char municipality[GENOP_MUNI_ID_MAX];
    int64_t actor_id;
    char actor[GENOP_USERNAME_MAX];
    int64_t user_id;
    char username[GENOP_USERNAME_MAX];
    char action[GENOP_USER_ACTION_MAX];
    char detail[GENOP_TEXT_SMALL_MAX];
} genop_user_audit_entry;

/* A login session as stored: its user and its last use. Whether it is
 * still good is the caller's to decide (src/server/auth.c). */
typedef struct genop_session {
    genop_user user;
    int64_t last_seen;             /* unix seconds */
} genop_session;

/* An API token as `genop token list` shows it: never the token itself. */
#define GENOP_TOKEN_ID_SIZE 13       /* 12 hex digits of its hash + NUL */
typedef struct genop_token_info {
    char id[GENOP_TOKEN_ID_SIZE];
    char username[GENOP_USERNAME_MAX];
    char municipality[GENOP_MUNI_ID_MAX];
    char name[GENOP_TEXT_SMALL_MAX];
    char created[GENOP_TIMESTAMP_SIZE];
} genop_token_info;

typedef struct genop_citizen {
    int64_t id;
    char municipality[GENOP_MUNI_ID_MAX];
    char cpr[11];                  /* ten digits */
    char name[GENOP_NAME_MAX];
    char address[GENOP_ADDRESS_MAX];
    char phone[GENOP_PHONE_MAX];
    genop_date birth_date;
    bool digital_post_exempt;
    char relatives[GENOP_ADDRESS_MAX];  /* free text: who to contact */
    int municipality_code;         /* the municipality the citizen lives in
                                    * (kommunekode, 101-860); 0: unknown */
    /* The contact person (kontaktperson) given on a referral; "" none. */
    char contact_name[GENOP_NAME_MAX];
    char contact_relation[GENOP_TEXT_SMALL_MAX];  /* "datter", "nabo", ... */
    char contact_phone[GENOP_PHONE_MAX];
} genop_citizen;

/* A change of a citizen's name (the history genop_store_citizen_rename
 * keeps): old_name was replaced by new_name at changed_at (UTC) by the
 * user changed_by. */
typedef struct genop_citizen_name_change {
    int64_t id;
    char old_name[GENOP_NAME_MAX];
    char new_name[GENOP_NAME_MAX];
    char changed_at[GENOP_TIMESTAMP_SIZE];
    char changed_by[GENOP_USERNAME_MAX];
} genop_citizen_name_change;

/* Where a case stands, as projected from its events (src/casework/
 * case_stage.h says how), stored by its name ("referred", ...). */
typedef enum genop_case_stage {
    GENOP_STAGE_UNKNOWN,           /* not projected yet: a case stored by an
                                    * older genop, until its next event */
    GENOP_STAGE_REFERRED,          /* no decision yet */
    GENOP_STAGE_GRANTED,           /* granted, no training session yet */
    GENOP_STAGE_TRAINING,          /* granted and training */
    GENOP_STAGE_REFUSED,           /* refused */
    GENOP_STAGE_COMPLAINT,         /* a complaint of the decision is pending */
    GENOP_STAGE_CLOSED,            /* the course or case is closed */
    GENOP_STAGE_COUNT
} genop_case_stage;

/* "referred", ..., "closed"; NULL for GENOP_STAGE_UNKNOWN. */
const char *genop_case_stage_name(genop_case_stage stage);
/* GENOP_STAGE_UNKNOWN for a name that is none of them (or NULL). */
genop_case_stage genop_case_stage_from_name(const char *name);

typedef struct genop_case_row {
    int64_t id;
    char municipality[GENOP_MUNI_ID_MAX];
    int64_t citizen_id;
    unsigned paragraph;            /* GENOP_PARA_* */
    genop_date referral_date;
    char referral_source[GENOP_TEXT_SMALL_MAX];  /* who referred */
    char condition[GENOP_TEXT_SMALL_MAX];
    bool closed;                   /* projection: a `closed` event exists */
    genop_case_stage stage;        /* projection: where the case stands */
    bool has_next_due;             /* projection: soonest open deadline */
    genop_date next_due;
    char created_at[GENOP_TIMESTAMP_SIZE];
} genop_case_row;

/* Who is responsible for a case now (projected from its `assigned`
 * events, src/casework/assignment.h): a username per role, "" for none. */
typedef struct genop_case_assigned {
    char visitator[GENOP_USERNAME_MAX];
    char terapeut[GENOP_USERNAME_MAX];
    genop_date visitator_since;    /* the assignment's date; 0 with "" */
    genop_date terapeut_since;
} genop_case_assigned;

/* A letter as kept (migration 0012; src/casework/letters/letters.h).
 * document and pdf: for genop_store_letter_add borrowed from the caller;
 * filled by genop_store_letter_get with content (owned then: release with
 * genop_store_letter_release); NULL in a list. */
#define GENOP_LETTER_KIND_MAX 24
#define GENOP_SHA256_HEX_SIZE 65
typedef struct genop_letter_row {
    int64_t id;
    char municipality[GENOP_MUNI_ID_MAX];
    int64_t case_id;
    int64_t citizen_id;            /* get and list: the case's citizen */
    char kind[GENOP_LETTER_KIND_MAX];
    int64_t event_id;              /* 0: none */
    char created[GENOP_TIMESTAMP_SIZE];   /* UTC, set by the store */
    char created_by[GENOP_USERNAME_MAX];
    char sha256[GENOP_SHA256_HEX_SIZE];   /* hex of the PDF's SHA-256 */
    char status[16];               /* "made", "sent", "queued", "printed" (0013) */
    char *document;                /* the document as JSON text */
    unsigned char *pdf;
    size_t pdf_len;
} genop_letter_row;

/* The outbox (migration 0013; src/casework/letters/outbox.h). */
#define GENOP_CVR_SIZE 9               /* eight digits and a NUL */
#define GENOP_MEMO_ID_SIZE 37          /* a MeMo message UUID and a NUL */
#define GENOP_SPOOL_FILE_SIZE 129      /* a file name in the spool's new/ */

/* A municipality's sender for Digital Post: its CVR number; test marks
 * an obvious test value that is no municipality's (the demo's). */
typedef struct genop_dp_sender {
    char cvr[GENOP_CVR_SIZE];
    bool test;
    char set_at[GENOP_TIMESTAMP_SIZE];
    char set_by[GENOP_USERNAME_MAX];
} genop_dp_sender;

/* A letter sent (one per letter): channel "digital_post" (memo_uuid and
 * spool_file set) or "print" (both ""); received the day the citizen
 * counts as having received it; received_event the decision_received
 * event the sending recorded, 0 for none. */
typedef struct genop_dispatch_row {
    int64_t letter_id;
    char municipality[GENOP_MUNI_ID_MAX];
    char channel[16];
    char sent[GENOP_TIMESTAMP_SIZE];      /* UTC, set by the store */
    char sent_by[GENOP_USERNAME_MAX];
    char memo_uuid[GENOP_MEMO_ID_SIZE];
    char spool_file[GENOP_SPOOL_FILE_SIZE];
    genop_date received;
    int64_t received_event;
} genop_dispatch_row;

/* A letter in the print queue: its dispatch, its case, citizen and kind. */
typedef struct genop_print_item {
    genop_dispatch_row d;
    int64_t case_id;
    int64_t citizen_id;
    char citizen_name[GENOP_NAME_MAX];
    char kind[GENOP_LETTER_KIND_MAX];
    char created[GENOP_TIMESTAMP_SIZE];   /* when the letter was made */
} genop_print_item;

/* A case in a list, with its citizen's name and birth date and who is
 * responsible. */
typedef struct genop_case_summary {
    genop_case_row c;
    char citizen_name[GENOP_NAME_MAX];
    genop_date citizen_birth_date;
    genop_case_assigned assigned;
} genop_case_summary;

/* A search for cases (the domain layer reads it from the text a person
 * typed, src/casework/case_search.h): the cases whose citizen has the CPR
 * number, or whose id is case_id, or whose citizen's name has, for every
 * one of words[], a word that starts with it. Empty parts match nothing. */
#define GENOP_SEARCH_WORDS_MAX 8
typedef struct genop_case_search {
    char cpr[11];                  /* ten digits, or "" */
    int64_t case_id;               /* 0: none */
    size_t n_words;
    char words[GENOP_SEARCH_WORDS_MAX][GENOP_NAME_WORD_SIZE]; /* folded
                                    * (name_words.h), each non-empty */
} genop_case_search;

typedef struct genop_case_filter {
    int closed;                    /* -1 any, 0 open only, 1 closed only */
    unsigned paragraph;            /* 0 any, else GENOP_PARA_* */
    bool has_due_before;           /* next open deadline before this date */
    genop_date due_before;
    int64_t citizen_id;            /* 0 any */
    genop_case_stage stage;        /* GENOP_STAGE_UNKNOWN: any */
    const char *owner;             /* NULL any; else only the cases this
                                    * username is assigned to, in either role */
    const genop_case_search *search; /* NULL: no search; else only its matches
                                    * (borrowed for the call) */
    size_t limit;                  /* 0: no limit */
    size_t offset;
} genop_case_filter;

/* A citizen found by a search (genop_store_citizen_search): who, and the
 * numbers of the citizen's cases, newest first. */
#define GENOP_CITIZEN_HIT_CASES 8
typedef struct genop_citizen_hit {
    int64_t id;
    char name[GENOP_NAME_MAX];
    genop_date birth_date;
    size_t n_cases;                /* all the citizen's cases */
    int64_t case_ids[GENOP_CITIZEN_HIT_CASES];   /* the newest of them */
} genop_citizen_hit;

/* One stored event. body is the event's JSON object as it was accepted
 * (type, date and its fields), owned by the row. */
typedef struct genop_event_row {
    int64_t id;
    int64_t case_id;
    char type[32];
    genop_date date;
    char *body;
    int64_t corrects;              /* the event this one corrects, or 0 */
    int64_t author_id;
    char author[GENOP_USERNAME_MAX];
    char registered_at[GENOP_TIMESTAMP_SIZE];
} genop_event_row;

/* An open deadline of a case, or one of the worklist's tasks (api.md:
 * attendance_review, limit_exceeded, course_length, and end_status), as
 * projected when its events last changed. */
typedef struct genop_open_deadline {
    int64_t case_id;
    int64_t citizen_id;
    char citizen_name[GENOP_NAME_MAX];
    char deadline_id[48];          /* the deadline's id, or the task's */
    char label[GENOP_TEXT_SMALL_MAX];
    unsigned paragraph;
    genop_date from;
    genop_date due;
    bool task;                     /* a task, not a deadline of the standard */
    char limit_id[24];             /* limit_exceeded: the limit's id; else "" */
    genop_date listed_from;        /* on the worklist from this day (0: from `from`) */
    char source[GENOP_ADDRESS_MAX];
    genop_case_assigned assigned;  /* read by the worklist; not stored with it */
} genop_open_deadline;

/* Which open deadlines of a worklist (genop_store_worklist_owned): the
 * cases `username` is assigned to (in either role, or in `role` only when
 * role is not NULL), and with role, of those cases only the tasks that
 * role is responsible for: the deadline ids in the JSON array
 * terapeut_tasks are the terapeut's, every other the visitator's. */
typedef struct genop_worklist_owner {
    const char *username;
    const char *role;              /* NULL, "visitator" or "terapeut" */
    const char *terapeut_tasks;    /* JSON array of deadline ids */
    genop_date today;              /* the tasks listed on this day */
} genop_worklist_owner;

/* The open deadlines of a municipality counted by who is responsible for
 * them (genop_store_worklist_by_owner): the tasks of role on cases whose
 * `role` is username ("" for the cases nobody of that role is assigned). */
typedef struct genop_owner_count {
    char role[16];
    char username[GENOP_USERNAME_MAX];
    size_t open;
    size_t overdue;                /* due before the date asked about */
} genop_owner_count;

typedef struct genop_access_entry {
    int64_t id;
    char time[GENOP_TIMESTAMP_SIZE];   /* UTC, set by the store when 0-length */
    int64_t user_id;
    char username[GENOP_USERNAME_MAX];
    char municipality[GENOP_MUNI_ID_MAX];
    int64_t citizen_id;                /* 0: none */
    int64_t case_id;                   /* 0: none */
    char action[32];                   /* "read_case", "append_event", ... */
    char purpose[GENOP_TEXT_SMALL_MAX];
} genop_access_entry;

/* A case read's answer as it stood after the case's newest event
 * (src/server/case_answer.h says what the parts are). */
typedef struct genop_case_answer {
    int64_t last_event_id;         /* the newest event it was made from */
    int64_t newest_event_id;       /* get: the case's newest event now */
    int view_format;
    void *view;                    /* the corrected view, view_len bytes */
    size_t view_len;
    char *case_json;               /* the answer's "case" object */
    char *events_json;             /* the answer's "events" array */
} genop_case_answer;

/* Frees what a get filled in (the buffers), not a itself. */
void genop_case_answer_release(genop_case_answer *a);

/* One case of a municipality as a report reads it (genop_store_case_views):
 * what the corrected view needs from outside the events, and the view
 * kept with the case (case_answer.h). Borrowed by the callback until it
 * returns. */
typedef struct genop_case_view_ref {
    int64_t case_id;
    genop_date birth_date;         /* the citizen's */
    int municipality_code;         /* where the citizen lives; 0: unknown */
    bool current;                  /* a kept view made from the case's newest event */
    int view_format;               /* with current: the kept answer's view_format */
    const void *view;              /* with current: view_len bytes */
    size_t view_len;
} genop_case_view_ref;

/* Called once a case by genop_store_case_views; an error stops the walk
 * and is returned as it is. */
typedef genop_err (*genop_case_view_fn)(void *ctx, const genop_case_view_ref *v,
                                        genop_error *e);

/* A list the store allocated; free with genop_store_free_list(). */
typedef struct genop_list {
    void *items;
    size_t n;
} genop_list;

typedef struct genop_store genop_store;

/* The back end's function table. Each function has the meaning of the
 * genop_store_* wrapper of the same name below. */
typedef struct genop_store_ops {
    void (*close)(genop_store *s);
    genop_err (*begin)(genop_store *s, genop_error *e);
    genop_err (*begin_read)(genop_store *s, genop_error *e);
    genop_err (*savepoint)(genop_store *s, genop_error *e);
    genop_err (*release)(genop_store *s, genop_error *e);
    void (*rollback_to)(genop_store *s);
    genop_err (*flush)(genop_store *s, genop_error *e);
    genop_err (*commit)(genop_store *s, genop_error *e);
    void (*rollback)(genop_store *s);
    genop_err (*municipality_ensure)(genop_store *s, const char *id, int code,
                                     const char *name, genop_error *e);
    genop_err (*user_add)(genop_store *s, const genop_user *u, const char *password_hash,
                          int64_t *id, genop_error *e);
    genop_err (*user_auth_get)(genop_store *s, const char *username, genop_user_auth *out,
                               genop_error *e);
    genop_err (*user_login_result)(genop_store *s, int64_t user_id, bool ok,
                                   int64_t locked_until, genop_error *e);
    genop_err (*session_create)(genop_store *s, const unsigned char *token_hash,
                                int64_t user_id, int64_t now, genop_error *e);
    genop_err (*session_get)(genop_store *s, const unsigned char *token_hash,
                             genop_session *out, genop_error *e);
    genop_err (*session_touch)(genop_store *s, const unsigned char *token_hash, int64_t now,
                               genop_error *e);
    genop_err (*session_delete)(genop_store *s, const unsigned char *token_hash,
                                genop_error *e);
    genop_err (*token_create)(genop_store *s, const unsigned char *token_hash,
                              int64_t user_id, const char *name, genop_error *e);
    genop_err (*token_get)(genop_store *s, const unsigned char *token_hash, genop_user *out,
                           genop_error *e);
    genop_err (*token_list)(genop_store *s, const char *username, genop_list *out,
                            genop_error *e);
    genop_err (*token_revoke)(genop_store *s, const char *id, genop_error *e);
    genop_err (*citizen_find_by_cpr)(genop_store *s, const char *muni, const char *cpr,
                                     genop_citizen *out, genop_error *e);
    genop_err (*citizen_create)(genop_store *s, genop_citizen *c, genop_error *e);
    genop_err (*citizen_get)(genop_store *s, const char *muni, int64_t id, genop_citizen *out,
                             genop_error *e);
    genop_err (*case_create)(genop_store *s, genop_case_row *c, const char *created_by,
                             genop_error *e);
    genop_err (*case_get)(genop_store *s, const char *muni, int64_t id, genop_case_row *out,
                          genop_error *e);
    genop_err (*case_list)(genop_store *s, const char *muni, const genop_case_filter *f,
                           genop_list *out, size_t *total, genop_error *e);
    genop_err (*event_append)(genop_store *s, const char *muni, genop_event_row *ev,
                              genop_error *e);
    genop_err (*events_list)(genop_store *s, const char *muni, int64_t case_id,
                             genop_list *out, genop_error *e);
    genop_err (*case_projection_set)(genop_store *s, const char *muni, int64_t case_id,
                                     bool closed, const genop_open_deadline *open,
                                     size_t n_open, genop_error *e);
    genop_err (*worklist)(genop_store *s, const char *muni, genop_date today, size_t limit,
                          size_t offset, genop_list *out, size_t *total, genop_error *e);
    genop_err (*case_ids)(genop_store *s, const char *muni, int64_t after, size_t limit,
                          genop_list *out, genop_error *e);
    genop_err (*case_views)(genop_store *s, const char *muni, genop_case_view_fn fn, void *ctx,
                            genop_error *e);
    genop_err (*case_open_deadlines)(genop_store *s, const char *muni, int64_t case_id,
                                     genop_list *out, genop_error *e);
    genop_err (*rules_fingerprint_get)(genop_store *s, const char *muni,
                                       char out[GENOP_RULES_FINGERPRINT_MAX], genop_error *e);
    genop_err (*rules_fingerprint_set)(genop_store *s, const char *muni,
                                       const char *fingerprint, genop_error *e);
    genop_err (*access_log_append)(genop_store *s, genop_access_entry *entry,
                                   genop_error *e);
    genop_err (*access_log_list)(genop_store *s, const char *muni, int64_t citizen_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e);
    genop_err (*access_batch_claim)(genop_store *s, const char *batch, size_t rows,
                                    bool *claimed, genop_error *e);
    genop_err (*case_answer_set)(genop_store *s, const char *muni, int64_t case_id,
                                 const genop_case_answer *a, genop_error *e);
    genop_err (*case_answer_get)(genop_store *s, const char *muni, int64_t case_id,
                                 genop_case_answer *out, genop_error *e);
    genop_err (*user_list)(genop_store *s, const char *muni, genop_list *out, genop_error *e);
    genop_err (*user_get)(genop_store *s, const char *muni, int64_t id, genop_user_info *out,
                          genop_error *e);
    genop_err (*user_name_taken)(genop_store *s, const char *username, bool *taken,
                                 genop_error *e);
    genop_err (*user_set_state)(genop_store *s, const char *muni, int64_t id,
                                genop_user_state state, genop_error *e);
    genop_err (*user_set_password)(genop_store *s, const char *muni, int64_t id,
                                   const char *password_hash, genop_error *e);
    genop_err (*user_end_logins)(genop_store *s, const char *muni, int64_t id, bool tokens,
                                 genop_error *e);
    genop_err (*user_login_ok)(genop_store *s, int64_t user_id, int64_t now, genop_error *e);
    genop_err (*user_audit_append)(genop_store *s, genop_user_audit_entry *entry,
                                   genop_error *e);
    genop_err (*user_audit_list)(genop_store *s, const char *muni, int64_t user_id,
                                 size_t limit, size_t offset, genop_list *out, size_t *total,
                                 genop_error *e);
    genop_err (*case_stage_set)(genop_store *s, const char *muni, int64_t case_id,
                                genop_case_stage stage, genop_error *e);
    genop_err (*citizen_search)(genop_store *s, const char *muni,
                                const genop_case_search *search, size_t limit, size_t offset,
                                genop_list *out, size_t *total, genop_error *e);
    genop_err (*case_assigned_set)(genop_store *s, const char *muni, int64_t case_id,
                                   const genop_case_assigned *a, genop_error *e);
    genop_err (*case_assigned_get)(genop_store *s, const char *muni, int64_t case_id,
                                   genop_case_assigned *out, genop_error *e);
    genop_err (*staff_list)(genop_store *s, const char *muni, int role, genop_list *out,
                            genop_error *e);
    genop_err (*staff_find)(genop_store *s, const char *muni, const char *username,
                            genop_user *out, genop_error *e);
    genop_err (*worklist_owned)(genop_store *s, const char *muni, const genop_worklist_owner *o,
                                size_t limit, size_t offset, genop_list *out, size_t *total,
                                genop_error *e);
    genop_err (*worklist_by_owner)(genop_store *s, const char *muni, const char *terapeut_tasks,
                                   genop_date today, genop_list *out, genop_error *e);
    genop_err (*owned_open_cases)(genop_store *s, const char *muni, const char *username,
                                  size_t *n, genop_error *e);
    genop_err (*citizen_rename)(genop_store *s, const char *muni, int64_t citizen_id,
                                const char *name, const char *changed_by, genop_error *e);
    genop_err (*citizen_names)(genop_store *s, const char *muni, int64_t citizen_id,
                               genop_list *out, genop_error *e);
    genop_err (*letter_add)(genop_store *s, genop_letter_row *l, genop_error *e);
    genop_err (*letters_list)(genop_store *s, const char *muni, int64_t case_id,
                              genop_list *out, genop_error *e);
    genop_err (*letter_get)(genop_store *s, const char *muni, int64_t id, bool content,
                            genop_letter_row *out, genop_error *e);
    genop_err (*dp_sender_set)(genop_store *s, const char *muni, const genop_dp_sender *in,
                               genop_error *e);
    genop_err (*dp_sender_get)(genop_store *s, const char *muni, genop_dp_sender *out,
                               genop_error *e);
    genop_err (*dispatch_add)(genop_store *s, genop_dispatch_row *d, genop_error *e);
    genop_err (*dispatch_get)(genop_store *s, const char *muni, int64_t letter_id,
                              genop_dispatch_row *out, genop_error *e);
    genop_err (*print_queue)(genop_store *s, const char *muni, genop_list *out, genop_error *e);
    genop_err (*print_done)(genop_store *s, const char *muni, int64_t letter_id,
                            const char *printed_by, genop_error *e);
    /* The calendar's records (store_calendar.h). */
    const struct genop_calendar_ops *calendar;
    /* A team's roster and waiting list (store_teams.h). */
    const struct genop_team_ops *teams;
} genop_store_ops;

/* Every back end's handle starts with this. fail_from and calls are the
 * fault injection of tests (genop_store_fail_from), zero otherwise. */
struct genop_store {
    const genop_store_ops *ops;
    long fail_from;
    long calls;
};

/* Fault injection, for tests: the nth call through this handle from now
 * (1 is the next) and every call after it fail with GENOP_EIO, as a disk
 * or database failure would, without reaching the back end; rollback and
 * close never fail. 0 turns it off. Tests use it to check that a failure
 * at any step of a request leaves nothing half-written. */
void genop_store_fail_from(genop_store *s, long n);
/* For the wrappers of other headers of the store (store_calendar.c): true,
 * with e set to GENOP_EIO, when this call is one fault injection fails. */
bool genop_store_fault_injected(genop_store *s, genop_error *e);

/* How a handle's commits reach the disk. */
typedef enum genop_commit_mode {
    /* A COMMIT returns once it is on disk: it survives a crash of genop
     * and of the machine (SQLite: synchronous=FULL). The default. */
    GENOP_COMMIT_DURABLE,
    /* A COMMIT returns once it is in the database file's log: it survives
     * a crash of genop (kill -9), and reaches the disk with the next
     * durable commit or genop_store_flush() (SQLite: synchronous=NORMAL).
     * The server's handles are all durable since the access log of reads
     * moved to its audit sink (audit_sink.h). */
    GENOP_COMMIT_LOGGED,
} genop_commit_mode;

typedef struct genop_store_options {
    genop_commit_mode commit_mode;
    /* True when the owner calls genop_store_flush() regularly (the
     * server's flusher thread): the handle then never folds the log into
     * the database itself during a commit (SQLite: wal_autocheckpoint=0),
     * so no request waits for that. False for one-off commands. */
    bool flushed_by_owner;
    /* genop_store_flush() on this handle starts the log over once it holds
     * this many pages (0: GENOP_WAL_RESTART_PAGES), see sqlite/db.c. */
    int wal_restart_pages;
} genop_store_options;

/* The log's length (in pages of 4 KB: 256 MB) past which a flush starts it
 * over. */
#define GENOP_WAL_RESTART_PAGES 65536

/* Process-wide settings of the back ends' libraries, for a program to
 * call once at its start, before any handle is opened (later they cannot
 * take effect, and are left alone). SQLite: it keeps no memory statistics,
 * which it guards with one mutex for every allocation of every connection
 * - under load the server's threads queued on it (a read answered in ~30%
 * more time). Optional: handles work the same without. */
void genop_store_configure(void);

/* Where a store lives: the text `--db` takes.
 *   sqlite:PATH        the SQLite database file PATH (made if need be);
 *   PATH               the same, for a path that does not begin with a
 *                      scheme (letters, digits, + - . and a colon): a file
 *                      named so is written ./NAME or sqlite:NAME;
 *   postgresql://...   not yet: refused with a message that says so. */
typedef enum genop_store_backend {
    GENOP_STORE_SQLITE,
} genop_store_backend;

typedef struct genop_store_location {
    genop_store_backend backend;
    const char *path;              /* SQLite: the file, borrowed from the text */
} genop_store_location;

/* Reads location into *out. GENOP_EINVAL, with a Danish message naming the
 * location and the schemes genop knows, when it is empty or its scheme is
 * not one of them. */
genop_err genop_store_location_parse(const char *location, genop_store_location *out,
                                     genop_error *e);

/* Opens (creating and migrating if needed) the store at location with
 * options o (NULL: durable commits, no owner's flush). SQLite: WAL,
 * synchronous=FULL, foreign keys on. The caller closes the handle with
 * genop_store_close(); on failure *out is NULL. */
genop_err genop_store_open(const char *location, const genop_store_options *o,
                           genop_store **out, genop_error *e);

void genop_store_close(genop_store *s);

/* BEGIN IMMEDIATE ... COMMIT. Rollback never fails and is harmless when
 * no transaction is open. */
genop_err genop_store_begin(genop_store *s, genop_error *e);
genop_err genop_store_commit(genop_store *s, genop_error *e);
void genop_store_rollback(genop_store *s);
/* A read transaction: every read until genop_store_commit() (or rollback)
 * sees the database as it was at the first of them. Only for reads; a
 * write inside it may fail if another handle wrote in between. */
genop_err genop_store_begin_read(genop_store *s, genop_error *e);
/* A savepoint inside the open transaction (GENOP_EINVAL without one):
 * genop_store_release() keeps what was written since and ends it;
 * genop_store_rollback_to() undoes that and ends it (it never fails).
 * They nest. The commit queue (commit_queue.h) runs each job in
 * one, so a failed job leaves nothing in a shared transaction. */
genop_err genop_store_savepoint(genop_store *s, genop_error *e);
genop_err genop_store_release(genop_store *s, genop_error *e);
void genop_store_rollback_to(genop_store *s);
/* Makes every commit so far, of every handle on the database, durable
 * (see GENOP_COMMIT_LOGGED), and keeps the database's log short. Runs
 * beside readers and writers without stopping them. */
genop_err genop_store_flush(genop_store *s, genop_error *e);

/* Creates the municipality if it does not exist (id is the standard's id,
 * e.g. "aalborg"). */
genop_err genop_store_municipality_ensure(genop_store *s, const char *id, int code,
                                          const char *name, genop_error *e);

/* Adds a user; GENOP_EINVAL if the username exists (in any municipality)
 * or the municipality does not. *id gets the new user's id. */
genop_err genop_store_user_add(genop_store *s, const genop_user *u, const char *password_hash,
                               int64_t *id, genop_error *e);
/* GENOP_ENOTFOUND if there is no such user. */
genop_err genop_store_user_auth_get(genop_store *s, const char *username, genop_user_auth *out,
                                    genop_error *e);
/* Records a login attempt: ok resets the failure count and any lock; a failure adds one
 * and sets locked_until (unix seconds; 0 leaves it as it is). */
genop_err genop_store_user_login_result(genop_store *s, int64_t user_id, bool ok,
                                        int64_t locked_until, genop_error *e);
/* A login that succeeded at now (unix seconds): resets the failure count
 * and any lock after failures, and records now as the last login. */
genop_err genop_store_user_login_ok(genop_store *s, int64_t user_id, int64_t now,
                                    genop_error *e);

/* ---- Administering the users of a municipality (src/casework/users_admin.h
 * holds the policy: who may, and what may not be done). Every call takes
 * the municipality; another municipality's user is GENOP_ENOTFOUND. */

/* The users of muni, by username; out->items is genop_user_info[]. */
genop_err genop_store_user_list(genop_store *s, const char *muni, genop_list *out,
                                genop_error *e);
/* User id of muni; GENOP_ENOTFOUND if muni has none. */
genop_err genop_store_user_get(genop_store *s, const char *muni, int64_t id,
                               genop_user_info *out, genop_error *e);
/* *taken: some user of any municipality has username, ignoring the case
 * of A-Z (usernames are unique across municipalities, as logins name no
 * municipality). */
genop_err genop_store_user_name_taken(genop_store *s, const char *username, bool *taken,
                                      genop_error *e);
/* Sets the state of user id of muni. Making a deactivated user anything
 * else is refused (GENOP_EINVAL), by the back end itself. */
genop_err genop_store_user_set_state(genop_store *s, const char *muni, int64_t id,
                                     genop_user_state state, genop_error *e);
/* Replaces the password hash of user id of muni and resets its failed
 * logins and any lock after them. Refused (GENOP_EINVAL) for a
 * deactivated user. */
genop_err genop_store_user_set_password(genop_store *s, const char *muni, int64_t id,
                                        const char *password_hash, genop_error *e);
/* Ends the login sessions of user id of muni at once, and with tokens
 * its API tokens too (deleted: they no longer log anyone in). */
genop_err genop_store_user_end_logins(genop_store *s, const char *muni, int64_t id,
                                      bool tokens, genop_error *e);
/* Appends to the audit log of user accounts (append-only); sets
 * entry->id and entry->time. */
genop_err genop_store_user_audit_append(genop_store *s, genop_user_audit_entry *entry,
                                        genop_error *e);
/* The audit log of user accounts of muni (of user user_id only, unless 0),
 * newest first, from offset and at most limit rows (0: all); out->items
 * is genop_user_audit_entry[]; *total counts the rows without limit and
 * offset. */
genop_err genop_store_user_audit_list(genop_store *s, const char *muni, int64_t user_id,
                                      size_t limit, size_t offset, genop_list *out,
                                      size_t *total, genop_error *e);

/* Sessions and API tokens are stored by the hash of their secret
 * (GENOP_TOKEN_HASH_SIZE bytes). A session is created with its last use
 * at now; GENOP_ENOTFOUND if the user does not exist, GENOP_EINVAL if the
 * hash does. */
genop_err genop_store_session_create(genop_store *s, const unsigned char *token_hash,
                                     int64_t user_id, int64_t now, genop_error *e);
/* The session with the hash, with its user and last use (GENOP_ENOTFOUND
 * if there is none). When a session expires is the caller's policy. */
genop_err genop_store_session_get(genop_store *s, const unsigned char *token_hash,
                                  genop_session *out, genop_error *e);
/* Moves the session's last use forward to now (never back; a session
 * that is not there is left so). */
genop_err genop_store_session_touch(genop_store *s, const unsigned char *token_hash,
                                    int64_t now, genop_error *e);
/* Deleting a session that does not exist is not an error. */
genop_err genop_store_session_delete(genop_store *s, const unsigned char *token_hash,
                                     genop_error *e);
genop_err genop_store_token_create(genop_store *s, const unsigned char *token_hash,
                                   int64_t user_id, const char *name, genop_error *e);
genop_err genop_store_token_get(genop_store *s, const unsigned char *token_hash,
                                genop_user *out, genop_error *e);
/* The API tokens (of username, or of everybody when NULL), oldest first;
 * out->items is genop_token_info[]. */
genop_err genop_store_token_list(genop_store *s, const char *username, genop_list *out,
                                 genop_error *e);
/* Deletes the token whose id (genop_token_info.id, any case) is given: it
 * no longer logs anyone in. GENOP_ENOTFOUND when no token has the id;
 * GENOP_EINVAL when it is malformed or names more than one (then none is
 * deleted). */
genop_err genop_store_token_revoke(genop_store *s, const char *id, genop_error *e);

/* The citizen of muni with the CPR number cpr (ten digits, else
 * GENOP_EINVAL); GENOP_ENOTFOUND if muni has none. */
genop_err genop_store_citizen_find_by_cpr(genop_store *s, const char *muni, const char *cpr,
                                          genop_citizen *out, genop_error *e);
/* Creates the citizen *c (of c->municipality, which must exist, else
 * GENOP_EINVAL) and sets c->id. GENOP_ECONFLICT if the municipality
 * already has a citizen with the CPR number (finding before creating is
 * the caller's). */
genop_err genop_store_citizen_create(genop_store *s, genop_citizen *c, genop_error *e);
genop_err genop_store_citizen_get(genop_store *s, const char *muni, int64_t id,
                                  genop_citizen *out, genop_error *e);
/* Gives citizen citizen_id of muni the name `name` (non-empty, shorter
 * than GENOP_NAME_MAX, one line) and keeps the name it had in the
 * citizen's history of names, with the time and changed_by (the user's
 * username); the caller holds the transaction. GENOP_ENOTFOUND for no
 * such citizen of muni; a name equal to the stored one changes nothing
 * and adds no history. */
genop_err genop_store_citizen_rename(genop_store *s, const char *muni, int64_t citizen_id,
                                     const char *name, const char *changed_by,
                                     genop_error *e);
/* The history of citizen citizen_id's names, oldest change first;
 * out->items is genop_citizen_name_change[] (none for a citizen never
 * renamed, or not of muni). */
genop_err genop_store_citizen_names(genop_store *s, const char *muni, int64_t citizen_id,
                                    genop_list *out, genop_error *e);

/* Creates a case; sets c->id and c->created_at. */
genop_err genop_store_case_create(genop_store *s, genop_case_row *c, const char *created_by,
                                  genop_error *e);
genop_err genop_store_case_get(genop_store *s, const char *muni, int64_t id,
                               genop_case_row *out, genop_error *e);
/* Cases of muni matching f, newest first; out->items is genop_case_summary[];
 * *total is the number of matches without limit/offset. A search
 * (f->search) is answered from the index of the citizens' name words, in
 * time that grows with the matches, not with the municipality's cases. */
genop_err genop_store_case_list(genop_store *s, const char *muni, const genop_case_filter *f,
                                genop_list *out, size_t *total, genop_error *e);
/* Sets the stage projected from case case_id's events (never
 * GENOP_STAGE_UNKNOWN: GENOP_EINVAL); the caller holds the transaction of
 * the event. */
genop_err genop_store_case_stage_set(genop_store *s, const char *muni, int64_t case_id,
                                     genop_case_stage stage, genop_error *e);
/* The citizens of muni that have a case the search matches (as
 * genop_store_case_list does), by name, then by id; out->items is
 * genop_citizen_hit[] (each with its newest case numbers, whether the
 * search matched them or not); *total is the number of such citizens
 * without limit/offset (limit 0: all). */
genop_err genop_store_citizen_search(genop_store *s, const char *muni,
                                     const genop_case_search *search, size_t limit,
                                     size_t offset, genop_list *out, size_t *total,
                                     genop_error *e);

/* Appends an event (ev->body must be set, a JSON object); sets ev->id,
 * ev->registered_at and ev->author. The case must belong to muni
 * (else GENOP_ENOTFOUND); the author must be a user of muni, and
 * ev->corrects (if not 0) an event of the same case (else GENOP_EINVAL). */
genop_err genop_store_event_append(genop_store *s, const char *muni, genop_event_row *ev,
                                   genop_error *e);
/* A case's events in the order they were registered; out->items is
 * genop_event_row[] (free with genop_store_free_events()). */
genop_err genop_store_events_list(genop_store *s, const char *muni, int64_t case_id,
                                  genop_list *out, genop_error *e);

/* Replaces the case's projection: closed flag, its open deadlines and
 * tasks (for the worklist: the caller decides what a closed case keeps)
 * and next_due (the soonest of them). */
genop_err genop_store_case_projection_set(genop_store *s, const char *muni, int64_t case_id,
                                          bool closed, const genop_open_deadline *open,
                                          size_t n_open, genop_error *e);
/* The open deadlines and tasks of muni's cases that are on the worklist
 * on `today` (listed_from on or before it), soonest due first (then by
 * case); out->items is genop_open_deadline[]. A limit of 0 is no limit. */
genop_err genop_store_worklist(genop_store *s, const char *muni, genop_date today,
                               size_t limit, size_t offset, genop_list *out, size_t *total,
                               genop_error *e);

/* The ids of muni's cases above `after`, ascending, at most limit of them
 * (0: all); out->items is int64_t[]. For walking every case of a
 * municipality a page at a time (after = the last id of the page before). */
genop_err genop_store_case_ids(genop_store *s, const char *muni, int64_t after, size_t limit,
                               genop_list *out, genop_error *e);
/* Calls fn(ctx, v, e) for every case of muni, ascending by id, in one
 * pass over the store (for a report over every case: src/casework/report).
 * A case without a current kept view comes with current false and no view;
 * the caller reads its events (after the walk: fn must not use s). */
genop_err genop_store_case_views(genop_store *s, const char *muni, genop_case_view_fn fn,
                                 void *ctx, genop_error *e);
/* The open deadlines and tasks stored for case case_id of muni (with the
 * citizen's name), in the order they were stored, whether on the
 * worklist yet or not.
 * out->items is genop_open_deadline[]. An unknown case has none. */
genop_err genop_store_case_open_deadlines(genop_store *s, const char *muni, int64_t case_id,
                                          genop_list *out, genop_error *e);

/* The fingerprint of the rules muni's stored projections were computed
 * with (src/casework/projection_refresh.h), as last set, into out; "" when
 * none is stored. GENOP_ENOTFOUND (no message) when muni does not exist. */
genop_err genop_store_rules_fingerprint_get(genop_store *s, const char *muni,
                                            char out[GENOP_RULES_FINGERPRINT_MAX],
                                            genop_error *e);
/* Records fingerprint as muni's, replacing the one before. GENOP_EINVAL
 * when it is empty, GENOP_ETOOBIG when it is not shorter than
 * GENOP_RULES_FINGERPRINT_MAX, GENOP_ENOTFOUND when muni does not exist. */
genop_err genop_store_rules_fingerprint_set(genop_store *s, const char *muni,
                                            const char *fingerprint, genop_error *e);

/* Appends to the access log; fills entry->id, and entry->time when it is
 * empty (else the given time, UTC, is kept). */
genop_err genop_store_access_log_append(genop_store *s, genop_access_entry *entry,
                                        genop_error *e);
/* The access log of one citizen of muni, newest first (by time, then by
 * id: reads are imported a moment after they happened; the rows of one
 * citizen are few enough to sort), from offset and at
 * most limit rows (0: all); out->items is genop_access_entry[]; *total is
 * the number of rows without limit and offset. */
genop_err genop_store_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                      size_t limit, size_t offset, genop_list *out,
                                      size_t *total, genop_error *e);

/* Records, inside the caller's transaction, that the batch of access-log
 * rows named batch (at most 64 characters; the read journal's random id
 * of a file of read rows) is being imported with `rows` rows. *claimed is
 * false if it was recorded before: its rows are in the log already, and
 * the caller rolls back instead of adding them twice. */
genop_err genop_store_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                         bool *claimed, genop_error *e);

/* Stores (replacing) the answer of case case_id of muni, made from its
 * events up to a->last_event_id; the caller holds the transaction that
 * wrote that event. */
genop_err genop_store_case_answer_set(genop_store *s, const char *muni, int64_t case_id,
                                      const genop_case_answer *a, genop_error *e);
/* The stored answer of case case_id of muni, with the case's newest event
 * id now (out->newest_event_id); GENOP_ENOTFOUND if there is none. Release
 * out with genop_case_answer_release() on success. */
genop_err genop_store_case_answer_get(genop_store *s, const char *muni, int64_t case_id,
                                      genop_case_answer *out, genop_error *e);

/* ---- Who is responsible for a case (the projection of its `assigned`
 * events; src/casework/assignment.h decides what it is). */

/* Replaces case case_id's stored assignment with *a (a role whose
 * username is "" has nobody); the caller holds the transaction of the
 * event that changed it. GENOP_ENOTFOUND for no such case of muni. */
genop_err genop_store_case_assigned_set(genop_store *s, const char *muni, int64_t case_id,
                                        const genop_case_assigned *a, genop_error *e);
/* The stored assignment of case case_id of muni into *out (both ""
 * when nobody is assigned, or the case does not exist). */
genop_err genop_store_case_assigned_get(genop_store *s, const char *muni, int64_t case_id,
                                        genop_case_assigned *out, genop_error *e);
/* The users of muni with role (a genop_role; -1: every role), by
 * username, but the deactivated ones; out->items is genop_user[]. */
genop_err genop_store_staff_list(genop_store *s, const char *muni, int role, genop_list *out,
                                 genop_error *e);
/* The user of muni called username, whatever its state;
 * GENOP_ENOTFOUND when muni has none (also when another municipality
 * has one). */
genop_err genop_store_staff_find(genop_store *s, const char *muni, const char *username,
                                 genop_user *out, genop_error *e);
/* The worklist (as genop_store_worklist) of the open deadlines o selects
 * (genop_worklist_owner), answered from the index of assignments: in time
 * that grows with the user's cases, not the municipality's. */
genop_err genop_store_worklist_owned(genop_store *s, const char *muni,
                                     const genop_worklist_owner *o, size_t limit,
                                     size_t offset, genop_list *out, size_t *total,
                                     genop_error *e);
/* Every open deadline of muni counted by role and responsible username
 * (terapeut_tasks as in genop_worklist_owner), overdue when due before
 * today; out->items is genop_owner_count[], by role then username (""
 * first). */
genop_err genop_store_worklist_by_owner(genop_store *s, const char *muni,
                                        const char *terapeut_tasks, genop_date today,
                                        genop_list *out, genop_error *e);
/* *n: how many open cases of muni username is assigned to. */
genop_err genop_store_owned_open_cases(genop_store *s, const char *muni, const char *username,
                                       size_t *n, genop_error *e);

/* ---- Letters (migration 0012): kept unchanged once made. */

/* Keeps the letter l (municipality, case_id, kind, event_id or 0,
 * created_by, sha256, document and pdf set; borrowed for the call); sets
 * l->id, l->created and l->status ("made"). GENOP_ENOTFOUND when the case
 * is not muni's; GENOP_EINVAL for a field out of bounds. */
genop_err genop_store_letter_add(genop_store *s, genop_letter_row *l, genop_error *e);
/* The letters of case case_id of muni, oldest first, without their
 * document and PDF; out->items is genop_letter_row[]. */
genop_err genop_store_letters_list(genop_store *s, const char *muni, int64_t case_id,
                                   genop_list *out, genop_error *e);
/* Letter id of muni into *out (zeroed first), with its document and PDF
 * when content (release with genop_store_letter_release); GENOP_ENOTFOUND
 * (no message) when muni has no such letter. */
genop_err genop_store_letter_get(genop_store *s, const char *muni, int64_t id, bool content,
                                 genop_letter_row *out, genop_error *e);
/* Frees what a get with content filled in (not l itself). */
void genop_store_letter_release(genop_letter_row *l);

/* ---- The outbox (migration 0013). */

/* Sets muni's Digital Post sender (in->cvr: 8 digits; set_by required;
 * set_at is the store's), replacing what was set. GENOP_EINVAL for a
 * value out of bounds or a municipality that does not exist. */
genop_err genop_store_dp_sender_set(genop_store *s, const char *muni, const genop_dp_sender *in,
                                    genop_error *e);
/* muni's Digital Post sender into *out; GENOP_ENOTFOUND (no message)
 * when none is set. */
genop_err genop_store_dp_sender_get(genop_store *s, const char *muni, genop_dp_sender *out,
                                    genop_error *e);
/* Records the sending d (letter_id, municipality, channel, sent_by,
 * memo_uuid and spool_file for digital_post, received, received_event
 * or 0); sets d->sent. GENOP_EINVAL when the letter is not muni's, is
 * sent already, or a field is out of bounds. */
genop_err genop_store_dispatch_add(genop_store *s, genop_dispatch_row *d, genop_error *e);
/* The sending of letter letter_id of muni into *out; GENOP_ENOTFOUND (no
 * message) when it has not been sent. */
genop_err genop_store_dispatch_get(genop_store *s, const char *muni, int64_t letter_id,
                                   genop_dispatch_row *out, genop_error *e);
/* muni's letters queued for print and not printed, oldest letter first;
 * out->items is genop_print_item[] (free with genop_store_free_list). */
genop_err genop_store_print_queue(genop_store *s, const char *muni, genop_list *out,
                                  genop_error *e);
/* Records that queued letter letter_id of muni was printed by printed_by.
 * GENOP_EINVAL when it is not in muni's print queue or is printed
 * already. */
genop_err genop_store_print_done(genop_store *s, const char *muni, int64_t letter_id,
                                 const char *printed_by, genop_error *e);

/* Frees a list's items (any list but events). */
void genop_store_free_list(genop_list *l);
/* Frees an events list, bodies included. */
void genop_store_free_events(genop_list *l);

#endif
