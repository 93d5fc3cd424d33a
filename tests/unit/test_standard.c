/*
 * test_standard.c - unit tests for loading quality standards (registry.h,
 * standard_load.h, standard.h).
 *
 * - Every shipped standard loads by id through genop_registry_load: its id,
 *   municipality code and paragraphs are those of shared/spec/evaluate.md,
 *   and every rule's source.citation is "<short name>, <section>". An
 *   unknown id gives GENOP_ENOTFOUND with a message that lists the ids.
 * - Bad YAML, one mistake at a time: the problem list of
 *   genop_standard_parse must name the exact FILE:LINE:COLUMN of the
 *   mistake (1-based, as editors count) and a word that says what is wrong;
 *   *out stays NULL, the first problem is also the one-line error, and
 *   nothing leaks (run under ASan for the last part). Covered: YAML syntax
 *   errors, a root that is not a mapping, unknown keys, wrong types,
 *   unknown events, units, limits and paragraphs, amounts out of range,
 *   missing source/section, paragraphs the standard does not cover,
 *   duplicate deadline ids and limits, from == until, impossible dates, an unknown
 *   attendance count, a bad municipality code, an empty file, and a file
 *   with many mistakes (all reported).
 * - YAML 1.2: `id: no` is the string "no".
 * - days_off: absent means the default days off, [] means none, a list
 *   replaces the defaults; genop_standard_add with every unit.
 *
 * Positions and dates were worked out by hand from the YAML texts below
 * (lines and columns counted in the literal) and from a wall calendar,
 * never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "registry.h"
#include "standard.h"
#include "standard_load.h"

#define FILE_NAME "t.yaml"

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- the YAML texts ------------------------------------------------- */

/* A minimal valid standard: lines 1-10. Tests append to it, so every
 * position below counts from line 11. */
#define HEADER                                                              \
    "id: test\n"                          /*  1 */                          \
    "municipality:\n"                     /*  2 */                          \
    "  name: Testrup Kommune\n"           /*  3 */                          \
    "  short_name: Testrup\n"             /*  4 */                          \
    "  code: 999\n"                       /*  5 */                          \
    "title: Test\n"                       /*  6 */                          \
    "effective_from: 2025-01-01\n"        /*  7 */                          \
    "paragraphs: [\"86.1\"]\n"            /*  8 */                          \
    "content:\n"                          /*  9 */                          \
    "  purpose: Formål\n"                 /* 10 */

/* The same for a standard that covers both paragraphs. */
#define HEADER_BOTH                                                         \
    "id: test\n"                          /*  1 */                          \
    "municipality:\n"                     /*  2 */                          \
    "  name: Testrup Kommune\n"           /*  3 */                          \
    "  short_name: Testrup\n"             /*  4 */                          \
    "  code: 999\n"                       /*  5 */                          \
    "title: Test\n"                       /*  6 */                          \
    "effective_from: 2025-01-01\n"        /*  7 */                          \
    "paragraphs: [\"86.1\", \"86.2\"]\n"  /*  8 */                          \
    "content:\n"                          /*  9 */                          \
    "  purpose: Formål\n"                 /* 10 */

/* A valid deadline, lines 11-19 after HEADER. */
#define DEADLINE                                                            \
    "deadlines:\n"                        /* 11 */                          \
    "  - id: contact\n"                   /* 12 */                          \
    "    label: Kontakt\n"                /* 13 */                          \
    "    from: referral_received\n"       /* 14 */                          \
    "    until: contacted\n"              /* 15 */                          \
    "    amount: 5\n"                     /* 16 */                          \
    "    unit: days\n"                    /* 17 */                          \
    "    source:\n"                       /* 18 */                          \
    "      section: Afsnit\n"             /* 19 */

/* ---- helpers -------------------------------------------------------- */

/* Sentinel that genop_standard_parse must overwrite with NULL on failure. */
static genop_standard sentinel_std;

static genop_standard *parse_ok(const char *text)
{
    genop_standard *std = &sentinel_std;
    genop_problems p = {0};
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_standard_parse(text, strlen(text), FILE_NAME, &std, &p, &e);
    if (err != GENOP_OK) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_problems_free(&p);
        fail_msg("valid standard rejected (%d): %s", (int)err, e.message);
    }
    assert_int_equal(p.n, 0);
    assert_non_null(std);
    assert_ptr_not_equal(std, &sentinel_std);
    genop_problems_free(&p);
    return std;
}

static void dump_problems(const genop_problems *p)
{
    for (size_t i = 0; i < p->n; i++)
        print_message("problem %zu: %s\n", i, p->items[i]);
}

/*
 * Parses text, which must fail with `code` and exactly `count` problems
 * (count < 0: at least one). The first problem must start with
 * "t.yaml:<position>: " and contain `word`, and be the one-line error.
 */
