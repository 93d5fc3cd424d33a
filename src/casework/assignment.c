/*
 * assignment.c - who is responsible for a case and for its tasks (see
 * assignment.h): the rule that derives it from the stored events, the
 * policy and checks of an `assigned` event, and keeping the result with
 * the case.
 */
#include "assignment.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "projection_tasks.h"

#define ASSIGNED "assigned"

/* The training unit's tasks, the case's terapeut's (assignment.h); every
 * other task is the visitator's. Listed once, as X-macro items, for the
 * array the rule looks in and the JSON array the store's worklist reads:
 * the start deadlines and the training unit's tasks (projection_tasks.h). */
#define TERAPEUT_TASKS(FIRST, NEXT)                                           \
    FIRST("start") NEXT("start_after_grant") NEXT(TASK_ATTENDANCE_REVIEW)     \
    NEXT(TASK_LIMIT_EXCEEDED) NEXT(TASK_COURSE_LENGTH) NEXT(TASK_END_STATUS)   \
    NEXT(TASK_NEW_TIME)
#define AS_ITEM(id) id,
#define AS_JSON_FIRST(id) "\"" id "\""
#define AS_JSON_NEXT(id) ",\"" id "\""
static const char *const terapeut_tasks[] = {TERAPEUT_TASKS(AS_ITEM, AS_ITEM)};
static const char terapeut_tasks_json[] = "[" TERAPEUT_TASKS(AS_JSON_FIRST, AS_JSON_NEXT) "]";

genop_role casework_task_role(const char *deadline_id)
{
    for (size_t i = 0; i < sizeof terapeut_tasks / sizeof terapeut_tasks[0]; i++)
        if (strcmp(deadline_id, terapeut_tasks[i]) == 0)
            return GENOP_ROLE_TERAPEUT;
    return GENOP_ROLE_VISITATOR;
}

const char *casework_terapeut_tasks_json(void)
{
    return terapeut_tasks_json;
}

const char *casework_assigned_user(const genop_case_assigned *a, genop_role role)
{
    return role == GENOP_ROLE_TERAPEUT ? a->terapeut : a->visitator;
}

/* ---------------------------------------------------------------------
 * The rule: the last assignment of each role in the corrected view.
 * ------------------------------------------------------------------- */

/* Takes the current body of an event into *a if it is an assignment
 * that comes after the one *a holds for its role (events are visited in
 * registration order, so one of the same date comes after). */
static genop_err take(const json_t *body, const genop_event_row *row, genop_case_assigned *a,
                      genop_error *e)
{
    const char *type = json_string_value(json_object_get(body, "type"));
    if (!type || strcmp(type, ASSIGNED) != 0)
        return GENOP_OK;
    const char *date = json_string_value(json_object_get(body, "date"));
    const char *role = json_string_value(json_object_get(body, "role"));
    const char *user = json_string_value(json_object_get(body, "username"));
    genop_date d;
    genop_role r;
    if (!date || genop_date_parse(date, &d, NULL) || !role || !genop_role_from_name(role, &r) ||
        (r != GENOP_ROLE_VISITATOR && r != GENOP_ROLE_TERAPEUT) || !user || !*user ||
        strlen(user) >= GENOP_USERNAME_MAX)
        return genop_fail(e, GENOP_EINVAL, "hændelse %" PRId64 ": tildelingen kan ikke læses",
                          row->id);
    char *name = r == GENOP_ROLE_TERAPEUT ? a->terapeut : a->visitator;
    genop_date *since = r == GENOP_ROLE_TERAPEUT ? &a->terapeut_since : &a->visitator_since;
    if (name[0] && d < *since)
        return GENOP_OK;
    snprintf(name, GENOP_USERNAME_MAX, "%s", user);
    *since = d;
    return GENOP_OK;
}

genop_err casework_assigned_derive(const genop_event_row *rows, size_t n,
                                   genop_case_assigned *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    bool corrections = false;
    for (size_t i = 0; i < n; i++)
        corrections = corrections || strcmp(rows[i].type, CASE_VIEW_CORRECTION) == 0;
    for (size_t i = 0; i < n; i++) {
        const genop_event_row *row = &rows[i];
        if (case_view_is_journal(row->type))
            continue;
        /* Only an assignment, or an event a correction may have made one,
         * needs its body read. */
        if (strcmp(row->type, ASSIGNED) != 0 &&
            !(corrections && case_view_correction_of(rows, n, row->id)))
            continue;
        json_t *body = case_view_current_body(rows, n, row);     /* NULL: withdrawn */
        genop_err err = body ? take(body, row, out, e) : GENOP_OK;
        json_decref(body);
        if (err)
            return err;
    }
    return GENOP_OK;
}

/* ---------------------------------------------------------------------
 * The checks of an assignment.
 * ------------------------------------------------------------------- */

/* The stored event a correction points at (judged to exist), or NULL. */
static const genop_event_row *corrected_row(const case_view_loaded *lc, int64_t id)
{
    const genop_event_row *rows = lc->events.items;
    for (size_t i = 0; i < lc->events.n; i++)
        if (rows[i].id == id)
            return &rows[i];
    return NULL;
}

/* A terapeut takes a case for themselves; nothing else. */
static genop_err check_actor(const genop_user *actor, const casework_event *ev, genop_error *e)
{
    if (actor->role != GENOP_ROLE_TERAPEUT)
        return GENOP_OK;
    if (ev->assign_role == GENOP_ROLE_TERAPEUT && strcmp(ev->assign_username, actor->username) == 0)
        return GENOP_OK;
    return genop_refuse(e, GENOP_EFORBIDDEN, NULL,
                        "En terapeut kan kun gøre sig selv til ansvarlig terapeut på en sag; "
                        "en visitator eller en leder fordeler sagerne.");
}

