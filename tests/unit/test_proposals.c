/*
 * test_proposals.c - unit tests of "Book tid" (src/casework/calendar/
 * proposals.h) through the domain layer: every proposal is accepted when
 * booked, one after the other, and asking stores nothing; the grant's
 * sessions a week and minutes are kept; only the standard's workdays
 * (not New Year's Day), and today only times still to come; the
 * therapist the citizen had before is preferred, another one named on a
 * day the preferred one is absent; the refusals (another municipality's
 * case, a closed case, training without a grant, `from` before today,
 * another municipality's room). The clock is fixed at Monday 7 December
 * 2026, 12:00 UTC (13:00 in Denmark).
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
#include "proposals.h"
#include "resources.h"
#include "store_calendar.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, ter2, vis_b, leder_b;
    int64_t room, room_b;
    int64_t granted, bare, closed, other;
    cal_proposals out;
} fx;

static void set_up(fx *f)
{
    calendar_test_people(&f->loc, (calendar_test_person[]){
        {&f->leder, "leder.a"}, {&f->vis, "vis.a"}, {&f->ter, "ter.a"}, {&f->ter2, "ter.a2"},
        {&f->leder_b, "leder.b"}, {&f->vis_b, "vis.b"}, {NULL, NULL}});
    genop_room_row rum = {0, 0, "Rum", 2}, rum_b = {0, 0, "Rum", 2};
    f->room = calendar_test_location(&f->loc, &f->leder, "Træningscenter", NULL, &rum, 1);
    f->room_b = calendar_test_location(&f->loc, &f->leder_b, "Skive", NULL, &rum_b, 1);
    calendar_test_hours(&f->loc, &f->leder, "ter.a", "fysioterapeut", 7, 0,
                        GENOP_MINUTES_PER_DAY, NULL);
    calendar_test_hours(&f->loc, &f->leder, "ter.a2", "fysioterapeut", 7, 8 * 60, 16 * 60,
                        "2026-12-15");
    calendar_test_cases(&f->loc, &f->vis, &f->granted, &f->bare, &f->closed);
    f->other = casework_test_case(&f->loc, &f->vis_b, "0404404567", "Dora Dam");
}

CALENDAR_TEST_FIXTURE("proposals", NOW, set_up)

static genop_err propose(fx *f, const genop_user *u, int64_t case_id, const char *from,
                         size_t count, genop_error *e)
{
    cal_proposal_query q = {.kind = GENOP_SESSION_TRAINING, .count = count,
                            .from = from ? date_of(from) : 0};
    return casework_appointment_proposals(&f->loc.env, u, case_id, &q, &f->out, e);
}

static size_t stored(fx *f)
{
    cal_list_query q;
    genop_list l;
    memset(&q, 0, sizeof q);
    must(casework_appointments_list(&f->loc.env, &f->vis, &q, &l, e));
    size_t n = l.n;
    genop_store_free_list(&l);
    return n;
}

/* Books proposal p as the visitator; fails the test if refused. */
static void book(fx *f, const cal_proposal *p)
{
    cal_booking b = {.case_id = p->row.case_id, .minutes = p->row.minutes,
                     .kind = GENOP_SESSION_TRAINING, .room_id = p->row.room_id,
                     .place = p->row.room_id ? CAL_PLACE_ROOM : CAL_PLACE_HOME};
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    genop_error e;
    snprintf(b.therapist, sizeof b.therapist, "%s", p->row.therapist);
    if (genop_wallclock_parse(p->row.start, &b.start, &e))
        fail_msg("proposal's start %s: %s", p->row.start, e.message);
    if (casework_appointment_book(&f->loc.env, &f->vis, &b, &row, &warn, &why, &e))
        fail_msg("proposal %s with %s refused: %s", p->row.start, p->row.therapist, e.message);
}

