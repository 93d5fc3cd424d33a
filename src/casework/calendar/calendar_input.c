/*
 * calendar_input.c - reading the calendar's set-up bodies (see
 * calendar_input.h) with json_input.h's checkers and wallclock.h's times.
 */
#include "calendar_input.h"

#include <stdio.h>
#include <string.h>

#include "json_input.h"
#include "wallclock.h"

static const char *const professions[] = {"fysioterapeut", "ergoterapeut",
                                          "træningsassistent"};

/* path.key into field. */
static void field_of(char *field, size_t size, const char *path, const char *key)
{
    snprintf(field, size, "%s.%s", path, key);
}

genop_err cal_in_int(const json_t *obj, const char *path, const char *key, unsigned flags,
                     int min, int max, bool *present, int *val, genop_error *e)
{
    char field[128];
    field_of(field, sizeof field, path, key);
    const json_t *v = json_object_get(obj, key);
    if (present)
        *present = v && !json_is_null(v);
    if (!v || json_is_null(v))
        return (flags & IN_REQUIRED)
                   ? genop_refuse(e, GENOP_EINVAL, field, "%s mangler", field)
                   : GENOP_OK;
    if (!json_is_integer(v))
        return genop_refuse(e, GENOP_EINVAL, field, "%s skal være et heltal", field);
    json_int_t n = json_integer_value(v);
    if (n < min || n > max)
        return genop_refuse(e, GENOP_EINVAL, field, "%s skal være mellem %d og %d, ikke %lld",
                            field, min, max, (long long)n);
    *val = (int)n;
    return GENOP_OK;
}

genop_err cal_in_hhmm(const json_t *obj, const char *path, const char *key, unsigned flags,
                      int *minute, genop_error *e)
{
    const char *text;
    char field[128];
    field_of(field, sizeof field, path, key);
    genop_err err = in_text(obj, path, key, flags, 5, &text, e);
    if (err || !text)
        return err;
    if (genop_hhmm_parse(text, minute, e))
        return genop_refuse(e, GENOP_EINVAL, field, "%s: %s", field, e->message);
    return GENOP_OK;
}

/* The array member key at path (NULL when absent and not required), of at
 * most max items. */
static genop_err in_array(const json_t *obj, const char *path, const char *key, size_t max,
                          const json_t **arr, genop_error *e)
{
    char field[128];
    field_of(field, sizeof field, path, key);
    const json_t *v = json_object_get(obj, key);
    *arr = NULL;
    if (!v || json_is_null(v))
        return GENOP_OK;
    if (!json_is_array(v))
        return genop_refuse(e, GENOP_EINVAL, field, "%s skal være en liste", field);
    if (json_array_size(v) > max)
        return genop_refuse(e, GENOP_EINVAL, field, "%s må højst have %zu elementer", field,
                            max);
    *arr = v;
    return GENOP_OK;
}

/* The i-th item of arr at path.key[i], an object. */
static genop_err item_at(const json_t *arr, const char *path, const char *key, size_t i,
                         char *ipath, size_t size, const json_t **item, genop_error *e)
{
    snprintf(ipath, size, "%s.%s[%zu]", path, key, i);
    *item = json_array_get(arr, i);
    if (!json_is_object(*item))
        return genop_refuse(e, GENOP_EINVAL, ipath, "%s skal være et objekt", ipath);
    return GENOP_OK;
}

/* Copies the text member key (at most size - 1 bytes) into buf. */
static genop_err text_into(const json_t *obj, const char *path, const char *key, unsigned flags,
                           char *buf, size_t size, genop_error *e)
{
    const char *t;
    genop_err err = in_text(obj, path, key, flags | IN_ONE_LINE, size - 1, &t, e);
    if (!err)
        snprintf(buf, size, "%s", t ? t : "");
    return err;
}

