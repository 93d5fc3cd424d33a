/*
 * test_booking.c - unit tests of the calendar's rules through the domain
 * layer (src/casework/calendar/): every conflict (the therapist's overlap,
 * absence and hours; a full room; a full team, a case on the meeting
 * already, a team that does not meet that week) and every refusal (the
 * spring hour that does not exist, a closed case, training without a
 * grant, the grant's minutes, sessions a week and end, Skive's minutes a
 * week, another municipality's case, a therapist who is not a terapeut),
 * each leaving nothing stored; the summer-time changes of 2026 (overlaps
 * in real time); a series over Christmas (holidays and the week's limit
 * skipped with their reasons); holidays (closed to a booking until a
 * leder opens them, "holidays" a leder's allowance, an opened day booked
 * in a series, another municipality's opening unseen); the outcome (not
 * before the start, then the session event, linked). The clock is fixed at Monday 7 December
 * 2026, 12:00 UTC.
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
#include "holidays.h"
#include "resources.h"
#include "store_calendar.h"

#define NOW 1796644800      /* 2026-12-07T12:00:00Z, a Monday */

typedef struct fx {
    char dir[64], db[96];
    casework_local loc;
    genop_user leder, vis, ter, ter2, leder_b, vis_b, ter_b;
    int64_t small, big, team;       /* rooms (capacity 1, 2) and a team of 2 */
    int64_t granted, bare, closed;  /* cases */
} fx;

static void decide(fx *f, const genop_user *vis, int64_t id, const char *grant)
{
    char text[512];
    snprintf(text, sizeof text, "{\"type\": \"decision\", \"date\": \"2026-11-22\", \"granted\":"
             " true, \"grant\": %s}", grant);
    must(casework_test_append(&f->loc, vis, id, text, NULL, e));
}

/* Rum (1) and Sal (2); ter.a all day, ter.a2 08:00-16:00 but away on 16
 * December; ter.b all day; Knæhold in Sal on Tuesdays at 10:00. */
static void set_up_calendar(fx *f)
{
    genop_room_row rooms[] = {{0, 0, "Rum", 1}, {0, 0, "Sal", 2}};
    f->small = calendar_test_location(&f->loc, &f->leder, "Træningscenter", NULL, rooms, 2);
    f->big = rooms[1].id;
    calendar_test_hours(&f->loc, &f->leder, "ter.a", "fysioterapeut", 7, 0,
                        GENOP_MINUTES_PER_DAY, NULL);
    calendar_test_hours(&f->loc, &f->leder, "ter.a2", "fysioterapeut", 7, 8 * 60, 16 * 60,
                        "2026-12-16");
    calendar_test_hours(&f->loc, &f->leder_b, "ter.b", "fysioterapeut", 7, 0,
                        GENOP_MINUTES_PER_DAY, NULL);
    f->team = calendar_test_team(&f->loc, &f->leder, "Knæhold",
                                 (genop_team_row){.room_id = f->big, .weekday = 2,
                                                  .start_minute = 600, .minutes = 45,
                                                  .capacity = 2, .from = date_of("2026-12-01"),
                                                  .to = date_of("2027-01-31"), .has_to = true});
}

static void set_up(fx *f)
{
    calendar_test_people(&f->loc, (calendar_test_person[]){
        {&f->leder, "leder.a"}, {&f->vis, "vis.a"}, {&f->ter, "ter.a"}, {&f->ter2, "ter.a2"},
        {&f->leder_b, "leder.b"}, {&f->vis_b, "vis.b"}, {&f->ter_b, "ter.b"}, {NULL, NULL}});
    set_up_calendar(f);
    calendar_test_cases(&f->loc, &f->vis, &f->granted, &f->bare, &f->closed);
}

CALENDAR_TEST_FIXTURE("booking", NOW, set_up)

