/*
 * test_date.c - unit tests for date.h: leap years and month lengths, ISO
 * "YYYY-MM-DD" parsing (valid dates, every kind of rejection and its
 * message), formatting and the ymd <-> day number round trip over the whole
 * supported range, weekdays, month arithmetic with clamping, ISO 8601 weeks
 * and age on a given day (including birthdays on 29 February).
 *
 * Every expected value was computed independently of genop (Python's
 * datetime module and hand reasoning), never by running genop's own code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"

/* Formats d and compares it with the expected "YYYY-MM-DD" text, so a
 * failure shows both dates. */
/* ---- leap years and month lengths ---------------------------------- */

static void test_leap_years(void **state)
{
    (void)state;
    assert_true(genop_is_leap_year(2024));
    assert_true(genop_is_leap_year(2000));   /* divisible by 400 */
    assert_true(genop_is_leap_year(1904));
    assert_true(genop_is_leap_year(2196));
    assert_false(genop_is_leap_year(2025));
    assert_false(genop_is_leap_year(1900));  /* divisible by 100, not 400 */
    assert_false(genop_is_leap_year(2100));
    assert_false(genop_is_leap_year(2199));
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int expected_2025[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        assert_int_equal(genop_days_in_month(2025, m), expected_2025[m - 1]);
    assert_int_equal(genop_days_in_month(2024, 2), 29);
    assert_int_equal(genop_days_in_month(2000, 2), 29);
    assert_int_equal(genop_days_in_month(1900, 2), 28);
    assert_int_equal(genop_days_in_month(2100, 2), 28);
}

/* ---- day numbers and range ----------------------------------------- */

static void test_day_numbers_and_range(void **state)
{
    (void)state;
    /* Days since 1970-01-01, computed with Python's datetime. */
    assert_int_equal(genop_date_from_ymd_unchecked(1970, 1, 1), 0);
    assert_int_equal(genop_date_from_ymd_unchecked(1969, 12, 31), -1);
    assert_int_equal(genop_date_from_ymd_unchecked(2000, 1, 1), 10957);
    assert_int_equal(genop_date_from_ymd_unchecked(2025, 4, 10), 20188);
    assert_int_equal(genop_date_min(), -25567);  /* 1900-01-01 */
    assert_int_equal(genop_date_max(), 84005);   /* 2199-12-31 */

    assert_true(genop_date_in_range(genop_date_min()));
    assert_true(genop_date_in_range(genop_date_max()));
    assert_true(genop_date_in_range(0));
    assert_false(genop_date_in_range(genop_date_min() - 1));
    assert_false(genop_date_in_range(genop_date_max() + 1));
}

/* ---- parsing --------------------------------------------------------- */

static void test_parse_valid(void **state)
{
    (void)state;
    static const struct { const char *text; genop_date expected; } cases[] = {
        {"1970-01-01", 0},
        {"1969-12-31", -1},
        {"2000-01-01", 10957},
        {"2025-04-10", 20188},
        {"1900-01-01", -25567},
        {"2199-12-31", 84005},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date d = 12345;
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_date_parse(cases[i].text, &d, &e), GENOP_OK);
        assert_int_equal(d, cases[i].expected);
    }

    genop_date d;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_date_parse("2025-12-31", &d, &e), GENOP_OK);
    int y, m, dd;
    genop_date_to_ymd(d, &y, &m, &dd);
    assert_int_equal(y, 2025);
    assert_int_equal(m, 12);
    assert_int_equal(dd, 31);
}

static void test_parse_leap_days(void **state)
{
    (void)state;
    genop_date d;
    genop_error e;

    genop_error_clear(&e);
    assert_int_equal(genop_date_parse("2024-02-29", &d, &e), GENOP_OK);
    assert_int_equal(d, date_of("2024-03-01") - 1);

    genop_error_clear(&e);
    assert_int_equal(genop_date_parse("2000-02-29", &d, &e), GENOP_OK);
    assert_int_equal(d, date_of("2000-03-01") - 1);

    genop_error_clear(&e);
    d = 777;
    assert_int_equal(genop_date_parse("1900-02-29", &d, &e), GENOP_EINVAL);
    assert_int_equal(e.code, GENOP_EINVAL);
    assert_message_contains(e, "28");
    assert_message_contains(e, "1900-02-29");
    assert_int_equal(d, 777);

    genop_error_clear(&e);
    assert_int_equal(genop_date_parse("2100-02-29", &d, &e), GENOP_EINVAL);
    assert_message_contains(e, "28");
}

