/*
 * test_task_dates.c - the dates the worklist's tasks are due by, as the
 * evaluator reports them (docs/evaluation.md, "Fields genop adds"), and
 * the standard's documentation rule (documentation.h):
 * - a counting limit's exceeded_on: the session that first took the
 *   count past max (sessions, assessment sessions: the (max+1)th; a week's
 *   sessions or minutes: the session that took its week past max, the
 *   earliest such week), none while within; course_length's last_day;
 * - attendance: limit_reached (the session whose no-show, or counted
 *   cancellation, reached the review limit), first_admission, and
 *   review_since (the earlier of the two reasons for review);
 * - documentation.end_status: not_needed, due, present, missing, with the
 *   closure's date and the rule's source; none without a rule or for a
 *   paragraph the rule does not name; the shipped Skive and Nyborg rules;
 * - the loader's documentation key and its problems, with positions;
 * - the result's JSON of all of it.
 *
 * Expected values are worked out by hand from the calendar and the rules
 * below, never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "test_helpers.h"
#include "standard_problem.h"

#include "case_json.h"
#include "evaluate.h"
#include "registry.h"
#include "result_json.h"
#include "standard_load.h"

/* Testrup: 2 training sessions, 1 assessment session, 2 sessions and 90
 * minutes a week, 3 months; review at 2 no-shows and cancellations
 * together, and admissions; an end status for § 86, stk. 1. */
