/*
 * test_standard_json.c - unit tests for a standard as JSON
 * (standard_json.h) and its rules as Danish sentences (standard_text.h).
 *
 * - Every shipped standard becomes a document with as many deadlines,
 *   limits and eligibility rules as the loaded standard has, each with a
 *   non-empty sentence and its source (section, quote, note and the
 *   citation "<short name>, <section>").
 * - Aalborg's and Skive's values, as standards/aalborg.yaml and
 *   standards/skive.yaml write them (read off the YAML by hand): dates,
 *   approval, paragraphs, start deadlines, limits, attendance, content.
 * - Rødovre's text gives no date or approver: both are null.
 * - The sentences for the corners the shipped standards do not reach: an
 *   amount of 0, one day, one week, a quarantine, every condition, every
 *   limit in singular and plural, a sentence cut short inside "Æ" (still
 *   valid UTF-8).
 * - A text that is not valid UTF-8 is written with '?' for its bad bytes.
 * - Allocation failures: jansson's allocator fails the 1st, 2nd, ... call
 *   until the document can be built; every failure is GENOP_ENOMEM with
 *   *out NULL, and nothing leaks (run under ASan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "standard.h"
#include "standard_json.h"
#include "standard_load.h"
#include "standard_text.h"

static genop_standard *load_shipped(const char *id)
{
    genop_standard *std = NULL;
    genop_error e;
    if (genop_registry_load(id, &std, &e) != GENOP_OK)
        fail_msg("load %s: %s", id, e.message);
    return std;
}

static genop_standard *parse(const char *yaml)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_error e;
    if (genop_standard_parse(yaml, strlen(yaml), "t.yaml", &std, &p, &e) != GENOP_OK) {
        genop_problems_free(&p);
        fail_msg("parse: %s", e.message);
    }
    return std;
}

static json_t *to_json(const genop_standard *std)
{
    json_t *doc = NULL;
    genop_error e;
    if (genop_standard_to_json(std, &doc, &e) != GENOP_OK)
        fail_msg("to_json: %s", e.message);
    assert_non_null(doc);
    return doc;
}

static const char *str_at(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        fail_msg("\"%s\" is not a string", key);
    return json_string_value(v);
}

static json_int_t int_at(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v))
        fail_msg("\"%s\" is not an integer", key);
    return json_integer_value(v);
}

/* A rule's source: section, quote and citation "<short>, <section>"; or,
 * where the standard says nothing, a law, its paragraph, a note saying so
 * and the citation "<law> <paragraph>". */
static void assert_source(const json_t *rule, const char *short_name)
{
    const json_t *src = json_object_get(rule, "source");
    assert_true(json_is_object(src));
    if (json_is_string(json_object_get(src, "law"))) {
        char law[256];
        snprintf(law, sizeof law, "%s %s", str_at(src, "law"), str_at(src, "paragraph"));
        assert_string_equal(str_at(src, "citation"), law);
        assert_true(json_is_null(json_object_get(src, "section")));
        assert_true(str_at(src, "note")[0] != '\0');
        assert_true(str_at(rule, "text")[0] != '\0');
        return;
    }
    assert_true(json_is_null(json_object_get(src, "law")));
    const char *section = str_at(src, "section");
    assert_true(section[0] != '\0');
    assert_true(str_at(src, "quote")[0] != '\0');
    assert_true(json_is_string(json_object_get(src, "note")) || json_is_null(json_object_get(src, "note")));
    char want[1024];
    snprintf(want, sizeof want, "%s, %s", short_name, section);
    assert_string_equal(str_at(src, "citation"), want);
    assert_true(str_at(rule, "text")[0] != '\0');
}

static void assert_rules_have_sources(const json_t *arr, const char *short_name)
{
    size_t i;
    const json_t *rule;
    json_array_foreach(arr, i, rule)
        assert_source(rule, short_name);
}

/* The first rule of arr with id (and, if given, the paragraph). */
static const json_t *rule_of(const json_t *arr, const char *id, const char *paragraph)
{
    size_t i;
    const json_t *rule;
    json_array_foreach(arr, i, rule) {
        if (strcmp(str_at(rule, "id"), id) != 0)
            continue;
        if (!paragraph)
            return rule;
        size_t j;
        const json_t *p;
        json_array_foreach(json_object_get(rule, "paragraphs"), j, p)
            if (strcmp(json_string_value(p), paragraph) == 0)
                return rule;
    }
    fail_msg("no rule %s %s", id, paragraph ? paragraph : "");
    return NULL;
}

