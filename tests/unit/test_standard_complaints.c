/*
 * test_standard_complaints.c - unit tests of the standard's complaint
 * routes (complaint_routes.h; the loader's `complaint_routes`,
 * standard_load_complaints.c; the routes in the standard's JSON document,
 * standard_json.h).
 *
 * - The five shipped standards: Aalborg's Visitationen with its address,
 *   then Ankestyrelsen; Ishøj's two routes (the decision and the service
 *   level to Genoptræning Ishøj, the professional content straight to
 *   Styrelsen for Patientklager); Nyborg naming Ankestyrelsen where its
 *   text names Det Sociale Nævn; Rødovre and Skive with the law's default
 *   cited (retssikkerhedsloven §§ 66-67) and the unit their text gives.
 * - The route a complaint takes by what it is about, and the route as a
 *   Danish sentence.
 * - A standard without complaint_routes gets the law's default route.
 * - The routes in GET /api/v1/standard's document.
 * - Bad YAML is refused with one problem at its FILE:LINE:COLUMN, in
 *   Danish.
 *
 * Positions were counted by hand in the YAML literals below (1-based).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"
#include "standard_problem.h"

#include <jansson.h>
#include <string.h>

#include "complaint_routes.h"
#include "registry.h"
#include "standard.h"
#include "standard_json.h"
#include "standard_load.h"

/* Lines 1-5: a standard with nothing but what is required; line 6 opens
 * complaint_routes. Every position below counts on from line 7. */
#define HEAD                                                                  \
    "id: test\n"                                                    /* 1 */  \
    "municipality: {name: Testrup Kommune, short_name: Testrup, code: 999}\n" \
    "title: Test\n"                                                 /* 3 */  \
    "paragraphs: [\"86.1\"]\n"                                      /* 4 */  \
    "content: {purpose: [Formål]}\n"                                /* 5 */
#define ROUTES HEAD "complaint_routes:\n"                           /* 6 */
/* A good route, one line. */
#define GOOD_ROUTE                                                            \
    "  - {about: [decision], handler: ankestyrelsen, reconsiders: true, "     \
    "unit: {name: Enheden}, source: {section: Klage}}\n"

static genop_standard *shipped(const char *id)
{
    genop_standard *std = NULL;
    must(genop_registry_load(id, &std, e));
    return std;
}

static const genop_complaint_route *route(const genop_standard *s, genop_complaint_about a)
{
    const genop_complaint_route *r = genop_complaint_route_for(s, a);
    assert_non_null(r);
    return r;
}

static void test_aalborg(void **state)
{
    (void)state;
    genop_standard *s = shipped("aalborg");
    assert_int_equal(s->n_complaint_routes, 1);
    const genop_complaint_route *r = route(s, GENOP_ABOUT_DECISION);
    assert_int_equal(r->about, 1u << GENOP_ABOUT_DECISION);
    assert_int_equal(r->handler, GENOP_HANDLER_ANKESTYRELSEN);
    assert_true(r->reconsiders);
    assert_string_equal(r->unit.name, "Visitationen");
    assert_int_equal(r->unit.address.n, 2);
    assert_string_equal(r->unit.address.items[0], "Lindholm Brygge 31");
    assert_string_equal(r->unit.address.items[1], "9400 Nørresundby");
    assert_string_equal(r->unit.phone, "9982 5000");
    assert_string_equal(r->source.citation, "Aalborg, Hvis du ønsker at klage");
    assert_non_null(strstr(r->source.quote, "sendes din klage til Ankestyrelsen"));
    /* Aalborg names no other route: the service level goes the same way. */
    assert_ptr_equal(route(s, GENOP_ABOUT_SERVICE_LEVEL), r);
    assert_ptr_equal(route(s, GENOP_ABOUT_PROFESSIONAL), r);
    char buf[GENOP_COMPLAINT_ROUTE_TEXT_MAX];
    assert_string_equal(genop_complaint_route_text(r, buf, sizeof buf),
                        "Klager over afgørelsen sendes til Visitationen, Lindholm Brygge 31, "
                        "9400 Nørresundby, som genvurderer sagen. Får borgeren ikke fuldt "
                        "medhold, sendes klagen til Ankestyrelsen.");
    genop_standard_free(s);
}

