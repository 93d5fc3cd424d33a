/*
 * test_calendar_week.c - unit tests of the calendar's week view
 * (src/casework/calendar/week.h) and of moving an appointment (move.h)
 * through the domain layer: ISO weeks read and written ("2026-W53"
 * exists, "2027-W53" does not); a therapist's week with its hours,
 * absence, holidays and the citizens' names, a room's week, another
 * municipality's therapist not found, an admin refused; a move that
 * overlaps only the appointment itself kept, under the same id; a move
 * refused by the room, the grant's sessions a week, the spring gap, a
 * cancelled appointment, a team appointment given a room, another
 * municipality - each leaving the appointment as it was. The clock is
 * fixed at Monday 7 December 2026, 12:00 UTC.
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
#include "move.h"
#include "resources.h"
#include "store_calendar.h"
#include "wallclock.h"
#include "week.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, ter2, admin, leder_b, ter_b;
    int64_t room, team;             /* a room of one; a team on Tuesdays */
    int64_t anna, bent;             /* granted cases */
} fx;

/* Rum 1 (of one) and Sal (of four) at Hobrovej 10; Balancehold in Sal on
 * Tuesdays at 10:00 from 1 December; ter.a works 08:00-16:00 on weekdays
 * and is away on 18 December; ter.a2 all day. */
static void set_up_calendar(fx *f)
{
    genop_room_row rooms[] = {{0, 0, "Rum 1", 1}, {0, 0, "Sal", 4}};
    f->room = calendar_test_location(&f->loc, &f->leder, "Træningscenter", "Hobrovej 10",
                                     rooms, 2);
    f->team = calendar_test_team(&f->loc, &f->leder, "Balancehold",
                                 (genop_team_row){.room_id = rooms[1].id, .weekday = 2,
                                                  .start_minute = 600, .minutes = 45,
                                                  .capacity = 4, .from = date_of("2026-12-01")});
    calendar_test_hours(&f->loc, &f->leder, "ter.a", "fysioterapeut", 5, 8 * 60, 16 * 60,
                        "2026-12-18");
    calendar_test_all_day(&f->loc, &f->leder, "ter.a2");
}

static void set_up(fx *f)
{
    calendar_test_people(&f->loc, (calendar_test_person[]){
        {&f->leder, "leder.a"}, {&f->vis, "vis.a"}, {&f->ter, "ter.a"}, {&f->ter2, "ter.a2"},
        {&f->admin, "admin.a"}, {&f->leder_b, "leder.b"}, {&f->ter_b, "ter.b"}, {NULL, NULL}});
    set_up_calendar(f);
    f->anna = calendar_test_granted(&f->loc, &f->vis, "0101401234", "Anna Ørsted Andersen",
                                    "individual", "home", 2, 60);
    f->bent = calendar_test_granted(&f->loc, &f->vis, "0202402345", "Bent Berg",
                                    "individual", "home", 2, 60);
}

CALENDAR_TEST_FIXTURE("calendar_week", NOW, set_up)

/* Books case_id with ther at start (45 minutes): in room, on team, else at home. */
static int64_t book(fx *f, int64_t case_id, const char *ther, const char *start, int64_t room,
                    int64_t team)
{
    cal_booking b = {.case_id = case_id, .minutes = 45, .kind = GENOP_SESSION_TRAINING,
                     .place = room ? CAL_PLACE_ROOM : team ? CAL_PLACE_TEAM : CAL_PLACE_HOME,
                     .room_id = room, .team_id = team};
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    snprintf(b.therapist, sizeof b.therapist, "%s", ther);
    must(genop_wallclock_parse(start, &b.start, e));
    must(casework_appointment_book(&f->loc.env, &f->ter, &b, &row, &warn, &why, e));
    return row.id;
}

static void test_week_parse(void **state)
{
    (void)state;
    genop_date d = 0;
    genop_error err;
    must(cal_week_parse("2026-W49", &d, e));
    assert_date_is(d, "2026-11-30");
    must(cal_week_parse("2026-W53", &d, e));      /* 2026 begins on a Thursday */
    assert_date_is(d, "2026-12-28");
    must(cal_week_parse("2025-W01", &d, e));
    assert_date_is(d, "2024-12-30");
    const char *bad[] = {"2027-W53", "2026-W00", "2026-W54", "2026-W5", "2026-49", "26-W49",
                         "2026-W49x", "", "abcd-Wef", "1900-W01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = 7;
        assert_int_equal(cal_week_parse(bad[i], &d, &err), GENOP_EINVAL);
        assert_int_equal(d, 7);
        assert_message_contains(err, "week");
    }
    assert_int_equal(cal_week_parse(NULL, &d, &err), GENOP_EINVAL);
    char buf[9];
    assert_string_equal(cal_week_format(date_of("2027-01-03"), buf), "2026-W53");
    assert_string_equal(cal_week_format(date_of("2024-12-30"), buf), "2025-W01");
}

