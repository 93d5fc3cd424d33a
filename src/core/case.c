/*
 * case.c - the event list of a case: names of the event vocabulary (as in
 * shared/spec/evaluate.md section 2, plus genop's own function_status and
 * admitted, and the assigned and appeal_decided events that api.md and
 * letters.md record and evaluate.md lets appear without effect),
 * appending, stable sorting, and the invariants every case must satisfy.
 */
#include "case.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const event_names[GENOP_EV_COUNT] = {
    "referral_received", "contacted", "assessment", "decision",
    "decision_received", "grant_received", "session", "closed",
    "complaint_received", "complaint_decided", "complaint_forwarded",
    "hospital_plan", "previous_course", "function_status", "admitted",
    "assigned", "appeal_decided",
};
static const char *const outcome_names[GENOP_OUTCOME_COUNT] = {
    "attended", "citizen_cancelled", "no_show", "provider_cancelled",
};
static const char *const kind_names[GENOP_SESSION_KIND_COUNT] = {
    "training", "assessment",
};
static const char *const upheld_names[GENOP_UPHELD_COUNT] = {
    "full", "partial", "none",
};
static const char *const phase_names[GENOP_PHASE_COUNT] = {
    "start", "end",
};
static const char *const appeal_names[GENOP_APPEAL_COUNT] = {
    "upheld", "changed", "annulled", "remitted",
};

const char *genop_event_type_name(genop_event_type t) { return event_names[t]; }
const char *genop_outcome_name(genop_outcome o) { return outcome_names[o]; }
const char *genop_session_kind_name(genop_session_kind k) { return kind_names[k]; }
const char *genop_upheld_name(genop_upheld u) { return upheld_names[u]; }
const char *genop_status_phase_name(genop_status_phase p) { return phase_names[p]; }
const char *genop_appeal_outcome_name(genop_appeal_outcome o) { return appeal_names[o]; }

bool genop_event_type_from_name(const char *name, genop_event_type *out)
{
    int i;
    if (!genop_name_index(event_names, GENOP_EV_COUNT, name, &i))
        return false;
    *out = (genop_event_type)i;
    return true;
}

bool genop_outcome_from_name(const char *name, genop_outcome *out)
{
    int i;
    if (!genop_name_index(outcome_names, GENOP_OUTCOME_COUNT, name, &i))
        return false;
    *out = (genop_outcome)i;
    return true;
}

bool genop_session_kind_from_name(const char *name, genop_session_kind *out)
{
    int i;
    if (!genop_name_index(kind_names, GENOP_SESSION_KIND_COUNT, name, &i))
        return false;
    *out = (genop_session_kind)i;
    return true;
}

bool genop_upheld_from_name(const char *name, genop_upheld *out)
{
    int i;
    if (!genop_name_index(upheld_names, GENOP_UPHELD_COUNT, name, &i))
        return false;
    *out = (genop_upheld)i;
    return true;
}

bool genop_status_phase_from_name(const char *name, genop_status_phase *out)
{
    int i;
    if (!genop_name_index(phase_names, GENOP_PHASE_COUNT, name, &i))
        return false;
    *out = (genop_status_phase)i;
    return true;
}

bool genop_appeal_outcome_from_name(const char *name, genop_appeal_outcome *out)
{
    int i;
    if (!genop_name_index(appeal_names, GENOP_APPEAL_COUNT, name, &i))
        return false;
    *out = (genop_appeal_outcome)i;
    return true;
}

void genop_case_reset(genop_case *c)
{
    genop_event *events = c->events;
    size_t cap = c->cap_events;
    genop_exception *exceptions = c->exceptions;
    size_t cap_x = c->cap_exceptions;
    memset(c, 0, sizeof *c);
    c->events = events;
    c->cap_events = cap;
    c->exceptions = exceptions;
    c->cap_exceptions = cap_x;
}

void genop_case_release(genop_case *c)
{
    free(c->events);
    free(c->exceptions);
    memset(c, 0, sizeof *c);
}

