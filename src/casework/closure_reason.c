/*
 * closure_reason.c - whether a closed event's reason is one its case can
 * be closed by (see closure_reason.h). The reason is read from the
 * event's stored form (event_input.c keeps it there), since the rules'
 * genop_event does not carry it; genop's own reasons are judged against
 * the case's events up to the closure's date.
 */
#include "closure_reason.h"

#include <stdio.h>
#include <string.h>

#include "input_limits.h"

/* What genop's own reasons ask about a case as of a day. */
typedef struct end_facts {
    const genop_event *decision;  /* the latest, borrowed from the view */
    bool complaint;               /* a complaint came after it */
    bool upheld_full;             /* ... and was upheld in full */
    bool forwarded;               /* ... and was sent to Ankestyrelsen */
    bool remitted;                /* ... which sent the case back for a new decision */
    bool closed;
} end_facts;

/* The facts of view's events dated on or before `on` (the view is
 * sorted by date); a new decision answers the complaints before it. */
static void end_facts_of(const genop_case *view, genop_date on, end_facts *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < view->n_events && view->events[i].date <= on; i++) {
        const genop_event *ev = &view->events[i];
        if (ev->type == GENOP_EV_CLOSED) {
            f->closed = true;
        } else if (ev->type == GENOP_EV_DECISION) {
            f->decision = ev;
            f->complaint = f->upheld_full = f->forwarded = f->remitted = false;
        } else if (ev->type == GENOP_EV_COMPLAINT_RECEIVED) {
            f->complaint = f->decision != NULL;
            f->upheld_full = f->forwarded = f->remitted = false;
        } else if (ev->type == GENOP_EV_COMPLAINT_DECIDED && f->complaint) {
            f->upheld_full = ev->upheld == GENOP_UPHELD_FULL;
        } else if (ev->type == GENOP_EV_COMPLAINT_FORWARDED && f->complaint) {
            f->forwarded = true;
        } else if (ev->type == GENOP_EV_APPEAL_DECIDED && f->forwarded) {
            f->remitted = ev->appeal == GENOP_APPEAL_REMITTED;
        }
    }
}

const char *casework_case_end_refusal(const genop_case *view, genop_case_end end, genop_date on)
{
    end_facts f;
    end_facts_of(view, on, &f);
    if (f.closed)
        return "sagen er allerede afsluttet";
    if (!f.decision)
        return "sagen har endnu ingen afgørelse";
    if (f.remitted)
        return "Ankestyrelsen har hjemvist sagen; registrér en ny afgørelse";
    if (f.decision->granted)
        return "sagens seneste afgørelse bevilgede træning; et forløb afsluttes med en af "
               "standardens grunde";
    if (end == GENOP_END_COMPLAINT_FORWARDED) {
        if (f.forwarded)
            return NULL;
        return f.complaint ? "klagen over afslaget er ikke sendt til Ankestyrelsen"
                           : "der er ikke klaget over afslaget; brug grunden 'refused'";
    }
    if (f.forwarded)
        return "klagen over afslaget er sendt til Ankestyrelsen; brug grunden "
               "'complaint_forwarded'";
    if (f.upheld_full)
        return "klagen over afslaget fik fuldt medhold; registrér den nye afgørelse";
    if (f.complaint)
        return "en klage over afslaget er under behandling; sagen kan afsluttes, når klagen er "
               "sendt til Ankestyrelsen";
    return NULL;
}

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

/* A reason that is none the case can be closed by: the standard's
 * reasons, then genop's own that apply to before on `on`. */
static genop_err refuse(const genop_standard *std, const genop_case *before, genop_date on,
                        const char *reason, const char *field, genop_error *e)
{
    char ids[GENOP_ERROR_MSG_MAX / 2];
    genop_closure_reason_ids(std, ids, sizeof ids);
    size_t used = strlen(ids);
    for (size_t i = 0; i < GENOP_CASE_END_COUNT && used + 1 < sizeof ids; i++) {
        if (casework_case_end_refusal(before, (genop_case_end)i, on))
            continue;
        int w = snprintf(ids + used, sizeof ids - used, ", %s",
                         genop_case_end_reason_of((genop_case_end)i)->id);
        used = w < 0 || (size_t)w >= sizeof ids - used ? sizeof ids - 1 : used + (size_t)w;
    }
    return genop_refuse(e, GENOP_EREFUSED, field,
                        "%s: '%.60s' er ikke en af grundene til at afslutte et forløb efter "
                        "kvalitetsstandarden for %s; brug en af: %s",
                        field, reason, std->municipality, ids);
}

/* GENOP_OK when the case before can be closed on `on` by reason. */
static genop_err judge(const genop_standard *std, const genop_case *before, genop_date on,
                       const char *reason, const char *field, genop_error *e)
{
    genop_case_end end;
    genop_reason_entry found;
    if (genop_case_end_find(reason, &end)) {
        const char *why = casework_case_end_refusal(before, end, on);
        const genop_case_end_reason *r = genop_case_end_reason_of(end);
        return why ? genop_refuse(e, GENOP_EREFUSED, field,
                                  "%s: sagen kan ikke afsluttes med grunden »%s«: den kan kun "
                                  "bruges, %s, men %s", field, r->label, r->when, why)
                   : GENOP_OK;
    }
    if (genop_closure_reason_find(std, reason, &found))
        return GENOP_OK;
    return refuse(std, before, on, reason, field, e);
}

genop_err casework_closure_reason_check(const genop_standard *std, const genop_case *before,
                                        const casework_event *ev, const genop_event_row *target,
                                        genop_error *e)
{
    char reason[GENOP_REASON_TEXT_MAX + 1], earlier[GENOP_REASON_TEXT_MAX + 1];
    if (ev->kind == CASEWORK_EVENT_SPEC && ev->ev.type == GENOP_EV_CLOSED) {
        stored_text(ev->stored, NULL, "reason", reason, sizeof reason);
        return judge(std, before, ev->ev.date, reason, "$.reason", e);
    }
    if (ev->kind != CASEWORK_EVENT_CORRECTION || ev->withdraws ||
        ev->replacement.type != GENOP_EV_CLOSED)
        return GENOP_OK;
    stored_text(ev->stored, "event", "reason", reason, sizeof reason);
    if (target && strcmp(target->type, "closed") == 0) {
        stored_text(target->body, NULL, "reason", earlier, sizeof earlier);
        if (strcmp(earlier, reason) == 0 && !genop_case_end_find(reason, &(genop_case_end){0}))
            return GENOP_OK;
    }
    return judge(std, before, ev->replacement.date, reason, "$.event.reason", e);
}
