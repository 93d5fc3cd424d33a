/*
 * test_calendar.c - unit tests for calendar.h: Easter Sunday for every year
 * 1900-2199, the holiday lists genop_calendar_holidays returns (2023 with
 * Store bededag, 2024 and 2025 without), custom and empty lists of extra
 * days off and their validation, is_workday, add_workdays (forwards,
 * backwards, across weekends, Easter, Christmas and range ends),
 * workdays_between (its half-open interval, whole years, its identity with
 * add_workdays) and next_workday_on_or_after.
 *
 * Every expected value was computed independently of genop: Easter with two
 * other computus algorithms (Knuth's and Gauss's, which agree for all 300
 * years) and the workday counts with a separate brute-force Python model of
 * the Danish holidays. genop's own code was never used to derive them.
 *
 * The default calendar is built once in the group setup and reaches each
 * test through the cmocka state.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "error.h"

static int group_setup(void **state)
{
    genop_calendar *cal = NULL;
    genop_error e;
    genop_error_clear(&e);
    if (genop_calendar_new_default(&cal, &e) != GENOP_OK) {
        fprintf(stderr, "default calendar: %s\n", e.message);
        return -1;
    }
    *state = cal;
    return 0;
}

static int group_teardown(void **state)
{
    genop_calendar_free(*state);
    *state = NULL;
    return 0;
}

/* Date plus n workdays, asserted to succeed. */
static genop_date add_ok(const genop_calendar *cal, const char *from, long n)
{
    genop_date out = 0;
    genop_error e;
    genop_error_clear(&e);
    if (genop_calendar_add_workdays(cal, date_of(from), n, &out, &e) != GENOP_OK)
        fail_msg("%s %+ld workdays failed: %s", from, n, e.message);
    return out;
}

static long between_ok(const genop_calendar *cal, genop_date from, genop_date to)
{
    long n = -1;
    genop_error e;
    genop_error_clear(&e);
    if (genop_calendar_workdays_between(cal, from, to, &n, &e) != GENOP_OK)
        fail_msg("workdays_between failed: %s", e.message);
    return n;
}

/* ---- Easter ----------------------------------------------------------- */

/* Easter Sunday of 1900 + i as month * 100 + day. */
static const int easter_mmdd[300] = {
    /* 1900 */ 415, 407, 330, 412, 403, 423, 415, 331, 419, 411,
    /* 1910 */ 327, 416, 407, 323, 412, 404, 423, 408, 331, 420,
    /* 1920 */ 404, 327, 416, 401, 420, 412, 404, 417, 408, 331,
    /* 1930 */ 420, 405, 327, 416, 401, 421, 412, 328, 417, 409,
    /* 1940 */ 324, 413, 405, 425, 409, 401, 421, 406, 328, 417,
    /* 1950 */ 409, 325, 413, 405, 418, 410, 401, 421, 406, 329,
    /* 1960 */ 417, 402, 422, 414, 329, 418, 410, 326, 414, 406,
    /* 1970 */ 329, 411, 402, 422, 414, 330, 418, 410, 326, 415,
    /* 1980 */ 406, 419, 411, 403, 422, 407, 330, 419, 403, 326,
    /* 1990 */ 415, 331, 419, 411, 403, 416, 407, 330, 412, 404,
    /* 2000 */ 423, 415, 331, 420, 411, 327, 416, 408, 323, 412,
    /* 2010 */ 404, 424, 408, 331, 420, 405, 327, 416, 401, 421,
    /* 2020 */ 412, 404, 417, 409, 331, 420, 405, 328, 416, 401,
    /* 2030 */ 421, 413, 328, 417, 409, 325, 413, 405, 425, 410,
    /* 2040 */ 401, 421, 406, 329, 417, 409, 325, 414, 405, 418,
    /* 2050 */ 410, 402, 421, 406, 329, 418, 402, 422, 414, 330,
    /* 2060 */ 418, 410, 326, 415, 406, 329, 411, 403, 422, 414,
    /* 2070 */ 330, 419, 410, 326, 415, 407, 419, 411, 403, 423,
    /* 2080 */ 407, 330, 419, 404, 326, 415, 331, 420, 411, 403,
    /* 2090 */ 416, 408, 330, 412, 404, 424, 415, 331, 420, 412,
    /* 2100 */ 328, 417, 409, 325, 413, 405, 418, 410, 401, 421,
    /* 2110 */ 406, 329, 417, 402, 422, 414, 329, 418, 410, 326,
    /* 2120 */ 414, 406, 329, 411, 402, 422, 414, 330, 418, 410,
    /* 2130 */ 326, 415, 406, 419, 411, 403, 422, 407, 330, 419,
    /* 2140 */ 403, 326, 415, 331, 419, 411, 403, 416, 407, 330,
    /* 2150 */ 412, 404, 423, 415, 331, 420, 411, 327, 416, 408,
    /* 2160 */ 323, 412, 404, 424, 408, 331, 420, 405, 327, 416,
    /* 2170 */ 401, 421, 412, 404, 417, 409, 331, 420, 405, 328,
    /* 2180 */ 416, 401, 421, 413, 328, 417, 409, 325, 413, 405,
    /* 2190 */ 425, 410, 401, 421, 406, 329, 417, 409, 325, 414,
};

