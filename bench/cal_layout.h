/*
 * cal_layout.h - the shape of the calendar benchmark's municipality
 * (bench/calendar.sh), shared by its seeder (seed_calendar_db.c) and its
 * booking run (bench_booking.c): who trains whom, where and when, so
 * that a week of every course can be booked again on the same plan.
 *
 * 60 therapists ("bench-terapeut-01".."60"), Monday to Friday 08:00-15:30
 * (ten slots of 45 minutes a day), therapist t at location t % 5. Five
 * locations, each with a hall (capacity 16) and six treatment rooms
 * (capacity 1). 50 teams, team n led by therapist n in the hall of its
 * location on Wednesdays at slot n / 5, 16 places.
 *
 * 2,000 granted courses, case ids 1..2000 in order: the first 800 on a
 * team (16 a team, once a week), the other 1,200 individual, twice a
 * week (Monday and Thursday, or Tuesday and Friday), 20 a therapist
 * (therapists 0..59), every other one in a room of the therapist's
 * location and the rest at the citizen's home. The slots are laid out
 * so that no therapist, room or team is booked twice: a date of a series
 * is skipped only for a holiday or a therapist's absence.
 */
#ifndef GENOP_BENCH_CAL_LAYOUT_H
#define GENOP_BENCH_CAL_LAYOUT_H
#include <stddef.h>
#include <stdint.h>

#include "booking_input.h"
#include "local.h"

#define LAYOUT_THERAPISTS 60
#define LAYOUT_LOCATIONS 5
#define LAYOUT_ROOMS 6                  /* treatment rooms a location */
#define LAYOUT_TEAMS 50
#define LAYOUT_TEAM_PLACES 16
#define LAYOUT_TEAM_CASES (LAYOUT_TEAMS * LAYOUT_TEAM_PLACES)
#define LAYOUT_PER_THERAPIST 20         /* individual courses */
#define LAYOUT_CASES (LAYOUT_TEAM_CASES + LAYOUT_THERAPISTS * LAYOUT_PER_THERAPIST)
#define LAYOUT_SLOTS 10                 /* a day's slots */
#define LAYOUT_DAY_START (8 * 60)
#define LAYOUT_MINUTES 45

/* The ids the store gave the municipality's halls, rooms and teams. */
typedef struct cal_layout {
    int64_t halls[LAYOUT_LOCATIONS];
    int64_t rooms[LAYOUT_LOCATIONS][LAYOUT_ROOMS];
    int64_t teams[LAYOUT_TEAMS];
} cal_layout;

/* Reads the ids of l back from the store of loc (the seeder made the
 * locations and teams in this order, each location's hall first), as
 * actor. GENOP_EIO with a message when the store holds another shape. */
genop_err layout_load(casework_local *loc, const genop_user *actor, cal_layout *l,
                      genop_error *e);

/* The username of therapist t (0-based) into buf. */
void layout_therapist(size_t t, char *buf, size_t size);

/* The minute of the day slot s starts. */
int layout_slot_minute(int slot);

/* The series that books course j (0-based; case j + 1) from..until. */
void layout_course(const cal_layout *l, size_t j, genop_date from, genop_date until,
                   cal_series *out);

/* The single bookings of course j in the ISO week of monday (one for a
 * team course, two for an individual one) into out[0..]; returns how
 * many. */
size_t layout_week_bookings(const cal_layout *l, size_t j, genop_date monday,
                            cal_booking out[2]);

#endif
