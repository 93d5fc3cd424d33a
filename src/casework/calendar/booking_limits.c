/*
 * booking_limits.c - the case's side of a booking (see booking_limits.h):
 * the case's state and grant from its corrected view and stored events,
 * the standard's limits by evaluating the case as it would be with its
 * booked appointments and the new one held.
 */
#include "booking_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_view.h"
#include "evaluate.h"

/* A refusal by a limit. */
static genop_err over_limit(cal_refusal *why, const char *limit, const char *field,
                            genop_error *e, const char *what, long used, long max)
{
    snprintf(why->limit, sizeof why->limit, "%s", limit);
    return genop_refuse(e, GENOP_EREFUSED, field, "Tiden kan ikke bookes: %s (%ld, højst %ld).",
                        what, used, max);
}

/* The event a held appointment would be. */
static genop_event session_of(const genop_appointment_row *a)
{
    genop_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = GENOP_EV_SESSION;
    ev.date = a->day;
    ev.minutes = a->minutes;
    ev.outcome = GENOP_OUTCOME_ATTENDED;
    ev.kind = strcmp(a->kind, "assessment") == 0 ? GENOP_SESSION_ASSESSMENT
                                                 : GENOP_SESSION_TRAINING;
    return ev;
}

static bool same_week(genop_date a, genop_date b)
{
    return genop_date_week_monday(a) == genop_date_week_monday(b);
}

/* Appends ev with seq to c. */
static genop_err add_seq(genop_case *c, const genop_event *ev, uint32_t seq, genop_error *e)
{
    genop_err err = genop_case_add(c, ev, e);
    if (!err)
        c->events[c->n_events - 1].seq = seq;
    return err;
}

/* The view with the booked appointments and row held, into *out (empty,
 * the caller releases it); only the sessions of row's ISO week when
 * week. *last is the latest day in it. */
static genop_err held_case(const genop_case *view, const genop_list *booked,
                           const genop_appointment_row *row, bool week, genop_case *out,
                           genop_date *last, genop_error *e)
{
    memcpy(out, view, sizeof *out);
    out->events = NULL;
    out->exceptions = NULL;
    out->n_events = out->cap_events = out->n_exceptions = out->cap_exceptions = 0;
    uint32_t seq = 0;
    genop_err err = GENOP_OK;
    *last = row->day;
    for (size_t i = 0; !err && i < view->n_events; i++) {
        const genop_event *ev = &view->events[i];
        seq = ev->seq >= seq ? ev->seq + 1 : seq;
        if (!(week && ev->type == GENOP_EV_SESSION && !same_week(ev->date, row->day)))
            err = add_seq(out, ev, ev->seq, e);
        *last = ev->date > *last ? ev->date : *last;
    }
    for (size_t i = 0; !err && i < view->n_exceptions; i++)
        err = genop_case_add_exception(out, &view->exceptions[i], e);
    const genop_appointment_row *a = booked->items;
    for (size_t i = 0; !err && i <= booked->n; i++) {
        const genop_appointment_row *x = i < booked->n ? &a[i] : row;
        if (week && !same_week(x->day, row->day))
            continue;
        genop_event ev = session_of(x);
        err = add_seq(out, &ev, seq++, e);
        *last = x->day > *last ? x->day : *last;
    }
    if (!err)
        genop_case_sort(out);
    return err;
}

/* The standard's limits of kinds (bits) on the held case. */
static genop_err standard_limits(const genop_case *view, const genop_standard *std,
                                 const genop_list *booked, const genop_appointment_row *row,
                                 bool week, cal_refusal *why, genop_error *e)
{
    genop_case held;
    genop_date last = row->day;
    genop_result *r = calloc(1, sizeof *r);
    genop_err err = r ? held_case(view, booked, row, week, &held, &last, e)
                      : genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    if (!err && (err = genop_evaluate(&held, std, last, r, e)))
        err = casework_internal(err, e);
    for (size_t i = 0; !err && r && i < r->n_limits; i++) {
        const genop_limit_result *l = &r->limits[i];
        genop_limit_kind k = l->rule->kind;
        bool weekly = k == GENOP_LIMIT_SESSIONS_PER_WEEK || k == GENOP_LIMIT_MINUTES_PER_WEEK;
        if (weekly == week && l->exceeded)
            err = over_limit(why, genop_limit_name(k),
                             k == GENOP_LIMIT_MINUTES_PER_WEEK ? "$.minutes" : "$.start", e,
                             "standardens grænse er nået", l->used, l->max);
    }
    if (r)
        genop_case_release(&held);
    free(r);
    return err;
}