/* ---- every shipped standard ------------------------------------------- */

static void test_every_shipped_standard(void **state)
{
    (void)state;
    for (const genop_embedded_standard *es = genop_embedded_standards; es->id; es++) {
        genop_standard *std = load_shipped(es->id);
        json_t *doc = to_json(std);
        assert_string_equal(str_at(doc, "id"), es->id);
        assert_int_equal(json_array_size(json_object_get(doc, "deadlines")), std->n_deadlines);
        assert_int_equal(json_array_size(json_object_get(doc, "limits")), std->n_limits);
        size_t n_elig = std->minimum_age.present + std->residency.present +
                        std->hospital_plan_excludes.present + std->quarantine.present;
        assert_int_equal(json_array_size(json_object_get(doc, "eligibility")), n_elig);
        assert_rules_have_sources(json_object_get(doc, "deadlines"), std->short_name);
        assert_rules_have_sources(json_object_get(doc, "limits"), std->short_name);
        assert_rules_have_sources(json_object_get(doc, "eligibility"), std->short_name);
        const json_t *att = json_object_get(doc, "attendance");
        if (std->attendance.present)
            assert_source(att, std->short_name);
        else
            assert_true(json_is_null(att));
        /* Only Skive's text lets an admission end a course. */
        const json_t *admission = json_object_get(att, "admission");
        if (strcmp(es->id, "skive") == 0)
            assert_source(admission, std->short_name);
        else
            assert_true(std->attendance.present ? json_is_null(admission) : admission == NULL);
        /* The whole document serialises (valid UTF-8 throughout). */
        char *text = json_dumps(doc, JSON_COMPACT);
        assert_non_null(text);
        free(text);
        json_decref(doc);
        genop_standard_free(std);
    }
}

/* ---- Aalborg, Skive and Rødovre as their YAML files say ------------- */

static void test_aalborg(void **state)
{
    (void)state;
    genop_standard *std = load_shipped("aalborg");
    json_t *doc = to_json(std);
    const json_t *m = json_object_get(doc, "municipality");
    assert_string_equal(str_at(m, "name"), "Aalborg Kommune");
    assert_string_equal(str_at(m, "short_name"), "Aalborg");
    assert_int_equal(int_at(m, "code"), 851);
    assert_string_equal(str_at(doc, "effective_from"), "2023-01-01");
    assert_string_equal(str_at(doc, "approved"), "Senior- og Omsorgsudvalget, 14.12.2022");
    assert_int_equal(json_array_size(json_object_get(doc, "paragraphs")), 2);

    const json_t *dl = json_object_get(doc, "deadlines");
    const json_t *start1 = rule_of(dl, "start", "86.1");
    assert_int_equal(int_at(start1, "amount"), 8);
    assert_string_equal(str_at(start1, "unit"), "workdays");
    assert_string_equal(str_at(start1, "from"), "referral_received");
    assert_string_equal(str_at(start1, "until"), "first_session");
    assert_string_equal(str_at(start1, "when"), "not_refused");
    assert_string_equal(str_at(start1, "topic"), "case");
    assert_string_equal(str_at(start1, "text"),
                        "Første træningsgang holdes senest 8 hverdage efter modtagelsen af henvendelsen.");
    assert_string_equal(json_string_value(json_array_get(json_object_get(start1, "details"), 0)),
                        "Gælder ikke, når der er givet afslag.");
    assert_int_equal(int_at(rule_of(dl, "start", "86.2"), "amount"), 10);

    const json_t *win = rule_of(dl, "complaint_window", NULL);
    assert_string_equal(str_at(win, "topic"), "complaint");
    assert_string_equal(str_at(win, "owner"), "citizen");
    assert_true(json_is_true(json_object_get(win, "due_on_workday")));
    assert_string_equal(str_at(win, "text"),
                        "Klagen skal være modtaget senest 4 uger efter borgerens modtagelse af afgørelsen.");
    assert_int_equal(json_array_size(json_object_get(win, "details")), 2);
    assert_string_equal(str_at(json_object_get(win, "source"), "quote"),
                        "Klagen skal være modtaget i visitationen senest 4 uger efter, at du har "
                        "modtaget afgørelsen.");
    const json_t *fwd = rule_of(dl, "complaint_forward", NULL);
    assert_string_equal(json_string_value(json_array_get(json_object_get(fwd, "details"), 0)),
                        "Gælder kun, når klagen ikke får fuldt medhold ved genvurderingen.");

    const json_t *att = json_object_get(doc, "attendance");
    assert_string_equal(str_at(att, "counts"), "no_shows_and_cancellations");
    assert_int_equal(int_at(att, "review_limit"), 2);
    assert_string_equal(str_at(att, "text"),
                        "Forløbet tages op til vurdering ved 2 udeblivelser og afbud tilsammen.");
    assert_int_equal(json_array_size(json_object_get(doc, "limits")), 0);
    const json_t *age = rule_of(json_object_get(doc, "eligibility"), "minimum_age", NULL);
    assert_int_equal(int_at(age, "years"), 18);
    assert_string_equal(str_at(age, "text"), "Borgeren skal være fyldt 18 år.");

    const json_t *c = json_object_get(doc, "content");
    assert_int_equal(json_array_size(json_object_get(c, "complaints")), 4);
    assert_int_equal(json_array_size(json_object_get(c, "includes")), 5);
    assert_string_equal(json_string_value(json_array_get(json_object_get(c, "contact"), 0)),
                        "Kontaktcentret, Lindholm Brygge 31, 9400 Nørresundby, tlf. 99 82 50 00");
    json_decref(doc);
    genop_standard_free(std);
}

