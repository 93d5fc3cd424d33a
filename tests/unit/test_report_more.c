/*
 * test_report_more.c - a report's figures beyond report_extras
 * (report_types.h: report_more), on a small history whose every number
 * is worked out by hand below. The period is the last 10 days (today - 10
 * to today, as of today); every case is Aalborg's (§ 86, stk. 1),
 * referred 20 days ago and granted 18 days ago, unless said otherwise:
 *
 *   c1  closed today-5 "no_shows"
 *   c2  closed today-4 "goal_reached"
 *   c3  closed today-3 "goal_reached"
 *   c4  closed today-15 "other": before the period, not counted
 *   c5  closed today-6 "moved", corrected to "deceased": counted as that
 *   cs  Skive's, not in Aalborg's report
 *
 * so Aalborg's closures: 4 (no_shows 1, goal_reached 2, deceased 1, every
 * other reason 0, no "unlisted"); courses ended for attendance: 1. A
 * reason none of the lists names (one kept from before its standard named
 * its reasons) is counted as "unlisted".
 *
 * Appointments (store rows, as the calendar keeps them; ter.a1 and ter.a2
 * are Aalborg's, ter.b Skive's; the team Knæhold is Aalborg's):
 *
 *   A1 ter.a1 c1 today-8  home  attended
 *   A2 ter.a1 c1 today-7  home  no_show
 *   A3 ter.a1 c2 today-6  team  cancelled by the citizen
 *   A4 ter.a2 c2 today-5  team  attended
 *   A5 ter.a2 c2 today-4  team  cancelled by the provider
 *   A6 ter.a2 c3 today-2  home  booked, no outcome
 *   A7 ter.a2 c3 today-12 home  attended: before the period
 *   A8 ter.a1 c3 today+3  home  booked: after the period
 *   B1 ter.b  cs today-3  home  attended (Skive's)
 *
 * so Aalborg's therapists: ter.a1 3 appointments (sessions 3: attended 1,
 * no-show 1, citizen 1), ter.a2 3 (booked 1, sessions 1: attended 1;
 * provider 1); the team Knæhold 3 (sessions 2: attended 1, citizen 1;
 * provider 1). Skive's report: ter.b with 1 attended, no team, nothing of
 * Aalborg's; Aalborg's nothing of Skive's. With paragraph 86.2 Aalborg
 * has no appointments (every case is 86.1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "casework_fixture.h"
#include "report.h"
#include "report_reasons.h"
#include "store_calendar.h"

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, leder, ter1, ter2, vis_b, leder_b, ter_b;
    int64_t c[5], cs;
    int64_t team;
} fixture;

static void append(fixture *f, const genop_user *u, int64_t id, int64_t *event_id,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Registers the event fmt (a JSON text, formatted) on case id as u. */
static void append(fixture *f, const genop_user *u, int64_t id, int64_t *event_id,
                   const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    must(casework_test_append(&f->loc, u, id, text, event_id, e));
}

static const char *day(const fixture *f, int offset, char buf[GENOP_DATE_STR_SIZE])
{
    return genop_date_format(f->loc.env.today + offset, buf);
}

/* A case of u's municipality, granted 18 days ago, closed `closed` days
 * from today with reason (none when reason is NULL); the closure's event
 * id in *closure unless that is NULL. */
static int64_t closed_case(fixture *f, const genop_user *u, const char *cpr, int closed,
                           const char *reason, int64_t *closure)
{
    char d[GENOP_DATE_STR_SIZE];
    int64_t id = casework_test_case(&f->loc, u, cpr, "Borger");
    append(f, u, id, NULL, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true," TEST_GRANT
           "}", day(f, -18, d));
    if (reason)
        append(f, u, id, closure, "{\"type\":\"closed\",\"date\":\"%s\",\"reason\":\"%s\"}",
               day(f, closed, d), reason);
    return id;
}

/* ---- the appointments, written as the calendar keeps them -------------- */

typedef struct appt {
    const char *muni;
    const genop_user *therapist;
    int64_t case_id;
    int offset;                 /* the day, from today */
    bool team;
    const char *status, *cancelled_by, *outcome;
} appt;

typedef struct calendar_job {
    fixture *f;
    const appt *appts;
    size_t n;
} calendar_job;

static genop_err add_team(genop_store *s, fixture *f, genop_error *e)
{
    genop_location_row l = {0, "Træningscentret", "Algade 1"};
    genop_room_row room = {0, 0, "Sal 1", 20};
    genop_err err = genop_store_location_add(s, "aalborg", &l, &room, 1, e);
    genop_team_row t;
    memset(&t, 0, sizeof t);
    snprintf(t.name, sizeof t.name, "Knæhold");
    snprintf(t.paragraph, sizeof t.paragraph, "86.1");
    t.room_id = room.id;
    t.weekday = 1;
    t.start_minute = 600;
    t.minutes = 60;
    t.capacity = 8;
    t.therapist_id = f->ter1.id;
    t.from = f->loc.env.today - 30;
    if (!err)
        err = genop_store_team_add(s, "aalborg", &t, e);
    f->team = t.id;
    return err;
}

