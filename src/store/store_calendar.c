/*
 * store_calendar.c - the genop_store_* wrappers of the calendar's records
 * (store_calendar.h): each runs the fault injection of tests and
 * dispatches through the handle's calendar table.
 */
#include "store_calendar.h"

#include <string.h>

/* The body of a wrapper: GENOP_EIO when the tests' fault injection says
 * so (with e set), else the handle's calendar operation op with s and the
 * arguments. Uses the wrapper's own s and e. */
#define CALENDAR_DISPATCH(op, ...)                                                          \
    (genop_store_fault_injected(s, e) ? GENOP_EIO : s->ops->calendar->op(s, __VA_ARGS__))

/* Empties a list the back end will fill. */
static void list_init(genop_list *out)
{
    out->items = NULL;
    out->n = 0;
}

genop_err genop_store_location_add(genop_store *s, const char *muni, genop_location_row *l,
                                   genop_room_row *rooms, size_t n, genop_error *e)
{
    return CALENDAR_DISPATCH(location_add, muni, l, rooms, n, e);
}

genop_err genop_store_locations_list(genop_store *s, const char *muni, genop_list *out,
                                     genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(locations_list, muni, out, e);
}

genop_err genop_store_rooms_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(rooms_list, muni, out, e);
}

genop_err genop_store_room_get(genop_store *s, const char *muni, int64_t id,
                               genop_room_row *out, genop_error *e)
{
    return CALENDAR_DISPATCH(room_get, muni, id, out, e);
}

genop_err genop_store_room_add(genop_store *s, const char *muni, genop_room_row *r,
                               genop_error *e)
{
    return CALENDAR_DISPATCH(room_add, muni, r, e);
}

genop_err genop_store_staff_profile_set(genop_store *s, const char *muni,
                                        const genop_staff_profile_row *p,
                                        const genop_staff_hours_row *hours, size_t n_hours,
                                        const genop_absence_row *absences, size_t n_absences,
                                        genop_error *e)
{
    return CALENDAR_DISPATCH(staff_profile_set, muni, p, hours, n_hours, absences,
                                               n_absences, e);
}

genop_err genop_store_staff_profiles(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(staff_profiles, muni, user_id, out, e);
}

genop_err genop_store_staff_hours(genop_store *s, const char *muni, int64_t user_id,
                                  genop_list *out, genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(staff_hours, muni, user_id, out, e);
}

genop_err genop_store_staff_absences(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(staff_absences, muni, user_id, out, e);
}

genop_err genop_store_team_add(genop_store *s, const char *muni, genop_team_row *t,
                               genop_error *e)
{
    return CALENDAR_DISPATCH(team_add, muni, t, e);
}

genop_err genop_store_team_get(genop_store *s, const char *muni, int64_t id,
                               genop_team_row *out, genop_error *e)
{
    return CALENDAR_DISPATCH(team_get, muni, id, out, e);
}

genop_err genop_store_teams_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(teams_list, muni, out, e);
}

genop_err genop_store_appointment_add(genop_store *s, const char *muni,
                                      genop_appointment_row *a, genop_error *e)
{
    return CALENDAR_DISPATCH(appointment_add, muni, a, e);
}

genop_err genop_store_appointments_find(genop_store *s, const char *muni,
                                        const genop_appointment_filter *f, genop_list *out,
                                        genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(appointments_find, muni, f, out, e);
}

genop_err genop_store_appointment_get(genop_store *s, const char *muni, int64_t id,
                                      genop_appointment_row *out, genop_error *e)
{
    return CALENDAR_DISPATCH(appointment_get, muni, id, out, e);
}

genop_err genop_store_appointment_update(genop_store *s, const char *muni,
                                         const genop_appointment_row *a, genop_error *e)
{
    return CALENDAR_DISPATCH(appointment_update, muni, a, e);
}

genop_err genop_store_appointment_reschedule(genop_store *s, const char *muni,
                                             const genop_appointment_row *a, genop_error *e)
{
    return CALENDAR_DISPATCH(appointment_reschedule, muni, a, e);
}

genop_err genop_store_calendar_key_set(genop_store *s, const char *muni, int64_t user_id,
                                       const unsigned char *hash, const char *created_by,
                                       genop_error *e)
{
    return CALENDAR_DISPATCH(calendar_key_set, muni, user_id, hash, created_by, e);
}

genop_err genop_store_calendar_key_user(genop_store *s, const unsigned char *hash,
                                        genop_user *out, genop_error *e)
{
    return CALENDAR_DISPATCH(calendar_key_user, hash, out, e);
}

genop_err genop_store_holiday_opening_add(genop_store *s, const char *muni,
                                          const genop_holiday_opening_row *o, genop_error *e)
{
    return CALENDAR_DISPATCH(holiday_opening_add, muni, o, e);
}

genop_err genop_store_holiday_opening_get(genop_store *s, const char *muni, genop_date day,
                                          genop_holiday_opening_row *out, genop_error *e)
{
    return CALENDAR_DISPATCH(holiday_opening_get, muni, day, out, e);
}

genop_err genop_store_holiday_openings_list(genop_store *s, const char *muni, genop_list *out,
                                            genop_error *e)
{
    list_init(out);
    return CALENDAR_DISPATCH(holiday_openings_list, muni, out, e);
}

genop_err genop_store_holiday_opening_delete(genop_store *s, const char *muni, genop_date day,
                                             genop_error *e)
{
    return CALENDAR_DISPATCH(holiday_opening_delete, muni, day, e);
}

genop_err genop_store_appointments_walk(genop_store *s, const char *muni, genop_date from,
                                        genop_date to, unsigned paragraph,
                                        genop_appointment_fn fn, void *ctx, genop_error *e)
{
    return CALENDAR_DISPATCH(appointments_walk, muni, from, to, paragraph, fn, ctx, e);
}
