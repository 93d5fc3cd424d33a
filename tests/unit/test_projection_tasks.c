/*
 * test_projection_tasks.c - the worklist's tasks in a case's projection
 * (src/casework/projection_tasks.h):
 * - from an evaluation: attendance_review (for the no-shows or an
 *   admission, whichever came first), limit_exceeded with the limit's id,
 *   course_length on the list from the day after its last day, each with
 *   its label, dates and source; a closed case keeps only end_status, and
 *   only where the standard requires one and the course had one;
 * - through the domain layer on a temporary database: the rows stored in
 *   the transaction of each event, the worklist of a day (a course past
 *   its length is listed from the day after, counted alike), a closed
 *   course's end status task, which goes when an end status is registered
 *   after the closure (and which a refresh of the rules finds as stored,
 *   replacing nothing); a journal note is taken after the closure, and a
 *   start status dated in the course too, one dated after it is refused.
 *
 * Expected values are worked out by hand from Skive's text and the
 * calendar, never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "case_json.h"
#include "event_append.h"
#include "event_input.h"
#include "evaluate.h"
#include "local.h"
#include "projection.h"
#include "projection_refresh.h"
#include "referral.h"
#include "registry.h"

#define PASSWORD "korrekt-hest-batteri"
#define QUALITY "Skive, Kommunens kvalitetsmål og leverancesikkerhed"
#define SCOPE "Skive, Ydelsens omfang"

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user ter, vis;        /* a terapeut and a visitator of Skive */
    const genop_user *as;       /* who registers: ter unless a test says */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-tasks-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    if (casework_local_open(f->db, &f->loc, NULL))
        return -1;
    must(casework_local_municipality_ensure(&f->loc, casework_standard(&f->loc.env, "skive"), e));
    snprintf(f->ter.municipality, sizeof f->ter.municipality, "skive");
    snprintf(f->ter.username, sizeof f->ter.username, "ter.skive");
    f->ter.role = GENOP_ROLE_TERAPEUT;
    must(casework_local_user_add(&f->loc, &f->ter, PASSWORD, e));
    f->vis = f->ter;
    snprintf(f->vis.username, sizeof f->vis.username, "vis.skive");
    f->vis.role = GENOP_ROLE_VISITATOR;
    must(casework_local_user_add(&f->loc, &f->vis, PASSWORD, e));
    f->as = &f->ter;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_local_close(&f->loc);
    remove_test_db(f->dir, "t.db");
    free(f);
    return 0;
}

/* ---- from an evaluation ------------------------------------------------------
 * A Skive citizen referred Mon 2026-02-16, granted 2026-02-19, first
 * session Tue 2026-02-24: 4 months to Wed 2026-06-24. */

#define EV(type, date) ",{\"type\": \"" type "\", \"date\": \"" date "\"}"
#define SESSION(date, outcome)                                                     \
    ",{\"type\": \"session\", \"date\": \"" date "\", \"minutes\": 45, \"outcome\": \"" \
    outcome "\"}"
#define CLOSED(date) ",{\"type\": \"closed\", \"date\": \"" date "\", \"reason\": \"other\"}"
#define COURSE(more)                                                                \
    "{\"events\": [{\"type\": \"referral_received\", \"date\": \"2026-02-16\","     \
    " \"paragraph\": \"86.1\"},{\"type\": \"decision\", \"date\": \"2026-02-19\","  \
    " \"granted\": true}" SESSION("2026-02-24", "attended") more "]}"

/* The tasks of text against Skive as of 2026-07-01 into out; how many. */
static size_t tasks_of(const char *text, genop_open_deadline out[PROJECTION_TASKS_MAX])
{
    genop_standard *std = NULL;
    must(genop_registry_load("skive", &std, e));
    genop_case c = {0};
    must(genop_case_parse(text, strlen(text), &c, e));
    genop_case_sort(&c);
    genop_result r;
    must(genop_evaluate(&c, std, date_of("2026-07-01"), &r, e));
    bool closed = false;
    for (size_t i = 0; i < c.n_events; i++)
        closed |= c.events[i].type == GENOP_EV_CLOSED;
    genop_case_row row = {.id = 7};
    genop_citizen cit = {.id = 3, .name = "Anna"};
    size_t n = 0;
    projection_tasks(&row, &cit, &r, closed, out, &n);
    genop_case_release(&c);
    genop_standard_free(std);
    return n;
}

static void expect_task(const genop_open_deadline *o, const char *id, const char *label,
                        const char *due, const char *source)
{
    assert_true(o->task);
    assert_string_equal(o->deadline_id, id);
    assert_string_equal(o->label, label);
    assert_date_is(o->due, due);
    assert_string_equal(o->source, source);
    assert_int_equal(o->case_id, 7);
    assert_int_equal(o->citizen_id, 3);
    assert_string_equal(o->citizen_name, "Anna");
    assert_int_equal(o->paragraph, GENOP_PARA_86_1);
}