static void expect_problem(const char *text, size_t len, genop_err code, int count,
                           const char *position, const char *word)
{
    genop_standard *std = &sentinel_std;
    genop_problems p = {0};
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_standard_parse(text, len, FILE_NAME, &std, &p, &e);
    if (err == GENOP_OK) {
        genop_standard_free(std);
        fail_msg("bad standard accepted; expected a problem at %s", position);
    }
    assert_null(std);
    assert_int_equal(err, code);
    assert_int_equal(e.code, code);
    char prefix[128];
    snprintf(prefix, sizeof prefix, FILE_NAME ":%s: ", position);
    if (p.n == 0 || (count >= 0 && p.n != (size_t)count) ||
        !starts_with(p.items[0], prefix) || !strstr(p.items[0], word) ||
        strcmp(e.message, p.items[0]) != 0) {
        dump_problems(&p);
        print_message("error: %s\n", e.message);
        size_t n = p.n;
        genop_problems_free(&p);
        fail_msg("expected %d problem(s), the first starting with \"%s\" and "
                 "containing \"%s\" (also as the error); got %zu", count, prefix, word, n);
    }
    assert_int_equal(p.dropped, 0);
    genop_problems_free(&p);
}

#define EXPECT(text, count, position, word)                                 \
    expect_problem((text), strlen(text), GENOP_EINVAL, (count), (position), (word))

/* ---- the shipped standards ------------------------------------------ */

static void check_citation(const genop_standard *std, const genop_source *src,
                           const char *rule)
{
    char prefix[128];
    if (src->law) {
        /* The law's default where the standard is silent: "<law> <§>". */
        snprintf(prefix, sizeof prefix, "%s %s", src->law,
                 src->law_paragraph ? src->law_paragraph : "(null)");
        if (src->section || !src->citation || strcmp(src->citation, prefix) != 0)
            fail_msg("%s: rule %s cites the law as \"%s\", expected \"%s\"",
                     std->id, rule, src->citation ? src->citation : "(null)", prefix);
        return;
    }
    snprintf(prefix, sizeof prefix, "%s, ", std->short_name);
    if (!src->section || !*src->section)
        fail_msg("%s: rule %s has no source section", std->id, rule);
    if (!starts_with(src->citation, prefix))
        fail_msg("%s: rule %s cites \"%s\", which does not start with \"%s\"",
                 std->id, rule, src->citation ? src->citation : "(null)", prefix);
    if (strcmp(src->citation + strlen(prefix), src->section) != 0)
        fail_msg("%s: rule %s cites \"%s\" but its section is \"%s\"",
                 std->id, rule, src->citation, src->section);
}

static void check_shipped(const char *id, int code, unsigned paragraphs)
{
    genop_standard *std = NULL;
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_registry_load(id, &std, &e);
    if (err != GENOP_OK)
        fail_msg("standard %s does not load: %s", id, e.message);
    assert_non_null(std);
    assert_string_equal(std->id, id);
    assert_int_equal(std->municipality_code, code);
    assert_int_equal(std->paragraphs, paragraphs);
    assert_non_null(std->short_name);
    assert_non_null(std->municipality);
    /* "Aalborg" is how "Aalborg Kommune" is cited. */
    assert_true(starts_with(std->municipality, std->short_name));
    assert_non_null(std->calendar);
    assert_true(std->content.purpose.n > 0);
    char rule[64];
    for (size_t i = 0; i < std->n_deadlines; i++) {
        snprintf(rule, sizeof rule, "deadline %s", std->deadlines[i].id);
        check_citation(std, &std->deadlines[i].source, rule);
        /* A deadline only ever applies to paragraphs the standard covers. */
        assert_int_not_equal(std->deadlines[i].paragraphs, 0);
        assert_int_equal(std->deadlines[i].paragraphs & ~paragraphs, 0);
    }
    for (size_t i = 0; i < std->n_limits; i++) {
        snprintf(rule, sizeof rule, "limit %s", genop_limit_name(std->limits[i].kind));
        check_citation(std, &std->limits[i].source, rule);
    }
    if (std->attendance.present)
        check_citation(std, &std->attendance.source, "attendance");
    if (std->minimum_age.present)
        check_citation(std, &std->minimum_age.source, "minimum_age");
    if (std->residency.present)
        check_citation(std, &std->residency.source, "residency");
    if (std->hospital_plan_excludes.present)
        check_citation(std, &std->hospital_plan_excludes.source, "hospital_plan_excludes");
    if (std->quarantine.present)
        check_citation(std, &std->quarantine.source, "quarantine");
    /* Every shipped standard excludes citizens with a hospital plan. */
    assert_true(std->hospital_plan_excludes.present);
    genop_standard_free(std);
}

static void test_shipped_rodovre(void **state)
{
    (void)state;
    check_shipped("rodovre", 175, GENOP_PARA_86_1);
}

static void test_shipped_skive(void **state)
{
    (void)state;
    check_shipped("skive", 779, GENOP_PARA_86_1);
}

static void test_shipped_nyborg(void **state)
{
    (void)state;
    check_shipped("nyborg", 450, GENOP_PARA_86_1);
}

static void test_shipped_ishoj(void **state)
{
    (void)state;
    check_shipped("ishoj", 183, GENOP_PARA_86_1 | GENOP_PARA_86_2);
}

