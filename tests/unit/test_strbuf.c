/*
 * test_strbuf.c - the growable text buffer (strbuf.h) and its limit:
 * - a buffer fills up to its limit exactly; the append that would pass it
 *   adds nothing (no part of its text, for every kind of append), fails
 *   the buffer, and what was there before stays whole and NUL-terminated;
 * - failure is sticky: after it no append adds anything, until a reset
 *   (which keeps the limit, as a release does);
 * - a zeroed buffer has the documented default limit, GENOP_BUF_LIMIT;
 * - the appends write what they should (numbers, formats longer than the
 *   formatting scratch, JSON string escapes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* b holds exactly the text want. */
static void assert_holds(const genop_buf *b, const char *want)
{
    assert_int_equal(b->len, strlen(want));
    if (b->len)
        assert_string_equal(b->data, want);
}

static void test_fills_to_the_limit(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_set_limit(&b, 10);
    genop_buf_add(&b, "abcdef", 6);
    genop_buf_add(&b, "ghij", 4);       /* 10 bytes: exactly the limit */
    assert_false(genop_buf_failed(&b));
    assert_holds(&b, "abcdefghij");
    assert_true(b.cap <= 11);           /* never grown past limit + NUL */
    genop_buf_add(&b, "", 0);           /* nothing more is still fine */
    assert_false(genop_buf_failed(&b));
    genop_buf_add(&b, "k", 1);          /* the eleventh byte */
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "abcdefghij");
    genop_buf_release(&b);
}

static void test_append_that_crosses_adds_nothing(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_set_limit(&b, 10);
    genop_buf_adds(&b, "abcdef");
    genop_buf_add(&b, "12345", 5);      /* would make 11 */
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "abcdef");
    assert_int_equal(b.data[b.len], '\0');
    genop_buf_release(&b);

    /* A JSON string whose closing quote would not fit: none of it. */
    genop_buf_set_limit(&b, 10);
    genop_buf_adds(&b, "[");
    genop_buf_add_json_string(&b, "abcdefgh");   /* "abcdefgh" is 10 */
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "[");
    genop_buf_release(&b);

    /* One that must be escaped, failing in the middle of an escape. */
    genop_buf_set_limit(&b, 6);
    genop_buf_add_json_string(&b, "a\nb");       /* "a\nb" is 6: fits */
    assert_false(genop_buf_failed(&b));
    assert_holds(&b, "\"a\\nb\"");
    genop_buf_reset(&b);
    genop_buf_add_json_string(&b, "a\x01");      /* "a\u0001" is 9 */
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "");
    genop_buf_release(&b);

    /* A format longer than the formatting scratch (256 bytes). */
    char long_text[400];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    genop_buf_set_limit(&b, 300);
    genop_buf_adds(&b, "<");
    genop_buf_addf(&b, "%s", long_text);
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "<");
    genop_buf_release(&b);
    genop_buf_set_limit(&b, 401);
    genop_buf_adds(&b, "<");
    genop_buf_addf(&b, "%s", long_text);
    assert_false(genop_buf_failed(&b));
    assert_int_equal(b.len, 400);
    assert_int_equal(b.data[0], '<');
    assert_string_equal(b.data + 1, long_text);
    genop_buf_release(&b);

    /* A number. */
    genop_buf_set_limit(&b, 3);
    genop_buf_add_long(&b, -1234);
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "");
    genop_buf_set_limit(&b, 0);
    genop_buf_release(&b);
}

static void test_failure_is_sticky(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_set_limit(&b, 4);
    genop_buf_adds(&b, "ab");
    genop_buf_adds(&b, "cde");
    assert_true(genop_buf_failed(&b));
    /* Each of these would fit in the two bytes left; none is added. */
    genop_buf_adds(&b, "c");
    genop_buf_add(&b, "d", 1);
    genop_buf_add_long(&b, 7);
    genop_buf_addf(&b, "%d", 8);
    genop_buf_add_json_string(&b, NULL);
    genop_buf_add_json_string_n(&b, "", 0);
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "ab");

    /* A reset clears the failure and keeps the limit. */
    genop_buf_reset(&b);
    assert_false(genop_buf_failed(&b));
    assert_int_equal(b.limit, 4);
    genop_buf_adds(&b, "wxyz");
    assert_false(genop_buf_failed(&b));
    genop_buf_adds(&b, "!");
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "wxyz");

    /* So does a release. */
    genop_buf_release(&b);
    assert_false(genop_buf_failed(&b));
    assert_null(b.data);
    assert_int_equal(b.limit, 4);
    genop_buf_adds(&b, "12345");
    assert_true(genop_buf_failed(&b));
    assert_int_equal(b.len, 0);
    genop_buf_release(&b);
}

static void test_limit_below_content_fails(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_adds(&b, "abcdef");
    genop_buf_set_limit(&b, 5);
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "abcdef");
    genop_buf_release(&b);
}

/* A zeroed buffer holds GENOP_BUF_LIMIT (64 MiB) bytes and not one more. */
static void test_default_limit(void **state)
{
    (void)state;
    assert_int_equal(GENOP_BUF_LIMIT, 64u * 1024u * 1024u);
    enum { CHUNK = 1024 * 1024 };
    char *chunk = malloc(CHUNK);
    assert_non_null(chunk);
    memset(chunk, 'a', CHUNK);
    genop_buf b = {0};
    for (size_t i = 0; i < GENOP_BUF_LIMIT / CHUNK; i++)
        genop_buf_add(&b, chunk, CHUNK);
    assert_false(genop_buf_failed(&b));
    assert_int_equal(b.len, GENOP_BUF_LIMIT);
    assert_int_equal(b.data[b.len], '\0');
    genop_buf_add(&b, "a", 1);
    assert_true(genop_buf_failed(&b));
    assert_int_equal(b.len, GENOP_BUF_LIMIT);
    free(chunk);
    genop_buf_release(&b);
}

/* A limit beyond what memory can hold is held to half the address space,
 * so the sizes computed for it cannot wrap around. */
static void test_huge_limit(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_set_limit(&b, SIZE_MAX);
    genop_buf_adds(&b, "ab");
    genop_buf_add(&b, "c", SIZE_MAX - 1);   /* would wrap len + n + 1 */
    assert_true(genop_buf_failed(&b));
    assert_holds(&b, "ab");
    genop_buf_release(&b);
}

static void test_appends(void **state)
{
    (void)state;
    genop_buf b = {0};
    genop_buf_add_long(&b, -1234);
    genop_buf_adds(&b, " ");
    genop_buf_add_long(&b, 0);
    genop_buf_addf(&b, " %s=%d ", "n", 42);
    genop_buf_add_json_string(&b, "æ\"\\\t\x01");
    genop_buf_adds(&b, " ");
    genop_buf_add_json_string_n(&b, "a\0b\xff", 4);
    genop_buf_adds(&b, " ");
    genop_buf_add_json_string(&b, NULL);
    assert_false(genop_buf_failed(&b));
    assert_holds(&b, "-1234 0 n=42 \"æ\\\"\\\\\\t\\u0001\" \"a\\u0000b\\ufffd\" null");
    genop_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fills_to_the_limit),
        cmocka_unit_test(test_append_that_crosses_adds_nothing),
        cmocka_unit_test(test_failure_is_sticky),
        cmocka_unit_test(test_limit_below_content_fails),
        cmocka_unit_test(test_default_limit),
        cmocka_unit_test(test_huge_limit),
        cmocka_unit_test(test_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
