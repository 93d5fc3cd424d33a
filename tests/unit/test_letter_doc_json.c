/*
 * test_letter_doc_json.c - letter documents as JSON and back
 * (letter_doc_json.h):
 * - the sample letter's JSON (tests/letters/decision_aalborg.json) reads
 *   and writes back to the same bytes;
 * - a document with every kind of block, quotes, backslashes, newlines
 *   and Danish letters survives the round trip field for field, and its
 *   JSON is the same bytes both times;
 * - every kind of bad input is refused with the JSON path at fault, in
 *   the message and in the error's field.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter_doc_json.h"
#include "test_helpers.h"

static void read_fixture(genop_buf *text)
{
    char path[512];
    genop_bprintf(path, sizeof path, "%s/decision_aalborg.json", GENOP_LETTER_FIXTURES);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) genop_buf_add(text, chunk, n);
    fclose(f);
}

static void test_fixture_round_trip(void **state)
{
    (void)state;
    genop_buf text = { 0 }, back = { 0 };
    read_fixture(&text);
    while (text.len && text.data[text.len - 1] == '\n') text.data[--text.len] = '\0';
    genop_letter_doc *doc = NULL;
    genop_error e = { 0 };
    if (genop_letter_doc_read_json(text.data, text.len, &doc, &e)) fail_msg("%s", e.message);
    assert_string_equal(doc->kind, "decision");
    assert_string_equal(doc->sender.line[0], "Aalborg Kommune");
    assert_string_equal(doc->recipient.line[1], "Åbrinken 12, 1. th.");
    assert_date_is(doc->date, "2027-05-03");
    genop_letter_doc_write_json(doc, &back);
    assert_false(genop_buf_failed(&back));
    assert_int_equal(back.len, text.len);
    assert_string_equal(back.data, text.data);
    genop_letter_doc_free(doc);
    genop_buf_release(&text);
    genop_buf_release(&back);
}

/* Two documents are the same, field for field. */
static void assert_same_doc(const genop_letter_doc *a, const genop_letter_doc *b)
{
    assert_string_equal(a->kind, b->kind);
    assert_string_equal(a->title, b->title);
    assert_string_equal(a->reference, b->reference);
    assert_int_equal(a->date, b->date);
    assert_int_equal(a->sender.n, b->sender.n);
    for (size_t i = 0; i < a->sender.n; i++)
        assert_string_equal(a->sender.line[i], b->sender.line[i]);
    assert_int_equal(a->recipient.n, b->recipient.n);
    for (size_t i = 0; i < a->recipient.n; i++)
        assert_string_equal(a->recipient.line[i], b->recipient.line[i]);
    assert_int_equal(a->n_blocks, b->n_blocks);
    for (size_t i = 0; i < a->n_blocks; i++) {
        assert_int_equal(a->blocks[i].kind, b->blocks[i].kind);
        assert_string_equal(a->blocks[i].text, b->blocks[i].text);
        if (a->blocks[i].label) assert_string_equal(a->blocks[i].label, b->blocks[i].label);
        else assert_null(b->blocks[i].label);
    }
}

static void test_every_block_round_trips(void **state)
{
    (void)state;
    genop_letter_doc *doc = genop_letter_doc_new("complaint_decision", "Genvurdering \"af\" klage",
                                                 genop_date_from_ymd_unchecked(2031, 12, 31));
    must(genop_letter_doc_set_reference(doc, "Sag 7 \\ 2", e));
    must(genop_letter_doc_add_sender(doc, "Rødovre Kommune", e));
    must(genop_letter_doc_add_recipient(doc, "Søren Ærø", e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_HEADING, "Det har vi besluttet", e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_PARAGRAPH, "Første afsnit.\nAndet afsnit.", e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_ITEM, "Punkt </script> & 'så'", e));
    must(genop_letter_doc_add_fact(doc, "Minutter", "45", e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_SOURCE, "Serviceloven § 86, stk. 2", e));
    must(genop_letter_doc_add(doc, GENOP_LETTER_SIGNATURE, "Med venlig hilsen\n\nÅge", e));
    genop_buf once = { 0 }, twice = { 0 };
    genop_letter_doc_write_json(doc, &once);
    genop_letter_doc *back = NULL;
    genop_error e = { 0 };
    if (genop_letter_doc_read_json(once.data, once.len, &back, &e)) fail_msg("%s", e.message);
    assert_same_doc(doc, back);
    genop_letter_doc_write_json(back, &twice);
    assert_string_equal(once.data, twice.data);
    /* The members in their fixed order. */
    static const char head[] = "{\"version\":1,\"kind\":\"complaint_decision\",\"title\":";
    assert_memory_equal(once.data, head, sizeof head - 1);
    assert_non_null(strstr(once.data, "{\"type\":\"fact\",\"label\":\"Minutter\",\"text\":\"45\"}"));
    genop_buf_release(&once);
    genop_buf_release(&twice);
    genop_letter_doc_free(doc);
    genop_letter_doc_free(back);
}

/* A minimal valid document with `blocks` in place of its blocks and
 * `extra` members before them. */
