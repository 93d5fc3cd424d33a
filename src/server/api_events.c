/*
 * api_events.c - POST /api/v1/cases/{id}/events: registering what happened
 * in a case. The body is one event (src/casework/event_input.h says which
 * and how they are read); the domain layer judges and stores it
 * (event_append.h). Answer: 201 {"id": event id, "case": case id}; what
 * cannot have happened is 422 invalid-event with the field at fault, a
 * malformed event 422 invalid-input, a type the role may not register
 * 403 (checked before the event's fields), another municipality's case
 * 404.
 *
 * ?dry_run=true judges the event the same way and stores nothing
 * (event_preview.h): 200 {"dry_run": true, "case": id, "exceeds": [...]},
 * the limits (each as the evaluation lists it) that the event would take
 * the case past; the same refusals as a registration.
 */
#include "api.h"
#include "event_append.h"
#include "event_preview.h"
#include "event_input.h"
#include "json_input.h"
#include "json_util.h"
#include "input.h"
#include "json_write.h"
#include "problem.h"
#include "result_json.h"

/* The type, known and permitted, before the rest of the body is read. */
static genop_err check_type(api_ctx *c, genop_error *e)
{
    const char *type;
    genop_err err = in_text(c->body, "$", "type", IN_REQUIRED | IN_ONE_LINE, 64, &type, e);
    if (err)
        return err;
    if (!casework_event_type_known(type))
        return genop_refuse(e, GENOP_EINVAL, "$.type", "$.type: ukendt hændelsestype '%.40s'",
                            type);
    return casework_event_permitted(&c->user, type, e);
}

/* The dry run's answer: the limits the event would exceed. */
static void preview_answer(api_ctx *c, const casework_preview *p, http_reply *out)
{
    genop_buf b = {0};
    bool f = true;
    genop_buf_add(&b, "{", 1);
    json_write_key(&b, &f, "dry_run");
    genop_buf_adds(&b, "true");
    json_write_key(&b, &f, "case");
    genop_buf_add_long(&b, (long)c->id);
    json_write_key(&b, &f, "exceeds");
    genop_buf_add(&b, "[", 1);
    for (size_t i = 0; i < p->n_exceeds; i++) {
        if (i)
            genop_buf_add(&b, ",", 1);
        genop_limit_write_json(&p->after.limits[p->exceeds[i]], &b);
    }
    genop_buf_adds(&b, "]}");
    http_reply_text(out, 200, &b);
}

void api_events_append(api_ctx *c, http_reply *out)
{
    casework_event ev = {0};
    int64_t id = 0;
    int dry_run;
    casework_preview preview;
    genop_error e;
    if (!q_bool(c->rq, "dry_run", &dry_run, out))
        return;
    genop_err err = check_type(c, &e);
    if (!err && (err = casework_event_read(c->body, &ev, &e)) == GENOP_EINVAL)
        err = casework_event_unreadable(&c->env, &c->user, c->id, &e);   /* 404 first */
    if (!err && dry_run == 1)
        err = casework_event_preview(&c->env, &c->user, c->id, &ev, &preview, &e);
    else if (!err)
        err = casework_event_append(&c->env, &c->user, c->id, &ev, &id, &e);
    casework_event_release(&ev);
    if (!err && dry_run == 1) {
        preview_answer(c, &preview, out);
        return;
    }
    if (err) {
        problem_from_refusal(out, "registrér hændelse", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "id", json_integer(id));
    jset(o, "case", json_integer(c->id));
    http_reply_json(out, 201, o);
}
