/*
 * test_teams.c - unit tests of a team's roster, waiting list and meetings
 * (src/casework/calendar/teams.h): enrolling books the meetings through
 * the series path and keeps the roster row; a case on the roster is
 * refused; a full team refuses with the conflict team and keeps nothing;
 * a cancelled team appointment offers the place to the first on the
 * waiting list (the task team_place, kept by a refresh of the
 * projections), declining passes it on, enrolling accepts it; leaving
 * cancels the coming meetings and offers the place; a meeting's
 * attendance is all or nothing; the store's waiting list keeps its order
 * and another municipality sees none of it. The clock is fixed at Monday
 * 7 December 2026, 12:00 UTC; the team meets on Mondays at 08:00.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "wallclock.h"
#include "casework_fixture.h"
#include "calendar_fixture.h"
#include "projection_refresh.h"
#include "projection_tasks.h"
#include "resources.h"
#include "store_teams.h"
#include "teams.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, vis_b;
    int64_t team;
    int64_t c[4];
    genop_error last;               /* a refused call's */
} fx;

static void set_up(fx *f)
{
    calendar_test_people(&f->loc, (calendar_test_person[]){
        {&f->leder, "leder.a"}, {&f->vis, "vis.a"}, {&f->ter, "ter.a"}, {&f->vis_b, "vis.b"},
        {NULL, NULL}});
    calendar_test_all_day(&f->loc, &f->leder, "ter.a");
    genop_room_row sal = {0, 0, "Sal", 10};
    int64_t room = calendar_test_location(&f->loc, &f->leder, "Centret", NULL, &sal, 1);
    f->team = calendar_test_team(&f->loc, &f->leder, "Balancehold",
                                 (genop_team_row){.room_id = room, .weekday = 1,
                                                  .start_minute = 8 * 60, .minutes = 45,
                                                  .capacity = 2, .from = date_of("2026-11-23")});
    const char *cprs[] = {"0101401234", "0202402345", "0303403456", "0404404567"};
    const char *names[] = {"Anna Andersen", "Bent Berg", "Carl Clausen", "Dorte Dahl"};
    for (size_t i = 0; i < 4; i++)
        f->c[i] = calendar_test_granted(&f->loc, &f->vis, cprs[i], names[i], "team", "centre", 2,
                                        45);
}

CALENDAR_TEST_FIXTURE("teams", NOW, set_up)

/* Enrols case from..to; the result code, *n the meetings booked. */
static genop_err enrol(fx *f, int64_t case_id, const char *from, const char *to, size_t *n,
                       cal_refusal *why, genop_error *e)
{
    cal_enrol in = {.case_id = case_id, .from = date_of(from), .to = date_of(to),
                    .has_to = true};
    genop_roster_row row;
    cal_series_result *res = calloc(1, sizeof *res);
    genop_err err = casework_team_enrol(&f->loc.env, &f->vis, f->team, &in, &row, res, why, e);
    *n = res->n_ids;
    free(res);
    return err;
}

/* The case's appointments (the caller frees). */
static genop_list appts(fx *f, int64_t case_id)
{
    genop_list l = {0};
    genop_appointment_filter q = {.case_id = case_id};
    must(genop_store_appointments_find(f->loc.store, "aalborg", &q, &l, e));
    return l;
}

/* The due of the case's team_place task, or -1 without one. */
static genop_date task_due(fx *f, int64_t id)
{
    return calendar_test_task_due(f->loc.store, "aalborg", id, TASK_TEAM_PLACE, NULL, "Balancehold");
}