/* Books as u; place 'r' room, 'h' home, 't' team. */
static genop_err bk(fx *f, const genop_user *u, int64_t case_id, const char *ther,
                    const char *start, int minutes, const char *kind, char place, int64_t where,
                    cal_refusal *why, genop_error *e)
{
    cal_booking b = {.case_id = case_id, .minutes = minutes};
    genop_appointment_row row;
    cal_warning warn;
    genop_error pe;
    snprintf(b.therapist, sizeof b.therapist, "%s", ther);
    if (genop_wallclock_parse(start, &b.start, &pe))
        fail_msg("test start %s: %s", start, pe.message);
    b.kind = strcmp(kind, "assessment") == 0 ? GENOP_SESSION_ASSESSMENT : GENOP_SESSION_TRAINING;
    b.place = place == 'r' ? CAL_PLACE_ROOM : place == 't' ? CAL_PLACE_TEAM : CAL_PLACE_HOME;
    b.room_id = place == 'r' ? where : 0;
    b.team_id = place == 't' ? where : 0;
    return casework_appointment_book(&f->loc.env, u, &b, &row, &warn, why, e);
}

/* How many appointments the municipality of u holds. */
static size_t stored(fx *f, const genop_user *u)
{
    cal_list_query q;
    genop_list l;
    memset(&q, 0, sizeof q);
    must(casework_appointments_list(&f->loc.env, u, &q, &l, e));
    size_t n = l.n;
    genop_store_free_list(&l);
    return n;
}

#define BOOK_OK(...)                                                                        \
    do {                                                                                    \
        cal_refusal w_;                                                                     \
        genop_error e_;                                                                     \
        genop_err r_ = bk(f, __VA_ARGS__, &w_, &e_);                                        \
        if (r_)                                                                             \
            fail_msg("booking refused: %s", e_.message);                                    \
    } while (0)

/* Expects a refusal of code with conflict/limit/field (NULL: any), and
 * that nothing more was stored. */
#define BOOK_NO(code, cf, lm, fd, ...)                                                      \
    do {                                                                                    \
        cal_refusal w_;                                                                     \
        genop_error e_;                                                                     \
        const char *cf_ = (cf), *lm_ = (lm), *fd_ = (fd);                                   \
        size_t before_ = stored(f, &f->vis);                                                \
        assert_int_equal(bk(f, __VA_ARGS__, &w_, &e_), code);                               \
        if (cf_)                                                                            \
            assert_string_equal(w_.conflict, cf_);                                          \
        if (lm_)                                                                            \
            assert_string_equal(w_.limit, lm_);                                             \
        if (fd_)                                                                            \
            assert_string_equal(e_.field, fd_);                                             \
        assert_int_equal(stored(f, &f->vis), before_);                                      \
    } while (0)

static void test_conflicts(void **state)
{
    fx *f = *state;
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-14T09:00", 45, "training", 'r', f->small);
    /* The therapist's overlap, absence and hours. */
    BOOK_NO(GENOP_ECONFLICT, "therapist", NULL, NULL, &f->ter, f->bare, "ter.a",
            "2026-12-14T09:30", 30, "assessment", 'h', 0);
    BOOK_NO(GENOP_ECONFLICT, "therapist", NULL, NULL, &f->ter, f->bare, "ter.a2",
            "2026-12-16T09:00", 30, "assessment", 'h', 0);
    BOOK_NO(GENOP_ECONFLICT, "therapist", NULL, NULL, &f->ter, f->bare, "ter.a2",
            "2026-12-14T15:45", 30, "assessment", 'h', 0);
    /* The room of capacity 1. */
    BOOK_NO(GENOP_ECONFLICT, "room", NULL, NULL, &f->ter, f->bare, "ter.a2",
            "2026-12-14T09:15", 30, "assessment", 'r', f->small);
    BOOK_OK(&f->ter, f->bare, "ter.a2", "2026-12-14T09:45", 30, "assessment", 'r', f->small);
    /* The team of 2: full, on it already, not meeting (after its period). */
    int64_t c2 = casework_test_case(&f->loc, &f->vis, "1001501234", "Dorte Dahl");
    int64_t c3 = casework_test_case(&f->loc, &f->vis, "1101501234", "Erik Eriksen");
    calendar_test_grant(&f->loc, &f->vis, c2, "individual", "centre", 2, 45);
    calendar_test_grant(&f->loc, &f->vis, c3, "individual", "centre", 2, 45);
    BOOK_OK(&f->ter, c2, "ter.a", "2026-12-15T08:00", 0, "training", 't', f->team);
    BOOK_NO(GENOP_ECONFLICT, "team", NULL, NULL, &f->ter, c2, "ter.a", "2026-12-17T08:00", 0,
            "training", 't', f->team);
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-15T08:00", 0, "training", 't', f->team);
    BOOK_NO(GENOP_ECONFLICT, "team", NULL, NULL, &f->ter, c3, "ter.a", "2026-12-15T08:00", 0,
            "training", 't', f->team);
    BOOK_NO(GENOP_ECONFLICT, "team", NULL, NULL, &f->ter, c3, "ter.a", "2027-02-02T08:00", 0,
            "training", 't', f->team);
}

