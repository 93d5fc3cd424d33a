/*
 * booking_input.c - reading the booking bodies (see booking_input.h).
 */
#include "booking_input.h"

#include <stdio.h>
#include <string.h>

#include "calendar_input.h"
#include "json_input.h"

const char *cal_place_name(cal_place p)
{
    static const char *const names[] = {"room", "home", "team"};
    return names[p];
}

/* Exactly one of "room": ID, "home": true, "team": ID. */
static genop_err read_place(const json_t *body, cal_booking *b, genop_error *e)
{
    bool has_home = false, home = false;
    genop_err err = in_id(body, "$", "room", 0, &b->room_id, e);
    if (!err)
        err = in_id(body, "$", "team", 0, &b->team_id, e);
    if (!err)
        err = in_bool(body, "$", "home", 0, &has_home, &home, e);
    if (err)
        return err;
    int n = (b->room_id != 0) + (b->team_id != 0) + (has_home && home);
    if (n != 1)
        return genop_refuse(e, GENOP_EINVAL, "$.room", "$.room: angiv præcis ét af \"room\", "
                            "\"home\": true og \"team\"");
    b->place = b->room_id ? CAL_PLACE_ROOM : b->team_id ? CAL_PLACE_TEAM : CAL_PLACE_HOME;
    return GENOP_OK;
}

/* case, therapist, kind, minutes (not required for a team) and place. */
static genop_err read_common(const json_t *body, cal_booking *b, genop_error *e)
{
    const char *t, *kind;
    genop_err err = in_id(body, "$", "case", IN_REQUIRED, &b->case_id, e);
    if (!err)
        err = in_text(body, "$", "therapist", IN_REQUIRED | IN_ONE_LINE,
                      GENOP_USERNAME_MAX - 1, &t, e);
    if (!err)
        snprintf(b->therapist, sizeof b->therapist, "%s", t);
    if (!err)
        err = in_text(body, "$", "kind", IN_REQUIRED | IN_ONE_LINE, 16, &kind, e);
    if (!err && (!genop_session_kind_from_name(kind, &b->kind)))
        err = genop_refuse(e, GENOP_EINVAL, "$.kind", "$.kind skal være training eller "
                           "assessment");
    if (!err)
        err = read_place(body, b, e);
    if (!err)
        err = cal_in_int(body, "$", "minutes", b->place == CAL_PLACE_TEAM ? 0 : IN_REQUIRED, 1,
                         GENOP_MINUTES_PER_DAY, NULL, &b->minutes, e);
    return err;
}

genop_err cal_booking_read(const json_t *body, cal_booking *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *start;
    genop_err err = read_common(body, out, e);
    if (!err)
        err = in_text(body, "$", "start", IN_REQUIRED | IN_ONE_LINE, 16, &start, e);
    if (!err && genop_wallclock_parse(start, &out->start, e))
        err = genop_refuse(e, GENOP_EINVAL, "$.start", "$.start: %s", e->message);
    bool has;
    if (!err)
        err = in_bool(body, "$", "holidays", 0, &has, &out->holidays, e);
    return err;
}

static genop_err read_weekdays(const json_t *body, cal_series *s, genop_error *e)
{
    const json_t *w = json_object_get(body, "weekdays");
    if (!json_is_array(w) || json_array_size(w) == 0 || json_array_size(w) > 7)
        return genop_refuse(e, GENOP_EINVAL, "$.weekdays", "$.weekdays skal være en liste af "
                            "ugedage 1-7 (1 er mandag)");
    for (size_t i = 0; i < json_array_size(w); i++) {
        const json_t *d = json_array_get(w, i);
        json_int_t v = json_is_integer(d) ? json_integer_value(d) : 0;
        if (v < 1 || v > 7) {
            char f[48];
            snprintf(f, sizeof f, "$.weekdays[%zu]", i);
            return genop_refuse(e, GENOP_EINVAL, f, "%s skal være en ugedag 1-7", f);
        }
        s->weekdays[v] = true;
    }
    return GENOP_OK;
}

genop_err cal_series_read(const json_t *body, cal_series *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    bool has;
    genop_err err = read_common(body, &out->first, e);
    if (!err)
        err = read_weekdays(body, out, e);
    if (!err)
        err = cal_in_hhmm(body, "$", "time", out->first.place == CAL_PLACE_TEAM ? 0 : IN_REQUIRED,
                          &out->time, e);
    if (!err)
        err = in_date(body, "$", "from", IN_REQUIRED, &has, &out->from, e);
    if (!err)
        err = in_date(body, "$", "until", IN_REQUIRED, &has, &out->until, e);
    if (!err && out->until < out->from)
        err = genop_refuse(e, GENOP_EINVAL, "$.until", "$.until: forløbet slutter før det "
                           "begynder");
    if (!err && out->until - out->from >= CAL_SERIES_DAYS_MAX)
        err = genop_refuse(e, GENOP_EINVAL, "$.until", "$.until: en serie må højst spænde "
                           "over %d dage", CAL_SERIES_DAYS_MAX);
    if (!err)
        err = in_bool(body, "$", "holidays", 0, &has, &out->holidays, e);
    return err;
}

genop_err cal_cancel_read(const json_t *body, cal_cancel *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *by, *reason;
    genop_err err = in_text(body, "$", "by", IN_REQUIRED | IN_ONE_LINE, 15, &by, e);
    if (!err && strcmp(by, "provider") != 0 && strcmp(by, "citizen") != 0)
        err = genop_refuse(e, GENOP_EINVAL, "$.by", "$.by skal være provider eller citizen");
    if (!err)
        err = in_text(body, "$", "reason", IN_REQUIRED | IN_ONE_LINE, sizeof out->reason - 1,
                      &reason, e);
    if (!err) {
        snprintf(out->by, sizeof out->by, "%s", by);
        snprintf(out->reason, sizeof out->reason, "%s", reason);
    }
    return err;
}

genop_err cal_outcome_read(const json_t *body, cal_outcome *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const char *o;
    genop_err err = in_text(body, "$", "outcome", IN_REQUIRED | IN_ONE_LINE, 24, &o, e);
    if (!err && !genop_outcome_from_name(o, &out->outcome))
        err = genop_refuse(e, GENOP_EINVAL, "$.outcome", "$.outcome skal være attended, "
                           "no_show, citizen_cancelled eller provider_cancelled");
    if (!err)
        err = cal_in_int(body, "$", "minutes", 0, 1, GENOP_MINUTES_PER_DAY, &out->has_minutes,
                         &out->minutes, e);
    return err;
}
