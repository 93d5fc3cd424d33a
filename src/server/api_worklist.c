/*
 * api_worklist.c - GET /api/v1/worklist: the open deadlines of the user's
 * municipality's open cases, soonest due first (?limit=, default 50, at
 * most 500; ?offset=). Each item's status and workdays_left are computed
 * against today with the municipality standard's workday calendar:
 * "overdue" once today is past the due date, else "pending".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "calendar.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"

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

static json_t *item_json(const genop_open_deadline *d, long left, genop_date today)
{
    json_t *cit = json_object();
    jset(cit, "id", json_integer(d->citizen_id));
    jset(cit, "name", jstr(d->citizen_name));
    json_t *o = json_object();
    jset(o, "case", json_integer(d->case_id));
    jset(o, "citizen", cit);
    jset(o, "id", jstr(d->deadline_id));
    jset(o, "label", jstr(d->label));
    jset(o, "from", jdate(true, d->from));
    jset(o, "due", jdate(true, d->due));
    jset(o, "workdays_left", json_integer(left));
    jset(o, "status", json_string(today > d->due ? "overdue" : "pending"));
    jset(o, "source", jstr(d->source));
    jset(o, "paragraph", jstr(genop_paragraph_name(d->paragraph)));
    return o;
}

/* One access-log row per case shown (once, though it has several
 * deadlines), committed before the answer. */
static genop_err audit_items(api_ctx *c, const genop_open_deadline *items, size_t n,
                             genop_error *e)
{
    audit_rows r;
    audit_rows_init(&r, &c->user, AUDIT_WORKLIST_READ, AUDIT_PURPOSE_DEADLINES);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = audit_rows_add(&r, items[i].citizen_id, items[i].case_id, e);
    if (!err)
        err = audit_rows_record(c->app->reads, &r, e);
    audit_rows_release(&r);
    return err;
}

static genop_err items_json(api_ctx *c, const genop_open_deadline *items, size_t n,
                            json_t *arr, genop_error *e)
{
    for (size_t i = 0; i < n; i++) {
        long left;
        genop_err err = workdays_left(c->std, c->today, items[i].due, &left, e);
        if (err)
            return err;
        json_array_append_new(arr, item_json(&items[i], left, c->today));
    }
    return GENOP_OK;
}

void api_worklist_get(api_ctx *c, http_reply *out)
{
    size_t limit, offset;
    if (!q_size(c->rq, "limit", 50, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out))
        return;
    genop_list list = {0};
    size_t total = 0;
    genop_error e;
    json_t *arr = json_array();
    genop_err err = genop_store_worklist(c->store, c->user.municipality, limit, offset, &list,
                                         &total, &e);
    if (!err)
        err = items_json(c, list.items, list.n, arr, &e);
    if (!err)
        err = audit_items(c, list.items, list.n, &e);
    genop_store_free_list(&list);
    if (err) {
        json_decref(arr);
        problem_internal(out, "arbejdsliste", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)total));
    jset(o, "limit", json_integer((json_int_t)limit));
    jset(o, "offset", json_integer((json_int_t)offset));
    jset(o, "as_of", jdate(true, c->today));
    http_reply_json(out, 200, o);
}
