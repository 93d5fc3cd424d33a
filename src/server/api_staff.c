/*
 * api_staff.c - the municipality's staff as the case work sees them, and
 * who is responsible for what (src/casework/staff.h, assignment.h):
 *
 *   GET /api/v1/staff?role=visitator|terapeut|leder
 *       {"items": [{"username", "role", "profession", "hours",
 *       "absences"}]}: the users a case can be assigned to (the case
 *       page's selects), by username, with their calendar (api_calendar.c;
 *       profession null and no hours for one not set up); no login state
 *       and no admins (GET /api/v1/users is the admin's).
 *   GET /api/v1/worklist/owners
 *       {"as_of", "items": [{"role", "username" (null: nobody), "staff",
 *       "cases", "open", "overdue"}]}: the open tasks of the worklist by
 *       the person responsible for them (a leder's overview).
 *
 * Neither names a citizen, so neither writes the access log.
 */
#include <string.h>

#include "api.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "staff.h"

json_t *api_assigned_json(const genop_case_assigned *a)
{
    json_t *o = json_object();
    jset(o, "visitator", a->visitator[0] ? jstr(a->visitator) : json_null());
    jset(o, "terapeut", a->terapeut[0] ? jstr(a->terapeut) : json_null());
    return o;
}

void api_staff_list(api_ctx *c, http_reply *out)
{
    const char *name = http_request_query(c->rq, "role");
    genop_role role = GENOP_ROLE_ADMIN;
    if (name && (!genop_role_from_name(name, &role) || role == GENOP_ROLE_ADMIN)) {
        problem_set(out, 400, PROBLEM_BAD_REQUEST,
                    "Forespørgselsparameteren role: skal være visitator, terapeut eller leder",
                    "role");
        return;
    }
    genop_list list = {0};
    genop_error e;
    if (casework_staff_list(&c->env, &c->user, name ? (int)role : -1, &list, &e)) {
        problem_from_refusal(out, "medarbejdere", &e);
        return;
    }
    const genop_user *u = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++) {
        json_t *o = json_object();
        jset(o, "username", jstr(u[i].username));
        jset(o, "role", json_string(genop_role_name(u[i].role)));
        json_array_append_new(arr, o);
    }
    if (api_staff_calendar_fill(c, arr, u, out)) {
        json_t *o = json_object();
        jset(o, "items", arr);
        http_reply_json(out, 200, o);
    } else {
        json_decref(arr);
    }
    genop_store_free_list(&list);
}

void api_worklist_owners(api_ctx *c, http_reply *out)
{
    casework_workload w;
    genop_error e;
    if (casework_workload_get(&c->env, &c->user, &w, &e)) {
        casework_workload_release(&w);
        problem_from_refusal(out, "opgaver pr. medarbejder", &e);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < w.n; i++) {
        const casework_load *l = &w.items[i];
        json_t *o = json_object();
        jset(o, "role", json_string(genop_role_name(l->role)));
        jset(o, "username", l->username[0] ? jstr(l->username) : json_null());
        jset(o, "staff", json_boolean(l->staff));
        jset(o, "cases", json_integer((json_int_t)l->cases));
        jset(o, "open", json_integer((json_int_t)l->open));
        jset(o, "overdue", json_integer((json_int_t)l->overdue));
        json_array_append_new(arr, o);
    }
    json_t *o = json_object();
    jset(o, "as_of", jdate(true, w.as_of));
    jset(o, "items", arr);
    http_reply_json(out, 200, o);
    casework_workload_release(&w);
}
