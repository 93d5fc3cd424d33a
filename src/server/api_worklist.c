/*
 * api_worklist.c - GET /api/v1/worklist: the open deadlines of the user's
 * municipality's open cases and the tasks of its cases (api.md:
 * attendance_review, limit_exceeded with its `limit`, course_length, and
 * end_status; `kind` tells a task from a deadline), soonest due first
 * (?limit=, default 50, at most 500; ?offset=). Each item's status and
 * workdays_left are computed against today with the municipality
 * standard's workday calendar: "overdue" once today is past the due date,
 * else "pending" (src/casework/case_list.h).
 * Each item names who is responsible for its case ("assigned") and for
 * the task ("responsible": the role and its user,
 * src/casework/assignment.h). ?mine=true: only the cases the user is
 * assigned to (and "assigned_cases", how many open ones that is);
 * ?responsible=USERNAME: only the tasks that user is responsible for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "case_list.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"

static json_t *item_json(const casework_task *t)
{
    const genop_open_deadline *d = &t->deadline;
    json_t *cit = json_object();
    jset(cit, "id", json_integer(d->citizen_id));
    jset(cit, "name", jstr(d->citizen_name));
    json_t *o = json_object();
    jset(o, "case", json_integer(d->case_id));
    jset(o, "citizen", cit);
    jset(o, "id", jstr(d->deadline_id));
    jset(o, "kind", json_string(d->task ? "task" : "deadline"));
    if (d->limit_id[0])
        jset(o, "limit", jstr(d->limit_id));
    jset(o, "label", jstr(d->label));
    jset(o, "from", jdate(true, d->from));
    jset(o, "due", jdate(true, d->due));
    jset(o, "workdays_left", json_integer(t->workdays_left));
    jset(o, "status", json_string(t->overdue ? "overdue" : "pending"));
    jset(o, "source", jstr(d->source));
    jset(o, "paragraph", jstr(genop_paragraph_name(d->paragraph)));
    jset(o, "assigned", api_assigned_json(&d->assigned));
    json_t *who = json_object();
    jset(who, "role", json_string(genop_role_name(t->responsible_role)));
    jset(who, "username", t->responsible[0] ? jstr(t->responsible) : json_null());
    jset(o, "responsible", who);
    return o;
}

/* ?mine=true (shared/spec/api.md) and ?responsible=USERNAME. */
static bool read_filter(api_ctx *c, casework_worklist_filter *f, http_reply *out)
{
    int mine;
    memset(f, 0, sizeof *f);
    if (!q_bool(c->rq, "mine", &mine, out) ||
        !q_username(c->rq, "responsible", &f->responsible, out))
        return false;
    f->mine = mine == 1;
    return true;
}

void api_worklist_get(api_ctx *c, http_reply *out)
{
    size_t limit, offset;
    casework_worklist_filter f;
    if (!q_size(c->rq, "limit", 50, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out) || !read_filter(c, &f, out))
        return;
    casework_worklist w;
    genop_error e;
    if (casework_worklist_find(&c->env, &c->user, &f, limit, offset, &w, &e)) {
        casework_worklist_release(&w);
        problem_from_refusal(out, "arbejdsliste", &e);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < w.n; i++)
        json_array_append_new(arr, item_json(&w.items[i]));
    json_t *o = json_object();
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)w.total));
    jset(o, "limit", json_integer((json_int_t)limit));
    jset(o, "offset", json_integer((json_int_t)offset));
    jset(o, "as_of", jdate(true, w.as_of));
    if (f.mine)
        jset(o, "assigned_cases", json_integer((json_int_t)w.assigned_cases));
    http_reply_json(out, 200, o);
    casework_worklist_release(&w);
}
