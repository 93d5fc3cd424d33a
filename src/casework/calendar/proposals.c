/*
 * proposals.c - "Book tid" (see proposals.h): what the search knows of
 * the case and the calendar (loaded once, in the write), the preferred
 * therapist and the places to try, and the search itself, day by day,
 * every candidate judged by cal_booking_check() and kept in a savepoint
 * that is rolled back at the end.
 */
#include "proposals.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "booking_limits.h"
#include "booking_rules.h"
#include "case_view.h"
#include "roles.h"

#define PLACES_MAX 64                   /* rooms tried (0: the home) */
#define THERAPISTS_MAX 256              /* therapists tried */

typedef struct prop_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    const cal_proposal_query *q;
    cal_proposals *out;
    int64_t case_id;
    case_view_loaded lc;
    bool found;                         /* the case is the municipality's */
    genop_list terapeuts;               /* genop_user[], by username */
    genop_list hours, absences;         /* everyone's */
    genop_list rooms, locations;
    genop_list appts;                   /* the case's, by start */
    size_t order[THERAPISTS_MAX];       /* indexes into terapeuts, preferred first */
    size_t n_order;
    int64_t preferred_id;
    int64_t places[PLACES_MAX];         /* room ids; 0 the citizen's home */
    size_t n_places;
    genop_wallclock now;
} prop_job;

/* The search's verdict on a day, or on a candidate. */
typedef enum prop_step { STEP_NONE, STEP_FOUND, STEP_NEXT_WEEK, STEP_END } prop_step;

static void job_release(prop_job *j)
{
    case_view_release(&j->lc);
    genop_store_free_list(&j->terapeuts);
    genop_store_free_list(&j->hours);
    genop_store_free_list(&j->absences);
    genop_store_free_list(&j->rooms);
    genop_store_free_list(&j->locations);
    genop_store_free_list(&j->appts);
}

/* The case and what the search reads of the calendar, through s. */
static genop_err load(prop_job *j, genop_store *s, genop_error *e)
{
    const char *muni = j->actor->municipality;
    genop_err err = case_view_load(s, muni, j->case_id, j->std, &j->lc, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    if (err)
        return casework_internal(err, e);
    j->found = true;
    genop_appointment_filter f = {.case_id = j->case_id};
    err = genop_store_staff_list(s, muni, GENOP_ROLE_TERAPEUT, &j->terapeuts, e);
    if (!err)
        err = genop_store_staff_hours(s, muni, 0, &j->hours, e);
    if (!err)
        err = genop_store_staff_absences(s, muni, 0, &j->absences, e);
    if (!err)
        err = genop_store_rooms_list(s, muni, &j->rooms, e);
    if (!err)
        err = genop_store_locations_list(s, muni, &j->locations, e);
    if (!err)
        err = genop_store_appointments_find(s, muni, &f, &j->appts, e);
    return casework_internal(err, e);
}

static const genop_room_row *room_of(const prop_job *j, int64_t id)
{
    const genop_room_row *r = j->rooms.items;
    for (size_t i = 0; i < j->rooms.n; i++)
        if (r[i].id == id)
            return &r[i];
    return NULL;
}

static bool works_on(const prop_job *j, int64_t user_id, int weekday)
{
    const genop_staff_hours_row *h = j->hours.items;
    for (size_t i = 0; i < j->hours.n; i++)
        if (h[i].user_id == user_id && (weekday == 0 || h[i].weekday == weekday))
            return true;
    return false;
}

static bool absent_on(const prop_job *j, int64_t user_id, genop_date day)
{
    const genop_absence_row *a = j->absences.items;
    for (size_t i = 0; i < j->absences.n; i++)
        if (a[i].user_id == user_id && a[i].from <= day && day <= a[i].to)
            return true;
    return false;
}

/* The index of terapeut username (or id when username is NULL) among
 * j->terapeuts, or SIZE_MAX. */
static size_t terapeut_index(const prop_job *j, const char *username, int64_t id)
{
    const genop_user *u = j->terapeuts.items;
    for (size_t i = 0; i < j->terapeuts.n; i++)
        if (username ? strcmp(u[i].username, username) == 0 : u[i].id == id)
            return i;
    return SIZE_MAX;
}

/* The terapeut who registered the case's latest counting session (the
 * current one of each event), or SIZE_MAX; its date in *day. */
static size_t session_author(const prop_job *j, genop_date *day)
{
    const genop_event_row *rows = j->lc.events.items;
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < j->lc.events.n; i++) {
        if (strcmp(rows[i].type, "session") != 0)
            continue;
        json_t *body = case_view_current_body(rows, j->lc.events.n, &rows[i]);
        const char *outcome = json_string_value(json_object_get(body, "outcome"));
        bool counts = body && !(outcome && strcmp(outcome, "provider_cancelled") == 0);
        json_decref(body);
        size_t t = counts ? terapeut_index(j, rows[i].author, 0) : SIZE_MAX;
        if (t != SIZE_MAX && (best == SIZE_MAX || rows[i].date >= *day)) {
            best = t;
            *day = rows[i].date;
        }
    }
    return best;
}

