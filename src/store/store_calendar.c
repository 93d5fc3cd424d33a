/*
 * store_calendar.c - the genop_store_* wrappers of the calendar's records
 * (store_calendar.h): each runs the fault injection of tests and
 * dispatches through the handle's calendar table.
 */
#include "store_calendar.h"

#include <string.h>

/* Empties a list the back end will fill. */
static void list_init(genop_list *out)
{
    out->items = NULL;
    out->n = 0;
}

genop_err genop_store_location_add(genop_store *s, const char *muni, genop_location_row *l,
                                   genop_room_row *rooms, size_t n, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->location_add(s, muni, l, rooms, n, e);
}

genop_err genop_store_locations_list(genop_store *s, const char *muni, genop_list *out,
                                     genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->locations_list(s, muni, out, e);
}

genop_err genop_store_rooms_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->rooms_list(s, muni, out, e);
}

genop_err genop_store_room_get(genop_store *s, const char *muni, int64_t id,
                               genop_room_row *out, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->room_get(s, muni, id, out, e);
}

genop_err genop_store_room_add(genop_store *s, const char *muni, genop_room_row *r,
                               genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->room_add(s, muni, r, e);
}

genop_err genop_store_staff_profile_set(genop_store *s, const char *muni,
                                        const genop_staff_profile_row *p,
                                        const genop_staff_hours_row *hours, size_t n_hours,
                                        const genop_absence_row *absences, size_t n_absences,
                                        genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->staff_profile_set(s, muni, p, hours, n_hours, absences,
                                               n_absences, e);
}

genop_err genop_store_staff_profiles(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->staff_profiles(s, muni, user_id, out, e);
}

genop_err genop_store_staff_hours(genop_store *s, const char *muni, int64_t user_id,
                                  genop_list *out, genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->staff_hours(s, muni, user_id, out, e);
}

genop_err genop_store_staff_absences(genop_store *s, const char *muni, int64_t user_id,
                                     genop_list *out, genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->staff_absences(s, muni, user_id, out, e);
}

genop_err genop_store_team_add(genop_store *s, const char *muni, genop_team_row *t,
                               genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->team_add(s, muni, t, e);
}

genop_err genop_store_team_get(genop_store *s, const char *muni, int64_t id,
                               genop_team_row *out, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->team_get(s, muni, id, out, e);
}

genop_err genop_store_teams_list(genop_store *s, const char *muni, genop_list *out,
                                 genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->teams_list(s, muni, out, e);
}

genop_err genop_store_appointment_add(genop_store *s, const char *muni,
                                      genop_appointment_row *a, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->appointment_add(s, muni, a, e);
}

genop_err genop_store_appointments_find(genop_store *s, const char *muni,
                                        const genop_appointment_filter *f, genop_list *out,
                                        genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->appointments_find(s, muni, f, out, e);
}

genop_err genop_store_appointment_get(genop_store *s, const char *muni, int64_t id,
                                      genop_appointment_row *out, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->appointment_get(s, muni, id, out, e);
}

genop_err genop_store_appointment_update(genop_store *s, const char *muni,
                                         const genop_appointment_row *a, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->appointment_update(s, muni, a, e);
}

genop_err genop_store_appointment_reschedule(genop_store *s, const char *muni,
                                             const genop_appointment_row *a, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->appointment_reschedule(s, muni, a, e);
}

genop_err genop_store_calendar_key_set(genop_store *s, const char *muni, int64_t user_id,
                                       const unsigned char *hash, const char *created_by,
                                       genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->calendar_key_set(s, muni, user_id, hash, created_by, e);
}

genop_err genop_store_calendar_key_user(genop_store *s, const unsigned char *hash,
                                        genop_user *out, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->calendar_key_user(s, hash, out, e);
}

genop_err genop_store_holiday_opening_add(genop_store *s, const char *muni,
                                          const genop_holiday_opening_row *o, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->holiday_opening_add(s, muni, o, e);
}

genop_err genop_store_holiday_opening_get(genop_store *s, const char *muni, genop_date day,
                                          genop_holiday_opening_row *out, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->holiday_opening_get(s, muni, day, out, e);
}

genop_err genop_store_holiday_openings_list(genop_store *s, const char *muni, genop_list *out,
                                            genop_error *e)
{
    list_init(out);
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->holiday_openings_list(s, muni, out, e);
}

genop_err genop_store_holiday_opening_delete(genop_store *s, const char *muni, genop_date day,
                                             genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->calendar->holiday_opening_delete(s, muni, day, e);
}