/* One rejected text: its code, and strings its message must contain. */
struct bad_date {
    const char *text;
    genop_err code;
    const char *needle1;
    const char *needle2;
};

static void test_parse_rejections(void **state)
{
    (void)state;
    static const struct bad_date cases[] = {
        {"2025-02-29", GENOP_EINVAL, "28", "2025-02-29"},
        {"2025-13-01", GENOP_EINVAL, "13", "2025-13-01"},
        {"2025-00-10", GENOP_EINVAL, "00", "2025-00-10"},
        {"2025-04-31", GENOP_EINVAL, "30", "2025-04-31"},
        {"2025-04-00", GENOP_EINVAL, "2025-04-00", NULL},
        {"2025-4-1", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", "2025-4-1"},
        {"1899-12-31", GENOP_ERANGE, "1899", "1900-2199"},
        {"2200-01-01", GENOP_ERANGE, "2200", "1900-2199"},
        {"0000-01-01", GENOP_ERANGE, "1900-2199", NULL},
        {"", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"2025-04-01x", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", "2025-04-01x"},
        {"2025-04-01 ", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {" 2025-04-01", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"2025/04/01", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"20250401", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"+025-04-01", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"2025-04-0", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"2025", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"12025-04-01", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
        {"2025-O4-01", GENOP_EINVAL, "ÅÅÅÅ-MM-DD", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date d = 4242;
        genop_error e;
        genop_error_clear(&e);
        genop_err err = genop_date_parse(cases[i].text, &d, &e);
        if (err != cases[i].code)
            fail_msg("parse(\"%s\") returned %d, expected %d", cases[i].text,
                     (int)err, (int)cases[i].code);
        assert_int_equal(e.code, cases[i].code);
        assert_int_equal(d, 4242);  /* *out untouched on failure */
        assert_true(strlen(e.message) > 0);
        assert_message_contains(e, cases[i].needle1);
        if (cases[i].needle2)
            assert_message_contains(e, cases[i].needle2);
    }
}

static void test_parse_null_and_null_error(void **state)
{
    (void)state;
    genop_date d = 99;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_date_parse(NULL, &d, &e), GENOP_EINVAL);
    assert_int_equal(e.code, GENOP_EINVAL);
    assert_message_contains(e, "ÅÅÅÅ-MM-DD");
    assert_int_equal(d, 99);

    /* A NULL error pointer is allowed; the code is still returned. */
    assert_int_equal(genop_date_parse(NULL, &d, NULL), GENOP_EINVAL);
    assert_int_equal(genop_date_parse("2025-02-29", &d, NULL), GENOP_EINVAL);
    assert_int_equal(genop_date_parse("2200-01-01", &d, NULL), GENOP_ERANGE);
    assert_int_equal(d, 99);
    assert_int_equal(genop_date_parse("2025-02-28", &d, NULL), GENOP_OK);
    assert_int_equal(d, date_of("2025-03-01") - 1);
}

static void test_from_ymd_checked(void **state)
{
    (void)state;
    genop_date d = 5;
    genop_error e;

    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 4, 10, &d, &e), GENOP_OK);
    assert_int_equal(d, 20188);

    d = 5;
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 2, 29, &d, &e), GENOP_EINVAL);
    assert_message_contains(e, "28");
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 13, 1, &d, &e), GENOP_EINVAL);
    assert_message_contains(e, "13");
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 0, 1, &d, &e), GENOP_EINVAL);
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 1, 0, &d, &e), GENOP_EINVAL);
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2025, 1, 32, &d, &e), GENOP_EINVAL);
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(1899, 12, 31, &d, &e), GENOP_ERANGE);
    assert_message_contains(e, "1899");
    genop_error_clear(&e);
    assert_int_equal(genop_date_from_ymd(2200, 1, 1, &d, &e), GENOP_ERANGE);
    assert_message_contains(e, "2200");
    assert_int_equal(d, 5);
}

/* ---- round trip over the whole range -------------------------------- */

