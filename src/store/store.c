/*
 * store.c - the back-end-independent half of the store: role names, the
 * genop_store_* wrappers that dispatch through the handle's function
 * table, and the fault injection of tests. It knows no back end
 * (location.c opens them), so what links only the wrappers links no
 * database library.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const role_names[GENOP_ROLE_COUNT] = {"visitator", "terapeut", "leder", "admin"};

const char *genop_role_name(genop_role role)
{
    return role_names[role];
}

bool genop_role_from_name(const char *name, genop_role *out)
{
    int i;
    if (!genop_name_index(role_names, GENOP_ROLE_COUNT, name, &i))
        return false;
    *out = (genop_role)i;
    return true;
}

/* Stored by name: the names are the database's, never renumbered. */
static const char *const stage_names[GENOP_STAGE_COUNT] = {
    NULL, "referred", "granted", "training", "refused", "complaint", "closed",
};

const char *genop_case_stage_name(genop_case_stage stage)
{
    return stage < GENOP_STAGE_COUNT ? stage_names[stage] : NULL;
}

genop_case_stage genop_case_stage_from_name(const char *name)
{
    int i;
    if (!name || !genop_name_index(stage_names + 1, GENOP_STAGE_COUNT - 1, name, &i))
        return GENOP_STAGE_UNKNOWN;
    return (genop_case_stage)(i + 1);
}

/* The fault injection of tests (genop_store_fail_from): true, with the
 * error set, when this call is one that must fail. */
static bool injected_fault(genop_store *s, genop_error *e)
{
    if (s->fail_from == 0)
        return false;
    s->calls++;
    if (s->calls < s->fail_from)
        return false;
    genop_fail(e, GENOP_EIO, "databasen: indsprøjtet fejl ved kald %ld (test)", s->calls);
    return true;
}

bool genop_store_fault_injected(genop_store *s, genop_error *e)
{
    return injected_fault(s, e);
}

void genop_store_fail_from(genop_store *s, long n)
{
    s->fail_from = n;
    s->calls = 0;
}

void genop_store_close(genop_store *s)
{
    if (s)
        s->ops->close(s);
}

genop_err genop_store_begin(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->begin(s, e);
}

genop_err genop_store_commit(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->commit(s, e);
}

void genop_store_rollback(genop_store *s) { s->ops->rollback(s); }
genop_err genop_store_begin_read(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->begin_read(s, e);
}
genop_err genop_store_savepoint(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->savepoint(s, e);
}

genop_err genop_store_release(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->release(s, e);
}

void genop_store_rollback_to(genop_store *s) { s->ops->rollback_to(s); }

genop_err genop_store_flush(genop_store *s, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->flush(s, e);
}


genop_err genop_store_municipality_ensure(genop_store *s, const char *id, int code,
                                          const char *name, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->municipality_ensure(s, id, code, name, e);
}

genop_err genop_store_user_add(genop_store *s, const genop_user *u, const char *password_hash,
                               int64_t *id, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_add(s, u, password_hash, id, e);
}

genop_err genop_store_user_auth_get(genop_store *s, const char *username, genop_user_auth *out,
                                    genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_auth_get(s, username, out, e);
}

genop_err genop_store_user_login_result(genop_store *s, int64_t user_id, bool ok,
                                        int64_t locked_until, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_login_result(s, user_id, ok, locked_until, e);
}

genop_err genop_store_session_create(genop_store *s, const unsigned char *token_hash,
                                     int64_t user_id, int64_t now, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->session_create(s, token_hash, user_id, now, e);
}

genop_err genop_store_session_get(genop_store *s, const unsigned char *token_hash,
                                  genop_session *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->session_get(s, token_hash, out, e);
}

genop_err genop_store_session_touch(genop_store *s, const unsigned char *token_hash,
                                    int64_t now, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->session_touch(s, token_hash, now, e);
}

genop_err genop_store_session_delete(genop_store *s, const unsigned char *token_hash,
                                     genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->session_delete(s, token_hash, e);
}

genop_err genop_store_token_create(genop_store *s, const unsigned char *token_hash,
                                   int64_t user_id, const char *name, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->token_create(s, token_hash, user_id, name, e);
}

genop_err genop_store_token_get(genop_store *s, const unsigned char *token_hash,
                                genop_user *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->token_get(s, token_hash, out, e);
}

genop_err genop_store_token_list(genop_store *s, const char *username, genop_list *out,
                                 genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->token_list(s, username, out, e);
}

genop_err genop_store_token_revoke(genop_store *s, const char *id, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->token_revoke(s, id, e);
}

genop_err genop_store_citizen_find_by_cpr(genop_store *s, const char *muni, const char *cpr,
                                          genop_citizen *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_find_by_cpr(s, muni, cpr, out, e);
}

genop_err genop_store_citizen_create(genop_store *s, genop_citizen *c, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_create(s, c, e);
}

