/*
 * test_case_rules.c - what cannot have happened in a case
 * (genop_event_admissible): a second referral; events before the referral
 * (except a hospital plan or a previous course) or after today; a training
 * session without a grant on or before its date (an assessment session
 * needs none); anything on a closed course; a decision_received, grant,
 * complaint, reconsideration or forwarding without what must come first;
 * function statuses (FSIII): one start and one end, the end not without a
 * start or before it, none before the referral, and the whole-case check
 * a correction runs (genop_case_check_statuses); a hospital admission
 * (admitted): not before the referral, not after the closure (on its day
 * is allowed), not twice on one day.
 * Each refusal must say why and start with the path of the field at fault
 * ("$.date: ..."), and the boundaries (same day) are allowed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "case_json.h"
#include "case_rules.h"

#define TODAY "2025-06-30"

/* The case so far: referral 2025-04-10 (86.1), contact, assessment. */
static const char base_case[] =
    "{\"events\":["
    "{\"type\":\"referral_received\",\"date\":\"2025-04-10\",\"paragraph\":\"86.1\"},"
    "{\"type\":\"contacted\",\"date\":\"2025-04-11\"},"
    "{\"type\":\"assessment\",\"date\":\"2025-04-14\"}%s]}";

/* Reads base_case plus the `more` events into *c (zeroed by the caller). */
static void parse_base_case(const char *more, genop_case *c)
{
    char text[2048];
    genop_error pe;
    snprintf(text, sizeof text, base_case, more);
    if (genop_case_parse(text, strlen(text), c, &pe))
        fail_msg("test case rejected: %s", pe.message);
}

/* Evaluates whether `event` may follow base_case plus `more` events. */
static genop_err try_event(const char *more, const char *event, genop_error *e)
{
    genop_case c = {0};
    genop_event ev;
    genop_error pe;
    parse_base_case(more, &c);
    if (genop_event_parse(event, strlen(event), "$", &ev, &pe))
        fail_msg("test event rejected: %s", pe.message);
    genop_error_clear(e);
    genop_err err = genop_event_admissible(&c, &ev, date_of(TODAY), e);
    genop_case_release(&c);
    return err;
}

static void allowed(const char *more, const char *event)
{
    genop_error e;
    if (try_event(more, event, &e) != GENOP_OK)
        fail_msg("refused: %s (%s)", event, e.message);
}

static void refused(const char *more, const char *event, const char *word)
{
    genop_error e;
    assert_int_equal(try_event(more, event, &e), GENOP_EINVAL);
    assert_message_contains(e, word);
}

/* Refused, and the reason starts with the path of the field at fault. */
static void refused_at(const char *more, const char *event, const char *field, const char *word)
{
    genop_error e;
    assert_int_equal(try_event(more, event, &e), GENOP_EINVAL);
    assert_message_contains(e, word);
    size_t n = strlen(field);
    if (strncmp(e.message, field, n) != 0 || e.message[n] != ':')
        fail_msg("message \"%s\" does not start with \"%s:\"", e.message, field);
}

#define GRANTED ",{\"type\":\"decision\",\"date\":\"2025-04-15\",\"granted\":true}"
#define REFUSED ",{\"type\":\"decision\",\"date\":\"2025-04-15\",\"granted\":false}"
#define CLOSED ",{\"type\":\"closed\",\"date\":\"2025-06-01\",\"reason\":\"goal_reached\"}"
#define SESSION(d) "{\"type\":\"session\",\"date\":\"" d "\",\"minutes\":45,\"outcome\":\"attended\"}"

static void test_one_referral(void **state)
{
    (void)state;
    refused("", "{\"type\":\"referral_received\",\"date\":\"2025-05-01\",\"paragraph\":\"86.2\"}",
            "allerede en henvendelse");
}

