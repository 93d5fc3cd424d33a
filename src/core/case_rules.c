/*
 * case_rules.c - the checks behind genop_event_admissible() and
 * genop_case_check_statuses() and genop_case_check_history() (see
 * case_rules.h). Each check is a small
 * function that looks at the case and the new event and fills in the
 * reason when it refuses; the reason starts with the JSON path of the
 * event's field at fault ("$.date: ..."), so the API can name the field.
 */
#include "case_rules.h"

#include <stdbool.h>
#include <string.h>

/* The date of the first event of type t on or before `on`, if any. */
static bool first_on_or_before(const genop_case *c, genop_event_type t, genop_date on,
                               genop_date *at)
{
    bool found = false;
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type == t && ev->date <= on && (!found || ev->date < *at)) {
            *at = ev->date;
            found = true;
        }
    }
    return found;
}

/* A decision that granted training on or before `on`. */
static bool granted_by(const genop_case *c, genop_date on)
{
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type == GENOP_EV_DECISION && ev->granted && ev->date <= on)
            return true;
    }
    return false;
}

static genop_err check_dates(const genop_case *c, const genop_event *ev, genop_date today,
                             genop_error *e)
{
    char d1[GENOP_DATE_DA_SIZE], d2[GENOP_DATE_DA_SIZE];
    if (ev->date > today)
        return genop_fail(e, GENOP_EINVAL, "$.date: hændelsen er dateret %s, som ligger i "
                          "fremtiden", genop_date_format_da(ev->date, d1));
    if (ev->type == GENOP_EV_HOSPITAL_PLAN || ev->type == GENOP_EV_PREVIOUS_COURSE)
        return GENOP_OK;
    const genop_event *referral = genop_case_referral(c);
    if (referral && ev->date < referral->date)
        return genop_fail(e, GENOP_EINVAL, "$.date: hændelsen er dateret %s, før henvendelsen "
                          "den %s", genop_date_format_da(ev->date, d1),
                          genop_date_format_da(referral->date, d2));
    return GENOP_OK;
}

static genop_err check_course(const genop_case *c, const genop_event *ev, genop_error *e)
{
    char d1[GENOP_DATE_DA_SIZE];
    genop_date closed = 0;
    /* An end status may be registered at or after the closure (the last
     * assessment); a start status cannot begin a course that has ended,
     * but one made during it may be registered after it, with its date. */
    bool start_status = ev->type == GENOP_EV_FUNCTION_STATUS && ev->phase == GENOP_PHASE_START;
    bool after_close = ev->type == GENOP_EV_SESSION || ev->type == GENOP_EV_DECISION ||
                       ev->type == GENOP_EV_GRANT_RECEIVED || ev->type == GENOP_EV_CLOSED ||
                       start_status;
    if (after_close && first_on_or_before(c, GENOP_EV_CLOSED, ev->date, &closed)) {
        /* A start status written up late is dated when it was made. */
        if (start_status)
            return genop_fail(e, GENOP_EINVAL, "$.date: forløbet blev afsluttet den %s; en "
                              "startstatus skal dateres før afslutningen, den dag borgerens "
                              "funktionsevne blev vurderet", genop_date_format_da(closed, d1));
        return genop_fail(e, GENOP_EINVAL, "$.date: forløbet blev afsluttet den %s; der kan "
                          "ikke registreres mere på det", genop_date_format_da(closed, d1));
    }
    if (ev->type == GENOP_EV_SESSION && ev->kind == GENOP_SESSION_TRAINING &&
        !granted_by(c, ev->date))
        return genop_fail(e, GENOP_EINVAL, "$.date: der er ingen bevilling den %s eller før; "
                          "en træningsgang kræver en afgørelse, der bevilger træning",
                          genop_date_format_da(ev->date, d1));
    return GENOP_OK;
}

/* A hospital admission (genop's own `admitted`) is what happened to the
 * citizen during the case: on or after the referral (check_dates), not
 * after the course was closed (an admission on the closure's day may be
 * why it closed), and once a day: a second one on the same date is the
 * same admission registered twice. */
