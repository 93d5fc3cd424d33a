/*
 * holidays.c - booking on public holidays (see holidays.h): which days
 * are holidays (the standard's workday calendar), the check a booking
 * and each date of a series run, and a leder's openings, each write one
 * job of the environment's writer.
 */
#include "holidays.h"

#include <stdio.h>
#include <string.h>

#include "roles.h"

const char *cal_holiday_name(const genop_standard *std, genop_date day)
{
    genop_holiday days[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    int y, m, d;
    genop_error ignored;
    if (!std)
        return NULL;
    genop_date_to_ymd(day, &y, &m, &d);
    if (genop_calendar_holidays(std->calendar, y, days, &n, &ignored))
        return NULL;            /* outside the calendar's years: none known */
    for (size_t i = 0; i < n; i++)
        if (days[i].date == day)
            return days[i].name ? days[i].name : "helligdag";
    return NULL;
}

genop_err cal_holiday_check(genop_store *s, const char *muni, const genop_standard *std,
                            genop_date day, bool allowed, const char *field, genop_error *e)
{
    const char *name = cal_holiday_name(std, day);
    if (!name || allowed)
        return GENOP_OK;
    genop_holiday_opening_row o;
    genop_err err = genop_store_holiday_opening_get(s, muni, day, &o, e);
    if (!err)
        return GENOP_OK;
    if (err != GENOP_ENOTFOUND)
        return casework_internal(err, e);
    char da[GENOP_DATE_DA_SIZE];
    return genop_refuse(e, GENOP_EREFUSED, field, "%s er en helligdag (%s), og den er ikke "
                        "åbnet for booking. En leder kan åbne dagen under Opsætning.",
                        genop_date_format_da(day, da), name);
}

bool cal_holidays_allowed(const genop_user *actor, bool requested)
{
    return requested && actor->role == GENOP_ROLE_LEDER;
}

typedef struct open_job {
    const genop_user *actor;
    genop_holiday_opening_row *o;
} open_job;

static genop_err run_open(genop_store *s, void *ctx, genop_error *e)
{
    open_job *j = ctx;
    genop_err err = genop_store_holiday_opening_add(s, j->actor->municipality, j->o, e);
    if (err == GENOP_ECONFLICT) {
        char da[GENOP_DATE_DA_SIZE];
        return genop_refuse(e, GENOP_ECONFLICT, "$.date", "%s er allerede åbnet for booking.",
                            genop_date_format_da(j->o->day, da));
    }
    return casework_internal(err, e);
}

genop_err casework_holiday_open(const casework_env *env, const genop_user *actor,
                                genop_holiday_opening_row *o, genop_error *e)
{
    const genop_standard *std = NULL;
    genop_err err = casework_require_role(actor, ROLES_LEDER, "åbne helligdage for booking", e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (err)
        return err;
    if (!cal_holiday_name(std, o->day)) {
        char da[GENOP_DATE_DA_SIZE];
        return genop_refuse(e, GENOP_EINVAL, "$.date", "$.date: %s er hverken en helligdag "
                            "eller en fridag i kommunens kalender; dagen kan bookes uden at "
                            "blive åbnet.", genop_date_format_da(o->day, da));
    }
    snprintf(o->created_by, sizeof o->created_by, "%s", actor->username);
    open_job j = {actor, o};
    return casework_write(env, run_open, &j, e);
}

genop_err casework_holiday_openings(const casework_env *env, const genop_user *actor,
                                    genop_list *out, genop_error *e)
{
    return casework_internal(genop_store_holiday_openings_list(env->store,
                                                               actor->municipality, out, e),
                             e);
}

typedef struct close_job {
    const genop_user *actor;
    genop_date day;
} close_job;

static genop_err run_close(genop_store *s, void *ctx, genop_error *e)
{
    close_job *j = ctx;
    genop_err err = genop_store_holiday_opening_delete(s, j->actor->municipality, j->day, e);
    if (err == GENOP_ENOTFOUND) {
        char da[GENOP_DATE_DA_SIZE];
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "%s er ikke åbnet for booking.",
                            genop_date_format_da(j->day, da));
    }
    return casework_internal(err, e);
}

genop_err casework_holiday_close(const casework_env *env, const genop_user *actor,
                                 genop_date day, genop_error *e)
{
    close_job j = {actor, day};
    genop_err err = casework_require_role(actor, ROLES_LEDER, "lukke helligdage igen", e);
    return err ? err : casework_write(env, run_close, &j, e);
}
