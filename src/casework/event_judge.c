/*
 * event_judge.c - whether an event can have happened on its case (see
 * casework_event_judge in event_append.h): a spec event against the
 * case's corrected view (genop_event_admissible, src/core/case_rules.c),
 * a note by its date alone, a correction's new event against the view
 * without the event it corrects, and the case as the correction leaves it
 * against the case's invariants; a closure's reason against the case's
 * standard and events (closure_reason.c), a refusal's criteria
 * (decision_reasons.c), a grant's exceptions against the limits of the
 * standard (grant_input.c). Pure: it reads the loaded case only.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "case_rules.h"
#include "closure_reason.h"
#include "decision_reasons.h"
#include "event_append.h"
#include "grant_input.h"

/* What one judgement works on. */
typedef struct judging {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    case_view_loaded *lc;
    const casework_event *ev;
    genop_case *next;           /* the caller's: the view the event leads to */
} judging;

/* A refusal by the rules (case_rules.h), whose reason starts with the
 * path of the event's field at fault ("$.date: ..."). `at` is where the
 * event is in the body: "$", or "$.event" for a correction's new event.
 * The refusal's field is the path in the body ("$.event.date"). */
static genop_err refuse(const char *at, genop_error *e)
{
    char m[GENOP_ERROR_MSG_MAX];
    snprintf(m, sizeof m, "%s", e->message);
    size_t n = m[0] == '$' ? strcspn(m, " :") : 0;
    if (n == 0 || m[n] != ':' || n > 64)
        return genop_refuse(e, GENOP_EREFUSED, strcmp(at, "$") ? at : NULL, "%s", m);
    char field[GENOP_ERROR_FIELD_MAX];
    snprintf(field, sizeof field, "%s%.*s", at, (int)(n - 1), m + 1);
    return genop_refuse(e, GENOP_EREFUSED, field, "%s%s", field, m + n);
}

static genop_err not_in_future(const judging *j, genop_error *e)
{
    char d[GENOP_DATE_DA_SIZE];
    if (j->ev->date <= j->today)
        return GENOP_OK;
    return genop_refuse(e, GENOP_EREFUSED, "$.date",
                        "$.date: hændelsen er dateret %s, som ligger i fremtiden",
                        genop_date_format_da(j->ev->date, d));
}

/* Adds ev, with its exceptions g, to the view next after the rules'
 * check and the check of the exceptions against std's limits; `at` as
 * for refuse(). */
static genop_err add_admissible(genop_case *next, const genop_standard *std,
                                const genop_event *ev, const genop_grant *g, genop_date today,
                                const char *at, genop_error *e)
{
    if (genop_event_admissible(next, ev, today, e))
        return refuse(at, e);
    const genop_event *referral = genop_case_referral(next);
    if (referral && casework_grant_judge(std, referral->paragraph, g, at, e))
        return GENOP_EREFUSED;
    if (genop_case_add_granted(next, ev, g, e))
        return casework_refusal_at_path(GENOP_EREFUSED, e);
    genop_case_sort(next);
    return GENOP_OK;
}

/* The criteria of a refusal's reasons (decision_reasons.h) of ev, a
 * decision or a correction whose new event is one, read from its stored
 * form; GENOP_OK for any other event. */
static genop_err reasons_check(const genop_standard *std, const casework_event *ev,
                               genop_error *e)
{
    bool spec = ev->kind == CASEWORK_EVENT_SPEC && ev->ev.type == GENOP_EV_DECISION;
    bool corr = ev->kind == CASEWORK_EVENT_CORRECTION && !ev->withdraws &&
                ev->replacement.type == GENOP_EV_DECISION;
    if (!spec && !corr)
        return GENOP_OK;
    json_t *doc = ev->stored ? json_loads(ev->stored, 0, NULL) : NULL;
    genop_err err = casework_decision_reasons_criteria(std, spec ? doc : json_object_get(doc, "event"),
                                                       spec ? "$" : "$.event", e);
    json_decref(doc);
    return err;
}