static void test_enrol_and_full(void **state)
{
    fx *f = *state;
    cal_refusal why;
    size_t n = 0;
    must(enrol(f, f->c[0], "2026-11-30", "2026-12-28", &n, &why, e));
    assert_int_equal(n, 5);
    genop_list l = appts(f, f->c[0]);
    assert_int_equal(l.n, 5);
    const genop_appointment_row *a = l.items;
    assert_int_equal(a[0].team_id, f->team);
    assert_string_equal(a[0].start, "2026-11-30T08:00");
    genop_store_free_list(&l);
    assert_int_equal(enrol(f, f->c[0], "2026-12-14", "2026-12-21", &n, &why, &f->last),
                     GENOP_EREFUSED);
    assert_string_equal(f->last.field, "$.case");
    must(enrol(f, f->c[1], "2026-11-30", "2026-12-28", &n, &why, e));
    assert_int_equal(enrol(f, f->c[2], "2026-11-30", "2026-12-28", &n, &why, &f->last),
                     GENOP_ECONFLICT);
    assert_string_equal(why.conflict, "team");
    l = appts(f, f->c[2]);
    assert_int_equal(l.n, 0);                       /* nothing kept */
    genop_store_free_list(&l);
    must(genop_store_roster_list(f->loc.store, "aalborg", f->team, f->c[2], &l, e));
    assert_int_equal(l.n, 0);
    genop_store_free_list(&l);
    cal_team_page p;
    must(casework_team_page(&f->loc.env, &f->vis, f->team, &p, e));
    assert_int_equal(p.roster.n, 2);
    assert_true(p.full);
    assert_int_equal(p.meetings[0].date, date_of("2026-12-07"));
    assert_int_equal(p.meetings[0].booked, 2);
    casework_team_page_release(&p);
    assert_int_equal(casework_team_page(&f->loc.env, &f->vis_b, f->team, &p, &f->last),
                     GENOP_ENOTFOUND);
    casework_team_page_release(&p);
}

static void test_offers(void **state)
{
    fx *f = *state;
    cal_refusal why;
    size_t n = 0;
    int64_t offered = 0;
    must(enrol(f, f->c[0], "2026-11-30", "2026-12-28", &n, &why, e));
    must(enrol(f, f->c[1], "2026-11-30", "2026-12-28", &n, &why, e));
    must(casework_team_wait(&f->loc.env, &f->vis, f->team, f->c[2], e));
    must(casework_team_wait(&f->loc.env, &f->vis, f->team, f->c[3], e));
    assert_int_equal(casework_team_wait(&f->loc.env, &f->vis, f->team, f->c[3], &f->last),
                     GENOP_EREFUSED);
    genop_list l = appts(f, f->c[1]);
    const genop_appointment_row *a = l.items;
    cal_cancel c = {"citizen", "syg"};
    genop_appointment_row row;
    must(casework_appointment_cancel(&f->loc.env, &f->vis, a[2].id, &c, &row, e));
    genop_store_free_list(&l);
    assert_int_equal(task_due(f, f->c[2]), date_of("2026-12-14"));
    assert_int_equal(task_due(f, f->c[3]), -1);
    /* A refresh of the projections keeps the task. */
    must(genop_store_rules_fingerprint_set(f->loc.store, "aalborg", "gammel", e));
    projection_refresh_report *rep = calloc(1, sizeof *rep);
    must(casework_projections_refresh(&f->loc.env, rep, e));
    free(rep);
    assert_int_equal(task_due(f, f->c[2]), date_of("2026-12-14"));
    must(casework_team_unwait(&f->loc.env, &f->vis, f->team, f->c[2], true, &offered, e));
    assert_int_equal(offered, f->c[3]);
    assert_int_equal(task_due(f, f->c[2]), -1);
    assert_int_equal(task_due(f, f->c[3]), date_of("2026-12-14"));
    must(enrol(f, f->c[3], "2026-12-14", "2026-12-14", &n, &why, e));
    assert_int_equal(n, 1);
    assert_int_equal(task_due(f, f->c[3]), -1);
    must(genop_store_waiting_list(f->loc.store, "aalborg", f->team, 0, &l, e));
    assert_int_equal(l.n, 0);
    genop_store_free_list(&l);
}