static void test_every_proposal_books(void **state)
{
    fx *f = *state;
    must(propose(f, &f->vis, f->granted, "2026-12-28", 6, e));
    assert_int_equal(f->out.n, 6);
    assert_int_equal(stored(f), 0);
    assert_int_equal(f->out.minutes, 45);
    int per_week[60] = {0};
    for (size_t i = 0; i < f->out.n; i++) {
        const cal_proposal *p = &f->out.items[i];
        assert_true(genop_calendar_is_workday(casework_standard(&f->loc.env, "aalborg")->calendar,
                                              p->row.day));
        assert_int_not_equal(p->row.day, date_of("2027-01-01"));
        assert_int_equal(p->row.minutes, 45);
        assert_true(p->row.day >= date_of("2026-12-28"));
        per_week[(p->row.day - date_of("2026-12-28")) / 7]++;
        assert_true(i == 0 || p->row.day > f->out.items[i - 1].row.day);
    }
    for (int w = 0; w < 60; w++)
        assert_true(per_week[w] <= 2);
    for (size_t i = 0; i < f->out.n; i++)
        book(f, &f->out.items[i]);
    assert_int_equal(stored(f), 6);
}

static void test_today_and_preferred(void **state)
{
    fx *f = *state;
    must(propose(f, &f->vis, f->granted, NULL, 1, e));
    assert_int_equal(f->out.n, 1);
    /* today, after 13:00 Danish time (the clock is 12:00 UTC) */
    assert_int_equal(f->out.items[0].row.day, date_of("2026-12-07"));
    assert_true(f->out.items[0].row.starts_at > NOW);
    assert_string_equal(f->out.preferred, "");
    /* a time with ter.a2 makes ter.a2 the preferred therapist */
    cal_booking b = {.case_id = f->granted, .minutes = 45, .kind = GENOP_SESSION_TRAINING,
                     .place = CAL_PLACE_HOME, .start = {date_of("2026-12-08"), 9 * 60}};
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    snprintf(b.therapist, sizeof b.therapist, "ter.a2");
    must(casework_appointment_book(&f->loc.env, &f->vis, &b, &row, &warn, &why, e));
    must(propose(f, &f->vis, f->granted, "2026-12-14", 4, e));
    assert_string_equal(f->out.preferred, "ter.a2");
    assert_int_equal(f->out.n, 4);
    bool absent_day = false;
    for (size_t i = 0; i < f->out.n; i++) {
        const cal_proposal *p = &f->out.items[i];
        bool absent = p->row.day == date_of("2026-12-15");
        absent_day |= absent;
        assert_string_equal(p->row.therapist, absent ? "ter.a" : "ter.a2");
        assert_int_equal(p->preferred, !absent);
        assert_int_equal(p->row.room_id, 0);            /* the last time's place: home */
        assert_non_null(strstr(p->why, absent ? "ingen ledig tid" : "havde før"));
    }
    assert_true(absent_day);
}

static void test_refusals(void **state)
{
    fx *f = *state;
    genop_error e;
    assert_int_equal(propose(f, &f->vis, f->other, NULL, 3, &e), GENOP_ENOTFOUND);
    assert_int_equal(propose(f, &f->vis_b, f->granted, NULL, 3, &e), GENOP_ENOTFOUND);
    assert_int_equal(propose(f, &f->vis, f->closed, NULL, 3, &e), GENOP_EREFUSED);
    assert_string_equal(e.field, "$.case");
    assert_int_equal(propose(f, &f->vis, f->bare, NULL, 3, &e), GENOP_EREFUSED);
    assert_string_equal(e.field, "$.case");
    assert_int_equal(propose(f, &f->vis, f->granted, "2026-12-06", 3, &e), GENOP_EINVAL);
    assert_string_equal(e.field, "from");
    cal_proposal_query q = {.kind = GENOP_SESSION_TRAINING, .count = 2, .place_given = true,
                            .place = CAL_PLACE_ROOM, .room_id = f->room_b};
    assert_int_equal(casework_appointment_proposals(&f->loc.env, &f->vis, f->granted, &q, &f->out,
                                                    &e), GENOP_EINVAL);
    assert_string_equal(e.field, "room");
    q.kind = GENOP_SESSION_ASSESSMENT;
    q.room_id = f->room;
    assert_int_equal(casework_appointment_proposals(&f->loc.env, &f->vis, f->bare, &q, &f->out,
                                                    &e), GENOP_OK);
    assert_int_equal(f->out.n, 2);
    assert_int_equal(f->out.items[0].row.room_id, f->room);
    assert_int_equal(f->out.minutes, CAL_PROPOSALS_MINUTES);
    assert_int_equal(stored(f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_proposal_books, setup, teardown),
        cmocka_unit_test_setup_teardown(test_today_and_preferred, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
