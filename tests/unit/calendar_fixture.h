/*
 * calendar_fixture.h - what the calendar's unit tests (test_calendar_feed.c,
 * test_new_time.c, test_teams.c) share: a therapist who works every hour
 * of every day, so that only the rule a test is about can refuse a
 * booking; the due of a case's worklist task. Include
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

/* The due of case id's (of muni) task task_id, or -1 without one; the
 * task must be marked a task and its `source` (or, when source_part is
 * NULL, its label) hold part. */
static inline genop_date calendar_test_task_due(genop_store *store, const char *muni, int64_t id,
                                                const char *task_id, const char *source_part,
                                                const char *label_part)
{
    genop_list l = {0};
    must(genop_store_case_open_deadlines(store, muni, id, &l, e));
    const genop_open_deadline *o = l.items;
    genop_date due = -1;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(o[i].deadline_id, task_id) == 0) {
            assert_true(o[i].task);
            if (source_part)
                assert_non_null(strstr(o[i].source, source_part));
            if (label_part)
                assert_non_null(strstr(o[i].label, label_part));
            due = o[i].due;
        }
    genop_store_free_list(&l);
    return due;
}

#endif
