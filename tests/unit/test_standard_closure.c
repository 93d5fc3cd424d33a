/*
 * test_standard_closure.c - unit tests for the parts of a standard beside
 * its rules: the reasons a course may end (closure_reasons.h, the
 * loader's `closure_reasons`, and the domain layer's check of a closure's
 * reason, src/casework/closure_reason.h) and the standard's own revision
 * (revision.h, the loader's `revision`), with both in the standard's JSON
 * document (standard_json.h).
 *
 * - The loader reads closure_reasons and revision, and reports each
 *   mistake at its FILE:LINE:COLUMN in Danish: a duplicate or malformed
 *   id, an id of genop's own reasons for ending a case, a missing or
 *   empty label, a missing source or section, an unknown key, an empty
 *   list; an interval without an approval date, an unknown
 *   unit or workdays, an amount of 0, an impossible approval date, a due
 *   date beyond the calendar.
 * - The effective list: the standard's own reasons in its order (one with
 *   a general reason's id takes its place and label), then genop's general
 *   ones it did not name; the ids as one text, cut short safely.
 * - The revision is due the interval after approval: in time on the due
 *   day, overdue the day after; months are clamped to the month's end.
 * - The shipped standards: Ishøj's five grounds, Rødovre's, Skive's
 *   admission, Nyborg's yearly revision from 3 May 2017.
 * - A closed event's reason, and a correction's, against the standard.
 *
 * Positions were counted by hand in the YAML literals below (1-based), and
 * the due dates on a calendar, never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "closure_reason.h"
#include "closure_reasons.h"
#include "event_input.h"
#include "registry.h"
#include "revision.h"
#include "standard.h"
#include "standard_json.h"
#include "standard_load.h"

/* Lines 1-5: a standard with nothing but what is required. Every
 * position below counts on from line 6. */
#define HEAD                                                                  \
    "id: test\n"                                                    /* 1 */  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n" \
    "title: Test\n"                                                 /* 3 */  \
    "paragraphs: [\"86.1\"]\n"                                      /* 4 */  \
    "content: {purpose: [Formål]}\n"                                /* 5 */

/* Parses text as "t.yaml": GENOP_OK with the standard in *out, or the
 * problems in *p (freed by the caller with genop_problems_free). */
static genop_err parse(const char *text, genop_standard **out, genop_problems *p)
{
    genop_error e;
    genop_error_clear(&e);
    return genop_standard_parse(text, strlen(text), "t.yaml", out, p, &e);
}

static genop_standard *loaded(const char *text)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    if (parse(text, &std, &p) != GENOP_OK) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_problems_free(&p);
        fail_msg("a good standard was refused");
    }
    genop_problems_free(&p);
    return std;
}

/* text must be refused with exactly one problem that starts with
 * "t.yaml:<at>: " and contains `words`. */
static void refused(const char *text, const char *at, const char *words)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_err err = parse(text, &std, &p);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "t.yaml:%s: ", at);
    bool good = err == GENOP_EINVAL && std == NULL && p.n == 1 &&
                strncmp(p.items[0], prefix, strlen(prefix)) == 0 && strstr(p.items[0], words);
    if (!good) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_standard_free(std);
        genop_problems_free(&p);
        fail_msg("expected one problem \"%s...%s\" (err %d)", prefix, words, (int)err);
    }
    genop_problems_free(&p);
}

static genop_standard *shipped(const char *id)
{
    genop_standard *std = NULL;
    must(genop_registry_load(id, &std, e));
    return std;
}

/* ---- closure_reasons in YAML ---------------------------------------- */

static const char two_reasons[] = HEAD
    "closure_reasons:\n"                                              /*  6 */
    "  - id: goal_reached\n"                                          /*  7 */
    "    label: Målet er nået helt\n"                                 /*  8 */
    "    source:\n"                                                   /*  9 */
    "      section: Afslutning\n"                                     /* 10 */
    "      quote: \"Forløbet slutter, når målet er nået.\"\n"         /* 11 */
    "  - id: tired\n"                                                 /* 12 */
    "    label: Borgeren er træt\n"                                   /* 13 */
    "    source: {section: Afslutning, note: Læses som udmattelse.}\n"; /* 14 */