/* The case's latest appointment that is not cancelled, or NULL. */
static const genop_appointment_row *last_appointment(const prop_job *j)
{
    const genop_appointment_row *a = j->appts.items;
    for (size_t i = j->appts.n; i > 0; i--)
        if (strcmp(a[i - 1].status, "cancelled") != 0)
            return &a[i - 1];
    return NULL;
}

/* The preferred therapist (proposals.h) and why, in j->out. */
static genop_err choose_preferred(prop_job *j, genop_store *s, genop_error *e)
{
    cal_proposals *o = j->out;
    const genop_appointment_row *last = last_appointment(j);
    genop_date day = 0;
    size_t t = last ? terapeut_index(j, NULL, last->therapist_id) : SIZE_MAX;
    char da[GENOP_DATE_DA_SIZE];
    if (t != SIZE_MAX) {
        snprintf(o->preferred_why, sizeof o->preferred_why, "Borgerens seneste tid, %s kl. "
                 "%.2s.%.2s, var hos %s.", genop_date_format_da(last->day, da), last->start + 11,
                 last->start + 14, last->therapist);
    } else if ((t = session_author(j, &day)) != SIZE_MAX) {
        snprintf(o->preferred_why, sizeof o->preferred_why, "%s registrerede borgerens "
                 "seneste træning %s.", ((const genop_user *)j->terapeuts.items)[t].username,
                 genop_date_format_da(day, da));
    } else {
        genop_case_assigned a;
        genop_err err = genop_store_case_assigned_get(s, j->actor->municipality, j->lc.row.id,
                                                      &a, e);
        if (err)
            return casework_internal(err, e);
        t = a.terapeut[0] ? terapeut_index(j, a.terapeut, 0) : SIZE_MAX;
        if (t != SIZE_MAX)
            snprintf(o->preferred_why, sizeof o->preferred_why, "%s er sagens terapeut.",
                     a.terapeut);
        else
            snprintf(o->preferred_why, sizeof o->preferred_why, "Borgeren har ikke haft en "
                     "terapeut endnu, og sagen har ingen terapeut: den første ledige tid "
                     "foreslås.");
    }
    if (t != SIZE_MAX) {
        const genop_user *u = &((const genop_user *)j->terapeuts.items)[t];
        snprintf(o->preferred, sizeof o->preferred, "%s", u->username);
        j->preferred_id = u->id;
        j->order[j->n_order++] = t;
    }
    for (size_t i = 0; i < j->terapeuts.n && j->n_order < THERAPISTS_MAX; i++)
        if (i != t && works_on(j, ((const genop_user *)j->terapeuts.items)[i].id, 0))
            j->order[j->n_order++] = i;
    return GENOP_OK;
}

