/*
 * closure_reason.c - whether a closed event's reason is one its case's
 * standard allows (see closure_reason.h). The reason is read from the
 * event's stored form (event_input.c keeps it there), since the rules'
 * genop_event does not carry it.
 */
#include "closure_reason.h"

#include <stdio.h>
#include <string.h>

#include "closure_reasons.h"
#include "input_limits.h"

/* The text member `key` of the JSON object text (at `at` inside it: NULL
 * for the top, else a member object's key), copied into out; "" when
 * there is none. */
static void stored_text(const char *text, const char *at, const char *key, char *out,
                        size_t size)
{
    out[0] = '\0';
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    const json_t *obj = at ? json_object_get(doc, at) : doc;
    const char *s = json_string_value(json_object_get(obj, key));
    if (s)
        snprintf(out, size, "%s", s);
    json_decref(doc);
}

static genop_err refuse(const genop_standard *std, const char *reason, const char *field,
                        genop_error *e)
{
    char ids[GENOP_ERROR_MSG_MAX / 2];
    genop_closure_reason_ids(std, ids, sizeof ids);
    return genop_refuse(e, GENOP_EREFUSED, field,
                        "%s: '%.60s' er ikke en af grundene til at afslutte et forløb efter "
                        "kvalitetsstandarden for %s; brug en af: %s",
                        field, reason, std->municipality, ids);
}

genop_err casework_closure_reason_check(const genop_standard *std, const casework_event *ev,
                                        const genop_event_row *target, genop_error *e)
{
    char reason[GENOP_REASON_TEXT_MAX + 1], before[GENOP_REASON_TEXT_MAX + 1];
    genop_reason_entry found;
    if (ev->kind == CASEWORK_EVENT_SPEC && ev->ev.type == GENOP_EV_CLOSED) {
        stored_text(ev->stored, NULL, "reason", reason, sizeof reason);
        return genop_closure_reason_find(std, reason, &found) ? GENOP_OK
                                                               : refuse(std, reason, "$.reason", e);
    }
    if (ev->kind != CASEWORK_EVENT_CORRECTION || ev->withdraws ||
        ev->replacement.type != GENOP_EV_CLOSED)
        return GENOP_OK;
    stored_text(ev->stored, "event", "reason", reason, sizeof reason);
    if (genop_closure_reason_find(std, reason, &found))
        return GENOP_OK;
    if (target && strcmp(target->type, "closed") == 0) {
        stored_text(target->body, NULL, "reason", before, sizeof before);
        if (strcmp(before, reason) == 0)
            return GENOP_OK;
    }
    return refuse(std, reason, "$.event.reason", e);
}
