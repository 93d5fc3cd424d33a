/*
 * test_case_tree.c - unit tests for src/jsonio's way into the case
 * reader: genop_json_parse (text to a jansson tree) and case_tree.h
 * (cases and events from a tree, by the core's one reader).
 *
 * - The reader gives the same answer whether its JSON comes as text
 *   (genop_case_parse, genop_event_parse: yajl) or as a jansson tree
 *   (genop_case_from_json, genop_event_from_json: the tree walker), on a
 *   table of valid and invalid cases and single events, nested correction
 *   events at "$.event" among them: the same code, the same message
 *   (which starts with the path the table expects), the same case. NUL
 *   bytes, which jansson's parser refuses, come in trees built by hand;
 *   duplicate keys, which no tree can hold, are refused on both ways in.
 * - genop_json_parse refuses a NUL byte in the text, which jansson alone
 *   would read past.
 *
 * Expected paths come from reading the JSON texts below, never from
 * running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "case.h"
#include "case_json.h"
#include "case_texts.h"
#include "case_tree.h"
#include "error.h"

/* A NUL byte is never JSON text; jansson alone would take one after a
 * number (reading {"a": 1} here), so genop_json_parse refuses it first. */
static void test_json_nul_byte(void **state)
{
    (void)state;
    static const char text[] = "{\"a\": 1\0}";
    static json_t sentinel;
    json_t *root = &sentinel;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_json_parse(text, sizeof text - 1, &root, &e), GENOP_EPARSE);
    assert_ptr_equal(root, &sentinel);
    assert_message_contains(e, "linje 1, kolonne 8");
    assert_message_contains(e, "NUL");
    genop_case c = {0};
    assert_int_equal(genop_case_parse(text, sizeof text - 1, &c, &e), GENOP_EPARSE);
    genop_case_release(&c);
}

static void assert_events_equal(const genop_event *a, const genop_event *b)
{
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->date, b->date);
    assert_int_equal(a->seq, b->seq);
    assert_int_equal(a->paragraph, b->paragraph);
    assert_int_equal(a->granted, b->granted);
    assert_int_equal(a->minutes, b->minutes);
    assert_int_equal(a->outcome, b->outcome);
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->upheld, b->upheld);
    assert_int_equal(a->phase, b->phase);
    assert_string_equal(a->condition, b->condition);
}

static void assert_cases_equal(const genop_case *a, const genop_case *b)
{
    assert_int_equal(a->id_kind, b->id_kind);
    assert_string_equal(a->id, b->id);
    assert_int_equal(a->has_birth_date, b->has_birth_date);
    assert_int_equal(a->birth_date, b->birth_date);
    assert_int_equal(a->has_municipality_code, b->has_municipality_code);
    assert_int_equal(a->municipality_code, b->municipality_code);
    assert_int_equal(a->has_as_of, b->has_as_of);
    assert_int_equal(a->as_of, b->as_of);
    assert_int_equal(a->n_events, b->n_events);
    for (size_t i = 0; i < a->n_events; i++)
        assert_events_equal(&a->events[i], &b->events[i]);
}

/* The two answers agree, and are the one expected: GENOP_OK, or `code`
 * with a message that starts with `path` and then ':' or ' '. */
static void assert_same_answer(const char *what, genop_err text_err, const genop_error *te,
                               genop_err tree_err, const genop_error *tr, genop_err code,
                               const char *path)
{
    if (text_err != tree_err || (text_err && strcmp(te->message, tr->message) != 0))
        fail_msg("%s: text gives %d \"%s\", tree gives %d \"%s\"", what, (int)text_err,
                 text_err ? te->message : "", (int)tree_err, tree_err ? tr->message : "");
    if (text_err != code)
        fail_msg("%s: expected code %d, got %d \"%s\"", what, (int)code, (int)text_err,
                 text_err ? te->message : "");
    size_t n = path ? strlen(path) : 0;
    if (code && (strncmp(te->message, path, n) != 0 ||
                 (te->message[n] != ':' && te->message[n] != ' ')))
        fail_msg("%s: message \"%s\" does not start with %s", what, te->message, path);
}

