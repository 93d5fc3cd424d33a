/*
 * test_case_grant.c - a decision's grant and its exceptions to the
 * standard's limits (shared/spec/letters.md section 1, evaluate.md
 * "Limits"), through the core:
 * - the case reader keeps a grant's exceptions beside the events, linked
 *   to their decision (a reason of the full 1000 bytes included), accepts
 *   a decision without a grant or with "grant": null, and ignores a
 *   "grant" on another type of event;
 * - every refusal of a grant's fields and of its exceptions, each with
 *   its code, the JSON path of what is wrong and what it says;
 * - a single event's reader keeps the exceptions for the caller, or only
 *   checks them;
 * - genop_evaluate: an exception raises and lowers a limit's max, at the
 *   boundary; the latest granted decision's grant is the one that counts
 *   (a later grant replaces an earlier one's exceptions, a later refusal
 *   does not); course_length's exception is in days and moves its last
 *   day; the weekly limits; an exception to a limit the standard lacks
 *   changes nothing; the result's JSON says "exception";
 * - the kept form (case_pack.h, format 4) reads the exceptions back, and
 *   refuses bytes whose exceptions are cut short or out of bounds.
 * Expected values come from the contract and the texts below, counted by
 * hand (Rødovre: 32 sessions; Skive: 2 sessions and 90 minutes a week,
 * 4 months).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "case.h"
#include "case_json.h"
#include "case_pack.h"
#include "evaluate.h"
#include "registry.h"
#include "result_json.h"
#include "strbuf.h"

#define REFERRAL "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\"}"
/* A case of the referral and a decision with `grant` (JSON text) as
 * $.events[1]. */
#define WITH_GRANT(grant)                                                               \
    "{\"events\": [" REFERRAL ", {\"type\": \"decision\", \"date\": \"2025-04-15\","     \
    " \"granted\": true, \"grant\": " grant "}]}"
#define FULL_GRANT(exceptions)                                                          \
    "{\"form\": \"team\", \"place\": \"centre\", \"sessions_per_week\": 2,"              \
    " \"minutes_per_session\": 45, \"sessions\": null, \"until\": null,"                 \
    " \"transport\": false, \"exceptions\": [" exceptions "]}"
#define WITH_EXCEPTIONS(exceptions) WITH_GRANT(FULL_GRANT(exceptions))

static genop_err read_case(const char *text, genop_case *c, genop_error *e)
{
    genop_error_clear(e);
    return genop_case_parse(text, strlen(text), c, e);
}

static void read_ok(const char *text, genop_case *c)
{
    genop_error e;
    if (read_case(text, c, &e) != GENOP_OK)
        fail_msg("case refused: %s", e.message);
}

/* The case text must be refused with code and a message that starts with
 * path (then ' ' or ':') and contains word; the case is left empty. */
static void expect_error(const char *text, genop_err code, const char *path, const char *word)
{
    genop_case c = {0};
    genop_error e;
    genop_err err = read_case(text, &c, &e);
    size_t n = strlen(path);
    bool good = err == code && strncmp(e.message, path, n) == 0 &&
                (e.message[n] == ' ' || e.message[n] == ':') && strstr(e.message, word);
    size_t events = c.n_events, exceptions = c.n_exceptions;
    genop_case_release(&c);
    if (!good)
        fail_msg("expected code %d at \"%s\" with \"%s\"; got %d: \"%s\"", (int)code, path, word,
                 (int)err, e.message);
    assert_int_equal(events, 0);
    assert_int_equal(exceptions, 0);
}

/* ---- reading -------------------------------------------------------- */

