/*
 * test_report.c - the report's parts below the API test's hand-built
 * history (tests/api/test_report.py):
 * - the histogram gives the value at each rank exactly, with values
 *   outside its bins (negative, or past REPORT_HIST_BINS) in their place,
 *   also after a merge;
 * - a report over more cases than one batch holds gives the same JSON
 *   with one worker thread as with four, counts every case once, and
 *   puts each deadline under its month;
 * - the query's refusals name the field; only a leder may ask;
 * - a store that fails at any call fails the report cleanly (no leak,
 *   no half report).
 * The figures beyond report_extras are test_report_more.c's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "casework_fixture.h"
#include "report.h"
#include "report_hist.h"

/* ---- the histogram ---------------------------------------------------- */

static void test_hist_ranks(void **state)
{
    (void)state;   /* the group's database, unused */
    report_hist h, g;
    memset(&h, 0, sizeof h);
    memset(&g, 0, sizeof g);
    long values[] = {7, 3, 900, -2, 3, 0, 511, 512};
    for (size_t i = 0; i < 8; i++)
        must(report_hist_add(i < 5 ? &h : &g, values[i], e));
    must(report_hist_merge(&h, &g, e));
    /* sorted: -2 0 3 3 7 511 512 900 */
    long want[] = {-2, 0, 3, 3, 7, 511, 512, 900};
    assert_int_equal(h.n, 8);
    for (long k = 1; k <= 8; k++)
        assert_int_equal(report_hist_rank(&h, k), want[k - 1]);
    report_hist_release(&h);
    report_hist_release(&g);
}

/* ---- reports over the store ------------------------------------------- */

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, leder;
} fixture;

#define N_CASES 1100   /* more than one batch (report_scan.c) */

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("report", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    for (int i = 0; i < N_CASES; i++) {
        char cpr[11], name[32];
        snprintf(cpr, sizeof cpr, "%02d%02d50%04d", i % 28 + 1, i / 28 % 12 + 1, i);
        snprintf(name, sizeof name, "Borger %d", i);
        int64_t id = casework_test_case(&f->loc, &f->vis, cpr, name);
        if (i % 2) {     /* every other case decided, 10 days after the referral */
            char ev[256];
            char date[GENOP_DATE_STR_SIZE];
            snprintf(ev, sizeof ev, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true,"
                     TEST_GRANT "}", genop_date_format(f->loc.env.today - 10, date));
            must(casework_test_append(&f->loc, &f->vis, id, ev, NULL, e));
        }
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

static report_query query(const fixture *f, unsigned threads)
{
    genop_date today = f->loc.env.today;
    report_query q = {today - 60, today, today, 0, threads};
    return q;
}

static char *report_json(fixture *f, unsigned threads)
{
    report r;
    report_query q = query(f, threads);
    must(casework_report(&f->loc.env, &f->leder, &q, &r, e));
    genop_buf b = {0};
    report_write_json(&r, &b);
    assert_false(genop_buf_failed(&b));
    assert_int_equal(r.cases.evaluated, N_CASES);
    assert_int_equal(r.cases.referrals, N_CASES);
    assert_int_equal(r.cases.granted, N_CASES / 2);
    /* Aalborg's decision (3 workdays from the referral 20 days ago): due
     * in the period for every case, done 10 days after the referral by
     * half of them, late (10 days is more than 3 workdays). */
    assert_true(r.n_deadlines > 0);
    assert_string_equal(r.deadlines[0].rule->id, "decision");
    assert_int_equal(r.deadlines[0].late, N_CASES / 2);
    assert_int_equal(r.deadlines[0].overdue, N_CASES - N_CASES / 2);
    assert_true(r.deadlines[0].days_median.present);
    assert_int_equal(r.deadlines[0].days_median.value, 10);
    long in_months = 0;
    for (size_t m = 0; m < r.n_months; m++)
        for (size_t i = 0; i < r.months[m].n_deadlines; i++)
            if (strcmp(r.months[m].deadlines[i].rule->id, "decision") == 0)
                in_months += r.months[m].deadlines[i].late + r.months[m].deadlines[i].overdue;
    assert_int_equal(in_months, N_CASES);
    report_release(&r);
    return b.data;
}

static void test_threads_agree(void **state)
{
    fixture *f = *state;
    char *one = report_json(f, 1);
    char *four = report_json(f, 4);
    assert_string_equal(one, four);
    free(one);
    free(four);
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    genop_error ge;
    report r;
    report_query q = query(f, 1);
    assert_int_equal(casework_report(&f->loc.env, &f->vis, &q, &r, &ge), GENOP_EFORBIDDEN);
    report_release(&r);
    q.to = q.from - 1;
    assert_int_equal(casework_report(&f->loc.env, &f->leder, &q, &r, &ge), GENOP_EINVAL);
    assert_string_equal(ge.field, "to");
    report_release(&r);
    q = query(f, 1);
    q.paragraph = 3;
    assert_int_equal(casework_report(&f->loc.env, &f->leder, &q, &r, &ge), GENOP_EINVAL);
    assert_string_equal(ge.field, "paragraph");
    report_release(&r);
    q = query(f, 1);
    q.from = q.to - 365 * 11;
    assert_int_equal(casework_report(&f->loc.env, &f->leder, &q, &r, &ge), GENOP_EINVAL);
    assert_message_contains(ge, "120 måneder");
    report_release(&r);
}

static void test_failing_store(void **state)
{
    fixture *f = *state;
    genop_error ge;
    /* Every case has a kept view: the report is two calls of the store
     * (the cases, then the appointments), so failing from the third call
     * on changes nothing. */
    for (long n = 1; n <= 3; n++) {
        report r;
        report_query q = query(f, 2);
        genop_store_fail_from(f->loc.store, n);
        genop_err err = casework_report(&f->loc.env, &f->leder, &q, &r, &ge);
        genop_store_fail_from(f->loc.store, 0);
        assert_int_equal(err, n <= 2 ? GENOP_EIO : GENOP_OK);
        assert_true(n == 1 ? r.deadlines == NULL : r.n_deadlines > 0);
        report_release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hist_ranks),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_failing_store),
    };
    /* One database for the tests: they only read it. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