static void week_of(fx *f, const genop_user *u, const char *week, cal_week_of of,
                    const char *ther, int64_t id, cal_week *w, genop_err want)
{
    cal_week_query q = {.of = of, .id = id};
    genop_error err;
    if (ther)
        snprintf(q.therapist, sizeof q.therapist, "%s", ther);
    must(cal_week_parse(week, &q.monday, e));
    genop_err got = casework_calendar_week(&f->loc.env, u, &q, w, &err);
    if (got != want)
        fail_msg("week %s: %d (%s), not %d", week, got, err.message, want);
}

static void test_week_view(void **state)
{
    fx *f = *state;
    int64_t a = book(f, f->anna, "ter.a", "2026-12-14T09:00", f->room, 0);
    int64_t t = book(f, f->bent, "ter.a", "2026-12-15T08:00", 0, f->team);
    book(f, f->bent, "ter.a2", "2026-12-14T11:00", f->room, 0);
    book(f, f->anna, "ter.a", "2026-12-21T09:00", 0, 0);           /* another week */
    cal_week *w = calloc(1, sizeof *w);
    week_of(f, &f->ter, "2026-W51", CAL_WEEK_THERAPIST, "ter.a", 0, w, GENOP_OK);
    assert_int_equal(w->n, 2);
    assert_int_equal(w->items[0].a.id, a);
    assert_string_equal(w->items[0].citizen, "Anna Ørsted Andersen");
    assert_string_equal(w->items[0].initials, "A.Ø.A.");
    assert_string_equal(w->items[0].place, "Rum 1");
    assert_string_equal(w->items[0].location, "Træningscenter");
    assert_int_equal(w->items[1].a.id, t);
    assert_string_equal(w->items[1].team, "Balancehold");
    assert_string_equal(w->items[1].a.start, "2026-12-15T10:00");
    assert_int_equal(w->days[0].n_hours, 1);
    assert_int_equal(w->days[0].from[0], 8 * 60);
    assert_int_equal(w->days[5].n_hours, 0);
    assert_true(w->days[4].absent);
    assert_string_equal(w->days[4].absence, "kursus");
    assert_false(w->days[3].absent);
    assert_null(w->days[0].holiday);
    cal_week_release(w);
    week_of(f, &f->leder, "2026-W52", CAL_WEEK_THERAPIST, "ter.a", 0, w, GENOP_OK);
    assert_null(w->days[0].holiday);
    assert_non_null(w->days[3].holiday);                          /* 24, 25, 26 December */
    assert_non_null(w->days[4].holiday);
    assert_non_null(w->days[5].holiday);
    assert_int_equal(w->n, 1);
    cal_week_release(w);
    week_of(f, &f->vis, "2026-W51", CAL_WEEK_ROOM, NULL, f->room, w, GENOP_OK);
    assert_int_equal(w->n, 2);                                    /* both therapists' */
    assert_string_equal(w->name, "Rum 1");
    assert_int_equal(w->days[0].n_hours, 0);
    cal_week_release(w);
    week_of(f, &f->leder_b, "2026-W51", CAL_WEEK_THERAPIST, "ter.a", 0, w, GENOP_ENOTFOUND);
    week_of(f, &f->leder_b, "2026-W51", CAL_WEEK_ROOM, NULL, f->room, w, GENOP_ENOTFOUND);
    week_of(f, &f->leder_b, "2026-W51", CAL_WEEK_TEAM, NULL, f->team, w, GENOP_ENOTFOUND);
    week_of(f, &f->ter, "2026-W51", CAL_WEEK_THERAPIST, "vis.a", 0, w, GENOP_ENOTFOUND);
    week_of(f, &f->admin, "2026-W51", CAL_WEEK_THERAPIST, "ter.a", 0, w, GENOP_EFORBIDDEN);
    cal_week_release(w);
    free(w);
}

