/*
 * api_outbox.c - sending letters and the print queue (shared/spec/
 * letters.md section 2; docs/letters.md "Sending"; the domain layer's
 * outbox.h does the work):
 *
 *   POST /api/v1/letters/{id}/send         -> 202 {"letter", "status",
 *        "channel", "sent", "sent_by", "received", "decision_received",
 *        "message_id", "spool_file"}
 *   GET  /api/v1/print-queue               -> 200 {"items": [{"letter", "kind",
 *        "case", "citizen": {"id", "name"}, "created", "queued", "queued_by",
 *        "received"}], "letters": [ID, ...]}
 *   GET  /api/v1/print-queue.pdf[?letters=ID,ID,...]  -> 200 application/pdf:
 *        the letters named (all queued), or the whole queue, for the printer
 *   POST /api/v1/print-queue/printed       {"letters": [ID, ...]}
 *        -> 200 {"printed": [ID, ...]}
 *
 * Refusals: a letter of no one's or another municipality's 404; sent
 * already, or marked printed already or not queued 409; Digital Post not
 * set up (no sender CVR number, no spool) 422; a malformed body or query
 * 422/400; a role that may not 403 (the router's).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "decimal.h"
#include "json_util.h"
#include "outbox.h"
#include "problem.h"

void api_letter_send(api_ctx *c, http_reply *out)
{
    casework_sent sent;
    genop_error e;
    genop_err err = casework_letter_send(&c->env, &c->app->outbox, &c->user, c->id, &sent, &e);
    if (err) {
        problem_from_refusal(out, "send brev", &e);
        return;
    }
    const genop_dispatch_row *d = &sent.d;
    bool digital = strcmp(d->channel, "digital_post") == 0;
    json_t *o = json_object();
    jset(o, "letter", json_integer(d->letter_id));
    jset(o, "status", jstr(digital ? "sent" : "queued"));
    jset(o, "channel", jstr(d->channel));
    jset(o, "sent", jstr(d->sent));
    jset(o, "sent_by", jstr(d->sent_by));
    jset(o, "received", jdate(true, sent.received));
    jset(o, "decision_received", jid(sent.received_event));
    jset(o, "message_id", digital ? jstr(d->memo_uuid) : json_null());
    jset(o, "spool_file", digital ? jstr(d->spool_file) : json_null());
    http_reply_json(out, 202, o);
}

static json_t *item_json(const genop_print_item *p)
{
    json_t *o = json_object(), *cit = json_object();
    jset(cit, "id", json_integer(p->citizen_id));
    jset(cit, "name", jstr(p->citizen_name));
    jset(o, "letter", json_integer(p->d.letter_id));
    jset(o, "kind", jstr(p->kind));
    jset(o, "case", json_integer(p->case_id));
    jset(o, "citizen", cit);
    jset(o, "created", jstr(p->created));
    jset(o, "queued", jstr(p->d.sent));
    jset(o, "queued_by", jstr(p->d.sent_by));
    jset(o, "received", jdate(true, p->d.received));
    return o;
}

void api_print_queue_get(api_ctx *c, http_reply *out)
{
    genop_list q = {0};
    genop_error e;
    genop_err err = casework_print_queue(&c->env, &c->user, &q, &e);
    if (err) {
        problem_from_refusal(out, "udskriftskø", &e);
        return;
    }
    json_t *items = json_array(), *ids = json_array();
    const genop_print_item *p = q.items;
    for (size_t i = 0; i < q.n; i++) {
        json_array_append_new(items, item_json(&p[i]));
        json_array_append_new(ids, json_integer(p[i].d.letter_id));
    }
    genop_store_free_list(&q);
    json_t *o = json_object();
    jset(o, "items", items);
    jset(o, "letters", ids);
    http_reply_json(out, 200, o);
}

/* The ids of "letters=1,2,3" into ids (room for OUTBOX_PRINT_MAX), *n
 * of them (0: the argument is absent); false (and answered 400) if it is
 * malformed. */
static bool query_ids(api_ctx *c, int64_t *ids, size_t *n, http_reply *out)
{
    const char *v = http_request_query(c->rq, "letters");
    *n = 0;
    while (v && *v) {
        size_t len = strcspn(v, ",");
        int64_t id;
        if (*n == OUTBOX_PRINT_MAX || len == 0 || v[0] == '0' ||
            !genop_decimal_parse(v, len, &id) || id <= 0) {
            problem_setf(out, 400, PROBLEM_INVALID_INPUT, "letters",
                         "letters skal være brevenes id'er adskilt af komma, højst %d, "
                         "fx letters=12,15.", OUTBOX_PRINT_MAX);
            return false;
        }
        ids[(*n)++] = id;
        v += len + (v[len] == ',');
    }
    return true;
}

void api_print_queue_pdf(api_ctx *c, http_reply *out)
{
    int64_t *ids = calloc(OUTBOX_PRINT_MAX, sizeof *ids);
    int64_t *held = calloc(OUTBOX_PRINT_MAX, sizeof *held);
    size_t n = 0, n_held = 0;
    genop_buf pdf = {0};
    genop_error e;
    if (!ids || !held) {
        genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
        problem_internal(out, "udskrift", &e);
    } else if (query_ids(c, ids, &n, out)) {
        genop_err err = casework_print_pdf(&c->env, &c->user, ids, n, &pdf, held, &n_held, &e);
        if (err)
            problem_from_refusal(out, "udskrift", &e);
        else
            http_reply_bytes(out, 200, "application/pdf",
                             "inline; filename=\"breve-til-udskrift.pdf\"", &pdf);
    }
    genop_buf_release(&pdf);
    free(ids);
    free(held);
}

/* The body's "letters" into ids (room for OUTBOX_PRINT_MAX), *n of them. */
static genop_err body_ids(const json_t *body, int64_t *ids, size_t *n, genop_error *e)
{
    const json_t *a = json_object_get(body, "letters");
    *n = 0;
    if (!json_is_array(a))
        return genop_refuse(e, GENOP_EINVAL, "$.letters",
                            "letters skal være en liste af brevenes id'er.");
    if (json_array_size(a) > OUTBOX_PRINT_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.letters", "Højst %d breve ad gangen.",
                            OUTBOX_PRINT_MAX);
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return genop_refuse(e, GENOP_EINVAL, "$.letters",
                                "letters[%zu] skal være et brevs id (et positivt heltal).", i);
        ids[(*n)++] = json_integer_value(v);
    }
    return GENOP_OK;
}

void api_print_queue_printed(api_ctx *c, http_reply *out)
{
    int64_t *ids = calloc(OUTBOX_PRINT_MAX, sizeof *ids);
    size_t n = 0;
    genop_error e;
    genop_err err = ids ? body_ids(c->body, ids, &n, &e)
                        : genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse");
    if (!err)
        err = casework_print_done(&c->env, &c->user, ids, n, &e);
    if (err) {
        problem_from_refusal(out, "registrér udskrevne breve", &e);
    } else {
        json_t *printed = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(printed, json_integer(ids[i]));
        json_t *o = json_object();
        jset(o, "printed", printed);
        http_reply_json(out, 200, o);
    }
    free(ids);
}