static void test_easter_every_year(void **state)
{
    (void)state;
    for (int y = GENOP_YEAR_MIN; y <= GENOP_YEAR_MAX; y++) {
        int mmdd = easter_mmdd[y - GENOP_YEAR_MIN];
        genop_date got = genop_easter_sunday(y);
        genop_date expected = genop_date_from_ymd_unchecked(y, mmdd / 100, mmdd % 100);
        if (got != expected) {
            char g[GENOP_DATE_STR_SIZE], x[GENOP_DATE_STR_SIZE];
            fail_msg("Easter %d: %s, expected %s", y, genop_date_format(got, g),
                     genop_date_format(expected, x));
        }
        assert_int_equal(genop_date_weekday(got), 7);
    }
}

static void test_easter_known_dates(void **state)
{
    (void)state;
    static const char *const known[] = {
        "1900-04-15", "1913-03-23", "1943-04-25", "2000-04-23", "2008-03-23",
        "2011-04-24", "2019-04-21", "2023-04-09", "2024-03-31", "2025-04-20",
        "2026-04-05", "2038-04-25", "2100-03-28", "2160-03-23", "2190-04-25",
        "2199-04-14",
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        genop_date d = date_of(known[i]);
        int y, m, dd;
        genop_date_to_ymd(d, &y, &m, &dd);
        assert_date_is(genop_easter_sunday(y), known[i]);
    }
}

/* ---- holiday lists ----------------------------------------------------- */

struct expected_holiday {
    const char *date;
    genop_holiday_kind kind;
    const char *name;
};

#define PUB GENOP_HOLIDAY_PUBLIC
#define OFF GENOP_HOLIDAY_DAY_OFF

static void check_holidays(const genop_calendar *cal, int year,
                           const struct expected_holiday *exp, size_t n_exp)
{
    genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_holidays(cal, year, out, &n, &e), GENOP_OK);
    assert_int_equal(n, n_exp);
    for (size_t i = 0; i < n; i++) {
        char buf[GENOP_DATE_STR_SIZE];
        genop_date_format(out[i].date, buf);
        if (strcmp(buf, exp[i].date) != 0 || strcmp(out[i].name, exp[i].name) != 0 ||
            out[i].kind != exp[i].kind)
            fail_msg("%d holiday #%zu: %s %s (%d), expected %s %s (%d)", year, i,
                     buf, out[i].name, (int)out[i].kind, exp[i].date,
                     exp[i].name, (int)exp[i].kind);
    }
}

static void test_holidays_2023(void **state)
{
    static const struct expected_holiday exp[] = {
        {"2023-01-01", PUB, "Nytårsdag"},
        {"2023-04-06", PUB, "Skærtorsdag"},
        {"2023-04-07", PUB, "Langfredag"},
        {"2023-04-09", PUB, "Påskedag"},
        {"2023-04-10", PUB, "2. påskedag"},
        {"2023-05-05", PUB, "Store bededag"},
        {"2023-05-18", PUB, "Kristi himmelfartsdag"},
        {"2023-05-28", PUB, "Pinsedag"},
        {"2023-05-29", PUB, "2. pinsedag"},
        {"2023-06-05", OFF, "Grundlovsdag"},
        {"2023-12-24", OFF, "Juleaftensdag"},
        {"2023-12-25", PUB, "Juledag"},
        {"2023-12-26", PUB, "2. juledag"},
        {"2023-12-31", OFF, "Nytårsaftensdag"},
    };
    check_holidays(*state, 2023, exp, sizeof exp / sizeof exp[0]);
}

static void test_holidays_2024(void **state)
{
    /* Store bededag was abolished from 2024. */
    static const struct expected_holiday exp[] = {
        {"2024-01-01", PUB, "Nytårsdag"},
        {"2024-03-28", PUB, "Skærtorsdag"},
        {"2024-03-29", PUB, "Langfredag"},
        {"2024-03-31", PUB, "Påskedag"},
        {"2024-04-01", PUB, "2. påskedag"},
        {"2024-05-09", PUB, "Kristi himmelfartsdag"},
        {"2024-05-19", PUB, "Pinsedag"},
        {"2024-05-20", PUB, "2. pinsedag"},
        {"2024-06-05", OFF, "Grundlovsdag"},
        {"2024-12-24", OFF, "Juleaftensdag"},
        {"2024-12-25", PUB, "Juledag"},
        {"2024-12-26", PUB, "2. juledag"},
        {"2024-12-31", OFF, "Nytårsaftensdag"},
    };
    check_holidays(*state, 2024, exp, sizeof exp / sizeof exp[0]);
}

static void test_holidays_2025(void **state)
{
    /* Grundlovsdag falls between Kristi himmelfartsdag and Pinsedag. */
    static const struct expected_holiday exp[] = {
        {"2025-01-01", PUB, "Nytårsdag"},
        {"2025-04-17", PUB, "Skærtorsdag"},
        {"2025-04-18", PUB, "Langfredag"},
        {"2025-04-20", PUB, "Påskedag"},
        {"2025-04-21", PUB, "2. påskedag"},
        {"2025-05-29", PUB, "Kristi himmelfartsdag"},
        {"2025-06-05", OFF, "Grundlovsdag"},
        {"2025-06-08", PUB, "Pinsedag"},
        {"2025-06-09", PUB, "2. pinsedag"},
        {"2025-12-24", OFF, "Juleaftensdag"},
        {"2025-12-25", PUB, "Juledag"},
        {"2025-12-26", PUB, "2. juledag"},
        {"2025-12-31", OFF, "Nytårsaftensdag"},
    };
    check_holidays(*state, 2025, exp, sizeof exp / sizeof exp[0]);
}

