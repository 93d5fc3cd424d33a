/*
 * test_case_json.c - unit tests for case_json.h: reading the JSON case format
 * of shared/spec/evaluate.md section 2 into a genop_case.
 *
 * - The spec's example parses: citizen fields, as_of, every event field; the
 *   events come out sorted by date and stable for equal dates (input order
 *   kept), on both the short-list path and the path for long lists.
 * - Every kind of bad input gives the right error code and a message that
 *   starts with the JSON path of what is wrong ($, $.events, $.events[i],
 *   $.events[i].field, $.citizen.field, $.as_of) and says what is wrong.
 *   Covered: root, events and event shapes, types, dates, paragraphs,
 *   decision, session, complaint, previous_course and closed fields, the
 *   condition's length, the citizen, missing and repeated referrals.
 * - After every error the case is reset (no events, no citizen data) and
 *   the same genop_case reads the next valid case.
 * - function_status (genop's FSIII status): phase, levels and goals read
 *   in any key order; unknown codes, levels off the scale, a condition
 *   twice, bad goals, `reached` in a start status or missing in an end
 *   status are errors naming the item's path ($.events[i].levels[j].level);
 *   the same keys on other event types are ignored.
 * - admitted (genop's hospital admission): read with its date alone (a
 *   free-text "text" and fields of other types are ignored); a missing or
 *   bad date is an error at its path.
 * - genop_json_parse rejects duplicate keys and reports line and column of
 *   malformed JSON; the event limit GENOP_CASE_EVENTS_MAX holds exactly;
 *   unknown extra keys are tolerated everywhere.
 * (That the reader gives the same answers from a jansson tree as from text
 * is test_case_tree.c's.)
 *
 * Expected values come from the spec and from reading the JSON texts below
 * (lines and columns counted by hand), never from running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "case.h"
#include "case_json.h"
#include "case_texts.h"
#include "case_tree.h"
#include "date.h"
#include "error.h"
#include "standard.h"

/*
 * Reads a valid case into a genop_case, then the bad `text` into the same
 * one: it must fail with `code` and a message that starts with `path`
 * (followed by ' ' or ':') and contains `word`; the case must be left
 * empty, and must then read the valid case again.
 */
static void expect_case_error(const char *text, genop_err code, const char *path,
                              const char *word)
{
    genop_case c = {0};
    read_ok(spec_example, &c);
    assert_int_equal(c.n_events, 7);

    genop_error e;
    genop_error_clear(&e);
    genop_err err = read_case(text, &c, &e);
    if (err == GENOP_OK) {
        genop_case_release(&c);
        fail_msg("bad case accepted; expected an error at %s", path);
    }
    size_t n = strlen(path);
    bool good = err == code && e.code == code && strncmp(e.message, path, n) == 0 &&
                (e.message[n] == ' ' || e.message[n] == ':') && strstr(e.message, word);
    if (!good) {
        genop_case_release(&c);
        fail_msg("expected code %d and a message starting with \"%s\" containing \"%s\"; "
                 "got code %d: \"%s\"", (int)code, path, word, (int)err, e.message);
    }
    assert_case_empty(&c);

    read_ok(spec_example, &c);
    assert_int_equal(c.n_events, 7);
    genop_case_release(&c);
}

/* ---- valid cases ---------------------------------------------------- */

static void test_spec_example(void **state)
{
    (void)state;
    genop_case c = {0};
    read_ok(spec_example, &c);
    assert_true(c.has_birth_date);
    assert_date_is(c.birth_date, "1941-03-02");
    assert_true(c.has_municipality_code);
    assert_int_equal(c.municipality_code, 851);
    assert_false(c.has_as_of);
    assert_int_equal(c.n_events, 7);

    static const genop_event_type types[] = {
        GENOP_EV_REFERRAL_RECEIVED, GENOP_EV_CONTACTED, GENOP_EV_ASSESSMENT,
        GENOP_EV_DECISION, GENOP_EV_GRANT_RECEIVED, GENOP_EV_SESSION, GENOP_EV_CLOSED,
    };
    static const char *const dates[] = {
        "2025-04-10", "2025-04-11", "2025-04-14", "2025-04-15",
        "2025-04-15", "2025-04-22", "2025-06-30",
    };
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(c.events[i].type, types[i]);
        assert_date_is(c.events[i].date, dates[i]);
        assert_int_equal(c.events[i].seq, i);
    }
    assert_int_equal(c.events[0].paragraph, GENOP_PARA_86_1);
    assert_string_equal(c.events[0].condition, "hofte");
    assert_true(c.events[3].granted);
    assert_int_equal(c.events[5].minutes, 45);
    assert_int_equal(c.events[5].outcome, GENOP_OUTCOME_ATTENDED);
    assert_int_equal(c.events[5].kind, GENOP_SESSION_TRAINING);
    assert_true(genop_session_counts(&c.events[5]));
    assert_ptr_equal(genop_case_referral(&c), &c.events[0]);
    genop_case_release(&c);
}

