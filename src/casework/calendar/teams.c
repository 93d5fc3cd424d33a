/*
 * teams.c - a team's page and its roster: enrolling a case (its meetings
 * booked through the series path in the same write) and a case leaving
 * (its remaining team bookings cancelled, the place offered to the
 * waiting list). See teams.h.
 */
#include "teams.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "booking_limits.h"
#include "new_time.h"
#include "roles.h"

#define ROLES_TEAMS (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)

/* True if roster row r has the case on the team on day. */
static bool on_roster(const genop_roster_row *r, genop_date day)
{
    return day >= r->from && (!r->has_to || day <= r->to) && (!r->has_left || day < r->left_on);
}

/* How many of the team's appointments on day are not cancelled. */
static genop_err meeting_count(genop_store *s, const char *muni, int64_t team_id, genop_date day,
                               int *n, genop_error *e)
{
    genop_appointment_filter f = {.has_from = true, .has_to = true, .from = day, .to = day,
                                  .team_id = team_id, .active = true};
    genop_list l = {0};
    genop_err err = genop_store_appointments_find(s, muni, &f, &l, e);
    *n = (int)l.n;
    genop_store_free_list(&l);
    return casework_internal(err, e);
}

/* The page's coming meetings and whether the team is full. */
static genop_err page_meetings(genop_store *s, const genop_user *actor, genop_date today,
                               cal_team_page *p, genop_error *e)
{
    genop_err err = GENOP_OK;
    genop_date d = cal_team_next_meeting(&p->team, today);
    genop_date first = d ? d : today;
    while (!err && d && p->n_meetings < CAL_TEAM_MEETINGS) {
        cal_meeting_slot *m = &p->meetings[p->n_meetings++];
        m->date = d;
        err = meeting_count(s, actor->municipality, p->team.id, d, &m->booked, e);
        d = cal_team_next_meeting(&p->team, d + 1);
    }
    const genop_roster_row *r = p->roster.items;
    for (size_t i = 0; i < p->roster.n; i++)
        p->enrolled += on_roster(&r[i], first);
    p->full = p->enrolled >= p->team.capacity;
    return err;
}

/* One access-log row per case the page names (team.read). */
static genop_err page_log(const casework_env *env, const genop_user *actor,
                          const cal_team_page *p, genop_error *e)
{
    audit_rows rows;
    audit_rows_init(&rows, actor, AUDIT_TEAM_READ, AUDIT_PURPOSE_CASEWORK);
    const genop_roster_row *r = p->roster.items;
    const genop_waiting_row *w = p->waiting.items;
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < p->roster.n; i++)
        err = audit_rows_add(&rows, r[i].citizen_id, r[i].case_id, e);
    for (size_t i = 0; !err && i < p->waiting.n; i++)
        err = audit_rows_add(&rows, w[i].citizen_id, w[i].case_id, e);
    if (!err && rows.n)
        err = audit_rows_record(env, &rows, e);
    audit_rows_release(&rows);
    return casework_internal(err, e);
}

genop_err casework_team_page(const casework_env *env, const genop_user *actor, int64_t team_id,
                             cal_team_page *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *muni = actor->municipality;
    genop_err err = casework_require_role(actor, ROLES_TEAMS, "se holdets deltagere", e);
    if (!err)
        err = cal_team_load(env->store, actor, team_id, &out->team, e);
    if (!err)
        err = casework_internal(genop_store_roster_list(env->store, muni, team_id, 0,
                                                        &out->roster, e), e);
    if (!err)
        err = casework_internal(genop_store_waiting_list(env->store, muni, team_id, 0,
                                                         &out->waiting, e), e);
    if (!err)
        err = page_meetings(env->store, actor, env->today, out, e);
    return err ? err : page_log(env, actor, out, e);
}

void casework_team_page_release(cal_team_page *p)
{
    genop_store_free_list(&p->roster);
    genop_store_free_list(&p->waiting);
}

typedef struct enrol_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    int64_t team_id;
    const cal_enrol *in;
    genop_roster_row *row;
    cal_series_result *res;
    cal_refusal *why;
    genop_team_row team;
} enrol_job;

/* The enrolment's last day: the body's, else the grant's end; never past
 * the team's end nor a series' length. */
static genop_err enrol_until(genop_store *s, enrol_job *j, genop_date *until, genop_error *e)
{
    const cal_enrol *in = j->in;
    *until = in->has_to ? in->to : in->from + CAL_SERIES_DAYS_MAX - 1;
    if (!in->has_to) {
        bool has = false;
        genop_date g = 0;
        genop_err err = cal_grant_until(s, j->actor->municipality, in->case_id, j->std, in->from,
                                        &has, &g, e);
        if (err)
            return err;
        if (has && g < *until)
            *until = g;
    }
    if (j->team.has_to && j->team.to < *until)
        *until = j->team.to;
    if (*until - in->from >= CAL_SERIES_DAYS_MAX)
        *until = in->from + CAL_SERIES_DAYS_MAX - 1;
    return GENOP_OK;
}

