/*
 * test_admission.c - hospital admissions during a course (genop's own
 * `admitted` event) and the standard's attendance.admission rule:
 * - Skive's rule ("Udebliver eller indlægges borgeren, kan
 *   genoptræningen afsluttes"): an admission before the course starts
 *   (first counting session) does not count; one on the start date,
 *   during the course and on the closure's date does and puts the course
 *   up for review with the rule's source and a Danish reason; one after
 *   the closure does not; a case with no counting session has no course;
 *   a § 86, stk. 2 case is not under Skive's rule (its paragraphs);
 * - Aalborg has no admission rule: admissions are counted, the status is
 *   the no-shows' alone;
 * - the result's JSON: the contract's attendance fields as before, and
 *   admissions, last_admission, admission_source, admission_detail;
 * - the loader: attendance.admission with its own source and optional
 *   paragraphs (default: the attendance rule's); an unknown key, a missing
 *   source and a paragraph outside the standard are problems with their
 *   line and column.
 *
 * Expected values are worked out by hand from Skive's text and the
 * contract (shared/spec/evaluate.md section 3), never by running genop.
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

/* ---- the standards: Skive (the rule) and Aalborg (none) --------------- */

typedef struct fixture {
    genop_standard *skive, *aalborg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    genop_error e;
    if (!f || genop_registry_load("skive", &f->skive, &e) ||
        genop_registry_load("aalborg", &f->aalborg, &e)) {
        if (f) {
            genop_standard_free(f->skive);
            free(f);
        }
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    genop_standard_free(f->skive);
    genop_standard_free(f->aalborg);
    free(f);
    return 0;
}

/* ---- cases ---------------------------------------------------------------
 * A Skive citizen referred on Mon 2026-02-16, granted on 2026-02-19, first
 * session (the course's start) Tue 2026-02-24, sessions to 2026-03-10. */

#define EV(type, date) "{\"type\": \"" type "\", \"date\": \"" date "\"},"
#define ATTENDED(date) \
    "{\"type\": \"session\", \"date\": \"" date "\", \"minutes\": 45, \"outcome\": \"attended\"},"
#define NO_SHOW(date) \
    "{\"type\": \"session\", \"date\": \"" date "\", \"minutes\": 45, \"outcome\": \"no_show\"},"
#define CLOSED(date) "{\"type\": \"closed\", \"date\": \"" date "\", \"reason\": \"other\"},"
#define COURSE(para, extra)                                                            \
    "{\"citizen\": {\"birth_date\": \"1939-02-11\", \"municipality_code\": 779},"      \
    " \"events\": ["                                                                   \
    "{\"type\": \"referral_received\", \"date\": \"2026-02-16\", \"paragraph\": \"" para \
    "\"}," EV("contacted", "2026-02-17")                                               \
    "{\"type\": \"decision\", \"date\": \"2026-02-19\", \"granted\": true},"           \
    ATTENDED("2026-02-24") ATTENDED("2026-03-03") extra ATTENDED("2026-03-10")          \
    "{\"type\": \"contacted\", \"date\": \"2026-03-11\"}]}"
#define SKIVE_COURSE(extra) COURSE("86.1", extra)

/* Evaluates text against std as of 2026-04-01 into *r. */
static void evaluate(const genop_standard *std, const char *text, genop_result *r)
{
    genop_case c = {0};
    must(genop_case_parse(text, strlen(text), &c, e));
    must(genop_evaluate(&c, std, date_of("2026-04-01"), r, e));
    genop_case_release(&c);
}

/* The result's JSON, which the caller frees. */
static char *result_text(const genop_result *r)
{
    genop_buf b = {0};
    genop_result_write_json(r, NULL, &b);
    assert_false(genop_buf_failed(&b));
    return b.data;
}

static const char *const SKIVE_SOURCE = "Skive, Kommunens kvalitetsmål og leverancesikkerhed";

/* Admissions counted n, the latest on `last` (NULL: none), and whether
 * they put the course up for review under Skive's rule. */
static void expect_skive(const genop_result *r, int n, const char *last, bool review)
{
    const genop_attendance_result *a = &r->attendance;
    assert_int_equal(a->admissions, n);
    if (last)
        assert_date_is(a->last_admission, last);
    assert_non_null(a->admission_source);
    assert_string_equal(a->admission_source->citation, SKIVE_SOURCE);
    assert_int_equal(a->admission_review, review);
    assert_false(a->review);                  /* no no-shows in these cases */
    assert_int_equal(a->no_shows, 0);
    if (!review)
        assert_string_equal(a->admission_detail, "");
}

/* ---- Skive ---------------------------------------------------------------- */

static void test_before_the_start_does_not_count(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Admitted 2026-02-20, after the referral and the grant but four days
     * before the first session: no course yet to end. */
    evaluate(f->skive, SKIVE_COURSE(EV("admitted", "2026-02-20")), &r);
    expect_skive(&r, 0, NULL, false);
    /* The day before the start, too. */
    evaluate(f->skive, SKIVE_COURSE(EV("admitted", "2026-02-23")), &r);
    expect_skive(&r, 0, NULL, false);
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"status\":\"ok\""));
    assert_non_null(strstr(json, "\"admissions\":0,\"last_admission\":null"));
    free(json);
}