static void test_reasons_loaded(void **state)
{
    (void)state;
    genop_standard *std = loaded(two_reasons);
    assert_int_equal(std->n_closure_reasons, 2);
    assert_string_equal(std->closure_reasons[0].id, "goal_reached");
    assert_string_equal(std->closure_reasons[0].label, "Målet er nået helt");
    assert_string_equal(std->closure_reasons[0].source.citation, "Testrup, Afslutning");
    assert_string_equal(std->closure_reasons[0].source.quote, "Forløbet slutter, når målet er nået.");
    assert_string_equal(std->closure_reasons[1].id, "tired");
    assert_string_equal(std->closure_reasons[1].source.note, "Læses som udmattelse.");
    assert_null(std->closure_reasons[1].source.quote);
    assert_false(std->revision.present);
    genop_standard_free(std);
}

static void test_reason_problems(void **state)
{
    (void)state;
    refused(HEAD "closure_reasons:\n"
                 "  - {id: tired, label: A, source: {section: S}}\n"
                 "  - id: tired\n"                                    /*  8 */
                 "    label: B\n"
                 "    source: {section: S}\n",
            "8:9", "afslutningsgrunden 'tired' står to gange");
    refused(HEAD "closure_reasons:\n"
                 "  - id: refused\n"                                  /*  7 */
                 "    label: Afslag\n"
                 "    source: {section: S}\n",
            "7:9", "afslutningsgrunden 'refused' er genops egen grund til at afslutte en sag "
                   "uden forløb");
    refused(HEAD "closure_reasons:\n"
                 "  - id: Træt\n"                                     /*  7 */
                 "    label: A\n"
                 "    source: {section: S}\n",
            "7:9", "afslutningsgrundens id 'Træt' må kun have a-z, 0-9 og _");
    refused(HEAD "closure_reasons:\n"
                 "  - id: tired\n"                                    /*  7 */
                 "    source: {section: S}\n",
            "7:5", "afslutningsgrunden mangler 'label'");
    refused(HEAD "closure_reasons:\n"
                 "  - id: tired\n"
                 "    label: \"\"\n"                                  /*  8 */
                 "    source: {section: S}\n",
            "8:13", "'label' i afslutningsgrunden må ikke være tom");  /* libfyaml: inside the quotes */
    refused(HEAD "closure_reasons:\n"
                 "  - id: tired\n"                                    /*  7 */
                 "    label: A\n",
            "7:5", "afslutningsgrunden mangler 'source'");
    refused(HEAD "closure_reasons:\n"
                 "  - id: tired\n"
                 "    label: A\n"
                 "    source: {quote: x}\n",                          /*  9 */
            "9:14", "source mangler 'section'");
    refused(HEAD "closure_reasons:\n"
                 "  - id: tired\n"
                 "    label: A\n"
                 "    colour: blue\n"                                 /*  9 */
                 "    source: {section: S}\n",
            "9:5", "ukendt nøgle 'colour' i en afslutningsgrund");
    refused(HEAD "closure_reasons: []\n", "6:1", "closure_reasons skal nævne mindst én grund");
    refused(HEAD "closure_reasons: {a: b}\n", "6:19", "'closure_reasons' i standarden skal være en liste");
    refused(HEAD "closure_reasons:\n"
                 "  - tired\n",                                       /*  7 */
            "7:5", "hver afslutningsgrund skal være en mapping");
}

/* ---- the effective list --------------------------------------------- */

static void test_effective_list(void **state)
{
    (void)state;
    genop_standard *std = loaded(two_reasons);
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(std, all);
    static const char *const ids[] = {"goal_reached", "tired", "citizen_declined", "no_shows",
                                      "moved", "deceased", "other"};
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(all[i].id, ids[i]);
        assert_int_equal(all[i].general, i >= 2);
        assert_int_equal(all[i].source == NULL, i >= 2);
    }
    assert_string_equal(all[0].label, "Målet er nået helt");   /* the standard's label wins */
    assert_ptr_equal(all[0].source, &std->closure_reasons[0].source);
    assert_string_equal(all[4].label, "Borgeren er flyttet");

    genop_reason_entry found = {0};
    assert_true(genop_closure_reason_find(std, "tired", &found));
    assert_string_equal(found.label, "Borgeren er træt");
    assert_true(genop_closure_reason_find(std, "other", &found));
    assert_true(found.general);
    found.id = "untouched";
    assert_false(genop_closure_reason_find(std, "Tired", &found));
    assert_false(genop_closure_reason_find(std, "", &found));
    assert_string_equal(found.id, "untouched");

    char buf[128];
    assert_string_equal(genop_closure_reason_ids(std, buf, sizeof buf),
                        "goal_reached, tired, citizen_declined, no_shows, moved, deceased, other");
    char exact[20], small[10];
    assert_string_equal(genop_closure_reason_ids(std, exact, sizeof exact), "goal_reached, tired");
    assert_string_equal(genop_closure_reason_ids(std, small, sizeof small), "goal_reac");
    genop_standard_free(std);
}

