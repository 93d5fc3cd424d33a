/*
 * test_case_pack.c - the kept view's form (src/core/case_pack.h):
 * - every field of every kind of event reads back as it was written,
 *   conditions with tabs, newlines, backslashes and æ/ø/å included, over
 *   random cases;
 * - the bytes are the format's own, byte for byte as case_pack.h
 *   documents them (its codes, not case.h's enum numbers), and every
 *   type keeps the code it was given (admitted, added later, is 14);
 * - bytes that are not whole events of the format (cut short, unknown
 *   codes, a date outside the calendar, a condition too long) are refused
 *   with the event's number, never half-read into something else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include "case_pack.h"
#include "standard.h"

/* A small deterministic generator (xorshift). */
static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void random_event(uint32_t *s, genop_event *ev)
{
    static const char *const conditions[] = {"", "hofte", "knæ\tog ryg", "a\\b\nc", "æøå ÆØÅ"};
    memset(ev, 0, sizeof *ev);
    ev->type = (genop_event_type)(next(s) % GENOP_EV_COUNT);
    ev->date = date_of("2025-01-01") + (genop_date)(next(s) % 900);
    ev->paragraph = next(s) % 3 == 0 ? 0 : next(s) % 2 ? GENOP_PARA_86_1 : GENOP_PARA_86_2;
    ev->granted = next(s) % 2;
    ev->minutes = (int)(next(s) % 1441);
    ev->outcome = (genop_outcome)(next(s) % GENOP_OUTCOME_COUNT);
    ev->kind = (genop_session_kind)(next(s) % GENOP_SESSION_KIND_COUNT);
    ev->upheld = (genop_upheld)(next(s) % GENOP_UPHELD_COUNT);
    ev->phase = (genop_status_phase)(next(s) % GENOP_PHASE_COUNT);
    const char *c = conditions[next(s) % 5];
    memcpy(ev->condition, c, strlen(c) + 1);
    ev->has_about = next(s) % 2;
    ev->about = ev->has_about ? (genop_complaint_about)(next(s) % GENOP_ABOUT_COUNT) : 0;
    if (ev->type == GENOP_EV_APPEAL_DECIDED) {   /* its outcome is the appeal's */
        ev->outcome = GENOP_OUTCOME_ATTENDED;
        ev->appeal = (genop_appeal_outcome)(next(s) % GENOP_APPEAL_COUNT);
    }
}

static void assert_same_event(const genop_event *a, const genop_event *b)
{
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->date, b->date);
    assert_int_equal(a->paragraph, b->paragraph);
    assert_int_equal(a->granted, b->granted);
    assert_int_equal(a->minutes, b->minutes);
    assert_int_equal(a->outcome, b->outcome);
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->upheld, b->upheld);
    assert_int_equal(a->phase, b->phase);
    assert_string_equal(a->condition, b->condition);
    assert_int_equal(a->has_about, b->has_about);
    assert_int_equal(a->about, b->about);
    assert_int_equal(a->appeal, b->appeal);
}

static void test_random_cases_read_back(void **state)
{
    (void)state;
    uint32_t seed = 0x9e3779b9u;
    for (int round = 0; round < 500; round++) {
        genop_case c = {0}, back = {0};
        size_t n = next(&seed) % 30;
        for (size_t i = 0; i < n; i++) {
            genop_event ev;
            random_event(&seed, &ev);
            must(genop_case_add(&c, &ev, e));
        }
        genop_buf b = {0};
        genop_case_pack(&c, &b);
        assert_false(genop_buf_failed(&b));
        must(genop_case_unpack(b.data ? b.data : "", b.len, &back, e));
        assert_int_equal(back.n_events, c.n_events);
        for (size_t i = 0; i < n; i++)
            assert_same_event(&back.events[i], &c.events[i]);
        genop_buf_release(&b);
        genop_case_release(&c);
        genop_case_release(&back);
    }
}

static void test_the_documented_bytes(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_event ev = {.type = GENOP_EV_SESSION, .date = date_of("2026-03-02"), .minutes = 45,
                      .outcome = GENOP_OUTCOME_NO_SHOW, .kind = GENOP_SESSION_ASSESSMENT,
                      .upheld = GENOP_UPHELD_NONE, .phase = GENOP_PHASE_END, .granted = true,
                      .paragraph = GENOP_PARA_86_2, .condition = "knæ"};
    must(genop_case_add(&c, &ev, e));
    genop_buf b = {0};
    genop_case_pack(&c, &b);
    /* 2026-03-02 is day 20514 since 1970-01-01: 0x5022. */
    const unsigned char want[] = {6, 0x22, 0x50, 0, 0, 2, 1, 45, 0, 0, 0, 2, 1, 2, 1, 4,
                                  'k', 'n', 0xc3, 0xa6};
    assert_int_equal(b.len, sizeof want);
    assert_memory_equal(b.data, want, sizeof want);
    genop_buf_release(&b);
    genop_case_release(&c);
}

/* A complaint's about in the flags' bits 2-3, an appeal's outcome in
 * byte 11, as case_pack.h documents them. */