static void test_exceptions_kept_with_their_decision(void **state)
{
    (void)state;
    genop_case c = {0};
    read_ok(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 40, \"reason\": \"Komplekst\"},"
                            "{\"max\": 120, \"reason\": \"Forlænget\", \"limit\": \"course_length\"}"),
            &c);
    assert_int_equal(c.n_events, 2);
    assert_int_equal(c.n_exceptions, 2);
    size_t n;
    const genop_exception *x = genop_case_exceptions(&c, c.events[1].seq, &n);
    assert_int_equal(n, 2);
    assert_int_equal(x[0].limit, GENOP_LIMIT_SESSIONS);
    assert_int_equal(x[0].max, 40);
    assert_string_equal(x[0].reason, "Komplekst");
    assert_int_equal(x[1].limit, GENOP_LIMIT_COURSE_LENGTH);
    assert_int_equal(x[1].max, 120);
    assert_string_equal(x[1].reason, "Forlænget");
    assert_null(genop_case_exceptions(&c, c.events[0].seq, &n));
    assert_int_equal(n, 0);
    genop_case_release(&c);
}

static void test_long_reason_read_whole(void **state)
{
    (void)state;
    char reason[GENOP_EXCEPTION_REASON_MAX + 2];
    memset(reason, 'a', sizeof reason);
    memcpy(reason, "æ", 2);                   /* two bytes of UTF-8 */
    reason[GENOP_EXCEPTION_REASON_MAX] = '\0';
    char *text = malloc(4096);
    assert_non_null(text);
    snprintf(text, 4096, WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"%s\"}"),
             reason);
    genop_case c = {0};
    read_ok(text, &c);
    assert_int_equal(c.n_exceptions, 1);
    assert_string_equal(c.exceptions[0].reason, reason);
    genop_case_release(&c);
    /* One byte more is too long. */
    reason[GENOP_EXCEPTION_REASON_MAX] = 'b';
    reason[GENOP_EXCEPTION_REASON_MAX + 1] = '\0';
    snprintf(text, 4096, WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"%s\"}"),
             reason);
    expect_error(text, GENOP_ETOOBIG, "$.events[1].grant.exceptions[0].reason", "1001 byte");
    free(text);
}

static void test_without_grant_and_elsewhere(void **state)
{
    (void)state;
    genop_case c = {0};
    /* Old files: a decision without a grant, or with null. */
    read_ok("{\"events\": [" REFERRAL ", {\"type\": \"decision\", \"date\": \"2025-04-15\","
            " \"granted\": true}]}", &c);
    assert_int_equal(c.n_events, 2);
    assert_int_equal(c.n_exceptions, 0);
    read_ok(WITH_GRANT("null"), &c);
    assert_int_equal(c.n_exceptions, 0);
    /* A grant with some of its fields (another system's): what is there
     * is checked, nothing is required. */
    read_ok(WITH_GRANT("{\"place\": \"home\"}"), &c);
    genop_case_release(&c);
}

static void test_grant_only_on_decisions(void **state)
{
    (void)state;
    genop_case c = {0};
    /* A "grant" on a session is not read, and keeps nothing. */
    read_ok("{\"events\": [" REFERRAL ", {\"type\": \"session\", \"date\": \"2025-04-22\","
            " \"minutes\": 45, \"outcome\": \"attended\", \"grant\": " FULL_GRANT(
                "{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"x\"}") "}]}", &c);
    assert_int_equal(c.n_events, 2);
    assert_int_equal(c.n_exceptions, 0);
    genop_case_release(&c);
}

