/*
 * decision_reasons.c - a refusal's reasons: their form when the event is
 * read, their criteria against the case's standard when it is judged, and
 * what of them is stored (see decision_reasons.h).
 */
#include "decision_reasons.h"

#include <stdio.h>
#include <string.h>

#include "criteria.h"
#include "json_input.h"
#include "json_util.h"

/* True when obj is a decision that refuses ("granted": false). */
static bool refuses(const json_t *obj)
{
    return json_is_false(json_object_get(obj, "granted"));
}

/* One reason, at path "<path>.reasons[i]". */
static genop_err read_reason(const json_t *item, const char *at, genop_error *e)
{
    const char *s;
    if (!json_is_object(item))
        return genop_refuse(e, GENOP_EINVAL, at,
                            "%s skal være et objekt: {\"criterion\": kriteriets id eller "
                            "\"other\", \"text\": den konkrete, individuelle vurdering}",
                            at);
    genop_err err = in_text(item, at, "criterion", IN_REQUIRED | IN_ONE_LINE,
                            CASEWORK_REASON_CRITERION_MAX, &s, e);
    return err ? err : in_text(item, at, "text", IN_REQUIRED, CASEWORK_REASON_TEXT_MAX, &s, e);
}

genop_err casework_decision_reasons_read(const json_t *obj, const char *path,
                                         const genop_event *ev, genop_error *e)
{
    char field[64], at[96];
    if (ev->type != GENOP_EV_DECISION)
        return GENOP_OK;
    const json_t *reasons = json_object_get(obj, "reasons");
    bool given = reasons && !json_is_null(reasons);
    snprintf(field, sizeof field, "%s.reasons", path);
    if (!refuses(obj))
        return given ? genop_refuse(e, GENOP_EINVAL, field,
                                    "%s: en bevilling har ingen afslagsbegrundelser; udelad "
                                    "reasons",
                                    field)
                     : GENOP_OK;
    if (!given)
        return genop_refuse(e, GENOP_EINVAL, field,
                            "%s mangler: et afslag skal begrundes med mindst ét kriterium fra "
                            "kvalitetsstandarden (eller \"other\") og en konkret, individuel "
                            "vurdering",
                            field);
    size_t n = json_array_size(reasons);
    if (!json_is_array(reasons) || n == 0 || n > CASEWORK_REASONS_MAX)
        return genop_refuse(e, GENOP_EINVAL, field,
                            "%s skal være en liste med 1-%d begrundelser; et afslag skal have "
                            "mindst én",
                            field, CASEWORK_REASONS_MAX);
    for (size_t i = 0; i < n; i++) {
        snprintf(at, sizeof at, "%s[%zu]", field, i);
        genop_err err = read_reason(json_array_get(reasons, i), at, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}

void casework_decision_reasons_keep(json_t *stored, const json_t *obj, genop_event_type t)
{
    if (t != GENOP_EV_DECISION || !refuses(obj))
        return;
    const json_t *reasons = json_object_get(obj, "reasons");
    json_t *arr = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(reasons, i, item) {
        json_t *o = json_object();
        jset(o, "criterion", json_deep_copy(json_object_get(item, "criterion")));
        jset(o, "text", json_deep_copy(json_object_get(item, "text")));
        json_array_append_new(arr, o);
    }
    jset(stored, "reasons", arr);
}

static genop_err unknown(const genop_standard *std, const char *field, const char *id,
                         genop_error *e)
{
    char ids[GENOP_ERROR_MSG_MAX / 2];
    genop_criterion_ids(std, ids, sizeof ids);
    return genop_refuse(e, GENOP_EREFUSED, field,
                        "%s: '%.40s' er ikke et af kriterierne i kvalitetsstandarden for %s; "
                        "brug et af: %s",
                        field, id, std->municipality ? std->municipality : "kommunen", ids);
}

genop_err casework_decision_reasons_criteria(const genop_standard *std, const json_t *obj,
                                             const char *at,
                                genop_error *e)
{
    genop_criterion_entry found;
    char field[96];
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(obj, "reasons"), i, item) {
        const char *id = json_string_value(json_object_get(item, "criterion"));
        if (!id || strcmp(id, GENOP_CRITERION_OTHER) == 0 || genop_criterion_find(std, id, &found))
            continue;
        snprintf(field, sizeof field, "%s.reasons[%zu].criterion", at, i);
        return unknown(std, field, id, e);
    }
    return GENOP_OK;
}