/* A case of events REFERRAL, contacted and then `ev` ($.events[2]). */
#define THIRD_EVENT(ev) \
    "{\"events\": [" REFERRAL ", {\"type\": \"contacted\", \"date\": \"2025-04-11\"}, " ev "]}"

static const struct { const char *text; genop_err code; const char *path; } case_table[] = {
    {spec_example, GENOP_OK, NULL},
    {"{\"id\": \"sag-17\", \"as_of\": \"2025-05-01\", \"citizen\": {\"birth_date\": \"1950-01-31\","
     " \"municipality_code\": 851, \"name\": {\"first\": [\"X\"]}}, \"events\": ["
     "{\"type\": \"previous_course\", \"date\": \"2024-01-02\", \"condition\": \"knæ\"},"
     "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.2\","
     " \"author\": \"ab\", \"registered\": {\"at\": [[[{\"deep\": [1, {\"b\": null}]}]]]}},"
     "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": false},"
     "{\"type\": \"session\", \"date\": \"2025-04-17\", \"minutes\": 0,"
     " \"outcome\": \"provider_cancelled\", \"kind\": \"assessment\", \"note\": 1.5},"
     "{\"type\": \"complaint_decided\", \"date\": \"2025-04-21\", \"upheld\": \"partial\"},"
     "{\"type\": \"closed\", \"date\": \"2025-06-30\", \"reason\": \"goal_reached\"}"
     "], \"comment\": null}", GENOP_OK, NULL},
    {"{\"id\": 17, \"events\": [" REFERRAL "]}", GENOP_OK, NULL},
    {WITH_EVENT(STATUS("end", LEVEL(GAA_CODE, "1") "," LEVEL(VASK_CODE, "9"),
                       ", \"goals\": [{\"text\": \"Gå selv\", \"reached\": true},"
                       " {\"text\": \"Bade\", \"reached\": false}]")), GENOP_OK, NULL},
    {"[]", GENOP_EINVAL, "$"},
    {"\"sag\"", GENOP_EINVAL, "$"},
    {"{}", GENOP_EINVAL, "$.events"},
    {"{\"events\": {}}", GENOP_EINVAL, "$.events"},
    {"{\"events\": [1]}", GENOP_EINVAL, "$.events[0]"},
    {WITH_EVENT("[]"), GENOP_EINVAL, "$.events[1]"},
    {"{\"id\": true, \"events\": [" REFERRAL "]}", GENOP_EINVAL, "$.id"},
    {"{\"citizen\": [], \"events\": [" REFERRAL "]}", GENOP_EINVAL, "$.citizen"},
    {"{\"citizen\": {\"municipality_code\": 12}, \"events\": [" REFERRAL "]}", GENOP_ERANGE,
     "$.citizen.municipality_code"},
    {"{\"as_of\": \"1. maj\", \"events\": [" REFERRAL "]}", GENOP_EINVAL, "$.as_of"},
    {THIRD_EVENT("{\"type\": \"contacted\", \"date\": \"2025-02-29\"}"), GENOP_EINVAL,
     "$.events[2].date"},
    {THIRD_EVENT("{\"type\": \"visit\", \"date\": \"2025-04-12\"}"), GENOP_EINVAL,
     "$.events[2].type"},
    {THIRD_EVENT("{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": \"true\"}"),
     GENOP_EINVAL, "$.events[2].granted"},
    {THIRD_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45.5,"
                 " \"outcome\": \"attended\"}"), GENOP_EINVAL, "$.events[2].minutes"},
    {THIRD_EVENT("{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 1441,"
                 " \"outcome\": \"attended\"}"), GENOP_ERANGE, "$.events[2].minutes"},
    {THIRD_EVENT(REFERRAL), GENOP_EINVAL, "$.events[2]"},
    {THIRD_EVENT(STATUS("start", LEVEL(GAA_CODE, "1") ", 3", "")), GENOP_EINVAL,
     "$.events[2].levels[1]"},
    {THIRD_EVENT(STATUS("start", LEVEL(GAA_CODE, "1") "," LEVEL(GAA_CODE, "2"), "")),
     GENOP_EINVAL, "$.events[2].levels[1].code"},
    {THIRD_EVENT(STATUS("start", LEVEL(GAA_CODE, "5"), "")), GENOP_ERANGE,
     "$.events[2].levels[0].level"},
    {THIRD_EVENT(STATUS("start", LEVEL(GAA_CODE, "1"), ", \"goals\": [{\"text\": \"a\","
                        " \"reached\": true}]")), GENOP_EINVAL, "$.events[2].goals[0].reached"},
    {THIRD_EVENT(STATUS("end", LEVEL(GAA_CODE, "1"), ", \"goals\": [[], {\"text\": \"a\"}]")),
     GENOP_EINVAL, "$.events[2].goals[0]"},
};

