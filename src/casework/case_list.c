/*
 * case_list.c - the case list and the worklist (see case_list.h).
 */
#include "case_list.h"

#include <stdlib.h>
#include <string.h>

#include "assignment.h"
#include "audit.h"
#include "calendar.h"
#include "case_search.h"
#include "roles.h"

/* The reads of a page of the plain list: one row per case shown. */
static genop_err audit_list(const casework_env *env, const genop_user *actor,
                            const genop_case_summary *items, size_t n, genop_error *e)
{
    audit_rows r;
    audit_rows_init(&r, actor, AUDIT_CASE_LIST, AUDIT_PURPOSE_OVERVIEW);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = audit_rows_add(&r, items[i].c.citizen_id, items[i].c.id, e);
    if (!err)
        err = audit_rows_record(env, &r, e);
    audit_rows_release(&r);
    return err;
}

genop_err casework_cases_list(const casework_env *env, const genop_user *actor,
                              const genop_case_filter *f, genop_list *out, size_t *total,
                              genop_error *e)
{
    memset(out, 0, sizeof *out);
    *total = 0;
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se sagslisten", e);
    if (err)
        return err;
    err = genop_store_case_list(env->store, actor->municipality, f, out, total, e);
    if (!err && f->search)
        err = casework_search_audit(env, actor, f->search, out->items, out->n, e);
    else if (!err)
        err = audit_list(env, actor, out->items, out->n, e);
    if (err)
        genop_store_free_list(out);
    return casework_internal(err, e);
}

/* Workdays from today to due (negative: how many it is overdue). */
static genop_err workdays_left(const genop_standard *std, genop_date today, genop_date due,
                               long *out, genop_error *e)
{
    if (due >= today)
        return genop_calendar_workdays_between(std->calendar, today, due, out, e);
    genop_err err = genop_calendar_workdays_between(std->calendar, due, today, out, e);
    *out = -*out;
    return err;
}

/* The tasks of the deadlines d[0..n), judged as of today. */
static genop_err make_tasks(const genop_standard *std, genop_date today,
                            const genop_open_deadline *d, size_t n, casework_worklist *w,
                            genop_error *e)
{
    if (n && !(w->items = calloc(n, sizeof *w->items)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til arbejdslisten");
    for (size_t i = 0; i < n; i++) {
        casework_task *t = &w->items[w->n++];
        t->deadline = d[i];
        t->overdue = today > d[i].due;
        t->responsible_role = casework_task_role(d[i].deadline_id);
        t->responsible = casework_assigned_user(&t->deadline.assigned, t->responsible_role);
        genop_err err = workdays_left(std, today, d[i].due, &t->workdays_left, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}

/* One access-log row per case shown (once, though it has several
 * deadlines). */
static genop_err audit_tasks(const casework_env *env, const genop_user *actor,
                             const casework_worklist *w, genop_error *e)
{
    audit_rows r;
    audit_rows_init(&r, actor, AUDIT_WORKLIST_READ, AUDIT_PURPOSE_DEADLINES);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < w->n; i++)
        err = audit_rows_add(&r, w->items[i].deadline.citizen_id, w->items[i].deadline.case_id,
                             e);
    if (!err)
        err = audit_rows_record(env, &r, e);
    audit_rows_release(&r);
    return err;
}

/* The page of open deadlines f selects, into list (and out's total). */
static genop_err select_tasks(const casework_env *env, const genop_user *actor,
                              const casework_worklist_filter *f, size_t limit, size_t offset,
                              genop_list *list, casework_worklist *out, genop_error *e)
{
    const char *muni = actor->municipality;
    genop_worklist_owner o = {actor->username, NULL, casework_terapeut_tasks_json(), env->today};
    if (f && f->responsible) {
        genop_user u;
        genop_error why;
        genop_err err = genop_store_staff_find(env->store, muni, f->responsible, &u, &why);
        bool assignable = !err && (u.role == GENOP_ROLE_VISITATOR || u.role == GENOP_ROLE_TERAPEUT);
        if (err && err != GENOP_ENOTFOUND) {
            *e = why;
            return err;
        }
        if (!assignable || (f->mine && strcmp(u.username, actor->username) != 0))
            return GENOP_OK;                 /* nobody's tasks: none */
        o.username = u.username;
        o.role = genop_role_name(u.role);
        return genop_store_worklist_owned(env->store, muni, &o, limit, offset, list, &out->total,
                                          e);
    }
    if (f && f->mine)
        return genop_store_worklist_owned(env->store, muni, &o, limit, offset, list, &out->total,
                                          e);
    return genop_store_worklist(env->store, muni, env->today, limit, offset, list, &out->total,
                                e);
}

genop_err casework_worklist_get(const casework_env *env, const genop_user *actor, size_t limit,
                                size_t offset, casework_worklist *out, genop_error *e)
{
    return casework_worklist_find(env, actor, NULL, limit, offset, out, e);
}

genop_err casework_worklist_find(const casework_env *env, const genop_user *actor,
                                 const casework_worklist_filter *f, size_t limit, size_t offset,
                                 casework_worklist *out, genop_error *e)
{
    const genop_standard *std;
    genop_list list = {0};
    memset(out, 0, sizeof *out);
    out->as_of = env->today;
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se arbejdslisten", e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (err)
        return err;
    err = select_tasks(env, actor, f, limit, offset, &list, out, e);
    if (!err && f && f->mine)
        err = genop_store_owned_open_cases(env->store, actor->municipality, actor->username,
                                           &out->assigned_cases, e);
    if (!err)
        err = make_tasks(std, env->today, list.items, list.n, out, e);
    if (!err)
        err = audit_tasks(env, actor, out, e);
    genop_store_free_list(&list);
    return casework_internal(err, e);
}

void casework_worklist_release(casework_worklist *w)
{
    free(w->items);
    memset(w, 0, sizeof *w);
}
