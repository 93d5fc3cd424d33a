/*
 * new_time_task.c - the worklist task new_time in a case's projection
 * (see new_time_task.h).
 */
#include "new_time_task.h"

#include <stdio.h>
#include <string.h>

#include "store_calendar.h"

bool cal_new_time_promised(const genop_standard *std)
{
    return std->cancel_by_provider.present &&
           std->cancel_by_provider.new_time == GENOP_NEW_TIME_PROMISED;
}

genop_err cal_case_appointments(genop_store *s, const char *muni, int64_t case_id,
                                   genop_list *out, genop_error *e)
{
    genop_appointment_filter f = {0};
    f.case_id = case_id;
    return genop_store_appointments_find(s, muni, &f, out, e);
}

genop_err cal_new_time_task(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                            const genop_standard *std, projection *p, genop_error *e)
{
    if (p->closed || !cal_new_time_promised(std) || p->n_open >= PROJECTION_ROWS_MAX)
        return GENOP_OK;
    genop_list l = {0};
    genop_err err = cal_case_appointments(s, row->municipality, row->id, &l, e);
    const genop_appointment_row *a = l.items;
    bool owed = false;
    genop_date since = 0, due = 0;
    for (size_t i = 0; !err && i < l.n; i++) {
        if (!a[i].new_time_owed)
            continue;
        genop_date d = a[i].day > a[i].new_time_since ? a[i].day : a[i].new_time_since;
        if (!owed || a[i].new_time_since < since)
            since = a[i].new_time_since;
        if (!owed || d < due)
            due = d;
        owed = true;
    }
    genop_store_free_list(&l);
    if (err || !owed)
        return err;
    genop_open_deadline *o = &p->open[p->n_open++];
    memset(o, 0, sizeof *o);
    o->case_id = row->id;
    o->citizen_id = cit->id;
    snprintf(o->citizen_name, sizeof o->citizen_name, "%s", cit->name);
    snprintf(o->deadline_id, sizeof o->deadline_id, "%s", TASK_NEW_TIME);
    snprintf(o->label, sizeof o->label, "Ny tid: kommunen aflyste en tid, borgeren skal "
             "tilbydes en ny");
    o->task = true;
    o->paragraph = row->paragraph;
    o->from = o->listed_from = since;
    o->due = due;
    snprintf(o->source, sizeof o->source, "%s",
             std->cancel_by_provider.source.citation ? std->cancel_by_provider.source.citation
                                                     : "");
    if (!p->has_next_due || due < p->next_due)
        p->next_due = due;
    p->has_next_due = true;
    return GENOP_OK;
}