static void test_shipped_aalborg(void **state)
{
    (void)state;
    check_shipped("aalborg", 851, GENOP_PARA_86_1 | GENOP_PARA_86_2);
}

static void test_registry_unknown_id(void **state)
{
    (void)state;
    genop_standard *std = &sentinel_std;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_registry_load("odense", &std, &e), GENOP_ENOTFOUND);
    assert_int_equal(e.code, GENOP_ENOTFOUND);
    /* *out is not promised on this path, but must not be a standard. */
    assert_true(std == NULL || std == &sentinel_std);
    assert_message_contains(e, "odense");
    static const char *const ids[] = {"rodovre", "skive", "nyborg", "ishoj", "aalborg"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        assert_message_contains(e, ids[i]);
        assert_non_null(genop_registry_find(ids[i]));
    }
    assert_null(genop_registry_find("odense"));
    assert_null(genop_registry_find(""));
    char buf[256];
    genop_registry_ids(buf, sizeof buf);
    assert_string_equal(buf, "rodovre, skive, nyborg, ishoj, aalborg");
}

/* ---- a valid standard ----------------------------------------------- */

static void test_minimal_valid(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER DEADLINE);
    assert_string_equal(std->id, "test");
    assert_string_equal(std->municipality, "Testrup Kommune");
    assert_string_equal(std->short_name, "Testrup");
    assert_int_equal(std->municipality_code, 999);
    assert_string_equal(std->title, "Test");
    assert_null(std->approved);
    assert_int_equal(std->effective_from, date_of("2025-01-01"));
    assert_int_equal(std->paragraphs, GENOP_PARA_86_1);
    assert_int_equal(std->n_deadlines, 1);
    const genop_deadline_rule *d = &std->deadlines[0];
    assert_string_equal(d->id, "contact");
    assert_string_equal(d->label, "Kontakt");
    /* Absent paragraphs means all of the standard's. */
    assert_int_equal(d->paragraphs, GENOP_PARA_86_1);
    assert_int_equal(d->from, GENOP_ANCHOR_REFERRAL_RECEIVED);
    assert_int_equal(d->until, GENOP_ANCHOR_CONTACTED);
    assert_int_equal(d->when, GENOP_WHEN_ALWAYS);
    assert_int_equal(d->amount, 5);
    assert_int_equal(d->unit, GENOP_UNIT_DAYS);
    assert_false(d->due_on_workday);
    assert_string_equal(d->source.section, "Afsnit");
    assert_null(d->source.quote);
    assert_null(d->source.note);
    assert_string_equal(d->source.citation, "Testrup, Afsnit");
    assert_int_equal(std->n_limits, 0);
    assert_false(std->attendance.present);
    assert_false(std->minimum_age.present);
    assert_int_equal(std->content.purpose.n, 1);
    assert_string_equal(std->content.purpose.items[0], "Formål");
    genop_standard_free(std);
}

/* Same id for 86.1 and 86.2 separately is how aalborg writes its rules. */
static void test_same_id_other_paragraph_ok(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER_BOTH
                                   "deadlines:\n"
                                   "  - id: start\n"
                                   "    label: Start\n"
                                   "    paragraphs: [\"86.1\"]\n"
                                   "    from: referral_received\n"
                                   "    until: first_session\n"
                                   "    amount: 8\n"
                                   "    unit: workdays\n"
                                   "    source: {section: A}\n"
                                   "  - id: start\n"
                                   "    label: Start\n"
                                   "    paragraphs: [\"86.2\"]\n"
                                   "    from: referral_received\n"
                                   "    until: first_session\n"
                                   "    amount: 10\n"
                                   "    unit: workdays\n"
                                   "    source: {section: B}\n");
    assert_int_equal(std->paragraphs, GENOP_PARA_86_1 | GENOP_PARA_86_2);
    assert_int_equal(std->n_deadlines, 2);
    assert_int_equal(std->deadlines[0].paragraphs, GENOP_PARA_86_1);
    assert_int_equal(std->deadlines[1].paragraphs, GENOP_PARA_86_2);
    assert_int_equal(std->deadlines[0].amount, 8);
    assert_int_equal(std->deadlines[1].amount, 10);
    assert_int_equal(std->deadlines[1].unit, GENOP_UNIT_WORKDAYS);
    assert_string_equal(std->deadlines[1].source.citation, "Testrup, B");
    genop_standard_free(std);
}

/* YAML 1.2: `no` is a string, not a boolean. */
static void test_yaml12_no_is_string(void **state)
{
    (void)state;
    genop_standard *std = parse_ok("id: no\n"
                                   "municipality:\n"
                                   "  name: Testrup Kommune\n"
                                   "  short_name: Testrup\n"
                                   "  code: 999\n"
                                   "title: Test\n"
                                   "effective_from: 2025-01-01\n"
                                   "paragraphs: [\"86.1\"]\n"
                                   "content:\n"
                                   "  purpose: Formål\n");
    assert_string_equal(std->id, "no");
    genop_standard_free(std);
}

/* ---- bad YAML ------------------------------------------------------- */

