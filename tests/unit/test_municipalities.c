/*
 * test_municipalities.c - the table of Denmark's municipalities: exactly
 * 98, codes three digits in ascending order and unique, names unique and
 * official names "... Kommune" (or Bornholm's regionskommune); the codes
 * genop's own municipalities and their neighbours use; lookups of codes
 * that are no municipality's (Christiansø, gaps, out of range).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "municipalities.h"

static void test_exactly_98_unique(void **state)
{
    (void)state;
    size_t n = 0;
    while (genop_municipality_at(n))
        n++;
    assert_int_equal(n, 98);
    assert_int_equal(GENOP_MUNICIPALITY_COUNT, 98);
    for (size_t i = 0; i < n; i++) {
        const genop_municipality *m = genop_municipality_at(i);
        assert_true(m->code >= 101 && m->code <= 860);
        if (i > 0)
            assert_true(genop_municipality_at(i - 1)->code < m->code);
        assert_true(strlen(m->name) > 0);
        const char *suffix = strrchr(m->full_name, ' ');
        assert_non_null(suffix);
        if (strcmp(suffix, " Kommune") != 0 && strcmp(suffix, " Regionskommune") != 0)
            fail_msg("%d: %s is no official name", m->code, m->full_name);
        for (size_t j = 0; j < i; j++) {
            const genop_municipality *o = genop_municipality_at(j);
            if (strcmp(o->name, m->name) == 0 || strcmp(o->full_name, m->full_name) == 0)
                fail_msg("%d and %d share a name", o->code, m->code);
        }
        assert_ptr_equal(genop_municipality_find(m->code), m);
    }
}

static void expect(int code, const char *name, const char *full_name)
{
    const genop_municipality *m = genop_municipality_find(code);
    if (!m)
        fail_msg("%d not found", code);
    assert_string_equal(m->name, name);
    assert_string_equal(m->full_name, full_name);
}

static void test_known_codes(void **state)
{
    (void)state;
    expect(101, "København", "Københavns Kommune");
    expect(147, "Frederiksberg", "Frederiksberg Kommune");
    expect(175, "Rødovre", "Rødovre Kommune");
    expect(183, "Ishøj", "Ishøj Kommune");
    expect(400, "Bornholm", "Bornholms Regionskommune");
    expect(450, "Nyborg", "Nyborg Kommune");
    expect(492, "Ærø", "Ærø Kommune");
    expect(751, "Aarhus", "Aarhus Kommune");
    expect(779, "Skive", "Skive Kommune");
    expect(791, "Viborg", "Viborg Kommune");
    expect(851, "Aalborg", "Aalborg Kommune");
    expect(860, "Hjørring", "Hjørring Kommune");
}

static void test_no_municipality(void **state)
{
    (void)state;
    static const int none[] = {0, -1, 100, 102, 411, 452, 750, 861, 999, 1000};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        if (genop_municipality_find(none[i]))
            fail_msg("%d is no municipality", none[i]);
    assert_null(genop_municipality_at(98));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exactly_98_unique),
        cmocka_unit_test(test_known_codes),
        cmocka_unit_test(test_no_municipality),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
