/*
 * test_standard_criteria.c - unit tests for who can and cannot receive
 * training: the loader's `criteria` (standard_load_criteria.c), the
 * standard's list of criteria (criteria.h: eligibility rules, then the
 * target-group criteria), the list in the standard's JSON document, and a
 * refusal's reasons in the domain layer (src/casework/decision_reasons.h).
 *
 * - The loader reads criteria with their paragraphs and sources, and
 *   reports each mistake at its FILE:LINE:COLUMN in Danish: a missing id,
 *   text or source, a duplicate, malformed or reserved id, an unknown key,
 *   an empty list.
 * - The list: eligibility rules first (ids as their YAML keys), then the
 *   criteria; lookups; the ids as one text ending in "other".
 * - The shipped standards: every one has criteria, each with a section
 *   and a quote; Rødovre's "kunne træne i andet regi", Nyborg's "selv i
 *   stand til".
 * - A refusal without reasons, with an empty list, an empty text, an item
 *   that is no object, reasons on a grant; a criterion the standard does
 *   not list (also in a correction); "other"; the reasons kept in the
 *   stored event.
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

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "criteria.h"
#include "decision_reasons.h"
#include "event_input.h"
#include "registry.h"
#include "standard.h"
#include "standard_json.h"
#include "standard_load.h"

/* Lines 1-5: a standard with nothing but what is required. */
#define HEAD                                                                  \
    "id: test\n"                                                    /* 1 */  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n" \
    "title: Test\n"                                                 /* 3 */  \
    "paragraphs: [\"86.1\", \"86.2\"]\n"                            /* 4 */  \
    "content: {purpose: [Formål]}\n"                                /* 5 */

static genop_standard *shipped(const char *id)
{
    genop_standard *std = NULL;
    must(genop_registry_load(id, &std, e));
    return std;
}

/* ---- criteria in YAML ----------------------------------------------- */

static const char two_criteria[] = HEAD
    "eligibility:\n"                                                  /*  6 */
    "  residency: {source: {section: Målgruppe, quote: Du bor her.}}\n" /* 7 */
    "criteria:\n"                                                     /*  8 */
    "  - id: motivation\n"                                            /*  9 */
    "    text: Borgeren skal være motiveret.\n"                       /* 10 */
    "    source:\n"                                                   /* 11 */
    "      section: Målgruppe\n"                                      /* 12 */
    "      quote: \"Du er motiveret.\"\n"                             /* 13 */
    "      note: Læses bredt.\n"                                      /* 14 */
    "  - id: train_elsewhere\n"                                       /* 15 */
    "    paragraphs: [\"86.2\"]\n"                                    /* 16 */
    "    text: Borgeren kan træne i andet regi.\n"                    /* 17 */
    "    source: {section: Hvem kan ikke}\n";                         /* 18 */

static void test_criteria_loaded(void **state)
{
    (void)state;
    genop_standard *std = expect_loaded(two_criteria);
    assert_int_equal(std->n_criteria, 2);
    assert_string_equal(std->criteria[0].id, "motivation");
    assert_string_equal(std->criteria[0].text, "Borgeren skal være motiveret.");
    assert_int_equal(std->criteria[0].paragraphs, GENOP_PARA_86_1 | GENOP_PARA_86_2);
    assert_string_equal(std->criteria[0].source.citation, "Testrup, Målgruppe");
    assert_string_equal(std->criteria[0].source.quote, "Du er motiveret.");
    assert_string_equal(std->criteria[0].source.note, "Læses bredt.");
    assert_string_equal(std->criteria[1].id, "train_elsewhere");
    assert_int_equal(std->criteria[1].paragraphs, GENOP_PARA_86_2);
    assert_null(std->criteria[1].source.quote);

    genop_criterion_entry all[GENOP_CRITERIA_ALL_MAX], found;
    assert_int_equal(genop_criteria(std, all), 3);
    assert_string_equal(all[0].id, "residency");
    assert_int_equal(all[0].kind, GENOP_CRITERION_ELIGIBILITY);
    assert_null(all[0].rule);
    assert_string_equal(all[0].source->quote, "Du bor her.");
    assert_string_equal(all[1].id, "motivation");
    assert_int_equal(all[1].kind, GENOP_CRITERION_TARGET_GROUP);
    assert_ptr_equal(all[2].rule, &std->criteria[1]);
    char buf[GENOP_CRITERION_TEXT_MAX];
    assert_non_null(strstr(genop_criterion_text(std, &all[0], buf, sizeof buf), "Testrup Kommune"));
    assert_string_equal(genop_criterion_text(std, &all[2], buf, sizeof buf),
                        "Borgeren kan træne i andet regi.");
    assert_true(genop_criterion_find(std, "train_elsewhere", &found));
    assert_string_equal(found.id, "train_elsewhere");
    assert_false(genop_criterion_find(std, "other", &found));
    assert_false(genop_criterion_find(std, "minimum_age", &found));
    assert_false(genop_criterion_find(std, NULL, &found));
    char ids[64];
    assert_string_equal(genop_criterion_ids(std, ids, sizeof ids),
                        "residency, motivation, train_elsewhere, other");
    assert_string_equal(genop_criterion_ids(std, ids, 12), "residency, ");
    genop_standard_free(std);
}

static void test_criteria_problems(void **state)
{
    (void)state;
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - text: Tekst\n"                                   /*  7 */
                 "    source: {section: Målgruppe}\n",                 /*  8 */
            "7:5", "'id'");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - id: a\n"                                         /*  7 */
                 "    source: {section: Målgruppe}\n",                 /*  8 */
            "7:5", "'text'");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - id: a\n"                                         /*  7 */
                 "    text: Tekst\n",                                  /*  8 */
            "7:5", "'source'");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: a, text: T, source: {section: S}}\n"        /*  7 */
                 "  - {id: a, text: U, source: {section: S}}\n",       /*  8 */
            "8:10", "kriteriet 'a' står to gange");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: a, text: T, source: {section: S}, txt: U}\n", /* 7 */
            "7:44", "txt");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: other, text: T, source: {section: S}}\n",   /*  7 */
            "7:10", "forbeholdt");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: residency, text: T, source: {section: S}}\n", /* 7 */
            "7:10", "forbeholdt");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: Motiveret, text: T, source: {section: S}}\n", /* 7 */
            "7:10", "a-z, 0-9 og _");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - {id: a, text: T, source: {quote: Q}}\n",         /*  7 */
            "7:31", "section");
    expect_one_problem(HEAD "criteria: []\n", "6:1", "mindst ét kriterium");
    expect_one_problem(HEAD "criteria:\n"                                         /*  6 */
                 "  - Borgeren skal være motiveret.\n",                /*  7 */
            "7:5", "mapping");
}