static void test_skive(void **state)
{
    (void)state;
    genop_standard *std = load_shipped("skive");
    json_t *doc = to_json(std);
    assert_string_equal(str_at(doc, "effective_from"), "2017-10-12");
    const json_t *start = rule_of(json_object_get(doc, "deadlines"), "start", NULL);
    assert_int_equal(int_at(start, "amount"), 14);
    assert_string_equal(str_at(start, "unit"), "days");
    assert_string_equal(str_at(start, "text"),
                        "Første træningsgang holdes senest 14 kalenderdage efter modtagelsen af henvendelsen.");
    const json_t *limits = json_object_get(doc, "limits");
    const json_t *week = rule_of(limits, "sessions_per_week", NULL);
    assert_int_equal(int_at(week, "max"), 2);
    assert_true(json_is_null(json_object_get(week, "unit")));
    assert_string_equal(str_at(week, "text"), "Højst 2 træningsgange pr. uge.");
    assert_string_equal(str_at(rule_of(limits, "minutes_per_week", NULL), "text"),
                        "Højst 90 minutter pr. uge.");
    const json_t *len = rule_of(limits, "course_length", NULL);
    assert_string_equal(str_at(len, "unit"), "months");
    assert_string_equal(str_at(len, "text"), "Højst 4 måneder fra første træningsgang.");
    const json_t *att = json_object_get(doc, "attendance");
    assert_string_equal(str_at(att, "text"), "Forløbet tages op til vurdering ved 1 udeblivelse.");
    const json_t *adm = json_object_get(att, "admission");
    assert_string_equal(str_at(adm, "text"), "Bliver borgeren indlagt under forløbet (fra første "
                        "træningsgang til og med afslutningen), tages forløbet op til revurdering.");
    assert_string_equal(json_string_value(json_array_get(json_object_get(adm, "paragraphs"), 0)),
                        "86.1");
    assert_string_equal(str_at(json_object_get(adm, "source"), "quote"),
                        "Udebliver eller indlægges borgeren, kan genoptræningen afsluttes.");
    const json_t *res = rule_of(json_object_get(doc, "eligibility"), "residency", NULL);
    assert_int_equal(int_at(res, "municipality_code"), 779);
    assert_string_equal(str_at(res, "text"), "Borgeren skal bo i Skive Kommune.");
    /* Skive says nothing about complaints: the list is there, empty. */
    assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "content"), "complaints")), 0);
    json_decref(doc);
    genop_standard_free(std);
}

