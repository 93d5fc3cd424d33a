/*
 * cal_layout.c - the calendar benchmark's plan of courses (see
 * cal_layout.h).
 */
#include "cal_layout.h"

#include <stdio.h>
#include <string.h>

#include "resources.h"

genop_err layout_load(casework_local *loc, const genop_user *actor, cal_layout *l,
                      genop_error *e)
{
    genop_list locations, rooms, teams;
    memset(l, 0, sizeof *l);
    memset(&teams, 0, sizeof teams);
    genop_err err = casework_locations_list(&loc->env, actor, &locations, &rooms, e);
    if (!err)
        err = casework_teams_list(&loc->env, actor, &teams, e);
    const size_t per_location = 1 + LAYOUT_ROOMS;
    if (!err && (locations.n != LAYOUT_LOCATIONS || rooms.n != LAYOUT_LOCATIONS * per_location ||
                 teams.n != LAYOUT_TEAMS))
        err = genop_fail(e, GENOP_EIO, "the database holds %zu locations, %zu rooms and %zu "
                         "teams, not the benchmark's", locations.n, rooms.n, teams.n);
    for (size_t i = 0; !err && i < rooms.n; i++) {
        const genop_room_row *r = &((const genop_room_row *)rooms.items)[i];
        size_t at = i / per_location, k = i % per_location;
        if (k == 0)
            l->halls[at] = r->id;
        else
            l->rooms[at][k - 1] = r->id;
    }
    for (size_t n = 0; !err && n < teams.n; n++)
        l->teams[n] = ((const genop_team_row *)teams.items)[n].id;
    genop_store_free_list(&locations);
    genop_store_free_list(&rooms);
    genop_store_free_list(&teams);
    return err;
}

void layout_therapist(size_t t, char *buf, size_t size)
{
    snprintf(buf, size, "bench-terapeut-%02zu", t + 1);
}

int layout_slot_minute(int slot)
{
    return LAYOUT_DAY_START + LAYOUT_MINUTES * slot;
}

/* Course j's booking without its time: case, therapist, place. For an
 * individual course, *days gets its two weekdays and *slot its slot. */
static void course_booking(const cal_layout *l, size_t j, cal_booking *b, int days[2],
                           int *slot)
{
    memset(b, 0, sizeof *b);
    b->case_id = (int64_t)j + 1;
    b->minutes = LAYOUT_MINUTES;
    b->kind = GENOP_SESSION_TRAINING;
    if (j < LAYOUT_TEAM_CASES) {
        size_t n = j / LAYOUT_TEAM_PLACES;
        layout_therapist(n, b->therapist, sizeof b->therapist);
        b->place = CAL_PLACE_TEAM;
        b->team_id = l->teams[n];
        days[0] = days[1] = 3;
        *slot = (int)(n / LAYOUT_LOCATIONS);
        return;
    }
    size_t i = j - LAYOUT_TEAM_CASES;
    size_t t = i / LAYOUT_PER_THERAPIST, p = i % LAYOUT_PER_THERAPIST;
    layout_therapist(t, b->therapist, sizeof b->therapist);
    days[0] = p / LAYOUT_SLOTS ? 2 : 1;
    days[1] = days[0] + 3;
    *slot = (int)(p % LAYOUT_SLOTS);
    /* Therapist t = location + 5k: of k and k + 1 one is odd and one
     * even, so for a given p one of the pair uses room k / 2. */
    if ((t + p) % 2 == 0) {
        b->place = CAL_PLACE_ROOM;
        b->room_id = l->rooms[t % LAYOUT_LOCATIONS][t / LAYOUT_LOCATIONS / 2];
    } else {
        b->place = CAL_PLACE_HOME;
    }
}

void layout_course(const cal_layout *l, size_t j, genop_date from, genop_date until,
                   cal_series *out)
{
    int days[2], slot;
    memset(out, 0, sizeof *out);
    course_booking(l, j, &out->first, days, &slot);
    out->weekdays[days[0]] = out->weekdays[days[1]] = true;
    out->time = layout_slot_minute(slot);
    out->from = from;
    out->until = until;
}

size_t layout_week_bookings(const cal_layout *l, size_t j, genop_date monday,
                            cal_booking out[2])
{
    int days[2], slot;
    course_booking(l, j, &out[0], days, &slot);
    out[0].start.date = monday + days[0] - 1;
    out[0].start.minute = layout_slot_minute(slot);
    if (j < LAYOUT_TEAM_CASES)
        return 1;
    out[1] = out[0];
    out[1].start.date = monday + days[1] - 1;
    return 2;
}