/* A deactivated user (users_admin.h) is responsible for nothing new. */
static genop_err check_active(genop_store *s, const genop_user *actor, const genop_user *u,
                              const char *at, genop_error *e)
{
    genop_user_info info;
    genop_error why;
    char path[32];
    genop_err err = genop_store_user_get(s, actor->municipality, u->id, &info, &why);
    if (err) {
        *e = why;
        return casework_internal(err, e);
    }
    if (info.state != GENOP_USER_DEACTIVATED)
        return GENOP_OK;
    snprintf(path, sizeof path, "%s.username", at);
    return genop_refuse(e, GENOP_EREFUSED, path,
                        "%s: %.63s er deaktiveret og kan ikke være ansvarlig for en sag", path,
                        u->username);
}

/* The assigned user exists in the actor's municipality with the role. */
static genop_err check_user(genop_store *s, const genop_user *actor, const casework_event *ev,
                            const char *at, genop_error *e)
{
    genop_user u;
    genop_error why;
    char path[32];
    const char *role = genop_role_name(ev->assign_role);
    genop_err err = genop_store_staff_find(s, actor->municipality, ev->assign_username, &u, &why);
    if (err == GENOP_ENOTFOUND) {
        snprintf(path, sizeof path, "%s.username", at);
        return genop_refuse(e, GENOP_EREFUSED, path,
                            "%s: der er ingen bruger med brugernavnet '%.63s' i kommunen",
                            path, ev->assign_username);
    }
    if (err) {
        *e = why;
        return casework_internal(err, e);
    }
    if (u.role != ev->assign_role) {
        snprintf(path, sizeof path, "%s.role", at);
        return genop_refuse(e, GENOP_EREFUSED, path,
                            "%s: %.63s er %s, ikke %s; kun en %s kan være sagens ansvarlige %s",
                            path, u.username, genop_role_name(u.role), role, role, role);
    }
    return check_active(s, actor, &u, at, e);
}

/* A new assignment is not dated before the current one of its role: it
 * would never take effect. */
static genop_err check_order(const case_view_loaded *lc, const casework_event *ev,
                             genop_error *e)
{
    genop_case_assigned now;
    genop_err err = casework_assigned_derive(lc->events.items, lc->events.n, &now, e);
    if (err)
        return casework_internal(err, e);
    const char *user = casework_assigned_user(&now, ev->assign_role);
    genop_date since = ev->assign_role == GENOP_ROLE_TERAPEUT ? now.terapeut_since
                                                              : now.visitator_since;
    if (!user[0] || ev->date >= since)
        return GENOP_OK;
    char d1[GENOP_DATE_DA_SIZE], d2[GENOP_DATE_DA_SIZE];
    return genop_refuse(e, GENOP_EREFUSED, "$.date",
                        "$.date: %s er ansvarlig %s fra den %s; en ny ansvarlig %s kan "
                        "tidligst gælde fra den dato, ikke fra den %s",
                        user, genop_role_name(ev->assign_role), genop_date_format_da(since, d1),
                        genop_role_name(ev->assign_role), genop_date_format_da(ev->date, d2));
}

/* A correction of an assignment: not by a terapeut. */
static genop_err check_correction(const genop_user *actor, const case_view_loaded *lc,
                                  const casework_event *ev, genop_error *e)
{
    const genop_event_row *row = corrected_row(lc, ev->corrects);
    if (!row || strcmp(row->type, ASSIGNED) != 0 || actor->role != GENOP_ROLE_TERAPEUT)
        return GENOP_OK;
    return genop_refuse(e, GENOP_EFORBIDDEN, NULL,
                        "En terapeut kan ikke rette eller trække en tildeling tilbage; det gør "
                        "en visitator eller en leder.");
}

genop_err casework_assignment_check(genop_store *s, const genop_user *actor,
                                    const case_view_loaded *lc, const casework_event *ev,
                                    genop_error *e)
{
    const char *at = "$";
    genop_err err = GENOP_OK;
    if (ev->kind == CASEWORK_EVENT_CORRECTION) {
        err = check_correction(actor, lc, ev, e);
        if (err || ev->withdraws || ev->replacement.type != GENOP_EV_ASSIGNED)
            return err;
        at = "$.event";
    } else if (ev->kind != CASEWORK_EVENT_SPEC || ev->ev.type != GENOP_EV_ASSIGNED) {
        return GENOP_OK;
    }
    err = check_actor(actor, ev, e);
    if (!err)
        err = check_user(s, actor, ev, at, e);
    if (!err && ev->kind == CASEWORK_EVENT_SPEC)
        err = check_order(lc, ev, e);
    return err;
}

genop_err casework_assignment_update(genop_store *s, const case_view_loaded *lc,
                                     const casework_event *ev, const genop_event_row *added,
                                     genop_error *e)
{
    bool assigned = ev->kind == CASEWORK_EVENT_SPEC && ev->ev.type == GENOP_EV_ASSIGNED;
    if (!assigned && ev->kind != CASEWORK_EVENT_CORRECTION)
        return GENOP_OK;
    size_t n = lc->events.n + 1;
    genop_event_row *rows = malloc(n * sizeof *rows);
    if (!rows)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens ansvarlige");
    if (lc->events.n)
        memcpy(rows, lc->events.items, lc->events.n * sizeof *rows);    /* bodies borrowed */
    rows[n - 1] = *added;
    genop_case_assigned a;
    genop_err err = casework_assigned_derive(rows, n, &a, e);
    free(rows);
    if (!err)
        err = genop_store_case_assigned_set(s, lc->row.municipality, lc->row.id, &a, e);
    return err;
}