static genop_err check_admission(const genop_case *c, const genop_event *ev, genop_error *e)
{
    char d1[GENOP_DATE_DA_SIZE];
    genop_date closed = 0;
    if (ev->type != GENOP_EV_ADMITTED)
        return GENOP_OK;
    if (first_on_or_before(c, GENOP_EV_CLOSED, ev->date - 1, &closed))
        return genop_fail(e, GENOP_EINVAL, "$.date: forløbet blev afsluttet den %s; en senere "
                          "indlæggelse hører ikke til forløbet", genop_date_format_da(closed, d1));
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_ADMITTED && c->events[i].date == ev->date)
            return genop_fail(e, GENOP_EINVAL, "$.date: borgeren er allerede registreret som "
                              "indlagt den %s", genop_date_format_da(ev->date, d1));
    return GENOP_OK;
}

/* Events that need an earlier event of another type. */
static genop_err check_order(const genop_case *c, const genop_event *ev, genop_error *e)
{
    static const struct { genop_event_type event, needs; const char *text; } order[] = {
        {GENOP_EV_DECISION_RECEIVED, GENOP_EV_DECISION, "borgeren kan ikke have modtaget en afgørelse, der ikke er truffet"},
        {GENOP_EV_GRANT_RECEIVED, GENOP_EV_DECISION, "der er ingen afgørelse at modtage bevilling fra"},
        {GENOP_EV_COMPLAINT_RECEIVED, GENOP_EV_DECISION, "der er ingen afgørelse at klage over"},
        {GENOP_EV_COMPLAINT_DECIDED, GENOP_EV_COMPLAINT_RECEIVED, "der er ingen klage at genvurdere"},
        {GENOP_EV_COMPLAINT_FORWARDED, GENOP_EV_COMPLAINT_DECIDED, "klagen skal genvurderes, før den sendes til Ankestyrelsen"},
        {GENOP_EV_APPEAL_DECIDED, GENOP_EV_COMPLAINT_FORWARDED, "Ankestyrelsen kan ikke have afgjort en klage, der ikke er sendt til den"},
    };
    genop_date at = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (ev->type == order[i].event && !first_on_or_before(c, order[i].needs, ev->date, &at))
            return genop_fail(e, GENOP_EINVAL, "$.date: %s (%s før %s)", order[i].text,
                              genop_event_type_name(order[i].needs),
                              genop_event_type_name(ev->type));
    return GENOP_OK;
}

/* The function_status of phase `phase` in c, or NULL. Borrowed from c. */
static const genop_event *status_of(const genop_case *c, genop_status_phase phase)
{
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_FUNCTION_STATUS && c->events[i].phase == phase)
            return &c->events[i];
    return NULL;
}

static const char *phase_da(genop_status_phase phase)
{
    return phase == GENOP_PHASE_START ? "startstatus" : "slutstatus";
}

/* A case has at most one start status and one end status (a wrong one is
 * corrected, not registered again), and the end needs a start on or
 * before its date. */
static genop_err check_status(const genop_case *c, const genop_event *ev, genop_error *e)
{
    char d1[GENOP_DATE_DA_SIZE], d2[GENOP_DATE_DA_SIZE];
    if (ev->type != GENOP_EV_FUNCTION_STATUS)
        return GENOP_OK;
    const genop_event *same = status_of(c, ev->phase);
    if (same)
        return genop_fail(e, GENOP_EINVAL, "$.phase: sagen har allerede en %s (dateret %s); ret "
                          "den i stedet for at registrere en ny", phase_da(ev->phase),
                          genop_date_format_da(same->date, d1));
    if (ev->phase != GENOP_PHASE_END)
        return GENOP_OK;
    const genop_event *start = status_of(c, GENOP_PHASE_START);
    if (!start)
        return genop_fail(e, GENOP_EINVAL, "$.phase: der er ingen startstatus; registrér "
                          "borgerens funktionsevne ved start, før slutstatus kan registreres");
    if (ev->date < start->date)
        return genop_fail(e, GENOP_EINVAL, "$.date: slutstatus er dateret %s, før startstatus "
                          "den %s", genop_date_format_da(ev->date, d1),
                          genop_date_format_da(start->date, d2));
    return GENOP_OK;
}

/* Ankestyrelsen rules once on a complaint sent to it: a ruling (ev)
 * needs no other ruling since the latest forwarding on or before it. */