/* libfyaml's collected errors carry 1-based lines and columns. */
static void test_yaml_syntax_error(void **state)
{
    (void)state;
    /* A duplicate key (an error in YAML 1.2): the second `id` is at 2:1. */
    expect_problem("id: a\nid: b\n", 12, GENOP_EPARSE, 1, "2:1", "nøglen står to gange");
    /* An unclosed flow sequence: libfyaml reports where the input ended
     * (line 3, column 1, after the last newline). */
    static const char unclosed[] = "id: [a, b\nx: 1\n";
    expect_problem(unclosed, sizeof unclosed - 1, GENOP_EPARSE, -1, "3:1", "YAML");
}

static void test_root_not_mapping(void **state)
{
    (void)state;
    static const char seq[] = "- a\n- b\n";
    /* The sequence's first item: line 1, column 3 (the position genop can
     * name for a collection). */
    expect_problem(seq, sizeof seq - 1, GENOP_EINVAL, 1, "1:3", "mapping");
    static const char scalar[] = "hello\n";
    expect_problem(scalar, sizeof scalar - 1, GENOP_EINVAL, 1, "1:1", "mapping");
}

/* A file with no document holds no standard: the problem is at 1:1, says
 * the standard is empty or must be a mapping, and reads like any other
 * problem ("FILE:LINE:COLUMN: ...", the same text in the list and in the
 * one-line error). */
static void expect_no_document(const char *text)
{
    genop_standard *std = &sentinel_std;
    genop_problems p = {0};
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_standard_parse(text, strlen(text), FILE_NAME, &std, &p, &e);
    assert_int_not_equal(err, GENOP_OK);
    assert_null(std);
    bool good = p.n == 1 && starts_with(p.items[0], FILE_NAME ":1:1: ") &&
                (strstr(p.items[0], "mapping") || strstr(p.items[0], "tom")) &&
                strcmp(e.message, p.items[0]) == 0;
    if (!good) {
        dump_problems(&p);
        genop_problems_free(&p);
        fail_msg("\"%s\" should give one problem \"" FILE_NAME ":1:1: ...mapping/tom...\" "
                 "(also as the error); the error is \"%s\"", text, e.message);
    }
    genop_problems_free(&p);
}

static void test_empty_file(void **state)
{
    (void)state;
    expect_no_document("");
    expect_no_document("# kun en kommentar\n");
}

static void test_unknown_key_top_level(void **state)
{
    (void)state;
    EXPECT(HEADER "colour: red\n", 1, "11:1", "ukendt nøgle 'colour'");
}

static void test_unknown_key_in_deadline(void **state)
{
    (void)state;
    EXPECT(HEADER DEADLINE "    colour: red\n", 1, "20:5", "ukendt nøgle 'colour'");
}

static void test_wrong_types(void **state)
{
    (void)state;
    /* A quoted "5" is a string, not an integer. libfyaml places a quoted
     * scalar at its first character inside the quotes: 16:14. */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: \"5\"\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "16:14", "heltal");
    /* A list where a text is expected: a flow list is reported at its
     * first item, line 13 column 13. */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: [a, b]\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "13:13", "tekst");
    /* A mapping for paragraphs: reported at its first key. */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    paragraphs:\n"
           "      stk: 1\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "15:7", "liste");
}

static void test_unknown_from_event(void **state)
{
    (void)state;
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: birthday\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "14:11", "birthday");
}

static void test_amount_out_of_range(void **state)
{
    (void)state;
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: -1\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "16:13", "-1");
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 3651\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "16:13", "3651");
    /* Far beyond long: still a range problem, not a crash. */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 99999999999999999999999\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "16:13", "amount");
    /* 3650 is the largest allowed. */
    genop_standard *std = parse_ok(HEADER
                                   "deadlines:\n"
                                   "  - id: contact\n"
                                   "    label: Kontakt\n"
                                   "    from: referral_received\n"
                                   "    until: contacted\n"
                                   "    amount: 3650\n"
                                   "    unit: days\n"
                                   "    source:\n"
                                   "      section: Afsnit\n");
    assert_int_equal(std->deadlines[0].amount, 3650);
    genop_standard_free(std);
}

static void test_missing_source(void **state)
{
    (void)state;
    /* Reported at the deadline itself (its first key, 12:5). */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n",
           1, "12:5", "source");
}

static void test_source_without_section(void **state)
{
    (void)state;
    /* Reported at the source mapping (its first key, 19:7). */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      quote: Ord\n",
           1, "19:7", "section");
}

static void test_unknown_unit(void **state)
{
    (void)state;
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: fortnights\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "17:11", "fortnights");
}

