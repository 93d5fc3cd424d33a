/*
 * team_place.c - offering a team's freed place (see team_place.h): the
 * waiting list is read, the first row without an offer gets one, the list
 * is written back whole, and the offered case is projected again so its
 * worklist shows the task team_place.
 */
#include "team_place.h"

#include <string.h>

#include "env.h"
#include "new_time.h"
#include "store_teams.h"

genop_err cal_team_load(genop_store *s, const genop_user *actor, int64_t team_id,
                        genop_team_row *t, genop_error *e)
{
    genop_err err = genop_store_team_get(s, actor->municipality, team_id, t, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Holdet findes ikke.");
    return casework_internal(err, e);
}

genop_date cal_team_next_meeting(const genop_team_row *t, genop_date day)
{
    if (day < t->from)
        day = t->from;
    while (genop_date_weekday(day) != t->weekday)
        day++;
    return t->has_to && day > t->to ? 0 : day;
}

genop_err cal_team_place_freed(genop_store *s, const genop_user *actor,
                               const genop_standard *std, genop_date today, int64_t team_id,
                               genop_date day, int64_t *offered, genop_error *e)
{
    const char *muni = actor->municipality;
    genop_list l = {0};
    int64_t who = 0;
    genop_err err = genop_store_waiting_list(s, muni, team_id, 0, &l, e);
    genop_waiting_row *w = l.items;
    for (size_t i = 0; !err && !who && i < l.n; i++)
        if (!w[i].offered) {
            w[i].offered = true;
            w[i].offered_on = today;
            w[i].offer_due = day;
            who = w[i].case_id;
        }
    if (!err && who)
        err = genop_store_waiting_set(s, muni, team_id, w, l.n, e);
    genop_store_free_list(&l);
    if (err)
        return casework_internal(err, e);
    if (offered)
        *offered = who;
    return who ? cal_new_time_reproject(s, muni, who, std, today, e) : GENOP_OK;
}