/* The body of the latest decision dated on or before day (a new
 * reference, NULL when none), by date and then registration. */
static json_t *decision_on(const case_view_loaded *lc, genop_date day, genop_date *date)
{
    const genop_event_row *rows = lc->events.items;
    json_t *best = NULL;
    for (size_t i = 0; i < lc->events.n; i++) {
        if (strcmp(rows[i].type, "decision") != 0)
            continue;
        json_t *body = case_view_current_body(rows, lc->events.n, &rows[i]);
        const char *d = json_string_value(json_object_get(body, "date"));
        genop_date when;
        genop_error ignored;
        if (!d || genop_date_parse(d, &when, &ignored) || when > day || (best && when < *date)) {
            json_decref(body);
            continue;
        }
        json_decref(best);
        best = body;
        *date = when;
    }
    return best;
}

/* Training sessions that count, held or booked (and row), in row's week
 * and since `since`. */
static void count_training(const genop_case *view, const genop_list *booked,
                           const genop_appointment_row *row, genop_date since, long *week,
                           long *total)
{
    *week = *total = 0;
    for (size_t i = 0; i < view->n_events; i++) {
        const genop_event *ev = &view->events[i];
        if (ev->type != GENOP_EV_SESSION || !genop_session_counts(ev) ||
            ev->kind != GENOP_SESSION_TRAINING)
            continue;
        *week += same_week(ev->date, row->day);
        *total += ev->date >= since;
    }
    const genop_appointment_row *a = booked->items;
    for (size_t i = 0; i <= booked->n; i++) {
        const genop_appointment_row *x = i < booked->n ? &a[i] : row;
        if (strcmp(x->kind, "training") != 0)
            continue;
        *week += same_week(x->day, row->day);
        *total += x->day >= since;
    }
}

/* The grant's limits (json_integer members of grant; null: none). */
static genop_err grant_limits(const case_view_loaded *lc, const json_t *grant,
                              genop_date decided, const genop_list *booked,
                              const genop_appointment_row *row, cal_refusal *why,
                              genop_error *e)
{
    const json_t *per_week = json_object_get(grant, "sessions_per_week");
    const json_t *minutes = json_object_get(grant, "minutes_per_session");
    const json_t *sessions = json_object_get(grant, "sessions");
    const char *until = json_string_value(json_object_get(grant, "until"));
    genop_date last;
    genop_error ignored;
    long week, total;
    count_training(&lc->view, booked, row, decided, &week, &total);
    if (json_is_integer(minutes) && row->minutes > json_integer_value(minutes))
        return over_limit(why, "grant_minutes_per_session", "$.minutes", e,
                          "bevillingens minutter pr. træningsgang", row->minutes,
                          (long)json_integer_value(minutes));
    if (until && !genop_date_parse(until, &last, &ignored) && row->day > last)
        return over_limit(why, "grant_until", "$.start", e,
                          "bevillingen gælder ikke så længe (dage efter dens slutdato)",
                          (long)(row->day - last), 0);
    if (json_is_integer(per_week) && week > json_integer_value(per_week))
        return over_limit(why, "grant_sessions_per_week", "$.start", e,
                          "bevillingens træningsgange om ugen", week,
                          (long)json_integer_value(per_week));
    if (json_is_integer(sessions) && total > json_integer_value(sessions))
        return over_limit(why, "grant_sessions", "$.start", e,
                          "bevillingens træningsgange i alt", total,
                          (long)json_integer_value(sessions));
    return GENOP_OK;
}