genop_err genop_store_citizen_get(genop_store *s, const char *muni, int64_t id,
                                  genop_citizen *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_get(s, muni, id, out, e);
}

genop_err genop_store_citizen_rename(genop_store *s, const char *muni, int64_t citizen_id,
                                     const char *name, const char *changed_by,
                                     genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_rename(s, muni, citizen_id, name, changed_by, e);
}

genop_err genop_store_citizen_names(genop_store *s, const char *muni, int64_t citizen_id,
                                    genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_names(s, muni, citizen_id, out, e);
}

genop_err genop_store_case_create(genop_store *s, genop_case_row *c, const char *created_by,
                                  genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_create(s, c, created_by, e);
}

genop_err genop_store_case_get(genop_store *s, const char *muni, int64_t id,
                               genop_case_row *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_get(s, muni, id, out, e);
}

genop_err genop_store_case_list(genop_store *s, const char *muni, const genop_case_filter *f,
                                genop_list *out, size_t *total, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_list(s, muni, f, out, total, e);
}

genop_err genop_store_event_append(genop_store *s, const char *muni, genop_event_row *ev,
                                   genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->event_append(s, muni, ev, e);
}

genop_err genop_store_events_list(genop_store *s, const char *muni, int64_t case_id,
                                  genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->events_list(s, muni, case_id, out, e);
}

genop_err genop_store_case_projection_set(genop_store *s, const char *muni, int64_t case_id,
                                          bool closed, const genop_open_deadline *open,
                                          size_t n_open, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_projection_set(s, muni, case_id, closed, open, n_open, e);
}

genop_err genop_store_worklist(genop_store *s, const char *muni, genop_date today,
                               size_t limit, size_t offset, genop_list *out, size_t *total,
                               genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->worklist(s, muni, today, limit, offset, out, total, e);
}

genop_err genop_store_access_log_append(genop_store *s, genop_access_entry *entry,
                                        genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->access_log_append(s, entry, e);
}

genop_err genop_store_case_ids(genop_store *s, const char *muni, int64_t after, size_t limit,
                               genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_ids(s, muni, after, limit, out, e);
}

genop_err genop_store_case_views(genop_store *s, const char *muni, genop_case_view_fn fn,
                                 void *ctx, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_views(s, muni, fn, ctx, e);
}

genop_err genop_store_case_open_deadlines(genop_store *s, const char *muni, int64_t case_id,
                                          genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_open_deadlines(s, muni, case_id, out, e);
}

genop_err genop_store_rules_fingerprint_get(genop_store *s, const char *muni,
                                            char out[GENOP_RULES_FINGERPRINT_MAX],
                                            genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->rules_fingerprint_get(s, muni, out, e);
}

genop_err genop_store_rules_fingerprint_set(genop_store *s, const char *muni,
                                            const char *fingerprint, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->rules_fingerprint_set(s, muni, fingerprint, e);
}

genop_err genop_store_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                      size_t limit, size_t offset, genop_list *out, size_t *total,
                                      genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->access_log_list(s, muni, citizen_id, limit, offset, out, total, e);
}

genop_err genop_store_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                         bool *claimed, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->access_batch_claim(s, batch, rows, claimed, e);
}

genop_err genop_store_case_answer_set(genop_store *s, const char *muni, int64_t case_id,
                                      const genop_case_answer *a, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_answer_set(s, muni, case_id, a, e);
}

genop_err genop_store_case_answer_get(genop_store *s, const char *muni, int64_t case_id,
                                      genop_case_answer *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_answer_get(s, muni, case_id, out, e);
}

genop_err genop_store_case_stage_set(genop_store *s, const char *muni, int64_t case_id,
                                     genop_case_stage stage, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_stage_set(s, muni, case_id, stage, e);
}

genop_err genop_store_citizen_search(genop_store *s, const char *muni,
                                     const genop_case_search *search, size_t limit,
                                     size_t offset, genop_list *out, size_t *total,
                                     genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->citizen_search(s, muni, search, limit, offset, out, total, e);
}

genop_err genop_store_case_assigned_set(genop_store *s, const char *muni, int64_t case_id,
                                        const genop_case_assigned *a, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_assigned_set(s, muni, case_id, a, e);
}

genop_err genop_store_case_assigned_get(genop_store *s, const char *muni, int64_t case_id,
                                        genop_case_assigned *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->case_assigned_get(s, muni, case_id, out, e);
}

genop_err genop_store_staff_list(genop_store *s, const char *muni, int role, genop_list *out,
                                 genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->staff_list(s, muni, role, out, e);
}

genop_err genop_store_staff_find(genop_store *s, const char *muni, const char *username,
                                 genop_user *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->staff_find(s, muni, username, out, e);
}