/* Refuses a case that is on the roster (or will be) from in->from. */
static genop_err not_enrolled(genop_store *s, enrol_job *j, genop_error *e)
{
    genop_list l = {0};
    genop_err err = casework_internal(genop_store_roster_list(s, j->actor->municipality,
                                                              j->team_id, j->in->case_id, &l,
                                                              e), e);
    const genop_roster_row *r = l.items;
    for (size_t i = 0; !err && i < l.n; i++)
        if (!r[i].has_left && (!r[i].has_to || r[i].to >= j->in->from))
            err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er allerede på holdet.");
    genop_store_free_list(&l);
    return err;
}

/* A series that booked nothing refuses the enrolment with the reason of
 * its skipped dates: a full team first, then another conflict (409),
 * else the first date's limit or holiday (422). */
static genop_err none_booked(enrol_job *j, genop_error *e)
{
    const cal_skip *k = NULL;
    if (j->res->n_skipped == 0)
        return genop_refuse(e, GENOP_EREFUSED, "$.from", "Holdet mødes ikke i perioden.");
    for (size_t i = 0; !k && i < j->res->n_skipped; i++)
        if (strcmp(j->res->skipped[i].reason, "team") == 0)
            k = &j->res->skipped[i];
    for (size_t i = 0; !k && i < j->res->n_skipped; i++)
        if (strcmp(j->res->skipped[i].reason, "limit") != 0 &&
            strcmp(j->res->skipped[i].reason, "holiday") != 0)
            k = &j->res->skipped[i];
    if (!k) {
        k = &j->res->skipped[0];
        snprintf(j->why->limit, sizeof j->why->limit, "%s", k->limit);
        return genop_refuse(e, GENOP_EREFUSED, "$.from", "Ingen af holdets møder i perioden "
                            "kan bookes: %s", k->message);
    }
    return cal_conflict(j->why, k->reason, e, "Ingen af holdets møder i perioden kan bookes: "
                        "%s Sæt sagen på holdets venteliste.", k->message);
}

/* Takes the case off the team's waiting list; *was says it was on it. */
static genop_err leave_waiting(genop_store *s, const char *muni, int64_t team_id,
                               int64_t case_id, bool *was, genop_error *e)
{
    genop_list l = {0};
    genop_err err = genop_store_waiting_list(s, muni, team_id, 0, &l, e);
    genop_waiting_row *w = l.items;
    size_t kept = 0;
    for (size_t i = 0; !err && i < l.n; i++)
        if (w[i].case_id != case_id)
            w[kept++] = w[i];
    *was = !err && kept < l.n;
    if (*was)
        err = genop_store_waiting_set(s, muni, team_id, w, kept, e);
    genop_store_free_list(&l);
    return casework_internal(err, e);
}

/* Books the team's meetings from..until for the case as a series. */
static genop_err enrol_book(genop_store *s, enrol_job *j, genop_date until, genop_error *e)
{
    cal_series ser;
    memset(&ser, 0, sizeof ser);
    ser.first.case_id = j->in->case_id;
    snprintf(ser.first.therapist, sizeof ser.first.therapist, "%s", j->team.therapist);
    ser.first.minutes = j->team.minutes;
    ser.first.kind = GENOP_SESSION_TRAINING;
    ser.first.place = CAL_PLACE_TEAM;
    ser.first.team_id = j->team_id;
    ser.weekdays[j->team.weekday] = true;
    ser.time = j->team.start_minute;
    ser.from = j->in->from;
    ser.until = until;
    genop_err err = cal_series_book(s, j->actor, j->std, j->today, &ser, j->res, j->why, e);
    return err ? err : j->res->n_ids ? GENOP_OK : none_booked(j, e);
}

static genop_err run_enrol(genop_store *s, void *ctx, genop_error *e)
{
    enrol_job *j = ctx;
    const char *muni = j->actor->municipality;
    genop_date until = 0;
    bool waited = false;
    genop_err err = cal_team_load(s, j->actor, j->team_id, &j->team, e);
    if (!err)
        err = not_enrolled(s, j, e);
    if (!err)
        err = enrol_until(s, j, &until, e);
    if (!err && until < j->in->from)
        err = genop_refuse(e, GENOP_EREFUSED, "$.from", "Holdet eller sagens bevilling er slut "
                           "før den første dag.");
    if (!err)
        err = enrol_book(s, j, until, e);
    if (err)
        return err;
    *j->row = (genop_roster_row){.team_id = j->team_id, .case_id = j->in->case_id,
                                 .from = j->in->from, .to = until, .has_to = true};
    snprintf(j->row->created_by, sizeof j->row->created_by, "%s", j->actor->username);
    err = casework_internal(genop_store_roster_add(s, muni, j->row, e), e);
    if (!err)
        err = leave_waiting(s, muni, j->team_id, j->in->case_id, &waited, e);
    if (!err)
        err = cal_audit(s, j->actor, j->in->case_id, AUDIT_TEAM_ROSTER, e);
    if (!err && waited)                 /* an offer accepted: the task goes */
        err = cal_new_time_reproject(s, muni, j->in->case_id, j->std, j->today, e);
    return err;
}

