/*
 * projection.c - computing a case's projection (see projection.h) from
 * one evaluation, and storing it.
 */
#include "projection.h"

#include "new_time_task.h"
#include "team_place_task.h"

#include <stdio.h>
#include <string.h>

#include "case_stage.h"
#include "evaluate.h"

static bool has_closed(const genop_case *view)
{
    for (size_t i = 0; i < view->n_events; i++)
        if (view->events[i].type == GENOP_EV_CLOSED)
            return true;
    return false;
}

static void open_deadline(const genop_case_row *row, const genop_citizen *cit,
                          const genop_result *r, const genop_deadline_result *d,
                          genop_open_deadline *o)
{
    memset(o, 0, sizeof *o);
    o->case_id = row->id;
    o->citizen_id = cit->id;
    snprintf(o->citizen_name, sizeof o->citizen_name, "%s", cit->name);
    snprintf(o->deadline_id, sizeof o->deadline_id, "%s", d->rule->id);
    snprintf(o->label, sizeof o->label, "%s", d->rule->label ? d->rule->label : d->rule->id);
    o->paragraph = r->paragraph;
    o->from = d->from;
    o->due = d->due;
    snprintf(o->source, sizeof o->source, "%s",
             d->rule->source.citation ? d->rule->source.citation : "");
}

genop_err projection_compute(const genop_case_row *row, const genop_citizen *cit,
                             const genop_case *view, const genop_standard *std, genop_date today,
                             projection *out, genop_error *e)
{
    genop_result r;
    genop_err err = genop_evaluate(view, std, today, &r, e);
    if (err)
        return err;
    out->closed = has_closed(view);
    out->stage = casework_case_stage_under(view, std);
    out->n_open = 0;
    for (size_t i = 0; i < r.n_deadlines; i++) {
        const genop_deadline_result *d = &r.deadlines[i];
        bool complaint = d->rule->from == GENOP_ANCHOR_COMPLAINT_RECEIVED;
        if (!d->done && !d->rule->citizens_deadline && (!out->closed || complaint))
            open_deadline(row, cit, &r, d, &out->open[out->n_open++]);
    }
    projection_tasks(row, cit, &r, out->closed, out->open, &out->n_open);
    projection_new_decision_task(row, cit, &r, view, out->open, &out->n_open);
    out->has_next_due = out->n_open > 0;
    out->next_due = 0;
    for (size_t i = 0; i < out->n_open; i++)     /* the store's next_due: the soonest */
        if (i == 0 || out->open[i].due < out->next_due)
            out->next_due = out->open[i].due;
    return GENOP_OK;
}

genop_err projection_store(genop_store *s, genop_case_row *row, const projection *p,
                           genop_error *e)
{
    genop_err err = genop_store_case_projection_set(s, row->municipality, row->id, p->closed,
                                                    p->open, p->n_open, e);
    if (!err)
        err = genop_store_case_stage_set(s, row->municipality, row->id, p->stage, e);
    if (err)
        return err;
    row->closed = p->closed;
    row->stage = p->stage;
    row->has_next_due = p->has_next_due;
    row->next_due = p->next_due;
    return GENOP_OK;
}

genop_err projection_update(genop_store *s, genop_case_row *row, const genop_citizen *cit,
                            const genop_case *view, const genop_standard *std, genop_date today,
                            genop_error *e)
{
    projection p;
    genop_err err = projection_compute(row, cit, view, std, today, &p, e);
    if (!err)
        err = cal_new_time_task(s, row, cit, std, &p, e);
    if (!err)
        err = cal_team_place_task(s, row, cit, &p, e);
    return err ? err : projection_store(s, row, &p, e);
}