static void test_ishoj_two_routes(void **state)
{
    (void)state;
    genop_standard *s = shipped("ishoj");
    assert_int_equal(s->n_complaint_routes, 2);
    const genop_complaint_route *service = route(s, GENOP_ABOUT_SERVICE_LEVEL);
    assert_ptr_equal(route(s, GENOP_ABOUT_DECISION), service);
    assert_true(service->reconsiders);
    assert_int_equal(service->handler, GENOP_HANDLER_ANKESTYRELSEN);
    assert_string_equal(service->unit.name, "Genoptræning Ishøj");
    assert_string_equal(service->unit.address.items[0], "Vejlebrovej 45");
    assert_string_equal(service->unit.address.items[1], "2635 Ishøj");
    assert_string_equal(service->source.citation, "Ishøj, Klagemuligheder");
    assert_non_null(strstr(service->source.quote, "revurderer sagen indenfor 4 uger"));

    const genop_complaint_route *prof = route(s, GENOP_ABOUT_PROFESSIONAL);
    assert_ptr_not_equal(prof, service);
    assert_int_equal(prof->about, 1u << GENOP_ABOUT_PROFESSIONAL);
    assert_false(prof->reconsiders);
    assert_false(prof->unit.present);
    assert_int_equal(prof->handler, GENOP_HANDLER_PATIENTKLAGER);
    assert_string_equal(prof->web, "https://stpk.dk/om-os/");
    assert_non_null(strstr(prof->source.quote, "skal rettes til Styrelsen for Patientklager"));
    char buf[GENOP_COMPLAINT_ROUTE_TEXT_MAX];
    assert_string_equal(genop_complaint_route_text(prof, buf, sizeof buf),
                        "Klager over det faglige indhold sendes direkte til Styrelsen for "
                        "Patientklager (https://stpk.dk/om-os/); kommunen genvurderer dem ikke.");
    assert_non_null(strstr(genop_complaint_route_text(service, buf, sizeof buf),
                           "Klager over afgørelsen og serviceniveauet sendes til Genoptræning "
                           "Ishøj, Vejlebrovej 45, 2635 Ishøj"));
    genop_standard_free(s);
}

static void test_nyborg_names_ankestyrelsen(void **state)
{
    (void)state;
    genop_standard *s = shipped("nyborg");
    assert_int_equal(s->n_complaint_routes, 1);
    const genop_complaint_route *r = route(s, GENOP_ABOUT_DECISION);
    assert_int_equal(r->handler, GENOP_HANDLER_ANKESTYRELSEN);
    assert_string_equal(r->text_names, "Det Sociale Nævn");
    assert_true(r->reconsiders);
    assert_string_equal(r->unit.name, "Sundhed og Træning");
    assert_int_equal(r->unit.address.n, 0);
    assert_true(r->unit.has_source);
    assert_string_equal(r->unit.source.citation, "Nyborg, Hvem visiterer til genoptræning");
    assert_string_equal(r->source.citation, "Nyborg, Særlige forhold › Klageadgang");
    assert_non_null(strstr(r->source.quote, "kan indbringes for Det Sociale Nævn"));
    /* The note says why the route names another body than the text. */
    assert_non_null(strstr(r->source.note, "nedlagt"));
    assert_non_null(strstr(r->source.note, "Ankestyrelsen"));
    genop_standard_free(s);
}