static void assert_refused(const char *extra, const char *sender, const char *blocks,
                           genop_err code, const char *field)
{
    char text[4096];
    genop_bprintf(text, sizeof text,
                  "{\"version\":1,\"kind\":\"decision\",\"title\":\"Afgørelse\","
                  "\"reference\":\"\",%s\"sender\":%s,\"recipient\":[],\"blocks\":%s}",
                  extra, sender, blocks);
    genop_letter_doc *doc = (genop_letter_doc *)&doc;   /* must become NULL */
    genop_error e = { 0 };
    genop_err err = genop_letter_doc_read_json(text, strlen(text), &doc, &e);
    if (err != code) fail_msg("%s: %d, not %d (%s)", text, err, code, e.message);
    assert_null(doc);
    assert_string_equal(e.field, field);
    if (strncmp(e.message, field, strlen(field)) != 0)
        fail_msg("message \"%s\" does not begin with %s", e.message, field);
}

#define OK_SENDER "[\"Aalborg Kommune\"]"
#define OK_BLOCKS "[{\"type\":\"paragraph\",\"text\":\"Tekst\"}]"
#define DATE "\"date\":\"2027-05-03\","

static void test_refusals_name_the_path(void **state)
{
    (void)state;
    assert_refused(DATE, OK_SENDER, OK_BLOCKS "x", GENOP_EPARSE, "");
    assert_refused("", OK_SENDER, OK_BLOCKS, GENOP_EINVAL, "$.date");
    assert_refused("\"date\":\"2027-02-30\",", OK_SENDER, OK_BLOCKS, GENOP_EINVAL, "$.date");
    assert_refused("\"date\":20270503,", OK_SENDER, OK_BLOCKS, GENOP_EINVAL, "$.date");
    assert_refused(DATE "\"colour\":\"red\",", OK_SENDER, OK_BLOCKS, GENOP_EINVAL, "$");
    assert_refused(DATE, "\"Aalborg\"", OK_BLOCKS, GENOP_EINVAL, "$.sender");
    assert_refused(DATE, "[\"Aalborg\",3]", OK_BLOCKS, GENOP_EINVAL, "$.sender[1]");
    assert_refused(DATE, "[\"Aal\\nborg\"]", OK_BLOCKS, GENOP_EINVAL, "$.sender[0]");
    assert_refused(DATE, "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]", OK_BLOCKS,
                   GENOP_ETOOBIG, "$.sender[8]");
    assert_refused(DATE, OK_SENDER, "{}", GENOP_EINVAL, "$.blocks");
    assert_refused(DATE, OK_SENDER, "[3]", GENOP_EINVAL, "$.blocks[0]");
    assert_refused(DATE, OK_SENDER, OK_BLOCKS ",[{\"type\":\"chapter\",\"text\":\"x\"}]",
                   GENOP_EPARSE, "");
    assert_refused(DATE, OK_SENDER,
                   "[{\"type\":\"heading\",\"text\":\"a\"},{\"type\":\"chapter\",\"text\":\"x\"}]",
                   GENOP_EINVAL, "$.blocks[1].type");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"fact\",\"text\":\"2\"}]", GENOP_EINVAL,
                   "$.blocks[0].label");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"item\",\"label\":\"a\",\"text\":\"2\"}]",
                   GENOP_EINVAL, "$.blocks[0].label");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"fact\",\"label\":\"a\\u0007\",\"text\":\"2\"}]",
                   GENOP_EINVAL, "$.blocks[0].label");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"item\",\"text\":\"a\\tb\"}]", GENOP_EINVAL,
                   "$.blocks[0].text");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"item\"}]", GENOP_EINVAL, "$.blocks[0].text");
    assert_refused(DATE, OK_SENDER, "[{\"type\":\"item\",\"text\":\"a\",\"size\":3}]",
                   GENOP_EINVAL, "$.blocks[0]");
    /* version and the head's members */
    const char *no_version = "{\"kind\":\"decision\"}";
    genop_letter_doc *doc = NULL;
    genop_error e = { 0 };
    assert_int_equal(genop_letter_doc_read_json(no_version, strlen(no_version), &doc, &e),
                     GENOP_EINVAL);
    assert_string_equal(e.field, "$.version");
    const char *v2 = "{\"version\":2}";
    assert_int_equal(genop_letter_doc_read_json(v2, strlen(v2), &doc, &e), GENOP_EINVAL);
    assert_string_equal(e.field, "$.version");
    const char *title = "{\"version\":1,\"kind\":\"decision\",\"title\":\"a\\u0001\","
                        "\"date\":\"2027-05-03\"}";
    assert_int_equal(genop_letter_doc_read_json(title, strlen(title), &doc, &e), GENOP_EINVAL);
    assert_string_equal(e.field, "$.title");
    assert_int_equal(genop_letter_doc_read_json("[]", 2, &doc, &e), GENOP_EINVAL);
    assert_string_equal(e.field, "$");
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_round_trip),
        cmocka_unit_test(test_every_block_round_trips),
        cmocka_unit_test(test_refusals_name_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
