/*
 * test_cpr.c - CPR numbers: shapes with and without the hyphen, the birth
 * date with the century rule of the seventh digit at every boundary, leap
 * days, numbers that fail the old modulus-11 check (valid since 2007), and
 * every kind of malformed number - whose messages must not repeat it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "cpr.h"

static void expect_birth(const char *text, const char *birth)
{
    genop_cpr cpr;
    genop_error e;
    genop_error_clear(&e);
    if (genop_cpr_parse(text, &cpr, &e) != GENOP_OK)
        fail_msg("%s rejected: %s", text, e.message);
    assert_date_is(cpr.birth_date, birth);
}

static void expect_bad(const char *text, genop_err code, const char *word)
{
    genop_cpr cpr = {.digits = "untouched", .birth_date = 42};
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_cpr_parse(text, &cpr, &e), code);
    assert_message_contains(e, word);
    assert_string_equal(cpr.digits, "untouched");
    assert_int_equal(cpr.birth_date, 42);
    /* Personal data stays out of messages. */
    if (text && strlen(text) >= 6 && strstr(e.message, text))
        fail_msg("message repeats the number: %s", e.message);
}

static void test_shapes(void **state)
{
    (void)state;
    expect_birth("010203-1234", "1903-02-01");
    expect_birth("0102031234", "1903-02-01");
    genop_cpr cpr;
    assert_int_equal(genop_cpr_parse("0102031234", &cpr, NULL), GENOP_OK);
    assert_string_equal(cpr.digits, "0102031234");
    char buf[GENOP_CPR_TEXT_SIZE];
    assert_string_equal(genop_cpr_format(&cpr, buf), "010203-1234");
    expect_bad("01020-31234", GENOP_EINVAL, "10 cifre");
    expect_bad("010203 1234", GENOP_EINVAL, "10 cifre");
    expect_bad("01020312345", GENOP_EINVAL, "10 cifre");
    expect_bad("010203-123", GENOP_EINVAL, "10 cifre");
    expect_bad("abcdefghij", GENOP_EINVAL, "10 cifre");
    expect_bad("", GENOP_EINVAL, "10 cifre");
    expect_bad("0102031234 ", GENOP_EINVAL, "10 cifre");
    expect_bad(NULL, GENOP_EINVAL, "mangler");
}

static void test_century_rule(void **state)
{
    (void)state;
    /* 7th digit 0-3: 1900s whatever the year. */
    expect_birth("010100-0000", "1900-01-01");
    expect_birth("311299-3999", "1999-12-31");
    /* 4 and 9: 2000-2036, else 1937-1999. */
    expect_birth("010136-4000", "2036-01-01");
    expect_birth("010137-4000", "1937-01-01");
    expect_birth("010110-9000", "2010-01-01");
    expect_birth("010140-9000", "1940-01-01");
    /* 5-8: 2000-2057, else 1858-1899 (before genop's calendar). */
    expect_birth("010157-5000", "2057-01-01");
    expect_birth("010100-8999", "2000-01-01");
    expect_bad("010158-5000", GENOP_ERANGE, "1858");
    expect_bad("311299-8000", GENOP_ERANGE, "1899");
    assert_int_equal(genop_cpr_birth_year(36, 4), 2036);
    assert_int_equal(genop_cpr_birth_year(37, 9), 1937);
    assert_int_equal(genop_cpr_birth_year(58, 6), 1858);
    assert_int_equal(genop_cpr_birth_year(57, 7), 2057);
    assert_int_equal(genop_cpr_birth_year(5, 10), 0);
}

static void test_dates(void **state)
{
    (void)state;
    expect_birth("290200-4000", "2000-02-29");  /* 2000 is a leap year */
    expect_bad("290201-4000", GENOP_EINVAL, "dato");
    expect_bad("290200-2000", GENOP_EINVAL, "dato"); /* 1900 is not */
    expect_birth("290204-1234", "1904-02-29");
    expect_bad("011303-1234", GENOP_EINVAL, "dato");
    expect_bad("000103-1234", GENOP_EINVAL, "dato");
    expect_bad("320103-1234", GENOP_EINVAL, "dato");
    expect_bad("310403-1234", GENOP_EINVAL, "dato");
}

static void test_no_modulus_11(void **state)
{
    (void)state;
    /* Weights 4,3,2,7,6,5,4,3,2,1 give 35 for 0101011234: not divisible by
     * 11, so the old check would reject it; it is a valid number. */
    expect_birth("010101-1234", "1901-01-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_century_rule),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_no_modulus_11),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