static void test_open_course_tasks(void **state)
{
    (void)state;
    genop_open_deadline t[PROJECTION_TASKS_MAX];
    /* A course under way: its length only, not yet on the list. */
    assert_int_equal(tasks_of(COURSE(""), t), 1);
    expect_task(&t[0], "course_length", "Forløbet har passeret 4 måneder", "2026-06-24", SCOPE);
    assert_date_is(t[0].from, "2026-02-24");
    assert_date_is(t[0].listed_from, "2026-06-25");
    assert_string_equal(t[0].limit_id, "");
    /* A no-show on Thu 02-26 and an admission on Mon 03-02; two more
     * sessions in week 9 (Wed, Thu) exceed the week's 2 sessions on Wed
     * 02-25 and its 90 minutes on Thu 02-26 (45 x 3 = 135). */
    assert_int_equal(tasks_of(COURSE(SESSION("2026-02-25", "attended")
                                     SESSION("2026-02-26", "no_show")
                                     EV("admitted", "2026-03-02")), t), 4);
    expect_task(&t[0], "attendance_review", "Forløbet skal vurderes (fremmøde)", "2026-02-26",
                QUALITY);
    expect_task(&t[1], "limit_exceeded", "Grænse overskredet: Træningsgange pr. uge",
                "2026-02-26", SCOPE);
    assert_string_equal(t[1].limit_id, "sessions_per_week");
    assert_date_is(t[1].listed_from, "2026-02-26");
    expect_task(&t[2], "limit_exceeded", "Grænse overskredet: Træningsminutter pr. uge",
                "2026-02-26", SCOPE);
    assert_string_equal(t[2].limit_id, "minutes_per_week");
    assert_string_equal(t[3].deadline_id, "course_length");
    /* The admission first: the review is for it, from its day. */
    assert_int_equal(tasks_of(COURSE(EV("admitted", "2026-03-02")
                                     SESSION("2026-03-10", "no_show")), t), 2);
    expect_task(&t[0], "attendance_review", "Forløbet skal vurderes (indlæggelse)", "2026-03-02",
                QUALITY);
}

static void test_closed_course_keeps_its_end_status(void **state)
{
    (void)state;
    genop_open_deadline t[PROJECTION_TASKS_MAX];
    /* Closed with a no-show and past nothing: only the end status. */
    assert_int_equal(tasks_of(COURSE(SESSION("2026-03-03", "no_show") CLOSED("2026-03-20")), t),
                     1);
    expect_task(&t[0], "end_status", "Slutstatus mangler", "2026-03-20", QUALITY);
    assert_date_is(t[0].listed_from, "2026-03-20");
    /* With an end status after the closure: nothing. */
    assert_int_equal(
        tasks_of(COURSE(",{\"type\": \"function_status\", \"date\": \"2026-02-24\","
                        " \"phase\": \"start\", \"levels\": [{\"code\":"
                        " \"51697715-965a-40f3-b4a5-819103bf9d49\", \"level\": 2}]}"
                        CLOSED("2026-03-20")
                        ",{\"type\": \"function_status\", \"date\": \"2026-03-24\","
                        " \"phase\": \"end\", \"levels\": [{\"code\":"
                        " \"51697715-965a-40f3-b4a5-819103bf9d49\", \"level\": 1}]}"),
                 t),
        0);
}

/* ---- through the domain layer ----------------------------------------------- */

/* Registers the event in JSON text on case_id; the result of the append. */
static genop_err add(fixture *f, int64_t case_id, const char *text, genop_error *e)
{
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    int64_t id;
    genop_err err = casework_event_read(body, &ev, e);
    if (!err)
        err = casework_event_append(&f->loc.env, f->as, case_id, &ev, &id, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

/* add() with the date `days_ago` put in place of the one "%s" in tmpl. */
static genop_err add_on(fixture *f, int64_t case_id, const char *tmpl, int days_ago,
                        genop_error *e)
{
    char text[512], d[GENOP_DATE_STR_SIZE];
    const char *at = strstr(tmpl, "%s");
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - tmpl), tmpl,
             genop_date_format(f->loc.env.today - days_ago, d), at + 2);
    return add(f, case_id, text, e);
}

#define STATUS_OF(phase) "{\"type\":\"function_status\",\"date\":\"%s\",\"phase\":\"" phase \
    "\",\"levels\":[{\"code\":\"51697715-965a-40f3-b4a5-819103bf9d49\",\"level\":2}]}"

