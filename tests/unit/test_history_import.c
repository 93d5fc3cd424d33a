/*
 * test_history_import.c - registering a whole case at once
 * (src/casework/history_import.h), against the same case registered one
 * event at a time through casework_referral_register() and
 * casework_event_append(), each in a database of its own made alike (the
 * same users in the same order, so the ids match):
 * - a good case - an assignment, a note and a correction among its
 *   events - gives the same kept answer (the case, its events, the packed
 *   view), the same evaluation, projection and responsible users;
 * - a case with an event the rules refuse, one whose type the actor may
 *   not register, an actor of another municipality, or a referral that
 *   is refused: the import gives the error the one-by-one registration
 *   gives for that event, says which event it was, and stores nothing of
 *   the case (no case, no citizen).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "case_read.h"
#include "casework_fixture.h"
#include "history_import.h"
#include "result_json.h"

/* The two databases: one written one event at a time, one by imports. */
typedef struct fixture {
    char dir[2][64], db[2][96];
    casework_local loc[2];
    genop_user vis[2], ter[2], other[2];
} fixture;

enum { ONE_BY_ONE, IMPORT };

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    for (int k = 0; k < 2; k++) {
        if (!f || casework_test_open("history-import", f->dir[k], f->db[k], &f->loc[k]))
            return -1;
        casework_test_user(&f->loc[k], &f->vis[k], "aalborg", GENOP_ROLE_VISITATOR, "vis");
        casework_test_user(&f->loc[k], &f->ter[k], "aalborg", GENOP_ROLE_TERAPEUT, "ter");
        casework_test_user(&f->loc[k], &f->other[k], "skive", GENOP_ROLE_VISITATOR, "skive-vis");
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int k = 0; k < 2; k++)
        casework_test_close(f->dir[k], &f->loc[k]);
    free(f);
    return 0;
}

/* Who registers an event of a planned case. */
enum { BY_VIS, BY_TER, BY_OTHER };

typedef struct planned {
    int by;
    const char *json;            /* "%s" stands for the event's date */
    int day;                     /* days after the referral */
} planned;

#define REFERRAL_AGO 40
#define GRANT                                                                  \
    "\"granted\":true,\"grant\":{\"form\":\"team\",\"place\":\"centre\","      \
    "\"sessions_per_week\":1,\"minutes_per_session\":45,\"sessions\":10,"     \
    "\"until\":null,\"transport\":false,\"exceptions\":[]}"

static const genop_user *who(fixture *f, int k, int by)
{
    return by == BY_VIS ? &f->vis[k] : by == BY_TER ? &f->ter[k] : &f->other[k];
}

static genop_date referral_day(fixture *f)
{
    return f->loc[0].env.today - REFERRAL_AGO;
}

static casework_referral referral(fixture *f, const char *cpr)
{
    casework_referral in = {
        .cpr = cpr, .name = "Inge Hansen", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = referral_day(f), .address = "Algade 1, 9000 Aalborg",
        .has_consent = true, .consent = true,
    };
    return in;
}

/* Reads planned event p (its date filled in) into *ev. */
static genop_err read_planned(fixture *f, const planned *p, casework_event *ev, genop_error *e)
{
    char date[GENOP_DATE_STR_SIZE], text[1024];
    genop_date_format(referral_day(f) + p->day, date);
    size_t n = 0;                  /* each %s (a correction's event has one too) */
    for (const char *c = p->json; *c && n + GENOP_DATE_STR_SIZE < sizeof text; c++) {
        if (c[0] == '%' && c[1] == 's') {
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", date);
            c++;
        } else {
            text[n++] = *c;
        }
    }
    text[n] = '\0';
    json_t *body = json_loads(text, 0, NULL);
    if (!body)
        fail_msg("test event is not JSON: %s", text);
    genop_err err = casework_event_read(body, ev, e);
    json_decref(body);
    return err;
}

