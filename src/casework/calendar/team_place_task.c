/*
 * team_place_task.c - the worklist task team_place (see
 * team_place_task.h).
 */
#include "team_place_task.h"

#include <stdio.h>
#include <string.h>

#include "store_calendar.h"
#include "store_teams.h"

/* The offer of w->offered rows that is due soonest, or NULL. */
static const genop_waiting_row *soonest(const genop_list *l)
{
    const genop_waiting_row *w = l->items, *best = NULL;
    for (size_t i = 0; i < l->n; i++)
        if (w[i].offered && (!best || w[i].offer_due < best->offer_due))
            best = &w[i];
    return best;
}

genop_err cal_team_place_task(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                              projection *p, genop_error *e)
{
    if (p->closed || p->n_open >= PROJECTION_ROWS_MAX)
        return GENOP_OK;
    genop_list l = {0};
    genop_team_row team;
    genop_err err = genop_store_waiting_list(s, row->municipality, 0, row->id, &l, e);
    const genop_waiting_row *w = err ? NULL : soonest(&l);
    if (w)
        err = genop_store_team_get(s, row->municipality, w->team_id, &team, e);
    if (!err && w) {
        genop_open_deadline *o = &p->open[p->n_open++];
        memset(o, 0, sizeof *o);
        o->case_id = row->id;
        o->citizen_id = cit->id;
        snprintf(o->citizen_name, sizeof o->citizen_name, "%s", cit->name);
        snprintf(o->deadline_id, sizeof o->deadline_id, "%s", TASK_TEAM_PLACE);
        genop_bprintf(o->label, sizeof o->label, "Ledig plads på holdet %s: tilbyd borgeren "
                      "pladsen", team.name);
        o->task = true;
        o->paragraph = row->paragraph;
        o->from = o->listed_from = w->offered_on;
        o->due = w->offer_due;
        if (!p->has_next_due || o->due < p->next_due)
            p->next_due = o->due;
        p->has_next_due = true;
    }
    genop_store_free_list(&l);
    return err;
}