/* Rødovre and Skive: the text says nothing, the law's default is cited. */
static void test_law_default_cited(void **state)
{
    (void)state;
    static const struct { const char *id, *unit, *unit_citation; size_t address; } want[] = {
        {"rodovre", "Social- og Sundhedsforvaltningen", "Rødovre, Kontaktinformation", 2},
        {"skive", "Sundhedscenter Skive", "Skive, Visitation", 0},
    };
    for (size_t i = 0; i < 2; i++) {
        genop_standard *s = shipped(want[i].id);
        assert_int_equal(s->n_complaint_routes, 1);
        const genop_complaint_route *r = route(s, GENOP_ABOUT_DECISION);
        assert_null(r->source.section);
        assert_string_equal(r->source.citation, "Retssikkerhedsloven §§ 66-67");
        assert_non_null(strstr(r->source.note, "4 uger"));
        assert_int_equal(r->handler, GENOP_HANDLER_ANKESTYRELSEN);
        assert_true(r->reconsiders);
        assert_string_equal(r->unit.name, want[i].unit);
        assert_string_equal(r->unit.source.citation, want[i].unit_citation);
        assert_int_equal(r->unit.address.n, want[i].address);
        genop_standard_free(s);
    }
}

static genop_standard *parsed(const char *text)
{
    genop_standard *std = NULL;
    genop_problems p = {0};
    genop_error e;
    if (genop_standard_parse(text, strlen(text), "t.yaml", &std, &p, &e) != GENOP_OK) {
        for (size_t i = 0; i < p.n; i++)
            print_message("problem: %s\n", p.items[i]);
        genop_problems_free(&p);
        fail_msg("a good standard was refused");
    }
    return std;
}

static void test_default_without_routes(void **state)
{
    (void)state;
    genop_standard *s = parsed(HEAD);
    assert_int_equal(s->n_complaint_routes, 1);
    const genop_complaint_route *r = route(s, GENOP_ABOUT_PROFESSIONAL);
    assert_int_equal(r->about, 1u << GENOP_ABOUT_DECISION);
    assert_true(r->reconsiders);
    assert_false(r->unit.present);
    assert_int_equal(r->handler, GENOP_HANDLER_ANKESTYRELSEN);
    assert_string_equal(r->source.citation, "Retssikkerhedsloven §§ 66-67");
    char buf[GENOP_COMPLAINT_ROUTE_TEXT_MAX];
    assert_string_equal(genop_complaint_route_text(r, buf, sizeof buf),
                        "Klager over afgørelsen sendes til kommunen, som genvurderer sagen. "
                        "Får borgeren ikke fuldt medhold, sendes klagen til Ankestyrelsen.");
    genop_standard_free(s);
}

/* A sentence cut short stays whole characters and terminated. */
static void test_text_cut_short(void **state)
{
    (void)state;
    genop_standard *s = shipped("ishoj");
    char buf[40];
    genop_complaint_route_text(route(s, GENOP_ABOUT_SERVICE_LEVEL), buf, sizeof buf);
    /* 39 bytes fit; 'ø' is two of them. */
    assert_string_equal(buf, "Klager over afgørelsen og servicenivea");
    /* 16 bytes would end inside 'ø' (bytes 16-17): it is left out whole. */
    char tiny[17];
    genop_complaint_route_text(route(s, GENOP_ABOUT_SERVICE_LEVEL), tiny, sizeof tiny);
    assert_string_equal(tiny, "Klager over afg");
    genop_standard_free(s);
}

static void test_names(void **state)
{
    (void)state;
    genop_complaint_about a;
    genop_complaint_handler h;
    assert_true(genop_complaint_about_from_name("service_level", &a));
    assert_int_equal(a, GENOP_ABOUT_SERVICE_LEVEL);
    assert_false(genop_complaint_about_from_name("Decision", &a));
    assert_false(genop_complaint_about_from_name(NULL, &a));
    assert_true(genop_complaint_handler_from_name("styrelsen_for_patientklager", &h));
    assert_string_equal(genop_complaint_handler_label_da(h), "Styrelsen for Patientklager");
    assert_string_equal(genop_complaint_about_label_da(GENOP_ABOUT_PROFESSIONAL),
                        "det faglige indhold");
}

