/*
 * test_report_public.c - the public page's figures (report_public.h) on a
 * hand-built history of Skive's cases, every number worked out by hand
 * below, as of three days:
 * - 2026-01-15 (a January: the last month is December 2025, the 12
 *   months January-December 2025: the year wraps);
 * - 2025-12-10 (the last month is November, the 12 months December 2024 -
 *   November 2025);
 * - 2026-02-01 (the first of a month: January 2026 is the last month);
 * with each period's first and last day inside it, the days either side
 * outside, a count of 5 shown and of 4 suppressed, the share exact, as a
 * bound and withheld; and the share's rules alone
 * (report_public_figures), the citizen's complaint window left out, and
 * the JSON and the page holding no name, CPR number or case id.
 *
 * Skive's promise "start": the first session at most 14 calendar days
 * after the referral (unless refused). Each case is referred on R,
 * granted on R + 1, and has its first session on S (or none); its start
 * deadline is due on R + 14:
 *   A  R 2025-12-17, due 2025-12-31: 3 met (S 12-31, the due day itself),
 *      1 late (S 2026-01-02), 1 overdue (no session)
 *   B  R 2025-11-17, due 2025-12-01: 2 met (S 11-20), 2 late (S 12-02)
 *   C  R 2025-11-16, due 2025-11-30: 6 late (S 12-05)
 *   D  R 2024-12-18, due 2025-01-01: 1 met (S 12-20)
 *   E  R 2024-12-17, due 2024-12-31: 4 met (S 12-20)
 *   F  R 2025-12-19, due 2026-01-02: 2 overdue (no session)
 * As of 2026-01-15:
 *   December 2025 (A, B): met 5, late 3, overdue 1: kept 5 (shown: not
 *     below 5), not kept 4 ("<5"), open 1 ("<5"); share at least
 *     5 / (5 + 4) = 0.5555 (rounded down).
 *   2025 (A, B, C, D; not E, due the day before; not F, due in January
 *     2026): met 6, late 9, overdue 1: kept 6, not kept 10, open 1
 *     ("<5"); share 6 / 16 = 0.375.
 * As of 2025-12-10:
 *   November 2025 (C): late 6: kept 0 ("<5"), not kept 6, open 0 ("<5");
 *     share at most 4 / (4 + 6) = 0.4.
 *   December 2024 - November 2025 (E, D, C): met 5, late 6: kept 5, not
 *     kept 6; share 5 / 11 = 0.4545 (0.454545... half up).
 * As of 2026-02-01:
 *   January 2026 (F): overdue 2: not kept 2, open 2: all "<5"; share
 *     withheld, fewer than 5 deadlines.
 *   February 2025 - January 2026 (C, B, A, F; not D): met 5, late 9,
 *     overdue 3: kept 5, not kept 12, open 3 ("<5"); share 5 / 17 =
 *     0.2941.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "casework_fixture.h"
#include "report_public.h"

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis;
    const genop_standard *skive;
} fixture;

/* A group of cases: referred on R, first session on S ("" for none). */
typedef struct group {
    const char *referred, *session;
    int n;
} group;

static const group groups[] = {
    {"2025-12-17", "2025-12-31", 3}, {"2025-12-17", "2026-01-02", 1}, {"2025-12-17", "", 1},
    {"2025-11-17", "2025-11-20", 2}, {"2025-11-17", "2025-12-02", 2},
    {"2025-11-16", "2025-12-05", 6},
    {"2024-12-18", "2024-12-20", 1},
    {"2024-12-17", "2024-12-20", 4},
    {"2025-12-19", "", 2},
};

