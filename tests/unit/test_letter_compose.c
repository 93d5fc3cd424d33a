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
    assert_has(s, "heading: Det sker nu\n");
    assert_has(s, "heading: Det forventes af dig\nitem: Du skal være engageret");
    assert_has(s, "heading: Klagevejledning\n");
    assert_has(s, "signature: Med venlig hilsen\nVera Visitator\nVisitationen, Aalborg Kommune\n");
    assert_lacks(s, "delvis");
    free(s);
    genop_letter_doc_free(doc);
    tcase_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grant_aalborg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