#define TESTRUP_HEAD                                                              \
    "id: test\n"                                                                  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n"     \
    "title: Test\n"                                                               \
    "paragraphs: [\"86.1\", \"86.2\"]\n"                                          \
    "content: {purpose: Formål}\n"
#define TESTRUP_RULES                                                             \
    "limits:\n"                                                                   \
    "  - {id: sessions, label: Træningsgange, max: 2, source: {section: Omfang}}\n" \
    "  - {id: assessment_sessions, label: Udredningsgange, max: 1,"               \
    " source: {section: Omfang}}\n"                                               \
    "  - {id: sessions_per_week, label: Træningsgange pr. uge, max: 2,"           \
    " source: {section: Omfang}}\n"                                               \
    "  - {id: minutes_per_week, label: Minutter pr. uge, max: 90,"                \
    " source: {section: Omfang}}\n"                                               \
    "  - {id: course_length, label: Forløbets længde, max: 3, unit: months,"      \
    " source: {section: Omfang}}\n"                                               \
    "attendance:\n"                                                               \
    "  counts: no_shows_and_cancellations\n"                                      \
    "  review_limit: 2\n"                                                         \
    "  source: {section: Fremmøde}\n"                                             \
    "  admission: {source: {section: Indlæggelse}}\n"
#define TESTRUP_DOC                                                               \
    "documentation:\n"                                                            \
    "  end_status:\n"                                                             \
    "    paragraphs: [\"86.1\"]\n"                                                \
    "    source: {section: Dokumentation, quote: Der udarbejdes slutstatus.}\n"

typedef struct fixture {
    genop_standard *testrup, *skive, *nyborg, *aalborg;
} fixture;

static genop_err load(const char *text, genop_standard **std, genop_problems *p, genop_error *e)
{
    return genop_standard_parse(text, strlen(text), "t.yaml", std, p, e);
}

static int teardown(void **state)
{
    fixture *f = *state;
    genop_standard_free(f->testrup);
    genop_standard_free(f->skive);
    genop_standard_free(f->nyborg);
    genop_standard_free(f->aalborg);
    free(f);
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    genop_error e;
    *state = f;
    if (!f)
        return -1;
    if (load(TESTRUP_HEAD TESTRUP_RULES TESTRUP_DOC, &f->testrup, NULL, &e) ||
        genop_registry_load("skive", &f->skive, &e) ||
        genop_registry_load("nyborg", &f->nyborg, &e) ||
        genop_registry_load("aalborg", &f->aalborg, &e)) {
        teardown(state);
        return -1;
    }
    return 0;
}

/* ---- cases ---------------------------------------------------------------
 * Referred Mon 2026-02-16, granted Thu 2026-02-19. ISO week 9 is Mon
 * 2026-02-23 to Sun 2026-03-01, week 10 from Mon 2026-03-02. */

#define SESSION(date, minutes, outcome, kind)                                        \
    "{\"type\": \"session\", \"date\": \"" date "\", \"minutes\": " #minutes         \
    ", \"outcome\": \"" outcome "\", \"kind\": \"" kind "\"},"
#define TRAINING(date, minutes) SESSION(date, minutes, "attended", "training")
#define EV(type, date) "{\"type\": \"" type "\", \"date\": \"" date "\"},"
#define STATUS(date, phase)                                                          \
    "{\"type\": \"function_status\", \"date\": \"" date "\", \"phase\": \"" phase    \
    "\", \"levels\": [{\"code\": \"51697715-965a-40f3-b4a5-819103bf9d49\", \"level\": 2}]},"
#define CLOSED(date) "{\"type\": \"closed\", \"date\": \"" date "\", \"reason\": \"other\"},"
#define CASE_OF(para, events)                                                        \
    "{\"events\": ["                                                                 \
    "{\"type\": \"referral_received\", \"date\": \"2026-02-16\", \"paragraph\": \""  \
    para "\"},"                                                                      \
    "{\"type\": \"decision\", \"date\": \"2026-02-19\", \"granted\": true}," events \
    "{\"type\": \"contacted\", \"date\": \"2026-02-17\"}]}"
#define CASE(events) CASE_OF("86.1", events)

/* Evaluates text against std as of `as_of` into *r. */
static void evaluate_on(const genop_standard *std, const char *text, const char *as_of,
                        genop_result *r)
{
    genop_case c = {0};
    must(genop_case_parse(text, strlen(text), &c, e));
    genop_case_sort(&c);
    must(genop_evaluate(&c, std, date_of(as_of), r, e));
    genop_case_release(&c);
}

static void evaluate(const genop_standard *std, const char *text, genop_result *r)
{
    evaluate_on(std, text, "2026-04-01", r);
}

/* The result's limit of kind k; fails the test if it is not listed. */
static const genop_limit_result *limit_of(const genop_result *r, genop_limit_kind k)
{
    for (size_t i = 0; i < r->n_limits; i++)
        if (r->limits[i].rule->kind == k)
            return &r->limits[i];
    fail_msg("limit %s not in the result", genop_limit_name(k));
    return NULL;
}

/* The limit of kind k was first exceeded on `on` (NULL: it is within). */
static void expect_exceeded_on(const genop_result *r, genop_limit_kind k, const char *on)
{
    const genop_limit_result *l = limit_of(r, k);
    assert_int_equal(l->exceeded, on != NULL);
    assert_int_equal(l->has_exceeded_on, on != NULL);
    if (on)
        assert_date_is(l->exceeded_on, on);
}

/* The result's JSON, which the caller frees. */
static char *result_text(const genop_result *r)
{
    genop_buf b = {0};
    genop_result_write_json(r, NULL, &b);
    assert_false(genop_buf_failed(&b));
    return b.data;
}

/* ---- limits ------------------------------------------------------------- */

static void test_sessions_exceeded_by_the_third(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Two training sessions in two weeks: within every limit. */
    evaluate(f->testrup, CASE(TRAINING("2026-02-24", 45) TRAINING("2026-03-03", 45)), &r);
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS, NULL);
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS_PER_WEEK, NULL);
    /* The third (a no-show counts: it used the slot) exceeds the 2; a
     * provider's cancellation before it does not count. */
    evaluate(f->testrup, CASE(TRAINING("2026-02-24", 45) TRAINING("2026-03-03", 45)
                                  SESSION("2026-03-09", 45, "provider_cancelled", "training")
                                  SESSION("2026-03-10", 45, "no_show", "training")
                                  TRAINING("2026-03-17", 45)), &r);
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS, "2026-03-10");
    /* Assessment sessions are a limit of their own: the second exceeds 1. */
    expect_exceeded_on(&r, GENOP_LIMIT_ASSESSMENT_SESSIONS, NULL);
    evaluate(f->testrup, CASE(SESSION("2026-02-20", 60, "attended", "assessment")
                                  SESSION("2026-03-06", 60, "attended", "assessment")), &r);
    expect_exceeded_on(&r, GENOP_LIMIT_ASSESSMENT_SESSIONS, "2026-03-06");
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS, NULL);
}

