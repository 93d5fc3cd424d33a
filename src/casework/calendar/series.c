/*
 * series.c - booking a course as a series (see appointments.h): one job
 * of the writer that books every date in order through the same checks
 * as one booking (booking_rules.h), so each booking counts for the next;
 * a date refused by a conflict or a limit, or a holiday that is not
 * opened (unless a leder allows it: holidays.h), is listed with its
 * reason, never dropped in silence; an opened holiday books as a workday.
 */
#include "appointments.h"
#include "holidays.h"
#include "new_time.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "roles.h"

typedef struct series_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    const cal_series *s;
    cal_series_result *out;
    cal_refusal *why;
    int team_weekday;           /* a team's meeting day, 0 for others */
} series_job;

static void skip(cal_series_result *out, genop_date date, const char *reason, const char *limit,
                 const char *message)
{
    cal_skip *k = &out->skipped[out->n_skipped++];
    k->date = date;
    snprintf(k->reason, sizeof k->reason, "%s", reason);
    snprintf(k->limit, sizeof k->limit, "%s", limit ? limit : "");
    snprintf(k->message, sizeof k->message, "%s", message);
}

/* Books date through st; a refusal of this date alone is a skip. */
static genop_err book_date(series_job *j, genop_store *st, genop_date date, genop_error *e)
{
    cal_booking b = j->s->first;
    genop_appointment_row row;
    cal_warning warn;
    b.start.date = date;
    b.start.minute = j->s->time;
    b.holidays = true;          /* run_series has judged the date's holiday */
    genop_err err = cal_booking_check(st, j->actor, j->std, j->today, &b, &row, j->why, &warn,
                                      e);
    if (err == GENOP_ECONFLICT || (err == GENOP_EREFUSED && j->why->limit[0])) {
        skip(j->out, date, err == GENOP_ECONFLICT ? j->why->conflict : "limit", j->why->limit,
             e->message);
        memset(j->why, 0, sizeof *j->why);
        genop_error_clear(e);
        return GENOP_OK;
    }
    if (!err)
        err = casework_internal(genop_store_appointment_add(st, j->actor->municipality, &row, e),
                                e);
    if (!err && j->out->n_ids == 0)
        j->out->warn = warn;
    if (!err)
        j->out->ids[j->out->n_ids++] = row.id;
    return err;
}

static genop_err run_series(genop_store *st, void *ctx, genop_error *e)
{
    series_job *j = ctx;
    return cal_series_book(st, j->actor, j->std, j->today, j->s, j->out, j->why, e);
}

genop_err cal_series_book(genop_store *st, const genop_user *actor, const genop_standard *std,
                          genop_date today, const cal_series *s, cal_series_result *out,
                          cal_refusal *why, genop_error *e)
{
    series_job job = {actor, std, today, s, out, why, 0}, *j = &job;
    genop_err err = GENOP_OK;
    if (s->first.place == CAL_PLACE_TEAM) {
        genop_team_row team;
        err = genop_store_team_get(st, j->actor->municipality, s->first.team_id, &team, e);
        if (err == GENOP_ENOTFOUND)
            return genop_refuse(e, GENOP_EINVAL, "$.team", "$.team: holdet findes ikke i "
                                "kommunen");
        if (err)
            return casework_internal(err, e);
        j->team_weekday = team.weekday;
    }
    for (genop_date d = s->from; !err && d <= s->until; d++) {
        int wd = genop_date_weekday(d);
        if (j->team_weekday ? wd != j->team_weekday : !s->weekdays[wd])
            continue;
        err = cal_holiday_check(st, j->actor->municipality, j->std, d, s->holidays, "$.from",
                                e);
        if (err == GENOP_EREFUSED) {
            skip(j->out, d, "holiday", NULL, e->message);
            genop_error_clear(e);
            err = GENOP_OK;
            continue;
        }
        if (!err)
            err = book_date(j, st, d, e);
    }
    if (!err)
        err = cal_audit(st, j->actor, s->first.case_id, AUDIT_APPOINTMENT_BOOK, e);
    if (!err && j->out->n_ids)
        err = cal_new_time_booked(st, j->actor->municipality, s->first.case_id, j->std,
                                  j->today, e);
    return err;
}

genop_err casework_appointment_series(const casework_env *env, const genop_user *actor,
                                      const cal_series *s, cal_series_result *out,
                                      cal_refusal *why, genop_error *e)
{
    cal_series judged = *s;
    judged.holidays = cal_holidays_allowed(actor, s->holidays);
    series_job j = {actor, NULL, env->today, &judged, out, why, 0};
    memset(out, 0, sizeof *out);
    memset(why, 0, sizeof *why);
    genop_err err = casework_require_role(actor, ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER,
                                          "booke tider", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    return err ? err : casework_write(env, run_series, &j, e);
}