/* A room's {"name", "capacity"} at path into *r. */
static genop_err room_members(const json_t *o, const char *path, genop_room_row *r,
                              genop_error *e)
{
    genop_err err = text_into(o, path, "name", IN_REQUIRED, r->name, sizeof r->name, e);
    if (!err)
        err = cal_in_int(o, path, "capacity", IN_REQUIRED, 1, CAL_CAPACITY_MAX, NULL,
                         &r->capacity, e);
    return err;
}

static genop_err read_room(const json_t *arr, size_t i, genop_room_row *r, genop_error *e)
{
    char p[64];
    const json_t *o;
    genop_err err = item_at(arr, "$", "rooms", i, p, sizeof p, &o, e);
    return err ? err : room_members(o, p, r, e);
}

genop_err cal_room_read(const json_t *body, genop_room_row *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    return room_members(body, "$", out, e);
}

genop_err cal_location_read(const json_t *body, cal_location_input *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const json_t *rooms;
    genop_err err = text_into(body, "$", "name", IN_REQUIRED, out->loc.name,
                              sizeof out->loc.name, e);
    if (!err)
        err = text_into(body, "$", "address", 0, out->loc.address, sizeof out->loc.address, e);
    if (!err)
        err = in_array(body, "$", "rooms", CAL_ROOMS_MAX, &rooms, e);
    for (size_t i = 0; !err && rooms && i < json_array_size(rooms); i++, out->n_rooms++)
        err = read_room(rooms, i, &out->rooms[i], e);
    return err;
}

static genop_err read_hours(const json_t *arr, size_t i, genop_staff_hours_row *h,
                            genop_error *e)
{
    char p[64], to[80];
    const json_t *o;
    genop_err err = item_at(arr, "$", "hours", i, p, sizeof p, &o, e);
    if (!err)
        err = cal_in_int(o, p, "weekday", IN_REQUIRED, 1, 7, NULL, &h->weekday, e);
    if (!err)
        err = cal_in_hhmm(o, p, "from", IN_REQUIRED, &h->from_minute, e);
    const char *end = json_string_value(json_object_get(o, "to"));
    if (!err && end && strcmp(end, "24:00") == 0)
        h->to_minute = GENOP_MINUTES_PER_DAY;          /* as GET /staff writes midnight */
    else if (!err)
        err = cal_in_hhmm(o, p, "to", IN_REQUIRED, &h->to_minute, e);
    snprintf(to, sizeof to, "%s.to", p);
    if (!err && h->to_minute == 0)
        h->to_minute = GENOP_MINUTES_PER_DAY;          /* "00:00": to midnight */
    if (!err && h->from_minute >= h->to_minute)
        err = genop_refuse(e, GENOP_EINVAL, to, "%s: arbejdstiden skal slutte efter den "
                           "begynder", to);
    return err;
}

/* No two periods of one weekday overlap; the later one is named. */
static genop_err hours_apart(const cal_staff_input *s, genop_error *e)
{
    static const char *const days[] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag",
                                       "lørdag", "søndag"};
    for (size_t i = 0; i < s->n_hours; i++)
        for (size_t j = 0; j < i; j++) {
            const genop_staff_hours_row *a = &s->hours[j], *b = &s->hours[i];
            if (a->weekday == b->weekday && a->from_minute < b->to_minute &&
                b->from_minute < a->to_minute) {
                char f[64];
                snprintf(f, sizeof f, "$.hours[%zu]", i);
                return genop_refuse(e, GENOP_EINVAL, f, "%s: arbejdstiden overlapper en anden "
                                    "arbejdstid om %sen ($.hours[%zu])", f,
                                    days[b->weekday - 1], j);
            }
        }
    return GENOP_OK;
}

static genop_err read_absence(const json_t *arr, size_t i, genop_absence_row *a,
                              genop_error *e)
{
    char p[64], to[80];
    const json_t *o;
    bool has;
    genop_err err = item_at(arr, "$", "absences", i, p, sizeof p, &o, e);
    if (!err)
        err = in_date(o, p, "from", IN_REQUIRED, &has, &a->from, e);
    if (!err)
        err = in_date(o, p, "to", IN_REQUIRED, &has, &a->to, e);
    if (!err)
        err = text_into(o, p, "reason", 0, a->reason, sizeof a->reason, e);
    snprintf(to, sizeof to, "%s.to", p);
    if (!err && a->to < a->from)
        err = genop_refuse(e, GENOP_EINVAL, to, "%s: fraværet slutter før det begynder", to);
    return err;
}