static void test_on_the_start_date(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Listed after the first session's date in the input: the sort puts
     * it on 2026-02-24, the start, which counts. */
    evaluate(f->skive, SKIVE_COURSE(EV("admitted", "2026-02-24")), &r);
    expect_skive(&r, 1, "2026-02-24", true);
    assert_string_equal(r.attendance.admission_detail,
                        "Borgeren blev indlagt den 24. februar 2026 under forløbet; forløbet skal "
                        "revurderes.");
}

static void test_during_the_course(void **state)
{
    fixture *f = *state;
    genop_result r;
    evaluate(f->skive, SKIVE_COURSE(EV("admitted", "2026-03-05")), &r);
    expect_skive(&r, 1, "2026-03-05", true);
    char *json = result_text(&r);
    /* The contract's fields keep their values; status is review. */
    assert_non_null(strstr(json, "\"attendance\":{\"no_shows\":0,\"citizen_cancellations\":0,"
                                 "\"review_limit\":1,\"counts\":\"no_shows\",\"status\":\"review\","));
    assert_non_null(strstr(json, "\"admissions\":1,\"last_admission\":\"2026-03-05\","
                                 "\"admission_source\":\"Skive, Kommunens kvalitetsmål og "
                                 "leverancesikkerhed\",\"admission_detail\":\"Borgeren blev "
                                 "indlagt den 5. marts 2026 under forløbet; forløbet skal revurderes.\","
                                 "\"first_admission\":\"2026-03-05\",\"limit_reached\":null,"
                                 "\"review_since\":\"2026-03-05\"}"));
    free(json);
    /* Two admissions: both counted, the latest named. */
    evaluate(f->skive, SKIVE_COURSE(EV("admitted", "2026-03-05") EV("admitted", "2026-03-09")),
             &r);
    expect_skive(&r, 2, "2026-03-09", true);
    assert_string_equal(r.attendance.admission_detail,
                        "Borgeren blev indlagt 2 gange under forløbet, senest den 9. marts 2026; "
                        "forløbet skal revurderes.");
}

static void test_the_closure_date_counts_after_does_not(void **state)
{
    fixture *f = *state;
    genop_result r;
    evaluate(f->skive, SKIVE_COURSE(CLOSED("2026-03-12") EV("admitted", "2026-03-12")), &r);
    expect_skive(&r, 1, "2026-03-12", true);
    evaluate(f->skive, SKIVE_COURSE(CLOSED("2026-03-12") EV("admitted", "2026-03-13")), &r);
    expect_skive(&r, 0, NULL, false);
    /* The first closure ends the course; a second does not reopen it. */
    evaluate(f->skive, SKIVE_COURSE(CLOSED("2026-03-12") EV("admitted", "2026-03-20")
                                    CLOSED("2026-03-25")), &r);
    expect_skive(&r, 0, NULL, false);
}

static void test_no_course_without_a_counting_session(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* The provider cancelled the only session: the course never began. */
    const char *text =
        "{\"events\": [{\"type\": \"referral_received\", \"date\": \"2026-02-16\","
        " \"paragraph\": \"86.1\"}, {\"type\": \"decision\", \"date\": \"2026-02-19\","
        " \"granted\": true}, {\"type\": \"session\", \"date\": \"2026-02-24\", \"minutes\": 45,"
        " \"outcome\": \"provider_cancelled\"}, " EV("admitted", "2026-02-25")
        " {\"type\": \"contacted\", \"date\": \"2026-02-26\"}]}";
    evaluate(f->skive, text, &r);
    expect_skive(&r, 0, NULL, false);
}

static void test_no_show_and_admission_both_count(void **state)
{
    fixture *f = *state;
    genop_result r;
    evaluate(f->skive, SKIVE_COURSE(NO_SHOW("2026-03-04") EV("admitted", "2026-03-05")), &r);
    assert_true(r.attendance.review);               /* 1 no-show: Skive's limit */
    assert_true(r.attendance.admission_review);
    assert_int_equal(r.attendance.no_shows, 1);
    assert_int_equal(r.attendance.admissions, 1);
}

static void test_skive_rule_is_for_86_1(void **state)
{
    fixture *f = *state;
    genop_result r;
    /* Skive covers § 86, stk. 1 only: a stk. 2 case counts the admission
     * but no rule of Skive's applies to it. */
    evaluate(f->skive, COURSE("86.2", EV("admitted", "2026-03-05")), &r);
    assert_true(r.paragraph_not_covered);
    assert_int_equal(r.attendance.admissions, 1);
    assert_null(r.attendance.admission_source);
    assert_false(r.attendance.admission_review);
}

/* ---- Aalborg: no admission rule ------------------------------------------ */

