/*
 * test_letter_compose.c - unit tests for composing letters
 * (src/casework/letters/letter_compose.h): the content of each kind of
 * letter per standard, from a case built in memory (its stored events as
 * JSON, their corrected view, the citizen), as the domain layer composes
 * it before the PDF is laid out.
 *
 * - The letterhead of each of the five standards (what its text gives,
 *   nothing more); the citizen's name and address lines; the reference.
 * - A grant: form, place, sessions a week, minutes, sessions, until,
 *   transport, an exception with its reason and the limit's section, the
 *   legal basis by paragraph (§ 86, stk. 1 and 2), what the standard
 *   promises next as the evaluation's dates, the obligations.
 * - A partial grant (the caseworker's text under its own heading) and its
 *   refusals; a refusal's reasons with the criterion's text, the
 *   caseworker's assessment and the standard's section.
 * - The complaint guidance of all five standards: to whom, the date, oral
 *   or written, 4 weeks' reconsideration, Ankestyrelsen, "ikke opsættende
 *   virkning", and its sources (the standard's section or the law).
 * - complaint_decision (full, partial, none; the forwarding date),
 *   complaint_forwarded, course_ended for no-shows; a letter for an event
 *   the case does not have; the latest event when there are several; a
 *   corrected and a withdrawn event.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_view.h"
#include "letter_compose.h"
#include "registry.h"
#include "strbuf.h"

static genop_date day(const char *iso)
{
    genop_date d = 0;
    must(genop_date_parse(iso, &d, e));
    return d;
}

/* A case in memory: the standard, its row, citizen and events. */
typedef struct tcase {
    genop_standard *std;
    genop_case_row row;
    genop_citizen cit;
    genop_event_row rows[16];
    size_t n;
    genop_case view;
} tcase;

static void tcase_init(tcase *t, const char *muni, unsigned paragraph)
{
    memset(t, 0, sizeof *t);
    must(genop_registry_load(muni, &t->std, e));
    t->row.id = 42;
    t->row.paragraph = paragraph;
    snprintf(t->row.municipality, sizeof t->row.municipality, "%s", muni);
    t->cit.id = 7;
    snprintf(t->cit.name, sizeof t->cit.name, "Søren Ærø Åberg");
    snprintf(t->cit.address, sizeof t->cit.address, "Østergade 12, 1. th., 9000 Aalborg");
    t->cit.birth_date = day("1950-03-01");
}

/* Appends an event (JSON text) as stored row id n+1; corrects: 0 or the
 * id a correction points at. */
static void tcase_add(tcase *t, int64_t corrects, const char *json)
{
    genop_event_row *r = &t->rows[t->n++];
    json_t *o = json_loads(json, 0, NULL);
    assert_non_null(o);
    r->id = (int64_t)t->n;
    r->case_id = t->row.id;
    snprintf(r->type, sizeof r->type, "%s", json_string_value(json_object_get(o, "type")));
    r->date = day(json_string_value(json_object_get(o, "date")));
    r->corrects = corrects;
    r->body = strdup(json);
    json_decref(o);
}

static void tcase_free(tcase *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->rows[i].body);
    genop_case_release(&t->view);
    genop_standard_free(t->std);
}

/* Composes kind as of date (ISO); returns the refusal's code, the doc in
 * *out (NULL on a refusal). */
static genop_err tcompose(tcase *t, letter_kind kind, const char *text, bool partial,
                          const char *date, genop_letter_doc **out, int64_t *event_id,
                          genop_error *err)
{
    must(case_view_build(t->rows, t->n, 0, &t->cit, t->std, &t->view, e));
    letter_case lc = {t->std, &t->row, &t->cit, t->rows, t->n, &t->view};
    letter_request rq = {.kind = kind, .text = text, .partial = partial, .author = "Vera Visitator"};
    rq.date = day(date);
    return letter_compose(&lc, &rq, out, event_id, err);
}

static genop_letter_doc *compose_ok(tcase *t, letter_kind kind, const char *text, bool partial,
                                    const char *date)
{
    genop_letter_doc *doc = NULL;
    int64_t id = 0;
    genop_error err;
    if (tcompose(t, kind, text, partial, date, &doc, &id, &err))
        fail_msg("composing failed: %s (%s)", err.message, err.field);
    return doc;
}

