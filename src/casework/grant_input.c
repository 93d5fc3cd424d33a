/*
 * grant_input.c - what the API requires of a decision's grant beyond what
 * the core's reader checks, and the grant's stored form (see
 * grant_input.h).
 */
#include "grant_input.h"

#include <stdio.h>

#include "json_util.h"

/* The members a grant must have in the API, with what each is, in the
 * words of the decision form. */
static const struct {
    const char *key;
    const char *what;
} required[] = {
    {"form", "træningsformen (individual, team eller self_training)"},
    {"place", "hvor træningen foregår (centre, home eller local_area)"},
    {"sessions_per_week", "antal træningsgange om ugen"},
    {"minutes_per_session", "minutter pr. træningsgang"},
    {"transport", "om kørsel er bevilget (true eller false)"},
};

genop_err casework_grant_required(const json_t *obj, const char *path, const genop_event *ev,
                                  genop_error *e)
{
    char field[GENOP_ERROR_FIELD_MAX];
    if (ev->type != GENOP_EV_DECISION || !ev->granted)
        return GENOP_OK;
    const json_t *grant = json_object_get(obj, "grant");
    if (!json_is_object(grant)) {
        snprintf(field, sizeof field, "%s.grant", path);
        return genop_refuse(e, GENOP_EINVAL, field, "%s mangler: en bevilling skal sige, hvad "
                            "der er bevilget (træningsform, sted, træningsgange om ugen, "
                            "minutter, kørsel)", field);
    }
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const json_t *v = json_object_get(grant, required[i].key);
        if (v && !json_is_null(v))
            continue;
        snprintf(field, sizeof field, "%s.grant.%s", path, required[i].key);
        return genop_refuse(e, GENOP_EINVAL, field, "%s mangler: %s", field, required[i].what);
    }
    return GENOP_OK;
}

/* True when std has a limit of kind for paragraph. */
static bool standard_has_limit(const genop_standard *std, unsigned paragraph,
                               genop_limit_kind kind)
{
    for (size_t i = 0; i < std->n_limits; i++)
        if (std->limits[i].kind == kind && (std->limits[i].paragraphs & paragraph))
            return true;
    return false;
}

genop_err casework_grant_judge(const genop_standard *std, unsigned paragraph,
                               const genop_grant *g, const char *path, genop_error *e)
{
    for (size_t i = 0; i < g->n; i++) {
        if (standard_has_limit(std, paragraph, g->items[i].limit))
            continue;
        char field[GENOP_ERROR_FIELD_MAX];
        snprintf(field, sizeof field, "%s.grant.exceptions[%zu].limit", path, i);
        return genop_refuse(e, GENOP_EREFUSED, field, "%s: kvalitetsstandarden for %s har "
                            "ingen grænse %s for sagens paragraf, så der kan ikke gøres "
                            "undtagelse fra den", field, std->municipality,
                            genop_limit_name(g->items[i].limit));
    }
    return GENOP_OK;
}

/* One exception as stored: limit, max and reason. */
static json_t *stored_exception(const json_t *x)
{
    static const char *const keys[] = {"limit", "max", "reason"};
    json_t *o = json_object();
    for (size_t i = 0; i < 3; i++)
        jset(o, keys[i], json_deep_copy(json_object_get(x, keys[i])));
    return o;
}

json_t *casework_grant_stored(const json_t *obj)
{
    static const char *const keys[] = {
        "form", "place", "sessions_per_week", "minutes_per_session", "sessions", "until",
        "transport",
    };
    const json_t *grant = json_object_get(obj, "grant");
    if (!json_is_object(grant))
        return NULL;
    json_t *o = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const json_t *v = json_object_get(grant, keys[i]);
        jset(o, keys[i], v ? json_deep_copy(v) : json_null());
    }
    json_t *list = json_array();
    const json_t *xs = json_object_get(grant, "exceptions");
    size_t i;
    const json_t *x;
    json_array_foreach(xs, i, x)
        json_array_append_new(list, stored_exception(x));
    jset(o, "exceptions", list);
    return o;
}