static void test_holidays_same_date_public_first(void **state)
{
    /* In 2017 2. pinsedag and Grundlovsdag are both 5 June; in 2022
     * Pinsedag is. The public holiday comes first and both are listed. */
    static const struct expected_holiday exp2017[] = {
        {"2017-01-01", PUB, "Nytårsdag"},
        {"2017-04-13", PUB, "Skærtorsdag"},
        {"2017-04-14", PUB, "Langfredag"},
        {"2017-04-16", PUB, "Påskedag"},
        {"2017-04-17", PUB, "2. påskedag"},
        {"2017-05-12", PUB, "Store bededag"},
        {"2017-05-25", PUB, "Kristi himmelfartsdag"},
        {"2017-06-04", PUB, "Pinsedag"},
        {"2017-06-05", PUB, "2. pinsedag"},
        {"2017-06-05", OFF, "Grundlovsdag"},
        {"2017-12-24", OFF, "Juleaftensdag"},
        {"2017-12-25", PUB, "Juledag"},
        {"2017-12-26", PUB, "2. juledag"},
        {"2017-12-31", OFF, "Nytårsaftensdag"},
    };
    check_holidays(*state, 2017, exp2017, sizeof exp2017 / sizeof exp2017[0]);

    genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    assert_int_equal(genop_calendar_holidays(*state, 2022, out, &n, NULL), GENOP_OK);
    assert_int_equal(n, 14);
    assert_date_is(out[7].date, "2022-06-05");
    assert_string_equal(out[7].name, "Pinsedag");
    assert_int_equal(out[7].kind, GENOP_HOLIDAY_PUBLIC);
    assert_date_is(out[8].date, "2022-06-05");
    assert_string_equal(out[8].name, "Grundlovsdag");
    assert_int_equal(out[8].kind, GENOP_HOLIDAY_DAY_OFF);
}

static void test_holidays_every_year_shape(void **state)
{
    /* Every year: 14 entries through 2023, 13 from 2024; sorted; all inside
     * the year; Store bededag present exactly up to 2023. */
    for (int y = GENOP_YEAR_MIN; y <= GENOP_YEAR_MAX; y++) {
        genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
        size_t n = 0;
        assert_int_equal(genop_calendar_holidays(*state, y, out, &n, NULL), GENOP_OK);
        assert_int_equal(n, y <= 2023 ? 14 : 13);
        bool bededag = false;
        for (size_t i = 0; i < n; i++) {
            int yy, mm, dd;
            genop_date_to_ymd(out[i].date, &yy, &mm, &dd);
            assert_int_equal(yy, y);
            if (i > 0) {
                assert_true(out[i - 1].date <= out[i].date);
                if (out[i - 1].date == out[i].date)
                    assert_true(out[i - 1].kind == GENOP_HOLIDAY_PUBLIC &&
                                out[i].kind == GENOP_HOLIDAY_DAY_OFF);
            }
            if (strcmp(out[i].name, "Store bededag") == 0) {
                bededag = true;
                /* The fourth Friday after Easter. */
                assert_int_equal(out[i].date, genop_easter_sunday(y) + 26);
                assert_int_equal(genop_date_weekday(out[i].date), 5);
            }
        }
        assert_int_equal(bededag, y <= 2023);
    }
}

static void test_holidays_out_of_range(void **state)
{
    genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 777;
    genop_error e;

    genop_error_clear(&e);
    assert_int_equal(genop_calendar_holidays(*state, 1899, out, &n, &e), GENOP_ERANGE);
    assert_int_equal(e.code, GENOP_ERANGE);
    assert_message_contains(e, "1899");
    assert_int_equal(n, 777);

    genop_error_clear(&e);
    assert_int_equal(genop_calendar_holidays(*state, 2200, out, &n, &e), GENOP_ERANGE);
    assert_message_contains(e, "2200");
    assert_int_equal(n, 777);

    assert_int_equal(genop_calendar_holidays(*state, 1900, out, &n, &e), GENOP_OK);
    assert_int_equal(n, 14);
    assert_int_equal(genop_calendar_holidays(*state, 2199, out, &n, &e), GENOP_OK);
    assert_int_equal(n, 13);
}

/* ---- days off: default, none, custom, invalid ------------------------- */

static void test_default_days_off(void **state)
{
    (void)state;
    size_t n = 0;
    const genop_day_off *d = genop_default_days_off(&n);
    assert_non_null(d);
    assert_int_equal(n, 3);
    assert_int_equal(d[0].month, 6);
    assert_int_equal(d[0].day, 5);
    assert_string_equal(d[0].name, "Grundlovsdag");
    assert_int_equal(d[1].month, 12);
    assert_int_equal(d[1].day, 24);
    assert_string_equal(d[1].name, "Juleaftensdag");
    assert_int_equal(d[2].month, 12);
    assert_int_equal(d[2].day, 31);
    assert_string_equal(d[2].name, "Nytårsaftensdag");
}

static void test_calendar_without_days_off(void **state)
{
    const genop_calendar *def = *state;
    genop_calendar *cal = NULL;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_new(NULL, 0, &cal, &e), GENOP_OK);
    assert_non_null(cal);

    /* Grundlovsdag 2025 is a Thursday: a workday without the extra list. */
    assert_true(genop_calendar_is_workday(cal, date_of("2025-06-05")));
    assert_false(genop_calendar_is_workday(def, date_of("2025-06-05")));
    assert_true(genop_calendar_is_workday(cal, date_of("2025-12-24")));
    assert_true(genop_calendar_is_workday(cal, date_of("2025-12-31")));
    /* Public holidays stay. */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-12-25")));
    assert_false(genop_calendar_is_workday(cal, date_of("2025-04-18")));

    genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    assert_int_equal(genop_calendar_holidays(cal, 2025, out, &n, &e), GENOP_OK);
    assert_int_equal(n, 10);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i].kind, GENOP_HOLIDAY_PUBLIC);

    /* 2025: 253 workdays without the three days off, 250 with them. */
    assert_int_equal(between_ok(cal, date_of("2024-12-31"), date_of("2025-12-31")), 253);
    assert_int_equal(between_ok(def, date_of("2024-12-31"), date_of("2025-12-31")), 250);

    genop_date out_d = 0;
    assert_int_equal(genop_calendar_add_workdays(cal, date_of("2025-06-04"), 1, &out_d, &e),
                     GENOP_OK);
    assert_date_is(out_d, "2025-06-05");
    genop_calendar_free(cal);
}