static genop_err add_appointment(genop_store *s, fixture *f, const appt *p, genop_error *e)
{
    genop_appointment_row a;
    memset(&a, 0, sizeof a);
    a.case_id = p->case_id;
    a.therapist_id = p->therapist->id;
    a.day = f->loc.env.today + p->offset;
    char d[GENOP_DATE_STR_SIZE];
    snprintf(a.start, sizeof a.start, "%sT10:00", genop_date_format(a.day, d));
    a.starts_at = (int64_t)a.day * 86400 + 9 * 3600;
    a.ends_at = a.starts_at + 45 * 60;
    a.minutes = 45;
    snprintf(a.kind, sizeof a.kind, "training");
    snprintf(a.place, sizeof a.place, "%s", p->team ? "team" : "home");
    a.team_id = p->team ? f->team : 0;
    snprintf(a.created_by, sizeof a.created_by, "%s", p->therapist->username);
    genop_err err = genop_store_appointment_add(s, p->muni, &a, e);
    if (err || strcmp(p->status, "booked") == 0)
        return err;
    snprintf(a.status, sizeof a.status, "%s", p->status);
    snprintf(a.cancelled_by, sizeof a.cancelled_by, "%s", p->cancelled_by);
    snprintf(a.outcome, sizeof a.outcome, "%s", p->outcome);
    return genop_store_appointment_update(s, p->muni, &a, e);
}