static void test_complaint_and_appeal_bytes(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_event complaint = {.type = GENOP_EV_COMPLAINT_RECEIVED, .date = date_of("2026-03-02"),
                             .has_about = true, .about = GENOP_ABOUT_PROFESSIONAL};
    genop_event appeal = {.type = GENOP_EV_APPEAL_DECIDED, .date = date_of("2026-03-02"),
                          .appeal = GENOP_APPEAL_REMITTED};
    must(genop_case_add(&c, &complaint, e));
    must(genop_case_add(&c, &appeal, e));
    genop_buf b = {0};
    genop_case_pack(&c, &b);
    const unsigned char want[] = {8, 0x22, 0x50, 0, 0, 0, 3 << 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                  16, 0x22, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0};
    assert_int_equal(b.len, sizeof want);
    assert_memory_equal(b.data, want, sizeof want);
    genop_case back = {0};
    must(genop_case_unpack(b.data, b.len, &back, e));
    assert_true(back.events[0].has_about);
    assert_int_equal(back.events[0].about, GENOP_ABOUT_PROFESSIONAL);
    assert_false(back.events[1].has_about);
    assert_int_equal(back.events[1].appeal, GENOP_APPEAL_REMITTED);
    assert_int_equal(back.events[1].outcome, GENOP_OUTCOME_ATTENDED);
    /* A view kept before (flags 0-3) reads as before: no about. */
    unsigned char old[16] = {8, 0x22, 0x50, 0, 0, 0, 1};
    genop_case_release(&back);
    must(genop_case_unpack((const char *)old, sizeof old, &back, e));
    assert_false(back.events[0].has_about);
    /* Flags beyond bit 3 are no flags of this format. */
    old[6] = 16;
    genop_case_release(&back);
    assert_int_equal(genop_case_unpack((const char *)old, sizeof old, &back, NULL), GENOP_EINVAL);
    genop_case_release(&back);
    genop_buf_release(&b);
    genop_case_release(&c);
}

/* The type codes as case_pack.h lists them: a code once kept never
 * changes meaning. */
static void test_type_codes_never_change(void **state)
{
    (void)state;
    static const char *const documented[] = {
        "referral_received", "contacted", "assessment", "decision", "decision_received",
        "grant_received", "session", "closed", "complaint_received", "complaint_decided",
        "complaint_forwarded", "hospital_plan", "previous_course", "function_status",
        "admitted", "assigned", "appeal_decided",
    };
    assert_int_equal(sizeof documented / sizeof documented[0], GENOP_EV_COUNT);
    for (size_t code = 0; code < GENOP_EV_COUNT; code++) {
        genop_case c = {0};
        genop_event ev = {.date = date_of("2026-03-12")};
        assert_true(genop_event_type_from_name(documented[code], &ev.type));
        must(genop_case_add(&c, &ev, e));
        genop_buf b = {0};
        genop_case_pack(&c, &b);
        assert_int_equal(b.len, 16);
        assert_int_equal((unsigned char)b.data[0], code);
        genop_case back = {0};
        must(genop_case_unpack(b.data, b.len, &back, e));
        assert_int_equal(back.events[0].type, ev.type);
        assert_int_equal(back.events[0].date, ev.date);
        genop_buf_release(&b);
        genop_case_release(&c);
        genop_case_release(&back);
    }
}

static void test_malformed_bytes_are_refused(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_event ev = {.type = GENOP_EV_CONTACTED, .date = date_of("2026-03-02")};
    must(genop_case_add(&c, &ev, e));
    genop_buf good = {0};
    genop_case_pack(&c, &good);
    genop_case_pack(&c, &good);             /* two events of 16 bytes */
    assert_int_equal(good.len, 32);
    struct { size_t at; unsigned char byte; size_t len; } bad[] = {
        {0, 0, 31},            /* cut short */
        {16, 17, 32},          /* an unknown type (appeal_decided is 16) */
        {16 + 4, 0x7f, 32},    /* a date far past 2199 */
        {16 + 5, 3, 32},       /* an unknown paragraph */
        {16 + 6, 2, 32},       /* flags beyond granted */
        {16 + 11, 4, 32},      /* an unknown outcome */
        {16 + 12, 2, 32},      /* an unknown kind */
        {16 + 13, 3, 32},      /* an unknown upheld */
        {16 + 14, 2, 32},      /* an unknown phase */
        {16 + 15, 1, 32},      /* a condition of 1 byte that is not there */
        {16 + 15, 200, 32},    /* longer than any condition */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char bytes[32];
        memcpy(bytes, good.data, 32);
        if (bad[i].len == 32)
            bytes[bad[i].at] = bad[i].byte;
        genop_case back = {0};
        genop_error err;
        assert_int_equal(genop_case_unpack(bytes, bad[i].len, &back, &err), GENOP_EINVAL);
        assert_message_contains(err, "hændelse 2");
        assert_int_equal(back.n_events, 1);        /* the good event before it */
        genop_case_release(&back);
    }
    genop_buf_release(&good);
    genop_case_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_cases_read_back),
        cmocka_unit_test(test_the_documented_bytes),
        cmocka_unit_test(test_complaint_and_appeal_bytes),
        cmocka_unit_test(test_type_codes_never_change),
        cmocka_unit_test(test_malformed_bytes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