static void test_course_length_in_workdays(void **state)
{
    (void)state;
    EXPECT(HEADER
           "limits:\n"
           "  - id: course_length\n"
           "    label: Forløbets længde\n"
           "    max: 4\n"
           "    unit: workdays\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "15:11", "days, weeks eller months");
    /* The same with months is fine. */
    genop_standard *std = parse_ok(HEADER
                                   "limits:\n"
                                   "  - id: course_length\n"
                                   "    label: Forløbets længde\n"
                                   "    max: 4\n"
                                   "    unit: months\n"
                                   "    source:\n"
                                   "      section: Afsnit\n");
    assert_int_equal(std->n_limits, 1);
    assert_int_equal(std->limits[0].kind, GENOP_LIMIT_COURSE_LENGTH);
    assert_int_equal(std->limits[0].max, 4);
    assert_int_equal(std->limits[0].unit, GENOP_UNIT_MONTHS);
    assert_string_equal(std->limits[0].source.citation, "Testrup, Afsnit");
    genop_standard_free(std);
}

static void test_unknown_limit(void **state)
{
    (void)state;
    EXPECT(HEADER
           "limits:\n"
           "  - id: hours_per_week\n"
           "    label: Timer\n"
           "    max: 4\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "12:9", "hours_per_week");
}

static void test_unknown_paragraph(void **state)
{
    (void)state;
    /* The item "86.3" opens its quote at 14:18; the text starts at 14:19. */
    static const char text[] = HEADER
        "deadlines:\n"
        "  - id: contact\n"
        "    label: Kontakt\n"
        "    paragraphs: [\"86.3\"]\n"
        "    from: referral_received\n"
        "    until: contacted\n"
        "    amount: 5\n"
        "    unit: days\n"
        "    source:\n"
        "      section: Afsnit\n";
    expect_problem(text, sizeof text - 1, GENOP_EINVAL, -1, "14:19", "86.3");
    /* The same at the top level. */
    static const char top[] = "id: test\n"
                              "municipality:\n"
                              "  name: Testrup Kommune\n"
                              "  short_name: Testrup\n"
                              "  code: 999\n"
                              "title: Test\n"
                              "effective_from: 2025-01-01\n"
                              "paragraphs: [\"86.3\"]\n"
                              "content:\n"
                              "  purpose: Formål\n";
    expect_problem(top, sizeof top - 1, GENOP_EINVAL, -1, "8:15", "86.3");
}

static void test_paragraph_not_covered(void **state)
{
    (void)state;
    /* Reported at the text of the item "86.2", 14:19. */
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    paragraphs: [\"86.2\"]\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "14:19", "86.2");
}

static void test_duplicate_deadline_id(void **state)
{
    (void)state;
    /* The second deadline (line 20) is the duplicate. */
    EXPECT(HEADER DEADLINE
           "  - id: contact\n"
           "    label: Kontakt igen\n"
           "    from: referral_received\n"
           "    until: contacted\n"
           "    amount: 7\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "20:5", "contact");
    /* Overlapping paragraph sets are duplicates too. */
    EXPECT(HEADER_BOTH
           "deadlines:\n"
           "  - id: start\n"
           "    label: Start\n"
           "    from: referral_received\n"
           "    until: first_session\n"
           "    amount: 8\n"
           "    unit: workdays\n"
           "    source: {section: A}\n"
           "  - id: start\n"
           "    label: Start\n"
           "    paragraphs: [\"86.2\"]\n"
           "    from: referral_received\n"
           "    until: first_session\n"
           "    amount: 10\n"
           "    unit: workdays\n"
           "    source: {section: B}\n",
           1, "19:5", "start");
}

/* Two limits of the same kind for the same paragraph contradict each
 * other; the second (line 16) is reported. */
static void test_duplicate_limit(void **state)
{
    (void)state;
    EXPECT(HEADER
           "limits:\n"
           "  - id: sessions\n"
           "    label: Træningsgange\n"
           "    max: 4\n"
           "    source: {section: A}\n"
           "  - id: sessions\n"
           "    label: Træningsgange\n"
           "    max: 5\n"
           "    source: {section: B}\n",
           1, "16:5", "sessions");
}

static void test_from_equals_until(void **state)
{
    (void)state;
    EXPECT(HEADER
           "deadlines:\n"
           "  - id: contact\n"
           "    label: Kontakt\n"
           "    from: contacted\n"
           "    until: contacted\n"
           "    amount: 5\n"
           "    unit: days\n"
           "    source:\n"
           "      section: Afsnit\n",
           1, "15:12", "samme");
}

static void test_invalid_effective_from(void **state)
{
    (void)state;
    static const char text[] = "id: test\n"
                               "municipality:\n"
                               "  name: Testrup Kommune\n"
                               "  short_name: Testrup\n"
                               "  code: 999\n"
                               "title: Test\n"
                               "effective_from: 2025-02-29\n"
                               "paragraphs: [\"86.1\"]\n"
                               "content:\n"
                               "  purpose: Formål\n";
    expect_problem(text, sizeof text - 1, GENOP_EINVAL, 1, "7:17", "2025-02-29");
}

static void test_attendance_counts_unknown(void **state)
{
    (void)state;
    EXPECT(HEADER
           "attendance:\n"
           "  counts: late_arrivals\n"
           "  review_limit: 2\n"
           "  source:\n"
           "    section: Afsnit\n",
           1, "12:11", "late_arrivals");
}

static void test_days_off_30_february(void **state)
{
    (void)state;
    EXPECT(HEADER
           "days_off:\n"
           "  - name: Fridag\n"
           "    month: 2\n"
           "    day: 30\n",
           1, "14:10", "02-30");
}

static void test_municipality_code_1234(void **state)
{
    (void)state;
    static const char text[] = "id: test\n"
                               "municipality:\n"
                               "  name: Testrup Kommune\n"
                               "  short_name: Testrup\n"
                               "  code: 1234\n"
                               "title: Test\n"
                               "effective_from: 2025-01-01\n"
                               "paragraphs: [\"86.1\"]\n"
                               "content:\n"
                               "  purpose: Formål\n";
    expect_problem(text, sizeof text - 1, GENOP_EINVAL, 1, "5:9", "1234");
}

/* One run reports every problem in the file, in file order per section. */
static void test_many_problems(void **state)
{
    (void)state;
    static const char text[] =
        "id: Test!\n"                         /*  1 bad id (1:5) */
        "municipality:\n"                     /*  2 */
        "  name: Testrup Kommune\n"           /*  3 */
        "  short_name: Testrup\n"             /*  4 */
        "  code: 12\n"                        /*  5 out of range (5:9) */
        "title: Test\n"                       /*  6 */
        "effective_from: 2025-13-01\n"        /*  7 bad date (7:17) */
        "paragraphs: [\"86.1\"]\n"            /*  8 */
        "colour: red\n"                       /*  9 unknown key (9:1) */
        "content:\n"                          /* 10 */
        "  purpose: Formål\n"                 /* 11 */
        "deadlines:\n"                        /* 12 */
        "  - id: contact\n"                   /* 13 */
        "    label: Kontakt\n"                /* 14 */
        "    from: nowhere\n"                 /* 15 unknown event (15:11) */
        "    until: contacted\n"              /* 16 */
        "    amount: -3\n"                    /* 17 out of range (17:13) */
        "    unit: hours\n"                   /* 18 unknown unit (18:11) */
        "    source:\n"                       /* 19 */
        "      quote: Ord\n";                 /* 20 no section (20:7) */
    static const char *const expected[] = {
        FILE_NAME ":9:1: ",  FILE_NAME ":1:5: ",   FILE_NAME ":5:9: ",
        FILE_NAME ":7:17: ", FILE_NAME ":15:11: ", FILE_NAME ":17:13: ",
        FILE_NAME ":18:11: ", FILE_NAME ":20:7: ",
    };
    genop_standard *std = &sentinel_std;
    genop_problems p = {0};
    genop_error e;
    genop_error_clear(&e);
    genop_err err = genop_standard_parse(text, sizeof text - 1, FILE_NAME, &std, &p, &e);
    assert_int_equal(err, GENOP_EINVAL);
    assert_null(std);
    size_t n_expected = sizeof expected / sizeof expected[0];
    if (p.n != n_expected)
        dump_problems(&p);
    assert_int_equal(p.n, n_expected);
    /* Each expected position appears exactly once. */
    for (size_t i = 0; i < n_expected; i++) {
        size_t hits = 0;
        for (size_t j = 0; j < p.n; j++)
            hits += starts_with(p.items[j], expected[i]);
        if (hits != 1) {
            dump_problems(&p);
            genop_problems_free(&p);
            fail_msg("expected one problem at %s, found %zu", expected[i], hits);
        }
    }
    assert_string_equal(e.message, p.items[0]);
    genop_problems_free(&p);

    /* Without a problem list, the first problem still comes back. */
    genop_error_clear(&e);
    std = &sentinel_std;
    err = genop_standard_parse(text, sizeof text - 1, FILE_NAME, &std, NULL, &e);
    assert_int_equal(err, GENOP_EINVAL);
    assert_null(std);
    assert_true(starts_with(e.message, FILE_NAME ":"));
}

/* ---- days off and the standard's calendar --------------------------- */

static void test_default_days_off(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER);
    assert_non_null(std->calendar);
    /* Grundlovsdag 2025 is a Thursday; Juleaftensdag a Wednesday. */
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-06-05")));
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-12-24")));
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-12-31")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-06-04")));
    genop_standard_free(std);
}

