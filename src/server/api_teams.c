/*
 * api_teams.c - a team's roster, waiting list and meetings (docs/
 * calendar.md, "Teams"; src/casework/calendar/teams.h):
 *
 *   GET  /api/v1/teams/{id}                      200 the team with "roster",
 *                                                "waiting_list", "meetings",
 *                                                "enrolled", "full"
 *   POST /api/v1/teams/{id}/roster               {"case", "from", "to"?} -> 201
 *                                                {"roster", "ids", "skipped", "warnings"}
 *   POST /api/v1/teams/{id}/roster/leave         {"case", "from"?, "by", "reason"}
 *                                                -> 200 {"case", "left_on",
 *                                                "cancelled", "offered"}
 *   POST /api/v1/teams/{id}/waiting-list         {"case"} -> 201 {"items"}
 *   PUT  /api/v1/teams/{id}/waiting-list         {"cases": [...]} -> 200 {"items"}
 *   POST /api/v1/teams/{id}/waiting-list/remove  {"case"} -> 200 {"items", "offered"}
 *   POST /api/v1/teams/{id}/waiting-list/decline {"case"} -> 200 {"items", "offered"}
 *   GET  /api/v1/teams/{id}/meetings/{date}      200 the meeting, "participants"
 *   POST /api/v1/teams/{id}/meetings/{date}/attendance
 *                                                {"items": [{"appointment",
 *                                                "outcome", "minutes"?}]} -> 201
 *                                                {"items": [{"appointment", "event"}]}
 *
 * The roster and waiting list name citizens (their names: the access log
 * has a row per case shown); a date in the path that is not a date, or a
 * day the team does not meet, is 404.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "booking_input.h"
#include "calendar_input.h"
#include "json_input.h"
#include "json_util.h"
#include "problem.h"
#include "teams.h"

static json_t *citizen_json(const char *name)
{
    json_t *o = json_object();
    jset(o, "name", jstr(name));
    return o;
}

static json_t *roster_json(const genop_roster_row *r)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(r->id));
    jset(o, "case", json_integer(r->case_id));
    jset(o, "citizen", citizen_json(r->citizen_name));
    jset(o, "from", jdate(true, r->from));
    jset(o, "to", jdate(r->has_to, r->to));
    jset(o, "left_on", jdate(r->has_left, r->left_on));
    return o;
}

static json_t *waiting_json(const genop_list *l)
{
    const genop_waiting_row *w = l->items;
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        json_t *o = json_object(), *offer = json_null();
        jset(o, "case", json_integer(w[i].case_id));
        jset(o, "citizen", citizen_json(w[i].citizen_name));
        jset(o, "position", json_integer(w[i].position));
        jset(o, "added_on", jdate(true, w[i].added_on));
        jset(o, "added_by", jstr(w[i].added_by));
        if (w[i].offered) {
            offer = json_object();
            jset(offer, "offered_on", jdate(true, w[i].offered_on));
            jset(offer, "due", jdate(true, w[i].offer_due));
        }
        jset(o, "offer", offer);
        json_array_append_new(arr, o);
    }
    return arr;
}

void api_team_get(api_ctx *c, http_reply *out)
{
    cal_team_page p;
    genop_error e;
    if (casework_team_page(&c->env, &c->user, c->id, &p, &e)) {
        problem_from_refusal(out, "hold", &e);
        casework_team_page_release(&p);
        return;
    }
    json_t *o = api_team_json(&p.team), *roster = json_array(), *meetings = json_array();
    const genop_roster_row *r = p.roster.items;
    for (size_t i = 0; i < p.roster.n; i++)
        json_array_append_new(roster, roster_json(&r[i]));
    for (size_t i = 0; i < p.n_meetings; i++) {
        json_t *m = json_object();
        jset(m, "date", jdate(true, p.meetings[i].date));
        jset(m, "booked", json_integer(p.meetings[i].booked));
        jset(m, "free", json_integer(p.team.capacity > p.meetings[i].booked
                                         ? p.team.capacity - p.meetings[i].booked : 0));
        json_array_append_new(meetings, m);
    }
    jset(o, "roster", roster);
    jset(o, "waiting_list", waiting_json(&p.waiting));
    jset(o, "meetings", meetings);
    jset(o, "enrolled", json_integer(p.enrolled));
    jset(o, "full", json_boolean(p.full));
    casework_team_page_release(&p);
    http_reply_json(out, 200, o);
}

void api_team_enrol(api_ctx *c, http_reply *out)
{
    cal_enrol in = {0};
    genop_roster_row row;
    cal_series_result *res = malloc(sizeof *res);
    cal_refusal why = {{0}, {0}};
    genop_error e;
    genop_err err = res ? GENOP_OK : genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
    bool has_from;
    if (!err)
        err = in_id(c->body, "$", "case", IN_REQUIRED, &in.case_id, &e);
    if (!err)
        err = in_date(c->body, "$", "from", IN_REQUIRED, &has_from, &in.from, &e);
    if (!err)
        err = in_date(c->body, "$", "to", 0, &in.has_to, &in.to, &e);
    if (!err && in.has_to && in.to < in.from)
        err = genop_refuse(&e, GENOP_EINVAL, "$.to", "$.to: perioden slutter før den begynder");
    if (!err)
        err = casework_team_enrol(&c->env, &c->user, c->id, &in, &row, res, &why, &e);
    if (err) {
        api_booking_refused(out, "hold", &e, &why);
    } else {
        json_t *o = api_series_json(res);
        jset(o, "roster", roster_json(&row));
        http_reply_json(out, 201, o);
    }
    free(res);
}

void api_team_leave(api_ctx *c, http_reply *out)
{
    cal_leave l = {0};
    size_t cancelled = 0;
    int64_t offered = 0;
    genop_error e;
    genop_err err = in_id(c->body, "$", "case", IN_REQUIRED, &l.case_id, &e);
    if (!err)
        err = in_date(c->body, "$", "from", 0, &l.has_from, &l.from, &e);
    if (!err)
        err = cal_cancel_read(c->body, &l.cancel, &e);
    if (!err)
        err = casework_team_leave(&c->env, &c->user, c->id, &l, &cancelled, &offered, &e);
    if (err) {
        problem_from_refusal(out, "hold", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "case", json_integer(l.case_id));
    jset(o, "left_on", jdate(true, l.has_from ? l.from : c->today));
    jset(o, "cancelled", json_integer((json_int_t)cancelled));
    jset(o, "offered", jid(offered));
    http_reply_json(out, 200, o);
}

/* The team's waiting list as {"items"} (with "offered" when given). */
static void waiting_answer(api_ctx *c, int status, bool with_offer, int64_t offered,
                           http_reply *out)
{
    genop_list l = {0};
    genop_error e;
    if (genop_store_waiting_list(c->store, c->user.municipality, c->id, 0, &l, &e)) {
        problem_internal(out, "venteliste", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "items", waiting_json(&l));
    if (with_offer)
        jset(o, "offered", jid(offered));
    genop_store_free_list(&l);
    http_reply_json(out, status, o);
}

void api_team_wait(api_ctx *c, http_reply *out)
{
    int64_t id = 0;
    genop_error e;
    if (in_id(c->body, "$", "case", IN_REQUIRED, &id, &e) ||
        casework_team_wait(&c->env, &c->user, c->id, id, &e)) {
        problem_from_refusal(out, "venteliste", &e);
        return;
    }
    waiting_answer(c, 201, false, 0, out);
}

void api_team_wait_order(api_ctx *c, http_reply *out)
{
    const json_t *a = json_object_get(c->body, "cases");
    size_t n = json_array_size(a);
    int64_t *ids = calloc(n + 1, sizeof *ids);
    genop_error e;
    genop_err err = ids ? GENOP_OK : genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
    if (!err && !json_is_array(a))
        err = genop_refuse(&e, GENOP_EINVAL, "$.cases", "$.cases skal være en liste af sagsnumre "
                           "i ventelistens nye rækkefølge");
    for (size_t i = 0; !err && i < n; i++) {
        json_int_t v = json_integer_value(json_array_get(a, i));
        if (!json_is_integer(json_array_get(a, i)) || v < 1)
            err = genop_refuse(&e, GENOP_EINVAL, "$.cases", "$.cases[%zu] skal være et "
                               "sagsnummer", i);
        ids[i] = v;
    }
    if (!err)
        err = casework_team_wait_order(&c->env, &c->user, c->id, ids, n, &e);
    free(ids);
    if (err)
        problem_from_refusal(out, "venteliste", &e);
    else
        waiting_answer(c, 200, false, 0, out);
}

static void unwait(api_ctx *c, bool decline, http_reply *out)
{
    int64_t id = 0, offered = 0;
    genop_error e;
    if (in_id(c->body, "$", "case", IN_REQUIRED, &id, &e) ||
        casework_team_unwait(&c->env, &c->user, c->id, id, decline, &offered, &e)) {
        problem_from_refusal(out, "venteliste", &e);
        return;
    }
    waiting_answer(c, 200, true, offered, out);
}

void api_team_unwait(api_ctx *c, http_reply *out)
{
    unwait(c, false, out);
}

void api_team_decline(api_ctx *c, http_reply *out)
{
    unwait(c, true, out);
}

/* The path's date ({name}); false (and a 404 answered) if it is none. */
static bool path_date(api_ctx *c, genop_date *d, http_reply *out)
{
    genop_error e;
    if (strlen(c->name) == 10 && genop_date_parse(c->name, d, &e) == GENOP_OK)
        return true;
    problem_setf(out, 404, PROBLEM_NOT_FOUND, NULL, "Datoen %.63s findes ikke (skriv "
                 "ÅÅÅÅ-MM-DD).", c->name);
    return false;
}

static json_t *participant_json(const cal_participant *p)
{
    json_t *o = json_object();
    jset(o, "appointment", json_integer(p->a.id));
    jset(o, "case", json_integer(p->a.case_id));
    jset(o, "citizen", citizen_json(p->citizen_name));
    jset(o, "start", jstr(p->a.start));
    jset(o, "minutes", json_integer(p->a.minutes));
    jset(o, "status", jstr(p->a.status));
    jset(o, "cancelled_by", p->a.cancelled_by[0] ? jstr(p->a.cancelled_by) : json_null());
    jset(o, "outcome", p->a.outcome[0] ? jstr(p->a.outcome) : json_null());
    jset(o, "event", jid(p->a.event_id));
    return o;
}

void api_team_meeting(api_ctx *c, http_reply *out)
{
    genop_date d;
    cal_meeting m;
    genop_error e;
    char time[GENOP_HHMM_STR_SIZE];
    if (!path_date(c, &d, out))
        return;
    if (casework_team_meeting(&c->env, &c->user, c->id, d, &m, &e)) {
        problem_from_refusal(out, "holdmøde", &e);
        return;
    }
    json_t *o = json_object(), *arr = json_array();
    const cal_participant *p = m.people.items;
    for (size_t i = 0; i < m.people.n; i++)
        json_array_append_new(arr, participant_json(&p[i]));
    genop_store_free_list(&m.people);
    jset(o, "team", api_team_json(&m.team));
    jset(o, "date", jdate(true, d));
    jset(o, "time", jstr(genop_hhmm_format(m.team.start_minute, time)));
    jset(o, "participants", arr);
    http_reply_json(out, 200, o);
}

/* The body's items into *items (n of them; the caller frees). */
static genop_err attendance_read(const json_t *body, cal_attendance_item **items, size_t *n,
                                 genop_error *e)
{
    const json_t *a = json_object_get(body, "items");
    *items = NULL;
    *n = json_array_size(a);
    if (!json_is_array(a) || *n == 0 || *n > CAL_ATTENDANCE_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.items", "$.items skal være en liste med "
                            "mindst én deltager (højst %d)", CAL_ATTENDANCE_MAX);
    if (!(*items = calloc(*n, sizeof **items)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < *n; i++) {
        char path[32];
        snprintf(path, sizeof path, "$.items[%zu]", i);
        const json_t *it = json_array_get(a, i);
        cal_attendance_item *x = &(*items)[i];
        json_t *one = json_object();
        if (!json_is_object(it))
            err = genop_refuse(e, GENOP_EINVAL, path, "%s skal være et objekt", path);
        if (!err)
            err = in_id(it, path, "appointment", IN_REQUIRED, &x->appointment, e);
        /* the outcome as its own route reads it, its path made this item's */
        if (!err && (json_object_update(one, (json_t *)it) ||
                     cal_outcome_read(one, &x->o, e))) {
            char field[GENOP_ERROR_FIELD_MAX];
            const char *rest = e->field[0] == '$' ? e->field + 1 : ".outcome";
            const char *msg = e->message[0] == '$' ? strchr(e->message, ' ') : NULL;
            snprintf(field, sizeof field, "%s%s", path, rest);
            err = genop_refuse(e, GENOP_EINVAL, field, "%s%s", field, msg ? msg : e->message);
        }
        json_decref(one);
    }
    return err;
}

void api_team_attendance(api_ctx *c, http_reply *out)
{
    genop_date d;
    cal_attendance_item *items = NULL;
    size_t n = 0;
    genop_error e;
    if (!path_date(c, &d, out))
        return;
    if (attendance_read(c->body, &items, &n, &e) ||
        casework_team_attendance(&c->env, &c->user, c->id, d, items, n, &e)) {
        problem_from_refusal(out, "fremmøde", &e);
        free(items);
        return;
    }
    json_t *o = json_object(), *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        jset(x, "appointment", json_integer(items[i].appointment));
        jset(x, "event", json_integer(items[i].event_id));
        json_array_append_new(arr, x);
    }
    free(items);
    jset(o, "items", arr);
    http_reply_json(out, 201, o);
}