static void test_weekly_limits_name_the_session_of_the_first_week(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Week 9: 60 + 60 minutes on Tue and Wed (the minutes exceed 90 on
     * Wed, the count is 2: within), then a third session on Thu (the count
     * exceeds 2). Week 10 exceeds both again: the first is named. */
    evaluate(f->testrup, CASE(TRAINING("2026-02-24", 60) TRAINING("2026-02-25", 60)
                                  TRAINING("2026-02-26", 10) TRAINING("2026-03-02", 60)
                                  TRAINING("2026-03-03", 60) TRAINING("2026-03-04", 60)), &r);
    expect_exceeded_on(&r, GENOP_LIMIT_MINUTES_PER_WEEK, "2026-02-25");
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS_PER_WEEK, "2026-02-26");
    /* Sun 2026-03-01 and Mon 2026-03-02 are two weeks: 45 + 45 each side
     * of the week's end is within; a session on the Monday after two on
     * the Sunday's week is not a third of that week. */
    evaluate(f->testrup, CASE(TRAINING("2026-02-28", 45) TRAINING("2026-03-01", 45)
                                  TRAINING("2026-03-02", 45) TRAINING("2026-03-03", 45)), &r);
    expect_exceeded_on(&r, GENOP_LIMIT_MINUTES_PER_WEEK, NULL);
    expect_exceeded_on(&r, GENOP_LIMIT_SESSIONS_PER_WEEK, NULL);
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"id\":\"minutes_per_week\",\"label\":\"Minutter pr. uge\","
                                 "\"status\":\"ok\",\"used\":90,\"max\":90,\"period\":\"2026-W09\","
                                 "\"exceeded_on\":null,"));
    free(json);
}

static void test_course_length_last_day(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Started Tue 2026-02-24: 3 months to Sun 2026-05-24, the last
     * allowed day; exceeded from the day after. */
    const char *course = CASE(TRAINING("2026-02-24", 45));
    evaluate_on(f->testrup, course, "2026-05-24", &r);
    const genop_limit_result *l = limit_of(&r, GENOP_LIMIT_COURSE_LENGTH);
    assert_date_is(l->last_day, "2026-05-24");
    assert_false(l->exceeded);
    assert_false(l->has_exceeded_on);
    evaluate_on(f->testrup, course, "2026-05-25", &r);
    l = limit_of(&r, GENOP_LIMIT_COURSE_LENGTH);
    assert_true(l->exceeded);
    assert_date_is(l->last_day, "2026-05-24");
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"id\":\"course_length\",\"label\":\"Forløbets længde\","
                                 "\"status\":\"exceeded\",\"used\":90,\"max\":89,"
                                 "\"last_day\":\"2026-05-24\",\"source\":\"Testrup, Omfang\"}"));
    assert_null(strstr(json, "\"id\":\"course_length\",\"label\":\"Forløbets længde\","
                             "\"status\":\"exceeded\",\"used\":90,\"max\":89,\"exceeded_on\""));
    free(json);
    /* Skive's 4 months from the same start: Wed 2026-06-24. */
    evaluate(f->skive, course, &r);
    assert_date_is(limit_of(&r, GENOP_LIMIT_COURSE_LENGTH)->last_day, "2026-06-24");
}

/* ---- attendance ------------------------------------------------------------ */