static void test_aalborg_counts_but_stays_ok(void **state)
{
    fixture *f = *state;
    genop_result r;
    evaluate(f->aalborg, SKIVE_COURSE(EV("admitted", "2026-03-05")), &r);
    const genop_attendance_result *a = &r.attendance;
    assert_int_equal(a->admissions, 1);
    assert_date_is(a->last_admission, "2026-03-05");
    assert_null(a->admission_source);
    assert_false(a->admission_review);
    assert_false(a->review);
    char *json = result_text(&r);
    assert_non_null(strstr(json, "\"status\":\"ok\""));
    assert_non_null(strstr(json, "\"admissions\":1,\"last_admission\":\"2026-03-05\","
                                 "\"admission_source\":null,\"admission_detail\":null,"
                                 "\"first_admission\":\"2026-03-05\",\"limit_reached\":null,"
                                 "\"review_since\":null}"));
    free(json);
    /* Its own rule still decides: 2 no-shows and cancellations. */
    evaluate(f->aalborg, SKIVE_COURSE(NO_SHOW("2026-03-04") NO_SHOW("2026-03-05")
                                      EV("admitted", "2026-03-06")), &r);
    assert_true(r.attendance.review);
    assert_false(r.attendance.admission_review);
}

/* ---- the loader ------------------------------------------------------------ */

#define STANDARD(paragraphs, attendance)                                          \
    "id: test\n"                                                  /*  1 */        \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n"    \
    "title: Test\n"                                               /*  3 */        \
    "paragraphs: " paragraphs "\n"                                /*  4 */        \
    "content: {purpose: Formål}\n"                                /*  5 */        \
    "attendance:\n"                                               /*  6 */        \
    "  counts: no_shows\n"                                        /*  7 */        \
    "  review_limit: 1\n"                                         /*  8 */        \
    "  source: {section: Fremmøde}\n"                             /*  9 */        \
    attendance                                                    /* 10- */

static genop_err load(const char *text, genop_standard **std, genop_problems *p, genop_error *e)
{
    return genop_standard_parse(text, strlen(text), "t.yaml", std, p, e);
}

static void test_loader_reads_admission(void **state)
{
    (void)state;
    genop_standard *std = NULL;
    must(load(STANDARD("[\"86.1\", \"86.2\"]",
                       "  paragraphs: [\"86.2\"]\n"
                       "  admission:\n"
                       "    source:\n"
                       "      section: Fremmøde\n"
                       "      quote: \"Indlægges borgeren, kan træningen afsluttes.\"\n"),
              &std, NULL, e));
    const genop_admission_rule *a = &std->attendance.admission;
    assert_true(a->present);
    assert_int_equal(a->paragraphs, GENOP_PARA_86_2);   /* the attendance rule's */
    assert_string_equal(a->source.citation, "Testrup, Fremmøde");
    assert_string_equal(a->source.quote, "Indlægges borgeren, kan træningen afsluttes.");
    genop_standard_free(std);
    must(load(STANDARD("[\"86.1\", \"86.2\"]",
                       "  admission: {paragraphs: [\"86.1\"], source: {section: Afslutning}}\n"),
              &std, NULL, e));
    assert_int_equal(std->attendance.admission.paragraphs, GENOP_PARA_86_1);
    assert_int_equal(std->attendance.paragraphs, GENOP_PARA_86_1 | GENOP_PARA_86_2);
    genop_standard_free(std);
    must(load(STANDARD("[\"86.1\"]", ""), &std, NULL, e));
    assert_false(std->attendance.admission.present);
    genop_standard_free(std);
}


static void test_loader_problems(void **state)
{
    (void)state;
    expect_one_problem(STANDARD("[\"86.1\"]", "  admission: {source: {section: A}, limit: 1}\n"),
                   "10:37", "ukendt nøgle 'limit' i admission (tilladt: paragraphs, source)");
    expect_one_problem(STANDARD("[\"86.1\"]", "  admission: {paragraphs: [\"86.1\"]}\n"),
                   "10:15", "admission mangler 'source'");
    expect_one_problem(STANDARD("[\"86.1\"]",
                            "  admission: {paragraphs: [\"86.2\"], source: {section: A}}\n"),
                   "10:29", "admission gælder § 86.2, som standarden ikke dækker");
    expect_one_problem(STANDARD("[\"86.1\"]", "  admission: ja\n"),
                   "10:14", "'admission' i attendance skal være en mapping");
    expect_one_problem(STANDARD("[\"86.1\"]", "  admission: {source: {section: A, quote: B, x: C}}\n"),
                   "10:46", "ukendt nøgle 'x' i source");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_the_start_does_not_count),
        cmocka_unit_test(test_on_the_start_date),
        cmocka_unit_test(test_during_the_course),
        cmocka_unit_test(test_the_closure_date_counts_after_does_not),
        cmocka_unit_test(test_no_course_without_a_counting_session),
        cmocka_unit_test(test_no_show_and_admission_both_count),
        cmocka_unit_test(test_skive_rule_is_for_86_1),
        cmocka_unit_test(test_aalborg_counts_but_stays_ok),
        cmocka_unit_test(test_loader_reads_admission),
        cmocka_unit_test(test_loader_problems),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