/* Each text of the table, read as text and as the tree jansson makes of
 * it. */
static void test_text_and_tree_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof case_table / sizeof case_table[0]; i++) {
        const char *text = case_table[i].text;
        char what[32];
        snprintf(what, sizeof what, "case_table[%zu]", i);
        genop_case a = {0}, b = {0};
        genop_error te, tr;
        genop_error_clear(&te);
        genop_error_clear(&tr);
        genop_err text_err = genop_case_parse(text, strlen(text), &a, &te);
        /* A bare string is refused by genop_json_parse; json_loads is
         * told to take any value. */
        json_t *root = json_loads(text, JSON_DECODE_ANY, NULL);
        assert_non_null(root);
        genop_err tree_err = genop_case_from_json(root, &b, &tr);
        json_decref(root);
        assert_same_answer(what, text_err, &te, tree_err, &tr, case_table[i].code,
                           case_table[i].path);
        if (!text_err)
            assert_cases_equal(&a, &b);
        else
            assert_case_empty(&b);
        genop_case_release(&a);
        genop_case_release(&b);
    }
}

static const struct { const char *text; genop_err code; const char *path; } event_table[] = {
    {"{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45, \"outcome\": \"attended\","
     " \"text\": \"Øvelser\", \"extra\": {\"a\": [1, 2.5, true, null]}}", GENOP_OK, NULL},
    {"{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\","
     " \"condition\": \"hofte\"}", GENOP_OK, NULL},
    {STATUS("end", LEVEL(VASK_CODE, "9"), ", \"goals\": [{\"text\": \"x\", \"reached\": true}]"),
     GENOP_OK, NULL},
    {"3", GENOP_EINVAL, "$.event"},
    {"[{\"type\": \"contacted\"}]", GENOP_EINVAL, "$.event"},
    {"{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45, \"outcome\": \"nope\"}",
     GENOP_EINVAL, "$.event.outcome"},
    {"{\"type\": \"contacted\", \"date\": \"2025-13-01\"}", GENOP_EINVAL, "$.event.date"},
    {"{\"type\": \"closed\", \"date\": \"2025-06-30\", \"reason\": false}", GENOP_EINVAL,
     "$.event.reason"},
    {STATUS("end", LEVEL(GAA_CODE, "1") "," LEVEL(VASK_CODE, "6"), ""), GENOP_ERANGE,
     "$.event.levels[1].level"},
    {STATUS("end", LEVEL(GAA_CODE, "1"), ", \"goals\": [{\"text\": \"a\"}]"), GENOP_EINVAL,
     "$.event.goals[0].reached"},
};

/* Each event of the table read as text, as a tree, and as the "event" of
 * a correction's body, as the server reads a corrected event. */
static void test_text_and_tree_events(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof event_table / sizeof event_table[0]; i++) {
        const char *text = event_table[i].text;
        char what[48], body[1024];
        genop_event a, b, c;
        genop_error te, tr, tc;
        genop_err text_err = genop_event_parse(text, strlen(text), "$.event", &a, &te);
        json_t *tree = json_loads(text, JSON_DECODE_ANY, NULL);
        assert_non_null(tree);
        genop_err tree_err = genop_event_from_json(tree, "$.event", &b, &tr);
        json_decref(tree);
        snprintf(what, sizeof what, "event_table[%zu]", i);
        assert_same_answer(what, text_err, &te, tree_err, &tr, event_table[i].code,
                           event_table[i].path);

        snprintf(body, sizeof body, "{\"type\": \"correction\", \"date\": \"2025-05-01\","
                 " \"corrects\": 5, \"reason\": \"tastefejl\", \"event\": %s}", text);
        json_t *root = NULL;
        must(genop_json_parse(body, strlen(body), &root, e));
        genop_err correction_err = genop_event_from_json(json_object_get(root, "event"),
                                                         "$.event", &c, &tc);
        json_decref(root);
        snprintf(what, sizeof what, "event_table[%zu] in a correction", i);
        assert_same_answer(what, text_err, &te, correction_err, &tc, event_table[i].code,
                           event_table[i].path);
        if (!text_err) {
            assert_events_equal(&a, &b);
            assert_events_equal(&a, &c);
        }
    }
}