static void test_dates(void **state)
{
    (void)state;
    /* Dates in messages are written the Danish way. */
    refused("", "{\"type\":\"contacted\",\"date\":\"2025-04-09\"}",
            "hændelsen er dateret 9. april 2025, før henvendelsen den 10. april 2025");
    allowed("", "{\"type\":\"contacted\",\"date\":\"2025-04-10\"}");       /* same day */
    allowed("", "{\"type\":\"hospital_plan\",\"date\":\"2025-03-01\"}");
    allowed("", "{\"type\":\"previous_course\",\"date\":\"2024-12-01\",\"condition\":\"hofte\"}");
    allowed("", "{\"type\":\"contacted\",\"date\":\"" TODAY "\"}");
    refused("", "{\"type\":\"contacted\",\"date\":\"2025-07-01\"}",
            "hændelsen er dateret 1. juli 2025, som ligger i fremtiden");
    refused("", "{\"type\":\"hospital_plan\",\"date\":\"2025-07-01\"}", "fremtiden");
}

static void test_training_needs_a_grant(void **state)
{
    (void)state;
    refused("", SESSION("2025-04-20"), "bevilling");
    refused(REFUSED, SESSION("2025-04-20"), "bevilling");
    allowed(GRANTED, SESSION("2025-04-20"));
    allowed(GRANTED, SESSION("2025-04-15"));          /* the grant's own day */
    refused(GRANTED, SESSION("2025-04-14"), "bevilling");
    /* Udredning (an assessment session) comes before the decision. */
    allowed("", "{\"type\":\"session\",\"date\":\"2025-04-14\",\"minutes\":60,"
                "\"outcome\":\"attended\",\"kind\":\"assessment\"}");
}

static void test_closed_course(void **state)
{
    (void)state;
    refused(GRANTED CLOSED, SESSION("2025-06-02"), "afsluttet");
    refused(GRANTED CLOSED, SESSION("2025-06-01"), "afsluttet");
    allowed(GRANTED CLOSED, SESSION("2025-05-30"));   /* registered late, held before */
    refused(GRANTED CLOSED, "{\"type\":\"closed\",\"date\":\"2025-06-10\",\"reason\":\"x\"}",
            "afsluttet");
    /* A complaint is still possible after the course ended. */
    allowed(GRANTED CLOSED, "{\"type\":\"complaint_received\",\"date\":\"2025-06-05\"}");
}

static void test_order(void **state)
{
    (void)state;
    refused("", "{\"type\":\"decision_received\",\"date\":\"2025-04-20\"}", "decision");
    refused("", "{\"type\":\"grant_received\",\"date\":\"2025-04-20\"}", "decision");
    refused("", "{\"type\":\"complaint_received\",\"date\":\"2025-04-20\"}", "klage");
    allowed(REFUSED, "{\"type\":\"complaint_received\",\"date\":\"2025-04-20\"}");
    refused(REFUSED, "{\"type\":\"complaint_decided\",\"date\":\"2025-04-20\",\"upheld\":\"none\"}",
            "klage");
    refused(REFUSED ",{\"type\":\"complaint_received\",\"date\":\"2025-04-20\"}",
            "{\"type\":\"complaint_forwarded\",\"date\":\"2025-04-25\"}", "genvurderes");
    allowed(REFUSED ",{\"type\":\"complaint_received\",\"date\":\"2025-04-20\"}"
                    ",{\"type\":\"complaint_decided\",\"date\":\"2025-04-22\",\"upheld\":\"none\"}",
            "{\"type\":\"complaint_forwarded\",\"date\":\"2025-04-25\"}");
    /* What must come first must come first in time, too. */
    refused(REFUSED, "{\"type\":\"decision_received\",\"date\":\"2025-04-14\"}", "decision");
}

/* Function statuses: Gå (Mobilitet) and Vaske sig (Egenomsorg). */
#define GAA "{\"code\":\"51697715-965a-40f3-b4a5-819103bf9d49\",\"level\":3}"
#define VASK "{\"code\":\"4d46bd94-9518-431c-82e8-ebb91bca307a\",\"level\":2}"
#define STATUS(phase, d) "{\"type\":\"function_status\",\"date\":\"" d "\",\"phase\":\"" phase \
                         "\",\"levels\":[" GAA "," VASK "]}"
