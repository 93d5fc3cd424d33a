/*
 * test_standard_letters.c - unit tests for the standard's `letters`
 * section (standard_load_letters.c): the letterhead of the
 * municipality's letters.
 *
 * - The loader reads the sender's unit, address lines, phone, e-mail and
 *   web with its source; a part that is not in the source's quote, a
 *   sender without a unit or without a quote, an unknown key, an address
 *   of too many lines are each one problem at FILE:LINE:COLUMN.
 * - The shipped standards: Aalborg's Visitationen at Lindholm Brygge 31
 *   with its phone; Rødovre's Social- og Sundhedsforvaltningen; Ishøj's
 *   Genoptræning Ishøj without a phone; Skive and Nyborg with a unit only
 *   (their texts give no address).
 *
 * Positions were counted by hand in the YAML literals below (1-based).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "standard_problem.h"
#include "test_helpers.h"

#include <string.h>

#include "registry.h"
#include "standard.h"
#include "standard_load.h"

/* Lines 1-5: a standard with nothing but what is required. */
#define HEAD                                                                  \
    "id: test\n"                                                    /* 1 */  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n" \
    "title: Test\n"                                                 /* 3 */  \
    "paragraphs: [\"86.1\"]\n"                                      /* 4 */  \
    "content: {purpose: [Formål]}\n"                                /* 5 */

static const char full[] = HEAD
    "letters:\n"                                                      /*  6 */
    "  sender:\n"                                                     /*  7 */
    "    unit: Træningsenheden\n"                                     /*  8 */
    "    address: [Æblevej 1, 9999 Testrup]\n"                        /*  9 */
    "    phone: 12 34 56 78\n"                                        /* 10 */
    "    email: post@testrup.dk\n"                                    /* 11 */
    "    web: https://testrup.dk\n"                                   /* 12 */
    "    source:\n"                                                   /* 13 */
    "      section: Kontakt\n"                                        /* 14 */
    "      quote: \"Træningsenheden  Æblevej 1\\n9999 Testrup, tlf. 12 34 56 78, "
    "post@testrup.dk, https://testrup.dk\"\n";                        /* 15 */

static void test_sender_loaded(void **state)
{
    (void)state;
    genop_standard *std = expect_loaded(full);
    const genop_letterhead *h = &std->letterhead;
    assert_true(h->present);
    assert_string_equal(h->unit, "Træningsenheden");
    assert_int_equal(h->address.n, 2);
    assert_string_equal(h->address.items[0], "Æblevej 1");
    assert_string_equal(h->address.items[1], "9999 Testrup");
    assert_string_equal(h->phone, "12 34 56 78");
    assert_string_equal(h->email, "post@testrup.dk");
    assert_string_equal(h->web, "https://testrup.dk");
    assert_string_equal(h->source.citation, "Testrup, Kontakt");
    genop_standard_free(std);
}

static void test_no_letters_section(void **state)
{
    (void)state;
    genop_standard *std = expect_loaded(HEAD);
    assert_false(std->letterhead.present);
    assert_null(std->letterhead.unit);
    genop_standard_free(std);
}

static void test_part_not_quoted(void **state)
{
    (void)state;
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    unit: Træningsenheden\n"
                       "    phone: 99 99 99 99\n"                     /* 9 */
                       "    source: {section: Kontakt, quote: Træningsenheden}\n",
                       "9:12", "står ikke i kildens citat");
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    unit: Træningsenheden\n"
                       "    address: [Æblevej 1, Opdigtet 2]\n"       /* 9 */
                       "    source: {section: Kontakt, quote: Træningsenheden Æblevej 1}\n",
                       "9:26", "adresselinjen 'Opdigtet 2'");
}

static void test_sender_problems(void **state)
{
    (void)state;
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    source: {section: Kontakt, quote: Træningsenheden}\n",
                       "8:5", "unit");
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    unit: Træningsenheden\n"
                       "    source: {section: Kontakt}\n",            /* 9 */
                       "9:14", "citat");
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    unit: Træningsenheden\n"
                       "    fax: 1234\n"                              /* 9 */
                       "    source: {section: Kontakt, quote: Træningsenheden 1234}\n",
                       "9:5", "fax");
    expect_one_problem(HEAD
                       "letters:\n"                                   /* 6 */
                       "  from: x\n"                                  /* 7 */
                       "  sender: {unit: T, source: {section: K, quote: T}}\n",
                       "7:3", "from");
    expect_one_problem(HEAD
                       "letters:\n"
                       "  sender:\n"
                       "    unit: T\n"
                       "    address: [a, b, c, d, e]\n"               /* 9 */
                       "    source: {section: Kontakt, quote: T a b c d e}\n",
                       "9:15", "1-4 linjer");
}

static genop_standard *shipped(const char *id)
{
    genop_standard *std = NULL;
    must(genop_registry_load(id, &std, e));
    return std;
}

static void test_shipped_letterheads(void **state)
{
    (void)state;
    genop_standard *a = shipped("aalborg"), *r = shipped("rodovre"), *i = shipped("ishoj");
    genop_standard *s = shipped("skive"), *n = shipped("nyborg");
    assert_string_equal(a->letterhead.unit, "Visitationen");
    assert_string_equal(a->letterhead.address.items[0], "Lindholm Brygge 31");
    assert_string_equal(a->letterhead.address.items[1], "9400 Nørresundby");
    assert_string_equal(a->letterhead.phone, "9982 5000");
    assert_string_equal(a->letterhead.source.citation, "Aalborg, Hvis du ønsker at klage");
    assert_string_equal(r->letterhead.unit, "Social- og Sundhedsforvaltningen");
    assert_string_equal(r->letterhead.phone, "36 37 70 00");
    assert_string_equal(r->letterhead.address.items[1], "2610 Rødovre");
    assert_string_equal(i->letterhead.unit, "Genoptræning Ishøj");
    assert_string_equal(i->letterhead.address.items[0], "Vejlebrovej 45");
    assert_null(i->letterhead.phone);
    assert_string_equal(s->letterhead.unit, "Sundhedscenter Skive");
    assert_int_equal(s->letterhead.address.n, 0);
    assert_null(s->letterhead.phone);
    assert_string_equal(n->letterhead.unit, "Sundhed og Træning");
    assert_int_equal(n->letterhead.address.n, 0);
    assert_null(n->letterhead.email);
    genop_standard *all[] = {a, r, i, s, n};
    for (size_t k = 0; k < 5; k++) {
        assert_true(all[k]->letterhead.present);
        assert_non_null(all[k]->letterhead.source.quote);
        genop_standard_free(all[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sender_loaded),
        cmocka_unit_test(test_no_letters_section),
        cmocka_unit_test(test_part_not_quoted),
        cmocka_unit_test(test_sender_problems),
        cmocka_unit_test(test_shipped_letterheads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