static void test_grant_field_refusals(void **state)
{
    (void)state;
    expect_error(WITH_GRANT("[]"), GENOP_EINVAL, "$.events[1].grant", "objekt");
    expect_error("{\"events\": [" REFERRAL ", {\"type\": \"decision\", \"date\": \"2025-04-15\","
                 " \"granted\": false, \"grant\": " FULL_GRANT("") "}]}",
                 GENOP_EINVAL, "$.events[1].grant", "afslag");
    expect_error(WITH_GRANT("{\"form\": \"group\"}"), GENOP_EINVAL, "$.events[1].grant.form",
                 "individual, team eller self_training");
    expect_error(WITH_GRANT("{\"place\": \"pool\"}"), GENOP_EINVAL, "$.events[1].grant.place",
                 "centre, home eller local_area");
    expect_error(WITH_GRANT("{\"place\": 3}"), GENOP_EINVAL, "$.events[1].grant.place",
                 "heltal");
    expect_error(WITH_GRANT("{\"sessions_per_week\": 0}"), GENOP_ERANGE,
                 "$.events[1].grant.sessions_per_week", "positivt heltal");
    expect_error(WITH_GRANT("{\"minutes_per_session\": \"45\"}"), GENOP_EINVAL,
                 "$.events[1].grant.minutes_per_session", "tekst");
    expect_error(WITH_GRANT("{\"minutes_per_session\": null}"), GENOP_EINVAL,
                 "$.events[1].grant.minutes_per_session", "null");
    expect_error(WITH_GRANT("{\"sessions\": -2}"), GENOP_ERANGE, "$.events[1].grant.sessions",
                 "-2");
    expect_error(WITH_GRANT("{\"sessions\": 2.5}"), GENOP_EINVAL, "$.events[1].grant.sessions",
                 "decimaltal");
    expect_error(WITH_GRANT("{\"until\": \"2025-04-14\"}"), GENOP_EINVAL,
                 "$.events[1].grant.until", "før afgørelsens dato 2025-04-15");
    expect_error(WITH_GRANT("{\"until\": \"2025-02-30\"}"), GENOP_EINVAL,
                 "$.events[1].grant.until", "2025-02-30");
    expect_error(WITH_GRANT("{\"transport\": \"ja\"}"), GENOP_EINVAL,
                 "$.events[1].grant.transport", "true eller false");
    expect_error(WITH_GRANT("{\"exceptions\": {}}"), GENOP_EINVAL,
                 "$.events[1].grant.exceptions", "liste");
    /* The boundaries that are good. */
    genop_case c = {0};
    read_ok(WITH_GRANT("{\"until\": \"2025-04-15\", \"sessions\": 1, \"transport\": true}"), &c);
    genop_case_release(&c);
}

static void test_exception_refusals(void **state)
{
    (void)state;
    const char *at = "$.events[1].grant.exceptions[0]";
    expect_error(WITH_EXCEPTIONS("3"), GENOP_EINVAL, at, "objekt {limit, max, reason}");
    expect_error(WITH_EXCEPTIONS("[]"), GENOP_EINVAL, at, "en liste");
    expect_error(WITH_EXCEPTIONS("{\"max\": 3, \"reason\": \"x\"}"), GENOP_EINVAL,
                 "$.events[1].grant.exceptions[0].limit", "mangler");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"visits\", \"max\": 3, \"reason\": \"x\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].limit", "course_length");
    expect_error(WITH_EXCEPTIONS("{\"limit\": 1, \"max\": 3, \"reason\": \"x\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].limit", "heltal");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"reason\": \"x\"}"), GENOP_EINVAL,
                 "$.events[1].grant.exceptions[0].max", "mangler");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 0, \"reason\": \"x\"}"),
                 GENOP_ERANGE, "$.events[1].grant.exceptions[0].max", "positivt heltal");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 100001, \"reason\": \"x\"}"),
                 GENOP_ERANGE, "$.events[1].grant.exceptions[0].max", "100001");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": \"3\", \"reason\": \"x\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].max", "tekst");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3}"), GENOP_EINVAL,
                 "$.events[1].grant.exceptions[0].reason", "mangler");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \" \\n\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].reason", "tom");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": null}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].reason", "null");
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"a\\u0000\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[0].reason", "NUL");
    /* The second of two exceptions to one limit. */
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"x\"},"
                                 "{\"limit\": \"sessions\", \"max\": 4, \"reason\": \"y\"}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[1].limit", "allerede");
    /* The first fault is the one reported. */
    expect_error(WITH_EXCEPTIONS("{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"x\"},"
                                 "{\"limit\": \"nope\", \"max\": 0}"),
                 GENOP_EINVAL, "$.events[1].grant.exceptions[1].limit", "nope");
}

