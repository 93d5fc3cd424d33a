/*
 * api_case.c - GET /api/v1/cases/{id}: one case with its citizen, every
 * stored event (notes and corrections included, each original event
 * marked current, corrected or withdrawn) and its evaluation: the object
 * `genop evaluate` prints for the corrected view against the
 * municipality's standard, as of today or ?as_of=YYYY-MM-DD.
 *
 * What the citizen block holds depends on the role (roles.h): the full CPR
 * number for a visitator only, contact details for visitator and terapeut.
 *
 * This is the most frequent request of all, so its answer is written as
 * JSON text straight into one buffer: the stored event bodies (JSON
 * objects the API wrote itself) are copied member by member
 * (json_members.h) rather than parsed into trees and printed again, and
 * the evaluation is written by the same writer `genop evaluate` uses. The
 * case is read in one read transaction, so its row, citizen and events are
 * of one moment.
 */
#include <string.h>

#include "api.h"
#include "audit.h"
#include "case_view.h"
#include "evaluate.h"
#include "input.h"
#include "json_members.h"
#include "json_write.h"
#include "problem.h"
#include "result_json.h"
#include "roles.h"

/* A non-empty string, or null. */
static void text_or_null(genop_buf *b, const char *s)
{
    genop_buf_add_json_string(b, s[0] ? s : NULL);
}

static void write_citizen(genop_buf *b, const genop_citizen *cit, genop_role role,
                          genop_date today)
{
    char cpr[GENOP_CPR_TEXT_SIZE];
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)cit->id);
    json_write_key(b, &f, "cpr");
    genop_buf_add_json_string(b, roles_cpr_text(role, cit->cpr, cpr));
    json_write_key(b, &f, "name");
    genop_buf_add_json_string(b, cit->name);
    json_write_key(b, &f, "birth_date");
    json_write_date(b, true, cit->birth_date);
    json_write_key(b, &f, "age");
    genop_buf_add_long(b, genop_age_on(cit->birth_date, today));
    json_write_key(b, &f, "municipality_code");
    json_write_long_or_null(b, cit->municipality_code != 0, cit->municipality_code);
    if (roles_sees_contact(role)) {
        json_write_key(b, &f, "address");
        text_or_null(b, cit->address);
        json_write_key(b, &f, "phone");
        text_or_null(b, cit->phone);
        json_write_key(b, &f, "relatives");
        text_or_null(b, cit->relatives);
        json_write_key(b, &f, "digital_post_exempt");
        genop_buf_adds(b, cit->digital_post_exempt ? "true" : "false");
    }
    genop_buf_add(b, "}", 1);
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

/* The text of row's body as it counts now into out: its own body, or its
 * latest correction's "event" (the text "null" when withdrawn). */
static genop_err current_body(const genop_list *events, const genop_event_row *row,
                              genop_buf *out, genop_error *e)
{
    const genop_event_row *fix = case_view_correction_of(events->items, events->n, row->id);
    if (!fix) {
        genop_buf_adds(out, row->body);
        return GENOP_OK;
    }
    return json_member_value(fix->body, strlen(fix->body), "event", out, e);
}

/* Appends the member `name` of the referral's current body (null when
 * there is no referral, or it was withdrawn). */
static genop_err referral_member(genop_buf *b, const genop_buf *body, const char *name,
                                 genop_error *e)
{
    if (body->len == 0 || strcmp(body->data, "null") == 0) {
        genop_buf_adds(b, "null");
        return GENOP_OK;
    }
    return json_member_value(body->data, body->len, name, b, e);
}

static genop_err write_case(genop_buf *b, const case_view_loaded *lc, genop_error *e)
{
    const genop_event *ref = genop_case_referral(&lc->view);
    const genop_event_row *row = referral_row(&lc->events);
    genop_buf body = {0};
    genop_err err = row ? current_body(&lc->events, row, &body, e) : GENOP_OK;
    bool closed = false;
    for (size_t i = 0; i < lc->view.n_events; i++)
        closed = closed || lc->view.events[i].type == GENOP_EV_CLOSED;
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)lc->row.id);
    json_write_key(b, &f, "paragraph");
    genop_buf_add_json_string(b, genop_paragraph_name(ref ? ref->paragraph : lc->row.paragraph));
    json_write_key(b, &f, "referral_date");
    json_write_date(b, true, ref ? ref->date : lc->row.referral_date);
    json_write_key(b, &f, "source");
    if (!err)
        err = referral_member(b, &body, "source", e);
    json_write_key(b, &f, "condition");
    genop_buf_add_json_string(b, ref && ref->condition[0] ? ref->condition : NULL);
    json_write_key(b, &f, "text");
    if (!err)
        err = referral_member(b, &body, "text", e);
    json_write_key(b, &f, "consent");
    if (!err)
        err = referral_member(b, &body, "consent", e);
    json_write_key(b, &f, "closed");
    genop_buf_adds(b, closed ? "true" : "false");
    json_write_key(b, &f, "next_due");
    json_write_date(b, lc->row.has_next_due, lc->row.next_due);
    json_write_key(b, &f, "created_at");
    genop_buf_add_json_string(b, lc->row.created_at);
    genop_buf_add(b, "}", 1);
    genop_buf_release(&body);
    return err;
}

