/*
 * api_calendar_week.c - the calendar's week view (calendar/week.h):
 *
 *   GET /api/v1/calendar/week?week=YYYY-Www&therapist=USERNAME (or
 *       &room=ID or &team=ID; week defaults to this week)
 *   200 {"week", "from", "to", "of": {"therapist"|"room"|"team", "name"},
 *        "days": [{"date", "weekday", "holiday", "hours"?, "absence"?}],
 *        "items": [{"id", "case", "citizen": {"name", "initials"},
 *        "therapist", "start", "end", "minutes", "kind", "status",
 *        "outcome"?, "event"?, "cancelled_by"?, "place": {"type", "name",
 *        "location", "address"}, "team"?: {"id", "name"}}]}
 *
 * A malformed week, or not exactly one of therapist, room and team, is
 * 400; another municipality's therapist, room or team 404.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "wallclock.h"
#include "week.h"

/* "HH:MM" of minute m of a day (1440: "24:00" is written "00:00"). */
static json_t *hhmm(int m)
{
    char buf[8];
    snprintf(buf, sizeof buf, "%02d:%02d", (m / 60) % 24, m % 60);
    return json_string(buf);
}

static json_t *day_json(const cal_week_day *d, bool therapist)
{
    json_t *o = json_object();
    jset(o, "date", jdate(true, d->date));
    jset(o, "weekday", json_integer(genop_date_weekday(d->date)));
    jset(o, "holiday", d->holiday ? jstr(d->holiday) : json_null());
    if (!therapist)
        return o;
    json_t *hours = json_array();
    for (size_t i = 0; i < d->n_hours; i++) {
        json_t *h = json_object();
        jset(h, "from", hhmm(d->from[i]));
        jset(h, "to", hhmm(d->to[i]));
        json_array_append_new(hours, h);
    }
    jset(o, "hours", hours);
    jset(o, "absence", d->absent ? jstr(d->absence) : json_null());
    return o;
}

static json_t *item_json(const cal_week_item *it)
{
    const genop_appointment_row *a = &it->a;
    json_t *o = json_object(), *who = json_object(), *place = json_object();
    char end[GENOP_WALLCLOCK_TEXT];
    genop_wallclock_format(genop_wallclock_from_unix(a->ends_at), end);
    jset(o, "id", json_integer(a->id));
    jset(o, "case", json_integer(a->case_id));
    jset(who, "name", jstr(it->citizen));
    jset(who, "initials", jstr(it->initials));
    jset(o, "citizen", who);
    jset(o, "therapist", jstr(a->therapist));
    jset(o, "start", jstr(a->start));
    jset(o, "end", jstr(end));
    jset(o, "minutes", json_integer(a->minutes));
    jset(o, "kind", jstr(a->kind));
    jset(o, "status", jstr(a->status));
    jset(o, "outcome", a->outcome[0] ? jstr(a->outcome) : json_null());
    jset(o, "event", jid(a->event_id));
    jset(o, "cancelled_by", a->cancelled_by[0] ? jstr(a->cancelled_by) : json_null());
    jset(place, "type", jstr(a->place));
    jset(place, "name", jstr(it->place));
    jset(place, "location", it->location[0] ? jstr(it->location) : json_null());
    jset(place, "address", it->address[0] ? jstr(it->address) : json_null());
    jset(o, "place", place);
    if (a->team_id) {
        json_t *t = json_object();
        jset(t, "id", json_integer(a->team_id));
        jset(t, "name", jstr(it->team));
        jset(o, "team", t);
    }
    return o;
}

static json_t *week_json(const cal_week *w)
{
    static const char *const of[] = {"therapist", "room", "team"};
    char wk[9];
    json_t *o = json_object(), *subject = json_object(), *days = json_array(),
           *items = json_array();
    jset(o, "week", jstr(cal_week_format(w->q.monday, wk)));
    jset(o, "from", jdate(true, w->q.monday));
    jset(o, "to", jdate(true, w->q.monday + 6));
    jset(subject, "type", jstr(of[w->q.of]));
    if (w->q.of != CAL_WEEK_THERAPIST)
        jset(subject, "id", json_integer(w->q.id));
    jset(subject, "name", jstr(w->name));
    jset(o, "of", subject);
    for (int i = 0; i < 7; i++)
        json_array_append_new(days, day_json(&w->days[i], w->q.of == CAL_WEEK_THERAPIST));
    for (size_t i = 0; i < w->n; i++)
        json_array_append_new(items, item_json(&w->items[i]));
    jset(o, "days", days);
    jset(o, "items", items);
    return o;
}

/* The query into q; false (out answered 400) when malformed. */
static bool read_query(api_ctx *c, cal_week_query *q, http_reply *out)
{
    const char *week = http_request_query(c->rq, "week"), *ther = NULL;
    size_t room = 0, team = 0;
    genop_error e;
    memset(q, 0, sizeof *q);
    q->monday = genop_date_week_monday(c->today);
    if (week && cal_week_parse(week, &q->monday, &e)) {
        problem_set(out, 400, PROBLEM_INVALID_INPUT, e.message, "week");
        return false;
    }
    if (!q_username(c->rq, "therapist", &ther, out) ||
        !q_size(c->rq, "room", 0, 1, (size_t)INT64_MAX, &room, out) ||
        !q_size(c->rq, "team", 0, 1, (size_t)INT64_MAX, &team, out))
        return false;
    if ((ther != NULL) + (room != 0) + (team != 0) != 1) {
        problem_set(out, 400, PROBLEM_INVALID_INPUT, "Angiv præcis ét af therapist, room og "
                    "team.", "therapist");
        return false;
    }
    q->of = ther ? CAL_WEEK_THERAPIST : room ? CAL_WEEK_ROOM : CAL_WEEK_TEAM;
    q->id = (int64_t)(room ? room : team);
    if (ther)
        snprintf(q->therapist, sizeof q->therapist, "%s", ther);
    return true;
}

void api_calendar_week(api_ctx *c, http_reply *out)
{
    cal_week_query q;
    genop_error e;
    if (!read_query(c, &q, out))
        return;
    cal_week *w = malloc(sizeof *w);
    if (!w)
        problem_internal(out, "uge", NULL);
    else if (casework_calendar_week(&c->env, &c->user, &q, w, &e))
        problem_from_refusal(out, "uge", &e);
    else
        http_reply_json(out, 200, week_json(w));
    if (w)
        cal_week_release(w);
    free(w);
}