static void test_single_event(void **state)
{
    (void)state;
    const char *text = "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": true,"
                       " \"grant\": " FULL_GRANT("{\"limit\": \"minutes_per_week\", \"max\": 120,"
                                                 " \"reason\": \"Særlige behov\"}") "}";
    genop_event ev;
    genop_grant g;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_event_parse_grant(text, strlen(text), "$", &ev, &g, &e), GENOP_OK);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.items[0].limit, GENOP_LIMIT_MINUTES_PER_WEEK);
    assert_int_equal(g.items[0].max, 120);
    assert_string_equal(g.items[0].reason, "Særlige behov");
    /* Added to a case, linked to the event. */
    genop_case c = {0};
    genop_event other = ev;
    other.type = GENOP_EV_CONTACTED;
    assert_int_equal(genop_case_add(&c, &other, &e), GENOP_OK);
    assert_int_equal(genop_case_add_granted(&c, &ev, &g, &e), GENOP_OK);
    size_t n;
    const genop_exception *x = genop_case_exceptions(&c, c.events[1].seq, &n);
    assert_int_equal(n, 1);
    assert_int_equal(x->max, 120);
    genop_case_release(&c);
    /* Without a grant to keep them, they are still checked. */
    const char *bad = "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": true,"
                      " \"grant\": {\"exceptions\": [{\"limit\": \"sessions\", \"max\": -1,"
                      " \"reason\": \"x\"}]}}";
    assert_int_equal(genop_event_parse(bad, strlen(bad), "$.event", &ev, &e), GENOP_ERANGE);
    assert_true(strncmp(e.message, "$.event.grant.exceptions[0].max ", 32) == 0);
    g.n = 3;
    assert_int_equal(genop_event_parse_grant(bad, strlen(bad), "$", &ev, &g, &e), GENOP_ERANGE);
    assert_int_equal(g.n, 0);
    /* Another type of event keeps none. */
    const char *session = "{\"type\": \"session\", \"date\": \"2025-04-22\", \"minutes\": 45,"
                          " \"outcome\": \"attended\", \"grant\": " FULL_GRANT(
                              "{\"limit\": \"sessions\", \"max\": 3, \"reason\": \"x\"}") "}";
    assert_int_equal(genop_event_parse_grant(session, strlen(session), "$", &ev, &g, &e),
                     GENOP_OK);
    assert_int_equal(g.n, 0);
}

/* ---- evaluating ------------------------------------------------------ */