static void test_calendar_custom_days_off(void **state)
{
    const genop_calendar *def = *state;
    char name[32];
    snprintf(name, sizeof name, "%s", "Arbejdernes kampdag");
    const genop_day_off days[] = {
        {5, 1, 0, 0, name},
        {12, 24, 0, 0, "Juleaftensdag"},
        {10, 1, 2025, 2026, "Kommunal fridag"},
        {2, 29, 0, 0, "Skuddag"},
    };
    genop_calendar *cal = NULL;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_new(days, sizeof days / sizeof days[0], &cal, &e),
                     GENOP_OK);
    /* The names are copied: changing the caller's buffer changes nothing. */
    snprintf(name, sizeof name, "%s", "XXXX");

    /* The custom list replaces the default one. */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-05-01")));  /* Thu */
    assert_true(genop_calendar_is_workday(def, date_of("2025-05-01")));
    assert_true(genop_calendar_is_workday(cal, date_of("2025-06-05")));   /* Thu */
    assert_true(genop_calendar_is_workday(cal, date_of("2025-12-31")));   /* Wed */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-12-24")));  /* Wed */

    /* first_year / last_year bound a day off. */
    assert_true(genop_calendar_is_workday(cal, date_of("2024-10-01")));   /* Tue */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-10-01")));  /* Wed */
    assert_false(genop_calendar_is_workday(cal, date_of("2026-10-01")));  /* Thu */
    assert_true(genop_calendar_is_workday(cal, date_of("2027-10-01")));   /* Fri */

    /* 29 February only in leap years. */
    assert_false(genop_calendar_is_workday(cal, date_of("2024-02-29")));  /* Thu */
    assert_false(genop_calendar_is_workday(cal, date_of("2028-02-29")));  /* Tue */
    assert_true(genop_calendar_is_workday(cal, date_of("2025-02-28")));   /* Fri */
    assert_true(genop_calendar_is_workday(cal, date_of("2025-03-03")));   /* Mon */

    static const struct expected_holiday exp2025[] = {
        {"2025-01-01", PUB, "Nytårsdag"},
        {"2025-04-17", PUB, "Skærtorsdag"},
        {"2025-04-18", PUB, "Langfredag"},
        {"2025-04-20", PUB, "Påskedag"},
        {"2025-04-21", PUB, "2. påskedag"},
        {"2025-05-01", OFF, "Arbejdernes kampdag"},
        {"2025-05-29", PUB, "Kristi himmelfartsdag"},
        {"2025-06-08", PUB, "Pinsedag"},
        {"2025-06-09", PUB, "2. pinsedag"},
        {"2025-10-01", OFF, "Kommunal fridag"},
        {"2025-12-24", OFF, "Juleaftensdag"},
        {"2025-12-25", PUB, "Juledag"},
        {"2025-12-26", PUB, "2. juledag"},
    };
    check_holidays(cal, 2025, exp2025, sizeof exp2025 / sizeof exp2025[0]);

    genop_holiday out[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    assert_int_equal(genop_calendar_holidays(cal, 2024, out, &n, &e), GENOP_OK);
    /* 10 public holidays (no Store bededag), 1 May, 24 Dec, 29 Feb. */
    assert_int_equal(n, 13);
    assert_date_is(out[1].date, "2024-02-29");
    assert_string_equal(out[1].name, "Skuddag");
    assert_int_equal(out[1].kind, GENOP_HOLIDAY_DAY_OFF);

    genop_calendar_free(cal);
}

static void expect_rejected(const genop_day_off *days, size_t n, genop_err code,
                            const char *needle, const char *needle2)
{
    genop_calendar *cal = NULL;
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_calendar_new(days, n, &cal, &e);
    if (err != code)
        fail_msg("calendar_new returned %d, expected %d (%s)", (int)err,
                 (int)code, e.message);
    assert_int_equal(e.code, code);
    assert_null(cal);
    assert_message_contains(e, needle);
    if (needle2)
        assert_message_contains(e, needle2);
}