static void test_general_only(void **state)
{
    (void)state;
    genop_standard *std = loaded(HEAD);
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(std, all);
    assert_int_equal(n, GENOP_GENERAL_REASONS);
    for (size_t i = 0; i < n; i++) {
        genop_reason_entry g = genop_general_reason(i);
        assert_string_equal(all[i].id, g.id);
        assert_string_equal(all[i].label, g.label);
        assert_true(all[i].general);
        assert_null(all[i].source);
    }
    assert_string_equal(all[0].id, "goal_reached");
    assert_string_equal(all[0].label, "Målet er nået");
    assert_string_equal(all[5].id, "other");
    genop_standard_free(std);
}

/* ---- revision in YAML ----------------------------------------------- */

static void test_revision_loaded(void **state)
{
    (void)state;
    genop_standard *std = loaded(HEAD
        "revision:\n"                                                 /*  6 */
        "  approved_on: 2017-05-03\n"
        "  every: {amount: 12, unit: months}\n"
        "  source:\n"
        "    section: Kvalitetsmål\n"
        "    quote: \"Revideres årligt.\"\n");
    const genop_revision_rule *r = &std->revision;
    assert_true(r->present && r->has_approved_on && r->has_every);
    assert_date_is(r->approved_on, "2017-05-03");
    assert_int_equal(r->every_amount, 12);
    assert_int_equal(r->every_unit, GENOP_UNIT_MONTHS);
    assert_string_equal(r->source.citation, "Testrup, Kvalitetsmål");
    genop_date due = 0;
    assert_true(genop_revision_due(r, &due));
    assert_date_is(due, "2018-05-03");
    genop_standard_free(std);

    std = loaded(HEAD "revision: {source: {section: Forside, quote: Ved større ændringer.}}\n");
    assert_true(std->revision.present);
    assert_false(std->revision.has_approved_on || std->revision.has_every);
    assert_false(genop_revision_due(&std->revision, &due));
    genop_standard_free(std);

    /* approved_on alone: a date, no interval. */
    std = loaded(HEAD "revision: {approved_on: 2024-05-01, source: {section: S}}\n");
    assert_true(std->revision.has_approved_on);
    assert_false(std->revision.has_every);
    genop_standard_free(std);
}

static void test_revision_problems(void **state)
{
    (void)state;
    refused(HEAD "revision:\n"
                 "  every: {amount: 12, unit: months}\n"              /*  7 */
                 "  source: {section: S}\n",
            "7:11", "revision har 'every', men ikke 'approved_on'");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n"
                 "  every: {amount: 12, unit: hours}\n"               /*  8 */
                 "  source: {section: S}\n",
            "8:29", "enheden 'hours' i every findes ikke");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n"
                 "  every: {amount: 12, unit: workdays}\n"            /*  8 */
                 "  source: {section: S}\n",
            "8:29", "revisionsintervallet angives i days, weeks eller months");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n"
                 "  every: {amount: 0, unit: months}\n"               /*  8 */
                 "  source: {section: S}\n",
            "8:19", "'amount' i every er 0; den skal være 1-1200");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n"
                 "  every: {unit: months}\n"                          /*  8 */
                 "  source: {section: S}\n",
            "8:11", "every mangler 'amount'");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-02-30\n"                        /*  7 */
                 "  source: {section: S}\n",
            "7:16", "approved_on: ugyldig dato '2017-02-30'");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n",                       /*  7 */
            "7:3", "revision mangler 'source'");
    refused(HEAD "revision:\n"
                 "  approved_on: 2017-05-03\n"
                 "  interval: 12\n"                                   /*  8 */
                 "  source: {section: S}\n",
            "8:3", "ukendt nøgle 'interval' i revision");
    refused(HEAD "revision:\n"
                 "  approved_on: 2199-06-01\n"
                 "  every: {amount: 12, unit: months}\n"              /*  8 */
                 "  source: {section: S}\n",
            "8:11", "revisionen falder uden for kalenderens interval 1900-2199");
    refused(HEAD "revision: årligt\n", "6:11", "'revision' i standarden skal være en mapping");
}

