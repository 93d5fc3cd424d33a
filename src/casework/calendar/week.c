/*
 * week.c - the calendar's week view (see week.h): whose week, its days
 * (holidays, hours, absences), and its appointments with the citizens'
 * names and the places, the reads logged before the view is returned.
 */
#include "week.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "decimal.h"
#include "places.h"
#include "resources.h"
#include "roles.h"

#define ROLES_WEEK (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)

genop_err cal_week_parse(const char *text, genop_date *monday, genop_error *e)
{
    int64_t year = 0, week = 0;
    bool ok = text && strlen(text) == 8 && text[4] == '-' && text[5] == 'W' &&
              genop_decimal_parse(text, 4, &year) && text[6] >= '0' && text[6] <= '9' &&
              genop_decimal_parse(text + 6, 2, &week) && year > GENOP_YEAR_MIN &&
              year < GENOP_YEAR_MAX && week >= 1 && week <= 53;
    if (!ok)
        return genop_refuse(e, GENOP_EINVAL, "week", "week skal være en ISO-uge som "
                            "2026-W49 (år, W og ugenummer 01-53)");
    genop_date jan4 = genop_date_from_ymd_unchecked((int)year, 1, 4);
    genop_date d = genop_date_week_monday(jan4) + 7 * ((int)week - 1);
    int y, w;
    genop_date_iso_week(d, &y, &w);
    if (y != year || w != week)
        return genop_refuse(e, GENOP_EINVAL, "week", "week: %04d har ikke en uge %02d",
                            (int)year, (int)week);
    *monday = d;
    return GENOP_OK;
}

char *cal_week_format(genop_date day, char buf[9])
{
    int y, w;
    genop_date_iso_week(day, &y, &w);
    unsigned yy = (unsigned)y % 10000u, ww = (unsigned)w % 100u;
    snprintf(buf, 9, "%04u-W%02u", yy, ww);
    return buf;
}

/* Who or what the week is of, checked against actor's municipality;
 * sets w->name and, for a therapist, *therapist_id. */
static genop_err subject(genop_store *s, const genop_user *actor, cal_week *w,
                         int64_t *therapist_id, genop_error *e)
{
    const char *muni = actor->municipality;
    genop_err err = GENOP_OK;
    if (w->q.of == CAL_WEEK_THERAPIST) {
        genop_user u;
        err = casework_terapeut_find(s, actor, w->q.therapist, "therapist", &u, e);
        if (err == GENOP_EINVAL)
            return genop_refuse(e, GENOP_ENOTFOUND, "therapist", "%s er ikke terapeut i "
                                "kommunen.", w->q.therapist);
        if (err)
            return err;
        *therapist_id = u.id;
        snprintf(w->name, sizeof w->name, "%s", u.username);
    } else if (w->q.of == CAL_WEEK_ROOM) {
        genop_room_row r;
        err = genop_store_room_get(s, muni, w->q.id, &r, e);
        if (err == GENOP_ENOTFOUND)
            return genop_refuse(e, GENOP_ENOTFOUND, "room", "Rummet findes ikke i kommunen.");
        snprintf(w->name, sizeof w->name, "%s", r.name);
    } else {
        genop_team_row t;
        err = genop_store_team_get(s, muni, w->q.id, &t, e);
        if (err == GENOP_ENOTFOUND)
            return genop_refuse(e, GENOP_ENOTFOUND, "team", "Holdet findes ikke i kommunen.");
        snprintf(w->name, sizeof w->name, "%s", t.name);
    }
    return err ? casework_internal(err, e) : GENOP_OK;
}

/* Each day's date and public holiday (or day off) by std's calendar. */
static genop_err holidays(const genop_standard *std, cal_week *w, genop_error *e)
{
    genop_holiday h[GENOP_HOLIDAYS_PER_YEAR_MAX];
    int years[2], m, d;
    genop_date_to_ymd(w->q.monday, &years[0], &m, &d);
    genop_date_to_ymd(w->q.monday + 6, &years[1], &m, &d);
    for (int i = 0; i < 7; i++)
        w->days[i].date = w->q.monday + i;
    for (int y = 0; y < 2 && (y == 0 || years[1] != years[0]); y++) {
        size_t n = 0;
        genop_err err = genop_calendar_holidays(std->calendar, years[y], h, &n, e);
        if (err)
            return casework_internal(err, e);
        for (size_t k = n; k-- > 0;) {     /* on a shared date the public holiday wins */
            genop_date off = h[k].date - w->q.monday;
            if (off >= 0 && off < 7)
                w->days[off].holiday = h[k].name;
        }
    }
    return GENOP_OK;
}

