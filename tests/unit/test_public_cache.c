/*
 * test_public_cache.c - the public pages' cache (public_cache.h) over a
 * database with one Skive case: the first request of a day computes the
 * figures, the next ones that day get the same figures from the slot (the
 * same computed_at, though asked for at a later instant), the next day
 * computes them again; each municipality has its own slot; a failing
 * store fails the request and keeps nothing, and the next one computes.
 * Many threads asking at once for a day not yet computed get one day's
 * figures each, and no thread waits forever.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <pthread.h>
#include <stdlib.h>

#include "casework_fixture.h"
#include "public_cache.h"

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    public_cache *cache;
    const genop_standard *skive, *aalborg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("pcache", f->dir, f->db, &f->loc))
        return -1;
    genop_user vis;
    casework_test_user(&f->loc, &vis, "skive", GENOP_ROLE_VISITATOR, "vis");
    casework_test_case(&f->loc, &vis, "0101501234", "Cache Borger");
    f->skive = casework_standard(&f->loc.env, "skive");
    f->aalborg = casework_standard(&f->loc.env, "aalborg");
    must(public_cache_new(2, &f->cache, e));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    public_cache_free(f->cache);
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

static bool get(fixture *f, size_t slot, const genop_standard *std, genop_date day, int64_t now,
                report_public *p)
{
    bool hit = false;
    must(public_cache_get(f->cache, slot, f->loc.env.store, std, day, now, p, &hit, e));
    return hit;
}

static void test_per_day(void **state)
{
    fixture *f = *state;
    genop_date day = date_of("2026-03-10");
    report_public p;
    assert_false(get(f, 0, f->skive, day, 1000, &p));
    assert_int_equal(p.computed_at, 1000);
    assert_int_equal(p.today, day);
    assert_true(get(f, 0, f->skive, day, 2000, &p));
    assert_int_equal(p.computed_at, 1000);         /* the day's figures, kept */
    assert_false(get(f, 1, f->aalborg, day, 3000, &p));
    assert_ptr_equal(p.standard, f->aalborg);      /* a slot of its own */
    assert_true(get(f, 0, f->skive, day, 4000, &p));
    assert_ptr_equal(p.standard, f->skive);
    assert_false(get(f, 0, f->skive, day + 1, 5000, &p));
    assert_int_equal(p.computed_at, 5000);         /* a new day: computed again */
    assert_int_equal(p.today, day + 1);
}

static void test_failure_not_kept(void **state)
{
    fixture *f = *state;
    genop_date day = date_of("2026-04-01");
    report_public p;
    genop_error ge;
    genop_store_fail_from(f->loc.store, 1);
    genop_err err = public_cache_get(f->cache, 0, f->loc.env.store, f->skive, day, 6000, &p,
                                     NULL, &ge);
    genop_store_fail_from(f->loc.store, 0);
    assert_int_equal(err, GENOP_EIO);
    assert_false(get(f, 0, f->skive, day, 7000, &p));
    assert_int_equal(p.computed_at, 7000);
}

typedef struct asker {
    fixture *f;
    genop_store *store;
    genop_date day;
    report_public p;
    genop_err err;
} asker;

static void *ask(void *arg)
{
    asker *a = arg;
    genop_error ge;
    a->err = public_cache_get(a->f->cache, 0, a->store, a->f->skive, a->day, 9000, &a->p, NULL,
                              &ge);
    return NULL;
}

/* Four threads (each with a store handle of its own) ask for a new day at
 * once: each gets figures of Skive, today's or (while another computes)
 * the day before's; afterwards the slot holds today's. */
static void test_threads(void **state)
{
    fixture *f = *state;
    genop_date day = date_of("2026-05-02");
    report_public p;
    get(f, 0, f->skive, day - 1, 8000, &p);
    asker a[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        a[i] = (asker){.f = f, .day = day};
        must(genop_store_open(f->db, NULL, &a[i].store, e));
        assert_int_equal(pthread_create(&th[i], NULL, ask, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        genop_store_close(a[i].store);
        assert_int_equal(a[i].err, GENOP_OK);
        assert_ptr_equal(a[i].p.standard, f->skive);
        assert_true(a[i].p.today == day || a[i].p.today == day - 1);
    }
    assert_true(get(f, 0, f->skive, day, 10000, &p));
    assert_int_equal(p.today, day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_day),
        cmocka_unit_test(test_failure_not_kept),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