/* ---- judging the revision ------------------------------------------- */

static genop_revision_rule every(const char *approved, int amount, genop_unit unit)
{
    genop_revision_rule r = {.present = true, .has_approved_on = true, .has_every = true,
                             .every_amount = amount, .every_unit = unit};
    r.approved_on = date_of(approved);
    return r;
}

static void test_revision_due_and_overdue(void **state)
{
    (void)state;
    genop_revision_rule r = every("2017-05-03", 12, GENOP_UNIT_MONTHS);
    genop_revision_state before = genop_revision_judge(&r, date_of("2018-05-02"));
    genop_revision_state at = genop_revision_judge(&r, date_of("2018-05-03"));
    genop_revision_state after = genop_revision_judge(&r, date_of("2018-05-04"));
    assert_true(before.has_due && at.has_due && after.has_due);
    assert_date_is(at.due, "2018-05-03");
    assert_false(before.overdue);
    assert_false(at.overdue);       /* the due day itself is still in time */
    assert_true(after.overdue);

    /* 31 January + 1 month is the last day of February (2020: the 29th). */
    r = every("2020-01-31", 1, GENOP_UNIT_MONTHS);
    assert_date_is(genop_revision_judge(&r, date_of("2020-02-29")).due, "2020-02-29");
    assert_false(genop_revision_judge(&r, date_of("2020-02-29")).overdue);
    assert_true(genop_revision_judge(&r, date_of("2020-03-01")).overdue);
    r = every("2025-01-01", 2, GENOP_UNIT_WEEKS);
    assert_date_is(genop_revision_judge(&r, date_of("2025-01-01")).due, "2025-01-15");
    r = every("2025-01-01", 30, GENOP_UNIT_DAYS);
    assert_date_is(genop_revision_judge(&r, date_of("2025-01-01")).due, "2025-01-31");

    /* No interval, or no approval date: never overdue. */
    genop_revision_rule none = {.present = true};
    genop_revision_state s = genop_revision_judge(&none, date_of("2199-12-31"));
    assert_false(s.has_due || s.overdue);
    genop_revision_rule absent = {0};
    assert_false(genop_revision_judge(&absent, date_of("2199-12-31")).overdue);
}