/* The stored rows of a case's projection. */
static size_t stored(fixture *f, int64_t case_id, genop_list *l)
{
    must(genop_store_case_open_deadlines(f->loc.store, "skive", case_id, l, e));
    return l->n;
}

/* The worklist of Skive on `day`: its total, and whether case_id's row
 * `id` is on it. */
static size_t listed(fixture *f, genop_date day, int64_t case_id, const char *id, bool *found)
{
    genop_list l = {0};
    size_t total = 0;
    must(genop_store_worklist(f->loc.store, "skive", day, 0, 0, &l, &total, e));
    const genop_open_deadline *d = l.items;
    *found = false;
    for (size_t i = 0; i < l.n; i++)
        *found |= d[i].case_id == case_id && strcmp(d[i].deadline_id, id) == 0;
    assert_int_equal(l.n, total);
    genop_store_free_list(&l);
    return total;
}

static int64_t new_case(fixture *f, int referred_days_ago)
{
    casework_referral in = {
        .cpr = "0101401111", .name = "Anna Andersen", .paragraph = "86.1",
        .source = "egen læge", .condition = "hofte",
        .date = f->loc.env.today - referred_days_ago, .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    f->as = &f->vis;
    must(add_on(f, r.case_id, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true," TEST_GRANT "}",
                referred_days_ago - 1, e));
    f->as = &f->ter;
    return r.case_id;
}

static void test_course_length_listed_from_the_day_after(void **state)
{
    fixture *f = *state;
    int64_t k = new_case(f, 200);
    must(add_on(f, k, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
                "\"outcome\":\"attended\"}", 190, e));
    genop_list l = {0};
    assert_int_equal(stored(f, k, &l), 1);
    const genop_open_deadline *d = l.items;
    assert_string_equal(d[0].deadline_id, "course_length");
    assert_true(d[0].task);
    genop_date last = d[0].due;
    assert_int_equal(d[0].listed_from, last + 1);
    genop_store_free_list(&l);
    bool found;
    assert_int_equal(listed(f, last, k, "course_length", &found), 0);
    assert_false(found);
    assert_int_equal(listed(f, last + 1, k, "course_length", &found), 1);
    assert_true(found);
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "skive", k, &row, e));
    assert_true(row.has_next_due);
    assert_int_equal(row.next_due, last);
}

static void test_end_status_after_the_closure(void **state)
{
    fixture *f = *state;
    genop_error why;
    int64_t k = new_case(f, 40);
    must(add_on(f, k, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
                "\"outcome\":\"attended\"}", 30, e));
    must(add_on(f, k, "{\"type\":\"closed\",\"date\":\"%s\",\"reason\":\"goal_reached\"}", 10,
                e));
    genop_list l = {0};
    assert_int_equal(stored(f, k, &l), 1);
    const genop_open_deadline *d = l.items;
    assert_string_equal(d[0].deadline_id, "end_status");
    assert_int_equal(d[0].due, f->loc.env.today - 10);
    genop_store_free_list(&l);
    bool found;
    listed(f, f->loc.env.today, k, "end_status", &found);
    assert_true(found);
    /* After the closure: a note; a start status dated after it is refused
     * with why; one dated in the course is taken, then the end status. */
    must(add_on(f, k, "{\"type\":\"note\",\"date\":\"%s\",\"text\":\"Slutstatus mangler.\"}", 2,
                e));
    assert_int_equal(add_on(f, k, STATUS_OF("start"), 5, &why), GENOP_EREFUSED);
    assert_message_contains(why, "startstatus skal dateres før afslutningen");
    must(add_on(f, k, STATUS_OF("start"), 30, e));
    assert_int_equal(stored(f, k, &l), 1);
    genop_store_free_list(&l);
    /* Computed again with the rules, the closed case's task is as stored:
     * nothing changes. */
    must(genop_store_rules_fingerprint_set(f->loc.store, "skive", "0-tidligere-regler", e));
    projection_refresh_report rep;
    must(casework_projections_refresh(&f->loc.env, &rep, e));
    assert_int_equal(rep.n, 1);
    assert_int_equal(rep.munis[0].cases, 1);
    assert_int_equal(rep.munis[0].changed, 0);
    assert_int_equal(stored(f, k, &l), 1);
    genop_store_free_list(&l);
    must(add_on(f, k, STATUS_OF("end"), 1, e));
    assert_int_equal(stored(f, k, &l), 0);
    genop_store_free_list(&l);
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "skive", k, &row, e));
    assert_true(row.closed);
    assert_false(row.has_next_due);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_course_tasks),
        cmocka_unit_test(test_closed_course_keeps_its_end_status),
        cmocka_unit_test_setup_teardown(test_course_length_listed_from_the_day_after, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_end_status_after_the_closure, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
