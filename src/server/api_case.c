/*
 * api_case.c - GET /api/v1/cases/{id}: one case with its citizen, every
 * stored event (notes and corrections included, each original event
 * marked current, corrected or withdrawn) and its evaluation: the object
 * `genop evaluate` prints for the corrected view against the
 * municipality's standard, as of today or ?as_of=YYYY-MM-DD.
 *
 * What the citizen block holds depends on the role (roles.h): the full CPR
 * number for a visitator only, contact details for visitator and terapeut.
 */
#include <string.h>

#include "api.h"
#include "audit.h"
#include "case_view.h"
#include "evaluate.h"
#include "input.h"
#include "json_util.h"
#include "problem.h"
#include "result_json.h"
#include "roles.h"

static json_t *citizen_json(const genop_citizen *cit, genop_role role, genop_date today)
{
    char cpr[GENOP_CPR_TEXT_SIZE];
    json_t *o = json_object();
    jset(o, "id", json_integer(cit->id));
    jset(o, "cpr", jstr(roles_cpr_text(role, cit->cpr, cpr)));
    jset(o, "name", jstr(cit->name));
    jset(o, "birth_date", jdate(true, cit->birth_date));
    jset(o, "age", json_integer(genop_age_on(cit->birth_date, today)));
    if (!roles_sees_contact(role))
        return o;
    jset(o, "address", cit->address[0] ? jstr(cit->address) : json_null());
    jset(o, "phone", cit->phone[0] ? jstr(cit->phone) : json_null());
    jset(o, "relatives", cit->relatives[0] ? jstr(cit->relatives) : json_null());
    jset(o, "digital_post_exempt", json_boolean(cit->digital_post_exempt));
    return o;
}

/* The stored referral_received row, or NULL. */
static const genop_event_row *referral_row(const genop_list *events)
{
    const genop_event_row *rows = events->items;
    for (size_t i = 0; i < events->n; i++)
        if (strcmp(rows[i].type, "referral_received") == 0)
            return &rows[i];
    return NULL;
}

static json_t *case_json(const case_view_loaded *lc)
{
    const genop_event *ref = genop_case_referral(&lc->view);
    const genop_event_row *row = referral_row(&lc->events);
    json_t *body = row ? case_view_current_body(lc->events.items, lc->events.n, row) : NULL;
    bool closed = false;
    for (size_t i = 0; i < lc->view.n_events; i++)
        closed = closed || lc->view.events[i].type == GENOP_EV_CLOSED;
    json_t *o = json_object();
    jset(o, "id", json_integer(lc->row.id));
    jset(o, "paragraph", jstr(genop_paragraph_name(ref ? ref->paragraph : lc->row.paragraph)));
    jset(o, "referral_date", jdate(true, ref ? ref->date : lc->row.referral_date));
    jset(o, "source", json_deep_copy(json_object_get(body, "source")));
    jset(o, "condition", ref && ref->condition[0] ? jstr(ref->condition) : json_null());
    jset(o, "text", json_deep_copy(json_object_get(body, "text")));
    jset(o, "consent", json_deep_copy(json_object_get(body, "consent")));
    jset(o, "closed", json_boolean(closed));
    jset(o, "next_due", jdate(lc->row.has_next_due, lc->row.next_due));
    jset(o, "created_at", jstr(lc->row.created_at));
    json_decref(body);
    return o;
}

/* "current", "corrected" or "withdrawn" for an original event. */
static const char *event_state(const genop_event_row *rows, size_t n, const genop_event_row *row,
                               const genop_event_row **fix)
{
    *fix = case_view_correction_of(rows, n, row->id);
    if (!*fix)
        return "current";
    json_t *current = case_view_current_body(rows, n, row);
    bool replaced = current != NULL;
    json_decref(current);
    return replaced ? "corrected" : "withdrawn";
}

static json_t *event_json(const genop_event_row *rows, size_t n, const genop_event_row *row)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(row->id));
    jset(o, "type", jstr(row->type));
    jset(o, "date", jdate(true, row->date));
    json_t *body = json_loads(row->body, 0, NULL);
    if (json_is_object(body) && o)
        json_object_update_missing(o, body);
    json_decref(body);
    jset(o, "author", jstr(row->author));
    jset(o, "registered_at", jstr(row->registered_at));
    jset(o, "corrects", jid(row->corrects));
    if (!case_view_is_journal(row->type)) {
        const genop_event_row *fix;
        jset(o, "state", jstr(event_state(rows, n, row, &fix)));
        jset(o, "corrected_by", jid(fix ? fix->id : 0));
    }
    return o;
}

static json_t *events_json(const genop_list *events)
{
    const genop_event_row *rows = events->items;
    json_t *arr = json_array();
    for (size_t i = 0; i < events->n; i++)
        json_array_append_new(arr, event_json(rows, events->n, &rows[i]));
    return arr;
}

static void answer(api_ctx *c, const case_view_loaded *lc, const genop_result *r,
                   http_reply *out)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(lc->row.id));
    jset(o, "citizen", citizen_json(&lc->cit, c->user.role, c->today));
    jset(o, "case", case_json(lc));
    jset(o, "events", events_json(&lc->events));
    jset(o, "evaluation", genop_result_to_json(r, &lc->view));
    http_reply_json(out, 200, o);
}

void api_case_get(api_ctx *c, http_reply *out)
{
    bool has_as_of;
    genop_date as_of;
    if (!q_date(c->rq, "as_of", &has_as_of, &as_of, out))
        return;
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    genop_result r;
    genop_error e;
    genop_err err = case_view_load(c->store, c->user.municipality, c->id, c->std, &lc, &e);
    if (err == GENOP_ENOTFOUND)
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Sagen findes ikke.", NULL);
    else if (err)
        problem_internal(out, "læs sag", &e);
    else if (genop_evaluate(&lc.view, c->std, has_as_of ? as_of : c->today, &r, &e))
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "as_of",
                     "Sagen kan ikke vurderes pr. den dato: %s", e.message);
    else if (audit_read(c->store, &c->user, lc.cit.id, lc.row.id, AUDIT_CASE_READ,
                        AUDIT_PURPOSE_CASEWORK, &e))
        problem_internal(out, "adgangslog", &e);
    else
        answer(c, &lc, &r, out);
    case_view_release(&lc);
}