/* The whole document as text, one block a line ("KIND: [label: ]text"),
 * for strstr; the caller frees it. */
static char *doc_text(const genop_letter_doc *d)
{
    genop_buf b = {0};
    genop_buf_addf(&b, "TITLE: %s\nREF: %s\n", d->title, d->reference);
    for (size_t i = 0; i < d->sender.n; i++)
        genop_buf_addf(&b, "SENDER: %s\n", d->sender.line[i]);
    for (size_t i = 0; i < d->recipient.n; i++)
        genop_buf_addf(&b, "TO: %s\n", d->recipient.line[i]);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const genop_letter_block *bl = &d->blocks[i];
        genop_buf_addf(&b, "%s: %s%s%s\n", genop_letter_block_kind_name(bl->kind),
                         bl->label ? bl->label : "", bl->label ? ": " : "", bl->text);
    }
    char *s = strdup(b.data ? b.data : "");
    genop_buf_release(&b);
    if (getenv("LETTER_DUMP"))
        fprintf(stderr, "----\n%s", s);
    return s;
}

#define assert_has(text, needle)                                                  \
    do {                                                                          \
        if (!strstr((text), (needle)))                                            \
            fail_msg("the letter lacks \"%s\":\n%s", (needle), (text));          \
    } while (0)
#define assert_lacks(text, needle)                                                \
    do {                                                                          \
        if (strstr((text), (needle)))                                             \
            fail_msg("the letter has \"%s\":\n%s", (needle), (text));            \
    } while (0)

#define REFERRAL(date, para)                                                      \
    "{\"type\":\"referral_received\",\"date\":\"" date "\",\"paragraph\":\"" para "\"}"

static const char GRANT_AALBORG[] =
    "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":true,\"grant\":{"
    "\"form\":\"individual\",\"place\":\"home\",\"sessions_per_week\":2,"
    "\"minutes_per_session\":45,\"sessions\":16,\"until\":\"2027-07-30\","
    "\"transport\":true,\"exceptions\":[]}}";

/* ---- decisions ------------------------------------------------------- */

static void test_grant_aalborg(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "aalborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, GRANT_AALBORG);
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, "Du har brug for træning i hjemmet.",
                                       false, "2027-05-03");
    char *s = doc_text(doc);
    assert_string_equal(doc->kind, "decision");
    assert_has(s, "TITLE: Afgørelse om genoptræning\n");
    assert_has(s, "REF: Sag 42\n");
    assert_has(s, "SENDER: Aalborg Kommune\nSENDER: Visitationen\nSENDER: Lindholm Brygge 31\n"
                  "SENDER: 9400 Nørresundby\nSENDER: Telefon 9982 5000\n");
    assert_has(s, "TO: Søren Ærø Åberg\nTO: Østergade 12\nTO: 1. th.\nTO: 9000 Aalborg\n");
    assert_has(s, "paragraph: Du får bevilget genoptræning efter serviceloven § 86, stk. 1.\n");
    assert_has(s, "Afgørelsen er truffet den 3. maj 2027.");
    assert_has(s, "source: Kilde: Lov om social service § 86, stk. 1\n");
    assert_has(s, "fact: Træningsform: Individuel træning\n");
    assert_has(s, "fact: Sted: I dit hjem\n");
    assert_has(s, "fact: Træningsgange om ugen: 2\n");
    assert_has(s, "fact: Minutter pr. træningsgang: 45\n");
    assert_has(s, "fact: Træningsgange i alt: 16\n");
    assert_has(s, "fact: Bevilget til og med: 30. juli 2027\n");
    assert_has(s, "fact: Kørsel: Ja, du får kørsel til og fra træningen\n");
    assert_has(s, "heading: Vores vurdering\nparagraph: Du har brug for træning i hjemmet.\n");
    assert_has(s, "heading: Det lover kvalitetsstandarden dig\n");
    assert_has(s, "heading: Det forventes af dig\nitem: Du skal være engageret");
    assert_has(s, "heading: Klagevejledning\n");
    assert_has(s, "signature: Med venlig hilsen\nVera Visitator\nVisitationen, Aalborg Kommune\n");
    assert_lacks(s, "delvis");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

