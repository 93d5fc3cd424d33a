/*
 * test_case_page.c - what the domain layer gives the case page (issue 12,
 * item 5):
 * - the event types each role may register (casework_event_types_permitted),
 *   and a refusal of one it may not in Danish words, never the API's code;
 * - a case read's stage (casework_case stage) as the case moves on;
 * - a dry run of a registration (event_preview.h): the limits it would
 *   exceed, each with its rule; nothing stored; the same refusals as a
 *   registration; the rule of "newly exceeded" on its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "case_read.h"
#include "event_append.h"
#include "event_input.h"
#include "event_preview.h"
#include "local.h"
#include "casework_fixture.h"
#include "referral.h"
#include "roles.h"

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, ter, leder, other;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("casepage", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "skive", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->ter, "skive", GENOP_ROLE_TERAPEUT, "ter");
    casework_test_user(&f->loc, &f->leder, "skive", GENOP_ROLE_LEDER, "leder");
    casework_test_user(&f->loc, &f->other, "aalborg", GENOP_ROLE_VISITATOR, "vis.aalborg");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

static int64_t new_case(fixture *f, const char *cpr, int days_ago)
{
    casework_referral in = {
        .cpr = cpr, .name = "Karen Casepage", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - days_ago, .has_consent = true,
        .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

/* before + the date days_ago + after, into buf. */
static const char *dated(char buf[256], const fixture *f, int days_ago, const char *before,
                         const char *after)
{
    char d[GENOP_DATE_STR_SIZE];
    snprintf(buf, 256, "%s%s%s", before, genop_date_format(f->loc.env.today - days_ago, d),
             after);
    return buf;
}

/* Registers the event text on case id as u; the new event's id in
 * *event when event is not NULL. */
static genop_err append_id(fixture *f, const genop_user *u, int64_t id, const char *text,
                           int64_t *event, genop_error *e)
{
    return casework_test_append(&f->loc, u, id, text, event, e);
}

static genop_err append(fixture *f, const genop_user *u, int64_t id, const char *text,
                        genop_error *e)
{
    return append_id(f, u, id, text, NULL, e);
}

/* The dry run of the event text on case id as u, into *p. */
static genop_err preview(fixture *f, const genop_user *u, int64_t id, const char *text,
                         casework_preview *p, genop_error *e)
{
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    genop_err err = casework_event_read(body, &ev, e);
    if (!err)
        err = casework_event_preview(&f->loc.env, u, id, &ev, p, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

static bool listed(const char *const *types, size_t n, const char *type)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(types[i], type) == 0)
            return true;
    return false;
}

/* ---- roles ------------------------------------------------------------ */

static void test_types_per_role(void **state)
{
    fixture *f = *state;
    const char *types[CASEWORK_EVENT_TYPES_MAX];
    size_t n = casework_event_types_permitted(&f->vis, types);
    assert_true(listed(types, n, "decision") && listed(types, n, "hospital_plan") &&
                listed(types, n, "previous_course") && listed(types, n, "correction") &&
                listed(types, n, "note"));
    assert_true(listed(types, n, "appeal_decided"));    /* Ankestyrelsen's ruling, letters.md */
    n = casework_event_types_permitted(&f->ter, types);
    assert_int_equal(n, 9);
    assert_true(listed(types, n, "session") && listed(types, n, "closed") &&
                listed(types, n, "correction"));
    assert_false(listed(types, n, "decision") || listed(types, n, "hospital_plan") ||
                 listed(types, n, "complaint_forwarded"));
    n = casework_event_types_permitted(&f->leder, types);
    assert_int_equal(n, 2);
    assert_true(listed(types, n, "assigned") && listed(types, n, "correction"));
}

