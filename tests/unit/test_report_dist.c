/*
 * test_report_dist.c - the report's distributions beyond the contract
 * (src/casework/report/report_dist.h), on a small hand-built Aalborg
 * history whose every number is worked out below (the workdays by
 * Aalborg's calendar, which `genop calendar between --standard aalborg`
 * agrees with; March 2025 has no holiday):
 * - the open deadlines as of Wed 2025-03-19 by workdays to due: pending
 *   and overdue, in their buckets, also those due after the period, none
 *   of a closed case; as of Sun 2025-03-23, a deadline due Friday is
 *   overdue with no workday since (the 0-5 bucket);
 * - the period rows' histograms of days and workdays;
 * - report_hist_counts() with values outside the bins, grouped;
 * - the CSV's rows and the text's section of them (report_dist_forms.c).
 * tests/api/test_report_dist.py checks the same history's JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "casework_fixture.h"
#include "report.h"
#include "report_dist.h"
#include "report_hist.h"

/* ---- the histogram's counts -------------------------------------------- */

static void test_hist_counts(void **state)
{
    (void)state;
    /* (value, times), added out of order: values outside the bins
     * (negative, 512 and more) come out grouped like the others. */
    const long added[][2] = {{900, 2}, {3, 2}, {-2, 2}, {511, 1}, {0, 1}, {512, 1}, {7, 1}};
    const long want[][2] = {{-2, 2}, {0, 1}, {3, 2}, {7, 1}, {511, 1}, {512, 1}, {900, 2}};
    report_hist h;
    memset(&h, 0, sizeof h);
    for (size_t i = 0; i < 7; i++)
        for (long k = 0; k < added[i][1]; k++)
            must(report_hist_add(&h, added[i][0], e));
    report_count *c;
    size_t n;
    must(report_hist_counts(&h, &c, &n, e));
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        if (c[i].value != want[i][0] || c[i].count != want[i][1])
            fail_msg("count %zu: %ld x%ld, not %ld x%ld", i, c[i].value, c[i].count, want[i][0],
                     want[i][1]);
    free(c);
    report_hist_release(&h);
    memset(&h, 0, sizeof h);
    must(report_hist_counts(&h, &c, &n, e));
    assert_null(c);
    assert_int_equal(n, 0);
}

/* ---- the hand-built history -------------------------------------------- */

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, leder;
} fixture;

static genop_date day(const char *iso)
{
    genop_date d;
    must(genop_date_parse(iso, &d, e));
    return d;
}