/* Moves id to start as u (therapist and room as given, "" / 0: kept). */
static genop_err mv(fx *f, const genop_user *u, int64_t id, const char *start, const char *ther,
                    int64_t room, genop_appointment_row *out, cal_refusal *why, genop_error *err)
{
    cal_move m = {.room_id = room};
    cal_warning warn;
    snprintf(m.therapist, sizeof m.therapist, "%s", ther);
    must(genop_wallclock_parse(start, &m.start, e));
    return casework_appointment_move(&f->loc.env, u, id, &m, out, &warn, why, err);
}

/* Fails unless appointment id starts at start. */
static void starts_at(fx *f, int64_t id, const char *start)
{
    genop_appointment_row a;
    must(genop_store_appointment_get(f->loc.store, "aalborg", id, &a, e));
    assert_string_equal(a.start, start);
}

static void test_move(void **state)
{
    fx *f = *state;
    genop_appointment_row out;
    cal_refusal why;
    genop_error err;
    int64_t a = book(f, f->anna, "ter.a", "2026-12-14T09:00", f->room, 0);
    book(f, f->bent, "ter.a2", "2026-12-14T11:00", f->room, 0);
    must(mv(f, &f->ter, a, "2026-12-14T09:15", "", 0, &out, &why, e));   /* over itself */
    assert_int_equal(out.id, a);
    assert_string_equal(out.start, "2026-12-14T09:15");
    assert_int_equal(out.room_id, f->room);
    starts_at(f, a, "2026-12-14T09:15");
    assert_int_equal(mv(f, &f->ter, a, "2026-12-14T11:15", "", 0, &out, &why, &err),
                     GENOP_ECONFLICT);
    assert_string_equal(why.conflict, "room");
    assert_int_equal(mv(f, &f->ter, a, "2026-12-18T09:00", "", 0, &out, &why, &err),
                     GENOP_ECONFLICT);                            /* the absence */
    assert_string_equal(why.conflict, "therapist");
    assert_int_equal(mv(f, &f->ter, a, "2026-03-29T02:30", "", 0, &out, &why, &err),
                     GENOP_EINVAL);                               /* the spring gap */
    assert_string_equal(err.field, "$.start");
    starts_at(f, a, "2026-12-14T09:15");
    must(mv(f, &f->vis, a, "2026-12-14T10:00", "ter.a2", 0, &out, &why, e));
    assert_string_equal(out.therapist, "ter.a2");
    /* Two a week: a third moved into the week is refused by the grant. */
    book(f, f->anna, "ter.a2", "2026-12-16T09:00", 0, 0);
    int64_t c = book(f, f->anna, "ter.a2", "2026-12-21T09:00", 0, 0);
    assert_int_equal(mv(f, &f->ter, c, "2026-12-17T09:00", "", 0, &out, &why, &err),
                     GENOP_EREFUSED);
    assert_string_equal(why.limit, "grant_sessions_per_week");
    starts_at(f, c, "2026-12-21T09:00");
    /* A team appointment moves with the team; no room for it. */
    int64_t t = book(f, f->bent, "ter.a", "2026-12-15T08:00", 0, f->team);
    must(mv(f, &f->ter, t, "2026-12-24T08:00", "", 0, &out, &why, e));
    assert_string_equal(out.start, "2026-12-22T10:00");
    assert_int_equal(mv(f, &f->ter, t, "2026-12-29T10:00", "", f->room, &out, &why, &err),
                     GENOP_EINVAL);
    assert_string_equal(err.field, "$.room");
    /* Cancelled; another municipality's; an admin. */
    cal_cancel cc = {.by = "citizen", .reason = "syg"};
    must(casework_appointment_cancel(&f->loc.env, &f->ter, c, &cc, &out, e));
    assert_int_equal(mv(f, &f->ter, c, "2026-12-22T09:00", "", 0, &out, &why, &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.start");
    assert_int_equal(mv(f, &f->ter_b, a, "2026-12-14T12:00", "", 0, &out, &why, &err),
                     GENOP_ENOTFOUND);
    assert_int_equal(mv(f, &f->admin, a, "2026-12-14T12:00", "", 0, &out, &why, &err),
                     GENOP_EFORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_week_parse),
        cmocka_unit_test_setup_teardown(test_week_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