static void test_json(void **state)
{
    (void)state;
    genop_standard *s = shipped("ishoj");
    json_t *doc = NULL;
    must(genop_standard_to_json(s, &doc, e));
    json_t *routes = json_object_get(doc, "complaint_routes");
    assert_int_equal(json_array_size(routes), 2);
    json_t *first = json_array_get(routes, 0), *second = json_array_get(routes, 1);
    json_t *about = json_object_get(first, "about");
    assert_int_equal(json_array_size(about), 2);
    assert_string_equal(json_string_value(json_array_get(about, 0)), "decision");
    assert_string_equal(json_string_value(json_array_get(about, 1)), "service_level");
    assert_true(json_is_true(json_object_get(first, "reconsiders")));
    json_t *unit = json_object_get(first, "unit");
    assert_string_equal(json_string_value(json_object_get(unit, "name")), "Genoptræning Ishøj");
    assert_int_equal(json_array_size(json_object_get(unit, "address")), 2);
    assert_true(json_is_null(json_object_get(unit, "source")));
    assert_string_equal(json_string_value(json_object_get(second, "handler")),
                        "styrelsen_for_patientklager");
    assert_string_equal(json_string_value(json_object_get(second, "handler_label")),
                        "Styrelsen for Patientklager");
    assert_true(json_is_false(json_object_get(second, "reconsiders")));
    assert_true(json_is_null(json_object_get(second, "unit")));
    assert_non_null(strstr(json_string_value(json_object_get(second, "text")), "direkte"));
    json_t *src = json_object_get(second, "source");
    assert_string_equal(json_string_value(json_object_get(src, "citation")),
                        "Ishøj, Klagemuligheder");
    json_decref(doc);
    genop_standard_free(s);
}

/* Every mistake, one problem each, at its place. */
static void test_bad_yaml(void **state)
{
    (void)state;
    /* an unknown topic beside a good one */
    expect_one_problem(ROUTES "  - {about: [decision, servce], handler: ankestyrelsen, "
                              "reconsiders: true, unit: {name: E}, source: {section: K}}\n",
                       "7:24", "klageemnet 'servce' findes ikke");
    /* a topic in two routes */
    expect_one_problem(ROUTES GOOD_ROUTE
                       "  - {about: [decision], handler: styrelsen_for_patientklager, "
                       "reconsiders: false, source: {section: K}}\n",
                       "8:14", "mere end én klagevej");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelse, "
                              "reconsiders: true, unit: {name: E}, source: {section: K}}\n",
                       "7:34", "'handler: ankestyrelse' findes ikke");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelsen, "
                              "unit: {name: E}, source: {section: K}}\n",
                       "7:6", "klagevejen mangler 'reconsiders'");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelsen, "
                              "reconsiders: yes, unit: {name: E}, source: {section: K}}\n",
                       "7:62", "skal være true eller false");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelsen, "
                              "reconsiders: true, source: {section: K}}\n",
                       "7:6", "ingen 'unit'");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelsen, "
                              "reconsiders: false, unit: {name: E}, source: {section: K}}\n",
                       "7:76", "'unit' hører til en klagevej, som kommunen genvurderer");
    expect_one_problem(ROUTES "  - {about: [decision], handler: municipality, "
                              "reconsiders: false, source: {section: K}}\n",
                       "7:61", "'reconsiders' skal være true");
    expect_one_problem(ROUTES "  - {about: [professional], handler: styrelsen_for_patientklager, "
                              "reconsiders: false, source: {section: K}}\n",
                       "7:6", "mangler en vej for klager over afgørelsen");
    expect_one_problem(ROUTES "  - {about: [], handler: ankestyrelsen, reconsiders: true, "
                              "unit: {name: E}, source: {section: K}}\n"
                              "  - {about: [decision], handler: ankestyrelsen, reconsiders: true, "
                              "unit: {name: E}, source: {section: K}}\n",
                       "7:6", "mindst ét emne");
    expect_one_problem(ROUTES "  - {about: [decision], handler: ankestyrelsen, "
                              "reconsiders: true, unit: {name: E}}\n",
                       "7:6", "klagevejen mangler 'source'");
    expect_one_problem(HEAD "complaint_routes: []\n", "6:1",
                       "mangler en vej for klager over afgørelsen");
    expect_one_problem(HEAD "complaint_routes: {a: b}\n", "6:20", "skal være en liste");
    expect_one_problem(ROUTES "  - decision\n" GOOD_ROUTE, "7:5", "hver klagevej skal være en mapping");
}

