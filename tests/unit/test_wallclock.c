/*
 * test_wallclock.c - unit tests for wallclock.h: "HH:MM" and
 * "YYYY-MM-DDTHH:MM" parsing (and every kind of rejection), formatting,
 * and Danish wall-clock times to and from instants across both
 * summer-time changes of 2026: the spring hour that does not exist
 * (2026-03-29 02:00-02:59) refused in Danish, the autumn hour that
 * happens twice (2026-10-25 02:00-02:59) read as its first occurrence.
 *
 * The expected instants were computed with Python's zoneinfo
 * (Europe/Copenhagen), never with genop's own code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <string.h>

#include "wallclock.h"

static void test_hhmm(void **state)
{
    (void)state;
    genop_error e;
    int m = -1;
    assert_int_equal(genop_hhmm_parse("00:00", &m, &e), GENOP_OK);
    assert_int_equal(m, 0);
    assert_int_equal(genop_hhmm_parse("23:59", &m, &e), GENOP_OK);
    assert_int_equal(m, 1439);
    assert_int_equal(genop_hhmm_parse("08:30", &m, &e), GENOP_OK);
    assert_int_equal(m, 510);
    const char *bad[] = {"24:00", "8:30", "08:60", "08.30", "08:30:00", "", "ab:cd", "08:3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = -1;
        assert_int_not_equal(genop_hhmm_parse(bad[i], &m, &e), GENOP_OK);
        assert_int_equal(m, -1);
        assert_non_null(strstr(e.message, "klokkeslæt"));
    }
    assert_int_not_equal(genop_hhmm_parse(NULL, &m, &e), GENOP_OK);
    char buf[GENOP_HHMM_STR_SIZE];
    assert_string_equal(genop_hhmm_format(510, buf), "08:30");
    assert_string_equal(genop_hhmm_format(1440, buf), "24:00");
    assert_string_equal(genop_hhmm_format(0, buf), "00:00");
}

static void test_parse_and_format(void **state)
{
    (void)state;
    genop_error e;
    genop_wallclock t;
    char buf[GENOP_WALLCLOCK_STR_SIZE];
    assert_int_equal(genop_wallclock_parse("2026-03-29T02:30", &t, &e), GENOP_OK);
    assert_int_equal(t.minute, 150);
    assert_string_equal(genop_wallclock_format(t, buf), "2026-03-29T02:30");
    const char *bad[] = {"2026-03-29 02:30", "2026-03-29T2:30", "2026-02-30T10:00",
                         "2026-03-29T25:00", "2026-03-29", "2026-03-29T10:00Z",
                         "2026-03-29T10:00:00", "2200-01-01T10:00", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_not_equal(genop_wallclock_parse(bad[i], &t, &e), GENOP_OK);
        assert_true(strstr(e.message, "tidspunkt") || strstr(e.message, "klokkeslæt"));
    }
}

/* Expects the instant of text (first occurrence) to be unix. */
static void expect_instant(const char *text, int64_t unix, bool repeated)
{
    genop_error e;
    genop_wallclock t;
    int64_t u = 0;
    bool rep = !repeated;
    assert_int_equal(genop_wallclock_parse(text, &t, &e), GENOP_OK);
    assert_int_equal(genop_wallclock_to_unix(t, &u, &rep, &e), GENOP_OK);
    assert_int_equal(u, unix);
    assert_int_equal(rep, repeated);
    char buf[GENOP_WALLCLOCK_STR_SIZE];
    assert_string_equal(genop_wallclock_format(genop_wallclock_from_unix(u), buf), text);
}

static void test_instants(void **state)
{
    (void)state;
    expect_instant("2026-01-15T08:00", 1768460400, false);
    expect_instant("2026-07-01T12:00", 1782900000, false);
    expect_instant("1900-01-01T00:00", -2208992400, false);
    /* Spring: 01:59 is winter time, 03:00 summer time, one minute apart. */
    expect_instant("2026-03-29T01:59", 1774745940, false);
    expect_instant("2026-03-29T03:00", 1774746000, false);
    /* Autumn: 02:30 happens twice; the first (summer time) is taken. */
    expect_instant("2026-10-25T01:59", 1792886340, false);
    expect_instant("2026-10-25T02:30", 1792888200, true);
    expect_instant("2026-10-25T03:00", 1792893600, false);
    /* The second 02:30 (winter time) reads back as 02:30 too. */
    char buf[GENOP_WALLCLOCK_STR_SIZE];
    assert_string_equal(genop_wallclock_format(genop_wallclock_from_unix(1792891800), buf),
                        "2026-10-25T02:30");
}

static void test_spring_gap(void **state)
{
    (void)state;
    genop_error e;
    genop_wallclock t;
    int64_t u = 42;
    const char *gap[] = {"2026-03-29T02:00", "2026-03-29T02:30", "2026-03-29T02:59",
                         "2027-03-28T02:15"};
    for (size_t i = 0; i < sizeof gap / sizeof gap[0]; i++) {
        assert_int_equal(genop_wallclock_parse_instant(gap[i], &t, &u, &e), GENOP_EINVAL);
        assert_int_equal(u, 42);
        assert_non_null(strstr(e.message, "findes ikke"));
        assert_non_null(strstr(e.message, "sommertid"));
    }
    assert_non_null(strstr(e.message, "28. marts 2027"));
}

/* Every minute of 2026's two change days maps back to itself, and the
 * instants grow with the wall-clock time. */
static void test_change_days_round_trip(void **state)
{
    (void)state;
    genop_error e;
    const char *days[] = {"2026-03-29", "2026-10-25"};
    for (size_t d = 0; d < 2; d++) {
        genop_wallclock t;
        assert_int_equal(genop_date_parse(days[d], &t.date, &e), GENOP_OK);
        int64_t last = INT64_MIN;
        int gaps = 0, repeats = 0;
        for (t.minute = 0; t.minute < GENOP_MINUTES_PER_DAY; t.minute++) {
            int64_t u;
            bool rep;
            if (genop_wallclock_to_unix(t, &u, &rep, &e)) {
                gaps++;
                continue;
            }
            repeats += rep;
            assert_true(u > last);
            last = u;
            genop_wallclock back = genop_wallclock_from_unix(u);
            assert_int_equal(back.date, t.date);
            assert_int_equal(back.minute, t.minute);
        }
        assert_int_equal(gaps, d == 0 ? 60 : 0);
        assert_int_equal(repeats, d == 0 ? 0 : 60);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hhmm),
        cmocka_unit_test(test_parse_and_format),
        cmocka_unit_test(test_instants),
        cmocka_unit_test(test_spring_gap),
        cmocka_unit_test(test_change_days_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