static void test_invalid_days_off(void **state)
{
    (void)state;
    const genop_day_off month13[] = {{13, 1, 0, 0, "Tretten"}};
    expect_rejected(month13, 1, GENOP_EINVAL, "13-01", NULL);
    const genop_day_off month0[] = {{0, 1, 0, 0, "Nul"}};
    expect_rejected(month0, 1, GENOP_EINVAL, "00-01", NULL);
    const genop_day_off feb30[] = {{2, 30, 0, 0, "Tredivte februar"}};
    expect_rejected(feb30, 1, GENOP_EINVAL, "02-30", NULL);
    const genop_day_off apr31[] = {{4, 31, 0, 0, "April"}};
    expect_rejected(apr31, 1, GENOP_EINVAL, "04-31", NULL);
    const genop_day_off day0[] = {{1, 0, 0, 0, "Nul"}};
    expect_rejected(day0, 1, GENOP_EINVAL, "01-00", NULL);
    const genop_day_off empty_name[] = {{5, 1, 0, 0, ""}};
    expect_rejected(empty_name, 1, GENOP_EINVAL, "navn", NULL);
    const genop_day_off null_name[] = {{5, 1, 0, 0, NULL}};
    expect_rejected(null_name, 1, GENOP_EINVAL, "navn", NULL);

    /* The message numbers the bad entry (1-based); the valid entries before
     * it, already copied, are freed (ASan checks that). */
    const genop_day_off third_bad[] = {
        {5, 1, 0, 0, "Første maj"},
        {6, 5, 0, 0, "Grundlovsdag"},
        {2, 30, 0, 0, "Forkert"},
    };
    expect_rejected(third_bad, 3, GENOP_EINVAL, "nr. 3", "02-30");
    const genop_day_off second_unnamed[] = {
        {5, 1, 0, 0, "Første maj"},
        {6, 5, 0, 0, ""},
    };
    expect_rejected(second_unnamed, 2, GENOP_EINVAL, "nr. 2", "navn");

    /* More than GENOP_DAYS_OFF_MAX entries. */
    genop_day_off many[GENOP_DAYS_OFF_MAX + 1];
    for (size_t i = 0; i < GENOP_DAYS_OFF_MAX + 1; i++)
        many[i] = (genop_day_off){1, (int)i % 28 + 1, 0, 0, "Fridag"};
    expect_rejected(many, GENOP_DAYS_OFF_MAX + 1, GENOP_ETOOBIG, "33", NULL);

    /* Exactly GENOP_DAYS_OFF_MAX is fine, and 29 February is valid. */
    genop_calendar *cal = NULL;
    assert_int_equal(genop_calendar_new(many, GENOP_DAYS_OFF_MAX, &cal, NULL), GENOP_OK);
    genop_calendar_free(cal);
    const genop_day_off leap[] = {{2, 29, 0, 0, "Skuddag"}};
    cal = NULL;
    assert_int_equal(genop_calendar_new(leap, 1, &cal, NULL), GENOP_OK);
    genop_calendar_free(cal);
    genop_calendar_free(NULL);  /* allowed */
}

/* ---- is_workday ------------------------------------------------------- */

/* Workdays per year 1900 + i in the default calendar. */
static const int workdays_per_year[300] = {
    /* 1900 */ 249, 249, 249, 250, 253, 251, 249, 249, 251, 252,
    /* 1910 */ 253, 252, 250, 249, 250, 252, 251, 249, 249, 249,
    /* 1920 */ 253, 253, 252, 249, 250, 250, 252, 253, 250, 249,
    /* 1930 */ 249, 250, 253, 252, 249, 249, 251, 252, 253, 251,
    /* 1940 */ 250, 249, 250, 252, 251, 249, 249, 249, 253, 253,
    /* 1950 */ 251, 249, 250, 250, 252, 253, 250, 249, 249, 250,
    /* 1960 */ 253, 251, 249, 249, 251, 252, 253, 251, 250, 249,
    /* 1970 */ 250, 252, 251, 249, 249, 249, 253, 253, 251, 249,
    /* 1980 */ 250, 250, 252, 253, 250, 249, 249, 250, 253, 251,
    /* 1990 */ 249, 249, 251, 252, 253, 252, 250, 249, 250, 252,
    /* 2000 */ 251, 249, 249, 249, 253, 253, 252, 249, 250, 250,
    /* 2010 */ 252, 253, 250, 249, 249, 250, 253, 252, 249, 249,
    /* 2020 */ 251, 252, 253, 251, 251, 250, 251, 253, 253, 250,
    /* 2030 */ 250, 250, 254, 254, 252, 250, 251, 251, 253, 254,
    /* 2040 */ 251, 250, 250, 251, 254, 252, 250, 250, 252, 253,
    /* 2050 */ 254, 252, 251, 250, 251, 253, 252, 250, 250, 250,
    /* 2060 */ 254, 254, 252, 250, 251, 251, 253, 254, 251, 250,
    /* 2070 */ 250, 251, 254, 252, 250, 250, 252, 253, 254, 252,
    /* 2080 */ 251, 250, 251, 253, 252, 250, 250, 250, 254, 254,
    /* 2090 */ 253, 250, 251, 251, 253, 254, 251, 250, 250, 251,
    /* 2100 */ 253, 254, 252, 250, 251, 251, 253, 254, 251, 250,
    /* 2110 */ 250, 251, 254, 252, 250, 250, 252, 253, 254, 252,
    /* 2120 */ 251, 250, 251, 253, 252, 250, 250, 250, 254, 254,
    /* 2130 */ 252, 250, 251, 251, 253, 254, 251, 250, 250, 251,
    /* 2140 */ 254, 252, 250, 250, 252, 253, 254, 253, 251, 250,
    /* 2150 */ 251, 253, 252, 250, 250, 250, 254, 254, 253, 250,
    /* 2160 */ 251, 251, 253, 254, 251, 250, 250, 251, 254, 253,
    /* 2170 */ 250, 250, 252, 253, 254, 252, 251, 250, 251, 253,
    /* 2180 */ 253, 250, 250, 250, 254, 254, 252, 250, 251, 251,
    /* 2190 */ 253, 254, 251, 250, 250, 251, 254, 252, 250, 250,
};