static void test_refusals(void **state)
{
    fx *f = *state;
    BOOK_NO(GENOP_EINVAL, NULL, NULL, "$.start", &f->ter, f->bare, "ter.a", "2026-03-29T02:30",
            30, "assessment", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, NULL, "$.case", &f->ter, f->closed, "ter.a",
            "2026-12-14T09:00", 30, "assessment", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, NULL, "$.case", &f->ter, f->bare, "ter.a",
            "2026-12-14T09:00", 30, "training", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, "grant_minutes_per_session", "$.minutes", &f->ter, f->granted,
            "ter.a", "2026-12-14T09:00", 60, "training", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, "grant_until", "$.start", &f->ter, f->granted, "ter.a",
            "2027-07-01T09:00", 45, "training", 'h', 0);
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-14T09:00", 45, "training", 'h', 0);
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-15T09:00", 45, "training", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, "grant_sessions_per_week", "$.start", &f->ter, f->granted,
            "ter.a", "2026-12-20T09:00", 45, "training", 'h', 0);
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-21T09:00", 45, "training", 'h', 0);
    /* Another municipality's case; a therapist who is not a terapeut. */
    BOOK_NO(GENOP_ENOTFOUND, NULL, NULL, NULL, &f->ter_b, f->bare, "ter.b", "2026-12-14T09:00",
            30, "assessment", 'h', 0);
    BOOK_NO(GENOP_EINVAL, NULL, NULL, "$.therapist", &f->ter, f->bare, "vis.a",
            "2026-12-14T11:00", 30, "assessment", 'h', 0);
    BOOK_NO(GENOP_EINVAL, NULL, NULL, "$.therapist", &f->ter, f->bare, "ter.b",
            "2026-12-14T11:00", 30, "assessment", 'h', 0);
    /* Skive: 90 minutes a week. */
    int64_t s = casework_test_case(&f->loc, &f->vis_b, "0404401234", "Finn Friis");
    decide(f, &f->vis_b, s, "{\"form\": \"individual\", \"place\": \"centre\","
           " \"sessions_per_week\": 2, \"minutes_per_session\": 60, \"sessions\": null,"
           " \"until\": null, \"transport\": false, \"exceptions\": []}");
    BOOK_OK(&f->ter_b, s, "ter.b", "2026-12-14T09:00", 60, "training", 'h', 0);
    BOOK_NO(GENOP_EREFUSED, NULL, "minutes_per_week", "$.minutes", &f->ter_b, s, "ter.b",
            "2026-12-16T09:00", 45, "training", 'h', 0);
    BOOK_OK(&f->ter_b, s, "ter.b", "2026-12-16T09:00", 30, "training", 'h', 0);
}

