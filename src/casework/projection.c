/*
 * projection.c - recomputing a case's stored projection (see
 * projection.h) from one evaluation.
 */
#include "projection.h"

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

genop_err projection_update(genop_store *s, genop_case_row *row, const genop_citizen *cit,
                            const genop_case *view, const genop_standard *std, genop_date today,
                            genop_error *e)
{
    genop_result r;
    genop_err err = genop_evaluate(view, std, today, &r, e);
    if (err)
        return err;
    genop_open_deadline open[GENOP_DEADLINES_MAX];
    size_t n_open = 0;
    for (size_t i = 0; i < r.n_deadlines; i++) {
        const genop_deadline_result *d = &r.deadlines[i];
        if (!d->done && !d->rule->citizens_deadline)
            open_deadline(row, cit, &r, d, &open[n_open++]);
    }
    err = genop_store_case_projection_set(s, row->municipality, row->id, has_closed(view), open,
                                          n_open, e);
    if (!err)
        err = genop_store_case_stage_set(s, row->municipality, row->id,
                                         casework_case_stage(view), e);
    if (err)
        return err;
    row->closed = has_closed(view);
    row->has_next_due = n_open > 0;
    row->next_due = 0;
    for (size_t i = 0; i < n_open; i++)     /* the store's next_due: the soonest */
        if (i == 0 || open[i].due < row->next_due)
            row->next_due = open[i].due;
    return GENOP_OK;
}