/* The test's own leap-year rule, so the walk does not trust date.c. */
static int own_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    /* Walk 1900-01-01..2199-12-31 with an independent y/m/d counter. */
    int y = 1900, m = 1, dd = 1;
    int weekday = 1;              /* 1900-01-01 was a Monday */
    genop_date d = genop_date_min();
    long days = 0;
    for (;;) {
        int gy, gm, gd;
        genop_date_to_ymd(d, &gy, &gm, &gd);
        if (gy != y || gm != m || gd != dd)
            fail_msg("day %ld: to_ymd gave %d-%d-%d, expected %d-%d-%d",
                     (long)d, gy, gm, gd, y, m, dd);
        assert_int_equal(genop_date_from_ymd_unchecked(y, m, dd), d);

        genop_date checked = 0;
        assert_int_equal(genop_date_from_ymd(y, m, dd, &checked, NULL), GENOP_OK);
        assert_int_equal(checked, d);

        char expected[48];
        snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, dd);
        char buf[GENOP_DATE_STR_SIZE];
        assert_ptr_equal(genop_date_format(d, buf), buf);
        assert_string_equal(buf, expected);

        genop_date parsed = 0;
        assert_int_equal(genop_date_parse(buf, &parsed, NULL), GENOP_OK);
        assert_int_equal(parsed, d);

        assert_int_equal(genop_date_weekday(d), weekday);
        assert_true(genop_date_in_range(d));

        days++;
        if (y == 2199 && m == 12 && dd == 31)
            break;
        d++;
        weekday = weekday % 7 + 1;
        if (++dd > own_days_in_month(y, m)) {
            dd = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    assert_int_equal(d, genop_date_max());
    /* 300 years: 300 * 365 + 73 leap days (the 75 multiples of 4 in
     * 1900..2196, less 1900 and 2100). */
    assert_int_equal(days, 300L * 365 + 73);
}

/* ---- weekdays -------------------------------------------------------- */

static void test_weekday_known_dates(void **state)
{
    (void)state;
    assert_int_equal(genop_date_weekday(date_of("2025-04-10")), 4);  /* Thu */
    assert_int_equal(genop_date_weekday(date_of("1900-01-01")), 1);  /* Mon */
    assert_int_equal(genop_date_weekday(date_of("2000-01-01")), 6);  /* Sat */
    assert_int_equal(genop_date_weekday(date_of("1970-01-01")), 4);  /* Thu */
    assert_int_equal(genop_date_weekday(date_of("1969-12-31")), 3);  /* Wed */
    assert_int_equal(genop_date_weekday(date_of("2025-04-13")), 7);  /* Sun */
    assert_int_equal(genop_date_weekday(date_of("2199-12-31")), 2);  /* Tue */
    assert_int_equal(genop_date_weekday(date_of("1945-05-05")), 6);  /* Sat */
}

/* ---- month arithmetic ------------------------------------------------ */