/* Events in any order come out by date; equal dates keep input order. */
static void test_sorted_and_stable(void **state)
{
    (void)state;
    static const char text[] =
        "{\"as_of\": \"2025-05-01\", \"events\": ["
        "{\"type\": \"closed\", \"date\": \"2025-06-30\", \"reason\": \"goal_reached\"},"  /* 0 */
        "{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 30,"
        " \"outcome\": \"no_show\", \"kind\": \"assessment\"},"                           /* 1 */
        "{\"type\": \"grant_received\", \"date\": \"2025-04-15\"},"                       /* 2 */
        "{\"type\": \"contacted\", \"date\": \"2025-04-11\"},"                            /* 3 */
        "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": false},"         /* 4 */
        "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.2\"}," /* 5 */
        "{\"type\": \"complaint_received\", \"date\": \"2025-04-15\"}"                    /* 6 */
        "]}";
    genop_case c = {0};
    read_ok(text, &c);
    assert_true(c.has_as_of);
    assert_date_is(c.as_of, "2025-05-01");
    assert_false(c.has_birth_date);
    assert_false(c.has_municipality_code);
    assert_int_equal(c.n_events, 7);
    /* Input positions in sorted order: 10 Apr (5), 11 Apr (3), the three
     * events of 15 Apr in input order (2, 4, 6), 22 Apr (1), 30 Jun (0). */
    static const uint32_t seqs[] = {5, 3, 2, 4, 6, 1, 0};
    static const genop_event_type types[] = {
        GENOP_EV_REFERRAL_RECEIVED, GENOP_EV_CONTACTED, GENOP_EV_GRANT_RECEIVED,
        GENOP_EV_DECISION, GENOP_EV_COMPLAINT_RECEIVED, GENOP_EV_SESSION, GENOP_EV_CLOSED,
    };
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(c.events[i].seq, seqs[i]);
        assert_int_equal(c.events[i].type, types[i]);
    }
    assert_int_equal(c.events[0].paragraph, GENOP_PARA_86_2);
    assert_string_equal(c.events[0].condition, "");
    assert_false(c.events[3].granted);
    assert_int_equal(c.events[5].outcome, GENOP_OUTCOME_NO_SHOW);
    assert_int_equal(c.events[5].kind, GENOP_SESSION_ASSESSMENT);
    genop_case_release(&c);
}

/* The same for a long list (more than the 64 the short path handles):
 * 150 events over five dates, given newest first. */
static void test_sorted_and_stable_long(void **state)
{
    (void)state;
    enum { N = 150 };
    static const char *const dates[] = {
        "2025-05-05", "2025-05-04", "2025-05-03", "2025-05-02", "2025-05-01",
    };
    json_t *events = json_array();
    for (int i = 0; i < N; i++) {
        json_t *ev = json_pack("{s:s, s:s}", "type", i == 77 ? "referral_received" : "contacted",
                               "date", dates[(i * 7) % 5]);
        if (i == 77)
            json_object_set_new(ev, "paragraph", json_string("86.1"));
        json_array_append_new(events, ev);
    }
    json_t *root = json_pack("{s:o}", "events", events);
    genop_case c = {0};
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_case_from_json(root, &c, &e);
    json_decref(root);
    if (err)
        fail_msg("long case rejected: %s", e.message);
    assert_int_equal(c.n_events, N);
    for (size_t i = 1; i < c.n_events; i++) {
        const genop_event *a = &c.events[i - 1], *b = &c.events[i];
        assert_true(a->date <= b->date);
        if (a->date == b->date && a->seq >= b->seq)
            fail_msg("events %u and %u on the same date are out of input order",
                     (unsigned)a->seq, (unsigned)b->seq);
    }
    /* 77 * 7 % 5 == 4: the referral is on 2025-05-01, the earliest date. */
    assert_date_is(c.events[0].date, "2025-05-01");
    assert_non_null(genop_case_referral(&c));
    assert_int_equal(genop_case_referral(&c)->seq, 77);
    genop_case_release(&c);
}