static int64_t referral(fixture *f, unsigned i, const char *paragraph, const char *date)
{
    char cpr[11], name[32];
    snprintf(cpr, sizeof cpr, "%02u0150%04u", (i + 1) % 100, (1230 + i) % 10000);
    snprintf(name, sizeof name, "Borger %u", i);
    casework_referral in = {
        .cpr = cpr, .name = name, .paragraph = paragraph, .source = "egen læge",
        .condition = "knæ", .date = day(date), .address = "Algade 1, 9000 Aalborg",
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

static void event(fixture *f, int64_t id, const char *text)
{
    must(casework_test_append(&f->loc, &f->vis, id, text, NULL, e));
}

#define GRANTED(date) "{\"type\":\"decision\",\"date\":\"" date "\",\"granted\":true," TEST_GRANT "}"
#define SESSION(date) \
    "{\"type\":\"session\",\"date\":\"" date "\",\"minutes\":45,\"outcome\":\"attended\"}"

/* Aalborg: decision 3 workdays (86.1) / 5 (86.2) from the referral; start
 * (first session) 8 / 10 workdays from it unless refused;
 * start_after_grant 5 workdays from the grant (its decision's date).
 *  1 (86.1) Mon 03-17: decision due Thu 03-20, start due Thu 03-27.
 *  2 (86.1) Mon 02-03: decision due Thu 02-06, start due Thu 02-13.
 *  3 (86.1) Mon 03-03, granted Thu 03-06 (met: 3 days, 3 workdays):
 *    start and start_after_grant due Thu 03-13.
 *  4 (86.1) Mon 03-03, closed Wed 03-05: decision due Thu 03-06 overdue,
 *    but the case is closed: not open.
 *  5 (86.2) Wed 03-19: decision due Wed 03-26, start due Wed 04-02
 *    (after the period: open all the same).
 *  6 (86.1) Tue 03-18: decision due Fri 03-21, start due Fri 03-28.
 *  7 (86.1) Mon 02-17, granted Fri 02-21 (due Thu 02-20: late, 4 days, 4
 *    workdays), first session Mon 03-03 (start due Thu 02-27: late, 14
 *    days, 10 workdays; start_after_grant due Fri 02-28: late, 10 days,
 *    6 workdays).
 *  8 (86.1) Mon 02-17, granted Thu 02-20 (met, 3 days, 3 workdays): start
 *    and start_after_grant due Thu 02-27, no session. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("report-dist", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    referral(f, 1, "86.1", "2025-03-17");
    referral(f, 2, "86.1", "2025-02-03");
    event(f, referral(f, 3, "86.1", "2025-03-03"), GRANTED("2025-03-06"));
    event(f, referral(f, 4, "86.1", "2025-03-03"),
          "{\"type\":\"closed\",\"date\":\"2025-03-05\",\"reason\":\"other\"}");
    referral(f, 5, "86.2", "2025-03-19");
    referral(f, 6, "86.1", "2025-03-18");
    int64_t seven = referral(f, 7, "86.1", "2025-02-17");
    event(f, seven, GRANTED("2025-02-21"));
    event(f, seven, SESSION("2025-03-03"));
    event(f, referral(f, 8, "86.1", "2025-02-17"), GRANTED("2025-02-20"));
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

static void compute(fixture *f, const char *as_of, unsigned threads, report *r)
{
    report_query q = {day("2025-02-01"), day("2025-03-31"), day(as_of), 0, threads};
    must(casework_report(&f->loc.env, &f->leder, &q, r, e));
}

static void assert_open(const report_open *o, const char *id, unsigned paragraph,
                        const long want[REPORT_DUE_BUCKETS])
{
    long total = 0;
    assert_string_equal(o->rule->id, id);
    assert_int_equal(o->paragraph, paragraph);
    for (size_t b = 0; b < REPORT_DUE_BUCKETS; b++) {
        if (o->buckets[b] != want[b])
            fail_msg("%s bucket %zu: %ld, not %ld", id, b, o->buckets[b], want[b]);
        total += want[b];
    }
    assert_int_equal(o->open, total);
}

/* The buckets: overdue 21+, 11-20, 6-10, 0-5; pending 0-2, 3-5, 6-10,
 * 11-20, 21+ workdays. */
static void test_buckets(void **state)
{
    (void)state;
    long want[][3] = {{GENOP_DEADLINE_OVERDUE, 21, -1}, {GENOP_DEADLINE_OVERDUE, 11, 20},
                      {GENOP_DEADLINE_OVERDUE, 6, 10},  {GENOP_DEADLINE_OVERDUE, 0, 5},
                      {GENOP_DEADLINE_PENDING, 0, 2},   {GENOP_DEADLINE_PENDING, 3, 5},
                      {GENOP_DEADLINE_PENDING, 6, 10},  {GENOP_DEADLINE_PENDING, 11, 20},
                      {GENOP_DEADLINE_PENDING, 21, -1}};
    for (size_t i = 0; i < REPORT_DUE_BUCKETS; i++) {
        const report_due_bucket *b = report_due_bucket_at(i);
        assert_int_equal(b->status, want[i][0]);
        assert_int_equal(b->min, want[i][1]);
        assert_int_equal(b->max, want[i][2]);
    }
    assert_null(report_due_bucket_at(REPORT_DUE_BUCKETS));
}

/* As of Wed 2025-03-19, workdays left (+) or past due (-):
 *   decision 86.1: 1 +1 (03-20), 2 -29 (02-06), 6 +2 (03-21);
 *   decision 86.2: 5 +5 (03-26);
 *   start 86.1: 1 +6 (03-27), 2 -24 (02-13), 3 -4 (03-13), 6 +7 (03-28),
 *     8 -14 (02-27);
 *   start 86.2: 5 +10 (04-02);
 *   start_after_grant 86.1: 3 -4 (03-13), 8 -14 (02-27). */
static void test_open_by_due(void **state)
{
    fixture *f = *state;
    for (unsigned threads = 1; threads <= 4; threads += 3) {
        report r;
        compute(f, "2025-03-19", threads, &r);
        assert_int_equal(r.n_open, 5);
        assert_open(&r.open[0], "decision", GENOP_PARA_86_1, (long[]){1, 0, 0, 0, 2, 0, 0, 0, 0});
        assert_open(&r.open[1], "decision", GENOP_PARA_86_2, (long[]){0, 0, 0, 0, 0, 1, 0, 0, 0});
        assert_open(&r.open[2], "start", GENOP_PARA_86_1, (long[]){1, 1, 0, 1, 0, 0, 2, 0, 0});
        assert_open(&r.open[3], "start", GENOP_PARA_86_2, (long[]){0, 0, 0, 0, 0, 0, 1, 0, 0});
        assert_open(&r.open[4], "start_after_grant", GENOP_PARA_86_1,
                    (long[]){0, 1, 0, 1, 0, 0, 0, 0, 0});
        report_release(&r);
    }
    /* As of Sun 2025-03-23: case 6's decision (due Fri 03-21) is overdue
     * with no workday since, case 1's (Thu 03-20) by one, case 2's by 31. */
    report r;
    compute(f, "2025-03-23", 2, &r);
    assert_true(r.n_open > 0);
    assert_open(&r.open[0], "decision", GENOP_PARA_86_1, (long[]){1, 0, 0, 2, 0, 0, 0, 0, 0});
    report_release(&r);
}

static void assert_counts(const report_count *c, size_t n, size_t want_n, const long want[][2])
{
    assert_int_equal(n, want_n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(c[i].value, want[i][0]);
        assert_int_equal(c[i].count, want[i][1]);
    }
}

/* The done deadlines due in 2025-02-01..03-31: decision 86.1: 3 (3 days,
 * 3 workdays), 7 (4, 4), 8 (3, 3); start 86.1: 7 (14, 10);
 * start_after_grant 86.1: 7 (10, 6). decision 86.2 (5, due 03-26,
 * pending) has none done: empty histograms. The months' rows have
 * none. */
static void test_histograms(void **state)
{
    fixture *f = *state;
    report r;
    compute(f, "2025-03-19", 2, &r);
    assert_int_equal(r.n_deadlines, 4);
    const report_deadline *d = &r.deadlines[0];
    assert_string_equal(d->rule->id, "decision");
    assert_true(d->has_histograms);
    assert_counts(d->days_histogram, d->n_days_histogram, 2, (const long[][2]){{3, 2}, {4, 1}});
    assert_counts(d->workdays_histogram, d->n_workdays_histogram, 2,
                  (const long[][2]){{3, 2}, {4, 1}});
    d = &r.deadlines[1];
    assert_true(d->has_histograms && d->paragraph == GENOP_PARA_86_2);
    assert_true(d->n_days_histogram == 0 && d->n_workdays_histogram == 0);
    d = &r.deadlines[2];
    assert_string_equal(d->rule->id, "start");
    assert_counts(d->days_histogram, d->n_days_histogram, 1, (const long[][2]){{14, 1}});
    assert_counts(d->workdays_histogram, d->n_workdays_histogram, 1, (const long[][2]){{10, 1}});
    d = &r.deadlines[3];
    assert_string_equal(d->rule->id, "start_after_grant");
    assert_counts(d->days_histogram, d->n_days_histogram, 1, (const long[][2]){{10, 1}});
    assert_counts(d->workdays_histogram, d->n_workdays_histogram, 1, (const long[][2]){{6, 1}});
    for (size_t m = 0; m < r.n_months; m++)
        for (size_t i = 0; i < r.months[m].n_deadlines; i++)
            assert_false(r.months[m].deadlines[i].has_histograms);
    report_release(&r);
}

/* The CSV's rows and the text's section, as of 2025-03-19. */
static void test_forms(void **state)
{
    fixture *f = *state;
    report r;
    genop_buf csv = {0}, text = {0};
    compute(f, "2025-03-19", 2, &r);
    report_write_csv(&r, &csv);
    report_write_text(&r, &text);
    assert_false(genop_buf_failed(&csv) || genop_buf_failed(&text));
    const char *rows[] = {
        "\r\ndays_histogram,,decision,86.1,3,2\r\ndays_histogram,,decision,86.1,4,1\r\n"
        "workdays_histogram,,decision,86.1,3,2\r\nworkdays_histogram,,decision,86.1,4,1\r\n"
        "days_histogram,,start,86.1,14,1\r\nworkdays_histogram,,start,86.1,10,1\r\n",
        "\r\nopen_by_due,,start,86.1,open,5\r\nopen_by_due,,start,86.1,overdue_21+,1\r\n"
        "open_by_due,,start,86.1,overdue_11-20,1\r\nopen_by_due,,start,86.1,overdue_6-10,0\r\n"
        "open_by_due,,start,86.1,overdue_0-5,1\r\nopen_by_due,,start,86.1,pending_0-2,0\r\n"
        "open_by_due,,start,86.1,pending_3-5,0\r\nopen_by_due,,start,86.1,pending_6-10,2\r\n"
        "open_by_due,,start,86.1,pending_11-20,0\r\nopen_by_due,,start,86.1,pending_21+,0\r\n",
    };
    for (size_t i = 0; i < 2; i++)
        if (!strstr(csv.data, rows[i]))
            fail_msg("no rows\n%s\nin\n%s", rows[i], csv.data);
    const char *section = "\nÅbne frister pr. 19. marts 2025 efter arbejdsdage til forfald\n"
                          "  Afgørelse (bevilling) (§ 86, stk. 1, decision): 3 åbne\n"
                          "    overskredet 21+: 1, 11-20: 0, 6-10: 0, 0-5: 0; forfalder om 0-2: 2,"
                          " 3-5: 0, 6-10: 0, 11-20: 0, 21+: 0 arbejdsdage\n";
    if (!strstr(text.data, section))
        fail_msg("no section\n%s\nin\n%s", section, text.data);
    genop_buf_release(&csv);
    genop_buf_release(&text);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hist_counts),
        cmocka_unit_test(test_buckets),
        cmocka_unit_test(test_open_by_due),
        cmocka_unit_test(test_histograms),
        cmocka_unit_test(test_forms),
    };
    /* One database for the tests: they only read it. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