/* The therapist's hours and absences of each day of w. */
static genop_err therapist_days(genop_store *s, const char *muni, int64_t therapist_id,
                                cal_week *w, genop_error *e)
{
    genop_list hours = {0}, absences = {0};
    genop_err err = genop_store_staff_hours(s, muni, therapist_id, &hours, e);
    if (!err)
        err = genop_store_staff_absences(s, muni, therapist_id, &absences, e);
    const genop_staff_hours_row *h = hours.items;
    const genop_absence_row *a = absences.items;
    for (int i = 0; !err && i < 7; i++) {
        cal_week_day *day = &w->days[i];
        for (size_t k = 0; k < hours.n && day->n_hours < CAL_HOURS_MAX; k++)
            if (h[k].weekday == i + 1) {
                day->from[day->n_hours] = h[k].from_minute;
                day->to[day->n_hours++] = h[k].to_minute;
            }
        for (size_t k = 0; k < absences.n && !day->absent; k++)
            if (a[k].from <= day->date && day->date <= a[k].to) {
                day->absent = true;
                snprintf(day->absence, sizeof day->absence, "%s", a[k].reason);
            }
    }
    genop_store_free_list(&hours);
    genop_store_free_list(&absences);
    return casework_internal(err, e);
}

/* The names item i is shown with: its citizen's and its place's. */
static genop_err item_names(genop_store *s, const char *muni, const cal_places *p,
                            cal_week_item *it, audit_rows *rows, genop_error *e)
{
    genop_citizen c;
    genop_err err = cal_case_citizen(s, muni, it->a.case_id, &c, e);
    if (!err)
        err = audit_rows_add(rows, c.id, it->a.case_id, e);
    if (err)
        return err;
    snprintf(it->citizen, sizeof it->citizen, "%s", c.name);
    cal_feed_initials(c.name, it->initials);
    const genop_team_row *team = it->a.team_id ? cal_places_team(p, it->a.team_id) : NULL;
    if (team)
        snprintf(it->team, sizeof it->team, "%s", team->name);
    const genop_room_row *r = it->a.room_id ? cal_places_room(p, it->a.room_id) : NULL;
    const genop_location_row *l = r ? cal_places_location(p, r->location_id) : NULL;
    snprintf(it->place, sizeof it->place, "%s", r ? r->name : "Borgerens hjem");
    if (l) {
        snprintf(it->location, sizeof it->location, "%s", l->name);
        snprintf(it->address, sizeof it->address, "%s", l->address);
    }
    return GENOP_OK;
}

/* The week's appointments of the subject into w->items, their reads in rows. */
static genop_err items(genop_store *s, const char *muni, int64_t therapist_id, cal_week *w,
                       audit_rows *rows, genop_error *e)
{
    genop_appointment_filter f = {.has_from = true, .has_to = true, .from = w->q.monday,
                                  .to = w->q.monday + 6, .therapist_id = therapist_id};
    f.room_id = w->q.of == CAL_WEEK_ROOM ? w->q.id : 0;
    f.team_id = w->q.of == CAL_WEEK_TEAM ? w->q.id : 0;
    genop_list l = {0};
    cal_places p;
    memset(&p, 0, sizeof p);
    genop_err err = casework_internal(genop_store_appointments_find(s, muni, &f, &l, e), e);
    if (!err)
        err = cal_places_read(s, muni, &p, e);
    if (!err && l.n && !(w->items = calloc(l.n, sizeof *w->items)))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til ugen");
    const genop_appointment_row *a = l.items;
    for (size_t i = 0; !err && i < l.n; i++) {
        w->items[i].a = a[i];
        w->n = i + 1;
        err = item_names(s, muni, &p, &w->items[i], rows, e);
    }
    cal_places_release(&p);
    genop_store_free_list(&l);
    return err;
}

genop_err casework_calendar_week(const casework_env *env, const genop_user *actor,
                                 const cal_week_query *q, cal_week *out, genop_error *e)
{
    const genop_standard *std = NULL;
    int64_t therapist_id = 0;
    memset(out, 0, sizeof *out);
    out->q = *q;
    genop_err err = casework_require_role(actor, ROLES_WEEK, "se kalenderen", e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (!err)
        err = subject(env->store, actor, out, &therapist_id, e);
    if (!err)
        err = holidays(std, out, e);
    if (!err && q->of == CAL_WEEK_THERAPIST)
        err = therapist_days(env->store, actor->municipality, therapist_id, out, e);
    if (err)
        return err;
    audit_rows rows;
    audit_rows_init(&rows, actor, AUDIT_CALENDAR_WEEK, AUDIT_PURPOSE_PLANNING);
    err = items(env->store, actor->municipality, therapist_id, out, &rows, e);
    if (!err)
        err = audit_rows_record(env, &rows, e);
    audit_rows_release(&rows);
    return err;
}

void cal_week_release(cal_week *w)
{
    free(w->items);
    w->items = NULL;
    w->n = 0;
}