genop_err genop_case_add(genop_case *c, const genop_event *ev, genop_error *e)
{
    if (c->n_events >= GENOP_CASE_EVENTS_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "en sag kan højst have %d hændelser",
                          GENOP_CASE_EVENTS_MAX);
    if (c->n_events == c->cap_events) {
        size_t cap = c->cap_events ? c->cap_events * 2 : 16;
        genop_event *grown = realloc(c->events, cap * sizeof *grown);
        if (!grown)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til sagens hændelser");
        c->events = grown;
        c->cap_events = cap;
    }
    c->events[c->n_events] = *ev;
    c->events[c->n_events].seq = (uint32_t)c->n_events;
    c->n_events++;
    return GENOP_OK;
}

genop_err genop_case_add_exception(genop_case *c, const genop_exception *x, genop_error *e)
{
    if (c->n_exceptions == c->cap_exceptions) {
        if (c->n_exceptions >= (size_t)GENOP_CASE_EVENTS_MAX * GENOP_GRANT_EXCEPTIONS_MAX)
            return genop_fail(e, GENOP_ETOOBIG, "sagen har for mange undtagelser fra "
                              "standardens grænser");
        size_t cap = c->cap_exceptions ? c->cap_exceptions * 2 : 4;
        genop_exception *grown = realloc(c->exceptions, cap * sizeof *grown);
        if (!grown)
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til bevillingens undtagelser");
        c->exceptions = grown;
        c->cap_exceptions = cap;
    }
    c->exceptions[c->n_exceptions++] = *x;
    return GENOP_OK;
}

genop_err genop_case_add_granted(genop_case *c, const genop_event *ev, const genop_grant *g,
                                 genop_error *e)
{
    size_t before = c->n_exceptions;
    uint32_t seq = (uint32_t)c->n_events;
    genop_err err = GENOP_OK;
    for (size_t i = 0; g && i < g->n && !err; i++) {
        genop_exception x = g->items[i];
        x.seq = seq;
        err = genop_case_add_exception(c, &x, e);
    }
    if (!err)
        err = genop_case_add(c, ev, e);
    if (err)
        c->n_exceptions = before;
    return err;
}

const genop_exception *genop_case_exceptions(const genop_case *c, uint32_t seq, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < c->n_exceptions; i++) {
        if (c->exceptions[i].seq != seq)
            continue;
        size_t k = i;
        while (k < c->n_exceptions && c->exceptions[k].seq == seq)
            k++;
        *n = k - i;
        return &c->exceptions[i];
    }
    return NULL;
}

/* Insertion sort: cases have tens of events and usually arrive in order,
 * where it is linear; it is stable by construction. Long unsorted lists
 * fall back to qsort on (date, seq), which is stable too. */
static int event_cmp(const void *a, const void *b)
{
    const genop_event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void genop_case_sort(genop_case *c)
{
    if (c->n_events > 64) {
        qsort(c->events, c->n_events, sizeof *c->events, event_cmp);
        return;
    }
    for (size_t i = 1; i < c->n_events; i++) {
        genop_event tmp = c->events[i];
        size_t j = i;
        while (j > 0 && c->events[j - 1].date > tmp.date) {
            c->events[j] = c->events[j - 1];
            j--;
        }
        c->events[j] = tmp;
    }
}

bool genop_session_counts(const genop_event *ev)
{
    return ev->type == GENOP_EV_SESSION && ev->outcome != GENOP_OUTCOME_PROVIDER_CANCELLED;
}

const genop_event *genop_case_referral(const genop_case *c)
{
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_REFERRAL_RECEIVED)
            return &c->events[i];
    return NULL;
}

genop_err genop_case_check(const genop_case *c, genop_error *e)
{
    size_t referrals = 0;
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_REFERRAL_RECEIVED)
            referrals++;
    if (referrals == 0)
        return genop_fail(e, GENOP_EINVAL,
                          "$.events: sagen har ingen henvendelse (referral_received)");
    if (referrals > 1)
        return genop_fail(e, GENOP_EINVAL,
                          "$.events: sagen har %zu henvendelser (referral_received); "
                          "der må være præcis én", referrals);
    return GENOP_OK;
}
