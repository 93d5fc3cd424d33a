/*
 * api_appointments.c - the calendar's bookings (shared/spec/calendar.md,
 * "Booking"; src/casework/calendar/appointments.h):
 *
 *   POST /api/v1/appointments              201 {"id", "warnings", the appointment}
 *   POST /api/v1/appointments/series       201 {"ids", "skipped": [{"date",
 *                                          "reason", "limit"?, "detail"}], "warnings"}
 *   GET  /api/v1/appointments?from&to&therapist&case&room&team
 *                                          200 {"items": [...]}, by start
 *   POST /api/v1/appointments/{id}/cancel  200 the appointment, with
 *                                          "cancellation_rule": what the
 *                                          standard says it brings, or null
 *   POST /api/v1/appointments/{id}/outcome 201 {"event"}
 *   POST /api/v1/appointments/{id}/move    200 the appointment, with "warnings"
 *
 * A conflict is 409 with "conflict" (therapist, room, team); a refusal
 * by a limit 422 with "field" and "limit". An appointment names its case
 * by id only, never the citizen.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "appointments.h"
#include "input.h"
#include "move.h"
#include "json_util.h"
#include "problem.h"
#include "standard_text.h"

static json_t *api_appointment_json(const genop_appointment_row *a)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(a->id));
    jset(o, "case", json_integer(a->case_id));
    jset(o, "therapist", jstr(a->therapist));
    jset(o, "start", jstr(a->start));
    jset(o, "minutes", json_integer(a->minutes));
    jset(o, "kind", jstr(a->kind));
    jset(o, "status", jstr(a->status));
    jset(o, "place", jstr(a->place));
    jset(o, "room", jid(a->room_id));
    jset(o, "team", jid(a->team_id));
    jset(o, "home", json_boolean(strcmp(a->place, "home") == 0));
    jset(o, "cancelled_by", a->cancelled_by[0] ? jstr(a->cancelled_by) : json_null());
    jset(o, "cancel_reason", a->cancel_reason[0] ? jstr(a->cancel_reason) : json_null());
    jset(o, "outcome", a->outcome[0] ? jstr(a->outcome) : json_null());
    jset(o, "event", jid(a->event_id));
    return o;
}

void api_booking_refused(http_reply *out, const char *where, const genop_error *e,
                         const cal_refusal *why)
{
    problem_from_refusal(out, where, e);
    if (e->code == GENOP_ECONFLICT && why->conflict[0])
        jset(out->body, "conflict", jstr(why->conflict));
    if (why->limit[0])
        jset(out->body, "limit", jstr(why->limit));
}

static json_t *warnings_json(const cal_warning *w)
{
    json_t *arr = json_array();
    if (w->start) {
        json_t *o = json_object();
        jset(o, "id", json_string("start"));
        jset(o, "due", jdate(true, w->due));
        json_array_append_new(arr, o);
    }
    return arr;
}

void api_appointments_create(api_ctx *c, http_reply *out)
{
    cal_booking b;
    genop_appointment_row a;
    cal_warning warn;
    cal_refusal why = {{0}, {0}};
    genop_error e;
    if (cal_booking_read(c->body, &b, &e) ||
        casework_appointment_book(&c->env, &c->user, &b, &a, &warn, &why, &e)) {
        api_booking_refused(out, "booking", &e, &why);
        return;
    }
    json_t *o = api_appointment_json(&a);
    jset(o, "warnings", warnings_json(&warn));
    http_reply_json(out, 201, o);
}

json_t *api_series_json(const cal_series_result *r)
{
    json_t *ids = json_array(), *skipped = json_array(), *o = json_object();
    for (size_t i = 0; i < r->n_ids; i++)
        json_array_append_new(ids, json_integer(r->ids[i]));
    for (size_t i = 0; i < r->n_skipped; i++) {
        const cal_skip *k = &r->skipped[i];
        json_t *x = json_object();
        jset(x, "date", jdate(true, k->date));
        jset(x, "reason", jstr(k->reason));
        if (k->limit[0])
            jset(x, "limit", jstr(k->limit));
        jset(x, "detail", jstr(k->message));
        json_array_append_new(skipped, x);
    }
    jset(o, "ids", ids);
    jset(o, "skipped", skipped);
    jset(o, "warnings", warnings_json(&r->warn));
    return o;
}

void api_appointments_series(api_ctx *c, http_reply *out)
{
    cal_series *s = malloc(sizeof *s);
    cal_series_result *r = malloc(sizeof *r);
    cal_refusal why = {{0}, {0}};
    genop_error e;
    if (!s || !r)
        problem_internal(out, "serie", NULL);
    else if (cal_series_read(c->body, s, &e) ||
             casework_appointment_series(&c->env, &c->user, s, r, &why, &e))
        api_booking_refused(out, "serie", &e, &why);
    else
        http_reply_json(out, 201, api_series_json(r));
    free(s);
    free(r);
}

/* The query arguments of GET /appointments into q; false if answered. */
static bool read_query(api_ctx *c, cal_list_query *q, http_reply *out)
{
    memset(q, 0, sizeof *q);
    const char *keys[] = {"case", "room", "team"};
    int64_t *vals[] = {&q->f.case_id, &q->f.room_id, &q->f.team_id};
    if (!q_date(c->rq, "from", &q->f.has_from, &q->f.from, out) ||
        !q_date(c->rq, "to", &q->f.has_to, &q->f.to, out) ||
        !q_username(c->rq, "therapist", &q->therapist, out))
        return false;
    for (size_t i = 0; i < 3; i++) {
        size_t v;
        if (!q_size(c->rq, keys[i], 0, 0, (size_t)INT64_MAX, &v, out))
            return false;
        *vals[i] = (int64_t)v;
    }
    return true;
}