#define START(d) STATUS("start", d)
#define END(d) STATUS("end", d)

static void test_function_status(void **state)
{
    (void)state;
    allowed("", START("2025-04-10"));                   /* on the referral's day */
    allowed("", START("2025-04-14"));
    refused_at("", START("2025-04-09"), "$.date", "før henvendelsen");
    refused_at("", START("2025-07-01"), "$.date", "fremtiden");
    /* The end needs a start on or before it. */
    refused_at("", END("2025-06-01"), "$.phase", "ingen startstatus");
    allowed("," START("2025-04-14"), END("2025-06-01"));
    allowed("," START("2025-04-14"), END("2025-04-14"));   /* the same day */
    refused_at("," START("2025-04-14"), END("2025-04-13"), "$.date",
               "slutstatus er dateret 13. april 2025, før startstatus den 14. april 2025");
    /* One of each: a wrong status is corrected, not registered again. */
    refused_at("," START("2025-04-14"), START("2025-04-20"), "$.phase",
               "allerede en startstatus (dateret 14. april 2025)");
    refused_at("," START("2025-04-14") "," END("2025-06-01"), END("2025-06-02"), "$.phase",
               "allerede en slutstatus");
    /* Not a course event: allowed without a grant and after closing
     * (the end status is often written up after the last session). */
    allowed(GRANTED "," START("2025-04-15") CLOSED, END("2025-06-05"));
    /* A start status cannot open a course that has ended. */
    refused_at(GRANTED CLOSED, START("2025-06-05"), "$.date", "afsluttet");
}

static void test_fields_named(void **state)
{
    (void)state;
    refused_at("", "{\"type\":\"referral_received\",\"date\":\"2025-05-01\",\"paragraph\":\"86.2\"}",
               "$.type", "allerede en henvendelse");
    refused_at("", "{\"type\":\"contacted\",\"date\":\"2025-04-09\"}", "$.date", "før henvendelsen");
    refused_at("", SESSION("2025-04-20"), "$.date", "ingen bevilling den 20. april 2025 eller før");
    refused_at(GRANTED CLOSED, SESSION("2025-06-02"), "$.date", "afsluttet den 1. juni 2025");
    refused_at("", "{\"type\":\"grant_received\",\"date\":\"2025-04-20\"}", "$.date", "decision");
}

/* genop_case_check_statuses over a whole case (base_case plus `more`). */
static genop_err check_statuses(const char *more, genop_error *e)
{
    genop_case c = {0};
    parse_base_case(more, &c);
    genop_error_clear(e);
    genop_err err = genop_case_check_statuses(&c, e);
    genop_case_release(&c);
    return err;
}

static void test_case_statuses(void **state)
{
    (void)state;
    genop_error e;
    assert_int_equal(check_statuses("", &e), GENOP_OK);
    assert_int_equal(check_statuses("," START("2025-04-14"), &e), GENOP_OK);
    assert_int_equal(check_statuses("," START("2025-04-14") "," END("2025-05-14"), &e), GENOP_OK);
    assert_int_equal(check_statuses("," END("2025-05-14"), &e), GENOP_EINVAL);
    assert_message_contains(e, "uden startstatus");
    assert_int_equal(check_statuses("," START("2025-05-20") "," END("2025-05-14"), &e), GENOP_EINVAL);
    assert_message_contains(e, "før startstatus");
    assert_int_equal(check_statuses("," START("2025-04-14") "," START("2025-04-15"), &e), GENOP_EINVAL);
    assert_message_contains(e, "2 startstatusser");
    assert_int_equal(check_statuses("," START("2025-04-14") "," END("2025-05-14") "," END("2025-05-15"), &e),
                     GENOP_EINVAL);
    assert_message_contains(e, "2 slutstatusser");
}