static genop_err read_profession(const json_t *body, cal_staff_input *out, genop_error *e)
{
    genop_err err = text_into(body, "$", "profession", IN_REQUIRED, out->profile.profession,
                              sizeof out->profile.profession, e);
    for (size_t i = 0; !err && i < sizeof professions / sizeof professions[0]; i++)
        if (strcmp(out->profile.profession, professions[i]) == 0)
            return GENOP_OK;
    return err ? err
               : genop_refuse(e, GENOP_EINVAL, "$.profession", "$.profession skal være "
                              "fysioterapeut, ergoterapeut eller træningsassistent");
}

genop_err cal_staff_read(const json_t *body, cal_staff_input *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    const json_t *hours, *absences;
    genop_err err = read_profession(body, out, e);
    if (!err)
        err = in_array(body, "$", "hours", CAL_HOURS_MAX, &hours, e);
    for (size_t i = 0; !err && hours && i < json_array_size(hours); i++, out->n_hours++)
        err = read_hours(hours, i, &out->hours[i], e);
    if (!err)
        err = hours_apart(out, e);
    if (!err)
        err = in_array(body, "$", "absences", CAL_ABSENCES_MAX, &absences, e);
    for (size_t i = 0; !err && absences && i < json_array_size(absences); i++, out->n_absences++)
        err = read_absence(absences, i, &out->absences[i], e);
    return err;
}

static genop_err read_team_time(const json_t *body, genop_team_row *t, genop_error *e)
{
    genop_err err = cal_in_int(body, "$", "weekday", IN_REQUIRED, 1, 7, NULL, &t->weekday, e);
    if (!err)
        err = cal_in_hhmm(body, "$", "time", IN_REQUIRED, &t->start_minute, e);
    if (!err)
        err = cal_in_int(body, "$", "minutes", IN_REQUIRED, 1, GENOP_MINUTES_PER_DAY, NULL,
                         &t->minutes, e);
    if (!err && t->start_minute + t->minutes > GENOP_MINUTES_PER_DAY)
        err = genop_refuse(e, GENOP_EINVAL, "$.minutes", "$.minutes: holdet skal slutte "
                           "samme dag, som det begynder");
    if (!err)
        err = cal_in_int(body, "$", "capacity", IN_REQUIRED, 1, CAL_CAPACITY_MAX, NULL,
                         &t->capacity, e);
    return err;
}

genop_err cal_team_read(const json_t *body, cal_team_input *out, genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_team_row *t = &out->team;
    bool has;
    genop_err err = text_into(body, "$", "name", IN_REQUIRED, t->name, sizeof t->name, e);
    if (!err)
        err = text_into(body, "$", "paragraph", IN_REQUIRED, t->paragraph, sizeof t->paragraph,
                        e);
    if (!err && strcmp(t->paragraph, "86.1") != 0 && strcmp(t->paragraph, "86.2") != 0)
        err = genop_refuse(e, GENOP_EINVAL, "$.paragraph", "$.paragraph skal være \"86.1\" "
                           "eller \"86.2\"");
    if (!err)
        err = in_id(body, "$", "room", IN_REQUIRED, &t->room_id, e);
    if (!err)
        err = read_team_time(body, t, e);
    if (!err)
        err = text_into(body, "$", "therapist", IN_REQUIRED, t->therapist, sizeof t->therapist,
                        e);
    if (!err)
        err = in_date(body, "$", "from", IN_REQUIRED, &has, &t->from, e);
    if (!err)
        err = in_date(body, "$", "to", 0, &t->has_to, &t->to, e);
    if (!err && t->has_to && t->to < t->from)
        err = genop_refuse(e, GENOP_EINVAL, "$.to", "$.to: holdets periode slutter før den "
                           "begynder");
    return err;
}
