/*
 * places.c - the municipality's places and a case's citizen for the
 * calendar's views (see places.h).
 */
#include "places.h"

#include <string.h>

genop_err cal_places_read(genop_store *s, const char *muni, cal_places *p, genop_error *e)
{
    memset(p, 0, sizeof *p);
    genop_err err = genop_store_locations_list(s, muni, &p->locs, e);
    if (!err)
        err = genop_store_rooms_list(s, muni, &p->rooms, e);
    if (!err)
        err = genop_store_teams_list(s, muni, &p->teams, e);
    return casework_internal(err, e);
}

void cal_places_release(cal_places *p)
{
    genop_store_free_list(&p->locs);
    genop_store_free_list(&p->rooms);
    genop_store_free_list(&p->teams);
}

const genop_team_row *cal_places_team(const cal_places *p, int64_t id)
{
    const genop_team_row *t = p->teams.items;
    for (size_t i = 0; i < p->teams.n; i++)
        if (t[i].id == id)
            return &t[i];
    return NULL;
}

const genop_room_row *cal_places_room(const cal_places *p, int64_t id)
{
    const genop_room_row *r = p->rooms.items;
    for (size_t i = 0; i < p->rooms.n; i++)
        if (r[i].id == id)
            return &r[i];
    return NULL;
}

const genop_location_row *cal_places_location(const cal_places *p, int64_t id)
{
    const genop_location_row *l = p->locs.items;
    for (size_t i = 0; i < p->locs.n; i++)
        if (l[i].id == id)
            return &l[i];
    return NULL;
}

genop_err cal_case_citizen(genop_store *s, const char *muni, int64_t case_id,
                           genop_citizen *out, genop_error *e)
{
    genop_case_row c;
    genop_err err = genop_store_case_get(s, muni, case_id, &c, e);
    if (!err)
        err = genop_store_citizen_get(s, muni, c.citizen_id, out, e);
    return casework_internal(err, e);
}