static void test_empty_days_off(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER "days_off: []\n");
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-06-05")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-12-24")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-12-31")));
    /* Public holidays stay: Juledag 2025 is a Thursday, Langfredag 18 April. */
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-12-25")));
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-04-18")));
    genop_standard_free(std);
}

static void test_custom_days_off(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER
                                   "days_off:\n"
                                   "  - name: Kommunens fridag\n"
                                   "    month: 5\n"
                                   "    day: 2\n"
                                   "  - name: Skuddag\n"
                                   "    month: 2\n"
                                   "    day: 29\n"
                                   "    first_year: 2028\n");
    /* 2 May 2025 is a Friday: now a day off. */
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2025-05-02")));
    /* The default days off are replaced, not added to. */
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-06-05")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-12-24")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2025-12-31")));
    /* 29 February 2028 is a Tuesday, inside first_year; 2024's (a Thursday)
     * is before it. */
    assert_false(genop_calendar_is_workday(std->calendar, date_of("2028-02-29")));
    assert_true(genop_calendar_is_workday(std->calendar, date_of("2024-02-29")));
    genop_standard_free(std);
}

/* ---- genop_standard_add --------------------------------------------- */

/* ---- law sources and eligibility paragraphs ------------------------- */

/* A deadline whose source cites a law (lines 11-21 after HEADER). */
#define LAW_DEADLINE(source_lines)                                          \
    "deadlines:\n"                        /* 11 */                          \
    "  - id: complaint_window\n"          /* 12 */                          \
    "    label: Klagefrist\n"             /* 13 */                          \
    "    from: decision_received\n"       /* 14 */                          \
    "    until: complaint_received\n"     /* 15 */                          \
    "    amount: 4\n"                     /* 16 */                          \
    "    unit: weeks\n"                   /* 17 */                          \
    "    source:\n"                       /* 18 */                          \
    source_lines

