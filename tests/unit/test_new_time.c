/*
 * test_new_time.c - unit tests of the standards' cancellation rules in
 * the calendar (src/casework/calendar/new_time.h): in Aalborg, whose
 * standard promises a new time when the unit cancels, a provider's
 * cancellation gives the case the worklist task new_time, from the
 * cancelled appointment's day, until the case's next appointment is
 * booked (one, or a series); a citizen's cancellation gives none; in
 * Skive, which promises nothing when the provider cancels, none either.
 * A refresh of the projections keeps the task. The clock is fixed at
 * Monday 7 December 2026, 12:00 UTC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "appointments.h"
#include "casework_fixture.h"
#include "calendar_fixture.h"
#include "projection_refresh.h"
#include "projection_tasks.h"
#include "resources.h"
#include "store_calendar.h"
#include "wallclock.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, leder_b, vis_b, ter_b;
    int64_t aalborg, skive;         /* granted cases */
} fx;

static void set_up(fx *f)
{
    calendar_test_people(&f->loc, (calendar_test_person[]){
        {&f->leder, "leder.a"}, {&f->vis, "vis.a"}, {&f->ter, "ter.a"},
        {&f->leder_b, "leder.b"}, {&f->vis_b, "vis.b"}, {&f->ter_b, "ter.b"}, {NULL, NULL}});
    calendar_test_all_day(&f->loc, &f->leder, "ter.a");
    calendar_test_all_day(&f->loc, &f->leder_b, "ter.b");
    f->aalborg = calendar_test_granted(&f->loc, &f->vis, "0101401234", "Anna Andersen",
                                       "individual", "home", 5, 60);
    f->skive = calendar_test_granted(&f->loc, &f->vis_b, "0202402345", "Bent Berg",
                                     "individual", "home", 5, 60);
}

CALENDAR_TEST_FIXTURE("new_time", NOW, set_up)

static int64_t book(fx *f, const genop_user *ter, int64_t case_id, const char *start)
{
    cal_booking b = {.case_id = case_id, .minutes = 45, .kind = GENOP_SESSION_TRAINING,
                     .place = CAL_PLACE_HOME};
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    snprintf(b.therapist, sizeof b.therapist, "%s", ter->username);
    must(genop_wallclock_parse(start, &b.start, e));
    must(casework_appointment_book(&f->loc.env, ter, &b, &row, &warn, &why, e));
    return row.id;
}

static void cancel(fx *f, const genop_user *ter, int64_t id, const char *by)
{
    cal_cancel c;
    memset(&c, 0, sizeof c);
    snprintf(c.by, sizeof c.by, "%s", by);
    snprintf(c.reason, sizeof c.reason, "sygdom");
    genop_appointment_row row;
    must(casework_appointment_cancel(&f->loc.env, ter, id, &c, &row, e));
}

/* The due of case id's new_time task, or -1 without one. */
static genop_date new_time_due(fx *f, const char *muni, int64_t id)
{
    return calendar_test_task_due(f->loc.store, muni, id, TASK_NEW_TIME, "Aalborg", NULL);
}

static void test_aalborg_provider(void **state)
{
    fx *f = *state;
    int64_t a = book(f, &f->ter, f->aalborg, "2026-12-09T10:00");
    cancel(f, &f->ter, a, "citizen");
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), -1);
    int64_t b = book(f, &f->ter, f->aalborg, "2026-12-10T10:00");
    cancel(f, &f->ter, b, "provider");
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), date_of("2026-12-10"));
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "aalborg", f->aalborg, &row, e));
    assert_true(row.has_next_due && row.next_due <= date_of("2026-12-10"));
    /* An old fingerprint makes the refresh compute every case again. */
    must(genop_store_rules_fingerprint_set(f->loc.store, "aalborg", "gammel", e));
    projection_refresh_report *rep = calloc(1, sizeof *rep);
    must(casework_projections_refresh(&f->loc.env, rep, e));
    size_t k = 0;
    while (k < rep->n && strcmp(rep->munis[k].std->id, "aalborg") != 0)
        k++;
    assert_true(k < rep->n);
    assert_true(rep->munis[k].cases >= 1);
    assert_int_equal(rep->munis[k].changed, 0);     /* the task was kept as stored */
    free(rep);
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), date_of("2026-12-10"));
    book(f, &f->ter, f->aalborg, "2026-12-14T10:00");
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), -1);
}

static void test_series_clears(void **state)
{
    fx *f = *state;
    int64_t a = book(f, &f->ter, f->aalborg, "2026-12-09T10:00");
    cancel(f, &f->ter, a, "provider");
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), date_of("2026-12-09"));
    cal_series s;
    memset(&s, 0, sizeof s);
    s.first = (cal_booking){.case_id = f->aalborg, .minutes = 45,
                            .kind = GENOP_SESSION_TRAINING, .place = CAL_PLACE_HOME};
    snprintf(s.first.therapist, sizeof s.first.therapist, "ter.a");
    s.weekdays[3] = true;
    s.time = 9 * 60;
    s.from = date_of("2026-12-14");
    s.until = date_of("2026-12-20");
    cal_series_result *r = calloc(1, sizeof *r);
    cal_refusal why;
    must(casework_appointment_series(&f->loc.env, &f->ter, &s, r, &why, e));
    assert_int_equal(r->n_ids, 1);
    free(r);
    assert_int_equal(new_time_due(f, "aalborg", f->aalborg), -1);
}

static void test_skive_provider(void **state)
{
    fx *f = *state;
    int64_t a = book(f, &f->ter_b, f->skive, "2026-12-09T10:00");
    cancel(f, &f->ter_b, a, "provider");
    assert_int_equal(new_time_due(f, "skive", f->skive), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_aalborg_provider, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_clears, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skive_provider, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