static void test_every_event_type(void **state)
{
    (void)state;
    static const char text[] =
        "{\"citizen\": {\"birth_date\": \"2000-02-29\"}, \"events\": ["
        "{\"type\": \"previous_course\", \"date\": \"2024-01-02\", \"condition\": \"knæ\"},"
        "{\"type\": \"hospital_plan\", \"date\": \"2025-04-01\"},"
        "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\","
        " \"condition\": \"knæ\"},"
        "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": true},"
        "{\"type\": \"decision_received\", \"date\": \"2025-04-16\"},"
        "{\"type\": \"session\", \"date\": \"2025-04-17\", \"minutes\": 0,"
        " \"outcome\": \"provider_cancelled\"},"
        "{\"type\": \"session\", \"date\": \"2025-04-18\", \"minutes\": 1440,"
        " \"outcome\": \"citizen_cancelled\"},"
        "{\"type\": \"complaint_received\", \"date\": \"2025-04-20\"},"
        "{\"type\": \"complaint_decided\", \"date\": \"2025-04-21\", \"upheld\": \"partial\"},"
        "{\"type\": \"complaint_forwarded\", \"date\": \"2025-04-22\"}"
        "]}";
    genop_case c = {0};
    read_ok(text, &c);
    assert_true(c.has_birth_date);
    assert_date_is(c.birth_date, "2000-02-29");
    assert_false(c.has_municipality_code);
    assert_int_equal(c.n_events, 10);
    assert_int_equal(c.events[0].type, GENOP_EV_PREVIOUS_COURSE);
    assert_string_equal(c.events[0].condition, "knæ");
    assert_int_equal(c.events[1].type, GENOP_EV_HOSPITAL_PLAN);
    assert_string_equal(c.events[2].condition, "knæ");
    assert_int_equal(c.events[4].type, GENOP_EV_DECISION_RECEIVED);
    assert_int_equal(c.events[5].minutes, 0);
    assert_int_equal(c.events[5].outcome, GENOP_OUTCOME_PROVIDER_CANCELLED);
    assert_false(genop_session_counts(&c.events[5]));
    assert_int_equal(c.events[6].minutes, 1440);
    assert_int_equal(c.events[6].kind, GENOP_SESSION_TRAINING);
    assert_true(genop_session_counts(&c.events[6]));
    assert_int_equal(c.events[8].upheld, GENOP_UPHELD_PARTIAL);
    assert_int_equal(c.events[9].type, GENOP_EV_COMPLAINT_FORWARDED);
    genop_case_release(&c);
}

/* Callers may carry their own fields; the reader ignores them. */
static void test_extra_keys_tolerated(void **state)
{
    (void)state;
    static const char text[] =
        "{\"id\": \"sag-17\", \"citizen\": {\"municipality_code\": 851, \"name\": \"X\"},"
        " \"events\": ["
        "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\","
        " \"author\": \"ab\", \"registered\": {\"at\": \"2025-04-10T09:00\"}, \"n\": [1, 2]},"
        "{\"type\": \"contacted\", \"date\": \"2025-04-11\", \"granted\": \"ignored\","
        " \"minutes\": \"also ignored\"}"
        "], \"comment\": null}";
    genop_case c = {0};
    read_ok(text, &c);
    assert_int_equal(c.n_events, 2);
    assert_int_equal(c.municipality_code, 851);
    assert_int_equal(c.events[1].type, GENOP_EV_CONTACTED);
    genop_case_release(&c);
}

static void test_condition_length(void **state)
{
    (void)state;
    char cond[GENOP_CONDITION_MAX + 2];
    memset(cond, 'x', sizeof cond - 1);
    cond[GENOP_CONDITION_MAX] = '\0';   /* 127 bytes: the most allowed */
    char text[512];
    snprintf(text, sizeof text,
             "{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\","
             " \"paragraph\": \"86.1\", \"condition\": \"%s\"}]}", cond);
    genop_case c = {0};
    read_ok(text, &c);
    assert_int_equal(strlen(c.events[0].condition), GENOP_CONDITION_MAX);
    assert_string_equal(c.events[0].condition, cond);
    genop_case_release(&c);

    cond[GENOP_CONDITION_MAX] = 'x';    /* 128 bytes: one too many */
    cond[GENOP_CONDITION_MAX + 1] = '\0';
    snprintf(text, sizeof text,
             "{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\","
             " \"paragraph\": \"86.1\", \"condition\": \"%s\"}]}", cond);
    expect_case_error(text, GENOP_ETOOBIG, "$.events[0].condition", "128");
    snprintf(text, sizeof text,
             WITH_EVENT("{\"type\": \"previous_course\", \"date\": \"2024-01-02\","
                        " \"condition\": \"%s\"}"), cond);
    expect_case_error(text, GENOP_ETOOBIG, "$.events[1].condition", "128");
}

/* ---- errors name the JSON path -------------------------------------- */

static void test_root_and_events_shape(void **state)
{
    (void)state;
    expect_case_error("[]", GENOP_EINVAL, "$", "objekt");
    /* A bare string is not even a JSON document genop_json_parse accepts;
     * handed over already parsed, it is still not a case. */
    json_t *str = json_string("sag");
    genop_case c = {0};
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_case_from_json(str, &c, &e), GENOP_EINVAL);
    assert_true(strncmp(e.message, "$:", 2) == 0);
    assert_message_contains(e, "tekst");
    assert_case_empty(&c);
    json_decref(str);
    genop_case_release(&c);
    json_t *root = NULL;
    assert_int_equal(genop_json_parse("\"sag\"", 5, &root, &e), GENOP_EPARSE);
    expect_case_error("{}", GENOP_EINVAL, "$.events", "mangler");
    expect_case_error("{\"events\": {}}", GENOP_EINVAL, "$.events", "liste");
    expect_case_error("{\"events\": null}", GENOP_EINVAL, "$.events", "liste");
    expect_case_error("{\"events\": [1]}", GENOP_EINVAL, "$.events[0]", "objekt");
    expect_case_error(WITH_EVENT("[]"), GENOP_EINVAL, "$.events[1]", "objekt");
}

