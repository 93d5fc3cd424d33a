/*
 * api_proposals.c - "Book tid" (src/casework/calendar/proposals.h):
 *
 *   GET /api/v1/cases/{id}/appointment-proposals?kind=&minutes=&count=&from=
 *       &room=ID | &home=true
 *   200 {"case", "kind", "minutes", "from", "to",
 *        "preferred": {"therapist": USERNAME | null, "why"},
 *        "items": [{"therapist", "start", "minutes", "kind", "place",
 *                   "room": {"id", "name", "location"} | null, "home",
 *                   "preferred", "why", "warnings"}],
 *        "ended": null | {"limit": ID | null, "detail"}}
 *
 * kind is training (the default) or assessment; minutes 1-1440 (default:
 * the grant's minutes a session, else 60); count 1-20 (default 5; more is
 * cut to 20); from a date (default today). A malformed argument is 400;
 * the domain's refusals are 404 (the case), 422 (the case's state at
 * "$.case", from before today at "from", a room not the municipality's
 * at "room").
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "proposals.h"

/* The query into q; false when out is answered (400). */
static bool read_query(api_ctx *c, cal_proposal_query *q, http_reply *out)
{
    const char *kind = http_request_query(c->rq, "kind");
    size_t minutes, count, room;
    bool has_from;
    int home;
    memset(q, 0, sizeof q[0]);
    if (kind && strcmp(kind, "training") != 0 && strcmp(kind, "assessment") != 0) {
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "kind", "Forespørgselsparameteren kind: "
                     "skal være training eller assessment");
        return false;
    }
    q->kind = kind && strcmp(kind, "assessment") == 0 ? GENOP_SESSION_ASSESSMENT
                                                      : GENOP_SESSION_TRAINING;
    if (!q_size(c->rq, "minutes", 0, 1, GENOP_MINUTES_PER_DAY, &minutes, out) ||
        !q_size(c->rq, "count", CAL_PROPOSALS_DEFAULT, 1, CAL_PROPOSALS_MAX, &count, out) ||
        !q_size(c->rq, "room", 0, 1, (size_t)INT64_MAX, &room, out) ||
        !q_bool(c->rq, "home", &home, out) || !q_date(c->rq, "from", &has_from, &q->from, out))
        return false;
    if (room && home == 1) {
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "home", "Forespørgselsparametrene room og "
                     "home: angiv højst én af dem");
        return false;
    }
    q->minutes = (int)minutes;
    q->count = count;
    q->place_given = room || home == 1;
    q->place = room ? CAL_PLACE_ROOM : CAL_PLACE_HOME;
    q->room_id = (int64_t)room;
    if (!has_from)
        q->from = 0;
    return true;
}

static json_t *proposal_json(const cal_proposal *p)
{
    const genop_appointment_row *a = &p->row;
    json_t *o = json_object(), *room = json_null();
    if (a->room_id) {
        room = json_object();
        jset(room, "id", json_integer(a->room_id));
        jset(room, "name", jstr(p->room_name));
        jset(room, "location", jstr(p->location_name));
    }
    jset(o, "therapist", jstr(a->therapist));
    jset(o, "start", jstr(a->start));
    jset(o, "minutes", json_integer(a->minutes));
    jset(o, "kind", jstr(a->kind));
    jset(o, "place", jstr(a->place));
    jset(o, "room", room);
    jset(o, "home", json_boolean(strcmp(a->place, "home") == 0));
    jset(o, "preferred", json_boolean(p->preferred));
    jset(o, "why", jstr(p->why));
    jset(o, "warnings", api_booking_warnings_json(&p->warn));
    return o;
}

static json_t *proposals_json(int64_t case_id, const cal_proposal_query *q,
                              const cal_proposals *r)
{
    json_t *o = json_object(), *items = json_array(), *pref = json_object();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(items, proposal_json(&r->items[i]));
    jset(pref, "therapist", r->preferred[0] ? jstr(r->preferred) : json_null());
    jset(pref, "why", jstr(r->preferred_why));
    jset(o, "case", json_integer(case_id));
    jset(o, "kind", jstr(genop_session_kind_name(q->kind)));
    jset(o, "minutes", json_integer(r->minutes));
    jset(o, "from", jdate(true, r->from));
    jset(o, "to", jdate(true, r->to));
    jset(o, "preferred", pref);
    jset(o, "items", items);
    if (r->ended[0]) {
        json_t *end = json_object();
        jset(end, "limit", r->ended_limit[0] ? jstr(r->ended_limit) : json_null());
        jset(end, "detail", jstr(r->ended));
        jset(o, "ended", end);
    } else {
        jset(o, "ended", json_null());
    }
    return o;
}

void api_appointment_proposals(api_ctx *c, http_reply *out)
{
    cal_proposal_query q;
    genop_error e;
    if (!read_query(c, &q, out))
        return;
    cal_proposals *r = malloc(sizeof *r);
    if (!r)
        problem_internal(out, "forslag", NULL);
    else if (casework_appointment_proposals(&c->env, &c->user, c->id, &q, r, &e))
        problem_from_refusal(out, "forslag", &e);
    else
        http_reply_json(out, 200, proposals_json(c->id, &q, r));
    free(r);
}
