/*
 * test_json_members.c - copying chosen members of a JSON object's text:
 * which members are kept, nested values copied whole and compact, strings
 * re-escaped, the comma between pairs across calls, a single member's
 * value (null when absent), and text that is not one object refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "json_members.h"

/* Keeps every member but "type" and "date". */
static bool not_type_or_date(const char *key, size_t n, void *unused)
{
    (void)unused;
    return !((n == 4 && memcmp(key, "type", 4) == 0) || (n == 4 && memcmp(key, "date", 4) == 0));
}

static bool keep_all(const char *key, size_t n, void *unused)
{
    (void)key;
    (void)n;
    (void)unused;
    return true;
}

/* The copy of text's members as a string, or fails the test. */
static void expect_copy(const char *text, json_member_filter want, bool need_comma,
                        const char *expected)
{
    genop_buf b = {0};
    genop_error e;
    genop_error_clear(&e);
    bool comma = need_comma;
    if (json_members_copy(text, strlen(text), want, NULL, &comma, &b, &e))
        fail_msg("%s refused: %s", text, e.message);
    assert_string_equal(b.len ? b.data : "", expected);
    genop_buf_release(&b);
}

static void test_keeps_the_wanted_members_in_order(void **state)
{
    (void)state;
    expect_copy("{\"type\":\"session\",\"date\":\"2025-04-22\",\"minutes\":45,\"outcome\":\"attended\"}",
                not_type_or_date, false, "\"minutes\":45,\"outcome\":\"attended\"");
    /* After members written before: a comma first. */
    expect_copy("{\"type\":\"x\",\"granted\":true}", not_type_or_date, true, ",\"granted\":true");
    /* Nothing wanted: nothing written, not even a comma. */
    expect_copy("{\"type\":\"x\",\"date\":\"2025-01-01\"}", not_type_or_date, true, "");
    expect_copy("{}", keep_all, false, "");
}

static void test_copies_nested_values_whole(void **state)
{
    (void)state;
    expect_copy("{ \"type\" : \"c\", \"event\" : { \"type\" : \"session\", \"minutes\" : [1, 2.5e3, -0, {\"a\": [[]]}] },"
                " \"n\" : null, \"f\": false }",
                not_type_or_date, false,
                "\"event\":{\"type\":\"session\",\"minutes\":[1,2.5e3,-0,{\"a\":[[]]}]},\"n\":null,\"f\":false");
    /* A skipped member's nested value leaves no trace. */
    expect_copy("{\"date\":{\"x\":[1,{\"y\":2}]},\"k\":[3]}", not_type_or_date, false, "\"k\":[3]");
}

static void test_strings_are_escaped_again(void **state)
{
    (void)state;
    expect_copy("{\"text\":\"\\\"Søren\\\" <b>\\n\\u0001\\/ø\"}", keep_all, false,
                "\"text\":\"\\\"Søren\\\" <b>\\n\\u0001/ø\"");
    expect_copy("{\"k\\u00e6y\":1}", keep_all, false, "\"kæy\":1");
}

static void test_one_members_value(void **state)
{
    (void)state;
    const char *body = "{\"source\":\"egen læge\",\"consent\":true,\"event\":{\"a\":[1]}}";
    const char *keys[] = {"source", "consent", "event", "missing"};
    const char *values[] = {"\"egen læge\"", "true", "{\"a\":[1]}", "null"};
    for (size_t i = 0; i < 4; i++) {
        genop_buf b = {0};
        genop_error e;
        assert_int_equal(json_member_value(body, strlen(body), keys[i], &b, &e), GENOP_OK);
        assert_string_equal(b.data, values[i]);
        genop_buf_release(&b);
    }
}

static void test_refuses_what_is_not_one_object(void **state)
{
    (void)state;
    const char *bad[] = {"[1,2]", "\"text\"", "42", "null", "{\"a\":1", "{\"a\":1}{", "{\"a\":}",
                         "", "{\"a\":\"\xff\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        genop_buf b = {0};
        genop_error e;
        genop_error_clear(&e);
        bool comma = false;
        assert_int_equal(json_members_copy(bad[i], strlen(bad[i]), keep_all, NULL, &comma, &b, &e),
                         GENOP_EINVAL);
        assert_message_contains(e, "JSON");
        genop_buf_release(&b);
    }
}

static void test_refuses_too_deep_nesting(void **state)
{
    (void)state;
    char text[400];
    memcpy(text, "{\"a\":", 5);
    memset(text + 5, '[', 100);
    memset(text + 105, ']', 100);
    memcpy(text + 205, "}", 2);
    genop_buf b = {0};
    genop_error e;
    bool comma = false;
    assert_int_equal(json_members_copy(text, strlen(text), keep_all, NULL, &comma, &b, &e),
                     GENOP_EINVAL);
    genop_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keeps_the_wanted_members_in_order),
        cmocka_unit_test(test_copies_nested_values_whole),
        cmocka_unit_test(test_strings_are_escaped_again),
        cmocka_unit_test(test_one_members_value),
        cmocka_unit_test(test_refuses_what_is_not_one_object),
        cmocka_unit_test(test_refuses_too_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
