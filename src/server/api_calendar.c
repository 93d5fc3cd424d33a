/*
 * api_calendar.c - setting up the training calendar (shared/spec/
 * calendar.md, "Setting up"; src/casework/calendar/resources.h):
 *
 *   POST /api/v1/locations       {"name", "address", "rooms": [{"name",
 *                                "capacity"}]} -> 201 {"id", "rooms": [{"id",
 *                                "name", "capacity"}]}
 *   GET  /api/v1/locations       {"items": [{"id", "name", "address",
 *                                "rooms": [...]}]}
 *   POST /api/v1/locations/{id}/rooms  {"name", "capacity"} -> 201 the
 *                                room {"id", "name", "capacity", "location"}
 *   PUT  /api/v1/staff/{name}    {"profession", "hours", "absences"} -> 200
 *                                the staff member as GET /staff lists them
 *   POST /api/v1/teams           {"name", "paragraph", "room", "weekday",
 *                                "time", "minutes", "capacity", "therapist",
 *                                "from", "to"} -> 201 {"id"}
 *   GET  /api/v1/teams           {"items": [the team, with its "id"]}
 *
 * and the calendar's members of GET /api/v1/staff's items (profession,
 * hours, absences; api_staff.c calls api_staff_calendar_fill). Nothing
 * here names a citizen, so nothing is written to the access log.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "json_util.h"
#include "problem.h"
#include "resources.h"
#include "wallclock.h"

static json_t *room_json(const genop_room_row *r)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(r->id));
    jset(o, "name", jstr(r->name));
    jset(o, "capacity", json_integer(r->capacity));
    return o;
}

void api_locations_create(api_ctx *c, http_reply *out)
{
    cal_location_input in;
    genop_error e;
    if (cal_location_read(c->body, &in, &e) ||
        casework_location_create(&c->env, &c->user, &in, &e)) {
        problem_from_refusal(out, "sted", &e);
        return;
    }
    json_t *rooms = json_array();
    for (size_t i = 0; i < in.n_rooms; i++)
        json_array_append_new(rooms, room_json(&in.rooms[i]));
    json_t *o = json_object();
    jset(o, "id", json_integer(in.loc.id));
    jset(o, "name", jstr(in.loc.name));
    jset(o, "address", jstr(in.loc.address));
    jset(o, "rooms", rooms);
    http_reply_json(out, 201, o);
}

void api_location_room_add(api_ctx *c, http_reply *out)
{
    genop_room_row room;
    genop_error e;
    if (cal_room_read(c->body, &room, &e) ||
        casework_room_add(&c->env, &c->user, c->id, &room, &e)) {
        problem_from_refusal(out, "rum", &e);
        return;
    }
    json_t *o = room_json(&room);
    jset(o, "location", json_integer(room.location_id));
    http_reply_json(out, 201, o);
}

void api_locations_list(api_ctx *c, http_reply *out)
{
    genop_list locs, rooms;
    genop_error e;
    if (casework_locations_list(&c->env, &c->user, &locs, &rooms, &e)) {
        problem_from_refusal(out, "steder", &e);
    } else {
        const genop_location_row *l = locs.items;
        const genop_room_row *r = rooms.items;
        json_t *arr = json_array();
        for (size_t i = 0; i < locs.n; i++) {
            json_t *o = json_object(), *ra = json_array();
            jset(o, "id", json_integer(l[i].id));
            jset(o, "name", jstr(l[i].name));
            jset(o, "address", jstr(l[i].address));
            for (size_t k = 0; k < rooms.n; k++)
                if (r[k].location_id == l[i].id)
                    json_array_append_new(ra, room_json(&r[k]));
            jset(o, "rooms", ra);
            json_array_append_new(arr, o);
        }
        json_t *o = json_object();
        jset(o, "items", arr);
        http_reply_json(out, 200, o);
    }
    genop_store_free_list(&locs);
    genop_store_free_list(&rooms);
}

/* The calendar's members of one staff member (user_id) from cal. */
static void staff_members(json_t *o, const casework_staff_calendar *cal, int64_t user_id)
{
    const genop_staff_profile_row *p = cal->profiles.items;
    const genop_staff_hours_row *h = cal->hours.items;
    const genop_absence_row *a = cal->absences.items;
    json_t *hours = json_array(), *absences = json_array();
    jset(o, "profession", json_null());
    for (size_t i = 0; i < cal->profiles.n; i++)
        if (p[i].user_id == user_id)
            jset(o, "profession", jstr(p[i].profession));
    for (size_t i = 0; i < cal->hours.n; i++) {
        if (h[i].user_id != user_id)
            continue;
        char from[GENOP_HHMM_STR_SIZE], to[GENOP_HHMM_STR_SIZE];
        json_t *x = json_object();
        jset(x, "weekday", json_integer(h[i].weekday));
        jset(x, "from", jstr(genop_hhmm_format(h[i].from_minute, from)));
        jset(x, "to", jstr(genop_hhmm_format(h[i].to_minute, to)));
        json_array_append_new(hours, x);
    }
    for (size_t i = 0; i < cal->absences.n; i++) {
        if (a[i].user_id != user_id)
            continue;
        json_t *x = json_object();
        jset(x, "from", jdate(true, a[i].from));
        jset(x, "to", jdate(true, a[i].to));
        jset(x, "reason", jstr(a[i].reason));
        json_array_append_new(absences, x);
    }
    jset(o, "hours", hours);
    jset(o, "absences", absences);
}

