/*
 * case_view.c - the corrected view of a case (see case_view.h). Stored
 * bodies were checked when they were accepted, so a body that no longer
 * parses is an internal error, reported with the event's id.
 */
#include "case_view.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "case_tree.h"

bool case_view_is_journal(const char *type)
{
    return strcmp(type, CASE_VIEW_NOTE) == 0 || strcmp(type, CASE_VIEW_CORRECTION) == 0;
}

const genop_event_row *case_view_correction_of(const genop_event_row *rows, size_t n,
                                               int64_t id)
{
    const genop_event_row *latest = NULL;
    for (size_t i = 0; i < n; i++)
        if (rows[i].corrects == id && strcmp(rows[i].type, CASE_VIEW_CORRECTION) == 0)
            latest = &rows[i];
    return latest;
}

/* The event a correction row puts in place of the one it corrects;
 * *withdrawn when it puts nothing. */
static genop_err replacement(const genop_event_row *row, genop_event *ev, genop_grant *g,
                             bool *withdrawn, genop_error *e)
{
    json_t *body = json_loads(row->body, 0, NULL);
    json_t *event = json_object_get(body, "event");
    genop_err err = GENOP_OK;
    *withdrawn = event && json_is_null(event);
    if (!body || (!*withdrawn && !json_is_object(event)))
        err = genop_fail(e, GENOP_EINVAL, "rettelse %" PRId64 " har ingen gyldig \"event\"",
                         row->id);
    else if (!*withdrawn)
        err = genop_event_from_json_grant(event, "$.event", ev, g, e);
    json_decref(body);
    return err;
}

/* The content of original event row as the view has it, with a
 * decision's exceptions in *g. */
static genop_err current_event(const genop_event_row *rows, size_t n, const genop_event_row *row,
                               genop_event *ev, genop_grant *g, bool *gone, genop_error *e)
{
    const genop_event_row *fix = case_view_correction_of(rows, n, row->id);
    *gone = false;
    g->n = 0;
    if (fix)
        return replacement(fix, ev, g, gone, e);
    return genop_event_parse_grant(row->body, strlen(row->body), "$", ev, g, e);
}

void case_view_init(genop_case *c, const genop_citizen *cit, const genop_standard *std)
{
    genop_case_reset(c);
    c->id_kind = GENOP_CASE_ID_NONE;
    c->has_birth_date = true;
    c->birth_date = cit->birth_date;
    /* Where the citizen lives; a citizen stored before that was known
     * (0) lives in the case's municipality, as genop assumed until then. */
    c->has_municipality_code = true;
    c->municipality_code = cit->municipality_code ? cit->municipality_code
                                                  : std->municipality_code;
}

json_t *case_view_current_body(const genop_event_row *rows, size_t n, const genop_event_row *row)
{
    const genop_event_row *fix = case_view_correction_of(rows, n, row->id);
    json_t *body = json_loads(fix ? fix->body : row->body, 0, NULL);
    if (!fix)
        return body;
    json_t *event = json_object_get(body, "event");
    json_t *current = json_is_object(event) ? json_incref(event) : NULL;
    json_decref(body);
    return current;
}

genop_err case_view_build(const genop_event_row *rows, size_t n, int64_t skip,
                          const genop_citizen *cit, const genop_standard *std, genop_case *c,
                          genop_error *e)
{
    case_view_init(c, cit, std);
    genop_grant g;   /* one event's exceptions at a time (a few KB) */
    for (size_t i = 0; i < n; i++) {
        const genop_event_row *row = &rows[i];
        if (row->id == skip || case_view_is_journal(row->type))
            continue;
        genop_event ev;
        bool gone;
        genop_err err = current_event(rows, n, row, &ev, &g, &gone, e);
        if (err) {
            genop_error_prefix(e, "hændelse %" PRId64, row->id);
            return err;
        }
        if (!gone && (err = genop_case_add_granted(c, &ev, &g, e)))
            return err;
    }
    genop_case_sort(c);
    return GENOP_OK;
}

genop_err case_view_load_events(genop_store *s, const genop_standard *std, case_view_loaded *lc,
                                genop_error *e)
{
    genop_err err = genop_store_events_list(s, lc->row.municipality, lc->row.id, &lc->events, e);
    if (!err)
        err = case_view_build(lc->events.items, lc->events.n, 0, &lc->cit, std, &lc->view, e);
    if (!err)
        err = genop_case_check(&lc->view, e);
    return err;
}

genop_err case_view_load(genop_store *s, const char *muni, int64_t id, const genop_standard *std,
                         case_view_loaded *lc, genop_error *e)
{
    genop_err err = genop_store_case_get(s, muni, id, &lc->row, e);
    if (!err)
        err = genop_store_citizen_get(s, muni, lc->row.citizen_id, &lc->cit, e);
    if (!err)
        err = case_view_load_events(s, std, lc, e);
    return err;
}

void case_view_release(case_view_loaded *lc)
{
    genop_store_free_events(&lc->events);
    genop_case_release(&lc->view);
}