/* The places to try (proposals.h), into j->places. */
static genop_err choose_places(prop_job *j, genop_error *e)
{
    const cal_proposal_query *q = j->q;
    const genop_appointment_row *last = last_appointment(j);
    if (q->place_given && q->place == CAL_PLACE_HOME) {
        j->places[j->n_places++] = 0;
        return GENOP_OK;
    }
    if (q->place_given) {
        if (!room_of(j, q->room_id))
            return genop_refuse(e, GENOP_EINVAL, "room", "room: rummet findes ikke i kommunen");
        j->places[j->n_places++] = q->room_id;
        return GENOP_OK;
    }
    if (last && strcmp(last->place, "home") == 0) {
        j->places[j->n_places++] = 0;
        return GENOP_OK;
    }
    if (last && strcmp(last->place, "room") == 0 && room_of(j, last->room_id))
        j->places[j->n_places++] = last->room_id;
    const genop_room_row *r = j->rooms.items;
    for (size_t i = 0; i < j->rooms.n && j->n_places < PLACES_MAX; i++)
        if (!(j->n_places && j->places[0] == r[i].id))
            j->places[j->n_places++] = r[i].id;
    return GENOP_OK;
}

/* The minutes, the days to search and the case's state, into j->out. */
static genop_err plan(prop_job *j, genop_error *e)
{
    cal_proposals *o = j->out;
    const cal_proposal_query *q = j->q;
    genop_date decided = 0;
    if (j->lc.row.closed)
        return genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er afsluttet; der kan ikke "
                            "bookes tider på den.");
    json_t *grant = cal_grant_on(&j->lc, o->from, &decided);
    genop_err err = GENOP_OK;
    o->to = o->from + CAL_PROPOSALS_DAYS - 1;
    o->minutes = q->minutes ? q->minutes : CAL_PROPOSALS_MINUTES;
    if (q->kind == GENOP_SESSION_TRAINING && !grant) {
        err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen har ingen bevilling af træning; "
                           "der kan kun foreslås tider til udredning (kind=assessment).");
    } else if (q->kind == GENOP_SESSION_TRAINING) {
        const json_t *m = json_object_get(grant, "minutes_per_session");
        const char *until = json_string_value(json_object_get(grant, "until"));
        genop_date last;
        genop_error ignored;
        if (!q->minutes && json_is_integer(m) && json_integer_value(m) > 0 &&
            json_integer_value(m) <= GENOP_MINUTES_PER_DAY)
            o->minutes = (int)json_integer_value(m);
        if (until && !genop_date_parse(until, &last, &ignored) && last < o->to)
            o->to = last;
    }
    json_decref(grant);
    return err;
}

/* The day's active appointments of the municipality (the proposals kept
 * in the savepoint among them). */
static genop_err day_list(prop_job *j, genop_store *s, genop_date day, genop_list *out,
                          genop_error *e)
{
    genop_appointment_filter f = {.has_from = true, .has_to = true, .from = day, .to = day,
                                  .active = true};
    return casework_internal(genop_store_appointments_find(s, j->actor->municipality, &f, out,
                                                           e), e);
}

/* Whether the day's list has an appointment that f (user, room or case)
 * selects overlapping [from, to); with room, whether as many as cap. */
static bool taken(const genop_list *day, int64_t user, int64_t room, int cap, int64_t from,
                  int64_t to)
{
    const genop_appointment_row *a = day->items;
    int n = 0;
    for (size_t i = 0; i < day->n; i++)
        if (a[i].starts_at < to && a[i].ends_at > from &&
            (user ? a[i].therapist_id == user : a[i].room_id == room))
            n++;
    return user ? n > 0 : n >= cap;
}

