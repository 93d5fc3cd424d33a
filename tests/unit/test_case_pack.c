/*
 * test_case_pack.c - the kept view's text (src/core/case_pack.h):
 * - every field of every kind of event reads back as it was written,
 *   conditions with tabs, newlines, backslashes and æ/ø/å included, over
 *   random cases;
 * - the text names every enum by its name (so reordering an enum of
 *   case.h cannot change what a kept line means);
 * - text that is not whole lines of the format is refused with the line's
 *   number, never half-read into something else.
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

static void test_names_not_numbers(void **state)
{
    (void)state;
    genop_case c = {0};
    genop_event ev = {.type = GENOP_EV_SESSION, .date = date_of("2026-03-02"), .minutes = 45,
                      .outcome = GENOP_OUTCOME_NO_SHOW, .kind = GENOP_SESSION_ASSESSMENT};
    must(genop_case_add(&c, &ev, e));
    genop_buf b = {0};
    genop_case_pack(&c, &b);
    assert_string_equal(b.data, "session\t2026-03-02\t-\t0\t45\tno_show\tassessment\tfull\tstart\t\n");
    genop_buf_release(&b);
    genop_case_release(&c);
}

static void test_malformed_text_is_refused(void **state)
{
    (void)state;
    const char *good = "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\t\n";
    const char *bad[] = {
        "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\t",      /* no newline */
        "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\n",              /* 9 fields */
        "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\tx\ty\n", /* 11 */
        "visited\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\t\n",
        "contacted\t2026-02-30\t-\t0\t0\tattended\ttraining\tfull\tstart\t\n",
        "contacted\t2026-03-02\t86.3\t0\t0\tattended\ttraining\tfull\tstart\t\n",
        "contacted\t2026-03-02\t-\t2\t0\tattended\ttraining\tfull\tstart\t\n",
        "contacted\t2026-03-02\t-\t0\t4x\tattended\ttraining\tfull\tstart\t\n",
        "contacted\t2026-03-02\t-\t0\t0\tshowed\ttraining\tfull\tstart\t\n",
        "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tmiddle\t\n",
        "contacted\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\tending\\\n",
        "\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        genop_case c = {0};
        genop_error e;
        char text[256];
        snprintf(text, sizeof text, "%s%s", good, bad[i]);
        assert_int_equal(genop_case_unpack(text, strlen(text), &c, &e), GENOP_EINVAL);
        assert_message_contains(e, "linje 2");
        assert_int_equal(c.n_events, 1);        /* the good line before it */
        genop_case_release(&c);
    }
    char longer[400];
    memset(longer, 'x', sizeof longer);
    int n = snprintf(longer, sizeof longer,
                     "previous_course\t2026-03-02\t-\t0\t0\tattended\ttraining\tfull\tstart\t");
    memset(longer + n, 'x', GENOP_CONDITION_MAX + 1);
    longer[n + GENOP_CONDITION_MAX + 1] = '\n';
    genop_case c = {0};
    genop_error e;
    assert_int_equal(genop_case_unpack(longer, (size_t)n + GENOP_CONDITION_MAX + 2, &c, &e),
                     GENOP_EINVAL);
    genop_case_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_cases_read_back),
        cmocka_unit_test(test_names_not_numbers),
        cmocka_unit_test(test_malformed_text_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