static genop_err check_spec(judging *j, genop_error *e)
{
    genop_err err = casework_closure_reason_check(j->std, &j->lc->view, j->ev, NULL, e);
    if (!err)
        err = reasons_check(j->std, j->ev, e);
    if (!err)
        err = add_admissible(&j->lc->view, j->std, &j->ev->ev, &j->ev->grant, j->today, "$", e);
    if (err)
        return err;
    *j->next = j->lc->view;                      /* the view now holds the event */
    memset(&j->lc->view, 0, sizeof j->lc->view);
    return GENOP_OK;
}

static genop_err check_note(judging *j, genop_error *e)
{
    genop_err err = not_in_future(j, e);
    if (err)
        return err;
    *j->next = j->lc->view;                      /* a note changes nothing */
    memset(&j->lc->view, 0, sizeof j->lc->view);
    return GENOP_OK;
}

/* The stored event a correction points at, checked. */
static genop_err correction_target(judging *j, const genop_event_row **out, genop_error *e)
{
    const genop_event_row *rows = j->lc->events.items;
    for (size_t i = 0; i < j->lc->events.n; i++) {
        if (rows[i].id != j->ev->corrects)
            continue;
        if (case_view_is_journal(rows[i].type))
            return genop_refuse(e, GENOP_EREFUSED, "$.corrects",
                                "$.corrects: en note eller en rettelse kan ikke rettes; "
                                "registrér en ny");
        *out = &rows[i];
        return casework_event_permitted(j->actor, rows[i].type, e);
    }
    return genop_refuse(e, GENOP_EREFUSED, "$.corrects",
                        "$.corrects: der er ingen hændelse med id %" PRId64 " på sagen",
                        j->ev->corrects);
}

/* The day the case's history is replayed as of: today, or the latest
 * event's date when later - an event may count from a later day (a
 * printed letter's receipt, recorded by the outbox as the day the law
 * presumes, outbox.h); it was judged when it was stored, and a correction
 * of another event must not fail on it. The correction's own event was
 * judged against today already (add_admissible). */
static genop_date history_day(const judging *j)
{
    genop_date day = j->today;
    for (size_t i = 0; i < j->next->n_events; i++)
        if (j->next->events[i].date > day)
            day = j->next->events[i].date;
    return day;
}

/* The case as the correction leaves it must still be a case. */
static genop_err check_corrected(judging *j, genop_error *e)
{
    if (!genop_case_referral(j->next))
        return genop_refuse(e, GENOP_EREFUSED, "$.event",
                            "Rettelsen kan ikke registreres: en sag har præcis én henvendelse, "
                            "så henvendelsen kan kun rettes, ikke trækkes tilbage");
    genop_error why;
    if (genop_case_check(j->next, &why) || genop_case_check_statuses(j->next, &why) ||
        genop_case_check_history(j->next, history_day(j), &why))
        return genop_refuse(e, GENOP_EREFUSED, "$.event", "Rettelsen kan ikke registreres: %s",
                            why.message);
    return GENOP_OK;
}

static genop_err check_correction(judging *j, genop_error *e)
{
    const genop_event_row *target = NULL;
    genop_err err = not_in_future(j, e);
    if (!err)
        err = correction_target(j, &target, e);
    if (err)
        return err;
    err = case_view_build(j->lc->events.items, j->lc->events.n, target->id, &j->lc->cit,
                          j->std, j->next, e);
    if (err)
        return casework_internal(err, e);
    err = casework_closure_reason_check(j->std, j->next, j->ev, target, e);
    if (!err)
        err = reasons_check(j->std, j->ev, e);
    if (err)
        return err;
    if (!j->ev->withdraws) {
        err = casework_event_permitted(j->actor, genop_event_type_name(j->ev->replacement.type),
                                       e);
        if (!err)
            err = add_admissible(j->next, j->std, &j->ev->replacement, &j->ev->replacement_grant,
                                 j->today, "$.event", e);
        if (err)
            return err;
    }
    return check_corrected(j, e);
}


genop_err casework_event_judge(const genop_user *actor, const genop_standard *std,
                               genop_date today, case_view_loaded *lc, const casework_event *ev,
                               genop_case *next, genop_error *e)
{
    judging j = {actor, std, today, lc, ev, next};
    if (ev->kind == CASEWORK_EVENT_NOTE)
        return check_note(&j, e);
    if (ev->kind == CASEWORK_EVENT_CORRECTION)
        return check_correction(&j, e);
    return check_spec(&j, e);
}
