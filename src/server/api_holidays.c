/*
 * api_holidays.c - the holidays a leder opens for booking (docs/
 * calendar.md, "Holidays"; src/casework/calendar/holidays.h):
 *
 *   POST   /api/v1/holiday-openings         {"date", "reason"} -> 201 the
 *                                           opening {"date", "name",
 *                                           "reason", "opened_by"}
 *   GET    /api/v1/holiday-openings?year=Y  200 {"items": [every opening,
 *                                           by date], "year", "holidays":
 *                                           [{"date", "name", "open",
 *                                           "reason", "opened_by"}] (the
 *                                           year's holidays and days off
 *                                           of the standard's calendar;
 *                                           this year when no year)}
 *   DELETE /api/v1/holiday-openings/{date}  204; the day is closed again
 *
 * Opening and closing are a leder's; every role reads. Nothing here names
 * a citizen, so nothing is written to the access log.
 */
#include <string.h>

#include "api.h"
#include "holidays.h"
#include "input.h"
#include "json_input.h"
#include "json_util.h"
#include "problem.h"

static json_t *opening_json(const genop_standard *std, const genop_holiday_opening_row *o)
{
    json_t *x = json_object();
    const char *name = cal_holiday_name(std, o->day);
    jset(x, "date", jdate(true, o->day));
    jset(x, "name", name ? jstr(name) : json_null());
    jset(x, "reason", jstr(o->reason));
    jset(x, "opened_by", jstr(o->created_by));
    return x;
}

/* The body {"date", "reason"} into *o. */
static genop_err read_opening(const json_t *body, genop_holiday_opening_row *o, genop_error *e)
{
    bool has;
    const char *reason;
    memset(o, 0, sizeof *o);
    genop_err err = in_date(body, "$", "date", IN_REQUIRED, &has, &o->day, e);
    if (!err)
        err = in_text(body, "$", "reason", IN_REQUIRED | IN_ONE_LINE, sizeof o->reason - 1,
                      &reason, e);
    if (!err && !reason[0])
        err = genop_refuse(e, GENOP_EINVAL, "$.reason", "$.reason: skriv hvorfor dagen åbnes");
    if (!err)
        memcpy(o->reason, reason, strlen(reason) + 1);
    return err;
}

void api_holiday_open(api_ctx *c, http_reply *out)
{
    genop_holiday_opening_row o;
    genop_error e;
    if (read_opening(c->body, &o, &e) || casework_holiday_open(&c->env, &c->user, &o, &e)) {
        problem_from_refusal(out, "helligdag", &e);
        return;
    }
    http_reply_json(out, 201, opening_json(c->std, &o));
}

/* The year's holidays of the standard's calendar, each with its opening. */
static json_t *year_json(const genop_standard *std, int year, const genop_list *l,
                         genop_error *e)
{
    genop_holiday days[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    if (genop_calendar_holidays(std->calendar, year, days, &n, e))
        return NULL;
    const genop_holiday_opening_row *o = l->items;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        const genop_holiday_opening_row *open = NULL;
        for (size_t k = 0; k < l->n && !open; k++)
            open = o[k].day == days[i].date ? &o[k] : NULL;
        jset(x, "date", jdate(true, days[i].date));
        jset(x, "name", jstr(days[i].name ? days[i].name : "helligdag"));
        jset(x, "open", json_boolean(open != NULL));
        jset(x, "reason", open ? jstr(open->reason) : json_null());
        jset(x, "opened_by", open ? jstr(open->created_by) : json_null());
        json_array_append_new(arr, x);
    }
    return arr;
}

void api_holiday_openings(api_ctx *c, http_reply *out)
{
    int y, m, d;
    size_t year;
    genop_list l;
    genop_error e;
    genop_date_to_ymd(c->today, &y, &m, &d);
    if (!q_size(c->rq, "year", (size_t)y, 1, 9999, &year, out))
        return;
    if (casework_holiday_openings(&c->env, &c->user, &l, &e)) {
        genop_store_free_list(&l);
        problem_from_refusal(out, "helligdage", &e);
        return;
    }
    json_t *holidays = year_json(c->std, (int)year, &l, &e);
    if (!holidays) {
        genop_store_free_list(&l);
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "year", "year: året %zu er uden for "
                     "kalenderens år.", year);
        return;
    }
    const genop_holiday_opening_row *o = l.items;
    json_t *items = json_array(), *body = json_object();
    for (size_t i = 0; i < l.n; i++)
        json_array_append_new(items, opening_json(c->std, &o[i]));
    genop_store_free_list(&l);
    jset(body, "items", items);
    jset(body, "year", json_integer((json_int_t)year));
    jset(body, "holidays", holidays);
    http_reply_json(out, 200, body);
}

void api_holiday_close(api_ctx *c, http_reply *out)
{
    genop_date day;
    genop_error e;
    if (genop_date_parse(c->name, &day, &e)) {
        problem_setf(out, 404, PROBLEM_NOT_FOUND, NULL, "%.63s er ikke en dato (ÅÅÅÅ-MM-DD), "
                     "og der er ingen åbnet helligdag på den adresse.", c->name);
        return;
    }
    if (casework_holiday_close(&c->env, &c->user, day, &e)) {
        problem_from_refusal(out, "helligdag", &e);
        return;
    }
    http_reply_json(out, 204, NULL);
}