typedef struct fixture {
    genop_standard *rodovre, *skive, *aalborg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    genop_error e;
    if (!f || genop_registry_load("rodovre", &f->rodovre, &e) ||
        genop_registry_load("skive", &f->skive, &e) ||
        genop_registry_load("aalborg", &f->aalborg, &e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    genop_standard_free(f->rodovre);
    genop_standard_free(f->skive);
    genop_standard_free(f->aalborg);
    free(f);
    return 0;
}

/* Appends n attended training sessions, one a day from first, to b. */
static void sessions(genop_buf *b, const char *first, int n, int minutes)
{
    genop_date d = date_of(first);
    for (int i = 0; i < n; i++, d++) {
        char iso[GENOP_DATE_STR_SIZE];
        genop_buf_addf(b, ",{\"type\": \"session\", \"date\": \"%s\", \"minutes\": %d,"
                       " \"outcome\": \"attended\"}", genop_date_format(d, iso), minutes);
    }
}

/* Reads the case of REFERRAL, `decisions` (JSON objects, each with its
 * leading comma) and n sessions from 2025-05-01 (a day apart), and
 * evaluates it as of 2025-12-31 into *r. */
static void evaluate(const genop_standard *std, const char *decisions, int n, int minutes,
                     genop_case *c, genop_result *r)
{
    genop_buf b = {0};
    genop_buf_adds(&b, "{\"events\": [" REFERRAL);
    genop_buf_adds(&b, decisions);
    sessions(&b, "2025-05-01", n, minutes);
    genop_buf_adds(&b, "]}");
    assert_false(genop_buf_failed(&b));
    read_ok(b.data, c);
    genop_buf_release(&b);
    genop_error e;
    if (genop_evaluate(c, std, date_of("2025-12-31"), r, &e))
        fail_msg("evaluate: %s", e.message);
}

static const genop_limit_result *limit(const genop_result *r, genop_limit_kind kind)
{
    for (size_t i = 0; i < r->n_limits; i++)
        if (r->limits[i].rule->kind == kind)
            return &r->limits[i];
    return NULL;
}

#define DECISION(date, granted, exceptions)                                             \
    ",{\"type\": \"decision\", \"date\": \"" date "\", \"granted\": " granted             \
    ", \"grant\": " FULL_GRANT(exceptions) "}"
#define EXC(limit, max, reason) \
    "{\"limit\": \"" limit "\", \"max\": " #max ", \"reason\": \"" reason "\"}"

static void test_exception_raises_max(void **state)
{
    fixture *f = *state;
    genop_case c = {0};
    genop_result r;
    const char *dec = DECISION("2025-04-15", "true", EXC("sessions", 34, "Komplekst forløb"));
    evaluate(f->rodovre, dec, 34, 45, &c, &r);
    const genop_limit_result *l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_non_null(l);
    assert_int_equal(l->max, 34);
    assert_int_equal(l->used, 34);
    assert_false(l->exceeded);
    assert_non_null(l->exception);
    assert_string_equal(l->exception->reason, "Komplekst forløb");
    assert_date_is(l->exception_decided, "2025-04-15");
    assert_int_equal(l->standard_max, 32);
    /* Without the exception, 34 are past the standard's 32. */
    evaluate(f->rodovre, ",{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": true}",
             34, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 32);
    assert_true(l->exceeded);
    assert_null(l->exception);
    /* One past the exception's max. */
    evaluate(f->rodovre, dec, 35, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_true(l->exceeded);
    assert_true(l->has_exceeded_on);
    assert_date_is(l->exceeded_on, "2025-06-04");   /* the 35th, 1 May + 34 days */
    genop_case_release(&c);
}

static void test_exception_lowers_max(void **state)
{
    fixture *f = *state;
    genop_case c = {0};
    genop_result r;
    const char *dec = DECISION("2025-04-15", "true", EXC("sessions", 10, "Kort forløb"));
    evaluate(f->rodovre, dec, 10, 45, &c, &r);
    const genop_limit_result *l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 10);
    assert_false(l->exceeded);
    evaluate(f->rodovre, dec, 11, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_true(l->exceeded);
    assert_date_is(l->exceeded_on, "2025-05-11");
    /* The limit without an exception keeps the standard's max. */
    l = limit(&r, GENOP_LIMIT_ASSESSMENT_SESSIONS);
    assert_int_equal(l->max, 8);
    assert_null(l->exception);
    genop_case_release(&c);
}

static void test_latest_granted_decision_wins(void **state)
{
    fixture *f = *state;
    genop_case c = {0};
    genop_result r;
    /* A later grant with its own exception replaces the earlier one. */
    evaluate(f->rodovre, DECISION("2025-04-15", "true", EXC("sessions", 40, "Første"))
             DECISION("2025-05-20", "true", EXC("sessions", 36, "Revisitation")), 5, 45, &c, &r);
    const genop_limit_result *l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 36);
    assert_string_equal(l->exception->reason, "Revisitation");
    assert_date_is(l->exception_decided, "2025-05-20");
    /* ... also in the input's other order: the dates decide. */
    evaluate(f->rodovre, DECISION("2025-05-20", "true", EXC("sessions", 36, "Revisitation"))
             DECISION("2025-04-15", "true", EXC("sessions", 40, "Første")), 5, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 36);
    /* A later grant without exceptions ends them. */
    evaluate(f->rodovre, DECISION("2025-04-15", "true", EXC("sessions", 40, "Første"))
             DECISION("2025-05-20", "true", ""), 5, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 32);
    assert_null(l->exception);
    /* A later refusal grants nothing: the latest granted decision's
     * exception still counts (evaluate.md "Limits"). */
    evaluate(f->rodovre, DECISION("2025-04-15", "true", EXC("sessions", 40, "Første"))
             ",{\"type\": \"decision\", \"date\": \"2025-05-20\", \"granted\": false}", 5, 45,
             &c, &r);
    l = limit(&r, GENOP_LIMIT_SESSIONS);
    assert_int_equal(l->max, 40);
    assert_date_is(l->exception_decided, "2025-04-15");
    genop_case_release(&c);
}

static void test_course_length_and_weekly(void **state)
{
    fixture *f = *state;
    genop_case c = {0};
    genop_result r;
    /* Skive: 4 months from the start, 1 May 2025: 123 days, to 1 September. */
    evaluate(f->skive, ",{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": true}",
             1, 45, &c, &r);
    const genop_limit_result *l = limit(&r, GENOP_LIMIT_COURSE_LENGTH);
    assert_int_equal(l->max, 123);
    assert_date_is(l->last_day, "2025-09-01");
    assert_true(l->exceeded);                       /* as of 31 December */
    const char *dec = DECISION("2025-04-15", "true",
                               EXC("course_length", 244, "Særligt komplekst træningsbehov") ","
                               EXC("sessions_per_week", 3, "Tre gange") ","
                               EXC("minutes_per_week", 135, "Længere"));
    evaluate(f->skive, dec, 3, 45, &c, &r);
    l = limit(&r, GENOP_LIMIT_COURSE_LENGTH);
    assert_int_equal(l->max, 244);
    assert_int_equal(l->used, 244);                 /* 1 May to 31 December */
    assert_false(l->exceeded);
    assert_date_is(l->last_day, "2025-12-31");
    assert_int_equal(l->standard_max, 123);
    /* 1-3 May 2025 are Thursday to Saturday of week 18. */
    l = limit(&r, GENOP_LIMIT_SESSIONS_PER_WEEK);
    assert_int_equal(l->used, 3);
    assert_int_equal(l->max, 3);
    assert_false(l->exceeded);
    l = limit(&r, GENOP_LIMIT_MINUTES_PER_WEEK);
    assert_int_equal(l->used, 135);
    assert_int_equal(l->max, 135);
    assert_false(l->exceeded);
    evaluate(f->skive, dec, 3, 50, &c, &r);
    l = limit(&r, GENOP_LIMIT_MINUTES_PER_WEEK);
    assert_true(l->exceeded);
    assert_date_is(l->exceeded_on, "2025-05-03");
    /* The result's JSON says so. */
    genop_buf b = {0};
    genop_result_write_json(&r, &c, &b);
    assert_false(genop_buf_failed(&b));
    assert_non_null(strstr(b.data, "\"exception\":{\"reason\":\"Længere\",\"decided\":\"2025-04-15\""));
    genop_buf_release(&b);
    genop_case_release(&c);
}