static void test_is_workday(void **state)
{
    const genop_calendar *cal = *state;
    assert_true(genop_calendar_is_workday(cal, date_of("2025-04-10")));   /* Thu */
    assert_true(genop_calendar_is_workday(cal, date_of("2025-04-14")));   /* Mon */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-04-12")));  /* Sat */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-04-13")));  /* Sun */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-04-17")));  /* Skærtorsdag */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-05-29")));  /* Kr. himmelfart */
    assert_false(genop_calendar_is_workday(cal, date_of("2025-06-05")));  /* Grundlovsdag */
    assert_false(genop_calendar_is_workday(cal, date_of("2023-05-05")));  /* Store bededag */
    assert_true(genop_calendar_is_workday(cal, date_of("2024-04-26")));   /* 4th Fri after Easter */
    assert_false(genop_calendar_is_workday(cal, date_of("1900-01-01")));  /* Nytårsdag, Mon */
    assert_true(genop_calendar_is_workday(cal, date_of("1900-01-02")));
    assert_true(genop_calendar_is_workday(cal, date_of("2199-12-30")));
    assert_false(genop_calendar_is_workday(cal, date_of("2199-12-31")));  /* Nytårsaftensdag */
}

static void test_workdays_every_year(void **state)
{
    /* The whole table against the independent model: per-year counts by
     * is_workday and by workdays_between, and no weekend day is a workday. */
    const genop_calendar *cal = *state;
    long total = 0;
    for (int y = GENOP_YEAR_MIN; y <= GENOP_YEAR_MAX; y++) {
        genop_date first = genop_date_from_ymd_unchecked(y, 1, 1);
        genop_date last = genop_date_from_ymd_unchecked(y, 12, 31);
        int count = 0;
        for (genop_date d = first; d <= last; d++) {
            bool w = genop_calendar_is_workday(cal, d);
            if (genop_date_weekday(d) >= 6)
                assert_false(w);
            count += w;
        }
        if (count != workdays_per_year[y - GENOP_YEAR_MIN])
            fail_msg("%d has %d workdays, expected %d", y, count,
                     workdays_per_year[y - GENOP_YEAR_MIN]);
        /* 1 January is never a workday, so (first, last] counts them all. */
        assert_int_equal(between_ok(cal, first, last), count);
        total += count;
    }
    assert_int_equal(total, 75365);
    assert_int_equal(between_ok(cal, genop_date_min(), genop_date_max()), 75365);
}

/* ---- add_workdays ------------------------------------------------------ */

