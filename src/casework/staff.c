/*
 * staff.c - the municipality's staff and their share of the work (see
 * staff.h), from the store's users, its index of assignments and its
 * open deadlines counted by who is responsible for them.
 */
#include "staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assignment.h"
#include "roles.h"

genop_err casework_staff_list(const casework_env *env, const genop_user *actor, int role,
                              genop_list *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se kommunens medarbejdere",
                                          e);
    if (err)
        return err;
    if (role == GENOP_ROLE_ADMIN)
        return genop_refuse(e, GENOP_EINVAL, "role",
                            "role: administratorer kan ikke have sager og vises ikke her");
    err = genop_store_staff_list(env->store, actor->municipality, role, out, e);
    if (err)
        return casework_internal(err, e);
    genop_user *u = out->items;
    size_t kept = 0;
    for (size_t i = 0; i < out->n; i++)         /* never the admins */
        if (u[i].role != GENOP_ROLE_ADMIN)
            u[kept++] = u[i];
    out->n = kept;
    return GENOP_OK;
}

/* The store's count of role's tasks of username, or NULL. */
static const genop_owner_count *count_of(const genop_list *counts, genop_role role,
                                         const char *username)
{
    const genop_owner_count *c = counts->items;
    for (size_t i = 0; i < counts->n; i++)
        if (strcmp(c[i].role, genop_role_name(role)) == 0 &&
            strcmp(c[i].username, username) == 0)
            return &c[i];
    return NULL;
}

static bool is_staff(const genop_list *staff, genop_role role, const char *username)
{
    const genop_user *u = staff->items;
    for (size_t i = 0; i < staff->n; i++)
        if (u[i].role == role && strcmp(u[i].username, username) == 0)
            return true;
    return false;
}

/* Appends the share of username ("": nobody) in role. */
static genop_err add_load(const casework_env *env, const genop_user *actor,
                          const genop_list *counts, genop_role role, const char *username,
                          bool staff, casework_workload *w, genop_error *e)
{
    casework_load *l = &w->items[w->n];
    memset(l, 0, sizeof *l);
    l->role = role;
    snprintf(l->username, sizeof l->username, "%s", username);
    l->staff = staff;
    const genop_owner_count *c = count_of(counts, role, username);
    if (c) {
        l->open = c->open;
        l->overdue = c->overdue;
    }
    if (username[0]) {
        genop_err err = genop_store_owned_open_cases(env->store, actor->municipality, username,
                                                     &l->cases, e);
        if (err)
            return err;
    }
    w->n++;
    return GENOP_OK;
}

/* Role's staff, then the users of role the counts name who are not, then
 * nobody of role, into w. */
static genop_err add_role(const casework_env *env, const genop_user *actor,
                          const genop_list *staff, const genop_list *counts, genop_role role,
                          casework_workload *w, genop_error *e)
{
    const genop_user *u = staff->items;
    const genop_owner_count *c = counts->items;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < staff->n; i++)
        if (u[i].role == role)
            err = add_load(env, actor, counts, role, u[i].username, true, w, e);
    for (size_t i = 0; !err && i < counts->n; i++)
        if (strcmp(c[i].role, genop_role_name(role)) == 0 && c[i].username[0] &&
            !is_staff(staff, role, c[i].username))
            err = add_load(env, actor, counts, role, c[i].username, false, w, e);
    if (!err && count_of(counts, role, ""))
        err = add_load(env, actor, counts, role, "", false, w, e);
    return err;
}

genop_err casework_workload_get(const casework_env *env, const genop_user *actor,
                                casework_workload *out, genop_error *e)
{
    genop_list staff = {0}, counts = {0};
    memset(out, 0, sizeof *out);
    out->as_of = env->today;
    genop_err err = casework_require_role(actor, ROLES_CASE_READ, "se opgaverne pr. medarbejder",
                                          e);
    if (err)
        return err;
    err = genop_store_staff_list(env->store, actor->municipality, -1, &staff, e);
    if (!err)
        err = genop_store_worklist_by_owner(env->store, actor->municipality,
                                            casework_terapeut_tasks_json(), env->today, &counts,
                                            e);
    if (!err && !(out->items = calloc(staff.n + counts.n + 1, sizeof *out->items)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til opgaverne pr. medarbejder");
    if (!err)
        err = add_role(env, actor, &staff, &counts, GENOP_ROLE_VISITATOR, out, e);
    if (!err)
        err = add_role(env, actor, &staff, &counts, GENOP_ROLE_TERAPEUT, out, e);
    genop_store_free_list(&staff);
    genop_store_free_list(&counts);
    return casework_internal(err, e);
}

void casework_workload_release(casework_workload *w)
{
    free(w->items);
    memset(w, 0, sizeof *w);
}
