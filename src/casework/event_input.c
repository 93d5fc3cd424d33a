/*
 * event_input.c - reading a client's event into a casework_event (see
 * event_input.h): the type, its fields by the core's event reader, the
 * journal types' own fields, and the body to store, which keeps only the
 * fields of the type.
 */
#include "event_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_tree.h"
#include "decision_reasons.h"
#include "env.h"
#include "grant_input.h"
#include "input_limits.h"
#include "json_input.h"
#include "json_util.h"

/* The fields each spec type stores besides type, date and text. */
static const char *const type_fields[GENOP_EV_COUNT][4] = {
    [GENOP_EV_REFERRAL_RECEIVED] = {"paragraph", "condition", "source", "consent"},
    [GENOP_EV_DECISION] = {"granted"},
    [GENOP_EV_SESSION] = {"minutes", "outcome", "kind"},
    [GENOP_EV_CLOSED] = {"reason"},
    [GENOP_EV_COMPLAINT_RECEIVED] = {"channel", "about"},
    [GENOP_EV_COMPLAINT_DECIDED] = {"upheld"},
    [GENOP_EV_PREVIOUS_COURSE] = {"condition"},
    [GENOP_EV_FUNCTION_STATUS] = {"phase"},     /* and its lists: status_lists() */
    [GENOP_EV_ASSIGNED] = {"role", "username"},
    [GENOP_EV_APPEAL_DECIDED] = {"outcome"},
};

/* The members kept of each item of a function status's lists. */
static const char *const level_item_keys[] = {"code", "level", NULL};
static const char *const goal_item_keys[] = {"text", "reached", NULL};

/* Every type of the case format is taken from a client: assigned's user
 * is checked by assignment.c, appeal_decided against the case's forwarded
 * complaint by the case rules (case_rules.h). */
bool casework_event_type_known(const char *type)
{
    genop_event_type t;
    if (genop_event_type_from_name(type, &t))
        return true;
    return strcmp(type, CASEWORK_NOTE) == 0 || strcmp(type, CASEWORK_CORRECTION) == 0;
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
    casework_decision_reasons_keep(o, obj, t);
    json_t *grant = t == GENOP_EV_DECISION ? casework_grant_stored(obj) : NULL;
    if (grant)
        jset(o, "grant", grant);
    return o;
}

/* A function status's goals as people typed them: one line each, not
 * blank (the core reader has checked the rest). */