static void test_revision_sentences(void **state)
{
    (void)state;
    char buf[GENOP_REVISION_TEXT_MAX];
    genop_revision_rule r = every("2017-05-03", 12, GENOP_UNIT_MONTHS);
    genop_revision_state s = genop_revision_judge(&r, date_of("2026-01-01"));
    assert_string_equal(genop_revision_warning(&r, &s, buf, sizeof buf),
                        "standarden blev godkendt 3. maj 2017 og skal ifølge sig selv revideres "
                        "hver 12. måned; den skulle have været revideret senest 3. maj 2018.");
    assert_string_equal(genop_revision_text(&r, buf, sizeof buf),
                        "Standarden skal ifølge sig selv revideres hver 12. måned, regnet fra "
                        "godkendelsen 3. maj 2017.");
    r = every("2017-05-03", 1, GENOP_UNIT_MONTHS);
    assert_string_equal(genop_revision_every_text(&r, buf, sizeof buf), "hver måned");
    r = every("2017-05-03", 2, GENOP_UNIT_WEEKS);
    assert_string_equal(genop_revision_every_text(&r, buf, sizeof buf), "hver 2. uge");
    r = every("2017-05-03", 30, GENOP_UNIT_DAYS);
    assert_string_equal(genop_revision_every_text(&r, buf, sizeof buf), "hver 30. dag");
    genop_revision_rule none = {.present = true};
    assert_string_equal(genop_revision_text(&none, buf, sizeof buf),
                        "Standarden angiver ingen fast frist for, hvornår den revideres.");
    char small[16];
    genop_revision_text(&r, small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
}

/* ---- the shipped standards ------------------------------------------ */

static void assert_ids(const genop_standard *std, const char *const *ids, size_t count)
{
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(std, all);
    assert_int_equal(n, count);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(all[i].id, ids[i]);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s, ", std->short_name);
    for (size_t i = 0; i < std->n_closure_reasons; i++) {
        const genop_source *src = &std->closure_reasons[i].source;
        assert_non_null(src->quote);
        assert_int_equal(strncmp(src->citation, prefix, strlen(prefix)), 0);
        assert_string_equal(src->citation + strlen(prefix), src->section);
    }
}

static void test_shipped(void **state)
{
    (void)state;
    static const char *const ishoj[] = {"self_training", "previous_level", "goal_reached",
                                        "no_progress", "not_motivated", "citizen_declined",
                                        "no_shows", "moved", "deceased", "other"};
    static const char *const rodovre[] = {"goal_reached", "goal_unreachable", "no_shows",
                                          "citizen_declined", "moved", "deceased", "other"};
    static const char *const skive[] = {"no_shows", "admitted", "goal_reached",
                                        "citizen_declined", "moved", "deceased", "other"};
    genop_standard *std = shipped("ishoj");
    assert_ids(std, ishoj, 10);
    assert_string_equal(std->closure_reasons[4].source.citation, "Ishøj, Omfang og varighed");
    assert_string_equal(std->closure_reasons[4].source.quote, "Du er ikke motiveret for genoptræning.");
    assert_true(std->revision.present);
    assert_false(std->revision.has_every || std->revision.has_approved_on);
    assert_string_equal(std->revision.source.quote, "Kvalitetsstandarden revideres ved større ændringer.");
    genop_standard_free(std);

    std = shipped("rodovre");
    assert_ids(std, rodovre, 7);
    assert_false(std->revision.present);
    genop_standard_free(std);
    std = shipped("skive");
    assert_ids(std, skive, 7);
    assert_string_equal(std->closure_reasons[1].label, "Borgeren er indlagt");
    genop_standard_free(std);

    std = shipped("nyborg");
    genop_revision_state s = genop_revision_judge(&std->revision, date_of("2018-05-04"));
    assert_true(s.overdue);
    assert_date_is(s.due, "2018-05-03");
    assert_string_equal(std->revision.source.citation, "Nyborg, Kvalitetsmål");
    assert_string_equal(std->closure_reasons[0].source.quote,
                        "Ved gentagne udeblivelser uden afbud afsluttes din træning.");
    genop_standard_free(std);

    std = shipped("aalborg");
    assert_string_equal(std->closure_reasons[0].label, "Gentagne afbud eller udeblivelser");
    assert_false(std->revision.present);
    genop_standard_free(std);
}

/* ---- a closure's reason in the domain layer ------------------------- */

/* The refusal of casework_closure_reason_check for the event body json
 * (NULL when it passes), with target the stored event it corrects. */
static genop_err check(const genop_standard *std, const char *json, const genop_event_row *target,
                       genop_error *e)
{
    json_t *body = json_loads(json, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    genop_error re;
    genop_err err = casework_event_read(body, &ev, &re);
    if (err)
        fail_msg("event not read: %s", re.message);
    genop_error_clear(e);
    genop_case none = {0};      /* no decision: genop's own reasons never apply */
    err = casework_closure_reason_check(std, &none, &ev, target, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

static void test_closure_check(void **state)
{
    (void)state;
    genop_standard *ishoj = shipped("ishoj");
    genop_standard *rodovre = shipped("rodovre");
    genop_error e;
    assert_int_equal(check(ishoj, "{\"type\":\"closed\",\"date\":\"2025-06-02\",\"reason\":\"not_motivated\"}",
                           NULL, &e), GENOP_OK);
    assert_int_equal(check(rodovre, "{\"type\":\"closed\",\"date\":\"2025-06-02\",\"reason\":\"moved\"}",
                           NULL, &e), GENOP_OK);
    assert_int_equal(check(rodovre, "{\"type\":\"contacted\",\"date\":\"2025-06-02\"}", NULL, &e), GENOP_OK);
    assert_int_equal(check(rodovre, "{\"type\":\"closed\",\"date\":\"2025-06-02\",\"reason\":\"not_motivated\"}",
                           NULL, &e), GENOP_EREFUSED);
    assert_string_equal(e.field, "$.reason");
    assert_string_equal(e.message,
                        "$.reason: 'not_motivated' er ikke en af grundene til at afslutte et forløb "
                        "efter kvalitetsstandarden for Rødovre Kommune; brug en af: goal_reached, "
                        "goal_unreachable, no_shows, citizen_declined, moved, deceased, other");

    /* A correction's closure: a new reason must be allowed; the corrected
     * closure's own reason is kept even where the standard lacks it. */
    const char *fix = "{\"type\":\"correction\",\"date\":\"2025-06-03\",\"corrects\":7,\"reason\":\"dato\","
                      "\"event\":{\"type\":\"closed\",\"date\":\"2025-06-01\",\"reason\":\"træt\"}}";
    assert_int_equal(check(rodovre, fix, NULL, &e), GENOP_EREFUSED);
    assert_string_equal(e.field, "$.event.reason");
    assert_message_contains(e, "$.event.reason: 'træt' er ikke en af grundene");
    genop_event_row target = {.id = 7, .type = "closed", .body = "{\"type\":\"closed\",\"reason\":\"træt\"}"};
    assert_int_equal(check(rodovre, fix, &target, &e), GENOP_OK);
    target.body = "{\"type\":\"closed\",\"reason\":\"andet\"}";
    assert_int_equal(check(rodovre, fix, &target, &e), GENOP_EREFUSED);
    assert_int_equal(check(rodovre, "{\"type\":\"correction\",\"date\":\"2025-06-03\",\"corrects\":7,"
                                    "\"reason\":\"fejl\",\"event\":null}", &target, &e), GENOP_OK);
    genop_standard_free(ishoj);
    genop_standard_free(rodovre);
}

/* ---- the JSON document ---------------------------------------------- */

static void test_document(void **state)
{
    (void)state;
    genop_standard *std = shipped("nyborg");
    json_t *doc;
    genop_date at = date_of("2018-05-03"), after = date_of("2018-05-04");
    must(genop_standard_to_json_on(std, &after, &doc, e));
    json_t *rev = json_object_get(doc, "revision");
    assert_string_equal(json_string_value(json_object_get(rev, "approved_on")), "2017-05-03");
    assert_string_equal(json_string_value(json_object_get(rev, "due")), "2018-05-03");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(rev, "every"), "amount")), 12);
    assert_string_equal(json_string_value(json_object_get(json_object_get(rev, "every"), "unit")), "months");
    assert_true(json_is_true(json_object_get(rev, "overdue")));
    assert_non_null(strstr(json_string_value(json_object_get(rev, "warning")), "senest 3. maj 2018"));
    json_decref(doc);
    must(genop_standard_to_json_on(std, &at, &doc, e));
    rev = json_object_get(doc, "revision");
    assert_true(json_is_false(json_object_get(rev, "overdue")));
    assert_true(json_is_null(json_object_get(rev, "warning")));
    json_decref(doc);
    must(genop_standard_to_json(std, &doc, e));      /* judged as of no day */
    assert_true(json_is_null(json_object_get(json_object_get(doc, "revision"), "overdue")));
    json_t *reasons = json_object_get(doc, "closure_reasons");
    assert_int_equal(json_array_size(reasons), 6);
    json_t *own = json_array_get(reasons, 0), *general = json_array_get(reasons, 1);
    assert_string_equal(json_string_value(json_object_get(own, "id")), "no_shows");
    assert_true(json_is_false(json_object_get(own, "general")));
    assert_string_equal(json_string_value(json_object_get(json_object_get(own, "source"), "citation")),
                        "Nyborg, Er der noget , jeg skal gøre");
    assert_string_equal(json_string_value(json_object_get(general, "id")), "goal_reached");
    assert_true(json_is_true(json_object_get(general, "general")));
    assert_true(json_is_null(json_object_get(general, "source")));
    json_decref(doc);
    genop_standard_free(std);

    std = shipped("skive");
    must(genop_standard_to_json_on(std, &after, &doc, e));
    assert_true(json_is_null(json_object_get(doc, "revision")));
    json_decref(doc);
    genop_standard_free(std);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reasons_loaded),
        cmocka_unit_test(test_reason_problems),
        cmocka_unit_test(test_effective_list),
        cmocka_unit_test(test_general_only),
        cmocka_unit_test(test_revision_loaded),
        cmocka_unit_test(test_revision_problems),
        cmocka_unit_test(test_revision_due_and_overdue),
        cmocka_unit_test(test_revision_sentences),
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_closure_check),
        cmocka_unit_test(test_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