static void test_event_type(void **state)
{
    (void)state;
    expect_case_error(WITH_EVENT("{\"type\": \"visit\", \"date\": \"2025-04-11\"}"),
                      GENOP_EINVAL, "$.events[1].type", "visit");
    expect_case_error(WITH_EVENT("{\"date\": \"2025-04-11\"}"),
                      GENOP_EINVAL, "$.events[1].type", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": 3, \"date\": \"2025-04-11\"}"),
                      GENOP_EINVAL, "$.events[1].type", "tekst");
}

static void test_event_date(void **state)
{
    (void)state;
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"paragraph\": \"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].date", "mangler");
    /* 2025 is not a leap year. */
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-02-29\","
                      " \"paragraph\": \"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].date", "2025-02-29");
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-4-1\","
                      " \"paragraph\": \"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].date", "2025-4-1");
    expect_case_error(WITH_EVENT("{\"type\": \"contacted\", \"date\": 20250411}"),
                      GENOP_EINVAL, "$.events[1].date", "tekst");
    /* Outside the calendar's years. */
    expect_case_error(WITH_EVENT("{\"type\": \"contacted\", \"date\": \"2200-01-01\"}"),
                      GENOP_ERANGE, "$.events[1].date", "2200-01-01");
}

static void test_referral_fields(void **state)
{
    (void)state;
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\"}]}",
                      GENOP_EINVAL, "$.events[0].paragraph", "mangler");
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\","
                      " \"paragraph\": \"86.3\"}]}",
                      GENOP_EINVAL, "$.events[0].paragraph", "86.3");
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\","
                      " \"paragraph\": 86.1}]}",
                      GENOP_EINVAL, "$.events[0].paragraph", "tekst");
    expect_case_error("{\"events\": [{\"type\": \"referral_received\", \"date\": \"2025-04-10\","
                      " \"paragraph\": \"86.1\", \"condition\": 7}]}",
                      GENOP_EINVAL, "$.events[0].condition", "tekst");
}

static void test_decision_fields(void **state)
{
    (void)state;
    expect_case_error(WITH_EVENT("{\"type\": \"decision\", \"date\": \"2025-04-15\"}"),
                      GENOP_EINVAL, "$.events[1].granted", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"decision\", \"date\": \"2025-04-15\","
                                 " \"granted\": \"true\"}"),
                      GENOP_EINVAL, "$.events[1].granted", "tekst");
    expect_case_error(WITH_EVENT("{\"type\": \"decision\", \"date\": \"2025-04-15\","
                                 " \"granted\": 1}"),
                      GENOP_EINVAL, "$.events[1].granted", "heltal");
}

static void test_session_fields(void **state)
{
    (void)state;
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"outcome\": \"attended\"}"),
                      GENOP_EINVAL, "$.events[1].minutes", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": \"45\", \"outcome\": \"attended\"}"),
                      GENOP_EINVAL, "$.events[1].minutes", "tekst");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": 45.5, \"outcome\": \"attended\"}"),
                      GENOP_EINVAL, "$.events[1].minutes", "heltal");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": -1, \"outcome\": \"attended\"}"),
                      GENOP_ERANGE, "$.events[1].minutes",
                      "minuttallet -1 er negativt; en træningsgang varer 0 minutter eller mere");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": 1441, \"outcome\": \"attended\"}"),
                      GENOP_ERANGE, "$.events[1].minutes",
                      "minuttallet 1441 er for stort; en træningsgang kan højst vare 1440 "
                      "minutter (24 timer)");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": 45}"),
                      GENOP_EINVAL, "$.events[1].outcome", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": 45, \"outcome\": \"late\"}"),
                      GENOP_EINVAL, "$.events[1].outcome", "late");
    expect_case_error(WITH_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\","
                                 " \"minutes\": 45, \"outcome\": \"attended\","
                                 " \"kind\": \"group\"}"),
                      GENOP_EINVAL, "$.events[1].kind", "group");
}

static void test_other_event_fields(void **state)
{
    (void)state;
    expect_case_error(WITH_EVENT("{\"type\": \"complaint_decided\", \"date\": \"2025-05-01\","
                                 " \"upheld\": \"maybe\"}"),
                      GENOP_EINVAL, "$.events[1].upheld", "maybe");
    expect_case_error(WITH_EVENT("{\"type\": \"complaint_decided\", \"date\": \"2025-05-01\"}"),
                      GENOP_EINVAL, "$.events[1].upheld", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"previous_course\", \"date\": \"2024-01-02\"}"),
                      GENOP_EINVAL, "$.events[1].condition", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"closed\", \"date\": \"2025-06-30\"}"),
                      GENOP_EINVAL, "$.events[1].reason", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"closed\", \"date\": \"2025-06-30\","
                                 " \"reason\": false}"),
                      GENOP_EINVAL, "$.events[1].reason", "true/false");
}