static void test_refusal_in_words(void **state)
{
    fixture *f = *state;
    genop_error e;
    assert_int_equal(casework_event_permitted(&f->ter, "decision", &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "Som terapeut kan du ikke registrere eller rette en afgørelse");
    assert_message_contains(e, "visitator");
    assert_null(strstr(e.message, "decision"));
    assert_int_equal(casework_event_permitted(&f->ter, "complaint_forwarded", &e),
                     GENOP_EFORBIDDEN);
    assert_message_contains(e, "at en klage er sendt til Ankestyrelsen");
    assert_int_equal(casework_event_permitted(&f->leder, "session", &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "Som leder kan du ikke registrere eller rette en træningsgang");
    assert_int_equal(casework_event_permitted(&f->vis, "decision", &e), GENOP_OK);
}

/* A terapeut's correction of the visitator's decision: 403 in words. */
static void test_correction_of_a_decision(void **state)
{
    fixture *f = *state;
    char b[256];
    int64_t id = new_case(f, "0101501234", 20);
    int64_t decision = 0;
    must(append_id(f, &f->vis, id, dated(b, f, 19, "{\"type\":\"decision\",\"date\":\"",
                                                  "\",\"granted\":true," TEST_GRANT "}"), &decision, e));
    char text[256];
    snprintf(text, sizeof text, "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,"
             "\"event\":null,\"reason\":\"fejl\"}",
             genop_date_format(f->loc.env.today, (char[GENOP_DATE_STR_SIZE]){0}),
             (long long)decision);
    genop_error e;
    assert_int_equal(append(f, &f->ter, id, text, &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "en afgørelse");
    assert_null(strstr(e.message, "decision"));
}

/* ---- the stage ------------------------------------------------------- */

static genop_case_stage stage_of(fixture *f, int64_t id)
{
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    genop_case_stage s = cr.stage;
    casework_case_release(&cr);
    return s;
}

static void test_stage_of_a_case_read(void **state)
{
    fixture *f = *state;
    char b[256];
    int64_t id = new_case(f, "0201501234", 30);
    assert_int_equal(stage_of(f, id), GENOP_STAGE_REFERRED);
    must(append(f, &f->vis, id, dated(b, f, 29, "{\"type\":\"decision\",\"date\":\"",
                                     "\",\"granted\":false," TEST_REASONS ",\"text\":\"nej\"}"), e));
    assert_int_equal(stage_of(f, id), GENOP_STAGE_REFUSED);
    must(append(f, &f->vis, id, dated(b, f, 20, "{\"type\":\"complaint_received\",\"date\":\"",
                                     "\"}"), e));
    assert_int_equal(stage_of(f, id), GENOP_STAGE_COMPLAINT);
    must(append(f, &f->vis, id, dated(b, f, 15, "{\"type\":\"decision\",\"date\":\"",
                                     "\",\"granted\":true," TEST_GRANT "}"), e));
    assert_int_equal(stage_of(f, id), GENOP_STAGE_GRANTED);
    must(append(f, &f->vis, id, dated(b, f, 10, "{\"type\":\"session\",\"date\":\"",
                                     "\",\"minutes\":45,\"outcome\":\"attended\"}"), e));
    assert_int_equal(stage_of(f, id), GENOP_STAGE_TRAINING);
}

/* ---- the dry run ----------------------------------------------------- */

/* A session on day `day` of the ISO week `weeks_back` weeks ago (0 = Monday). */
static const char *week_session(char buf[256], const fixture *f, int weeks_back, int day,
                                int minutes)
{
    char d[GENOP_DATE_STR_SIZE];
    genop_date monday = f->loc.env.today - 7 * weeks_back;
    monday -= genop_date_weekday(monday) - 1;
    snprintf(buf, 256, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":%d,"
             "\"outcome\":\"attended\"}", genop_date_format(monday + day, d), minutes);
    return buf;
}

static size_t stored_events(fixture *f, int64_t id)
{
    genop_list rows = {0};
    must(genop_store_events_list(f->loc.store, "skive", id, &rows, e));
    size_t n = rows.n;
    genop_store_free_events(&rows);
    return n;
}

static void test_preview_names_the_limits(void **state)
{
    fixture *f = *state;
    char b[256];
    int64_t id = new_case(f, "0301501234", 40);
    must(append(f, &f->vis, id, dated(b, f, 39, "{\"type\":\"decision\",\"date\":\"",
                                     "\",\"granted\":true," TEST_GRANT "}"), e));
    must(append(f, &f->vis, id, week_session(b, f, 2, 0, 45), e));
    must(append(f, &f->vis, id, week_session(b, f, 2, 1, 30), e));
    size_t n = stored_events(f, id);
    casework_preview p;
    must(preview(f, &f->ter, id, week_session(b, f, 2, 2, 10), &p, e));
    assert_int_equal(p.n_exceeds, 1);                   /* 85 minutes: within 90 */
    const genop_limit_result *l = &p.after.limits[p.exceeds[0]];
    assert_int_equal(l->rule->kind, GENOP_LIMIT_SESSIONS_PER_WEEK);
    assert_int_equal(l->used, 3);
    assert_int_equal(l->max, 2);
    assert_string_equal(l->rule->source.citation, "Skive, Ydelsens omfang");
    must(preview(f, &f->vis, id, week_session(b, f, 2, 2, 45), &p, e));
    assert_int_equal(p.n_exceeds, 2);                   /* and 120 minutes */
    assert_int_equal(p.after.limits[p.exceeds[1]].rule->kind, GENOP_LIMIT_MINUTES_PER_WEEK);
    must(preview(f, &f->vis, id, week_session(b, f, 1, 0, 45), &p, e));
    assert_int_equal(p.n_exceeds, 0);                   /* another week */
    assert_int_equal(stored_events(f, id), n);          /* nothing stored */
}

static void test_preview_refuses_as_a_registration(void **state)
{
    fixture *f = *state;
    char b[256];
    casework_preview p;
    genop_error e;
    int64_t id = new_case(f, "0401501234", 10);
    assert_int_equal(preview(f, &f->vis, id, week_session(b, f, 0, 0, 45), &p, &e),
                     GENOP_EREFUSED);                   /* no grant yet */
    assert_string_equal(e.field, "$.date");
    assert_int_equal(preview(f, &f->ter, id, dated(b, f, 1, "{\"type\":\"decision\",\"date\":\"",
                                                   "\",\"granted\":true," TEST_GRANT "}"), &p, &e),
                     GENOP_EFORBIDDEN);
    assert_int_equal(preview(f, &f->other, id, dated(b, f, 1, "{\"type\":\"note\",\"date\":\"",
                                                     "\",\"text\":\"x\"}"), &p, &e),
                     GENOP_ENOTFOUND);
    assert_int_equal(stored_events(f, id), 1);
}

/* The rule on its own: a week over its limit is exceeded again by one
 * more session; course_length by a session after its last day only. */
static void test_newly_exceeded_rule(void **state)
{
    (void)state;
    genop_limit_rule week = {.kind = GENOP_LIMIT_SESSIONS_PER_WEEK};
    genop_limit_rule length = {.kind = GENOP_LIMIT_COURSE_LENGTH};
    casework_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = CASEWORK_EVENT_SPEC;
    ev.ev.type = GENOP_EV_SESSION;
    ev.ev.outcome = GENOP_OUTCOME_ATTENDED;
    ev.ev.date = 1000;
    genop_limit_result before = {.rule = &week, .used = 2, .max = 2};
    genop_limit_result after = {.rule = &week, .used = 3, .max = 2, .exceeded = true};
    assert_true(casework_limit_newly_exceeded(&before, &after, &ev));
    assert_true(casework_limit_newly_exceeded(NULL, &after, &ev));
    before = after;
    assert_false(casework_limit_newly_exceeded(&before, &after, &ev));   /* another week */
    after.used = 4;
    assert_true(casework_limit_newly_exceeded(&before, &after, &ev));
    after.exceeded = false;
    assert_false(casework_limit_newly_exceeded(&before, &after, &ev));
    genop_limit_result cl = {.rule = &length, .used = 130, .max = 120, .exceeded = true,
                             .last_day = 999};
    assert_true(casework_limit_newly_exceeded(&cl, &cl, &ev));
    cl.last_day = 1000;
    assert_false(casework_limit_newly_exceeded(&cl, &cl, &ev));
    ev.ev.outcome = GENOP_OUTCOME_PROVIDER_CANCELLED;
    cl.last_day = 999;
    assert_false(casework_limit_newly_exceeded(&cl, &cl, &ev));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_types_per_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal_in_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correction_of_a_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stage_of_a_case_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_preview_names_the_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_preview_refuses_as_a_registration, setup,
                                        teardown),
        cmocka_unit_test(test_newly_exceeded_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
