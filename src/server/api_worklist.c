/*
 * api_worklist.c - GET /api/v1/worklist: the open deadlines of the user's
 * municipality's open cases and the tasks of its cases (api.md:
 * attendance_review, limit_exceeded with its `limit`, course_length, and
 * end_status; `kind` tells a task from a deadline), soonest due first
 * (?limit=, default 50, at most 500; ?offset=). Each item's status and
 * workdays_left are computed against today with the municipality
 * standard's workday calendar: "overdue" once today is past the due date,
 * else "pending" (src/casework/case_list.h).
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
    return o;
}

void api_worklist_get(api_ctx *c, http_reply *out)
{
    size_t limit, offset;
    if (!q_size(c->rq, "limit", 50, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out))
        return;
    casework_worklist w;
    genop_error e;
    if (casework_worklist_get(&c->env, &c->user, limit, offset, &w, &e)) {
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
    http_reply_json(out, 200, o);
    casework_worklist_release(&w);
}