static void test_citizen_and_as_of(void **state)
{
    (void)state;
    expect_case_error("{\"citizen\": [], \"events\": [" REFERRAL "]}",
                      GENOP_EINVAL, "$.citizen", "objekt");
    expect_case_error("{\"citizen\": {\"municipality_code\": \"851\"}, \"events\": [" REFERRAL "]}",
                      GENOP_EINVAL, "$.citizen.municipality_code", "tekst");
    expect_case_error("{\"citizen\": {\"municipality_code\": 12}, \"events\": [" REFERRAL "]}",
                      GENOP_ERANGE, "$.citizen.municipality_code", "12");
    expect_case_error("{\"citizen\": {\"birth_date\": \"1941-02-29\"}, \"events\": [" REFERRAL "]}",
                      GENOP_EINVAL, "$.citizen.birth_date", "1941-02-29");
    expect_case_error("{\"as_of\": \"1. maj\", \"events\": [" REFERRAL "]}",
                      GENOP_EINVAL, "$.as_of", "1. maj");
}

static void test_referral_count(void **state)
{
    (void)state;
    expect_case_error("{\"events\": []}", GENOP_EINVAL, "$.events", "referral_received");
    expect_case_error("{\"events\": [{\"type\": \"contacted\", \"date\": \"2025-04-11\"}]}",
                      GENOP_EINVAL, "$.events", "referral_received");
    /* The second referral is $.events[2]. */
    expect_case_error("{\"events\": [" REFERRAL ","
                      " {\"type\": \"contacted\", \"date\": \"2025-04-11\"}, " REFERRAL "]}",
                      GENOP_EINVAL, "$.events[2]", "referral_received");
}

/* The server reads single events with its own path. */
static void test_single_event_path(void **state)
{
    (void)state;
    json_error_t je;
    json_t *obj = json_loads("{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45,"
                             " \"outcome\": \"nope\"}", 0, &je);
    assert_non_null(obj);
    genop_event ev;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_event_from_json(obj, "$.event", &ev, &e), GENOP_EINVAL);
    assert_true(strncmp(e.message, "$.event.outcome", 15) == 0);
    json_decref(obj);

    obj = json_loads("{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": false}", 0, &je);
    assert_non_null(obj);
    assert_int_equal(genop_event_from_json(obj, "$.event", &ev, &e), GENOP_OK);
    assert_int_equal(ev.type, GENOP_EV_DECISION);
    assert_int_equal(ev.date, date_of("2025-04-15"));
    assert_false(ev.granted);
    json_decref(obj);
}

/* ---- function_status ------------------------------------------------ */


static void test_function_status_read(void **state)
{
    (void)state;
    static const char text[] =
        "{\"events\": [" REFERRAL ","
        /* Key order does not matter: lists before the type and phase. */
        "{\"levels\": [" LEVEL(GAA_CODE, "3") ", {\"level\": 9, \"code\": \"" VASK_CODE "\","
        " \"note\": [1]}], \"goals\": [{\"text\": \"Gå til Netto selv\"}],"
        " \"date\": \"2025-04-14\", \"phase\": \"start\", \"type\": \"function_status\"},"
        STATUS("end", LEVEL(GAA_CODE, "1") "," LEVEL(VASK_CODE, "0"),
               ", \"goals\": [{\"text\": \"Gå til Netto selv\", \"reached\": true},"
               " {\"text\": \"Cykle\", \"reached\": false}]") ","
        /* The same keys on another type are not read. */
        "{\"type\": \"contacted\", \"date\": \"2025-04-11\", \"levels\": [3, {\"a\": 1}],"
        " \"goals\": \"x\", \"phase\": 7}"
        "]}";
    genop_case c = {0};
    read_ok(text, &c);
    assert_int_equal(c.n_events, 4);
    assert_int_equal(c.events[1].type, GENOP_EV_CONTACTED);
    assert_int_equal(c.events[2].type, GENOP_EV_FUNCTION_STATUS);
    assert_int_equal(c.events[2].phase, GENOP_PHASE_START);
    assert_int_equal(c.events[3].type, GENOP_EV_FUNCTION_STATUS);
    assert_int_equal(c.events[3].phase, GENOP_PHASE_END);
    assert_string_equal(genop_event_type_name(c.events[3].type), "function_status");
    assert_string_equal(genop_status_phase_name(c.events[3].phase), "end");
    /* No goals at all is fine, and an empty list of them. */
    read_ok(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "4"), "")), &c);
    assert_int_equal(c.n_events, 2);
    read_ok(WITH_EVENT(STATUS("end", LEVEL(GAA_CODE, "4"), ", \"goals\": []")), &c);
    assert_int_equal(c.events[1].phase, GENOP_PHASE_END);
    genop_case_release(&c);
}