static void test_summer_time(void **state)
{
    fx *f = *state;
    BOOK_OK(&f->ter, f->bare, "ter.a", "2026-03-29T03:00", 45, "assessment", 'h', 0);
    BOOK_NO(GENOP_ECONFLICT, "therapist", NULL, NULL, &f->ter, f->bare, "ter.a",
            "2026-03-29T01:30", 60, "assessment", 'h', 0);
    BOOK_OK(&f->ter, f->bare, "ter.a", "2026-03-29T01:30", 30, "assessment", 'h', 0);
    BOOK_OK(&f->ter, f->bare, "ter.a", "2026-10-25T02:30", 60, "assessment", 'h', 0);
    BOOK_NO(GENOP_ECONFLICT, "therapist", NULL, NULL, &f->ter, f->bare, "ter.a",
            "2026-10-25T02:59", 1, "assessment", 'h', 0);
    BOOK_OK(&f->ter, f->bare, "ter.a", "2026-10-25T03:00", 30, "assessment", 'h', 0);
}

/* A series of 45 minutes' training at home with ter.a for the granted
 * case at 09:00 from..until (weekdays left to the caller). */
static cal_series home_series(const fx *f, const char *from, const char *until)
{
    cal_series s;
    memset(&s, 0, sizeof s);
    s.first = (cal_booking){.case_id = f->granted, .minutes = 45,
                            .kind = GENOP_SESSION_TRAINING, .place = CAL_PLACE_HOME};
    snprintf(s.first.therapist, sizeof s.first.therapist, "ter.a");
    s.time = 9 * 60;
    s.from = date_of(from);
    s.until = date_of(until);
    return s;
}

static void test_series_over_christmas(void **state)
{
    fx *f = *state;
    cal_series s = home_series(f, "2026-12-16", "2027-01-01");
    s.weekdays[3] = s.weekdays[4] = s.weekdays[5] = true;    /* Wed, Thu, Fri */
    cal_series_result *r = malloc(sizeof *r);
    cal_refusal why;
    must(casework_appointment_series(&f->loc.env, &f->ter, &s, r, &why, e));
    /* Wed 16, Thu 17 booked; Fri 18 the third that week; Wed 23 booked,
     * Thu 24 and Fri 25 holidays; Wed 30 booked, Thu 31 and Fri 1 holidays. */
    assert_int_equal(r->n_ids, 4);
    const char *dates[] = {"2026-12-18", "2026-12-24", "2026-12-25", "2026-12-31",
                           "2027-01-01"};
    const char *reasons[] = {"limit", "holiday", "holiday", "holiday", "holiday"};
    assert_int_equal(r->n_skipped, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(r->skipped[i].date, date_of(dates[i]));
        assert_string_equal(r->skipped[i].reason, reasons[i]);
    }
    assert_string_equal(r->skipped[0].limit, "grant_sessions_per_week");
    free(r);
}

/* Opens day as u with a reason; the result. */
static genop_err open_day(fx *f, const genop_user *u, const char *day, genop_error *err)
{
    genop_holiday_opening_row o = {.day = date_of(day)};
    snprintf(o.reason, sizeof o.reason, "Juleåbent");
    return casework_holiday_open(&f->loc.env, u, &o, err);
}