static void test_add_months(void **state)
{
    (void)state;
    static const struct { const char *from; int months; const char *to; } cases[] = {
        {"2025-01-31", 1, "2025-02-28"},   /* clamped, non-leap */
        {"2024-01-31", 1, "2024-02-29"},   /* clamped, leap */
        {"2025-03-31", -1, "2025-02-28"},  /* clamped backwards */
        {"2024-12-15", 2, "2025-02-15"},   /* across the year end */
        {"2024-03-15", 12, "2025-03-15"},  /* a whole year */
        {"2024-02-29", 12, "2025-02-28"},
        {"2024-02-29", 48, "2028-02-29"},
        {"1900-01-31", 1, "1900-02-28"},   /* 1900 is not a leap year */
        {"1900-03-31", -1, "1900-02-28"},
        {"2000-01-31", 1, "2000-02-29"},   /* 2000 is */
        {"2025-01-15", -1, "2024-12-15"},
        {"2025-01-15", -25, "2022-12-15"},
        {"2025-05-31", -1, "2025-04-30"},
        {"2025-08-31", 1, "2025-09-30"},
        {"2023-10-31", 4, "2024-02-29"},
        {"2024-10-31", 4, "2025-02-28"},
        {"2199-12-31", -1, "2199-11-30"},
        {"1900-01-01", 0, "1900-01-01"},
        {"2025-04-10", 0, "2025-04-10"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date got = genop_date_add_months(date_of(cases[i].from), cases[i].months);
        char buf[GENOP_DATE_STR_SIZE];
        genop_date_format(got, buf);
        if (strcmp(buf, cases[i].to) != 0)
            fail_msg("%s %+d months = %s, expected %s", cases[i].from,
                     cases[i].months, buf, cases[i].to);
    }

    /* The result may leave the supported range; that is reported by
     * genop_date_in_range, not hidden. */
    genop_date past_end = genop_date_add_months(date_of("2199-12-15"), 1);
    assert_false(genop_date_in_range(past_end));
    assert_int_equal(past_end, genop_date_max() + 15);  /* 2200-01-15 */
    genop_date before_start = genop_date_add_months(date_of("1900-01-15"), -1);
    assert_false(genop_date_in_range(before_start));
    assert_int_equal(before_start, genop_date_min() - 17);  /* 1899-12-15 */
}

/* ---- ISO weeks ------------------------------------------------------- */

static void test_iso_weeks(void **state)
{
    (void)state;
    /* Verified with Python's date.isocalendar(). */
    static const struct { const char *date; int year; int week; const char *monday; } cases[] = {
        {"2024-12-30", 2025, 1, "2024-12-30"},
        {"2021-01-03", 2020, 53, "2020-12-28"},
        {"2026-01-01", 2026, 1, "2025-12-29"},
        {"2027-01-01", 2026, 53, "2026-12-28"},
        {"2025-04-10", 2025, 15, "2025-04-07"},
        {"2020-12-31", 2020, 53, "2020-12-28"},
        {"2015-12-31", 2015, 53, "2015-12-28"},
        {"2016-01-03", 2015, 53, "2015-12-28"},
        {"2008-12-29", 2009, 1, "2008-12-29"},
        {"2010-01-03", 2009, 53, "2009-12-28"},
        {"2005-01-01", 2004, 53, "2004-12-27"},
        {"2005-01-02", 2004, 53, "2004-12-27"},
        {"2023-01-01", 2022, 52, "2022-12-26"},
        {"2024-01-01", 2024, 1, "2024-01-01"},
        {"1900-01-01", 1900, 1, "1900-01-01"},
        {"2199-12-31", 2200, 1, "2199-12-30"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date d = date_of(cases[i].date);
        int iso_year = 0, week = 0;
        genop_date_iso_week(d, &iso_year, &week);
        if (iso_year != cases[i].year || week != cases[i].week)
            fail_msg("%s: ISO week %d-W%02d, expected %d-W%02d", cases[i].date,
                     iso_year, week, cases[i].year, cases[i].week);
        assert_date_is(genop_date_week_monday(d), cases[i].monday);
    }
}

static void test_iso_week_properties(void **state)
{
    (void)state;
    /* Over the whole range: week 1..53, the Monday is a Monday no more than
     * six days back, and the week number rises by one at each Monday except
     * where a new ISO year starts at week 1. */
    int prev_year = 0, prev_week = 0;
    for (genop_date d = genop_date_min(); d <= genop_date_max(); d++) {
        int iy, w;
        genop_date_iso_week(d, &iy, &w);
        assert_in_range(w, 1, 53);
        genop_date monday = genop_date_week_monday(d);
        assert_int_equal(genop_date_weekday(monday), 1);
        assert_in_range(d - monday, 0, 6);
        if (genop_date_weekday(d) == 1 && d != genop_date_min()) {
            if (w == 1) {
                assert_int_equal(iy, prev_year + 1);
                assert_in_range(prev_week, 52, 53);
            } else {
                assert_int_equal(iy, prev_year);
                assert_int_equal(w, prev_week + 1);
            }
        } else if (d != genop_date_min()) {
            assert_int_equal(iy, prev_year);
            assert_int_equal(w, prev_week);
        }
        prev_year = iy;
        prev_week = w;
    }
}

/* ---- age ------------------------------------------------------------- */

static void test_age_on(void **state)
{
    (void)state;
    genop_date birth = date_of("1990-04-10");
    assert_int_equal(genop_age_on(birth, date_of("2025-04-09")), 34); /* day before */
    assert_int_equal(genop_age_on(birth, date_of("2025-04-10")), 35); /* birthday */
    assert_int_equal(genop_age_on(birth, date_of("2025-04-11")), 35);
    assert_int_equal(genop_age_on(birth, date_of("2025-03-31")), 34);
    assert_int_equal(genop_age_on(birth, date_of("2025-12-31")), 35);
    assert_int_equal(genop_age_on(birth, birth), 0);
    assert_int_equal(genop_age_on(birth, date_of("1991-04-09")), 0);
    assert_int_equal(genop_age_on(birth, date_of("1991-04-10")), 1);

    /* Born on 29 February: the birthday is 1 March in non-leap years. */
    genop_date leapling = date_of("2000-02-29");
    assert_int_equal(genop_age_on(leapling, date_of("2001-02-28")), 0);
    assert_int_equal(genop_age_on(leapling, date_of("2001-03-01")), 1);
    assert_int_equal(genop_age_on(leapling, date_of("2003-02-28")), 2);
    assert_int_equal(genop_age_on(leapling, date_of("2003-03-01")), 3);
    /* ... and 29 February itself in leap years. */
    assert_int_equal(genop_age_on(leapling, date_of("2004-02-28")), 3);
    assert_int_equal(genop_age_on(leapling, date_of("2004-02-29")), 4);
    assert_int_equal(genop_age_on(leapling, date_of("2004-03-01")), 4);
    assert_int_equal(genop_age_on(leapling, date_of("2100-02-28")), 99);
    assert_int_equal(genop_age_on(leapling, date_of("2100-03-01")), 100);

    /* Born on 31 December / 1 January. */
    assert_int_equal(genop_age_on(date_of("1999-12-31"), date_of("2000-01-01")), 0);
    assert_int_equal(genop_age_on(date_of("1999-12-31"), date_of("2017-12-30")), 17);
    assert_int_equal(genop_age_on(date_of("1999-12-31"), date_of("2017-12-31")), 18);
    assert_int_equal(genop_age_on(date_of("1900-01-01"), date_of("2199-12-31")), 299);
}

/* ---- today's date in Denmark ---------------------------------------- */

/* Instants (Unix seconds, computed with Python's calendar.timegm) around
 * midnight in Copenhagen, in winter time (UTC+1), summer time (UTC+2) and
 * across the EU's switch dates (last Sundays of March and October,
 * 01:00 UTC). */
static void test_date_in_denmark(void **state)
{
    (void)state;
    static const struct { int64_t unix; const char *date; } cases[] = {
        {1743291000, "2025-03-30"}, /* 2025-03-29 23:30 UTC = 00:30 CET */
        {1743296399, "2025-03-30"}, /* 00:59:59 UTC, last second of CET */
        {1751407199, "2025-07-01"}, /* 21:59:59 UTC = 23:59:59 CEST */
        {1751407200, "2025-07-02"}, /* 22:00 UTC = midnight CEST */
        {1767221999, "2025-12-31"}, /* 22:59:59 UTC = 23:59:59 CET */
        {1767222000, "2026-01-01"}, /* 23:00 UTC = New Year in Denmark */
        {1761429599, "2025-10-25"}, /* still summer time */
        {1761429600, "2025-10-26"},
        {1709161200, "2024-02-29"}, /* 2024-02-28 23:00 UTC: the leap day */
        {0, "1970-01-01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_date_is(genop_date_in_denmark(cases[i].unix), cases[i].date);
}

/* The time of day in Denmark: the hour the summer time starts, and one
 * winter and one summer afternoon. */
static void test_time_in_denmark(void **state)
{
    (void)state;
    static const struct { int64_t unix; const char *date; int minute; } cases[] = {
        {1743296399, "2025-03-30", 1 * 60 + 59}, /* 00:59:59 UTC = 01:59 CET */
        {1743296400, "2025-03-30", 3 * 60},      /* 01:00 UTC = 03:00 CEST */
        {1796558100, "2026-12-06", 12 * 60 + 55},/* 11:55 UTC = 12:55 CET */
        {1751371200, "2025-07-01", 14 * 60},     /* 12:00 UTC = 14:00 CEST */
        {1751407200, "2025-07-02", 0},           /* midnight CEST */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int minute = -1;
        assert_date_is(genop_time_in_denmark(cases[i].unix, &minute), cases[i].date);
        assert_int_equal(minute, cases[i].minute);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_day_numbers_and_range),
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_leap_days),
        cmocka_unit_test(test_parse_rejections),
        cmocka_unit_test(test_parse_null_and_null_error),
        cmocka_unit_test(test_from_ymd_checked),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_weekday_known_dates),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test(test_iso_week_properties),
        cmocka_unit_test(test_age_on),
        cmocka_unit_test(test_date_in_denmark),
        cmocka_unit_test(test_time_in_denmark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