/* "current", "corrected" or "withdrawn" for an original event; *fix is
 * its latest correction, if any. */
static genop_err event_state(const genop_list *events, const genop_event_row *row,
                             const genop_event_row **fix, const char **state, genop_error *e)
{
    *fix = case_view_correction_of(events->items, events->n, row->id);
    *state = "current";
    if (!*fix)
        return GENOP_OK;
    genop_buf replacement = {0};
    genop_err err = current_body(events, row, &replacement, e);
    *state = replacement.len && strcmp(replacement.data, "null") != 0 ? "corrected"
                                                                       : "withdrawn";
    genop_buf_release(&replacement);
    return err;
}

/* The members of a stored body the answer takes: all but those it writes
 * from the row itself. */
static bool body_member_wanted(const char *key, size_t n, void *unused)
{
    static const char *const own[] = {"id", "type", "date", "author", "registered_at",
                                      "corrects", "state", "corrected_by"};
    (void)unused;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strlen(own[i]) == n && memcmp(own[i], key, n) == 0)
            return false;
    return true;
}

static genop_err write_event(genop_buf *b, const genop_list *events, const genop_event_row *row,
                             genop_error *e)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)row->id);
    json_write_key(b, &f, "type");
    genop_buf_add_json_string(b, row->type);
    json_write_key(b, &f, "date");
    json_write_date(b, true, row->date);
    bool need_comma = !f;
    genop_err err = json_members_copy(row->body, strlen(row->body), body_member_wanted, NULL,
                                      &need_comma, b, e);
    f = !need_comma;
    json_write_key(b, &f, "author");
    genop_buf_add_json_string(b, row->author);
    json_write_key(b, &f, "registered_at");
    genop_buf_add_json_string(b, row->registered_at);
    json_write_key(b, &f, "corrects");
    json_write_long_or_null(b, row->corrects != 0, (long)row->corrects);
    if (!err && !case_view_is_journal(row->type)) {
        const genop_event_row *fix;
        const char *state;
        err = event_state(events, row, &fix, &state, e);
        json_write_key(b, &f, "state");
        genop_buf_add_json_string(b, state);
        json_write_key(b, &f, "corrected_by");
        json_write_long_or_null(b, fix != NULL, fix ? (long)fix->id : 0);
    }
    genop_buf_add(b, "}", 1);
    if (err)
        genop_error_prefix(e, "hændelse %ld", (long)row->id);
    return err;
}

static genop_err write_events(genop_buf *b, const genop_list *events, genop_error *e)
{
    const genop_event_row *rows = events->items;
    genop_err err = GENOP_OK;
    genop_buf_add(b, "[", 1);
    for (size_t i = 0; !err && i < events->n; i++) {
        if (i)
            genop_buf_add(b, ",", 1);
        err = write_event(b, events, &rows[i], e);
    }
    genop_buf_add(b, "]", 1);
    return err;
}

/* The whole answer into b. */
static genop_err write_answer(genop_buf *b, api_ctx *c, const case_view_loaded *lc,
                              const genop_result *r, genop_error *e)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)lc->row.id);
    json_write_key(b, &f, "citizen");
    write_citizen(b, &lc->cit, c->user.role, c->today);
    json_write_key(b, &f, "case");
    genop_err err = write_case(b, lc, e);
    json_write_key(b, &f, "events");
    if (!err)
        err = write_events(b, &lc->events, e);
    json_write_key(b, &f, "evaluation");
    genop_result_write_json(r, &lc->view, b);
    genop_buf_add(b, "}", 1);
    return err;
}

/* Loads the case in one read transaction. */
static genop_err load_case(api_ctx *c, case_view_loaded *lc, genop_error *e)
{
    genop_err err = genop_store_begin_read(c->store, e);
    if (err)
        return err;
    err = case_view_load(c->store, c->user.municipality, c->id, c->std, lc, e);
    genop_store_rollback(c->store);       /* nothing was written */
    return err;
}

static void answer(api_ctx *c, const case_view_loaded *lc, const genop_result *r,
                   http_reply *out)
{
    genop_buf b = {0};
    genop_error e;
    if (write_answer(&b, c, lc, r, &e)) {
        genop_buf_release(&b);
        problem_internal(out, "læs sag", &e);
        return;
    }
    http_reply_text(out, 200, &b);
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
    genop_err err = load_case(c, &lc, &e);
    if (err == GENOP_ENOTFOUND)
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Sagen findes ikke.", NULL);
    else if (err)
        problem_internal(out, "læs sag", &e);
    else if (genop_evaluate(&lc.view, c->std, has_as_of ? as_of : c->today, &r, &e))
        problem_setf(out, 400, PROBLEM_BAD_REQUEST, "as_of",
                     "Sagen kan ikke vurderes pr. den dato: %s", e.message);
    else if (audit_read(c->app->reads, &c->user, lc.cit.id, lc.row.id, AUDIT_CASE_READ,
                        AUDIT_PURPOSE_CASEWORK, &e))
        problem_internal(out, "adgangslog", &e);
    else
        answer(c, &lc, &r, out);
    case_view_release(&lc);
}
