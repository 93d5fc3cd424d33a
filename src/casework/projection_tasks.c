/*
 * projection_tasks.c - the worklist's tasks of a case from its evaluation
 * (see projection_tasks.h).
 */
#include "projection_tasks.h"

#include <stdio.h>
#include <string.h>

#include "case_stage.h"
#include "complaint_routes.h"

/* A task row of the case: its id, label, dates and source. */
static genop_open_deadline *add_task(const genop_case_row *row, const genop_citizen *cit,
                                     const genop_result *r, genop_open_deadline *out, size_t *n,
                                     const char *id, genop_date from, genop_date due,
                                     const genop_source *source)
{
    genop_open_deadline *o = &out[(*n)++];
    memset(o, 0, sizeof *o);
    o->case_id = row->id;
    o->citizen_id = cit->id;
    snprintf(o->citizen_name, sizeof o->citizen_name, "%s", cit->name);
    snprintf(o->deadline_id, sizeof o->deadline_id, "%s", id);
    o->task = true;
    o->paragraph = r->paragraph;
    o->from = from;
    o->due = due;
    o->listed_from = from;
    snprintf(o->source, sizeof o->source, "%s",
             source && source->citation ? source->citation : "");
    return o;
}

/* attendance_review: since the course went up for review, for the
 * earlier of its reasons (no-shows reaching the limit, an admission). */
static void attendance_task(const genop_case_row *row, const genop_citizen *cit,
                            const genop_result *r, genop_open_deadline *out, size_t *n)
{
    const genop_attendance_result *a = &r->attendance;
    if (!(a->review || a->admission_review) || !a->has_review_since)
        return;
    bool admitted = a->admission_review &&
                    (!a->has_limit_reached || a->first_admission < a->limit_reached);
    genop_open_deadline *o = add_task(row, cit, r, out, n, TASK_ATTENDANCE_REVIEW,
                                      a->review_since, a->review_since,
                                      admitted ? a->admission_source : a->source);
    snprintf(o->label, sizeof o->label, "Forløbet skal vurderes (%s)",
             admitted ? "indlæggelse" : "fremmøde");
}

/* limit_exceeded for each counting limit exceeded; course_length for a
 * course that has started, listed from the day after its last day. */
static void limit_tasks(const genop_case_row *row, const genop_citizen *cit,
                        const genop_result *r, genop_open_deadline *out, size_t *n)
{
    for (size_t i = 0; i < r->n_limits; i++) {
        const genop_limit_result *l = &r->limits[i];
        genop_open_deadline *o;
        if (l->rule->kind == GENOP_LIMIT_COURSE_LENGTH) {
            o = add_task(row, cit, r, out, n, TASK_COURSE_LENGTH,
                         l->last_day - (genop_date)l->max, l->last_day, &l->rule->source);
            o->listed_from = l->last_day + 1;
            snprintf(o->label, sizeof o->label, "Forløbet har passeret %d %s", l->rule->max,
                     genop_unit_label_da(l->rule->unit, l->rule->max));
        } else if (l->exceeded && l->has_exceeded_on) {
            o = add_task(row, cit, r, out, n, TASK_LIMIT_EXCEEDED, l->exceeded_on,
                         l->exceeded_on, &l->rule->source);
            snprintf(o->limit_id, sizeof o->limit_id, "%s", genop_limit_name(l->rule->kind));
            snprintf(o->label, sizeof o->label, "Grænse overskredet: %s",
                     l->rule->label ? l->rule->label : genop_limit_name(l->rule->kind));
        }
    }
}

void projection_tasks(const genop_case_row *row, const genop_citizen *cit, const genop_result *r,
                      bool closed, genop_open_deadline *out, size_t *n)
{
    const genop_documentation_result *d = &r->documentation;
    if (closed) {
        if (d->end_status_required && d->end_status == GENOP_DOC_MISSING) {
            genop_open_deadline *o = add_task(row, cit, r, out, n, TASK_END_STATUS,
                                              d->end_status_due, d->end_status_due,
                                              d->end_status_source);
            snprintf(o->label, sizeof o->label, "Slutstatus mangler");
        }
        return;
    }
    attendance_task(row, cit, r, out, n);
    limit_tasks(row, cit, r, out, n);
}

/* Whether view has a closure dated on or after `on`. */
static bool closed_since(const genop_case *view, genop_date on)
{
    for (size_t i = 0; i < view->n_events; i++)
        if (view->events[i].type == GENOP_EV_CLOSED && view->events[i].date >= on)
            return true;
    return false;
}

void projection_new_decision_task(const genop_case_row *row, const genop_citizen *cit,
                                  const genop_result *r, const genop_case *view,
                                  genop_open_deadline *out, size_t *n)
{
    const genop_event *remitted = casework_case_remitted(view);
    if (!remitted || closed_since(view, remitted->date))
        return;
    const genop_complaint_route *route = genop_complaint_route_for(r->standard,
                                                                   GENOP_ABOUT_DECISION);
    genop_open_deadline *o = add_task(row, cit, r, out, n, TASK_NEW_DECISION, remitted->date,
                                      remitted->date, route ? &route->source : NULL);
    snprintf(o->label, sizeof o->label, "Ny afgørelse: Ankestyrelsen har hjemvist sagen");
}