static void test_exception_the_standard_lacks(void **state)
{
    fixture *f = *state;
    genop_case c = {0};
    genop_result r;
    /* Aalborg has no limits: an exception to one changes nothing. */
    evaluate(f->aalborg, DECISION("2025-04-15", "true", EXC("sessions", 3, "x")), 5, 45, &c, &r);
    assert_int_equal(r.n_limits, 0);
    genop_case_release(&c);
}

/* ---- the kept form ------------------------------------------------- */

static void test_pack_round_trip(void **state)
{
    (void)state;
    genop_case c = {0}, back = {0};
    read_ok("{\"events\": [" REFERRAL DECISION("2025-04-15", "true",
            EXC("sessions", 40, "Første") "," EXC("course_length", 300, "Lang, æøå"))
            ",{\"type\": \"contacted\", \"date\": \"2025-04-16\"}"
            DECISION("2025-05-15", "true", EXC("minutes_per_week", 100, "Revisitation")) "]}", &c);
    genop_buf b = {0};
    genop_case_pack(&c, &b);
    assert_false(genop_buf_failed(&b));
    genop_error e;
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_OK);
    assert_int_equal(back.n_events, 4);
    assert_int_equal(back.n_exceptions, 3);
    size_t n;
    const genop_exception *x = genop_case_exceptions(&back, back.events[1].seq, &n);
    assert_int_equal(n, 2);
    assert_int_equal(x[0].limit, GENOP_LIMIT_SESSIONS);
    assert_int_equal(x[0].max, 40);
    assert_string_equal(x[0].reason, "Første");
    assert_int_equal(x[1].limit, GENOP_LIMIT_COURSE_LENGTH);
    assert_int_equal(x[1].max, 300);
    assert_string_equal(x[1].reason, "Lang, æøå");
    assert_null(genop_case_exceptions(&back, back.events[2].seq, &n));
    x = genop_case_exceptions(&back, back.events[3].seq, &n);
    assert_int_equal(n, 1);
    assert_string_equal(x->reason, "Revisitation");
    /* The decision's bytes: flags 3 (granted, exceptions follow), then
     * count 2, then sessions (code 0), max 40, reason "Første" (7 bytes). */
    const unsigned char *d = (const unsigned char *)b.data;
    size_t at = 16 + d[15];                     /* after the referral */
    assert_int_equal(d[at + 6], 3);
    const unsigned char *xs = d + at + 16 + d[at + 15];
    assert_int_equal(xs[0], 2);
    assert_int_equal(xs[1], 0);
    assert_int_equal(xs[2], 40);
    assert_int_equal(xs[6], 7);
    assert_int_equal(xs[7], 0);
    /* Cut anywhere inside the exceptions: refused, naming event 2. */
    for (size_t cut = (size_t)(xs - d) + 1; cut < (size_t)(xs - d) + 8 + 7 + 8; cut++) {
        genop_case_reset(&back);
        assert_int_equal(genop_case_unpack(b.data, cut, &back, &e), GENOP_EINVAL);
        assert_non_null(strstr(e.message, "hændelse 2 "));
        assert_int_equal(back.n_exceptions, 0);
    }
    /* An unknown limit code, a max of 0, a count of 0. */
    unsigned char *w = (unsigned char *)b.data;
    size_t xo = (size_t)(xs - d);
    unsigned char saved = w[xo + 1];
    w[xo + 1] = 5;
    genop_case_reset(&back);
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_EINVAL);
    w[xo + 1] = saved;
    w[xo + 2] = 0;
    genop_case_reset(&back);
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_EINVAL);
    w[xo + 2] = 40;
    w[xo] = 0;
    genop_case_reset(&back);
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_EINVAL);
    w[xo] = 2;
    /* Flag bit 1 on a contacted event. */
    genop_case_reset(&back);
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_OK);
    genop_buf_release(&b);
    genop_case_reset(&c);
    read_ok("{\"events\": [" REFERRAL ",{\"type\": \"contacted\", \"date\": \"2025-04-16\"}]}", &c);
    genop_case_pack(&c, &b);
    size_t contacted = 16 + (unsigned char)b.data[15];
    b.data[contacted + 6] = 2;
    genop_case_reset(&back);
    assert_int_equal(genop_case_unpack(b.data, b.len, &back, &e), GENOP_EINVAL);
    genop_buf_release(&b);
    genop_case_release(&c);
    genop_case_release(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exceptions_kept_with_their_decision),
        cmocka_unit_test(test_long_reason_read_whole),
        cmocka_unit_test(test_without_grant_and_elsewhere),
        cmocka_unit_test(test_grant_only_on_decisions),
        cmocka_unit_test(test_grant_field_refusals),
        cmocka_unit_test(test_exception_refusals),
        cmocka_unit_test(test_single_event),
        cmocka_unit_test(test_exception_raises_max),
        cmocka_unit_test(test_exception_lowers_max),
        cmocka_unit_test(test_latest_granted_decision_wins),
        cmocka_unit_test(test_course_length_and_weekly),
        cmocka_unit_test(test_exception_the_standard_lacks),
        cmocka_unit_test(test_pack_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