static void test_function_status_errors(void **state)
{
    (void)state;
    expect_case_error(WITH_EVENT("{\"type\": \"function_status\", \"date\": \"2025-04-14\","
                                 " \"levels\": [" LEVEL(GAA_CODE, "1") "]}"),
                      GENOP_EINVAL, "$.events[1].phase", "mangler");
    expect_case_error(WITH_EVENT(STATUS("midt", LEVEL(GAA_CODE, "1"), "")),
                      GENOP_EINVAL, "$.events[1].phase", "start");
    expect_case_error(WITH_EVENT("{\"type\": \"function_status\", \"date\": \"2025-04-14\","
                                 " \"phase\": \"start\"}"),
                      GENOP_EINVAL, "$.events[1].levels", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"function_status\", \"date\": \"2025-04-14\","
                                 " \"phase\": \"start\", \"levels\": {}}"),
                      GENOP_EINVAL, "$.events[1].levels", "liste");
    expect_case_error(WITH_EVENT(STATUS("start", "", "")), GENOP_EINVAL, "$.events[1].levels", "tom");
    expect_case_error(WITH_EVENT(STATUS("start", "3", "")), GENOP_EINVAL, "$.events[1].levels[0]",
                      "objekt");
    expect_case_error(WITH_EVENT(STATUS("start", "[]", "")), GENOP_EINVAL, "$.events[1].levels[0]",
                      "objekt");
    expect_case_error(WITH_EVENT(STATUS("start", "{\"level\": 1}", "")), GENOP_EINVAL,
                      "$.events[1].levels[0].code", "mangler");
    expect_case_error(WITH_EVENT(STATUS("start", "{\"code\": 17, \"level\": 1}", "")), GENOP_EINVAL,
                      "$.events[1].levels[0].code", "tekst");
    /* A real FSIII code, but a condition of the hospital rehabilitation
     * group (Gang og bevægelse), not one of the care conditions. */
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL("3f27a7bc-790d-444e-bcf4-6e22a6b1da7e", "1"), "")),
                      GENOP_EINVAL, "$.events[1].levels[0].code", "ikke en funktionsevnetilstand");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL("51697715-965A-40F3-B4A5-819103BF9D49", "1"), "")),
                      GENOP_EINVAL, "$.events[1].levels[0].code", "FSIII");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "1") ", {\"code\": \"" VASK_CODE "\"}", "")),
                      GENOP_EINVAL, "$.events[1].levels[1].level", "mangler");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "5"), "")),
                      GENOP_ERANGE, "$.events[1].levels[0].level", "0, 1, 2, 3, 4 eller 9");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "-1"), "")),
                      GENOP_ERANGE, "$.events[1].levels[0].level", "er -1");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "8"), "")),
                      GENOP_ERANGE, "$.events[1].levels[0].level", "er 8");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "2.5"), "")),
                      GENOP_EINVAL, "$.events[1].levels[0].level", "decimaltal");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "\"3\""), "")),
                      GENOP_EINVAL, "$.events[1].levels[0].level", "heltal");
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "1") "," LEVEL(VASK_CODE, "2") ","
                                        LEVEL(GAA_CODE, "3"), "")),
                      GENOP_EINVAL, "$.events[1].levels[2].code", "Gå (Mobilitet) står to gange");
    /* The first bad item is the one reported. */
    expect_case_error(WITH_EVENT(STATUS("start", LEVEL(GAA_CODE, "7") "," LEVEL("x", "1"), "")),
                      GENOP_ERANGE, "$.events[1].levels[0].level", "er 7");
    /* A duplicate key inside an item. */
    expect_case_error(WITH_EVENT(STATUS("start", "{\"code\": \"" GAA_CODE "\", \"level\": 1, \"level\": 2}", "")),
                      GENOP_EPARSE, "$.events[1].levels[0]", "står to gange");
}

#define GOALS(phase, goals) WITH_EVENT(STATUS(phase, LEVEL(GAA_CODE, "2"), ", \"goals\": " goals))

static void test_function_status_goals(void **state)
{
    (void)state;
    expect_case_error(GOALS("start", "\"gå\""), GENOP_EINVAL, "$.events[1].goals", "liste");
    expect_case_error(GOALS("start", "[\"gå\"]"), GENOP_EINVAL, "$.events[1].goals[0]", "objekt");
    expect_case_error(GOALS("start", "[{\"reached\": true}]"), GENOP_EINVAL,
                      "$.events[1].goals[0].text", "mangler");
    expect_case_error(GOALS("start", "[{\"text\": \"\"}]"), GENOP_EINVAL, "$.events[1].goals[0].text",
                      "tom");
    expect_case_error(GOALS("start", "[{\"text\": \"  \"}]"), GENOP_EINVAL,
                      "$.events[1].goals[0].text", "tom");
    expect_case_error(GOALS("start", "[{\"text\": 4}]"), GENOP_EINVAL, "$.events[1].goals[0].text",
                      "tekst");
    expect_case_error(GOALS("start", "[{\"text\": \"a\\u0000b\"}]"), GENOP_EINVAL,
                      "$.events[1].goals[0].text", "NUL");
    expect_case_error(GOALS("start", "[{\"text\": \"Gå selv\", \"reached\": true}]"), GENOP_EINVAL,
                      "$.events[1].goals[0].reached", "slutstatus");
    expect_case_error(GOALS("end", "[{\"text\": \"a\", \"reached\": false}, {\"text\": \"b\"}]"),
                      GENOP_EINVAL, "$.events[1].goals[1].reached", "mangler");
    expect_case_error(GOALS("end", "[{\"text\": \"a\", \"reached\": \"ja\"}]"), GENOP_EINVAL,
                      "$.events[1].goals[0].reached", "true eller false");
    /* A goal of 501 bytes. */
    char text[1200];
    char goal[502];
    memset(goal, 'x', 501);
    goal[501] = '\0';
    snprintf(text, sizeof text, GOALS("start", "[{\"text\": \"%s\"}]"), goal);
    expect_case_error(text, GENOP_ETOOBIG, "$.events[1].goals[0].text", "højst 500");
    /* At most 20 goals. */
    char many[512];
    size_t used = 0;
    for (int i = 0; i < 21; i++)
        used += (size_t)snprintf(many + used, sizeof many - used, "%s{\"text\": \"m\"}",
                                 i ? "," : "[");
    snprintf(many + used, sizeof many - used, "]");
    snprintf(text, sizeof text, GOALS("start", "%s"), many);
    expect_case_error(text, GENOP_ETOOBIG, "$.events[1].goals[20]", "højst have 20 mål");
}

