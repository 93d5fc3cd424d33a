/*
 * test_fsiii.c - the compiled-in FSIII table (fsiii.h; KL's FSIII version
 * 20240530, OID 1.2.208.176.2.21) and its look-ups:
 * - the source is named (version, OID);
 * - the scale is 0, 1, 2, 3, 4 and 9 with KL's Danish names, and only
 *   those levels are valid;
 * - the five areas come in the order the product shows them, and known
 *   conditions are found by code with their Danish name and area;
 * - codes from other parts of FSIII (an area, a scale step, a condition of
 *   the hospital-rehabilitation group), upper-case codes, codes of the
 *   wrong length and prefixes are not conditions;
 * - every condition of the table is found by its own code (the build's
 *   sorted index is complete and in order).
 * Expected codes and names were read by hand from CodeSystem-FSIII.json.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "fsiii.h"

static const genop_fsiii_condition *find(const char *code, size_t *index)
{
    return genop_fsiii_condition_find(code, strlen(code), index);
}

static void test_source(void **state)
{
    (void)state;
    assert_string_equal(genop_fsiii_data.version, "20240530");
    assert_string_equal(genop_fsiii_data.oid, "1.2.208.176.2.21");
    assert_string_equal(GENOP_FSIII_VERSION, genop_fsiii_data.version);
    assert_string_equal(GENOP_FSIII_OID, genop_fsiii_data.oid);
}

static void test_scale(void **state)
{
    (void)state;
    static const int want[] = {0, 1, 2, 3, 4, 9};
    assert_int_equal(genop_fsiii_data.n_levels, 6);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(genop_fsiii_data.levels[i].level, want[i]);
    assert_string_equal(genop_fsiii_level_find(0)->name, "Ingen/ubetydelige begrænsninger");
    assert_string_equal(genop_fsiii_level_find(3)->name, "Svære begrænsninger");
    assert_string_equal(genop_fsiii_level_find(3)->code, "1ceef776-0cfa-4acd-b222-c5bb2424e0c1");
    assert_string_equal(genop_fsiii_level_find(4)->name, "Totale begrænsninger");
    assert_string_equal(genop_fsiii_level_find(GENOP_FSIII_NOT_RELEVANT)->name, "Ikke relevant");
    assert_non_null(strstr(genop_fsiii_level_find(1)->definition, "let person assistance"));
    for (long long lv = 0; lv <= 4; lv++)
        assert_true(genop_fsiii_level_valid(lv));
    assert_true(genop_fsiii_level_valid(9));
    static const long long bad[] = {-1, 5, 6, 7, 8, 10, 90, LLONG_MIN, LLONG_MAX};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(genop_fsiii_level_valid(bad[i]));
        assert_null(genop_fsiii_level_find(bad[i]));
    }
}

static void test_areas(void **state)
{
    (void)state;
    static const char *const names[] = {"Egenomsorg", "Praktiske opgaver", "Mobilitet",
                                        "Mentale funktioner", "Samfundsliv"};
    assert_int_equal(genop_fsiii_data.n_areas, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(genop_fsiii_data.areas[i].name, names[i]);
    /* Every area has conditions, and the conditions come grouped by area. */
    size_t per_area[5] = {0};
    unsigned last = 0;
    for (size_t i = 0; i < genop_fsiii_data.n_conditions; i++) {
        const genop_fsiii_condition *c = &genop_fsiii_data.conditions[i];
        assert_true(c->area < 5);
        assert_true(c->area >= last);
        last = c->area;
        per_area[c->area]++;
        assert_int_equal(strlen(c->code), GENOP_FSIII_CODE_LEN);
        assert_true(c->name[0] != '\0');
    }
    for (size_t i = 0; i < 5; i++)
        assert_true(per_area[i] > 0);
    assert_true(genop_fsiii_data.n_conditions <= GENOP_FSIII_CONDITIONS_MAX);
}

static void expect_condition(const char *code, const char *name, const char *area)
{
    size_t index = 999;
    const genop_fsiii_condition *c = find(code, &index);
    assert_non_null(c);
    assert_string_equal(c->name, name);
    assert_string_equal(genop_fsiii_condition_area(c)->name, area);
    assert_ptr_equal(&genop_fsiii_data.conditions[index], c);
}

static void test_known_conditions(void **state)
{
    (void)state;
    expect_condition("4d46bd94-9518-431c-82e8-ebb91bca307a", "Vaske sig", "Egenomsorg");
    expect_condition("e853d3e7-1de5-44f0-ab48-1fb20c449035", "Af- og påklædning", "Egenomsorg");
    expect_condition("75bfc8db-a220-4801-a8c7-5e968e94d44b", "Lave mad", "Praktiske opgaver");
    expect_condition("51697715-965a-40f3-b4a5-819103bf9d49", "Gå", "Mobilitet");
    expect_condition("8d848883-6da7-4a7a-91a9-83fc9ffa2e06", "Ændre kropsstilling", "Mobilitet");
    expect_condition("a3ac7928-77c9-425c-a7f1-1248a3764d0a", "Hukommelse", "Mentale funktioner");
    expect_condition("589d1a12-9be3-4d4c-bb72-3de133731e2f", "Have lønnet beskæftigelse",
                     "Samfundsliv");
    /* Without an index pointer too. */
    assert_non_null(genop_fsiii_condition_find("51697715-965a-40f3-b4a5-819103bf9d49", 36, NULL));
}

static void test_not_conditions(void **state)
{
    (void)state;
    size_t index = 7;
    /* Other parts of FSIII: an area, a scale step, the scale itself, a
     * condition of "Kommunal genoptræning efter sygehusophold-tilstande". */
    assert_null(find("462f9352-0129-4d8e-8c75-a6dfed78ddcf", &index));
    assert_null(find("1ceef776-0cfa-4acd-b222-c5bb2424e0c1", &index));
    assert_null(find("2c02a704-deee-4878-9378-1167613b3da6", &index));
    assert_null(find("3f27a7bc-790d-444e-bcf4-6e22a6b1da7e", &index));
    /* Case, length, prefixes, garbage. */
    assert_null(find("51697715-965A-40F3-B4A5-819103BF9D49", &index));
    assert_null(find("51697715-965a-40f3-b4a5-819103bf9d4", &index));
    assert_null(find("51697715-965a-40f3-b4a5-819103bf9d499", &index));
    assert_null(find("", &index));
    assert_null(find("Gå", &index));
    assert_null(genop_fsiii_condition_find("51697715-965a-40f3-b4a5-819103bf9d49", 35, &index));
    assert_int_equal(index, 7);           /* untouched when not found */
}

static void test_every_condition_found(void **state)
{
    (void)state;
    const genop_fsiii_table *t = &genop_fsiii_data;
    for (size_t i = 0; i < t->n_conditions; i++) {
        size_t index = SIZE_MAX;
        assert_ptr_equal(find(t->conditions[i].code, &index), &t->conditions[i]);
        assert_int_equal(index, i);
        if (i > 0)
            assert_true(strcmp(t->conditions[t->by_code[i - 1]].code,
                               t->conditions[t->by_code[i]].code) < 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_source),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_areas),
        cmocka_unit_test(test_known_conditions),
        cmocka_unit_test(test_not_conditions),
        cmocka_unit_test(test_every_condition_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