static void test_law_source(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER LAW_DEADLINE(
        "      law: Retssikkerhedsloven\n"
        "      paragraph: \"§ 66\"\n"
        "      note: Standarden siger intet.\n"));
    const genop_source *src = &std->deadlines[0].source;
    assert_null(src->section);
    assert_string_equal(src->law, "Retssikkerhedsloven");
    assert_string_equal(src->law_paragraph, "§ 66");
    assert_string_equal(src->citation, "Retssikkerhedsloven § 66");
    assert_string_equal(src->note, "Standarden siger intet.");
    genop_standard_free(std);
}

static void test_law_source_problems(void **state)
{
    (void)state;
    /* A law without its paragraph; a paragraph without a law (then the
     * section is missing too); a law and a section at once. */
    EXPECT(HEADER LAW_DEADLINE("      law: Retssikkerhedsloven\n"),
           1, "19:7", "mangler 'paragraph'");
    EXPECT(HEADER LAW_DEADLINE("      paragraph: \"§ 66\"\n"),
           2, "19:19", "hører til en lov");
    EXPECT(HEADER LAW_DEADLINE("      law: Retssikkerhedsloven\n"
                               "      paragraph: \"§ 66\"\n"
                               "      section: Klage\n"),
           1, "21:16", "ikke begge");
    EXPECT(HEADER LAW_DEADLINE("      law: \"\"\n"
                               "      paragraph: \"§ 66\"\n"),
           1, "19:13", "må ikke være tom");
}

/* An eligibility rule with the given lines (from line 11 after HEADER_BOTH). */
#define ELIGIBILITY(rule_lines)                                             \
    "eligibility:\n"                      /* 11 */                          \
    rule_lines

static void test_eligibility_paragraphs(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER_BOTH ELIGIBILITY(
        "  minimum_age:\n"
        "    years: 18\n"
        "    source: {section: Målgruppe}\n"
        "  hospital_plan_excludes:\n"
        "    paragraphs: [\"86.1\"]\n"
        "    source: {section: Hvem}\n"
        "  quarantine:\n"
        "    paragraphs: [\"86.1\"]\n"
        "    amount: 5\n"
        "    unit: months\n"
        "    source: {section: Tildeling}\n"));
    /* Named paragraphs are kept; age (naming none) applies to every case. */
    assert_int_equal(std->hospital_plan_excludes.paragraphs, GENOP_PARA_86_1);
    assert_int_equal(std->quarantine.paragraphs, GENOP_PARA_86_1);
    assert_int_equal(std->quarantine.amount, 5);
    assert_int_equal(std->minimum_age.paragraphs, GENOP_PARA_86_1 | GENOP_PARA_86_2);
    genop_standard_free(std);

    /* Without `paragraphs`, an exclusion covers the standard's own. */
    std = parse_ok(HEADER ELIGIBILITY("  hospital_plan_excludes:\n"
                                      "    source: {section: Hvem}\n"));
    assert_int_equal(std->hospital_plan_excludes.paragraphs, GENOP_PARA_86_1);
    genop_standard_free(std);
}

static void test_eligibility_paragraph_problems(void **state)
{
    (void)state;
    EXPECT(HEADER ELIGIBILITY("  hospital_plan_excludes:\n"
                              "    paragraphs: [\"86.3\"]\n"
                              "    source: {section: Hvem}\n"),
           -1, "13:19", "86.3");
    /* HEADER covers § 86, stk. 1 only. */
    EXPECT(HEADER ELIGIBILITY("  quarantine:\n"
                              "    paragraphs: [\"86.2\"]\n"
                              "    amount: 5\n"
                              "    unit: months\n"
                              "    source: {section: Tildeling}\n"),
           1, "13:19", "som standarden ikke dækker");
    EXPECT(HEADER ELIGIBILITY("  residency:\n"
                              "    paragraphs: []\n"
                              "    source: {section: Bopæl}\n"),
           1, "13:5", "mindst én paragraf");
}

