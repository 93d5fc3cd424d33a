/*
 * test_decimal.c - genop_decimal_parse (src/core/decimal.h): digits only,
 * 1 to 18 of them, nothing else; a refused span leaves the output alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "decimal.h"

static void test_accepts_digits(void **state)
{
    (void)state;
    int64_t v = -1;
    assert_true(genop_decimal_parse("0", 1, &v));
    assert_int_equal(v, 0);
    assert_true(genop_decimal_parse("007", 3, &v));
    assert_int_equal(v, 7);
    assert_true(genop_decimal_parse("999999999999999999", 18, &v));
    assert_int_equal(v, 999999999999999999LL);
    assert_true(genop_decimal_parse("1234xyz", 4, &v));     /* only the span */
    assert_int_equal(v, 1234);
}

static void test_refuses_the_rest(void **state)
{
    (void)state;
    const char *bad[] = {"", "-1", "+1", " 1", "1 ", "1a", "0x10", "1.5",
                         "1000000000000000000"};        /* 19 digits */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 42;
        assert_false(genop_decimal_parse(bad[i], strlen(bad[i]), &v));
        assert_int_equal(v, 42);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts_digits),
        cmocka_unit_test(test_refuses_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