static void test_rodovre_without_date(void **state)
{
    (void)state;
    genop_standard *std = load_shipped("rodovre");
    json_t *doc = to_json(std);
    assert_true(json_is_null(json_object_get(doc, "effective_from")));
    assert_true(json_is_null(json_object_get(doc, "approved")));
    assert_string_equal(str_at(rule_of(json_object_get(doc, "deadlines"), "contact", NULL), "text"),
                        "Borgeren kontaktes senest 5 kalenderdage efter modtagelsen af henvendelsen.");
    assert_string_equal(str_at(rule_of(json_object_get(doc, "limits"), "sessions", NULL), "text"),
                        "Højst 32 træningsgange i alt.");
    assert_string_equal(str_at(rule_of(json_object_get(doc, "limits"), "assessment_sessions", NULL), "text"),
                        "Højst 8 udredningsgange.");
    json_decref(doc);
    genop_standard_free(std);
}

/* ---- sentences at their corners --------------------------------------- */

#define HEAD                                                                \
    "id: test\n"                                                            \
    "municipality: {name: Ærø Kommune, short_name: Ærø, code: 492}\n"       \
    "title: Test\n"                                                         \
    "paragraphs: [\"86.1\"]\n"                                              \
    "content: {purpose: Formål}\n"

#define SRC "source: {section: A, quote: B}"

static void test_sentences(void **state)
{
    (void)state;
    genop_standard *std = parse(
        HEAD
        "deadlines:\n"
        "  - {id: a, label: A, from: referral_received, until: contacted, amount: 0, unit: workdays, " SRC "}\n"
        "  - {id: b, label: B, from: contacted, until: assessment, amount: 1, unit: days, " SRC "}\n"
        "  - {id: c, label: C, from: decision, until: grant_received, amount: 1, unit: weeks, when: granted, " SRC "}\n"
        "  - {id: d, label: D, from: first_session, until: closed, amount: 2, unit: months, " SRC "}\n"
        "limits:\n"
        "  - {id: sessions, label: S, max: 1, " SRC "}\n"
        "  - {id: assessment_sessions, label: U, max: 1, " SRC "}\n"
        "  - {id: sessions_per_week, label: W, max: 1, " SRC "}\n"
        "  - {id: minutes_per_week, label: M, max: 1, " SRC "}\n"
        "  - {id: course_length, label: L, max: 1, unit: days, " SRC "}\n"
        "attendance: {counts: no_shows_and_cancellations, review_limit: 1, " SRC "}\n"
        "eligibility:\n"
        "  residency: {" SRC "}\n"
        "  quarantine: {amount: 5, unit: months, " SRC "}\n");
    char buf[GENOP_RULE_TEXT_MAX];
    assert_string_equal(genop_deadline_text(&std->deadlines[0], buf, sizeof buf),
                        "Borgeren kontaktes senest samme dag som modtagelsen af henvendelsen.");
    assert_string_equal(genop_deadline_text(&std->deadlines[1], buf, sizeof buf),
                        "Den indledende samtale/udredning holdes senest 1 kalenderdag efter kontakten til borgeren.");
    assert_string_equal(genop_deadline_text(&std->deadlines[2], buf, sizeof buf),
                        "Træningsenheden modtager bevillingen senest 1 uge efter afgørelsen.");
    assert_string_equal(genop_deadline_text(&std->deadlines[3], buf, sizeof buf),
                        "Forløbet afsluttes senest 2 måneder efter første træningsgang.");
    const char *details[GENOP_DEADLINE_DETAILS_MAX];
    assert_int_equal(genop_deadline_details(&std->deadlines[0], details), 0);
    assert_int_equal(genop_deadline_details(&std->deadlines[2], details), 1);
    assert_string_equal(details[0], "Gælder kun, når træningen er bevilget.");
    assert_false(genop_deadline_is_complaint(&std->deadlines[0]));

    assert_string_equal(genop_limit_text(&std->limits[0], buf, sizeof buf), "Højst 1 træningsgang i alt.");
    assert_string_equal(genop_limit_text(&std->limits[1], buf, sizeof buf), "Højst 1 udredningsgang.");
    assert_string_equal(genop_limit_text(&std->limits[2], buf, sizeof buf), "Højst 1 træningsgang pr. uge.");
    assert_string_equal(genop_limit_text(&std->limits[3], buf, sizeof buf), "Højst 1 minut pr. uge.");
    assert_string_equal(genop_limit_text(&std->limits[4], buf, sizeof buf),
                        "Højst 1 kalenderdag fra første træningsgang.");
    assert_string_equal(genop_attendance_text(&std->attendance, buf, sizeof buf),
                        "Forløbet tages op til vurdering ved 1 udeblivelse eller afbud.");
    assert_string_equal(genop_residency_text(std, buf, sizeof buf), "Borgeren skal bo i Ærø Kommune.");
    assert_string_equal(genop_quarantine_text(&std->quarantine, buf, sizeof buf),
                        "Et nyt forløb for samme lidelse kan tidligst bevilges 5 måneder efter, "
                        "at det forrige sluttede.");

    /* Cut inside "Æ" (2 bytes): the half character becomes '?'. */
    char tiny[sizeof "Borgeren skal bo i " + 1];
    assert_string_equal(genop_residency_text(std, tiny, sizeof tiny), "Borgeren skal bo i ?");

    json_t *doc = to_json(std);
    const json_t *q = rule_of(json_object_get(doc, "eligibility"), "quarantine", NULL);
    assert_int_equal(int_at(q, "amount"), 5);
    assert_string_equal(str_at(q, "unit"), "months");
    assert_string_equal(str_at(rule_of(json_object_get(doc, "limits"), "course_length", NULL), "unit"), "days");
    /* content keys the YAML leaves out are empty lists, not missing. */
    const json_t *c = json_object_get(doc, "content");
    assert_int_equal(json_object_size(c), 8);
    assert_int_equal(json_array_size(json_object_get(c, "contact")), 0);
    assert_true(json_is_null(json_object_get(doc, "effective_from")));
    json_decref(doc);
    genop_standard_free(std);
}