static void test_add_workdays_examples(void **state)
{
    const genop_calendar *cal = *state;
    static const struct { const char *from; long n; const char *to; } cases[] = {
        /* n == 0 is the date itself, even on a Sunday or a holiday. */
        {"2025-04-13", 0, "2025-04-13"},
        {"2025-12-25", 0, "2025-12-25"},
        {"2025-04-10", 0, "2025-04-10"},
        /* Across a weekend. */
        {"2025-01-03", 1, "2025-01-06"},
        {"2025-01-03", 5, "2025-01-10"},
        {"2025-04-12", 1, "2025-04-14"},   /* from a Saturday */
        {"2025-04-13", 1, "2025-04-14"},   /* from a Sunday */
        /* Across Easter 2025 (Thu 17 - Mon 21 April closed). */
        {"2025-04-16", 1, "2025-04-22"},
        {"2025-04-16", 2, "2025-04-23"},
        {"2025-03-14", 20, "2025-04-11"},
        /* From a holiday itself. */
        {"2025-04-18", 1, "2025-04-22"},   /* Langfredag */
        {"2025-01-01", 1, "2025-01-02"},   /* Nytårsdag */
        {"2025-12-24", 1, "2025-12-29"},   /* Juleaftensdag */
        {"2023-05-05", 1, "2023-05-08"},   /* Store bededag */
        /* Grundlovsdag 2025. */
        {"2025-06-04", 1, "2025-06-06"},
        /* Christmas and New Year: 24-26 Dec, 31 Dec and 1 Jan are closed,
         * 29 and 30 December are ordinary workdays. */
        {"2025-12-23", 1, "2025-12-29"},
        {"2025-12-23", 2, "2025-12-30"},
        {"2025-12-23", 3, "2026-01-02"},
        {"2025-12-30", 1, "2026-01-02"},
        /* Store bededag 2023 (Fri 5 May) versus 2024, where the fourth
         * Friday after Easter (26 April) is a workday. */
        {"2023-05-04", 1, "2023-05-08"},
        {"2024-04-25", 1, "2024-04-26"},
        {"2024-05-02", 1, "2024-05-03"},
        /* Kristi himmelfartsdag 2024 (Thu 9 May). */
        {"2024-05-08", 1, "2024-05-10"},
        /* Backwards. */
        {"2025-01-06", -1, "2025-01-03"},
        {"2025-04-22", -1, "2025-04-16"},
        {"2025-04-18", -1, "2025-04-16"},  /* from a holiday */
        {"2025-04-13", -1, "2025-04-11"},  /* from a Sunday */
        {"2025-03-14", -20, "2025-02-14"},
        {"2026-01-02", -1, "2025-12-30"},
        {"2026-01-02", -2, "2025-12-29"},
        {"2026-01-02", -3, "2025-12-23"},
        {"2025-01-01", -1, "2024-12-30"},
        {"2025-12-24", -1, "2025-12-23"},
        {"2023-05-08", -1, "2023-05-04"},
        {"2024-05-10", -1, "2024-05-08"},
        /* Near the ends of the span. */
        {"1900-01-01", 1, "1900-01-02"},
        {"2199-12-31", -1, "2199-12-30"},
        {"2199-12-29", 1, "2199-12-30"},
        {"1900-01-01", 75365, "2199-12-30"},
        {"2199-12-31", -75365, "1900-01-02"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date got = add_ok(cal, cases[i].from, cases[i].n);
        char buf[GENOP_DATE_STR_SIZE];
        genop_date_format(got, buf);
        if (strcmp(buf, cases[i].to) != 0)
            fail_msg("%s %+ld workdays = %s, expected %s", cases[i].from,
                     cases[i].n, buf, cases[i].to);
    }
}

static void expect_add_range_error(const genop_calendar *cal, genop_date from, long n)
{
    genop_date out = 4242;
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_calendar_add_workdays(cal, from, n, &out, &e);
    if (err != GENOP_ERANGE) {
        char buf[GENOP_DATE_STR_SIZE];
        fail_msg("%s %+ld workdays returned %d, expected GENOP_ERANGE",
                 genop_date_format(from, buf), n, (int)err);
    }
    assert_int_equal(e.code, GENOP_ERANGE);
    assert_message_contains(e, "1900-2199");
    assert_int_equal(out, 4242);
}

static void test_add_workdays_range_errors(void **state)
{
    const genop_calendar *cal = *state;
    /* 2199-12-30 is the last workday of the span, 1900-01-02 the first. */
    expect_add_range_error(cal, date_of("2199-12-30"), 1);
    expect_add_range_error(cal, date_of("2199-12-31"), 1);
    expect_add_range_error(cal, date_of("2199-12-01"), 30);
    expect_add_range_error(cal, date_of("1900-01-02"), -1);
    expect_add_range_error(cal, date_of("1900-01-01"), -1);
    expect_add_range_error(cal, date_of("1900-01-01"), 75366);
    expect_add_range_error(cal, date_of("2199-12-31"), -75366);
    expect_add_range_error(cal, date_of("2025-04-10"), 1000000);
    expect_add_range_error(cal, date_of("2025-04-10"), -1000000);
    expect_add_range_error(cal, date_of("2025-04-10"), LONG_MIN);
    /* A start outside the span is an error even for n == 0. */
    expect_add_range_error(cal, genop_date_min() - 1, 0);
    expect_add_range_error(cal, genop_date_max() + 1, 0);
    expect_add_range_error(cal, genop_date_min() - 1, 1);
    expect_add_range_error(cal, genop_date_max() + 1, -1);
}

/* Reference: step day by day using is_workday. */
static genop_date step_workdays(const genop_calendar *cal, genop_date d, long n)
{
    long step = n > 0 ? 1 : -1;
    for (long k = n > 0 ? n : -n; k > 0;) {
        d += (genop_date)step;
        if (genop_calendar_is_workday(cal, d))
            k--;
    }
    return d;
}

static void test_add_workdays_matches_stepping(void **state)
{
    const genop_calendar *cal = *state;
    for (genop_date d = date_of("2022-12-01"); d <= date_of("2026-01-31"); d++) {
        for (long n = -12; n <= 12; n++) {
            genop_date got = 0;
            assert_int_equal(genop_calendar_add_workdays(cal, d, n, &got, NULL), GENOP_OK);
            genop_date want = step_workdays(cal, d, n);
            if (got != want) {
                char a[GENOP_DATE_STR_SIZE], b[GENOP_DATE_STR_SIZE], c[GENOP_DATE_STR_SIZE];
                fail_msg("%s %+ld workdays = %s, stepping gives %s",
                         genop_date_format(d, a), n, genop_date_format(got, b),
                         genop_date_format(want, c));
            }
            if (n != 0)
                assert_true(genop_calendar_is_workday(cal, got));
        }
    }
}

/* ---- workdays_between -------------------------------------------------- */

static void test_workdays_between_examples(void **state)
{
    const genop_calendar *cal = *state;
    /* FROM < d <= TO. */
    assert_int_equal(between_ok(cal, date_of("2025-04-07"), date_of("2025-04-11")), 4);
    assert_int_equal(between_ok(cal, date_of("2025-04-06"), date_of("2025-04-11")), 5);
    assert_int_equal(between_ok(cal, date_of("2025-04-07"), date_of("2025-04-08")), 1);
    assert_int_equal(between_ok(cal, date_of("2025-04-11"), date_of("2025-04-13")), 0);
    assert_int_equal(between_ok(cal, date_of("2025-04-11"), date_of("2025-04-14")), 1);
    /* Easter week 2025: only Mon-Wed 14-16 April, then Tue 22 April. */
    assert_int_equal(between_ok(cal, date_of("2025-04-11"), date_of("2025-04-21")), 3);
    assert_int_equal(between_ok(cal, date_of("2025-04-11"), date_of("2025-04-22")), 4);
    /* 0 when TO <= FROM. */
    assert_int_equal(between_ok(cal, date_of("2025-04-10"), date_of("2025-04-10")), 0);
    assert_int_equal(between_ok(cal, date_of("2025-04-11"), date_of("2025-04-10")), 0);
    assert_int_equal(between_ok(cal, date_of("2025-12-31"), date_of("2025-01-01")), 0);
    /* Whole years (31 Dec is never a workday in the default calendar). */
    assert_int_equal(between_ok(cal, date_of("2024-12-31"), date_of("2025-12-31")), 250);
    assert_int_equal(between_ok(cal, date_of("2022-12-31"), date_of("2023-12-31")), 251);
    assert_int_equal(between_ok(cal, date_of("2023-12-31"), date_of("2024-12-31")), 251);
    /* Across year ends. */
    assert_int_equal(between_ok(cal, date_of("2025-12-19"), date_of("2026-01-09")), 10);
    assert_int_equal(between_ok(cal, date_of("2023-12-22"), date_of("2024-01-05")), 7);
    assert_int_equal(between_ok(cal, date_of("2022-12-31"), date_of("2025-12-31")),
                     251 + 251 + 250);
}

static void test_workdays_between_range_errors(void **state)
{
    const genop_calendar *cal = *state;
    long n = 55;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_workdays_between(cal, genop_date_min() - 1,
                                                     date_of("2025-01-01"), &n, &e),
                     GENOP_ERANGE);
    assert_message_contains(e, "datoen 31. december 1899 er uden for");
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_workdays_between(cal, date_of("2025-01-01"),
                                                     genop_date_max() + 1, &n, &e),
                     GENOP_ERANGE);
    assert_message_contains(e, "datoen 1. januar 2200 er uden for");
    /* Even when TO <= FROM, both must be in the span. */
    assert_int_equal(genop_calendar_workdays_between(cal, genop_date_max() + 1,
                                                     date_of("2025-01-01"), &n, NULL),
                     GENOP_ERANGE);
    assert_int_equal(n, 55);
}