/* Why proposal p (on day) was chosen. */
static void explain(prop_job *j, cal_proposal *p, genop_date day)
{
    char da[GENOP_DATE_DA_SIZE], pref[GENOP_USERNAME_MAX], ther[GENOP_USERNAME_MAX];
    genop_date_format_da(day, da);
    snprintf(pref, sizeof pref, "%s", j->out->preferred);
    snprintf(ther, sizeof ther, "%s", p->row.therapist);
    p->preferred = pref[0] && strcmp(ther, pref) == 0;
    if (p->preferred)
        snprintf(p->why, sizeof p->why, "Den første ledige tid %s hos %s, som borgeren havde "
                 "før.", da, pref);
    else if (pref[0])
        snprintf(p->why, sizeof p->why, "%s har ingen ledig tid %s; %s har den første ledige "
                 "tid den dag.", pref, da, ther);
    else
        snprintf(p->why, sizeof p->why, "Den første ledige tid %s.", da);
}

/* Judges one candidate through the booking checks; a passing one is
 * kept in the savepoint and becomes the next proposal. */
static genop_err judge(prop_job *j, genop_store *s, const cal_booking *b, prop_step *step,
                       genop_error *e)
{
    cal_proposal *p = &j->out->items[j->out->n];
    cal_refusal why;
    const char *muni = j->actor->municipality;
    genop_err err = cal_booking_check(s, j->actor, j->std, j->env->today, b, &p->row, &why,
                                      &p->warn, e);
    *step = STEP_NONE;
    if (err == GENOP_ECONFLICT) {
        genop_error_clear(e);
        return GENOP_OK;
    }
    if (err == GENOP_EREFUSED) {
        bool weekly = strstr(why.limit, "per_week") != NULL;
        *step = weekly ? STEP_NEXT_WEEK : STEP_END;
        if (!weekly) {
            snprintf(j->out->ended_limit, sizeof j->out->ended_limit, "%s", why.limit);
            snprintf(j->out->ended, sizeof j->out->ended, "%s", e->message);
        }
        genop_error_clear(e);
        return GENOP_OK;
    }
    if (!err)
        err = casework_internal(genop_store_appointment_add(s, muni, &p->row, e), e);
    if (err)
        return err;
    const genop_room_row *room = b->place == CAL_PLACE_ROOM ? room_of(j, b->room_id) : NULL;
    const genop_location_row *l = j->locations.items;
    p->row.id = 0;
    snprintf(p->room_name, sizeof p->room_name, "%s", room ? room->name : "");
    for (size_t i = 0; room && i < j->locations.n; i++)
        if (l[i].id == room->location_id)
            snprintf(p->location_name, sizeof p->location_name, "%s", l[i].name);
    explain(j, p, b->start.date);
    j->out->n++;
    *step = STEP_FOUND;
    return GENOP_OK;
}

/* The candidates of therapist u on day within one working period. */
static genop_err try_period(prop_job *j, genop_store *s, const genop_user *u, genop_date day,
                            const genop_staff_hours_row *h, const genop_list *list,
                            prop_step *step, genop_error *e)
{
    int minutes = j->out->minutes, first = h->from_minute;
    if (day == j->now.date)
        while (first <= j->now.minute)
            first += CAL_PROPOSALS_STEP;
    for (int m = first; m + minutes <= h->to_minute; m += CAL_PROPOSALS_STEP) {
        int64_t from, to;
        genop_error ignored;
        if (genop_wallclock_to_unix((genop_wallclock){day, m}, &from, NULL, &ignored))
            continue;
        to = from + (int64_t)minutes * 60;
        if (taken(list, u->id, 0, 0, from, to))
            continue;
        for (size_t p = 0; p < j->n_places; p++) {
            const genop_room_row *r = j->places[p] ? room_of(j, j->places[p]) : NULL;
            if (r && taken(list, 0, r->id, r->capacity, from, to))
                continue;
            cal_booking b = {.case_id = j->lc.row.id, .start = {day, m}, .minutes = minutes,
                             .kind = j->q->kind, .place = r ? CAL_PLACE_ROOM : CAL_PLACE_HOME,
                             .room_id = r ? r->id : 0};
            snprintf(b.therapist, sizeof b.therapist, "%s", u->username);
            genop_err err = judge(j, s, &b, step, e);
            if (err || *step != STEP_NONE)
                return err;
        }
    }
    return GENOP_OK;
}

