/*
 * booking_rules.c - the checks of a booking that concern the calendar's
 * resources (the therapist, the room, the team) and their order (see
 * booking_rules.h); the case's are booking_limits.c's.
 */
#include "booking_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "booking_limits.h"
#include "holidays.h"
#include "resources.h"

genop_err cal_conflict(cal_refusal *why, const char *what, genop_error *e, const char *fmt, ...)
{
    char msg[GENOP_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(why->conflict, sizeof why->conflict, "%s", what);
    return genop_refuse(e, GENOP_ECONFLICT, NULL, "%s", msg);
}

/* Resolves the team's meeting in the week of b->start into row. */
static genop_err take_team(genop_store *s, const char *muni, const cal_booking *b,
                           genop_team_row *team, genop_appointment_row *row, genop_error *e)
{
    genop_err err = genop_store_team_get(s, muni, b->team_id, team, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_EINVAL, "$.team", "$.team: holdet findes ikke i kommunen");
    if (err)
        return casework_internal(err, e);
    row->day = genop_date_week_monday(b->start.date) + team->weekday - 1;
    row->minutes = team->minutes;
    row->room_id = team->room_id;
    row->team_id = team->id;
    return GENOP_OK;
}

/* The appointment's rows but its times, from b (and the team's). */
static genop_err resolve(genop_store *s, const genop_user *actor, const cal_booking *b,
                         genop_team_row *team, genop_appointment_row *row, int *start_minute,
                         genop_error *e)
{
    genop_user u;
    genop_err err = casework_terapeut_find(s, actor, b->therapist, "$.therapist", &u, e);
    if (err)
        return err;
    row->case_id = b->case_id;
    row->therapist_id = u.id;
    snprintf(row->therapist, sizeof row->therapist, "%s", u.username);
    snprintf(row->kind, sizeof row->kind, "%s", genop_session_kind_name(b->kind));
    snprintf(row->place, sizeof row->place, "%s", cal_place_name(b->place));
    snprintf(row->created_by, sizeof row->created_by, "%s", actor->username);
    snprintf(row->status, sizeof row->status, "booked");
    row->day = b->start.date;
    row->minutes = b->minutes;
    row->room_id = b->room_id;
    *start_minute = b->start.minute;
    if (b->place == CAL_PLACE_TEAM) {
        err = take_team(s, actor->municipality, b, team, row, e);
        *start_minute = team->start_minute;
    }
    return err;
}

/* Sets the start text and instants of row (day, minutes set) at minute. */
static genop_err set_times(genop_appointment_row *row, int minute, genop_error *e)
{
    genop_wallclock t = {row->day, minute};
    if (genop_wallclock_to_unix(t, &row->starts_at, NULL, e))
        return genop_refuse(e, GENOP_EINVAL, "$.start", "$.start: %s", e->message);
    row->ends_at = row->starts_at + (int64_t)row->minutes * 60;
    genop_wallclock_format(t, row->start);
    return GENOP_OK;
}

/* The wall-clock minute the appointment ends at on its day (1440: at
 * midnight), or -1 when it ends on a later day. */
static int end_minute(const genop_appointment_row *row)
{
    genop_wallclock end = genop_wallclock_from_unix(row->ends_at);
    if (end.date == row->day)
        return end.minute;
    return end.date == row->day + 1 && end.minute == 0 ? GENOP_MINUTES_PER_DAY : -1;
}

/* The therapist works the whole appointment and is not absent then. */
static genop_err therapist_free_day(genop_store *s, const char *muni,
                                    const genop_appointment_row *row, int minute,
                                    cal_refusal *why, genop_error *e)
{
    genop_list hours = {0}, absences = {0};
    genop_err err = genop_store_staff_hours(s, muni, row->therapist_id, &hours, e);
    if (!err)
        err = genop_store_staff_absences(s, muni, row->therapist_id, &absences, e);
    bool absent = false, works = false;
    int end = end_minute(row), wd = genop_date_weekday(row->day);
    const genop_absence_row *a = absences.items;
    const genop_staff_hours_row *h = hours.items;
    for (size_t i = 0; !err && i < absences.n; i++)
        absent |= a[i].from <= row->day && row->day <= a[i].to;
    for (size_t i = 0; !err && i < hours.n; i++)
        works |= h[i].weekday == wd && h[i].from_minute <= minute && end >= 0 &&
                 end <= h[i].to_minute;
    genop_store_free_list(&hours);
    genop_store_free_list(&absences);
    if (err)
        return casework_internal(err, e);
    char day[GENOP_DATE_DA_SIZE];
    genop_date_format_da(row->day, day);
    if (absent)
        return cal_conflict(why, "therapist", e, "%s er fraværende %s.", row->therapist, day);
    if (!works)
        return cal_conflict(why, "therapist", e, "%s arbejder ikke på det tidspunkt %s.",
                            row->therapist, day);
    return GENOP_OK;
}

/* The active appointments overlapping row that f (set further) selects. */
static genop_err overlapping(genop_store *s, const char *muni, const genop_appointment_row *row,
                             genop_appointment_filter *f, genop_list *out, genop_error *e)
{
    f->active = true;
    f->overlapping = true;
    f->before = row->ends_at;
    f->after = row->starts_at;
    return casework_internal(genop_store_appointments_find(s, muni, f, out, e), e);
}

/* No other appointment of the therapist overlaps (but the same meeting's). */
static genop_err therapist_free_time(genop_store *s, const char *muni,
                                     const genop_appointment_row *row, cal_refusal *why,
                                     genop_error *e)
{
    genop_appointment_filter f = {.therapist_id = row->therapist_id};
    genop_list l;
    genop_err err = overlapping(s, muni, row, &f, &l, e);
    const genop_appointment_row *a = l.items;
    size_t clash = l.n;
    for (size_t i = 0; !err && i < l.n && clash == l.n; i++)
        if (!(row->team_id && a[i].team_id == row->team_id && a[i].starts_at == row->starts_at))
            clash = i;
    if (!err && clash < l.n)
        err = cal_conflict(why, "therapist", e, "%s har allerede en tid %s (tid %lld).",
                           row->therapist, a[clash].start, (long long)a[clash].id);
    genop_store_free_list(&l);
    return err;
}

/* The room holds fewer overlapping appointments than its capacity. */
static genop_err room_free(genop_store *s, const char *muni, const genop_appointment_row *row,
                           cal_refusal *why, genop_error *e)
{
    genop_room_row room;
    genop_err err = genop_store_room_get(s, muni, row->room_id, &room, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_EINVAL, "$.room", "$.room: rummet findes ikke i kommunen");
    if (err)
        return casework_internal(err, e);
    genop_appointment_filter f = {.room_id = row->room_id};
    genop_list l;
    err = overlapping(s, muni, row, &f, &l, e);
    if (!err && l.n >= (size_t)room.capacity)
        err = cal_conflict(why, "room", e, "%s er optaget: der er plads til %d ad gangen.",
                           room.name, room.capacity);
    genop_store_free_list(&l);
    return err;
}

/* The team meets that week and its meeting has a free place. */
static genop_err team_free(genop_store *s, const char *muni, const genop_team_row *team,
                           const genop_appointment_row *row, cal_refusal *why, genop_error *e)
{
    char day[GENOP_DATE_DA_SIZE];
    genop_date_format_da(row->day, day);
    if (row->day < team->from || (team->has_to && row->day > team->to))
        return cal_conflict(why, "team", e, "%s mødes ikke %s.", team->name, day);
    genop_appointment_filter f = {.team_id = team->id, .active = true};
    genop_list l;
    f.has_from = f.has_to = true;
    f.from = f.to = row->day;
    genop_err err = casework_internal(genop_store_appointments_find(s, muni, &f, &l, e), e);
    const genop_appointment_row *a = l.items;
    size_t taken = 0;
    bool on = false;
    for (size_t i = 0; !err && i < l.n; i++) {
        taken += a[i].starts_at == row->starts_at;
        on |= a[i].starts_at == row->starts_at && a[i].case_id == row->case_id;
    }
    genop_store_free_list(&l);
    if (!err && on)
        err = cal_conflict(why, "team", e, "Sagen er allerede på %s %s.", team->name, day);
    if (!err && taken >= (size_t)team->capacity)
        err = cal_conflict(why, "team", e, "%s er fuldt %s (%d pladser).", team->name, day,
                           team->capacity);
    return err;
}

genop_err cal_booking_check(genop_store *s, const genop_user *actor, const genop_standard *std,
                            genop_date today, const cal_booking *b, genop_appointment_row *row,
                            cal_refusal *why, cal_warning *warn, genop_error *e)
{
    const char *muni = actor->municipality;
    genop_team_row team;
    int minute = 0;
    memset(row, 0, sizeof *row);
    memset(why, 0, sizeof *why);
    memset(warn, 0, sizeof *warn);
    memset(&team, 0, sizeof team);
    genop_err err = resolve(s, actor, b, &team, row, &minute, e);
    if (!err)
        err = set_times(row, minute, e);
    if (!err)
        err = cal_holiday_check(s, muni, std, row->day, b->holidays, "$.start", e);
    if (!err && b->place == CAL_PLACE_TEAM)
        err = team_free(s, muni, &team, row, why, e);
    if (!err)
        err = therapist_free_day(s, muni, row, minute, why, e);
    if (!err)
        err = therapist_free_time(s, muni, row, why, e);
    if (!err && row->room_id)
        err = room_free(s, muni, row, why, e);
    if (!err)
        err = cal_case_check(s, actor, std, today, row, why, warn, e);
    return err;
}