static void test_workdays_between_add_identity(void **state)
{
    /* between(d, add(d, n)) == n for n > 0, and for n > 0 going back:
     * between(add(d, -n), d) == n - 1 + is_workday(d). Where add fails with
     * GENOP_ERANGE there must really be fewer than n workdays left. */
    const genop_calendar *cal = *state;
    static const long ns[] = {1, 2, 3, 4, 5, 7, 10, 21, 60, 250, 1000, 20000};
    long checked = 0;
    for (genop_date d = genop_date_min(); d <= genop_date_max(); d += 13) {
        for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
            long n = ns[i];
            genop_date fwd = 0, back = 0;
            genop_err err = genop_calendar_add_workdays(cal, d, n, &fwd, NULL);
            if (err == GENOP_OK) {
                assert_true(fwd > d);
                assert_int_equal(between_ok(cal, d, fwd), n);
                assert_int_equal(between_ok(cal, d, fwd - 1), n - 1);
                checked++;
            } else {
                assert_int_equal(err, GENOP_ERANGE);
                assert_true(between_ok(cal, d, genop_date_max()) < n);
            }
            err = genop_calendar_add_workdays(cal, d, -n, &back, NULL);
            if (err == GENOP_OK) {
                assert_true(back < d);
                long expected = n - 1 + (genop_calendar_is_workday(cal, d) ? 1 : 0);
                assert_int_equal(between_ok(cal, back, d), expected);
                checked++;
            } else {
                assert_int_equal(err, GENOP_ERANGE);
                /* Fewer than n workdays strictly before d. */
                long before = between_ok(cal, genop_date_min(), d) -
                              (genop_calendar_is_workday(cal, d) ? 1 : 0);
                assert_true(before < n);
            }
        }
    }
    assert_true(checked > 150000);
}

/* ---- next_workday_on_or_after ------------------------------------------ */

static void test_next_workday_on_or_after(void **state)
{
    const genop_calendar *cal = *state;
    static const struct { const char *from; const char *to; } cases[] = {
        {"2025-04-10", "2025-04-10"},   /* a workday is itself */
        {"2025-04-12", "2025-04-14"},   /* Saturday */
        {"2025-04-13", "2025-04-14"},   /* Sunday */
        {"2025-04-17", "2025-04-22"},   /* Skærtorsdag */
        {"2025-12-24", "2025-12-29"},
        {"2025-12-31", "2026-01-02"},
        {"2023-05-05", "2023-05-08"},   /* Store bededag */
        {"2024-04-26", "2024-04-26"},   /* no longer a holiday */
        {"1900-01-01", "1900-01-02"},
        {"2199-12-30", "2199-12-30"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        genop_date out = 0;
        genop_error e;
        genop_error_clear(&e);
        assert_int_equal(genop_calendar_next_workday_on_or_after(
                             cal, date_of(cases[i].from), &out, &e), GENOP_OK);
        assert_date_is(out, cases[i].to);
    }

    /* 2199-12-31 is Nytårsaftensdag: no workday follows inside the span. */
    genop_date out = 4242;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_calendar_next_workday_on_or_after(
                         cal, date_of("2199-12-31"), &out, &e), GENOP_ERANGE);
    assert_int_equal(out, 4242);
    assert_int_equal(genop_calendar_next_workday_on_or_after(
                         cal, genop_date_min() - 1, &out, NULL), GENOP_ERANGE);
    assert_int_equal(genop_calendar_next_workday_on_or_after(
                         cal, genop_date_max() + 1, &out, NULL), GENOP_ERANGE);
    assert_int_equal(out, 4242);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_easter_every_year),
        cmocka_unit_test(test_easter_known_dates),
        cmocka_unit_test(test_holidays_2023),
        cmocka_unit_test(test_holidays_2024),
        cmocka_unit_test(test_holidays_2025),
        cmocka_unit_test(test_holidays_same_date_public_first),
        cmocka_unit_test(test_holidays_every_year_shape),
        cmocka_unit_test(test_holidays_out_of_range),
        cmocka_unit_test(test_default_days_off),
        cmocka_unit_test(test_calendar_without_days_off),
        cmocka_unit_test(test_calendar_custom_days_off),
        cmocka_unit_test(test_invalid_days_off),
        cmocka_unit_test(test_is_workday),
        cmocka_unit_test(test_workdays_every_year),
        cmocka_unit_test(test_add_workdays_examples),
        cmocka_unit_test(test_add_workdays_range_errors),
        cmocka_unit_test(test_add_workdays_matches_stepping),
        cmocka_unit_test(test_workdays_between_examples),
        cmocka_unit_test(test_workdays_between_range_errors),
        cmocka_unit_test(test_workdays_between_add_identity),
        cmocka_unit_test(test_next_workday_on_or_after),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