/* A text that is not UTF-8 (libfyaml 0.7.12 can return one, see
 * standard_json.c) gets '?' for the bad bytes; the document still builds. */
static void test_invalid_utf8_text(void **state)
{
    (void)state;
    genop_standard *std = parse(HEAD "deadlines:\n"
        "  - {id: a, label: A, from: referral_received, until: contacted, amount: 1, unit: days, "
        "source: {section: A, quote: B, note: Nxte}}\n");
    std->deadlines[0].source.note[1] = (char)0xff;          /* "N\xffte" */
    std->title[0] = (char)0xc3;                             /* a lead byte before 'e' */
    json_t *doc = to_json(std);
    assert_string_equal(str_at(json_object_get(rule_of(json_object_get(doc, "deadlines"), "a", NULL), "source"),
                               "note"), "N?te");
    assert_string_equal(str_at(doc, "title"), "?est");
    json_decref(doc);
    genop_standard_free(std);
}

/* ---- allocation failures ----------------------------------------------- */

/* jansson's allocator takes no context, so the countdown is the test's. */
static long allocations_left = -1;   /* -1: never fail */

static void *failing_malloc(size_t size)
{
    if (allocations_left == 0)
        return NULL;
    if (allocations_left > 0)
        allocations_left--;
    return malloc(size);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    genop_standard *std = load_shipped("aalborg");
    json_set_alloc_funcs(failing_malloc, free);
    long n;
    for (n = 0; n < 100000; n++) {
        allocations_left = n;
        json_t *doc = (json_t *)1;
        genop_error e;
        genop_err err = genop_standard_to_json(std, &doc, &e);
        if (err == GENOP_OK) {
            json_decref(doc);
            break;
        }
        assert_int_equal(err, GENOP_ENOMEM);
        assert_null(doc);
        assert_message_contains(e, "aalborg");
    }
    allocations_left = -1;
    json_set_alloc_funcs(malloc, free);
    assert_true(n > 100);          /* the document takes hundreds of allocations */
    assert_true(n < 100000);
    genop_standard_free(std);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_shipped_standard),
        cmocka_unit_test(test_aalborg),
        cmocka_unit_test(test_skive),
        cmocka_unit_test(test_rodovre_without_date),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_invalid_utf8_text),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