static int64_t refer(fixture *f, int i, genop_date date)
{
    char cpr[16], name[32];
    snprintf(cpr, sizeof cpr, "%02d0350%04d", i % 28 + 1, (4100 + i) % 10000);
    snprintf(name, sizeof name, "Offentlig Borger %d", i);
    casework_referral in = {
        .cpr = cpr, .name = name, .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = date, .address = "Østergade 7, 7800 Skive",
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

static void append(fixture *f, int64_t id, const char *json)
{
    must(casework_test_append(&f->loc, &f->vis, id, json, NULL, e));
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("public", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "skive", GENOP_ROLE_VISITATOR, "vis");
    f->skive = casework_standard(&f->loc.env, "skive");
    int i = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        for (int k = 0; k < groups[g].n; k++, i++) {
            genop_date r = date_of(groups[g].referred);
            int64_t id = refer(f, i, r);
            char ev[256], d[GENOP_DATE_STR_SIZE];
            snprintf(ev, sizeof ev, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true,"
                     TEST_GRANT "}", genop_date_format(r + 1, d));
            append(f, id, ev);
            if (groups[g].session[0]) {
                snprintf(ev, sizeof ev, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
                         "\"outcome\":\"attended\"}", groups[g].session);
                append(f, id, ev);
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

static void compute(fixture *f, const char *today, report_public *p)
{
    must(report_public_compute(f->loc.env.store, f->skive, date_of(today), 1767225600, p, e));
}

/* Skive's promises: start and complaint_forward; not the citizen's
 * complaint window. Returns "start". */
static const public_promise *start_of(const report_public *p)
{
    assert_int_equal(p->n_promises, 2);
    assert_string_equal(p->promises[0].rule->id, "start");
    assert_string_equal(p->promises[1].rule->id, "complaint_forward");
    return &p->promises[0];
}

static void assert_count(public_count c, bool suppressed, long value)
{
    assert_int_equal(c.suppressed, suppressed);
    assert_int_equal(c.value, value);   /* 0 when suppressed: the value never leaves */
}

static void assert_share(const public_figures *f, public_share_kind kind, long e4)
{
    assert_int_equal(f->share, kind);
    assert_int_equal(f->share_e4, e4);
}

static void assert_period(const report_public *p, const char *mf, const char *mt,
                          const char *yf, const char *yt)
{
    assert_int_equal(p->month_from, date_of(mf));
    assert_int_equal(p->month_to, date_of(mt));
    assert_int_equal(p->year_from, date_of(yf));
    assert_int_equal(p->year_to, date_of(yt));
}

static void test_january(void **state)
{
    fixture *f = *state;
    report_public p;
    compute(f, "2026-01-15", &p);
    assert_period(&p, "2025-12-01", "2025-12-31", "2025-01-01", "2025-12-31");
    const public_promise *s = start_of(&p);
    assert_count(s->month.kept, false, 5);
    assert_count(s->month.not_kept, true, 0);
    assert_count(s->month.open, true, 0);
    assert_share(&s->month, PUBLIC_SHARE_AT_LEAST, 5555);
    assert_count(s->year.kept, false, 6);
    assert_count(s->year.not_kept, false, 10);
    assert_count(s->year.open, true, 0);
    assert_share(&s->year, PUBLIC_SHARE_EXACT, 3750);
    /* no complaints: everything small, the share withheld */
    assert_count(p.promises[1].year.kept, true, 0);
    assert_int_equal(p.promises[1].year.share, PUBLIC_SHARE_FEW);
}

static void test_december(void **state)
{
    fixture *f = *state;
    report_public p;
    compute(f, "2025-12-10", &p);
    assert_period(&p, "2025-11-01", "2025-11-30", "2024-12-01", "2025-11-30");
    const public_promise *s = start_of(&p);
    assert_count(s->month.kept, true, 0);
    assert_count(s->month.not_kept, false, 6);
    assert_count(s->month.open, true, 0);
    assert_share(&s->month, PUBLIC_SHARE_AT_MOST, 4000);
    assert_count(s->year.kept, false, 5);
    assert_count(s->year.not_kept, false, 6);
    assert_share(&s->year, PUBLIC_SHARE_EXACT, 4545);
}

static void test_first_of_month(void **state)
{
    fixture *f = *state;
    report_public p;
    compute(f, "2026-02-01", &p);
    assert_period(&p, "2026-01-01", "2026-01-31", "2025-02-01", "2026-01-31");
    const public_promise *s = start_of(&p);
    assert_count(s->month.kept, true, 0);
    assert_count(s->month.not_kept, true, 0);
    assert_count(s->month.open, true, 0);
    assert_share(&s->month, PUBLIC_SHARE_FEW, 0);
    assert_count(s->year.kept, false, 5);
    assert_count(s->year.not_kept, false, 12);
    assert_count(s->year.open, true, 0);
    assert_share(&s->year, PUBLIC_SHARE_EXACT, 2941);
}

/* The share's rules alone: 4 is small and 5 is not, the bounds, the
 * share withheld under 5 deadlines and when both of its counts are small. */
static void test_figures(void **state)
{
    (void)state;
    public_figures f = report_public_figures(4, 0, 0, 0);
    assert_count(f.kept, true, 0);
    assert_share(&f, PUBLIC_SHARE_FEW, 0);
    f = report_public_figures(5, 0, 0, 0);
    assert_count(f.kept, false, 5);
    assert_count(f.not_kept, true, 0);
    assert_share(&f, PUBLIC_SHARE_AT_LEAST, 5555);       /* 5 / 9 at the least */
    f = report_public_figures(3, 1, 1, 0);               /* 5 deadlines, both parts small */
    assert_share(&f, PUBLIC_SHARE_SMALL_PARTS, 0);
    f = report_public_figures(2, 1, 1, 0);               /* 4 deadlines */
    assert_share(&f, PUBLIC_SHARE_FEW, 0);
    f = report_public_figures(3, 4, 3, 0);               /* at most 4 / 11, rounded up */
    assert_share(&f, PUBLIC_SHARE_AT_MOST, 3637);
    f = report_public_figures(5, 3, 2, 7);               /* pending: open, not in the share */
    assert_count(f.not_kept, false, 5);
    assert_count(f.open, false, 9);
    assert_share(&f, PUBLIC_SHARE_EXACT, 5000);
    f = report_public_figures(2, 1, 0, 0);
    assert_count(f.kept, true, 0);
    f = report_public_figures(200, 0, 5, 0);             /* 200 / 205 = 0.97560... */
    assert_share(&f, PUBLIC_SHARE_EXACT, 9756);
}

/* The JSON and the page: the suppressed counts as null / "<5", and none
 * of the cases' names, CPR numbers, addresses or dates. */
static void test_writers(void **state)
{
    fixture *f = *state;
    report_public p;
    compute(f, "2026-01-15", &p);
    genop_buf j = {0}, h = {0};
    report_public_write_json(&p, &j);
    report_public_write_html(&p, "/offentlig.css", "/api/v1/public/skive", &h);
    assert_false(genop_buf_failed(&j));
    assert_false(genop_buf_failed(&h));
    assert_non_null(strstr(j.data, "\"kept\":{\"count\":5,\"suppressed\":false}"));
    assert_non_null(strstr(j.data, "\"not_kept\":{\"count\":null,\"suppressed\":true}"));
    assert_non_null(strstr(j.data, "\"share_kept_at_least\":0.5555"));
    assert_non_null(strstr(j.data, "\"share_kept\":0.375"));
    assert_non_null(strstr(h.data, "<td class=\"small\">&lt;5</td>"));
    assert_non_null(strstr(h.data, "mindst 55,5&nbsp;%"));
    assert_non_null(strstr(h.data, "37,5&nbsp;%"));
    assert_non_null(strstr(h.data, "<h1>Hvordan holder Skive Kommune sine løfter om genoptræning?</h1>"));
    const char *never[] = {"Offentlig Borger", "0350", "Østergade", "2025-12-17", "2025-11-16",
                           "Klagefrist"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        assert_null(strstr(j.data, never[i]));
        assert_null(strstr(h.data, never[i]));
    }
    genop_buf_release(&j);
    genop_buf_release(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_january),
        cmocka_unit_test(test_december),
        cmocka_unit_test(test_first_of_month),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_writers),
    };
    /* One database for the tests: they only read it. */
    return cmocka_run_group_tests(tests, setup, teardown);
}