/* Registers the case one registration at a time in the first database,
 * as the API does, up to the first refusal; its error in *e, and the
 * index of the refused event (CASEWORK_IMPORT_REFERRAL for the referral)
 * in *at. */
static genop_err one_by_one(fixture *f, const casework_referral *in, const planned *p, size_t n,
                            int64_t *case_id, size_t *at, genop_error *e)
{
    casework_referral_result r;
    *at = CASEWORK_IMPORT_REFERRAL;
    genop_err err = casework_referral_register(&f->loc[ONE_BY_ONE].env, &f->vis[ONE_BY_ONE], in,
                                               &r, e);
    for (size_t i = 0; !err && i < n; i++) {
        casework_event ev;
        int64_t id;
        *at = i;
        err = read_planned(f, &p[i], &ev, e);
        if (!err)
            err = casework_event_append(&f->loc[ONE_BY_ONE].env, who(f, ONE_BY_ONE, p[i].by),
                                        r.case_id, &ev, &id, e);
        casework_event_release(&ev);
    }
    *case_id = err ? 0 : r.case_id;
    return err;
}

/* Registers the case as one import in the second database. */
static genop_err import(fixture *f, const casework_referral *in, const planned *p, size_t n,
                        casework_import_result *r, genop_error *e)
{
    casework_event evs[16];
    casework_import_event list[16];
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(read_planned(f, &p[i], &evs[i], e), GENOP_OK);
        list[i] = (casework_import_event){who(f, IMPORT, p[i].by), &evs[i]};
    }
    genop_err err = casework_history_import(&f->loc[IMPORT].env, &f->vis[IMPORT], in, list, n,
                                            r, e);
    for (size_t i = 0; i < n; i++)
        casework_event_release(&evs[i]);
    return err;
}

/* The registration times in an answer's JSON are the clock's: blanked. */
static void blank_times(char *s)
{
    const char *keys[] = {"\"registered_at\":\"", "\"created_at\":\""};
    for (size_t k = 0; k < 2; k++)
        for (char *p = strstr(s, keys[k]); p; p = strstr(p, keys[k]))
            for (p += strlen(keys[k]); *p && *p != '"'; p++)
                *p = 'x';
}

/* The case as read back: its evaluation, kept answer, projection. */
typedef struct read_back {
    char *evaluation, *case_json, *events_json;
    void *view;
    size_t view_len;
    genop_case_row row;
    genop_case_assigned assigned;
    size_t n_tasks;
} read_back;

static read_back read_case(fixture *f, int k, int64_t id)
{
    casework_case cr;
    read_back out;
    genop_buf eval = {0};
    must(casework_case_read(&f->loc[k].env, &f->vis[k], id, false, 0, &cr, e));
    assert_non_null(cr.kept.view);              /* the kept answer is current */
    genop_result_write_json(&cr.evaluation, &cr.lc.view, &eval);
    genop_buf_add(&eval, "", 1);
    out.evaluation = eval.data;
    out.case_json = strdup(cr.case_json);
    out.events_json = strdup(cr.events_json);
    blank_times(out.case_json);
    blank_times(out.events_json);
    out.view = malloc(cr.kept.view_len);
    memcpy(out.view, cr.kept.view, cr.kept.view_len);
    out.view_len = cr.kept.view_len;
    out.row = cr.lc.row;
    out.assigned = cr.assigned;
    casework_case_release(&cr);
    genop_list tasks = {0};
    size_t total = 0;
    must(genop_store_worklist(f->loc[k].store, "aalborg", f->loc[k].env.today, 100, 0, &tasks,
                              &total, e));
    out.n_tasks = total;
    genop_store_free_list(&tasks);
    return out;
}

static void read_back_free(read_back *r)
{
    free(r->evaluation);
    free(r->case_json);
    free(r->events_json);
    free(r->view);
}

