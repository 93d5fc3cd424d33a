/*
 * api_events.c - POST /api/v1/cases/{id}/events: registering what happened
 * in a case.
 *
 * The body is one event: a type of shared/spec/evaluate.md or genop's
 * function_status (read by genop_event_from_json), or one of the API's
 * journal types:
 *   {"type": "note", "date", "text"}                     free text, no effect
 *   {"type": "correction", "date", "corrects": ID,       replaces event ID's
 *    "event": {...} | null, "reason"}                    content, or withdraws it
 *   {"type": "function_status", "date",                  the citizen's FSIII
 *    "phase": "start" | "end",                           function levels and
 *    "levels": [{"code", "level"}],                      own goals at the start
 *    "goals": [{"text", "reached"?}]}                    or end of the course
 * Any event may carry a free-text "text". Only the fields of the type are
 * stored (plus "text"), so the record holds what the rules read (and, for
 * a function status, its levels and goals, which the case page shows).
 *
 * What cannot have happened is refused with 422 (genop_event_admissible in
 * src/core/case_rules.c against the case's corrected view; a correction's
 * new event against the view without the event it corrects, and the case
 * must keep its one referral and sound function statuses). The answer's
 * `field` names the field at fault whenever one is ("$.date",
 * "$.levels[2].level", "$.event.date" in a correction). The role decides
 * which types one may register (roles.h); a correction needs the right to
 * both the corrected event's type and the new one's.
 *
 * Everything happens in one transaction that starts before the case is
 * read, so two registrations on one case cannot both pass a check that
 * only one of them would: the event, the case's recomputed projection and
 * the access-log row. That transaction is shared: the registration runs as
 * a job of the app's durable commit queue (commit_queue.h), in a savepoint
 * of a transaction with the registrations that arrived at the same moment,
 * and is answered once that transaction is on disk - one disk flush for
 * them all instead of one each. A registration sees those before it in
 * the batch, as it would if each committed alone. Answer: 201 {"id": event
 * id, "case": case id}.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "case_answer.h"
#include "case_rules.h"
#include "case_tree.h"
#include "case_view.h"
#include "input.h"
#include "input_limits.h"
#include "json_util.h"
#include "problem.h"
#include "projection.h"
#include "roles.h"

/* What a checked registration will store, and the view it leads to. */
typedef struct pending {
    json_t *stored;          /* owned: the body to store */
    genop_date date;
    int64_t corrects;        /* 0 unless a correction */
    genop_case next;         /* owned: the corrected view with the event */
} pending;

/* The fields each spec type stores besides type, date and text. */
static const char *const type_fields[GENOP_EV_COUNT][4] = {
    [GENOP_EV_REFERRAL_RECEIVED] = {"paragraph", "condition", "source", "consent"},
    [GENOP_EV_DECISION] = {"granted"},
    [GENOP_EV_SESSION] = {"minutes", "outcome", "kind"},
    [GENOP_EV_CLOSED] = {"reason"},
    [GENOP_EV_COMPLAINT_DECIDED] = {"upheld"},
    [GENOP_EV_PREVIOUS_COURSE] = {"condition"},
    [GENOP_EV_FUNCTION_STATUS] = {"phase"},     /* and its lists: status_lists() */
};

/* The members kept of each item of a function status's lists. */
static const char *const level_item_keys[] = {"code", "level", NULL};
static const char *const goal_item_keys[] = {"text", "reached", NULL};

static bool known_type(const char *type)
{
    genop_event_type t;
    return genop_event_type_from_name(type, &t) || case_view_is_journal(type);
}

static void forbidden_type(api_ctx *c, const char *type, http_reply *out)
{
    problem_setf(out, 403, PROBLEM_FORBIDDEN, NULL,
                 "Din rolle (%s) kan ikke registrere hændelser af typen %s.",
                 genop_role_name(c->user.role), type);
}