static void test_review_limit_reached_by_the_counted_session(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* One cancellation: 1 of 2, no review, no dates. */
    evaluate(f->testrup, CASE(SESSION("2026-02-24", 45, "citizen_cancelled", "training")), &r);
    assert_false(r.attendance.review);
    assert_false(r.attendance.has_limit_reached);
    assert_false(r.attendance.has_review_since);
    /* Cancellation on 02-24, attended on 02-26, no-show on 03-03: the
     * no-show is the second counted and reaches the limit. */
    evaluate(f->testrup, CASE(SESSION("2026-02-24", 45, "citizen_cancelled", "training")
                                  TRAINING("2026-02-26", 45)
                                  SESSION("2026-03-03", 45, "no_show", "training")
                                  SESSION("2026-03-05", 45, "no_show", "training")), &r);
    assert_true(r.attendance.review);
    assert_date_is(r.attendance.limit_reached, "2026-03-03");
    assert_date_is(r.attendance.review_since, "2026-03-03");
    /* Skive counts no-shows alone, from 1: the cancellation does not. */
    evaluate(f->skive, CASE(SESSION("2026-02-24", 45, "citizen_cancelled", "training")
                                TRAINING("2026-02-26", 45)
                                SESSION("2026-03-05", 45, "no_show", "training")), &r);
    assert_date_is(r.attendance.limit_reached, "2026-03-05");
}

static void test_review_since_the_earlier_reason(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Admitted on 03-02 during the course, then two no-shows to 03-10:
     * up for review since the admission. */
    evaluate(f->testrup, CASE(TRAINING("2026-02-24", 45) EV("admitted", "2026-03-02")
                                  EV("admitted", "2026-03-06")
                                  SESSION("2026-03-09", 45, "no_show", "training")
                                  SESSION("2026-03-10", 45, "no_show", "training")), &r);
    assert_true(r.attendance.admission_review);
    assert_date_is(r.attendance.first_admission, "2026-03-02");
    assert_date_is(r.attendance.last_admission, "2026-03-06");
    assert_date_is(r.attendance.limit_reached, "2026-03-10");
    assert_date_is(r.attendance.review_since, "2026-03-02");
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"first_admission\":\"2026-03-02\","
                                 "\"limit_reached\":\"2026-03-10\","
                                 "\"review_since\":\"2026-03-02\"}"));
    free(json);
    /* Admitted after the limit was reached: since the no-show. */
    evaluate(f->testrup, CASE(SESSION("2026-02-24", 45, "no_show", "training")
                                  SESSION("2026-02-26", 45, "no_show", "training")
                                  EV("admitted", "2026-03-02")), &r);
    assert_date_is(r.attendance.review_since, "2026-02-26");
    /* Aalborg has no admission rule: an admission is no reason. */
    evaluate(f->aalborg, CASE(TRAINING("2026-02-24", 45) EV("admitted", "2026-03-02")), &r);
    assert_int_equal(r.attendance.admissions, 1);
    assert_date_is(r.attendance.first_admission, "2026-03-02");
    assert_false(r.attendance.has_review_since);
}

/* ---- documentation ------------------------------------------------------- */

static void expect_end_status(const genop_result *r, genop_doc_status s, const char *due)
{
    const genop_documentation_result *d = &r->documentation;
    assert_true(d->end_status_required);
    assert_string_equal(genop_doc_status_name(d->end_status), genop_doc_status_name(s));
    assert_int_equal(d->has_end_status_due, due != NULL);
    if (due)
        assert_date_is(d->end_status_due, due);
}