static void test_leave(void **state)
{
    fx *f = *state;
    cal_refusal why;
    size_t n = 0, cancelled = 0;
    int64_t offered = 0;
    must(enrol(f, f->c[0], "2026-11-30", "2026-12-28", &n, &why, e));
    must(casework_team_wait(&f->loc.env, &f->vis, f->team, f->c[2], e));
    cal_leave lv = {.case_id = f->c[0], .has_from = true, .from = date_of("2026-12-08"),
                    .cancel = {"citizen", "flytter"}};
    must(casework_team_leave(&f->loc.env, &f->vis, f->team, &lv, &cancelled, &offered, e));
    assert_int_equal(cancelled, 3);
    assert_int_equal(offered, f->c[2]);
    assert_int_equal(task_due(f, f->c[2]), date_of("2026-12-14"));
    genop_list l = appts(f, f->c[0]);
    const genop_appointment_row *a = l.items;
    assert_string_equal(a[1].status, "booked");
    assert_string_equal(a[2].status, "cancelled");
    assert_false(a[2].new_time_owed);
    genop_store_free_list(&l);
    assert_int_equal(casework_team_leave(&f->loc.env, &f->vis, f->team, &lv, &cancelled,
                                         &offered, &f->last), GENOP_EREFUSED);
    assert_string_equal(f->last.field, "$.case");
}

static void test_attendance(void **state)
{
    fx *f = *state;
    cal_refusal why;
    size_t n = 0;
    must(enrol(f, f->c[0], "2026-11-30", "2026-12-28", &n, &why, e));
    must(enrol(f, f->c[1], "2026-11-30", "2026-12-28", &n, &why, e));
    cal_meeting m;
    must(casework_team_meeting(&f->loc.env, &f->ter, f->team, date_of("2026-11-30"), &m, e));
    assert_int_equal(m.people.n, 2);
    const cal_participant *p = m.people.items;
    assert_string_equal(p[0].citizen_name, "Anna Andersen");
    cal_attendance_item items[2] = {{.appointment = p[0].a.id},
                                    {.appointment = p[1].a.id}};
    int64_t second = p[1].a.id;
    genop_store_free_list(&m.people);
    items[0].o.outcome = GENOP_OUTCOME_ATTENDED;
    items[1].o.outcome = GENOP_OUTCOME_NO_SHOW;
    items[1].appointment = items[0].appointment;         /* named twice */
    assert_int_equal(casework_team_attendance(&f->loc.env, &f->ter, f->team,
                                              date_of("2026-11-30"), items, 2, &f->last),
                     GENOP_EINVAL);
    assert_string_equal(f->last.field, "$.items[1].appointment");
    genop_list l = appts(f, f->c[0]);
    const genop_appointment_row *a = l.items;
    assert_int_equal(a[0].event_id, 0);             /* the first was undone */
    genop_store_free_list(&l);
    items[1].appointment = second;
    must(casework_team_attendance(&f->loc.env, &f->ter, f->team, date_of("2026-11-30"), items,
                                  2, e));
    assert_true(items[0].event_id > 0 && items[1].event_id > items[0].event_id);
    assert_int_equal(casework_team_attendance(&f->loc.env, &f->leder, f->team,
                                              date_of("2026-11-30"), items, 2, &f->last),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_team_meeting(&f->loc.env, &f->ter, f->team, date_of("2026-12-01"),
                                           &m, &f->last), GENOP_ENOTFOUND);
}

static void test_store_order(void **state)
{
    fx *f = *state;
    genop_waiting_row rows[3] = {{.case_id = f->c[2]}, {.case_id = f->c[0]},
                                 {.case_id = f->c[1], .offered = true}};
    for (size_t i = 0; i < 3; i++) {
        rows[i].added_on = date_of("2026-12-01");
        snprintf(rows[i].added_by, sizeof rows[i].added_by, "vis.a");
    }
    rows[2].offered_on = date_of("2026-12-02");
    rows[2].offer_due = date_of("2026-12-14");
    must(genop_store_waiting_set(f->loc.store, "aalborg", f->team, rows, 3, e));
    genop_list l = {0};
    must(genop_store_waiting_list(f->loc.store, "aalborg", f->team, 0, &l, e));
    const genop_waiting_row *w = l.items;
    assert_int_equal(l.n, 3);
    assert_int_equal(w[0].case_id, f->c[2]);
    assert_int_equal(w[2].position, 3);
    assert_true(w[2].offered && !w[0].offered);
    assert_int_equal(w[2].offer_due, date_of("2026-12-14"));
    assert_string_equal(w[1].citizen_name, "Anna Andersen");
    genop_store_free_list(&l);
    must(genop_store_waiting_list(f->loc.store, "skive", f->team, 0, &l, e));
    assert_int_equal(l.n, 0);
    genop_store_free_list(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_enrol_and_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leave, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_order, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