/* Every shipped standard lists target-group criteria, each cited with a
 * section and a quote; the two examples of the issue are there. */
static void test_shipped(void **state)
{
    (void)state;
    static const char *const ids[] = {"rodovre", "skive", "nyborg", "ishoj", "aalborg"};
    for (size_t k = 0; k < 5; k++) {
        genop_standard *std = shipped(ids[k]);
        assert_true(std->n_criteria >= 2);
        for (size_t i = 0; i < std->n_criteria; i++) {
            assert_non_null(std->criteria[i].source.section);
            assert_non_null(std->criteria[i].source.quote);
            assert_false(genop_criterion_id_reserved(std->criteria[i].id));
        }
        genop_standard_free(std);
    }
    genop_standard *rodovre = shipped("rodovre");
    genop_criterion_entry c;
    assert_true(genop_criterion_find(rodovre, "can_train_elsewhere", &c));
    assert_string_equal(c.source->quote, "Borgere som vurderes at kunne træne i andet regi");
    assert_string_equal(c.source->citation, "Rødovre, Hvem kan ikke modtage ydelsen?");
    assert_true(genop_criterion_find(rodovre, "hospital_plan_excludes", &c));
    genop_standard_free(rodovre);
    genop_standard *nyborg = shipped("nyborg");
    assert_true(genop_criterion_find(nyborg, "can_improve_alone", &c));
    assert_non_null(strstr(c.source->quote, "Er du selv i stand til at forbedre eller vedligeholde "
                                            "din funktionsevne"));
    genop_standard_free(nyborg);
}

/* The JSON document lists eligibility rules and criteria alike. */
static void test_document(void **state)
{
    (void)state;
    genop_standard *std = shipped("ishoj");
    json_t *doc = NULL;
    must(genop_standard_to_json(std, &doc, e));
    json_t *list = json_object_get(doc, "criteria");
    assert_int_equal(json_array_size(list), 4 + std->n_criteria);
    json_t *first = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), "minimum_age");
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "eligibility");
    assert_non_null(strstr(json_string_value(json_object_get(first, "text")), "18"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "source"),
                                                          "section")),
                        "Målgruppe");
    json_t *last = json_array_get(list, json_array_size(list) - 1);
    assert_string_equal(json_string_value(json_object_get(last, "id")), "active_participation");
    assert_string_equal(json_string_value(json_object_get(last, "kind")), "target_group");
    assert_string_equal(json_string_value(json_object_get(json_object_get(last, "source"),
                                                          "citation")),
                        "Ishøj, Tildeling");
    json_decref(doc);
    genop_standard_free(std);
}

/* ---- a refusal's reasons in the domain layer ------------------------ */

/* Reads the event body json: the refusal's field (or "" when read), and
 * when read, the refusal of the criteria check against std (field in
 * `checked`, "" when it passes). The stored form into stored when given. */