static void test_holidays(void **state)
{
    fx *f = *state;
    genop_error err;
    BOOK_NO(GENOP_EREFUSED, NULL, NULL, "$.start", &f->ter, f->granted, "ter.a",
            "2026-12-25T10:00", 45, "training", 'h', 0);
    assert_int_equal(open_day(f, &f->ter, "2026-12-25", &err), GENOP_EFORBIDDEN);
    assert_int_equal(open_day(f, &f->leder, "2026-12-22", &err), GENOP_EINVAL);
    assert_string_equal(err.field, "$.date");
    must(open_day(f, &f->leder, "2026-12-25", e));
    assert_int_equal(open_day(f, &f->leder, "2026-12-25", &err), GENOP_ECONFLICT);
    BOOK_OK(&f->ter, f->granted, "ter.a", "2026-12-25T10:00", 45, "training", 'h', 0);
    /* Skive's leder does not see Aalborg's opening, so cannot close it. */
    assert_int_equal(casework_holiday_close(&f->loc.env, &f->leder_b, date_of("2026-12-25"),
                                            &err), GENOP_ENOTFOUND);
    must(casework_holiday_close(&f->loc.env, &f->leder, date_of("2026-12-25"), e));
    assert_int_equal(casework_holiday_close(&f->loc.env, &f->leder, date_of("2026-12-25"),
                                            &err), GENOP_ENOTFOUND);
    BOOK_NO(GENOP_EREFUSED, NULL, NULL, "$.start", &f->ter, f->granted, "ter.a",
            "2026-12-24T10:00", 45, "training", 'h', 0);
    cal_booking b = {.case_id = f->granted, .minutes = 45, .kind = GENOP_SESSION_TRAINING,
                     .place = CAL_PLACE_HOME, .holidays = true};
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    snprintf(b.therapist, sizeof b.therapist, "ter.a");
    must(genop_wallclock_parse("2026-12-24T10:00", &b.start, e));
    /* A terapeut's "holidays": true allows nothing: still refused. */
    assert_int_equal(casework_appointment_book(&f->loc.env, &f->ter, &b, &row, &warn, &why,
                                               &err), GENOP_EREFUSED);
    assert_string_equal(err.field, "$.start");
    must(casework_appointment_book(&f->loc.env, &f->leder, &b, &row, &warn, &why, e));
    assert_string_equal(row.start, "2026-12-24T10:00");
}

static void test_series_opened_day(void **state)
{
    fx *f = *state;
    cal_series s = home_series(f, "2026-12-24", "2026-12-25");
    s.weekdays[4] = s.weekdays[5] = true;                   /* Thu, Fri */
    must(open_day(f, &f->leder, "2026-12-24", e));
    cal_series_result *r = malloc(sizeof *r);
    cal_refusal why;
    /* A visitator's "holidays": true allows nothing more than none. */
    s.holidays = true;
    must(casework_appointment_series(&f->loc.env, &f->vis, &s, r, &why, e));
    /* The opened Thursday booked; Friday, Juledag, closed. */
    assert_int_equal(r->n_ids, 1);
    assert_int_equal(r->n_skipped, 1);
    assert_int_equal(r->skipped[0].date, date_of("2026-12-25"));
    assert_string_equal(r->skipped[0].reason, "holiday");
    assert_non_null(strstr(r->skipped[0].message, "Juledag"));
    free(r);
}

static void test_outcome(void **state)
{
    fx *f = *state;
    cal_booking b = {.case_id = f->granted, .minutes = 40, .kind = GENOP_SESSION_TRAINING,
                     .place = CAL_PLACE_HOME};
    snprintf(b.therapist, sizeof b.therapist, "ter.a");
    genop_appointment_row now_row, later;
    cal_warning warn;
    cal_refusal why;
    must(genop_wallclock_parse("2026-12-07T12:30", &b.start, e));   /* 11:30 UTC: started */
    must(casework_appointment_book(&f->loc.env, &f->ter, &b, &now_row, &warn, &why, e));
    must(genop_wallclock_parse("2026-12-07T14:00", &b.start, e));
    must(casework_appointment_book(&f->loc.env, &f->ter, &b, &later, &warn, &why, e));
    cal_outcome o = {.outcome = GENOP_OUTCOME_ATTENDED};
    int64_t ev = 0;
    genop_error err;
    assert_int_equal(casework_appointment_outcome(&f->loc.env, &f->ter, later.id, &o, &ev, &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.outcome");
    must(casework_appointment_outcome(&f->loc.env, &f->ter, now_row.id, &o, &ev, e));
    assert_true(ev > 0);
    genop_appointment_row back;
    must(genop_store_appointment_get(f->loc.store, "aalborg", now_row.id, &back, e));
    assert_int_equal(back.event_id, ev);
    assert_string_equal(back.status, "done");
    assert_int_equal(casework_appointment_outcome(&f->loc.env, &f->ter, now_row.id, &o, &ev,
                                                  &err), GENOP_EREFUSED);
    assert_int_equal(casework_appointment_outcome(&f->loc.env, &f->leder, later.id, &o, &ev,
                                                  &err), GENOP_EFORBIDDEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summer_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_over_christmas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holidays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_opened_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outcome, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
