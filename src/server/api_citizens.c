/*
 * api_citizens.c - the citizens, for the control of access (leder and
 * admin): GET /api/v1/citizens?q=TEXT finds them (by CPR number, case
 * number or the words of a name, case_search.h) with their names, birth
 * dates and case numbers, by name, in pages (?limit 1-100, 20 by default,
 * ?offset) with the total, each citizen shown logged; and
 * GET /api/v1/citizens/{id}/access-log: when, by whom and
 * why a citizen's data was looked up or changed, newest first (leder and
 * admin only; {id} is the citizen's internal id, never a CPR number),
 * through the domain layer (src/casework/access_log.h), which logs the
 * look first and shows every read answered before it, this look too. Every
 * read of the citizen's data adds a row, so the log is read in pages:
 * ?limit (1-500, 100 by default) and ?offset, with the total. And
 * POST /api/v1/citizens/{id}/access-report: the citizen's aktindsigt as one
 * PDF, made now by a visitator (access_report.h), kept nowhere.
 */
#include <string.h>

#include "access_log.h"
#include "access_report.h"
#include "api.h"
#include "case_search.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"

static json_t *entry_json(const genop_access_entry *a)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(a->id));
    jset(o, "time", jstr(a->time));
    jset(o, "user", jstr(a->username));
    jset(o, "action", jstr(a->action));
    jset(o, "case", jid(a->case_id));
    jset(o, "purpose", jstr(a->purpose));
    return o;
}

void api_citizen_access_log(api_ctx *c, http_reply *out)
{
    size_t limit, offset, total = 0;
    if (!q_size(c->rq, "limit", 100, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out))
        return;
    genop_list list = {0};
    genop_error e;
    if (casework_access_log(&c->env, &c->user, c->id, limit, offset, &list, &total, &e)) {
        problem_from_refusal(out, "adgangslog", &e);
        return;
    }
    const genop_access_entry *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, entry_json(&items[i]));
    json_t *o = api_page_json(arr, total, limit, offset);
    jset(o, "citizen", json_integer(c->id));
    http_reply_json(out, 200, o);
    genop_store_free_list(&list);
}

void api_citizen_access_report(api_ctx *c, http_reply *out)
{
    genop_buf pdf = {0};
    genop_error e;
    if (casework_access_report_pdf(&c->env, &c->user, c->id, &pdf, &e)) {
        genop_buf_release(&pdf);
        problem_from_refusal(out, "aktindsigt", &e);
        return;
    }
    char disposition[80];
    snprintf(disposition, sizeof disposition, "inline; filename=\"aktindsigt-%lld.pdf\"",
             (long long)c->id);
    http_reply_bytes(out, 200, "application/pdf", disposition, &pdf);
}

static json_t *hit_json(const genop_citizen_hit *h)
{
    json_t *cases = json_array();
    for (size_t i = 0; i < h->n_cases && i < GENOP_CITIZEN_HIT_CASES; i++)
        json_array_append_new(cases, json_integer(h->case_ids[i]));
    json_t *o = json_object();
    jset(o, "id", json_integer(h->id));
    jset(o, "name", jstr(h->name));
    jset(o, "birth_date", jdate(true, h->birth_date));
    jset(o, "cases", cases);
    jset(o, "case_count", json_integer((json_int_t)h->n_cases));
    return o;
}

void api_citizens_search(api_ctx *c, http_reply *out)
{
    size_t limit, offset, total = 0;
    genop_case_search search;
    genop_error e;
    if (!q_size(c->rq, "limit", 20, 1, 100, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out))
        return;
    genop_list list = {0};
    if (casework_search_parse(http_request_query(c->rq, "q"), &search, &e) ||
        casework_citizen_search(&c->env, &c->user, &search, limit, offset, &list, &total, &e)) {
        problem_from_refusal(out, "søgning efter borgere", &e);
        return;
    }
    const genop_citizen_hit *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, hit_json(&items[i]));
    http_reply_json(out, 200, api_page_json(arr, total, limit, offset));
    genop_store_free_list(&list);
}