static genop_err write_calendar(genop_store *s, void *ctx, genop_error *e)
{
    calendar_job *j = ctx;
    genop_err err = add_team(s, j->f, e);
    for (size_t i = 0; !err && i < j->n; i++)
        err = add_appointment(s, j->f, &j->appts[i], e);
    return err;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("report-more", f->dir, f->db, &f->loc))
        return -1;
    casework_local *loc = &f->loc;
    casework_test_user(loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis.a");
    casework_test_user(loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder.a");
    casework_test_user(loc, &f->ter1, "aalborg", GENOP_ROLE_TERAPEUT, "ter.a1");
    casework_test_user(loc, &f->ter2, "aalborg", GENOP_ROLE_TERAPEUT, "ter.a2");
    casework_test_user(loc, &f->vis_b, "skive", GENOP_ROLE_VISITATOR, "vis.b");
    casework_test_user(loc, &f->leder_b, "skive", GENOP_ROLE_LEDER, "leder.b");
    casework_test_user(loc, &f->ter_b, "skive", GENOP_ROLE_TERAPEUT, "ter.b");
    int64_t moved = 0;
    f->c[0] = closed_case(f, &f->vis, "0101501111", -5, "no_shows", NULL);
    f->c[1] = closed_case(f, &f->vis, "0201501112", -4, "goal_reached", NULL);
    f->c[2] = closed_case(f, &f->vis, "0301501113", -3, "goal_reached", NULL);
    f->c[3] = closed_case(f, &f->vis, "0401501114", -15, "other", NULL);
    f->c[4] = closed_case(f, &f->vis, "0501501115", -6, "moved", &moved);
    char d[GENOP_DATE_STR_SIZE];
    append(f, &f->vis, f->c[4], NULL,
           "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,\"reason\":\"forkert "
           "grund\",\"event\":{\"type\":\"closed\",\"date\":\"%s\",\"reason\":\"deceased\"}}",
           day(f, -1, d), (long long)moved, day(f, -6, d));
    f->cs = closed_case(f, &f->vis_b, "0601501116", -2, "no_shows", NULL);
    const appt appts[] = {
        {"aalborg", &f->ter1, f->c[0], -8, false, "done", "", "attended"},
        {"aalborg", &f->ter1, f->c[0], -7, false, "done", "", "no_show"},
        {"aalborg", &f->ter1, f->c[1], -6, true, "cancelled", "citizen", ""},
        {"aalborg", &f->ter2, f->c[1], -5, true, "done", "", "attended"},
        {"aalborg", &f->ter2, f->c[1], -4, true, "cancelled", "provider", ""},
        {"aalborg", &f->ter2, f->c[2], -2, false, "booked", "", ""},
        {"aalborg", &f->ter2, f->c[2], -12, false, "done", "", "attended"},
        {"aalborg", &f->ter1, f->c[2], 3, false, "booked", "", ""},
        {"skive", &f->ter_b, f->cs, -3, false, "done", "", "attended"},
    };
    calendar_job job = {f, appts, sizeof appts / sizeof appts[0]};
    must(casework_write(&loc->env, write_calendar, &job, e));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (!f)
        return 0;   /* the setup failed */
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

static void compute(fixture *f, const genop_user *leder, unsigned paragraph, report *r)
{
    genop_date today = f->loc.env.today;
    report_query q = {today - 10, today, today, paragraph, 2};
    must(casework_report(&f->loc.env, leder, &q, r, e));
}

static long closed_by(const report *r, const char *id)
{
    for (size_t i = 0; i < r->more.n_closures; i++)
        if (strcmp(r->more.closures[i].id, id) == 0)
            return r->more.closures[i].closed;
    fail_msg("no row for the reason %s", id);
    return -1;
}

static void test_closures_by_reason(void **state)
{
    fixture *f = *state;
    report r;
    compute(f, &f->leder, 0, &r);
    assert_int_equal(r.cases.closed, 4);
    /* Aalborg's one reason (no_shows), genop's five general ones it does
     * not name, and genop's two case ends; no "unlisted". */
    assert_int_equal(r.more.n_closures, 1 + 5 + 2);
    assert_string_equal(r.more.closures[0].id, "no_shows");
    assert_non_null(r.more.closures[0].source);
    assert_string_equal(r.more.closures[1].id, "goal_reached");
    assert_string_equal(r.more.closures[6].id, "refused");
    assert_string_equal(r.more.closures[7].id, "complaint_forwarded");
    long sum = 0;
    for (size_t i = 0; i < r.more.n_closures; i++)
        sum += r.more.closures[i].closed;
    assert_int_equal(sum, 4);
    assert_int_equal(closed_by(&r, "no_shows"), 1);
    assert_int_equal(closed_by(&r, "goal_reached"), 2);
    assert_int_equal(closed_by(&r, "deceased"), 1);
    assert_int_equal(closed_by(&r, "moved"), 0);
    assert_int_equal(closed_by(&r, "other"), 0);
    assert_null(r.more.closures[1].source);   /* goal_reached: genop's own */
    assert_int_equal(r.more.ended_for_attendance, 1);
    /* Aalborg's complaint deadlines: none due in the period. */
    assert_int_equal(r.more.n_complaint_deadlines, 0);
    genop_buf b = {0};
    report_write_json(&r, &b);
    assert_non_null(strstr(b.data, "\"courses_ended_for_attendance\":1,"));
    assert_non_null(strstr(b.data, "{\"reason\":\"deceased\",\"label\":\"Borgeren er død\","
                                   "\"source\":null,\"closed\":1}"));
    genop_buf_release(&b);
    report_release(&r);

    /* A reason no list names goes to "unlisted", after the case ends. */
    report_tally *t = calloc(1, sizeof *t);
    report_query q = {f->loc.env.today - 10, f->loc.env.today, f->loc.env.today, 0, 1};
    must(report_tally_init(t, casework_standard(&f->loc.env, "aalborg"), &q, e));
    report_reasons_count(t, "gammel grund");
    report_reasons_count(t, "");
    report_reasons_count(t, "refused");
    report out;
    memset(&out, 0, sizeof out);
    must(report_tally_finish(t, &out, e));
    assert_int_equal(out.more.n_closures, 9);
    assert_string_equal(out.more.closures[8].id, "unlisted");
    assert_int_equal(out.more.closures[8].closed, 2);
    assert_int_equal(closed_by(&out, "refused"), 1);
    report_tally_release(t);
    free(t);
    report_release(&out);
}

static void assert_staff(const report_staff *s, const char *name, long appointments,
                         long booked, long sessions, long attended, long no_shows, long citizen,
                         long provider)
{
    assert_string_equal(s->name, name);
    long got[] = {s->appointments, s->booked, s->sessions, s->attended, s->no_shows,
                  s->citizen_cancellations, s->provider_cancellations};
    long want[] = {appointments, booked, sessions, attended, no_shows, citizen, provider};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(got[i], want[i]);
}

static void test_staff(void **state)
{
    fixture *f = *state;
    report r;
    compute(f, &f->leder, 0, &r);
    assert_int_equal(r.more.n_therapists, 2);
    assert_staff(&r.more.therapists[0], "ter.a1", 3, 0, 3, 1, 1, 1, 0);
    assert_int_equal(r.more.therapists[0].id, f->ter1.id);
    assert_staff(&r.more.therapists[1], "ter.a2", 3, 1, 1, 1, 0, 0, 1);
    assert_int_equal(r.more.n_teams, 1);
    assert_staff(&r.more.teams[0], "Knæhold", 3, 0, 2, 1, 0, 1, 1);
    genop_buf b = {0};
    report_write_json(&r, &b);
    assert_null(strstr(b.data, "ter.b"));
    genop_buf_release(&b);
    report_release(&r);

    compute(f, &f->leder_b, 0, &r);
    assert_int_equal(r.more.n_therapists, 1);
    assert_staff(&r.more.therapists[0], "ter.b", 1, 0, 1, 1, 0, 0, 0);
    assert_int_equal(r.more.n_teams, 0);
    assert_int_equal(r.cases.closed, 1);
    assert_int_equal(closed_by(&r, "no_shows"), 1);
    report_write_json(&r, &b);
    assert_null(strstr(b.data, "ter.a"));
    assert_null(strstr(b.data, "Knæhold"));
    genop_buf_release(&b);
    report_release(&r);

    compute(f, &f->leder, GENOP_PARA_86_2, &r);
    assert_int_equal(r.more.n_therapists, 0);
    assert_int_equal(r.more.n_teams, 0);
    assert_int_equal(r.cases.closed, 0);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closures_by_reason),
        cmocka_unit_test(test_staff),
    };
    /* One database for the tests: they only read it. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