static genop_err check_history(const char *more, genop_error *e)
{
    genop_case c = {0};
    parse_base_case(more, &c);
    genop_case_sort(&c);
    genop_error_clear(e);
    genop_err err = genop_case_check_history(&c, date_of(TODAY), e);
    genop_case_release(&c);
    return err;
}

/* The whole case replayed, as after a correction: every event must still
 * have been possible when it happened. */
static void test_case_history(void **state)
{
    (void)state;
    genop_error e;
    const char *grant = ",{\"type\":\"decision\",\"date\":\"2025-04-15\",\"granted\":true}";
    const char *refusal = ",{\"type\":\"decision\",\"date\":\"2025-04-15\",\"granted\":false}";
    const char *late_grant = ",{\"type\":\"decision\",\"date\":\"2025-05-01\",\"granted\":true}";
    const char *session = ",{\"type\":\"session\",\"date\":\"2025-04-22\",\"minutes\":45,"
                          "\"outcome\":\"attended\"}";
    char more[512];
    assert_int_equal(check_history("", &e), GENOP_OK);
    snprintf(more, sizeof more, "%s%s", grant, session);
    assert_int_equal(check_history(more, &e), GENOP_OK);
    /* The grant withdrawn, refused, or moved after the session. */
    assert_int_equal(check_history(session, &e), GENOP_EINVAL);
    assert_message_contains(e, "session den 22. april 2025");
    snprintf(more, sizeof more, "%s%s", refusal, session);
    assert_int_equal(check_history(more, &e), GENOP_EINVAL);
    assert_message_contains(e, "ville så ikke kunne have fundet sted");
    snprintf(more, sizeof more, "%s%s", late_grant, session);
    assert_int_equal(check_history(more, &e), GENOP_EINVAL);
    /* The reason is the rule's, without its field path. */
    if (strstr(e.message, "$."))
        fail_msg("the reason keeps a field path: %s", e.message);
}

#define ADMITTED(d) "{\"type\":\"admitted\",\"date\":\"" d "\"}"

static void test_admission(void **state)
{
    (void)state;
    refused_at("", ADMITTED("2025-04-09"), "$.date", "før henvendelsen");
    allowed("", ADMITTED("2025-04-10"));                 /* the referral's day */
    allowed("", ADMITTED("2025-04-12"));                 /* before any grant */
    allowed(GRANTED "," SESSION("2025-04-20"), ADMITTED("2025-04-22"));
    refused_at("", ADMITTED("2025-07-01"), "$.date", "fremtiden");
    /* The closure's own day: the admission may be why it closed. */
    allowed(GRANTED CLOSED, ADMITTED("2025-06-01"));
    allowed(GRANTED CLOSED, ADMITTED("2025-05-20"));     /* registered late */
    refused_at(GRANTED CLOSED, ADMITTED("2025-06-02"), "$.date",
               "forløbet blev afsluttet den 1. juni 2025; en senere indlæggelse hører ikke til "
               "forløbet");
    refused_at("," ADMITTED("2025-04-22"), ADMITTED("2025-04-22"), "$.date",
               "borgeren er allerede registreret som indlagt den 22. april 2025");
    allowed("," ADMITTED("2025-04-22"), ADMITTED("2025-04-23"));
    /* A closure corrected to a date before a registered admission leaves
     * an admission that no longer belongs to the course. */
    genop_error e;
    assert_int_equal(check_history(GRANTED "," ADMITTED("2025-05-20") CLOSED, &e), GENOP_OK);
    assert_int_equal(check_history(GRANTED "," ADMITTED("2025-06-05") CLOSED, &e), GENOP_EINVAL);
    assert_message_contains(e, "admitted den 5. juni 2025 ville så ikke kunne have fundet sted");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_referral),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_training_needs_a_grant),
        cmocka_unit_test(test_closed_course),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_function_status),
        cmocka_unit_test(test_fields_named),
        cmocka_unit_test(test_case_statuses),
        cmocka_unit_test(test_case_history),
        cmocka_unit_test(test_admission),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