static void test_standard_add_units(void **state)
{
    (void)state;
    genop_standard *std = parse_ok(HEADER);
    genop_date out = 0;
    genop_error e;
    genop_error_clear(&e);
    genop_date from = date_of("2025-04-10"); /* Thursday before Easter */

    assert_int_equal(genop_standard_add(std, from, 5, GENOP_UNIT_DAYS, &out, &e), GENOP_OK);
    assert_date_is(out, "2025-04-15");
    /* Workdays after 10 April 2025: 11, 14, 15, 16, then Skærtorsdag (17),
     * Langfredag (18), the weekend and 2. påskedag (21): the 5th is 22. */
    assert_int_equal(genop_standard_add(std, from, 5, GENOP_UNIT_WORKDAYS, &out, &e), GENOP_OK);
    assert_date_is(out, "2025-04-22");
    assert_int_equal(genop_standard_add(std, from, 0, GENOP_UNIT_WORKDAYS, &out, &e), GENOP_OK);
    assert_date_is(out, "2025-04-10");
    assert_int_equal(genop_standard_add(std, from, 4, GENOP_UNIT_WEEKS, &out, &e), GENOP_OK);
    assert_date_is(out, "2025-05-08");
    assert_int_equal(genop_standard_add(std, date_of("2025-01-31"), 1, GENOP_UNIT_MONTHS,
                                        &out, &e), GENOP_OK);
    assert_date_is(out, "2025-02-28");
    assert_int_equal(genop_standard_add(std, date_of("2024-01-31"), 1, GENOP_UNIT_MONTHS,
                                        &out, &e), GENOP_OK);
    assert_date_is(out, "2024-02-29");
    assert_int_equal(genop_standard_add(std, date_of("2025-10-31"), 4, GENOP_UNIT_MONTHS,
                                        &out, &e), GENOP_OK);
    assert_date_is(out, "2026-02-28");

    /* Grundlovsdag counts as a workday only without the default days off:
     * 2025-06-04 (Wed) + 1 workday is 6 June by default, 5 June with []. */
    assert_int_equal(genop_standard_add(std, date_of("2025-06-04"), 1, GENOP_UNIT_WORKDAYS,
                                        &out, &e), GENOP_OK);
    assert_date_is(out, "2025-06-06");
    genop_standard *none = parse_ok(HEADER "days_off: []\n");
    assert_int_equal(genop_standard_add(none, date_of("2025-06-04"), 1, GENOP_UNIT_WORKDAYS,
                                        &out, &e), GENOP_OK);
    assert_date_is(out, "2025-06-05");
    genop_standard_free(none);

    /* Past the end of the supported range: an error, out untouched. */
    genop_date before = out;
    genop_date last = date_of("2199-12-20");
    assert_int_equal(genop_standard_add(std, last, 1, GENOP_UNIT_MONTHS, &out, &e), GENOP_ERANGE);
    assert_int_equal(out, before);
    assert_int_equal(genop_standard_add(std, last, 2, GENOP_UNIT_WEEKS, &out, &e), GENOP_ERANGE);
    assert_int_equal(genop_standard_add(std, last, 12, GENOP_UNIT_DAYS, &out, &e), GENOP_ERANGE);
    assert_int_equal(genop_standard_add(std, last, 30, GENOP_UNIT_WORKDAYS, &out, &e),
                     GENOP_ERANGE);
    assert_int_equal(out, before);
    genop_standard_free(std);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_rodovre),
        cmocka_unit_test(test_shipped_skive),
        cmocka_unit_test(test_shipped_nyborg),
        cmocka_unit_test(test_shipped_ishoj),
        cmocka_unit_test(test_shipped_aalborg),
        cmocka_unit_test(test_registry_unknown_id),
        cmocka_unit_test(test_minimal_valid),
        cmocka_unit_test(test_same_id_other_paragraph_ok),
        cmocka_unit_test(test_yaml12_no_is_string),
        cmocka_unit_test(test_yaml_syntax_error),
        cmocka_unit_test(test_root_not_mapping),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_unknown_key_top_level),
        cmocka_unit_test(test_unknown_key_in_deadline),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_unknown_from_event),
        cmocka_unit_test(test_amount_out_of_range),
        cmocka_unit_test(test_missing_source),
        cmocka_unit_test(test_source_without_section),
        cmocka_unit_test(test_unknown_unit),
        cmocka_unit_test(test_course_length_in_workdays),
        cmocka_unit_test(test_unknown_limit),
        cmocka_unit_test(test_unknown_paragraph),
        cmocka_unit_test(test_paragraph_not_covered),
        cmocka_unit_test(test_duplicate_deadline_id),
        cmocka_unit_test(test_duplicate_limit),
        cmocka_unit_test(test_from_equals_until),
        cmocka_unit_test(test_invalid_effective_from),
        cmocka_unit_test(test_attendance_counts_unknown),
        cmocka_unit_test(test_days_off_30_february),
        cmocka_unit_test(test_municipality_code_1234),
        cmocka_unit_test(test_many_problems),
        cmocka_unit_test(test_default_days_off),
        cmocka_unit_test(test_empty_days_off),
        cmocka_unit_test(test_custom_days_off),
        cmocka_unit_test(test_standard_add_units),
        cmocka_unit_test(test_law_source),
        cmocka_unit_test(test_law_source_problems),
        cmocka_unit_test(test_eligibility_paragraphs),
        cmocka_unit_test(test_eligibility_paragraph_problems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