/* A single event (the server's) names the items under its own path. */
static void test_admitted(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_error e;
    static const char text[] = WITH_EVENT(
        "{\"type\": \"admitted\", \"date\": \"2025-04-20\", \"text\": \"Lungebetændelse\","
        " \"minutes\": 45}");
    assert_int_equal(genop_case_parse(text, strlen(text), &c, &e), GENOP_OK);
    assert_int_equal(c.n_events, 2);
    assert_int_equal(c.events[1].type, GENOP_EV_ADMITTED);
    assert_int_equal(c.events[1].date, date_of("2025-04-20"));
    assert_int_equal(c.events[1].minutes, 0);          /* not a session's field */
    assert_string_equal(genop_event_type_name(c.events[1].type), "admitted");
    genop_case_release(&c);
    expect_case_error(WITH_EVENT("{\"type\": \"admitted\"}"), GENOP_EINVAL,
                      "$.events[1].date", "mangler");
    expect_case_error(WITH_EVENT("{\"type\": \"admitted\", \"date\": \"2025-02-30\"}"),
                      GENOP_EINVAL, "$.events[1].date", "2025-02-30");
    expect_case_error(WITH_EVENT("{\"type\": \"indlagt\", \"date\": \"2025-04-20\"}"),
                      GENOP_EINVAL, "$.events[1].type", "ukendt hændelsestype 'indlagt'");
}

static void test_function_status_single(void **state)
{
    (void)state;
    genop_event ev;
    genop_error e;
    static const char bad[] = STATUS("end", LEVEL(GAA_CODE, "1") "," LEVEL(VASK_CODE, "6"), "");
    assert_int_equal(genop_event_parse(bad, strlen(bad), "$.event", &ev, &e), GENOP_ERANGE);
    assert_true(strncmp(e.message, "$.event.levels[1].level er 6", 28) == 0);
    static const char good[] = STATUS("end", LEVEL(VASK_CODE, "9"),
                                      ", \"goals\": [{\"text\": \"x\", \"reached\": true}]");
    assert_int_equal(genop_event_parse(good, strlen(good), "$", &ev, &e), GENOP_OK);
    assert_int_equal(ev.type, GENOP_EV_FUNCTION_STATUS);
    assert_int_equal(ev.phase, GENOP_PHASE_END);
    assert_int_equal(ev.date, date_of("2025-04-14"));
}

/* ---- genop_json_parse ----------------------------------------------- */

static void test_json_duplicate_keys(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{\"events\": [], \"events\": []}",
        "{\"events\": [{\"type\": \"contacted\", \"type\": \"closed\", \"date\": \"2025-04-11\"}]}",
    };
    for (size_t i = 0; i < 2; i++) {
        static json_t sentinel;            /* *root must stay untouched */
        json_t *root = &sentinel;
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_json_parse(texts[i], strlen(texts[i]), &root, &e), GENOP_EPARSE);
        assert_int_equal(e.code, GENOP_EPARSE);
        assert_ptr_equal(root, &sentinel);
        assert_message_contains(e, "duplicate");
    }
}

static void test_json_malformed(void **state)
{
    (void)state;
    /* The '}' where a value belongs is on line 3, column 14. */
    static const char text[] = "{\n  \"events\": [\n    {\"type\": }\n  ]\n}";
    json_t *root = NULL;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_json_parse(text, strlen(text), &root, &e), GENOP_EPARSE);
    assert_null(root);
    assert_message_contains(e, "linje 3");
    assert_message_contains(e, "kolonne 14");

    /* Trailing text and an empty input are malformed too. */
    assert_int_equal(genop_json_parse("{} x", 4, &root, &e), GENOP_EPARSE);
    assert_int_equal(genop_json_parse("", 0, &root, &e), GENOP_EPARSE);
    /* Only len bytes are read: the text need not be NUL-terminated. */
    static const char part[] = "{\"a\": 1}garbage";
    assert_int_equal(genop_json_parse(part, 8, &root, &e), GENOP_OK);
    assert_non_null(root);
    json_decref(root);
}