static void test_end_status_states(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Not started: not needed; closed without a course: still not. */
    evaluate(f->testrup, CASE(""), &r);
    expect_end_status(&r, GENOP_DOC_NOT_NEEDED, NULL);
    assert_string_equal(r.documentation.end_status_source->citation, "Testrup, Dokumentation");
    evaluate(f->testrup, CASE(SESSION("2026-02-24", 45, "provider_cancelled", "training")
                                  CLOSED("2026-03-02")), &r);
    expect_end_status(&r, GENOP_DOC_NOT_NEEDED, NULL);
    /* Running: due at the closure; closed: missing since the closure. */
    evaluate(f->testrup, CASE(STATUS("2026-02-24", "start") TRAINING("2026-02-24", 45)), &r);
    expect_end_status(&r, GENOP_DOC_DUE, NULL);
    evaluate(f->testrup, CASE(STATUS("2026-02-24", "start") TRAINING("2026-02-24", 45)
                                  CLOSED("2026-03-20")), &r);
    expect_end_status(&r, GENOP_DOC_MISSING, "2026-03-20");
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"documentation\":{\"end_status\":{\"status\":\"missing\","
                                 "\"due\":\"2026-03-20\",\"source\":\"Testrup, Dokumentation\"}}"));
    free(json);
    /* An end status after the closure is there. */
    evaluate(f->testrup, CASE(STATUS("2026-02-24", "start") TRAINING("2026-02-24", 45)
                                  CLOSED("2026-03-20") STATUS("2026-03-25", "end")), &r);
    expect_end_status(&r, GENOP_DOC_PRESENT, "2026-03-20");
    /* § 86, stk. 2 is not under this rule; Aalborg has none. */
    evaluate(f->testrup, CASE_OF("86.2", TRAINING("2026-02-24", 45) CLOSED("2026-03-20")), &r);
    assert_false(r.documentation.end_status_required);
    json = result_text(&r);
    assert_non_null(strstr(json, "\"documentation\":{\"end_status\":null}"));
    free(json);
    evaluate(f->aalborg, CASE(TRAINING("2026-02-24", 45) CLOSED("2026-03-20")), &r);
    assert_false(r.documentation.end_status_required);
}

static void test_shipped_rules(void **state)
{
    fixture *f = *state;
    const genop_flag_rule *skive = &f->skive->documentation.end_status;
    const genop_flag_rule *nyborg = &f->nyborg->documentation.end_status;
    assert_true(skive->present);
    assert_int_equal(skive->paragraphs, GENOP_PARA_86_1);
    assert_string_equal(skive->source.citation,
                        "Skive, Kommunens kvalitetsmål og leverancesikkerhed");
    assert_string_equal(skive->source.quote,
                        "Der udarbejdes status ved starten og slutningen af træningsforløbet.");
    assert_true(nyborg->present);
    assert_string_equal(nyborg->source.citation, "Nyborg, Kvalitetsmål");
    assert_non_null(strstr(nyborg->source.quote,
                           "skriftlig dokumentation af effekt af træningen i slutstatus"));
    assert_false(f->aalborg->documentation.end_status.present);
}

/* ---- the loader --------------------------------------------------------------- */


static void test_loader(void **state)
{
    (void)state;
    genop_standard *std = NULL;
    /* Without paragraphs the rule is for the standard's. */
    must(load(TESTRUP_HEAD "documentation: {end_status: {source: {section: D}}}\n", &std, NULL,
              e));
    assert_true(std->documentation.end_status.present);
    assert_int_equal(std->documentation.end_status.paragraphs, GENOP_PARA_86_1 | GENOP_PARA_86_2);
    genop_standard_free(std);
    must(load(TESTRUP_HEAD, &std, NULL, e));
    assert_false(std->documentation.end_status.present);
    genop_standard_free(std);
    /* Line 6 is the documentation line. */
    expect_one_problem(TESTRUP_HEAD "documentation: {end_status: {source: {section: D}}, start_status: 1}\n",
                   "6:53",
                   "ukendt nøgle 'start_status' i documentation");
    expect_one_problem(TESTRUP_HEAD "documentation: {end_status: {paragraphs: [\"86.1\"]}}\n", "6:30",
                   "end_status mangler 'source'");
    expect_one_problem(TESTRUP_HEAD "documentation: {end_status: ja}\n", "6:29",
                   "'end_status' i documentation skal være en mapping");
    expect_one_problem(TESTRUP_HEAD "documentation: {}\n", "6:1", "documentation mangler 'end_status'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sessions_exceeded_by_the_third),
        cmocka_unit_test(test_weekly_limits_name_the_session_of_the_first_week),
        cmocka_unit_test(test_course_length_last_day),
        cmocka_unit_test(test_review_limit_reached_by_the_counted_session),
        cmocka_unit_test(test_review_since_the_earlier_reason),
        cmocka_unit_test(test_end_status_states),
        cmocka_unit_test(test_shipped_rules),
        cmocka_unit_test(test_loader),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