/* Block style: an unknown key, a unit without a name, an empty address. */
static void test_bad_yaml_block(void **state)
{
    (void)state;
#define BLOCK_ROUTE                                                           \
    "  - about: [decision]\n"                                       /* 7 */  \
    "    handler: ankestyrelsen\n"                                  /* 8 */  \
    "    reconsiders: true\n"                                       /* 9 */
    expect_one_problem(ROUTES BLOCK_ROUTE "    unit: {name: E}\n"
                                          "    source: {section: K}\n"
                                          "    via: post\n",
                       "12:5", "ukendt nøgle 'via' i en klagevej");
    expect_one_problem(ROUTES BLOCK_ROUTE "    unit: {phone: \"1\"}\n"
                                          "    source: {section: K}\n",
                       "10:12", "enheden mangler 'name'");
    expect_one_problem(ROUTES BLOCK_ROUTE "    unit: {name: E, address: []}\n"
                                          "    source: {section: K}\n",
                       "10:21", "'address' i enheden må ikke være tom");
    expect_one_problem(ROUTES BLOCK_ROUTE "    unit: {name: E, address: [\"Vej 1\", [x]]}\n"
                                          "    source: {section: K}\n",
                       "10:41", "hver linje i 'address'");
    expect_one_problem(ROUTES BLOCK_ROUTE "    unit: {name: E, source: {law: Loven}}\n"
                                          "    source: {section: K}\n",
                       "10:30", "source mangler 'paragraph'");
#undef BLOCK_ROUTE
}

static void test_good_yaml_loads(void **state)
{
    (void)state;
    genop_standard *s = parsed(ROUTES GOOD_ROUTE
                               "  - about: [professional, service_level]\n"
                               "    handler: styrelsen_for_patientklager\n"
                               "    reconsiders: false\n"
                               "    web: https://example.org\n"
                               "    text_names: Klagenævnet\n"
                               "    source: {law: Loven, paragraph: \"§ 1\", note: Sådan}\n");
    assert_int_equal(s->n_complaint_routes, 2);
    const genop_complaint_route *r = route(s, GENOP_ABOUT_SERVICE_LEVEL);
    assert_int_equal(r->about, (1u << GENOP_ABOUT_PROFESSIONAL) | (1u << GENOP_ABOUT_SERVICE_LEVEL));
    assert_string_equal(r->web, "https://example.org");
    assert_string_equal(r->text_names, "Klagenævnet");
    assert_string_equal(r->source.citation, "Loven § 1");
    assert_string_equal(route(s, GENOP_ABOUT_DECISION)->source.citation, "Testrup, Klage");
    assert_string_equal(route(s, GENOP_ABOUT_DECISION)->unit.name, "Enheden");
    genop_standard_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aalborg),
        cmocka_unit_test(test_ishoj_two_routes),
        cmocka_unit_test(test_nyborg_names_ankestyrelsen),
        cmocka_unit_test(test_law_default_cited),
        cmocka_unit_test(test_default_without_routes),
        cmocka_unit_test(test_text_cut_short),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_bad_yaml),
        cmocka_unit_test(test_bad_yaml_block),
        cmocka_unit_test(test_good_yaml_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
