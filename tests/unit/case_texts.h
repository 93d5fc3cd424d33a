/*
 * case_texts.h - JSON texts of cases and events, and small helpers, that
 * the unit tests of the case reader share (test_case_json.c,
 * test_case_tree.c). Include after <cmocka.h>.
 */
#ifndef GENOP_TEST_CASE_TEXTS_H
#define GENOP_TEST_CASE_TEXTS_H

#include <string.h>

#include "case.h"
#include "case_json.h"
#include "error.h"

/* The example of shared/spec/evaluate.md section 2, verbatim. */
static const char spec_example[] =
    "{\n"
    "  \"citizen\": { \"birth_date\": \"1941-03-02\", \"municipality_code\": 851 },\n"
    "  \"events\": [\n"
    "    { \"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\",\n"
    "      \"condition\": \"hofte\" },\n"
    "    { \"type\": \"contacted\",  \"date\": \"2025-04-11\" },\n"
    "    { \"type\": \"assessment\", \"date\": \"2025-04-14\" },\n"
    "    { \"type\": \"decision\",   \"date\": \"2025-04-15\", \"granted\": true },\n"
    "    { \"type\": \"grant_received\", \"date\": \"2025-04-15\" },\n"
    "    { \"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45,\n"
    "      \"outcome\": \"attended\", \"kind\": \"training\" },\n"
    "    { \"type\": \"closed\", \"date\": \"2025-06-30\", \"reason\": \"goal_reached\" }\n"
    "  ]\n"
    "}\n";

/* A referral as the first event, for the error cases below. */
#define REFERRAL \
    "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\"}"

/* A case whose events are REFERRAL and then `ev` (so ev is $.events[1]). */
#define WITH_EVENT(ev) "{\"events\": [" REFERRAL ", " ev "]}"

/* Gå (Mobilitet) and Vaske sig (Egenomsorg), read from CodeSystem-FSIII.json. */
#define GAA_CODE "51697715-965a-40f3-b4a5-819103bf9d49"
#define VASK_CODE "4d46bd94-9518-431c-82e8-ebb91bca307a"
#define LEVEL(code, lv) "{\"code\": \"" code "\", \"level\": " lv "}"
/* A function status with the given phase, levels and extra members. */
#define STATUS(phase, levels, more) \
    "{\"type\": \"function_status\", \"date\": \"2025-04-14\", \"phase\": \"" phase "\"," \
    " \"levels\": [" levels "]" more "}"

/* Reads text into c with the streaming reader the command line uses. */
static inline genop_err read_case(const char *text, genop_case *c, genop_error *e)
{
    return genop_case_parse(text, strlen(text), c, e);
}

static inline void read_ok(const char *text, genop_case *c)
{
    genop_error e;
    genop_error_clear(&e);
    genop_err err = read_case(text, c, &e);
    if (err != GENOP_OK)
        fail_msg("valid case rejected (%d): %s", (int)err, e.message);
}

static inline void assert_case_empty(const genop_case *c)
{
    assert_int_equal(c->n_events, 0);
    assert_false(c->has_birth_date);
    assert_false(c->has_municipality_code);
    assert_false(c->has_as_of);
}

#endif