genop_err genop_store_worklist_owned(genop_store *s, const char *muni,
                                     const genop_worklist_owner *o, size_t limit,
                                     size_t offset, genop_list *out, size_t *total,
                                     genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->worklist_owned(s, muni, o, limit, offset, out, total, e);
}

genop_err genop_store_worklist_by_owner(genop_store *s, const char *muni,
                                        const char *terapeut_tasks, genop_date today,
                                        genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->worklist_by_owner(s, muni, terapeut_tasks, today, out, e);
}

genop_err genop_store_owned_open_cases(genop_store *s, const char *muni, const char *username,
                                       size_t *n, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->owned_open_cases(s, muni, username, n, e);
}

void genop_case_answer_release(genop_case_answer *a)
{
    free(a->view);
    free(a->case_json);
    free(a->events_json);
    a->view = a->case_json = a->events_json = NULL;
}

void genop_store_free_list(genop_list *l)
{
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void genop_store_free_events(genop_list *l)
{
    genop_event_row *rows = l->items;
    for (size_t i = 0; i < l->n; i++)
        free(rows[i].body);
    genop_store_free_list(l);
}

/* ---- Administering users (store.h). */

static const char *const user_state_names[GENOP_USER_STATE_COUNT] = {"active", "locked",
                                                                     "deactivated"};

const char *genop_user_state_name(genop_user_state state)
{
    return user_state_names[state];
}

bool genop_user_state_from_name(const char *name, genop_user_state *out)
{
    int i;
    if (!genop_name_index(user_state_names, GENOP_USER_STATE_COUNT, name, &i))
        return false;
    *out = (genop_user_state)i;
    return true;
}

genop_err genop_store_user_login_ok(genop_store *s, int64_t user_id, int64_t now,
                                    genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_login_ok(s, user_id, now, e);
}

genop_err genop_store_user_list(genop_store *s, const char *muni, genop_list *out,
                                genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_list(s, muni, out, e);
}

genop_err genop_store_user_get(genop_store *s, const char *muni, int64_t id,
                               genop_user_info *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_get(s, muni, id, out, e);
}

genop_err genop_store_user_name_taken(genop_store *s, const char *username, bool *taken,
                                      genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_name_taken(s, username, taken, e);
}

genop_err genop_store_user_set_state(genop_store *s, const char *muni, int64_t id,
                                     genop_user_state state, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_set_state(s, muni, id, state, e);
}

genop_err genop_store_user_set_password(genop_store *s, const char *muni, int64_t id,
                                        const char *password_hash, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_set_password(s, muni, id, password_hash, e);
}

genop_err genop_store_user_end_logins(genop_store *s, const char *muni, int64_t id,
                                      bool tokens, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_end_logins(s, muni, id, tokens, e);
}

genop_err genop_store_user_audit_append(genop_store *s, genop_user_audit_entry *entry,
                                        genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_audit_append(s, entry, e);
}

genop_err genop_store_user_audit_list(genop_store *s, const char *muni, int64_t user_id,
                                      size_t limit, size_t offset, genop_list *out,
                                      size_t *total, genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    *total = 0;
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->user_audit_list(s, muni, user_id, limit, offset, out, total, e);
}

genop_err genop_store_letter_add(genop_store *s, genop_letter_row *l, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->letter_add(s, l, e);
}

genop_err genop_store_letters_list(genop_store *s, const char *muni, int64_t case_id,
                                   genop_list *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->letters_list(s, muni, case_id, out, e);
}

genop_err genop_store_letter_get(genop_store *s, const char *muni, int64_t id, bool content,
                                 genop_letter_row *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->letter_get(s, muni, id, content, out, e);
}

genop_err genop_store_dp_sender_set(genop_store *s, const char *muni, const genop_dp_sender *in,
                                    genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->dp_sender_set(s, muni, in, e);
}

genop_err genop_store_dp_sender_get(genop_store *s, const char *muni, genop_dp_sender *out,
                                    genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->dp_sender_get(s, muni, out, e);
}

genop_err genop_store_dispatch_add(genop_store *s, genop_dispatch_row *d, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->dispatch_add(s, d, e);
}

genop_err genop_store_dispatch_get(genop_store *s, const char *muni, int64_t letter_id,
                                   genop_dispatch_row *out, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->dispatch_get(s, muni, letter_id, out, e);
}

genop_err genop_store_print_queue(genop_store *s, const char *muni, genop_list *out,
                                  genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->print_queue(s, muni, out, e);
}

genop_err genop_store_print_done(genop_store *s, const char *muni, int64_t letter_id,
                                 const char *printed_by, genop_error *e)
{
    if (injected_fault(s, e))
        return GENOP_EIO;
    return s->ops->print_done(s, muni, letter_id, printed_by, e);
}

void genop_store_letter_release(genop_letter_row *l)
{
    free(l->document);
    free(l->pdf);
    l->document = NULL;
    l->pdf = NULL;
    l->pdf_len = 0;
}
