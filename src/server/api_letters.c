/*
 * api_letters.c - the letters of a case (shared/spec/letters.md section
 * 2; docs/letters.md; the domain layer's letters.h does the work):
 *
 *   POST /api/v1/cases/{id}/letters          {"kind", "text"?, "partial"?}
 *        -> 201 {"id", "kind", "case", "created", "status", "sha256"}, Location
 *   GET  /api/v1/cases/{id}/letters          -> 200 {"items": [{"id", "kind",
 *        "created", "status", "event", "created_by", "sha256"}]}
 *   POST /api/v1/cases/{id}/letters/preview  the same body -> 200
 *        application/pdf: the letter as it would be made, nothing kept
 *   GET  /api/v1/letters/{id}.pdf            -> 200 application/pdf
 *   GET  /api/v1/cases/{id}/appeal-bundle.pdf -> 200 application/pdf: the
 *        case's documents for Ankestyrelsen (appeal_bundle.h)
 *
 * Refusals: an unknown kind or a malformed member 422 invalid-input with
 * the field; a kind the case has no event for, a partial grant without
 * text, a complaint not upheld in full without text 422 invalid-event;
 * another municipality's case or letter 404; a role that may not 403
 * (the router's). POST /api/v1/letters/{id}/send (the outbox) is not
 * here yet.
 */
#include <inttypes.h>
#include <stdio.h>

#include "api.h"
#include "appeal_bundle.h"
#include "json_input.h"
#include "json_util.h"
#include "letter_compose.h"
#include "letters.h"
#include "problem.h"

/* The body's kind, text and partial into *in (borrowed from the body). */
static genop_err read_input(const json_t *body, casework_letter_input *in, genop_error *e)
{
    bool has_partial = false;
    genop_err err = in_text(body, "$", "kind", IN_REQUIRED | IN_ONE_LINE, 40, &in->kind, e);
    if (!err)
        err = in_text(body, "$", "text", 0, LETTER_TEXT_MAX, &in->text, e);
    if (!err)
        err = in_bool(body, "$", "partial", 0, &has_partial, &in->partial, e);
    if (!has_partial)
        in->partial = false;
    return err;
}

static json_t *letter_json(const genop_letter_row *l)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(l->id));
    jset(o, "kind", jstr(l->kind));
    jset(o, "created", jstr(l->created));
    jset(o, "status", jstr(l->status));
    jset(o, "case", json_integer(l->case_id));
    jset(o, "event", jid(l->event_id));
    jset(o, "created_by", jstr(l->created_by));
    jset(o, "sha256", jstr(l->sha256));
    return o;
}

void api_letters_make(api_ctx *c, http_reply *out)
{
    casework_letter_input in = {0};
    int64_t id = 0;
    genop_error e;
    genop_err err = read_input(c->body, &in, &e);
    if (!err)
        err = casework_letter_make(&c->env, &c->user, c->id, &in, &id, &e);
    if (err) {
        problem_from_refusal(out, "lav brev", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "id", json_integer(id));
    jset(o, "kind", jstr(in.kind));
    jset(o, "case", json_integer(c->id));
    http_reply_json(out, 201, o);
    snprintf(out->location, sizeof out->location, "/api/v1/letters/%" PRId64 ".pdf", id);
}

void api_letters_list(api_ctx *c, http_reply *out)
{
    genop_list list = {0};
    genop_error e;
    genop_err err = casework_letters_list(&c->env, &c->user, c->id, &list, &e);
    if (err) {
        problem_from_refusal(out, "list breve", &e);
        return;
    }
    json_t *items = json_array();
    const genop_letter_row *l = list.items;
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(items, letter_json(&l[i]));
    genop_store_free_list(&list);
    json_t *o = json_object();
    jset(o, "items", items);
    http_reply_json(out, 200, o);
}

void api_letters_preview(api_ctx *c, http_reply *out)
{
    casework_letter_input in = {0};
    genop_buf pdf = {0};
    genop_error e;
    genop_err err = read_input(c->body, &in, &e);
    if (!err)
        err = casework_letter_preview(&c->env, &c->user, c->id, &in, &pdf, &e);
    if (err) {
        genop_buf_release(&pdf);
        problem_from_refusal(out, "vis brev", &e);
        return;
    }
    http_reply_bytes(out, 200, "application/pdf", "inline; filename=\"udkast.pdf\"", &pdf);
}

void api_letter_pdf(api_ctx *c, http_reply *out)
{
    genop_letter_row l;
    genop_error e;
    genop_err err = casework_letter_read(&c->env, &c->user, c->id, &l, &e);
    if (err) {
        problem_from_refusal(out, "læs brev", &e);
        return;
    }
    char disposition[64];
    snprintf(disposition, sizeof disposition, "inline; filename=\"brev-%" PRId64 ".pdf\"", l.id);
    genop_buf pdf = {.data = (char *)l.pdf, .len = l.pdf_len, .cap = l.pdf_len};
    l.pdf = NULL;
    genop_store_letter_release(&l);
    http_reply_bytes(out, 200, "application/pdf", disposition, &pdf);
}

void api_appeal_bundle_pdf(api_ctx *c, http_reply *out)
{
    genop_buf pdf = {0};
    genop_error e;
    if (casework_appeal_bundle_pdf(&c->env, &c->user, c->id, &pdf, &e)) {
        genop_buf_release(&pdf);
        problem_from_refusal(out, "sagens akter", &e);
        return;
    }
    char disposition[80];
    snprintf(disposition, sizeof disposition, "inline; filename=\"sag-%" PRId64 "-akter.pdf\"",
             c->id);
    http_reply_bytes(out, 200, "application/pdf", disposition, &pdf);
}