void api_appointments_list(api_ctx *c, http_reply *out)
{
    cal_list_query q;
    genop_list l;
    genop_error e;
    if (!read_query(c, &q, out))
        return;
    if (casework_appointments_list(&c->env, &c->user, &q, &l, &e)) {
        problem_from_refusal(out, "tider", &e);
        return;
    }
    const genop_appointment_row *a = l.items;
    json_t *arr = json_array(), *o = json_object();
    for (size_t i = 0; i < l.n; i++)
        json_array_append_new(arr, api_appointment_json(&a[i]));
    genop_store_free_list(&l);
    jset(o, "items", arr);
    http_reply_json(out, 200, o);
}

/* What the standard says a cancellation by `by` brings (its
 * `cancellations`), with the source; null when the text says nothing. */
static json_t *cancellation_rule_json(const genop_standard *std, const char *by)
{
    if (!std)
        return json_null();
    bool citizen = strcmp(by, "citizen") == 0;
    const genop_cancellation_rule *r = citizen ? &std->cancel_by_citizen
                                               : &std->cancel_by_provider;
    if (!r->present)
        return json_null();
    char sentence[GENOP_RULE_TEXT_MAX];
    json_t *o = json_object(), *src = json_object();
    jset(o, "new_time", jstr(genop_new_time_name(r->new_time)));
    jset(o, "text", jstr(genop_cancellation_text(r, citizen, sentence, sizeof sentence)));
    jset(src, "section", r->source.section ? jstr(r->source.section) : json_null());
    jset(src, "quote", r->source.quote ? jstr(r->source.quote) : json_null());
    jset(src, "citation", r->source.citation ? jstr(r->source.citation) : json_null());
    jset(o, "source", src);
    return o;
}

void api_appointment_cancel(api_ctx *c, http_reply *out)
{
    cal_cancel in;
    genop_appointment_row a;
    genop_error e;
    if (cal_cancel_read(c->body, &in, &e) ||
        casework_appointment_cancel(&c->env, &c->user, c->id, &in, &a, &e)) {
        problem_from_refusal(out, "aflysning", &e);
        return;
    }
    json_t *o = api_appointment_json(&a);
    jset(o, "cancellation_rule", cancellation_rule_json(c->std, a.cancelled_by));
    http_reply_json(out, 200, o);
}

void api_appointment_outcome(api_ctx *c, http_reply *out)
{
    cal_outcome in;
    int64_t event = 0;
    genop_error e;
    if (cal_outcome_read(c->body, &in, &e) ||
        casework_appointment_outcome(&c->env, &c->user, c->id, &in, &event, &e)) {
        problem_from_refusal(out, "udfald", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "event", json_integer(event));
    http_reply_json(out, 201, o);
}

/* POST /appointments/{id}/move (calendar/move.h): 200 the appointment as
 * moved, with "warnings"; refused as a booking is (409 conflict, 422
 * field and limit), or 422 at $.start when it is no longer booked. */
void api_appointment_move(api_ctx *c, http_reply *out)
{
    cal_move m;
    genop_appointment_row a;
    cal_warning warn;
    cal_refusal why = {{0}, {0}};
    genop_error e;
    if (cal_move_read(c->body, &m, &e) ||
        casework_appointment_move(&c->env, &c->user, c->id, &m, &a, &warn, &why, &e)) {
        api_booking_refused(out, "flytning", &e, &why);
        return;
    }
    json_t *o = api_appointment_json(&a);
    jset(o, "warnings", warnings_json(&warn));
    http_reply_json(out, 200, o);
}

json_t *api_booking_warnings_json(const cal_warning *w)
{
    return warnings_json(w);
}