bool api_staff_calendar_fill(api_ctx *c, json_t *items, const genop_user *users,
                             http_reply *out)
{
    casework_staff_calendar cal;
    genop_error e;
    if (casework_staff_calendar_get(&c->env, &c->user, &cal, &e)) {
        casework_staff_calendar_release(&cal);
        problem_from_refusal(out, "medarbejdernes kalender", &e);
        return false;
    }
    for (size_t i = 0; i < json_array_size(items); i++)
        staff_members(json_array_get(items, i), &cal, users[i].id);
    casework_staff_calendar_release(&cal);
    return true;
}

void api_staff_put(api_ctx *c, http_reply *out)
{
    cal_staff_input *in = malloc(sizeof *in);
    genop_error e;
    if (!in) {
        problem_internal(out, "medarbejder", NULL);
        return;
    }
    if (cal_staff_read(c->body, in, &e) ||
        casework_staff_calendar_set(&c->env, &c->user, c->name, in, &e)) {
        problem_from_refusal(out, "medarbejder", &e);
        free(in);
        return;
    }
    casework_staff_calendar cal = {0};
    genop_error ge;
    json_t *o = json_object();
    jset(o, "username", jstr(c->name));
    if (casework_staff_calendar_get(&c->env, &c->user, &cal, &ge) == GENOP_OK)
        staff_members(o, &cal, in->profile.user_id);
    casework_staff_calendar_release(&cal);
    free(in);
    http_reply_json(out, 200, o);
}

json_t *api_team_json(const genop_team_row *t)
{
    char time[GENOP_HHMM_STR_SIZE];
    json_t *o = json_object();
    jset(o, "id", json_integer(t->id));
    jset(o, "name", jstr(t->name));
    jset(o, "paragraph", jstr(t->paragraph));
    jset(o, "room", json_integer(t->room_id));
    jset(o, "weekday", json_integer(t->weekday));
    jset(o, "time", jstr(genop_hhmm_format(t->start_minute, time)));
    jset(o, "minutes", json_integer(t->minutes));
    jset(o, "capacity", json_integer(t->capacity));
    jset(o, "therapist", jstr(t->therapist));
    jset(o, "from", jdate(true, t->from));
    jset(o, "to", jdate(t->has_to, t->to));
    return o;
}

void api_teams_create(api_ctx *c, http_reply *out)
{
    cal_team_input in;
    genop_error e;
    if (cal_team_read(c->body, &in, &e) || casework_team_create(&c->env, &c->user, &in, &e)) {
        problem_from_refusal(out, "hold", &e);
        return;
    }
    http_reply_json(out, 201, api_team_json(&in.team));
}

void api_teams_list(api_ctx *c, http_reply *out)
{
    genop_list teams;
    genop_error e;
    if (casework_teams_list(&c->env, &c->user, &teams, &e)) {
        problem_from_refusal(out, "hold", &e);
        return;
    }
    const genop_team_row *t = teams.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < teams.n; i++)
        json_array_append_new(arr, api_team_json(&t[i]));
    genop_store_free_list(&teams);
    json_t *o = json_object();
    jset(o, "items", arr);
    http_reply_json(out, 200, o);
}
