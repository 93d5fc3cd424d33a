/*
 * case_answer.c - the parts of a case read's answer that follow from the
 * case's events alone, made from the stored events and kept with the case
 * (see case_answer.h).
 *
 * The corrected view is kept in its own explicit, versioned form
 * (src/core/case_pack.h: 16 bytes an event and its condition, every enum
 * by the format's own code), with the format's number in view_format. A kept answer of another format - format 1 kept the raw
 * bytes of struct genop_event, whose meaning changed with any change of
 * the struct or its enums - is not current: the case is read from its
 * events, and its next event keeps an answer of this format.
 *
 * The JSON parts have a version of their own: view_format holds
 * CASE_ANSWER_FORMAT (case_answer.h), the JSON parts' version and the
 * view's format in one number.
 */
#include "case_answer.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case_pack.h"
#include "closure_reason.h"
#include "json_members.h"
#include "json_write.h"

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

/* genop's own reasons for ending a case without a course
 * (closure_reasons.h), each with whether it applies to view now. */
static void write_end_reasons(genop_buf *b, const genop_case *view)
{
    genop_buf_add(b, "[", 1);
    for (size_t i = 0; i < GENOP_CASE_END_COUNT; i++) {
        const genop_case_end_reason *r = genop_case_end_reason_of((genop_case_end)i);
        const char *const texts[][2] = {{"id", r->id}, {"label", r->label}, {"detail", r->detail}};
        bool f = true;
        genop_buf_adds(b, i ? ",{" : "{");
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            json_write_key(b, &f, texts[k][0]);
            genop_buf_add_json_string(b, texts[k][1]);
        }
        json_write_key(b, &f, "applies");
        genop_buf_adds(b, casework_case_end_refusal(view, (genop_case_end)i, INT32_MAX)
                              ? "false" : "true");
        genop_buf_add(b, "}", 1);
    }
    genop_buf_add(b, "]", 1);
}

genop_err case_answer_write_case(genop_buf *b, const case_view_loaded *lc, genop_error *e)
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
    json_write_key(b, &f, "end_reasons");
    write_end_reasons(b, &lc->view);
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
    static const char *const own[] = {"id", "number", "type", "date", "author",
                                      "registered_at", "corrects", "state", "corrected_by"};
    (void)unused;
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strlen(own[i]) == n && memcmp(own[i], key, n) == 0)
            return false;
    return true;
}

/* The event row, the number-th of its case (from 1, in the order of
 * registration), as the answer has it. */
static genop_err write_event(genop_buf *b, const genop_list *events, const genop_event_row *row,
                             size_t number, genop_error *e)
{
    bool f = true;
    genop_buf_add(b, "{", 1);
    json_write_key(b, &f, "id");
    genop_buf_add_long(b, (long)row->id);
    json_write_key(b, &f, "number");
    genop_buf_add_long(b, (long)number);
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

genop_err case_answer_write_events(genop_buf *b, const genop_list *events, genop_error *e)
{
    const genop_event_row *rows = events->items;
    genop_err err = GENOP_OK;
    genop_buf_add(b, "[", 1);
    for (size_t i = 0; !err && i < events->n; i++) {
        if (i)
            genop_buf_add(b, ",", 1);
        err = write_event(b, events, &rows[i], i + 1, e);
    }
    genop_buf_add(b, "]", 1);
    return err;
}

/* The id of the newest stored event (they are in registration order). */
static int64_t newest_event(const genop_list *events)
{
    const genop_event_row *rows = events->items;
    return events->n ? rows[events->n - 1].id : 0;
}

genop_err case_answer_keep_loaded(genop_store *s, const case_view_loaded *lc, genop_error *e)
{
    genop_buf case_json = {0}, events_json = {0}, view = {0};
    genop_err err = case_answer_write_case(&case_json, lc, e);
    if (!err)
        err = case_answer_write_events(&events_json, &lc->events, e);
    genop_case_pack(&lc->view, &view);
    if (!err && (genop_buf_failed(&case_json) || genop_buf_failed(&events_json) ||
                 genop_buf_failed(&view)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens svar");
    if (!err) {
        genop_case_answer a = {
            .last_event_id = newest_event(&lc->events),
            .view_format = CASE_ANSWER_FORMAT,
            .view = view.data,
            .view_len = view.len,
            .case_json = case_json.data,
            .events_json = events_json.data,
        };
        err = genop_store_case_answer_set(s, lc->row.municipality, lc->row.id, &a, e);
    }
    genop_buf_release(&case_json);
    genop_buf_release(&events_json);
    genop_buf_release(&view);
    return err;
}

genop_err case_answer_store(genop_store *s, const char *muni, int64_t case_id,
                            const genop_standard *std, genop_error *e)
{
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    genop_err err = case_view_load(s, muni, case_id, std, &lc, e);
    if (!err)
        err = case_answer_keep_loaded(s, &lc, e);
    case_view_release(&lc);
    if (err)
        genop_error_prefix(e, "sagens svar");
    return err;
}

genop_err case_answer_keep(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                           const genop_list *events, const genop_event_row *added,
                           const genop_standard *std, genop_error *e)
{
    size_t n = events->n + 1;
    genop_event_row *rows = malloc(n * sizeof *rows);
    if (!rows)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens svar");
    if (events->n)
        memcpy(rows, events->items, events->n * sizeof *rows);   /* bodies borrowed */
    rows[n - 1] = *added;
    case_view_loaded lc = {.row = *row, .cit = *cit, .events = {rows, n}};
    genop_err err = case_view_build(rows, n, 0, cit, std, &lc.view, e);
    if (!err)
        err = genop_case_check(&lc.view, e);
    if (!err)
        err = case_answer_keep_loaded(s, &lc, e);
    genop_case_release(&lc.view);
    free(rows);
    if (err)
        genop_error_prefix(e, "sagens svar");
    return err;
}

genop_err case_answer_load(genop_store *s, const char *muni, int64_t case_id,
                           const genop_citizen *cit, const genop_standard *std,
                           genop_case_answer *a, genop_case *view, genop_error *e)
{
    genop_err err = genop_store_case_answer_get(s, muni, case_id, a, e);
    if (err)
        return err;
    if (a->newest_event_id != a->last_event_id || a->view_format != CASE_ANSWER_FORMAT) {
        genop_case_answer_release(a);
        return genop_fail(e, GENOP_ENOTFOUND, "sagens gemte svar er forældet");
    }
    case_view_init(view, cit, std);
    if (genop_case_unpack(a->view, a->view_len, view, e)) {
        genop_case_answer_release(a);           /* read from the events instead */
        return genop_fail(e, GENOP_ENOTFOUND, "sagens gemte svar kan ikke læses");
    }
    return GENOP_OK;
}
