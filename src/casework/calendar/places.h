/*
 * places.h - the municipality's places read once for a view of many
 * appointments (the calendar feed, the week view): its locations, rooms
 * and teams, looked up by id; and the citizen of a case, whom a calendar
 * names. The lists are read through the store handle given and owned by
 * the cal_places until cal_places_release().
 */
#ifndef GENOP_CALENDAR_PLACES_H
#define GENOP_CALENDAR_PLACES_H

#include "env.h"
#include "store_calendar.h"

typedef struct cal_places {
    genop_list locs, rooms, teams;
} cal_places;

/* Reads muni's locations, rooms and teams into *p (released with
 * cal_places_release(), also on failure). */
genop_err cal_places_read(genop_store *s, const char *muni, cal_places *p, genop_error *e);
void cal_places_release(cal_places *p);

/* The team, room or location with id, borrowed from p, or NULL. */
const genop_team_row *cal_places_team(const cal_places *p, int64_t id);
const genop_room_row *cal_places_room(const cal_places *p, int64_t id);
const genop_location_row *cal_places_location(const cal_places *p, int64_t id);

/* The citizen of case case_id of muni into *out (GENOP_EIO when either
 * cannot be read: the caller found the case through an appointment). */
genop_err cal_case_citizen(genop_store *s, const char *muni, int64_t case_id,
                           genop_citizen *out, genop_error *e);

#endif