/* The case's state: not closed; for training a grant on row's day. */
static genop_err case_state(const case_view_loaded *lc, const genop_appointment_row *row,
                            const genop_list *booked, cal_refusal *why, genop_error *e)
{
    for (size_t i = 0; i < lc->view.n_events; i++)
        if (lc->view.events[i].type == GENOP_EV_CLOSED)
            return genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er afsluttet; der kan ikke "
                                "bookes tider på den.");
    if (strcmp(row->kind, "training") != 0)
        return GENOP_OK;
    genop_date decided = 0;
    json_t *d = decision_on(lc, row->day, &decided);
    genop_err err = GENOP_OK;
    if (!d || !json_is_true(json_object_get(d, "granted")))
        err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen har ingen bevilling af træning "
                           "på den dag; book en udredning (kind assessment) eller afvent "
                           "afgørelsen.");
    else
        err = grant_limits(lc, json_object_get(d, "grant"), decided, booked, row, why, e);
    json_decref(d);
    return err;
}

/* The start deadline's warning on the case as it is (as of today). */
static genop_err start_warning(const case_view_loaded *lc, const genop_standard *std,
                               genop_date today, const genop_appointment_row *row,
                               cal_warning *warn, genop_error *e)
{
    genop_result *r = calloc(1, sizeof *r);
    if (!r)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    genop_err err = genop_evaluate(&lc->view, std, today, r, e);
    for (size_t i = 0; !err && i < r->n_deadlines; i++) {
        const genop_deadline_result *d = &r->deadlines[i];
        if (strcmp(d->rule->id, "start") == 0 && !d->done && row->day > d->due) {
            warn->start = true;
            warn->due = d->due;
        }
    }
    free(r);
    return casework_internal(err, e);
}

/* The case's other appointments that are booked (not cancelled, no
 * outcome yet). */
static genop_err booked_of(genop_store *s, const char *muni, int64_t case_id, genop_list *out,
                           genop_error *e)
{
    genop_appointment_filter f = {.case_id = case_id, .active = true};
    genop_err err = genop_store_appointments_find(s, muni, &f, out, e);
    genop_appointment_row *a = out->items;
    size_t kept = 0;
    for (size_t i = 0; !err && i < out->n; i++)
        if (a[i].event_id == 0 && strcmp(a[i].status, "booked") == 0)
            a[kept++] = a[i];
    out->n = kept;
    return casework_internal(err, e);
}

genop_err cal_case_check(genop_store *s, const genop_user *actor, const genop_standard *std,
                         genop_date today, const genop_appointment_row *row, cal_refusal *why,
                         cal_warning *warn, genop_error *e)
{
    case_view_loaded lc;
    genop_list booked = {0};
    memset(&lc, 0, sizeof lc);
    genop_err err = case_view_load(s, actor->municipality, row->case_id, std, &lc, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_refuse(e, GENOP_ENOTFOUND, "$.case", "Sagen findes ikke.");
    else if (err)
        err = casework_internal(err, e);
    if (!err)
        err = booked_of(s, actor->municipality, row->case_id, &booked, e);
    if (!err)
        err = case_state(&lc, row, &booked, why, e);
    if (!err)
        err = standard_limits(&lc.view, std, &booked, row, false, why, e);
    if (!err)
        err = standard_limits(&lc.view, std, &booked, row, true, why, e);
    if (!err)
        err = start_warning(&lc, std, today, row, warn, e);
    genop_store_free_list(&booked);
    case_view_release(&lc);
    return err;
}

json_t *cal_grant_on(const case_view_loaded *lc, genop_date day, genop_date *decided)
{
    json_t *d = decision_on(lc, day, decided);
    json_t *grant = json_is_true(json_object_get(d, "granted")) ? json_object_get(d, "grant")
                                                                 : NULL;
    json_incref(grant);
    json_decref(d);
    return grant;
}

genop_err cal_grant_until(genop_store *s, const char *muni, int64_t case_id,
                          const genop_standard *std, genop_date day, bool *has,
                          genop_date *until, genop_error *e)
{
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    *has = false;
    genop_err err = case_view_load(s, muni, case_id, std, &lc, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_refuse(e, GENOP_ENOTFOUND, "$.case", "Sagen findes ikke.");
    else if (err)
        err = casework_internal(err, e);
    genop_date decided = 0;
    json_t *grant = err ? NULL : cal_grant_on(&lc, day, &decided);
    const char *u = json_string_value(json_object_get(grant, "until"));
    genop_error ignored;
    *has = u && !genop_date_parse(u, until, &ignored);
    json_decref(grant);
    case_view_release(&lc);
    return err;
}