genop_err casework_team_enrol(const casework_env *env, const genop_user *actor, int64_t team_id,
                              const cal_enrol *in, genop_roster_row *row,
                              cal_series_result *res, cal_refusal *why, genop_error *e)
{
    enrol_job j = {actor, NULL, env->today, team_id, in, row, res, why, {0}};
    memset(res, 0, sizeof *res);
    memset(why, 0, sizeof *why);
    genop_err err = casework_require_role(actor, ROLES_TEAMS, "melde sager på hold", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_enrol, &j, e);
}

typedef struct leave_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    int64_t team_id;
    const cal_leave *l;
    size_t cancelled;
    genop_date first;               /* the first cancelled meeting's day */
    int64_t offered;
} leave_job;

/* Cancels the case's booked team appointments from `from`. */
static genop_err cancel_from(genop_store *s, leave_job *j, genop_date from, genop_error *e)
{
    genop_appointment_filter f = {.has_from = true, .from = from, .case_id = j->l->case_id,
                                  .team_id = j->team_id, .active = true};
    genop_list l = {0};
    genop_err err = genop_store_appointments_find(s, j->actor->municipality, &f, &l, e);
    genop_appointment_row *a = l.items;
    for (size_t i = 0; !err && i < l.n; i++) {
        if (strcmp(a[i].status, "booked") != 0 || a[i].event_id)
            continue;
        cal_mark_cancelled(&a[i], &j->l->cancel, false, j->today);
        err = genop_store_appointment_update(s, j->actor->municipality, &a[i], e);
        if (!j->cancelled++)
            j->first = a[i].day;
    }
    genop_store_free_list(&l);
    return casework_internal(err, e);
}

/* The case's active roster row into *out; refused when it has none. */
static genop_err roster_row_of(genop_store *s, leave_job *j, genop_roster_row *out,
                               genop_error *e)
{
    genop_list l = {0};
    genop_err err = casework_internal(genop_store_roster_list(s, j->actor->municipality,
                                                              j->team_id, j->l->case_id, &l,
                                                              e), e);
    const genop_roster_row *r = l.items;
    bool found = false;
    for (size_t i = 0; !err && i < l.n; i++)
        if (!r[i].has_left) {
            *out = r[i];
            found = true;
        }
    genop_store_free_list(&l);
    if (!err && !found)
        err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er ikke på holdet.");
    return err;
}

static genop_err run_leave(genop_store *s, void *ctx, genop_error *e)
{
    leave_job *j = ctx;
    genop_team_row team;
    genop_roster_row row;
    genop_date from = j->l->has_from ? j->l->from : j->today;
    genop_err err = cal_team_load(s, j->actor, j->team_id, &team, e);
    if (!err)
        err = roster_row_of(s, j, &row, e);
    if (!err)
        err = cancel_from(s, j, from, e);
    if (err)
        return err;
    row.has_left = true;
    row.left_on = from;
    err = casework_internal(genop_store_roster_update(s, j->actor->municipality, &row, e), e);
    if (!err)
        err = cal_audit(s, j->actor, j->l->case_id, AUDIT_TEAM_ROSTER, e);
    if (!err && j->cancelled)
        err = cal_audit(s, j->actor, j->l->case_id, AUDIT_APPOINTMENT_CANCEL, e);
    genop_date day = j->cancelled && j->first >= j->today
                         ? j->first
                         : cal_team_next_meeting(&team, from > j->today ? from : j->today);
    if (!err && day)
        err = cal_team_place_freed(s, j->actor, j->std, j->today, j->team_id, day, &j->offered,
                                   e);
    return err;
}

genop_err casework_team_leave(const casework_env *env, const genop_user *actor, int64_t team_id,
                              const cal_leave *l, size_t *cancelled, int64_t *offered,
                              genop_error *e)
{
    leave_job j = {actor, NULL, env->today, team_id, l, 0, 0, 0};
    genop_err err = casework_require_role(actor, ROLES_TEAMS, "melde sager af hold", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    if (!err)
        err = casework_write(env, run_leave, &j, e);
    *cancelled = j.cancelled;
    *offered = j.offered;
    return err;
}