static genop_err check_appeal(const genop_case *c, const genop_event *ev, genop_error *e)
{
    genop_date forwarded = 0;
    bool has = false;
    for (size_t i = 0; ev->type == GENOP_EV_APPEAL_DECIDED && i < c->n_events; i++) {
        const genop_event *f = &c->events[i];
        if (f->type == GENOP_EV_COMPLAINT_FORWARDED && f->date <= ev->date &&
            (!has || f->date > forwarded)) {
            forwarded = f->date;
            has = true;
        }
    }
    char d1[GENOP_DATE_DA_SIZE], d2[GENOP_DATE_DA_SIZE];
    for (size_t i = 0; has && i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_APPEAL_DECIDED && c->events[i].date >= forwarded)
            return genop_fail(e, GENOP_EINVAL, "$.date: Ankestyrelsen har allerede afgjort "
                              "klagen, der blev sendt den %s (afgørelsen er registreret den "
                              "%s); en ny afgørelse kræver en ny klage sendt til Ankestyrelsen",
                              genop_date_format_da(forwarded, d1),
                              genop_date_format_da(c->events[i].date, d2));
    return GENOP_OK;
}

genop_err genop_event_admissible(const genop_case *c, const genop_event *ev,
                                 genop_date today, genop_error *e)
{
    if (ev->type == GENOP_EV_REFERRAL_RECEIVED && genop_case_referral(c))
        return genop_fail(e, GENOP_EINVAL, "$.type: sagen har allerede en henvendelse; en sag "
                          "har præcis én (opret en ny sag for en ny henvendelse)");
    genop_err err = check_dates(c, ev, today, e);
    if (!err)
        err = check_course(c, ev, e);
    if (!err)
        err = check_order(c, ev, e);
    if (!err)
        err = check_status(c, ev, e);
    if (!err)
        err = check_admission(c, ev, e);
    if (!err)
        err = check_appeal(c, ev, e);
    return err;
}

/* The reason of a refusal without its leading "$.field: ". */
static const char *reason_only(const char *message)
{
    if (message[0] != '$')
        return message;
    const char *colon = strstr(message, ": ");
    return colon ? colon + 2 : message;
}

genop_err genop_case_check_history(const genop_case *c, genop_date today, genop_error *e)
{
    genop_case replay = {0};
    replay.has_birth_date = c->has_birth_date;
    replay.birth_date = c->birth_date;
    replay.has_municipality_code = c->has_municipality_code;
    replay.municipality_code = c->municipality_code;
    genop_err err = GENOP_OK;
    genop_error why;
    for (size_t i = 0; !err && i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        err = genop_event_admissible(&replay, ev, today, &why);
        if (err) {
            char d[GENOP_DATE_DA_SIZE];
            genop_fail(e, err, "%s den %s ville så ikke kunne have fundet sted: %s",
                       genop_event_type_name(ev->type), genop_date_format_da(ev->date, d),
                       reason_only(why.message));
        } else {
            err = genop_case_add(&replay, ev, e);
        }
    }
    genop_case_release(&replay);
    return err;
}

genop_err genop_case_check_statuses(const genop_case *c, genop_error *e)
{
    char d1[GENOP_DATE_DA_SIZE], d2[GENOP_DATE_DA_SIZE];
    size_t count[GENOP_PHASE_COUNT] = {0};
    for (size_t i = 0; i < c->n_events; i++)
        if (c->events[i].type == GENOP_EV_FUNCTION_STATUS)
            count[c->events[i].phase]++;
    for (int ph = 0; ph < GENOP_PHASE_COUNT; ph++)
        if (count[ph] > 1)
            return genop_fail(e, GENOP_EINVAL, "sagen ville få %zu %s; der må kun være én",
                              count[ph], ph == GENOP_PHASE_START ? "startstatusser"
                                                                 : "slutstatusser");
    const genop_event *start = status_of(c, GENOP_PHASE_START);
    const genop_event *end = status_of(c, GENOP_PHASE_END);
    if (end && !start)
        return genop_fail(e, GENOP_EINVAL, "sagens slutstatus (dateret %s) ville stå uden "
                          "startstatus", genop_date_format_da(end->date, d1));
    if (end && end->date < start->date)
        return genop_fail(e, GENOP_EINVAL, "sagens slutstatus (dateret %s) ville ligge før "
                          "startstatus (dateret %s)", genop_date_format_da(end->date, d1),
                          genop_date_format_da(start->date, d2));
    return GENOP_OK;
}