/* No case and no citizen of cpr in the import's database. */
static void assert_nothing_stored(fixture *f, const char *cpr)
{
    genop_list ids = {0};
    genop_citizen cit;
    genop_error why;
    must(genop_store_case_ids(f->loc[IMPORT].store, "aalborg", 0, 10, &ids, e));
    assert_int_equal(ids.n, 0);
    genop_store_free_list(&ids);
    assert_int_equal(genop_store_citizen_find_by_cpr(f->loc[IMPORT].store, "aalborg", cpr, &cit,
                                                     &why),
                     GENOP_ENOTFOUND);
}

/* ---- a good case -------------------------------------------------------- */

static const planned good_case[] = {
    {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
    {BY_VIS, "{\"type\":\"assessment\",\"date\":\"%s\"}", 3},
    {BY_VIS, "{\"type\":\"decision\",\"date\":\"%s\"," GRANT "}", 5},
    {BY_VIS, "{\"type\":\"assigned\",\"date\":\"%s\",\"role\":\"terapeut\",\"username\":\"ter\"}",
     5},
    {BY_TER, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,\"outcome\":\"attended\"}", 8},
    {BY_TER, "{\"type\":\"note\",\"date\":\"%s\",\"text\":\"Borgeren går bedre.\"}", 9},
    {BY_TER, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,\"outcome\":\"no_show\"}", 15},
    /* the session before: event 8 of the database (the referral is 1) */
    {BY_TER,
     "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":8,\"reason\":\"Forkert udfald\","
     "\"event\":{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,\"outcome\":\"attended\"}}",
     15},
    {BY_TER, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,\"outcome\":\"attended\"}", 22},
};

static void test_good_case_as_one_by_one(void **state)
{
    fixture *f = *state;
    size_t n = sizeof good_case / sizeof good_case[0], at;
    casework_referral in = referral(f, "0101401234");
    casework_import_result r;
    int64_t id;
    genop_error why;
    assert_int_equal(one_by_one(f, &in, good_case, n, &id, &at, &why), GENOP_OK);
    must(import(f, &in, good_case, n, &r, e));
    assert_int_equal(r.referral.case_id, id);
    assert_true(r.referral.citizen_created);
    assert_int_equal(r.last_event_id, 1 + (int64_t)n);
    read_back a = read_case(f, ONE_BY_ONE, id), b = read_case(f, IMPORT, id);
    assert_string_equal(a.evaluation, b.evaluation);
    assert_string_equal(a.case_json, b.case_json);
    assert_string_equal(a.events_json, b.events_json);
    assert_non_null(strstr(b.events_json, "\"state\":\"corrected\""));
    assert_int_equal(a.view_len, b.view_len);
    assert_memory_equal(a.view, b.view, a.view_len);
    assert_int_equal(a.row.stage, b.row.stage);
    assert_int_equal(a.row.closed, b.row.closed);
    assert_int_equal(a.row.has_next_due, b.row.has_next_due);
    assert_int_equal(a.row.next_due, b.row.next_due);
    assert_string_equal(b.assigned.terapeut, "ter");
    assert_memory_equal(&a.assigned, &b.assigned, sizeof a.assigned);
    assert_int_equal(a.n_tasks, b.n_tasks);
    read_back_free(&a);
    read_back_free(&b);
    /* a second case of the same citizen, found by the CPR number, waiting
     * for its decision: on the worklist alike */
    assert_int_equal(one_by_one(f, &in, good_case, 2, &id, &at, &why), GENOP_OK);
    must(import(f, &in, good_case, 2, &r, e));
    assert_false(r.referral.citizen_created);
    assert_int_equal(r.referral.case_id, id);
    assert_int_equal(r.last_event_id, 1 + (int64_t)n + 3);
    a = read_case(f, ONE_BY_ONE, id);
    b = read_case(f, IMPORT, id);
    assert_string_equal(a.evaluation, b.evaluation);
    assert_string_equal(a.case_json, b.case_json);
    assert_true(b.n_tasks > 0);
    assert_int_equal(a.n_tasks, b.n_tasks);
    read_back_free(&a);
    read_back_free(&b);
}

/* The import of p[0..n) fails as the one-by-one registration does, at
 * event `want` (CASEWORK_IMPORT_REFERRAL: the referral), with code. */
static void assert_refused_alike(fixture *f, const casework_referral *in, const planned *p,
                                 size_t n, size_t want, genop_err code)
{
    genop_error a, b;
    casework_import_result r;
    int64_t id;
    size_t at;
    assert_int_equal(one_by_one(f, in, p, n, &id, &at, &a), code);
    assert_int_equal(at, want);
    assert_int_equal(import(f, in, p, n, &r, &b), code);
    assert_int_equal(r.refused_at, want);
    assert_int_equal(r.referral.case_id, 0);
    assert_int_equal(b.code, a.code);
    assert_string_equal(b.field, a.field);
    assert_string_equal(b.message, a.message);
    assert_nothing_stored(f, in->cpr);
}

static void test_refused_by_the_rules(void **state)
{
    fixture *f = *state;
    /* a session with no grant: the rules refuse it (the case so far had
     * been stored by then one by one) */
    const planned p[] = {
        {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
        {BY_VIS, "{\"type\":\"assessment\",\"date\":\"%s\"}", 3},
        {BY_TER, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
                 "\"outcome\":\"attended\"}", 8},
        {BY_TER, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
                 "\"outcome\":\"attended\"}", 9},
    };
    casework_referral in = referral(f, "0101401234");
    assert_refused_alike(f, &in, p, 4, 2, GENOP_EREFUSED);
}

static void test_refused_in_the_future(void **state)
{
    fixture *f = *state;
    const planned p[] = {
        {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
        {BY_VIS, "{\"type\":\"assessment\",\"date\":\"%s\"}", REFERRAL_AGO + 2},
    };
    casework_referral in = referral(f, "0101401234");
    assert_refused_alike(f, &in, p, 2, 1, GENOP_EREFUSED);
}

static void test_forbidden_type(void **state)
{
    fixture *f = *state;
    /* a terapeut may not decide */
    const planned p[] = {
        {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
        {BY_VIS, "{\"type\":\"assessment\",\"date\":\"%s\"}", 3},
        {BY_TER, "{\"type\":\"decision\",\"date\":\"%s\"," GRANT "}", 5},
    };
    casework_referral in = referral(f, "0101401234");
    assert_refused_alike(f, &in, p, 3, 2, GENOP_EFORBIDDEN);
}

static void test_refused_assignment(void **state)
{
    fixture *f = *state;
    /* no such user of the municipality */
    const planned p[] = {
        {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
        {BY_VIS, "{\"type\":\"assigned\",\"date\":\"%s\",\"role\":\"terapeut\","
                 "\"username\":\"skive-vis\"}", 2},
    };
    casework_referral in = referral(f, "0101401234");
    assert_refused_alike(f, &in, p, 2, 1, GENOP_EREFUSED);
}

static void test_refused_referral(void **state)
{
    fixture *f = *state;
    const planned p[] = {{BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1}};
    casework_referral in = referral(f, "3201401234");     /* no 32nd day */
    assert_refused_alike(f, &in, p, 1, CASEWORK_IMPORT_REFERRAL, GENOP_EINVAL);
}

static void test_actor_of_another_municipality(void **state)
{
    fixture *f = *state;
    const planned p[] = {
        {BY_VIS, "{\"type\":\"contacted\",\"date\":\"%s\"}", 1},
        {BY_OTHER, "{\"type\":\"assessment\",\"date\":\"%s\"}", 3},
    };
    casework_referral in = referral(f, "0101401234");
    assert_refused_alike(f, &in, p, 2, 1, GENOP_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good_case_as_one_by_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_by_the_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_in_the_future, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forbidden_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_assignment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_referral, setup, teardown),
        cmocka_unit_test_setup_teardown(test_actor_of_another_municipality, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