static void judge(const genop_standard *std, const char *json, char *read_field,
                  char *checked, char **stored)
{
    json_t *body = json_loads(json, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    genop_error re, ce;
    read_field[0] = checked[0] = '\0';
    genop_error_clear(&re);
    genop_error_clear(&ce);
    if (casework_event_read(body, &ev, &re)) {
        snprintf(read_field, GENOP_ERROR_FIELD_MAX, "%s", re.field);
    } else {
        json_t *doc = json_loads(ev.stored, 0, NULL);
        bool corr = ev.kind == CASEWORK_EVENT_CORRECTION;
        if (casework_decision_reasons_criteria(std, corr ? json_object_get(doc, "event") : doc,
                                               corr ? "$.event" : "$", &ce))
            snprintf(checked, GENOP_ERROR_FIELD_MAX, "%s", ce.field);
        json_decref(doc);
        if (stored)
            *stored = strdup(ev.stored);
    }
    casework_event_release(&ev);
    json_decref(body);
}

#define REFUSAL "{\"type\":\"decision\",\"date\":\"2025-06-02\",\"granted\":false"

static void test_reasons(void **state)
{
    (void)state;
    genop_standard *std = shipped("rodovre");
    char f[GENOP_ERROR_FIELD_MAX], c[GENOP_ERROR_FIELD_MAX];
    judge(std, REFUSAL "}", f, c, NULL);
    assert_string_equal(f, "$.reasons");
    judge(std, REFUSAL ",\"reasons\":[]}", f, c, NULL);
    assert_string_equal(f, "$.reasons");
    judge(std, REFUSAL ",\"reasons\":{}}", f, c, NULL);
    assert_string_equal(f, "$.reasons");
    judge(std, REFUSAL ",\"reasons\":[\"can_train_elsewhere\"]}", f, c, NULL);
    assert_string_equal(f, "$.reasons[0]");
    judge(std, REFUSAL ",\"reasons\":[{\"criterion\":\"other\",\"text\":\"Ok\"},"
                       "{\"criterion\":\"can_train_elsewhere\",\"text\":\"  \"}]}", f, c, NULL);
    assert_string_equal(f, "$.reasons[1].text");
    judge(std, REFUSAL ",\"reasons\":[{\"text\":\"Ok\"}]}", f, c, NULL);
    assert_string_equal(f, "$.reasons[0].criterion");
    judge(std, "{\"type\":\"decision\",\"date\":\"2025-06-02\",\"granted\":true," TEST_GRANT ","
               "\"reasons\":[{\"criterion\":\"other\",\"text\":\"Ok\"}]}", f, c, NULL);
    assert_string_equal(f, "$.reasons");

    /* Well formed, but a criterion of another standard: refused when judged. */
    judge(std, REFUSAL ",\"reasons\":[{\"criterion\":\"other\",\"text\":\"Ok\"},"
                       "{\"criterion\":\"sudden_decline\",\"text\":\"Ok\"}]}", f, c, NULL);
    assert_string_equal(f, "");
    assert_string_equal(c, "$.reasons[1].criterion");
    judge(std, "{\"type\":\"correction\",\"date\":\"2025-06-03\",\"corrects\":4,\"reason\":\"Dato\","
               "\"event\":" REFUSAL ",\"reasons\":[{\"criterion\":\"nope\",\"text\":\"Ok\"}]}}",
          f, c, NULL);
    assert_string_equal(f, "");
    assert_string_equal(c, "$.event.reasons[0].criterion");
    judge(std, "{\"type\":\"correction\",\"date\":\"2025-06-03\",\"corrects\":4,\"reason\":\"Dato\","
               "\"event\":" REFUSAL "}}", f, c, NULL);
    assert_string_equal(f, "$.event.reasons");

    /* A good refusal is kept with its reasons, and only their two members. */
    char *stored = NULL;
    judge(std, REFUSAL ",\"reasons\":[{\"criterion\":\"can_train_elsewhere\",\"text\":\"Går til "
                       "gymnastik.\",\"extra\":1},{\"criterion\":\"hospital_plan_excludes\","
                       "\"text\":\"Plan fra Hvidovre.\"}]}", f, c, &stored);
    assert_string_equal(f, "");
    assert_string_equal(c, "");
    assert_non_null(stored);
    assert_non_null(strstr(stored, "\"reasons\":[{\"criterion\":\"can_train_elsewhere\",\"text\":"
                                   "\"Går til gymnastik.\"},{\"criterion\":"
                                   "\"hospital_plan_excludes\""));
    assert_null(strstr(stored, "extra"));
    free(stored);
    /* A grant stores no reasons. */
    stored = NULL;
    judge(std, "{\"type\":\"decision\",\"date\":\"2025-06-02\",\"granted\":true," TEST_GRANT "}",
          f, c, &stored);
    assert_string_equal(f, "");
    assert_non_null(stored);
    assert_null(strstr(stored, "reasons"));
    free(stored);
    genop_standard_free(std);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_criteria_loaded),
        cmocka_unit_test(test_criteria_problems),
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