/* NUL bytes in keys and values: jansson's parser refuses them, but a
 * tree built by hand can hold them, and the walker passes them on with
 * their length, as yajl does. */
static void test_text_and_tree_nul(void **state)
{
    (void)state;
    static const char key_text[] = "{\"type\\u0000xx\": \"contacted\", \"date\": \"2025-04-11\"}";
    json_t *key_tree = json_object();
    json_object_setn_new(key_tree, "type\0xx", 7, json_string("contacted"));
    json_object_set_new(key_tree, "date", json_string("2025-04-11"));
    static const char value_text[] = "{\"type\": \"contacted\\u0000junk\", \"date\": \"2025-04-11\"}";
    json_t *value_tree = json_object();
    json_object_set_new(value_tree, "type", json_stringn("contacted\0junk", 14));
    json_object_set_new(value_tree, "date", json_string("2025-04-11"));
    const struct { const char *text; json_t *tree; const char *word; } cases[] = {
        {key_text, key_tree, "mangler"},
        {value_text, value_tree, "NUL"},
    };
    for (size_t i = 0; i < 2; i++) {
        genop_event a, b;
        genop_error te, tr;
        genop_err text_err = genop_event_parse(cases[i].text, strlen(cases[i].text), "$", &a, &te);
        genop_err tree_err = genop_event_from_json(cases[i].tree, "$", &b, &tr);
        assert_same_answer(cases[i].word, text_err, &te, tree_err, &tr, GENOP_EINVAL, "$.type");
        assert_message_contains(te, cases[i].word);
        json_decref(cases[i].tree);
    }
}

/* A key genop reads that stands twice is an error of the text reader,
 * with its path; jansson's parser (the way into a tree) refuses every
 * duplicate key. Keys genop does not read may repeat in text. */
static void test_text_and_tree_duplicate_keys(void **state)
{
    (void)state;
    static const struct { const char *text, *message; } cases[] = {
        {THIRD_EVENT("{\"type\": \"contacted\", \"date\": \"2025-04-12\", \"date\": \"2025-04-13\"}"),
         "$.events[2]: nøglen 'date' står to gange"},
        {"{\"citizen\": {\"birth_date\": \"1950-01-01\", \"birth_date\": \"1950-01-02\"},"
         " \"events\": [" REFERRAL "]}", "$.citizen: nøglen 'birth_date' står to gange"},
        {"{\"events\": [], \"events\": [" REFERRAL "]}", "$: nøglen 'events' står to gange"},
        {THIRD_EVENT(STATUS("start", "{\"code\": \"" GAA_CODE "\", \"level\": 1, \"level\": 2}", "")),
         "$.events[2].levels[0]: nøglen 'level' står to gange"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_case c = {0};
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_case_parse(cases[i].text, strlen(cases[i].text), &c, &e),
                         GENOP_EPARSE);
        assert_string_equal(e.message, cases[i].message);
        json_t *root = NULL;
        assert_int_equal(genop_json_parse(cases[i].text, strlen(cases[i].text), &root, &e),
                         GENOP_EPARSE);
        assert_null(root);
        assert_message_contains(e, "duplicate");
        genop_case_release(&c);
    }
    static const char ignored[] = "{\"events\": [" REFERRAL "], \"note\": 1, \"note\": 2}";
    genop_case c = {0};
    read_ok(ignored, &c);
    assert_int_equal(c.n_events, 1);
    genop_case_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_nul_byte),
        cmocka_unit_test(test_text_and_tree_cases),
        cmocka_unit_test(test_text_and_tree_events),
        cmocka_unit_test(test_text_and_tree_nul),
        cmocka_unit_test(test_text_and_tree_duplicate_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
