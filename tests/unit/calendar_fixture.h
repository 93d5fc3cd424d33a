/*
 * calendar_fixture.h - what the calendar's unit tests (test_calendar_feed.c,
 * test_new_time.c) share: a therapist who works every hour of every day,
 * so that only the rule a test is about can refuse a booking. Include
 * after casework_fixture.h.
 */
#ifndef GENOP_TEST_CALENDAR_FIXTURE_H
#define GENOP_TEST_CALENDAR_FIXTURE_H

#include "resources.h"

/* Sets terapeut name's hours to all day, every day, as leder. */
static inline void calendar_test_all_day(casework_local *loc, const genop_user *leder,
                                         const char *name)
{
    cal_staff_input in;
    memset(&in, 0, sizeof in);
    snprintf(in.profile.profession, sizeof in.profile.profession, "ergoterapeut");
    for (int d = 1; d <= 7; d++)
        in.hours[in.n_hours++] = (genop_staff_hours_row){0, d, 0, GENOP_MINUTES_PER_DAY};
    must(casework_staff_calendar_set(&loc->env, leder, name, &in, e));
}

#endif