static void test_refusal_rodovre(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "rodovre", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":false,"
                     "\"reasons\":[{\"criterion\":\"can_train_elsewhere\",\"text\":\"Du går "
                     "allerede til holdtræning i Ældresagen.\"},{\"criterion\":\"other\","
                     "\"text\":\"Du har ikke ønsket træning.\"}]}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, NULL, false, "2027-05-04");
    char *s = doc_text(doc);
    assert_has(s, "SENDER: Rødovre Kommune\nSENDER: Social- og Sundhedsforvaltningen\n"
                  "SENDER: Rødovre Parkvej 150\nSENDER: 2610 Rødovre\nSENDER: Telefon 36 37 70 00\n");
    assert_has(s, "Du får afslag på genoptræning efter serviceloven § 86, stk. 1.");
    assert_has(s, "heading: Begrundelse\n");
    assert_has(s, "item: Borgeren kan ikke få træning, hvis borgeren vurderes at kunne træne i "
                  "andet regi.\nparagraph: Vores vurdering: Du går allerede til holdtræning i "
                  "Ældresagen.\nsource: Kilde: Genoptræning af funktionsnedsættelser - Lov om "
                  "Social Service § 86 stk. 1, Rødovre Kommune, afsnittet »Hvem kan ikke modtage "
                  "ydelsen?«\n");
    assert_has(s, "item: En grund, som kvalitetsstandarden ikke nævner\nparagraph: Vores "
                  "vurdering: Du har ikke ønsket træning.\n");
    assert_lacks(s, "Det har vi bevilget");
    assert_lacks(s, "Det forventes af dig");
    /* the law's default complaint route, cited */
    assert_has(s, "Klagen sendes til Social- og Sundhedsforvaltningen, Rødovre Kommune, Rødovre "
                  "Parkvej 150, 2610 Rødovre (telefon 36 37 70 00).");
    assert_has(s, "Modtog du afgørelsen den 4. maj 2027, skal klagen være modtaget senest den "
                  "1. juni 2027.\nsource: Kilde: Retssikkerhedsloven § 66\n");
    assert_has(s, "source: Kilde: Retssikkerhedsloven § 67\n");
    assert_has(s, "Klagen har ikke opsættende virkning.");
    assert_has(s, "source: Kilde: Retssikkerhedsloven § 72, stk. 1\n");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

static void test_partial_grant_skive(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "skive", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":true,"
                     "\"grant\":{\"form\":\"team\",\"place\":\"centre\",\"sessions_per_week\":3,"
                     "\"minutes_per_session\":30,\"sessions\":null,\"until\":null,"
                     "\"transport\":false,\"exceptions\":[{\"limit\":\"sessions_per_week\","
                     "\"max\":3,\"reason\":\"Særligt komplekse træningsbehov efter "
                     "apopleksi.\"}]}}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, "Du søgte om træning i hjemmet; "
                                       "det får du ikke, da du kan komme til centret.",
                                       true, "2027-05-03");
    char *s = doc_text(doc);
    assert_has(s, "SENDER: Skive Kommune\nSENDER: Sundhedscenter Skive\nTO:");
    assert_has(s, "Du får delvis bevilget genoptræning efter serviceloven § 86, stk. 1.");
    assert_has(s, "fact: Træningsform: Holdtræning\nfact: Sted: I træningscentret\n"
                  "fact: Træningsgange om ugen: 3\nfact: Minutter pr. træningsgang: 30\n"
                  "fact: Kørsel: Nej, du sørger selv for at komme til træningen\n");
    assert_lacks(s, "Træningsgange i alt");
    assert_lacks(s, "Bevilget til og med");
    assert_has(s, "paragraph: Vi har gjort en undtagelse fra kvalitetsstandardens grænse for "
                  "træningsgange pr. uge: højst 2. Du får højst 3.\nparagraph: Begrundelse: "
                  "Særligt komplekse træningsbehov efter apopleksi.\nsource: Kilde: ");
    assert_has(s, "Skive Kommune, afsnittet »Ydelsens omfang«\n");
    assert_has(s, "heading: Det har vi ikke bevilget\nparagraph: Du søgte om træning i hjemmet");
    assert_has(s, "heading: Klagevejledning\n");
    assert_has(s, "Klagen sendes til Sundhedscenter Skive, Skive Kommune.");
    free(s);
    genop_letter_doc_free(doc);
    /* a partial grant needs the caseworker's text, and a grant */
    genop_error err;
    int64_t id;
    assert_int_equal(tcompose(&t, LETTER_DECISION, NULL, true, "2027-05-03", &doc, &id, &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.text");
    assert_null(doc);
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-10\",\"granted\":false}");
    assert_int_equal(tcompose(&t, LETTER_DECISION, "x", true, "2027-05-10", &doc, &id, &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.partial");
    tcase_free(&t);
}

static void test_grant_86_2_ishoj(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "ishoj", GENOP_PARA_86_2);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.2"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":true,"
                     "\"grant\":{\"form\":\"self_training\",\"place\":\"local_area\","
                     "\"sessions_per_week\":1,\"minutes_per_session\":60,\"transport\":false}}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, NULL, false, "2027-05-03");
    char *s = doc_text(doc);
    assert_has(s, "TITLE: Afgørelse om vedligeholdende træning\n");
    assert_has(s, "SENDER: Ishøj Kommune\nSENDER: Genoptræning Ishøj\nSENDER: Vejlebrovej 45\n"
                  "SENDER: 2635 Ishøj\nTO:");
    assert_has(s, "Du får bevilget vedligeholdende træning efter serviceloven § 86, stk. 2.");
    assert_has(s, "source: Kilde: Lov om social service § 86, stk. 2\n");
    assert_has(s, "fact: Træningsform: Selvtræning\nfact: Sted: I dit nærområde\n");
    assert_has(s, "item: Som hovedregel skal du selv transportere dig til træning.");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

/* ---- the other kinds --------------------------------------------------- */

static void test_complaint_decision(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "aalborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":false}");
    tcase_add(&t, 0, "{\"type\":\"complaint_received\",\"date\":\"2027-05-20\"}");
    tcase_add(&t, 0, "{\"type\":\"complaint_decided\",\"date\":\"2027-06-01\",\"upheld\":\"none\"}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_COMPLAINT_DECISION, "Du kan træne selv.", false,
                                       "2027-06-01");
    char *s = doc_text(doc);
    assert_string_equal(doc->kind, "complaint_decision");
    assert_has(s, "Vi modtog den 20. maj 2027 din klage over vores afgørelse af 3. maj 2027 om "
                  "genoptræning efter serviceloven § 86, stk. 1. Vi har genvurderet sagen den "
                  "1. juni 2027.");
    assert_has(s, "paragraph: Du får ikke medhold i din klage. Vi fastholder afgørelsen.\n");
    assert_has(s, "heading: Begrundelse\nparagraph: Du kan træne selv.\n");
    assert_has(s, "heading: Din klage går videre til Ankestyrelsen\n");
    assert_has(s, "senest den 17. juni 2027");
    assert_has(s, "Klagen har ikke opsættende virkning.");
    free(s);
    genop_letter_doc_free(doc);
    /* no reasons for a complaint not upheld in full */
    genop_error err;
    int64_t id;
    assert_int_equal(tcompose(&t, LETTER_COMPLAINT_DECISION, NULL, false, "2027-06-01", &doc, &id,
                              &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.text");
    /* upheld in full: no Ankestyrelsen */
    tcase_add(&t, 4, "{\"type\":\"correction\",\"date\":\"2027-06-01\",\"corrects\":4,"
                     "\"event\":{\"type\":\"complaint_decided\",\"date\":\"2027-06-01\","
                     "\"upheld\":\"full\"}}");
    doc = compose_ok(&t, LETTER_COMPLAINT_DECISION, NULL, false, "2027-06-01");
    s = doc_text(doc);
    assert_has(s, "Du får fuldt medhold i din klage");
    assert_lacks(s, "Ankestyrelsen");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

static void test_complaint_forwarded(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "nyborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":false}");
    tcase_add(&t, 0, "{\"type\":\"complaint_received\",\"date\":\"2027-05-20\"}");
    tcase_add(&t, 0, "{\"type\":\"complaint_decided\",\"date\":\"2027-06-01\",\"upheld\":\"partial\"}");
    tcase_add(&t, 0, "{\"type\":\"complaint_forwarded\",\"date\":\"2027-06-08\"}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_COMPLAINT_FORWARDED, NULL, false, "2027-06-08");
    char *s = doc_text(doc);
    assert_has(s, "TITLE: Din klage er sendt til Ankestyrelsen\n");
    assert_has(s, "Vi har den 8. juni 2027 sendt din klage over vores afgørelse af 3. maj 2027 "
                  "til Ankestyrelsen sammen med sagens akter.");
    assert_has(s, "source: Kilde: Retssikkerhedsloven § 67\n");
    assert_has(s, "Klagen har ikke opsættende virkning.");
    assert_lacks(s, "Klagevejledning");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

static void test_course_ended(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "nyborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, GRANT_AALBORG);
    tcase_add(&t, 0, "{\"type\":\"session\",\"date\":\"2027-05-05\",\"minutes\":45,\"outcome\":\"attended\"}");
    tcase_add(&t, 0, "{\"type\":\"session\",\"date\":\"2027-05-07\",\"minutes\":45,\"outcome\":\"no_show\"}");
    tcase_add(&t, 0, "{\"type\":\"session\",\"date\":\"2027-05-10\",\"minutes\":45,\"outcome\":\"no_show\"}");
    tcase_add(&t, 0, "{\"type\":\"closed\",\"date\":\"2027-05-12\",\"reason\":\"no_shows\"}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_COURSE_ENDED, NULL, false, "2027-05-12");
    char *s = doc_text(doc);
    assert_has(s, "TITLE: Afgørelse om at afslutte dit træningsforløb\n");
    assert_has(s, "SENDER: Nyborg Kommune\nSENDER: Sundhed og Træning\nTO:");
    assert_has(s, "Vi har den 12. maj 2027 besluttet at afslutte dit forløb med genoptræning "
                  "efter serviceloven § 86, stk. 1.");
    assert_has(s, "paragraph: Forløbet afsluttes af denne grund: Gentagne udeblivelser uden "
                  "afbud.\nparagraph: Du er udeblevet fra 2 træningsgange uden at melde "
                  "afbud.\nparagraph: Kvalitetsstandarden siger: »Ved gentagne udeblivelser uden "
                  "afbud afsluttes din træning.«\nsource: Kilde: ");
    assert_has(s, "afsnittet »Er der noget , jeg skal gøre«\n");
    assert_has(s, "heading: Klagevejledning\n");
    assert_has(s, "Modtog du afgørelsen den 12. maj 2027, skal klagen være modtaget senest den "
                  "9. juni 2027.");
    /* Nyborg's text names Det Sociale Nævn: the letter names Ankestyrelsen */
    assert_has(s, "Kvalitetsstandarden nævner Det Sociale Nævn. Det findes ikke længere; i dag "
                  "er det Ankestyrelsen, der behandler klager over afgørelser efter serviceloven.");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

static void test_no_such_event(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "aalborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    genop_letter_doc *doc = (genop_letter_doc *)1;
    genop_error err;
    int64_t id = 0;
    for (int k = 0; k < LETTER_KIND_COUNT; k++) {
        assert_int_equal(tcompose(&t, (letter_kind)k, "x", false, "2027-05-03", &doc, &id, &err),
                         GENOP_EREFUSED);
        assert_string_equal(err.field, "$.kind");
        assert_null(doc);
    }
    /* a withdrawn decision is no decision */
    tcase_add(&t, 0, GRANT_AALBORG);
    tcase_add(&t, 2, "{\"type\":\"correction\",\"date\":\"2027-05-04\",\"corrects\":2,\"event\":null}");
    assert_int_equal(tcompose(&t, LETTER_DECISION, NULL, false, "2027-05-04", &doc, &id, &err),
                     GENOP_EREFUSED);
    tcase_free(&t);
}

static void test_latest_event(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "aalborg", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-10\",\"granted\":false}");
    tcase_add(&t, 0, GRANT_AALBORG); /* registered later, dated earlier */
    tcase_add(&t, 0, "{\"type\":\"note\",\"date\":\"2027-05-11\",\"text\":\"x\"}");
    genop_letter_doc *doc = NULL;
    genop_error err;
    int64_t id = 0;
    must(tcompose(&t, LETTER_DECISION, NULL, false, "2027-05-11", &doc, &id, e));
    assert_int_equal(id, 2);
    char *s = doc_text(doc);
    assert_has(s, "Du får afslag på genoptræning");
    free(s);
    genop_letter_doc_free(doc);
    (void)err;
    /* a caseworker's text with a control character is refused */
    assert_int_equal(tcompose(&t, LETTER_DECISION, "a\x01b", false, "2027-05-11", &doc, &id, &err),
                     GENOP_EINVAL);
    assert_string_equal(err.field, "$.text");
    tcase_free(&t);
}

/* ---- the complaint guidance of each standard ---------------------------- */

/* The guidance of a refusal of muni's, from its heading to the signature. */
static char *guidance_of(const char *muni, unsigned paragraph)
{
    tcase t;
    tcase_init(&t, muni, paragraph);
    tcase_add(&t, 0, paragraph == GENOP_PARA_86_2 ? REFERRAL("2027-04-28", "86.2")
                                                 : REFERRAL("2027-04-28", "86.1"));
    tcase_add(&t, 0, "{\"type\":\"decision\",\"date\":\"2027-05-03\",\"granted\":false}");
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, NULL, false, "2027-05-03");
    char *s = doc_text(doc);
    char *g = strstr(s, "heading: Klagevejledning\n");
    assert_non_null(g);
    char *out = strdup(g);
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
    return out;
}

/* What every guidance says: oral or written, the date, 4 weeks'
 * reconsideration, Ankestyrelsen, no suspension with its law. */
static void assert_common_guidance(const char *g)
{
    assert_has(g, "Du kan klage mundtligt eller skriftligt.");
    assert_has(g, "Klagen skal være modtaget senest 4 uger efter, at du har modtaget afgørelsen. "
                  "Modtog du afgørelsen den 3. maj 2027, skal klagen være modtaget senest den "
                  "31. maj 2027.");
    assert_has(g, "genvurderer vi afgørelsen, og du får svar senest 4 uger efter");
    assert_has(g, "sender vi klagen videre til Ankestyrelsen sammen med sagens akter senest 4 "
                  "uger efter");
    assert_has(g, "paragraph: Klagen har ikke opsættende virkning. Det betyder, at afgørelsen "
                  "gælder, mens vi og Ankestyrelsen behandler klagen.\nsource: Kilde: "
                  "Retssikkerhedsloven § 72, stk. 1\n");
}

static void test_guidance_aalborg(void **state)
{
    (void)state;
    char *g = guidance_of("aalborg", GENOP_PARA_86_1);
    assert_common_guidance(g);
    /* the standard's own route, its four weeks and Ankestyrelsen, cited */
    assert_has(g, "Klagen sendes til Visitationen, Aalborg Kommune, Lindholm Brygge 31, 9400 "
                  "Nørresundby (telefon 9982 5000).\nsource: Kilde: Kvalitetsstandard 2023: "
                  "Genoptræning og vedligeholdende træning - Servicelovens §86, Aalborg Kommune, "
                  "afsnittet »Hvis du ønsker at klage«\n");
    assert_has(g, "31. maj 2027.\nsource: Kilde: Kvalitetsstandard 2023: Genoptræning og "
                  "vedligeholdende træning - Servicelovens §86, Aalborg Kommune, afsnittet »Hvis "
                  "du ønsker at klage«\n");
    assert_lacks(g, "Retssikkerhedsloven §§ 66-67");
    assert_lacks(g, "Patientklager");
    free(g);
}

static void test_guidance_ishoj(void **state)
{
    (void)state;
    for (unsigned p = GENOP_PARA_86_1; p <= GENOP_PARA_86_2; p <<= 1) {
        char *g = guidance_of("ishoj", p);
        assert_common_guidance(g);
        /* two routes: the decision and the service level to Genoptræning
         * Ishøj, the professional content to Styrelsen for Patientklager */
        assert_has(g, "Klagen sendes til Genoptræning Ishøj, Ishøj Kommune, Vejlebrovej 45, 2635 "
                      "Ishøj.\nparagraph: Klager over serviceniveauet sendes samme vej.\n"
                      "source: Kilde: Kvalitetsstandard for genoptræning uden hospitalsindlæggelse "
                      "efter Servicelovens §86 stk. 1 og 2, Ishøj Kommune, afsnittet "
                      "»Klagemuligheder«\n");
        assert_has(g, "paragraph: Klager over det faglige indhold sendes direkte til Styrelsen for "
                      "Patientklager (https://stpk.dk/om-os/). Dem genvurderer kommunen ikke.\n"
                      "source: Kilde: Kvalitetsstandard for genoptræning uden "
                      "hospitalsindlæggelse efter Servicelovens §86 stk. 1 og 2, Ishøj Kommune, "
                      "afsnittet »Klagemuligheder«\n");
        /* its own reconsideration within 4 weeks, cited, then the law's forwarding */
        assert_has(g, "afsnittet »Klagemuligheder«\nsource: Kilde: Retssikkerhedsloven § 67\n");
        free(g);
    }
}

static void test_guidance_nyborg(void **state)
{
    (void)state;
    char *g = guidance_of("nyborg", GENOP_PARA_86_1);
    assert_common_guidance(g);
    assert_has(g, "Klagen sendes til Sundhed og Træning, Nyborg Kommune.\n");
    /* the text's Det Sociale Nævn is Ankestyrelsen today */
    assert_has(g, "paragraph: Kvalitetsstandarden nævner Det Sociale Nævn. Det findes ikke "
                  "længere; i dag er det Ankestyrelsen, der behandler klager over afgørelser "
                  "efter serviceloven.\n");
    assert_has(g, "afsnittet »Særlige forhold › Klageadgang«\n");
    assert_has(g, "source: Kilde: Retssikkerhedsloven § 66\n");
    free(g);
}

static void test_guidance_law_default(void **state)
{
    (void)state;
    /* Rødovre and Skive say nothing of complaints: the law's default, cited */
    char *r = guidance_of("rodovre", GENOP_PARA_86_1);
    assert_common_guidance(r);
    assert_has(r, "Klagen sendes til Social- og Sundhedsforvaltningen, Rødovre Kommune, Rødovre "
                  "Parkvej 150, 2610 Rødovre (telefon 36 37 70 00).\nsource: Kilde: "
                  "Retssikkerhedsloven §§ 66-67\nsource: Kilde: Genoptræning af "
                  "funktionsnedsættelser - Lov om Social Service § 86 stk. 1, Rødovre Kommune, "
                  "afsnittet »Kontaktinformation«\n");
    assert_has(r, "31. maj 2027.\nsource: Kilde: Retssikkerhedsloven § 66\n");
    assert_has(r, "Du hører derefter fra Ankestyrelsen.\nsource: Kilde: Retssikkerhedsloven "
                  "§ 67\n");
    free(r);
    char *s = guidance_of("skive", GENOP_PARA_86_1);
    assert_common_guidance(s);
    assert_has(s, "Klagen sendes til Sundhedscenter Skive, Skive Kommune.\nsource: Kilde: "
                  "Retssikkerhedsloven §§ 66-67\n");
    assert_has(s, "source: Kilde: Retssikkerhedsloven § 66\n");
    assert_has(s, "source: Kilde: Retssikkerhedsloven § 67\n");
    assert_lacks(s, "Det Sociale Nævn");
    free(s);
}

static void test_overdue_promise(void **state)
{
    (void)state;
    tcase t;
    tcase_init(&t, "rodovre", GENOP_PARA_86_1);
    tcase_add(&t, 0, REFERRAL("2027-04-01", "86.1"));
    tcase_add(&t, 0, GRANT_AALBORG);
    genop_letter_doc *doc = compose_ok(&t, LETTER_DECISION, NULL, false, "2027-05-03");
    char *s = doc_text(doc);
    /* Rødovre: the start 14 days from the referral, passed on the letter's date */
    assert_has(s, "heading: Det lover kvalitetsstandarden dig\nfact: Opstart af træning: senest "
                  "15. april 2027\nparagraph: Den frist er overskredet. Vi beklager, og vi "
                  "kontakter dig hurtigst muligt.\nsource: Kilde: ");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grant_aalborg),
        cmocka_unit_test(test_refusal_rodovre),
        cmocka_unit_test(test_partial_grant_skive),
        cmocka_unit_test(test_grant_86_2_ishoj),
        cmocka_unit_test(test_complaint_decision),
        cmocka_unit_test(test_complaint_forwarded),
        cmocka_unit_test(test_course_ended),
        cmocka_unit_test(test_no_such_event),
        cmocka_unit_test(test_latest_event),
        cmocka_unit_test(test_guidance_aalborg),
        cmocka_unit_test(test_guidance_ishoj),
        cmocka_unit_test(test_guidance_nyborg),
        cmocka_unit_test(test_guidance_law_default),
        cmocka_unit_test(test_overdue_promise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