static void test_json_too_big(void **state)
{
    (void)state;
    size_t len = GENOP_CASE_JSON_MAX + 1;
    char *text = malloc(len);
    assert_non_null(text);
    memset(text, ' ', len);
    json_t *root = NULL;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_json_parse(text, len, &root, &e), GENOP_ETOOBIG);
    assert_null(root);
    free(text);
}

/* ---- the event limit ------------------------------------------------ */

static json_t *case_with_events(size_t n)
{
    json_t *events = json_array();
    json_array_append_new(events, json_pack("{s:s, s:s, s:s}", "type", "referral_received",
                                            "date", "2025-04-10", "paragraph", "86.1"));
    for (size_t i = 1; i < n; i++)
        json_array_append_new(events, json_pack("{s:s, s:s}", "type", "contacted",
                                                "date", "2025-04-11"));
    return json_pack("{s:o}", "events", events);
}

static void test_event_limit(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_error e;
    genop_error_clear(&e);

    json_t *root = case_with_events(GENOP_CASE_EVENTS_MAX);
    assert_int_equal(genop_case_from_json(root, &c, &e), GENOP_OK);
    assert_int_equal(c.n_events, GENOP_CASE_EVENTS_MAX);
    json_decref(root);

    root = case_with_events(GENOP_CASE_EVENTS_MAX + 1);
    genop_err err = genop_case_from_json(root, &c, &e);
    json_decref(root);
    assert_int_equal(err, GENOP_ETOOBIG);
    assert_int_equal(c.n_events, 0);
    assert_message_contains(e, "10000");

    read_ok(spec_example, &c);
    assert_int_equal(c.n_events, 7);
    genop_case_release(&c);

    /* Like every other error, it names where: the events list. */
    assert_message_contains(e, "$.events");
}

/* ---- hostile text: NUL bytes, syntax errors in Danish ---------------- */

static void test_nul_in_keys_and_values(void **state)
{
    (void)state;
    /* A key with \u0000 in it is not "type" (and must not be read past). */
    expect_case_error("{\"events\":[{\"type\\u0000xx\":\"referral_received\","
                      "\"date\":\"2025-01-01\",\"paragraph\":\"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].type", "mangler");
    /* A value with \u0000 in it is rejected, not cut at the NUL. */
    expect_case_error("{\"events\":[{\"type\":\"referral_received\\u0000junk\","
                      "\"date\":\"2025-01-01\",\"paragraph\":\"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].type", "NUL");
    expect_case_error("{\"events\":[{\"type\":\"referral_received\","
                      "\"date\":\"2025-01-01\\u0000zz\",\"paragraph\":\"86.1\"}]}",
                      GENOP_EINVAL, "$.events[0].date", "NUL");
}

static void test_syntax_errors_in_danish(void **state)
{
    (void)state;
    static const struct { const char *text, *word; } cases[] = {
        {"{\"events\": [", "slutter"},
        {"{\"events\": []} x", "mere efter"},
        {"{\"events\": [}", "uventet"},
        {"   \n ", "tom"},
        {"{\"a\": 99999999999999999999}", "for stort"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_case c = {0};
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_case_parse(cases[i].text, strlen(cases[i].text), &c, &e),
                         GENOP_EPARSE);
        assert_message_contains(e, "ugyldig JSON");
        assert_message_contains(e, cases[i].word);
        genop_case_release(&c);
    }
    /* One line: the position is a character; several lines: line and column. */
    genop_case c = {0};
    genop_error e;
    assert_int_equal(genop_case_parse("{\"events\": [}", 13, &c, &e), GENOP_EPARSE);
    assert_message_contains(e, "ved tegn 13");
    assert_int_equal(genop_case_parse("{\n\"events\": [}", 14, &c, &e), GENOP_EPARSE);
    assert_message_contains(e, "linje 2, kolonne 12");
    genop_case_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_example),
        cmocka_unit_test(test_sorted_and_stable),
        cmocka_unit_test(test_sorted_and_stable_long),
        cmocka_unit_test(test_every_event_type),
        cmocka_unit_test(test_extra_keys_tolerated),
        cmocka_unit_test(test_condition_length),
        cmocka_unit_test(test_root_and_events_shape),
        cmocka_unit_test(test_event_type),
        cmocka_unit_test(test_event_date),
        cmocka_unit_test(test_referral_fields),
        cmocka_unit_test(test_decision_fields),
        cmocka_unit_test(test_session_fields),
        cmocka_unit_test(test_other_event_fields),
        cmocka_unit_test(test_citizen_and_as_of),
        cmocka_unit_test(test_referral_count),
        cmocka_unit_test(test_single_event_path),
        cmocka_unit_test(test_function_status_read),
        cmocka_unit_test(test_function_status_errors),
        cmocka_unit_test(test_function_status_goals),
        cmocka_unit_test(test_function_status_single),
        cmocka_unit_test(test_admitted),
        cmocka_unit_test(test_json_duplicate_keys),
        cmocka_unit_test(test_json_malformed),
        cmocka_unit_test(test_json_too_big),
        cmocka_unit_test(test_event_limit),
        cmocka_unit_test(test_nul_in_keys_and_values),
        cmocka_unit_test(test_syntax_errors_in_danish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