/* A checked list of objects, each with only the members `keys`. */
static json_t *normalized_items(const json_t *list, const char *const *keys)
{
    json_t *arr = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        json_t *o = json_object();
        for (const char *const *k = keys; *k; k++) {
            json_t *v = json_object_get(item, *k);
            if (v && !json_is_null(v))
                jset(o, *k, json_deep_copy(v));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

/* A function status's levels and goals (the reader checked both), into o. */
static void status_lists(json_t *o, const json_t *obj)
{
    const json_t *goals = json_object_get(obj, "goals");
    jset(o, "levels", normalized_items(json_object_get(obj, "levels"), level_item_keys));
    jset(o, "goals", json_is_array(goals) ? normalized_items(goals, goal_item_keys)
                                          : json_array());
}

/* The stored form of a checked spec event: only the fields of its type. */
static json_t *normalized(const json_t *obj, genop_event_type t)
{
    static const char *const common[] = {"type", "date", "text"};
    json_t *o = json_object();
    for (size_t i = 0; i < 3; i++)
        if (json_object_get(obj, common[i]))
            jset(o, common[i], json_deep_copy(json_object_get(obj, common[i])));
    for (size_t i = 0; i < 4 && type_fields[t][i]; i++) {
        json_t *v = json_object_get(obj, type_fields[t][i]);
        if (v && !json_is_null(v))
            jset(o, type_fields[t][i], json_deep_copy(v));
    }
    if (t == GENOP_EV_FUNCTION_STATUS)
        status_lists(o, obj);
    return o;
}

/* A function status's goals as people typed them: one line each, not
 * blank (the core reader has checked the rest). */
static bool read_goal_texts(const json_t *obj, const char *path, http_reply *out)
{
    const json_t *goals = json_object_get(obj, "goals");
    size_t i;
    json_t *goal;
    const char *s;
    json_array_foreach(goals, i, goal) {
        char at[96];
        snprintf(at, sizeof at, "%s.goals[%zu]", path, i);
        if (!in_text(goal, at, "text", IN_REQUIRED | IN_ONE_LINE, GENOP_GOAL_TEXT_MAX, &s, out))
            return false;
    }
    return true;
}

/* Reads a spec event at path and the extra fields the API keeps with it. */
static bool read_spec_event(const json_t *obj, const char *path, genop_event *ev,
                            http_reply *out)
{
    genop_error e;
    const char *s;
    bool present, b;
    if (genop_event_from_json(obj, path, ev, &e)) {
        problem_from_error(out, 422, PROBLEM_INVALID_INPUT, &e);
        return false;
    }
    if (!in_text(obj, path, "text", 0, GENOP_EVENT_TEXT_MAX, &s, out))
        return false;
    if (ev->type == GENOP_EV_CLOSED)
        return in_text(obj, path, "reason", IN_REQUIRED, GENOP_REASON_TEXT_MAX, &s, out);
    if (ev->type == GENOP_EV_REFERRAL_RECEIVED)
        return in_text(obj, path, "source", IN_ONE_LINE, GENOP_TEXT_SMALL_MAX - 1, &s, out) &&
               in_bool(obj, path, "consent", 0, &present, &b, out);
    if (ev->type == GENOP_EV_FUNCTION_STATUS)
        return read_goal_texts(obj, path, out);
    return true;
}

/* A refusal by the rules (case_rules.h), whose reason starts with the
 * path of the event's field at fault ("$.date: ..."). `at` is where the
 * event is in the body: "$", or "$.event" for a correction's new event.
 * The answer's field is the path in the body ("$.event.date"). */
static bool refuse(const char *at, const genop_error *e, http_reply *out)
{
    const char *m = e->message;
    size_t n = m[0] == '$' ? strcspn(m, " :") : 0;
    if (n == 0 || m[n] != ':' || n > 64) {
        problem_setf(out, 422, PROBLEM_INVALID_EVENT, strcmp(at, "$") ? at : NULL, "%s", m);
        return false;
    }
    char field[160];
    snprintf(field, sizeof field, "%s%.*s", at, (int)(n - 1), m + 1);
    problem_setf(out, 422, PROBLEM_INVALID_EVENT, field, "%s%s", field, m + n);
    return false;
}

static bool not_in_future(api_ctx *c, genop_date date, http_reply *out)
{
    char d[GENOP_DATE_STR_SIZE];
    if (date <= c->today)
        return true;
    problem_setf(out, 422, PROBLEM_INVALID_EVENT, "$.date",
                 "$.date: hændelsen er dateret %s, som ligger i fremtiden",
                 genop_date_format(date, d));
    return false;
}

static bool check_note(api_ctx *c, case_view_loaded *lc, pending *p, http_reply *out)
{
    const char *text;
    bool has_date;
    if (!in_date(c->body, "$", "date", IN_REQUIRED, &has_date, &p->date, out) ||
        !in_text(c->body, "$", "text", IN_REQUIRED, GENOP_EVENT_TEXT_MAX, &text, out) ||
        !not_in_future(c, p->date, out))
        return false;
    p->stored = json_object();
    jset(p->stored, "type", json_string(CASE_VIEW_NOTE));
    jset(p->stored, "date", json_deep_copy(json_object_get(c->body, "date")));
    jset(p->stored, "text", jstr(text));
    p->next = lc->view;                    /* a note changes nothing */
    memset(&lc->view, 0, sizeof lc->view);
    return true;
}

static bool check_spec(api_ctx *c, case_view_loaded *lc, pending *p, http_reply *out)
{
    genop_event ev;
    genop_error e;
    if (!read_spec_event(c->body, "$", &ev, out))
        return false;
    if (genop_event_admissible(&lc->view, &ev, c->today, &e))
        return refuse("$", &e, out);
    if (genop_case_add(&lc->view, &ev, &e)) {
        problem_from_error(out, 422, PROBLEM_INVALID_EVENT, &e);
        return false;
    }
    genop_case_sort(&lc->view);
    p->date = ev.date;
    p->stored = normalized(c->body, ev.type);
    p->next = lc->view;
    memset(&lc->view, 0, sizeof lc->view);
    return true;
}

/* The stored event a correction points at, checked. */
static const genop_event_row *correction_target(api_ctx *c, const case_view_loaded *lc,
                                                int64_t id, http_reply *out)
{
    const genop_event_row *rows = lc->events.items;
    for (size_t i = 0; i < lc->events.n; i++) {
        if (rows[i].id != id)
            continue;
        if (case_view_is_journal(rows[i].type)) {
            problem_set(out, 422, PROBLEM_INVALID_EVENT,
                        "$.corrects: en note eller en rettelse kan ikke rettes; registrér en ny",
                        "$.corrects");
            return NULL;
        }
        if (!roles_may_append(c->user.role, rows[i].type)) {
            forbidden_type(c, rows[i].type, out);
            return NULL;
        }
        return &rows[i];
    }
    problem_setf(out, 422, PROBLEM_INVALID_EVENT, "$.corrects",
                 "$.corrects: hændelse %" PRId64 " findes ikke på sagen", id);
    return NULL;
}

/* Adds the correction's new event (if any) to the view without the old. */
static bool apply_replacement(api_ctx *c, const json_t *repl, pending *p, http_reply *out)
{
    genop_event ev;
    genop_error e;
    if (!repl)
        return true;
    if (!read_spec_event(repl, "$.event", &ev, out))
        return false;
    if (!roles_may_append(c->user.role, genop_event_type_name(ev.type))) {
        forbidden_type(c, genop_event_type_name(ev.type), out);
        return false;
    }
    if (genop_event_admissible(&p->next, &ev, c->today, &e))
        return refuse("$.event", &e, out);
    if (genop_case_add(&p->next, &ev, &e)) {
        problem_from_error(out, 422, PROBLEM_INVALID_EVENT, &e);
        return false;
    }
    genop_case_sort(&p->next);
    return true;
}

/* The "event" member: an object, or null to withdraw. */
static bool read_replacement(const json_t *body, json_t **repl, http_reply *out)
{
    json_t *v = json_object_get(body, "event");
    *repl = NULL;
    if (!v) {
        problem_set(out, 422, PROBLEM_INVALID_INPUT,
                    "$.event mangler: den rettede hændelse, eller null for at trække den tilbage",
                    "$.event");
        return false;
    }
    if (json_is_null(v))
        return true;
    if (!json_is_object(v)) {
        problem_set(out, 422, PROBLEM_INVALID_INPUT, "$.event skal være et objekt eller null",
                    "$.event");
        return false;
    }
    *repl = v;
    return true;
}

/* The stored form of a checked correction (repl NULL: a withdrawal). */
static json_t *correction_body(const json_t *body, int64_t corrects, const json_t *repl,
                               const char *reason)
{
    genop_event_type t = GENOP_EV_CONTACTED;
    if (repl)
        genop_event_type_from_name(json_string_value(json_object_get(repl, "type")), &t);
    json_t *o = json_object();
    jset(o, "type", json_string(CASE_VIEW_CORRECTION));
    jset(o, "date", json_deep_copy(json_object_get(body, "date")));
    jset(o, "corrects", json_integer(corrects));
    jset(o, "event", repl ? normalized(repl, t) : json_null());
    jset(o, "reason", jstr(reason));
    return o;
}

static bool check_correction(api_ctx *c, case_view_loaded *lc, pending *p, http_reply *out)
{
    const char *reason;
    bool has_date;
    json_t *repl;
    genop_error e;
    if (!in_date(c->body, "$", "date", IN_REQUIRED, &has_date, &p->date, out) ||
        !in_id(c->body, "$", "corrects", IN_REQUIRED, &p->corrects, out) ||
        !in_text(c->body, "$", "reason", IN_REQUIRED, GENOP_REASON_TEXT_MAX, &reason, out) ||
        !read_replacement(c->body, &repl, out) || !not_in_future(c, p->date, out))
        return false;
    const genop_event_row *target = correction_target(c, lc, p->corrects, out);
    if (!target)
        return false;
    if (case_view_build(lc->events.items, lc->events.n, target->id, &lc->cit, c->std, &p->next,
                        &e)) {
        problem_internal(out, "rettelse", &e);
        return false;
    }
    if (!apply_replacement(c, repl, p, out))
        return false;
    if (!genop_case_referral(&p->next)) {
        problem_set(out, 422, PROBLEM_INVALID_EVENT,
                    "Rettelsen kan ikke registreres: en sag har præcis én henvendelse, så "
                    "henvendelsen kan kun rettes, ikke trækkes tilbage", "$.event");
        return false;
    }
    if (genop_case_check(&p->next, &e) || genop_case_check_statuses(&p->next, &e) ||
        genop_case_check_history(&p->next, c->today, &e)) {
        problem_setf(out, 422, PROBLEM_INVALID_EVENT, "$.event",
                     "Rettelsen kan ikke registreres: %s", e.message);
        return false;
    }
    p->stored = correction_body(c->body, p->corrects, repl, reason);
    return true;
}

/* Appends the checked event through s (inside the caller's transaction),
 * recomputes the projection and the kept answer of case reads, logs the
 * access. */
static genop_err store_event(api_ctx *c, genop_store *s, case_view_loaded *lc, const char *type,
                             pending *p, int64_t *id, genop_error *e)
{
    genop_event_row row;
    memset(&row, 0, sizeof row);
    row.case_id = lc->row.id;
    snprintf(row.type, sizeof row.type, "%s", type);
    row.date = p->date;
    row.corrects = p->corrects;
    row.author_id = c->user.id;
    snprintf(row.author, sizeof row.author, "%s", c->user.username);
    if (!p->stored || !(row.body = json_dumps(p->stored, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til hændelsen");
    genop_err err = genop_store_event_append(s, c->user.municipality, &row, e);
    if (!err)
        err = projection_update(s, &lc->row, &lc->cit, &p->next, c->std, c->today, e);
    if (!err)
        err = case_answer_keep(s, &lc->row, &lc->cit, &lc->events, &row, c->std, e);
    free(row.body);
    if (!err)
        err = audit_add(s, &c->user, lc->cit.id, lc->row.id, AUDIT_EVENT_APPEND,
                        AUDIT_PURPOSE_CASEWORK, e);
    *id = row.id;
    return err;
}

static bool check(api_ctx *c, case_view_loaded *lc, const char *type, pending *p,
                  http_reply *out)
{
    if (strcmp(type, CASE_VIEW_NOTE) == 0)
        return check_note(c, lc, p, out);
    if (strcmp(type, CASE_VIEW_CORRECTION) == 0)
        return check_correction(c, lc, p, out);
    return check_spec(c, lc, p, out);
}

/* A registration as a job of the commit queue. */
typedef struct append_job {
    api_ctx *c;
    const char *type;
    http_reply *out;            /* a refusal's problem, set by the checks */
    case_view_loaded lc;
    pending p;
    bool refused;               /* the checks said no (out is set) */
    int64_t id;                 /* the new event's */
} append_job;

/* The job: loads the case through the queue's store s, checks the event
 * and stores it. A refusal is an error, so the savepoint is undone. */
static genop_err run_append(genop_store *s, void *ctx, genop_error *e)
{
    append_job *j = ctx;
    api_ctx *c = j->c;
    genop_err err = case_view_load(s, c->user.municipality, c->id, c->std, &j->lc, e);
    if (err)
        return err;
    if (!check(c, &j->lc, j->type, &j->p, j->out)) {
        j->refused = true;
        return genop_fail(e, GENOP_EINVAL, "hændelsen blev afvist");
    }
    return store_event(c, s, &j->lc, j->type, &j->p, &j->id, e);
}

/* Registers the event through the durable commit queue and answers. */
static void append(api_ctx *c, const char *type, http_reply *out)
{
    append_job j;
    memset(&j, 0, sizeof j);
    j.c = c;
    j.type = type;
    j.out = out;
    genop_error e;
    genop_err err = commit_queue_run(c->app->writes, run_append, &j, &e);
    if (j.refused) {
        /* The refusal's reason may quote the case's dates: log the look. */
        if (out->status == 422 && audit_read(c->app->reads, &c->user, j.lc.cit.id, j.lc.row.id,
                                             AUDIT_EVENT_REJECT, AUDIT_PURPOSE_CASEWORK, &e))
            problem_internal(out, "adgangslog", &e);
    } else if (err == GENOP_ENOTFOUND) {
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Sagen findes ikke.", NULL);
    } else if (err) {
        problem_internal(out, "registrér hændelse", &e);
    } else {
        json_t *o = json_object();
        jset(o, "id", json_integer(j.id));
        jset(o, "case", json_integer(j.lc.row.id));
        http_reply_json(out, 201, o);
    }
    json_decref(j.p.stored);
    genop_case_release(&j.p.next);
    case_view_release(&j.lc);
}

void api_events_append(api_ctx *c, http_reply *out)
{
    const char *type;
    if (!in_text(c->body, "$", "type", IN_REQUIRED | IN_ONE_LINE, 64, &type, out))
        return;
    if (!known_type(type)) {
        problem_setf(out, 422, PROBLEM_INVALID_INPUT, "$.type",
                     "$.type: ukendt hændelsestype '%.40s'", type);
        return;
    }
    if (!roles_may_append(c->user.role, type)) {
        forbidden_type(c, type, out);
        return;
    }
    append(c, type, out);
}