/* The first proposal of day, if any, trying the therapists in order. */
static genop_err try_day(prop_job *j, genop_store *s, genop_date day, prop_step *step,
                         genop_error *e)
{
    genop_list list = {0};
    genop_err err = day_list(j, s, day, &list, e);
    const genop_appointment_row *a = list.items;
    *step = STEP_NONE;
    for (size_t i = 0; !err && i < list.n; i++)
        if (a[i].case_id == j->lc.row.id)          /* one a day */
            goto out;
    int wd = genop_date_weekday(day);
    const genop_staff_hours_row *h = j->hours.items;
    for (size_t k = 0; !err && *step == STEP_NONE && k < j->n_order; k++) {
        const genop_user *u = &((const genop_user *)j->terapeuts.items)[j->order[k]];
        if (absent_on(j, u->id, day))
            continue;
        for (size_t i = 0; !err && *step == STEP_NONE && i < j->hours.n; i++)
            if (h[i].user_id == u->id && h[i].weekday == wd)
                err = try_period(j, s, u, day, &h[i], &list, step, e);
    }
out:
    genop_store_free_list(&list);
    return err;
}

static genop_err search(prop_job *j, genop_store *s, genop_error *e)
{
    cal_proposals *o = j->out;
    genop_err err = GENOP_OK;
    for (genop_date d = o->from; !err && d <= o->to && o->n < j->q->count; d++) {
        if (!genop_calendar_is_workday(j->std->calendar, d))
            continue;
        prop_step step;
        err = try_day(j, s, d, &step, e);
        if (step == STEP_END)
            break;
        if (step == STEP_NEXT_WEEK)
            d = genop_date_week_monday(d) + 6;
    }
    if (!err && !o->ended[0] && o->n < j->q->count) {
        char da[GENOP_DATE_DA_SIZE];
        snprintf(o->ended, sizeof o->ended, "Der er ikke flere ledige tider, der holder "
                 "reglerne, til og med %s.", genop_date_format_da(o->to, da));
    }
    return err;
}

static genop_err run_proposals(genop_store *s, void *ctx, genop_error *e)
{
    prop_job *j = ctx;
    genop_err err = load(j, s, e);
    if (!err)
        err = plan(j, e);
    if (!err)
        err = choose_preferred(j, s, e);
    if (!err)
        err = choose_places(j, e);
    if (err || j->out->from > j->out->to)
        return err;
    /* Everything the search keeps is undone before the job returns. */
    if ((err = genop_store_savepoint(s, e)))
        return casework_internal(err, e);
    err = search(j, s, e);
    genop_store_rollback_to(s);
    return err;
}

genop_err casework_appointment_proposals(const casework_env *env, const genop_user *actor,
                                         int64_t case_id, const cal_proposal_query *q,
                                         cal_proposals *out, genop_error *e)
{
    prop_job j;
    memset(&j, 0, sizeof j);
    memset(out, 0, sizeof *out);
    j.env = env;
    j.actor = actor;
    j.q = q;
    j.out = out;
    j.case_id = case_id;
    j.now = genop_wallclock_from_unix(env->now);
    out->from = q->from ? q->from : env->today;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER,
                                          "se forslag til tider", e);
    if (!err && out->from < env->today)
        err = genop_refuse(e, GENOP_EINVAL, "from", "from: der foreslås kun tider fra i dag "
                           "og frem");
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    if (!err)
        err = casework_write(env, run_proposals, &j, e);
    if (j.found && (!err || err == GENOP_EREFUSED)) {
        genop_error why = *e;
        genop_err logged = audit_read(env, actor, j.lc.cit.id, case_id, AUDIT_CASE_READ,
                                      AUDIT_PURPOSE_CASEWORK, e);
        if (logged)
            err = casework_internal(logged, e);
        else if (err)
            *e = why;
    }
    job_release(&j);
    return err;
}