static genop_err read_goal_texts(const json_t *obj, const char *path, genop_error *e)
{
    const json_t *goals = json_object_get(obj, "goals");
    size_t i;
    json_t *goal;
    const char *s;
    json_array_foreach(goals, i, goal) {
        char at[96];
        snprintf(at, sizeof at, "%s.goals[%zu]", path, i);
        genop_err err = in_text(goal, at, "text", IN_REQUIRED | IN_ONE_LINE, GENOP_GOAL_TEXT_MAX,
                                &s, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}

/* Reads a spec event at path (a decision's exceptions into *g) and the
 * extra fields kept with it. */
static genop_err read_spec_event(const json_t *obj, const char *path, genop_event *ev,
                                 genop_grant *g, genop_error *e)
{
    const char *s;
    bool present, b;
    if (genop_event_from_json_grant(obj, path, ev, g, e))
        return casework_refusal_at_path(GENOP_EINVAL, e);
    genop_err err = in_text(obj, path, "text", 0, GENOP_EVENT_TEXT_MAX, &s, e);
    if (!err)
        err = casework_decision_reasons_read(obj, path, ev, e);
    if (!err)
        err = casework_grant_required(obj, path, ev, e);
    if (err)
        return err;
    if (ev->type == GENOP_EV_CLOSED)
        return in_text(obj, path, "reason", IN_REQUIRED, GENOP_REASON_TEXT_MAX, &s, e);
    if (ev->type == GENOP_EV_REFERRAL_RECEIVED) {
        err = in_text(obj, path, "source", IN_ONE_LINE, GENOP_TEXT_SMALL_MAX - 1, &s, e);
        return err ? err : in_bool(obj, path, "consent", 0, &present, &b, e);
    }
    if (ev->type == GENOP_EV_FUNCTION_STATUS)
        return read_goal_texts(obj, path, e);
    if (ev->type == GENOP_EV_ASSIGNED)
        return in_text(obj, path, "username", IN_REQUIRED | IN_ONE_LINE, GENOP_USERNAME_MAX - 1,
                       &s, e);
    return GENOP_OK;
}

/* An assignment's role and username (checked) from the event obj. */
static void keep_assignment(const json_t *obj, casework_event *ev)
{
    genop_role role = GENOP_ROLE_VISITATOR;
    genop_role_from_name(json_string_value(json_object_get(obj, "role")), &role);
    ev->assign_role = role;
    snprintf(ev->assign_username, sizeof ev->assign_username, "%s",
             json_string_value(json_object_get(obj, "username")));
}

/* Stores o's compact text in ev->stored and releases o. */
static genop_err keep_stored(casework_event *ev, json_t *o, genop_error *e)
{
    ev->stored = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!ev->stored)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til hændelsen");
    return GENOP_OK;
}

static genop_err read_note(const json_t *body, casework_event *ev, genop_error *e)
{
    const char *text;
    bool has_date;
    genop_err err = in_date(body, "$", "date", IN_REQUIRED, &has_date, &ev->date, e);
    if (!err)
        err = in_text(body, "$", "text", IN_REQUIRED, GENOP_EVENT_TEXT_MAX, &text, e);
    if (err)
        return err;
    json_t *o = json_object();
    jset(o, "type", json_string(CASEWORK_NOTE));
    jset(o, "date", json_deep_copy(json_object_get(body, "date")));
    jset(o, "text", jstr(text));
    return keep_stored(ev, o, e);
}

static genop_err read_spec(const json_t *body, casework_event *ev, genop_error *e)
{
    genop_err err = read_spec_event(body, "$", &ev->ev, &ev->grant, e);
    if (err)
        return err;
    ev->date = ev->ev.date;
    if (ev->ev.type == GENOP_EV_ASSIGNED)
        keep_assignment(body, ev);
    return keep_stored(ev, normalized(body, ev->ev.type), e);
}

/* The "event" member of a correction: an object, or null to withdraw. */
static genop_err read_replacement(const json_t *body, const json_t **repl, genop_error *e)
{
    const json_t *v = json_object_get(body, "event");
    *repl = NULL;
    if (!v)
        return genop_refuse(e, GENOP_EINVAL, "$.event",
                            "$.event mangler: den rettede hændelse, eller null for at trække den "
                            "tilbage");
    if (json_is_null(v))
        return GENOP_OK;
    if (!json_is_object(v))
        return genop_refuse(e, GENOP_EINVAL, "$.event", "$.event skal være et objekt eller null");
    *repl = v;
    return GENOP_OK;
}

/* The stored form of a checked correction (repl NULL: a withdrawal). */
static json_t *correction_body(const json_t *body, const casework_event *ev, const json_t *repl,
                               const char *reason)
{
    json_t *o = json_object();
    jset(o, "type", json_string(CASEWORK_CORRECTION));
    jset(o, "date", json_deep_copy(json_object_get(body, "date")));
    jset(o, "corrects", json_integer(ev->corrects));
    jset(o, "event", repl ? normalized(repl, ev->replacement.type) : json_null());
    jset(o, "reason", jstr(reason));
    return o;
}

static genop_err read_correction(const json_t *body, casework_event *ev, genop_error *e)
{
    const char *reason;
    bool has_date;
    const json_t *repl;
    genop_err err = in_date(body, "$", "date", IN_REQUIRED, &has_date, &ev->date, e);
    if (!err)
        err = in_id(body, "$", "corrects", IN_REQUIRED, &ev->corrects, e);
    if (!err)
        err = in_text(body, "$", "reason", IN_REQUIRED, GENOP_REASON_TEXT_MAX, &reason, e);
    if (!err)
        err = read_replacement(body, &repl, e);
    if (!err && repl)
        err = read_spec_event(repl, "$.event", &ev->replacement, &ev->replacement_grant, e);
    if (err)
        return err;
    ev->withdraws = repl == NULL;
    if (repl && ev->replacement.type == GENOP_EV_ASSIGNED)
        keep_assignment(repl, ev);
    return keep_stored(ev, correction_body(body, ev, repl, reason), e);
}

genop_err casework_event_read(const json_t *body, casework_event *out, genop_error *e)
{
    const char *type;
    memset(out, 0, sizeof *out);
    genop_err err = in_text(body, "$", "type", IN_REQUIRED | IN_ONE_LINE, 64, &type, e);
    if (err)
        return err;
    if (!casework_event_type_known(type))
        return genop_refuse(e, GENOP_EINVAL, "$.type", "$.type: ukendt hændelsestype '%.40s'",
                            type);
    snprintf(out->type, sizeof out->type, "%s", type);
    if (strcmp(type, CASEWORK_NOTE) == 0) {
        out->kind = CASEWORK_EVENT_NOTE;
        return read_note(body, out, e);
    }
    if (strcmp(type, CASEWORK_CORRECTION) == 0) {
        out->kind = CASEWORK_EVENT_CORRECTION;
        return read_correction(body, out, e);
    }
    out->kind = CASEWORK_EVENT_SPEC;
    return read_spec(body, out, e);
}

void casework_event_release(casework_event *ev)
{
    free(ev->stored);
    ev->stored = NULL;
}
